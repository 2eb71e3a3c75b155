"""Sending an answer's chart: the 看图 button under an answer and the ``/chart`` command.

The chart is drawn in a worker thread (``asyncio.to_thread``): matplotlib takes ~0.1–0.3 s,
which must not stall the event loop that serves every other chat.

``/chart`` finds its question in this order: the text after the command (``/chart 开多2手 …``);
the answer it replies to (the question is remembered under the key its buttons carry); the
question it replies to (a user's message). An answer without buttons has no chart.
"""

from __future__ import annotations

import asyncio
import html

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import ContextTypes

from bot.chart import NO_CHART, draw_chart
from bot.defaults import ChatDefaults
from bot.pipeline import answer
from bot.telegram.guard import allowed
from bot.telegram.services import services

Context = ContextTypes.DEFAULT_TYPE
CHART_USAGE = "回复一条计算回答发送 /chart，或直接写：/chart 开多2手 3500 乘数10 现价3600"


async def send_chart(target: Message, question: str, defaults: ChatDefaults) -> None:
    """Answer ``question`` again, draw its chart off the event loop and send it as a photo
    replying to ``target`` (one Chinese line instead when the answer has no chart)."""
    reply = answer(question, defaults)
    image = await asyncio.to_thread(draw_chart, reply)
    if image is None:
        await target.reply_text(html.escape(NO_CHART, quote=False), do_quote=True)
        return
    await target.reply_photo(
        image.png, caption=html.escape(image.title, quote=False), do_quote=True
    )


def _remembered(markup: InlineKeyboardMarkup | None) -> str | None:
    """The question behind an answer's buttons (callback data ``action:question``, kept by
    python-telegram-bot's callback data cache; None when it has been forgotten)."""
    if markup is None:
        return None
    for row in markup.inline_keyboard:
        for button in row:
            data = button.callback_data
            if isinstance(data, str) and ":" in data:
                return data.partition(":")[2] or None
    return None


def chart_question(message: Message, argument: str) -> tuple[str, Message] | None:
    """(question, message to reply to) for ``/chart``; None when there is nothing to draw."""
    if argument:
        return argument, message
    replied = message.reply_to_message
    if replied is None:
        return None
    question = _remembered(replied.reply_markup)
    if question is None and replied.from_user is not None and not replied.from_user.is_bot:
        question = replied.text
    return (question, replied) if question else None


async def on_chart(update: Update, context: Context) -> None:
    """``/chart``: the chart of the answer replied to, or of the question written after it."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None or not await allowed(update, context):
        return
    argument = (message.text or "").partition(" ")[2].strip()
    found = chart_question(message, argument)
    if found is None:
        text = NO_CHART if message.reply_to_message is not None else CHART_USAGE
        await message.reply_text(html.escape(text, quote=False), do_quote=True)
        return
    question, target = found
    defaults = await services(context).store.get(chat.id)
    await send_chart(target, question, defaults)
