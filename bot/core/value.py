"""Contract value (合约价值 / 名义价值): what a position is worth at a price.

Futures: price × multiplier per lot; a USDT perpetual counts in coins, so its value is
price × coins. Pure Decimal arithmetic, no rounding until display.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import model_validator

from bot.core.contracts import Contract
from bot.core.numbers import plain
from bot.core.results import CalcResult, CoreModel
from bot.core.trades import check_positive

EXAMPLE = "rb 3500 2手 合约价值"


class ContractValueRequest(CoreModel):
    contract: Contract
    price: Decimal
    quantity: Decimal
    """Lots (futures) or coins (a crypto perpetual)."""
    month: str | None = None
    """Delivery month as typed (rb2505 → 2505), for the title only."""

    @model_validator(mode="after")
    def _check(self) -> ContractValueRequest:
        check_positive(self.price, "价格", EXAMPLE)
        check_positive(self.quantity, "数量", EXAMPLE)
        return self


class ContractValueResult(CalcResult):
    contract: Contract
    price: Decimal
    quantity: Decimal
    month: str | None = None
    per_unit: Decimal
    """Value of one lot (futures) or one coin (crypto)."""
    total: Decimal
    currency: str
    """元, or USDT for a USDT perpetual."""
    unit_word: str
    """手 or 个."""


def compute_contract_value(req: ContractValueRequest) -> ContractValueResult:
    contract = req.contract
    crypto = contract.kind == "crypto"
    per_unit = req.price * contract.multiplier
    total = per_unit * req.quantity
    currency, unit_word = ("USDT", "个") if crypto else ("元", "手")
    if crypto:
        formula = ("名义价值 = 价格 × 币数",)
        steps = (f"名义价值 = {plain(req.price)} × {plain(req.quantity)} = {plain(total)} USDT",)
        assumptions = ("USDT 本位永续：1 张 = 1 币，价值以 USDT 计",)
    else:
        formula = ("合约价值 = 价格 × 合约乘数 × 手数",)
        steps = (
            f"合约价值 = {plain(req.price)} × {plain(contract.multiplier)} × "
            f"{plain(req.quantity)} = {plain(total)} 元",
        )
        assumptions = (f"合约乘数取自合约表：{plain(contract.multiplier)} {contract.short_unit}",)
    return ContractValueResult(
        contract=contract,
        price=req.price,
        quantity=req.quantity,
        month=req.month,
        per_unit=per_unit,
        total=total,
        currency=currency,
        unit_word=unit_word,
        formula=formula,
        steps=steps,
        assumptions=assumptions,
    )
