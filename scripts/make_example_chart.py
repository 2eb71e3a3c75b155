"""Write the README's example chart: ``docs/example_chart.png``.

Usage: ``.venv/bin/python scripts/make_example_chart.py``; the same picture as
``pingcang ask "<QUESTION>" --chart docs/example_chart.png``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.chart import draw_chart
from bot.pipeline import answer

QUESTION = "开多2手 rb 3500 手续费3元/手 目标盈利2000 最多亏1000"
OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "example_chart.png"


def main() -> int:
    image = draw_chart(answer(QUESTION))
    if image is None:
        print(f"no chart for {QUESTION!r}", file=sys.stderr)
        return 1
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_bytes(image.png)
    print(f"written: {OUTPUT} ({len(image.png):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
