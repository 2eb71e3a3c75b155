"""The bot's profile, set on start: description, short description and command menus.

Telegram shows the description in an empty private chat ("What can this bot do?") and the
short description on the bot's profile and when it is shared. Both are set only when they
differ from what Telegram has (each set is a rate-limited call). Command menus are published
for every scope: the default (Chinese and English), private chats, and groups (where /start
means little and /settings is for administrators).
"""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import Bot, BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeAllPrivateChats

from bot.telegram import texts

DESCRIPTION = (
    "平仓助手：把交易写成一句话发给我，我算出盈亏、保证金、风险度、强平价和能开几手，"
    "每个数字都给出公式和假设，可以手算核对。\n\n"
    "例如：\n"
    "开多2手 1000 平仓 1020 乘数100\n"
    "权益10万 开空10手 rb 3500 保证金10% 强平价\n\n"
    "群里：用 /calc、@我 或回复我的消息提问；管理员用 /settings 设置默认手续费和保证金。"
)
SHORT_DESCRIPTION = (
    "期货/合约计算：盈亏、保证金、风险度、强平价。例：开多2手 1000 平仓 1020 乘数100；"
    "权益10万 开空10手 rb 3500 保证金10% 强平价"
)
GROUP_COMMANDS = ("calc", "liq", "risk", "size", "explain", "contract", "settings", "help")
"""The group menu: no /start, and /pnl is /calc there."""


def _menu(names: tuple[str, ...] | None = None) -> list[BotCommand]:
    rows = texts.command_menu("zh")
    return [BotCommand(name, text) for name, text in rows if names is None or name in names]


async def set_profile(bot: Bot) -> None:
    """Set the description and short description (when they differ) and the command menus."""
    current = await bot.get_my_description()
    if current.description != DESCRIPTION:
        await bot.set_my_description(DESCRIPTION)
    short = await bot.get_my_short_description()
    if short.short_description != SHORT_DESCRIPTION:
        await bot.set_my_short_description(SHORT_DESCRIPTION)
    english = [BotCommand(name, text) for name, text in texts.command_menu("en")]
    menus: list[Any] = [
        bot.set_my_commands(_menu()),
        bot.set_my_commands(english, language_code="en"),
        bot.set_my_commands(_menu(), scope=BotCommandScopeAllPrivateChats()),
        bot.set_my_commands(_menu(GROUP_COMMANDS), scope=BotCommandScopeAllGroupChats()),
    ]
    await asyncio.gather(*menus)
