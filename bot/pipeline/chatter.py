"""Chatter: a message with no calculation and no question in it (好的, 收到, 谢谢, 哈哈, 👍).

In a group the bot stays silent on it; a private chat gets one short line. Only words from
the lists below, emoji and punctuation count: anything else (a number, a contract, a word
the grammar might read) is left to the calculator, so a calculation that fails still gets
its short explanation.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

THANKS_WORDS = (
    "谢谢",
    "多谢",
    "感谢",
    "谢了",
    "谢",
    "thanks",
    "thank you",
    "thx",
    "辛苦了",
    "辛苦",
)
OTHER_WORDS = (
    "好的",
    "好滴",
    "好嘞",
    "好",
    "收到",
    "哈哈",
    "哈",
    "呵呵",
    "嘿嘿",
    "嗯嗯",
    "嗯",
    "哦哦",
    "哦",
    "明白了",
    "明白",
    "了解",
    "知道了",
    "懂了",
    "牛逼",
    "牛",
    "厉害",
    "赞",
    "大佬",
    "老师",
    "了",
    "啊",
    "呀",
    "啦",
    "ok",
    "okay",
    "good",
    "nice",
    "cool",
    "lol",
)
_WORDS = re.compile(
    "|".join(re.escape(word) for word in sorted((*THANKS_WORDS, *OTHER_WORDS), key=len)[::-1])
)
_APPLAUSE = re.compile(r"^6{2,}$")  # 666: applause, not a number


def _only_symbols(text: str) -> bool:
    """Emoji, punctuation and spaces only (👍, 😂😂, ！！, 。)."""
    return all(unicodedata.category(char)[0] in "PSZC" for char in text)


def chatter_kind(text: str) -> Literal["thanks", "chatter"] | None:
    """ "thanks" or "chatter" when ``text`` is only chatter, None when it may be a question."""
    lowered = text.strip().lower()
    if not lowered:
        return None
    words = _WORDS.sub(" ", lowered)
    rest = " ".join(part for part in words.split() if not _APPLAUSE.match(part))
    if not _only_symbols(rest):
        return None
    return "thanks" if any(word in lowered for word in THANKS_WORDS) else "chatter"
