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

import re
import unicodedata
from typing import NamedTuple, Protocol

from xladdin.layout import vocabulary
from xladdin.layout.base import MEMO_SIZE, TEXT_MEMOS, norm
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


class Profile(NamedTuple):
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
    #: 中期 and 年度 values side by side, or one value column per place/sub-item, or one per grade
    value_columns: str = "one"  # one | periods | places | grades
    #: the family's own spellings of the standard level names are standard too (:func:`level_alias`):
    #: 产出值/数量值 (山东临邑), 产出/数量 (评价指标体系), 「社会效益」 printed over 一级 and 二级 (浙江慈溪)
    aliases: bool = False
    #: the categories every form of the family must hold (I301): the 中央预算内投资 family has no 满意度
    required: tuple[str, ...] = ("output", "benefit", "satisfaction")


#: The 二级 of the 中央预算内投资 family's 「过程管理指标」 block (国家发展改革委 绩效目标表), as printed and bare.
_PROCESS_LEVEL2 = tuple(f"{n}{s}" for n in ("计划管理", "资金管理", "项目管理", "监督检查") for s in ("指标", ""))

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
            "county",
            "各地自定的指标层级名称",
            "山东临邑 2025 (产出值 / 数量值 / 经济效益值 …), 浙江慈溪 2023 (「社会效益」 over 一级 and 二级): "
            "the standard framework spelt the family's own way",
            _OURS_L1,
            _COMMON_LEVEL2,
            frozenset({"level1", "level2", "name", "value"}),
            lacks=frozenset({"standard"}),
            aliases=True,
        ),
        Profile(
            "evaluation",
            "评价指标体系（决策/过程/产出/效益）",
            "江苏镇江 2024 (决策 / 过程 / 产出 / 效益, 二级 项目立项 …), 河北宁晋 2019 评价指标表 "
            "(评价内容 产出 │ 数量指标, 制度指标, 分值): targets laid out on the evaluation framework",
            {
                **_OURS_L1,
                "决策": "",
                "过程": "",
                "产出": "output",
                "效益": "benefit",
                "满意度": "satisfaction",
                "制度指标": "",
                "项目管理": "",
            },
            (
                *_COMMON_LEVEL2,
                *COST_LEVEL2,
                "项目立项",
                "绩效目标",
                "资金投入",
                "资金管理",
                "组织实施",
                "产出数量",
                "产出质量",
                "产出时效",
                "产出成本",
                "项目效益",
                "制度指标",
                "满意度",
            ),
            frozenset({"level1", "level2", "name", "value", "weight", "explanation"}),
            lacks=frozenset({"standard", "parent_name", "parent_amount"}),
            aliases=True,
        ),
        Profile(
            "grades",
            "分等级评价标准（优/良/中/差各一列）",
            "河北邯郸 2019 (绩效指标分类 | 绩效指标 | 绩效指标描述 | 优 | 良 | 中 | 差 | 评价标准确定依据; "
            "产出指标 / 效果指标)",
            {**_OURS_L1, "效果指标": "benefit", "预期产出指标": "output"},
            _COMMON_LEVEL2,
            frozenset({"level1", "name", "value", "explanation", "basis"}),
            lacks=frozenset({"standard", "parent_name", "parent_amount", "period", "period_goal"}),
            value_columns="grades",
            aliases=True,
        ),
        Profile(
            "investment",
            "中央预算内投资计划绩效目标表（发改）",
            "天津宝坻 2022 中央预算内投资计划绩效目标表 (tests/data/realforms/set3): one 一级 「实施效果指标」 "
            "over 产出指标 / 效益指标 as its 二级, no 满意度 level, 专项名称 / 下达中央预算内投资 fields; "
            "安徽舒城 2023 (set8): the family's second 一级 「过程管理指标」 over "
            "计划管理 / 资金管理 / 项目管理 / 监督检查指标",
            {**_OURS_L1, "实施效果指标": "", "实施效果": "", "过程管理指标": "", "过程管理": ""},
            (*_COMMON_LEVEL2, *COST_LEVEL2, "产出指标", "效益指标", "成本指标", *_PROCESS_LEVEL2),
            frozenset({"level1", "level2", "name", "value"}),
            lacks=frozenset({"standard", "parent_name", "parent_amount", "period", "period_goal", "cost"}),
            aliases=True,
            required=("output", "benefit"),
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

# --- a family's own spellings of the standard level names -------------------------------------
#: Standard names by stem: 「产出」「产出值」「产出类」「产出类指标」 all spell 产出指标.
_STEMS = (
    "产出",
    "效益",
    "满意度",
    "成本",
    "数量",
    "质量",
    "时效",
    "经济效益",
    "社会效益",
    "生态效益",
    "可持续影响",
    "服务对象满意度",
    "社会公众满意度",
    "经济成本",
    "社会成本",
    "生态环境成本",
)
_ALIAS_SUFFIX = re.compile(r"(?:类指标|类|值|指标)$")
#: 二级 names a form may print over its 一级 and 二级 columns at once (the 一级 they stand for).
_SPANNING = dict.fromkeys(("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"), "效益指标")


def score_free(name: str) -> str:
    """A level name without a score note, in every family (重庆奉节 2023 审批表): 「成本指标(0-20)分」
    → 「成本指标」."""
    return vocabulary.score_free(norm(unicodedata.normalize("NFKC", name)))


_ALIASES: dict[tuple[str, int], str] = {}
TEXT_MEMOS.append(_ALIASES)


def level_alias(name: str, level: int) -> str:
    """The standard name a family's own spelling stands for: 「产出值」「产出」「产出类」 → 「产出指标」,
    「数量值」 → 「数量指标」; at 一级, a 二级 benefit name printed over both columns → 「效益指标」.
    Anything else as it is (score note removed)."""
    key = (name, level)
    out = _ALIASES.get(key)  # each distinct name of a workbook once (``xladdin.layout.base.TEXT_MEMOS``)
    if out is None:
        out = _level_alias(name, level)
        if len(_ALIASES) < MEMO_SIZE:
            _ALIASES[key] = out
    return out


def _level_alias(name: str, level: int) -> str:
    text = score_free(name)
    stem = _ALIAS_SUFFIX.sub("", text)
    out = f"{stem}指标" if stem in _STEMS else text
    return _SPANNING.get(out, out) if level == 1 else out


class LevelNames(frozenset[str]):
    """The level names standard in a family, compared with ``norm``; a name with a score note
    (「成本指标(0-20)分」) is the name, and in a family with ``aliases`` its own spellings are too."""

    aliases: bool = False
    level: int = 1

    def __new__(cls, names: frozenset[str], aliases: bool, level: int) -> LevelNames:
        out = super().__new__(cls, names)
        out.aliases, out.level = aliases, level
        return out

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        if frozenset.__contains__(self, name) or frozenset.__contains__(self, score_free(name)):
            return True
        return self.aliases and frozenset.__contains__(self, level_alias(name, self.level))


class HasProfile(Protocol):
    profile: str


def profile_of(form: HasProfile | str | None) -> Profile:
    """The profile of ``form`` (a Form, or a profile key); ours when unknown."""
    key = form if isinstance(form, str) or form is None else getattr(form, "profile", DEFAULT)
    return PROFILES.get(key or DEFAULT, PROFILES[DEFAULT])


def standard_level_names(profile: Profile | HasProfile | str | None, level: int) -> frozenset[str]:
    """The 一级 (``level`` 1) or 二级 (2) names standard in ``profile``, compared with ``norm`` (a
    :class:`LevelNames`: a score note is no part of a name, a family's own spellings count)."""
    p = profile if isinstance(profile, Profile) else profile_of(profile)
    names = p.level1 if level == 1 else p.level2
    return LevelNames(frozenset(norm(n) for n in names), p.aliases, level)


def category_of(profile: Profile | HasProfile | str | None, level1: object, level2: object = None) -> str | None:
    """The category a row's 一级 name has in its profile (项目完成指标 → output), None when the
    profile does not name it."""
    p = profile if isinstance(profile, Profile) else profile_of(profile)
    if not isinstance(level1, str):
        return None
    keys = {norm(level1), score_free(level1)} | ({level_alias(level1, 1)} if p.aliases else set())
    for name, cat in p.level1.items():
        if norm(name) in keys:
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
    "LevelNames",
    "Profile",
    "category_of",
    "has_column",
    "has_field",
    "level_alias",
    "profile_of",
    "score_free",
    "standard_level_names",
]
