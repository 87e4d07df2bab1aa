"""Indicator rules about what is written as names: 三级 names (not a level's name, not twice, no
template placeholder, no value inside), standard 一级/二级 names and 绩效标准 choices."""

from __future__ import annotations

import re
from collections.abc import Iterator

from xladdin.formmap import is_not_given
from xladdin.layout.base import is_han, norm
from xladdin.layout.profiles import standard_level_names
from xladdin.layout.skeleton import LEVEL1, STANDARDS
from xladdin.model import Form, Form1, Form3
from xladdin.rules.base import Context, Hit, Severity, rule
from xladdin.rules.indicators.helpers import (
    ACCEPTED_LEVEL1,
    ACCEPTED_LEVEL2,
    Row,
    all_rows,
    level_key,
    names_described,
    phrase_root,
    tables,
    unit_kinds,
)
from xladdin.values import clean_text, is_blank, quantity, same_text


def name_repeats_level(ctx: Context) -> Iterator[Hit]:
    """问题：三级指标名称只是重复了一级或二级指标的名称。

    为何要紧：三级指标叫「数量指标」，说不出数的是什么。

    示例：二级数量指标下，三级指标写「数量指标」。

    一级或二级已写明谁的满意度（「服务对象满意度指标」）时，三级写「满意度」不在此列。

    修改：写出具体衡量的内容（辖区内享受待遇人员数）。
    """

    def bare(x: object) -> str:  # 「服务对象满意度%」 and 「服务对象满意度指标」 are the same name
        return level_key(x).rstrip("%").removesuffix("指标")

    levels = {bare(x) for x in (*ACCEPTED_LEVEL1, *ACCEPTED_LEVEL2)}
    for r in all_rows(ctx):
        name = bare(r.ind.name)
        own = name in (bare(r.ind.level1), bare(r.ind.level2))
        # 「社会公众满意度」 under a bare 满意度指标 names whose satisfaction: an indicator, unless its own
        # 二级 says just that
        generic = name in levels and not (name.endswith("满意度") and len(name) > len("满意度"))
        # 「满意度」 under a level naming whose satisfaction (湖南湘潭 2024: 「服务对象满意度指标」 over 一级 and
        # 二级): the level says whose, the 三级 the measure
        whose = any(b.endswith("满意度") and len(b) > len("满意度") for b in (bare(r.ind.level1), bare(r.ind.level2)))
        generic = generic and not (name == "满意度" and whose)
        if r.named and (own or generic):
            yield r.hit(ctx, "name", f"三级指标名称「{r.ind.name}」只是重复了指标类别", "写出具体衡量的内容")


rule("I308", "三级指标名称与一级/二级名称相同", Severity.WARNING, name_repeats_level)


def duplicate_names(ctx: Context) -> Iterator[Hit]:
    """问题：同一张指标表里，同一个三级指标名称出现两次。

    为何要紧：社会效益和可持续影响下填同一个指标，等于一件事量了两遍，另一个维度实际上是空的。

    示例：「辖区内享受待遇人员的获得感、幸福感」同时列在社会效益指标和可持续影响指标下。

    修改：每个维度设置各自的指标。
    """
    for form, rows in tables(ctx):
        seen: dict[str, Row] = {}
        for r in rows:
            if not r.named:
                continue
            k = norm(clean_text(r.ind.name))
            if k in seen:
                first = seen[k]
                yield r.hit(
                    ctx,
                    "name",
                    f"三级指标「{r.ind.name}」与{clean_text(first.ind.level2)}（{first.cell('name')}）重复",
                    "为每个维度设置不同的指标",
                    root=phrase_root(form, r.ind.name),
                )
            else:
                seen[k] = r


rule("I309", "三级指标名称重复", Severity.WARNING, duplicate_names)


def standard_value(ctx: Context) -> Iterator[Hit]:
    """问题：附表3 的绩效标准为空，或不是「计划标准、行业标准、历史标准、其他标准」之一。

    为何要紧：下拉列表中的选项是审核系统认得的值；没有标准就说不清指标值从何而来。

    示例：绩效标准写成「国家标准」或留空。

    修改：从下拉列表中选择。（只是多了空格的，见 I321，`validate --fix` 会自动改正。）导入的表格中写着
    「本次未提供」的格子是源文件没有的绩效标准，不检查；填写后即照常检查。
    """
    wanted = {norm(s) for s in STANDARDS}
    for form, rows in tables(ctx):
        if not isinstance(form, Form3) or not ctx.found(form, "standard"):
            continue  # a form with no 绩效标准 column
        for r in rows:
            value = r.ind.standard
            if is_not_given(value):
                continue  # import marked it: the source printed no 绩效标准 for this row
            if is_blank(value):
                if r.named:
                    yield r.hit(ctx, "standard", f"「{r.ind.name}」未选择绩效标准", "从下拉列表中选择，如 计划标准")
                continue
            if norm(clean_text(value)) not in wanted:
                yield r.hit(
                    ctx, "standard", f"绩效标准「{value}」不是标准选项", "从下拉列表中选择：" + "、".join(STANDARDS)
                )


rule("I313", "绩效标准未选或不是标准选项", Severity.WARNING, standard_value)


def level_names(ctx: Context) -> Iterator[Hit]:
    """问题：一级或二级指标名称不是标准框架中的名称。通常的框架、财预〔2021〕101号的框架（满意度指标、
    成本指标为一级，经济成本/社会成本/生态环境成本指标为二级）以及各省印制表中的名称（如湖南的
    「社会公众或服务对象满意度指标」）都认可。

    为何要紧：审核人和审核系统按这些名称归类指标。

    示例：二级指标写成「数量」而不是「数量指标」。一个一级名称合并了几行时，只报一次，其余行列在「另见」中。

    修改：从下拉列表中选择。
    """
    levels = (
        ("level1", "一级指标", {level_key(x) for x in ACCEPTED_LEVEL1}, "从下拉列表中选择：" + "、".join(LEVEL1[:3])),
        ("level2", "二级指标", {level_key(x) for x in ACCEPTED_LEVEL2}, "从下拉列表中选择标准的二级指标"),
    )
    for form, rows in tables(ctx):
        own = (standard_level_names(form, 1), standard_level_names(form, 2))  # names standard in its profile
        # a name stands for the rows below it (merged in the form, carried down by the reader): the
        # rows that repeat it are one finding, at its first cell
        first: dict[str, tuple[object, str]] = {}
        for r in rows:
            for column, label, accepted, fix in levels:
                value = getattr(r.ind, column)
                if is_blank(value) or level_key(value) in accepted or norm(value) in own[column == "level2"]:
                    first.pop(column, None)
                    continue
                if first.get(column, (None, ""))[0] != value:
                    first[column] = (value, r.cell(column))
                root = f"I314:{form.sheet}!{first[column][1]}"
                yield r.hit(ctx, column, f"{label}「{value}」不是标准名称", fix, root=root)


rule("I314", "一级/二级指标名称不规范", Severity.WARNING, level_names)


def standard_spacing(ctx: Context) -> Iterator[Hit]:
    """问题：绩效标准是标准选项，但前后或中间多了空格（「 计划标准」「计 划 标 准」）。

    为何要紧：意思没变，但与下拉选项逐字比对时对不上；属于书写格式。

    示例：「 计划标准」（前面有一个空格）。

    修改：`xladdin validate 文件 --fix` 会自动改为「计划标准」，或从下拉列表重新选择。
    """
    spaced: dict[str, list[tuple[Form, str]]] = {}
    for form, rows in tables(ctx):
        if not isinstance(form, Form3) or not ctx.found(form, "standard"):
            continue
        for r in rows:
            value = r.ind.standard
            if is_blank(value) or str(value) in STANDARDS:
                continue
            if norm(clean_text(value)) in STANDARDS:
                spaced.setdefault(str(value), []).append((form, r.cell("standard")))
    for value, places in spaced.items():  # one finding per spelling for the whole workbook
        form, cell = places[0]
        sheets = list(dict.fromkeys(f.sheet for f, _ in places))
        where = f"（{len(places)} 处，{len(sheets)} 张表）" if len(places) > 1 else ""
        yield ctx.hit(
            form,
            cell,
            f"绩效标准「{value}」含多余空格{where}",
            f"改为「{norm(clean_text(value))}」",
            cells=tuple(f"{f.sheet}!{c}" for f, c in places[1:]),
        )


rule("I321", "绩效标准含多余空格", Severity.INFO, standard_spacing)


_PLACEHOLDER = re.compile(r"\*\*|＊＊|××|XX|xx|…{2,}|\.{3,}万元|\(\s*[≤≥<>]?\s*\*")


def placeholders(ctx: Context) -> Iterator[Hit]:
    """问题：三级指标名称或指标值里还留着模板的占位符，如「(≤**万元)」「(≥**%)」「××」。

    为何要紧：占位符说明这一项是照模板填的、没有改完；打印出来很显眼，审核人会要求改正。

    示例：成本指标「项目总成本(≤**万元)」。

    修改：删去占位符，把实际的值写在指标值一栏（≤1125万元）。
    """
    for r in all_rows(ctx):
        for column in ("name", "value"):
            text = clean_text(getattr(r.ind, column))
            if text and _PLACEHOLDER.search(text):
                yield r.hit(ctx, column, f"「{text}」中留着模板占位符", "删去占位符，填写实际的值")


rule("I322", "指标中留着模板占位符", Severity.WARNING, placeholders)


_VALUE_IN_NAME = re.compile(r"(?<![\d年.])\d+(?:\.\d+)?\s*(%|[^\d\s，。、；:：()（）]{1,3})")


_PER_UNIT = re.compile(r"元\s*(?:/|每)\s*([A-Za-z]+[23²³]?|[^\d\s，。、；:：()（）/]{1,4})\s*$")
_SAME_UNIT = {"平方米": "平米", "㎡": "平米", "m2": "平米", "m²": "平米", "m": "米", "公里": "km", "千米": "km"}


def _unit_word(unit: str) -> str:
    unit = unit.strip().lower()
    return _SAME_UNIT.get(unit, unit)


def _per_unit(value: str) -> str | None:
    """「490元/平米」 → 「平米」: the unit a unit price is per, or None."""
    m = _PER_UNIT.search(value)
    return _unit_word(m.group(1)) if m else None


def value_in_name(ctx: Context) -> Iterator[Hit]:
    """问题：三级指标名称里带着一个数值（「……质量达标率100%」「村组干部230人」），而指标值一栏又写了
    另一个值或另一个单位。

    为何要紧：名称说的是衡量什么，值说的是目标多少；数值写在名称里，两处一改就对不上，审核人不知道
    以哪个为准。

    示例：名称「工程质量达标率100%」，指标值「>=98%」；名称「村组干部230人」，度量单位「个」。

    修改：名称只写衡量的内容（工程质量达标率），数值写在指标值一栏。
    """
    described = {id(f) for f in ctx.submission.forms() if names_described(ctx, f)}
    for r in all_rows(ctx):
        if not (r.named and r.valued) or id(r.form) in described:
            continue  # a description read as the name (临海 指标描述) may say its value
        name = clean_text(r.ind.name)
        for m in _VALUE_IN_NAME.finditer(name):
            unit = m.group(1)
            kind = "percent" if unit == "%" else next((k for u, k in unit_kinds(unit)), None)
            if kind not in ("percent", "count", "money", "measure"):
                continue
            written = f"{m.group(0).strip()}"
            if same_text(written, r.ind.value):
                break  # the same value twice: I304 territory, not a contradiction
            said, given = quantity(written), quantity(r.ind.value)
            if said and given and said.number == given.number and said.kind == given.kind and _EXPLAINS.search(name):
                break  # 「…的维护满意率应该在95%以上」 │ 「≥95%」: a sentence explaining the value, not a name
            if _per_unit(clean_text(r.ind.value)) == _unit_word(unit):
                break  # 「饲料库120平米 │ 490元/平米」: the quantity priced per its own unit, consistent
            yield r.hit(
                ctx,
                "name",
                f"三级指标名称「{name}」里写了「{written}」，指标值却是「{r.ind.value}」",
                "名称只写衡量的内容，数值写在指标值一栏",
            )
            break


rule("I325", "三级指标名称里写了指标值", Severity.WARNING, value_in_name)

#: A sentence explaining the target (浙江临海 2024 指标描述 「服务对象对于…的维护满意率应该在95%以上」, imported
#: as the name): long, and saying what it should reach; a name with its number glued on (「满意度95%以上」) is not one.
_EXPLAINS = re.compile(r"^.{12,}(?:应该?|须|要求|力争)(?:在|达到|不低于|保持)")


def names_only_classes(ctx: Context) -> Iterator[Hit]:
    """问题：指标表的「指标名称」一栏只填了二级类别（数量指标、质量指标、社会效益指标……），没有一行写出
    具体衡量什么的三级指标名称；考核内容只写在「指标描述」里。

    为何要紧：三级指标名称是考核的对象：「数量指标 375万平方米」说不清是养护面积还是新增面积，审核人只能
    从描述里猜，年底也无法按名称核对。

    示例：浙江临海 2024 「指标类型 │ 指标名称 │ 指标值 │ 指标描述」，指标名称一栏是「数量指标」「质量指标」。

    修改：每行写出具体指标名称（如「绿地养护面积」375万平方米、「绿地覆盖率」100%）。
    """
    for form, rows in tables(ctx):
        if rows and names_described(ctx, form):
            first = rows[0]
            yield ctx.hit(
                form,
                first.cell("level2"),
                "「指标名称」一栏只填了二级指标类别（"
                + "、".join(dict.fromkeys(clean_text(r.ind.level2) for r in rows if clean_text(r.ind.level2)))
                + "），没有具体的指标名称，考核内容只写在指标描述里",
                "每行写出具体的指标名称（如「绿地养护面积」「绿地覆盖率」）",
                cells=tuple(f"{form.sheet}!{r.cell('level2')}" for r in rows[1:]),
            )


rule("I388", "指标名称只填了二级类别", Severity.WARNING, names_only_classes)


def _goal_texts(form: Form) -> list[str]:
    """The goal texts printed above a form's indicator table."""
    if isinstance(form, Form3):
        texts = [form.annual_goal, form.period_goal]
    elif isinstance(form, Form1):
        texts = [form.goal, *(w.goal for w in form.work_plan)]
    else:
        texts = []
    return [norm(clean_text(t)) for t in texts if not is_blank(t)]


def _pairs(text: str) -> dict[str, list[int]]:
    """Where each two characters side by side start in ``text``."""
    at: dict[str, list[int]] = {}
    for i in range(len(text) - 1):
        at.setdefault(text[i : i + 2], []).append(i)
    return at


def _aligned(name: str, text: str, at: dict[str, list[int]] | None = None) -> list[int]:
    """The shifts d (name[j] against text[j + d]) at which a near miss can start: a phrase that
    agrees on two characters side by side left of the difference and on two right of it (as every
    near miss does), in increasing order. The other shifts are never looked at, which is most of the cost. ``at`` is
    ``_pairs(text)`` when the caller has it (one goal text against every name of a table)."""
    at = _pairs(text) if at is None else at
    spans: dict[int, tuple[int, int]] = {}  # shift → the first and last j of a pair agreeing at it
    for j in range(len(name) - 1):
        for i in at.get(name[j : j + 2], ()):
            first = spans.get(i - j)
            spans[i - j] = (j, j) if first is None else (first[0], j)
    # a near miss agrees on a pair left of the difference and on a pair right of it, three or more apart
    return sorted(d for d, (first, last) in spans.items() if last - first >= 3)


def near_miss(name: str, text: str, at: dict[str, list[int]] | None = None) -> str | None:
    """The phrase of ``text`` that ``name`` misspells: the two agree on at least two characters
    either side of one differing Chinese character (or two side by side), six characters or more
    in all. Digits and punctuation never count (another number is not a typo). None when nothing
    is that close. ``at``: ``_pairs(text)``, when the caller has it."""
    n, t = len(name), len(text)
    for d in _aligned(name, text, at):
        js = range(max(0, -d), min(n, t - d))
        same = [name[j] == text[j + d] for j in js]
        for p, ok in enumerate(same):
            if ok:
                continue
            q = p + 1 if p + 1 < len(same) and not same[p + 1] else p  # two wrong side by side
            j0 = js[0]
            pairs = [(name[j0 + k], text[j0 + k + d]) for k in range(p, q + 1)]
            if not all(is_han(a) and is_han(b) for a, b in pairs):
                continue
            left = right = 0
            while p - left - 1 >= 0 and same[p - left - 1]:
                left += 1
            while q + right + 1 < len(same) and same[q + right + 1]:
                right += 1
            if left >= 2 and right >= 2 and left + right + (q - p + 1) >= (6 if q == p else 8):
                a = j0 + p - left + d
                return text[a : a + left + right + q - p + 1]
    return None


def name_misspells_goal(ctx: Context) -> Iterator[Hit]:
    """问题：三级指标名称和上方绩效目标里的同一句话差一两个字（「退役军人」写成「退伍军人」之类），
    看起来是笔误。

    为何要紧：指标要与目标对应；名称和目标对不上，审核人会以为是两件事，或认定表格填写不认真。

    示例：年度绩效目标「为辖区内享受待遇人员发放抚恤补助」，数量指标却写「辖区内享受代遇人员数」。

    修改：核对后统一写法（通常以绩效目标为准）。
    """
    for form, rows in tables(ctx):
        goals = _goal_texts(form)
        if not goals:
            continue
        pairs = [_pairs(g) for g in goals]  # each goal's index once, for every name of the table
        for r in rows:
            if not r.named:
                continue
            name = norm(clean_text(r.ind.name)).rstrip("。.")
            if any(name in g for g in goals):
                continue
            phrase = next((p for g, at in zip(goals, pairs, strict=True) if (p := near_miss(name, g, at))), None)
            if phrase:
                yield r.hit(
                    ctx,
                    "name",
                    f"三级指标「{name}」与绩效目标中的「{phrase}」只差一两个字，可能是笔误",
                    f"核对后统一写法（如改为「{phrase}」）",
                )


rule("I333", "指标名称与绩效目标字句差一两个字", Severity.WARNING, name_misspells_goal)
