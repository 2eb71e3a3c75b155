"""What the bot says on its own (help, greeting, command menu) and how commands map to questions.

Every command that asks a question turns its argument into the text ``bot.pipeline.answer``
gets: ``/liq X`` asks ``X 强平价`` unless X already names the question, and so on (see
``QUERY_COMMANDS``). Examples here are real questions: a test sends each through the pipeline.
"""

from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True)
class QueryCommand:
    """A command whose argument is a question for the pipeline."""

    names: tuple[str, ...]
    description_zh: str
    description_en: str
    example: str
    prefix: str = ""
    suffix: str = ""
    keywords: tuple[str, ...] = ()
    """If the argument already contains one of these, nothing is added."""

    def to_question(self, argument: str) -> str:
        """The pipeline input for ``/name argument``."""
        text = argument.strip()
        if any(word in text.lower() for word in self.keywords):
            return text
        return f"{self.prefix}{text}{self.suffix}"


QUERY_COMMANDS: tuple[QueryCommand, ...] = (
    QueryCommand(
        ("calc", "c"),
        "计算：盈亏、保证金、风险度…",
        "Calculate (P&L, margin, risk…)",
        "买开5手rb2505 3500 卖平3550 手续费3元/手",
    ),
    QueryCommand(("pnl",), "平仓/浮动盈亏", "Profit and loss", "开多2手 1000 平仓 1020 乘数100"),
    QueryCommand(
        ("liq",),
        "强平价",
        "Liquidation price",
        "权益10万 开空10手 rb 3500 保证金10%",
        suffix=" 强平价",
        keywords=("强平", "爆仓", "平仓线", "liq"),
    ),
    QueryCommand(
        ("risk",),
        "风险度",
        "Risk degree (margin / equity)",
        "权益10万 保证金占用8万",
        suffix=" 风险度",
        keywords=("风险度", "风险率"),
    ),
    QueryCommand(
        ("size",),
        "能开几手",
        "Position size for a risk budget",
        "权益10万 风险2% 开多 rb 入场3500 止损3450",
        suffix=" 开几手",
        keywords=("几手", "手数"),
    ),
    QueryCommand(
        ("explain", "term"),
        "名词解释",
        "Explain a trading term",
        "逐日盯市",
        prefix="什么是",
        keywords=("什么", "区别", "怎么算", "意思"),
    ),
    QueryCommand(
        ("contract",),
        "合约乘数、最小变动价位",
        "Contract specs",
        "rb",
        suffix=" 合约",
        keywords=("合约",),
    ),
)
QUERY_COMMAND_BY_NAME = {name: cmd for cmd in QUERY_COMMANDS for name in cmd.names}

OTHER_COMMANDS_ZH = (
    ("settings", "本聊天的默认手续费、保证金率等"),
    ("help", "用法和例子"),
    ("start", "开始"),
)
OTHER_COMMANDS_EN = (
    ("settings", "Chat defaults (fees, margin rate, risk lines)"),
    ("help", "Usage and examples"),
    ("start", "Start"),
)


def command_menu(language: str) -> list[tuple[str, str]]:
    """(command, description) pairs for ``set_my_commands``; aliases are left out."""
    english = language == "en"
    rows = [
        (cmd.names[0], cmd.description_en if english else cmd.description_zh)
        for cmd in QUERY_COMMANDS
    ]
    rows.extend(OTHER_COMMANDS_EN if english else OTHER_COMMANDS_ZH)
    return rows


START_EXAMPLES = (
    "开多2手 1000 平仓 1020 乘数100",
    "权益10万 开空10手 rb 3500 保证金10% 强平价",
    "什么是逐日盯市",
)

HELP_EXAMPLES: tuple[tuple[str, str, str], ...] = (
    ("盈亏", "pnl", "开多2手 1000 平仓 1020 乘数100"),
    ("手续费", "calc", "买开5手rb2505 3500 卖平3550 手续费3元/手"),
    ("强平价", "liq", "权益10万 开空10手 rb 3500 保证金10%"),
    ("风险度", "risk", "权益10万 保证金占用8万"),
    ("开几手", "size", "权益10万 风险2% 开多 rb 入场3500 止损3450"),
    ("保本价", "calc", "开多2手 rb 3500 手续费3元/手 保本价"),
    ("保本胜率", "calc", "盈亏比3:1 保本胜率"),
    ("合约", "contract", "rb"),
    ("名词", "explain", "风险度"),
)


def _code(text: str) -> str:
    return f"<code>{html.escape(text, quote=False)}</code>"


def start_html(private: bool) -> str:
    """Greeting with three examples."""
    lead = (
        "你好，我是<b>平仓助手</b>：把交易写成一句话发给我，我算出盈亏、保证金、风险度和强平价。"
        if private
        else "你好，我是<b>平仓助手</b>：在群里用命令（如 /calc）、@我 或回复我的消息来提问。"
    )
    lines = [lead, "试试："]
    lines.extend(_code(example) for example in START_EXAMPLES)
    lines.append("更多用法：/help")
    return "\n".join(lines)


def group_greeting_html() -> str:
    """The one message the bot sends when it is added to a group."""
    return "\n".join(
        (
            "大家好，我是<b>平仓助手</b>。提问："
            + _code("/c " + START_EXAMPLES[0])
            + "，或 @我、回复我的消息。",
            "管理员可用 /settings 设置本群默认手续费和保证金（可按品种）。",
            "隐私模式下我只看到命令、@我 和回复我的消息，其余聊天我看不到。",
        )
    )


def help_html(bot_username: str) -> str:
    """Short examples for each kind of question."""
    lines = ["<b>平仓助手用法</b>（私聊直接发问题；群里用命令、@我 或回复我）"]
    for label, command, example in HELP_EXAMPLES:
        lines.append(f"<b>{label}</b>：{_code(f'/{command} {example}')}")
    lines.extend(
        (
            "任意问题：/calc（简写 /c）；名词也可用 /term",
            f"<b>设置</b>：{_code('/settings')} 查看；"
            f"{_code('/settings 手续费 3元/手 保证金 10%')} 修改（群里仅管理员）",
            f"<b>内联</b>：在任意聊天输入 {_code(f'@{bot_username} {START_EXAMPLES[0]}')}",
            f"<b>按品种</b>：{_code('/settings rb 手续费 3元/手')}",
            "回复我的回答可改条件重算，如 改成3手、平仓 3600 呢、换成 i。",
            "答案下的按钮：详细（群里）、显示公式、反向(多↔空)。",
        )
    )
    return "\n".join(lines)


def prompt_text(command: QueryCommand) -> str:
    """The one-line prompt a bare command gets (plain text: it comes back, as Telegram shows
    it, in the ``reply_to_message`` of the answer, and names the command there)."""
    return f"{command.description_zh}：请回复这条消息，写上内容，例如 {command.example}"


def prompted_command(shown: str) -> QueryCommand | None:
    """The command whose prompt is ``shown`` (the text of the message replied to)."""
    for command in QUERY_COMMANDS:
        if shown == prompt_text(command):
            return command
    return None


def usage_html(command: QueryCommand) -> str:
    """What to type after a command that came without a question."""
    return f"用法：{_code(f'/{command.names[0]} {command.example}')}"


MENTION_ONLY_HTML = "请在 @我 后面写上问题，例如 " + _code("开多2手 1000 平仓 1020 乘数100")
UNKNOWN_COMMAND_HTML = "没有这个命令。发送 /help 查看用法。"
APOLOGY_HTML = "抱歉，处理这条消息时出了点问题，请稍后再试。"
FLOOD_HTML = "提问太快了，请稍等片刻再问。"
EXPIRED_BUTTON = "这个按钮已过期，请重新发送问题。"
NO_MIRROR = "这个问题没有反向的情形。"
INLINE_HELP_BUTTON = "还没算出来：点此看怎么写"
ADMIN_ONLY_HTML = "只有群管理员可以修改本群设置；任何人都可以用 /settings 查看。"


def settings_hint() -> str:
    """How to change settings (plain text)."""
    return (
        "修改：/settings 手续费 3元/手 保证金 10% 预警线 80% 强平线 100% 维持保证金率 0.5%\n"
        "恢复默认：/settings 重置（群里仅管理员可修改）"
    )


SETTINGS_RACE_HTML = "设置未更新：刚才有人同时修改了同一项设置。请用 /settings 查看当前设置后再试。"
