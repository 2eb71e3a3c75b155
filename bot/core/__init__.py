"""Pure calculation core: Decimal only, frozen pydantic models in and out, no I/O.

Nothing in this package imports telegram, lark, sqlalchemy or anything that touches the
network or the disk (contract data is loaded by ``bot.core.contracts`` from package data only
when asked).
"""
