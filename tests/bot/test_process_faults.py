"""The real ``pingcang run`` process: kill -9 mid-burst, SIGTERM with a backlog, start-up
when Telegram refuses the token or cannot be reached, and a corrupted database."""

from __future__ import annotations

import asyncio
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from bot.pipeline import answer
from bot.telegram.runner import TOKEN_REFUSED
from tests.bot.fake_bot_api import FakeBotAPI
from tests.bot.harness import free_port, sent_html
from tests.bot.process import bot_env, finish, start_process

pytestmark = pytest.mark.e2e


def _question(i: int) -> str:
    return f"开多{i % 9 + 1}手 {2000 + i} 平仓 {2010 + i} 乘数10"


def _push(api: FakeBotAPI, count: int, groups: int) -> dict[tuple[int, int], str]:
    asked: dict[tuple[int, int], str] = {}
    for i in range(count):
        chat = -100900 - i % groups
        update = api.text_update(f"/c {_question(i)}", user_id=9000 + i % 40, chat_id=chat)
        api.push_update(update)
        asked[(chat, update["message"]["message_id"])] = _question(i)
    return asked


def _answered(api: FakeBotAPI) -> Counter[tuple[int | str | None, int | None]]:
    return Counter((c.chat_id, c.reply_to_message_id) for c in api.calls_to("sendMessage") if c.ok)


async def _until(condition: object, within: float) -> None:
    assert callable(condition)
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_kill_9_mid_burst_then_restart_answers_every_stored_update(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    env = bot_env(api, tmp_path / "bot.db")
    first = await start_process(env, tmp_path)
    try:
        await api.wait_for_calls("deleteWebhook", 1, timeout=30)
        asked = _push(api, 500, groups=10)
        await api.wait_for_calls("sendMessage", 100, timeout=60)
    finally:
        first.kill()  # SIGKILL: no clean-up of any kind
        await first.wait()
    answered_before = sum(_answered(api).values())
    assert answered_before < 500  # the kill really came mid-burst

    second = await start_process(env, tmp_path)
    try:
        await _until(lambda: set(_answered(api)) >= set(asked), within=90)
        await asyncio.sleep(0.5)
    finally:
        second.send_signal(signal.SIGTERM)
        code, log = await finish(second)
    answered = _answered(api)
    assert set(answered) == set(asked)  # none lost
    twice = sum(n - 1 for n in answered.values())
    assert twice <= 8  # only the updates in flight at the kill (8 workers) may repeat
    assert code == 0 and "Traceback" not in log
    for call in api.calls_to("sendMessage"):
        assert call.text == sent_html(asked[(call.chat_id, call.reply_to_message_id)], call.chat_id)  # type: ignore[index]


async def test_sigterm_with_a_group_backlog_exits_promptly_and_loses_nothing(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    database = tmp_path / "bot.db"
    limited = bot_env(api, database, RATE_LIMITER="true", SHUTDOWN_GRACE_SECONDS="2")
    first = await start_process(limited, tmp_path)
    await api.wait_for_calls("deleteWebhook", 1, timeout=30)
    asked = _push(api, 60, groups=1)  # past the 20 per minute a group may receive
    await api.wait_for_calls("sendMessage", 20, timeout=30)
    await api.wait_until_confirmed(max(i for i in range(1, 61)))
    stopped_at = time.monotonic()
    first.send_signal(signal.SIGTERM)
    code, log = await finish(first, within=15)
    assert code == 0 and time.monotonic() - stopped_at < 10
    assert "Traceback" not in log
    assert sum(_answered(api).values()) < 60  # the backlog was still there

    second = await start_process(bot_env(api, database), tmp_path)
    try:
        await _until(lambda: set(_answered(api)) >= set(asked), within=60)
    finally:
        second.send_signal(signal.SIGTERM)
        await finish(second)
    answered = _answered(api)
    assert set(answered) == set(asked) and set(answered.values()) == {1}


async def test_a_refused_token_is_one_line_without_the_token_and_exit_1(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    wrong = "987654321:AAHsomeOtherBotsSecretXYZ_abcdefghij"
    process = await start_process(
        bot_env(api, tmp_path / "bot.db", TELEGRAM_BOT_TOKEN=wrong), tmp_path
    )
    code, log = await finish(process)
    assert code == 1
    assert TOKEN_REFUSED in log
    assert "Traceback" not in log and wrong.split(":")[1] not in log


async def test_telegram_unreachable_at_start_is_retried_until_it_answers(tmp_path: Path) -> None:
    port = free_port()
    api = FakeBotAPI(port=port)  # not listening yet
    process = await start_process(bot_env(api, tmp_path / "bot.db"), tmp_path)
    assert process.stderr is not None
    try:
        attempts = 0
        while attempts < 2:
            line = await asyncio.wait_for(process.stderr.readline(), 30)
            assert line, "the bot exited instead of retrying"
            attempts += b"Telegram unreachable" in line
        async with api:
            api.push_update(api.text_update("开多2手 1000 平仓 1020 乘数100", user_id=5))
            [call] = await api.wait_for_calls("sendMessage", 1, timeout=30)
            assert call.text == answer("开多2手 1000 平仓 1020 乘数100").html
            process.send_signal(signal.SIGTERM)
            code, _ = await finish(process)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert code == 0


@pytest.mark.parametrize("damage", ["garbage", "directory"])
async def test_an_unusable_database_is_named_in_one_line_and_exit_1(
    api: FakeBotAPI, tmp_path: Path, damage: str
) -> None:
    database = tmp_path / "bot.db"
    if damage == "garbage":
        database.write_bytes(b"SQLite format 3\x00" + b"\x13" * 8192)
    else:
        database.mkdir()
    process = await start_process(bot_env(api, database), tmp_path)
    code, log = await finish(process)
    lines = log.strip().splitlines()
    assert code == 1 and len(lines) == 1, log
    assert str(database) in lines[0] and "Traceback" not in log
    assert "备份" in lines[0] or "DATABASE_URL" in lines[0]
    assert api.count("getMe") == 0
