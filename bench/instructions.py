"""Instructions per answer, counted by valgrind (callgrind): a figure the machine's noise does not
move, for before/after comparisons on a shared VM where wall-clock runs vary by ±30 %.

Usage: ``.venv/bin/python -m bench.instructions`` (about four minutes; needs ``valgrind``).
Each workload runs twice in a fresh process, with ``extra`` more rounds the second time; the
difference divided by the answers in those rounds is the cost of one answer in the steady state
(start-up, imports and warm-up cancel out); one run before them writes the bytecode and the
parser cache. ``PYTHONHASHSEED=0`` keeps dict layouts equal, and the cyclic garbage collector is
off while counting (whether a collection falls inside a run is chance, and it would swamp the
difference).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from bench.pipeline_bench import SIMPLEST, load_corpus

_WORKLOAD = """
import gc
import sys
from bench.pipeline_bench import SIMPLEST, load_corpus
from bot.pipeline import answer
texts = load_corpus() if sys.argv[1] == "corpus" else [SIMPLEST]
for text in texts * 3:
    answer(text)
gc.collect()
gc.disable()  # a collection falls in one run and not the other: counted apart from the pipeline
for _ in range(int(sys.argv[2])):
    for text in texts:
        answer(text)
"""
_COLLECTED = re.compile(r"Collected : (\d+)")


def _instructions(workload: str, rounds: int) -> int:
    return _count([sys.executable, "-c", _WORKLOAD, workload, str(rounds)])


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONHASHSEED="0")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as after an install: bytecode is cached
    return env


def _count(program: list[str]) -> int:
    """Instructions ``program`` runs, start to exit, under callgrind."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *program]
    done = subprocess.run(command, capture_output=True, text=True, env=_env(), check=True)
    found = _COLLECTED.search(done.stderr)
    if found is None:  # pragma: no cover - valgrind changed its output
        raise RuntimeError("callgrind printed no instruction count")
    return int(found.group(1))


def per_answer(workload: str, answers_per_round: int, extra: int) -> int:
    _instructions(workload, 0)  # warm-up: bytecode and the parser cache, written once
    base = _instructions(workload, 0)
    more = _instructions(workload, extra)
    return (more - base) // (extra * answers_per_round)


def cold_start() -> tuple[int, int]:
    """Instructions of ``pingcang ask`` (one answer in a fresh process, bytecode and parser
    cache written by a run before) and of ``python -c pass``: the cold start without the
    machine's noise (wall time also waits on the disk and the scheduler)."""
    from bench.coldstart import pingcang_command

    ask = pingcang_command()
    subprocess.run(ask, check=True, capture_output=True, env=_env())  # bytecode, parser cache
    return _count(ask), _count([sys.executable, "-c", "pass"])


def main() -> None:
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: apt-get install valgrind")
        return
    corpus = per_answer("corpus", len(load_corpus()), 2)
    simplest = per_answer("simplest", 1, 300)
    print(f"corpus ({len(load_corpus())} phrasings)  {corpus:,} instructions per answer")
    print(f"simplest P&L ({SIMPLEST})  {simplest:,} instructions per answer")
    ask, python_pass = cold_start()
    print(f"pingcang ask (cold)  {ask:,} instructions = {ask / python_pass:.1f}× python -c pass")


if __name__ == "__main__":
    main()
