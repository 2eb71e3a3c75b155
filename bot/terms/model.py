"""What a knowledge-base entry is, and the checks every entry and the whole book must pass.

Entries live in ``knowledge/terms/*.toml`` (``[[entry]]`` tables). ``TermEntry`` checks one
entry; ``TermBook`` checks them together: unique ids, unique titles/aliases (compared after
NFKC + case folding), every ``related`` / ``contrasts`` id exists.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SEED_FILES: tuple[str, ...] = (
    "000_2174244c888f43df.txt",
    "001_6bf2203aec43daba.txt",
    "002_cffbd8617e9cfb0e.txt",
    "003_6642f8d24b78b2ea.txt",
)
"""The four source documents an entry may cite (see ../shared/seeds/README.md)."""

SourceName = Literal[
    "000_2174244c888f43df.txt",
    "001_6bf2203aec43daba.txt",
    "002_cffbd8617e9cfb0e.txt",
    "003_6642f8d24b78b2ea.txt",
    "general",
]
"""A seed file name, or ``general`` for standard trading knowledge the documents lack."""

Mode = Literal["what", "diff", "how"]
"""what: explain one or more terms; diff: compare them side by side; how: formula first."""

ValueKey = Literal[
    "equity",
    "loss",
    "profit",
    "margin_used",
    "margin_rate",
    "maintenance_rate",
    "multiplier",
    "lots",
    "price",
    "entry_price",
    "exit_price",
    "fee_per_lot",
    "leverage",
]
"""Numbers a user may type beside a term question (rates are fractions: 0.1 = 10 %)."""

ValuesCalc = Literal[
    "shortfall",
    "risk_ratio",
    "margin",
    "maintenance_margin",
    "contract_value",
    "long_pnl",
    "short_pnl",
    "floating_pnl",
    "round_trip_fee",
    "leverage",
    "reward_risk",
    "return_on_margin",
]
"""Which small identity an entry can evaluate with the user's own numbers (bot.terms.personal)."""

VALUE_KEYS: frozenset[str] = frozenset(get_args(ValueKey))

_KEY_DROP = re.compile(r"[\s\-_·・/'\"“”‘’「」『』《》()（）]+")

MAX_SUMMARY = 60
MAX_EXPLANATION = 260


def term_key(text: str) -> str:
    """The lookup key of a title or alias: NFKC, case-folded, without spaces and quotes."""
    return _KEY_DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


class TermEntry(BaseModel):
    """One term: what it means, how it is computed, and a command the bot computes live."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, defer_build=True
    )

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)
    title: str = Field(min_length=1, max_length=12)
    aliases: tuple[str, ...] = ()
    summary: str = Field(min_length=4, max_length=MAX_SUMMARY)
    """One line, shown first."""
    explanation: str = Field(min_length=10, max_length=MAX_EXPLANATION)
    """A few sentences, phone-sized."""
    formulas: tuple[str, ...] = ()
    example: str = Field(min_length=2, max_length=120)
    """A command the pipeline computes live (so the numbers always agree with the calculator)."""
    example_expect: str = Field(min_length=1)
    """A figure the example's computed reply must contain (checked by the tests)."""
    example_note: str | None = Field(default=None, max_length=80)
    """What to look at in the example's answer."""
    related: tuple[str, ...] = ()
    sources: tuple[SourceName, ...] = Field(min_length=1)
    contrasts: dict[str, str] = Field(default_factory=dict)
    """Other entry id → the key difference, shown when the two are compared."""
    values_calc: ValuesCalc | None = None

    @field_validator("summary", "example", "example_expect")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if "\n" in value:
            raise ValueError("must be a single line")
        return value

    @field_validator("aliases", "formulas", "related")
    @classmethod
    def _no_blank_items(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        items = tuple(item.strip() for item in value)
        if any(not item for item in items):
            raise ValueError("empty item")
        if len(set(items)) != len(items):
            raise ValueError("repeated item")
        return items

    @model_validator(mode="after")
    def _self_consistent(self) -> TermEntry:
        if self.id in self.related:
            raise ValueError(f"{self.id}: an entry cannot be related to itself")
        if self.id in self.contrasts:
            raise ValueError(f"{self.id}: an entry cannot contrast with itself")
        if not term_key(self.title):
            raise ValueError(f"{self.id}: the title has no usable characters")
        return self

    def names(self) -> tuple[str, ...]:
        """The title followed by every alias: everything a user may call this entry."""
        return (self.title, *self.aliases)


class TermBook(BaseModel):
    """All entries, checked together."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    entries: tuple[TermEntry, ...]

    @model_validator(mode="after")
    def _consistent(self) -> TermBook:
        ids: set[str] = set()
        owner_of_key: dict[str, str] = {}
        problems: list[str] = []
        for entry in self.entries:
            if entry.id in ids:
                problems.append(f"duplicate id {entry.id!r}")
            ids.add(entry.id)
            keys_here: set[str] = set()
            for name in entry.names():
                key = term_key(name)
                if not key:
                    problems.append(f"{entry.id}: alias {name!r} has no usable characters")
                    continue
                owner = owner_of_key.setdefault(key, entry.id)
                if owner != entry.id or key in keys_here:
                    problems.append(f"{entry.id}: name {name!r} is already used by {owner}")
                keys_here.add(key)
        for entry in self.entries:
            for other in (*entry.related, *entry.contrasts):
                if other not in ids:
                    problems.append(f"{entry.id}: unknown entry id {other!r}")
        if problems:
            raise ValueError("; ".join(problems))
        return self
