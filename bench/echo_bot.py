"""The minimal echo bot the benchmark compares ours with: same library, same HTTP settings.

Run as ``python -m bench.echo_bot`` with TELEGRAM_BOT_TOKEN and TELEGRAM_BASE_URL set; it
replies to every text with the same text and stops on SIGINT/SIGTERM.
"""

from __future__ import annotations

import os

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply with the text received."""
    del context
    if update.message and update.message.text:
        await update.message.reply_text(update.message.text)


def main() -> None:
    application = (
        ApplicationBuilder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ["TELEGRAM_BASE_URL"])
        .concurrent_updates(int(os.environ.get("CONCURRENT_UPDATES", "16")))
        .connection_pool_size(int(os.environ.get("CONNECTION_POOL_SIZE", "8")))
        .pool_timeout(30.0)
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.run_polling(allowed_updates=["message"], poll_interval=0, timeout=10)


if __name__ == "__main__":
    main()
