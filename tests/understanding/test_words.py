"""Issue 14 through ``answer()``: plausibility warnings come right after the asked
figure, refusals and conflicts are short Chinese messages, the lots a 平今/平昨 took are said,
and values a statement does not use are named. Figures are worked by hand in the comments."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.pipeline import answer
from bot.reply import Reply


def _figure(reply: Reply, label: str) -> Decimal:
    """The number on the table row that starts with ``label`` (commas and units dropped)."""
    for line in reply.text.splitlines():
        if line.startswith(label):
            value = line[len(label) :].split()[0].replace(",", "")
            return Decimal(value)
    raise AssertionError(f"no row {label!r} in\n{reply.text}")


def test_a_price_ten_times_another_is_warned_before_the_answer() -> None:
    reply = answer("rb 开多2手 3500 平仓35000")
    assert reply.ok
    lines = reply.text.splitlines()
    assert lines[0] == "平仓盈亏 +630,000.00 元"  # the asked figure leads
    assert lines[1] == (
        "注意：价格 3500 和 35000 相差十倍以上，是不是多打或少打了一个 0？（下面按所写计算）"
    )
    assert lines[2].startswith("我理解为：")
    # still computed as typed: (35000 − 3500) × 10 × 2 = 630,000
    assert reply.result is not None and Decimal(reply.result["realized_gross"]) == 630000


def test_a_price_off_the_tick_is_warned() -> None:
    reply = answer("IF 开多1手 3500.1 平仓3550")
    second = reply.text.splitlines()[1]
    assert second == "注意：价格 3500.1 不是 IF 最小变动价位 0.2 的整数倍，请核对（下面按所写计算）"
    # (3550 − 3500.1) × 300 = 14,970
    assert reply.result is not None and Decimal(reply.result["realized_gross"]) == 14970


@pytest.mark.parametrize(
    "text",
    [
        "rb 开多2手 3500 平仓3550",
        "i 开多1手 800.5 平仓820",  # i moves in 0.5
        "期权 买入开仓2手 权利金50 平仓80 乘数10",  # a premium is not the underlying's price
        "BTC 开多1个 60000 平仓61000",
    ],
)
def test_plausible_prices_get_no_warning(text: str) -> None:
    reply = answer(text)
    assert reply.ok and not any(line.startswith("注意：价格") for line in reply.text.splitlines())


def test_close_today_says_which_lot_it_closed() -> None:
    reply = answer("rb 昨多2手 3500 今开多1手 3520 平今1手 3560")
    assert "平今1手：配对今开 3,520" in reply.text.splitlines()
    assert "多头持仓含昨仓 2手" in reply.text.splitlines()
    assert _figure(reply, "平仓盈亏") == 400  # (3560 − 3520) × 10


def test_a_plain_close_on_shfe_closes_yesterdays_lot_and_says_so() -> None:
    reply = answer("rb 昨多2手 3500 今开多1手 3520 平仓1手 3560")
    assert "平仓1手：配对昨仓 3,500" in reply.text.splitlines()
    assert _figure(reply, "平仓盈亏") == 600  # (3560 − 3500) × 10


@pytest.mark.parametrize(
    ("text", "first_line"),
    [
        ("rb 开多2.5手 3500 平仓3550", "期货手数必须是整数（收到 2.5手）"),
        ("rb 开多2手 -3500 平仓3550", "价格必须大于0（收到 -3,500）"),
        (
            "权益1万 出金2万 权益多少",
            "出金 20,000 超过了账户资金（上日结存 10,000 + 入金 0），取不出来",
        ),
        (
            "rb 开多2手 3500 止盈3400 赚多少",
            "多单的止盈价 3400 低于开仓价 3500，在那里平仓不会盈利：止盈价应高于开仓价；"
            "如果是止损，请写“止损3400”",
        ),
        (
            "20倍 保证金10% rb 开多2手 3500 保证金多少",
            "杠杆 20 倍相当于保证金率 5%，和你写的保证金 10% 不一致：以哪个为准？请只写其中一个",
        ),
        (
            "开多2手 3500 乘数10 乘数5 平仓3550",
            "“乘数”写了两个不同的值：10 和 5，以哪个为准？请只写一个",
        ),
        (
            "BTC 开多1个 60000 手续费5元/手 平仓61000",
            "USDT 永续的手续费按成交额的比例收取（如 0.05%），“手续费5元/手”是按手收的写法，"
            "不适用：请写手续费率（吃单一般 0.05%）",
        ),
    ],
)
def test_what_cannot_be_is_refused_with_a_short_message(text: str, first_line: str) -> None:
    reply = answer(text)
    assert not reply.ok and reply.kind == "error"
    assert reply.text.splitlines()[0] == first_line
    assert reply.text.splitlines()[1].startswith("例如：")


def test_usdt_margin_times_leverage_sizes_the_position_and_says_how() -> None:
    reply = answer("BTC 20倍 开多 60000 保证金1000U 强平价")
    # 1,000 × 20 / 60,000 = 0.3333… → 0.333 BTC (rounded down to 0.001)
    assert "数量 = 保证金 × 杠杆 / 开仓价 = 1,000 × 20 / 60000 = 0.333 个，向下取到 0.001 个" in (
        reply.text.splitlines()
    )
    assert not any("没写手数" in line for line in reply.text.splitlines())
    assert reply.result is not None and Decimal(reply.result["quantity"]) == Decimal("0.333")


def test_a_loss_typed_beside_the_balance_is_the_days_pnl_and_is_said() -> None:
    reply = answer("昨天权益8万 今天亏了1万2 手续费300 今天权益多少")
    assert "“亏了12,000”按当日盈亏 -12,000 计算" in reply.text.splitlines()
    assert _figure(reply, "客户权益") == 67700  # 80,000 − 12,000 − 300


def test_a_number_without_a_name_beside_a_statement_is_said_unused() -> None:
    reply = answer("上日结存10万 手续费150 3000 权益多少")
    assert any(line.startswith("没有用到：3,000") for line in reply.text.splitlines())
    assert _figure(reply, "客户权益") == 99850  # 100,000 − 150: the 3000 is not guessed


def test_a_statements_closing_balance_comes_out_to_the_fen() -> None:
    reply = answer("上日结存20万 平仓盈亏-3000 持仓盯市盈亏4500 手续费120.5 客户权益多少")
    assert _figure(reply, "当日结存") == Decimal("196879.50")  # 200,000 − 3,000 − 120.5
    assert _figure(reply, "客户权益") == Decimal("201379.50")  # 196,879.5 + 4,500


def test_a_leverage_alone_gives_a_futures_margin_rate_and_is_noted() -> None:
    reply = answer("rb 开多2手 3500 20倍 保证金多少")
    assert "保证金率按杠杆 20 倍折算：1 / 20 = 5%" in reply.text.splitlines()
    assert _figure(reply, "保证金占用") == 3500  # 2 × 3500 × 10 × 5%
    assert "没有用到" not in reply.text


def test_the_understood_line_and_the_mirror_keep_the_lots_age() -> None:
    reply = answer("rb 昨多2手 3500 今开多1手 3520 平今1手 3560")
    assert reply.text.splitlines()[1] == (
        "我理解为：昨多 2 手 @3500 → 今开多 1 手 @3520 → 平今 1 手 @3560，rb 螺纹钢，乘数 10"
    )
    assert reply.mirror_text == "rb 昨空2手 3500 今开空1手 3520 平今1手 3560 乘数10"
    mirrored = answer(reply.mirror_text)
    # the short's today lot 3520 closed at 3560: (3520 − 3560) × 10 = −400
    assert mirrored.result is not None and Decimal(mirrored.result["realized_gross"]) == -400
