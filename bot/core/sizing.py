"""Position sizing and the rules of thumb of the source documents.

- Risk budget (002 document: risk per trade ≤ 2 % of equity): lots = ⌊equity × 2 % / risk per
  lot⌋, risk per lot = |entry − stop| × multiplier + round-trip fees; optionally capped so that
  the margin keeps 风险度 within 80 %.
- Break-even win rate for a reward/risk ratio R:1 (000 document): risk / (reward + risk) —
  3:1 → 25 %.
- System ratio (000 document): (win rate × reward) : (loss rate × risk) — 70 % at 3:1 gives
  (7 × 3) : (3 × 1) = 21 : 3 = 7 : 1.
- Expectancy per trade: win rate × average win − loss rate × average loss.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from bot.core.numbers import ONE, ZERO
from bot.core.results import CalcResult, CoreModel, Side
from bot.core.risk import require_non_negative, require_positive, require_rate, show, show_pct
from bot.core.trades import UNIT_WORDS, QuantityKind
from bot.errors import DomainError

DEFAULT_RISK_FRACTION = Decimal("0.02")
DEFAULT_MAX_RISK_RATIO = Decimal("0.8")

_SIZE_EXAMPLE = "权益10万 风险2% 开仓3500 止损3450 乘数10"
_RATIO_EXAMPLE = "盈亏比3:1 胜率70%"


class PositionSizeRequest(CoreModel):
    equity: Decimal
    risk_fraction: Decimal = DEFAULT_RISK_FRACTION
    entry_price: Decimal
    stop_price: Decimal
    multiplier: Decimal
    fee_per_lot: Decimal | None = None
    """Fee per lot per side; a round trip pays it twice."""
    side: Side | None = None
    """If given, the stop must be on the losing side of the entry."""
    margin_rate: Decimal | None = None
    """If given, lots are also capped so margin / equity ≤ max_risk_ratio."""
    max_risk_ratio: Decimal = DEFAULT_MAX_RISK_RATIO
    counted_in: QuantityKind = "lots"
    """``coins``: a crypto position, counted in coins (the words of the working)."""
    lot_step: Decimal = ONE
    """The smallest quantity that can be traded: whole lots, or e.g. 0.001 coin."""


class PositionSizeResult(CalcResult):
    side: Side
    equity: Decimal
    risk_fraction: Decimal
    budget: Decimal
    """equity × risk fraction: the most one trade may lose."""
    stop_distance: Decimal
    risk_per_lot: Decimal
    """stop distance × multiplier + 2 × fee per lot."""
    lots_by_risk: Decimal
    lots_by_margin: Decimal | None
    lots: Decimal
    """Whole lots, rounded down: min(lots by risk, lots by margin)."""
    money_at_risk: Decimal
    """lots × risk per lot (≤ budget)."""
    margin: Decimal | None
    risk_ratio: Decimal | None
    """margin / equity for the chosen lots."""
    counted_in: QuantityKind = "lots"


class WinRateResult(CalcResult):
    reward: Decimal
    risk: Decimal
    breakeven_win_rate: Decimal
    """risk / (reward + risk): 3:1 → 0.25."""


class SystemRatioResult(CalcResult):
    win_rate: Decimal
    reward: Decimal
    risk: Decimal
    win_part: Decimal
    """win rate × reward (7 × 3 in the document's units, here 0.7 × 3 = 2.1)."""
    loss_part: Decimal
    """loss rate × risk (0.3 × 1)."""
    ratio: Decimal
    """win_part / loss_part: 7 means 7:1."""
    expectancy_r: Decimal
    """Expected result per trade in units of risk: win_part − loss_part."""


class ExpectancyResult(CalcResult):
    win_rate: Decimal
    avg_win: Decimal
    avg_loss: Decimal
    expectancy: Decimal
    """win rate × avg win − (1 − win rate) × avg loss, per trade."""
    expectancy_r: Decimal
    """expectancy / avg loss (in units of risk)."""


def floor_lots(value: Decimal, step: Decimal = ONE) -> Decimal:
    """Whole lots (or whole steps of ``step``), rounded down: a part cannot be traded."""
    if step == ONE:
        return value.to_integral_value(rounding=ROUND_FLOOR)
    return (value / step).to_integral_value(rounding=ROUND_FLOOR) * step


def compute_position_size(req: PositionSizeRequest) -> PositionSizeResult:
    """Lots for a risk budget, rounded down, fees included; optional margin cap."""
    require_positive(req.equity, "账户权益", _SIZE_EXAMPLE)
    require_rate(req.risk_fraction, "单笔风险比例", _SIZE_EXAMPLE)
    require_positive(req.entry_price, "开仓价", _SIZE_EXAMPLE)
    require_positive(req.stop_price, "止损价", _SIZE_EXAMPLE)
    require_positive(req.multiplier, "合约乘数", _SIZE_EXAMPLE)
    fee = ZERO
    if req.fee_per_lot is not None:
        fee = require_non_negative(req.fee_per_lot, "手续费", _SIZE_EXAMPLE)
    if req.stop_price == req.entry_price:
        raise DomainError("止损价不能等于开仓价", example=_SIZE_EXAMPLE)
    side: Side = "long" if req.stop_price < req.entry_price else "short"
    if req.side is not None and req.side != side:
        wrong = "多单止损应低于开仓价" if req.side == "long" else "空单止损应高于开仓价"
        raise DomainError(wrong, example=_SIZE_EXAMPLE)

    require_positive(req.lot_step, "最小下单量", _SIZE_EXAMPLE)
    unit, qty = UNIT_WORDS[req.counted_in]
    step = req.lot_step
    budget = req.equity * req.risk_fraction
    distance = abs(req.entry_price - req.stop_price)
    per_lot = distance * req.multiplier + 2 * fee
    lots_by_risk = floor_lots(budget / per_lot, step)
    formula = [
        "风险预算 = 权益 × 单笔风险比例",
        f"每{unit}风险 = |开仓价 − 止损价| × 乘数 + 2 × 每{unit}手续费",
        f"{qty} = 向下取整(风险预算 / 每{unit}风险)",
    ]
    steps = [
        f"风险预算 = {show(req.equity)} × {show_pct(req.risk_fraction)} = {show(budget)}",
        f"每{unit}风险 = {show(distance)} × {show(req.multiplier)} + 2 × {show(fee)}"
        f" = {show(per_lot)}",
        f"{qty} = ⌊{show(budget)} / {show(per_lot)}⌋ = {show(lots_by_risk, 8)}",
    ]
    assumptions = [
        f"单笔风险不超过权益的 {show_pct(req.risk_fraction)}"
        + (
            "（002 文档的经验法则）"
            if req.risk_fraction == DEFAULT_RISK_FRACTION
            else "（002 文档建议 2%）"
        ),
        "止损按止损价成交（不计滑点）；手续费开平各收一次"
        if fee
        else "止损按止损价成交（不计滑点）；未计手续费",
    ]

    lots = lots_by_risk
    lots_by_margin: Decimal | None = None
    margin: Decimal | None = None
    ratio: Decimal | None = None
    if req.margin_rate is not None:
        require_rate(req.margin_rate, "保证金率", _SIZE_EXAMPLE)
        require_positive(req.max_risk_ratio, "风险度上限", _SIZE_EXAMPLE)
        margin_per_lot = req.entry_price * req.multiplier * req.margin_rate
        lots_by_margin = floor_lots(req.max_risk_ratio * req.equity / margin_per_lot, step)
        lots = min(lots_by_risk, lots_by_margin)
        margin = lots * margin_per_lot
        ratio = margin / req.equity
        formula.append(f"保证金上限{qty} = 向下取整(风险度上限 × 权益 / 每{unit}保证金)")
        steps.append(
            f"保证金上限 = ⌊{show_pct(req.max_risk_ratio)} × {show(req.equity)} / "
            f"{show(margin_per_lot)}⌋ = {show(lots_by_margin, 8)} {unit}"
        )
        rule = "的经验法则" if req.max_risk_ratio == DEFAULT_MAX_RISK_RATIO else "建议 80%"
        assumptions.append(f"总持仓风险度不超过 {show_pct(req.max_risk_ratio)}（002 文档{rule}）")
    money_at_risk = lots * per_lot
    steps.append(f"可开 {show(lots, 8)} {unit}，最大亏损 {show(money_at_risk)}")
    if step != ONE:
        assumptions.append(f"{qty}按 {show(step, 8)} {unit}向下取整（各品种最小下单量不同）")
    if lots == ZERO:
        smallest = f"{show(step, 8)} {unit}" if step != ONE else "一手"
        assumptions.append(f"{smallest}的风险已超过预算：放宽止损距离不可取，应换小合约或不做")

    return PositionSizeResult(
        side=side,
        equity=req.equity,
        risk_fraction=req.risk_fraction,
        budget=budget,
        stop_distance=distance,
        risk_per_lot=per_lot,
        lots_by_risk=lots_by_risk,
        lots_by_margin=lots_by_margin,
        lots=lots,
        money_at_risk=money_at_risk,
        margin=margin,
        risk_ratio=ratio,
        counted_in=req.counted_in,
        formula=tuple(formula),
        steps=tuple(steps),
        assumptions=tuple(assumptions),
    )


def _check_ratio(reward: Decimal, risk: Decimal) -> None:
    require_positive(reward, "盈利目标（盈亏比前项）", _RATIO_EXAMPLE)
    require_positive(risk, "止损（盈亏比后项）", _RATIO_EXAMPLE)


def breakeven_win_rate(reward: Decimal, risk: Decimal) -> WinRateResult:
    """Win rate at which a reward:risk system breaks even: risk / (reward + risk)."""
    _check_ratio(reward, risk)
    rate = risk / (reward + risk)
    return WinRateResult(
        reward=reward,
        risk=risk,
        breakeven_win_rate=rate,
        formula=(
            "保本胜率 = 止损 / (盈利目标 + 止损)",
            "即 胜率 × 盈利 = (1 − 胜率) × 亏损 时盈亏相抵",
        ),
        steps=(f"保本胜率 = {show(risk)} / ({show(reward)} + {show(risk)}) = {show_pct(rate, 2)}",),
        assumptions=("每笔盈利与亏损分别固定为盈亏比的两项，不计手续费和滑点",),
    )


def system_ratio(win_rate: Decimal, reward: Decimal, risk: Decimal) -> SystemRatioResult:
    """The 000 document's system ratio: (win rate × reward) : (loss rate × risk)."""
    _check_ratio(reward, risk)
    require_rate(win_rate, "胜率", _RATIO_EXAMPLE)
    loss_rate = ONE - win_rate
    win_part = win_rate * reward
    loss_part = loss_rate * risk
    ratio = win_part / loss_part
    return SystemRatioResult(
        win_rate=win_rate,
        reward=reward,
        risk=risk,
        win_part=win_part,
        loss_part=loss_part,
        ratio=ratio,
        expectancy_r=win_part - loss_part,
        formula=(
            "系统风报比 = (胜率 × 盈利) : (败率 × 亏损)",
            "每笔期望（以止损为单位）= 胜率 × 盈利 − 败率 × 亏损",
        ),
        steps=(
            f"({show_pct(win_rate)} × {show(reward)}) : ({show_pct(loss_rate)} × {show(risk)})"
            f" = {show(win_part, 4)} : {show(loss_part, 4)} = {show(ratio, 4)} : 1",
            f"每笔期望 = {show(win_part, 4)} − {show(loss_part, 4)}"
            f" = {show(win_part - loss_part, 4)} 倍止损",
        ),
        assumptions=(
            "000 文档的算法：胜率7:3、盈亏比3:1 → (7×3):(3×1) = 21:3 = 7:1；不计手续费和滑点",
        ),
    )


def expectancy(win_rate: Decimal, avg_win: Decimal, avg_loss: Decimal) -> ExpectancyResult:
    """Expected P&L per trade: win rate × average win − loss rate × average loss."""
    require_rate(win_rate, "胜率", "胜率60% 平均盈利300 平均亏损200")
    require_positive(avg_win, "平均盈利", "胜率60% 平均盈利300 平均亏损200")
    require_positive(avg_loss, "平均亏损", "胜率60% 平均盈利300 平均亏损200")
    loss_rate = ONE - win_rate
    value = win_rate * avg_win - loss_rate * avg_loss
    return ExpectancyResult(
        win_rate=win_rate,
        avg_win=avg_win,
        avg_loss=avg_loss,
        expectancy=value,
        expectancy_r=value / avg_loss,
        formula=("期望 = 胜率 × 平均盈利 − 败率 × 平均亏损",),
        steps=(
            f"期望 = {show_pct(win_rate)} × {show(avg_win)} − {show_pct(loss_rate)}"
            f" × {show(avg_loss)} = {show(value)}",
        ),
        assumptions=("平均亏损按正数输入；不计手续费和滑点",),
    )
