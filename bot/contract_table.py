"""Load the shipped contract table once (file I/O lives here, outside the pure core)."""

from __future__ import annotations

import tomllib
from functools import cache

from bot.core.contracts import ContractTable
from bot.paths import knowledge_dir

CONTRACTS_FILE = "contracts.toml"


@cache
def get_contract_table() -> ContractTable:
    """The validated table from ``knowledge/contracts.toml``, parsed on first use only."""
    path = knowledge_dir() / CONTRACTS_FILE
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return ContractTable.from_mapping(data)
