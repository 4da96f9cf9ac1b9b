"""A fake Slack workspace on 127.0.0.1: Web API, Socket Mode and a signed-request driver.

Tests and `checkin-bot console` talk to it over real sockets, exactly as the bot
talks to Slack; nothing here ever reaches slack.com.
"""

from bot.sandbox.driver import SlackDriver
from bot.sandbox.server import SlackSandbox

__all__ = ["SlackDriver", "SlackSandbox"]
