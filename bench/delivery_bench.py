"""Delivery figures of the real ``pingcang run`` process against the fake Bot API (loopback):

- added latency at low load: one question at a time, push → reply received (limiter off);
- drain rate of a burst over 50 chats with the rate limiter on;
- how long a quiet chat waits while another chat floods 300 messages;
- restart → first answer: process start with an update already waiting → its reply;
- RSS when idle and after 20,000 private users and 2,000 groups wrote at once.
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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.bot.fake_bot_api import FakeBotAPI

ROOT = Path(__file__).resolve().parents[1]
SEED = "开多2手 1000 平仓 1020 乘数100"


@dataclass(frozen=True)
class DeliveryRun:
    latency_p50_ms: float
    latency_p99_ms: float
    drain_per_second: float
    quiet_wait_s: float
    restart_to_first_answer_s: float
    rss_idle_mb: float
    rss_after_users_mb: float
    users: int


def _env(api: FakeBotAPI, database: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_BASE_URL=api.base_url,
        DATABASE_URL=f"sqlite:///{database}",
        RATE_LIMITER="false",
        FLOOD_LIMIT="0",
        FLOOD_PRIVATE_LIMIT="0",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def _start(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _stop(child: subprocess.Popen[bytes]) -> None:
    child.send_signal(signal.SIGTERM)
    try:
        child.wait(timeout=20)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _wait(condition: Callable[[], bool], within: float) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the bot did not answer in time")
        await asyncio.sleep(0.002)


def _answers(api: FakeBotAPI, chat: int) -> int:
    return sum(1 for c in api.calls_to("sendMessage") if c.chat_id == chat)


async def _latency(api: FakeBotAPI, rounds: int) -> list[float]:
    samples = []
    for i in range(rounds):
        before = api.count("sendMessage")
        started = time.monotonic()
        api.push_update(api.text_update(SEED, user_id=50_000 + i % 20))
        await _wait(lambda before=before: api.count("sendMessage") > before, 30)  # type: ignore[misc]
        samples.append((api.calls_to("sendMessage")[-1].at - started) * 1000)
        await asyncio.sleep(0.02)
    return samples


async def _quiet_wait(api: FakeBotAPI) -> float:
    for i in range(300):
        api.push_update(api.text_update(f"开多{i % 9 + 1}手 1000 平仓 1020 乘数10", user_id=61))
    await _wait(lambda: _answers(api, 61) >= 5, 30)
    started = time.monotonic()
    api.push_update(api.text_update(SEED, user_id=62))
    await _wait(lambda: _answers(api, 62) >= 1, 60)
    waited = time.monotonic() - started
    await _wait(lambda: _answers(api, 61) >= 300, 120)
    return waited


async def _low_load_and_fairness(rounds: int) -> tuple[list[float], float, float]:
    async with FakeBotAPI(validate_html=False) as api:
        with tempfile.TemporaryDirectory() as tmp:
            child = _start(_env(api, Path(tmp) / "b.db"))
            try:
                await api.wait_for_calls("deleteWebhook", 1, timeout=60)
                await asyncio.sleep(2.0)  # after the deferred warm-up
                idle = _rss_mb(child.pid)
                samples = await _latency(api, rounds)
                quiet = await _quiet_wait(api)
            finally:
                _stop(child)
    return samples, quiet, idle


async def _drain(chats: int, per_chat: int) -> float:
    async with FakeBotAPI(validate_html=False) as api:
        with tempfile.TemporaryDirectory() as tmp:
            child = _start(_env(api, Path(tmp) / "b.db", RATE_LIMITER="true"))
            try:
                await api.wait_for_calls("deleteWebhook", 1, timeout=60)
                started = time.monotonic()
                for _ in range(per_chat):
                    for chat in range(chats):
                        api.push_update(api.text_update(SEED, user_id=70_000 + chat))
                await api.wait_for_calls("sendMessage", chats * per_chat, timeout=300)
                return chats * per_chat / (time.monotonic() - started)
            finally:
                _stop(child)


async def _restart_and_memory(users: int, groups: int) -> tuple[float, float]:
    async with FakeBotAPI(validate_html=False) as api:
        with tempfile.TemporaryDirectory() as tmp:
            env = _env(api, Path(tmp) / "b.db", FLOOD_LIMIT="6", FLOOD_PRIVATE_LIMIT="20")
            first = _start(env)  # creates and migrates the database, then stops
            await api.wait_for_calls("deleteWebhook", 1, timeout=60)
            _stop(first)
            api.push_update(api.text_update(SEED, user_id=99))
            started = time.monotonic()
            child = _start(env)
            try:
                await api.wait_for_calls("sendMessage", 1, timeout=60)
                restart = time.monotonic() - started
                for i in range(users):
                    api.push_update(api.text_update(SEED, user_id=100_000 + i))
                for g in range(groups):
                    api.push_update(
                        api.text_update(f"/c {SEED}", user_id=300_000 + g, chat_id=-1_000_000 - g)
                    )
                await api.wait_for_calls("sendMessage", 1 + users + groups, timeout=900)
                await asyncio.sleep(1.0)
                rss = _rss_mb(child.pid)
            finally:
                _stop(child)
    return restart, rss


def delivery(quick: bool = False) -> DeliveryRun:
    """All delivery figures (``quick``: fewer rounds and users)."""
    samples, quiet, idle = asyncio.run(_low_load_and_fairness(50 if quick else 300))
    drain = asyncio.run(_drain(50, 2 if quick else 6))
    users, groups = (2_000, 200) if quick else (20_000, 2_000)
    restart, rss_after = asyncio.run(_restart_and_memory(users, groups))
    restarts = [restart] + [asyncio.run(_restart_and_memory(0, 0))[0] for _ in range(2)]
    cuts = statistics.quantiles(samples, n=100)
    return DeliveryRun(
        latency_p50_ms=statistics.median(samples),
        latency_p99_ms=cuts[98],
        drain_per_second=drain,
        quiet_wait_s=quiet,
        restart_to_first_answer_s=statistics.median(restarts),
        rss_idle_mb=idle,
        rss_after_users_mb=rss_after,
        users=users,
    )


if __name__ == "__main__":
    print(delivery(quick="--quick" in sys.argv))
