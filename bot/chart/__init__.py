"""Charts of an answer: P&L, 风险度, perpetual margin ratio and reward/risk vs price or win rate.

``chart_for(model)`` picks and builds the chart for a core result model (None: the answer has
none); ``draw_chart(reply)`` also renders it to PNG (matplotlib is imported only then).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from bot.chart.select import NO_CHART, chart_for, has_chart

if TYPE_CHECKING:
    from bot.reply import Reply

__all__ = ["NO_CHART", "ChartImage", "chart_for", "draw_chart", "has_chart"]


class ChartImage(NamedTuple):
    title: str
    png: bytes


def draw_chart(reply: Reply) -> ChartImage | None:
    """The reply's chart as PNG bytes; None when it has none. Blocking (~0.1–0.3 s): async
    code calls it in a thread."""
    chart = chart_for(reply.result_model) if reply.ok else None
    if chart is None:
        return None
    from bot.chart.render import render_png

    return ChartImage(chart.title, render_png(chart))
