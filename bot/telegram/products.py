"""Per-product chat settings and the exchange standards beneath them.

``/settings rb 手续费 3元/手``, ``/settings IF 手续费 万分之0.23 平今万分之2.3``,
``/settings rb 保证金 12%``: a chat's fee and margin for one product. They are kept as the
words a trader would type (``手续费3元/手``) and added to a question about that product when
the question does not say its own fee or margin, so the calculator reads them exactly as if
they had been typed (the chat-wide defaults still apply to other products).

Beneath them sit the exchange standards (``knowledge/fees_margins_cn.tsv``: exchange fee and
minimum margin per product, with the date and the source). A futures P&L answer computed
without any fee keeps its gross figure and gets one more line: the net at the exchange fee,
"按交易所标准，未含期货公司加收" with the date.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import NamedTuple

from sqlalchemy.engine import Engine

from bot.contract_table import get_contract_table
from bot.defaults import ChatDefaults
from bot.errors import UserFacingError
from bot.paths import knowledge_dir
from bot.pipeline import answer
from bot.reply import Block, Reply
from bot.storage import kv

FEES_FILE = "fees_margins_cn.tsv"
KV_PREFIX = "products:"
"""kv key of a chat's per-product settings: ``products:<chat id>``."""
_SYMBOL = re.compile(r"(?<![A-Za-z])[A-Za-z]{1,6}\d{0,4}(?![A-Za-z])")
_FEE_WORDS = ("手续费", "fee")
_MARGIN_WORD = "保证金"
_NO_FEE_MARK = "未计手续费"
_NO_MARGIN_MARK = "需要保证金率"
"""How the calculator's answer starts when a margin rate is all it lacks."""
RESET_WORDS = frozenset({"重置", "恢复默认", "默认", "reset", "清除"})
_TEN_THOUSAND = Decimal(10000)

ProductSettings = dict[str, dict[str, str]]
"""symbol → {"fee": "手续费3元/手", "margin": "保证金12%"}."""


class ExchangeStandard(NamedTuple):
    """One product's exchange fee (per side) and minimum margin, as of a date."""

    symbol: str
    fee_clause: str
    """The fee as a trader types it: ``手续费万分之1 平今万分之1`` / ``手续费3元/手``."""
    margin_rate: Decimal | None
    as_of: str


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text) if text else None
    except InvalidOperation:
        return None


def _fee_clause(basis: str, open_fee: Decimal, close_today: Decimal | None) -> str:
    if basis == "per_lot":
        clause = f"手续费{open_fee.normalize():f}元/手"
        if close_today is not None and close_today != open_fee:
            clause += f" 平今{close_today.normalize():f}元/手"
        return clause
    clause = f"手续费万分之{(open_fee * _TEN_THOUSAND).normalize():f}"
    if close_today is not None and close_today != open_fee:
        clause += f" 平今万分之{(close_today * _TEN_THOUSAND).normalize():f}"
    return clause


@cache
def exchange_standards() -> dict[str, ExchangeStandard]:
    """The products whose exchange fee is known, by symbol (read once)."""
    found: dict[str, ExchangeStandard] = {}
    with (knowledge_dir() / FEES_FILE).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            open_fee = _decimal(row["fee_open"])
            if open_fee is None or row["fee_basis"] not in ("rate", "per_lot"):
                continue
            clause = _fee_clause(row["fee_basis"], open_fee, _decimal(row["fee_close_today"]))
            found[row["symbol"]] = ExchangeStandard(
                row["symbol"], clause, _decimal(row["margin_rate"]), row["as_of"]
            )
    return found


def product_of(question: str) -> str | None:
    """The product a question names by its code (``rb2510`` → ``rb``, ``btc`` → ``BTCUSDT``),
    if any."""
    table = get_contract_table()
    for token in _SYMBOL.finditer(question):
        contract = table.lookup(token[0])
        if contract is not None:
            return contract.symbol
    return None


def _futures() -> frozenset[str]:
    return frozenset(c.symbol for c in get_contract_table().contracts if c.kind == "futures")


def parse_product_settings(argument: str) -> tuple[str, dict[str, str]] | None:
    """``rb 手续费 3元/手`` → ("rb", {"fee": "手续费3元/手"}), ``BTC 手续费 0.05%`` (a crypto
    fee is a % of the value); None when the argument does not start with a product.
    Raises ``UserFacingError`` for settings it cannot use."""
    head, _, rest = argument.strip().partition(" ")
    symbol = product_of(head) if head.isascii() else None
    if symbol is None:
        return None
    words = "".join(rest.split())
    if words in RESET_WORDS:
        return symbol, {}
    fee_at, margin_at = words.find("手续费"), words.find(_MARGIN_WORD)
    clauses: dict[str, str] = {}
    if fee_at >= 0:
        end = margin_at if margin_at > fee_at else len(words)
        clauses["fee"] = words[fee_at:end].replace("按", "")
    if margin_at >= 0:
        end = fee_at if fee_at > margin_at else len(words)
        clauses["margin"] = words[margin_at:end]
    if not clauses:
        raise UserFacingError(
            f"请写出 {symbol} 的手续费或保证金", example=f"/settings {symbol} 手续费 3元/手"
        )
    unit = "手" if symbol in _futures() else "个"  # a crypto fee is a % of the value
    probe = f"开多1{unit} {symbol} 1000 平仓 1001 " + " ".join(clauses.values())
    if not answer(probe).ok:
        raise UserFacingError(
            f"看不懂“{rest.strip()}”", example=f"/settings {symbol} 手续费 万分之0.23 平今万分之2.3"
        )
    return symbol, clauses


def with_product_settings(question: str, products: ProductSettings) -> str:
    """``question`` with the chat's fee and margin for its product added where the question
    does not give its own."""
    symbol = product_of(question)
    chosen = products.get(symbol or "")
    if not chosen:
        return question
    lowered = question.lower()
    added = []
    if "fee" in chosen and not any(word in lowered for word in _FEE_WORDS):
        added.append(chosen["fee"])
    if "margin" in chosen and _MARGIN_WORD not in question:
        added.append(chosen["margin"])
    return " ".join((question, *added))


def _with_line(reply: Reply, line: str) -> Reply:
    """``reply`` with ``line`` added under its first block (the asked figure)."""
    first, *rest = reply.blocks
    return Reply(
        ok=reply.ok,
        kind=reply.kind,
        blocks=(Block(lines=(*first.lines, line), style=first.style), *rest),
        working=reply.working,
        mirror_text=reply.mirror_text,
        result_model=reply.result_model,
    )


def _at_exchange_margin(
    question: str, reply: Reply, standard: ExchangeStandard, defaults: ChatDefaults | None
) -> Reply:
    """A question that failed only for want of a margin rate, answered at the exchange's
    minimum margin, saying so."""
    if standard.margin_rate is None:
        return reply
    rate = f"{(standard.margin_rate * 100).normalize():f}%"
    margined = answer(f"{question} 保证金{rate}", defaults)
    if not margined.ok or margined.kind != "answer":
        return reply
    return _with_line(margined, f"保证金按交易所标准 {rate}（未含期货公司加收，{standard.as_of}）")


def with_exchange_net(question: str, reply: Reply, defaults: ChatDefaults | None) -> Reply:
    """The exchange standards under an answer that lacks a fee or a margin rate: a futures
    P&L answer computed without any fee keeps its gross figure and gets one more line, the
    net at the exchange's fee; a question that failed only for want of a margin rate is
    answered at the exchange's minimum margin. Broker charges are never included."""
    symbol = product_of(question)
    standard = exchange_standards().get(symbol or "")
    if standard is None:
        return reply
    if not reply.ok and reply.text.startswith(_NO_MARGIN_MARK):
        return _at_exchange_margin(question, reply, standard, defaults)
    if not reply.ok or reply.kind != "answer" or _NO_FEE_MARK not in reply.text:
        return reply
    net = answer(f"{question} {standard.fee_clause}", defaults)
    headline = net.text.splitlines()[0] if net.ok else ""
    if not headline.startswith("净盈亏"):
        return reply
    figure = headline.split("（", 1)[0]
    return _with_line(reply, f"{figure}（按交易所标准，未含期货公司加收，{standard.as_of}）")


def describe_products(products: ProductSettings) -> tuple[str, ...]:
    """One line per product setting: ``rb  手续费3元/手 保证金12%``."""
    return tuple(
        f"{symbol}  {' '.join(clauses.values())}" for symbol, clauses in sorted(products.items())
    )


def load_products(engine: Engine, chat_id: int) -> ProductSettings:
    """The chat's per-product settings (blocking: call through ``asyncio.to_thread``)."""
    found = kv.load(engine, f"{KV_PREFIX}{chat_id}")
    if not isinstance(found, dict):
        return {}
    return {
        str(symbol): {str(key): str(value) for key, value in clauses.items()}
        for symbol, clauses in found.items()
        if isinstance(clauses, dict)
    }


def save_product(engine: Engine, chat_id: int, symbol: str, clauses: dict[str, str]) -> None:
    """Set (or, with no clauses, remove) one product's settings (blocking)."""
    products = load_products(engine, chat_id)
    merged = {**products.get(symbol, {}), **clauses} if clauses else {}
    if merged:
        products[symbol] = merged
    else:
        products.pop(symbol, None)
    kv.save(engine, f"{KV_PREFIX}{chat_id}", products)
