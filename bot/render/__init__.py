"""Block Kit built from the services' view objects; `text.py` reads it back as plain text."""
