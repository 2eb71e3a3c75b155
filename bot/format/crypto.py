"""Format perpetual-contract results (bot.core.crypto) as compact Chinese blocks."""

from __future__ import annotations

from bot.core.crypto import PerpResult
from bot.core.liq_move import LiquidationMoveResult
from bot.core.numbers import ZERO
from bot.format.numbers import (
    fmt_money,
    fmt_pct,
    fmt_price,
    fmt_quote,
    fmt_signed_money,
    note_block,
    table_block,
)
from bot.reply import Block

_UNIT = "USDT"


def format_perp_result(result: PerpResult) -> tuple[Block, ...]:
    """Liquidation price first, then margins, then P&L / ROE / fees / funding when known."""
    side = "多" if result.side == "long" else "空"
    mode = "逐仓" if result.mode == "isolated" else "全仓"
    liquidation = (
        fmt_quote(result.liquidation_price) if result.liquidation_price is not None else "无"
    )
    rows = [
        (f"强平价({mode}{side})", liquidation),
        ("名义价值", f"{fmt_money(result.notional)} {_UNIT}"),
        ("初始保证金", f"{fmt_money(result.initial_margin)} {_UNIT}"),
        ("维持保证金", f"{fmt_money(result.maintenance_margin)} {_UNIT}"),
    ]
    if result.pnl is not None and result.roe is not None and result.pnl_price is not None:
        rows.append((f"盈亏@{fmt_quote(result.pnl_price)}", f"{fmt_signed_money(result.pnl)}"))
        rows.append(("收益率ROE", fmt_pct(result.roe)))
    fees = (result.open_fee, result.close_fee)
    if any(fee is not None for fee in fees):
        total = sum((fee for fee in fees if fee is not None), start=ZERO)
        rows.append(("手续费", fmt_money(total)))
    if result.funding_fee is not None:
        label = "资金费(付)" if result.funding_fee >= ZERO else "资金费(收)"
        rows.append((label, fmt_money(abs(result.funding_fee))))
    if result.net_pnl is not None and result.net_pnl != result.pnl:
        rows.append(("净盈亏", fmt_signed_money(result.net_pnl)))
    blocks = [table_block(rows)]
    status: list[str] = []
    if result.liquidation_note:
        status.append(result.liquidation_note)
    elif result.already_liquidated:
        status.append("当前价格已越过强平价")
    if status:
        blocks.append(Block(lines=tuple(status)))
    blocks.append(note_block(result.assumptions))
    return tuple(blocks)


def format_liquidation_move(result: LiquidationMoveResult) -> tuple[Block, ...]:
    """Per side: how far the price may move (and the price, given an entry price)."""
    rows: list[tuple[str, str]] = []
    for move in result.moves:
        side = "多单" if move.side == "long" else "空单"
        way = "下跌" if move.move < 0 else "上涨"
        distance = f"{way} {fmt_pct(abs(move.move), 3)}"
        if move.never:
            rows.append((f"{side}强平", "不会强平（价格跌到 0 保证金也够）"))
        elif move.price is not None:
            rows.append((f"{side}强平价", f"{fmt_price(move.price, 2)}（{distance}）"))
        else:
            rows.append((f"{side}强平", distance))
    return (table_block(rows), note_block((*result.steps, *result.assumptions)))
