"""``pingcang run``: start the bot, or the terminal chat when no token is configured.

Configuration comes from the environment or ``.env`` (see ``.env.example`` and
``bot.telegram.config.BotSettings``). python-telegram-bot and SQLAlchemy are imported only
when a token is set, so the fallback terminal chat starts as fast as the CLI.

Exit codes: 0 after SIGTERM/SIGINT (graceful), 1 when the token is refused or the database is
unusable (one line on stderr saying so, never a traceback or the token), 2 for bad settings.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from pydantic import ValidationError

if TYPE_CHECKING:
    from bot.telegram.config import BotSettings

TOKEN_REFUSED = (
    "Telegram 拒绝了 TELEGRAM_BOT_TOKEN，请向 @BotFather 核对 / "
    "Telegram rejected TELEGRAM_BOT_TOKEN: check it with @BotFather."
)


def run_bot(without_token: Callable[[], int]) -> int:
    """Run the bot until interrupted; return the process exit code. With no token configured,
    run ``without_token`` instead (the CLI passes its terminal chat)."""
    from bot.telegram.config import BotSettings

    try:
        settings = BotSettings()
    except ValidationError as error:
        for problem in error.errors():
            print(f"配置错误：{problem['msg']}", file=sys.stderr)
        return 2
    if settings.telegram_bot_token is None:
        print("未设置 TELEGRAM_BOT_TOKEN，改为启动终端对话。", file=sys.stderr)
        return without_token()

    from bot.telegram.logs import configure_logging

    configure_logging(settings.log_level)
    return asyncio.run(serve(settings))


async def serve(settings: BotSettings) -> int:
    """Open the database, run the bot until SIGTERM/SIGINT, stop gracefully."""
    from telegram.error import InvalidToken

    from bot.storage.engine import DatabaseUnavailableError
    from bot.telegram.app import build_application, running

    try:
        application = build_application(settings)
    except DatabaseUnavailableError as error:
        print(str(error), file=sys.stderr)
        return 1
    stop = asyncio.Event()
    ready = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)

    async def until_stopped() -> None:
        async with running(application, settings):
            ready.set()
            await stop.wait()

    bot_task = asyncio.create_task(until_stopped())
    stop_task = asyncio.create_task(stop.wait())
    await asyncio.wait({bot_task, stop_task}, return_when=asyncio.FIRST_COMPLETED)
    if not ready.is_set() and not bot_task.done():
        bot_task.cancel()  # stopped while still connecting: nothing is in flight yet
    stop_task.cancel()
    try:
        await bot_task
    except asyncio.CancelledError:
        return 0
    except InvalidToken:
        print(TOKEN_REFUSED, file=sys.stderr)
        return 1
    return 0
