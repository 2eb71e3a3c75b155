"""``pingcang run`` without a token starts the terminal chat; a bad token is reported."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.pipeline import answer
from tests.bot.fake_bot_api import FakeBotAPI

SEED = "开多2手 1000 平仓 1020 乘数100"
ROOT = str(Path(__file__).resolve().parents[2])


def _run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "BOT_MODE")}
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        input=SEED + "\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,  # no .env here
        env={**clean, **env, "PYTHONPATH": ROOT},
        timeout=60,
        check=False,
    )


def test_without_a_token_the_terminal_chat_starts(tmp_path: Path) -> None:
    result = _run(tmp_path)
    assert result.returncode == 0
    assert "未设置 TELEGRAM_BOT_TOKEN，改为启动终端对话。" in result.stderr
    assert result.stdout == answer(SEED).text + "\n---\n"


def test_a_malformed_token_is_reported_not_used(tmp_path: Path) -> None:
    result = _run(tmp_path, TELEGRAM_BOT_TOKEN="your-bot-token-here")
    assert result.returncode == 2
    assert "配置错误" in result.stderr and "TELEGRAM_BOT_TOKEN 格式不对" in result.stderr
    assert "your-bot-token-here" not in result.stderr


@pytest.mark.e2e
async def test_pingcang_run_polls_answers_and_stops_cleanly_on_ctrl_c(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k != "BOT_MODE"},
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_BASE_URL": api.base_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'run.db'}",
        "LOG_LEVEL": "DEBUG",
        "PYTHONPATH": ROOT,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await api.wait_for_calls("deleteWebhook", 1, timeout=30)  # polling starts right after
        assert api.commands[("default", "en")]  # post_init ran under run_polling
        api.push_update(api.text_update(SEED, user_id=81))
        [call] = await api.wait_for_calls("sendMessage", 1, timeout=30)
        assert call.text == answer(SEED).html
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    log = stderr.decode()
    assert process.returncode == 0
    assert "bot @PingcangTestBot is ready" in log
    assert f"{api.base_url}<redacted>/sendMessage" in log  # httpx lines at DEBUG
    assert api.token.lower() not in log.lower()
