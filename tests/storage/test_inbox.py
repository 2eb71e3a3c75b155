"""The inbox: duplicates stored once, fair claims, one owner per update, recovery after a
crash; the shared send slots. Each test runs on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.storage.engine import open_database
from bot.storage.inbox import Inbox, Incoming
from bot.storage.schema import CLAIMED, DONE, PENDING, inbox
from bot.storage.slots import take_slot


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    opened = open_database(database_url)
    yield opened
    opened.dispose()


def _updates(first: int, count: int, chat: int) -> list[Incoming]:
    return [Incoming(first + i, chat, f'{{"update_id": {first + i}}}') for i in range(count)]


def test_an_update_delivered_twice_is_stored_once(engine: Engine) -> None:
    box = Inbox(engine)
    assert box.add(_updates(1, 3, chat=10)) == 3
    assert box.add(_updates(2, 3, chat=10)) == 1  # 2 and 3 again, 4 new
    assert box.counts() == {PENDING: 4}


def test_claims_take_a_few_of_each_chat_oldest_first(engine: Engine) -> None:
    box = Inbox(engine)
    box.add(_updates(1, 10, chat=1))  # a flood in chat 1 …
    box.add(_updates(100, 1, chat=2))  # … and one quiet message after it
    claimed = box.claim(limit=50, per_chat=3)
    assert [(i.chat_key, i.update_id) for i in claimed] == [(1, 1), (1, 2), (1, 3), (2, 100)]
    box.done(1)
    assert box.counts() == {PENDING: 7, CLAIMED: 3, DONE: 1}


def test_two_processes_never_claim_the_same_update(engine: Engine) -> None:
    Inbox(engine).add([u for chat in range(40) for u in _updates(chat * 100, 5, chat)])
    boxes = [Inbox(engine), Inbox(engine)]
    taken: list[list[int]] = [[], []]

    def work(n: int) -> None:
        while True:
            items = boxes[n].claim(limit=7, per_chat=2)
            if not items:
                return
            for item in items:
                taken[n].append(item.update_id)
                boxes[n].done(item.update_id)

    threads = [threading.Thread(target=work, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(taken[0] + taken[1]) == sorted(c * 100 + i for c in range(40) for i in range(5))
    assert not set(taken[0]) & set(taken[1])


def test_a_chat_being_worked_on_elsewhere_is_left_to_that_process(engine: Engine) -> None:
    first, second = Inbox(engine), Inbox(engine)
    first.add(_updates(1, 4, chat=7) + _updates(50, 1, chat=8))
    assert [i.update_id for i in first.claim(limit=2, per_chat=2)] == [1, 2]
    assert [i.update_id for i in second.claim(limit=10, per_chat=4)] == [50]  # not 3, 4


def test_updates_of_a_crashed_process_come_back(engine: Engine) -> None:
    crashed = Inbox(engine, lease_seconds=0.2)
    crashed.add(_updates(1, 2, chat=3))
    assert len(crashed.claim(limit=10, per_chat=5)) == 2
    survivor = Inbox(engine)
    assert survivor.recover() == 0  # the lease still holds
    time.sleep(0.3)
    assert survivor.recover() == 2
    assert [i.update_id for i in survivor.claim(limit=10, per_chat=5)] == [1, 2]


def test_release_hands_back_only_this_processs_claims(engine: Engine) -> None:
    mine, other = Inbox(engine), Inbox(engine)
    mine.add(_updates(1, 1, chat=1) + _updates(2, 1, chat=2))
    mine.claim(limit=1, per_chat=1)
    other.claim(limit=1, per_chat=1)
    assert mine.release() == 1
    with engine.connect() as connection:
        states = dict(connection.execute(select(inbox.c.update_id, inbox.c.state)).all())
    assert states == {1: PENDING, 2: CLAIMED}


def test_send_slots_are_spaced_across_processes(engine: Engine) -> None:
    slots: list[float] = []
    lock = threading.Lock()

    def take() -> None:
        for _ in range(5):
            slot = take_slot(engine, "group:-1", 0.05)
            with lock:
                slots.append(slot)

    threads = [threading.Thread(target=take) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    slots.sort()
    gaps = [b - a for a, b in itertools.pairwise(slots)]
    assert len(slots) == 10 and min(gaps) >= 0.05 - 1e-6  # never two in one slot
