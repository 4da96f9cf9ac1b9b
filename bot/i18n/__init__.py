"""Speaking the team's language: message catalogues, numbers and dates per locale, and
right-to-left text. Which language to use is decided in bot.core.languages."""
