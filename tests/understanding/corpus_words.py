"""Issue 14 (parts 1 and 2): the words and orders traders type, and numbers that must never
come out silently wrong — 平今/平昨, the day's equity from 亏了/赚了, refusals, conflicts asked,
margin in USDT, settlement-statement words. Every expected figure is worked by hand in the
comment beside it (rb: 10 t/lot, SHFE; TA: 5, CZCE; MA: 10, CZCE; hc: 10, SHFE; cu: 5, SHFE;
sc: 1000, INE; i: 100, DCE; USDT perpetuals: Binance isolated, MMR 0.5 %).
"""

from __future__ import annotations

from tests.understanding.cases import Case, c

WORDS_CASES: list[Case] = [
    # ---- 平今 / 平昨 / a plain 平仓 (SHFE and INE close yesterday's lots first)
    # today's lot 3520 closed: (3560 − 3520) × 10 × 1 = 400; the 2 lots of yesterday stay
    c(
        "rb 昨多2手 3500 今开多1手 3520 平今1手 3560",
        "trades",
        realized_gross="400",
        **{"positions.0.carried_lots": "2", "matches.0.open_price": "3520"},
    ),
    # yesterday's lot 3500: (3560 − 3500) × 10 = 600
    c("rb 昨多2手 3500 今开多1手 3520 平昨1手 3560", "trades", realized_gross="600"),
    # SHFE plain 平仓 = 平昨: (3560 − 3500) × 10 = 600
    c(
        "rb 昨多2手 3500 今开多1手 3520 平仓1手 3560",
        "trades",
        realized_gross="600",
        close_rule="yesterday_first",
    ),
    # CZCE: earliest first, 3500: (3560 − 3500) × 5 = 300
    c(
        "TA 昨多2手 3500 今开多1手 3520 平仓1手 3560",
        "trades",
        realized_gross="300",
        close_rule="earliest_first",
    ),
    # short, today's 3580: (3580 − 3550) × 10 = 300
    c("rb 昨空3手 3600 今开空1手 3580 平今1手 3550", "trades", realized_gross="300"),
    # short, yesterday's 3600: (3600 − 3550) × 10 × 2 = 1,000
    c("rb 昨空3手 3600 今开空1手 3580 平昨2手 3550", "trades", realized_gross="1000"),
    # cu today's 70500: (70800 − 70500) × 5 = 1,500
    c("cu 昨多1手 70000 今开多1手 70500 平今1手 70800", "trades", realized_gross="1500"),
    # sc (INE) 持多 = carried; today's 560: (565 − 560) × 1000 = 5,000
    c("sc 持多2手 550 今开多1手 560 平今1手 565", "trades", realized_gross="5000"),
    # MA: 2 × (2550 − 2500) × 10 + 1 × (2550 − 2520) × 10 = 1,000 + 300 = 1,300
    c("MA 昨多2手 2500 今开多2手 2520 平仓3手 2550", "trades", realized_gross="1300"),
    # 昨持 as a modifier; today's 3520: (3540 − 3520) × 10 = 200
    c("rb 昨持多2手 3500 今开多1手 3520 平今1手 3540", "trades", realized_gross="200"),
    # 平今仓: as 平今, (3560 − 3520) × 10 = 400
    c("rb 昨多2手 3500 今开多1手 3520 平今仓1手 3560", "trades", realized_gross="400"),
    # hc (SHFE) plain 平仓 of a short: yesterday's 3400, (3400 − 3350) × 10 × 2 = 1,000
    c("hc 昨空2手 3400 今开空2手 3380 平仓2手 3350", "trades", realized_gross="1000"),
    # i (DCE): earliest first, 800: (820 − 800) × 100 = 2,000
    c("i 昨多2手 800 今开多1手 810 平仓1手 820", "trades", realized_gross="2000"),
    # ---- the day's equity: 亏了 / 赚了 / 入金 / 出金 all move it
    # 80,000 − 12,000 − 300 = 67,700
    c("昨天权益8万 今天亏了1万2 手续费300 今天权益多少", "equity", equity="67700"),
    # 80,000 + 10,000 − 3,000 + 5,000 = 92,000
    c("昨天权益8万 今天赚了5000 入金1万 出金3000 权益多少", "equity", equity="92000"),
    # 80,000 − 12,000 = 68,000
    c("权益8万 亏了1万2 权益多少", "equity", equity="68000"),
    # 80,000 + 3,000 = 83,000
    c("账户8万 今天赚了3千 现在权益多少", "equity", equity="83000"),
    # 10,000 − 2,000 = 8,000 (权益 before the withdrawal)
    c("权益1万 出金2千 权益多少", "equity", equity="8000"),
    # ---- settlement-statement words
    # 期初结存: 100,000 + 20,000 − 5,000 − 200 = 114,800
    c("期初结存10万 入金2万 当日盈亏-5000 手续费200 客户权益", "equity", equity="114800"),
    # 当日结存 = 100,000 + 3,000 − 200 = 102,800; 客户权益 = 102,800 − 1,000 = 101,800
    c(
        "上日结存10万 盯市平仓盈亏3000 持仓盯市盈亏-1000 手续费200 当日结存",
        "equity",
        equity="101800",
        closing_balance="102800",
    ),
    # 101,900 = 100,000 + 2,000 − 100; 可用 = 101,900 − 60,000 = 41,900
    c(
        "上日结存10万 当日盈亏2000 手续费100 占用保证金6万 可用资金",
        "equity",
        equity="101900",
        available="41900",
    ),
    c(
        "上日结存10万 当日盈亏2000 手续费100 保证金占用6万 可用资金多少",
        "equity",
        available="41900",
    ),
    # 50,000 − 10,000 + 2,500 − 50 = 42,450 (no 持仓盈亏: 当日结存 = 客户权益)
    c(
        "期初余额5万 出金1万 平仓盈亏2500 手续费50 当日权益",
        "equity",
        equity="42450",
        closing_balance="42450",
    ),
    # 当日结存 = 200,000 − 3,000 − 120.5 = 196,879.5; + 4,500 = 201,379.5
    c(
        "上日结存20万 平仓盈亏-3000 持仓盯市盈亏4500 手续费120.5 客户权益多少",
        "equity",
        closing_balance="196879.50",
        equity="201379.50",
    ),
    # 可用资金 = 100,000 − 80,000 = 20,000
    c("权益10万 保证金占用8万 可用资金", "risk", available="20000"),
    # 占用保证金 = 10 × 3500 × 10 × 10% = 35,000
    c("权益10万 开多10手 rb 3500 保证金10% 占用保证金", "risk", margin_used="35000"),
    # 昨结 3500 → 今结 3520: 2 × 20 × 10 = 400; 今日新开 3510: (3520 − 3510) × 10 = 100
    c(
        "rb 昨结算3500 今结算3520 持仓多2手 今日新开多1手 3510 乘数10",
        "settlement",
        daily_pnl="500",
        hold_today_mtm="100",
    ),
    # 上日结算价 / 当日结算价: 2 × (3520 − 3500) × 10 = 400
    c("rb 上日结算价3500 当日结算价3520 多2手 持仓盯市盈亏", "settlement", daily_pnl="400"),
    # ---- refused: what cannot be
    c("rb 开多2.5手 3500 平仓3550", "error", message="期货手数必须是整数"),
    c("开多1.5手 1000 平仓1020 乘数100", "error", message="期货手数必须是整数"),
    c("rb 开多2手 -3500 平仓3550", "error", message="价格必须大于0"),
    c("rb 开多2手 0 平仓3550", "error", message="价格必须大于0"),
    c("权益1万 出金2万 权益多少", "error", message="超过了账户资金"),
    c("上日结存1万 出金2万 权益多少", "error", message="取不出来"),
    c("rb 开多2手 3500 止盈3400 赚多少", "error", message="止盈价 3400 低于开仓价 3500"),
    c("rb 开空2手 3500 止盈3600 赚多少", "error", message="止盈价 3600 高于开仓价 3500"),
    c("rb 开多2手 3500 止盈3500 赚多少", "error", message="止盈价 3500 等于开仓价 3500"),
    c("rb 开多2手 3500 止盈3600 止损3650", "error", message="多单的止损 3650 不低于止盈 3600"),
    c("rb 开空2手 3500 止盈3400 止损3350", "error", message="空单的止损 3350 不高于止盈 3400"),
    # ---- conflicts asked, not dropped
    c("20倍 保证金10% rb 开多2手 3500 保证金多少", "error", message="杠杆 20 倍相当于保证金率 5%"),
    c("BTC 20倍 保证金10% 开多1个 60000 强平价", "error", message="和你写的保证金 10% 不一致"),
    c("BTC 开多1个 60000 手续费5元/手 平仓61000", "error", message="USDT 永续的手续费按成交额"),
    c("ETH 开空2个 3000 20倍 手续费2元/手 强平价", "error", message="USDT 永续的手续费按成交额"),
    c("开多2手 3500 乘数10 乘数5 平仓3550", "error", message="写了两个不同的值：10 和 5"),
    c("rb 开多2手 3500 保证金10% 保证金12% 平仓3550", "error", message="10% 和 12%"),
    # 1 × 60000 / 20 = 3,000 ≠ 1,000
    c("BTC 20倍 开多1个 60000 保证金1000U 强平价", "error", message="保证金 3,000，和你写的"),
    # 3,500 × 2 = 7,000 ≠ 6,000
    c(
        "rb 多2手 3500 每手保证金3500 保证金占用6000 权益10万 风险度",
        "error",
        message="每手保证金 3,500 × 2 手 = 7,000",
    ),
    # ---- values that agree are no conflict
    # 20倍 = 5%: 2 × 3500 × 10 × 5% = 3,500
    c("rb 开多2手 3500 20倍 保证金5% 保证金多少", "trades", margin="3500"),
    # the leverage alone gives the rate: 1/20 = 5%, 3,500 again
    c("rb 开多2手 3500 20倍 保证金多少", "trades", margin="3500"),
    # 乘数10 and 每手10吨 say the same: (3550 − 3500) × 10 × 2 = 1,000
    c("开多2手 3500 乘数10 每手10吨 平仓3550", "trades", realized_gross="1000"),
    # ---- USDT margin × leverage = the position (Binance isolated, MMR 0.5%)
    # 3,000 × 20 / 60,000 = 1 BTC; liq = (3,000 − 60,000) / (0.005 − 1) = 57,286.43
    c(
        "BTC 20倍 开多 60000 保证金3000U 强平价",
        "perp",
        quantity="1",
        liquidation_price="57286.43",
    ),
    # 1,000 × 20 / 60,000 = 0.3333 → 0.333 BTC; isolated liq does not depend on the size
    c(
        "BTC 20倍 开多 60000 保证金1000U 强平价",
        "perp",
        quantity="0.333",
        liquidation_price="57286.43",
    ),
    # 500 × 10 / 3,000 = 1.6666 → 1.666; liq = 3000 × (1 − 1/10) / (1 − 0.005) = 2,713.57
    c(
        "ETH 做多 3000 保证金500U 10倍 强平价",
        "perp",
        quantity="1.666",
        liquidation_price="2713.57",
    ),
    # short: 3000 × (1 + 1/10) / (1 + 0.005) = 3,283.58
    c("ETH 3000 开空 保证金500u 10倍 爆仓价", "perp", liquidation_price="3283.58"),
    # 0.5 × 60,000 / 20 = 1,500: agrees; liq 57,286.43
    c(
        "BTC 开多 0.5个 60000 杠杆20 保证金1500U 强平价",
        "perp",
        quantity="0.5",
        liquidation_price="57286.43",
    ),
    # 6,000 × 10 / 60,000 = 1; liq = 60,000 × 1.1 / 1.005 = 65,671.64
    c("BTC 开空 60000 10倍 保证金6000U 强平价", "perp", quantity="1", liquidation_price="65671.64"),
    # ---- price before the verb, 平在, 被打止损, 3500成本
    # (531 − 520) × 10 = 110
    c("rb 多1手 520开 531平", "trades", realized_gross="110"),
    # short: (3860 − 3800) × 10 = 600
    c("rb 空1手 3860开 3800平了", "trades", realized_gross="600"),
    c("rb 空1手 3860 开 3800平了", "trades", realized_gross="600"),
    # (3860 − 3800) × 10 = 600
    c("rb 开多1手 3800 3860平了1手", "trades", realized_gross="600"),
    c("rb 3800开多1手 3860平了", "trades", realized_gross="600"),
    # (3531 − 3500) × 10 = 310
    c("rb 开多1手 3500 平在3531", "trades", realized_gross="310"),
    # (3520 − 3500) × 10 = 200
    c("rb 开多1手 3500 平在了3520", "trades", realized_gross="200"),
    # stopped out: (3450 − 3500) × 10 = −500
    c("rb 开多1手 3500 被打止损3450", "trades", realized_gross="-500"),
    c("rb 开多1手 3500 止损出局3450", "trades", realized_gross="-500"),
    # short stopped out: (3500 − 3540) × 10 × 2 = −800
    c("rb 开空2手 3500 被止损3540", "trades", realized_gross="-800"),
    # take-profit hit: (3600 − 3500) × 10 = 1,000
    c("rb 开多1手 3500 止盈出局3600", "trades", realized_gross="1000"),
    # 3500成本: floating (3550 − 3500) × 10 = 500
    c("rb 3500成本 多1手 现价3550", "trades", **{"positions.0.floating_pnl": "500"}),
    c("rb 多1手 3500成本 现价3550", "trades", **{"positions.0.floating_pnl": "500"}),
    # short: (3500 − 3450) × 10 × 2 = 1,000
    c("rb 成本3500 空2手 现价3450", "trades", **{"positions.0.floating_pnl": "1000"}),
    # ---- 每手保证金
    # with the equity: 2,750 × 1 = 2,750 in use; 2,750 / 100,000 = 2.75%
    c(
        "rb 多1手 3500 每手保证金2750 权益10万 风险度",
        "risk",
        margin_used="2750",
        risk_ratio="0.0275",
    ),
    # without: 3,500 / (3500 × 10) = 10%; 2 × 3500 × 10 × 10% = 7,000
    c("rb 开多2手 3500 每手保证金3500 保证金多少", "trades", margin="7000"),
    # 3,150 / 35,000 = 9%; 2 lots: 6,300
    c("rb 开多2手 3500 一手保证金3150 保证金占用多少", "trades", margin="6300"),
    # ---- English
    # (3550 − 3500) × 10 × 2 = 1,000
    c("rb buy open 2 lots 3500, sell close 3550", "trades", realized_gross="1000"),
    c("rb Buy Open 2 lots 3500 Sell Close 3550", "trades", realized_gross="1000"),
    # short: (3500 − 3450) × 10 × 2 = 1,000
    c("rb sell open 2 lots 3500 buy close 3450", "trades", realized_gross="1000"),
    # (3520 − 3500) × 10 = 200
    c("rb buy to open 1 lot 3500 sell to close 3520", "trades", realized_gross="200"),
    # ---- 两/俩/仨, 万/千/k/w, full-width digits
    # 2 × 50 × 10 = 1,000
    c("rb 开多俩手 3500 平仓3550", "trades", realized_gross="1000"),
    # 3 × 50 × 10 = 1,500
    c("rb 开多仨手 3500 平仓3550", "trades", realized_gross="1500"),
    # short 2 × 50 × 10 = 1,000
    c("rb 开空俩手 3500 平仓3450", "trades", realized_gross="1000"),
    # 3.5k = 3500: 1,000
    c("rb 开多2手 3.5k 平仓3550", "trades", realized_gross="1000"),
    # 3千5 = 3500, 3千550 = 3550: 1,000
    c("rb 开多2手 3千5 平3千550", "trades", realized_gross="1000"),
    # 10,000 / 15,000 = 0.6667
    c("权益1.5w 保证金占用1万 风险度", "risk", risk_ratio="0.6667"),
    # 1,000 − 3 × 2 lots × 2 sides = 988
    c("rb 开多２手 ３５００ 平仓３５５０ 手续费３元／手", "trades", realized_net="988"),
    # 1w2 = 12,000: 10,000 / 12,000 = 0.8333
    c("权益1w2 保证金占用1万 风险度", "risk", risk_ratio="0.8333"),
    # 1W5 = 15,000: 6,000 / 15,000 = 0.4
    c("权益1W5 保证金占用6千 风险度", "risk", risk_ratio="0.4"),
    # 俩万 = 20,000: 10,000 / 20,000 = 0.5
    c("权益俩万 保证金占用1万 风险度", "risk", risk_ratio="0.5"),
    # Chinese numerals after 亏了: 80,000 − 12,000 = 68,000
    c("昨天权益八万 今天亏了一万二 权益多少", "equity", equity="68000"),
    # 今日亏损: 80,000 − 12,000 = 68,000
    c("上日结存8万 今日亏损12000 权益多少", "equity", equity="68000"),
    # 当日盈利: 80,000 + 3,000 − 50 = 82,950
    c("上日结存8万 当日盈利3千 手续费50 权益多少", "equity", equity="82950"),
    # 80,000 + 20,000 − 5,000 + 3,000 = 98,000
    c("上日结存8万 今天入金2万 出金5千 赚了3000 权益多少", "equity", equity="98000"),
    # the price before the word: (3520 − 3500) × 10 = 200
    c("rb 开多1手 3500 3520止盈了", "trades", realized_gross="200"),
    # (3450 − 3500) × 10 = −500
    c("rb 开多1手 3500 3450止损了", "trades", realized_gross="-500"),
    c("rb 开多1手 3500 在3450被止损", "trades", realized_gross="-500"),
    c("rb 开多1手 3500 3450被打止损", "trades", realized_gross="-500"),
    # 多单 … 开仓3800 is one leg: (3860 − 3800) × 10 = 600
    c("rb 多单 开仓3800 今天3860平掉了", "trades", realized_gross="600"),
    # 本金1000U, isolated, no quantity: 1,000 × 20 / 60,000 → 0.333 BTC
    c(
        "BTC 20倍 开多 60000 本金1000U 强平价",
        "perp",
        quantity="0.333",
        liquidation_price="57286.43",
    ),
    # a USDT amount after a priced open is never the quantity
    c("BTC 20倍 开多 60000 1000U 强平价", "error", message="是保证金请写“保证金1000U”"),
    # an unnamed number beside a statement is not guessed: 100,000 − 150 = 99,850
    c("上日结存10万 手续费150 3000 权益多少", "equity", equity="99850"),
    # the loss read before 手续费: 100,000 − 3,000 − 150 = 96,850
    c("上日结存10万 亏了3000 手续费150 权益多少", "equity", equity="96850"),
    # 一手手续费 is the fee, not a 1-lot close: 1,000 − 3 × 2 lots × 2 sides = 988
    c("rb 开多2手 3500 平仓3550 一手手续费3块", "trades", realized_net="988", lots_closed="2"),
    # 走了 after the price: (3550 − 3500) × 10 × 2 = 1,000
    c("rb 2手多单 3500 3550走了", "trades", realized_gross="1000"),
    # 开了2手多: one leg; 1,000
    c("rb 在3500开了2手多 3550平掉", "trades", realized_gross="1000"),
    # 3500进场 / 进场3500 / 出场3550: 1,000
    c("rb 多单2手 3500进场 3550出场", "trades", realized_gross="1000"),
    c("rb 开多2手 进场3500 出场3550", "trades", realized_gross="1000"),
    # swept out at the stop: (3450 − 3500) × 10 × 2 = −1,000
    c("rb 开多2手 3500 3450被扫损", "trades", realized_gross="-1000"),
    # the understood line and the lots' age: 昨多 … 今开多
    c("rb 昨多2手 3500 今开多1手 3520 平今1手 3560 乘数10", "trades", realized_gross="400"),
]
