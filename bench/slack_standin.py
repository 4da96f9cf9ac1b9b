"""The Slack stand-in for bench/load.py, in a process of its own (so its work is not the
load generator's): the sandbox workspace with `PEOPLE` people.

Prints one JSON line (api_url, bot_token, signing_secret, im channels), then answers each
line read on standard input with the number of messages the bot has posted so far (DM
posts and `response_url` answers); ends when standard input closes.

    python bench/slack_standin.py TEAM PEOPLE
"""

from __future__ import annotations

import json
import sys

from bot.sandbox import SlackSandbox


def main() -> None:
    team, people = sys.argv[1], int(sys.argv[2])
    with SlackSandbox(team_id=team) as sandbox:
        users = [f"U{n}" for n in range(people)]
        for user in users:
            sandbox.add_user(user, tz="Europe/Bucharest")
        config = {
            "api_url": sandbox.api_url,
            "bot_token": sandbox.bot_token,
            "signing_secret": sandbox.signing_secret,
            "response_base": sandbox.response_url("C", "U").removesuffix("/C/U"),
            "ims": {user: sandbox.im_channel(user) for user in users},
        }
        print(json.dumps(config), flush=True)
        for _line in sys.stdin:
            bot = sandbox.bot_user_id
            posted = sum(1 for m in list(sandbox.messages) if m.user == bot)
            print(posted, flush=True)


if __name__ == "__main__":
    main()
