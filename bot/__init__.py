"""checkin-bot: SMART goals and OKRs for social-media teams, in Slack."""

__version__ = "0.1.0"
