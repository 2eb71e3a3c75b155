"""Resolve: a parsed ``MessageSpec`` + the contract table + the chat's defaults → a ``Plan``.

A plan is one core request (what to compute), what was understood (the parts of the 我理解为
line, defaults and contract-table values included), the notes to show and the mirrored
question. Anything missing or conflicting becomes a ``UserFacingError`` that asks for it, with
an example in the trader's own numbers. This package never calls the core's calculations nor
formats results: the pipeline does (``bot.pipeline.registry``).

- ``resolver``: decides what was asked and which plan builds the request;
- ``context``: the plan type, the context a plan reads, contract and money defaults;
- ``legs``: direction words → open/close legs with sides and lots;
- ``loose_numbers``: numbers typed without a key, put where they belong;
- one module per family of plans: ``futures``, ``crypto``, ``options``, ``stocks``,
  ``sizing``, ``contracts``, ``leverage``, ``price_move``, ``equity``;
- ``understood``: the wording of what was understood; ``unused``: values typed but not used.
"""

from bot.resolve.context import Plan
from bot.resolve.resolver import resolve

__all__ = ["Plan", "resolve"]
