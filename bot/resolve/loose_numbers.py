"""Numbers typed outside a leg: a quantity with no direction word, a price before any leg,
``现在3480`` after the legs.

- Only the margin is asked (``rb 3500 10手 保证金12% 保证金``): the side does not change the
  margin, so it is computed for one position and the reply says the side was not needed.
- ``现在3480`` after an open position and no close: the current price (said in the notes); with
  a close in the message it could be the close price, so the user is asked.
- Anything else left over is asked about, as before (``2手 1000`` has no direction word).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from bot.core.numbers import num
from bot.defaults import ChatDefaults
from bot.parse.normalize import EXAMPLE
from bot.parse.spec import LegSpec, LegWord, MessageSpec
from bot.resolve.context import (
    CLOSE_WORDS,
    DEFAULT_LOTS,
    EX_PERP,
    EX_TRADE,
    Context,
    Plan,
    ask,
    contract_info,
    margin_amount,
)
from bot.resolve.understood import UNIT_WORD

MARGIN_ONLY_QUESTIONS = frozenset({"margin", "contract"})
EX_MARGIN_ONLY = "rb 3500 10手 保证金10% 保证金"
EX_NOW = "开多5手 rb 3500 平3手 3550 现价3540"
EX_RISK_NOW = "权益10万 风险度90% 追加多少"
SIDE_FREE = "只问保证金，与多空方向无关"


def has_loose_numbers(spec: MessageSpec) -> bool:
    return bool(spec.loose_prices) or spec.loose_lots is not None or spec.now_price is not None


def margin_only_plan(spec: MessageSpec, defaults: ChatDefaults) -> Plan | None:
    """``保证金10% rb 3500 一手多少保证金``: no direction word, only the margin asked."""
    from bot.resolve.crypto import is_crypto
    from bot.resolve.futures import trades_plan

    questions = set(spec.questions)
    if not questions <= MARGIN_ONLY_QUESTIONS:
        return None
    lots = spec.loose_lots
    unit = spec.loose_unit or "lots"
    prices = [*spec.loose_prices]
    if spec.legs:  # 开5手 3500 要多少保证金: an open with no side is fine here
        if len(spec.legs) != 1 or spec.legs[0].word != "open_any" or lots is not None:
            return None
        only = spec.legs[0]
        lots, unit = only.lots, only.unit or "lots"
        if only.price is not None:
            prices.append(only.price)
    if "margin" not in questions and spec.margin is None:
        return None
    if margin_amount(spec) is not None or spec.equity is not None:
        return None  # 保证金8万 / 权益10万: a risk question, not a margin one
    for price in (spec.now_price, spec.mark_price, spec.entry_price):
        if price is not None:
            prices.append(price)
    if len(prices) > 1:
        return None  # which number is the price? the loose-number question says
    ctx = Context(spec, defaults, contract_info(spec))
    if is_crypto(ctx):
        return None
    if not prices:
        lots_text = num(lots) if lots is not None else "1"
        raise ask(
            "算保证金要知道价格：保证金 = 价格 × 乘数 × 手数 × 保证金率，请写上开仓价或现价"
            "和保证金率",
            f"{ctx.info.text + ' ' if ctx.info else ''}3500 {lots_text}手 保证金10% 保证金",
        )
    price = prices[0]
    if lots is None:
        lots = DEFAULT_LOTS
        ctx.notes.append("没写手数，按 1 手计算")
    if spec.margin is None and defaults.margin_rate is None:
        symbol = ctx.info.text + " " if ctx.info else ""
        raise ask(
            "算保证金需要保证金率（各期货公司不同）：请加上“保证金10%”这样的写法",
            f"{symbol}{num(price)} {num(lots)}手 保证金10% 保证金",
        )
    leg = LegSpec(word="open_long", text="持仓", lots=lots, unit=unit, price=price)
    margin_spec = spec.updated(
        legs=(leg,),
        loose_prices=(),
        loose_lots=None,
        loose_unit=None,
        now_price=None,
        mark_price=None,
        entry_price=None,
        questions=("margin",),
    )
    ctx = Context(margin_spec, defaults, ctx.info, ctx.notes)
    ctx.notes.append(SIDE_FREE + "（表中按多头列出，空头相同）")
    plan = trades_plan(ctx)
    what = f"{num(lots)} 手 @{num(price)}（{SIDE_FREE}）"
    return plan._replace(understood=(what, *plan.understood[1:]), mirror=None)


def contract_value_plan(spec: MessageSpec, defaults: ChatDefaults) -> Plan | None:
    """``rb 3500 合约价值`` / ``BTC 60000 2个 名义价值``: a contract question with one price (and
    perhaps a quantity) and nothing else is the value of the position at that price."""
    from bot.core.value import ContractValueRequest

    if spec.legs or set(spec.questions) != {"contract"} or spec.loose_unit == "shares":
        return None
    prices = [*spec.loose_prices]
    prices += [p for p in (spec.now_price, spec.mark_price, spec.entry_price) if p is not None]
    lots = spec.loose_lots
    if len(prices) != 1 or spec.numbers != 1 + (lots is not None):
        return None  # anything else typed: the usual questions about loose numbers
    ctx = Context(spec, defaults, contract_info(spec))
    info = ctx.info
    if info is None or info.contract is None:
        return None
    crypto = info.contract.kind == "crypto"
    unit = "个" if crypto else "手"
    if lots is None:
        lots = DEFAULT_LOTS
        ctx.notes.append(f"没写{'数量' if crypto else '手数'}，按 1 {unit}计算")
    request = ContractValueRequest(
        contract=info.contract, price=prices[0], quantity=lots, month=info.month
    )
    word = "名义价值" if crypto else "合约价值"
    understood = (f"{info.label} {num(lots)} {unit} @{num(prices[0])} 的{word}",)
    return Plan("contract_value", request, understood, tuple(ctx.notes), month=info.month)


def side_from_stop_and_target(spec: MessageSpec, notes: list[str]) -> MessageSpec:
    """``rb 3500 止损3450 止盈3600 盈亏比`` / ``rb 3500 止损3450 2手 亏多少``: no direction
    word, but a stop below the price (or a target above it) can only be a long's, and the
    other way round a short's."""
    price, stop, target = spec.loose_prices[0], spec.stop_price, spec.target_price
    stop_below = (stop is None or stop < price) and (target is None or target > price)
    stop_above = (stop is None or stop > price) and (target is None or target < price)
    if stop_below == stop_above:  # a stop on the price, or stop and target on one side
        raise ask(_between_message(price, stop, target), "开多 rb 3500 止损3450 止盈3600")
    word: LegWord = "open_long" if stop_below else "open_short"
    if stop is not None and target is not None:
        where = "止损在下、止盈在上" if stop_below else "止损在上、止盈在下"
    elif stop is not None:
        where = f"止损{'低于' if stop_below else '高于'}价格"
    else:
        where = f"止盈{'高于' if stop_below else '低于'}价格"
    notes.append(f"没写方向：{where}，按{'多头' if stop_below else '空头'}计算")
    text = "开多" if stop_below else "开空"
    leg = LegSpec(word=word, text=text, lots=spec.loose_lots, unit=spec.loose_unit, price=price)
    return spec.updated(legs=(leg,), loose_prices=(), loose_lots=None, loose_unit=None)


def _between_message(price: Decimal, stop: Decimal | None, target: Decimal | None) -> str:
    if stop is not None and target is not None:
        return f"价格 {num(price)} 应在止损 {num(stop)} 和止盈 {num(target)} 之间，请检查或写上方向"
    what, value = ("止损", stop) if stop is not None else ("止盈", target or price)
    return f"{what} {num(value)} 和价格 {num(price)} 相同，看不出方向：请写上开多或开空"


def place_loose_rate(spec: MessageSpec, notes: list[str]) -> MessageSpec:
    """``一手螺纹多少保证金 3500 12%``: a percentage with no name is the margin rate when the
    margin is what is asked and no rate was named; anything else is asked about."""
    rate = spec.loose_rate
    assert rate is not None
    if "margin" in spec.questions and spec.margin is None:
        notes.append(f"“{rate.text}”按保证金率计算")
        return spec.updated(margin=rate, loose_rate=None)
    raise ask(
        f"“{rate.text}”是什么比例？请写上名称，如“保证金{rate.text}”“风险{rate.text}”",
        "rb 3500 保证金12% 一手多少钱",
    )


def place_loose_numbers(spec: MessageSpec, notes: list[str]) -> MessageSpec:
    """Ask about numbers that belong to no leg; ``现在3480`` becomes the current price when
    that is the only sensible reading."""
    if (
        len(spec.loose_prices) == 1
        and not spec.legs
        and (spec.stop_price is not None or spec.target_price is not None)
        and spec.entry_price is None
        and (spec.target_price is not None or "size" not in spec.questions)
    ):
        spec = side_from_stop_and_target(spec, notes)
    if spec.loose_lots is not None:
        unit = UNIT_WORD[spec.loose_unit or "lots"]
        example = EX_PERP if spec.loose_unit == "coins" else EX_TRADE
        raise ask(
            f"“{num(spec.loose_lots)}{unit}”没有写方向：请写开多/开空（或买入/卖出）", example
        )
    if (
        len(spec.loose_prices) == 1
        and not spec.legs
        and spec.entry_price is None
        and "size" in spec.questions
    ):  # 我有10万 做螺纹 3500 止损3450 能开几手: the only price is the entry
        spec = spec.updated(entry_price=spec.loose_prices[0], loose_prices=())
    if spec.loose_prices:
        value = num(spec.loose_prices[0])
        leg = spec.legs[0] if len(spec.legs) == 1 else None
        if len(spec.loose_prices) == 1 and leg is not None and leg.price is not None:
            # 多2手 3500 3550: the close, or where the price is now?
            lots = "" if leg.lots is None else f"{num(leg.lots)}手"
            opened = f"{leg.text}{lots} {num(leg.price)}"
            raise ask(
                f"“{value}”是平仓价还是现价？请写“平仓{value}”或“现价{value}”",
                f"{opened} 平仓{value}（或 {opened} 现价{value}）",
            )
        raise ask(
            f"数字“{value}”不知道是什么：价格请写在方向和手数后面（如“开多2手 {value}”），"
            f"其他数字请加上名称（如“现价{value}”“权益10万”“乘数10”）",
            EX_TRADE,
        )
    now = spec.now_price
    if now is None:
        return spec
    return spec.updated(mark_price=_now_as_mark(spec, now, notes), now_price=None)


def settle_as_mark(spec: MessageSpec, notes: list[str]) -> MessageSpec:
    """``昨天开的多单2手3500 今天结算3520``: a 今结 with no 昨结 prices the open position at the
    settlement price (逐笔对冲, from the open price); 逐日盯市 would need 昨结 as well."""
    if spec.settle is None or spec.prev_settle is not None or spec.mark_price is not None:
        return spec
    if not spec.legs:
        return spec
    notes.append(
        f"没写昨结算价：按今结算价 {num(spec.settle)} 计算持仓盈亏（逐笔对冲，从开仓价算起）；"
        "逐日盯市的当日盈亏请再写“昨结…”"
    )
    return spec.updated(mark_price=spec.settle, settle=None)


_SIDE_OF = {"open_long": "long", "buy": "long", "open_short": "short", "sell": "short"}


def _may_close(legs: Sequence[LegSpec]) -> bool:
    """A close word, or a buy after a short (a sell after a long): 多单3手 又买了2手 adds."""
    sides: set[str | None] = set()
    for leg in legs:
        if leg.word in CLOSE_WORDS:
            return True
        side = _SIDE_OF.get(leg.word)
        if leg.word in ("buy", "sell") and sides and sides != {side}:
            return True  # after the other side, or a side not known (开3手 … 卖2手)
        sides.add(side)
    return False


def _now_as_mark(spec: MessageSpec, now: Decimal, notes: list[str]) -> Decimal:
    text = num(now)
    if not spec.legs:
        raise ask(
            f"“现在{text}”是什么价？请写上持仓：方向、手数和开仓价（如“开多2手 3500 现价{text}”）",
            EXAMPLE,
        )
    if spec.mark_price is not None:
        raise ask(f"写了两个现价：“现在{text}”和“现价{num(spec.mark_price)}”，请只写一个", EX_NOW)
    if _may_close(spec.legs):
        raise ask(
            f"“现在{text}”是平仓价还是现价？已经平了请写“平仓{text}”，还拿着请写“现价{text}”",
            EX_NOW,
        )
    notes.append(f"“现在{text}”按现价（最新价）计算浮动盈亏")
    return now


def apply_x_factor(spec: MessageSpec, defaults: ChatDefaults) -> MessageSpec:
    """``x100`` is the multiplier of a futures contract; on a crypto one (``btc long 1 @60000
    x20``) it is the leverage, unless a leverage was typed as well."""
    from bot.resolve.crypto import is_crypto

    factor = spec.x_factor
    if factor is None:
        return spec
    crypto = is_crypto(Context(spec, defaults, contract_info(spec)))
    if crypto and spec.leverage is None:
        return spec.updated(leverage=factor, x_factor=None)
    if spec.multiplier is not None and spec.multiplier != factor:
        raise ask(
            f"“乘数”写了两个不同的值：{num(spec.multiplier)} 和 {num(factor)}，"
            "以哪个为准？请只写一个",
            EXAMPLE,
        )
    return spec.updated(multiplier=factor, x_factor=None)


def apply_risk_now(spec: MessageSpec, notes: list[str]) -> MessageSpec:
    """``风险度90% 权益10万``: the margin in use is 90 % of the equity."""
    from bot.resolve.context import parse_rate

    rate = spec.risk_now
    if rate is None:
        return spec
    ratio = parse_rate(rate, "风险度", EX_RISK_NOW)
    if spec.equity is None:
        raise ask(
            f"风险度 {num(ratio * 100)}% 要换成金额还需要账户权益，请加上“权益10万”", EX_RISK_NOW
        )
    if spec.margin_used is not None or margin_amount(spec) is not None:
        notes.append("写了保证金占用，按占用计算（未用风险度）")
        return spec.updated(risk_now=None)
    notes.append(f"保证金占用 = 权益 × 风险度 {num(ratio * 100)}%")
    return spec.updated(margin_used=spec.equity * ratio, risk_now=None)


def check_remaining(spec: MessageSpec) -> None:
    """``开多5手 3500 平3手 3550 剩下2手``: the stated remainder must match the legs."""
    from bot.errors import UserFacingError
    from bot.resolve.legs import resolve_legs

    stated = spec.remaining
    if stated is None:
        return
    if not spec.legs or spec.remaining_after == 0:
        raise ask(f"“剩下{num(stated)}手”之前没有开平仓记录", EX_NOW)
    before = spec.legs if spec.remaining_after is None else spec.legs[: spec.remaining_after]
    try:
        legs = resolve_legs(before, [])
    except UserFacingError:
        return  # the plan asks its own question about the legs
    left = sum((leg.lots if leg.action == "open" else -leg.lots for leg in legs), Decimal(0))
    if left != stated:
        raise ask(f"按你写的开平仓，还剩 {num(left)} 手，不是 {num(stated)} 手：请核对手数", EX_NOW)
