"""Telegram handlers: small async functions, each a thin layer over ``bot.pipeline.answer``.

Every question takes one path (``ask``): flood guard (groups) → chat defaults → ``answer()``
→ HTML chunks (+ follow-up buttons on the last one), replying to the asking message in groups.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import logging
import re

from telegram import (
    Chat,
    ChatMember,
    ChatMemberUpdated,
    ForceReply,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Message,
    MessageEntity,
    Update,
)
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import ContextTypes, filters

from bot.chart import has_chart
from bot.defaults import ChatDefaults
from bot.errors import UserFacingError
from bot.pipeline import answer
from bot.pipeline.followup import follow_up
from bot.reply import Reply
from bot.storage import answers as stored_answers
from bot.telegram import texts
from bot.telegram.charts import send_chart
from bot.telegram.clarify import choice_keyboard
from bot.telegram.format import (
    ASK,
    CHART,
    DETAILS,
    HIDE_WORKING,
    MAX_MESSAGE_LENGTH,
    MIRROR,
    SHOW_WORKING,
    answer_keyboard,
    compact_html,
    compact_keyboard,
    split_html,
    utf16_length,
    working_html,
)
from bot.telegram.guard import GROUP_TYPES, allowed, is_group
from bot.telegram.products import (
    describe_products,
    load_products,
    parse_product_settings,
    save_product,
    with_exchange_net,
    with_product_settings,
)
from bot.telegram.services import services
from bot.telegram.settings_text import (
    apply_settings_text,
    describe_settings,
    settings_changes_summary,
)

logger = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
_ADMIN_STATUSES = (ChatMember.OWNER, ChatMember.ADMINISTRATOR)


# --- reading messages -------------------------------------------------------------------


def message_text(message: Message) -> str:
    """What the message says: its text, or the caption of a photo or file."""
    return message.text or message.caption or ""


def _entities(message: Message) -> tuple[MessageEntity, ...]:
    return message.entities if message.text else message.caption_entities


def command_parts(message: Message) -> tuple[str, str]:
    """(command name without / and @bot, the text after it) of a command message."""
    text = message_text(message)
    entities = _entities(message)
    first = entities[0] if entities else None
    if first is not None and first.type == MessageEntity.BOT_COMMAND and first.offset == 0:
        head, rest = text[: first.length], text[first.length :]
    else:
        head, _, rest = text.partition(" ")
    return head.lstrip("/").split("@", 1)[0].lower(), rest.strip()


def _our_mentions(message: Message) -> list[str]:
    username = message.get_bot().username.lower()
    found = (
        message.parse_entities([MessageEntity.MENTION])
        if message.text
        else message.parse_caption_entities([MessageEntity.MENTION])
    )
    return [mention for mention in found.values() if mention[1:].lower() == username]


def _replies_to_us(message: Message) -> bool:
    replied = message.reply_to_message
    return bool(replied and replied.from_user and replied.from_user.id == message.get_bot().id)


class _AddressedToBot(filters.MessageFilter):
    """Messages that mention the bot or reply to one of its messages."""

    def filter(self, message: Message) -> bool:
        return _replies_to_us(message) or bool(_our_mentions(message))


ADDRESSED_TO_BOT = _AddressedToBot(name="AddressedToBot")


def _without_mentions(message: Message) -> str:
    text = message_text(message)
    for mention in _our_mentions(message):
        text = re.sub(re.escape(mention), " ", text, flags=re.IGNORECASE)
    return " ".join(text.split())


# --- sending ----------------------------------------------------------------------------


async def _say(update: Update, text: str) -> None:
    """Send our own (already escaped) HTML, as a reply in groups."""
    message = update.effective_message
    if message is not None:
        await message.reply_text(text, do_quote=is_group(update.effective_chat))


async def send_answer(
    message: Message,
    reply: Reply,
    question: str,
    context: Context,
    *,
    quote: bool,
    compact: bool = False,
    choices: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Send a reply split into messages; buttons go under the last one. ``compact`` (groups):
    the short form with a 详细 button when the reply is longer; ``choices``: the buttons of
    a clarification under a failed reply. Returns the first message sent (the one an edit
    of the question edits)."""
    short = compact_html(reply) if compact else None
    if short is not None:
        return await message.reply_text(
            short, do_quote=quote, reply_markup=compact_keyboard(reply, question)
        )
    chunks = split_html(reply.html)
    keyboard = choices
    if reply.ok and (reply.working or reply.mirror_text or has_chart(reply)):
        keyboard = answer_keyboard(reply, question)
    last = len(chunks) - 1
    first: Message | None = None
    for index, chunk in enumerate(chunks):
        sent = await message.reply_text(
            chunk,
            do_quote=quote and index == 0,
            reply_markup=keyboard if index == last else None,
        )
        first = first or sent
    return first


async def remember_answer(
    context: Context, message: Message, sent: Message | None, question: str
) -> None:
    """Store which bot message answered ``message`` (and the question it computed)."""
    if sent is None:
        return
    await asyncio.to_thread(
        stored_answers.remember,
        services(context).engine,
        message.chat.id,
        message.message_id,
        sent.message_id,
        question,
    )


async def ask(update: Update, context: Context, question: str) -> None:
    """Answer ``question`` with the chat's defaults (the one path every question takes).

    In groups the answer is the compact form, and chatter (好的, 👍) gets no reply."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None or not await allowed(update, context):
        return
    defaults = await services(context).store.get(chat.id)
    products = await asyncio.to_thread(load_products, services(context).engine, chat.id)
    question = with_product_settings(question, products)
    reply = with_exchange_net(question, answer(question, defaults), defaults)
    group = is_group(chat)
    if reply.kind == "chatter" and group:
        return
    choices = None if reply.ok else choice_keyboard(question, defaults)
    sent = await send_answer(
        message, reply, question, context, quote=group, compact=group, choices=choices
    )
    if reply.kind != "chatter":
        await remember_answer(context, message, sent, question)


# --- commands ---------------------------------------------------------------------------


async def on_start(update: Update, context: Context) -> None:
    """Greet and show three examples (help, when opened from the inline mode's button)."""
    message = update.effective_message
    if message is None or not await allowed(update, context):
        return
    if command_parts(message)[1] == INLINE_HELP_START:
        await _say(update, texts.help_html(context.bot.username))
        return
    await _say(update, texts.start_html(private=not is_group(update.effective_chat)))


async def on_help(update: Update, context: Context) -> None:
    """Show short examples for each kind of question."""
    if await allowed(update, context):
        await _say(update, texts.help_html(context.bot.username))


async def on_query_command(update: Update, context: Context) -> None:
    """/calc /c /pnl /liq /risk /size /explain /term /contract: ask the pipeline."""
    message = update.effective_message
    if message is None:
        return
    name, argument = command_parts(message)
    command = texts.QUERY_COMMAND_BY_NAME[name]
    if not argument:  # a one-line prompt; the reply to it is the question
        if await allowed(update, context):
            await message.reply_text(
                html.escape(texts.prompt_text(command), quote=False),
                do_quote=is_group(update.effective_chat),
                reply_markup=ForceReply(
                    selective=True, input_field_placeholder=command.example[:64]
                ),
            )
        return
    await ask(update, context, command.to_question(argument))


async def on_unknown_command(update: Update, context: Context) -> None:
    """A command we do not have (in groups only when addressed to us by @name)."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    _, at, target = message.text.split(maxsplit=1)[0].partition("@")
    if at and target.lower() != context.bot.username.lower():
        return  # addressed to another bot
    if not at and is_group(update.effective_chat):
        return  # probably meant for another bot in the group
    if await allowed(update, context):
        await _say(update, texts.UNKNOWN_COMMAND_HTML)


async def _is_admin(context: Context, chat: Chat, message: Message) -> bool:
    if message.sender_chat is not None and message.sender_chat.id == chat.id:
        return True  # an anonymous administrator posting as the group
    if message.from_user is None:
        return False
    member = await context.bot.get_chat_member(chat.id, message.from_user.id)
    return member.status in _ADMIN_STATUSES


def _settings_html(title: str, lines: tuple[str, ...]) -> str:
    table = html.escape("\n".join(lines), quote=False)
    hint = html.escape(texts.settings_hint(), quote=False)
    return f"<b>{title}</b>\n<pre>{table}</pre>\n{hint}"


async def on_settings(update: Update, context: Context) -> None:
    """Show the chat's defaults; change them (in groups: administrators only)."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None or not await allowed(update, context):
        return
    store = services(context).store
    _, argument = command_parts(message)
    current = await store.get(chat.id)
    group = is_group(chat)
    if not argument:
        title = "本群设置" if group else "你的设置（也用于内联查询）"
        products = await asyncio.to_thread(load_products, services(context).engine, chat.id)
        lines = describe_settings(current) + describe_products(products)
        await _say(update, _settings_html(title, lines))
        return
    if group and not await _is_admin(context, chat, message):
        await _say(update, texts.ADMIN_ONLY_HTML)
        return
    try:
        product = parse_product_settings(argument)
        if product is not None:
            await _set_product(update, context, chat.id, *product)
            return
        updated = apply_settings_text(current, argument)
    except UserFacingError as error:
        await _say(update, html.escape(str(error), quote=False))
        return
    user_id = message.from_user.id if message.from_user else None
    if not await store.change(chat.id, current, updated, user_id=user_id):
        logger.info("settings change lost a race chat_id=%s user_id=%s", chat.id, user_id)
        await _say(update, texts.SETTINGS_RACE_HTML)
        return
    logger.info(
        "settings changed chat_id=%s user_id=%s %s",
        chat.id,
        user_id,
        settings_changes_summary(current, updated),
    )
    await _say(update, _settings_html("已更新设置", describe_settings(updated)))


async def _set_product(
    update: Update, context: Context, chat_id: int, symbol: str, clauses: dict[str, str]
) -> None:
    """/settings rb 手续费 3元/手: one product's fee or margin (no clauses: remove them)."""
    engine = services(context).engine
    await asyncio.to_thread(save_product, engine, chat_id, symbol, clauses)
    logger.info("product settings changed chat_id=%s %s %s", chat_id, symbol, clauses)
    products = await asyncio.to_thread(load_products, engine, chat_id)
    lines = describe_products(products) or (f"{symbol} 按通用设置",)
    await _say(update, _settings_html("已更新品种设置", lines))


# --- plain messages ---------------------------------------------------------------------


async def on_private_text(update: Update, context: Context) -> None:
    """Private chat: every text message (or photo caption) is a question."""
    message = update.effective_message
    if message is not None and message_text(message):
        await ask(update, context, await _in_reply(context, message, message_text(message)))


async def _in_reply(context: Context, message: Message, text: str) -> str:
    """The question ``text`` asks where it was said: the answer to a bare command's prompt,
    a change of the answer it replies to (改成3手, 平仓 3600 呢), or ``text`` itself."""
    replied = message.reply_to_message
    if replied is None or not _replies_to_us(message):
        return text
    prompted = _prompted(message, text)
    if prompted != text:
        return prompted
    found = await asyncio.to_thread(
        stored_answers.answer_in, services(context).engine, message.chat.id, replied.message_id
    )
    changed = follow_up(found.question, text) if found is not None else None
    return changed or text


def _prompted(message: Message, question: str) -> str:
    """``question`` as the answer to a bare command's prompt (/liq → … 强平价), if it is one."""
    replied = message.reply_to_message
    if replied is None or not _replies_to_us(message):
        return question
    command = texts.prompted_command(replied.text or "")
    return command.to_question(question) if command is not None else question


async def on_group_text(update: Update, context: Context) -> None:
    """Group message that mentions the bot or replies to it: answer the rest of the text."""
    message = update.effective_message
    if message is None:
        return
    question = _without_mentions(message)
    if question:
        await ask(update, context, await _in_reply(context, message, question))
    elif await allowed(update, context):
        await _say(update, texts.MENTION_ONLY_HTML)


async def on_migrate(update: Update, context: Context) -> None:
    """A group became a supergroup (new chat id): carry its settings over."""
    message = update.effective_message
    if message is None or message.migrate_to_chat_id is None:
        return
    store = services(context).store
    settings = await store.get(message.chat.id)
    if settings != ChatDefaults():
        await store.set(message.migrate_to_chat_id, settings, user_id=None)
        logger.info("settings moved chat_id=%s -> %s", message.chat.id, message.migrate_to_chat_id)


def question_of(message: Message) -> str:
    """The question a message asks: a query command's argument turned into a question, or
    the text without mentions of the bot ("" when there is none)."""
    text = message_text(message)
    if text.startswith("/"):
        name, argument = command_parts(message)
        command = texts.QUERY_COMMAND_BY_NAME.get(name)
        return command.to_question(argument) if command is not None and argument else ""
    return _without_mentions(message)


async def on_edited_message(update: Update, context: Context) -> None:
    """A question the bot answered was edited: edit the answer (not a new message)."""
    message, chat = update.edited_message, update.effective_chat
    if message is None or chat is None:
        return
    engine = services(context).engine
    found = await asyncio.to_thread(stored_answers.answer_to, engine, chat.id, message.message_id)
    question = question_of(message)
    if found is None or not question:
        return
    question = await _in_reply(context, message, question)  # an edited follow-up, too
    defaults = await services(context).store.get(chat.id)
    products = await asyncio.to_thread(load_products, engine, chat.id)
    question = with_product_settings(question, products)
    reply = with_exchange_net(question, answer(question, defaults), defaults)
    if reply.kind == "chatter":
        return
    short = compact_html(reply) if is_group(chat) else None
    keyboard: InlineKeyboardMarkup | None
    if short is not None:
        text, keyboard = short, compact_keyboard(reply, question)
    else:
        text = split_html(reply.html)[0]
        keyboard = answer_keyboard(reply, question) if reply.ok else None
    try:
        await context.bot.edit_message_text(
            text, chat_id=chat.id, message_id=found.bot_message_id, reply_markup=keyboard
        )
    except BadRequest as error:
        if "not modified" not in error.message.lower():
            raise
    await asyncio.to_thread(
        stored_answers.remember, engine, chat.id, message.message_id, found.bot_message_id, question
    )


async def on_my_chat_member(update: Update, context: Context) -> None:
    """The bot was added to a group: one short greeting (what to type, /settings, privacy)."""
    change: ChatMemberUpdated | None = update.my_chat_member
    if change is None or not is_group(change.chat):
        return
    joined = (ChatMember.MEMBER, ChatMember.ADMINISTRATOR)
    if change.new_chat_member.status in joined and change.old_chat_member.status not in joined:
        await context.bot.send_message(change.chat.id, texts.group_greeting_html())


# --- inline mode ------------------------------------------------------------------------


INLINE_CACHE_SECONDS = 300
"""The same query gives the same answer (with the same settings) for minutes."""
INLINE_HELP_START = "inline_help"
"""The /start parameter of the inline button that opens the private chat with help."""


def _understood(reply: Reply) -> str:
    """The 我理解为 line of a reply (else its second line): the result's description."""
    lines = reply.text.splitlines()
    found = next((line for line in lines if line.startswith("我理解为")), None)
    return found or (lines[1] if len(lines) > 1 else "")


def _article(question: str, reply: Reply, *, group: bool) -> InlineQueryResultArticle:
    """A computed answer: title = the asked figure, description = what was understood; the
    message is the compact form when it is sent into a group."""
    result_id = hashlib.blake2s(question.encode(), digest_size=16).hexdigest()
    text = (compact_html(reply) if group else None) or split_html(reply.html)[0]
    return InlineQueryResultArticle(
        id=result_id,
        title=reply.text.splitlines()[0][:100],
        description=_understood(reply)[:150],
        input_message_content=InputTextMessageContent(text),
    )


async def on_inline_query(update: Update, context: Context) -> None:
    """Inline mode: the computed answer as a sendable result; an empty, incomplete or
    unreadable query gets no results and a button that opens the private chat with help
    (never an error article while the query is still being typed)."""
    query = update.inline_query
    if query is None:
        return
    question = " ".join(query.query.split())
    defaults = await services(context).store.get(query.from_user.id)
    engine = services(context).engine
    products = await asyncio.to_thread(load_products, engine, query.from_user.id)
    personal = defaults != ChatDefaults() or bool(products)
    question = with_product_settings(question, products)
    reply = answer(question, defaults) if question else None
    if reply is None or not reply.ok or reply.kind == "chatter":
        await query.answer(
            [],
            cache_time=INLINE_CACHE_SECONDS,
            is_personal=personal,
            button=InlineQueryResultsButton(
                text=texts.INLINE_HELP_BUTTON, start_parameter=INLINE_HELP_START
            ),
        )
        return
    article = _article(question, reply, group=query.chat_type in GROUP_TYPES)
    await query.answer([article], cache_time=INLINE_CACHE_SECONDS, is_personal=personal)


# --- follow-up buttons ------------------------------------------------------------------


async def _edit(message: Message, text: str, reply: Reply, key: str, *, showing: bool) -> None:
    try:
        await message.edit_text(
            text, reply_markup=answer_keyboard(reply, key, showing_working=showing)
        )
    except BadRequest as error:
        if "not modified" not in error.message.lower():  # a double tap changes nothing
            raise


async def on_button(update: Update, context: Context) -> None:
    """详细 expands a compact group answer; 显示公式 / 隐藏公式 edit the answer; 反向 answers
    the long↔short mirror question; 看图 sends the chart."""
    query = update.callback_query
    if query is None:
        return
    data = query.data if isinstance(query.data, str) else ""
    action, _, key = data.partition(":")
    question = key or None  # the question itself (button data is kept by PTB's cache)
    message = query.message
    if question is None or not isinstance(message, Message):
        await query.answer(texts.EXPIRED_BUTTON, show_alert=True)
        return
    defaults = await services(context).store.get(message.chat.id)
    if action == CHART:
        await query.answer()
        await send_chart(message, question, defaults)
        return
    reply = with_exchange_net(question, answer(question, defaults), defaults)
    if action == ASK:
        await query.answer()
        await _answer_choice(context, message, reply, question)
        return
    if action == MIRROR:
        if not reply.mirror_text:
            await query.answer(texts.NO_MIRROR)
            return
        await query.answer()
        mirrored = answer(reply.mirror_text, defaults)
        group = is_group(message.chat)
        await send_answer(message, mirrored, reply.mirror_text, context, quote=True, compact=group)
        return
    await query.answer()
    chunks = split_html(reply.html)
    last_chunk = chunks[-1]
    if action == DETAILS:  # the compact group answer expanded into the full one
        await _edit(message, chunks[0], reply, key, showing=False)
        for chunk in chunks[1:]:
            await message.reply_text(chunk, do_quote=True)
    elif action == HIDE_WORKING:
        await _edit(message, last_chunk, reply, key, showing=False)
    elif action == SHOW_WORKING and reply.working:
        shown = f"{last_chunk}\n\n{working_html(reply)}"
        if utf16_length(shown) <= MAX_MESSAGE_LENGTH:
            await _edit(message, shown, reply, key, showing=True)
        else:
            for chunk in split_html(working_html(reply)):
                await message.reply_text(chunk, do_quote=True)


async def _answer_choice(context: Context, message: Message, reply: Reply, question: str) -> None:
    """A clarification button was pressed: its message becomes the answer."""
    short = compact_html(reply) if is_group(message.chat) else None
    keyboard: InlineKeyboardMarkup | None
    if short is not None:
        text, keyboard = short, compact_keyboard(reply, question)
    else:
        text, keyboard = split_html(reply.html)[0], answer_keyboard(reply, question)
    await message.edit_text(text, reply_markup=keyboard)
    engine = services(context).engine
    chat_id = message.chat.id
    found = await asyncio.to_thread(stored_answers.answer_in, engine, chat_id, message.message_id)
    if found is not None:  # an edit of the question, or a reply, now starts from this one
        await asyncio.to_thread(
            stored_answers.remember, engine, chat_id, found.message_id, message.message_id, question
        )


async def on_expired_button(update: Update, context: Context) -> None:
    """A button whose data is no longer remembered (very old, or from another bot process)."""
    if update.callback_query is not None:
        await update.callback_query.answer(texts.EXPIRED_BUTTON, show_alert=True)


# --- errors -----------------------------------------------------------------------------


def describe_update(update: object) -> str:
    """One line of context for the log: ids, kind and the start of the text."""
    if not isinstance(update, Update):
        return f"update={type(update).__name__}"
    parts = [f"update_id={update.update_id}"]
    if update.effective_chat:
        parts.append(f"chat_id={update.effective_chat.id} chat_type={update.effective_chat.type}")
    if update.effective_user:
        parts.append(f"user_id={update.effective_user.id}")
    if update.callback_query:
        parts.append(f"callback={update.callback_query.data!r}")
    elif update.inline_query:
        parts.append(f"inline_query={update.inline_query.query[:200]!r}")
    elif update.effective_message and update.effective_message.text:
        parts.append(f"text={update.effective_message.text[:200]!r}")
    return " ".join(parts)


async def on_error(update: object, context: Context) -> None:
    """Log the failure with its context (the token is redacted), then apologise.

    403 (the user blocked the bot, or it was removed from the group) is logged and dropped:
    there is nobody to apologise to."""
    if isinstance(context.error, Forbidden):
        logger.info("dropped %s: %s", describe_update(update), context.error)
        return
    logger.error("failed to handle %s", describe_update(update), exc_info=context.error)
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query:
            await update.callback_query.answer(texts.APOLOGY_HTML, show_alert=True)
        elif update.effective_message and update.effective_chat:
            await update.effective_message.reply_text(
                texts.APOLOGY_HTML, do_quote=is_group(update.effective_chat)
            )
    except TelegramError as error:
        logger.warning("could not send the apology for %s: %s", describe_update(update), error)
