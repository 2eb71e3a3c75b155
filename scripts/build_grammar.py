"""Write ``grammar/product_names.lark``: the Chinese product names of the contract table.

Usage::

    .venv/bin/python scripts/build_grammar.py [--check]

The command grammar's KEYWORD terminal holds these names (category ``CN_NAME``). They are
read from ``knowledge/contracts.toml`` here, once, rather than on every start of the parser:
parsing the TOML would cost a cold start more than loading the analysed grammar. Run this
after ``scripts/build_contracts.py``; ``--check`` exits 1 when the file is out of date (a test
does the same).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.parse.parser import (  # noqa: E402
    PRODUCT_NAMES_GRAMMAR,
    product_names,
    product_names_grammar,
)
from bot.paths import grammar_dir  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the file is current")
    args = parser.parse_args(argv)
    path = grammar_dir() / PRODUCT_NAMES_GRAMMAR
    text = product_names_grammar(product_names())
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if args.check:
        if current != text:
            print(f"{path} is out of date: run scripts/build_grammar.py", file=sys.stderr)
            return 1
        return 0
    if current != text:
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
