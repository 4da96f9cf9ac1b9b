"""The yardstick for bench/load.py: a Bolt app that only acknowledges, served the same way.

Run by the benchmark as a separate process:
    python bench/bare_bolt.py PORT SIGNING_SECRET API_URL TOKEN
"""

from __future__ import annotations

import sys
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.slack.http import MAX_BODY_BYTES


def main() -> None:
    port, secret, api_url, token = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    app = App(client=WebClient(token=token, base_url=api_url), signing_secret=secret)

    @app.command("/goals")
    def only_ack(ack: Ack) -> None:
        ack()

    @app.event("message")
    def ignore(body: dict[str, Any]) -> None:
        return None

    from slack_bolt.adapter.wsgi import SlackRequestHandler
    from waitress import serve

    serve(
        SlackRequestHandler(app),
        host="127.0.0.1",
        port=int(port),
        threads=8,
        max_request_body_size=MAX_BODY_BYTES,
        _quiet=True,
    )


if __name__ == "__main__":
    main()
