"""Rendering: a valid 1200 × 800 PNG per chart kind, every glyph in the CJK font, no files."""

from __future__ import annotations

import io
import sys
import warnings
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from bot.chart import draw_chart
from bot.chart.font import font_path, register_font
from bot.chart.model import Chart
from bot.chart.render import render_png
from bot.pipeline import answer
from tests.chart.conftest import chart_of

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_BYTES = 200_000
QUESTIONS = {
    "pnl": "开多2手 3500 乘数10 手续费3元/手 现价3600",
    "breakeven": "开多2手 rb 3500 手续费3元/手 目标盈利2000 最多亏1000",
    "risk": "权益10万 开多10手 rb 3500 保证金10% 强平价",
    "perp": "BTC 开多1个 60000 10倍 费率0.05% 平仓62000",
    "short perp": "ETH 开空2个 3000 20倍 强平价",
    "ratio": "盈亏比3:1 胜率70%",
    "win rate": "盈亏比2:1",
}


@pytest.fixture(scope="module")
def charts() -> dict[str, Chart]:
    return {name: chart_of(question) for name, question in QUESTIONS.items()}


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_each_chart_is_a_small_phone_sized_png(
    name: str, charts: dict[str, Chart], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib's "Glyph … missing from font" included
        png = render_png(charts[name])
    assert png.startswith(PNG_SIGNATURE)
    assert 10_000 < len(png) < MAX_BYTES
    with Image.open(io.BytesIO(png)) as image:
        image.verify()
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (1200, 800)
        # drawn, not blank: the curve's blue appears
        assert (0, 114, 178) in {rgb for _, rgb in image.convert("RGB").getcolors(1 << 20) or ()}
    assert list(tmp_path.iterdir()) == []  # rendered in memory only


def test_the_font_covers_every_character_drawn(charts: dict[str, Chart]) -> None:
    cmap = TTFont(font_path(), lazy=True).getBestCmap()
    drawn = {char for chart in charts.values() for text in chart.texts for char in text}
    drawn |= set("0123456789,.%−+:–≥") | set("（）：；")
    missing = sorted(char for char in drawn if ord(char) not in cmap)
    assert missing == [], f"glyphs missing from {font_path().name}: {missing}"


def test_the_font_is_registered_by_path() -> None:
    from matplotlib import font_manager

    assert register_font() == "Noto Sans CJK SC"
    assert font_path().name == "NotoSansCJKsc-Regular.otf"
    found = font_manager.findfont(font_manager.FontProperties(family=register_font()))
    assert Path(found) == font_path()


def test_every_label_string_renders_without_missing_glyph_warnings(
    charts: dict[str, Chart],
) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    texts = sorted({text for chart in charts.values() for text in chart.texts})
    figure = Figure(figsize=(12, 8), dpi=100)
    FigureCanvasAgg(figure)
    for index, text in enumerate(texts):
        figure.text(0.01, index / len(texts), text, family=register_font())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure.savefig(io.BytesIO(), format="png")


def test_drawing_uses_no_pyplot() -> None:
    assert draw_chart(answer(QUESTIONS["ratio"])) is not None
    assert "matplotlib.pyplot" not in sys.modules


def test_a_reply_without_chart_draws_nothing() -> None:
    assert draw_chart(answer("权益10万 保证金8万 风险度")) is None
    assert draw_chart(answer("随便说点什么")) is None


def test_the_readme_shows_the_committed_example_chart() -> None:
    root = Path(__file__).resolve().parents[2]
    assert "](docs/example_chart.png)" in (root / "README.md").read_text(encoding="utf-8")
    with Image.open(root / "docs" / "example_chart.png") as image:
        assert image.format == "PNG" and image.size == (1200, 800)
