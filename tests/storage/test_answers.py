"""Which bot message answered which user message: stored, found both ways, bounded."""

from __future__ import annotations

import time

from bot.storage import answers
from bot.storage.engine import open_database


def test_an_answer_is_found_by_either_message_and_replaced(database_url: str) -> None:
    engine = open_database(database_url)
    answers.remember(engine, -100, 7, 8, "开多2手 1000 平仓 1020 乘数100")
    answers.remember(engine, 5, 7, 9, "什么是平仓")  # same message id, another chat
    assert answers.answer_to(engine, -100, 7) == answers.Answer(
        7, 8, "开多2手 1000 平仓 1020 乘数100"
    )
    assert answers.answer_in(engine, -100, 8) == answers.Answer(
        7, 8, "开多2手 1000 平仓 1020 乘数100"
    )
    assert answers.answer_to(engine, 5, 7) == answers.Answer(7, 9, "什么是平仓")
    assert answers.answer_in(engine, -100, 9) is None
    answers.remember(engine, -100, 7, 8, "开多3手 1000 平仓 1020 乘数100")  # the question edited
    assert answers.answer_to(engine, -100, 7) == answers.Answer(
        7, 8, "开多3手 1000 平仓 1020 乘数100"
    )
    engine.dispose()


def test_old_answers_are_forgotten_as_new_ones_are_written(database_url: str) -> None:
    engine = open_database(database_url)
    now = time.time()
    answers.remember(engine, -1, 1, 2, "old", now=now - answers.KEEP_SECONDS - 10)
    answers.remember(engine, -1, 5, 6, "recent", now=now - answers.KEEP_SECONDS + 60)
    answers.remember(engine, -1, 3, 4, "new", now=now)
    assert answers.answer_to(engine, -1, 1) is None
    assert answers.answer_to(engine, -1, 5) == answers.Answer(5, 6, "recent")
    assert answers.answer_to(engine, -1, 3) == answers.Answer(3, 4, "new")
    engine.dispose()
