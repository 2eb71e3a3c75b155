"""What handlers share, kept in ``application.bot_data["services"]``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from telegram.ext import CallbackContext

from bot.telegram.flood import FloodGuard
from bot.telegram.memo import RequestMemo
from bot.telegram.store import ChatSettingsStore

SERVICES_KEY = "services"


@dataclass
class Services:
    store: ChatSettingsStore
    flood: FloodGuard
    memo: RequestMemo = field(default_factory=RequestMemo)


def services(context: CallbackContext[Any, Any, Any, Any]) -> Services:
    """The shared services of the running application."""
    found = context.bot_data[SERVICES_KEY]
    if not isinstance(found, Services):
        raise TypeError("bot_data['services'] is not set up; use build_application()")
    return found
