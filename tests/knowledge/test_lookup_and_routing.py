"""Every title and alias finds its entry; natural question phrasings route to the right entries."""

from __future__ import annotations

import pytest

from bot.terms import all_entries, lookup_term, route_question

NAMES = [(name, entry.id) for entry in all_entries() for name in entry.names()]


@pytest.mark.parametrize(("name", "entry_id"), NAMES, ids=[name for name, _ in NAMES])
def test_every_title_and_alias_finds_its_entry(name: str, entry_id: str) -> None:
    found = lookup_term(name)
    assert found is not None and found.id == entry_id
    assert route_question(name) == ([found.title], "what")  # a bare term is a term question


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("ＦＩＦＯ", "xianru_xianchu"),  # full-width, NFKC
        ("fifo", "xianru_xianchu"),
        ("Margin Call", "zhuijia_baozhengjin"),
        ("  margin   call ", "zhuijia_baozhengjin"),
        ("MARGIN-CALL", "zhuijia_baozhengjin"),
        ("平今平昨", "pingjin_pingzuo"),
    ],
)
def test_lookup_ignores_case_width_and_spacing(text: str, entry_id: str) -> None:
    found = lookup_term(text)
    assert found is not None and found.id == entry_id


@pytest.mark.parametrize(
    "text", ["", "平", "天气", "开多2手 1000 平仓 1020 乘数100", "平仓线怎么计算"]
)
def test_lookup_is_exact_only(text: str) -> None:
    assert lookup_term(text) is None


PHRASINGS: list[tuple[str, list[str], str]] = [
    ("什么是逐日盯市", ["zhuri_dingshi"], "what"),
    ("穿仓是什么意思", ["chuancang"], "what"),
    ("对冲平仓和强制平仓有什么区别", ["duichong_pingcang", "qiangzhi_pingcang"], "diff"),
    ("平仓线怎么计算", ["pingcangxian"], "how"),
    ("啥叫锁仓", ["suocang"], "what"),
    ("what is margin call", ["zhuijia_baozhengjin"], "what"),
    ("风险度是啥", ["fengxiandu"], "what"),
    ("什么叫反手", ["fanshou"], "what"),
    ("平今和平昨的区别", ["pingjin_pingzuo", "pingjin_pingzuo"], "diff"),
    ("逐仓和全仓有什么不同", ["zhucang", "quancang"], "diff"),
    ("请问什么是爆仓？", ["baocang"], "what"),
    ("强平价怎么算", ["qiangpingjia"], "how"),
    ("盈亏比是什么意思啊", ["yingkuibi"], "what"),
    ("/explain 基差", ["jicha"], "what"),
    ("/explain@PingcangBot 交割月", ["jiaogeyue"], "what"),
    ("/term 滑点", ["huadian"], "what"),
    ("交割月?", ["jiaogeyue"], "what"),
    ("保证金占用？", ["baozhengjin_zhanyong"], "what"),
    ("什么是 FIFO", ["xianru_xianchu"], "what"),
    ("what's slippage", ["huadian"], "what"),
    ("逐日盯市与逐笔对冲的区别", ["zhuri_dingshi", "zhubi_duichong"], "diff"),
    ("浮动盈亏和平仓盈亏有什么区别", ["fudong_yingkui", "pingcang_yingkui"], "diff"),
    ("期货中的平仓线是什么意思", ["pingcangxian"], "what"),
    ("维持保证金的计算公式", ["weichi_baozhengjin"], "how"),
    ("何为基差", ["jicha"], "what"),
    ("解释一下资金费率", ["zijin_feilv"], "what"),
    ("标记价格指的是什么", ["biaoji_jiage"], "what"),
    ("杠杆啥意思", ["gangan"], "what"),
    ("涨跌停板是怎么回事？", ["zhangdie_tingban"], "what"),
    ("how is risk ratio calculated", ["fengxiandu"], "how"),
    ("difference between isolated margin and cross margin", ["zhucang", "quancang"], "diff"),
    ("追保是什么", ["zhuijia_baozhengjin"], "what"),
    ("止盈是啥", ["mubiao_pingcang"], "what"),
    ("先开先平是什么意思", ["xianru_xianchu"], "what"),
    ("什么是实物交割", ["shiwu_jiaoge"], "what"),
    ("初始保证金和维持保证金的区别", ["chushi_baozhengjin", "weichi_baozhengjin"], "diff"),
    ("mark to market?", ["zhuri_dingshi"], "what"),
    ("支阻平仓是什么", ["zhizu_pingcang"], "what"),
    ("逐笔对冲制度是什么", ["zhubi_duichong"], "what"),
    ("期货里的保证金是啥意思", ["baozhengjin"], "what"),
    ("what does leverage mean", ["gangan"], "what"),
    ("how to calculate liquidation price", ["qiangpingjia"], "how"),
    ("爆仓价怎么算的", ["qiangpingjia"], "how"),
    ("平仓盈亏的计算方法", ["pingcang_yingkui"], "how"),
    ("锁仓 vs 反手", ["suocang", "fanshou"], "diff"),
    ("/explain 对冲平仓和强制平仓", ["duichong_pingcang", "qiangzhi_pingcang"], "diff"),
    ("/explain 平仓 开仓", ["pingcang", "kaicang"], "what"),
    ("跟踪止损和移动止损的区别", ["zhisun_pingcang", "zhisun_pingcang"], "diff"),
    ("强平是啥玩意", ["qiangzhi_pingcang"], "what"),
    ("怎么算保本价", ["baobenjia"], "how"),
    ("怎么区分穿仓和爆仓", ["chuancang", "baocang"], "diff"),
]


def test_at_least_30_phrasings() -> None:
    assert len({text for text, _, _ in PHRASINGS}) >= 30


@pytest.mark.parametrize(("text", "entry_ids", "mode"), PHRASINGS, ids=[p[0] for p in PHRASINGS])
def test_phrasing_routes_to_the_right_entries(text: str, entry_ids: list[str], mode: str) -> None:
    routed = route_question(text)
    assert routed is not None
    terms, routed_mode = routed
    found = [lookup_term(term) for term in terms]
    assert [entry.id if entry else None for entry in found] == entry_ids
    assert routed_mode == mode


@pytest.mark.parametrize(
    ("text", "term"),
    [("什么是逐日盯是", "逐日盯是"), ("强制平舱是什么意思", "强制平舱"), ("/explain 穿藏", "穿藏")],
)
def test_misspelt_term_in_a_question_is_still_routed(text: str, term: str) -> None:
    assert route_question(text) == ([term], "what")


@pytest.mark.parametrize(
    "text",
    [
        "开多2手 1000 平仓 1020 乘数100",
        "权益10万 保证金占用8万 风险度",
        "开多1手 5000 每手10吨 保证金12% 维持保证金8% 权益6000 强平价",
        "盈亏比3:1 保本胜率",
        "今天吃什么",
        "你好",
        "这是什么",
        "我的账户是什么",
        "",
        "   ",
    ],
)
def test_calculations_and_chatter_are_not_term_questions(text: str) -> None:
    assert route_question(text) is None


def test_explain_alone_asks_for_the_catalogue() -> None:
    assert route_question("/explain") == ([], "what")
    assert route_question("/explain@PingcangBot") == ([], "what")


def test_no_worked_example_is_itself_a_term_question() -> None:
    # The renderer computes examples through the pipeline; an example that routed back to a
    # term explanation would loop.
    assert [e.example for e in all_entries() if route_question(e.example) is not None] == []


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("强平了盈利归谁", "强制平仓"),
        ("强平手续费比平时贵吗", "强制平仓"),
        ("穿仓了要还钱吗", "穿仓"),
        ("锁仓有什么用", "锁仓"),
        ("先进先出", "先入先出"),
    ],
)
def test_a_term_then_a_question_about_it_is_answered_by_the_term(text: str, term: str) -> None:
    from bot.pipeline import answer

    assert answer(text).text.startswith(f"【{term}】")


def test_a_question_without_a_known_term_is_not_taken_for_one() -> None:
    from bot.terms import route_question

    assert route_question("今天吃什么") is None
    assert route_question("明天会涨吗") is None
