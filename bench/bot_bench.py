"""Bot throughput: updates/s through the real bot process against the fake Bot API on
127.0.0.1, compared in the same run with a minimal echo bot on the same harness; peak RSS of
the bot process after the burst.

Each bot runs as its own process (``python -m bot run`` / ``python -m bench.echo_bot``) with
the same HTTP settings (concurrent updates, connection pool); the fake server runs in this
process; only loopback is used. Trials alternate (ours, echo, ours, echo …) so a slow minute
on a shared machine hits both bots alike, and each figure is the median of its trials. Besides
wall-clock updates/s, the CPU time the bot process spent per update is reported: on a noisy
machine it is the steadier of the two.
"""

from __future__ import annotations

import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.bot.fake_bot_api import FakeBotAPI

ROOT = Path(__file__).resolve().parents[1]
USERS = 50
WARMUP = 50
CONCURRENT_UPDATES = 16
CONNECTION_POOL_SIZE = 8
BOT_COMMAND = "bot run"
ECHO_COMMAND = "bench.echo_bot"


@dataclass(frozen=True)
class BotRun:
    updates: int
    seconds: float
    """Wall time of the median trial."""
    cpu_ms_per_update: float
    """CPU time (user + system) of the bot process per update, median trial."""
    peak_rss_mb: float
    """Highest peak RSS (VmHWM) of the bot process over the trials."""
    trials: int = 1

    @property
    def per_second(self) -> float:
        return self.updates / self.seconds


@dataclass(frozen=True)
class _Trial:
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float


def _child_env(api: FakeBotAPI, database: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_BASE_URL=api.base_url,
        DATABASE_URL=f"sqlite:///{database}",
        RATE_LIMITER="false",
        FLOOD_LIMIT="0",
        LOG_LEVEL="WARNING",
        BOT_MODE="polling",
        CONCURRENT_UPDATES=str(CONCURRENT_UPDATES),
        CONNECTION_POOL_SIZE=str(CONNECTION_POOL_SIZE),
    )
    return env


def _proc_status(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _burst(module: str, texts: list[str]) -> _Trial:
    async with FakeBotAPI(validate_html=False) as api:
        with tempfile.TemporaryDirectory() as tmp:
            child = subprocess.Popen(  # noqa: ASYNC220 - started once, before timing
                [sys.executable, "-m", *module.split()],
                cwd=ROOT,
                env=_child_env(api, Path(tmp) / "bench.db"),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            try:
                await api.wait_for_calls("deleteWebhook", 1, timeout=60)
                for i in range(WARMUP):
                    api.push_update(api.text_update(texts[i % len(texts)], user_id=9000 + i))
                await api.wait_for_calls("sendMessage", WARMUP, timeout=60)
                cpu_before = _cpu_seconds(child.pid)
                started = time.perf_counter()
                for i, text in enumerate(texts):
                    api.push_update(api.text_update(text, user_id=10_000 + i % USERS))
                await api.wait_for_calls("sendMessage", WARMUP + len(texts), timeout=300)
                elapsed = time.perf_counter() - started
                cpu = _cpu_seconds(child.pid) - cpu_before
                rss = _proc_status(child.pid, "VmHWM")
            finally:
                child.send_signal(signal.SIGINT)
                try:
                    child.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
    return _Trial(seconds=elapsed, cpu_seconds=cpu, peak_rss_mb=rss)


def _summary(trials: list[_Trial], updates: int) -> BotRun:
    return BotRun(
        updates=updates,
        seconds=statistics.median(t.seconds for t in trials),
        cpu_ms_per_update=statistics.median(t.cpu_seconds for t in trials) * 1000 / updates,
        peak_rss_mb=max(t.peak_rss_mb for t in trials),
        trials=len(trials),
    )


def bot_throughput(corpus: list[str], updates: int, trials: int = 3) -> tuple[BotRun, BotRun]:
    """(our bot, echo bot) on the same updates, trials alternating between the two."""
    texts = [corpus[i % len(corpus)] for i in range(updates)]
    ours: list[_Trial] = []
    echo: list[_Trial] = []
    for _ in range(trials):
        ours.append(asyncio.run(_burst(BOT_COMMAND, texts)))
        echo.append(asyncio.run(_burst(ECHO_COMMAND, texts)))
    return _summary(ours, updates), _summary(echo, updates)
