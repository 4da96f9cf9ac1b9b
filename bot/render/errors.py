"""What a person reads when something failed on the bot's side."""

from __future__ import annotations

SORRY = (
    "Sorry, something went wrong on my side and nothing was changed. Please try again in a moment."
)
"""Said by the global error handler in place of a traceback."""
