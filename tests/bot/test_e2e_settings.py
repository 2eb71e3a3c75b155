"""Per-chat settings: anyone views, only group administrators change, changes persist."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bot.defaults import ChatDefaults
from bot.pipeline import answer
from bot.telegram import texts
from bot.telegram.settings_text import describe_settings
from tests.bot.fake_bot_api import FakeBotAPI
from tests.bot.harness import GROUP, BotHarness, sent_html, start_bot

pytestmark = pytest.mark.e2e

CHANGE = "/settings 手续费 3元/手 保证金 12% 预警线 70% 强平线 90%"
CHANGED_TABLE = "\n".join(
    (
        "手续费        3 元/手（开、平各收）",
        "保证金率      12%",
        "预警线        70%",
        "强平线        90%",
        "维持保证金率  0.5%（币圈永续）",
    )
)


def _table(text: str) -> str:
    return text.split("<pre>", 1)[1].split("</pre>", 1)[0]


async def test_anyone_may_view_the_group_settings(bot: BotHarness) -> None:
    [call] = await bot.say("/settings", user_id=41, chat_id=GROUP)
    assert call.text.startswith("<b>本群设置</b>\n<pre>")
    assert _table(call.text) == "\n".join(describe_settings(ChatDefaults()))
    assert bot.api.count("getChatMember") == 0


async def test_a_member_cannot_change_group_settings(bot: BotHarness) -> None:
    bot.api.set_member_status(GROUP, 42, "member")
    [call] = await bot.say(CHANGE, user_id=42, chat_id=GROUP)
    assert call.text == texts.ADMIN_ONLY_HTML
    [check] = bot.api.calls_to("getChatMember")
    assert (check.params["chat_id"], check.params["user_id"]) == (GROUP, 42)
    [view] = await bot.say("/settings", user_id=42, chat_id=GROUP)
    assert _table(view.text) == "\n".join(describe_settings(ChatDefaults()))


async def test_an_admins_change_persists_across_a_restart(api: FakeBotAPI, database: Path) -> None:
    api.set_member_status(GROUP, 43, "administrator")
    async with start_bot(api, database) as bot:
        [call] = await bot.say(CHANGE, user_id=43, chat_id=GROUP)
        assert call.text.startswith("<b>已更新设置</b>")
        assert _table(call.text) == CHANGED_TABLE
    async with start_bot(api, database) as restarted:
        assert restarted.app is not bot.app
        [view] = await restarted.say("/settings", user_id=44, chat_id=GROUP)
        assert _table(view.text) == CHANGED_TABLE
        [other] = await restarted.say("/settings", user_id=44, chat_id=-1009999)
        assert _table(other.text) == "\n".join(describe_settings(ChatDefaults()))


async def test_the_group_owner_and_an_anonymous_admin_may_change(bot: BotHarness) -> None:
    bot.api.set_member_status(GROUP, 45, "creator")
    [call] = await bot.say("/settings 维持保证金率 0.4%", user_id=45, chat_id=GROUP)
    assert "维持保证金率  0.4%（币圈永续）" in _table(call.text)

    group = bot.api.group_chat(GROUP)
    update = bot.api.text_update("/settings 保证金 15%", user_id=1087968824, chat_id=GROUP)
    update["message"]["sender_chat"] = group
    bot.api.push_update(update)
    calls = await bot.api.wait_for_calls("sendMessage", 2)
    assert "保证金率      15%" in _table(calls[1].text)
    assert [c.params["user_id"] for c in bot.api.calls_to("getChatMember")] == [45]


async def test_private_chat_settings_need_no_admin_check(bot: BotHarness) -> None:
    [call] = await bot.say("/settings 手续费 万分之0.23", user_id=46)
    assert "成交额的 0.0023%" in _table(call.text)
    assert bot.api.count("getChatMember") == 0
    [view] = await bot.say("/settings", user_id=46)
    assert view.text.startswith("<b>你的设置（也用于内联查询）</b>")


async def test_an_unclear_change_is_explained_and_escaped(bot: BotHarness) -> None:
    [call] = await bot.say("/settings 杠杆<b>10</b>", user_id=47)
    assert call.ok
    assert call.text == (
        "看不懂“杠杆&lt;b&gt;10&lt;/b&gt;”\n"
        "例如：/settings 手续费 3元/手 保证金 10% 预警线 80% 强平线 100%"
    )


async def test_the_chats_settings_reach_the_pipeline(api: FakeBotAPI, database: Path) -> None:
    question = "开多2手 1000 平仓 1020 乘数100"
    with_fee = ChatDefaults(fee_per_lot=Decimal(3))
    assert answer(question, with_fee).html != answer(question).html
    api.set_member_status(GROUP, 48, "administrator")
    async with start_bot(api, database) as bot:
        await bot.say("/settings 手续费 3元/手", user_id=48, chat_id=GROUP)
        [call] = await bot.say(f"/c {question}", user_id=49, chat_id=GROUP)
        assert call.text == sent_html(question, GROUP, with_fee)
        [elsewhere] = await bot.say(question, user_id=49)  # the private chat keeps its own
        assert elsewhere.text == answer(question).html
    async with start_bot(api, database) as restarted:
        [call] = await restarted.say(f"/c {question}", user_id=50, chat_id=GROUP)
        assert call.text == sent_html(question, GROUP, with_fee)


async def test_inline_answers_use_the_users_private_settings(bot: BotHarness) -> None:
    question = "开多2手 1000 平仓 1020 乘数100"
    await bot.say("/settings 手续费 3元/手", user_id=51)
    bot.api.push_update(bot.api.inline_query_update(question, user_id=51))
    [call] = await bot.api.wait_for_calls("answerInlineQuery", 1)
    expected = answer(question, ChatDefaults(fee_per_lot=Decimal(3))).html
    assert call.params["results"][0]["input_message_content"]["message_text"] == expected
    assert call.params["is_personal"] is True  # this user's settings shaped the answer


async def test_settings_follow_a_group_that_becomes_a_supergroup(bot: BotHarness) -> None:
    old, new = -4001, -1004001
    bot.api.set_member_status(old, 52, "creator")
    basic = bot.api.text_update("/settings 保证金 11%", user_id=52, chat_id=old)
    basic["message"]["chat"]["type"] = "group"
    bot.api.push_update(basic)
    await bot.api.wait_for_calls("sendMessage", 1)
    migrate = {
        "message": {
            "message_id": 99,
            "date": 0,
            "chat": basic["message"]["chat"],
            "from": bot.api.user(52),
            "migrate_to_chat_id": new,
        }
    }
    last = bot.api.push_update(migrate)
    await bot.settle(last)
    [view] = await bot.say("/settings", user_id=53, chat_id=new)
    assert "保证金率      11%" in _table(view.text)
