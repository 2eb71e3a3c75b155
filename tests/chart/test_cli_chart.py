"""``pingcang ask TEXT --chart FILE.png``: the answer as usual, the chart in the file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.chart import NO_CHART
from bot.cli import EXIT_ANSWERED, EXIT_NOT_UNDERSTOOD, ask, main
from bot.pipeline import answer

QUESTION = "开多2手 3500 乘数10 现价3600"


def test_ask_writes_the_chart_and_prints_the_answer(tmp_path: Path) -> None:
    path = tmp_path / "pnl.png"
    out = io.StringIO()
    assert ask(QUESTION, chart=path, out=out) == EXIT_ANSWERED
    assert out.getvalue() == answer(QUESTION).text + "\n"
    assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_the_command_line_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.png"
    assert main(["ask", *QUESTION.split(), "--chart", str(path)]) == EXIT_ANSWERED
    assert capsys.readouterr().out == answer(QUESTION).text + "\n"
    assert path.stat().st_size > 10_000


def test_an_answer_without_chart_keeps_its_exit_code_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "none.png"
    assert main(["ask", "权益10万", "保证金8万", "风险度", "--chart", str(path)]) == EXIT_ANSWERED
    captured = capsys.readouterr()
    assert captured.err == NO_CHART + "\n"
    assert not path.exists()
    assert main(["ask", "随便说点什么", "--chart", str(path)]) == EXIT_NOT_UNDERSTOOD
    assert capsys.readouterr().err == NO_CHART + "\n"


def test_an_unwritable_path_is_reported_not_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "missing-dir" / "c.png"
    assert main(["ask", *QUESTION.split(), "--chart", str(path)]) == EXIT_ANSWERED
    assert capsys.readouterr().err.startswith("图没有写成：")
