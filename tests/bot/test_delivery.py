"""The delivery limiter on its own: what is retried, how long, and what is not."""

from __future__ import annotations

import time
from typing import Any

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.telegram.delivery import DeliveryLimiter


class _Flaky:
    """A request callback failing with the given errors, then answering True."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls: list[dict[str, Any]] = []

    async def __call__(self, endpoint: str, data: dict[str, Any]) -> bool:
        self.calls.append(data)
        if self.errors:
            raise self.errors.pop(0)
        return True


async def _send(limiter: DeliveryLimiter, callback: _Flaky, endpoint: str = "sendMessage") -> Any:
    data = {"chat_id": 1, "text": "<b>x</b>", "parse_mode": "HTML"}
    return await limiter.process_request(callback, (endpoint, data), {}, endpoint, data, None)


async def test_429_waits_what_telegram_asks_each_time() -> None:
    callback = _Flaky(RetryAfter(1), RetryAfter(1), RetryAfter(1))
    started = time.monotonic()
    assert await _send(DeliveryLimiter(None), callback) is True
    assert len(callback.calls) == 4  # three refusals, more than the old limit of two retries
    assert time.monotonic() - started >= 3.0  # 3 × retry_after 1 s


async def test_5xx_and_time_outs_back_off_and_retry() -> None:
    callback = _Flaky(
        NetworkError("Bad Gateway"), TimedOut(), NetworkError("Internal Server Error")
    )
    limiter = DeliveryLimiter(None, base_delay=0.01)
    assert await _send(limiter, callback) is True and len(callback.calls) == 4


def test_backoff_doubles_with_jitter_up_to_the_cap() -> None:
    limiter = DeliveryLimiter(None, base_delay=0.5, max_delay=30)
    for attempt, ceiling in ((1, 0.5), (2, 1.0), (3, 2.0), (10, 30.0)):
        waits = [limiter.backoff(attempt) for _ in range(50)]
        assert all(ceiling / 2 <= w <= ceiling for w in waits)
        assert len(set(waits)) > 1  # jittered


async def test_it_gives_up_when_the_next_wait_would_pass_the_limit() -> None:
    callback = _Flaky(RetryAfter(5))
    with pytest.raises(RetryAfter):
        await _send(DeliveryLimiter(None, max_seconds=1.0), callback)
    assert len(callback.calls) == 1


@pytest.mark.parametrize(
    "error", [BadRequest("Message thread not found"), Forbidden("bot was blocked by the user")]
)
async def test_other_refusals_are_not_retried(error: Exception) -> None:
    callback = _Flaky(error)
    with pytest.raises(type(error)):
        await _send(DeliveryLimiter(None), callback)
    assert len(callback.calls) == 1


async def test_refused_html_is_tried_once_as_plain_text_then_given_up() -> None:
    refusal = "Can't parse entities: unexpected end tag"
    callback = _Flaky(BadRequest(refusal), BadRequest(refusal))
    with pytest.raises(BadRequest):
        await _send(DeliveryLimiter(None), callback)
    assert [c.get("parse_mode") for c in callback.calls] == ["HTML", None]
    assert callback.calls[1]["text"] == "x"
