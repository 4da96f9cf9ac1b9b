"""The one base of every exception checkin-bot raises, so a caller can catch them all.

```
CheckinBotError
├── ConfigError            a setting is missing or malformed             bot.config
├── UsageError             a command-line mistake                        bot.cli_common
├── DatabaseUnavailable    the database cannot be reached                storage.db
├── MissingWorkspace       a storage call without a workspace id         storage.repo
│                          (also a ValueError)
├── WorkspaceNotInstalled  no installation or bot token for a workspace  bot.slack.workspaces
│                          (also a LookupError)
├── TokenKeyError          no key, or none opens a stored Slack token    storage.tokens
└── ImportRejected         an import file has problems; nothing imported bot.services.import_files
```

Each lives beside the code that raises it. What people type is never an exception:
parsers return a `bot.core.parse_error.ParseError` instead. This module imports
nothing, so `storage` can use it without an import cycle.
"""


class CheckinBotError(Exception):
    """Something checkin-bot itself reports; the message is fit for a person."""
