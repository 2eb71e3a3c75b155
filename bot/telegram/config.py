"""Bot configuration from the environment (and an optional ``.env`` file).

Build ``BotSettings()`` in ``main`` (``run_bot``), never at import time. Every field maps to
an upper-case environment variable of the same name (``TELEGRAM_BOT_TOKEN``, ``BOT_MODE`` …).
"""

from __future__ import annotations

import re
from typing import Literal, Self
from urllib.parse import urlparse

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_TOKEN_FORMAT = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,}$")
_SECRET_FORMAT = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_PLACEHOLDER_WORDS = ("your", "token", "changeme", "example", "xxxx")

DEFAULT_BASE_URL = "https://api.telegram.org/bot"


class BotSettings(BaseSettings):
    """Everything the running bot reads from its environment."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
        frozen=True,
    )

    telegram_bot_token: SecretStr | None = None
    """Token from @BotFather. Unset or empty: ``pingcang run`` starts the terminal chat."""
    database_url: str = "sqlite:///pingcang.db"
    """SQLAlchemy URL of the bot's database (default: SQLite file in the cwd); for PostgreSQL
    ``postgresql://user:password@host/db`` (driver psycopg 3)."""
    bot_mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str | None = None
    """Public HTTPS address Telegram posts updates to (webhook mode), e.g. https://x.y/tg."""
    webhook_listen: str = "127.0.0.1"
    """Local address the webhook server binds (behind a reverse proxy by default)."""
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_secret: SecretStr | None = None
    """Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token (required in webhook mode)."""
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    telegram_base_url: str = DEFAULT_BASE_URL
    """python-telegram-bot ``base_url`` form, e.g. http://127.0.0.1:8081/bot (self-hosted)."""
    rate_limiter: bool = True
    """AIORateLimiter: 30 messages/s overall, 20 messages/min per group (Telegram's limits)."""
    flood_limit: int = Field(default=6, ge=0)
    """Questions one user may ask per window in a group; 0 turns the flood guard off."""
    flood_private_limit: int | None = Field(default=20, ge=0)
    """The same in private chats (unset: as in groups; 0: off)."""
    flood_window_seconds: float = Field(default=30.0, gt=0)
    concurrent_updates: int = Field(default=8, ge=1, le=256)
    """Updates handled at the same time (by as many workers; one chat at a time each)."""
    send_retry_seconds: float = Field(default=600.0, gt=0)
    """How long one message is retried (429, 5xx, time-outs) before it is given up."""
    send_retry_base_delay: float = Field(default=0.5, gt=0)
    """First backoff after a 5xx or network error (doubles each time, with jitter, ≤ 30 s)."""
    shutdown_grace_seconds: float = Field(default=8.0, ge=0)
    """On SIGTERM, how long replies in flight may take; the rest waits in the inbox."""
    inbox_lease_seconds: float = Field(default=60.0, gt=0)
    """How long an update claimed by a process that died stays with it (PostgreSQL)."""
    connection_pool_size: int = Field(default=8, ge=1, le=1024)

    @field_validator("telegram_bot_token", mode="before")
    @classmethod
    def _empty_token_is_unset(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_looks_real(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        token = value.get_secret_value().strip()
        lowered = token.lower()
        if any(word in lowered for word in _PLACEHOLDER_WORDS) or not _TOKEN_FORMAT.match(token):
            raise ValueError(
                "TELEGRAM_BOT_TOKEN 格式不对，应形如 123456789:AAE…（向 @BotFather 获取）"
            )
        return SecretStr(token)

    @field_validator("webhook_secret")
    @classmethod
    def _secret_charset(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _SECRET_FORMAT.match(value.get_secret_value()):
            raise ValueError("WEBHOOK_SECRET 只能包含 A-Z a-z 0-9 _ -，长度 1–256")
        return value

    @field_validator("telegram_base_url")
    @classmethod
    def _base_url_is_http(cls, value: str) -> str:
        if urlparse(value).scheme not in ("http", "https"):
            raise ValueError("TELEGRAM_BASE_URL 应形如 https://api.telegram.org/bot")
        return value

    @model_validator(mode="after")
    def _webhook_needs_url_and_secret(self) -> Self:
        if self.bot_mode == "webhook":
            if not self.webhook_url or urlparse(self.webhook_url).scheme not in ("http", "https"):
                raise ValueError("BOT_MODE=webhook 需要 WEBHOOK_URL（如 https://example.com/tg）")
            if self.webhook_secret is None:
                raise ValueError("BOT_MODE=webhook 需要 WEBHOOK_SECRET")
        return self

    @property
    def token(self) -> str:
        """The bot token; only call when one is configured."""
        if self.telegram_bot_token is None:
            raise RuntimeError("TELEGRAM_BOT_TOKEN is not set")
        return self.telegram_bot_token.get_secret_value()

    @property
    def base_file_url(self) -> str:
        """File download base derived from ``telegram_base_url`` (…/bot → …/file/bot)."""
        base = self.telegram_base_url.rstrip("/")
        if base.endswith("/bot"):
            return base[: -len("/bot")] + "/file/bot"
        return base + "/file/bot"

    @property
    def webhook_path(self) -> str:
        """Local URL path of the webhook server: the path of ``webhook_url``."""
        return urlparse(self.webhook_url or "").path.strip("/")
