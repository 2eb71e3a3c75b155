"""Parse errors → ``UserFacingError``: what was not understood, where, what was expected, and a
correct example for that kind of command.

The kind of error is found with Lark's ``match_examples`` over a table of bad samples per kind
(the first match for a parser state and token type is cached, so a repeated mistake costs one
dictionary lookup). The offending text is quoted rather than marked with a caret, which would
be misplaced under full-width characters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from lark import Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from bot.errors import UserFacingError
from bot.parse.normalize import EXAMPLE


@dataclass(frozen=True)
class ErrorKind:
    """One kind of parse error: its message template and the correct example to show."""

    name: str
    message: str
    """Template with ``{word}`` (the quoted text) and ``{after}`` (the key before it)."""
    example: str


MISSING_NUMBER = ErrorKind("missing_number", "“{after}”后面缺少数字", EXAMPLE)
UNIT_WITHOUT_NUMBER = ErrorKind("unit_without_number", "“{word}”前面缺少数字", "开多2手 1000")
UNKNOWN_WORD = ErrorKind("unknown_word", "没看懂“{word}”", EXAMPLE)
INCOMPLETE_RATIO = ErrorKind("incomplete_ratio", "比例“{after}”不完整", "盈亏比3:1 保本胜率")
MISPLACED = ErrorKind("misplaced", "“{word}”放在这里看不懂", EXAMPLE)

# One literal per key that needs a value, with the example shown for it.
VALUE_KEYS: Mapping[str, tuple[str, str]] = {
    "EQUITY_WORD": ("权益", "权益10万"),
    "WALLET_WORD": ("钱包", "钱包10000"),
    "USED_WORD": ("保证金占用", "保证金占用8万"),
    "MARK_WORD": ("现价", "现价3500"),
    "ENTRY_WORD": ("开仓价", "开仓价3500"),
    "EXIT_WORD": ("平仓价", "平仓价3550"),
    "PREV_SETTLE_WORD": ("昨结", "昨结1500"),
    "SETTLE_WORD": ("今结", "今结1515"),
    "PER_LOT_WORD": ("每手", "每手10吨"),
    "PER_POINT_WORD": ("每点", "每点300元"),
    "TODAY_FEE_WORD": ("平今手续费", "平今手续费万分之3.45"),
    "COMMISSION_WORD": ("佣金", "佣金万2.5"),
    "MAINT_WORD": ("维持保证金", "维持保证金8%"),
    "MAINT_AMOUNT_WORD": ("维持保证金额", "维持保证金额50"),
    "FUNDING_WORD": ("资金费率", "资金费率0.01% 3次"),
    "FEE_RATE_WORD": ("费率", "费率0.05%"),
    "TARGET_RISK_WORD": ("目标风险度", "目标风险度80%"),
    "WIN_RATE_WORD": ("胜率", "胜率70% 盈亏比3:1"),
    "RR_WORD": ("盈亏比", "盈亏比3:1"),
    "TARGET_PROFIT_WORD": ("目标盈利", "目标盈利2000"),
    "MAX_LOSS_WORD": ("最大亏损", "最大亏损1000"),
    "PREMIUM_WORD": ("权利金", "权利金50"),
    "MIN_COMMISSION_WORD": ("最低佣金", "最低佣金5"),
    "STAMP_WORD": ("印花税", "印花税0.05%"),
    "TRANSFER_WORD": ("过户费", "过户费0.001%"),
    "OTHER_MAINT_WORD": ("其他维持保证金", "其他维持保证金100"),
    "OTHER_UPNL_WORD": ("其他未实现盈亏", "其他未实现盈亏-200"),
    "OTHER_LOSS_WORD": ("其他浮亏", "其他浮亏200"),
    "STRIKE_WORD": ("行权价", "行权价3000"),
    "LEVERAGE_WORD": ("杠杆", "杠杆10倍"),
    "AT": ("@", "开多2手 @1000"),
    "ARROW": ("→", "开多2手 1000→1020"),
    "MYRIAD": ("万分之", "手续费万分之0.23"),
    "THOUSANDTH": ("千分之", "手续费千分之1"),
    "HUNDREDTH": ("百分之", "保证金百分之10"),
}
UNIT_WORDS = ("手", "%", "倍", "次", "元/手", "个", "股", "进", "出", "元")

EXPECTED_CN: Mapping[str, str] = {
    "NUMBER": "数字",
    "CN_NUMBER": "数字",
    "COLON": "冒号",
    "LOTS_UNIT": "“手”",
    "PERCENT": "“%”",
    "MYRIAD": "“万分之”",
    "YUAN": "“元”",
    "FEE_UNIT": "“元/手”",
    "TIMES": "“倍”",
    "BI": "“比”",
}
CLAUSE_HINT = (
    "可以写：方向和手数（开多2手）、价格、合约（rb）、乘数、手续费、保证金、权益，"
    "或问题（盈亏、强平价、风险度、保本价、开几手）"
)


RATE_PREFIXES = ("万分之", "千分之", "百分之")
PRICE_PREFIXES = ("@", "→")


def _examples() -> list[tuple[ErrorKind, list[str]]]:
    """Bad samples per kind. Lark compares parser states including the stack depth, so each
    sample comes bare and after one clause (``开多 …``), ending at EOF, before a keyword and
    before unknown text."""
    contexts = ("", "开多 ")
    tails = ("", " 开多", " 你好")
    missing = [
        f"{context}{literal}{colon}{tail}"
        for literal, _ in VALUE_KEYS.values()
        if literal not in RATE_PREFIXES + PRICE_PREFIXES
        for context in contexts
        for colon in ("", ":")
        for tail in tails
    ]
    missing += [
        f"{context}手续费{prefix}{tail}"
        for prefix in RATE_PREFIXES
        for context in contexts
        for tail in tails
    ]
    missing += [
        f"{context}{prefix}{tail}"
        for prefix in PRICE_PREFIXES
        for context in contexts
        for tail in tails
    ]
    units = [f"{context}{unit} 2" for unit in UNIT_WORDS for context in contexts]
    return [
        (UNKNOWN_WORD, ["你好", "开多 你好", "开多2手 1000 你好"]),
        (MISSING_NUMBER, missing),
        (
            INCOMPLETE_RATIO,
            [
                f"{c}{r}{t}"
                for c in contexts
                for r in ("盈亏比3:", "3:", "3比", "胜率7:")
                for t in tails
            ],
        ),
        (UNIT_WITHOUT_NUMBER, units + [f"{c}{p}万分之 2" for c in contexts for p in ("",)]),
    ]


_cache: dict[tuple[str, object, str], ErrorKind] = {}


def classify(error: UnexpectedInput, parse: Callable[[str], Tree[Token]]) -> ErrorKind:
    """The kind of a parse error (``match_examples``, cached by parser state and token type)."""
    token = getattr(error, "token", None)
    state = error.state
    state_key = (getattr(state, "position", state), len(getattr(state, "state_stack", ())))
    key = (type(error).__name__, state_key, token.type if isinstance(token, Token) else "")
    kind = _cache.get(key)
    if kind is None:
        # use_accepts=False: with it, lark 1.3 formats a debug message with %d of a
        # ParserState and raises TypeError when two states differ only in their accepts.
        label = error.match_examples(
            parse, _examples(), token_type_match_fallback=True, use_accepts=False
        )
        kind = label if isinstance(label, ErrorKind) else MISPLACED
        if isinstance(error, UnexpectedCharacters) and kind is MISPLACED:
            kind = UNKNOWN_WORD
        _cache[key] = kind
    return kind


def _word_at(text: str, pos: int) -> str:
    """The run of characters starting at ``pos`` up to the next space or digit (≤ 8 chars)."""
    end = pos
    while end < len(text) and end - pos < 8 and not text[end].isspace() and not text[end].isdigit():
        end += 1
    return text[pos:end] or text[pos : pos + 1]


def _last_token(error: UnexpectedInput) -> Token | None:
    """The token just before the error (a key waiting for its value), if it is unreduced."""
    parser = getattr(error, "interactive_parser", None)
    stack = getattr(getattr(parser, "parser_state", None), "value_stack", None) or []
    if stack and isinstance(stack[-1], Token):
        return stack[-1]
    return None


def _expected(error: UnexpectedInput) -> str:
    names: set[str] = set()
    if isinstance(error, UnexpectedToken | UnexpectedEOF):
        names = set(error.expected)
    elif isinstance(error, UnexpectedCharacters):
        names = set(error.allowed or ())
    described = sorted({EXPECTED_CN[name] for name in names if name in EXPECTED_CN})
    if described and len(names) <= 8:
        return "这里应该是" + "或".join(described)
    return CLAUSE_HINT


def parse_error(
    error: UnexpectedInput, text: str, parse: Callable[[str], Tree[Token]]
) -> UserFacingError:
    """A Chinese explanation of a Lark error, with the quoted text and a correct example."""
    kind = classify(error, parse)
    if isinstance(error, UnexpectedCharacters):
        pos = error.pos_in_stream or 0
        word = _word_at(text, pos)
    elif isinstance(error, UnexpectedToken) and error.token.type != "$END":
        pos = error.token.start_pos or 0
        word = str(error.token.value)
    else:
        pos = len(text)
        word = ""
    last = _last_token(error)
    after = str(last.value) if last is not None else text[:pos].strip()[-6:]
    example = kind.example
    if kind is MISSING_NUMBER and last is not None and last.type in VALUE_KEYS:
        example = VALUE_KEYS[last.type][1]
    message = kind.message.format(word=word, after=after)
    if kind is UNKNOWN_WORD or kind is MISPLACED:
        message += "。" + _expected(error)
    elif kind is MISSING_NUMBER and word:
        message += f"（看到的是“{word}”）"
    before = text[:pos].strip()
    where = f"第 {pos + 1} 个字附近" + (f"，“{before[-8:]}”之后" if before else "（开头）")
    return UserFacingError(message, example=example, where=where)
