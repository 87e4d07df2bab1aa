"""Form-field rules (F5xx): header fields, signature lines and the budget year."""

from __future__ import annotations

from collections.abc import Iterator

from xladdin.model import Form, Form1, Form3
from xladdin.patterns import lazy
from xladdin.rules.base import Context, Hit, Severity, rule
from xladdin.rules.indicators import tables
from xladdin.values import clean_text, is_blank

_YEAR = lazy(r"(?<!\d)(20\d{2})(?!\d)")
_PHONE = lazy(r"^(?:\+?86[- ]?)?(?:1\d{10}|0\d{2,3}[- ]?\d{7,8}(?:[- ]?\d{1,4})?|\d{7,8})$")


def _once_per_workbook(ctx: Context, blanks: dict[str, list[tuple[Form, str]]], fix: str) -> Iterator[Hit]:
    """One finding per blank field for the whole workbook, at its first cell, naming the sheets."""
    for label, places in blanks.items():
        form, cell = places[0]
        sheets = [f.sheet for f, _ in places]
        if len(sheets) == len(ctx.submission.forms()) > 1:
            where = f"（全部 {len(sheets)} 张表）"
        else:
            where = f"（{len(sheets)} 张表：{'、'.join(sheets)}）" if len(sheets) > 1 else ""
        yield ctx.hit(
            form,
            cell,
            f"{label}未填写{where}",
            fix.format(label=label),
            cells=tuple(f"{f.sheet}!{c}" for f, c in places[1:]),
        )


def header_fields(ctx: Context) -> Iterator[Hit]:
    """问题：填报单位（每张表）或部门名称（附表1）为空。整个工作簿只报一次，列出所有空着的表。

    为何要紧：审核人必须知道这是谁的报表；报送前要填写并盖章。起草阶段只是警告。

    示例：「填报单位：（盖章）」后面什么也没有。

    修改：填写单位全称。
    """
    blanks: dict[str, list[tuple[Form, str]]] = {}
    for form in ctx.submission.forms():
        if form.cell("unit") and is_blank(form.unit) and ctx.sure(form, "unit"):
            blanks.setdefault("填报单位", []).append((form, form.cell("unit")))
        dept = form.cell("department") if isinstance(form, Form1) else ""
        if dept and is_blank(form.department) and ctx.sure(form, "department"):  # type: ignore[attr-defined]
            blanks.setdefault("部门名称", []).append((form, dept))
    yield from _once_per_workbook(ctx, blanks, "填写{label}全称（报送前加盖公章）")


rule("F501", "填报单位或部门名称未填", Severity.WARNING, header_fields)


def signature_fields(ctx: Context) -> Iterator[Hit]:
    """问题：单位负责人、填表人或联系电话（外地表式印的项目负责人、「项目责任人(签字)」）为空。同一栏在各表
    都空着时，整个工作簿只报一次，列出各表。

    为何要紧：审核人需要一个能打电话询问的人，和一个为数字负责的人。起草阶段是警告；报送前可在配置
    中把它设为 "error"。

    示例：「填表人：」「联系电话：」后面空白。

    修改：填写姓名和电话（单位负责人在打印稿上签字）。
    """
    blanks: dict[str, list[tuple[Form, str]]] = {}
    for form in ctx.submission.forms():
        for key, label in (
            ("signature.head", "单位负责人"),
            ("signature.filler", "填表人"),
            ("signature.phone", "联系电话"),
            ("info.leader", "项目负责人"),  # a foreign form's 「项目负责人」「项目责任人(签字)」
        ):
            if form.cell(key) and is_blank(form.get(key)) and ctx.sure(form, key):
                blanks.setdefault(label, []).append((form, form.cell(key)))
    yield from _once_per_workbook(ctx, blanks, "填写{label}")


rule("F502", "签字栏未填", Severity.WARNING, signature_fields)


def phone_format(ctx: Context) -> Iterator[Hit]:
    """问题：联系电话看起来不是中国的电话号码。

    为何要紧：审核人有问题时要打这个电话；属于书写格式问题。

    示例：「0731-2288」。

    修改：填写 11 位手机号，或「区号-号码」（0731-22881234）。
    """
    for form in ctx.submission.forms():
        phone = form.signature.phone
        if is_blank(phone) or not _DIGITS.search(clean_text(phone)) or _MASKED.search(clean_text(phone)):
            continue  # blank is F502's, no number at all F505's; a masked number cannot be judged
        # a name beside the number (「项目负责人及电话 | 郭铁梅18932106863」) is no part of the number
        parts = [p for p in _NAME.split(clean_text(phone).replace(" ", "")) if p]
        if not parts or not all(_PHONE.match(p) for p in parts):
            yield ctx.hit(
                form, form.cell("signature.phone"), f"联系电话「{phone}」格式不对", "填写手机号或「区号-号码」"
            )


rule("F503", "联系电话格式不对", Severity.INFO, phone_format)

#: A run of digits as long as the shortest phone number (7), with the separators a number is written with.
_DIGITS = lazy(r"\d[\d\- ]{5,}\d")
#: A number a published copy masks (湖南湘阴 2022 「139****8136」): digits on both sides of a run of
#: mask signs. The clerk wrote a number; only its publication hid part of it.
_MASKED = lazy(r"\d{2,4}[\s\-]?[*＊×xX●]{3,}[\s\-]?\d{2,4}")
#: Where a name or a word stands beside a number: Han characters, and the separators put between them.
_NAME = lazy(r"[\u4e00-\u9fff:：,，;；/、()（）]+")


def phone_missing(ctx: Context) -> Iterator[Hit]:
    """问题：联系电话一栏（或「项目负责人及电话」这样姓名与电话合在一起的一栏）填了字，却没有电话号码，
    例如只写了姓名。

    为何要紧：审核人有问题时要打这个电话；只有姓名联系不上人，和没填一样。

    示例：「项目负责人及电话」一栏只填「彭兵」。（公开的副本把号码中间打了星号，如「139****8136」，
    是有号码，不在此列。）

    修改：在姓名后写上手机号或「区号-号码」，如「彭兵 13907301234」。
    """
    for form in ctx.submission.forms():
        phone = form.signature.phone
        cell = form.cell("signature.phone")
        text = clean_text(phone)
        if (
            cell
            and not is_blank(phone)
            and ctx.sure(form, "signature.phone")
            and not _DIGITS.search(text)
            and not _MASKED.search(text)
        ):
            yield ctx.hit(
                form, cell, f"联系电话一栏只有「{clean_text(phone)}」，没有电话号码", "写上手机号或「区号-号码」"
            )


rule("F505", "联系电话一栏没有电话号码", Severity.WARNING, phone_missing)


def budget_year(ctx: Context) -> Iterator[Hit]:
    """问题：标题、项目实施期或时效指标值中的年份不是预算年度（附表1 标题中的年份）。

    为何要紧：照搬去年的表忘了改年份，是常见的疏漏。

    示例：标题「2023年……」，时效指标却是「2022年度」。

    修改：改为预算年度。
    """
    year = ctx.submission.year
    if year is None:
        return
    for form in ctx.submission.forms():
        places = [("title", form.title, "标题")]
        if isinstance(form, Form3):
            places.append(("period", form.period, "项目实施期"))
        for key, value, label in places:
            years = {int(y) for y in _YEAR.findall(clean_text(value))}
            if years and year not in years and form.cell(key):
                yield ctx.hit(form, form.cell(key), f"{label}「{value}」的年度不是预算年度 {year}", f"改为 {year} 年")
    for form, rows in tables(ctx):
        for r in rows:
            if "时效" not in clean_text(r.ind.level2) or not r.valued:
                continue
            years = {int(y) for y in _YEAR.findall(clean_text(r.ind.value))}
            if years and year not in years:
                yield ctx.hit(
                    form, r.cell("value"), f"时效指标「{r.ind.value}」的年度不是预算年度 {year}", f"改为 {year}年度"
                )


rule("F504", "年度与预算年度不一致", Severity.WARNING, budget_year)


#: An internal section of a department (科, 股, 室), not a department: 「经济建设科」「预算股」.
_SECTION = lazy(r"(?:科|股|(?<!办公)(?<!研究)室)$")
_CODE = lazy(r"^[\dA-Za-z\-－—_.、\s]+|[\dA-Za-z\-－—_.、\s]+$")


def supervisor_is_section(ctx: Context) -> Iterator[Hit]:
    """问题：项目表的「主管部门（及代码）」或填报单位填的是一个内设科室或股室（「经济建设科」「预算股」），
    不是部门或单位的全称，也没有部门代码。

    为何要紧：主管部门是对项目负责、向财政报送的预算部门；填成财政局的归口科室或本单位的股室，审核人
    无法确认项目属于哪个部门、由谁负责，会要求改填。

    示例：「主管部门及代码」填「经济建设科」。

    修改：填写主管部门的全称和预算代码，如「阳泉市交通运输局（305001）」。
    """
    for form in ctx.submission.form3s:
        for key in ("info.supervisor", "unit"):
            value = form.get(key)
            text = _CODE.sub("", clean_text(value)) if not is_blank(value) else ""
            if not form.cell(key) or not ctx.sure(form, key) or len(text) < 3 or not _SECTION.search(text):
                continue
            label = "主管部门" if key == "info.supervisor" else "填报单位"
            yield ctx.hit(
                form,
                form.cell(key),
                f"{label}填的是「{text}」，这是内设科室（股室），不是部门或单位的全称",
                "填写主管部门的全称及预算代码，如「某市交通运输局（305001）」"
                if key == "info.supervisor"
                else "填写单位全称，如「某市交通运输局」",
            )
            break


rule("F508", "主管部门填的是内设科室", Severity.WARNING, supervisor_is_section)
#: A run of digits that starts like a year (a date typed with no separators: 「20246」, 「202516」).
_DATE_RUN = lazy(r"(?<!\d)(?:19|20)\d{3,}(?!\d)")


def _illegible_date(run: str) -> bool:
    """「20246」「202516」「2024061」 are no date a reader can be sure of; 「202406」 and 「20240601」 are."""
    if len(run) == 6:
        return not 1 <= int(run[4:]) <= 12
    if len(run) == 8:
        month, day = int(run[4:6]), int(run[6:])
        return not (1 <= month <= 12 and 1 <= day <= 31)
    return True


def period_illegible(ctx: Context) -> Iterator[Hit]:
    """问题：项目实施期（起止时间）写成了连在一起的数字，读不出是哪年哪月：「20246-202516」。

    为何要紧：实施期决定时效指标和资金使用的期限；「202516」既不是 2025年16月，也说不清是 2025年1月
    还是 6 月，审核人只能退回去问。

    示例：项目起止时间「20246-202516」。

    修改：写成「2024.06-2025.01」或「2024年6月至2025年1月」。
    """
    for form in ctx.submission.form3s:
        text = clean_text(form.period)
        runs = [m.group(0) for m in _DATE_RUN.finditer(text)]
        if runs and any(_illegible_date(r) for r in runs) and form.cell("period"):
            yield ctx.hit(
                form,
                form.cell("period"),
                f"项目实施期「{form.period}」读不出年月（数字连写，没有分隔）",
                "写成「2024.06-2025.01」或「2024年6月至2025年1月」",
            )


rule("F510", "项目实施期的日期读不出", Severity.WARNING, period_illegible)


def ticks_blank(ctx: Context) -> Iterator[Hit]:
    """问题：表上印好的勾选框（项目类型「部门预算 □ 切块预算 □」、项目属性「新增□ 延续□」……）一个都
    没有勾。同一张表的几栏都没勾时只报一次，列出各栏。

    为何要紧：勾选栏决定项目按哪一类审核（新增还是延续、经常性还是一次性）；一栏都不勾，审核人只能
    退回去问。

    示例：「项目属性: 新增□ 延续□ 往年备选□」「项目口径: 经常性□ 阶段性□ 一次性□」都没有勾。

    修改：在对应的框里打「√」（或改成「☑」）。
    """
    for fmap in ctx.structure.maps:
        if not fmap.unticked:
            continue
        first, *others = fmap.unticked
        labels = "、".join(dict.fromkeys(f.note or f.cell for f in fmap.unticked))
        yield ctx.hit(
            fmap.sheet,
            first.cell,
            f"{labels}的勾选框一个都没有勾",
            "在对应的框里打「√」",
            cells=tuple(f"{fmap.sheet}!{f.cell}" for f in others),
        )


rule("F511", "勾选栏一项都没勾", Severity.WARNING, ticks_blank)


def supervisor_blank(ctx: Context) -> Iterator[Hit]:
    """问题：项目表印有「主管部门」（「主管部门及代码」）一栏，却空着。

    为何要紧：主管部门是对项目负责、向财政报送的预算部门；空着时审核人不知道项目归哪个部门管、由谁
    汇总报送，会要求补填。

    示例：「主管部门 │ （空） │ 项目起止时间 │ 2022.1—2022.12」；「主管部门及代码 │ （空） │ 实施单位 │ 卫健委」。

    修改：填写主管部门全称及预算代码，如「某县卫生健康委员会（312001）」。
    """
    for form in ctx.submission.form3s:
        cell = form.cell("info.supervisor")
        if cell and is_blank(form.get("info.supervisor")) and ctx.sure(form, "info.supervisor"):
            yield ctx.hit(form, cell, "主管部门未填写", "填写主管部门全称及预算代码")


rule("F512", "主管部门未填", Severity.WARNING, supervisor_blank)


#: An amount typed with its unit: 「2279.048 万元」.
_WITH_UNIT = lazy(r"\d\s*(?:万元|元|亿元)$")


def amount_unit_typed(ctx: Context) -> Iterator[Hit]:
    """问题：金额栏的标签已注明「(万元)」，金额却连单位一起写成文字「2279.048 万元」。一张表只报一次，
    列出各格。

    为何要紧：标签已经规定了单位，再写一遍单位，这一格就成了文字：表里的合计会跳过它，导入或汇总时
    也要人工改；审核人会要求只填数字。

    示例：「项目金额(万元) │ 年度资金总额 │ 2279.048 万元」。

    修改：只填数字（2279.048），单位以标签为准。
    """
    for fmap in ctx.structure.maps:
        cells = [f for f in [*fmap.fields.values(), *fmap.lines] if f.cell in fmap.unit_labelled]
        cells = [f for f in cells if isinstance(f.value, str) and _WITH_UNIT.search(clean_text(f.value))]
        if not cells:
            continue
        first, *others = list(dict.fromkeys(f.cell for f in cells))
        value = next(f.value for f in cells if f.cell == first)
        yield ctx.hit(
            fmap.sheet,
            first,
            f"金额栏已注明万元，金额却连单位写成文字「{clean_text(value)}」",
            "只填数字，单位以标签为准",
            cells=tuple(f"{fmap.sheet}!{c}" for c in others),
        )


rule("F513", "金额栏已注明万元却带单位写成文字", Severity.WARNING, amount_unit_typed)


def kind_blank(ctx: Context) -> Iterator[Hit]:
    """问题：项目表印有「项目性质」「项目类型」「项目属性」这样要选填的一栏，值却空着。

    为何要紧：这几栏决定项目按哪一类审核、安排（经常性还是一次性、新增还是延续）；空着时审核人只能
    退回去问。

    示例：「项目性质 │ （空） │ 项目安排频度 │ 01-常年性项目」。

    修改：按系统或表式给出的选项填写（如「01-经常性项目」）。
    """
    for fmap in ctx.structure.maps:
        for f in fmap.blank_kinds:
            yield ctx.hit(fmap.sheet, f.cell, f"{f.note}未填写", f"填写{f.note}")


rule("F514", "项目性质（类型、属性）未填", Severity.WARNING, kind_blank)

#: A project name saying its money comes from a higher level: 「…省级资金」「中央补助」「转移支付」.
_UPPER_MONEY = lazy(r"(?:省级|中央|上级)(?:财政)?(?:补助|专项|转移支付)?资金|中央补助|省级补助|转移支付")


def transfer_denied(ctx: Context) -> Iterator[Hit]:
    """问题：项目名称写明是上级（省级、中央）资金或转移支付，表上「是否使用上级转移支付资金」却答「否」。

    为何要紧：上级转移支付资金要按上级下达的用途和绩效目标管理，要填上级转移支付项目；答「否」与
    项目名称自相矛盾，审核人会要求核实资金来源。

    示例：项目名称「…校舍安全保障长效机制省级资金」，「是否使用上级转移支付资金: 否」，上级转移支付项目
    空着。

    修改：按资金实际来源改为「是」并填写上级转移支付项目；确非上级资金的，改正项目名称。
    """
    for fmap in ctx.structure.maps:
        if not fmap.no_transfer:
            continue
        names = [f.value for k, f in fmap.fields.items() if k in ("direction", "parent_name", "title")]
        said = next((m.group(0) for v in names if isinstance(v, str) and (m := _UPPER_MONEY.search(clean_text(v)))), "")
        if not said:
            continue
        f = fmap.no_transfer[0]
        yield ctx.hit(
            fmap.sheet,
            f.cell,
            f"项目名称写明是「{said}」，「{f.note}」却填「{clean_text(f.value)}」",
            "核实资金来源：上级转移支付资金改填「是」并写明上级转移支付项目",
        )


rule("F515", "项目名称是上级资金，却答未使用上级转移支付", Severity.WARNING, transfer_denied)

#: The level of government a fund's name gives its money: 「省级财政林业草原专项资金」 → 省级.
_NAMED_LEVEL = lazy(
    r"(中央|省级|省本级|市级|市本级|县级|区级)(?=[\u4e00-\u9fff、]{0,12}?(?:资金|补助|专项|转移支付|投资))"
)
_LEVELS = {"省本级": "省级", "市本级": "市级", "区级": "县级"}


def level_label_wrong(ctx: Context) -> Iterator[Hit]:
    """问题：金额的标签写明是某一级的资金（「中央补助年度金额」），而表的标题和资金名称说这笔钱是另一级的
    （「省级财政林业草原专项资金」）：标签沿用了另一级的表式。

    为何要紧：资金来源决定按哪一级的办法管理、向哪一级报送绩效目标；标签写错级次，汇总和审核时会把
    省级资金算作中央资金，审核人会要求改正。

    示例：四川某县「2024年省级财政林业草原专项资金区域绩效目标表」，金额一栏的标签是「中央补助年度金额
    （万元）」。

    修改：把标签改为这笔资金的级次（如「省级补助年度金额（万元）」）；确是中央资金的，改正标题和资金名称。
    """
    for fmap in ctx.structure.maps:
        if not fmap.level_labels:
            continue
        names = [f.value for k, f in fmap.fields.items() if k in ("direction", "parent_name", "title")]
        named = {
            _LEVELS.get(m.group(1), m.group(1))
            for v in names
            if isinstance(v, str)
            for m in _NAMED_LEVEL.finditer(clean_text(v))
        }
        if len(named) != 1:
            continue  # no level named, or a fund of two levels (「中央和省级资金」): nothing to compare
        (level,) = named
        for f in fmap.level_labels:
            if f.note != level:
                yield ctx.hit(
                    fmap.sheet,
                    f.cell,
                    f"金额标签「{clean_text(f.value)}」写的是{f.note}资金，表的标题和资金名称却是{level}资金",
                    f"把标签改为{level}资金（或改正标题和资金名称）",
                )


rule("F516", "金额标签的资金级次与资金名称不符", Severity.WARNING, level_label_wrong)

#: A goal speaking of a batch of projects: 「实施一批以工代赈中央预算内投资项目」「建设一批…工程」.
_BATCH_GOAL = lazy(r"(?:实施|建设|支持|安排|谋划|储备|推进)(?:一批|若干|一系列)[^，,。；;]{0,24}?(?:项目|工程)")
#: A project name naming one work (「…清水河(…段)治理工程」「…村道硬化项目」), not a fund or a programme.
_ONE_WORK = lazy(r"(?:工程|项目)$")
_PROGRAMME = lazy(r"资金|专项|经费|计划|补助|批")


def goal_of_a_programme(ctx: Context) -> Iterator[Hit]:
    """问题：一个项目的绩效目标表（项目名称是一项工程），目标写的却是「实施一批……项目」：照抄了整个资金
    计划或政策文件的通用表述，没有写这项工程本身要做什么。

    为何要紧：审核人按目标核对这一个项目的产出和效果；「一批项目」既不是这项工程的内容，也无法在年底
    核对，等于没有目标。

    示例：项目名称「……清水河(……段)治理工程」，总体目标「……实施一批以工代赈中央预算内投资项目，
    严格按照不低于中央投资30%的比例发放劳务报酬……」。

    修改：写明这项工程的内容和数量（治理河道多少公里、带动多少人务工、何时完工）。
    """
    for f3 in ctx.submission.form3s:
        name = clean_text(f3.direction)
        if not _ONE_WORK.search(name) or _PROGRAMME.search(name):
            continue
        for attr in ("annual_goal", "period_goal"):
            text = clean_text(getattr(f3, attr))
            cell = f3.cell(attr)
            if cell and ctx.found(f3, attr) and (m := _BATCH_GOAL.search(text)):
                yield ctx.hit(
                    f3,
                    cell,
                    f"项目「{name}」是一项工程，目标却写「{''.join(m.group(0).split())}」：照抄了资金计划的通用表述",
                    "写明这项工程本身的内容、数量和完成时间",
                )
                break


rule("F517", "单个项目的目标写的是一批项目", Severity.WARNING, goal_of_a_programme)
