"""Which answers get a chart: the cheap check behind the 看图 button agrees with the builder."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.chart import chart_for, has_chart
from bot.pipeline import answer

CHARTED = {
    "开多2手 3500 乘数10 现价3600": "pnl",
    "开多2手 rb 3500 手续费3元/手 保本价": "pnl",
    "权益10万 开多10手 rb 3500 保证金10% 强平价": "risk",
    "BTC 开多1个 60000 10倍 强平价": "perp",
    "盈亏比3:1 胜率70%": "ratio",
    "盈亏比3:1": "ratio",
}
NOT_CHARTED = (
    "开多2手 1000 平仓 1020 乘数100",
    "开多2手 3500 开空1手 3510 乘数10",
    "权益10万 保证金8万 风险度",
    "权益10万 风险2% 开仓3500 止损3450 乘数10",
    "什么是平仓",
    "随便说点什么",
)


@pytest.mark.parametrize(("question", "kind"), CHARTED.items())
def test_chartable_answers(question: str, kind: str) -> None:
    reply = answer(question)
    chart = chart_for(reply.result_model)
    assert has_chart(reply)
    assert chart is not None and chart.kind == kind


@pytest.mark.parametrize("question", NOT_CHARTED)
def test_answers_without_a_chart(question: str) -> None:
    reply = answer(question)
    assert not has_chart(reply)
    assert not reply.ok or chart_for(reply.result_model) is None


def test_the_reply_exposes_its_result_model_read_only() -> None:
    reply = answer("开多2手 3500 乘数10 现价3600")
    assert reply.result_model is not None
    assert reply.result is not None
    assert reply.result["floating_pnl"] == "2000"  # (3600 − 3500) × 10 × 2
    with pytest.raises(AttributeError):
        reply.result_model = None  # type: ignore[misc]


def test_the_button_check_agrees_with_the_builder_on_the_whole_corpus() -> None:
    corpus = Path(__file__).resolve().parents[2] / "bench" / "corpus.txt"
    lines = corpus.read_text(encoding="utf-8").splitlines()
    questions = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    kinds: set[str] = set()
    for question in questions:
        reply = answer(question)
        chart = chart_for(reply.result_model) if reply.ok else None
        assert has_chart(reply) == (chart is not None), question
        if chart is not None:
            kinds.add(chart.kind)
    assert kinds == {"pnl", "risk", "perp", "ratio"}
