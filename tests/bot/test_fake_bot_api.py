"""The fake Bot API behaves like Telegram where the e2e tests and the benchmark rely on it."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from telegram import Bot
from telegram.error import BadRequest, InvalidToken

from tests.bot.fake_bot_api import FakeBotAPI, TelegramHTMLError, html_to_text


def _bot(api: FakeBotAPI, token: str | None = None) -> Bot:
    return Bot(token or api.token, base_url=api.base_url)


async def test_wrong_token_is_unauthorized(api: FakeBotAPI) -> None:
    with pytest.raises(InvalidToken):
        async with _bot(api, "111:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"):
            pass


async def test_get_updates_long_polls_and_forgets_only_confirmed_updates(api: FakeBotAPI) -> None:
    url = f"{api.base_url}{api.token}/getUpdates"
    first = api.push_update(api.text_update("a", user_id=1))
    api.push_update(api.text_update("b", user_id=1))
    async with aiohttp.ClientSession() as session:
        async with session.post(url, json={"timeout": 0}) as response:
            body = await response.json()
        assert [u["update_id"] for u in body["result"]] == [first, first + 1]
        async with session.post(url, json={"offset": first + 1, "timeout": 0}) as response:
            assert [u["update_id"] for u in (await response.json())["result"]] == [first + 1]
        assert api.pending_updates == 1

        asyncio.get_running_loop().call_later(
            0.2, lambda: api.push_update(api.text_update("c", user_id=1))
        )
        started = asyncio.get_running_loop().time()
        async with session.post(url, json={"offset": first + 2, "timeout": 5}) as response:
            result = (await response.json())["result"]
        waited = asyncio.get_running_loop().time() - started
        assert [u["message"]["text"] for u in result] == ["c"]
        assert 0.15 < waited < 2


async def test_html_is_validated_like_telegram(api: FakeBotAPI) -> None:
    api.push_update(api.text_update("hi", user_id=5))
    async with _bot(api) as bot:
        with pytest.raises(BadRequest, match="parse entities"):
            await bot.send_message(5, "<b>open", parse_mode="HTML")
        with pytest.raises(BadRequest, match="too long"):
            await bot.send_message(5, "长" * 4097)
        sent = await bot.send_message(5, "<pre>a &lt; b</pre>", parse_mode="HTML")
        assert sent.text == "a < b"
        with pytest.raises(BadRequest, match="not modified"):
            await bot.edit_message_text(
                "<pre>a &lt; b</pre>", 5, sent.message_id, parse_mode="HTML"
            )
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.send_message(404, "x")
    assert html_to_text("a &amp; <i>b</i>") == "a & b"
    for bad in ("a < b", "a & b", "<script>x</script>", "<b><i>x</b></i>"):
        with pytest.raises(TelegramHTMLError):
            html_to_text(bad)


async def test_photos_and_documents_arrive_as_multipart_uploads(api: FakeBotAPI) -> None:
    api.push_update(api.text_update("hi", user_id=6))
    png = b"\x89PNG\r\n\x1a\nfake-image"
    async with _bot(api) as bot:
        photo = await bot.send_photo(6, png, caption="<b>走势</b>", parse_mode="HTML")
        document = await bot.send_document(6, b"a,b\n1,2\n", filename="pnl.csv")
    assert photo.caption == "走势" and photo.photo[-1].file_size == len(png)
    assert document.document is not None and document.document.file_name == "pnl.csv"
    [photo_call] = api.calls_to("sendPhoto")
    [document_call] = api.calls_to("sendDocument")
    assert photo_call.files["photo"].data == png
    assert document_call.files["document"].data == b"a,b\n1,2\n"
    assert document_call.files["document"].filename == "pnl.csv"
    assert photo_call.params["chat_id"] == 6


async def test_chat_member_status_is_what_the_test_set(api: FakeBotAPI) -> None:
    api.set_member_status(-100, 9, "administrator")
    async with _bot(api) as bot:
        admin = await bot.get_chat_member(-100, 9)
        member = await bot.get_chat_member(-100, 10)
    assert (admin.status, member.status) == ("administrator", "member")
