"""Start the bot, or the terminal chat when no token is configured. TEMPORARY SKELETON."""

from __future__ import annotations

import os
import sys


def run_bot() -> int:
    if not os.environ.get("TELEGRAM_BOT_TOKEN"):
        print("未设置 TELEGRAM_BOT_TOKEN，改为启动终端对话。", file=sys.stderr)
        from bot.cli import chat

        return chat()
    print("Telegram 机器人尚未实现。", file=sys.stderr)
    return 1
