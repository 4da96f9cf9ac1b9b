"""Getting a file a person shared: `files.info`, then its `url_private_download` with the bot
token as `Authorization: Bearer` (Slack answers anything else with its sign-in page).

Only CSV-like files are fetched, up to `MAX_FILE_BYTES`; the download does not follow
redirects, so a sign-in page (a redirect, or HTML) is a failed download, never data.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import httpx
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

MAX_FILE_BYTES = 2_000_000
"""The largest export read (a year of daily rows with many columns is far smaller)."""

DOWNLOAD_TIMEOUT = 10.0
"""Seconds a download may take, connecting and reading."""

_TEXT_KINDS = frozenset({"csv", "tsv", "text", "txt"})
_OK = 200


@dataclass(frozen=True, slots=True)
class SharedFile:
    """A shared file's name and bytes."""

    name: str
    content: bytes


class FileTrouble(StrEnum):
    """Why a shared file was not read; `bot.render.analytics_files` has the words."""

    GONE = "gone"  # deleted, or not visible to the bot
    NOT_CSV = "not_csv"  # a spreadsheet, an image, a PDF...
    TOO_BIG = "too_big"
    NO_DOWNLOAD = "no_download"  # Slack did not give the bytes


def is_table_file(file: dict[str, Any]) -> bool:
    """Whether a shared file looks like a CSV export (by its type or name)."""
    name = str(file.get("name") or "").lower()
    return str(file.get("filetype") or "") in _TEXT_KINDS or name.endswith((".csv", ".tsv"))


def fetch_shared_file(client: WebClient, file_id: str) -> SharedFile | FileTrouble:
    """The file's name and bytes, or why they could not be had."""
    try:
        file = client.files_info(file=file_id)["file"]
    except SlackApiError:
        return FileTrouble.GONE
    if not is_table_file(file):
        return FileTrouble.NOT_CSV
    if int(file.get("size") or 0) > MAX_FILE_BYTES:
        return FileTrouble.TOO_BIG
    url = str(file.get("url_private_download") or file.get("url_private") or "")
    if not url:
        return FileTrouble.NO_DOWNLOAD
    content = _download(url, str(client.token or ""))
    return content if isinstance(content, FileTrouble) else SharedFile(file["name"], content)


def _download(url: str, token: str) -> bytes | FileTrouble:
    headers = {"Authorization": f"Bearer {token}"}
    try:
        with httpx.stream(
            "GET", url, headers=headers, timeout=DOWNLOAD_TIMEOUT, follow_redirects=False
        ) as answer:
            kind = answer.headers.get("content-type", "")
            if answer.status_code != _OK or kind.startswith("text/html"):
                return FileTrouble.NO_DOWNLOAD
            content = bytearray()
            for chunk in answer.iter_bytes():
                content.extend(chunk)
                if len(content) > MAX_FILE_BYTES:
                    return FileTrouble.TOO_BIG
            return bytes(content)
    except httpx.HTTPError:
        return FileTrouble.NO_DOWNLOAD
