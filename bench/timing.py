"""Small timing helpers shared by the benchmark sections.

Throughput and latency are measured in separate passes: the throughput passes time whole
batches (no per-call timer, so a 2 µs baseline is not inflated by the timer itself), the
latency pass times every call. Throughput is the median of several trials, so one noisy
trial on a shared 2-core machine does not decide the figure.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Throughput:
    calls: int
    """Calls in one trial."""
    seconds: float
    """Wall time of the median trial."""
    p50_us: float
    p99_us: float
    trials: int = 1
    spread: float = 0.0
    """(slowest − fastest trial) / median trial: how noisy the run was."""

    @property
    def per_second(self) -> float:
        return self.calls / self.seconds


def measure(
    fn: Callable[[str], object],
    inputs: Sequence[str],
    *,
    rounds: int,
    trials: int = 5,
) -> Throughput:
    """Call ``fn`` on every input ``rounds`` times per trial; latencies from one more pass."""
    for text in inputs:  # warm-up: caches, lazy imports, parser tables
        fn(text)
    perf = time.perf_counter_ns
    batch = list(inputs) * rounds
    durations: list[int] = []
    for _ in range(trials):
        start = perf()
        for text in batch:
            fn(text)
        durations.append(perf() - start)
    latencies: list[int] = []
    for _ in range(max(1, rounds // 2)):
        for text in inputs:
            t0 = perf()
            fn(text)
            latencies.append(perf() - t0)
    latencies.sort()
    p99_index = min(len(latencies) - 1, round(0.99 * (len(latencies) - 1)))
    median = statistics.median(durations)
    return Throughput(
        calls=len(batch),
        seconds=median / 1e9,
        p50_us=statistics.median(latencies) / 1000,
        p99_us=latencies[p99_index] / 1000,
        trials=trials,
        spread=(max(durations) - min(durations)) / median,
    )
