"""Lark's cache of the analysed tables: where it lives, that it is only a cache (broken or
unwritable, the parser still works), and that a new process loads it instead of analysing."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bot.parse.parser import (
    CACHE_ENV,
    CACHE_FILES_KEPT,
    CommandParser,
    lark_cache,
    parser_cache_dir,
)

SIMPLEST = "开多2手 1000 平仓 1020 乘数100"


def _check_simplest(parser: CommandParser) -> None:
    spec = parser.parse_command(SIMPLEST)
    assert spec.multiplier == 100
    legs = [(leg.word, leg.price) for leg in spec.legs]
    assert legs == [("open_long", 1000), ("close_any", 1020)]


def test_cache_dir_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    folder = parser_cache_dir()
    assert folder == tmp_path / "cache"
    assert folder.is_dir() and stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0


def test_default_cache_dir_is_under_xdg_cache_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert parser_cache_dir() == tmp_path / "pingcang"


def test_an_unusable_cache_dir_means_no_cache_and_the_parser_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    assert parser_cache_dir() is None
    assert lark_cache("command", "start: A") is False
    _check_simplest(CommandParser("lalr"))


def test_a_folder_others_can_write_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv(CACHE_ENV, str(shared))
    assert parser_cache_dir() is None


def test_each_grammar_version_has_its_own_file_and_old_ones_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    first = lark_cache("command", 'start: A\nA: "a"')
    assert isinstance(first, str) and Path(first).parent == tmp_path
    assert lark_cache("command", 'start: A\nA: "a"') == first  # same text, same file
    # files of other versions, the oldest first (modified 1, 2, … 8 seconds after the epoch)
    older = [tmp_path / f"command-{age:04}.lark" for age in range(1, CACHE_FILES_KEPT + 1)]
    for age, path in enumerate(older, 1):
        path.write_text("tables")
        os.utime(path, (age, age))
    other_grammar = tmp_path / "terms-0123.lark"
    other_grammar.write_text("tables")
    second = lark_cache("command", 'start: B\nB: "b"')
    assert second != first
    # room for the new file: the oldest go, the newest CACHE_FILES_KEPT - 1 stay
    assert sorted(tmp_path.glob("command-*.lark")) == older[1 - CACHE_FILES_KEPT :]
    assert other_grammar.exists()


def test_a_broken_cache_file_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    CommandParser("lalr")  # analyses, writes Lark's cache file
    [written] = tmp_path.glob("command-*.lark")
    written.write_bytes(b"not a cache file")
    _check_simplest(CommandParser("lalr"))  # Lark cannot read it: it analyses again
    assert written.read_bytes() != b"not a cache file"  # and writes the tables back
    _check_simplest(CommandParser("lalr"))


_PROBE = """
import json, logging, sys
from lark import logger
messages = []
class Collect(logging.Handler):
    def emit(self, record):
        messages.append(record.getMessage().split(":")[0])
logger.addHandler(Collect())
logger.setLevel(logging.DEBUG)
import bot.pipeline as p
p.answer('开多2手 1000 平仓 1020 乘数100')
print(json.dumps([sorted(set(messages)), 'tomllib' in sys.modules]))
"""


def test_a_new_process_loads_the_tables_instead_of_analysing(tmp_path: Path) -> None:
    env = dict(os.environ, **{CACHE_ENV: str(tmp_path)})
    (first, first_toml), (second, second_toml) = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(2)
    ]
    # Lark's own log: the first process analyses and saves, the second only loads
    assert "Saving grammar to cache" in first and "Loading grammar from cache" not in first
    assert second == ["Loading grammar from cache"]
    # neither reads the contract table's TOML (product names: grammar/product_names.lark)
    assert (first_toml, second_toml) == (False, False)
    # the command grammar's tables; the term grammar is built only for a term question
    assert [path.name.split("-")[0] for path in tmp_path.glob("*.lark")] == ["command"]
