"""Issue 14, parts 3 and 4: the asked quantity named by 多少/几/吗 and the new calculations
(average after adds, what-if ladder, target from a return, expectancy, several products,
risk-degree caps, yes/no verdicts). Every expected figure is worked by hand in the comment."""

from __future__ import annotations

from tests.understanding.cases import Case, c

QUESTION_CASES: list[Case] = [
    # ---- expectancy: 胜率 × 平均盈利 − (1 − 胜率) × 平均亏损; break-even = 亏 / (赚 + 亏)
    # 0.4 × 3000 − 0.6 × 1500 = 1200 − 900 = 300; 1500 / 4500 = 33.33 %
    c(
        "胜率40% 平均赚3000 平均亏1500 期望值",
        "expectancy",
        expectancy="300",
        breakeven_win_rate="0.3333",
    ),
    # 0.5 × 2000 − 0.5 × 1000 = 500; 1000 / 3000 = 33.33 %
    c("胜率50% 平均盈利2000 平均亏损1000 期望值", "expectancy", expectancy="500"),
    # 0.3 × 5000 − 0.7 × 2000 = 1500 − 1400 = 100; 2000 / 7000 = 28.57 %
    c(
        "胜率30% 平均赚5000 平均亏2000 期望是多少",
        "expectancy",
        expectancy="100",
        breakeven_win_rate="0.2857",
    ),
    # 0.6 × 1000 − 0.4 × 2000 = 600 − 800 = −200; 2000 / 3000 = 66.67 %
    c(
        "胜率60% 平均赚1000 平均亏2000 数学期望",
        "expectancy",
        expectancy="-200",
        breakeven_win_rate="0.6667",
    ),
    # 0.45 × 800 − 0.55 × 600 = 360 − 330 = 30; 600 / 1400 = 42.86 %
    c(
        "成功率45% 均赚800 均亏600 每笔期望",
        "expectancy",
        expectancy="30",
        breakeven_win_rate="0.4286",
    ),
    # no question word: the average win and loss say it (300 as above)
    c("胜率40% 平均每笔赚3000 平均每笔亏1500", "expectancy", expectancy="300"),
    # 0.55 × 1200 − 0.45 × 1000 = 660 − 450 = 210; 1000 / 2200 = 45.45 %
    c(
        "胜率55% 平均赚1200 平均亏1000 期望值",
        "expectancy",
        expectancy="210",
        breakeven_win_rate="0.4545",
    ),
    # 0.25 × 9000 − 0.75 × 2000 = 2250 − 1500 = 750; 2000 / 11000 = 18.18 %
    c(
        "胜率25% 平均盈利9000 平均亏损2000 期望值",
        "expectancy",
        expectancy="750",
        breakeven_win_rate="0.1818",
    ),
    # 0.35 × 3000 − 0.65 × 1500 = 1050 − 975 = 75
    c("胜率35% 平均赚:3000 平均亏:1500 期望值", "expectancy", expectancy="75"),
    # a bare 0.4 is 40 %: 300 as above
    c("胜率0.4 平均赚3000 平均亏1500 期望", "expectancy", expectancy="300"),
    # a loss typed with its sign is still the average loss: 300 as above
    c("胜率40% 平均赚3000 平均亏-1500 期望值", "expectancy", expectancy="300"),
    c("胜率40% 平均赚3000 期望值", "error", message="平均亏损"),
    c("平均赚3000 平均亏1500 期望值", "error", message="胜率"),
    # ---- average entry after adds: Σ(手数 × 价格) / Σ手数
    # (2×3500 + 2×3400) / 4 = 13800 / 4 = 3450
    c("开多2手 3500 补仓2手 3400 均价", "averaging", avg_price="3450", lots="4"),
    c("多单2手成本3500 又加了2手3400 现在成本多少", "averaging", avg_price="3450"),
    c("开多2手 rb 3500 加仓2手 3400 均价多少", "averaging", avg_price="3450"),
    # (3×3600 + 1×3700) / 4 = 14500 / 4 = 3625
    c("开空3手 rb 3600 加仓1手 3700 均价", "averaging", avg_price="3625"),
    # (1×3500 + 3×3300) / 4 = 13400 / 4 = 3350
    c("开多1手 3500 补仓3手 3300 摊低成本", "averaging", avg_price="3350"),
    # average 3450; at 3480: (3480 − 3450) × 10 × 4 = 1200
    c(
        "开多2手 rb 3500 补仓2手 3400 现价3480 均价",
        "averaging",
        avg_price="3450",
        pnl_gross="1200",
    ),
    # fees 3 元/手 each side: (4×3 + 4×3) / (10 × 4) = 0.6 → break-even 3450.6, tick 1 → 3451
    c(
        "开多2手 rb 3500 补仓2手 3400 手续费3元/手 均价",
        "averaging",
        **{"breakeven.exact": "3450.6", "breakeven.price": "3451"},
    ),
    # (2×3500 + 2×3450 + 1×3400) / 5 = 17300 / 5 = 3460
    c("开多2手 3500 加仓2手 3450 再加仓1手 3400 均价", "averaging", avg_price="3460"),
    # (1×60000 + 1×58000) / 2 = 59000 (coins)
    c("BTC 开多1个 60000 补仓1个 58000 均价", "averaging", avg_price="59000"),
    c("开多2手 3500 补仓2手 3400 乘数10 均价是多少", "averaging", avg_price="3450"),
    # (2×3000 + 2×3200) / 4 = 3100
    c("ETH 开空2个 3000 加仓2个 3200 成本多少", "averaging", avg_price="3100"),
    # (5×3500 + 5×3420) / 10 = 3460
    c("rb 多单5手 3500 补仓5手 3420 持仓均价多少", "averaging", avg_price="3460"),
    c("开多2手 3500 开空2手 3400 均价", "error", message="锁仓"),
    # ---- what-if ladder: 每1% = 价格 × 1% × 乘数 × 手数; rows from the largest rise down
    # 3500 × 1% × 10 × 2 = 700; +5 %: 3500 × 5% × 20 = 3500; −5 %: −3500
    c(
        "开多2手 rb 3500 涨跌1% 2% 5%盈亏",
        "ladder",
        per_unit="700",
        **{"rows.0.pnl_move": "3500", "rows.5.pnl_move": "-3500"},
    ),
    # 每点 10 × 2 = 20; +100 点: 2000; −100 点: −2000
    c(
        "开多2手 rb 3500 涨跌50点 100点",
        "ladder",
        per_unit="20",
        **{"rows.0.pnl_move": "2000", "rows.3.pnl_move": "-2000"},
    ),
    # short: 3600 × 1% × 10 = 360; +2 %: −(3600 × 2% × 10) = −720
    c("开空1手 rb 3600 涨跌1% 2%", "ladder", per_unit="360", **{"rows.0.pnl_move": "-720"}),
    # from the latest 3600: 3600 × 1% × 20 = 720; +1 % = 3636, against the entry
    # (3636 − 3500) × 20 = 2720
    c(
        "开多2手 rb 3500 现价3600 涨跌1%",
        "ladder",
        per_unit="720",
        **{"rows.0.price": "3636", "rows.0.pnl_total": "2720"},
    ),
    # −10 %: 3150, P&L −350 × 100 = −35000, equity 65000, margin 3150 × 100 × 10% = 31500,
    # 风险度 31500 / 65000 = 48.46 %
    c(
        "权益10万 开多10手 rb 3500 保证金10% 涨跌5% 10%",
        "ladder",
        per_unit="3500",
        **{"rows.3.pnl_move": "-35000", "rows.3.risk_ratio": "0.4846"},
    ),
    # IF × 300: 每点 300; +100 点 30000
    c(
        "IF 多1手 3800 涨跌50点 100点 盈亏",
        "ladder",
        per_unit="300",
        **{"rows.0.pnl_move": "30000"},
    ),
    c("开多2手 rb 3500 上下各1% 2%", "ladder", per_unit="700"),
    # 每点 20; +50 点: 1000
    c("开多2手 rb 3500 波动50点", "ladder", per_unit="20", **{"rows.0.pnl_move": "1000"}),
    c("开多2手 rb 3500 涨跌1%、2%、5% 盈亏多少", "ladder", per_unit="700"),
    c("开多2手 rb 3500 ±1% ±2%", "ladder", per_unit="700"),
    # coins: 60000 × 1% × 1 = 600; +5 %: 3000
    c("BTC 开多1个 60000 涨跌1% 5%", "ladder", per_unit="600", **{"rows.0.pnl_move": "3000"}),
    c("涨跌1% 2% 盈亏", "error", message="持仓"),
    # ---- target price from a return on margin (ROE) or on equity; a stop from a share of margin
    # 60000 × (1 + 50% / 20) = 61500
    c("BTC 20倍 开多 60000 ROE 50% 目标价", "target", price_before_fees="61500"),
    # short: 60000 × (1 − 50% / 20) = 58500
    c("BTC 20倍 开空 60000 ROE 50% 目标价", "target", price_before_fees="58500"),
    # 3000 × (1 + 100% / 10) = 3300
    c("ETH 10倍 开多 3000 收益率100% 目标价", "target", price_before_fees="3300"),
    # a loss of half the margin: 60000 × (1 − 50% / 20) = 58500
    c(
        "BTC 20倍 开多 60000 亏损不超过保证金的50% 止损价",
        "target",
        price_before_fees="58500",
        wanted="-1500",
    ),
    # 60000 × (1 + 30% / 10) = 61800
    c("BTC 开多1个 60000 10倍 roe 30% 止盈价", "target", price_before_fees="61800"),
    # futures: 3500 × (1 + 50% × 10%) = 3675
    c("开多2手 rb 3500 保证金10% ROE 50% 目标价", "target", price_before_fees="3675"),
    # 5 % of 100000 = 5000 over 10 × 2: 3500 + 250 = 3750
    c("权益10万 开多2手 rb 3500 赚权益的5% 目标价", "target", price_before_fees="3750"),
    c("权益10万 开空2手 rb 3500 赚权益的5% 目标价", "target", price_before_fees="3250"),
    # fee 0.05 % each side: margin 3000, wanted 1500, open fee 30;
    # (60000 + 30 + 1500) / (1 − 0.0005) = 61530 / 0.9995 = 61560.78
    c(
        "BTC 20倍 开多 60000 手续费0.05% ROE 50% 目标价",
        "target",
        price_before_fees="61500",
        price_with_fees="61560.78",
    ),
    # 60000 × (1 − 20% / 50) = 59760
    c("BTC 50倍 开多1个 60000 最多亏保证金的20% 止损价", "target", price_before_fees="59760"),
    # short stop: 3000 × (1 + 50% / 20) = 3075
    c("ETH 开空2个 3000 20倍 亏损不超过保证金的50% 止损价", "target", price_before_fees="3075"),
    c("开多2手 rb 3500 ROE 50% 目标价", "error", message="保证金"),
    c("BTC 20倍 ROE 50% 目标价", "error", message="开仓方向"),
    c("开多2手 rb 3500 赚权益的5% 目标价", "error", message="账户权益"),
    # ---- yes/no: 会/不会 at a price (the other legs held), 要/不用 now
    # equity 100000 − 100 × 100 = 90000; margin 3400 × 100 × 10% = 34000; 37.78 % → 不会
    c(
        "权益10万 开多10手 rb 3500 保证金10% 跌到3400会不会爆仓",
        "verdict",
        answer="不会",
        risk_ratio="0.3778",
    ),
    # equity 40000 − 300 × 100 = 10000; margin 3200 × 100 × 10% = 32000; 320 % → 会
    c(
        "权益4万 开多10手 rb 3500 保证金10% 跌到3200会不会爆仓",
        "verdict",
        answer="会",
        risk_ratio="3.2",
    ),
    # short: equity 50000 − 200 × 100 = 30000; margin 37000; 123.33 % → 会
    c(
        "权益5万 开空10手 rb 3500 保证金10% 涨到3700会爆仓吗",
        "verdict",
        answer="会",
        risk_ratio="1.2333",
    ),
    # equity 100000 − 100 × 50 = 95000; margin 3600 × 50 × 10% = 18000; 18.95 % → 不会
    c(
        "权益10万 开空5手 rb 3500 保证金10% 涨到3600会不会被强平",
        "verdict",
        answer="不会",
        risk_ratio="0.1895",
    ),
    # equity 50000; margin 30000; 60 % → 不会
    c("权益10万 开多10手 rb 3500 保证金10% 跌到3000会爆吗", "verdict", answer="不会"),
    # equity 60000 − 40000 = 20000; margin 31000; 155 % → 会
    c("权益6万 rb 多10手 3500 保证金10% 跌到3100 扛得住吗", "verdict", answer="会"),
    # now: 35000 / 100000 = 35 % < 100 % → 不用
    c("权益10万 开多10手 rb 3500 保证金10% 还要追保吗", "verdict", answer="不用", amount="0"),
    # 35000 / 30000 = 116.67 % → 要; back to 80 %: 35000 / 0.8 − 30000 = 13750
    c("权益3万 开多10手 rb 3500 保证金10% 要追保吗", "verdict", answer="要", amount="13750"),
    # at 3400: 34000 / 30000 = 113.33 % → 要
    c(
        "权益3万 开多10手 rb 3500 保证金10% 现价3400 需要追保吗",
        "verdict",
        answer="要",
        risk_ratio="1.1333",
    ),
    # maintenance model: equity 6000 − (5000 − 4700) × 10 = 3000 < 4000 → 会
    c(
        "开多1手 5000 乘数10 保证金12% 维持保证金8% 权益6000 跌到4700会不会爆仓",
        "verdict",
        answer="会",
    ),
    # 6000 − 1000 = 5000 > 4000 → 不会
    c(
        "开多1手 5000 乘数10 保证金12% 维持保证金8% 权益6000 跌到4900会被强平吗",
        "verdict",
        answer="不会",
    ),
    # now 4700: equity 3000 < 4000 → 要, back to the initial margin 6000: 3000
    c(
        "开多1手 5000 乘数10 保证金12% 维持保证金8% 权益6000 现价4700 还要追保吗",
        "verdict",
        answer="要",
        amount="3000",
    ),
    c("rb 多10手 3500 保证金10% 跌到3400会不会爆仓", "error", message="账户权益"),
    # perpetual, Binance isolated long: (3000 − 60000) / (0.5% − 1) = 57286.43; 57000 is past it
    c(
        "BTC 20倍 开多1个 60000 跌到57000会不会爆仓",
        "verdict",
        answer="会",
        line_price="57286.43",
    ),
    c("BTC 20倍 开多1个 60000 跌到58000会爆仓吗", "verdict", answer="不会"),
    # short 2 ETH at 10x: (600 + 2 × 3000) / (2 × 0.5% + 2) = 6600 / 2.01 = 3283.58 → 3300 past it
    c(
        "ETH 10倍 开空2个 3000 涨到3300会不会爆仓",
        "verdict",
        answer="会",
        line_price="3283.58",
    ),
    # ---- risk-degree caps: margin from a cap, lots under a cap, 满仓
    # 100000 × 80% = 80000
    c("权益10万 风险度不超过80% 保证金最多多少", "margin_budget", margin_allowed="80000"),
    # 200000 × 80% − 100000 = 60000 left
    c(
        "权益20万 保证金占用10万 风险度不超过80% 能用多少保证金",
        "margin_budget",
        headroom="60000",
    ),
    c("权益10万 风险度控制在60%以内 保证金最多多少", "margin_budget", margin_allowed="60000"),
    # per lot 3500 × 10 × 10% = 3500; ⌊80000 / 3500⌋ = 22, ⌊100000 / 3500⌋ = 28
    c(
        "权益10万 rb 3500 保证金10% 风险度控制在80%以内最多开几手",
        "margin_cap",
        lots_within_cap="22",
        lots_all_in="28",
    ),
    # ⌊50000 / 3500⌋ = 14
    c("权益10万 rb 3500 保证金10% 风险度不超过50% 能开几手", "margin_cap", lots_within_cap="14"),
    c("权益10万 rb 3500 保证金10% 满仓能开几手", "margin_cap", lots_all_in="28"),
    # ⌊50000 / 3500⌋ = 14
    c("资金5万 螺纹 3500 保证金10% 满仓开几手", "margin_cap", lots_all_in="14"),
    # ---- the asked quantity named by 多少/几/吗 in a full message
    # 100000 − 10 × 3500 × 10 × 10% = 65000
    c("权益10万 开多10手 rb 3500 保证金10% 可用资金还有多少", "risk", available="65000"),
    c("权益10万 开多10手 rb 3500 保证金10% 可用资金多少", "risk", available="65000"),
    # forced line: (100000 − 100 × 3500) / (100 × (10% − 1)) = −250000 / −90 = 2777.78
    c(
        "权益10万 开多10手 rb 3500 保证金10% 跌到多少风险度到100%",
        "risk",
        **{"lines.2.price": "2777.78"},
    ),
    # 80 %: 0.8 × (100000 − 100 × 3500) / (100 × (10% − 80%)) = −200000 / −70 = 2857.14
    c(
        "权益10万 开多10手 rb 3500 保证金10% 跌到多少风险度到80%",
        "risk",
        **{"lines.0.ratio": "0.8", "lines.0.price": "2857.14"},
    ),
    # short, 90 %: 0.9 × (100000 + 100 × 3500) / (100 × (10% + 90%)) = 405000 / 100 = 4050
    c(
        "权益10万 开空10手 rb 3500 保证金10% 涨到多少风险度到90%",
        "risk",
        **{"lines.0.price": "4050"},
    ),
    c("权益10万 开多10手 rb 3500 保证金10% 跌到多少风险度到120%", "error", message="高于强平线"),
    c(
        "权益10万 开多10手 rb 3500 保证金10% 还能亏多少钱到强平",
        "risk",
        **{"lines.2.equity_at_price": "27777.78"},
    ),
    # 穿仓: 5000 − 6000 / 10 = 4400
    c(
        "开多1手 5000 乘数10 保证金12% 维持保证金8% 权益6000 穿仓价",
        "maintenance",
        wipeout_price="4400",
    ),
    # equity given, no initial rate: 5000 − (6000 − 50000 × 8%) / 10 = 5000 − 200 = 4800
    c(
        "权益6000 开多1手 5000 乘数10 维持保证金8% 强平价",
        "maintenance",
        forced_price="4800",
        wipeout_price="4400",
    ),
    # short: 5000 + (6000 − 4000) / 10 = 5200
    c("开空1手 5000 乘数10 维持保证金8% 权益6000 强平价", "maintenance", forced_price="5200"),
    # now 4700: equity 3000 below 4000 → back to the maintenance margin: 1000
    c(
        "权益6000 开多1手 5000 乘数10 维持保证金8% 现价4700 还要追保吗",
        "verdict",
        answer="要",
        amount="1000",
    ),
    c("开多1手 5000 乘数10 维持保证金8% 强平价", "error", message="保证金率"),
    # 3500 + 20000 / (10 × 2) = 4500
    c("开多2手 rb 3500 想赚2万 平仓价", "breakeven", **{"target.exact": "4500"}),
    # net of 3 元/手 each side: 3500 + (1000 + 12) / 20 = 3550.6
    c("开多2手 rb 3500 手续费3元/手 想净赚1000 目标价", "breakeven", **{"target.exact": "3550.6"}),
    # short: 3600 − 4000 / 20 = 3400
    c("开空2手 rb 3600 想赚4000 平仓价", "breakeven", **{"target.exact": "3400"}),
    # 1.5 % of 100000 = 1500; per lot (3500 − 3450) × 10 = 500 → 3 lots
    c("权益10万 开多 rb 3500 止损3450 单笔亏损不超过1.5% 开几手", "size", lots="3"),
    c("权益10万 开多 rb 3500 止损3450 每笔亏损不超过1% 开几手", "size", lots="2"),
    # ---- several products: margin per leg, 风险度, line prices (the others held)
    # rb 3500 × 10 × 2 × 10% = 7000; i 800 × 100 × 1 × 10% = 8000; 15000 / 100000 = 15 %
    c(
        "rb 多2手 3500 i 空1手 800 权益10万 保证金10%",
        "account_lines",
        **{"account.margin_used": "15000", "account.risk_ratio": "0.15"},
    ),
    # 12 %: 8400 + 9600 = 18000 → 18 %
    c(
        "多2手 rb 3500 空1手 i 800 权益10万 保证金12%",
        "account_lines",
        **{"account.margin_used": "18000"},
    ),
    # i short at the forced line: (100000 + 100 × 800 − 7000) / (100 × (10% + 1)) = 1572.73
    c(
        "rb 多2手 3500 i 空1手 800 权益10万 保证金10% 强平价",
        "account_lines",
        **{"legs.1.lines.2.price": "1572.73"},
    ),
    # 17500 + 16000 = 33500 / 50000 = 67 %
    c(
        "权益5万 螺纹 开多5手 3500 铁矿 开空2手 800 保证金10%",
        "account_lines",
        **{"account.risk_ratio": "0.67"},
    ),
    c("rb 多2手 3500 i 空1手 800 权益10万", "error", message="保证金率"),
    # ---- term questions phrased as questions: the term's answer
    c("风险度超过100%会怎样", "term", terms="风险度"),
    c("风险度到100%怎么办", "term", terms="风险度"),
    c("逐仓全仓有啥不一样", "term", terms="逐仓,全仓", mode="diff"),
    c("全仓逐仓区别", "term", terms="全仓,逐仓", mode="diff"),
    c("标记价格干嘛用的", "term", terms="标记价格"),
    c("被强平手续费会更贵吗", "term", terms="强制平仓"),
]
