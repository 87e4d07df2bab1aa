"""Form families (profiles) as data: what each family calls its 一级 and 二级 indicators, which
indicator columns it prints, which fields it does not have at all, and where its checks differ.

The recogniser (``xladdin.recognise.pick_profile``) picks a profile for every form it reads;
``[form] profile = "…"`` in xladdin.toml forces one. Rules ask this module, never a list of their
own: a name standard in the form's own family is never reported as non-standard
(:func:`standard_level_names`), a rule needing a column or field the family does not print is
skipped for that form (:func:`has_column`, :func:`has_field`), and a family's own names map to the
categories the rules reason about (:func:`category_of`: 项目完成指标 is 产出).

Sources: the seed (湖南 2023, tests/data/seed), 财政部 财预〔2021〕101号 and its 指标表模板, the
四川 项目支出绩效目标申报表 (tests/data/realforms sichuan-*), 甘肃嘉峪关 system print
(gansu-jiayuguan-2023), 广东东莞 2019 and 湖北青山 2020 (中期 and 年度 side by side), and
/work/shared/domain/RULES.md 「Profiles」.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from xladdin.layout.base import norm
from xladdin.layout.skeleton import COST_LEVEL2, LEVEL1, LEVEL2

#: The categories rules reason about.
CATEGORIES = ("output", "benefit", "satisfaction", "cost")

_COMMON_LEVEL2 = (
    *LEVEL2,
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
    "社会公众满意度指标",
    "社会公众或服务对象满意度指标",
    "满意度指标",
)


@dataclass(frozen=True)
class Profile:
    """One form family."""

    key: str
    name: str  # Chinese, as a reviewer calls it
    source: str
    #: 一级 name → category (output/benefit/satisfaction/cost)
    level1: dict[str, str]
    level2: tuple[str, ...]
    #: indicator columns the family prints (``xladdin.layout.vocabulary.HEADER`` keys)
    columns: frozenset[str]
    #: fields of our model the family's 项目 form does not have at all (a rule needing one is skipped)
    lacks: frozenset[str] = frozenset()
    #: a target is outputs and effects with their cost-control requirement: a missing cost is an error
    cost_required: bool = False
    #: 中期 and 年度 values side by side, or one value column per place/sub-item
    value_columns: str = "one"  # one | periods | places


_OURS_L1 = {"产出指标": "output", "效益指标": "benefit", "满意度指标": "satisfaction"}
_OURS_L1.update({LEVEL1[2]: "satisfaction", "成本指标": "cost", "社会公众或服务对象满意度指标": "satisfaction"})

PROFILES: dict[str, Profile] = {
    p.key: p
    for p in (
        Profile(
            "ours",
            "湖南 2023（本模板）",
            "the seed: 2023 石峰区 退役军人事务局, our template",
            _OURS_L1,
            _COMMON_LEVEL2,
            frozenset({"level1", "level2", "name", "value", "standard"}),
        ),
        Profile(
            "national",
            "财预〔2021〕101号 / 预算管理一体化",
            "财政部 财预〔2021〕101号 指标表模板; 一体化 system prints",
            {
                "产出指标": "output",
                "效益指标": "benefit",
                "满意度指标": "satisfaction",
                "成本指标": "cost",
                "服务对象满意度指标": "satisfaction",
                "社会公众或服务对象满意度指标": "satisfaction",
            },
            (*_COMMON_LEVEL2, *COST_LEVEL2, "经济成本", "社会成本", "生态环境成本"),
            frozenset(
                {"level1", "level2", "name", "value", "unit", "direction", "weight", "explanation", "scoring", "basis"}
            ),
            lacks=frozenset({"standard", "parent_name", "parent_amount"}),
            cost_required=True,
        ),
        Profile(
            "sichuan",
            "四川 项目支出绩效目标申报表",
            "四川 项目支出绩效目标申报表 (sichuan-* in tests/data/realforms)",
            {
                "项目完成指标": "output",
                "项目效益指标": "benefit",
                "满意度指标": "satisfaction",
                "产出指标": "output",
                "效益指标": "benefit",
                "成本指标": "cost",
            },
            (*_COMMON_LEVEL2, "成本指标", *COST_LEVEL2, "服务对象满意度", "经济效益", "社会效益", "生态效益"),
            frozenset({"level1", "level2", "name", "value", "unit", "direction", "weight"}),
            lacks=frozenset({"standard", "parent_name", "parent_amount", "period_goal"}),
        ),
        Profile(
            "gansu",
            "甘肃 系统打印表",
            "甘肃嘉峪关 省级部门预算项目支出绩效目标表(2023年度) (gansu-jiayuguan-2023)",
            {
                "产出指标": "output",
                "效益指标": "benefit",
                "满意度指标": "satisfaction",
                "成本指标": "cost",
            },
            (*_COMMON_LEVEL2, *COST_LEVEL2, "服务对象满意度"),
            frozenset({"level1", "level2", "name", "value"}),
            lacks=frozenset({"standard", "period", "period_goal"}),
        ),
        Profile(
            "periods",
            "中期与年度并列（湖北、广东）",
            "广东东莞 2019 批复表, 湖北青山 2020 (中期/长期 and 年度 columns side by side)",
            {
                "产出指标": "output",
                "效益指标": "benefit",
                "满意度指标": "satisfaction",
                "成本指标": "cost",
                "预期产出指标": "output",
                "效果指标": "benefit",
            },
            (
                *_COMMON_LEVEL2,
                *COST_LEVEL2,
                "数量指标(或建筑规模指标)",
                "时效指标(工期指标)",
                "时效指标(工期指标、形象进度指标)",
                "预算(或投资规模)控制指标",
                "社会、经济、生态效益指标",
            ),
            frozenset({"level1", "level2", "name", "value"}),
            lacks=frozenset({"standard"}),
            value_columns="periods",
        ),
        Profile(
            "places",
            "分地区/分子项列值",
            "tables with one value column per town or sub-item (福建 county tables; RULES.md 「Profiles」)",
            {"产出指标": "output", "效益指标": "benefit", "满意度指标": "satisfaction", "成本指标": "cost"},
            (*_COMMON_LEVEL2, *COST_LEVEL2),
            frozenset({"level1", "level2", "name", "value"}),
            lacks=frozenset({"standard"}),
            value_columns="places",
        ),
    )
}

DEFAULT = "ours"


class HasProfile(Protocol):
    profile: str


def profile_of(form: HasProfile | str | None) -> Profile:
    """The profile of ``form`` (a Form, or a profile key); ours when unknown."""
    key = form if isinstance(form, str) or form is None else getattr(form, "profile", DEFAULT)
    return PROFILES.get(key or DEFAULT, PROFILES[DEFAULT])


def standard_level_names(profile: Profile | HasProfile | str | None, level: int) -> frozenset[str]:
    """The 一级 (``level`` 1) or 二级 (2) names standard in ``profile``, compared with ``norm``."""
    p = profile if isinstance(profile, Profile) else profile_of(profile)
    names = p.level1 if level == 1 else p.level2
    return frozenset(norm(n) for n in names)


def category_of(profile: Profile | HasProfile | str | None, level1: object, level2: object = None) -> str | None:
    """The category a row's 一级 name has in its profile (项目完成指标 → output), None when the
    profile does not name it."""
    p = profile if isinstance(profile, Profile) else profile_of(profile)
    key = norm(level1) if isinstance(level1, str) else ""
    for name, cat in p.level1.items():
        if norm(name) == key:
            return cat
    return None


def has_column(profile: Profile | HasProfile | str | None, key: str) -> bool:
    """Whether the family prints indicator column ``key`` (for a Form read from a sheet, whether
    the reader found it there)."""
    place = getattr(profile, "place", None)
    if place is not None and getattr(profile, "sheet", ""):
        return key in place.columns.get("indicators", {})
    p = profile if isinstance(profile, Profile) else profile_of(profile)
    return key in p.columns


def has_field(profile: Profile | HasProfile | str | None, key: str) -> bool:
    """Whether the family's form has field ``key`` (a model field or section key) at all."""
    p = profile if isinstance(profile, Profile) else profile_of(profile)
    return key not in p.lacks


__all__ = [
    "CATEGORIES",
    "DEFAULT",
    "PROFILES",
    "Profile",
    "category_of",
    "has_column",
    "has_field",
    "profile_of",
    "standard_level_names",
]
