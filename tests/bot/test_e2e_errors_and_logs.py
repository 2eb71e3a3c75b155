"""Failures are logged with context and apologised for; the token never reaches a log line."""

from __future__ import annotations

import logging

import pytest

from bot.pipeline import answer
from bot.telegram import texts
from tests.bot.fake_bot_api import DEFAULT_TOKEN
from tests.bot.harness import GROUP, BotHarness, sent_html

pytestmark = pytest.mark.e2e

SEED = "开多2手 1000 平仓 1020 乘数100"


async def test_a_failed_send_is_logged_with_context_and_apologised_for(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    bot.api.fail_next("sendMessage", description="Bad Request: message thread not found")
    failed, apology = await bot.say(f"/calc {SEED}", user_id=61, chat_id=GROUP, answers=2)
    assert not failed.ok and failed.text == sent_html(SEED)
    assert apology.ok and apology.text == texts.APOLOGY_HTML
    assert apology.reply_to_message_id == failed.reply_to_message_id

    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert record.name == "bot.telegram.handlers"
    message = record.getMessage()
    assert f"chat_id={GROUP} chat_type=supergroup user_id=61" in message
    assert f"text='/calc {SEED}'" in message
    assert record.exc_info is not None
    assert str(record.exc_info[1]) == "Message thread not found"


async def test_bad_input_gets_the_pipelines_friendly_explanation(bot: BotHarness) -> None:
    text = "开多 abc 手 平仓"
    reply = answer(text)
    assert not reply.ok
    [call] = await bot.say(text)
    assert call.text == reply.html


async def test_the_token_is_redacted_from_every_log_line_even_at_debug(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    bot.api.fail_next("sendMessage", description=f"Bad Request: echo {DEFAULT_TOKEN}")
    await bot.say(SEED, answers=2)
    logging.getLogger("bot.test").debug(
        "bot repr %r, url %s", bot.app.bot, bot.api.base_url + DEFAULT_TOKEN
    )

    httpx_lines = [r.getMessage() for r in caplog.records if r.name == "httpx"]
    assert any(f"{bot.api.base_url}<redacted>/sendMessage" in line for line in httpx_lines)
    assert any("Bot[token=<redacted>]" in r.getMessage() for r in caplog.records)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and all("Echo <redacted>" in (r.exc_text or "") for r in errors)
    assert DEFAULT_TOKEN.lower() not in caplog.text.lower()
    assert all(DEFAULT_TOKEN.lower() not in r.getMessage().lower() for r in caplog.records)
