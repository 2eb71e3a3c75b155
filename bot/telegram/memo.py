"""Short keys for follow-up buttons: callback data holds at most 64 bytes, a question more."""

from __future__ import annotations

import secrets
from collections import OrderedDict


class RequestMemo:
    """Remember the last ``capacity`` questions answered with buttons, by a short key.

    Keys start with a random per-process prefix, so a button left over from before a restart
    is reported as expired instead of answering some other question.
    """

    def __init__(self, capacity: int = 20_000) -> None:
        self.capacity = capacity
        self._prefix = _base36(secrets.randbelow(36**5) + 36**5)
        self._texts: OrderedDict[str, str] = OrderedDict()
        self._next = 0

    def remember(self, text: str) -> str:
        """Store ``text`` and return its key (base-36 counter)."""
        self._next += 1
        key = f"{self._prefix}.{_base36(self._next)}"
        self._texts[key] = text
        if len(self._texts) > self.capacity:
            self._texts.popitem(last=False)
        return key

    def recall(self, key: str) -> str | None:
        """The question stored under ``key``; None once it has been forgotten."""
        return self._texts.get(key)


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out or "0"
