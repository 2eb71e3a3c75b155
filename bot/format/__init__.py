"""Formatters: calculation results → compact, phone-sized Chinese ``Block`` tuples.

Each module formats the results of one core module; shared number display and table layout
helpers live in ``bot.format.numbers``.
"""
