"""Scheduled deliveries: reminders and digests, each sent once, in the right local time."""
