"""What handlers share, kept in ``application.bot_data["services"]``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine
from telegram.ext import CallbackContext
from telegram.request import HTTPXRequest

from bot.storage.inbox import Inbox
from bot.telegram.flood import FloodGuard
from bot.telegram.store import ChatSettingsStore

SERVICES_KEY = "services"


@dataclass
class Services:
    engine: Engine
    store: ChatSettingsStore
    flood: FloodGuard
    inbox: Inbox
    poll_request: HTTPXRequest
    """The connection long polling uses (shared by the application, which never polls)."""


def services(context: CallbackContext[Any, Any, Any, Any]) -> Services:
    """The shared services of the running application."""
    found = context.bot_data[SERVICES_KEY]
    if not isinstance(found, Services):
        raise TypeError("bot_data['services'] is not set up; use build_application()")
    return found
