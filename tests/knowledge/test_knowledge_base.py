"""The knowledge base loads, validates, covers the required terms, and is lazy and cached."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.terms import all_entries, lookup_term
from bot.terms.loader import KnowledgeBaseError, load_term_book, term_index, terms_dir
from bot.terms.model import SEED_FILES, VALUE_KEYS, term_key
from bot.terms.personal import VALUE_LABELS

# Every concept issue 4 lists, plus the terms traders expect; each must find an entry.
_REQUIRED = (
    "平仓 建仓 开仓 持仓 实物交割 买入平仓 卖出平仓 多头 空头 对冲平仓 "
    "强制平仓 斩仓 砍仓 止损平仓 次顶平仓 支阻平仓 目标平仓 盈亏比 平仓盈亏 "
    "实现盈亏 浮动盈亏 持仓盈亏 未实现盈亏 即日平仓盈亏 延至平仓盈亏 逐日盯市 "
    "逐笔对冲 结算价 合约单位 乘数 手续费 滑点 融资利息 资金费率 标记价格 "
    "期权平仓 先入先出 平仓线 风险度 账户权益 保证金占用 初始保证金 维持保证金 "
    "追加保证金 预警线 分级平仓 穿仓 杠杆 涨跌停板 平仓量 锁仓 反手 平今 "
    "平昨 逐仓 全仓 爆仓 基差 交割月 "
)
REQUIRED_TERMS = tuple(_REQUIRED.split())


def test_at_least_45_entries() -> None:
    assert len(all_entries()) >= 45


@pytest.mark.parametrize("term", REQUIRED_TERMS)
def test_required_term_has_an_entry(term: str) -> None:
    assert lookup_term(term) is not None, term


def test_ids_and_names_are_unique() -> None:
    entries = all_entries()
    assert len({entry.id for entry in entries}) == len(entries)
    keys = [term_key(name) for entry in entries for name in entry.names()]
    assert len(keys) == len(set(keys))


def test_related_ids_exist_and_sources_are_seed_files_or_general() -> None:
    ids = {entry.id for entry in all_entries()}
    allowed = {*SEED_FILES, "general"}
    for entry in all_entries():
        assert set(entry.related) <= ids, entry.id
        assert set(entry.contrasts) <= ids, entry.id
        assert entry.sources and set(entry.sources) <= allowed, entry.id


def test_seed_file_names_match_the_seed_folder() -> None:
    seeds = Path(__file__).parents[2].parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"seed documents not found at {seeds} (../shared/seeds beside the checkout)")
    assert set(SEED_FILES) == {path.name for path in seeds.glob("*.txt")}


def test_every_seed_document_is_cited() -> None:
    cited = {source for entry in all_entries() for source in entry.sources}
    assert set(SEED_FILES) <= cited


def test_value_labels_cover_exactly_the_value_keys() -> None:
    assert set(VALUE_LABELS) == VALUE_KEYS


def test_index_is_built_once() -> None:
    assert term_index() is term_index()
    assert term_index.cache_info().currsize == 1


def test_nothing_is_loaded_at_import() -> None:
    code = (
        "import sys, bot.terms\n"
        "from bot.terms.loader import term_index\n"
        "assert term_index.cache_info().currsize == 0, 'loaded at import'\n"
        "assert 'rapidfuzz' not in sys.modules, 'rapidfuzz imported eagerly'\n"
        "assert bot.terms.lookup_term('平仓').id == 'pingcang'\n"
        "assert term_index.cache_info().currsize == 1\n"
        "assert 'rapidfuzz' not in sys.modules, 'an exact lookup must not need rapidfuzz'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


# --- validation of malformed data ---------------------------------------------------------

GOOD = {
    "id": "alpha",
    "title": "甲",
    "aliases": ["alpha"],
    "summary": "一行说明文字",
    "explanation": "几句解释文字，足够长。",
    "example": "开多1手 100 平仓 110 乘数10",
    "example_expect": "100",
    "sources": ["general"],
}


def _toml(entries: list[dict[str, object]]) -> str:
    def value(item: object) -> str:
        if isinstance(item, list):
            return "[" + ", ".join(value(x) for x in item) + "]"
        if isinstance(item, dict):
            return "{" + ", ".join(f"{k} = {value(v)}" for k, v in item.items()) + "}"
        return '"' + str(item).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    return "\n".join(
        "[[entry]]\n" + "\n".join(f"{key} = {value(item)}" for key, item in entry.items())
        for entry in entries
    )


def _load(tmp_path: Path, *entries: dict[str, object]) -> None:
    (tmp_path / "terms.toml").write_text(_toml(list(entries)), encoding="utf-8")
    load_term_book(tmp_path)


def _other(**changes: object) -> dict[str, object]:
    return {**GOOD, "id": "beta", "title": "乙", "aliases": ["beta"], **changes}


def test_valid_minimal_book_loads(tmp_path: Path) -> None:
    (tmp_path / "terms.toml").write_text(_toml([GOOD, _other(related=["alpha"])]), "utf-8")
    book = load_term_book(tmp_path)
    assert [entry.id for entry in book.entries] == ["alpha", "beta"]


@pytest.mark.parametrize(
    ("second", "message"),
    [
        (_other(id="alpha"), "duplicate id 'alpha'"),
        (_other(aliases=["ＡＬＰＨＡ"]), "already used by alpha"),  # same key after NFKC + casefold
        (_other(title="甲"), "already used by alpha"),
        (_other(aliases=["beta", "Beta"]), "already used by beta"),
        (_other(related=["gamma"]), "unknown entry id 'gamma'"),
        (_other(contrasts={"gamma": "不同之处"}), "unknown entry id 'gamma'"),
        (_other(related=["beta"]), "cannot be related to itself"),
        (_other(sources=["004_unknown.txt"]), "sources"),
        (_other(sources=[]), "sources"),
        (_other(summary="两行\n说明"), "single line"),
        (_other(colour="red"), "colour"),
        (_other(values_calc="astrology"), "values_calc"),
        (_other(id="Beta-1"), "id"),
    ],
)
def test_invalid_books_are_refused(tmp_path: Path, second: dict[str, object], message: str) -> None:
    with pytest.raises(KnowledgeBaseError, match=message):
        _load(tmp_path, GOOD, second)


def test_missing_example_is_refused(tmp_path: Path) -> None:
    broken = {key: item for key, item in _other().items() if key != "example"}
    with pytest.raises(KnowledgeBaseError, match="example"):
        _load(tmp_path, GOOD, broken)


def test_malformed_toml_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "broken.toml").write_text("[[entry]\nid = ", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"broken\.toml"):
        load_term_book(tmp_path)


def test_empty_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="no entries"):
        load_term_book(tmp_path)


def test_shipped_files_live_in_knowledge_terms() -> None:
    names = sorted(path.name for path in terms_dir().glob("*.toml"))
    assert names == [
        "1_basics.toml",
        "2_closing.toml",
        "3_pnl.toml",
        "4_risk.toml",
        "5_crypto.toml",
    ]
