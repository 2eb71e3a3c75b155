"""Contract questions (rb / 螺纹钢 / rb2505): the card from the contract table."""

from __future__ import annotations

from bot.resolve.context import (
    Context,
    Plan,
)


def contract_plan(ctx: Context) -> Plan:
    info = ctx.info
    assert info is not None
    understood = (f"查询合约 {info.text}",)
    notes: tuple[str, ...] = ()
    if ctx.spec.numbers:  # rb 乘数20 / rb 跳5: values a card does not use are said, not dropped
        notes = (
            "查合约时没有用到你写的数字；要计算请写方向、手数和价格，"
            f"如“开多2手 {info.text} 3500 平仓 3550”",
        )
    from bot.core.contracts import Contract, ContractLookup

    suggestions: tuple[Contract, ...] = ()
    if info.contract is None:
        from bot.contract_table import get_contract_table

        suggestions = get_contract_table().suggest(info.text)
    lookup = ContractLookup(
        text=info.text, contract=info.contract, month=info.month, suggestions=suggestions
    )
    return Plan("contract", lookup, understood, notes, month=info.month)
