"""Helpers: a chart built from the pipeline's own answer to a question."""

from __future__ import annotations

from bot.chart import chart_for
from bot.chart.model import Chart
from bot.pipeline import answer


def chart_of(question: str) -> Chart:
    reply = answer(question)
    assert reply.ok, reply.text
    chart = chart_for(reply.result_model)
    assert chart is not None, f"no chart for {question!r}"
    return chart
