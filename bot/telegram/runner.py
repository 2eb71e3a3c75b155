"""``pingcang run``: start the bot, or the terminal chat when no token is configured.

Configuration comes from the environment or ``.env`` (see ``.env.example`` and
``bot.telegram.config.BotSettings``). python-telegram-bot and SQLAlchemy are imported only
when a token is set, so the fallback terminal chat starts as fast as the CLI.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from pydantic import ValidationError


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

    from bot.telegram.app import build_application, run
    from bot.telegram.logs import configure_logging

    configure_logging(settings.log_level)
    run(build_application(settings), settings)
    return 0
