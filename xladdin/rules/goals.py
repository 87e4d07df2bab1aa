"""Goal and duty rules (G6xx): 实施期/年度绩效目标 on 附表2 and 附表3, 附表1's 部门职责概述 and
年度重点工作计划 are written, and a 年度绩效目标 says how much or by when."""

from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher

from xladdin.formmap import is_not_given
from xladdin.layout.base import is_han, norm
from xladdin.layout.names import FIELD_NAMES
from xladdin.layout.vocabulary import field_key, header_key
from xladdin.model import Form, Form3
from xladdin.patterns import lazy
from xladdin.rules.base import Context, Hit, Severity, rule
from xladdin.units import UNITS
from xladdin.values import amount, clean_text, is_blank, period_years

GOALS = (("period_goal", "实施期绩效目标"), ("annual_goal", "年度绩效目标"))

_COUNT = "|".join(sorted((*UNITS["count"], *UNITS["time"], *UNITS["percent"]), key=len, reverse=True))
#: A quantity: a number (「16名」, 「356人」, 「100%」) or a Chinese numeral with a count unit (「十六名」).
_QUANTITY = lazy(rf"\d|[一二两三四五六七八九十百千万]+\s*(?:{_COUNT})")
#: A deadline or a time point: 「2023年度内」, 「年底前」, 「6月」, 「春节、八一」.
_DEADLINE = lazy(
    r"年度|年底|年末|年内|全年|当年|上半年|下半年|季度|[一二三四五六七八九十]+月|月底|月末|前完成|之前"
    r"|春节|元旦|八一|国庆|中秋|端午|清明|重阳|按时|按期|按月|按季|每月|每季|每年"
)
#: Enumerators that are not quantities: 「目标1：」, 「1.」, 「（一）」.
_ENUMERATOR = lazy(r"(?:目标|指标|任务)\s*\d+\s*[:：、.．]|(?:^|[\s。；;])[（(]?\d{1,2}[)）.．、]")


def _key(text: object) -> str:
    return norm(clean_text(text))


def _goal_places(ctx: Context) -> list[tuple[Form, str, str, str, object]]:
    """(form, cell, fund key, attr, text) for every goal cell of 附表2's fund rows and the 附表3s: worked
    out once a run for the rules that need the same of a form (most goal rules ask)."""
    return ctx.once(("goal places", ctx.needs), lambda: list(_goal_places_in(ctx)))


def _goal_places_in(ctx: Context) -> Iterator[tuple[Form, str, str, str, object]]:
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


#: A bare year heading a goal (「2024通过采购……」): neither a quantity nor a deadline (「2024年」 stays).
_BARE_YEAR = lazy(r"(?<![\d.])(?:19|20)\d{2}(?![\d年.%％])")


#: A document a goal cites by its title (「《…两年行动方案(2019-2020年)的通知》」): its numbers are the title's
#: (a document number, 〔2023〕12号, is G606's funding note).
_CITED = lazy(r"《[^《》]*》")


#: A name in quotation marks (「坚持“156”的总体思路」, “十四五”): its numbers name a slogan, they count nothing.
_QUOTED_NAME = lazy(r"[“\"「『‘][^”\"」』’]{1,20}[”\"」』’]")
#: A count of tasks glossed by the list it counts (「打赢五个攻坚战(教育均衡发展、…、教育信息化建设)」,
#: 「围绕一个核心(全面提高教育质量)」): a slogan's heading, not a target; a count with no such list stays.
_COUNTED_LIST = lazy(r"([一二两三四五六七八九十]{1,3})\s*[个项大条]\s*[\u4e00-\u9fff]{1,8}?\s*[(（]([^()（）]+)[)）]")
_LIST_SEP = lazy(r"[、,，;；]")
#: The year a text opens with as its topic (「2020年,全县教育工作的总体要求是…」): the budget year, no deadline.
_TOPIC_YEAR = lazy(r"^\s*(?:19|20)\d{2}\s*年度?\s*[,，:：]")
_NUMERALS = {ch: i for i, ch in enumerate("零一二三四五六七八九十")} | {"两": 2}


def _numeral(text: str) -> int | None:
    """「五」 → 5, 「十二」 → 12, 「二十」 → 20 (a count of a slogan's list), None for anything else."""
    digits = [_NUMERALS.get(ch) for ch in text]
    if None in digits:
        return None
    if len(digits) == 1:
        return digits[0]
    if text[0] == "十" and len(text) == 2:
        return 10 + digits[1]  # type: ignore[operator]
    if len(text) in (2, 3) and text[1] == "十":
        return digits[0] * 10 + (digits[2] if len(text) == 3 else 0)  # type: ignore[operator]
    return None


def _slogan_counts(text: str) -> str:
    """``text`` with the counts that head a list of exactly as many tasks taken out."""

    def drop(m: object) -> str:
        items = [p for p in _LIST_SEP.split(m.group(2)) if p.strip()]  # type: ignore[attr-defined]
        return " " if _numeral(m.group(1)) == len(items) else m.group(0)  # type: ignore[attr-defined]

    return _COUNTED_LIST.sub(drop, text)


def is_vague(text: object) -> bool:
    """A goal with neither a quantity nor a deadline (the numbers of a document it cites, of a slogan's
    name or heading, and the year it opens with as its topic are neither)."""
    t = _slogan_counts(_QUOTED_NAME.sub(" ", _TOPIC_YEAR.sub(" ", clean_text(text))))
    t = _BARE_YEAR.sub(" ", _ENUMERATOR.sub(" ", _CITED.sub(" ", t)))
    return bool(t.strip()) and not _QUANTITY.search(t) and not _DEADLINE.search(t)


#: A 实施期 goal this short (Han characters), opening with a direction (推进, 促进 …) and with no quantity
#: and no deadline, is one bare direction; a task named (「做好烈士墓的日常维护」) may stay general.
_SLOGAN_MAX = 12
_DIRECTION = lazy(r"^(?:进一步|持续|全面|大力|积极|不断)?(?:推进|促进|推动|加快|提升|提高|加强|增强|助力|支持|发展)")


def goal_vague(ctx: Context) -> Iterator[Hit]:
    """问题：年度绩效目标既没有数量（人数、处数、百分比……），也没有完成时限（年底前、2023年度内、
    春节……）。同一句目标在附表2 和附表3 上重复时只报一次。

    为何要紧：目标要「指向明确、具体细化」（财预〔2011〕285号）；「做好烈士墓的日常维护」到年底无法
    判断是否完成。值得改进，但未必退回。

    示例：「做好烈士墓的日常维护。」

    修改：写明做多少、何时完成，如「2023年12月底前完成 1座 烈士墓的日常维护，完好率 100%」。

    实施期（中期）目标可以比年度目标概括（「做好烈士墓的日常维护」不提示），只在它是一句 12 字以内、
    以「推进」「促进」「加快」等开头的方向（「推进科技事业发展」）时提示。
    """
    for form, cell, _fund, attr, text in _goal_places(ctx):
        # a 实施期/中期 goal may be broader than the year's, but one bare direction (湖北青山 2021 中期目标
        # 「推进科技事业发展」) says nothing to check at the period's end either
        short = (
            attr == "period_goal"
            and sum(map(is_han, clean_text(text))) <= _SLOGAN_MAX
            and _DIRECTION.match(clean_text(text)) is not None
        )
        if (attr == "annual_goal" or short) and cell and is_vague(text) and not _unfinished(form, text):
            what = "年度绩效目标" if attr == "annual_goal" else "实施期（中期）绩效目标"
            yield ctx.hit(
                form,
                cell,
                f"{what}「{str(text).strip()}」既没有数量，也没有完成时限",
                "写明做多少（人数、处数、比例）和何时完成",
                root=f"goal-vague:{_key(text)}",
            )


rule("G602", "年度绩效目标既无数量也无时限", Severity.WARNING, goal_vague)


def _empty(value: object) -> bool:
    return is_blank(value) or is_not_given(value)


#: How a finished goal sentence ends (a closing bracket or quote after it aside).
_SENTENCE_END = lazy(r"[。.;；!！?？…]\s*[)）」”\"]*\s*$")


def _unfinished(form: Form, text: object) -> bool:
    """Whether a goal stops mid-sentence on a 项目 form that has no indicator at all: a copy cut inside its
    goal (四川南江 2024 「加强森林资源管护,林业草原有害生物无公害防治成效」, 重庆万盛 2025 「通过支持项目地区为…
    老年人建设」, both published with more; no indicator name or value read). Its words are not all the form
    says: judging them as the goal would accuse the clerk of the cut (S006 says no indicator table was read)."""
    if not isinstance(form, Form3):
        return False
    rows = (*form.indicators, *form.period_indicators)
    if any(not _empty(v) for i in rows for v in (i.name, i.value)):
        return False  # 宁乡 2021's table of bare scores (88, 100) is a table: the goal above it is whole
    t = str(text or "").strip()
    return bool(t) and _SENTENCE_END.search(t) is None


#: Words any goal may use and that name nothing: how (按时, 足额), a bare verb (发放, 保障, 做好, 完成) and
#: what every goal is about (权益, 工作, 任务). A goal made of them alone says what to do with nothing.
_CATCH_ALL = lazy(
    r"按时|按期|及时|足额|全额|如期|顺利|圆满|全面|有效|切实|进一步|认真|积极"
    r"|发放|兑现|拨付|支付|到位|保障|保证|确保|维护|维持|做好|搞好|抓好|完成|落实|实现|推进|加强|提高|提升|促进|开展"
    r"|权益|利益|相关|有关|各项|全部|所有|工作|任务|目标|正常|运转|运行|资金|经费|项目|要求|规定|标准"
    r"|[的和及与等了]"
)


def catch_all(text: object) -> bool:
    """A goal built only of words that name nothing (「按时足额发放,保障权益」): no object, no beneficiary."""
    t = clean_text(text)
    if not any(map(is_han, t)):
        return False
    return sum(map(is_han, _CATCH_ALL.sub("", t))) < 2


def goal_catch_all(ctx: Context) -> Iterator[Hit]:
    """问题：绩效目标只由套话组成（「按时足额发放,保障权益」「确保各项工作顺利完成」），没有说明发放什么、
    给谁、做成什么事。「按时」「及时」不是完成时限，所以这样的目标躲过了「既无数量也无时限」的检查
    （G602）。同一句目标在附表2 和附表3 上重复时只报一次。

    为何要紧：这句话放在任何一笔资金上都成立，审核人无法据此判断这笔钱的产出和效果，会要求重写。

    示例：当年绩效目标「按时足额发放,保障权益」。

    修改：写明对象、数量和时限，如「2023年按月足额发放 80 名村干部补助，发放及时率 100%」。
    """
    labels = dict(GOALS)
    for form, cell, _fund, attr, text in _goal_places(ctx):
        if cell and catch_all(text):
            yield ctx.hit(
                form,
                cell,
                f"{labels[attr]}「{str(text).strip()}」只是套话，没有说明发放什么、给谁、做成什么事",
                "写明对象、数量和时限（如 按月足额发放 80 名村干部补助）",
                root=f"goal-vague:{_key(text)}",
            )


rule("G609", "绩效目标只是套话，没有说明对象", Severity.WARNING, goal_catch_all)


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
    if is_blank(f1.duties) and ctx.sure(f1, "duties"):  # a blank at a guessed position says nothing
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
    # the blank rest on the columns read (a column assigned by position may miss the clerk's text)
    rests = [(f1, f1.place.row_cell("work_plan", i, key)) for i in range(len(f1.work_plan)) for key in ("item", "goal")]
    yield ctx.hit(f1, cell, "年度重点工作计划未填写任何事项", "列出重点工作的事项、责任单位和工作目标", rests=rests)


rule("G604", "年度重点工作计划未填写", Severity.ERROR, work_plan_blank)


#: An amount of money in a text: 「320万元」, 「2.7万元」, 「160000元」.
_MONEY = lazy(r"\d+(?:[.,]\d+)*\s*(?:万元|亿元|千元|元|万)(?![人次户个件项座])")


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
_FUNDING = lazy(
    r"结转|结余|资金来源|转移支付|提前下达|上级(?:补助|下达|专项|财政)|中央(?:补助|财政|资金)|省级(?:补助|财政|资金)"
    r"|市级(?:补助|财政|资金)|追加|自筹|〔\d{4}〕\s*\d+\s*号"
)
_YEARS = lazy(r"\d{4}\s*(?:年度|年)?|〔\d{4}〕\s*\d+\s*号")


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


#: Where one task of a goal ends: 「；」, 「。」, a line break, or the next enumerator (「2.」「（三）」).
_TASK_END = lazy(
    r"[;；。\n]|(?:^|\s)[（(]?\d{1,2}[)）.．、]|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、"
)


def _task_list(text: object) -> bool:
    """A goal listing three or more tasks (「组织…；承办…；考核评议…」): a list of the year's work, not
    one catch-all phrase."""
    parts = [p for p in _TASK_END.split(clean_text(text)) if sum(map(is_han, p)) >= 4]
    return len(parts) >= 3


#: A task table's column that says what a task holds, not what it is to achieve (东莞 2022 批复表
#: 「年度主要任务 │ 任务名称 │ 主要内容 │ 年度预算金额」: 「包括办公费、三公经费…」 describes the spending).
_CONTENT_HEADERS = ("主要内容", "工作内容", "任务内容", "主要工作内容", "具体内容")


def content_column(ctx: Context, f1: Form) -> bool:
    """Whether 附表1's task table was read from a foreign header whose text column is the tasks' content."""
    fmap = ctx.map_of(f1)
    table = fmap.tables.get("work_plan") if fmap else None
    col = next((c for c in table.columns if c.key == "goal"), None) if table else None
    return col is not None and clean_text(col.header) in _CONTENT_HEADERS


def overall_goal_vague(ctx: Context) -> Iterator[Hit]:
    """问题：附表1 的部门整体目标（年度总体绩效目标；本模板是年度重点工作计划的「工作目标」）既没有
    数量，也没有完成时限。

    为何要紧：部门整体绩效目标要说明这一年做成什么、做到多少；「做好涉案、价格认定工作」到年底无法
    判断是否完成，审核人会要求细化。

    示例：年度重点工作计划「双拥优抚」的工作目标「落实各项优抚优待政策，提高辖区内享受待遇人员的获得
    感、幸福感」。

    修改：写明做多少、何时完成，如「2023年内为990名优抚对象按月足额发放抚恤补助，发放及时率 100%」。

    表上印有一段部门整体目标（「年度总体绩效目标」「年度绩效总目标」「整体目标」）时，只在它是一句笼统的
    话时提示；分条列出三项以上具体工作的目标是一份任务清单，数量由绩效指标给出。
    """
    f1 = ctx.submission.form1
    if f1 is None:
        return
    places: list[tuple[str, object]] = []
    if (f1.cell("goal") or (not f1.sheet and f1.goal is not None)) and not _task_list(f1.goal):
        places.append((f1.cell("goal"), f1.goal))
    if ctx.found(f1, "work_plan") and not content_column(ctx, f1):
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
_NO_DUTY = lazy(
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
    left = "".join(filter(is_han, _NO_DUTY.sub("", text)))  # the Chinese characters left
    if len(left) < 4:
        yield ctx.hit(
            f1,
            f1.cell("duties"),
            f"部门职责概述「{text}」只说保证运转、保障经费，没有概述部门的职责",
            "按三定方案概述部门的主要职责（可分条列出）",
        )


rule("G608", "部门职责概述只是运转套话", Severity.WARNING, duties_placeholder)


#: A project form's prose fields, in the order a form prints them (``model.ProjectTexts``).
PROJECT_TEXTS = ("info.overview", "info.basis", "info.necessity", "info.measures", "info.plan", "info.content")
#: Shorter than this (punctuation and spaces aside), two equal texts are a name repeated, not a copy.
_COPY_MIN = 20
_PUNCT = lazy(r"[\W_]+")


def _bare(text: object) -> str:
    """A text compared for copying: no punctuation, no spaces, full-width forms folded."""
    return _PUNCT.sub("", norm(clean_text(text)))


def _similar(a: str, b: str) -> bool:
    return a == b or SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9


def _texts(ctx: Context, f3: Form3) -> list[tuple[str, str, str]]:
    """(key, cell, text) of the project's prose fields the form prints and filled."""
    out = []
    for key in PROJECT_TEXTS:
        text = f3.get(key)
        if f3.cell(key) and not is_blank(text) and ctx.found(f3, key.removeprefix("info.")):
            out.append((key, f3.cell(key), clean_text(text)))
    return out


def text_copied(ctx: Context) -> Iterator[Hit]:
    """问题：项目申报表的两栏说明文字（项目概况、项目内容、立项依据、项目设立必要性、保障措施、项目实施
    计划）一字不差或几乎相同：后一栏照抄了前一栏；或者年度绩效目标照抄了其中一栏（表格上方编号的说明
    「(5)项目内容。…」也算；实施期目标可以概括项目内容，不提示）。只比较较长的段落（20 字以上）。

    为何要紧：每一栏回答的问题不同：概况说做什么，必要性说为什么要做，保障措施说靠什么制度和办法做成；
    照抄前一栏等于这一栏没有填，审核人会退回补写。

    绩效目标要写这笔钱今年办成什么、做到多少；照抄项目内容（做什么、每村多少元）等于没有写目标。

    示例：「项目设立必要性」照抄「项目概况」的工作内容；「保证项目实施的制度、措施」照抄「立项依据」的
    文件号；年度目标照抄「项目内容」的「按照明年的任务70个行政村,每村4400元」。

    修改：按栏目要求重写：必要性写清现状、问题和不做的后果；保障措施写明管理制度、责任分工和监督办法；
    绩效目标写明今年要完成的产出和效果。
    """
    goals = dict(GOALS)
    for form, cell, _fund, attr, goal in _goal_places(ctx):
        bare = _bare(goal)
        # a 实施期 goal may state the project's whole content (阳泉's 中期目标): only the year's is asked
        if attr != "annual_goal" or not isinstance(form, Form3) or not cell or len(bare) < _COPY_MIN:
            continue
        first = next(((k, c) for k, c, t in _texts(ctx, form) if _similar(_bare(t), bare)), None)
        if first is not None:
            other = FIELD_NAMES[first[0]]
            yield ctx.hit(
                form,
                cell,
                f"{goals[attr]}与「{other}」（{first[1]}）的文字相同：照抄了「{other}」，没有写要完成的产出和效果",
                f"写明今年要完成的产出和效果（做多少、做到什么程度、何时完成），不要照抄「{other}」",
                cells=(f"{form.sheet}!{first[1]}",),
            )
    for f3 in ctx.submission.form3s:
        seen: list[tuple[str, str, str]] = []
        for key, cell, text in _texts(ctx, f3):
            bare = _bare(text)
            if len(bare) >= _COPY_MIN:
                first = next(((k, c) for k, c, b in seen if _similar(b, bare)), None)
                if first is not None:
                    name, other = FIELD_NAMES[key], FIELD_NAMES[first[0]]
                    yield ctx.hit(
                        f3,
                        cell,
                        f"「{name}」与「{other}」（{first[1]}）的文字相同：照抄了「{other}」，没有写{name}",
                        f"按「{name}」一栏的要求重写，不要照抄「{other}」",
                        cells=(f"{f3.sheet}!{first[1]}",),
                    )
            seen.append((key, cell, bare))


rule("G611", "申报表的两栏说明文字雷同", Severity.WARNING, text_copied)

#: A number with what it counts (「1座」「3550平方米」「81个」), as the goals state their quantities.
_AMOUNT_OF = lazy(r"(\d+(?:\.\d+)?)\s*([^\d\s,，;；。、.()（）]{1,4})")


def _quantities(text: str) -> set[str]:
    """The numbers a goal states with a unit (years and percentages aside)."""
    out = set()
    for number, unit in _AMOUNT_OF.findall(text):
        if unit.startswith(("年", "月", "日", "%")):
            continue
        out.add(number)
    return out


def annual_vs_period(ctx: Context) -> Iterator[Hit]:
    """问题：年度目标与项目总目标（实施期目标）、项目期对不上：
    项目期只有一年（或写明某一年），总目标写了要完成的数量（1座、3550平方米），年度目标却一个也没写到，
    只写到中间阶段（「完成主体安装、封顶」）；或项目期有几年，年度目标却一字不差照抄总目标。

    为何要紧：一年期项目，今年就要完成总目标；年度目标停在中间阶段，说明目标或项目期有一处填错。
    多年期项目，年度目标要写今年做到哪一步；照抄总目标等于没有分解。审核人会要求核对改写。

    示例：项目期「1年」，项目总目标「建设完成保鲜库1座，3550平方米」，年度总体目标「完成保鲜库钢构主体
    安装、封顶」。

    项目期只有一年，表上却另列中期（实施期）资金总额且多于年度资金（常与跨几年的「中期目标(2023年—2025年)」
    并列），也是项目期与中期安排不一致（安徽亳州 2023：项目期「1年」，中期资金 449.8 万，年度 189.8 万）。

    修改：一年期项目，年度目标写到总目标的数量（或改正项目期）；多年期项目，把总目标按年分解。
    """
    for f3 in ctx.submission.form3s:
        if (hit := _one_year_midterm(ctx, f3)) is not None:
            yield hit
        if not (ctx.found(f3, "period_goal") and ctx.found(f3, "annual_goal") and ctx.found(f3, "period")):
            continue
        period_text, annual_text = clean_text(f3.period_goal), clean_text(f3.annual_goal)
        cell = f3.cell("annual_goal")
        years = period_years(f3.period)
        if not (period_text and annual_text and cell and years):
            continue
        also = tuple(f"{f3.sheet}!{c}" for c in (f3.cell("period_goal"), f3.cell("period")) if c)
        wanted = _quantities(period_text)
        if years == 1 and wanted and not wanted & _quantities(annual_text):
            yield ctx.hit(
                f3,
                cell,
                f"项目期「{clean_text(f3.period)}」只有一年，项目总目标写了要完成的数量"
                f"（{'、'.join(sorted(wanted, key=period_text.find))}），年度目标「{annual_text}」却一个也没写到："
                "年度目标与总目标、项目期不一致",
                "一年期项目的年度目标应写到总目标的数量；若项目跨年实施，改正项目期",
                cells=also,
            )
        elif years >= 2 and _bare(period_text) == _bare(annual_text):
            yield ctx.hit(
                f3,
                cell,
                f"项目期「{clean_text(f3.period)}」有 {years} 年，年度目标却与项目总目标一字不差：没有按年度分解",
                "年度目标写今年要完成的部分（做多少、何时完成）",
                cells=also,
            )


def _money(value: object) -> float | None:
    got = amount(value)  # type: ignore[arg-type]
    number = got.number if got.number is not None else got.parsed
    return float(number) if number is not None else None


def _one_year_midterm(ctx: Context, f3: Form3) -> Hit | None:
    """A one-year project (项目期 「1年」) whose form gives a 中期 (实施期) money total above its year's:
    the period and the 中期 block disagree, whichever is wrong."""
    cell, mid_cell = f3.cell("period"), f3.cell("info.period_amount")
    if not (cell and mid_cell and ctx.found(f3, "period") and period_years(f3.period) == 1):
        return None
    if not (ctx.sure(f3, "period") and ctx.sure(f3, "info.period_amount") and ctx.sure(f3, "project_amount")):
        return None
    mid, year = _money(f3.info.period_amount), _money(f3.project_amount)
    if mid is None or year is None or year <= 0 or mid <= year + 0.005:
        return None
    goal = f3.cell("period_goal") if ctx.found(f3, "period_goal") and not is_blank(f3.period_goal) else ""
    also = tuple(f"{f3.sheet}!{c}" for c in (mid_cell, f3.cell("project_amount"), goal) if c)
    return ctx.hit(
        f3,
        cell,
        f"项目期「{clean_text(f3.period)}」只有一年，中期（实施期）资金总额 {_shown(mid)} 万元却多于年度资金 "
        f"{_shown(year)} 万元{'，并另写了中期目标' if goal else ''}：项目期与中期安排不一致",
        "核对项目期：跨年实施的项目改正项目期；确为一年期的，中期资金与年度资金相同、不另写中期目标",
        cells=also,
    )


def _shown(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".")


rule("G612", "年度目标与项目总目标、项目期不一致", Severity.WARNING, annual_vs_period)

#: A funding share or basis a note on money states: 「县级财政负担20%计」, 「按30%比例」, 「每生每年」.
_SHARE = lazy(r"(?:负担|承担|分担|配套|比例|占|按)\s*\d+(?:\.\d+)?\s*%\s*(?:比例)?\s*计?|每[生人户亩名座所校]每[年月]")
#: A document number: 「鲁财科教(2024)67号」, 「〔2023〕5号」, 「[2018]96号」.
_DOC_NUMBER = lazy(r"[(（〔\[［]\s*\d{4}\s*[)）〕\]］]\s*\d+\s*号")
#: What money is for: a note on funding says 用于 … or names a 标准.
_USE = lazy(r"用于|补助标准|经费标准|标准为|按标准")


def _funding_use(text: str) -> bool:
    """A text that only says what money is allotted and what for: an amount, a use (用于…), and
    once amounts, shares, document numbers and years are set aside, no quantity and no deadline."""
    if not _MONEY.search(text) or not _USE.search(text):
        return False
    rest = _YEARS.sub(" ", _DOC_NUMBER.sub(" ", _MONEY.sub(" ", _SHARE.sub(" ", text))))
    return is_vague(rest)


def _goal_or_overview(ctx: Context) -> Iterator[tuple[Form, str, str, str]]:
    """(form, cell, what, text): every goal (:func:`_goal_places`); for a 项目 form printing no goal at
    all, its 项目概况 / 项目总体情况, which stands where the goal would (山东临邑 项目支出目标申报表)."""
    for form, cell, _fund, attr, text in _goal_places(ctx):
        yield form, cell, dict(GOALS)[attr], clean_text(text)
    for f3 in ctx.submission.form3s:
        goals = any(f3.cell(attr) and ctx.found(f3, attr) for attr, _ in GOALS)
        if not goals and f3.cell("info.overview") and ctx.found(f3, "overview"):
            yield f3, f3.cell("info.overview"), "项目总体情况（表中没有绩效目标一栏）", clean_text(f3.info.overview)


def goal_funding_use(ctx: Context) -> Iterator[Hit]:
    """问题：绩效目标（表中没有目标一栏时，代替它的「项目总体情况」）只说明资金怎么安排：依据哪个文件、
    每生每年多少元、财政负担几成、主要用于哪些开支，没有写这笔钱要完成的产出和达到的效果。

    为何要紧：资金标准和用途是预算说明，不是绩效目标；审核人要看的是今年办成什么、做到多少，据此才能
    判断指标是否相关，会要求补写目标。

    示例：「根据鲁财科教(2024)67号文件，小学教育公用经费每生每年780元，县级财政负担20%计，主要用于学校
    教学与管理、校舍维修维护及日常办公等。」

    修改：写明今年要达到的产出和效果，如「保障 6962 名小学生的公用经费，校舍维修 3 处，2025年底前完成」。
    """
    for form, cell, what, text in _goal_or_overview(ctx):
        if cell and _funding_use(text):
            yield ctx.hit(
                form,
                cell,
                f"{what}「{text}」只说明资金标准和用途，没有写要完成的产出和效果",
                "写明今年要完成的产出和效果（做多少、做到什么程度、何时完成）",
                root=f"goal-money:{_key(text)}",
            )


rule("G613", "绩效目标只是资金标准和用途说明", Severity.WARNING, goal_funding_use)

#: A name in quotation marks (「四好农村路」, “三个一号旅游路”): what a project name and its texts call things.
_QUOTED = lazy(r"[“\"「『‘]([^”\"」』’]{2,20})[”\"」』’]")


def _quoted(text: object) -> list[str]:
    return [norm(q) for q in _QUOTED.findall(clean_text(text))]


def name_vs_texts(ctx: Context) -> Iterator[Hit]:
    """问题：项目名称中加引号的名称（「三个一号旅游路」）在项目概况、实施计划、目标等说明文字中一次也
    没有出现，说明文字在同一位置写的是另一个名称（「三大板块旅游路」）：名称与内容不一致。

    为何要紧：项目名称决定资金用在哪里；名称与内容说的不是同一件事，审核人无法判断申请的是哪个项目，
    会要求核对改正。

    示例：项目名称「“四好农村路”、“三个一号旅游路”工作经费」，概况和计划写「“四好农村路”、“三大板块
    旅游路”项目……」。

    修改：核对项目名称与说明文字，改成同一名称。
    """
    for f3 in ctx.submission.form3s:
        cell = f3.cell("direction")
        names = _quoted(f3.direction)
        if not cell or not names or not ctx.sure(f3, "direction"):
            continue
        texts = [t for _k, _c, t in _texts(ctx, f3)]
        texts += [clean_text(getattr(f3, a)) for a, _ in GOALS if ctx.found(f3, a) and not is_blank(getattr(f3, a))]
        said = [q for t in texts for q in _quoted(t)]
        whole = norm("".join(texts))
        for name in names:
            if name in whole:
                continue
            other = next((q for q in said if q not in names and q[-2:] == name[-2:]), None)
            if other is not None:
                yield ctx.hit(
                    f3,
                    cell,
                    f"项目名称写「{name}」，说明文字中却没有它，写的是「{other}」：名称与内容不一致",
                    "核对项目名称与项目概况、实施计划、目标，改成同一名称",
                )
                break


rule("G614", "项目名称与说明文字不一致", Severity.WARNING, name_vs_texts)
#: What ends a place name, in the order they are tried.
_PLACE_ENDS = ("街道", "社区", "村", "镇", "乡", "县", "区")


def _place_names(text: str) -> list[str]:
    """The place names in a project's name (「大青冈村」「古昌镇」「石门街道」): the words a goal repeats
    exactly. Two to four Chinese characters (the fewest that do) before an ending, left to right,
    none overlapping: what ``[\u4e00-\u9fff]{2,4}?(?:街道|…|区)`` finds, compared rather than matched
    (a class of every Chinese character costs a start-up some 2 ms to compile)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        end = 0
        for k in (2, 3, 4):
            if i + k > len(text) or not all(map(is_han, text[i : i + k])):
                break  # the first k characters are not all Chinese: no longer run is
            end = next((i + k + len(e) for e in _PLACE_ENDS if text.startswith(e, i + k)), 0)
            if end:
                break
        if end:
            out.append(text[i:end])
            i = end
        else:
            i += 1
    return out


def _one_off(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def name_drift(ctx: Context) -> Iterator[Hit]:
    """问题：目标文字里的地名与项目名称差一个字：项目名称是「大青冈村……项目」，实施期或年度目标却写
    「大青杠村」。

    为何要紧：同一个地方两种写法，审核人分不清是写错了字还是另一个地方；批复和拨款文件照抄，错字就
    一路传下去。

    示例：项目名称「古昌镇大青冈村乡村振兴绿化美化项目」，年度目标「在古昌镇大青杠村约3500米公路沿线……」。

    修改：目标文字中的地名按项目名称改正（或改正项目名称）。
    """
    for f3 in ctx.submission.form3s:
        name = clean_text(f3.direction)
        if not name or not ctx.found(f3, "direction"):
            continue
        places = set(_place_names(name))
        cells: list[str] = []
        said: list[tuple[str, str]] = []
        for attr, _label in GOALS:
            text = clean_text(getattr(f3, attr))
            if not text or not ctx.found(f3, attr) or not f3.cell(attr):
                continue
            for place in places:
                if place in text:
                    continue
                n = len(place)
                drift = next(
                    (text[i : i + n] for i in range(len(text) - n + 1) if _one_off(place, text[i : i + n])), None
                )
                if drift and drift[-1] == place[-1] and drift[0] == place[0]:
                    cells.append(f3.cell(attr))
                    if (place, drift) not in said:
                        said.append((place, drift))
        if cells:
            pairs = "、".join(f"「{p}」写作「{d}」" for p, d in said)
            yield ctx.hit(
                f3,
                cells[0],
                f"目标文字与项目名称不一致：{pairs}",
                "按项目名称改正目标中的地名（或改正项目名称）",
                cells=tuple(f"{f3.sheet}!{c}" for c in cells[1:]),
            )


rule("G620", "目标中的地名与项目名称差一个字", Severity.WARNING, name_drift)


def _fund_goals(ctx: Context) -> Iterator[tuple[Form, int, str, object]]:
    """(附表2, row index, attr, text) of every named fund row's goal."""
    f2 = ctx.submission.form2
    if f2 is None or not ctx.found(f2, "funds"):
        return
    for i, fund in enumerate(f2.funds):
        if is_blank(fund.name):
            continue
        for attr, _ in GOALS:
            text = getattr(fund, attr)
            if not is_blank(text) and f2.place.row_cell("funds", i, attr):
                yield f2, i, attr, text


#: How many fund rows sharing one goal make it the list's goal, not theirs.
_SHARED_MIN = 3


def goal_shared(ctx: Context) -> Iterator[Hit]:
    """问题：汇总表（或分配方案、项目清单）上三个以上专项（项目、村）共用同一条绩效目标：一段文字合并
    单元格跨过各行，或逐行照抄。

    为何要紧：汇总表要看每笔钱办成什么；一条共用的目标（常是整笔资金的用途说明）说不出某一行的钱要
    完成多少、达到什么效果，分配到各行的资金没有可考核的目标。

    示例：广东中山 2023 乡村振兴专项资金分配方案：九个示范村各列金额，「绩效目标」一格合并跨过九行，
    写的是公示正文的资金用途。

    修改：逐行写出各自的目标（建设内容、完成量、完成时限），或说明共用目标中各行分担的部分。
    """
    groups: dict[tuple[str, str], list[tuple[Form, int, object]]] = {}
    for form, i, attr, text in _fund_goals(ctx):
        groups.setdefault((attr, _key(text)), []).append((form, i, text))
    labels = dict(GOALS)
    for (attr, _), rows in groups.items():
        if len(rows) < _SHARED_MIN:
            continue
        form, i, text = rows[0]
        short = clean_text(text)
        short = short if len(short) <= 30 else short[:30] + "…"
        yield ctx.hit(
            form,
            form.place.row_cell("funds", i, attr),
            f"{len(rows)} 行共用同一条{labels[attr]}「{short}」：各行没有自己的目标",
            "逐行写出各自的建设内容、完成量和完成时限",
        )


rule("G615", "多个专项（项目）共用一条绩效目标", Severity.WARNING, goal_shared)


#: A clause of a goal that speaks of an effect (带动就业, 增加收入, 改善条件 …) rather than of the work.
_EFFECT = lazy(
    r"^(?:并|从而|进一步|有效|切实)?(?:带动|增加|提高|提升|促进|改善|增强|实现|解决|激发|推动|助力|壮大|增收)"
)
_CLAUSE = lazy(r"[,，;；。、]")


def list_goal_effects_vague(ctx: Context) -> Iterator[Hit]:
    """问题：另一种表式的项目清单（项目计划安排表、分配方案）没有绩效指标，目标是唯一可考核的内容；
    某一行目标里写的效益（带动就业、增加收入、壮大村集体经济……）两项以上都只写方向，没有人数、金额
    或时限。

    为何要紧：清单上没有效益指标，目标里的「增加」「带动」到年底无法判断是否达到，审核人会要求写出
    带动多少人、增收多少。

    示例：湖北大冶 2024 项目计划安排表：「建设180亩果蔬生产基地,带动人口就近就业,增加人均纯收入,带动
    特色产业发展,增加村集体经济收入。」只有 180亩 一个数量。

    修改：为每项效益写出数量，如「带动就近就业 50人」「村集体经济年增收 10万元」。
    """
    for form, i, attr, text in _fund_goals(ctx):
        if ctx.found(form, "template"):
            continue  # our 附表2: each fund's 附表3 gives its indicators
        clauses = [c for c in _CLAUSE.split(clean_text(text)) if c]
        effects = [c for c in clauses if _EFFECT.match(c)]
        if len(effects) < 2 or any(_QUANTITY.search(c) for c in effects):
            continue
        said = "、".join(f"「{c}」" for c in effects[:3])
        yield ctx.hit(
            form,
            form.place.row_cell("funds", i, attr),
            f"目标里的效益{said}只写方向，没有人数、金额或时限：清单没有绩效指标，效益无从考核",
            "为每项效益写出数量（如 带动就近就业 50人、村集体经济年增收 10万元）",
        )


rule("G616", "清单目标的效益只写方向", Severity.WARNING, list_goal_effects_vague)


#: A quantity of work a goal and a project's content both state: a number and what it counts (亩, 户 …).
_WORK_QTY = lazy(
    r"(\d+(?:\.\d+)?)\s*(亩|公顷|平方米|㎡|公里|千米|米|户|座|所|套|台|处|条|头|只|吨|栋|间|个村|个乡镇|个乡\(镇\))"
)


def _work_quantities(text: object) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for number, unit in _WORK_QTY.findall(clean_text(text)):
        out.setdefault(unit, []).append(float(number))
    return out


def goal_vs_content(ctx: Context) -> Iterator[Hit]:
    """问题：项目的绩效目标写的数量，与同一张表（公示）上的建设内容对不上：同一计量单位（亩、户、座……），
    目标的数全不在建设内容里，也不是建设内容各数之和。

    为何要紧：目标要说明这笔钱办成什么；目标的面积、户数与建设内容不同，多半是照抄了另一个项目的目标，
    审核人无法据此考核本项目，会退回重写。

    示例：河南叶县 2020 桑树种植项目公示：建设内容「优质桑树种植8060亩（2019年3060亩，2020年5000亩）」，
    绩效目标却是「在全县12个乡镇,31个村种植构树饲草918亩」。

    修改：按本项目的建设内容重写目标（做多少、做到什么程度、何时完成）。
    """
    for f3 in ctx.submission.form3s:
        content = f3.info.overview
        if is_blank(content) or not f3.cell("info.overview") or not ctx.sure(f3, "info.overview"):
            continue
        have = _work_quantities(content)
        for attr, label in GOALS:
            text = getattr(f3, attr)
            if is_blank(text) or not f3.cell(attr) or not ctx.sure(f3, attr):
                continue
            for unit, numbers in _work_quantities(text).items():
                known = have.get(unit)
                if not known:
                    continue
                sums = {round(sum(known), 4), round(sum(known) - max(known), 4)}
                if any(n in known or round(n, 4) in sums for n in numbers):
                    continue
                said = "、".join(f"{fmt_number(n)}{unit}" for n in numbers)
                were = "、".join(f"{fmt_number(n)}{unit}" for n in known)
                yield ctx.hit(
                    f3,
                    f3.cell(attr),
                    f"{label}写的「{said}」与建设内容的「{were}」对不上：目标可能写的是另一个项目",
                    "按本项目的建设内容重写目标（做多少、做到什么程度、何时完成）",
                )
                break


def fmt_number(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


rule("G617", "目标的数量与建设内容对不上", Severity.ERROR, goal_vs_content)


#: A share of the money a level of government bears, as a 项目概况 states it: 「其中省级财政补助70%」,
#: 「县级财政配套补助30%」, 「中央承担60%」.
_LEVEL_SHARE = lazy(
    r"(中央|省级?|市级?|州级?|县级?|区级?)(?:财政|资金|本级)?[^,，;；。、\d]{0,8}?(\d+(?:\.\d+)?)\s*[%％]"
)
_LEVEL_NAMES = {"中央": "中央", "省": "省级", "市": "市级", "州": "州级", "县": "县级", "区": "区级"}


def overview_vs_sources(ctx: Context) -> Iterator[Hit]:
    """问题：项目概况（项目内容）写明各级财政分担比例（「省级财政补助70%，县级配套30%」），表中按级次列出的
    资金来源（中央资金 / 省级资金 / 市级资金 / 县级资金）却把这一级空着或填 0，钱全列在别的级次。只在表中
    按级次列有资金来源、且至少一级填了金额时检查。

    为何要紧：资金来源要与分担政策一致；概况说省里补助七成、申请表却全列县级，要么来源填错，要么概况照抄
    了旧文件，审核人会要求核实。

    示例：概况「每生每年补助500元，其中省级财政补助70%，县级财政配套补助30%」；资金申请表 合计 259、
    省级资金空、县级资金 259。

    修改：按实际分担比例填写各级资金，或更正项目概况。
    """
    for f3 in ctx.submission.form3s:
        fmap = ctx.map_of(f3)
        if fmap is None or not fmap.sources:
            continue
        lines = {f.key: f for f in fmap.sources}
        filled = {k: f for k, f in lines.items() if _positive(f.value)}
        if not filled:
            continue
        for attr in ("info.overview", "info.content"):
            text = f3.get(attr)
            if not isinstance(text, str) or not f3.cell(attr) or not ctx.sure(f3, attr):
                continue
            for m in _LEVEL_SHARE.finditer(clean_text(text)):
                level = m.group(1) if m.group(1) == "中央" else m.group(1)[0]
                line = lines.get(level)
                if line is None or level in filled or float(m.group(2)) <= 0:
                    continue
                where = "、".join(f"{_LEVEL_NAMES[k]} {clean_text(f.value)}" for k, f in filled.items())
                yield ctx.hit(
                    f3,
                    line.cell,
                    f"项目概况写「{m.group(0)}」，资金来源中{_LEVEL_NAMES[level]}资金却空着（列在：{where}）",
                    "按实际分担比例填写各级资金，或更正项目概况",
                    rests=[(f3, f3.cell(attr))],
                )
                break


def _positive(value: object) -> bool:
    try:
        return float(clean_text(value).replace(",", "")) > 0  # type: ignore[arg-type]
    except ValueError:
        return False


rule("G618", "概况所说的分担比例与资金来源不符", Severity.WARNING, overview_vs_sources)
