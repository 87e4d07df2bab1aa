"""The standard indicator skeleton (一级 → 二级) and the fixed vocabularies of the forms."""

from __future__ import annotations

OUTPUT = "产出指标"
BENEFIT = "效益指标"
SATISFACTION = "社会公众及服务对象满意度指标"
COST = "成本指标"  # 财预〔2021〕101号 may lift it to a 一级 of its own

#: 一级 → its 二级, in the order the forms print them.
SKELETON: dict[str, tuple[str, ...]] = {
    OUTPUT: ("数量指标", "质量指标", "时效指标", "成本指标"),
    BENEFIT: ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    # 服务对象满意度指标 is the national name; the seed writes the 一级 name in both columns (also
    # accepted, see LEVEL2).
    SATISFACTION: ("服务对象满意度指标",),
}

#: The 2021 national guide's shape: 成本指标 as a 一级 of its own (accepted when reading).
COST_LEVEL2 = ("经济成本指标", "社会成本指标", "生态环境成本指标")

LEVEL1 = (OUTPUT, BENEFIT, SATISFACTION, COST)
LEVEL2 = tuple(dict.fromkeys([*(n for v in SKELETON.values() for n in v), SATISFACTION, *COST_LEVEL2]))

STANDARDS = ("计划标准", "行业标准", "历史标准", "其他标准")  # 绩效标准

DEFAULT_STANDARD = "计划标准"


def skeleton_rows(year: int | None) -> list[tuple[str, str, str | None]]:
    """(一级, 二级, default 指标值) for every row of a new fund's indicator table."""
    rows: list[tuple[str, str, str | None]] = []
    for level1, level2s in SKELETON.items():
        for level2 in level2s:
            value = f"{year}年度" if level2 == "时效指标" and year else None
            rows.append((level1, level2, value))
    return rows
