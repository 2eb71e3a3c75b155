"""平仓助手 (pingcang): exact futures and derivatives calculations for traders.

Data flows one way: text → Lark LALR parser (``grammar/``) → pydantic command models →
pure calculation core (``bot.core``, Decimal, no I/O) → result models → formatter → reply.
"""

__version__ = "0.1.0"
