"""How the bot reads what traders actually type: chatter, term-question fallbacks that never
take a calculation, questions that need no side, and the questions it asks back."""

from __future__ import annotations

import pytest

from bot.defaults import ChatDefaults
from bot.parse.parser import build_parser, get_parser
from bot.pipeline import CalcRoute, ChatRoute, TermRoute, answer, understand
from tests.understanding.corpus import CASES

WELCOME = "不客气！需要时直接发来，例如：开多2手 1000 平仓 1020 乘数100"


def _route(text: str) -> object:
    return understand(get_parser(), text, ChatDefaults())


@pytest.mark.parametrize("text", ["谢谢", "谢谢你", "多谢", "thanks", "谢谢大佬！"])
def test_thanks_on_its_own_gets_a_short_friendly_answer(text: str) -> None:
    assert isinstance(_route(text), ChatRoute)
    reply = answer(text)
    assert reply.ok and reply.kind == "chatter"
    assert reply.text == WELCOME


@pytest.mark.parametrize("text", ["好的", "收到", "哈哈", "👍", "OK 👍", "明白了", "666", "😂😂"])
def test_other_chatter_is_chatter_not_an_error(text: str) -> None:
    route = _route(text)
    assert isinstance(route, ChatRoute) and not route.thanks
    reply = answer(text)
    assert reply.ok and reply.kind == "chatter"
    assert reply.text == "好的。需要计算时直接发来，例如：开多2手 1000 平仓 1020 乘数100"


@pytest.mark.parametrize("text", ["改成3手", "好的 3", "平仓 3600 呢", "rb"])
def test_text_with_more_than_chatter_is_not_chatter(text: str) -> None:
    assert answer(text).kind != "chatter"


@pytest.mark.parametrize("text", ["请问", "帮我算下", "麻烦了"])
def test_filler_words_alone_ask_for_something_to_compute(text: str) -> None:
    reply = answer(text)
    assert not reply.ok and reply.kind == "error"
    assert reply.text.splitlines() == [
        "请输入要计算的内容或想了解的名词",
        "例如：开多2手 1000 平仓 1020 乘数100",
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # no Arabic digit at all, yet a calculation: the term fallback must not take it
        ("开多两手 一千 平仓 一千零二十 乘数一百", "trades"),
        ("rb 乘数", "contract"),
        ("螺纹 合约", "contract"),
        ("rb 一跳多少钱", "contract"),
        ("IF一个点多少钱", "contract"),
        ("rb是什么", "contract"),
        # a term word inside a calculation
        ("强平价 权益10万 开多10手 rb 3500 保证金10%", "risk"),
        ("风险度 权益10万 保证金8万", "risk"),
        ("开多2手 1000 平仓 1020 乘数100 平仓盈亏怎么算", "trades"),
        ("保证金10% rb 3500 一手多少保证金", "trades"),
    ],
)
def test_calculations_are_never_taken_for_term_questions(text: str, kind: str) -> None:
    route = _route(text)
    assert isinstance(route, CalcRoute), route
    assert route.plan.kind == kind


@pytest.mark.parametrize(
    ("text", "terms", "mode"),
    [
        ("什么叫强平", ("强平",), "what"),
        ("逐仓 vs 全仓", ("逐仓", "全仓"), "diff"),
        ("how is 风险度 calculated", ("风险度",), "how"),
        ("跟踪止损和移动止损的区别", ("止损平仓", "止损平仓"), "diff"),
    ],
)
def test_term_questions_the_grammar_cannot_read_go_to_the_knowledge_base(
    text: str, terms: tuple[str, ...], mode: str
) -> None:
    route = _route(text)
    assert isinstance(route, TermRoute)
    assert (route.query.terms, route.query.mode) == (terms, mode)
    assert answer(text).ok


def test_margin_only_question_says_the_side_does_not_matter() -> None:
    reply = answer("rb 3500 10手 保证金12% 保证金")
    assert reply.ok and reply.result is not None
    assert reply.blocks[1].lines == (
        "我理解为：10 手 @3500（只问保证金，与多空方向无关），rb 螺纹钢，乘数 10，保证金 12%",
    )
    assert "保证金占用    42,000.00 元" in reply.text
    assert reply.blocks[-1].lines[-1] == "只问保证金，与多空方向无关（表中按多头列出，空头相同）"
    assert reply.mirror_text is None  # no 反向 button: there is no side to swap


def test_margin_only_question_without_a_rate_asks_with_the_users_numbers() -> None:
    reply = answer("rb 3500 5手 保证金")
    assert reply.text.splitlines() == [
        "算保证金需要保证金率（各期货公司不同）：请加上“保证金10%”这样的写法",
        "例如：rb 3500 5手 保证金10% 保证金",
    ]


def test_now_price_is_the_current_price_and_the_reply_says_so() -> None:
    reply = answer("开了3手多单 螺纹 3520 现在3480")
    assert reply.ok and reply.result is not None
    assert reply.blocks[1].lines == ("我理解为：多头 3 手 @3520，rb 螺纹钢，乘数 10，现价 3480",)
    assert reply.result["floating_pnl"] == "-1200"
    assert "“现在3480”按现价（最新价）计算浮动盈亏" in reply.blocks[-1].lines


def test_now_price_beside_a_close_is_asked_about() -> None:
    reply = answer("rb 开多5手 3500 平3手 3550 现在3540")
    assert not reply.ok
    assert reply.text.splitlines() == [
        "“现在3540”是平仓价还是现价？已经平了请写“平仓3540”，还拿着请写“现价3540”",
        "例如：开多5手 rb 3500 平3手 3550 现价3540",
    ]


def test_an_open_without_a_side_asks_with_the_users_own_numbers() -> None:
    reply = answer("我开了3手螺纹 3520 现在3480 亏多少")
    assert not reply.ok
    assert reply.text.splitlines() == [
        "“开3手”是开多还是开空？多单还是空单决定盈亏的正负，请写“开多”或“开空”（也可写买开/卖开）",
        "例如：开多3手 3520（或 开空3手 3520）",
    ]


def test_stop_in_points_sizes_without_an_entry_price() -> None:
    reply = answer("我有10万 想做螺纹 止损50个点 能开几手")
    assert reply.ok and reply.result is not None
    assert reply.blocks[1].lines == (
        "我理解为：权益 100,000，单笔风险 2%，止损 50 点，rb 螺纹钢，乘数 10",
    )
    assert (reply.result["lots"], reply.result["stop_distance"]) == ("4", "50")
    assert reply.result["risk_per_lot"] == "500"


def test_stop_in_points_with_an_entry_is_on_the_losing_side() -> None:
    reply = answer("权益10万 开空 rb 3500 止损50点 开几手")
    assert reply.ok and reply.result is not None
    assert reply.result["side"] == "short"
    assert reply.result["lots"] == "4"


def test_settlement_price_without_previous_settlement_prices_the_position() -> None:
    reply = answer("rb 昨天开的多单2手3500 今天结算3520")
    assert reply.ok and reply.result is not None
    assert reply.result["floating_pnl"] == "400"
    assert reply.blocks[-1].lines[-1] == (
        "没写昨结算价：按今结算价 3520 计算持仓盈亏（逐笔对冲，从开仓价算起）；"
        "逐日盯市的当日盈亏请再写“昨结…”"
    )
    # with 昨结 it is still the 逐日盯市 settlement
    assert answer("rb 昨持多2手 昨结3500 今结3520").result is not None
    assert _plan_kind("rb 昨持多2手 昨结3500 今结3520") == "settlement"


def _plan_kind(text: str) -> str:
    route = _route(text)
    assert isinstance(route, CalcRoute)
    return route.plan.kind


def test_round_trip_fee_is_halved_per_side() -> None:
    reply = answer("开多2手 1000 平仓 1020 乘数100 手续费双边6元")
    assert reply.blocks[1].lines == (
        "我理解为：多头 2 手 @1000 → 平仓 @1020，乘数 100，手续费 3元/手",
    )


def test_per_lot_money_is_asked_not_taken_as_a_multiplier() -> None:
    # 每手3元 once became 乘数 3 — a silently wrong P&L
    reply = answer("开多2手 rb 3500 平仓 3550 每手3元")
    assert not reply.ok
    assert reply.text.splitlines()[0] == (
        "“每手3元”是手续费还是合约乘数？手续费请写“手续费3元/手”，乘数请写“乘数10”或“每手10吨”"
    )


def test_x_is_a_multiplier_for_futures_and_leverage_for_crypto() -> None:
    futures = answer("buy 2 lots 1000 sell 1020 x 100")
    assert futures.result is not None and futures.result["realized_gross"] == "4000"
    crypto = answer("btc long 1 @ 60000 x20 liq")
    assert crypto.blocks[1].lines[0].startswith("我理解为：BTCUSDT 逐仓，多头 1 个 @60000，20 倍")
    same = answer("乘数100 x100 开多2手 1000 平仓1020")  # the same value twice: no conflict
    assert same.result is not None and same.result["realized_gross"] == "4000"
    twice = answer("乘数100 x300 开多2手 1000 平仓1020")
    assert not twice.ok
    assert (
        twice.text.splitlines()[0] == "“乘数”写了两个不同的值：100 和 300，以哪个为准？请只写一个"
    )


def test_symbol_glued_to_a_price_is_not_a_month() -> None:
    spec = get_parser().parse_command("开多5手rb3500平3手3550")
    assert spec.contracts == ("rb",)
    assert [leg.price for leg in spec.legs] == [3500, 3550]
    month = get_parser().parse_command("买开5手rb2505 3500")
    assert month.contracts == ("rb2505",)


def test_error_after_a_known_term_is_placed_in_the_whole_message() -> None:
    # 胜率 is a term; the mistake is reported where it is in the text, not in the rest
    reply = answer("胜率60% 盈亏比1.5 天气")
    assert not reply.ok
    assert reply.text.splitlines()[0].startswith("没看懂“天气”")
    assert reply.text.splitlines()[1] == "位置：第 14 个字附近，“% 盈亏比1.5”之后"


FIRST_ADDED = "开多2手 1000 平仓 1020 乘数100 谢谢"
"""The first phrasing added with these fixes (the corpus keeps them together at its end)."""
ADDED = [case.text for case in CASES[[case.text for case in CASES].index(FIRST_ADDED) :]]


def test_earley_reads_the_added_phrasings_like_lalr() -> None:
    lalr, earley = get_parser(), build_parser("earley")
    compared = 0
    for text in ADDED:
        try:
            expected = lalr.parse_command(text)
        except Exception:
            continue
        assert earley.parse_command(text) == expected, text
        compared += 1
    assert compared > 60
