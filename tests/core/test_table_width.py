"""Every new formatter: table lines fit 32 display columns, the first line names the figure."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.core.account_lines import compute_account_lines
from bot.core.averaging import AveragingRequest, Fill, compute_averaging
from bot.core.expectancy import ExpectancyRequest, compute_expectancy
from bot.core.fees import FeeSchedule
from bot.core.ladder import LadderRequest, compute_ladder
from bot.core.margin_cap import MarginBudgetRequest, compute_margin_budget
from bot.core.risk import AccountRiskRequest, RiskPosition, compute_account_risk
from bot.core.targets import TargetRequest, compute_target
from bot.core.verdicts import forced_at_price
from bot.format.account_lines import format_account_lines_result
from bot.format.averaging import format_averaging_result
from bot.format.caps import format_margin_budget_result
from bot.format.expectancy import format_expectancy_report
from bot.format.ladder import format_ladder_result
from bot.format.numbers import display_width
from bot.format.targets import format_target_result
from bot.format.verdicts import format_verdict
from bot.format.width import TABLE_COLUMNS, first_line, grid_block, overwide_lines
from bot.reply import Block
from tests.core.builders import d


def test_display_width_counts_cjk_as_two() -> None:
    assert display_width("abc") == 3
    assert display_width("风险度") == 6  # 3 CJK × 2
    assert display_width("风险度 80%") == 10  # 6 + 1 space + 3
    assert display_width("ＡＢ") == 4  # full-width forms


def test_overwide_lines_reports_only_table_lines_over_32() -> None:
    wide = "价" * 16 + "x"  # 16 × 2 + 1 = 33 columns
    fits = "价" * 16  # 32 columns
    blocks = (
        Block(style="table", lines=(fits, wide)),
        Block(style="note", lines=(wide,)),
        Block(lines=(wide,)),
    )
    assert overwide_lines(blocks) == (wide,)
    assert first_line(blocks) == fits


def test_grid_block_right_aligns_and_fits() -> None:
    block = grid_block(("涨跌", "价格"), [("+1%", "3,535"), ("-10%", "63,000")])
    assert block.style == "table"
    # header "涨跌" (4 cols) + 2 + "  价格" right-aligned in 6 columns
    assert block.lines == ("涨跌    价格", "+1%    3,535", "-10%  63,000")
    assert all(display_width(line) <= TABLE_COLUMNS for line in block.lines)


def _rb_account() -> AccountRiskRequest:
    return AccountRiskRequest(
        equity=d(1000000),
        positions=(
            RiskPosition(
                name="rb2510", side="long", lots=d(120), price=d(3500),
                multiplier=d(10), margin_rate=d("0.13"),
            ),
            RiskPosition(
                name="i2509", side="short", lots=d(30), price=d(800),
                multiplier=d(100), margin_rate=d("0.15"),
            ),
        ),
    )  # fmt: skip


CASES: list[tuple[str, Callable[[], tuple[Block, ...]]]] = [
    (
        "期望值",
        lambda: format_expectancy_report(
            compute_expectancy(
                ExpectancyRequest(win_rate=d("0.4"), avg_win=d(123456), avg_loss=d(98765))
            )
        ),
    ),
    (
        "新均价",
        lambda: format_averaging_result(
            compute_averaging(
                AveragingRequest(
                    side="long",
                    fills=(Fill(lots=d(200), price=d(65432)), Fill(lots=d(300), price=d(61234))),
                    multiplier=d(300),
                    fees=FeeSchedule(per_lot=d(3)),
                    price=d(70000),
                )
            )
        ),
    ),
    (
        "目标价",
        lambda: format_target_result(
            compute_target(
                TargetRequest(
                    side="long",
                    entry_price=d(60000),
                    basis="margin",
                    amount=d("0.5"),
                    margin_rate=d("0.05"),
                    fees=FeeSchedule(rate=d("0.0005")),
                    lots=d(100),
                    counted_in="coins",
                )
            )
        ),
    ),
    (
        "每1%变动",
        lambda: format_ladder_result(
            compute_ladder(
                LadderRequest(
                    side="short",
                    lots=d(100),
                    entry_price=d(6543),
                    multiplier=d(300),
                    equity=d(90000000),
                    margin_rate=d("0.12"),
                )
            )
        ),
    ),
    ("风险度", lambda: format_account_lines_result(compute_account_lines(_rb_account()))),
    (
        "保证金上限",
        lambda: format_margin_budget_result(
            compute_margin_budget(
                MarginBudgetRequest(
                    equity=d(12345678), margin_used=d(9000000), margin_per_lot=d(45500)
                )
            )
        ),
    ),
    (
        "会",
        lambda: format_verdict(forced_at_price(compute_account_risk(_rb_account()), d(3400))),
    ),
]


@pytest.mark.parametrize(("figure", "build"), CASES, ids=[name for name, _ in CASES])
def test_tables_fit_and_first_line_names_the_figure(
    figure: str, build: Callable[[], tuple[Block, ...]]
) -> None:
    blocks = build()
    assert overwide_lines(blocks) == ()
    assert first_line(blocks).startswith(figure)
    assert any(block.style == "note" for block in blocks)  # formula / assumptions follow


def test_first_table_line_of_the_ladder_is_the_header() -> None:
    blocks = CASES[3][1]()
    table = next(block for block in blocks if block.style == "table")
    assert table.lines[0].split() == ["涨跌", "价格", "盈亏", "风险度"]
