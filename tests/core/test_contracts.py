"""Contract table: lookups, validation on load, and agreement with the reference TSV."""

from __future__ import annotations

import csv
import importlib.util
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from bot.contract_table import get_contract_table
from bot.core.contracts import ContractDataError, ContractTable, split_symbol
from bot.paths import knowledge_dir

ROOT = Path(__file__).resolve().parents[2]
TSV = ROOT.parent / "shared" / "facts" / "contracts_cn.tsv"  # ../shared beside the checkout
needs_tsv = pytest.mark.skipif(not TSV.exists(), reason="reference TSV not on this machine")


def _row(**overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "symbol": "rb",
        "name_cn": "螺纹钢",
        "exchange": "SHFE",
        "multiplier": "10",
        "unit": "吨/手",
        "tick": "1",
        "source": "test",
        "check": "ok",
        "as_of": date(2026, 1, 1),
        "aliases": ["螺纹"],
    }
    row.update(overrides)
    return row


@pytest.mark.parametrize(
    ("text", "symbol", "month"),
    [
        ("rb", "rb", None),
        ("RB", "rb", None),
        ("rb2505", "rb", "2505"),
        ("螺纹钢", "rb", None),
        ("螺纹", "rb", None),
        ("螺纹2505", "rb", "2505"),
        ("rb 2505", "rb", "2505"),
        ("螺纹钢期货", "rb", None),
        ("IF2506", "IF", "2506"),
        ("if", "IF", None),
        ("沪深300", "IF", None),
        ("SR", "SR", None),
        ("sr509", "SR", "509"),
        ("sr509?", "SR", "509"),
        ("白糖", "SR", None),
        ("i2509", "i", "2509"),
        ("T2509", "T", "2509"),
        ("PVC", "v", None),
        ("塑料", "l", None),
        ("BTC", "BTCUSDT", None),
        ("BTCUSDT", "BTCUSDT", None),
        ("btc-usdt", "BTCUSDT", None),
        ("BTC/USDT永续", "BTCUSDT", None),
        ("ETHUSDT", "ETHUSDT", None),
        ("eth", "ETHUSDT", None),
        ("以太坊", "ETHUSDT", None),
    ],
)
def test_lookup(text: str, symbol: str, month: str | None) -> None:
    match = get_contract_table().find(text)
    assert match is not None, text
    assert match.contract.symbol == symbol
    assert match.month == month
    assert get_contract_table().lookup(text) == match.contract


@pytest.mark.parametrize("text", ["", "xx", "rb2513", "btc2505", "螺", "abc123"])
def test_lookup_misses(text: str) -> None:
    assert get_contract_table().lookup(text) is None


def test_lookup_values_rb_and_if() -> None:
    table = get_contract_table()
    rb = table.lookup("rb")
    assert rb is not None
    assert (rb.multiplier, rb.tick, rb.exchange, rb.unit) == (
        Decimal(10),
        Decimal(1),
        "SHFE",
        "吨/手",
    )
    if_ = table.lookup("IF")
    assert if_ is not None
    assert (if_.multiplier, if_.tick, if_.exchange) == (Decimal(300), Decimal("0.2"), "CFFEX")
    btc = table.lookup("BTC")
    assert btc is not None
    assert (btc.kind, btc.multiplier) == ("crypto", Decimal(1))


def test_case_rules_of_symbols() -> None:
    table = get_contract_table()
    for contract in table.contracts:
        if contract.exchange in ("CZCE", "CFFEX"):
            assert contract.symbol == contract.symbol.upper(), contract.symbol
        elif contract.exchange in ("SHFE", "DCE", "INE", "GFEX"):
            assert contract.symbol == contract.symbol.lower(), contract.symbol


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rb2505", ("rb", "2505")),
        ("SR509", ("SR", "509")),
        ("IF2506", ("IF", "2506")),
        ("rb", ("rb", None)),
        ("螺纹2505", ("螺纹", "2505")),
        ("rb2513", ("rb2513", None)),
        (" ag2412 ", ("ag", "2412")),
    ],
)
def test_split_symbol(text: str, expected: tuple[str, str | None]) -> None:
    assert split_symbol(text) == expected


def test_suggest_by_partial_name() -> None:
    symbols = [c.symbol for c in get_contract_table().suggest("螺")]
    assert symbols == ["rb"]
    assert "cu" in [c.symbol for c in get_contract_table().suggest("铜")]


def test_table_is_parsed_once() -> None:
    assert get_contract_table() is get_contract_table()


def test_every_contract_has_as_of_and_positive_numbers() -> None:
    table = get_contract_table()
    assert len(table) == 92
    for contract in table.contracts:
        assert isinstance(contract.as_of, date)
        assert contract.multiplier > 0
        assert contract.tick > 0
        assert contract.source


def test_futures_count_matches_reference() -> None:
    futures = [c for c in get_contract_table().contracts if c.kind == "futures"]
    assert len(futures) == 86


@needs_tsv
def test_all_tsv_products_with_same_multiplier_and_tick() -> None:
    with TSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) == 86
    table = get_contract_table()
    for row in rows:
        contract = table.get(row["symbol"])
        assert contract is not None, row["symbol"]
        assert contract.name_cn == row["name_cn"]
        assert contract.exchange == row["exchange"]
        assert contract.multiplier == Decimal(row["multiplier"]), row["symbol"]
        assert contract.tick == Decimal(row["tick"]), row["symbol"]
        assert contract.check == row["check"]
        assert contract.unit == row["unit"]


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_contracts", ROOT / "scripts" / "build_contracts.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_tsv
def test_generated_file_is_up_to_date() -> None:
    script = _build_script()
    text = script.render(script.read_tsv(TSV), script.DEFAULT_AS_OF)
    committed = (knowledge_dir() / "contracts.toml").read_text(encoding="utf-8")
    assert text == committed


def test_from_mapping_accepts_valid_rows() -> None:
    table = ContractTable.from_mapping({"contract": [_row()]})
    assert table.lookup("螺纹") is not None


def test_from_mapping_uses_file_level_as_of() -> None:
    row = _row()
    del row["as_of"]
    table = ContractTable.from_mapping({"as_of": date(2025, 5, 1), "contract": [row]})
    contract = table.get("rb")
    assert contract is not None
    assert contract.as_of == date(2025, 5, 1)


@pytest.mark.parametrize(
    ("rows", "fragment"),
    [
        ([_row(), _row(aliases=[])], "duplicate symbol"),
        ([_row(), _row(symbol="hc", name_cn="热卷", aliases=["螺纹"])], "螺纹"),
        ([_row(), _row(symbol="hc", name_cn="螺纹钢", aliases=[])], "螺纹钢"),
        ([_row(), _row(symbol="hc", name_cn="热卷", aliases=["RB"])], "symbol"),
        ([_row(multiplier="0")], "multiplier"),
        ([_row(multiplier="-10")], "multiplier"),
        ([_row(tick="0")], "tick"),
        ([_row(tick=0.5)], "tick"),
        ([_row(as_of=None)], "as_of"),
        ([_row(as_of="yesterday")], "as_of"),
        ([_row(symbol="")], "symbol"),
        ([_row(kind="stock")], "kind"),
        ([_row(aliases="螺纹")], "aliases"),
        ([], "no [[contract]]"),
    ],
)
def test_from_mapping_rejects_bad_data(rows: list[dict[str, Any]], fragment: str) -> None:
    with pytest.raises(ContractDataError, match=fragment.replace("[", r"\[")):
        ContractTable.from_mapping({"contract": rows})


def test_shipped_toml_parses_with_decimal_strings() -> None:
    data = tomllib.loads((knowledge_dir() / "contracts.toml").read_text(encoding="utf-8"))
    assert all(isinstance(row["multiplier"], str) for row in data["contract"])
    assert ContractTable.from_mapping(data).get("IF") is not None


def test_a_unit_the_sources_left_as_a_note_is_shown_as_money_per_point() -> None:
    from bot.contract_table import get_contract_table

    match = get_contract_table().find("jd")
    assert match is not None and match.contract.short_unit == "元/点"
