"""Command line: ``pingcang ask TEXT``, ``pingcang chat``, ``pingcang run``. TEMPORARY SKELETON."""

from __future__ import annotations

import argparse
import sys


def chat() -> int:
    from bot.pipeline import answer

    for line in sys.stdin:
        if line.strip():
            print(answer(line.strip()).text)
            print("---")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pingcang", description="平仓助手")
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="回答一条消息")
    ask.add_argument("text", nargs="+")
    sub.add_parser("chat", help="终端对话")
    sub.add_parser("run", help="启动机器人（无 TELEGRAM_BOT_TOKEN 时启动终端对话）")
    args = parser.parse_args(argv)
    if args.command == "ask":
        from bot.pipeline import answer

        reply = answer(" ".join(args.text))
        print(reply.text)
        return 0 if reply.ok else 2
    if args.command == "chat":
        return chat()
    from bot.telegram.runner import run_bot

    return run_bot()


if __name__ == "__main__":
    sys.exit(main())
