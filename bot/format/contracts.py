"""Format a contract specification (and the "not found" hint with suggestions)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.contracts import Contract, ContractLookup
from bot.core.value import ContractValueResult
from bot.format.numbers import fmt_lots, fmt_money, fmt_price, note_block, table_block
from bot.reply import Block

EXCHANGE_CN = {
    "CFFEX": "中金所",
    "SHFE": "上期所",
    "INE": "上期能源",
    "DCE": "大商所",
    "CZCE": "郑商所",
    "GFEX": "广期所",
    "CRYPTO": "加密货币永续",
}


def exchange_cn(code: str) -> str:
    return EXCHANGE_CN.get(code, code)


def format_contract(
    contract: Contract,
    month: str | None = None,
    extra_rows: Sequence[tuple[str, str]] = (),
    extra_notes: Sequence[str] = (),
) -> tuple[Block, ...]:
    """The contract card; a value question adds its rows and working (``extra_*``)."""
    title = f"{contract.name_cn} {contract.symbol}{month or ''}（{exchange_cn(contract.exchange)}）"
    tick_value = contract.tick * contract.multiplier
    if contract.kind == "crypto":
        rows = [
            ("数量单位", "1 张 = 1 币"),
            ("最小变动价位", f"{fmt_price(contract.tick)} USDT"),
            ("盈亏", "价差 × 币数（USDT）"),
        ]
    else:
        rows = [
            ("合约乘数", f"{fmt_price(contract.multiplier)} {contract.short_unit}"),
            ("最小变动价位", fmt_price(contract.tick)),
            ("每跳盈亏", f"{fmt_price(tick_value)} 元/手"),
        ]
    rows.extend(extra_rows)
    status = "多个来源一致" if contract.verified else f"需再核对（{contract.check}）"
    notes = [*extra_notes, f"数据截至 {contract.as_of.isoformat()}，{status}"]
    if contract.aliases:
        notes.append("也可写作：" + "、".join(contract.aliases[:4]))
    return (Block(lines=(title,)), table_block(rows), note_block(notes))


def format_contract_value(result: ContractValueResult) -> tuple[Block, ...]:
    """The card plus the value of one lot (one coin) and of the position at the price."""
    name = "名义价值" if result.currency == "USDT" else "合约价值"
    unit, currency = result.unit_word, result.currency
    rows = [
        (f"{name} @{fmt_price(result.price)}", f"{fmt_money(result.per_unit)} {currency}/{unit}")
    ]
    if result.quantity != 1:
        rows.append(
            (f"{fmt_lots(result.quantity)} {unit}{name}", f"{fmt_money(result.total)} {currency}")
        )
    notes = (*result.steps, *result.assumptions)
    return format_contract(result.contract, result.month, rows, notes)


def format_unknown_contract(text: str, suggestions: Sequence[Contract]) -> tuple[Block, ...]:
    lines = [f"没有找到品种“{text}”"]
    if suggestions:
        lines.append("你是不是想找：" + "、".join(f"{c.name_cn}({c.symbol})" for c in suggestions))
    else:
        lines.append("请用交易代码或中文名，例如 rb、rb2505、螺纹钢、IF2506、BTCUSDT")
    return (Block(lines=tuple(lines)),)


def format_contract_lookup(lookup: ContractLookup) -> tuple[Block, ...]:
    """The card of the contract found, or what the table has that comes close."""
    if lookup.contract is None:
        return format_unknown_contract(lookup.text, lookup.suggestions)
    return format_contract(lookup.contract, lookup.month)
