"""Follow-ups: a reply to one of the bot's answers that changes that calculation.

``follow_up(question, text)`` rewrites the earlier question with the change the reply asks
for and returns the new question (the caller answers it with ``bot.pipeline.answer``), or
None when the reply is not a change of that question (it is then a question of its own):

- lots: ``改成3手`` / ``3手呢`` (every lot count), ``加一手`` / ``减2手``;
- a price by its word: ``平仓 3600 呢``, ``止损改3450``, ``止盈3600``, ``现价3400``,
  ``权益20万``, ``保证金12%``, ``杠杆20倍`` (replaced, or added when the question had none);
- the contract: ``换成 i`` / ``改成IF`` (a symbol the contract table knows);
- the fee: ``手续费按万分之一`` / ``手续费3元/手`` (replaces the fee clause).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_NUMERALS = {
    "一": 1,
    "两": 2,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
_NUMBER = r"\d+(?:\.\d+)?"
_COUNT = rf"(?P<count>{_NUMBER}|[一两二三四五六七八九十])"
_CHANGE = r"(?:改成|改为|改|换成|换为|变成|按|用|是|到|为)?"
_TAIL = r"\s*(?:呢|吧|呀|啊|了|的话|怎么样|多少|会怎样|[?？。!！,，])*\s*"
_LOTS = re.compile(rf"(?P<lots>{_NUMBER})\s*(?P<unit>手|个|张)")
_LOTS_ASKED = re.compile(
    rf"^(?:改成|改为|改|换成|变成|如果|要是)?\s*{_COUNT}\s*(?P<unit>手|个|张){_TAIL}$"
)
_LOTS_MORE = re.compile(rf"^(?P<sign>加|减|多|少)\s*{_COUNT}\s*(?:手|个|张){_TAIL}$")
_PRICE_WORDS = ("平仓", "止损", "止盈", "现价", "权益", "保证金", "开仓", "入场", "杠杆")
_PRICE_ASKED = re.compile(
    rf"^(?P<word>{'|'.join(_PRICE_WORDS)})(?:价|价格)?\s*{_CHANGE}\s*"
    rf"(?P<value>{_NUMBER}(?:万|%|倍)?){_TAIL}$"
)
_CONTRACT_ASKED = re.compile(
    rf"^(?:换成|换为|改成|改为|换)\s*(?P<symbol>[A-Za-z]{{1,6}}\d{{0,4}}){_TAIL}$"
)
_FEE_ASKED = re.compile(rf"^手续费\s*(?:改成|改为|改|按|用)?\s*(?P<fee>\S+?){_TAIL}$")
_FEE_CLAUSE = re.compile(r"手续费\s*\S+")
_SYMBOL = re.compile(r"(?<![A-Za-z])[A-Za-z]{1,6}\d{0,4}(?![A-Za-z])")


def _count(text: str) -> str:
    return str(_NUMERALS[text]) if text in _NUMERALS else text


def _lots_to(question: str, text: str) -> str | None:
    found = _LOTS_ASKED.match(text)
    if found is None or not _LOTS.search(question):
        return None
    count = _count(found["count"])
    return _LOTS.sub(lambda lots: f"{count}{lots['unit']}", question)


def _lots_more(question: str, text: str) -> str | None:
    found = _LOTS_MORE.match(text)
    first = _LOTS.search(question)
    if found is None or first is None:
        return None
    step = int(_count(found["count"]))
    old = first["lots"]
    new = int(old) + (step if found["sign"] in "加多" else -step) if old.isdigit() else None
    if new is None or new <= 0:
        return None
    return _LOTS.sub(
        lambda lots: f"{new}{lots['unit']}" if lots["lots"] == old else lots[0], question
    )


def _price(question: str, text: str) -> str | None:
    found = _PRICE_ASKED.match(text)
    if found is None:
        return None
    word, value = found["word"], found["value"]
    if word == "杠杆":
        pattern = re.compile(rf"{_NUMBER}\s*倍")
        replacement = value if value.endswith("倍") else f"{value}倍"
    else:
        pattern = re.compile(rf"{word}(?:价|价格)?\s*{_NUMBER}(?:万|%)?")
        replacement = f"{word} {value}"
    if pattern.search(question):
        return pattern.sub(replacement, question, count=1)
    return f"{question} {replacement}"


def _contract(question: str, text: str) -> str | None:
    found = _CONTRACT_ASKED.match(text)
    if found is None:
        return None
    from bot.contract_table import get_contract_table

    table = get_contract_table()
    if table.lookup(found["symbol"]) is None:
        return None
    for symbol in _SYMBOL.finditer(question):
        if table.lookup(symbol[0]) is not None:
            return question[: symbol.start()] + found["symbol"] + question[symbol.end() :]
    return f"{found['symbol']} {question}"


def _fee(question: str, text: str) -> str | None:
    found = _FEE_ASKED.match(text)
    if found is None:
        return None
    clause = f"手续费{found['fee']}"
    if _FEE_CLAUSE.search(question):
        return _FEE_CLAUSE.sub(clause, question, count=1)
    return f"{question} {clause}"


_REWRITES: tuple[Callable[[str, str], str | None], ...] = (
    _lots_to,
    _lots_more,
    _fee,
    _price,
    _contract,
)


def follow_up(question: str, text: str) -> str | None:
    """The earlier ``question`` changed as the reply ``text`` asks, or None."""
    said = " ".join(text.split())
    for rewrite in _REWRITES:
        changed = rewrite(question, said)
        if changed is not None and changed != question:
            return changed
    return None
