"""A person drops a file into Slack: the upload kept by the sandbox, then the `file_share`
message event Slack sends for it (with the file objects, as `files.info` gives them)."""

from __future__ import annotations

from bot.sandbox.driver import SlackDriver
from bot.sandbox.state import Message


def drop_file(
    driver: SlackDriver,
    user: str,
    file: tuple[str, bytes],
    *,
    channel: str | None = None,
    thread_ts: str | None = None,
) -> Message:
    """Drop a file (name, bytes) into the DM with the bot (or `channel`, or a thread of it),
    with no text.

    Example:
        >>> drop_file(driver, "U1", ("reach.csv", b"Date,Reach\\n2025-11-23,41200\\n"))
    """
    name, content = file
    channel = channel or driver.sandbox.im_channel(user)
    kind = name.rpartition(".")[2].lower()
    shared = driver.sandbox.share_file(
        user=user, channel=channel, name=name, content=content, filetype=kind
    )
    stored = driver.sandbox.record_user_message(channel, user, "", thread_ts)
    stored.files = [shared]
    return driver.send_message(stored)
