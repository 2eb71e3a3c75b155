"""Values a calculation does not use are named in a note, never dropped silently."""

from __future__ import annotations

import re
from typing import get_args

import pytest

from bot.parse.spec import MessageSpec
from bot.pipeline import answer
from bot.resolve.context import PlanKind
from bot.resolve.unused import USED_BY_KIND, WHAT_IS_COMPUTED


@pytest.mark.parametrize(
    ("text", "label", "what"),
    [
        ("权益10万 开多10手 rb 3500 保证金10% 强平价 止损3400", "止损价", "风险度"),
        ("权益10万 保证金占用8万 风险度 手续费3元/手", "手续费", "风险度"),
        ("BTC 开多1个 60000 20倍 强平价 止损58000", "止损价", "合约强平价和收益"),
        ("盈亏比3:1 保本胜率 权益10万", "权益", "保本胜率"),
        ("权益10万 风险2% 开多 rb 3500 止损3450 开几手 现价3480", "现价", "开仓手数"),
        ("开多2手 rb 3500 手续费3元/手 保本价 现价3520", "现价", "保本价"),
        ("期权 买入开仓2手 权利金50 平仓80 乘数10 保证金10%", "保证金率", "期权盈亏"),
        ("开多2手 rb 3500 平3550 杠杆10倍", "杠杆", "盈亏"),
    ],
)
def test_a_value_the_calculation_does_not_use_is_named(text: str, label: str, what: str) -> None:
    reply = answer(text)
    assert reply.ok
    assert f"没有用到：{label}（算{what}用不上" in reply.text


@pytest.mark.parametrize(
    "text",
    [
        "权益10万 开多10手 rb 3500 保证金10% 现价3400 强平价",
        "开多2手 rb 3500 平3550 手续费3元/手 平今手续费6元/手 乘数10",
        "BTC 全仓 钱包10000 开多1个 60000 维持保证金率0.5% 维持保证金额50 强平价",
        "权益10万 风险1% 开空 rb 3500 止损3550 开几手 手续费3元/手 保证金10%",
        "股票 买入1000股 10.5 卖出 11.2 佣金万2.5 最低5元 印花税0.05%",
        "期权 买入看涨 2手 权利金50 乘数10 到期3600 行权价3500",
        "胜率40% 盈亏比2:1 期望",
    ],
)
def test_a_message_whose_values_are_all_used_has_no_such_note(text: str) -> None:
    reply = answer(text)
    assert reply.ok and "没有用到" not in reply.text


def test_every_plan_kind_but_the_contract_card_lists_what_it_uses() -> None:
    kinds = set(get_args(PlanKind)) - {"contract"}
    assert set(USED_BY_KIND) == kinds == set(WHAT_IS_COMPUTED)
    fields = set(MessageSpec.__dataclass_fields__)
    for used in USED_BY_KIND.values():
        assert used <= fields


def test_a_stock_fee_is_its_commission_and_the_current_price_values_the_holding() -> None:
    as_fee = answer("股票 买入1000股 10.5 卖出 11.2 手续费万3").text
    assert "佣金 万分之3" in as_fee and "没有用到" not in as_fee
    held = answer("A股 买入 2000股 15.3 现价 16").text
    assert re.search(r"净盈亏\s+\+1,367\.72", held) and "按现价 16 卖出估算" in held
