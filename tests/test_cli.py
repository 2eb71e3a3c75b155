"""The command line: ``pingcang ask`` / ``chat`` / ``run``, as a user runs them."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.cli import EXIT_ANSWERED, EXIT_BROKEN_PIPE, EXIT_NOT_UNDERSTOOD, SEPARATOR, main

ROOT = Path(__file__).resolve().parent.parent
SEED = "开多2手 1000 平仓 1020 乘数100"
SEED_REPLY = [
    "平仓盈亏 +4,000.00 元",  # the asked figure first: (1020 − 1000) × 100 × 2 = 4,000
    "我理解为：多头 2 手 @1000 → 平仓 @1020，乘数 100",
    "平仓盈亏  +4,000.00 元",
    "持仓        已全部平仓",
    "平仓盈亏 = (平仓价 − 开仓价) × 乘数 × 手数（空头取反）",
    "平仓按先开先平（FIFO）与同方向持仓配对；反向开仓不平仓，形成锁仓",
    "未计手续费（可加“手续费3元/手”）",
]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def test_ask_prints_the_reply_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", SEED]) == EXIT_ANSWERED
    assert capsys.readouterr().out.splitlines() == SEED_REPLY


def test_ask_joins_unquoted_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", *SEED.split()]) == EXIT_ANSWERED
    assert capsys.readouterr().out.splitlines()[0] == SEED_REPLY[0]


def test_ask_exits_2_when_not_understood(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "你好"]) == EXIT_NOT_UNDERSTOOD
    out = capsys.readouterr().out
    assert out.startswith("没看懂“你好”")
    assert "例如：开多2手 1000 平仓 1020 乘数100" in out


def test_ask_exits_2_on_an_invalid_value(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "开多2手 1000 平仓 1020 乘数0"]) == EXIT_NOT_UNDERSTOOD
    assert "乘数必须大于0" in capsys.readouterr().out


def test_ask_json_prints_the_result_model(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--json", SEED]) == EXIT_ANSWERED
    data = json.loads(capsys.readouterr().out)
    assert data["realized_gross"] == "4000"
    assert data["matches"][0]["lots"] == "2"
    assert data["steps"] == ["多2手：(1,020 − 1,000) × 100 × 2 = 4,000"]


def test_ask_json_for_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--json", "你好"]) == EXIT_NOT_UNDERSTOOD
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and data["kind"] == "error"


def test_console_script_exit_codes() -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "bot", "ask", SEED], capture_output=True, text=True, env=_env()
    )
    assert ok.returncode == 0 and ok.stdout.splitlines() == SEED_REPLY
    bad = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "随便说说"], capture_output=True, text=True, env=_env()
    )
    assert bad.returncode == 2 and bad.stderr == ""


def _run_into_closed_pipe(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run the CLI with stdout a pipe whose reader has already gone (as after ``| head -1``)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            input=stdin,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
            timeout=60,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["ask", "平仓盈亏怎么算"], ""),
        (["ask", "--json", SEED], ""),
        (["ask", "你好"], ""),
        (["chat"], SEED + "\n权益10万 保证金占用8万 风险度\n"),
    ],
)
def test_closed_stdout_exits_quietly(args: list[str], stdin: str) -> None:
    done = _run_into_closed_pipe(args, stdin)
    assert done.stderr == ""
    assert done.returncode == EXIT_BROKEN_PIPE


def test_scripted_chat_answers_each_line_then_separator() -> None:
    stdin = f"{SEED}\n\n权益10万 保证金占用8万 风险度\n你好\n"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input=stdin,
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
    )
    assert done.returncode == 0
    replies = done.stdout.split(SEPARATOR + "\n")
    assert len(replies) == 4 and replies[-1] == ""
    assert replies[0].splitlines() == SEED_REPLY
    # 80,000 ÷ 100,000 = 80 %: the risk degree first, then the warning, then what was understood
    assert replies[1].splitlines()[:2] == ["风险度 80%", "注意：风险度已达预警线"]
    assert replies[1].splitlines()[2].startswith("我理解为：权益 100,000，保证金占用 80,000")
    assert "风险度            80% 预警" in replies[1]
    assert replies[2].startswith("没看懂“你好”")
    assert done.stdout.count("\n" + SEPARATOR + "\n") == 3


def test_run_without_token_falls_back_to_the_terminal_chat(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        input=SEED + "\n",
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
        cwd=tmp_path,  # no .env here
    )
    assert done.returncode == 0
    assert done.stdout.splitlines() == [*SEED_REPLY, SEPARATOR]


def test_cli_path_does_not_import_telegram_or_sqlalchemy() -> None:
    heavy = "{'telegram', 'sqlalchemy', 'aiohttp'}"
    probe = (
        "import sys, bot.cli; bot.cli.main(['ask', '开多2手 1000 平仓 1020 乘数100']); "
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {heavy}))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=_env())
    assert done.stdout.splitlines()[-1] == "[]"


def _read_until(fd: int, marker: str, timeout: float = 30.0) -> str:
    """Read from a pty until ``marker`` appears (or fail after ``timeout`` seconds)."""
    seen = b""
    deadline = time.monotonic() + timeout
    while marker.encode() not in seen:
        remaining = deadline - time.monotonic()
        assert remaining > 0, (
            f"timed out waiting for {marker!r}; got {seen.decode(errors='replace')!r}"
        )
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen.decode(errors="replace")


def test_interactive_chat_has_history_and_quits_on_ctrl_d(tmp_path: Path) -> None:
    history = tmp_path / "history"
    pid, fd = pty.fork()
    if pid == 0:  # child: the real CLI on a terminal
        os.execve(
            sys.executable,
            [sys.executable, "-m", "bot", "chat"],
            _env(PINGCANG_HISTORY=str(history), TERM="dumb"),
        )
    try:
        assert "Ctrl-D 退出" in _read_until(fd, "你> ")
        os.write(fd, (SEED + "\r").encode())
        first = _read_until(fd, "你> ")
        assert "平仓盈亏  +4,000.00 元" in first
        os.write(fd, b"\x1b[A\r")  # arrow up: readline recalls the previous line
        again = _read_until(fd, "你> ")
        assert "平仓盈亏  +4,000.00 元" in again
        os.write(fd, b"\x04")  # Ctrl-D
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(fd)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert history.read_text(encoding="utf-8").splitlines()[-1] == SEED
