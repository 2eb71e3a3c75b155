"""Cold start: wall time of ``pingcang ask`` against ``python -c pass``; CLI import hygiene."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ASK_TEXT = "开多2手 1000 平仓 1020 乘数100"
HEAVY_MODULES = ("telegram", "sqlalchemy", "matplotlib", "aiohttp", "httpx")


def _wall(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def pingcang_command() -> list[str]:
    script = Path(sys.executable).with_name("pingcang")
    if script.exists():
        return [str(script), "ask", ASK_TEXT]
    return [sys.executable, "-m", "bot", "ask", ASK_TEXT]


def cold_start(runs: int = 7) -> dict[str, object]:
    baseline = _wall([sys.executable, "-c", "pass"], runs)
    ask = _wall(pingcang_command(), runs)
    probe = (
        "import sys, time; t=time.perf_counter(); import bot.cli, bot.pipeline; "
        "bot.pipeline.answer('开多2手 1000 平仓 1020 乘数100'); "
        "print(time.perf_counter()-t); "
        f"print(','.join(m for m in {HEAVY_MODULES!r} if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    return {
        "python_pass_ms": baseline * 1000,
        "pingcang_ask_ms": ask * 1000,
        "ratio": ask / baseline,
        "cli_import_and_first_answer_ms": float(out[0]) * 1000,
        "heavy_modules_loaded": [m for m in out[1].split(",") if m] if len(out) > 1 else [],
    }
