"""Private chat, end to end: the real Application against the fake Bot API on 127.0.0.1."""

from __future__ import annotations

import pytest

from bot.pipeline import answer
from bot.telegram import texts
from bot.telegram.format import split_html
from tests.bot.fake_bot_api import BOT_USERNAME, MAX_TEXT, html_to_text, utf16_len
from tests.bot.harness import BotHarness

pytestmark = pytest.mark.e2e

SEED = "开多2手 1000 平仓 1020 乘数100"


async def test_seed_example_gets_the_4000_answer(bot: BotHarness) -> None:
    [call] = await bot.say(SEED, user_id=501)
    assert call.ok and call.chat_id == 501
    assert call.params["parse_mode"] == "HTML"
    assert "4,000" in call.text


@pytest.mark.parametrize(
    "text",
    [SEED, "买开5手rb2505 3500 卖平3550 手续费3元/手", "今天天气不错", "开多abc手"],
)
async def test_every_private_text_is_answered_with_the_pipeline_reply(
    bot: BotHarness, text: str
) -> None:
    [call] = await bot.say(text, user_id=502)
    assert call.ok
    assert call.text == answer(text).html
    assert call.chat_id == 502
    assert "reply_parameters" not in call.params  # private chats are not threaded


async def test_user_text_is_escaped(bot: BotHarness) -> None:
    text = "<b>开多</b> 2手 & <script>alert(1)</script>"
    [call] = await bot.say(text)
    assert call.ok  # the fake server refuses malformed HTML as Telegram does
    assert "<script>" not in call.text and "<b>开多</b>" not in call.text
    assert call.text == answer(text).html


async def test_long_answers_are_split_into_valid_messages(bot: BotHarness) -> None:
    text = "\n".join(f"第{i}笔 <开多> 2手 & 1000 平仓 1020 乘数100" for i in range(120))
    expected = split_html(answer(text).html)
    calls = await bot.say(text, answers=len(expected))
    assert [call.text for call in calls] == expected
    assert all(call.ok and utf16_len(html_to_text(call.text)) <= MAX_TEXT for call in calls)


async def test_start_greets_with_three_examples(bot: BotHarness) -> None:
    [call] = await bot.say("/start")
    assert call.text == texts.start_html(private=True)
    for example in texts.START_EXAMPLES:
        assert f"<code>{example}</code>" in call.text


async def test_help_shows_an_example_for_each_kind_of_question(bot: BotHarness) -> None:
    [call] = await bot.say("/help")
    assert call.text == texts.help_html(BOT_USERNAME)
    for label, command, example in texts.HELP_EXAMPLES:
        assert f"<b>{label}</b>：<code>/{command} {example}</code>" in call.text
    assert f"@{BOT_USERNAME} {SEED}" in call.text


async def test_command_menu_is_published_in_chinese_and_english(bot: BotHarness) -> None:
    zh = bot.api.commands[("default", "")]
    en = bot.api.commands[("default", "en")]
    assert [c["command"] for c in zh] == [
        "calc",
        "pnl",
        "liq",
        "risk",
        "size",
        "explain",
        "contract",
        "settings",
        "help",
        "start",
    ]
    assert [c["command"] for c in en] == [c["command"] for c in zh]
    assert zh[2] == {"command": "liq", "description": "强平价"}
    assert en[2] == {"command": "liq", "description": "Liquidation price"}
    assert bot.api.count("deleteWebhook") == 1  # polling start-up clears any webhook
    assert bot.api.count("getMe") == 1


@pytest.mark.parametrize(
    ("command", "question"),
    [
        ("/calc 开多2手 1000 平仓 1020 乘数100", "开多2手 1000 平仓 1020 乘数100"),
        ("/c 开多2手 1000 平仓 1020 乘数100", "开多2手 1000 平仓 1020 乘数100"),
        ("/pnl 开空1手 3500 平仓 3450 乘数10", "开空1手 3500 平仓 3450 乘数10"),
        ("/liq 权益10万 开空10手 rb 3500 保证金10%", "权益10万 开空10手 rb 3500 保证金10% 强平价"),
        (
            "/liq 权益10万 开空10手 rb 3500 保证金10% 爆仓价",
            "权益10万 开空10手 rb 3500 保证金10% 爆仓价",
        ),
        ("/risk 权益10万 保证金占用8万", "权益10万 保证金占用8万 风险度"),
        (
            "/size 权益10万 风险2% 开多 rb 入场3500 止损3450",
            "权益10万 风险2% 开多 rb 入场3500 止损3450 开几手",
        ),
        ("/explain 逐日盯市", "什么是逐日盯市"),
        ("/term 穿仓", "什么是穿仓"),
        ("/explain 对冲平仓和强制平仓的区别", "对冲平仓和强制平仓的区别"),
        ("/contract rb", "rb 合约"),
        (f"/contract@{BOT_USERNAME} IF", "IF 合约"),
    ],
)
async def test_question_commands_ask_the_pipeline_the_documented_question(
    bot: BotHarness, command: str, question: str
) -> None:
    [call] = await bot.say(command)
    assert call.text == answer(question).html


async def test_a_bare_command_prompts_with_force_reply_and_the_reply_is_computed(
    bot: BotHarness,
) -> None:
    [prompt] = await bot.say("/liq")
    assert (
        prompt.text == "强平价：请回复这条消息，写上内容，例如 权益10万 开空10手 rb 3500 保证金10%"
    )
    assert prompt.params["reply_markup"]["force_reply"] is True
    assert prompt.params["reply_markup"]["selective"] is True
    [call] = await bot.say("权益10万 开空10手 rb 3500 保证金10%", reply_to=prompt.result)
    # short 10 lots: margin 10p, equity 100,000 − (p − 3,500) × 100; 10p = 450,000 − 100p
    # → p = 4,090.91; the reply is asked as /liq asks it (… 强平价)
    assert call.text.splitlines()[0] == "强平价 4,090.91（风险度 100%）"


async def test_unknown_command_points_to_help(bot: BotHarness) -> None:
    [call] = await bot.say("/foo 1 2 3")
    assert call.text == texts.UNKNOWN_COMMAND_HTML
