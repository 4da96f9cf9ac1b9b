"""Posting the interview's messages where it runs; shared by its command, message and buttons."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.listeners.home import refresh_homes
from bot.render.interview import interview_message
from bot.services.interview import InterviewView
from bot.slack.actor import Actor


def post(client: WebClient, view: InterviewView, *, channel_id: str) -> None:
    """Post the view in the interview's place (its DM or thread), else in `channel_id`."""
    text, blocks = interview_message(view)
    client.chat_postMessage(
        channel=view.channel_id or channel_id, text=text, blocks=blocks, thread_ts=view.thread_ts
    )


def show_saved_on_home(actor: Actor, view: InterviewView) -> None:
    """Once the interview saves a goal, it appears on the App Home of its maker and owner."""
    if view.saved is not None:
        refresh_homes(actor, goal_ids=[view.saved.goal_id])
