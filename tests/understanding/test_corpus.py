"""Every phrasing of the corpus gives the expected route, figures or friendly error."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from bot.defaults import ChatDefaults
from bot.parse.parser import get_parser
from bot.pipeline import CalcRoute, TermRoute, answer, understand
from tests.understanding.corpus import CASES, Case


def _lookup(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def _matches(actual: Any, expected: str) -> bool:
    if expected in ("True", "False"):
        return str(actual) == expected
    try:
        wanted = Decimal(expected)
    except ArithmeticError:
        return str(actual) == expected
    value = Decimal(str(actual))
    places = -wanted.as_tuple().exponent if "." in expected else 0
    if places:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        return value == wanted
    return value == wanted


def test_corpus_is_large_and_distinct() -> None:
    texts = [case.text for case in CASES]
    assert len(texts) >= 200
    assert len(set(texts)) == len(texts)


@pytest.mark.parametrize("case", CASES, ids=[f"{i:03d}" for i in range(len(CASES))])
def test_phrasing(case: Case) -> None:
    reply = answer(case.text)
    if case.kind == "error":
        assert not reply.ok, reply.text
        assert reply.kind == "error"
        assert case.expect["message"] in reply.text, reply.text
        return
    assert reply.ok, reply.text
    route = understand(get_parser(), case.text, ChatDefaults())
    if case.kind == "term":
        assert isinstance(route, TermRoute)
        assert ",".join(route.query.terms) == case.expect["terms"]
        if "mode" in case.expect:
            assert route.query.mode == case.expect["mode"]
        if "values" in case.expect:
            got = ",".join(f"{k}={v}" for k, v in sorted(route.values.items()))
            assert got == case.expect["values"]
        return
    assert isinstance(route, CalcRoute)
    assert route.plan.kind == case.kind
    assert reply.result is not None
    # a contract question's result is the lookup: the card's figures are under "contract"
    result = reply.result["contract"] if case.kind == "contract" else reply.result
    for path, expected in case.expect.items():
        actual = _lookup(result, path)
        assert _matches(actual, expected), f"{path}: {actual} != {expected}\n{reply.text}"
