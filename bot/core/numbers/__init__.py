"""The numbers people type and the bot writes back.

`read` parses quantities ("41.2k", "۱۲ هزار", "2h 30m", "₺500"), `write` formats them,
`targets` reads a target as typed or as a change from the baseline ("+20%", "double it").
"""
