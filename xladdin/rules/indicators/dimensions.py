"""Indicator rules about the dimensions: 产出, 效益 and 满意度 are there, each holds what it names
(a cost under 成本, work done under 产出, satisfaction under 满意度)."""

from __future__ import annotations

from collections.abc import Iterator

from xladdin.layout.base import norm
from xladdin.layout.profiles import has_field, level_alias, profile_of
from xladdin.model import Form
from xladdin.patterns import lazy
from xladdin.rules.base import Context, Hit, Severity, rule
from xladdin.rules.indicators.helpers import (
    CATEGORY_ZH,
    SPENDING_WORDS,
    Row,
    all_rows,
    cost_required,
    cut_short,
    is_rate,
    leveled,
    states_cost,
    table_rests,
    tables,
    unlabelled,
)
from xladdin.values import clean_text, grade, has_count_unit, quantity


def category_present(ctx: Context) -> Iterator[Hit]:
    """问题：指标表中产出、效益或满意度某一类没有任何填了指标值的三级指标。

    为何要紧：完整性——绩效目标必须说明产出什么、达到什么效果、服务对象是否满意；缺一个维度是审核
    人首先扣分、退回的地方。

    示例：效益指标下各行全部空白。

    修改：在这三类中各至少填写一项三级指标和可衡量的指标值。
    """
    for form, rows in tables(ctx):
        if not leveled(rows):
            continue  # a flat list of indicators (no 一级/二级 names): nothing to sort by
        cut = cut_short(ctx, form, rows)
        if cut and not cut.at_boundary:
            continue  # S007 says once that the table may be cut short
        for cat in profile_of(form).required:  # a family with no 满意度 level is not asked for one
            mine = [r for r in rows if r.category == cat]
            if any(r.named and r.valued for r in mine):
                continue
            if any(r.not_given for r in mine):
                continue  # import marked it 「本次未提供」: the source copy did not hold it
            if cat == "satisfaction" and _misplaced_satisfaction(rows):
                continue  # I315: the satisfaction measure is there, under another dimension
            where = mine[0].cell("name") if mine else (_table_header(ctx, form) or _header_cell(ctx, form, rows))
            yield ctx.hit(
                form,
                where or "A1",
                f"没有填写任何{CATEGORY_ZH[cat]}（三级指标及指标值）",
                f"至少填写一项{CATEGORY_ZH[cat]}的三级指标和指标值",
                assumed=cut.assumed if cut else "",
                rests=table_rests(rows),
            )


def _table_header(ctx: Context, form: Form) -> str:
    """The header cell over the table's 一级 column ("" when the table was not read from a header
    row): where a dimension the table lacks altogether is reported."""
    fmap = ctx.map_of(form)
    table = fmap.tables.get("indicators") if fmap else None
    col = table.col("level1") if table is not None and table.header_row and not table.ours else None
    return f"{col}{table.header_row}" if col and table is not None else ""


def _misplaced_satisfaction(rows: list[Row]) -> list[Row]:
    """Rows measuring satisfaction (名称含「满意」) under another dimension (I315 reports them)."""
    return [r for r in rows if r.named and r.category in ("output", "benefit") and "满意" in clean_text(r.ind.name)]


def _header_cell(ctx: Context, form: Form, rows: list[Row] | None = None) -> str:
    """The 一级 cell of the table's first row under a dimension (产出, 效益…: past a 制度指标 row
    printed above them) or, when the table has no 一级 column, the header cell over its first
    column: where a finding about a dimension the table lacks stands."""
    start = next((r.index for r in rows or [] if r.category != "unknown"), 0)
    if first := form.place.row_cell("indicators", start, "level1"):
        return first
    fmap = ctx.map_of(form)
    table = fmap.tables.get("indicators") if fmap else None
    if table is not None and table.header_row:
        col = table.col("level1") or (table.columns[0].col if table.columns else None)
        if col:
            return f"{col}{table.header_row}"
    return ""


rule("I301", "缺少产出、效益或满意度指标", Severity.ERROR, category_present)


def cost_empty(ctx: Context) -> Iterator[Hit]:
    """问题：没有一项成本指标同时填了名称和指标值。

    为何要紧：实务中「成本维度空洞」会被指出；财预〔2021〕101号把成本指标列为单独的一级指标（此处
    是否必填未经核实，所以是警告）。

    示例：成本指标一行空白。

    修改：如「人均补助标准」=「≤2380元/人/月」，或「项目总成本」=「≤320万元」。
    """
    for form, rows in tables(ctx):
        if not leveled(rows):
            continue  # a flat list of indicators: I310 cannot tell a cost row
        if not has_field(form, "cost"):
            continue  # a family with no 成本 dimension (中央预算内投资: 产出 and 效益 only)
        if not cost_required(form):  # the 101号 family: I337, an error
            yield from _no_cost(ctx, form, rows)


def _no_cost(ctx: Context, form: Form, rows: list[Row]) -> Iterator[Hit]:
    cost = [r for r in rows if r.category == "cost"]
    if any((r.named and r.valued) or r.not_given for r in cost):
        return
    cut = cut_short(ctx, form, rows) is not None
    if cut and not _output_then_effects(rows):
        return  # S007 says once that the table may be cut short
    where = cost[0].cell("name") if cost else _header_cell(ctx, form)
    output = [r for r in rows if r.category == "output"]
    if cut and not cost:  # the whole 产出 block of a cut copy: the mark on its 一级
        where = output[0].cell("level1") or output[0].cell("level2") or where
    yield ctx.hit(
        form, where or "A1", "成本指标未填写", "填写成本指标，如「人均补助标准」≤2380元/人/月", rests=table_rests(rows)
    )


def _output_then_effects(rows: list[Row]) -> bool:
    """The 产出 block printed whole: 产出 rows, then 效益 (or 满意度) rows after them. In a family whose
    成本 is a 二级 of 产出 (our template, 2020 专项 tables), a copy cut further down still shows that
    no 成本 row was printed (和平 2020: 数量, 质量, 时效, then 经济效益 — cut in 社会效益)."""
    seen = False
    for r in rows:
        if r.category == "output":
            seen = True
        elif seen and r.category in ("benefit", "satisfaction"):
            return True
    return False


rule("I310", "成本指标为空", Severity.WARNING, cost_empty)


def satisfaction_under_benefit(ctx: Context) -> Iterator[Hit]:
    """问题：衡量满意度的三级指标（名称含「满意」）列在效益指标（如社会效益指标）或产出指标（如质量
    指标）下。

    为何要紧：各维度应装它名称所说的内容；满意度有自己的一级指标，放在社会效益下既让效益维度名不
    副实，也让审核人以为满意度维度缺项。

    示例：社会效益指标「群众满意度」= ≥90%；质量指标「资助对象满意度」= 95%以上。

    修改：把该指标移到「满意度指标」（服务对象满意度指标）下，在社会效益下填写真正的社会效果。
    """
    for _form, rows in tables(ctx):
        for r in _misplaced_satisfaction(rows):
            yield r.hit(
                ctx,
                "name",
                f"「{r.ind.name}」衡量满意度，却列在{clean_text(r.ind.level2) or CATEGORY_ZH[r.category]}下",
                "移到满意度指标（服务对象满意度指标）下",
            )


rule("I315", "满意度指标填在了效益或产出指标下", Severity.WARNING, satisfaction_under_benefit)


def cost_not_a_cost(ctx: Context) -> Iterator[Hit]:
    """问题：成本指标的指标值不是成本（金额、单位成本或成本上限），而是比率、数量或文字。

    为何要紧：成本指标回答「花多少钱办这件事」；「资金使用效率 100%」这样的比率说明不了成本，
    成本维度实际上是空的。

    示例：成本指标「资金使用效率」=「100%」。

    修改：写明成本，如「人均补助标准」=「≤2380元/人/月」、「项目总成本」=「≤320万元」。
    """
    for r in all_rows(ctx):
        named_cost = "成本" in norm(r.ind.level1) + norm(r.ind.level2)  # not Dongguan's 预算控制指标
        zero = _is_zero(r.ind.value)  # I327 says it
        if r.category == "cost" and named_cost and r.named and r.valued and not zero and not states_cost(r.reading):
            yield r.hit(
                ctx,
                "value",
                f"成本指标「{r.ind.name}」的指标值「{r.ind.value}」不是成本（金额或单位成本）",
                "写明金额或单位成本，如 ≤2380元/人/月、≤320万元",
                root=r.value_root,
            )


rule("I316", "成本指标没有写明成本", Severity.WARNING, cost_not_a_cost)


def output_measures_spending(ctx: Context) -> Iterator[Hit]:
    """问题：产出指标（数量、质量、时效）衡量的是资金：安排金额、支出到位率、资金拨付率、一笔钱占另一笔钱
    的比例（「劳务报酬占中央投资比例」）之类；不分一级、二级的指标表中，一项指标以金额为值、名称说的是
    资金（「发放金额」≥9.31万元）。

    为何要紧：产出指标衡量做了多少事（办结的案件、服务的人数、维护的场所），不是花了多少钱；
    资金到位、支出进度是预算执行的事，不是绩效产出。

    示例：质量指标「资金到位率」= 100%；数量指标「安排金额」= 320万元。

    修改：换成这笔钱完成的工作量或质量（如 慰问 356人、维护烈士墓 1座）；金额放在成本指标。
    """
    for _form, rows in tables(ctx):
        yield from _spending_rows(ctx, rows, leveled(rows))


def _spending_rows(ctx: Context, rows: list[Row], by_level: bool) -> Iterator[Hit]:
    # a 时效 block asking only when money is paid (天津河北区 2023: 「资金支付及时率」 its one row) gives
    # the work no deadline: that row is then a spending measure like any other
    # for works (维修, 建设, 采购 …), where paying is not the work; a subsidy's payment is its work
    timely = [r for r in rows if r.named and r.level2_kind == "时效"]
    works = any(r.named and r.category == "output" and _WORKS.search(clean_text(r.ind.name)) for r in rows)
    work_timed = not works or any(not any(w in clean_text(r.ind.name) for w in _PAID_WORDS) for r in timely)
    for r in rows:
        if not r.named:
            continue
        if by_level and (r.category != "output" or r.level2_kind == "成本"):
            continue
        if not by_level and not (r.valued and states_cost(r.ind.value)):
            continue  # a flat list (no 产出): a money name with an amount as its value
        name = clean_text(r.ind.name)
        paid = r.level2_kind == "时效" and (_WHEN.search(name) or _POINT.search(clean_text(r.ind.value)))
        if paid and (work_timed or not by_level):
            continue  # 「资金到位及时率」, 「资金拨付 │ 12月底到位」 under 时效 ask when the work is paid for
        if paid and any(w in name for w in _PAID_WORDS):
            yield r.hit(
                ctx,
                "name",
                f"时效指标「{name}」衡量的是付款进度，表中没有工作本身的完成时限",
                "写出工作的完成时限（如 2023年12月底前完工）或完成及时率",
                root=f"money:{r.value_at}",
            )
            continue
        if any(w in name for w in SPENDING_WORDS) or _MONEY_SHARE.search(name):
            yield r.hit(
                ctx,
                "name",
                f"{'产出指标' if by_level else '指标'}「{name}」衡量的是资金，不是完成的工作",
                "改为完成的工作量或质量；金额放在成本指标",
                root=f"money:{r.value_at}",
            )


#: One sum of money as a share of another (安徽舒城 2023 以工代赈 「劳务报酬占中央投资比例」): a spending ratio.
_MONEY_SHARE = lazy(
    r"(?:报酬|工资|薪酬|劳务费|资金|经费|投资|补助|补贴)[\u4e00-\u9fff]{0,8}占[\u4e00-\u9fff]{0,10}"
    r"(?:投资|资金|经费|预算|总额|支出)"
)
#: A project's output that is works with a completion date of its own: a repair, a building, a purchase.
_WORKS = lazy(r"维修|修缮|建设|施工|工程|改造|装修|安装|采购|购置|新建|改建|扩建")
#: Words of a 时效 name asking when money is paid: the spending words and payment's own.
_PAID_WORDS = (*SPENDING_WORDS, "支付", "付款", "工程款", "款项")
#: Words of a timeliness rate: whether on time, not how much.
_WHEN = lazy(r"及时|按时")
#: A time point as a 时效 value (「12月底到位」, 「2021年6月前」), not a rate.
_POINT = lazy(
    r"^(?:\d{4}年)?\d{1,2}月(?:底|末|份|中旬|上旬|下旬)?(?:前|之前|以前)?(?:到位|完成|拨付|下达)?$|^(?:年底|年末)前?"
)


rule("I319", "产出指标衡量的是花了多少钱", Severity.WARNING, output_measures_spending)


def output_without_quantity_or_quality(ctx: Context) -> Iterator[Hit]:
    """问题：产出指标下的数量指标和质量指标都没有填写，只有时效（或成本）行有内容——新增专项时预先
    填好的「实施时间 2023年度」不算产出。

    为何要紧：完整性——产出指标要说明做多少、做到什么程度；只有完成时间等于没有产出目标。

    示例：新建的附表3 只保留了时效指标「实施时间」=「2023年度」，数量、质量两行空白。

    修改：至少填写一项数量指标或质量指标（如 慰问对象 356人、覆盖率 100%）。
    """
    for form, rows in tables(ctx):
        output = [r for r in rows if r.category == "output"]
        if not any(r.named and r.valued for r in output):
            continue  # I301 reports an empty 产出
        if unlabelled(rows):
            continue  # rows with no 一级/二级 may be the 数量 and 质量 (I360 says so): no error from a guess
        if any(r.named and r.valued and r.level2_kind in ("数量", "质量") for r in output):
            continue
        if all(isinstance(r.ind.level2, str) and level_alias(norm(r.ind.level2), 2) == "产出指标" for r in output):
            continue  # 产出 is the 二级 itself (中央预算内投资 「实施效果指标」): no 数量/质量 split to ask for
        blank = [r for r in output if r.level2_kind in ("数量", "质量")]
        where = (blank[0] if blank else output[0]).cell("name")
        yield ctx.hit(
            form,
            where or "A1",
            "产出指标下的数量指标和质量指标都没有填写（只有时效或成本不算产出）",
            "至少填写一项数量指标或质量指标",
            rests=table_rests(output),
        )


rule("I320", "产出指标只有时效，数量和质量都空", Severity.ERROR, output_without_quantity_or_quality)


def level_names_missing(ctx: Context) -> Iterator[Hit]:
    """问题：指标表分一级、二级，但开头几行三级指标没有一级、二级名称（表头下直接是「新增特色产业数量 │
    ≥1个」，时效、成本等二级到后面才出现）。

    为何要紧：审核人要按维度看指标：没有一级、二级，就看不出这几行是数量、质量还是效益，产出是否
    齐全也无从判断。

    示例：表头「一级指标 │ 二级指标 │ 三级指标 │ 指标值」下，前四行只填了三级指标和指标值。

    修改：为这些行补上一级指标（产出指标）和二级指标（数量指标、质量指标）。
    """
    for form, rows in tables(ctx):
        bare = unlabelled(rows)
        if not bare:
            continue
        cells = tuple(f"{form.sheet}!{r.cell('level1') or r.cell('name')}" for r in bare[1:])
        yield ctx.hit(
            form,
            bare[0].cell("level1") or bare[0].cell("name"),
            f"前{len(bare)}行指标（「{clean_text(bare[0].ind.name)}」起）没有一级、二级指标名称，看不出属于哪个维度",
            "补上一级指标和二级指标名称（如 产出指标 / 数量指标）",
            cells=cells,
        )


rule("I360", "指标没有一级、二级名称", Severity.WARNING, level_names_missing)


def cost_required_empty(ctx: Context) -> Iterator[Hit]:
    """问题：按财预〔2021〕101号（预算管理一体化）表式填报的表，没有一项成本指标同时填了名称和指标值。

    为何要紧：101号把绩效目标定义为产出和效果「及其成本控制要求」，成本指标是单独的一级指标；这一
    表式下缺成本指标，审核人会退回（本模板表式下同样的问题是 I310 警告）。

    示例：一体化系统打印的表中，成本指标（经济成本指标）一行空白。

    修改：填写经济成本指标，如「人均补助标准」≤2380元/人/月、「项目总成本」≤320万元。
    """
    for form, rows in tables(ctx):
        if cost_required(form):
            yield from _no_cost(ctx, form, rows)


rule("I337", "成本指标为空（101号表式必填）", Severity.ERROR, cost_required_empty)


def _is_zero(value: object) -> bool:
    q = quantity(value)  # type: ignore[arg-type]
    return q is not None and q.number == 0 and q.kind in (None, "money")


def cost_zero(ctx: Context) -> Iterator[Hit]:
    """问题：成本指标的指标值是 0（「0」「0万元」「≤0元」）。

    为何要紧：成本指标说明办这件事花多少钱、单位成本多少；成本为零等于没有成本控制要求，成本维度
    实际上是空的，也和项目金额对不上。

    示例：成本指标「项目总成本」=「0万元」。

    修改：写出实际的成本上限或单位成本，如「项目总成本」≤320万元、「人均补助标准」≤2380元/人/月。
    """
    for r in all_rows(ctx):
        if r.category == "cost" and r.named and r.valued and _is_zero(r.ind.value):
            yield r.hit(
                ctx,
                "value",
                f"成本指标「{r.ind.name}」的指标值是「{r.ind.value}」，成本为零",
                "写出成本上限或单位成本，如 ≤320万元、≤2380元/人/月",
                root=r.value_root,
            )


rule("I327", "成本指标值为零", Severity.WARNING, cost_zero)

#: Words of a feeling or a change: what a 满意度 row names when it is not a satisfaction measure.
_FEELING = lazy(r"获得感|幸福感|安全感|认同感|荣誉感|归属感|尊崇|感受|体验|提升|提高|改善|增强|增加")
#: A change a 满意度 row names (「提升群众安全感」): no percentage makes it a satisfaction rate.
_MORE = lazy(r"提升|提高|改善|增强|增加")


def satisfaction_not_measured(ctx: Context) -> Iterator[Hit]:
    """问题：满意度指标下的三级指标是一种感受或一个变化（幸福感、获得感、「……提升」），指标值也不是
    满意率（百分比）。

    为何要紧：满意度指标衡量服务对象满意的比例；「群众幸福感」=「明显提升」说的是效果，不是满意度，
    满意度维度实际上没有指标。

    示例：满意度指标「群众幸福感」=「明显提升」。

    修改：写成满意度调查的结果，如「服务对象满意度」≥90%；感受或变化放在社会效益指标下。
    """
    for r in all_rows(ctx):
        if r.category != "satisfaction" or not (r.named and r.valued):
            continue
        name = clean_text(r.ind.name)
        if "满意" in name or not _FEELING.search(name):
            continue
        if r.percent is not None and not _MORE.search(name):
            continue  # 「群众获得感」≥90%: a feeling measured as a rate; 「提升群众安全感」≥90% names a change
        if r.kind in ("blank", "error"):
            continue
        yield r.hit(
            ctx,
            "name",
            f"满意度指标「{name}」=「{r.ind.value}」是感受或变化，不是满意度",
            "写成满意度，如「服务对象满意度」≥90%；感受或变化放在社会效益指标",
        )


rule("I331", "满意度指标不是满意度", Severity.WARNING, satisfaction_not_measured)

_CHANGE = lazy(r"提升|提高|改善|增强|加强|增加|显著|明显|进一步")


def quality_names_a_change(ctx: Context) -> Iterator[Hit]:
    """问题：质量指标的名称是一个变化（「服务质量显著提升」「管理水平进一步提高」），指标值又给了一个
    等级或百分比。

    为何要紧：质量指标衡量做得好不好（合格率、达标率、验收等级）；「显著提升」是效果，配上「优」或
    「100%」读不出到底要达到什么质量标准。

    示例：质量指标「服务质量显著提升」=「优」。

    修改：写成可核对的质量要求，如「验收合格率」≥95%、「服务质量等级」= 优良；变化放在效益指标。
    """
    for r in all_rows(ctx):
        if r.level2_kind != "质量" or not (r.named and r.valued):
            continue
        name = clean_text(r.ind.name)
        if is_rate(name) or not _CHANGE.search(name):
            continue
        if grade(r.ind.value) or r.kind == "qualitative" or r.percent is not None:
            yield r.hit(
                ctx,
                "name",
                f"质量指标「{name}」说的是变化，指标值「{r.ind.value}」是等级",
                "写成质量要求，如「验收合格率」≥95%、「服务质量等级」优良；变化放在效益指标",
            )


rule("I332", "质量指标写的是变化", Severity.WARNING, quality_names_a_change)


def flat_list_lacks(ctx: Context) -> Iterator[Hit]:
    """问题：不分一级、二级的指标表（只有「指标」一列，如重庆的一般性项目绩效目标表）中，没有一项
    满意度指标（名称含「满意」），也没有一项成本（名称含「成本」或指标值是金额）。

    为何要紧：表式不分维度，审核仍要求产出、效益、满意度齐全，并有成本控制要求；只列几项发放人数
    和定性口号的表，说不出服务对象是否满意、花多少钱办成。

    示例：汇总项目库的指标只有「发放人数」「是否按时足额发放」「促进社会和谐」「保障收入」。

    修改：补一项满意度指标（如「服务对象满意度」≥90%）和一项成本指标（如「人均补助标准」
    ≤2380元/人/月）。
    """
    for form, rows in tables(ctx):
        named = [r for r in rows if r.named]
        if leveled(rows) or not named:
            continue
        lacking = []
        if not any("满意" in clean_text(r.ind.name) for r in named):
            lacking.append("满意度指标")
        if not any("成本" in clean_text(r.ind.name) or (r.valued and states_cost(r.ind.value)) for r in named):
            lacking.append("成本指标")
        if lacking:
            what = "，也没有".join(lacking)
            yield ctx.hit(
                form,
                _header_cell(ctx, form) or named[0].cell("name") or "A1",
                f"指标表不分一级、二级，其中没有{what}",
                "补充" + "和".join(lacking) + "（如「服务对象满意度」≥90%、「人均补助标准」≤2380元/人/月）",
            )


rule("I340", "不分维度的指标表缺满意度或成本指标", Severity.WARNING, flat_list_lacks)


def quantity_only_rates(ctx: Context) -> Iterator[Hit]:
    """问题：数量指标下填了指标值的每一行都是比率（覆盖率、完成率……100%），没有一行数出做了多少。

    为何要紧：数量指标回答「做了多少」：改造几所学校、培训多少人次、维修多少平方米；只有比率时，
    100% 是多少的 100% 说不清，审核人会要求补上计数的目标。

    示例：数量指标只有「农村义务教育学校改造覆盖率」= 100%。

    修改：写出完成的数量和计数单位（如「改造学校数量」3所、「维修校舍面积」≥1200平方米）；比率可放在
    质量指标。

    副本在数量指标中间截断（S007）时不在此列：后面的数量指标看不到。

    转移支付的区域绩效目标表也不在此列：它照转移支付的整体目标列出全区域的指标，数量指标常是全区域的
    比率（「猪肉产量稳定率」≥95%）。
    """
    for form, rows in tables(ctx):
        quantity_rows = [r for r in rows if r.category == "output" and r.level2_kind == "数量" and r.named and r.valued]
        if not quantity_rows or _REGIONAL.search(clean_text(form.title)):
            continue
        named = [r for r in rows if r.named]
        if named[-1].level2_kind == "数量" and (
            cut_short(ctx, form, rows) is not None or all(r.category == "output" for r in named)
        ):
            continue  # a copy cut inside the 数量 block (安徽蒙城 2024): its counts may follow the rates
        if all(_rate_only(r) or _percent_only(r) for r in quantity_rows):
            first = next((r for r in quantity_rows if _rate_only(r)), quantity_rows[0])
            yield first.hit(
                ctx,
                "value",
                f"数量指标只有比率「{clean_text(first.ind.name)}」{clean_text(first.ind.value)}，没有写做了多少",
                "写出完成的数量和计数单位（如 改造学校 3所、培训 200人次）；比率可放在质量指标",
            )


#: The title of a transfer's 区域绩效目标表: the region's targets as the transfer sets them, where a 数量指标
#: is often a rate of the whole region (重庆忠县 2022: 「猪肉产量稳定率」 ≥95%), not a count of one unit's work.
_REGIONAL = lazy(r"区域绩效目标")


def _rate_only(r: Row) -> bool:
    """A row naming a rate (……率, not 满意度: I315 reports that) whose value is a percentage."""
    name = clean_text(r.ind.name)
    return is_rate(name) and "满意" not in name and r.percent is not None


rule("I370", "数量指标只有比率，没有数量", Severity.WARNING, quantity_only_rates)


def quantity_as_percent(ctx: Context) -> Iterator[Hit]:
    """问题：数量指标的名称不是比率，说的是一件要做到的事（「满足海洛因成瘾患者维持治疗需求」），
    指标值却只是一个百分比（100%），没有数出做多少。数量指标全是比率时 I370 已说一次，不再重复。

    为何要紧：数量指标回答「做了多少」；「满足需求 100%」读不出要服务多少人、采购多少支，年底无从
    核对。

    示例：数量指标「满足海洛因成瘾患者维持治疗需求」= 100%。

    修改：写出数量和计数单位，如「维持治疗人数」≥120人；满足程度可放在质量或效益指标。
    """
    for _form, rows in tables(ctx):
        quantity_rows = [r for r in rows if r.category == "output" and r.level2_kind == "数量" and r.named and r.valued]
        every = bool(quantity_rows) and all(_rate_only(r) or _percent_only(r) for r in quantity_rows)
        said = next((r for r in quantity_rows if _rate_only(r)), quantity_rows[0]) if every else None
        for r in quantity_rows:
            if r is not said and not is_rate(clean_text(r.ind.name)) and _COMPLETION.match(clean_text(r.reading)):
                # 和平 2020 「设施设备采购 │ 全部完成」「室外市政附属工程 │ 完成90%」: how far, not how much
                yield r.hit(
                    ctx,
                    "value",
                    f"数量指标「{clean_text(r.ind.name)}」的指标值「{clean_text(r.ind.value)}」只写了完成程度，没有写做多少",
                    "写出数量和计量单位（如 采购设备 120台（套）、建设道路 800米）；进度可放在时效指标",
                )
                continue
            if r is said or is_rate(clean_text(r.ind.name)) or not _percent_only(r):
                continue
            yield r.hit(
                ctx,
                "value",
                f"数量指标「{clean_text(r.ind.name)}」的指标值「{clean_text(r.ind.value)}」只是百分比，没有写做多少",
                "写出数量和计数单位（如 服务 120人、采购 5000支）；满足程度可放在质量或效益指标",
            )


def _percent_only(r: Row) -> bool:
    """A 数量 row whose value is a bare percentage and whose name counts nothing (「满足…需求」= 100%)."""
    name = clean_text(r.ind.name)
    if "满意" in name or r.percent is None or has_count_unit(r.reading):
        return False
    return not any(w in name for w in _COUNT_WORDS)


#: A value saying only how far the work is done (「全部完成」, 「完成90%」, 「全部完成(包括运动场、…)」).
_COMPLETION = lazy(r"^(?:全部|全面|基本|已经?|按时|按期)?完成(?:\d+(?:\.\d+)?%)?(?:[(（].*[)）])?[。.]?$")

#: Names that count by themselves (「完成数」「人数」「数量」): a percentage after them is I306's business.
_COUNT_WORDS = ("数量", "人数", "个数", "次数", "户数", "面积", "里程", "长度")

rule("I380", "数量指标的值只是百分比", Severity.WARNING, quantity_as_percent)


#: What a social effect measures (schooling, health, safety): an indicator of it is no 经济效益.
_SOCIAL_MEASURE = lazy(r"就学|入学|升学|辍学|巩固率|学位|受教育|就医|看病|发病|患病|死亡率|治愈|接种|事故|安全")
#: What makes a name economic whatever else it says (money, income, output, jobs).
_ECONOMIC_WORD = lazy(r"收入|增收|产值|产量|经济|资金|费用|成本|价值|税|利润|营收|销售|就业|岗位|元|节约|节省|效益")


def social_under_economic(ctx: Context) -> Iterator[Hit]:
    """问题：经济效益指标下列的是社会效果——就学率、入学率、发病率、就医、安全事故等教育、卫生、安全方面的
    指标，名称里没有收入、产值、资金、就业等经济内容。

    为何要紧：各维度应装它名称所说的内容；把教育、卫生的效果放在经济效益下，经济效益名不副实（项目到底
    带来什么经济效果说不清），社会效益维度也显得单薄，审核人会要求调整。

    示例：经济效益指标「提高县城初中学生就学率」= 10.9%。

    修改：把该指标移到「社会效益指标」下；经济效益确实没有的，可不填或写明「无」。
    """
    for _form, rows in tables(ctx):
        for r in rows:
            level2 = norm(clean_text(r.ind.level2))
            if "经济效益" not in level2 or any(w in level2 for w in ("社会", "生态", "可持续")) or not r.named:
                continue
            name = clean_text(r.ind.name)
            if _SOCIAL_MEASURE.search(name) and not _ECONOMIC_WORD.search(name):
                yield r.hit(
                    ctx,
                    "name",
                    f"「{name}」衡量的是教育、卫生或安全方面的社会效果，却列在{clean_text(r.ind.level2)}下",
                    "移到社会效益指标下",
                )


rule("I398", "社会效果列在了经济效益指标下", Severity.WARNING, social_under_economic)
