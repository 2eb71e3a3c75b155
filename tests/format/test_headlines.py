"""The first line of an answer is the figure that was asked, worked by hand here."""

from __future__ import annotations

import pytest

from bot.pipeline import answer

MAINTENANCE = "开多1手 5000 乘数10 保证金12% 维持保证金8% 权益6000 "
ACCOUNT = "权益10万 开多10手 rb 3500 保证金10% "


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # 1 lot × 10 per point: equity 6,000 lasts 600 points, 5000 − 600 = 4,400
        (MAINTENANCE + "穿仓价", "穿仓价 4,400（权益亏到 0）"),
        # maintenance 5000 × 10 × 8 % = 4,000; 6,000 − 4,000 = 2,000 to lose, 5000 − 200 = 4,800
        (MAINTENANCE + "还能亏多少钱到强平", "还能亏 2,000.00 元到强平（强平价 4,800）"),
        (MAINTENANCE + "强平价", "强平价 4,800"),
        # 100 units of rb: at p, equity 100,000 − (3500 − p) × 100 = margin p × 100 × 10 %
        # → 100,000 − 350,000 = −90 p → p = 2,777.78; the loss (3500 − 2777.78) × 100 = 72,222.22
        (ACCOUNT + "还能亏多少钱到强平", "还能亏 72,222.22 元到强平线 100%，价格 2,777.78"),
        (ACCOUNT + "强平价", "强平价 2,777.78（风险度 100%）"),
        # margin at p: p × 10 × 10 × 10 % = 10 p; equity 100,000 − (3500 − p) × 100;
        # 10 p = 0.8 × (100 p − 250,000) → 70 p = 200,000 → p = 2,857.14 (3500 − 642.86)
        (ACCOUNT + "跌到多少风险度到80%", "风险度到 80% 的价格 2,857.14（跌 642.86）"),
        (ACCOUNT + "风险度到80%是多少价格", "风险度到 80% 的价格 2,857.14（跌 642.86）"),
        # 10 p = 0.9 × (100 p − 250,000) → 80 p = 225,000 → p = 2,812.5
        (ACCOUNT + "风险度达到90%对应价格", "风险度到 90% 的价格 2,812.5（跌 687.5）"),
        # 3500 × 100 × 10 % = 35,000 of 100,000
        (ACCOUNT + "风险度", "风险度 35%"),
        (ACCOUNT + "可用资金还有多少", "可用资金 65,000.00 元"),
        # (1020 − 1000) × 100 × 2 = 4,000
        ("开多2手 1000 平仓 1020 乘数100", "平仓盈亏 +4,000.00 元"),
        # a stop 50 points away: 50 × 10 × 2 = 1,000 lost
        ("止损50点 螺纹 2手 亏多少", "止损亏损 -1,000.00 元（2 手）"),
        # a stop price and no current price: (800 − 820) × 100 × 5 = −10,000 at the stop
        ("i2405 多5手 820 止损800 亏多少", "止损 -10,000.00 元"),
        # 50 × 300 × 2 = 30,000: the long gains it, the short loses it
        ("IF 涨50点 2手赚多少", "2 手：多头 +30,000.00 元 / 空头 -30,000.00 元"),
    ],
)
def test_the_first_line_is_the_asked_figure(text: str, first: str) -> None:
    reply = answer(text)
    assert reply.ok, reply.text
    assert reply.text.splitlines()[0] == first
    assert reply.text.splitlines()[1].startswith("我理解为：")


PERP = "BTC 开多1个 60000 20倍 平仓 61000 "


@pytest.mark.parametrize(
    ("fees", "net", "note"),
    [
        # taker both sides: 60,000 × 0.05 % + 61,000 × 0.05 % = 30 + 30.5 = 60.5 → 1,000 − 60.5
        ("挂单0.02% 吃单0.05%", "净盈亏 +939.50 USDT", "按吃单（市价成交）计算"),
        ("taker 0.05% maker 0.02%", "净盈亏 +939.50 USDT", "按吃单（市价成交）计算"),
        # maker only: 60,000 × 0.02 % + 61,000 × 0.02 % = 12 + 12.2 = 24.2 → 1,000 − 24.2
        ("maker 0.02%", "净盈亏 +975.80 USDT", "按挂单费率 0.02% 计算"),
        ("费率0.05%", "净盈亏 +939.50 USDT", ""),
    ],
)
def test_a_closed_perpetual_leads_with_its_net_pnl_at_the_maker_or_taker_rate(
    fees: str, net: str, note: str
) -> None:
    reply = answer(PERP + fees)
    assert reply.ok, reply.text
    assert reply.text.splitlines()[0] == net
    assert note in reply.text


def test_a_perpetual_asked_for_its_liquidation_price_still_leads_with_it() -> None:
    # Binance isolated long: 60,000 × (1 − 1/20) / (1 − 0.5 %) = 57,000 / 0.995 = 57,286.43
    assert answer(PERP + "强平价").text.splitlines()[0] == "强平价 57,286.43 USDT"


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # rb: tick 1 × multiplier 10 = 10 元 a lot per tick
        ("rb 一跳多少钱", "每跳 10 元/手（最小变动 1 × 乘数 10）"),
        # au: tick 0.02 × multiplier 1,000 = 20
        ("au 一跳多少钱", "每跳 20 元/手（最小变动 0.02 × 乘数 1,000）"),
        # T: tick 0.005 × multiplier 10,000 = 50
        ("T 一跳几块钱", "每跳 50 元/手（最小变动 0.005 × 乘数 10,000）"),
        # IF: a point is 1 × 300
        ("IF 一个点多少钱", "每点 300 元/手（价格变动 1 × 乘数 300）"),
        # the price typed does not change a tick's value (and is said unused)
        ("rb 3500 一跳多少钱", "每跳 10 元/手（最小变动 1 × 乘数 10）"),
    ],
)
def test_a_tick_or_point_question_leads_with_its_money_value(text: str, first: str) -> None:
    reply = answer(text)
    assert reply.ok, reply.text
    assert reply.text.splitlines()[0] == first


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # 0.55 × 1.5 − 0.45 × 1 = 0.825 − 0.45 = 0.375 of the stop per trade
        ("胜率55% 盈亏比1.5 期望多少", "每笔期望 +0.375 倍止损（长期赚钱）"),
        # 0.3 × 1.5 − 0.7 × 1 = 0.45 − 0.7 = −0.25
        ("胜率30% 盈亏比1.5 期望值", "每笔期望 -0.25 倍止损（长期亏钱）"),
        # 0.4 × 2,000 − 0.6 × 1,000 = 800 − 600 = 200 a trade, however the averages are worded
        ("每次亏1000 赚2000 胜率40% 期望值", "期望值 +200.00 元/笔"),
        ("胜率40% 赚的时候平均2000 亏的时候平均1000 期望", "期望值 +200.00 元/笔"),
        ("赢一次赚2000 输一次亏1000 胜率40% 期望", "期望值 +200.00 元/笔"),
    ],
)
def test_an_expectancy_question_leads_with_the_expectancy(text: str, first: str) -> None:
    reply = answer(text)
    assert reply.ok, reply.text
    assert reply.text.splitlines()[0] == first


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # ⌊80 % × 50,000 / 3,500⌋ = ⌊11.43⌋ = 11; no price needed with the margin per lot
        ("螺纹 每手保证金3500 权益5万 开几手", "最多开 11 手（风险度不超过 80%）"),
        # ⌊50,000 / 3,500⌋ = ⌊14.29⌋ = 14
        (
            "权益5万 每手保证金3500 满仓能开几手",
            "满仓可开 14 手（风险度 100%，任何不利波动都要追保）",
        ),
        # ⌊60 % × 50,000 / 3,500⌋ = ⌊8.57⌋ = 8
        ("权益5万 每手保证金3500 风险度控制在60%以内最多开几手", "最多开 8 手（风险度不超过 60%）"),
    ],
)
def test_lots_from_a_margin_per_lot_need_no_price(text: str, first: str) -> None:
    reply = answer(text)
    assert reply.ok, reply.text
    assert reply.text.splitlines()[0] == first


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # isolated long, 50×, mmr 0.5 %: 0.15 × (1 − 1/50) / (1 − 0.005) = 0.147 / 0.995
        # = 0.14774 → four significant digits 0.1477 (two places would print the entry, 0.15)
        ("狗狗币 开多 10000个 0.15 50倍 强平价", "强平价 0.1477 USDT"),
        # a coin position's exits are in USDT: (63,000 − 65,000) × 0.2 = −400,
        # (70,000 − 65,000) × 0.2 = +1,000 → 2.5:1
        (
            "BTC 永续 开多 0.2 BTC 65000 止损63000 止盈70000 盈亏比",
            "止损 -400.00 USDT / 止盈 +1,000.00 USDT，盈亏比 2.5:1",
        ),
    ],
)
def test_a_coin_position_leads_in_usdt_with_the_digits_its_price_needs(
    text: str, first: str
) -> None:
    reply = answer(text)
    assert reply.ok, reply.text
    assert reply.text.splitlines()[0] == first


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # 3 days × 3 funding periods = 9; 0.5 × 60,000 = 30,000 × 0.01 % × 9 = 27 paid by a long
        ("BTC 开多 60000 20倍 0.5个 资金费率0.01% 持仓3天 资金费多少", "资金费 付出 27.00 USDT"),
        # a short receives a positive rate: 30,000 × 0.01 % × 3 = 9
        ("BTC 开空 60000 20倍 0.5个 资金费率0.01% 3次 资金费", "资金费 收到 9.00 USDT"),
    ],
)
def test_a_funding_question_leads_with_the_funding(text: str, first: str) -> None:
    reply = answer(text)
    assert reply.ok, reply.text
    assert reply.text.splitlines()[0] == first


def test_funding_without_a_rate_is_asked_for() -> None:
    reply = answer("BTC 开多 60000 20倍 0.5个 资金费多少")
    assert not reply.ok
    assert "资金费率" in reply.text


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # 5,000 × 10 / 60,000 = 0.8333 → 0.833 (down to the 0.001 step); 0.833 × 60,000 = 49,980
        ("BTC 10倍 保证金5000U 60000 能开几个", "可开 0.833 个（名义价值 49,980.00 USDT）"),
        ("我有5000U 想开BTC 10倍 能开多少个 60000", "可开 0.833 个（名义价值 49,980.00 USDT）"),
        # 300 × 20 / 3,000 = 2
        ("ETH 20倍 保证金300U 3000 最多开多少个", "可开 2 个（名义价值 6,000.00 USDT）"),
        # a leverage after 收益率 is the leverage: (160 − 150) × 100 = 1,000 on 150 × 100 / 10
        # = 1,500 of margin → 66.67 %
        ("SOL 开多 100个 150 现价160 收益率 10倍", "收益率(ROE) 66.67%"),
    ],
)
def test_coins_a_margin_buys_and_the_return_on_it(text: str, first: str) -> None:
    reply = answer(text)
    assert reply.ok, reply.text
    assert reply.text.splitlines()[0] == first


def test_a_return_with_no_price_to_count_it_at_is_asked_for() -> None:
    reply = answer("BTC 开多 1个 60000 10倍 ROE")
    assert not reply.ok
    assert reply.text.startswith("算收益率(ROE)要平仓价或现价")
    # with the close: (62,000 − 60,000) × 1 = 2,000 on 60,000 / 10 = 6,000 → 33.33 %
    assert answer("BTC 开多 1个 60000 10倍 平仓62000 ROE").text.splitlines()[0] == (
        "收益率(ROE) 33.33%"
    )
