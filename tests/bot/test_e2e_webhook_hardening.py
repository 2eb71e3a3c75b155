"""Webhook intake: secret checked before the body, bodies capped at 1 MiB, bad JSON refused,
a re-delivered update answered once, 200 only after the update is stored."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.pipeline import answer
from bot.storage.schema import inbox
from bot.telegram.webhook import MAX_BODY_BYTES
from tests.bot.fake_bot_api import FakeBotAPI
from tests.bot.harness import BotHarness, free_port, start_bot

pytestmark = pytest.mark.e2e

SEED = "开多2手 1000 平仓 1020 乘数100"
SECRET = "hook_secret-42"


@pytest.fixture
async def hooked(api: FakeBotAPI, database: Path) -> AsyncIterator[tuple[BotHarness, int]]:
    port = free_port()
    overrides = {
        "bot_mode": "webhook",
        "webhook_url": f"http://127.0.0.1:{port}/tg/hook",
        "webhook_secret": SECRET,
        "webhook_port": port,
    }
    async with start_bot(api, database, **overrides) as bot:
        yield bot, port


async def _raw_request(port: int, head: str, body: bytes) -> int:
    """Send a request head and part of a body; return the status the server answers with,
    without ever sending the rest of the body."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(head.encode() + b"\r\n" + body)
    await writer.drain()
    status_line = await asyncio.wait_for(reader.readline(), 5)
    writer.close()
    return int(status_line.split()[1])


def _head(port: int, length: int, secret: str | None) -> str:
    lines = [
        "POST /tg/hook HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Content-Type: application/json",
        f"Content-Length: {length}",
    ]
    if secret is not None:
        lines.append(f"X-Telegram-Bot-Api-Secret-Token: {secret}")
    return "\r\n".join(lines) + "\r\n"


async def test_a_wrong_secret_is_refused_before_a_50_mb_body_is_read(
    hooked: tuple[BotHarness, int],
) -> None:
    _, port = hooked
    # 50 MB announced, 64 KiB sent: the answer comes without the server waiting for the rest.
    assert await _raw_request(port, _head(port, 50 * 2**20, "wrong"), b"x" * 65536) == 403
    assert await _raw_request(port, _head(port, 50 * 2**20, None), b"x" * 65536) == 403


async def test_an_oversized_body_is_refused_unread(hooked: tuple[BotHarness, int]) -> None:
    _, port = hooked
    assert await _raw_request(port, _head(port, 5 * 2**20, SECRET), b"{") == 413
    async with aiohttp.ClientSession() as session:
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}

        async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: chunked
            for _ in range(MAX_BODY_BYTES // 65536 + 2):
                yield b" " * 65536

        url = f"http://127.0.0.1:{port}/tg/hook"
        async with session.post(url, data=chunks(), headers=headers) as response:
            assert response.status == 413


async def test_malformed_json_is_400_and_a_repeated_update_is_answered_once(
    hooked: tuple[BotHarness, int],
) -> None:
    bot, port = hooked
    url = f"http://127.0.0.1:{port}/tg/hook"
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
    update = {"update_id": 4242, **bot.api.text_update(SEED, user_id=91)}
    async with aiohttp.ClientSession() as session:
        for body in (b"{not json", b"[1, 2]", b'{"no_update_id": 1}'):
            async with session.post(url, data=body, headers=headers) as response:
                assert response.status == 400
        for _ in range(2):  # Telegram re-sends when it did not see our 200 in time
            async with session.post(url, data=json.dumps(update), headers=headers) as response:
                assert response.status == 200
        [call] = await bot.api.wait_for_calls("sendMessage", 1)
        await asyncio.sleep(0.3)
    assert bot.api.count("sendMessage") == 1
    assert call.chat_id == 91 and call.text == answer(SEED).html
    engine = bot.app.bot_data["services"].engine
    with engine.connect() as connection:
        stored = connection.execute(inbox.select().where(inbox.c.update_id == 4242)).all()
    assert len(stored) == 1
