"""Per-user flood guard (pure)."""

from __future__ import annotations

from bot.telegram.flood import FloodGuard, Verdict


def test_limit_then_one_warning_then_silence_until_the_window_passes() -> None:
    guard = FloodGuard(limit=3, window_seconds=10)
    verdicts = [guard.check(-1, 7, now=t) for t in (0.0, 1.0, 2.0, 3.0, 4.0, 5.0)]
    assert verdicts == [Verdict.ANSWER] * 3 + [Verdict.WARN, Verdict.IGNORE, Verdict.IGNORE]
    assert guard.check(-1, 7, now=10.5) is Verdict.ANSWER  # the question at t=0 left the window
    assert guard.check(-1, 7, now=10.6) is Verdict.IGNORE  # still warned within this window


def test_users_and_chats_are_counted_separately() -> None:
    guard = FloodGuard(limit=1, window_seconds=60)
    assert guard.check(-1, 7, now=0) is Verdict.ANSWER
    assert guard.check(-1, 8, now=0) is Verdict.ANSWER
    assert guard.check(-2, 7, now=0) is Verdict.ANSWER
    assert guard.check(-1, 7, now=0) is Verdict.WARN


def test_zero_limit_turns_the_guard_off() -> None:
    guard = FloodGuard(limit=0, window_seconds=60)
    assert {guard.check(-1, 7, now=0) for _ in range(100)} == {Verdict.ANSWER}
