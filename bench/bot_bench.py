"""Bot throughput: updates/s through the real bot process against the fake Bot API on
127.0.0.1, compared in the same run with a minimal echo bot on the same harness; peak RSS of
the bot process after the burst.

Each bot runs as its own process (``python -m bot run`` / ``python -m bench.echo_bot``), the
fake server runs in this process; only loopback is used.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.bot.fake_bot_api import FakeBotAPI

ROOT = Path(__file__).resolve().parents[1]
USERS = 50


@dataclass(frozen=True)
class BotRun:
    updates: int
    seconds: float
    peak_rss_mb: float

    @property
    def per_second(self) -> float:
        return self.updates / self.seconds


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
    )
    return env


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _burst(module: str, texts: list[str], warmup: int) -> BotRun:
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
                for i in range(warmup):
                    api.push_update(api.text_update(texts[i % len(texts)], user_id=9000 + i))
                await api.wait_for_calls("sendMessage", warmup, timeout=60)
                started = time.perf_counter()
                for i, text in enumerate(texts):
                    api.push_update(api.text_update(text, user_id=10_000 + i % USERS))
                await api.wait_for_calls("sendMessage", warmup + len(texts), timeout=300)
                elapsed = time.perf_counter() - started
                rss = _peak_rss_mb(child.pid)
            finally:
                child.send_signal(signal.SIGINT)
                try:
                    child.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    child.kill()
    return BotRun(updates=len(texts), seconds=elapsed, peak_rss_mb=rss)


def bot_throughput(corpus: list[str], updates: int) -> tuple[BotRun, BotRun]:
    """(our bot, echo bot) on the same updates."""
    texts = [corpus[i % len(corpus)] for i in range(updates)]
    ours = asyncio.run(_burst("bot run", texts, warmup=20))
    echo = asyncio.run(_burst("bench.echo_bot", texts, warmup=20))
    return ours, echo
