"""Cold start: wall time of ``pingcang ask`` against ``python -c pass``; CLI import hygiene.

Both commands run as fresh processes, alternating, and each figure is the median of its runs.
They run with bytecode caching allowed (as after ``pip install``, which compiles every module):
a sandbox that sets ``PYTHONDONTWRITEBYTECODE`` would otherwise recompile the project's own
modules from source on every start while the standard library and site-packages keep theirs.
One untimed warm-up run first writes that bytecode and the parser-table cache, as the first
run after an install does once (``first_run_ms`` measures that run with an empty cache dir).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ASK_TEXT = "开多2手 1000 平仓 1020 乘数100"
LARK_FLOOR = f"from bot.parse.parser import get_parser; get_parser().parse_command({ASK_TEXT!r})"
"""What stock Lark alone costs a fresh process: import lark and our parse modules, load the
command grammar from Lark's cache, parse the message (no resolve, core or format)."""
HEAVY_MODULES = ("telegram", "sqlalchemy", "matplotlib", "aiohttp", "httpx", "cn2an", "rapidfuzz")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def _once(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - t0


def pingcang_command() -> list[str]:
    script = Path(sys.executable).with_name("pingcang")
    if script.exists():
        return [str(script), "ask", ASK_TEXT]
    return [sys.executable, "-m", "bot", "ask", ASK_TEXT]


def cold_start(runs: int = 7) -> dict[str, object]:
    env = _env()
    baseline_cmd = [sys.executable, "-c", "pass"]
    ask_cmd = pingcang_command()
    _once(baseline_cmd, env)
    _once(ask_cmd, env)  # warm-up: bytecode and the parser cache, as after an install
    lark_cmd = [sys.executable, "-c", "import lark"]
    floor_cmd = [sys.executable, "-c", LARK_FLOOR]
    _once(floor_cmd, env)
    baseline: list[float] = []
    ask: list[float] = []
    lark_import: list[float] = []
    floor: list[float] = []
    for _ in range(runs):
        baseline.append(_once(baseline_cmd, env))
        ask.append(_once(ask_cmd, env))
        lark_import.append(_once(lark_cmd, env))
        floor.append(_once(floor_cmd, env))
    with tempfile.TemporaryDirectory() as empty:
        first_run = _once(ask_cmd, _env(PINGCANG_CACHE_DIR=empty))
    probe = (
        "import sys, time; t=time.perf_counter(); import bot.cli, bot.pipeline; "
        "bot.pipeline.answer('开多2手 1000 平仓 1020 乘数100'); "
        "print(time.perf_counter()-t); "
        f"print(','.join(m for m in {HEAVY_MODULES!r} if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True, env=env
    ).stdout.splitlines()
    python_pass = statistics.median(baseline)
    pingcang_ask = statistics.median(ask)
    return {
        "runs": runs,
        "python_pass_ms": python_pass * 1000,
        "pingcang_ask_ms": pingcang_ask * 1000,
        "ratio": pingcang_ask / python_pass,
        "lark_import_ms": statistics.median(lark_import) * 1000,
        "lark_floor_ms": statistics.median(floor) * 1000,
        "lark_floor_ratio": statistics.median(floor) / python_pass,
        "first_run_ms": first_run * 1000,
        "cli_import_and_first_answer_ms": float(out[0]) * 1000,
        "heavy_modules_loaded": [m for m in out[1].split(",") if m] if len(out) > 1 else [],
    }
