"""The parser cache: where it lives, that it is only a cache (broken or unwritable, the parser
still works) and that a new process reads it instead of analysing the grammar."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bot.parse import parser as parser_module
from bot.parse.firstchars import first_chars
from bot.parse.parser import (
    CACHE_ENV,
    CommandParser,
    cached_command_grammar,
    command_grammar,
    parser_cache_dir,
)

SIMPLEST = "开多2手 1000 平仓 1020 乘数100"


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
    assert cached_command_grammar() == command_grammar()
    spec = CommandParser("lalr").parse_command(SIMPLEST)
    assert spec.multiplier == 100 and len(spec.legs) == 2


def test_a_folder_others_can_write_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv(CACHE_ENV, str(shared))
    assert parser_cache_dir() is None


def test_a_broken_cache_file_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    expected = command_grammar()
    assert cached_command_grammar() == expected  # writes the file
    [written] = tmp_path.glob("grammar-*.pickle")
    written.write_bytes(b"\x80\x05 not a pickle")
    assert cached_command_grammar() == expected
    assert written.read_bytes().startswith(b"\x80")  # rewritten with the real tables
    assert parser_module.pickle.loads(written.read_bytes()) == expected


def test_a_new_process_reads_the_cache_instead_of_the_contract_table(tmp_path: Path) -> None:
    env = dict(os.environ, **{CACHE_ENV: str(tmp_path)})
    probe = (
        "import sys, bot.pipeline as p; p.answer('开多2手 1000 平仓 1020 乘数100'); "
        "print('tomllib' in sys.modules)"
    )
    first = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert first.stdout.strip() == "True"  # analysed: read knowledge/contracts.toml
    assert second.stdout.strip() == "False"  # cached: the TOML is not even imported
    # the command grammar's tables; the term grammar is built only for a term question
    assert sorted(path.name.rsplit("-", 1)[0] for path in tmp_path.glob("*.pickle")) == [
        "grammar",
        "lark-command",
        "starts",
    ]


def test_first_characters_come_back_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    lexer = parser_module.get_parser().lark.parser.lexer.lexer  # type: ignore[attr-defined]
    terminals = list(lexer.root_lexer.terminals)
    flags = lexer._flags
    computed = {t.name: first_chars(t.pattern.to_regexp(), flags) for t in terminals}
    assert parser_module.cached_first_chars(terminals, flags) == computed  # writes the file
    [written] = tmp_path.glob("starts-*.pickle")
    assert parser_module.pickle.loads(written.read_bytes()) == computed
    written.write_bytes(parser_module.pickle.dumps({"NUMBER": None}))  # stale: other names
    assert parser_module.cached_first_chars(terminals, flags) == computed
    assert parser_module.pickle.loads(written.read_bytes()) == computed
    assert computed["NUMBER"] is not None and "7" in computed["NUMBER"]
