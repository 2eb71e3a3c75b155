"""``pingcang run`` as a real subprocess against the fake Bot API (kill -9, SIGTERM, start-up)."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from tests.bot.fake_bot_api import FakeBotAPI

ROOT = str(Path(__file__).resolve().parents[2])


def bot_env(api: FakeBotAPI, database: Path, **overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_BASE_URL=api.base_url,
        DATABASE_URL=f"sqlite:///{database}",
        RATE_LIMITER="false",
        FLOOD_LIMIT="0",
        FLOOD_PRIVATE_LIMIT="0",
        LOG_LEVEL="INFO",
        PYTHONPATH=ROOT,
    )
    env.update(overrides)
    return env


async def start_process(env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=cwd,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def finish(process: asyncio.subprocess.Process, within: float = 30) -> tuple[int, str]:
    """Wait for the process to exit; (exit code, stderr)."""
    _, stderr = await asyncio.wait_for(process.communicate(), within)
    assert process.returncode is not None
    return process.returncode, stderr.decode()
