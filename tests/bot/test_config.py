"""Bot settings from the environment."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.telegram.config import BotSettings

TOKEN = "987654321:AAGq1W2e3R4t5Y6u7I8o9P0aSdFgHjKlZx"


def _settings(**values: object) -> BotSettings:
    return BotSettings(_env_file=None, **values)  # type: ignore[arg-type]


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/x.db")
    monkeypatch.setenv("BOT_MODE", "webhook")
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org/tg/hook")
    monkeypatch.setenv("WEBHOOK_SECRET", "s3cret_value")
    monkeypatch.setenv("WEBHOOK_PORT", "9000")
    monkeypatch.setenv("LOG_LEVEL", "DEBUG")
    monkeypatch.setenv("TELEGRAM_BASE_URL", "http://127.0.0.1:8081/bot")
    settings = _settings()
    assert settings.token == TOKEN
    assert settings.database_url == "sqlite:////tmp/x.db"
    assert settings.bot_mode == "webhook"
    assert settings.webhook_path == "tg/hook"
    assert settings.webhook_port == 9000
    assert settings.log_level == "DEBUG"
    assert settings.base_file_url == "http://127.0.0.1:8081/file/bot"
    assert TOKEN not in repr(settings)


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TELEGRAM_BOT_TOKEN", "DATABASE_URL", "BOT_MODE", "TELEGRAM_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = _settings()
    assert settings.telegram_bot_token is None
    assert settings.database_url == "sqlite:///pingcang.db"
    assert settings.bot_mode == "polling"
    assert settings.telegram_base_url == "https://api.telegram.org/bot"
    assert settings.base_file_url == "https://api.telegram.org/file/bot"
    assert settings.rate_limiter is True
    assert (settings.flood_limit, settings.flood_window_seconds) == (6, 30.0)


def test_empty_token_means_unset() -> None:
    assert _settings(telegram_bot_token="  ").telegram_bot_token is None


@pytest.mark.parametrize(
    "token", ["your-bot-token", "123:short", "123456:CHANGEME_xxxxxxxxxxxxxxxxxxxxxxxx"]
)
def test_placeholder_or_malformed_tokens_are_refused(token: str) -> None:
    with pytest.raises(ValidationError, match="TELEGRAM_BOT_TOKEN 格式不对"):
        _settings(telegram_bot_token=token)


def test_webhook_mode_needs_url_and_secret() -> None:
    with pytest.raises(ValidationError, match="需要 WEBHOOK_URL"):
        _settings(bot_mode="webhook", webhook_secret="abc")
    with pytest.raises(ValidationError, match="需要 WEBHOOK_SECRET"):
        _settings(bot_mode="webhook", webhook_url="https://x.org/hook")
    with pytest.raises(ValidationError, match="WEBHOOK_SECRET 只能包含"):
        _settings(webhook_secret="has space")


def test_bad_mode_is_refused() -> None:
    with pytest.raises(ValidationError):
        _settings(bot_mode="push")


def test_env_example_is_valid_and_matches_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    example = Path(__file__).resolve().parents[2] / ".env.example"
    lines = example.read_text().splitlines()
    names = [line.split("=", 1)[0] for line in lines if "=" in line and not line.startswith("#")]
    for name in names:
        monkeypatch.delenv(name, raising=False)
    from_file = BotSettings(_env_file=example)
    assert from_file == _settings()
    assert {name.lower() for name in names} == set(BotSettings.model_fields)
