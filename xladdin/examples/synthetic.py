"""Synthetic submissions of any size, deterministic for a seed (benchmarks, scaling tests).

Amounts add up, calculations match and indicators are filled, so a synthetic workbook has the
few findings a careful clerk leaves (blank signature lines): the checks do their full work."""

from __future__ import annotations

import random

from xladdin.layout.skeleton import DEFAULT_STANDARD, skeleton_rows
from xladdin.model import Detail, Form1, Form2, Form3, FundRow, Indicator, Submission, WorkItem

WORDS = ("优抚", "安置", "培训", "就业", "帮扶", "慰问", "维护", "补助", "奖励", "保障", "服务", "宣传")
NUMERALS = "一二三四五六七八九"


def _seq(n: int) -> str:
    from xladdin.commands.funds import numeral

    return numeral(n)


def _indicators(rng: random.Random, year: int, people: int) -> list[Indicator]:
    values = {
        "数量指标": ("服务对象人数", f"{people}人"),
        "质量指标": ("覆盖率", "≥95%"),
        "时效指标": ("实施时间", f"{year}年度"),
        "成本指标": ("人均标准", f"≤{rng.randint(1, 9)}000元/人"),
        "经济效益指标": ("带动就业人数", f"{rng.randint(1, 50)}人"),
        "社会效益指标": ("政策知晓率", "≥90%"),
        "生态效益指标": ("资源节约", "明显"),
        "可持续影响指标": ("长效机制", "显著提高"),  # a grade, not a bare direction word
        "服务对象满意度指标": ("服务对象满意度", "≥95%"),
    }
    out = []
    for l1, l2, _ in skeleton_rows(year):
        name, value = values[l2]
        out.append(Indicator(l1, l2, name, value, DEFAULT_STANDARD))
    return out


def synthetic(n_funds: int, seed: int = 0, year: int = 2025) -> Submission:
    rng = random.Random(seed)
    form3s: list[Form3] = []
    funds: list[FundRow] = []
    for i in range(n_funds):
        name = f"{rng.choice(WORDS)}{rng.choice(WORDS)}专项{i + 1:03d}"
        details = []
        for _ in range(rng.randint(1, 4)):
            people, each = rng.randint(2, 400), rng.randint(1, 60) * 100
            amount = people * each / 10000
            details.append(
                Detail(
                    f"{rng.choice(WORDS)}支出",
                    None,
                    amount,
                    f"依据区政府文件，{people}人×{each}元/人={people * each}元",
                )
            )
        total = round(sum(d.amount for d in details), 4)  # type: ignore[misc]
        goal = f"做好{year}年度{name}的{rng.choice(WORDS)}工作。"
        people = int(details[0].basis.split("人")[0].split("，")[-1])  # type: ignore[union-attr]
        form3s.append(
            Form3(
                title=f"{year}年区级专项资金支出方向绩效目标表",
                unit="某区某局",
                direction=name,
                parent_name=name,
                project_amount=total,
                parent_amount=total,
                period=f"{year}年度",
                period_goal=goal,
                annual_goal=goal,
                indicators=_indicators(rng, year, people),
                details=details,
            )
        )
        funds.append(FundRow(_seq(i + 1), name, total, goal, goal))
    project = round(sum(f.amount for f in funds), 4)  # type: ignore[misc]
    basic = rng.randint(50, 500)
    form1 = Form1(
        title=f"{year}年部门整体支出绩效目标表",
        unit="某区某局",
        department=f"某区第{seed}局",
        general_budget=round(project + basic, 4),
        basic=basic,
        duties="（一）负责本部门职责范围内的工作。",
        work_plan=[WorkItem("专项工作", "业务股", f"{year}年12月底前完成各专项工作。")],
        indicators=_indicators(rng, year, rng.randint(10, 999)),
    )
    form2 = Form2(
        title=f"{year}年区级专项资金绩效目标汇总表",
        unit="某区某局",
        total=FundRow(None, "合  计", None, f"做好{year}年度各专项工作。", "合理使用专项资金。"),
        funds=funds,
    )
    return Submission(form1=form1, form2=form2, form3s=form3s, year=year)
