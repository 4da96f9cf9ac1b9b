"""The REST API at /api/v1: check-ins and goals for scripts and other tools, with
per-workspace tokens (`/goals token new`). Served by the same HTTP server as Slack's events."""
