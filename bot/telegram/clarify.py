"""Buttons for a missing choice: when a question fails only because one choice is missing
(多 or 空, 逐仓 or 全仓, which exchange), offer each choice as a button; pressing one
computes the question with that choice added.

The pipeline stays the only judge: a choice is offered when the question with it added is
answered as a calculation (``bot.pipeline.answer``), at least two choices are, and they give
different answers (a word that merely makes the question readable is no choice).
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.defaults import ChatDefaults
from bot.pipeline import answer
from bot.telegram.format import ASK

CHOICES: tuple[tuple[tuple[str, str], ...], ...] = (
    (("做多", "多"), ("做空", "空")),
    (("逐仓", "逐仓"), ("全仓", "全仓")),
    (("Binance", "Binance"), ("OKX", "OKX"), ("Bybit", "Bybit")),
)
"""(button label, the word added to the question) for each kind of choice."""


def with_choice(question: str, word: str) -> str:
    """The question with the chosen word added."""
    return f"{question} {word}"


def choice_keyboard(question: str, defaults: ChatDefaults | None) -> InlineKeyboardMarkup | None:
    """Buttons for the first kind of choice that turns the failed ``question`` into
    answers, or None when no single choice does."""
    for options in CHOICES:
        working: list[tuple[str, str]] = []
        headlines: set[str] = set()
        for label, word in options:
            reply = answer(with_choice(question, word), defaults)
            if reply.ok and reply.kind == "answer":
                working.append((label, with_choice(question, word)))
                headlines.add(reply.text.splitlines()[0])
        if len(working) >= 2 and len(headlines) >= 2:  # the choice changes the answer
            row = [
                InlineKeyboardButton(label, callback_data=f"{ASK}:{asked}")
                for label, asked in working
            ]
            return InlineKeyboardMarkup([row])
    return None
