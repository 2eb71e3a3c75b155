"""Per-user flood guard for groups: a few questions per window, then one notice, then silence."""

from __future__ import annotations

from collections import deque
from enum import Enum


class Verdict(Enum):
    ANSWER = "answer"
    WARN = "warn"
    """Over the limit for the first time in this window: tell the user once."""
    IGNORE = "ignore"


class FloodGuard:
    """Sliding-window counter per (chat, user); ``limit`` 0 turns the guard off."""

    _PRUNE_AT = 10_000

    def __init__(self, limit: int, window_seconds: float) -> None:
        self.limit = limit
        self.window = window_seconds
        self._asked: dict[tuple[int, int], deque[float]] = {}
        self._warned: dict[tuple[int, int], float] = {}

    def check(self, chat_id: int, user_id: int, now: float) -> Verdict:
        """Record one question at ``now`` (monotonic seconds) and say what to do with it."""
        if self.limit <= 0:
            return Verdict.ANSWER
        key = (chat_id, user_id)
        times = self._asked.setdefault(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(now)
            return Verdict.ANSWER
        warned_at = self._warned.get(key)
        if warned_at is not None and warned_at > now - self.window:
            return Verdict.IGNORE
        self._warned[key] = now
        if len(self._asked) > self._PRUNE_AT:
            self._prune(now)
        return Verdict.WARN

    def _prune(self, now: float) -> None:
        cutoff = now - self.window
        for key in [k for k, times in self._asked.items() if not times or times[-1] <= cutoff]:
            del self._asked[key]
            self._warned.pop(key, None)
