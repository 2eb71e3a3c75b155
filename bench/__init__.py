"""Benchmarks for 平仓助手: ``python -m bench`` prints a table and writes JSON."""
