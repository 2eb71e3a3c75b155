"""The one place the Telegram application is wired: settings → Application with handlers.

``build_application(settings)`` opens the database and returns a ready python-telegram-bot
``Application`` (no PTB Updater: updates come in through ``bot.telegram.intake`` and are
handled from the inbox by ``bot.telegram.dispatcher``);
``running(application, settings)`` runs it inside an existing event loop (tests, benchmark,
``pingcang run``) until the block ends, then shuts down gracefully.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from typing import Any, TypeAlias

from telegram import Bot, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, InvalidToken, NetworkError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    InvalidCallbackData,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.pipeline import answer
from bot.storage.engine import open_database
from bot.storage.inbox import Inbox, InboxItem
from bot.telegram import charts, handlers, texts
from bot.telegram.config import BotSettings
from bot.telegram.delivery import DeliveryLimiter, LocalThrottle, SharedThrottle, Throttle
from bot.telegram.dispatcher import Dispatcher
from bot.telegram.flood import FloodGuard
from bot.telegram.format import BUTTON_ACTIONS
from bot.telegram.intake import Poller
from bot.telegram.logs import protect_secret
from bot.telegram.persistence import DatabasePersistence
from bot.telegram.profile import set_profile
from bot.telegram.services import SERVICES_KEY, Services
from bot.telegram.store import ChatSettingsStore

logger = logging.getLogger(__name__)

BotApplication: TypeAlias = Application[Any, Any, Any, Any, Any, Any]
ALLOWED_UPDATES = (
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.INLINE_QUERY,
    Update.MY_CHAT_MEMBER,
)
"""Exactly the updates the handlers below handle."""
POOL_TIMEOUT_SECONDS = 30.0
CALLBACK_CACHE_SIZE = 2048
"""Keyboards whose button data is remembered (and persisted); older buttons say 已过期."""


def _throttle(settings: BotSettings, services: Services) -> Throttle | None:
    if not settings.rate_limiter:
        return None
    if services.engine.dialect.name == "postgresql":
        return SharedThrottle(services.engine)  # several processes may share this database
    return LocalThrottle()


def build_application(
    settings: BotSettings, *, store: ChatSettingsStore | None = None
) -> BotApplication:
    """Open the database (migrating it) and build the bot: HTTP client, defaults, delivery
    (retries and throttling), callback-data persistence, services and every handler.

    Raises ``bot.storage.engine.DatabaseUnavailableError`` when the database cannot be used.
    """
    token = settings.token
    protect_secret(token)
    engine = store.engine if store is not None else open_database(settings.database_url)
    services = Services(
        engine=engine,
        store=store or ChatSettingsStore(engine),
        flood=FloodGuard(
            settings.flood_limit,
            settings.flood_window_seconds,
            private_limit=settings.flood_private_limit,
        ),
        inbox=Inbox(engine, lease_seconds=settings.inbox_lease_seconds),
        poll_request=HTTPXRequest(connection_pool_size=1),
    )
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.telegram_base_url)
        .base_file_url(settings.base_file_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                allow_sending_without_reply=True,
            )
        )
        .updater(None)
        .get_updates_request(services.poll_request)
        .connection_pool_size(settings.connection_pool_size)
        .pool_timeout(POOL_TIMEOUT_SECONDS)
        .job_queue(None)
        .arbitrary_callback_data(CALLBACK_CACHE_SIZE)
        .persistence(DatabasePersistence(engine))
        .rate_limiter(
            DeliveryLimiter(
                _throttle(settings, services),
                max_seconds=settings.send_retry_seconds,
                base_delay=settings.send_retry_base_delay,
            )
        )
    )
    application: BotApplication = builder.build()
    application.bot_data[SERVICES_KEY] = services
    add_handlers(application)
    return application


def add_handlers(application: BotApplication) -> None:
    """Register every handler (order matters: commands before plain text)."""
    new_messages = filters.UpdateType.MESSAGE
    application.add_handler(CommandHandler("start", handlers.on_start, filters=new_messages))
    application.add_handler(CommandHandler("help", handlers.on_help, filters=new_messages))
    application.add_handler(CommandHandler("settings", handlers.on_settings, filters=new_messages))
    application.add_handler(CommandHandler("chart", charts.on_chart, filters=new_messages))
    application.add_handler(
        CommandHandler(
            list(texts.QUERY_COMMAND_BY_NAME), handlers.on_query_command, filters=new_messages
        )
    )
    application.add_handler(
        MessageHandler(new_messages & filters.COMMAND, handlers.on_unknown_command)
    )
    text = new_messages & (filters.TEXT | filters.CAPTION) & ~filters.COMMAND
    application.add_handler(
        MessageHandler(text & filters.ChatType.PRIVATE, handlers.on_private_text)
    )
    application.add_handler(
        MessageHandler(
            text & filters.ChatType.GROUPS & handlers.ADDRESSED_TO_BOT, handlers.on_group_text
        )
    )
    application.add_handler(
        MessageHandler(filters.StatusUpdate.MIGRATE & filters.ChatType.GROUP, handlers.on_migrate)
    )
    application.add_handler(
        MessageHandler(filters.UpdateType.EDITED_MESSAGE, handlers.on_edited_message)
    )
    application.add_handler(
        ChatMemberHandler(handlers.on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER)
    )
    application.add_handler(InlineQueryHandler(handlers.on_inline_query))
    application.add_handler(
        CallbackQueryHandler(handlers.on_button, pattern=f"^[{''.join(BUTTON_ACTIONS)}]:")
    )
    application.add_handler(
        CallbackQueryHandler(handlers.on_expired_button, pattern=InvalidCallbackData)
    )
    application.add_error_handler(handlers.on_error)


def _services(application: BotApplication) -> Services:
    found = application.bot_data[SERVICES_KEY]
    if not isinstance(found, Services):
        raise TypeError("bot_data['services'] is not set up")
    return found


async def on_startup(application: BotApplication) -> None:
    """Publish the profile: description, short description, command menus per scope."""
    await set_profile(application.bot)
    logger.info("bot @%s is ready", application.bot.username)


WARM_UP_DELAY_SECONDS = 1.0
"""The warm-up runs this long after intake started: updates waiting at a restart are
answered first (each loading only what it needs), the rest is loaded before it is asked for."""


WARM_UP_QUESTIONS = (
    "开多2手 1000 平仓 1020 乘数100",
    "权益10万 开多10手 rb 3500 保证金10% 强平价",
    "什么是平仓",
    "BTC 开多1个 60000 10倍 强平价",
)
"""Asked once shortly after start-up: the parser tables, contract table and knowledge base
load then, not on some user's later message."""


def warm_up() -> None:
    """Load what answering needs, then freeze everything start-up built.

    After ``gc.freeze()`` the cyclic garbage collector no longer walks the long-lived objects
    (grammar tables, contract table, term entries, library modules) on each of its passes. In
    the benchmark's burst (``bench/bot_bench.py``) the bot's CPU time per update fell from
    about 3.1 ms to 2.4 ms (median of five runs each).
    """
    for question in WARM_UP_QUESTIONS:
        answer(question)
    gc.collect()
    gc.freeze()


async def until_reachable(
    step: Callable[[], Awaitable[object]], what: str, *, max_backoff: float = 60.0
) -> None:
    """Run a start-up request, retrying while Telegram cannot be reached.

    Network trouble is logged and retried with backoff, forever; ``InvalidToken`` and other
    refusals are raised.
    """
    attempt = 0
    while True:
        attempt += 1
        try:
            await step()
            return
        except InvalidToken:
            raise
        except NetworkError as error:
            if isinstance(error, BadRequest):
                raise
            wait = min(max_backoff, 0.5 * 2 ** min(attempt, 8))
            logger.warning(
                "Telegram unreachable (%s, attempt %d: %s); retrying in %.1f s",
                what,
                attempt,
                error,
                wait,
            )
            await asyncio.sleep(wait)


async def connect(application: BotApplication) -> None:
    """Initialize the application (``getMe``), retrying while Telegram cannot be reached."""
    await until_reachable(application.initialize, "getMe")


async def handle_item(application: BotApplication, item: InboxItem) -> None:
    """Handle one stored update through the application's handlers."""
    update = Update.de_json(json.loads(item.payload), application.bot)
    application.bot.insert_callback_data(update)
    await application.process_update(update)


def _polling_bot(application: BotApplication, settings: BotSettings) -> Bot:
    """A plain ``Bot`` for ``getUpdates``: its updates are stored as Telegram sent them
    (the application's ExtBot would resolve button data before they are stored). It shares
    the application's getUpdates connection (the application itself never polls) and is not
    initialized: the application's bot already checked the token with ``getMe``."""
    request = _services(application).poll_request
    return Bot(
        settings.token,
        base_url=settings.telegram_base_url,
        base_file_url=settings.base_file_url,
        request=request,
        get_updates_request=request,
    )


@asynccontextmanager
async def _intake(
    application: BotApplication, settings: BotSettings, dispatcher: Dispatcher, poll_timeout: int
) -> AsyncIterator[None]:
    inbox = _services(application).inbox
    if settings.bot_mode == "webhook":
        from bot.telegram.webhook import WebhookServer

        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
        server = WebhookServer(
            inbox,
            dispatcher.wake,
            path=settings.webhook_path,
            secret=secret,
            listen=settings.webhook_listen,
            port=settings.webhook_port,
        )
        await server.start()
        await until_reachable(
            lambda: application.bot.set_webhook(
                url=settings.webhook_url or "",
                secret_token=secret,
                allowed_updates=list(ALLOWED_UPDATES),
                max_connections=40,
            ),
            "setWebhook",
        )
        try:
            yield
        finally:
            await server.stop()
        return
    await until_reachable(application.bot.delete_webhook, "deleteWebhook")
    poller = Poller(
        _polling_bot(application, settings),
        inbox,
        dispatcher.load_now,
        allowed_updates=ALLOWED_UPDATES,
        timeout=poll_timeout,
    )
    task = asyncio.create_task(poller.run(), name="poller")
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task


@asynccontextmanager
async def running(
    application: BotApplication, settings: BotSettings, *, poll_timeout: int = 10
) -> AsyncIterator[BotApplication]:
    """Run the bot in the current event loop until the block ends, then stop gracefully:
    intake stops first, replies in flight get ``shutdown_grace_seconds``, the rest of the
    inbox waits for the next start, button data is saved, the database closed."""
    services = _services(application)
    await connect(application)
    dispatcher = Dispatcher(
        services.inbox,
        lambda item: handle_item(application, item),
        workers=settings.concurrent_updates,
        maintenance=application.update_persistence,
    )
    try:
        await on_startup(application)
        only_process = services.engine.dialect.name == "sqlite"
        await asyncio.to_thread(services.inbox.recover, everything=only_process)
        dispatcher.start()
        async with _intake(application, settings, dispatcher, poll_timeout):
            warming = asyncio.get_running_loop().call_later(WARM_UP_DELAY_SECONDS, warm_up)
            try:
                yield application
            finally:
                warming.cancel()
    finally:
        if dispatcher.started:
            await dispatcher.stop(settings.shutdown_grace_seconds)
        await application.shutdown()
        services.store.close()
