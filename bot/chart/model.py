"""What a chart shows, as exact numbers: panels of curves, marked prices, bands and points.

The chart modules (``pnl``, ``risk``, ``perp``, ``ratio``) build a ``Chart`` from a core result
model with Decimal arithmetic; ``render`` turns it into a PNG (floats only there). Nothing here
imports matplotlib, so choosing whether an answer has a chart costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

ChartKind = Literal["pnl", "risk", "perp", "ratio"]
MarkRole = Literal[
    "entry", "breakeven", "current", "target", "stop", "liquidation", "warning", "forced"
]
BandRole = Literal["warning", "danger", "forced"]
YUnit = Literal["money", "percent"]


@dataclass(frozen=True, slots=True)
class Mark:
    """A vertical line at ``x`` (a price or a win rate), named in the legend with its value."""

    x: Decimal
    label: str
    role: MarkRole


@dataclass(frozen=True, slots=True)
class Band:
    """A horizontal band from ``low`` to ``high`` on the y axis (e.g. 风险度 80 %–90 %)."""

    low: Decimal
    high: Decimal
    label: str
    role: BandRole


@dataclass(frozen=True, slots=True)
class Point:
    """A labelled point on the curve (where it crosses a line, the current price …)."""

    x: Decimal
    y: Decimal
    label: str


@dataclass(frozen=True, slots=True)
class Series:
    """One curve: ``ys[i]`` is its value at the panel's ``xs[i]`` (None: not defined there)."""

    label: str
    ys: tuple[Decimal | None, ...]


@dataclass(frozen=True, slots=True)
class Panel:
    xs: tuple[Decimal, ...]
    series: tuple[Series, ...]
    x_label: str
    y_label: str
    y_unit: YUnit = "money"
    marks: tuple[Mark, ...] = ()
    bands: tuple[Band, ...] = ()
    points: tuple[Point, ...] = ()
    shade: bool = False
    """Shade the area between the first curve and zero: profit above, loss below."""
    y_limits: tuple[Decimal, Decimal] | None = None
    x_percent: bool = False
    """The x axis is a fraction shown as a percentage (win rate)."""

    def value_at(self, x: Decimal, series: int = 0) -> Decimal | None:
        """The exact value the curve ``series`` is drawn with at ``x`` (a grid point)."""
        return self.series[series].ys[self.xs.index(x)]


@dataclass(frozen=True, slots=True)
class Chart:
    kind: ChartKind
    title: str
    panels: tuple[Panel, ...]
    note: str = ""
    """One line of the assumptions the curves rest on, printed under the chart."""

    @property
    def texts(self) -> tuple[str, ...]:
        """Every string drawn (for the glyph check): title, note, labels, legend entries."""
        found = [self.title, self.note]
        for panel in self.panels:
            found += [panel.x_label, panel.y_label]
            found += [s.label for s in panel.series]
            found += [m.label for m in panel.marks]
            found += [b.label for b in panel.bands]
            found += [p.label for p in panel.points]
        return tuple(text for text in found if text)
