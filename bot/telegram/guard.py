"""Who gets an answer: the per-user flood guard shared by every handler that computes."""

from __future__ import annotations

import time

from telegram import Chat, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot.telegram import texts
from bot.telegram.flood import Verdict
from bot.telegram.services import services

GROUP_TYPES = (ChatType.GROUP, ChatType.SUPERGROUP)


def is_group(chat: Chat | None) -> bool:
    """True for groups and supergroups."""
    return chat is not None and chat.type in GROUP_TYPES


async def allowed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Per-user flood guard (groups and private chats): answer, warn once, or stay silent."""
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if chat is None or user is None or message is None:
        return True
    private = not is_group(chat)
    verdict = services(context).flood.check(chat.id, user.id, time.monotonic(), private=private)
    if verdict is Verdict.WARN:
        await message.reply_text(texts.FLOOD_HTML, do_quote=not private)
    return verdict is Verdict.ANSWER
