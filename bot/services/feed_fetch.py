"""Fetching a feed's CSV over HTTP: http and https only, public addresses only (unless
`FEED_ALLOW_PRIVATE`), a timeout, a size cap, and the server's validators sent back.

Private, loopback, link-local and other non-global addresses are refused so a feed
cannot make the bot read its own network (the cloud's metadata service, a database's
admin page). The host's addresses are checked before each fetch and redirects are not
followed (one could lead to such an address); a server that moved the file says where,
and the person follows that URL instead.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from bot.i18n.catalogue import N_

MAX_FEED_BYTES = 2_000_000
"""The largest feed read; a bigger answer is refused, not cut."""

FEED_TIMEOUT = 10.0
"""Seconds to connect, and between bytes read."""

_SCHEMES = {"http": 80, "https": 443}
_OK, _NOT_MODIFIED = 200, 304


@dataclass(frozen=True, slots=True)
class Fetched:
    """The feed's bytes and the validators to send next time."""

    content: bytes
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True, slots=True)
class NotModified:
    """The server says the file has not changed since the validators sent."""


@dataclass(frozen=True, slots=True)
class AddressProblem:
    """Why an address cannot be followed: an English sentence (translated when shown to a
    person) with the `{host}` it names."""

    message: str
    host: str = ""

    def worded(self, translate: Callable[[str], str] = str) -> str:
        return translate(self.message).format(host=self.host)


def check_url(url: str, *, allow_private: bool) -> AddressProblem | None:
    """None when a feed may be fetched from `url`; otherwise why not.

    Example:
        >>> check_url("ftp://example.com/a.csv", allow_private=False).worded()
        'only http:// and https:// addresses can be followed'
        >>> check_url("http://127.0.0.1:8000/a.csv", allow_private=False).worded()
        '127.0.0.1 is a private or local address (`FEED_ALLOW_PRIVATE=1` allows them)'
    """
    parts = urlsplit(url)
    if parts.scheme not in _SCHEMES:
        return AddressProblem(N_("only http:// and https:// addresses can be followed"))
    host = parts.hostname
    if not host:
        return AddressProblem(N_("that address names no server"))
    if allow_private:
        return None
    try:
        port = parts.port or _SCHEMES[parts.scheme]
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError, ValueError):
        return AddressProblem(N_("the server {host} cannot be found"), host)
    for *_, address in found:
        if not ipaddress.ip_address(str(address[0]).split("%")[0]).is_global:
            private = N_(
                "{host} is a private or local address (`FEED_ALLOW_PRIVATE=1` allows them)"
            )
            return AddressProblem(private, host)
    return None


def fetch_csv(
    url: str, *, validators: tuple[str | None, str | None], allow_private: bool
) -> Fetched | NotModified | str:
    """The feed's bytes, `NotModified`, or what went wrong (a sentence)."""
    refused = check_url(url, allow_private=allow_private)
    if refused:
        return refused.worded()
    etag, last_modified = validators
    headers = {"Accept": "text/csv, text/plain;q=0.9, */*;q=0.1"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        with httpx.stream(
            "GET", url, headers=headers, timeout=FEED_TIMEOUT, follow_redirects=False
        ) as answer:
            return _read(answer)
    except httpx.TimeoutException:
        return f"no answer within {FEED_TIMEOUT:.0f} seconds"
    except httpx.HTTPError as exc:
        return f"could not fetch it ({type(exc).__name__})"


def _read(answer: httpx.Response) -> Fetched | NotModified | str:
    if answer.status_code == _NOT_MODIFIED:
        return NotModified()
    if answer.is_redirect:
        moved = answer.headers.get("location", "")
        return f"the file moved to {moved}: follow that address instead"
    if answer.status_code != _OK:
        return f"the server answered {answer.status_code}"
    if int(answer.headers.get("content-length") or 0) > MAX_FEED_BYTES:
        return f"the file is over {MAX_FEED_BYTES // 1_000_000} MB"
    content = bytearray()
    for chunk in answer.iter_bytes():
        content.extend(chunk)
        if len(content) > MAX_FEED_BYTES:
            return f"the file is over {MAX_FEED_BYTES // 1_000_000} MB"
    headers = answer.headers
    return Fetched(bytes(content), headers.get("etag"), headers.get("last-modified"))
