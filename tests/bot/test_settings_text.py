"""/settings text: reading changes and showing the table."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.defaults import ChatDefaults
from bot.errors import UserFacingError
from bot.telegram.settings_text import apply_settings_text, describe_settings

BASE = ChatDefaults()


def test_all_fields_in_one_line() -> None:
    updated = apply_settings_text(
        BASE, "手续费 3元/手 保证金 10% 预警线 70% 强平线 90% 维持保证金率 0.4%"
    )
    assert updated == ChatDefaults(
        fee_per_lot=Decimal(3),
        fee_rate=None,
        margin_rate=Decimal("0.1"),
        warning_line=Decimal("0.7"),
        forced_line=Decimal("0.9"),
        crypto_mmr=Decimal("0.004"),
    )


def test_full_width_and_separators_are_accepted() -> None:
    updated = apply_settings_text(BASE, "保证金率：１２％，手续费＝万分之0.23")
    assert updated.margin_rate == Decimal("0.12")
    assert updated.fee_rate == Decimal("0.000023")
    assert updated.fee_per_lot is None


def test_fee_kinds_replace_each_other() -> None:
    per_lot = apply_settings_text(BASE, "手续费 5")
    assert (per_lot.fee_per_lot, per_lot.fee_rate) == (Decimal(5), None)
    rate = apply_settings_text(per_lot, "手续费 万0.5")
    assert (rate.fee_per_lot, rate.fee_rate) == (None, Decimal("0.00005"))
    cleared = apply_settings_text(rate, "手续费 无")
    assert (cleared.fee_per_lot, cleared.fee_rate) == (None, None)


def test_default_word_restores_one_field_and_reset_restores_all() -> None:
    changed = apply_settings_text(BASE, "预警线 50% 保证金 8%")
    assert apply_settings_text(changed, "预警线 默认").warning_line == Decimal("0.8")
    assert apply_settings_text(changed, "重置") == ChatDefaults()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("保证金 10", "保证金率需要写单位“%”，例如 保证金率 10%"),
        ("预警线 100% 强平线 90%", "预警线必须低于强平线"),
        ("保证金 150%", "保证金率应在 0.1%–100% 之间"),
        ("维持保证金率 60%", "维持保证金率应在 0.01%–50% 之间"),
        ("杠杆 10倍", "看不懂“杠杆10倍”"),
        ("手续费 3元/手 随便写点", "看不懂“随便写点”"),
        ("", "没有看到要修改的设置"),
        ("手续费 1.2.3", "“1.2.3”不是数字"),
    ],
)
def test_unclear_or_invalid_changes_are_refused_with_an_example(text: str, message: str) -> None:
    with pytest.raises(UserFacingError) as caught:
        apply_settings_text(BASE, text)
    assert caught.value.message == message
    assert caught.value.example is not None and caught.value.example.startswith("/settings ")


def test_table_lines_are_aligned() -> None:
    lines = describe_settings(
        ChatDefaults(fee_per_lot=Decimal("3.50"), margin_rate=Decimal("0.12"))
    )
    assert lines == (
        "手续费        3.5 元/手（开、平各收）",
        "保证金率      12%",
        "预警线        80%",
        "强平线        100%",
        "维持保证金率  0.5%（币圈永续）",
    )
    assert describe_settings(ChatDefaults(fee_rate=Decimal("0.000023")))[0] == (
        "手续费        成交额的 0.0023%（开、平各收）"
    )
    assert describe_settings(ChatDefaults())[1] == "保证金率      未设（按问题或合约）"
