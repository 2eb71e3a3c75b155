"""Text and number normalisation before and during parsing.

- ``normalize_text``: length limit, NFKC (full-width digits, ``％``, ``：``, U+3000 become ASCII),
  minus-sign variants, a leading Telegram-style ``/command``.
- ``arabic_number``: ``3,500`` / ``1.5w`` / ``10万`` / ``10k`` / ``1e5`` → Decimal, bounded.
- ``chinese_number``: ``两`` / ``十`` / ``一千零二十`` / ``一点五万`` → Decimal via cn2an, which is
  imported lazily (it costs ~140 ms) only when a Chinese numeral actually occurs.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from bot.core.numbers import MAX_MAGNITUDE
from bot.errors import UserFacingError

MAX_MESSAGE_CHARS = 4096
"""Telegram's own message limit; longer input is refused before any work."""
MAX_LEGS = 50
MAX_DIGITS = 30
"""Digits in one number (before scaling); more is not a trading number."""
MIN_MAGNITUDE = Decimal("1e-12")
_FAST_DIGITS = 15
"""Plain digit strings this short are below MAX_MAGNITUDE (1e15) and need no other check."""
EXAMPLE = "开多2手 1000 平仓 1020 乘数100"

_SCALES = {"万": Decimal(10000), "千": Decimal(1000), "w": Decimal(10000), "k": Decimal(1000)}
_MINUS_VARIANTS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-", "\ufe63": "-"})
_MINUS_VARIANT = re.compile("[\u2212\u2013\u2014\ufe63]")
"""Finds a minus variant: ``str.translate`` with a dict costs a lookup per character, so it only
runs on the rare message that holds one."""
_COMMAND = re.compile(r"^/([A-Za-z_]+)(?:@\w+)?(?:\s+|$)")
_CN_SCALE_SUFFIX = {"万": Decimal(10000), "千": Decimal(1000), "亿": Decimal(100000000)}

_cn2an: Any = None


def normalize_text(text: str) -> str:
    """NFKC-normalise a message and unify minus signs; refuse messages over the limit."""
    if len(text) > MAX_MESSAGE_CHARS:
        raise UserFacingError(
            f"消息太长（{len(text)} 字），最多 {MAX_MESSAGE_CHARS} 字，请分开发送",
            example=EXAMPLE,
        )
    if text.isascii():
        return text.strip()
    text = unicodedata.normalize("NFKC", text)
    if _MINUS_VARIANT.search(text) is not None:
        text = text.translate(_MINUS_VARIANTS)
    return text.strip()


def split_command(text: str) -> tuple[str | None, str]:
    """``/calc@Bot 开多…`` → ("calc", "开多…"); text without a leading command → (None, text)."""
    match = _COMMAND.match(text)
    if match is None:
        return None, text
    return match.group(1).lower(), text[match.end() :].strip()


def _bounded(value: Decimal, text: str) -> Decimal:
    if not value.is_finite() or abs(value) > MAX_MAGNITUDE:
        raise UserFacingError(f"数字“{_short(text)}”超出合理范围", example=EXAMPLE)
    if value and abs(value) < MIN_MAGNITUDE:
        raise UserFacingError(f"数字“{_short(text)}”太小，不是合理的交易数字", example=EXAMPLE)
    return value


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def arabic_number(text: str) -> Decimal:
    """Parse a NUMBER token: grouping commas, 万/千/w/k scale, a bounded exponent."""
    if len(text) <= _FAST_DIGITS and text.isdigit():  # the common case: 1000, 2, 3500
        return Decimal(text)
    head = text[:-1]
    if "w" in head or "W" in head:  # 1w2 = 1万2
        text = text.replace("w", "万").replace("W", "万")
        head = text[:-1]
    if "万" in head or "千" in head:  # 3千6 / 1万5千: a scale word inside the number
        return _spoken_number(text)
    return _scaled_number(text)


_SPOKEN = re.compile(r"(-?[0-9]+)(万|千)([0-9]+)(千?)")
"""3千6 / 1万5 / 1万5千 / 1万5000: digits after 万 or 千, as traders say amounts."""


def _spoken_number(text: str) -> Decimal:
    """``3千6`` = 3600, ``1万5`` = ``1万5千`` = 15000, ``1万5000`` = 15000, ``3千500`` = 3500; any
    other digits after 万/千 are refused (``1万25`` is 10025 or 12500?) rather than guessed."""
    spoken = _SPOKEN.fullmatch(text.replace(",", ""))
    if spoken is not None:
        head, unit, tail, thousand = spoken.groups()
        sign, whole = (-1, head[1:]) if head.startswith("-") else (1, head)
        big = 10000 if unit == "万" else 1000
        if len(tail) == 1 and (not thousand or unit == "万"):
            low = int(tail) * (1000 if unit == "万" else 100)
            return _bounded(Decimal(sign * (int(whole) * big + low)), text)
        if not thousand and len(tail) == len(str(big)) - 1:  # 1万5000 / 3千500
            return _bounded(Decimal(sign * (int(whole) * big + int(tail))), text)
    plain_form = "15000、1.5万" if "万" in text else "3600、3.6千"
    raise UserFacingError(f"数字“{_short(text)}”看不懂：请写成 {plain_form} 这样", example=EXAMPLE)


def _scaled_number(text: str) -> Decimal:
    scale = None if text[-1].isdigit() else _SCALES.get(text[-1].lower())
    text_digits = text if scale is None else text[:-1]
    mantissa, _, exponent = text_digits.replace(",", "").lower().partition("e")
    if sum(ch.isdigit() for ch in mantissa) > MAX_DIGITS:
        raise UserFacingError(f"数字“{_short(text)}”位数太多", example=EXAMPLE)
    if exponent and (len(exponent.lstrip("+-")) > 3 or abs(int(exponent)) > 20):
        raise UserFacingError(
            f"数字“{_short(text)}”的指数太大，请直接写出数字（如 3500、10万）", example=EXAMPLE
        )
    try:
        value = Decimal(mantissa + ("e" + exponent if exponent else ""))
    except InvalidOperation as exc:  # pragma: no cover - the grammar guarantees digits
        raise UserFacingError(f"“{_short(text)}”不是一个数字", example=EXAMPLE) from exc
    if scale is not None:
        value *= scale
    return _bounded(value, text)


@lru_cache(maxsize=4096)
def chinese_number(text: str) -> Decimal:
    """Parse a Chinese numeral with cn2an (imported on first use). Memoised: cn2an takes
    ~20 µs a numeral, and messages use few of them (两, 十, 一千 …); a Decimal is immutable."""
    global _cn2an
    if _cn2an is None:
        import cn2an

        _cn2an = cn2an
    scale = Decimal(1)
    body = text
    value: Any
    try:
        value = _cn2an.cn2an(body, "normal")
    except (ValueError, KeyError, IndexError):
        suffix = _CN_SCALE_SUFFIX.get(body[-1]) if body else None
        if suffix is None or len(body) < 2:
            raise UserFacingError(f"看不懂数字“{_short(text)}”", example=EXAMPLE) from None
        scale, body = suffix, body[:-1]
        try:
            value = _cn2an.cn2an(body, "normal")
        except (ValueError, KeyError, IndexError):
            raise UserFacingError(f"看不懂数字“{_short(text)}”", example=EXAMPLE) from None
    return _bounded(Decimal(str(value)) * scale, text)
