"""What a trader reads: one entry, a comparison, the user's own numbers, suggestions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.terms import all_entries, explain_terms, lookup_term, suggest_terms
from bot.terms.model import TermEntry
from bot.terms.render import render_entry


def D(text: str) -> Decimal:  # noqa: N802 - the project's Decimal constructor style
    return Decimal(text)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _entry(term: str) -> TermEntry:
    entry = lookup_term(term)
    assert entry is not None
    return entry


@pytest.mark.parametrize("entry", all_entries(), ids=lambda entry: entry.id)
def test_single_entry_reply_has_every_part(entry: TermEntry) -> None:
    reply = explain_terms([entry.title])
    text = reply.text
    assert reply.ok and reply.kind == "term"
    assert text.startswith(f"【{entry.title}】")
    for part in (entry.summary, entry.explanation, *entry.formulas, f"算例：{entry.example}"):
        assert part in text
    assert "出处：" in text
    assert reply.result == {"mode": "what", "entries": [entry.id], "unknown": [], "suggestions": {}}


def test_sources_are_cited_by_title_never_by_file_name() -> None:
    text = explain_terms(["平仓线"]).text
    assert "出处：《平仓线》" in text
    assert ".txt" not in text
    assert "出处：通用知识" in explain_terms(["全仓"]).text


def test_alias_and_misspelling_free_lookup_give_the_same_reply() -> None:
    assert explain_terms(["margin call"]).text == explain_terms(["追加保证金"]).text


def test_how_mode_puts_the_formula_before_the_explanation() -> None:
    entry = _entry("风险度")
    text = explain_terms(["风险度"], "how").text
    assert text.index("风险度 = 保证金占用 ÷ 账户权益") < text.index(entry.explanation)
    what = explain_terms(["风险度"], "what").text
    assert what.index(entry.explanation) < what.index("风险度 = 保证金占用 ÷ 账户权益")


def test_diff_shows_both_entries_and_the_key_difference() -> None:
    reply = explain_terms(["对冲平仓", "强制平仓"], "diff")
    text = reply.text
    assert reply.ok
    assert text.startswith("【对冲平仓】与【强制平仓】的区别")
    assert "关键区别：" in text
    assert _entry("对冲平仓").contrasts["qiangzhi_pingcang"] in text
    assert "▸ 对冲平仓：" in text and "▸ 强制平仓：" in text
    assert "试算：开空2手 4000 买平2手 3950 乘数10" in text
    assert reply.result is not None
    assert reply.result["entries"] == ["duichong_pingcang", "qiangzhi_pingcang"]


def test_diff_finds_a_contrast_written_on_either_side() -> None:
    # The 逐仓 entry holds the contrast; asking in the other order still shows it.
    text = explain_terms(["全仓", "逐仓"], "diff").text
    assert _entry("逐仓").contrasts["quancang"] in text


def test_diff_of_two_names_for_one_entry_explains_that_entry() -> None:
    reply = explain_terms(["平今", "平昨"], "diff")
    assert reply.ok
    assert reply.text.startswith("【平今/平昨】")
    assert reply.result is not None and reply.result["entries"] == ["pingjin_pingzuo"]


# --- the user's own numbers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "values", "lines"),
    [
        (
            "穿仓",
            {"equity": D("6000"), "loss": D("8000")},
            ["穿仓金额  2,000.00 元", "穿仓金额 = 亏损 − 权益 = 8,000 − 6,000 = 2,000.00 元"],
        ),
        ("穿仓", {"equity": D("6000"), "loss": D("5000")}, ["剩余权益  1,000.00 元", "未穿仓"]),
        (
            "风险度",
            {"equity": D("100000"), "margin_used": D("80000")},
            ["风险度 = 80,000 ÷ 100,000 = 80%", "可用资金  20,000.00 元", "达到预警线 80%"],
        ),
        (
            "平仓线",
            {"equity": D("100000"), "margin_used": D("100000")},
            ["风险度 = 100,000 ÷ 100,000 = 100%", "达到平仓线 100%"],
        ),
        ("账户权益", {"equity": D("50000"), "margin_used": D("20000")}, ["40%", "安全"]),
        (
            "保证金",
            {"price": D("3500"), "multiplier": D("10"), "lots": D("2"), "margin_rate": D("0.1")},
            ["保证金 = 3,500 × 10 × 2 × 10% = 7,000.00 元"],
        ),
        (
            "维持保证金",
            {
                "entry_price": D("5000"),
                "multiplier": D("10"),
                "lots": D("1"),
                "margin_rate": D("0.12"),
                "maintenance_rate": D("0.08"),
                "equity": D("6000"),
            },
            ["初始保证金  6,000.00 元", "维持保证金  4,000.00 元", "可承受亏损  2,000.00 元"],
        ),
        ("合约乘数", {"price": D("5000"), "multiplier": D("10")}, ["合约价值  50,000.00 元"]),
        (
            "平仓盈亏",
            {
                "entry_price": D("1000"),
                "exit_price": D("1020"),
                "multiplier": D("100"),
                "lots": D("2"),
            },
            ["多头：(1,020 − 1,000) × 100 × 2 = 4,000.00 元"],
        ),
        (
            "买入平仓",
            {
                "entry_price": D("3600"),
                "exit_price": D("3550"),
                "multiplier": D("10"),
                "lots": D("3"),
            },
            ["空头：(3,600 − 3,550) × 10 × 3 = 1,500.00 元"],
        ),
        (
            "涨跌停板",
            {"entry_price": D("3500"), "price": D("3325"), "multiplier": D("10")},
            ["多头浮动盈亏  -1,750.00 元", "空头浮动盈亏   1,750.00 元"],
        ),
        ("手续费", {"fee_per_lot": D("3"), "lots": D("2")}, ["开平两边：3 × 2 × 2 = 12.00 元"]),
        ("杠杆", {"leverage": D("10")}, ["保证金率 ≈ 1 ÷ 10 = 10%"]),
        ("杠杆", {"margin_rate": D("0.12")}, ["杠杆倍数 ≈ 1 ÷ 12% = 8.33 倍"]),
        (
            "盈亏比",
            {"profit": D("3000"), "loss": D("1000")},
            ["盈亏比    3 : 1", "保本胜率 = 1,000 ÷ (3,000 + 1,000) = 25%"],
        ),
        (
            "收益率",
            {"profit": D("1400"), "margin_used": D("7000")},
            ["收益率 = 1,400 ÷ 7,000 = 20%"],
        ),
    ],
)
def test_user_numbers_are_worked_through(
    term: str, values: dict[str, Decimal], lines: list[str]
) -> None:
    reply = explain_terms([term], values=values)
    assert reply.ok
    assert "用你的数字：" in reply.text
    flat = _flat(reply.text)  # table padding depends on the widest label; compare words
    for line in lines:
        assert _flat(line) in flat
    assert reply.working and all(line in reply.text for line in reply.working)


def test_missing_numbers_are_named() -> None:
    text = explain_terms(["风险度"], values={"equity": D("100000")}).text
    assert "再给出保证金占用，就能用你的数字代入计算。" in text
    text = explain_terms(["保证金"], values={"price": D("3500")}).text
    assert "再给出乘数、手数、保证金率，就能用你的数字代入计算。" in text


def test_numbers_are_ignored_where_the_entry_has_no_identity() -> None:
    text = explain_terms(["锁仓"], values={"equity": D("6000")}).text
    assert "用你的数字" not in text and "再给出" not in text


def test_no_numbers_no_personal_block() -> None:
    assert "用你的数字" not in explain_terms(["穿仓"]).text


# --- unknown and misspelt terms -------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("逐日盯是", "逐日盯市"),
        ("强制平舱", "强制平仓"),
        ("锁舱", "锁仓"),
        ("风险都", "风险度"),
        ("维持保证", "维持保证金"),
        ("margn call", "追加保证金"),
        ("leverge", "杠杆"),
        ("flating pnl", "浮动盈亏"),
    ],
)
def test_misspelt_terms_get_the_closest_entry_first(typed: str, first: str) -> None:
    suggestions = suggest_terms(typed)
    assert suggestions and suggestions[0].title == first
    assert len({entry.id for entry in suggestions}) == len(suggestions)


def test_unknown_term_reply_offers_suggestions() -> None:
    reply = explain_terms(["逐日盯是"])
    assert not reply.ok and reply.kind == "term"
    assert reply.text.startswith("知识库里没有“逐日盯是”。你是不是想问：逐日盯市")
    assert reply.result is not None
    assert reply.result["unknown"] == ["逐日盯是"]
    assert reply.result["suggestions"]["逐日盯是"][0] == "zhuri_dingshi"


def test_unrelated_word_gets_no_suggestions() -> None:
    assert suggest_terms("天气") == []
    reply = explain_terms(["天气"])
    assert not reply.ok
    assert "知识库里还没有“天气”这个词条。" in reply.text


def test_one_known_one_unknown_explains_the_known_and_suggests_for_the_other() -> None:
    reply = explain_terms(["穿仓", "爆舱"], "diff")
    assert not reply.ok
    assert reply.text.startswith("【穿仓】")
    assert "知识库里没有“爆舱”。你是不是想问：爆仓" in reply.text


def test_no_terms_lists_the_catalogue() -> None:
    reply = explain_terms([])
    assert reply.ok
    assert reply.text.startswith(f"可以查询的词条（共 {len(all_entries())} 条）：")
    for entry in all_entries():
        assert entry.title in reply.text


def test_example_that_cannot_be_computed_degrades_to_the_command() -> None:
    entry = _entry("平仓").model_copy(update={"example": "这不是一条命令"})
    text = "\n".join(line for block in render_entry(entry) for line in block.lines)
    assert "算例：这不是一条命令" in text
    assert "（计算器暂时算不了这条算例，可稍后直接发送上面的命令。）" in text


def test_html_rendering_escapes_and_keeps_tables_in_pre() -> None:
    html = explain_terms(["风险度"], values={"equity": D("100000"), "margin_used": D("80000")}).html
    assert "<pre>" in html and "风险度" in html
    assert "<script" not in explain_terms(["<script>"]).html
