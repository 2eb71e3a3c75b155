"""Per-user flood guard: a few questions per window, then one notice, then silence.

Groups and private chats each have their own limit. The per-(chat, user) records live in a
bounded cache that forgets anyone quiet for a window, so memory stays flat however many
people write.
"""

from __future__ import annotations

from collections import deque
from enum import Enum

from cachetools import TTLCache


class Verdict(Enum):
    ANSWER = "answer"
    WARN = "warn"
    """Over the limit for the first time in this window: tell the user once."""
    IGNORE = "ignore"


class FloodGuard:
    """Sliding-window counter per (chat, user); a limit of 0 turns the guard off there."""

    def __init__(
        self,
        limit: int,
        window_seconds: float,
        *,
        private_limit: int | None = None,
        capacity: int = 50_000,
    ) -> None:
        self.limit = limit
        self.private_limit = limit if private_limit is None else private_limit
        self.window = window_seconds
        self._asked: TTLCache[tuple[int, int], deque[float]] = TTLCache(capacity, window_seconds)
        self._warned: TTLCache[tuple[int, int], float] = TTLCache(capacity, window_seconds)

    def __len__(self) -> int:
        return len(self._asked)

    def check(self, chat_id: int, user_id: int, now: float, *, private: bool = False) -> Verdict:
        """Record one question at ``now`` (monotonic seconds) and say what to do with it."""
        limit = self.private_limit if private else self.limit
        if limit <= 0:
            return Verdict.ANSWER
        key = (chat_id, user_id)
        times = self._asked.get(key) or deque()
        while times and times[0] <= now - self.window:
            times.popleft()
        if len(times) < limit:
            times.append(now)
            self._asked[key] = times  # (re)starts the record's time to live
            return Verdict.ANSWER
        warned_at = self._warned.get(key)
        if warned_at is not None and warned_at > now - self.window:
            return Verdict.IGNORE
        self._warned[key] = now
        return Verdict.WARN
