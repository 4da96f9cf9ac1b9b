"""CSV cells: never a formula in a spreadsheet, and read back exactly as they were."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.csv_cells import FORMULA_STARTS, protect_cell, unprotect_cell

# (value, as written to the file)
CASES = [
    ('=HYPERLINK("http://x","click")', '\'=HYPERLINK("http://x","click")'),
    ("+1 555 0100", "'+1 555 0100"),
    ("-20% response time", "'-20% response time"),
    ("@channel news", "'@channel news"),
    ("-5", "-5"),  # a number, not a formula
    ("+3.5", "+3.5"),
    ("-.5", "-.5"),
    ("-5e3", "'-5e3"),  # not the shape exports write numbers in: kept as text
    ("Reach 60k", "Reach 60k"),
    ("'=x", "''=x"),  # typed with an apostrophe: it survives the round trip
    ("''", "'''"),
    ("'hello", "'hello"),  # an apostrophe before ordinary text needs no protection
    ("'", "'"),
    ("", ""),
]


@pytest.mark.parametrize(("value", "written"), CASES)
def test_a_cell_is_protected_and_read_back(value: str, written: str) -> None:
    assert protect_cell(value) == written
    assert unprotect_cell(written) == value


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_reads_back_as_it_was_and_is_never_a_formula(value: str) -> None:
    written = protect_cell(value)

    assert unprotect_cell(written) == value
    if written.startswith(FORMULA_STARTS):
        assert written.lstrip("+-").replace(".", "", 1).isdigit()
