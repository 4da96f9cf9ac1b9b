"""How the tables' columns are declared: aware UTC times, exact decimals, enums as text,
rows owned by another, and the stable constraint names migrations refer to."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from storage.types import ExactDecimal, StrEnumText, UTCDateTime

# Stable constraint names, so migrations can name what they alter on both databases.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_field(**kwargs: Any) -> Any:
    return Field(sa_type=UTCDateTime, **kwargs)


def decimal_field(**kwargs: Any) -> Any:
    return Field(sa_type=ExactDecimal, **kwargs)


def enum_field(enum: type[StrEnum], length: int, **kwargs: Any) -> Any:
    return Field(sa_type=StrEnumText(enum, length), max_length=length, **kwargs)


def owned_by(table: str, *, optional: bool = True) -> Any:
    """A reference to `table`'s row, gone with it; an optional one defaults to None."""
    column = Column(Integer, ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=optional)
    return Field(default=None, sa_column=column) if optional else Field(sa_column=column)
