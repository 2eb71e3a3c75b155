"""Cold start of ``pingcang ask``: what a calculation imports, and the one-shot housekeeping.

Each check runs in a fresh interpreter, so what is already imported by the test session does
not count.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = "开多2手 1000 平仓 1020 乘数100"
SEED_FIRST_LINES = ["平仓盈亏 +4,000.00 元", "我理解为：多头 2 手 @1000 → 平仓 @1020，乘数 100"]
ONLY_FOR_ERRORS = ("bot.format.errors", "bot.parse.errors")
NOT_FOR_A_CALCULATION = (
    *ONLY_FOR_ERRORS,
    "bot.terms",
    "bot.telegram",
    "telegram",
    "sqlalchemy",
    "aiohttp",
    "httpx",
    "matplotlib",
    "bot.chart",
    "mplfonts",
    "cn2an",
    "rapidfuzz",
    "tomllib",  # the product names come from grammar/product_names.lark, not the TOML
)
PLUGINS_ENV = "PYDANTIC_DISABLE_PLUGINS"


def _env(**extra: str) -> dict[str, str]:
    drop = {"TELEGRAM_BOT_TOKEN", PLUGINS_ENV}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def _probe(code: str, **extra: str) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; it prints its findings as JSON on the last line."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=_env(**extra),
        timeout=60,
        check=True,
    )
    found: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return found


def _loaded(names: tuple[str, ...]) -> str:
    """Python expression: which of ``names`` (or their submodules) are imported."""
    return (
        f"sorted(n for n in {names!r} if any(m == n or m.startswith(n + '.') for m in sys.modules))"
    )


def test_a_calculation_loads_no_error_or_knowledge_modules() -> None:
    found = _probe(
        "import json, sys; from bot.pipeline import answer; "
        f"reply = answer({SEED!r}); "
        f"print(json.dumps({{'ok': reply.ok, 'loaded': {_loaded(NOT_FOR_A_CALCULATION)}}}))"
    )
    assert found == {"ok": True, "loaded": []}


def test_error_modules_load_when_needed() -> None:
    found = _probe(
        "import json, sys; from bot.pipeline import answer; "
        "reply = answer('开多<b>2手'); "
        f"print(json.dumps({{'ok': reply.ok, 'html': reply.html.splitlines()[0], "
        f"'loaded': {_loaded(ONLY_FOR_ERRORS)}}}, ensure_ascii=False))"
    )
    assert found["ok"] is False
    assert str(found["html"]).startswith("没看懂“&lt;b&gt;”。")
    assert found["loaded"] == ["bot.format.errors", "bot.parse.errors"]


def test_ask_run_as_the_program_freezes_its_objects_and_skips_plugin_lookup() -> None:
    found = _probe(
        "import gc, io, json, os, sys\nfrom contextlib import redirect_stdout\n"
        "from bot.cli import main\n"
        f"sys.argv = ['pingcang', 'ask', {SEED!r}]\nout = io.StringIO()\n"
        "with redirect_stdout(out):\n    code = main()\n"
        "print(json.dumps({'code': code, 'lines': out.getvalue().splitlines()[:2], "
        "'gc_enabled': gc.isenabled(), 'frozen': gc.get_freeze_count() > 0, "
        f"'plugins_env': os.environ.get({PLUGINS_ENV!r})}}, ensure_ascii=False))"
    )
    assert found == {
        "code": 0,
        "lines": SEED_FIRST_LINES,
        "gc_enabled": True,
        "frozen": True,
        "plugins_env": "__all__",
    }


def test_ask_as_a_library_call_leaves_the_interpreter_alone() -> None:
    found = _probe(
        "import gc, io, json, os, sys\nfrom contextlib import redirect_stdout\n"
        "from bot.cli import main\nout = io.StringIO()\n"
        f"with redirect_stdout(out):\n    code = main(['ask', {SEED!r}])\n"
        "print(json.dumps({'code': code, 'lines': out.getvalue().splitlines()[:2], "
        "'gc_enabled': gc.isenabled(), 'frozen': gc.get_freeze_count(), "
        f"'plugins_env': os.environ.get({PLUGINS_ENV!r})}}, ensure_ascii=False))"
    )
    assert found == {
        "code": 0,
        "lines": SEED_FIRST_LINES,
        "gc_enabled": True,
        "frozen": 0,
        "plugins_env": None,
    }


def test_an_explicit_plugin_setting_is_kept() -> None:
    found = _probe(
        "import io, json, os, sys\nfrom contextlib import redirect_stdout\n"
        "from bot.cli import main\n"
        f"sys.argv = ['pingcang', 'ask', {SEED!r}]\n"
        "with redirect_stdout(io.StringIO()):\n    code = main()\n"
        f"print(json.dumps({{'code': code, 'plugins_env': os.environ.get({PLUGINS_ENV!r})}}))",
        **{PLUGINS_ENV: ""},
    )
    assert found == {"code": 0, "plugins_env": ""}


def test_python_dash_m_bot_ask_answers() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", SEED],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
    )
    assert done.returncode == 0
    assert done.stdout.splitlines()[:2] == SEED_FIRST_LINES
    assert done.stderr == ""
