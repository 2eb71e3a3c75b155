"""The CJK font charts are drawn with: Noto Sans CJK SC, shipped by the PyPI package
``mplfonts`` (SIL Open Font License 1.1) and registered with matplotlib by file path.

Only that file is used: ``mplfonts`` also bundles fonts under other licences (SimHei among
them), which the project neither loads nor redistributes. System font discovery is not relied
on, so a fresh machine draws the same glyphs as a developer's.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

FONT_PACKAGE = "mplfonts"
FONT_FILE = "fonts/NotoSansCJKsc-Regular.otf"
FONT_LICENSE = "SIL Open Font License 1.1"


class FontMissingError(RuntimeError):
    """The CJK font file is not installed (``pip install -e .`` installs it)."""


def font_path() -> Path:
    """Path of the Noto Sans CJK SC file, found without importing ``mplfonts`` (whose import
    sets up fonts of its own)."""
    spec = importlib.util.find_spec(FONT_PACKAGE)
    locations = spec.submodule_search_locations if spec is not None else None
    if not locations:
        raise FontMissingError(f"找不到中文字体：请安装 {FONT_PACKAGE}（pip install -e .）")
    path = Path(next(iter(locations))) / FONT_FILE
    if not path.is_file():
        raise FontMissingError(f"找不到中文字体文件 {path}")
    return path


@cache
def register_font() -> str:
    """Add the font file to matplotlib's font manager (once); return its family name."""
    from matplotlib import font_manager

    path = str(font_path())
    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()
