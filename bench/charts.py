"""Chart rendering: first chart in a fresh process (matplotlib import + font), warm render time
per chart kind, the RSS matplotlib adds and the PNG sizes.

Runs in a child interpreter so that nothing is imported beforehand: the first chart pays what
the bot's first 看图 press pays.
"""

from __future__ import annotations

import json
import subprocess
import sys

QUESTIONS = {
    "pnl": "开多2手 3500 乘数10 手续费3元/手 现价3600",
    "breakeven": "开多2手 rb 3500 手续费3元/手 目标盈利2000 最多亏1000",
    "risk": "权益10万 开多10手 rb 3500 保证金10% 强平价",
    "perp": "BTC 开多1个 60000 10倍 费率0.05% 平仓62000",
    "ratio": "盈亏比3:1 胜率70%",
}

_PROBE = """
import json, statistics, sys, time
from bot.pipeline import answer
from bot.chart import draw_chart

def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0

questions, rounds = json.loads(sys.argv[1]), int(sys.argv[2])
replies = {kind: answer(text) for kind, text in questions.items()}
before = rss_mb()
start = time.perf_counter()
first = draw_chart(replies["pnl"])
first_ms = (time.perf_counter() - start) * 1000
after_first = rss_mb()
warm, sizes = {}, {}
for kind, reply in replies.items():
    draw_chart(reply)  # this kind's glyphs and layout once
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        image = draw_chart(reply)
        times.append((time.perf_counter() - start) * 1000)
    warm[kind] = statistics.median(times)
    sizes[kind] = len(image.png)
print(json.dumps({
    "first_ms": first_ms, "warm_ms": warm, "png_bytes": sizes,
    "rss_before_mb": before, "rss_after_first_mb": after_first, "rss_after_mb": rss_mb(),
}))
"""


def chart_rendering(rounds: int = 7) -> dict[str, object]:
    """Figures of one child process (see the module docstring)."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(QUESTIONS, ensure_ascii=False), str(rounds)],
        check=True,
        capture_output=True,
        text=True,
    )
    found: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    warm = found["warm_ms"]
    assert isinstance(warm, dict)
    found["warm_median_ms"] = sorted(warm.values())[len(warm) // 2]
    found["warm_max_ms"] = max(warm.values())
    before, after = found["rss_before_mb"], found["rss_after_mb"]
    assert isinstance(before, float) and isinstance(after, float)
    found["rss_added_mb"] = after - before
    return found


if __name__ == "__main__":
    print(json.dumps(chart_rendering(), indent=2))
