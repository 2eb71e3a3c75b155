"""``MessageSpec.of`` builds the same spec as the dataclass constructor, only faster."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from bot.parse.spec import LegSpec, MessageSpec, RateSpec


def test_of_equals_the_constructor() -> None:
    values = {
        "legs": (LegSpec(word="open_long", text="开多", lots=Decimal(2), price=Decimal(1000)),),
        "numbers": 3,
        "multiplier": Decimal(100),
        "margin": RateSpec(Decimal("0.1"), "fraction", "10%"),
    }
    fast = MessageSpec.of(values)
    assert fast == MessageSpec(**values)
    assert MessageSpec.of({}) == MessageSpec()
    assert hash(fast) == hash(MessageSpec(**values))
    assert dataclasses.replace(fast, numbers=4) == MessageSpec(**{**values, "numbers": 4})


def test_of_stays_frozen_and_refuses_unknown_fields() -> None:
    spec = MessageSpec.of({"numbers": 1})
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.numbers = 2  # type: ignore[misc]
    with pytest.raises(TypeError, match="no_such_field"):
        MessageSpec.of({"no_such_field": 1})
