"""Goal and duty rules (G6xx): 实施期/年度绩效目标 on 附表2 and 附表3, 附表1's 部门职责概述 and
年度重点工作计划 are written, and a 年度绩效目标 says how much or by when."""

from __future__ import annotations

import re
from collections.abc import Iterator

from xladdin.layout.base import norm
from xladdin.layout.vocabulary import field_key, header_key
from xladdin.model import Form
from xladdin.rules.base import Context, Hit, Severity, rule
from xladdin.units import UNITS
from xladdin.values import clean_text, is_blank

GOALS = (("period_goal", "实施期绩效目标"), ("annual_goal", "年度绩效目标"))

_COUNT = "|".join(sorted((*UNITS["count"], *UNITS["time"], *UNITS["percent"]), key=len, reverse=True))
#: A quantity: a number (「16名」, 「356人」, 「100%」) or a Chinese numeral with a count unit (「十六名」).
_QUANTITY = re.compile(rf"\d|[一二两三四五六七八九十百千万]+\s*(?:{_COUNT})")
#: A deadline or a time point: 「2023年度内」, 「年底前」, 「6月」, 「春节、八一」.
_DEADLINE = re.compile(
    r"年度|年底|年末|年内|全年|当年|上半年|下半年|季度|[一二三四五六七八九十]+月|月底|月末|前完成|之前"
    r"|春节|元旦|八一|国庆|中秋|端午|清明|重阳|按时|按期|按月|按季|每月|每季|每年"
)
#: Enumerators that are not quantities: 「目标1：」, 「1.」, 「（一）」.
_ENUMERATOR = re.compile(r"(?:目标|指标|任务)\s*\d+\s*[:：、.．]|(?:^|[\s。；;])[（(]?\d{1,2}[)）.．、]")


def _key(text: object) -> str:
    return norm(clean_text(text))


def _goal_places(ctx: Context) -> Iterator[tuple[Form, str, str, str, object]]:
    """(form, cell, fund key, attr, text) for every goal cell of 附表2's fund rows and the 附表3s."""
    f2 = ctx.submission.form2
    if f2 is not None and ctx.found(f2, "funds"):
        for i, fund in enumerate(f2.funds):
            if is_blank(fund.name):
                continue
            for attr, _ in GOALS:
                yield f2, f2.place.row_cell("funds", i, attr), _key(fund.name), attr, getattr(fund, attr)
    for f3 in ctx.submission.form3s:
        name = f3.parent_name if not is_blank(f3.parent_name) else f3.direction
        for attr, _ in GOALS:
            # a label or header text (「年度目标」, 「一级指标」) where the goal was looked for is the form's
            # printing, not the clerk's goal; a blank where our template's position guessed says nothing
            text = getattr(f3, attr)
            printed = header_key(text) is not None or field_key("form3", text) is not None
            if ctx.found(f3, attr) and not printed and (not is_blank(text) or ctx.sure(f3, attr)):
                yield f3, f3.cell(attr), _key(name), attr, text


def goal_blank(ctx: Context) -> Iterator[Hit]:
    """问题：附表2 某个专项一行，或某张附表3 的实施期绩效目标、年度绩效目标为空。同一专项在两张表上
    都空着，只报一次。

    为何要紧：绩效目标是这张表要审核的核心内容；没有目标，审核人无从判断指标是否相关、资金是否值得，
    会直接退回。

    示例：新增专项后，附表3 的「年度绩效目标」留空。

    修改：写明这笔钱在实施期内、本年度要达到的目标（做多少、做到什么程度、何时完成）。
    """
    labels = dict(GOALS)
    for form, cell, fund, attr, text in _goal_places(ctx):
        if is_blank(text) and cell:
            yield ctx.hit(
                form,
                cell,
                f"{labels[attr]}未填写",
                f"填写{labels[attr]}（做多少、做到什么程度、何时完成）",
                root=f"goal-blank:{fund}:{attr}",
            )


rule("G601", "绩效目标未填写", Severity.ERROR, goal_blank)


def is_vague(text: object) -> bool:
    """A goal with neither a quantity nor a deadline."""
    t = _ENUMERATOR.sub(" ", clean_text(text))
    return bool(t.strip()) and not _QUANTITY.search(t) and not _DEADLINE.search(t)


def goal_vague(ctx: Context) -> Iterator[Hit]:
    """问题：年度绩效目标既没有数量（人数、处数、百分比……），也没有完成时限（年底前、2023年度内、
    春节……）。同一句目标在附表2 和附表3 上重复时只报一次。

    为何要紧：目标要「指向明确、具体细化」（财预〔2011〕285号）；「做好烈士墓的日常维护」到年底无法
    判断是否完成。值得改进，但未必退回。

    示例：「做好烈士墓的日常维护。」

    修改：写明做多少、何时完成，如「2023年12月底前完成 1座 烈士墓的日常维护，完好率 100%」。
    """
    for form, cell, _fund, attr, text in _goal_places(ctx):
        if attr == "annual_goal" and cell and is_vague(text):
            yield ctx.hit(
                form,
                cell,
                f"年度绩效目标「{str(text).strip()}」既没有数量，也没有完成时限",
                "写明做多少（人数、处数、比例）和何时完成",
                root=f"goal-vague:{_key(text)}",
            )


rule("G602", "年度绩效目标既无数量也无时限", Severity.WARNING, goal_vague)


def duties_blank(ctx: Context) -> Iterator[Hit]:
    """问题：附表1 的部门职责概述为空。

    为何要紧：部门整体绩效目标要从职责出发；没有职责概述，审核人无法判断重点工作和指标是否与职责
    相关，会退回补充。

    示例：「部门职责概述」一栏空白。

    修改：按三定方案概述部门的主要职责（可分条列出）。
    """
    f1 = ctx.submission.form1
    if f1 is None or not ctx.found(f1, "duties") or not f1.cell("duties"):
        return
    if is_blank(f1.duties):
        yield ctx.hit(f1, f1.cell("duties"), "部门职责概述未填写", "按三定方案概述部门的主要职责")


rule("G603", "部门职责概述未填写", Severity.ERROR, duties_blank)


def work_plan_blank(ctx: Context) -> Iterator[Hit]:
    """问题：附表1 的年度重点工作计划没有任何一项（事项、责任单位、工作目标全空）。

    为何要紧：重点工作计划说明这一年钱用在哪些事上；空着，整体绩效目标就没有落脚点，审核人会退回。

    示例：「年度重点工作计划」下各行全部空白。

    修改：至少列出一项重点工作：事项、责任单位/科室、工作目标。
    """
    f1 = ctx.submission.form1
    if f1 is None or not ctx.found(f1, "work_plan"):
        return
    if any(not (is_blank(w.item) and is_blank(w.goal)) for w in f1.work_plan):
        return
    cell = f1.place.row_cell("work_plan", 0, "item") or f1.cell("work_plan") or "A1"
    yield ctx.hit(f1, cell, "年度重点工作计划未填写任何事项", "列出重点工作的事项、责任单位和工作目标")


rule("G604", "年度重点工作计划未填写", Severity.ERROR, work_plan_blank)


#: An amount of money in a text: 「320万元」, 「2.7万元」, 「160000元」.
_MONEY = re.compile(r"\d+(?:[.,]\d+)*\s*(?:万元|亿元|千元|元|万)(?![人次户个件项座])")


def goal_is_money(ctx: Context) -> Iterator[Hit]:
    """问题：绩效目标写的是钱（安排资金多少、发放多少万元），除了金额没有别的数量，说不出这笔钱要办成
    什么事。同一句目标在附表2 和附表3 上重复时只报一次。

    为何要紧：绩效目标是用钱换来的产出和效果；「安排资金320万元用于就业援助」只是预算，不是目标，
    审核人会要求写明服务多少人、达到什么效果。

    示例：年度绩效目标「安排就业援助资金320万元。」

    修改：写明这笔钱办成的事，如「2023年为112名城镇退役军人提供就业援助岗位补贴」。
    """
    for form, cell, _fund, attr, text in _goal_places(ctx):
        t = clean_text(text)
        if not cell or not _MONEY.search(t):
            continue
        rest = _MONEY.sub(" ", t)
        if not _QUANTITY.search(_ENUMERATOR.sub(" ", rest)):
            yield ctx.hit(
                form,
                cell,
                f"{dict(GOALS)[attr]}「{t}」只写了金额，没有写这笔钱要达到的产出或效果",
                "写明做多少、做到什么程度（如 为112名退役军人提供援助）",
                root=f"goal-money:{_key(text)}",
            )


rule("G605", "绩效目标写的是金额而不是要办成的事", Severity.WARNING, goal_is_money)

#: Where money comes from or that it is carried over: a funding note, not a goal.
_FUNDING = re.compile(
    r"结转|结余|资金来源|转移支付|提前下达|上级(?:补助|下达|专项|财政)|中央(?:补助|财政|资金)|省级(?:补助|财政|资金)"
    r"|市级(?:补助|财政|资金)|追加|自筹|〔\d{4}〕\s*\d+\s*号"
)
_YEARS = re.compile(r"\d{4}\s*(?:年度|年)?|〔\d{4}〕\s*\d+\s*号")


def goal_funding_note(ctx: Context) -> Iterator[Hit]:
    """问题：年度绩效目标只是一句资金说明：钱从哪里来（上级补助、转移支付、文件号），或者是上年结转，
    除了年份和金额没有数量，也没有要做成的事的时限。因为含有年份，它躲过了「既无数量也无时限」的检查
    （G602）。

    为何要紧：资金来源是预算的事，不是绩效目标；审核人要看的是这笔钱今年办成什么。

    示例：年度绩效目标「2022年结转资金，用于2023年继续支付。」

    修改：写明今年要完成的产出和效果，如「2023年6月底前完成剩余 3 处设施维修，验收合格率 100%」。
    """
    for form, cell, _fund, attr, text in _goal_places(ctx):
        if attr != "annual_goal" or not cell or is_vague(text):
            continue  # a vague goal is G602's
        t = clean_text(text)
        if _FUNDING.search(t) and is_vague(_MONEY.sub(" ", _YEARS.sub(" ", _FUNDING.sub(" ", t)))):
            yield ctx.hit(
                form,
                cell,
                f"年度绩效目标「{t}」只说明资金来源或结转，没有写今年要完成什么",
                "写明今年要完成的产出和效果（做多少、何时完成）",
                root=f"goal-vague:{_key(text)}",
            )


rule("G606", "年度绩效目标只是资金来源或结转说明", Severity.WARNING, goal_funding_note)


def overall_goal_vague(ctx: Context) -> Iterator[Hit]:
    """问题：附表1 的部门整体目标（年度总体绩效目标；本模板是年度重点工作计划的「工作目标」）既没有
    数量，也没有完成时限。

    为何要紧：部门整体绩效目标要说明这一年做成什么、做到多少；「做好涉案、价格认定工作」到年底无法
    判断是否完成，审核人会要求细化。

    示例：年度重点工作计划「双拥优抚」的工作目标「落实各项优抚优待政策，提高辖区内享受待遇人员的获得
    感、幸福感」。

    修改：写明做多少、何时完成，如「2023年内为990名优抚对象按月足额发放抚恤补助，发放及时率 100%」。
    """
    f1 = ctx.submission.form1
    if f1 is None:
        return
    places: list[tuple[str, object]] = []
    if f1.cell("goal") or (not f1.sheet and f1.goal is not None):
        places.append((f1.cell("goal"), f1.goal))
    if ctx.found(f1, "work_plan"):
        places += [(f1.place.row_cell("work_plan", i, "goal"), w.goal) for i, w in enumerate(f1.work_plan)]
    for cell, text in places:
        if is_vague(text) and (cell or not f1.sheet):
            yield ctx.hit(
                f1,
                cell,
                f"部门整体目标「{str(text).strip()}」既没有数量，也没有完成时限",
                "写明做多少（人数、件数、比例）和何时完成",
            )


rule("G607", "部门整体目标既无数量也无时限", Severity.WARNING, overall_goal_vague)

#: What a 部门职责概述 says when it names no duty: keeping the office running and paying its staff.
_NO_DUTY = re.compile(
    r"保证|保障|确保|维持|维护|做好|履行|完成|实现|单位|部门|本局|我局|机关|职能|职责|正常|日常|运转|运行|工作|开展|"
    r"人员|经费|工资|支出|[\u4e00-\u9fff]{0,8}?(?:局|委|办|中心|站|所|院|馆)(?=职能|正常|工作|的)"
)


def duties_placeholder(ctx: Context) -> Iterator[Hit]:
    """问题：附表1 的部门职责概述只说保证单位运转、保障人员经费（「保证林业局职能实现，保障人员经费」），
    没有概述部门的任何一项职责。

    为何要紧：部门整体绩效目标要从职责出发；一句运转经费的套话说明不了部门管什么，审核人无法判断重点
    工作和指标是否与职责相关。

    示例：「保证林业局职能实现，保障人员经费。」

    修改：按三定方案概述主要职责，如「负责全县林业资源保护、森林防火、林木采伐监管和野生动植物保护」。
    """
    f1 = ctx.submission.form1
    if f1 is None or not ctx.found(f1, "duties") or not f1.cell("duties") or is_blank(f1.duties):
        return
    text = clean_text(f1.duties)
    # the Chinese characters left (a comparison: compiling a regex class this wide costs 3 ms)
    left = "".join(ch for ch in _NO_DUTY.sub("", text) if "\u4e00" <= ch <= "\u9fff")
    if len(left) < 4:
        yield ctx.hit(
            f1,
            f1.cell("duties"),
            f"部门职责概述「{text}」只说保证运转、保障经费，没有概述部门的职责",
            "按三定方案概述部门的主要职责（可分条列出）",
        )


rule("G608", "部门职责概述只是运转套话", Severity.WARNING, duties_placeholder)
