"""Logging for the bot: one format, quiet HTTP logs, and secrets never written.

The bot token sits in every Bot API URL (httpx logs them) and in ``repr(bot)``, so redaction
happens where every record is made (``logging.setLogRecordFactory``): whatever logger, handler
or formatter later sees the record — including pytest's caplog — gets the redacted text.
"""

from __future__ import annotations

import logging
import re
import threading
import traceback
from typing import Any

REDACTED = "<redacted>"

_secrets: set[str] = set()
_pattern: re.Pattern[str] | None = None
_lock = threading.Lock()
_installed = False


def redact(text: str) -> str:
    """Replace every registered secret in ``text`` (in any letter case: some error messages
    are re-cased on the way, and a lower-cased token still gives most of it away)."""
    return text if _pattern is None else _pattern.sub(REDACTED, text)


def _redacting_factory(base: Any) -> Any:
    def make_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record: logging.LogRecord = base(*args, **kwargs)
        if _pattern is None:
            return record
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave it to logging's own error path
            return record
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[0] is not None:
            text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
            record.exc_text = redact(text)
        return record

    return make_record


def protect_secret(secret: str) -> None:
    """Register ``secret`` (e.g. the bot token) so that no log record ever contains it."""
    global _installed, _pattern
    if not secret:
        return
    with _lock:
        _secrets.add(secret)
        alternatives = sorted(_secrets, key=len, reverse=True)
        _pattern = re.compile("|".join(map(re.escape, alternatives)), re.IGNORECASE)
        if not _installed:
            logging.setLogRecordFactory(_redacting_factory(logging.getLogRecordFactory()))
            _installed = True


def configure_logging(level: str) -> None:
    """Console logging for ``pingcang run``; httpx request lines only at DEBUG."""
    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=getattr(logging, level)
    )
    quiet = logging.DEBUG if level == "DEBUG" else logging.WARNING
    logging.getLogger("httpx").setLevel(quiet)
    logging.getLogger("httpcore").setLevel(max(quiet, logging.INFO))
