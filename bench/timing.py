"""Small timing helpers shared by the benchmark sections."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Throughput:
    calls: int
    seconds: float
    p50_us: float
    p99_us: float

    @property
    def per_second(self) -> float:
        return self.calls / self.seconds


def measure(fn: Callable[[str], object], inputs: Sequence[str], *, rounds: int) -> Throughput:
    """Call ``fn`` on every input ``rounds`` times; per-call latencies in microseconds."""
    for text in inputs:  # warm-up: caches, lazy imports, parser tables
        fn(text)
    latencies: list[int] = []
    perf = time.perf_counter_ns
    start = perf()
    for _ in range(rounds):
        for text in inputs:
            t0 = perf()
            fn(text)
            latencies.append(perf() - t0)
    total = (perf() - start) / 1e9
    latencies.sort()
    p99_index = min(len(latencies) - 1, round(0.99 * (len(latencies) - 1)))
    return Throughput(
        calls=len(latencies),
        seconds=total,
        p50_us=statistics.median(latencies) / 1000,
        p99_us=latencies[p99_index] / 1000,
    )
