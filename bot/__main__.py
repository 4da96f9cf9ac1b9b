"""`python -m bot` does what `checkin-bot` does."""

import sys

from bot.cli import main

sys.exit(main())
