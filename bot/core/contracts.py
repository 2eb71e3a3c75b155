"""Contract specifications and the lookup table (symbol, month, Chinese name, alias).

Pure data handling: the table is built from an already-parsed mapping (``from_mapping``); the
file reading lives in ``bot.contract_table``.

Case rules: CZCE and CFFEX symbols are upper case (``SR``, ``IF``), SHFE/DCE/INE/GFEX lower case
(``rb``, ``i``); lookup ignores case whenever that is unambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import field_validator

from bot.core.numbers import D
from bot.core.results import CoreModel
from bot.errors import DomainError

ContractKind = Literal["futures", "crypto"]

# Code plus an optional delivery month: rb2505 (YYMM), SR509 (CZCE YMM), IF2506.
_SYMBOL_MONTH = re.compile(r"^([A-Za-z]+)\s*(\d{3,4})$")
_CJK_MONTH = re.compile(r"^(.*?[^\d\s])\s*(\d{3,4})$")
# Separators and suffixes traders put around crypto perpetual symbols: BTC-USDT, BTC/USDT-SWAP.
_CRYPTO_NOISE = re.compile(r"[-_/\s]|swap$|perp$|永续(合约)?$", re.IGNORECASE)
_FUTURES_SUFFIX = "期货"
_TRAILING_NOISE = "?？!！.。,，:：;； \t"


class ContractDataError(ValueError):
    """The contract data file is inconsistent (a bug in the shipped data, not a user error)."""


class Contract(CoreModel):
    """One product: everything needed to turn a price difference into money."""

    symbol: str
    """Exchange product code in the exchange's own case: ``rb``, ``SR``, ``IF``, ``BTCUSDT``."""
    name_cn: str
    exchange: str
    """CFFEX, SHFE, INE, DCE, CZCE, GFEX, or ``CRYPTO`` for USDT perpetuals."""
    multiplier: Decimal
    """合约乘数 / 交易单位: money per 1.0 price move per lot (coins per contract for crypto)."""
    unit: str
    tick: Decimal
    """最小变动价位."""
    source: str
    as_of: date
    check: str
    """``ok`` or ``check:single`` / ``check:conflict`` / ``check:general`` (re-verify)."""
    aliases: tuple[str, ...] = ()
    kind: ContractKind = "futures"
    note: str = ""

    @field_validator("multiplier", "tick")
    @classmethod
    def _positive(cls, value: Decimal) -> Decimal:
        if not value.is_finite() or value <= 0:
            raise ValueError(f"multiplier/tick must be > 0, got {value}")
        return value

    @property
    def short_unit(self) -> str:
        """The unit without its bracketed detail: ``元/(1元报价) [百元净价报价,…]`` →
        ``元/(1元报价)`` (the contract card and the value working show this)."""
        if self.unit.startswith("乘数("):  # the sources give only the multiplier (鸡蛋 jd)
            return "元/点"
        return self.unit.split(" [", 1)[0].strip()

    @property
    def verified(self) -> bool:
        """True when the sources agree (``check == "ok"``)."""
        return self.check == "ok"


class ContractMatch(CoreModel):
    """A successful lookup: the contract and the delivery month the user typed, if any."""

    contract: Contract
    month: str | None = None
    text: str


class ContractLookup(CoreModel):
    """A contract question (rb / 螺纹钢 / rb2505): what was typed, the contract found (None when
    the table does not know it) and, then, the closest names the table has."""

    text: str
    contract: Contract | None = None
    month: str | None = None
    suggestions: tuple[Contract, ...] = ()


def split_symbol(text: str) -> tuple[str, str | None]:
    """Split a typed symbol into (product code, delivery month or None).

    ``rb2505`` → (``rb``, ``2505``); ``SR509`` → (``SR``, ``509``); ``螺纹2505`` →
    (``螺纹``, ``2505``); ``rb`` → (``rb``, None). A trailing number is only a month when its
    last two digits are 01–12 and a four-digit one starts with 20–29 (as in the grammar's
    SYMBOL: rb3510 is a price); otherwise the text is returned whole.
    """
    code = text.strip().strip(_TRAILING_NOISE)
    match = _SYMBOL_MONTH.match(code) or _CJK_MONTH.match(code)
    if match is None:
        return code, None
    head, digits = match.group(1).strip(), match.group(2)
    if not 1 <= int(digits[-2:]) <= 12 or (len(digits) == 4 and digits[0] != "2"):
        return code, None
    return head, digits


def _fold(text: str) -> str:
    return text.strip().casefold()


class ContractTable:
    """All known contracts, indexed by symbol (exact and case-folded), name and alias."""

    def __init__(self, contracts: Iterable[Contract]) -> None:
        self.contracts: tuple[Contract, ...] = tuple(contracts)
        self._by_symbol: dict[str, Contract] = {}
        self._by_folded_symbol: dict[str, Contract | None] = {}
        self._by_name: dict[str, Contract] = {}
        for contract in self.contracts:
            if contract.symbol in self._by_symbol:
                raise ContractDataError(f"duplicate symbol {contract.symbol!r}")
            self._by_symbol[contract.symbol] = contract
            folded = _fold(contract.symbol)
            # Two symbols differing only in case make the folded key ambiguous (None).
            self._by_folded_symbol[folded] = None if folded in self._by_folded_symbol else contract
        for contract in self.contracts:
            for name in (contract.name_cn, *contract.aliases):
                key = _fold(name)
                if not key:
                    raise ContractDataError(f"empty name or alias for {contract.symbol!r}")
                owner = self._by_name.get(key)
                if owner is not None and owner.symbol != contract.symbol:
                    raise ContractDataError(
                        f"name/alias {name!r} used by both {owner.symbol!r} and {contract.symbol!r}"
                    )
                other = self._by_folded_symbol.get(key)
                if other is not None and other.symbol != contract.symbol:
                    raise ContractDataError(
                        f"alias {name!r} of {contract.symbol!r} is the symbol {other.symbol!r}"
                    )
                self._by_name[key] = contract

    def __len__(self) -> int:
        return len(self.contracts)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> ContractTable:
        """Build and validate a table from parsed TOML: ``{"contract": [{...}, ...]}``.

        Raises ``ContractDataError`` on a missing field, a non-positive multiplier or tick, a
        missing as-of date, a float number (use strings for exact decimals), or a duplicate
        symbol / name / alias.
        """
        rows = data.get("contract")
        if not isinstance(rows, list) or not rows:
            raise ContractDataError("no [[contract]] entries")
        default_as_of = data.get("as_of")
        contracts = []
        for index, row in enumerate(rows, start=1):
            if not isinstance(row, Mapping):
                raise ContractDataError(f"contract #{index} is not a table")
            contracts.append(_contract_from_row(row, default_as_of, index))
        return cls(contracts)

    def get(self, symbol: str) -> Contract | None:
        """The contract with exactly this symbol (case-sensitive), or None."""
        return self._by_symbol.get(symbol)

    def find(self, text: str) -> ContractMatch | None:
        """Resolve what a trader typed: symbol, symbol+month, Chinese name or alias, crypto pair."""
        raw = text.strip().strip(_TRAILING_NOISE)
        if not raw:
            return None
        contract = self._match_code(raw)
        if contract is not None:
            return ContractMatch(contract=contract, text=raw)
        code, month = split_symbol(raw)
        if month is not None:
            contract = self._match_code(code)
            if contract is not None and contract.kind == "futures":
                return ContractMatch(contract=contract, month=month, text=raw)
        contract = self._match_crypto(raw)
        if contract is not None:
            return ContractMatch(contract=contract, text=raw)
        if raw.endswith(_FUTURES_SUFFIX) and len(raw) > len(_FUTURES_SUFFIX):
            match = self.find(raw.removesuffix(_FUTURES_SUFFIX))
            if match is not None:
                return match.model_copy(update={"text": raw})
        return None

    def lookup(self, text: str) -> Contract | None:
        """The contract for ``rb``, ``RB``, ``rb2505``, ``螺纹钢``, ``螺纹``, ``BTC``, ``eth`` …"""
        match = self.find(text)
        return None if match is None else match.contract

    def suggest(self, text: str, limit: int = 3) -> tuple[Contract, ...]:
        """Contracts whose symbol, name or alias shares a prefix/substring with ``text``."""
        key = _fold(split_symbol(text)[0])
        if not key:
            return ()
        found: list[Contract] = []
        for contract in self.contracts:
            names = [_fold(contract.symbol), _fold(contract.name_cn)]
            names += [_fold(alias) for alias in contract.aliases]
            if any(key in name or (len(name) > 1 and name in key) for name in names):
                found.append(contract)
            if len(found) >= limit:
                break
        return tuple(found)

    def _match_code(self, code: str) -> Contract | None:
        exact = self._by_symbol.get(code)
        if exact is not None:
            return exact
        key = _fold(code)
        return self._by_folded_symbol.get(key) or self._by_name.get(key)

    def _match_crypto(self, text: str) -> Contract | None:
        key = _CRYPTO_NOISE.sub("", _fold(text))
        if not key:
            return None
        for candidate in (key, key + "usdt"):
            contract = self._by_folded_symbol.get(candidate) or self._by_name.get(candidate)
            if contract is not None and contract.kind == "crypto":
                return contract
        return None


_REQUIRED = ("symbol", "name_cn", "exchange", "multiplier", "unit", "tick", "source", "check")


def _exact_decimal(value: Any, field: str, symbol: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise ContractDataError(f"{symbol}: {field} must be a string or integer, got {value!r}")
    try:
        number = D(value)
    except DomainError as exc:
        raise ContractDataError(f"{symbol}: bad {field} {value!r}") from exc
    if number <= 0:
        raise ContractDataError(f"{symbol}: {field} must be > 0, got {value!r}")
    return number


def _contract_from_row(row: Mapping[str, Any], default_as_of: Any, index: int) -> Contract:
    missing = [name for name in _REQUIRED if row.get(name) in (None, "")]
    if missing:
        raise ContractDataError(f"contract #{index}: missing {', '.join(missing)}")
    symbol = str(row["symbol"])
    as_of = row.get("as_of", default_as_of)
    if isinstance(as_of, str):
        try:
            as_of = date.fromisoformat(as_of)
        except ValueError as exc:
            raise ContractDataError(f"{symbol}: bad as_of {as_of!r}") from exc
    if not isinstance(as_of, date):
        raise ContractDataError(f"{symbol}: as_of date missing")
    aliases = row.get("aliases", ())
    if not isinstance(aliases, list | tuple) or not all(isinstance(a, str) for a in aliases):
        raise ContractDataError(f"{symbol}: aliases must be a list of strings")
    kind = row.get("kind", "futures")
    if kind not in ("futures", "crypto"):
        raise ContractDataError(f"{symbol}: unknown kind {kind!r}")
    return Contract(
        symbol=symbol,
        name_cn=str(row["name_cn"]),
        exchange=str(row["exchange"]),
        multiplier=_exact_decimal(row["multiplier"], "multiplier", symbol),
        unit=str(row["unit"]),
        tick=_exact_decimal(row["tick"], "tick", symbol),
        source=str(row["source"]),
        as_of=as_of,
        check=str(row["check"]),
        aliases=tuple(aliases),
        kind=kind,
        note=str(row.get("note", "")),
    )
