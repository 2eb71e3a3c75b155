"""Pipeline throughput: text → Reply over the realistic corpus, LALR vs Earley vs regex floor."""

from __future__ import annotations

from pathlib import Path

from bench.regex_floor import answer_simple
from bench.timing import Throughput, measure

CORPUS_FILE = Path(__file__).with_name("corpus.txt")
SIMPLEST = "开多2手 1000 平仓 1020 乘数100"


def load_corpus() -> list[str]:
    lines = CORPUS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def understood_share(corpus: list[str]) -> tuple[int, list[str]]:
    """How many corpus lines get a real answer (ok=True), and the ones that do not."""
    from bot.pipeline import answer

    failed = [text for text in corpus if not answer(text).ok]
    return len(corpus) - len(failed), failed


def pipeline_lalr(corpus: list[str], rounds: int) -> Throughput:
    from bot.pipeline import answer

    return measure(answer, corpus, rounds=rounds)


def pipeline_earley(corpus: list[str], rounds: int) -> Throughput:
    from bot.pipeline import make_answer

    earley = make_answer("earley")
    return measure(lambda text: earley(text, None), corpus, rounds=rounds, trials=1)


def simplest_pipeline(rounds: int) -> Throughput:
    from bot.pipeline import answer

    return measure(answer, [SIMPLEST], rounds=rounds)


def simplest_regex(rounds: int) -> Throughput:
    assert "4,000.00" in answer_simple(SIMPLEST)
    return measure(answer_simple, [SIMPLEST], rounds=rounds)
