"""Recognise a term question and pull the term(s) out of it.

Forms: ``什么是X`` / ``啥叫X`` / ``X是什么意思`` / ``X是啥`` / ``X怎么算`` / ``X的计算公式`` /
``X和Y的区别`` / ``X与Y有什么不同`` / ``X?`` / ``/explain X`` (``/term``, ``@Bot`` suffix) /
``what is X`` / ``difference between X and Y`` / a bare term. Text with digits is a
calculation, not a term question (except after ``/explain``). Outside ``/explain`` a question
form only counts when each term is known or close to a known one (a misspelling), so
"今天吃什么" is left to the grammar; a bare message counts only when it is exactly a term.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from bot.terms.loader import term_index
from bot.terms.model import Mode, TermEntry, term_key
from bot.terms.suggest import suggest_terms

MAX_TERM_CHARS = 24
ROUTE_MIN_SCORE = 60.0
"""An unknown term in a question form is routed (to get suggestions) only this close to a name."""

_DIGIT = re.compile(r"\d")
_TRAILING = re.compile(r"(?:[\s?？!！。.~～…,，;；:：]|呢|啊|呀|吗|嘛|哈|吧|哦)+$")
_LEADING = re.compile(
    r"^(?:请问一下|请问|请教一下|请教|问一下|问下|想问一下|想问下|大家好|各位|老师|"
    r"谁知道|有谁知道|谁能(?:给我)?(?:解释|说)(?:一下|下)?|能不能(?:解释|说)(?:一下|下)?|"
    r"hi|hello)[\s,，:：!！]*",
    re.IGNORECASE,
)
_COMMAND = re.compile(
    r"^/(?:explain|term)(?:@\w+)?(?:\s+|$)(?P<rest>.*)$", re.IGNORECASE | re.DOTALL
)
_QUOTES = "\"'“”‘’「」『』《》【】<> "
_NOISE_PREFIX = re.compile(
    r"^(?:期货|交易|股票|合约|币圈|数字货币)?(?:中|里|里面|当中)?的?(?:所谓的?|这个|这个词|术语)?"
)
_NOISE_SUFFIX = re.compile(r"(?:这个词|这个概念|这个术语|一词|制度|机制|规则|的概念|的意思)+$")
_SEPARATORS = re.compile(
    r"\s*(?:和|与|跟|同|以及|及|还有|对比|、|,|，|/)\s*|\s+(?:and|vs\.?|versus)\s+", re.IGNORECASE
)


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], Mode], ...]:
    """Question forms, most specific first (compiled on first use)."""
    diff_tail = (
        r"(?:之间)?(?:的|有|有着)?(?:什么|啥|哪些|哪些|何|哪里|哪儿)?(?:区别|差别|不同|差异|异同|不一样)"
        r"(?:是什么|是啥|在哪里?|在哪儿|有哪些|有多大)?"
    )
    forms: list[tuple[str, Mode]] = [
        (r"^(?:difference|differences) between (?P<terms>.+)$", "diff"),
        (r"^(?:怎么|如何|怎样)?区分(?P<terms>.+)$", "diff"),
        (r"^(?P<terms>.+?)(?:怎么|如何|怎样)区分$", "diff"),
        (rf"^(?P<terms>.+?){diff_tail}$", "diff"),
        (r"^(?P<terms>.+?\s+(?:vs\.?|versus)\s+.+)$", "diff"),
        (
            r"^how (?:do (?:i|you|we) |to |is |are )?(?:calculate|compute|work out) (?P<a>.+?)"
            r"(?: calculated| computed)?$",
            "how",
        ),
        (r"^how is (?P<a>.+?) (?:calculated|computed)$", "how"),
        (r"^(?:怎么|如何|怎样|咋)(?:计算|算|求)(?P<a>.+)$", "how"),
        (
            r"^(?P<a>.+?)(?:要|该|应该|是)?(?:怎么|如何|怎样|咋|咋样)(?:计算|算|求|得出|算出来|来的|算的)(?:的|出来的?)?$",
            "how",
        ),
        (
            r"^(?P<a>.+?)的?(?:计算)?(?:公式|算法|计算方法|计算方式)(?:是什么|是啥|是怎样的|有哪些)?$",
            "how",
        ),
        (
            r"^(?:what(?:'s|’s| is| are| does)|define|definition of|meaning of|explain)\s+"
            r"(?:an?\s+|the\s+)?(?P<a>.+?)(?:\s+mean)?$",
            "what",
        ),
        (r"^(?:什么|啥|何)(?:是|叫|叫做|为|谓)(?P<a>.+)$", "what"),
        (r"^何(?:为|谓)(?P<a>.+)$", "what"),
        (
            r"^(?:解释一下|解释下|解释|讲一下|讲讲|说一下|说说|介绍一下|介绍下|科普一下|科普下)(?P<a>.+)$",
            "what",
        ),
        (
            r"^(?P<a>.+?)(?:到底|究竟)?(?:是|指|是指|指的是)?(?:个|一个)?(?:什么|啥)(?:意思|东西|概念|玩意儿?)?$",
            "what",
        ),
        (r"^(?P<a>.+?)的?(?:意思|含义|定义|概念)(?:是什么|是啥)?$", "what"),
        (r"^(?P<a>.+?)(?:是)?(?:怎么回事|咋回事|怎么理解|如何理解|怎么讲)$", "what"),
    ]
    return tuple((re.compile(pattern, re.IGNORECASE), mode) for pattern, mode in forms)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip()
    previous = None
    while previous != text:
        previous = text
        text = _TRAILING.sub("", text)
        text = _LEADING.sub("", text)
        text = text.strip(_QUOTES)
    return text


def resolve(candidate: str) -> TermEntry | None:
    """The entry a term candidate names: exact, then without filler like 期货中的 / 这个词."""
    index = term_index().by_key
    text = candidate.strip(_QUOTES)
    for variant in (text, _NOISE_SUFFIX.sub("", _NOISE_PREFIX.sub("", text, count=1))):
        entry = index.get(term_key(variant))
        if entry is not None:
            return entry
    stripped = text.removesuffix("的").removeprefix("所谓")
    return index.get(term_key(stripped))


def _named(candidate: str) -> str:
    """The canonical title when the candidate names an entry; otherwise the text as typed."""
    entry = resolve(candidate)
    return entry.title if entry is not None else candidate.strip(_QUOTES)


def _split_terms(text: str) -> list[str]:
    """``X和Y`` → [X, Y]; a separator inside a term (平今/平昨, 跟踪止损) does not split it."""
    if resolve(text) is not None:
        return [text]
    for separator in _SEPARATORS.finditer(text):
        left, right = text[: separator.start()], text[separator.end() :]
        if left and right and resolve(left) is not None and resolve(right) is not None:
            return [left, right]
    glued = range(1, len(text)) if not any(ch.isspace() for ch in text) else range(0)
    for cut in glued:  # 逐仓全仓: two known terms written together (no space: /explain X Y)
        left, right = text[:cut], text[cut:]
        if resolve(left) is not None and resolve(right) is not None:
            return [left, right]
    parts = [part.strip(_QUOTES) for part in _SEPARATORS.split(text)]
    return [part for part in parts if part]


def _known_or_close(term: str) -> bool:
    return resolve(term) is not None or bool(suggest_terms(term, 1, ROUTE_MIN_SCORE))


def _plausible(term: str) -> bool:
    return bool(term) and len(term) <= MAX_TERM_CHARS and not _DIGIT.search(term)


def route_question(text: str) -> tuple[list[str], Mode] | None:
    """Recognise a term question; return the term(s) (titles where known) and the mode."""
    stripped = unicodedata.normalize("NFKC", text).strip()
    command = _COMMAND.match(stripped)
    if command:
        rest = _clean(command.group("rest"))
        if not rest:
            return [], "what"  # the catalogue
        return _route_plain(rest, explicit=True) or _route_listed(rest)
    threshold = _THRESHOLD.match(stripped)
    if threshold is not None and resolve(threshold.group("term")) is not None:
        return [_named(threshold.group("term"))], "what"  # 风险度超过100%会怎样
    if _DIGIT.search(stripped) or len(stripped) > 4 * MAX_TERM_CHARS:
        return None
    routed = _route_plain(_clean(stripped), explicit=False)
    if routed is None:  # 穿仓了要还钱吗: the question words kept (_clean drops a final 吗)
        routed = _term_then_question(_LEADING.sub("", stripped))
    return routed


def _route_listed(text: str) -> tuple[list[str], Mode]:
    """``/explain X和Y`` compares; ``/explain X Y`` explains each; anything else is one term."""
    terms = _split_terms(text)
    if len(terms) > 1:
        return [_named(term) for term in terms], "diff"
    words = text.split()
    if len(words) > 1 and all(resolve(word) is not None for word in words):
        return [_named(word) for word in words], "what"
    return [_named(text)], "what"


def _route_plain(text: str, *, explicit: bool) -> tuple[list[str], Mode] | None:
    if not text:
        return None
    entry = resolve(text)
    if entry is not None:
        return [entry.title], "what"
    for pattern, mode in _patterns():
        match = pattern.match(text)
        if match is None:
            continue
        groups = match.groupdict()
        if mode == "diff":
            terms = _split_terms(_clean(groups["terms"]))
            if len(terms) < 2 and not explicit:
                continue
        else:
            terms = [_clean(groups["a"])]
        if not all(_plausible(term) for term in terms):
            continue
        if not explicit and not all(_known_or_close(term) for term in terms):
            continue  # "今天吃什么" is not a term question; a misspelt term still is
        return [_named(term) for term in terms], mode
    return None


_QUESTION_TAIL = re.compile(
    r"谁|吗|么|怎样|怎么|为什么|为啥|如何|哪|多少|是否|有没有|能不能|会不会|干嘛|干啥|有啥用|用来"
)
_THRESHOLD = re.compile(
    r"^(?P<term>[^\d\s]{2,12}?)(?:超过|达到|到了|到|高于|大于|低于|小于|超)"
    r"\d+(?:\.\d+)?%?(?:了|以后|之后|时)?"
    r"(?:会怎样|会怎么样|会如何|怎么办|咋办|会发生什么|意味着什么|是什么意思)[?？]?$"
)
"""``风险度超过100%会怎样``: a known term past a level, and what follows — the term's entry
answers it (the one number here is a level, not a calculation)."""
_PASSIVE = ("被", "如果", "要是")
"""Words before the term of a question (被强平手续费会更贵吗 asks about 强平)."""
MAX_TAIL_CHARS = 12


def _term_then_question(text: str) -> tuple[list[str], Mode] | None:
    """``强平了盈利归谁`` / ``强平手续费比平时贵吗``: a known term first, then a short question
    about it — the term's entry answers it (its explanation covers who keeps what, the fees …)."""
    for word in _PASSIVE:
        if text.startswith(word) and len(text) > len(word) + 2:
            text = text[len(word) :]
            break
    for end in range(min(len(text) - 1, MAX_TERM_CHARS), 1, -1):
        tail = text[end:]
        if len(tail) > MAX_TAIL_CHARS or not _QUESTION_TAIL.search(tail):
            continue
        entry = resolve(text[:end])
        if entry is not None:
            return [entry.title], "what"
    return None
