"""Issue 16, a bot a trader group keeps: compact answers with 详细, silence on chatter,
captions, edited questions, the greeting, the profile and the updates asked for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.pipeline import answer
from bot.telegram import texts
from bot.telegram.app import ALLOWED_UPDATES
from bot.telegram.profile import DESCRIPTION, GROUP_COMMANDS, SHORT_DESCRIPTION
from tests.bot.fake_bot_api import BOT_USERNAME, FakeBotAPI, RecordedCall, html_to_text
from tests.bot.harness import GROUP, BotHarness, start_bot

pytestmark = pytest.mark.e2e

SEED = "开多2手 1000 平仓 1020 乘数100"

# The group form of three typical messages, written out by hand.
COMPACT = {
    # (1,020 − 1,000) × 100 × 2 = 4,000
    SEED: "平仓盈亏 +4,000.00 元\n<pre>平仓盈亏  +4,000.00 元\n持仓        已全部平仓</pre>",
    # margin at p = 10 × p × 10 × 10% = 10p; equity at p = 100,000 + (p − 3,500) × 10 × 10;
    # 风险度 100 %: 10p = 100p − 250,000 → p = 2,777.78; margin now 10 × 3,500 × 10 × 10 % =
    # 35,000 = 35 % of 100,000, 65,000 available
    "权益10万 开多10手 rb 3500 保证金10% 强平价": (
        "强平价 2,777.78（风险度 100%）\n"
        "<pre>客户权益           100,000.00 元\n"
        "保证金占用          35,000.00 元\n"
        "风险度                  35% 安全\n"
        "可用资金            65,000.00 元</pre>"
    ),
    # (3,550 − 3,500) × 10 × 5 = 2,500; fee 3 × 5 lots × 2 sides = 30; net 2,470
    "买开5手rb2505 3500 卖平3550 手续费3元/手": (
        "净盈亏 +2,470.00 元（已扣手续费）\n"
        "<pre>平仓盈亏  +2,500.00 元\n"
        "手续费        30.00 元\n"
        "净盈亏    +2,470.00 元\n"
        "持仓        已全部平仓</pre>"
    ),
}


def _buttons(call: RecordedCall) -> list[tuple[str, str]]:
    markup = call.params.get("reply_markup") or {"inline_keyboard": []}
    return [(b["text"], b["callback_data"]) for row in markup["inline_keyboard"] for b in row]


async def _nothing_more(bot: BotHarness, last_update_id: int, sent_before: int) -> None:
    await bot.settle(last_update_id)
    assert bot.api.count("sendMessage") == sent_before


@pytest.mark.parametrize("question", list(COMPACT))
async def test_group_answer_is_compact_and_details_expands_the_same_message(
    bot: BotHarness, question: str
) -> None:
    [call] = await bot.say(f"/c {question}", user_id=301, chat_id=GROUP)
    assert call.text == COMPACT[question]
    shown = html_to_text(call.text).splitlines()
    assert len(shown) <= 6
    assert shown[0] == answer(question).text.splitlines()[0]  # the asked figure first
    (label, data), *others = _buttons(call)
    assert label == "详细" and [b[0] for b in others] in ([], ["看图"])

    bot.api.push_update(bot.api.callback_update(call.result, data, user_id=302))
    [edit] = await bot.api.wait_for_calls("editMessageText", 1)
    assert edit.ok and edit.params["message_id"] == call.result["message_id"]
    full = answer(question)
    assert edit.text == full.html  # the full working, first line unchanged
    assert html_to_text(edit.text).splitlines()[0] == shown[0]
    assert next(b[0] for b in _buttons(edit)) == "显示公式"
    assert bot.api.count("sendMessage") == 1  # expanded in place, no new message


async def test_private_chat_gets_the_full_form(bot: BotHarness) -> None:
    [call] = await bot.say(SEED, user_id=303)
    assert call.text == answer(SEED).html
    assert "详细" not in [b[0] for b in _buttons(call)]


CHATTER = ["好的", "收到", "谢谢", "哈哈", "👍", "好的，谢谢大佬", "666"]


async def test_chatter_addressed_to_the_bot_gets_no_reply_in_a_group(bot: BotHarness) -> None:
    [answered] = await bot.say(f"/c {SEED}", user_id=304, chat_id=GROUP)
    ours = answered.result
    last = 0
    for text in CHATTER:
        last = bot.api.push_update(
            bot.api.text_update(text, user_id=305, chat_id=GROUP, reply_to=ours)
        )
        last = bot.api.push_update(
            bot.api.text_update(f"@{BOT_USERNAME} {text}", user_id=305, chat_id=GROUP)
        )
    for kind in ("sticker", "animation"):
        last = bot.api.push_update(
            bot.api.media_update(kind, user_id=305, chat_id=GROUP, reply_to=ours)
        )
    await _nothing_more(bot, last, 1)


async def test_a_failed_calculation_in_reply_still_gets_the_short_explanation(
    bot: BotHarness,
) -> None:
    [answered] = await bot.say(f"/c {SEED}", user_id=306, chat_id=GROUP)
    [call] = await bot.say(
        "asdf 开多2手 3500 平仓 3550", user_id=306, chat_id=GROUP, reply_to=answered.result
    )
    assert html_to_text(call.text).splitlines()[0] == (
        "合约表里没有“asdf”，不知道它的乘数：请写出乘数（每点多少元）"
    )


async def test_private_thanks_gets_one_short_line(bot: BotHarness) -> None:
    [call] = await bot.say("谢谢", user_id=307)
    assert html_to_text(call.text) == "不客气！需要时直接发来，例如：" + SEED


async def test_photo_captions_are_read_like_text(bot: BotHarness) -> None:
    before = bot.api.count("sendMessage")
    bot.api.push_update(bot.api.media_update("photo", user_id=308, caption=SEED))
    [private] = (await bot.api.wait_for_calls("sendMessage", before + 1))[before:]
    assert private.chat_id == 308 and private.text == answer(SEED).html

    bot.api.push_update(
        bot.api.media_update("photo", user_id=308, chat_id=GROUP, caption=f"@{BOT_USERNAME} {SEED}")
    )
    [group] = (await bot.api.wait_for_calls("sendMessage", before + 2))[before + 1 :]
    assert group.chat_id == GROUP and group.text == COMPACT[SEED]
    # a photo in the group that does not address the bot is not read
    last = bot.api.push_update(
        bot.api.media_update("photo", user_id=308, chat_id=GROUP, caption=SEED)
    )
    await _nothing_more(bot, last, before + 2)


async def _edit_question(
    bot: BotHarness, asked: dict[str, Any], text: str, edits: int
) -> RecordedCall:
    bot.api.push_update(bot.api.edited_update(asked, text))
    calls = await bot.api.wait_for_calls("editMessageText", edits)
    return calls[edits - 1]


async def test_an_edited_question_edits_its_answer(api: FakeBotAPI, database: Path) -> None:
    async with start_bot(api, database) as bot:
        [call] = await bot.say(f"/c {SEED}", user_id=309, chat_id=GROUP)
        asked = bot.api.message(GROUP, call.reply_to_message_id or 0)
        assert asked is not None
        edit = await _edit_question(bot, asked, "/c 开多3手 1000 平仓 1020 乘数100", 1)
        assert edit.params["message_id"] == call.result["message_id"]
        # (1,020 − 1,000) × 100 × 3 = 6,000
        assert html_to_text(edit.text).splitlines()[0] == "平仓盈亏 +6,000.00 元"

        [private] = await bot.say(SEED, user_id=310)
        mine = bot.api.message(310, private.result["message_id"] - 1)  # the question
        assert mine is not None
        edit = await _edit_question(bot, mine, "开空2手 1000 平仓 1020 乘数100", 2)
        assert edit.params["message_id"] == private.result["message_id"]
        # short: (1,000 − 1,020) × 100 × 2 = −4,000
        assert html_to_text(edit.text).splitlines()[0] == "平仓盈亏 -4,000.00 元"
    async with start_bot(api, database) as restarted:  # the link is in the database
        edit = await _edit_question(restarted, asked, "/c 开多1手 1000 平仓 1020 乘数100", 3)
        assert edit.params["message_id"] == call.result["message_id"]
        # (1,020 − 1,000) × 100 × 1 = 2,000
        assert html_to_text(edit.text).splitlines()[0] == "平仓盈亏 +2,000.00 元"
        assert api.count("sendMessage") == 2


async def test_an_edit_of_an_unanswered_message_is_ignored(bot: BotHarness) -> None:
    update = bot.api.text_update("今天行情不错", user_id=311, chat_id=GROUP)
    bot.api.push_update(update)
    last = bot.api.push_update(bot.api.edited_update(update["message"], SEED))
    await bot.settle(last)
    assert bot.api.count("sendMessage") == 0 and bot.api.count("editMessageText") == 0


async def test_added_to_a_group_the_bot_greets_once(bot: BotHarness) -> None:
    bot.api.push_update(bot.api.my_chat_member_update(GROUP, old="left", new="member", user_id=1))
    [greeting] = await bot.api.wait_for_calls("sendMessage", 1)
    assert greeting.chat_id == GROUP and greeting.text == texts.group_greeting_html()
    shown = html_to_text(greeting.text)
    assert "/settings" in shown and "隐私模式" in shown and "/c " in shown
    assert len(shown.splitlines()) == 3
    # promoted to administrator, then removed: no more messages
    bot.api.push_update(
        bot.api.my_chat_member_update(GROUP, old="member", new="administrator", user_id=1)
    )
    last = bot.api.push_update(
        bot.api.my_chat_member_update(GROUP, old="administrator", new="left", user_id=1)
    )
    await _nothing_more(bot, last, 1)


async def test_profile_and_menus_are_set_once(api: FakeBotAPI, database: Path) -> None:
    async with start_bot(api, database):
        assert api.profile == {"description": DESCRIPTION, "short_description": SHORT_DESCRIPTION}
        private = [c["command"] for c in api.commands[("all_private_chats", "")]]
        group = [c["command"] for c in api.commands[("all_group_chats", "")]]
        assert "start" in private and "pnl" in private
        assert group == list(GROUP_COMMANDS)
    assert "开多2手 1000 平仓 1020 乘数100" in DESCRIPTION and len(SHORT_DESCRIPTION) <= 120
    async with start_bot(api, database):  # unchanged: not set again
        pass
    assert api.count("setMyDescription") == 1 and api.count("setMyShortDescription") == 1
    assert api.count("getMyDescription") == 2


async def test_exactly_the_handled_updates_are_requested(bot: BotHarness) -> None:
    await bot.say(SEED, user_id=312)
    polls = [c for c in bot.api.calls_to("getUpdates") if c.params.get("allowed_updates")]
    assert polls and set(polls[-1].params["allowed_updates"]) == {
        "message",
        "edited_message",
        "callback_query",
        "inline_query",
        "my_chat_member",
    }
    assert len(ALLOWED_UPDATES) == 5


async def test_a_bare_command_in_a_group_prompts_and_the_reply_is_computed(
    bot: BotHarness,
) -> None:
    [prompt] = await bot.say(f"/risk@{BOT_USERNAME}", user_id=313, chat_id=GROUP)
    assert html_to_text(prompt.text) == (
        "风险度：请回复这条消息，写上内容，例如 权益10万 保证金占用8万"
    )
    assert prompt.params["reply_markup"]["force_reply"] is True
    assert prompt.reply_to_message_id == bot.api.last_user_message_id(GROUP)
    [call] = await bot.say(
        "权益10万 保证金占用9万", user_id=313, chat_id=GROUP, reply_to=prompt.result
    )
    # /risk adds 风险度: 90,000 / 100,000 = 90 %
    assert html_to_text(call.text).splitlines()[0] == "风险度 90%"


SIDELESS = "权益10万 10手 rb 3500 保证金10% 强平价"


async def test_a_missing_side_offers_buttons_and_pressing_one_computes(bot: BotHarness) -> None:
    [call] = await bot.say(f"/c {SIDELESS}", user_id=314, chat_id=GROUP)
    assert html_to_text(call.text).splitlines()[0] == (
        "“10手”没有写方向：请写开多/开空（或买入/卖出）"
    )
    buttons = _buttons(call)
    assert [label for label, _ in buttons] == ["做多", "做空"]
    bot.api.push_update(bot.api.callback_update(call.result, buttons[1][1], user_id=314))
    [edit] = await bot.api.wait_for_calls("editMessageText", 1)
    assert edit.params["message_id"] == call.result["message_id"]
    # short: margin 10p = 100,000 − (p − 3,500) × 100 → p = 450,000 / 110 = 4,090.91
    assert html_to_text(edit.text).splitlines()[0] == "强平价 4,090.91（风险度 100%）"
    assert len(html_to_text(edit.text).splitlines()) <= 6  # the group form
    assert bot.api.count("sendMessage") == 1


async def test_a_failure_with_no_single_missing_choice_has_no_buttons(bot: BotHarness) -> None:
    [call] = await bot.say("asdf 开多2手 3500 平仓 3550", user_id=315)
    assert _buttons(call) == []
