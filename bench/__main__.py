"""Run every benchmark section, print one table, write ``bench/results.json``.

Usage: ``make bench`` or ``.venv/bin/python -m bench [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.bot_bench import bot_throughput
from bench.charts import chart_rendering
from bench.coldstart import cold_start
from bench.delivery_bench import delivery
from bench.pipeline_bench import (
    load_corpus,
    pipeline_earley,
    pipeline_lalr,
    simplest_pipeline,
    simplest_regex,
    understood_share,
)

RESULTS = Path(__file__).with_name("results.json")


ALL_CORES = os.sched_getaffinity(0)


def _pin_to_one_core() -> None:
    """Pipeline figures are per core: run them pinned to one CPU (the highest-numbered one,
    which on a small VM takes fewer interrupts than CPU 0)."""
    os.sched_setaffinity(0, {max(ALL_CORES)})


def _unpin() -> None:
    """Bot and cold-start runs start child processes: give them every core back."""
    os.sched_setaffinity(0, ALL_CORES)


def main() -> None:
    args = argparse.ArgumentParser(description="平仓助手 benchmarks")
    args.add_argument("--quick", action="store_true", help="fewer rounds (smoke run)")
    options = args.parse_args()
    quick = options.quick
    rounds = 2 if quick else 10
    corpus = load_corpus()
    answered, failed = understood_share(corpus)

    _pin_to_one_core()
    lalr = pipeline_lalr(corpus, rounds)
    earley = pipeline_earley(corpus, 1)
    simple = simplest_pipeline(200 if quick else 2000)
    regex = simplest_regex(2000 if quick else 20000)
    _unpin()
    ours, echo = bot_throughput(corpus, 300 if quick else 1000, trials=1 if quick else 5)
    cold = cold_start(5 if quick else 21)
    charts = chart_rendering(3 if quick else 7)
    png_bytes = charts["png_bytes"]
    assert isinstance(png_bytes, dict)
    sent = delivery(quick)

    rows: list[tuple[str, str, str]] = [
        ("corpus", f"{len(corpus)} phrasings, {answered} answered", ""),
        ("pipeline LALR", f"{lalr.per_second:,.0f} replies/s", "≥ 10,000/s"),
        ("  trials / spread", f"{lalr.trials} × {lalr.calls:,} / {lalr.spread:.0%}", ""),
        ("  p50 / p99", f"{lalr.p50_us:,.0f} µs / {lalr.p99_us:,.0f} µs", "≤ 100 µs / ≤ 1 ms"),
        ("pipeline Earley", f"{earley.per_second:,.0f} replies/s", ""),
        ("  LALR / Earley", f"{lalr.per_second / earley.per_second:.1f}×", "≥ 15×"),
        ("simplest P&L: pipeline", f"{simple.per_second:,.0f} replies/s", ""),
        ("simplest P&L: regex floor", f"{regex.per_second:,.0f} replies/s", ""),
        ("  regex / pipeline", f"{regex.per_second / simple.per_second:.1f}×", "≤ 40×"),
        ("bot (ours)", f"{ours.per_second:,.0f} updates/s", ""),
        ("bot (echo)", f"{echo.per_second:,.0f} updates/s", ""),
        ("  ours / echo", f"{ours.per_second / echo.per_second:.2f}", "≥ 0.7"),
        ("  trials × updates", f"{ours.trials} × {ours.updates:,} each, alternating", ""),
        (
            "bot CPU per update",
            f"{ours.cpu_ms_per_update:.2f} ms ours / {echo.cpu_ms_per_update:.2f} ms echo",
            "",
        ),
        ("bot peak RSS after burst", f"{ours.peak_rss_mb:.0f} MB", "≤ 120 MB"),
        ("echo bot peak RSS", f"{echo.peak_rss_mb:.0f} MB", ""),
        (
            "reply latency, low load",
            f"{sent.latency_p50_ms:.1f} / {sent.latency_p99_ms:.1f} ms",
            "p99 ≤ 20 ms",
        ),
        ("  (p50 / p99, limiter off)", "push → reply at the fake API", ""),
        (
            "drain, 50-chat burst",
            f"{sent.drain_per_second:,.0f} replies/s (limiter on)",
            "≤ 30/s + burst",
        ),
        ("quiet chat behind a flood", f"{sent.quiet_wait_s:.2f} s (300-message flood)", "≤ 2 s"),
        ("restart → first answer", f"{sent.restart_to_first_answer_s:.2f} s", "≤ 1 s"),
        ("bot RSS idle", f"{sent.rss_idle_mb:.0f} MB", "≤ 100 MB"),
        (
            f"bot RSS after {sent.users:,} users",
            f"{sent.rss_after_users_mb:.0f} MB (+10% groups)",
            "≤ 150 MB",
        ),
        ("python -c pass", f"{cold['python_pass_ms']:.0f} ms", ""),
        ("pingcang ask (cold)", f"{cold['pingcang_ask_ms']:.0f} ms", ""),
        ("  ask / python", f"{cold['ratio']:.1f}×", "≤ 10×"),
        ("python -c 'import lark'", f"{cold['lark_import_ms']:.0f} ms", ""),
        (
            "stock Lark floor: load + 1 parse",
            f"{cold['lark_floor_ms']:.0f} ms = {cold['lark_floor_ratio']:.1f}× python",
            "",
        ),
        ("first ask after install", f"{cold['first_run_ms']:.0f} ms (builds parser cache)", ""),
        ("CLI import + first answer", f"{cold['cli_import_and_first_answer_ms']:.0f} ms", ""),
        ("heavy modules on CLI path", ", ".join(cold["heavy_modules_loaded"]) or "none", "none"),
        ("chart: first (imports matplotlib)", f"{charts['first_ms']:.0f} ms", "≤ 1,500 ms"),
        (
            "chart: warm median / slowest kind",
            f"{charts['warm_median_ms']:.0f} ms / {charts['warm_max_ms']:.0f} ms",
            "≤ 300 ms",
        ),
        ("chart: RSS added by matplotlib", f"{charts['rss_added_mb']:.0f} MB", ""),
        ("chart: PNG size (largest kind)", f"{max(png_bytes.values()) / 1000:.0f} KB", "< 200 KB"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'result':<28}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:<28}  {target}")
    if failed:
        print("\nnot answered:", *failed, sep="\n  ")

    data: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "corpus": {"size": len(corpus), "answered": answered, "not_answered": failed},
        "pipeline_lalr": vars(lalr) | {"per_second": lalr.per_second},
        "pipeline_earley": vars(earley) | {"per_second": earley.per_second},
        "simplest_pipeline": vars(simple) | {"per_second": simple.per_second},
        "simplest_regex": vars(regex) | {"per_second": regex.per_second},
        "bot": vars(ours) | {"per_second": ours.per_second},
        "echo_bot": vars(echo) | {"per_second": echo.per_second},
        "cold_start": cold,
        "charts": charts,
        "delivery": vars(sent),
    }
    RESULTS.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nwritten: {RESULTS}")


if __name__ == "__main__":
    main()
