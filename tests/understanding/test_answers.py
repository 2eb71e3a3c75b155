"""Pipeline behaviour beyond single figures: the reply's shape, errors, limits, defaults,
the mirror (反向) question."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from bot.defaults import ChatDefaults
from bot.parse.normalize import MAX_LEGS, MAX_MESSAGE_CHARS
from bot.pipeline import answer


def test_reply_leads_with_the_figure_then_what_was_understood() -> None:
    reply = answer("开多2手 1000 平仓 1020 乘数100")
    assert reply.ok and reply.kind == "answer"
    # (1020 − 1000) × 100 × 2 = 4,000
    assert reply.blocks[0].lines == ("平仓盈亏 +4,000.00 元",)
    assert reply.blocks[1].lines == ("我理解为：多头 2 手 @1000 → 平仓 @1020，乘数 100",)
    assert "平仓盈亏  +4,000.00 元" in reply.text
    assert reply.working == ("多2手：(1,020 − 1,000) × 100 × 2 = 4,000",)
    assert reply.result is not None and reply.result["realized_gross"] == "4000"


def test_understood_line_names_contract_fees_and_partial_closes() -> None:
    reply = answer("买开10手 IF 1400 卖平6手 1415 手续费3元/手")
    assert reply.blocks[1].lines[0] == (
        "我理解为：多头 10 手 @1400 → 平多 6 手 @1415，IF 沪深300股指期货，乘数 300，手续费 3元/手"
    )


def test_resolver_notes_come_last() -> None:
    reply = answer("开多 rb 3500 平仓 3550")
    assert reply.ok
    assert reply.blocks[-1].style == "note"
    assert reply.blocks[-1].lines == ("“开多”没写手数，按 1 手计算",)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("开多2手 1000 平仓 1020 乘数100", "realized_gross"),
        ("开空2手 rb 3500 平仓 3450 手续费3元/手", "realized_net"),
        ("开多5手 rb 3500 平3手 3550 现价3540", "floating_pnl"),
        ("开多10手 IF 1400 卖平6手 1415", "realized_gross"),
    ],
)
def test_mirror_question_swaps_long_and_short(text: str, field: str) -> None:
    reply = answer(text)
    assert reply.mirror_text is not None
    mirrored = answer(reply.mirror_text)
    assert mirrored.ok, mirrored.text
    assert reply.result is not None and mirrored.result is not None
    gross = Decimal(reply.result["realized_gross"])
    assert Decimal(mirrored.result["realized_gross"]) == -gross
    if field == "floating_pnl":
        assert Decimal(mirrored.result[field]) == -Decimal(reply.result[field])
    # and back again
    again = answer(mirrored.mirror_text or "")
    assert (
        again.result is not None
        and again.result["realized_gross"] == reply.result["realized_gross"]
    )


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("开多1手 5000 每手10吨 保证金12% 维持保证金8% 权益6000 强平价", "forced_price", "5200"),
        (
            "BTC 开多1个 60000 20倍 维持保证金率0.5% 维持保证金额50 强平价",
            "liquidation_price",
            "62736.32",
        ),
        ("开多2手 rb 3500 手续费3元/手 保本价", "breakeven.price", "3499"),
        ("权益10万 开多10手 rb 3500 保证金10% 强平价", "lines.2.price", "4090.91"),
    ],
)
def test_mirror_of_other_questions(text: str, field: str, value: str) -> None:
    reply = answer(text)
    assert reply.mirror_text is not None
    mirrored = answer(reply.mirror_text)
    assert mirrored.ok and mirrored.result is not None, mirrored.text
    data = mirrored.result
    for part in field.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    assert Decimal(str(data)).quantize(Decimal(value)) == Decimal(value)


def test_no_mirror_for_questions_without_a_side() -> None:
    assert answer("权益10万 保证金占用8万 风险度").mirror_text is None
    assert answer("盈亏比3:1 保本胜率").mirror_text is None


def test_chat_defaults_fill_fee_and_margin() -> None:
    defaults = ChatDefaults(fee_per_lot=Decimal(3), margin_rate=Decimal("0.1"))
    reply = answer("开多2手 rb 3500 平仓 3550 保证金", defaults)
    assert reply.result is not None
    assert Decimal(reply.result["fees_total"]) == 12
    assert "手续费按本群默认设置" in reply.text
    held = answer("开多2手 rb 3500 保证金", defaults)
    assert held.result is not None and held.result["margin"] == "7000.0"


def test_chat_defaults_forced_line() -> None:
    defaults = ChatDefaults(forced_line=Decimal("1.2"))
    reply = answer("权益10万 保证金占用10万 风险度", defaults)
    assert reply.result is not None and reply.result["status"] == "预警"


def test_typed_values_beat_defaults() -> None:
    defaults = ChatDefaults(fee_per_lot=Decimal(3))
    reply = answer("开多2手 rb 3500 平仓 3550 手续费1元/手", defaults)
    assert reply.result is not None and Decimal(reply.result["fees_total"]) == 4


def test_error_reply_quotes_the_word_says_where_and_shows_an_example() -> None:
    # 谢谢 is dropped as chatter; the unknown words after it are quoted and placed
    reply = answer("开多2手 1000 平仓 1020 乘数100 谢谢 天气不错")
    assert not reply.ok and reply.kind == "error"
    assert reply.text.splitlines() == [
        "没看懂“天气不错”。可以写：方向和手数（开多2手）、价格、合约（rb）、乘数、手续费、保证金、"
        "权益，或问题（盈亏、强平价、风险度、保本价、开几手）",
        "位置：第 28 个字附近，“乘数100 谢谢”之后",
        "例如：开多2手 1000 平仓 1020 乘数100",
    ]


def test_missing_value_error_shows_the_example_for_that_key() -> None:
    reply = answer("开多2手 rb 3500 权益 保证金10%")
    assert not reply.ok
    assert reply.text.splitlines()[0] == "“权益”后面缺少数字（看到的是“保证金”）"
    assert reply.text.splitlines()[-1] == "例如：权益10万"


def test_quote_is_right_under_full_width_text() -> None:
    reply = answer("开多２手　１０００　平仓　１０２０　乘数１００　好的ｏｋ")
    assert not reply.ok
    assert reply.text.splitlines()[0].startswith("没看懂“好的ok”")  # normalised, then quoted
    assert reply.text.splitlines()[1] == "位置：第 25 个字附近，“20 乘数100”之后"


def test_message_over_the_limit_is_refused_quickly() -> None:
    started = time.perf_counter()
    reply = answer("开多2手 1000 平仓 1020 乘数100 " * 200)
    assert len("开多2手 1000 平仓 1020 乘数100 " * 200) > MAX_MESSAGE_CHARS
    assert not reply.ok and "消息太长" in reply.text
    assert time.perf_counter() - started < 0.05


def test_more_than_fifty_legs_are_refused() -> None:
    legs = " ".join(["开多1手 1000 平仓 1001"] * ((MAX_LEGS // 2) + 1))
    reply = answer(legs + " 乘数10")
    assert not reply.ok and f"最多 {MAX_LEGS} 笔" in reply.text
    ok = answer(" ".join(["开多1手 1000 平仓 1001"] * (MAX_LEGS // 2)) + " 乘数10")
    assert ok.ok and ok.result is not None and ok.result["realized_gross"] == "250"


def test_huge_exponent_is_refused_quickly() -> None:
    started = time.perf_counter()
    reply = answer("开多2手 1e999999 平仓 1020 乘数100")
    assert not reply.ok and "指数太大" in reply.text
    assert time.perf_counter() - started < 0.05


def test_products_of_large_numbers_stay_bounded() -> None:
    reply = answer("开多999999999手 999999999999999 平仓 1 乘数999999999999999")
    assert reply.kind == "error" or reply.ok  # a reply, never an exception


def test_error_report_survives_states_that_differ_only_in_accepts() -> None:
    # lark's match_examples crashed on this input with use_accepts=True (found by fuzzing)
    reply = answer("沪铜 wallet = 豆粕 两 最大亏损 算 锡")
    assert not reply.ok
    assert reply.text.splitlines()[0] == "“=”后面缺少数字（看到的是“豆粕”）"


def test_stop_and_target_prices_beside_a_position_are_computed_not_ignored() -> None:
    reply = answer("开多2手 rb 3500 止损3450 止盈3600 手续费3元/手")
    assert reply.ok
    assert reply.blocks[1].lines[0] == (
        "我理解为：多头 2 手 @3500，rb 螺纹钢，乘数 10，手续费 3元/手，止损 3450，止盈 3600"
    )
    # the whole trade closed there: both fees (2 lots × 3 元, opening and closing) included:
    # (3450 − 3500) × 10 × 2 − 12 = −1,012; (3600 − 3500) × 10 × 2 − 12 = 1,988; 1988/1012 = 1.96
    assert reply.blocks[0].lines == ("止损 -1,012.00 元 / 止盈 +1,988.00 元，盈亏比 1.96:1",)
    assert reply.blocks[3].lines == (
        "若在止损 3450 平仓：-1,012.00 元（含开平手续费）",
        "若在止盈 3600 平仓：+1,988.00 元（含开平手续费）",
        "盈亏比 1.96:1",
    )
    assert reply.mirror_text == "rb 开空2手 3500 乘数10 手续费3元/手 止损3550 止盈3400"
    mirrored = answer(reply.mirror_text)
    assert mirrored.blocks[3].lines == (
        "若在止损 3550 平仓：-1,012.00 元（含开平手续费）",
        "若在止盈 3400 平仓：+1,988.00 元（含开平手续费）",
        "盈亏比 1.96:1",
    )
