"""The one place that knows where the shipped data (grammar and knowledge) lives.

In a wheel, ``grammar/`` and ``knowledge/`` are installed as ``bot/_data/…``; in a source
checkout (editable install, tests) they sit at the repository root beside ``bot/``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_root() -> Path:
    """Return the folder that holds ``grammar/`` and ``knowledge/``."""
    installed = _PACKAGE_DIR / "_data"
    if (installed / "grammar").is_dir():
        return installed
    return _PACKAGE_DIR.parent


def grammar_dir() -> Path:
    return data_root() / "grammar"


def knowledge_dir() -> Path:
    return data_root() / "knowledge"
