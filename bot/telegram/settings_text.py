"""``/settings`` text: read changes such as ``手续费 3元/手 保证金 10%`` and show the settings.

Rates must carry a unit (``10%``, ``5‰``, ``万分之0.23``): a bare number for a rate is refused
rather than guessed. A bare fee number means 元 per lot per side.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from bot.defaults import ChatDefaults
from bot.errors import UserFacingError

EXAMPLE = "/settings 手续费 3元/手 保证金 10% 预警线 80% 强平线 100%"
RESET_WORDS = frozenset({"重置", "恢复默认", "默认", "reset"})

# Longest names first so that 维持保证金率 is not read as 保证金.
_KEYS: dict[str, str] = {
    "维持保证金率": "crypto_mmr",
    "维持率": "crypto_mmr",
    "mmr": "crypto_mmr",
    "保证金率": "margin_rate",
    "保证金": "margin_rate",
    "margin": "margin_rate",
    "手续费": "fee",
    "fee": "fee",
    "预警线": "warning_line",
    "警戒线": "warning_line",
    "warning": "warning_line",
    "强平线": "forced_line",
    "平仓线": "forced_line",
    "forced": "forced_line",
}
_CLEAR_WORDS = ("不收", "关闭", "none", "off", "无")
_CLAUSE = re.compile(
    r"(?P<key>" + "|".join(sorted(_KEYS, key=len, reverse=True)) + r")\s*[:=]?\s*"
    r"(?P<value>万分之\s*[0-9.]+|万\s*[0-9.]+|[0-9.]+\s*(?:%|‰|‱|元/手|元每手|元)?|"
    + "|".join(_CLEAR_WORDS)
    + r"|默认)",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"[\s,，;；、]+")

_DEFAULT = ChatDefaults()
_LIMITS: dict[str, tuple[Decimal, Decimal, str]] = {
    "fee_per_lot": (Decimal(0), Decimal(10000), "手续费每手应在 0–10000 元之间"),
    "fee_rate": (Decimal(0), Decimal("0.01"), "手续费率应在 0–1% 之间"),
    "margin_rate": (Decimal("0.001"), Decimal(1), "保证金率应在 0.1%–100% 之间"),
    "warning_line": (Decimal("0.01"), Decimal(5), "预警线应在 1%–500% 之间"),
    "forced_line": (Decimal("0.01"), Decimal(5), "强平线应在 1%–500% 之间"),
    "crypto_mmr": (Decimal("0.0001"), Decimal("0.5"), "维持保证金率应在 0.01%–50% 之间"),
}


def _number(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise UserFacingError(f"“{text}”不是数字", example=EXAMPLE) from None
    if not value.is_finite():
        raise UserFacingError(f"“{text}”不是数字", example=EXAMPLE)
    return value


def _rate(raw: str, name: str) -> Decimal:
    """A rate with its unit as a fraction: 10% → 0.1, 5‰ → 0.005, 万分之0.23 → 0.000023."""
    text = raw.replace(" ", "")
    if text.startswith("万"):
        return _number(text.removeprefix("万分之").removeprefix("万")) / 10000
    for unit, scale in (("%", 100), ("‰", 1000), ("‱", 10000)):
        if text.endswith(unit):
            return _number(text[: -len(unit)]) / scale
    raise UserFacingError(f"{name}需要写单位“%”，例如 {name} 10%", example=EXAMPLE)


def _fee(raw: str) -> dict[str, Decimal | None]:
    text = raw.replace(" ", "")
    if text.startswith("万") or text.endswith(("%", "‰", "‱")):
        return {"fee_rate": _rate(text, "手续费"), "fee_per_lot": None}
    amount = text.removesuffix("元/手").removesuffix("元每手").removesuffix("元")
    return {"fee_per_lot": _number(amount), "fee_rate": None}


_NAMES = {
    "margin_rate": "保证金率",
    "warning_line": "预警线",
    "forced_line": "强平线",
    "crypto_mmr": "维持保证金率",
}


def _clause_changes(field: str, raw: str) -> dict[str, Decimal | None]:
    value = raw.strip().lower()
    if value in _CLEAR_WORDS or value == "默认":
        if field == "fee":
            return {"fee_per_lot": None, "fee_rate": None}
        if field == "margin_rate":
            return {"margin_rate": None}
        return {field: getattr(_DEFAULT, field)}
    if field == "fee":
        return _fee(raw)
    return {field: _rate(raw, _NAMES[field])}


def _check(changes: dict[str, Decimal | None]) -> None:
    for field, value in changes.items():
        low, high, message = _LIMITS[field]
        if value is not None and not low <= value <= high:
            raise UserFacingError(message, example=EXAMPLE)


def apply_settings_text(current: ChatDefaults, text: str) -> ChatDefaults:
    """Return ``current`` changed as ``text`` says; raise ``UserFacingError`` if unclear."""
    normalised = unicodedata.normalize("NFKC", text).strip()
    if normalised.lower() in RESET_WORDS:
        return ChatDefaults()
    changes: dict[str, Decimal | None] = {}
    position = 0
    for match in _CLAUSE.finditer(normalised):
        _reject_leftover(normalised[position : match.start()])
        field = _KEYS[match.group("key").lower()]
        changes.update(_clause_changes(field, match.group("value")))
        position = match.end()
    _reject_leftover(normalised[position:])
    if not changes:
        raise UserFacingError("没有看到要修改的设置", example=EXAMPLE)
    _check(changes)
    updated = current.model_copy(update=changes)
    if updated.warning_line >= updated.forced_line:
        raise UserFacingError("预警线必须低于强平线", example=EXAMPLE)
    return updated


def _reject_leftover(text: str) -> None:
    leftover = _SEPARATORS.sub("", text)
    if leftover:
        raise UserFacingError(f"看不懂“{leftover[:30]}”", example=EXAMPLE)


def _pct(value: Decimal) -> str:
    return format((value * 100).normalize(), "f") + "%"


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def describe_settings(defaults: ChatDefaults) -> tuple[str, ...]:
    """Aligned ``label  value`` lines for a ``<pre>`` table."""
    if defaults.fee_per_lot is not None:
        fee = f"{_plain(defaults.fee_per_lot)} 元/手（开、平各收）"
    elif defaults.fee_rate is not None:
        fee = f"成交额的 {_pct(defaults.fee_rate)}（开、平各收）"
    else:
        fee = "不计（除非问题里写明）"
    margin = "未设（按问题或合约）" if defaults.margin_rate is None else _pct(defaults.margin_rate)
    rows = (
        ("手续费", fee),
        ("保证金率", margin),
        ("预警线", _pct(defaults.warning_line)),
        ("强平线", _pct(defaults.forced_line)),
        ("维持保证金率", f"{_pct(defaults.crypto_mmr)}（币圈永续）"),
    )
    width = max(_display_width(label) for label, _ in rows)
    return tuple(
        f"{label}{' ' * (width - _display_width(label) + 2)}{value}" for label, value in rows
    )


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def settings_changes_summary(before: ChatDefaults, after: ChatDefaults) -> dict[str, Any]:
    """Which fields changed, for the log."""
    return {
        name: str(getattr(after, name))
        for name in ChatDefaults.model_fields
        if getattr(before, name) != getattr(after, name)
    }
