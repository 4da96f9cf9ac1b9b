"""The pure core: plain values in, plain values out. No Slack, no database, no clock reads."""
