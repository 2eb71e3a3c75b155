"""Thin Telegram layer (python-telegram-bot 22.x) over ``bot.pipeline.answer``."""
