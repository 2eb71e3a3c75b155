"""Command line: ``pingcang ask TEXT``, ``pingcang chat``, ``pingcang run``.

- ``ask``: prints exactly the text the bot would send; exit 0 when answered, 2 when not
  understood (or a value was invalid); ``--json`` prints the result model instead;
  ``--chart FILE.png`` also writes the answer's chart (a note on stderr when it has none;
  the exit code is the answer's either way).
- ``chat``: a terminal chat on the same pipeline. Interactive: readline line editing and
  history (``~/.pingcang_history``), Ctrl-D quits. When stdin is not a terminal, every input
  line is answered in order and each reply is followed by a line holding only ``---``.
- ``run``: starts the Telegram bot (``bot.telegram.runner.run_bot``).

Only ``run`` imports the Telegram layer; ``ask`` and ``chat`` never load telegram or SQLAlchemy.
Run as the program, ``ask`` answers one question and exits: see ``_one_shot_process`` for how
it spends less on the interpreter's housekeeping (its cold start is benchmarked).
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator

    from bot.reply import Reply

EXIT_ANSWERED = 0
EXIT_NOT_UNDERSTOOD = 2
EXIT_BROKEN_PIPE = 1
"""stdout was closed before the reply was written (as Python itself exits on EPIPE)."""
SEPARATOR = "---"
PROMPT = "你> "
GREETING = "平仓助手 · 终端对话（Ctrl-D 退出）。例如：开多2手 1000 平仓 1020 乘数100"
HISTORY_FILE = ".pingcang_history"
HISTORY_LENGTH = 1000


def _reply_json(reply: Reply) -> str:
    import json

    data: dict[str, object]
    if reply.result is not None:
        data = reply.result
    else:
        data = {"ok": reply.ok, "kind": reply.kind, "text": reply.text}
    return json.dumps(data, ensure_ascii=False, indent=2)


def _write_chart(reply: Reply, path: Path) -> None:
    """The reply's chart to ``path`` (matplotlib is imported only here), or a note on stderr."""
    from bot.chart import NO_CHART, draw_chart

    image = draw_chart(reply)
    if image is None:
        print(NO_CHART, file=sys.stderr)
        return
    try:
        path.write_bytes(image.png)
    except OSError as error:
        print(f"图没有写成：{path}（{error.strerror or error}）", file=sys.stderr)


def ask(
    text: str, *, as_json: bool = False, chart: Path | None = None, out: TextIO | None = None
) -> int:
    """Answer one message on stdout; the exit code says whether it was understood."""
    from bot.pipeline import answer

    stream = out or sys.stdout
    reply = answer(text)
    print(_reply_json(reply) if as_json else reply.text, file=stream)
    if chart is not None:
        _write_chart(reply, chart)
    return EXIT_ANSWERED if reply.ok else EXIT_NOT_UNDERSTOOD


def _answer_lines(lines: TextIO, out: TextIO) -> int:
    """Scripted chat: answer every non-empty line, each reply followed by ``---``."""
    from bot.pipeline import answer

    for line in lines:
        text = line.strip()
        if not text:
            continue
        print(answer(text).text, file=out)
        print(SEPARATOR, file=out, flush=True)
    return EXIT_ANSWERED


def _setup_history() -> Path | None:
    try:
        import readline
    except ImportError:  # pragma: no cover - readline exists on the platforms we ship to
        return None
    path = Path(os.environ.get("PINGCANG_HISTORY", Path.home() / HISTORY_FILE))
    with contextlib.suppress(OSError):
        readline.read_history_file(path)
    readline.set_history_length(HISTORY_LENGTH)
    return path


def _save_history(path: Path | None) -> None:
    if path is None:
        return
    import readline

    with contextlib.suppress(OSError):
        readline.write_history_file(path)


def _interactive(out: TextIO) -> int:
    """Interactive chat with line editing and history; Ctrl-D (or Ctrl-C) quits."""
    from bot.pipeline import answer

    history = _setup_history()
    print(GREETING, file=out, flush=True)
    try:
        while True:
            try:
                text = input(PROMPT).strip()
            except EOFError:
                print(file=out)
                break
            if not text:
                continue
            print(answer(text).text, file=out)
            print(file=out, flush=True)
    except KeyboardInterrupt:
        print(file=out)
    finally:
        _save_history(history)
    return EXIT_ANSWERED


def chat(stdin: TextIO | None = None, out: TextIO | None = None) -> int:
    """Terminal chat on the same pipeline (scripted when stdin is not a terminal)."""
    lines = stdin or sys.stdin
    stream = out or sys.stdout
    if lines.isatty():
        return _interactive(stream)
    return _answer_lines(lines, stream)


def _parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="pingcang", description="平仓助手：期货/数字货币平仓盈亏、保证金、风险度、强平价计算"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    ask_cmd = sub.add_parser("ask", help="回答一条消息（0=已回答，2=没看懂）")
    ask_cmd.add_argument("--json", action="store_true", help="输出计算结果的 JSON")
    ask_cmd.add_argument(
        "--chart", type=Path, metavar="FILE.png", help="同时把这条回答的图写入 PNG 文件"
    )
    ask_cmd.add_argument("text", nargs="+", help="例如：开多2手 1000 平仓 1020 乘数100")
    sub.add_parser("chat", help="终端对话（非终端输入时逐行回答，每条回复后输出 ---）")
    sub.add_parser("run", help="启动机器人（无 TELEGRAM_BOT_TOKEN 时启动终端对话）")
    return parser


def _silence_stdout() -> None:
    """The reader went away (``pingcang ask … | head -5``): send what is left to devnull, so
    the interpreter's final flush does not raise a second BrokenPipeError at exit."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _run(args: argparse.Namespace) -> int:
    if args.command == "ask":
        return ask(" ".join(args.text), as_json=args.json, chart=args.chart)
    if args.command == "chat":
        return chat()
    from bot.telegram.runner import run_bot

    return run_bot(without_token=chat)


def _plain_ask(argv: list[str]) -> argparse.Namespace | None:
    """``pingcang ask WORDS…`` with no option: read without argparse (~6 ms of the cold start
    a one-shot question pays), giving what argparse would. Anything else goes to argparse."""
    if len(argv) < 2 or argv[0] != "ask" or any(word.startswith("-") for word in argv[1:]):
        return None
    from types import SimpleNamespace

    return cast(
        "argparse.Namespace", SimpleNamespace(command="ask", json=False, chart=None, text=argv[1:])
    )


@contextlib.contextmanager
def _one_shot_process() -> Iterator[None]:
    """Housekeeping for a process that answers one question and exits.

    - No cyclic garbage collection while importing and answering: the imports (pydantic,
      lark, the pipeline) allocate enough container objects to trigger ~80 collections that
      find next to no garbage. At the end every object still alive is frozen
      (``gc.freeze``), so the collection at interpreter exit skips them too; collection is
      enabled again, as before.
    - No pydantic plugin lookup (``PYDANTIC_DISABLE_PLUGINS``, pydantic's documented switch;
      set it to an empty value to load plugins anyway): the CLI uses none, and looking them up
      reads the metadata of every installed distribution.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            gc.enable()


def main(argv: list[str] | None = None) -> int:
    """The ``pingcang`` command. ``argv`` None: run as the program, on ``sys.argv``; then a
    one-shot ``ask`` runs inside ``_one_shot_process``."""
    words = sys.argv[1:] if argv is None else argv
    args = _plain_ask(words) or _parser().parse_args(words)
    one_shot = argv is None and args.command == "ask"
    with _one_shot_process() if one_shot else contextlib.nullcontext():
        try:
            code = _run(args)
            sys.stdout.flush()  # a closed pipe must fail here, inside the try, not at exit
        except BrokenPipeError:
            _silence_stdout()
            return EXIT_BROKEN_PIPE
    return code


if __name__ == "__main__":
    sys.exit(main())
