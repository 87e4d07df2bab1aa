"""Recognition that does not depend on our layout: which form a sheet holds, whether its parts stand
where our template puts them, and, where they do not, the fields and the indicator table found by
their labels (``xladdin.layout.vocabulary``). Pure functions of a :class:`SheetGrid`."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from xladdin import a1
from xladdin.formmap import (
    MARKED_COLUMNS,
    NOT_GIVEN,
    WEAK,
    AllocationAt,
    ColumnAt,
    FieldAt,
    FormMap,
    PlanAt,
    SumAt,
    TableAt,
)
from xladdin.io.grid import SheetGrid
from xladdin.layout import LAYOUTS, FormLayout, Rows, Table, norm
from xladdin.layout.base import MEMO_SIZE, TEXT_MEMOS, col_index, col_letter, is_han
from xladdin.layout.place import SectionAt, locate
from xladdin.layout.profiles import level_alias, standard_level_names
from xladdin.layout.vocabulary import (
    FIELD_SECTIONS,
    FIELDS,
    FORM1_SIGNS,
    REQUIRED,
    ROWS_SECTIONS,
    SECTION_KEYS,
    UNIT_WORDS,
    anchor_matches,
    annual_column,
    clean,
    field_key,
    forms,
    grade_of,
    header_key,
    operator,
    polarity_header,
    strip_notes,
    table_header_key,
    title_kind,
    weak_header_key,
)
from xladdin.model import CellValue
from xladdin.outline import outline_parent, outline_tree, tagged_rows
from xladdin.patterns import lazy
from xladdin.values import plain_number

#: Sheets the tool itself adds; never forms, never reported.
HELPER_SHEETS = (
    "校验结果",
    "规则说明",
    "_xladdin_marks",
    "xlwings.conf",
    "_xlwings.conf",
    "导入备注",  # import's list of what it could not place
    "转年说明",  # rollover's list of changes
    "上年指标值",  # rollover's record of last year's indicator values (xladdin.history)
    "指标建议",  # suggest's list of what it wrote
    "已确认",  # waivers: findings a clerk accepted, with the reason
    "自查",  # the self-check's flags (xladdin.selfcheck), hidden
)

_TOP = 8  # rows searched for a marker or a title
_WIDE = 16  # columns searched for labels
_STOPS = ("附件", "审核意见", "主管部门审核", "财政部门审核", "填表说明", "填报说明", "注:", "备注:")
_OPINIONS = ("审核意见", "初审意见", "审批意见", "批复意见", "复核意见")
_BELOW = {"annual_goal", "period_goal", "goal"}  # long texts a form may print under their label
_SIGN_KEYS = {"signature.head", "signature.filler", "signature.phone"}
#: Field keys of optional parts a foreign form may print (``model.ProjectTexts``).
_OPTIONAL = "info."
_FORM_ONLY = {"form1": {"department", "duties", "basic", "general_budget"}, "form3": {"direction", "period"}}


def _text(value: CellValue) -> str:
    return value if isinstance(value, str) else ""


def identify(sheet: SheetGrid) -> str | None:
    """Which form a sheet holds: its 附表N marker or its title (any cell of the top rows, any
    wording of the vocabulary), else its name, else its labels; None when it is no form."""
    if sheet.name in HELPER_SHEETS:
        return None
    top = [norm(row[0]) for row in sheet.rows[:6] if row and row[0] not in (None, "")]
    for text in top:
        for key, layout in LAYOUTS.items():
            if text == layout.marker:
                # A notice numbers its attachments 附表1, 附表2… too: a 「附表1」 over a form that
                # prints a 项目's labels (项目名称, 实施期) and none of a 整体 form's signs is that
                # notice's first attachment, a 项目 form (陕西清涧 「附表1 绩效目标申报表」).
                return (_labels_kind(sheet) if key == "form1" else None) or key
    for row in sheet.rows[:_TOP]:
        for value in row[:_WIDE]:
            if isinstance(value, str) and len(value) <= 80 and (kind := title_kind(value)):
                return kind
    if kind := _attached_title(sheet) or _attachment_title(sheet):
        return kind
    name = norm(sheet.name)
    for key, layout in LAYOUTS.items():
        if name.startswith(layout.marker):
            return key
    return _by_labels(sheet)


#: An attachment's number printed alone on its row (「附件2」「附件 2:」「附表二」).
_ATTACHMENT = lazy(r"^附(?:件|表)[0-9一二三四五六七八九十]{1,2}[:.、]?$")


def _attached_title(sheet: SheetGrid) -> str | None:
    """The kind a form's title names when a notice prints its attachments one after another and the
    form is not the first (重庆万盛 2025: 附件1 资金分配表, then 附件2 「中央对地方转移支付区域绩效目标表」
    below the top rows): the title on one of the two rows right under an attachment number."""
    at = _attachment_titles(sheet)
    return at[0][1] if at else None


def _attachment_titles(sheet: SheetGrid) -> list[tuple[int, str]]:
    """(row of the attachment number, kind its title names) for every attachment number printed alone
    on its row with a form's title on one of the two rows under it."""
    out = []
    for r in range(1, min(len(sheet.rows), 200) + 1):
        texts = [v for v in sheet.rows[r - 1][:_WIDE] if not blank(v)]
        if len(texts) != 1 or not isinstance(texts[0], str) or not _ATTACHMENT.match(clean(texts[0])):
            continue
        for below in sheet.rows[r : r + 2]:
            first = next((v for v in below[:_WIDE] if not blank(v)), None)
            if isinstance(first, str) and len(first) <= 80 and (kind := title_kind(first)):
                out.append((r, kind))
                break
    return out


def _earlier_attachment(kind: str, sheet: SheetGrid) -> int | None:
    """The row a form of ``kind`` starts at when the notice prints another attachment (or its own text)
    above it on the sheet (万盛 2025: the 资金分配表 above the 区域绩效目标表): its attachment number's row,
    so that no field of the form is looked for in what stands above. None when the form opens the sheet."""
    for r, got in _attachment_titles(sheet):
        if got != kind:
            continue
        if any(not blank(v) for row in sheet.rows[: r - 1] for v in row[:_WIDE]):
            return r
        return None
    return None


#: The title of a notice's allocation table (「…项目资金分配表」「…分配表(任务清单)」「…资金安排表」).
_ALLOCATION_TITLE = lazy(r"(?:分配|安排)(?:表|方案|明细表?|清单)(?:\(.{0,8}\))?$")
_ALLOCATION_UNIT = lazy(r"单位[:：]?\s*(万元|元)")
_ALLOCATION_TOTAL = lazy(r"合计|总计|小计|总额")
_ALLOCATION_SKIP = lazy(r"^(?:序号|编号|行次)$|代码|科目")


def _allocation(sheet: SheetGrid, end: int) -> AllocationAt | None:
    """The allocation table standing on rows 1..``end`` of ``sheet`` (an earlier attachment than the form):
    its title, the unit its unit line prints, and what its lines allocate. None when those rows hold none."""
    title = None
    for r in range(1, end + 1):
        texts = [(c, v) for c, v in enumerate(sheet.rows[r - 1][:_WIDE], start=1) if not blank(v)]
        if len(texts) == 1 and isinstance(texts[0][1], str) and _ALLOCATION_TITLE.search(clean(texts[0][1])):
            title = (r, texts[0][0], texts[0][1])
            break
    if title is None:
        return None
    unit = ""
    data: list[int] = []
    for r in range(title[0] + 1, end + 1):
        line = sheet.rows[r - 1][:_WIDE]
        texts = [clean(v) for v in line if isinstance(v, str) and v.strip()]
        if not unit and len(texts) == 1 and (m := _ALLOCATION_UNIT.search(texts[0])):
            unit = m.group(1)
            continue
        if any(_number(v) is not None for v in line) and not any(_ALLOCATION_SKIP.search(t) for t in texts):
            data.append(r)
    if not data:
        return None
    first = data[0]
    heads: dict[int, str] = {}  # column → the nearest header text above the first line
    for c in range(1, _WIDE + 1):
        for r in range(first - 1, title[0], -1):
            v = sheet.value(r, c)
            if isinstance(v, str) and v.strip():
                heads[c] = clean(v)
                break
    total = ceiling = 0.0
    for r in data:
        line = sheet.rows[r - 1][:_WIDE]
        nums = [
            (c, x)
            for c, v in enumerate(line, start=1)
            if (x := _number(v)) is not None and not _ALLOCATION_SKIP.search(heads.get(c, ""))
        ]
        ceiling += sum(x for _, x in nums)
        label = next((clean(v) for v in line if isinstance(v, str) and v.strip()), "")
        if not nums or _ALLOCATION_TOTAL.search(label):
            continue  # a 合计 line of the table restates its lines
        sums = [x for c, x in nums if _ALLOCATION_TOTAL.search(heads.get(c, ""))]
        total += sums[0] if sums else sum(x for _, x in nums)
    last = data[-1]
    cells = f"A{first}:{col_letter(max(len(sheet.rows[r - 1]) for r in data) or 1)}{last}"
    return AllocationAt((f"{col_letter(title[1])}{title[0]}", str(title[2])), unit, total, ceiling, cells)


def _attachment_title(sheet: SheetGrid) -> str | None:
    """The kind a form's title gives when the form is a later attachment of a notice, below the table
    of an earlier one (四川南江 2024: 「附件1」 分配表(任务清单), then 「附件2」 over 「…区域绩效目标表」): the
    title on the line right under an attachment mark, however far down the sheet."""
    for r, row in enumerate(sheet.rows[_TOP - 1 : 80], start=_TOP):
        first = next((v for v in row[:_WIDE] if v not in (None, "")), None)
        if not isinstance(first, str) or not _TABLE_MARK.match(clean(first)):
            continue
        for value in sheet.rows[r][:_WIDE] if r < len(sheet.rows) else []:
            if isinstance(value, str) and len(value) <= 80 and (kind := title_kind(value)):
                return kind
    return None


def _labels_kind(sheet: SheetGrid) -> str | None:
    """The kind a sheet's own labels give when they disagree with nothing: 项目 (form3) when a 项目
    form's only labels are printed and no 整体 sign is; else None (the marker decides)."""
    for row in sheet.rows[:20]:
        for value in row[:_WIDE]:
            if isinstance(value, str) and clean(value).startswith(FORM1_SIGNS):
                return None
    kinds = {
        kind
        for row in sheet.rows[:60]
        for value in row[:_WIDE]
        for kind in ("form1", "form3")
        if field_key(kind, value) in _FORM_ONLY[kind]
    }
    return "form3" if kinds == {"form3"} else None


def _by_labels(sheet: SheetGrid) -> str | None:
    """A form with no title we know: 整体 when it prints 部门名称/部门职责… before any 项目名称/实施期…,
    项目 when it prints those first, and an indicator header either way; a sheet whose indicator
    table (names and values under one header row) stands with no such labels at all is a 项目 form
    (河北 评价指标表, 浙江 项目具体目标表: the title names the fund, 整体 forms print their signs);
    a notice publishing its targets as prose is one too (see :func:`prose_notice`)."""
    header = find_header(sheet, 1, min(len(sheet.rows), 200))
    if header is None:
        if fund_list(sheet) is not None:
            return "form2"  # a list of projects, each with its amount and its goal: 附表2's kind
        if label_lines(sheet):
            return "form3"  # a 公示 page: 「1、项目名称:…」 … 「6、项目绩效目标:…」 lines
        if prose_notice(sheet) or _outline_form(sheet) or project_declaration(sheet):
            return "form3"
        return "form1" if prose_overall(sheet) else None
    for row in sheet.rows[:20]:
        for value in row[:_WIDE]:
            if isinstance(value, str) and clean(value).startswith(FORM1_SIGNS):
                return "form1"
    # The sign printed first decides: a 项目 form opens with 项目名称 and may list its funding sources
    # (财政拨款, 一般公共预算资金) further down, as a 整体 form lists its income.
    for row in sheet.rows[:60]:
        for value in row[:_WIDE]:
            for kind in ("form1", "form3"):
                if field_key(kind, value) in _FORM_ONLY[kind]:
                    return kind
    return "form3" if "name" in header.cols and "value" in header.cols else None


#: A label of a project's own declaration fields: 「项目名称:」「项目类型」「项目总预算(万元)」「二级项目名称」.
_PROJECT_LABEL = lazy(r"^(?:[一二]级)?项目[\u4e00-\u9fff]{2,6}(?:\(.{0,8}\))?$")
#: What makes a sheet of project fields a 绩效目标 form: a goal or indicator cue, or a title declaring it.
_TARGET_CUE = lazy(r"绩效目标|绩效指标|产出指标|指标值")
_DECLARATION_TITLE = lazy(r"项目.{0,8}申报(?:明细)?(?:表|书)$")


def project_declaration(sheet: SheetGrid) -> bool:
    """Whether ``sheet`` is a project's declaration form whatever its title (芜湖 「…申报明细表」, 广水's
    一体化 「项目申报表」 cover page, 临海's untitled 项目库 申报表): project field labels on at least four
    rows (label │ value pairs, not one header row of a list), and a goal or indicator cue, or a title
    that declares the project. Such a form may be cut before its indicators: it is read as far as it goes."""
    rows: set[int] = set()
    cue = False
    for r, row in enumerate(sheet.rows[:60], start=1):
        for value in row[:_WIDE]:
            if not isinstance(value, str) or not value.strip():
                continue
            text = clean(value)
            label = text.split(":", 1)[0] if ":" in text else text
            if len(label) <= 16 and (_PROJECT_LABEL.match(label) or field_key("form3", label) in _PROJECT_KEYS):
                rows.add(r)
            if _TARGET_CUE.search(text) or (r <= 3 and _DECLARATION_TITLE.search(text)):
                cue = True
    return cue and len(rows) >= 4


_PROJECT_KEYS = {"direction", "period", "info.leader", "info.overview", "info.basis", "info.plan", "info.supervisor"}


def label_lines(sheet: SheetGrid) -> bool:
    """Whether ``sheet`` publishes one project as lines of text, each a label and its value
    (「1、项目名称:叶县…」「(一)项目名称:…」), with the project's name and its goal among them — the goal
    in its own line (「6、项目绩效目标:…」) or as a heading over its paragraph (「三、项目建设目标」)."""
    keys: set[str] = set()
    for row in sheet.rows[:200]:
        texts = [v for v in row[:_WIDE] if isinstance(v, str) and v.strip()]
        if len(texts) != 1 or len(texts[0]) > 600:
            continue
        text = unicodedata.normalize("NFKC", texts[0]).strip()
        if (":" in text) and (pairs := inline_fields("form3", text)):
            keys.update(k for k, v in pairs[:1] if v is not None and text.index(":") < 20)
        elif len(text) <= 16 and (key := field_key("form3", text)) in _BELOW:
            keys.add(key)
    return "direction" in keys and bool(keys & _BELOW)


def _outline_form(sheet: SheetGrid) -> bool:
    """A sheet whose indicators are an outline (``xladdin.outline``): a tree in one column, or tagged
    lines in one cell. Either is a 项目 form (a list of projects is split into one form per project)."""
    return bool(tagged_rows(sheet)) or outline_tree(sheet) is not None


#: A notice's title: it names 绩效目标 and says it publishes them (宁夏同心 「…绩效目标设定的公示」).
_NOTICE = lazy(r"绩效目标.{0,6}(?:公示|公告|公开|通知|说明)")
#: The dimension labels a prose notice lists its indicators under.
_DIMENSIONS = ("产出指标", "效益指标", "满意度指标", "数量指标", "质量指标", "时效指标", "成本指标")


#: Where a value starts inside a prose item: an operator outside brackets (the template's
#: placeholder 「(≥**株)」 is part of the name).
_PROSE_OP = lazy(r"(?:>=|<=|≥|≤|>|<|=|大于等于|小于等于|不低于|不少于|不高于|不超过|大于|小于|达到)")
_PROSE_LABEL = lazy(r"^\s*([\u4e00-\u9fff]{2,12}?(?:指标|目标))\s*[:：,，]\s*")
_PROSE_SPLIT = lazy(r"[;；。]")


def _level_of(label: str, first: int = 1) -> int | None:
    """1 or 2 when ``label`` (「数量指标」「社会效益目标」「一、 产出指标」) names a standard level
    (a name standard at both is taken at level ``first``)."""
    text = strip_notes(clean(label))
    text = re.sub(r"目标$", "指标", text)
    for level in (first, 3 - first):
        if text in standard_level_names("county", level):
            return level
    return None


def _prose_item(part: str) -> tuple[str, str | None]:
    """(name, value or None) of one indicator written as text: 「种植数量(≥**株)>=17600株」 →
    (「种植数量(≥**株)」, 「>=17600株」)."""
    depth = 0
    for i, ch in enumerate(part):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(depth - 1, 0)
        elif depth == 0 and (m := _PROSE_OP.match(part, i)) and i > 0:
            return part[:i].strip(), part[m.start() :].strip()
    # no operator: the value is the number a sentence states with its unit (新疆昌吉 2019
    # 「全年资助…学生1606人次」, 「资助标准100%达标」), the name what precedes it
    if (m := _PROSE_NUMBER.search(part)) and m.start() > 1:
        return part[: m.start()].strip(), m.group(0).strip()
    return part.strip(), None


_PROSE_NUMBER = lazy(r"(?<![\d.])\d+(?:\.\d+)?\s*(?:%|[\u4e00-\u9fff]{1,3})")


def prose_indicators(sheet: SheetGrid) -> list[tuple[int, dict[str, str | None]]]:
    """The indicators a prose notice lists, by paragraph row: 「一、产出指标」 sets the 一级, a label
    「数量指标:」 the 二级, and each item (「;」「。」 apart; of 「,」-parts, those holding a value, or
    the item itself when none does) is a name and a value (:func:`_prose_item`). A reading of
    prose is a guess: its columns are marked unsure."""
    out: list[tuple[int, dict[str, str | None]]] = []
    level1: str | None = None
    for r, row in enumerate(sheet.rows, start=1):
        texts = [v for v in row[:_WIDE] if isinstance(v, str) and v.strip()]
        if len(texts) != 1:
            continue
        text = _NUMBERING.sub("", unicodedata.normalize("NFKC", texts[0]).strip())
        if _level_of(text) == 1 and len(clean(text)) <= 12:
            level1 = strip_notes(clean(text))
            continue
        if level1 is None:
            continue
        labelled = (m := _PROSE_LABEL.match(text)) is not None and _level_of(m.group(1), 2) is not None
        if _STOP_PROSE.match(text) or not (labelled or any(_prose_item(p)[1] for p in re.split(r"[,，;；。]", text))):
            break  # past the indicators: an attachment line, the issuer, a date
        level2: str | None = None
        for chunk in _PROSE_SPLIT.split(text):
            chunk = chunk.strip(" ,，")
            while (m := _PROSE_LABEL.match(chunk)) and _level_of(m.group(1), 2):
                if _level_of(m.group(1), 2) == 2:  # a label the notice wrote, as the standard name
                    level2 = re.sub(r"目标$", "指标", strip_notes(clean(m.group(1))))
                chunk = chunk[m.end() :]
            if not chunk:
                continue
            parts = [p.strip() for p in re.split(r"[,，]", chunk) if p.strip()]
            items = [_prose_item(p) for p in parts]
            valued = [it for it in items if it[1] is not None]
            for name, value in valued or [_prose_item(chunk)]:
                out.append((r, {"level1": level1, "level2": level2, "name": name, "value": value}))
    return out


_STOP_PROSE = lazy(r"^(?:附件|附表|注[:：])")
#: A line's numbering (「(一)、」「1、」「2.」) before a dimension label (新疆昌吉 2019 「(一)、产出指标」,
#: 「1、数量指标:…」).
_NUMBERING = lazy(
    r"^(?:[(（][一二三四五六七八九十\d]{1,3}[)）][、.．]?|[一二三四五六七八九十\d]{1,2}[、．]|\d{1,2}\.(?!\d))\s*"
)
#: A notice's own title (「…计划公告公示」) and its section heading 「七、绩效目标」.
_NOTICE_TITLE = lazy(r"公示|公告")
_TARGET_HEADING = lazy(r"^(?:[一二三四五六七八九十\d]{1,2}[、.．])?\s*(?:项目)?绩效目标[:：]?$")
#: The headings of a 部门整体 target published as prose (河北 部门预算公开绩效目标情况说明: 「一、部门整体
#: 绩效目标」 over 「1、总体绩效目标」 and 「2、分项绩效目标」, one paragraph each).
_OVERALL_HEAD = lazy(r"^(?:[一二三四五六七八九十]+|\d{1,2})?[、.．]?\s*部门整体(?:支出)?绩效目标$")
_OVERALL_GOAL_HEAD = lazy(r"^(?:[(（]?[一二三四五六七八九十\d]{1,2}[)）、.．])?\s*(?:年度)?总体(?:绩效)?目标[:：]?$")
_OVERALL_PART_HEAD = lazy(r"^(?:[(（]?[一二三四五六七八九十\d]{1,2}[)）、.．])?\s*分项(?:绩效)?目标[:：]?$")
#: A paragraph of the 分项 part: 「学前教育职责绩效目标:…」.
_OVERALL_PART = lazy(r"^([\u4e00-\u9fff]{2,20}?)(?:职责|职能|工作)?绩效目标\s*[:：]\s*\S")


def _paragraphs(sheet: SheetGrid) -> list[tuple[int, str, str]]:
    """(row, column letter, text) of each row holding exactly one text (a paragraph or a heading)."""
    out = []
    for r, row in enumerate(sheet.rows[:300], start=1):
        texts = [(c, v) for c, v in enumerate(row[:_WIDE], start=1) if isinstance(v, str) and v.strip()]
        if len(texts) == 1:
            out.append((r, col_letter(texts[0][0]), unicodedata.normalize("NFKC", texts[0][1]).strip()))
    return out


def overall_prose(sheet: SheetGrid) -> tuple[tuple[int, str, str] | None, list[tuple[int, str, str]]] | None:
    """A 部门整体 target published as paragraphs: a notice's title naming 绩效目标, a heading 「部门整体
    绩效目标」, and under it the 总体绩效目标 paragraph and the 分项 paragraphs (「…职责绩效目标:…」).
    Returns (the 总体 paragraph or None, the 分项 paragraphs), or None when ``sheet`` is not one."""
    paras = _paragraphs(sheet)
    if not any(_NOTICE.search(clean(t)) for _, _, t in paras[:3]):
        return None
    start = next((i for i, (_, _, t) in enumerate(paras) if _OVERALL_HEAD.match(clean(t))), None)
    if start is None:
        return None
    goal: tuple[int, str, str] | None = None
    parts: list[tuple[int, str, str]] = []
    mode = ""
    for r, col, text in paras[start + 1 :]:
        key = clean(text)
        if _OVERALL_GOAL_HEAD.match(key):
            mode = "goal"
        elif _OVERALL_PART_HEAD.match(key):
            mode = "parts"
        elif mode == "goal" and goal is None and len(key) > 12:
            goal = (r, col, text)
        elif mode == "parts" and _OVERALL_PART.match(text):
            parts.append((r, col, text))
        elif (mode == "parts" and parts) or _OVERALL_HEAD.match(key) or _STOP_PROSE.match(text):
            break  # past the 分项 paragraphs: a measure, the next part
    return (goal, parts) if goal or parts else None


def prose_overall(sheet: SheetGrid) -> bool:
    """Whether ``sheet`` publishes a 部门整体 target as paragraphs (:func:`overall_prose`)."""
    return overall_prose(sheet) is not None


_PROSE_GOAL = lazy(r"绩效目标(?:是|为)\s*[:：]?\s*([^。]+)")


def prose_notice(sheet: SheetGrid) -> bool:
    """Whether ``sheet`` is a notice publishing its performance targets as paragraphs (no table): a
    title naming 绩效目标 as published, and at least two paragraphs listing indicators under the
    dimension labels (「数量指标:…」, 「二、效益指标」)."""
    texts = [v for row in sheet.rows[:200] for v in row[:_WIDE] if isinstance(v, str) and v.strip()]
    titled = any(_NOTICE.search(clean(t)) for t in texts[:3])
    # a 公示 whose title names the fund, with a 「七、绩效目标」 section (新疆昌吉 2019 「…计划公告公示」)
    titled = titled or (
        any(_NOTICE_TITLE.search(clean(t)) for t in texts[:3]) and any(_TARGET_HEADING.match(clean(t)) for t in texts)
    )
    if not titled:
        return False
    return sum(1 for t in texts if any(w in clean(t) for w in _DIMENSIONS)) >= 2


# --- the indicator table ------------------------------------------------------------------------
@dataclass
class Header:
    row: int
    cols: dict[str, int]  # column key (level1, level2, name, value, unit, direction, standard …) -> index
    texts: dict[int, str] = field(default_factory=dict)  # every header cell's text, by column
    #: how a column was found when not by a word of ``HEADER``: "synonym" (a secondary word), "span"
    #: (the right half of a category header over two columns), "grade" (set by the table)
    cues: dict[str, str] = field(default_factory=dict)

    def sure(self, key: str) -> bool:
        """A column named by a secondary word is sure only in a row of at least four column words."""
        return self.cues.get(key) not in ("synonym", "span") or len(self.cols) >= 4


#: Keyed columns a row needs to be a header, and at least one of these (an indicator table).
_HEADER_MIN = 3


def _header_at(sheet: SheetGrid, r: int) -> Header | None:
    if r < 1 or r > len(sheet.rows):
        return None
    cols: dict[str, int] = {}
    annual: set[str] = set()
    texts: dict[int, str] = {}
    line = _merged_down_header(sheet, r)
    for c, value in enumerate(line, start=1):
        if not isinstance(value, str):
            continue  # no header word (header_key: None)
        text = value.strip()
        if not text:
            continue
        texts[c] = text
        key = header_key(value)
        if not key or key in annual:
            continue  # a second set of columns (长期 | 年度 side by side): the year's, else the later
        if key == "direction" and key in cols and polarity_header(value) and not polarity_header(texts.get(cols[key])):
            continue  # 绩效指标性质 (≥) | … | 指标方向性 (正向指标): the operator's column is the direction
        cols[key] = c
        if annual_column(value):
            annual.add(key)
    if len(texts) < _HEADER_MIN:
        return None
    cues: dict[str, str] = {}
    taken = set(cols.values())
    for c, text in texts.items():  # secondary words, for the keys no word of HEADER took
        key = weak_header_key(text)
        if key and key not in cols and c not in taken:
            cols[key] = c
            cues[key] = "synonym"
            taken.add(c)
    if cues.get("level1") and "level2" not in cols:  # 「评价内容」 over two columns: 一级 | 二级
        c1 = cols["level1"]
        span = sheet.merge_at(r, c1)
        two = span is not None and span[0] == span[2] and span[3] == c1 + 1
        if span is None and c1 + 1 not in texts and c1 + 1 not in taken:  # merges unknown: a blank header
            below = [sheet.value(x, c1 + 1) for x in range(r + 1, min(r + 6, len(sheet.rows)) + 1)]
            two = any(isinstance(v, str) and v.strip() for v in below)  # … over a column of names
        if two and c1 + 1 not in taken:
            cols["level2"] = c1 + 1
            cues["level2"] = "span"
    levels = "level1" in cols or "level2" in cols
    flat = "name" in cols and "value" in cols and len(cols) >= 4  # 指标 | 权重 | 计量单位 | 指标性质 | 指标值
    if len(cols) >= _HEADER_MIN and (levels or flat) and ("name" in cols or "value" in cols):
        return Header(r, cols, texts, cues)
    return None


def _merged_down_header(sheet: SheetGrid, r: int) -> list[CellValue]:
    """Row ``r``'s first cells, a blank one taking the text of a cell merged down onto it that ends in
    this row: a header split in two rows (「绩效指标」 over 一级 │ 二级 │ 三级, 「指标值」 and 「计量单位」
    each merged down over both rows) is one header in its lower row. A side label merged down over the
    whole table does not end in the header row."""
    line = sheet.rows[r - 1][:_WIDE]
    if not sheet.merges or r < 2:
        return line
    down = [span for span in sheet.merges if span[0] < r == span[2] and span[1] == span[3] <= _WIDE]
    if not down:
        return line
    out = list(line) + [None] * (max(span[1] for span in down) - len(line))
    for r1, c, _, _ in down:
        value = out[c - 1]
        if value is None or (isinstance(value, str) and not value.strip()):
            out[c - 1] = sheet.value(r1, c)
    return out


def find_header(sheet: SheetGrid, start: int, stop: int) -> Header | None:
    """The first indicator header row (一级指标/二级指标/三级指标/指标值…) in rows start..stop."""
    for r in range(max(start, 1), min(stop, len(sheet.rows)) + 1):
        if (h := _header_at(sheet, r)) is not None:
            lower = _header_at(sheet, r + 1) if r < stop else None
            if lower is not None and len(lower.cols) > len(h.cols) and set(h.cols) <= set(lower.cols):
                return lower  # the upper row of a header split in two (its cells merged down onto the lower)
            return h
    return None


def is_stop(sheet: SheetGrid, r: int, kind: str, left: int) -> bool:
    """A row that ends a table on a foreign form: its first cell, at or left of the table's first
    column, is a note (注:, 附件), an opinion (…审核意见), the next section or a signature line."""
    line = sheet.rows[r - 1][:_WIDE] if r <= len(sheet.rows) else []
    first = next(((c, v) for c, v in enumerate(line, start=1) if not blank(v)), None)
    if first is None or first[0] > left or not isinstance(first[1], str):
        return False
    col, text = first
    c = clean(text)
    if c.startswith(_STOPS) or any(w in c for w in _OPINIONS):
        return True
    if _titled(c) and title_kind(c):
        return True  # the next form's title: forms printed one under another on one sheet
    if len(c) <= 8 and sum(not blank(v) for v in line) <= 2 and _is_title_row(sheet, r + 1):
        return True  # the next form's marker (「表十二」「附表3」, a unit note beside it) above its title
    if _STAMP_LINE.search(c):
        return True  # a stamp or date line (「财政绩效管理科室(盖章)  年 月 日」): the sign-off under the table
    texts = [v for v in line if not blank(v)]
    if len(texts) == 1 and (m := _LABEL_LINE.match(c)) and "指标" not in m.group(1):
        return True  # a lone 「label:value」 line (「经办人及联系电话:王某」「上报时间:…」) under the table
    if col == left and ":" not in c:
        return False  # in the table's own first column only 「填表人：…」-style lines end it
    key = field_key(kind, c.split(":")[0])
    if key in _SIGN_KEYS or (key is not None and ":" in c):
        return True  # a signature line, or a field typed after its label (「填报单位：某局」) below the table
    return anchor_matches("支出明细", text) or anchor_matches("单位负责人签字", text)


#: A sign-off line under a table: a stamp (「(盖章)」「(签章)」) or a blank date (「年  月  日」).
_STAMP_LINE = lazy(r"\((?:盖章|签章|公章|签字盖章)\)|年月日$")  # compared after clean(): no spaces
#: One short label and its value after a colon, the whole line (「经办人及联系电话:王舜177…」).
_LABEL_LINE = lazy(r"^([\u4e00-\u9fff]{2,10}):\s*\S")


def _is_title_row(sheet: SheetGrid, r: int) -> bool:
    line = sheet.rows[r - 1][:_WIDE] if 0 < r <= len(sheet.rows) else []
    return any(_titled(v) and title_kind(v) for v in line)


def _titled(value: CellValue) -> bool:
    """A cheap first test: every title of the vocabulary names a 绩效目标 form."""
    return isinstance(value, str) and len(value) <= 80 and "目标" in value


def blank(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def placeholder(value: CellValue) -> bool:
    """Blank, or only the 「…」/「……」 a model form prints for "more rows here"."""
    return blank(value) or (isinstance(value, str) and not value.strip(" .。…·\u3000"))


def _number_text(value: CellValue) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def printed_value(value: CellValue) -> CellValue:
    """A foreign form's 指标值 as a reviewer reads it: the 「=」 some systems print before every
    number adds nothing (「=300天」 → 「300天」), a unit word stands for its symbol (「100百分比」 →
    「100%」)."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.startswith(("=", "＝")) and len(text) > 1:
        text = text[1:].strip()
    for word, symbol in UNIT_WORDS.items():
        # only straight after the number: 「≥5个百分点」 is a count of points, read as printed
        if text.endswith(word) and len(text) > len(word) and text[-len(word) - 1].isdigit():
            text = text[: -len(word)] + symbol
    return text if text != value.strip() else value


def join_value(value: CellValue, unit: CellValue, op: CellValue) -> CellValue:
    """指标值 as a reviewer reads it: operator + value + unit («≥» «95» «%» → «≥95%»); the unit is not
    appended when the value already ends with it, nor the operator when the value starts with one.
    「=」 and 定量/定性 add nothing. A blank value stays blank."""
    if blank(value):
        return value
    symbol = operator(op) if not blank(op) else ""
    unit_text = clean(str(unit)) if not blank(unit) else ""
    if not unit_text.strip("-—–/／"):
        unit_text = ""  # 「-」 printed in every empty 度量单位 cell of a system print: no unit
    if not unit_text and not symbol:
        return value
    text = _number_text(value)
    unit_text = UNIT_WORDS.get(unit_text, unit_text)
    if unit_text and not clean(text).endswith(unit_text):
        text += unit_text
    if symbol and symbol != "=" and not text.startswith(("≥", "≤", ">", "<", "=", "＞", "＜")):
        text = symbol + text
    return text


def level_value(sheet: SheetGrid, r: int, c: int, left: int | None) -> CellValue:
    """A 二级 cell's value: its own (:func:`cell_value`), or, inside a merge that begins in the 一级
    column ``left`` (浙江慈溪 「社会效益」 over 一级 and 二级), the merge's value."""
    value = cell_value(sheet, r, c)
    if value is None and left is not None:
        span = sheet.merge_at(r, c)
        if span is not None and span[1] == left < c <= span[3]:
            return sheet.value(span[0], span[1])
    return value


def cell_value(sheet: SheetGrid, r: int, c: int) -> CellValue:
    """A data cell's value; a cell inside a merged range that starts in its own column (a vertical
    merge) shows the range's value."""
    value = sheet.value(r, c)
    if value is None:
        span = sheet.merge_at(r, c)
        if span is not None and span[1] == c:
            return sheet.value(span[0], span[1])
    return value


@dataclass
class IndicatorTable:
    header: Header | None
    rows: list[int]
    cols: dict[str, int]


def indicator_rows(
    sheet: SheetGrid, kind: str, start: int | None, data: list[int], layout_cols: dict[str, int], own: bool = False
) -> IndicatorTable | None:
    """The indicator table: below its label (``start`` and the located ``data`` rows), its header
    recognised in the label row or the next rows; or, with no label, found by its header alone."""
    if start is not None:
        stop = max(data) if data else start
        header = find_header(sheet, start, min(start + 3, stop))
        above = None if header is not None or own else find_header(sheet, start - 2, start - 1)
        if above is not None:  # 「绩效指标」 in the first data column, under a header 一级指标 merged over it
            header = above
            data = list(range(start, stop + 1))
        if header is None:
            return IndicatorTable(None, [r for r in data if _header_at(sheet, r) is None], layout_cols)
        rows = [r for r in data if r > header.row]
    else:
        header = find_header(sheet, 1, len(sheet.rows))
        if header is None:
            return None
        rows = list(range(header.row + 1, len(sheet.rows) + 1))
    kept: list[int] = []
    side = None if own and start is not None else _side_label_end(sheet, header)
    for r in rows:
        if not (own and start is not None) and is_stop(sheet, r, kind, min(header.cols.values())):
            break  # our template's table ends where the next section starts
        if side is not None and r > side[0] and not blank(sheet.value(r, side[1])):
            break  # 临海 「项目绩效目标」 merged down the table's left, then 「最近年度绩效评价情况」: the next section
        if _header_at(sheet, r) is not None:
            continue
        kept.append(r)
    if start is None:
        while kept and all(blank(cell_value(sheet, kept[-1], c)) for c in header.cols.values()):
            kept.pop()
    return IndicatorTable(header, kept, header.cols)


def _side_label_end(sheet: SheetGrid, header: Header) -> tuple[int, int] | None:
    """(last row, column) of a side label merged down the left of the table, over its header row
    (「项目绩效目标」 over the goal and the indicators): a text below it in that column is the next section."""
    left = min(header.cols.values())
    for c in range(left - 1, 0, -1):
        span = sheet.merge_at(header.row, c)
        if span is not None and span[1] == span[3] == c and span[2] > header.row:
            return span[2], c
    return None


# --- our layout's fixed rows, verified; fields found by their labels ----------------------------
def _same_label(kind: str, want: str, got: CellValue) -> bool:
    if not isinstance(got, str):
        return False
    if clean(want) in forms(got):
        return True
    a, b = field_key(kind, want), field_key(kind, got)
    return a is not None and a == b


def verified(kind: str, sheet: SheetGrid, sec: Rows, start: int) -> bool:
    """Whether a fixed group of rows found by its anchor stands as in our layout (its labels where
    the template puts them), so its value cells can be read at the template's addresses."""
    labels = matched = 0
    for i, row in enumerate(sec.rows):
        for cell in row:
            if cell.key:
                span = sheet.merge_at(start + i, col_index(cell.col))
                if span is not None and span[1] < col_index(cell.col):
                    return False  # the value cell is merged into the label: another layout
            if cell.text is None or cell.style not in ("label", "sign") or (i == 0 and cell.col == "A"):
                continue
            got = sheet.value(start + i, col_index(cell.col))
            labels += 1
            if blank(got):
                continue  # a cleared label is no other layout ...
            if not _same_label(kind, cell.text, got) and typed_after_label(kind, cell.text, got) is None:
                return False  # ... but another label standing there is (not ours with its value typed after it)
            matched += 1
    return 2 * matched >= labels  # ... as long as most of the labels stand where ours do


_PAIR = lazy(r"([^\s:]+)\s*:")
_STAMP = lazy(r"\((?:盖章|签字|签章)\)")
_BLANK_DATE = lazy(r"^(?:20\s*)?\s*年\s*月\s*日$")


_INLINE: dict[tuple[str, str], tuple[tuple[str, CellValue], ...]] = {}
TEXT_MEMOS.append(_INLINE)


def inline_fields(kind: str, text: str) -> list[tuple[str, CellValue]]:
    """「填表人: 宋云花 联系电话:1660… 单位负责人签字:」 → [(key, value or None), …] for the labels of
    the vocabulary printed with their values in one cell."""
    found = _INLINE.get((kind, text))  # each distinct text of a workbook once (``TEXT_MEMOS``)
    if found is None:
        found = tuple(_inline_fields(kind, text))
        if len(_INLINE) < MEMO_SIZE:
            _INLINE[(kind, text)] = found
    return list(found)


def _inline_fields(kind: str, text: str) -> list[tuple[str, CellValue]]:
    text = unicodedata.normalize("NFKC", text)
    marks = list(_PAIR.finditer(text))
    out: list[tuple[str, CellValue]] = []
    for i, m in enumerate(marks):
        key = field_key(kind, m.group(1))
        if key is None:
            continue
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        value = _STAMP.sub("", text[m.end() : end]).strip()
        if _BLANK_DATE.match(value):
            value = ""  # 「分管领导签章:  年  月  日」: the date left to fill, no one signed
        out.append((key, value or None))
    return out


def vocabulary_of(kind: str) -> str:
    """The form whose label vocabulary serves ``kind``: 附表2 prints only 填报单位 and the signature lines,
    worded as on 附表3."""
    return "form3" if kind == "form2" else kind


_TYPED: dict[tuple[str, str, str], str | None] = {}
TEXT_MEMOS.append(_TYPED)


def typed_after_label(kind: str, label: str, text: CellValue) -> str | None:
    """What a clerk typed after a printed label in the label's own cell (「填报单位：（盖章）株洲市…」,
    「填表人：李娜」, 「部门名称 某局」), or None when the cell holds the label alone, the label and only
    other labels (「填表人：    联系电话：」), or something else."""
    if not isinstance(text, str):
        return None
    key = (kind, label, text)
    if key in _TYPED:  # each distinct text of a workbook once (``TEXT_MEMOS``)
        return _TYPED[key]
    typed = _typed_after_label(kind, label, text)
    if len(_TYPED) < MEMO_SIZE:
        _TYPED[key] = typed
    return typed


def _typed_after_label(kind: str, label: str, text: str) -> str | None:
    kind = vocabulary_of(kind)
    got, want = unicodedata.normalize("NFKC", text).strip(), unicodedata.normalize("NFKC", label).strip()
    wanted = {k for k, _ in inline_fields(kind, want)} or ({k} if (k := field_key(kind, want)) else set())
    pairs = [(k, v) for k, v in inline_fields(kind, got) if k in wanted]
    if pairs:  # 「label：value」, the value ending where the next label begins
        rest = str(pairs[0][1] or "")
    else:  # the label as printed (white space aside), then the value: 「部门名称 某局」
        i = 0
        for ch in want:
            if ch.isspace():
                continue
            while i < len(got) and got[i].isspace():
                i += 1
            if i >= len(got) or got[i] != ch:
                return None
            i += 1
        rest = got[i:]
    rest = _STAMP.sub("", rest).strip(" \t\n:：")
    if re.fullmatch(r"\([^()]*\)", rest) or field_key(kind, rest) is not None:
        return None  # a note on the label (「项目实施期（年）」), or another label, not a value
    return rest or None


def header_text(kind: str, value: CellValue) -> bool:
    """Whether ``value`` is a column header or a label, never a value: 「金额(万元)」,
    「指标值(包含数字及文字描述)」, 「项目名称」."""
    if not isinstance(value, str) or not value.strip() or len(value) > 40:
        return False
    if header_key(value) is not None or field_key(kind, value) is not None:
        return True
    return any(table_header_key(t, value) is not None for t in ("funds", "details"))


#: (row, col, value, cue, label cell) of a field found on a foreign form; cue as in formmap.CUES
Found = tuple[int, int, CellValue, str, str]


def locate_fields(kind: str, sheet: SheetGrid, keys: set[str], skip: set[int]) -> tuple[dict[str, Found], list[str]]:
    """key -> (row, col, value, cue, label cell) for the fields in ``keys`` printed as 「label |
    value」 (or 「label：value」 in one cell) anywhere on the sheet outside the rows in ``skip``. A
    label whose right-hand cell is another label heads a group (「项目资金(万元) | 年度资金总额: |
    1125」): the inner label gives the value. A header text right of a label (「年度资金总额 |
    金额(万元)」, the head of a funding block) is no value: the label is looked for further down.
    Also returns notes (Chinese) on what was passed over."""
    out: dict[str, Found] = {}
    notes: list[str] = []
    if not keys:
        return out, notes
    width = max((len(line) for line in sheet.rows), default=0)
    for r, line in enumerate(sheet.rows, start=1):
        if r in skip:
            continue
        for c, value in enumerate(line[:_WIDE], start=1):
            if not isinstance(value, str) or not value.strip():
                continue
            key = field_key(kind, value)
            label = f"{col_letter(c)}{r}"
            if (
                key in (None, "unit")
                and clean(value) in _SUPERVISOR_LABELS
                and (key is None or "unit" in out or "unit" not in keys)
            ):
                key = "info.supervisor"  # 湖南湘阴 2022: 填报单位 above the table, a 主管部门 row inside it
            if key is None:
                if (item := _numbered_item(kind, value)) is not None:
                    if item[0] in keys and item[0] not in out:  # 「(5)项目内容。…」 of a numbered preamble
                        out[item[0]] = (r, c, item[1], "inline", label)
                elif ":" in value or "：" in value:
                    for k, v in inline_fields(kind, value):
                        if k in keys and k not in out:
                            out[k] = (r, c, _inline_amount(k, v), "inline", label)
                continue
            if key not in keys or key in out:
                continue
            hit = _value_right(kind, sheet, r, c)
            if hit is not None and _colon_label(hit[1]) and _colon_label(value):
                # 「项目责任人(签字): │ 单位(盖章):」: two labels on one line, each filled in its own cell
                out[key] = (r, c, None, "label", label)
                continue
            if hit is not None and key in _BELOW and _goal_heading(hit[1]):
                under = _value_below(
                    kind, sheet, r, hit[0]
                )  # 「总体目标 | 中期滚动目标(2019年--2021年)」 over its text
                if under is not None:
                    out[key] = (*under, "below", f"{col_letter(hit[0])}{r}")
                    continue
            if hit is None and key in _BELOW and (below := _beside_label_below(kind, sheet, r, c)):
                out[key] = (*below, "below", label)  # a label beside another (「长期目标 | 年度目标」), texts below
            elif hit is not None and hit[1] is None and key in _BELOW and (below := _value_below(kind, sheet, r, c)):
                out[key] = (*below, "below", label)
            elif hit is not None and hit[1] is None and hit[0] > width and key in _BELOW:
                continue  # a heading across the form (「年度绩效目标」 over 「*年度绩效总目标 | …」): no value cell
            elif hit is not None and (pair := _sub_label_value(key, sheet, r, hit[0], hit[1])) is not None:
                out[key] = (r, pair[0], pair[1], "label", label)  # 「预算金额 │ 总金额 │ 50万元 │ 当年度金额 │ 50万元」
            elif hit is not None and (header_text(kind, hit[1]) or clean(str(hit[1])) in _TOTAL_ROW):
                notes.append(f"「{clean(value)}」右侧 {col_letter(hit[0])}{r} 是表头「{hit[1]}」，不是它的值")
            elif (
                hit is not None
                and (key in _AMOUNT_KEYS or key.startswith("info."))
                and _heads_block(sheet, r, c, hit[0], hit[1])
            ):
                what = "说明文字" if key.startswith("info.") else "金额"
                notes.append(f"「{clean(value)}」跨多行，右侧 {col_letter(hit[0])}{r}「{hit[1]}」是栏目，不是{what}")
            elif hit is not None and hit[1] is None and hit[0] > width:
                out[key] = (r, c, None, "label", label)  # 「填报单位(盖章):」 across the form: filled in its own cell
            elif hit is not None:
                cue = "guess" if len(hit) > 2 else "label"
                out[key] = (r, hit[0], hit[1], cue, label)
    return out, notes


#: A numbered line of a prose preamble above a form: 「(1)项目概述。做好…」「2、立项依据：…」 (安徽 pages).
_NUMBERED_ITEM = lazy(
    r"^\s*(?:[(（]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]|\d{1,2}\s*[、.．])\s*"
    r"([\u4e00-\u9fff]{2,12}?)\s*[。:：]\s*(\S.*)$",
    re.S,
)


def _numbered_item(kind: str, value: str) -> tuple[str, str] | None:
    """(key, text) of a project text printed as a numbered line 「(n)label。text」, or None (a goal or an
    amount is never read from a preamble: the form below prints its own)."""
    m = _NUMBERED_ITEM.match(value)
    key = field_key(kind, m.group(1)) if m else None
    if m is None or key is None or not key.startswith("info.") or key in ("info.leader", "info.period_amount"):
        return None
    return key, m.group(2).strip()
#: Labels of the unit a form may also print as the 主管部门 beside its 填报单位.
_SUPERVISOR_LABELS = ("主管部门", "主管单位", "项目主管部门", "主管部门名称")


def _colon_label(value: CellValue) -> bool:
    """A text ending with a colon (「单位(盖章):」): a label waiting for its value, never a value."""
    return isinstance(value, str) and value.rstrip().endswith((":", "："))


#: A heading naming a period's goal, over the goal's text (东莞 「中期滚动目标(2019年--2021年)」).
_GOAL_HEADING = lazy(r"^(?:中期|中长期|长期|实施期)[\u4e00-\u9fff]{0,4}目标(?:\(.*\))?$")


def _goal_heading(value: CellValue) -> bool:
    return isinstance(value, str) and len(value) <= 40 and bool(_GOAL_HEADING.match(clean(value)))


#: Fields that hold an amount (a label of one heads a block of amounts when its right-hand cell is words).
_AMOUNT_KEYS = {"total", "general_budget", "gov_fund", "other_funds", "basic", "project", "project_amount"}
_NUMERAL = lazy(r"[0-9零〇一二三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]")


def _inline_amount(key: str, value: CellValue) -> CellValue:
    """An amount read out of a 「label: value」 cell (「资金总额: 250」 over 「一、预算资金:250」 lines) is the
    number it says when it is a bare number: the clerk typed a number, the text around it is labels."""
    if key in _AMOUNT_KEYS and isinstance(value, str):
        number = plain_number(value.replace(",", "").strip())
        if number is not None:
            return number
    return value


#: A sub-label right of an amount or period label, naming the part of it the next cell holds: 「总金额」
#: 「当年度金额」「起始年度」「到期年度」「开始时间」
#: (广东肇庆 2024: 「预算金额 │ 总金额 │ 50万元 │ 当年度金额 │ 50万元」).
_SUB_AMOUNT = lazy(r"^[\u4e00-\u9fff]{0,6}(?:金额|资金|预算|投资|经费|拨款)(?:总额|合计|数|额)?$")
_SUB_START = lazy(r"^(?:起始|开始|起|始|启动)[\u4e00-\u9fff]{0,2}(?:年度|年份|年|时间|日期|年月)$")
_SUB_END = lazy(r"^(?:到期|结束|截止|终止|完成|完工|止)[\u4e00-\u9fff]{0,2}(?:年度|年份|年|时间|日期|年月)$")
#: The year's own amount among its pairs (项目金额 is the year's).
_SUB_YEAR = lazy(r"当年|本年|年度")


def _sub_label_value(key: str, sheet: SheetGrid, r: int, col: int, value: CellValue) -> tuple[int, CellValue] | None:
    """(column, value) of an amount or period label whose right-hand cell is no value but a sub-label
    followed by its own value, in pairs along the row: 「总金额 │ 50万元 │ 当年度金额 │ 50万元」 (the year's
    amount: the pair whose sub-label says 当年度, else the first), 「起始年度 │ 2024 │ 到期年度 │ 2025」
    (read as 「2024-2025」 at the first value). None when the cell right of the label is anything else: a
    header word is never a value, and a word that is no sub-label stays the value it is."""
    if key not in _AMOUNT_KEYS and key != "period":
        return None
    if not isinstance(value, str) or _NUMERAL.search(value) or len(clean(value)) > 10:
        return None
    pairs: list[tuple[str, int, CellValue]] = []
    c, width = col, len(sheet.rows[r - 1]) if r <= len(sheet.rows) else 0
    while c <= width and len(pairs) < 4:
        sub = sheet.value(r, c)
        vcol = sheet.span_end(r, c) + 1
        got = sheet.value(r, vcol)
        if not isinstance(sub, str) or got is None or not re.search(r"\d", str(got)):
            break
        pairs.append((clean(sub), vcol, got))
        c = sheet.span_end(r, vcol) + 1
    if not pairs:
        return None
    if key == "period":
        start = [p for p in pairs if _SUB_START.match(p[0])]
        end = [p for p in pairs if _SUB_END.match(p[0])]
        if not start:
            return None
        text = _number_text(start[0][2])
        return start[0][1], f"{text}-{_number_text(end[0][2])}" if end else text
    amounts = [p for p in pairs if _SUB_AMOUNT.match(p[0])]
    if not amounts:
        return None
    year = [p for p in amounts if _SUB_YEAR.search(p[0])] if key == "project_amount" else []
    _sub, vcol, got = (year or amounts)[0]
    return vcol, got


def _heads_block(sheet: SheetGrid, r: int, c: int, col: int, value: CellValue) -> bool:
    """Whether an amount label merged down over more rows than the cell right of it heads a block
    (「项目资金(万元)」 over 「收入 | 资金总额 | 财政拨款 …」): the words right of it are the block's
    first heading, not the amount; the amount is found by the block's own labels."""
    if not isinstance(value, str) or _NUMERAL.search(value):
        return False
    label, right = sheet.merge_at(r, c), sheet.merge_at(r, col)
    tall = label[2] - label[0] if label else 0
    return tall > (right[2] - right[0] if right else 0)


def find_fields(kind: str, sheet: SheetGrid, keys: set[str], skip: set[int]) -> dict[str, tuple[int, int, CellValue]]:
    """key -> (row, col, value): :func:`locate_fields` without cues."""
    return {k: (r, c, v) for k, (r, c, v, _cue, _label) in locate_fields(kind, sheet, keys, skip)[0].items()}


def _value_below(kind: str, sheet: SheetGrid, r: int, c: int) -> tuple[int, int, CellValue] | None:
    """A label heading a column (「年度目标」 over its text): the text in the row under it (not a form's
    title: a preamble's 「4、绩效目标：」 stands over the form it introduces)."""
    span = sheet.merge_at(r, c)
    row = (span[2] if span else r) + 1
    value = sheet.value(row, c)
    if isinstance(value, str) and value.strip() and field_key(kind, value) is None and header_key(value) is None:
        if len(value) <= 80 and title_kind(value):
            return None
        return row, c, value
    return None


def _beside_label_below(kind: str, sheet: SheetGrid, r: int, c: int) -> tuple[int, int, CellValue] | None:
    """Two goal labels side by side on one row (「项目总目标 | 年度总体目标」, 新疆阿拉尔), each over its
    text: the text under the left one. Only for a label one row high (a label merged down beside its
    texts heads them, 「总体目标」 over 「年度目标」) and a text longer than a label."""
    span = sheet.merge_at(r, c)
    if span is not None and span[2] > span[0]:
        return None
    below = _value_below(kind, sheet, r, c)
    if below is None or len(clean(str(below[2]))) <= 6:
        return None
    return below


def _value_right(
    kind: str, sheet: SheetGrid, r: int, c: int
) -> tuple[int, CellValue] | tuple[int, CellValue, str] | None:
    """The value cell right of a label (past its merged range); a blank cell followed by a value
    that is no label (merges unknown) gives that value, as a guess (a third item); None when the
    next cell is a label."""
    col = sheet.span_end(r, c) + 1
    value = sheet.value(r, col)
    if value is None and not sheet.merges:
        nxt = sheet.value(r, col + 1)
        if nxt is not None and field_key(kind, nxt) is None:
            return col + 1, nxt, "guess"
    if isinstance(value, str) and field_key(kind, value) is not None:
        return None
    if isinstance(value, str):
        value = _STAMP.sub("", unicodedata.normalize("NFKC", value)).strip() or None
    return col, value


def title_cell(sheet: SheetGrid) -> tuple[int, int, CellValue] | None:
    for r, row in enumerate(sheet.rows[:_TOP], start=1):
        for c, value in enumerate(row[:_WIDE], start=1):
            if isinstance(value, str) and len(value) <= 80 and title_kind(value):
                return r, c, value
    return None


# --- several forms on one sheet -------------------------------------------------------------------
def split_forms(sheet: SheetGrid, kind: str) -> list[tuple[SheetGrid, int, int]]:
    """The forms printed one under another on ``sheet`` (重庆 prints one 表十二 per project on one
    sheet): (a view of the sheet holding only that form's rows, same coordinates; first row; last row).
    One form: the sheet itself."""
    n = len(sheet.rows)
    if kind == "form3" and find_header(sheet, 1, min(n, 200)) is None and (parts := _outline_parts(sheet)):
        return parts
    if kind == "form2":
        return [(sheet, 1, n)]
    titles = [r for r in range(1, n + 1) if _title_row(sheet, r, kind)]
    titles = [r for i, r in enumerate(titles) if i == 0 or r - titles[i - 1] > 4]
    if len(titles) < 2:
        return [(sheet, 1, n)]
    starts = [1]
    for r in titles[1:]:
        start = r
        while start - 1 > starts[-1] and _marker_row(sheet, start - 1):
            start -= 1
        starts.append(start)
    out = []
    for i, start in enumerate(starts):
        end = starts[i + 1] - 1 if i + 1 < len(starts) else n
        out.append((_view(sheet, start, end), start, end))
    return out


def _outline_parts(sheet: SheetGrid) -> list[tuple[SheetGrid, int, int]]:
    """A list of projects printed as an outline (``xladdin.outline``), one form per project: each
    project's indicator set in one cell (from the row after the previous project to its own row), or
    a tree of several projects in one column (from each project's line on). [] for one project."""
    n = len(sheet.rows)
    tagged = tagged_rows(sheet)
    if len(tagged) >= 2:
        ends = sorted({r for r, _, _ in tagged})
        ends[-1] = n
        starts = [1] + [e + 1 for e in ends[:-1]]
    elif not tagged and (tree := outline_tree(sheet)) is not None and len(tree.projects) >= 2:
        starts = [1, *tree.projects[1:]]
        ends = [s - 1 for s in starts[1:]] + [n]
    else:
        return []
    return [(_view(sheet, a, b), a, b) for a, b in zip(starts, ends, strict=True)]


def _title_row(sheet: SheetGrid, r: int, kind: str) -> bool:
    """A row printing a form's title the way a title is printed: the row's first text, standing in
    the first column or merged across the form (a clerk's 「…绩效目标表」 typed into a 测算依据 or
    支出内容 cell is data, not the start of another form)."""
    col, value = 0, None
    for c, v in enumerate(sheet.rows[r - 1][:_WIDE], start=1):  # the row's first text
        if not blank(v):
            col, value = c, v
            break
    if not col or not (_titled(value) and title_kind(value) == kind):
        return False
    span = sheet.merge_at(r, col)
    return col == 1 or (span is not None and span[3] - span[1] >= 2)


def _marker_row(sheet: SheetGrid, r: int) -> bool:
    """A row holding only a short marker (「表十二」, 「附表3」) or nothing."""
    texts = [v for v in sheet.rows[r - 1][:_WIDE] if not blank(v)] if 0 < r <= len(sheet.rows) else []
    return len(texts) <= 1 and all(isinstance(t, str) and len(clean(t)) <= 8 for t in texts)


def _view(sheet: SheetGrid, start: int, end: int) -> SheetGrid:
    inside = range(start, end + 1)
    return SheetGrid(
        sheet.name,
        [row if r in inside else [] for r, row in enumerate(sheet.rows, start=1)],
        {k: f for k, f in sheet.formulas.items() if k[0] in inside},
        sheet.hidden,
        {k for k in sheet.uncomputed if k[0] in inside},
        sheet.truncated,
        merges=[m for m in sheet.merges if m[0] in inside and m[2] in inside],
    )


# --- the form map: recognition of one form, ended before reading starts --------------------------
_TOTAL_WORDS = ("合计", "小计", "总计", "全年", "年度")
_PERIOD_WORDS = ("实施期", "长期", "中期", "总体(中长期)")


def _table_columns(sec: Table, sheet: SheetGrid, header_row: int) -> tuple[dict[str, int], bool]:
    """Column of each key of a table: ours, or, when its header row names its columns otherwise
    (another bureau's 附表2 or 支出明细), where that header puts them (True)."""
    ours = {c.key: col_index(c.col) for c in sec.columns if c.key}
    line = sheet.rows[header_row - 1] if 0 < header_row <= len(sheet.rows) else []
    named: dict[str, int] = {}
    for c, value in enumerate(line[:16], start=1):
        key = table_header_key(sec.key, value)
        if key in ours and key not in named:
            named[key] = c
    if len(named) < 2 or all(ours.get(k) == c for k, c in named.items()):
        return ours, False
    return named, True


def _label_line(sec: Table, sheet: SheetGrid, row: int) -> bool:
    """A table's anchor row that names no column and holds a text after its label (重庆巴南
    「项目支出明细 │ 村支部书记44人(311元/人),社区4人(191元/人)」): a label and its value, no table."""
    line = [v for v in (sheet.rows[row - 1][:16] if 0 < row <= len(sheet.rows) else []) if not blank(v)]
    if len(line) != 2 or not all(isinstance(v, str) for v in line):
        return False
    return table_header_key(sec.key, line[1]) is None and len(clean(str(line[1]))) > 8


def _anchor_of(section: str, layout: FormLayout) -> str:
    for sec in layout.sections:
        if isinstance(sec, Table) and sec.key == section:
            return sec.anchor
        if isinstance(sec, Rows) and SECTION_KEYS.get(sec.anchor) == section:
            return sec.anchor
    return section


def _sub_header(sheet: SheetGrid, header: Header) -> tuple[int, dict[int, str]] | None:
    """One value column per place or sub-item: the 指标值 header cell merged across several columns
    with a second header row naming each (「指标值」 over 「甲镇 | 乙镇 | 合计」), or, with no value
    header at all, the places themselves heading the columns right of the others (福建秀屿
    「… | 指标方向 | 笏石街道办 | 埭头镇」)."""
    v = header.cols.get("value")
    if v is None:
        return _place_columns(sheet, header)
    return _under(sheet, header.row, v)


#: How the name of a place ends (a town, a street office, a county …).
_PLACE = lazy(r"[\u4e00-\u9fff]{1,12}(?:街道办事处|街道办|街道|社区|镇|乡|村|区|县|市|旗|州|盟)(?:合计)?")


def _column_texts(sheet: SheetGrid, rows: list[int], c: int) -> list[str]:
    return [clean(str(v)) for r in rows if isinstance(v := sheet.value(r, c), str) and v.strip()]


_TOP_LEVELS = ("产出指标", "效益指标", "满意度指标", "成本指标")


def _container_level(sheet: SheetGrid, cols: dict[str, int], rows: list[int], header: Header | None) -> int | None:
    """A 「一级指标」 header merged over two columns whose left column holds one container word for the
    whole table (重庆 区域绩效目标表: 「绩效指标」 over rows that print 产出指标 in the next column): the
    right column is the 一级; the left one's column (returned) is kept as it is, not read as a level."""
    if header is None or "level1" not in cols or "level2" not in cols:
        return None
    c1 = cols["level1"]
    span = sheet.merge_at(header.row, c1)
    if span is None or span[1] != c1 or span[3] != c1 + 1 or cols["level2"] != c1 + 2:
        return None
    outer, inner = _column_texts(sheet, rows, c1), _column_texts(sheet, rows, c1 + 1)
    tops = [t for t in inner if level_alias(t, 1) in _TOP_LEVELS or "满意度" in t]
    if not tops or any(level_alias(t, 1) in _TOP_LEVELS for t in outer) or len(set(outer)) > 1:
        return None
    cols["level1"] = c1 + 1
    return c1


def _shifted_levels(
    sheet: SheetGrid, cols: dict[str, int], rows: list[int], header: Header | None, fmap: FormMap
) -> None:
    """Levels printed one column to the left (湖北鄂州 2022: the 「一级指标」 column holds 数量指标 /
    质量指标 / 成本指标, the 「二级指标」 column the names, no 三级): the columns re-keyed as what they
    hold; and a 「绩效标准」 column whose every text explains (「反映…」) is an explanation column."""
    if header is None:
        return
    if "name" not in cols and "level1" in cols and "level2" in cols:
        firsts = _column_texts(sheet, rows, cols["level1"])
        second = [t for t in firsts if level_alias(t, 2).removesuffix("指标") in ("数量", "质量", "时效")]
        tops = [t for t in firsts if level_alias(t, 2) in ("产出指标", "效益指标")]
        if len(second) >= 2 and not tops:  # 数量/质量/时效 where the 一级 stands, and no 产出 or 效益
            cols["name"] = cols.pop("level2")
            cols["level2"] = cols.pop("level1")
            order = sorted(cols.items(), key=lambda kv: kv[1])
            cols.clear()
            cols.update(order)
            fmap.notes.append(
                f"「一级指标」列（{col_letter(cols['level2'])}）写的是二级指标名称、「二级指标」列"
                f"（{col_letter(cols['name'])}）写的是指标名称：按所写内容读取"
            )
    if "name" in cols and "level1" in cols and "level2" not in cols:
        # 浙江临海 2024 「指标类型 │ 指标名称 │ 指标值 │ 指标描述」: the 「指标名称」 column holds only the 二级
        # class (数量指标, 社会效益指标 …) and what is measured is said only in the description
        names = _column_texts(sheet, rows, cols["name"])
        level2 = standard_level_names("county", 2)
        classes = [t for t in names if level_alias(t, 2) in level2]
        if names and len(classes) >= 3 and all(clean(t).endswith("指标") for t in names):
            cols["level2"] = cols.pop("name")
            head = header.texts.get(cols["level2"], "")
            if (c := cols.pop("explanation", None)) is not None:
                cols["name"] = c
                header.cues["name"] = "shifted"
                fmap.notes.append(
                    f"「{head}」列（{col_letter(cols['level2'])}）只写了二级指标类别，没有具体指标名称："
                    f"按二级指标读取，以「{header.texts.get(c, '')}」列（{col_letter(c)}）所写为指标名称"
                )
            else:
                fmap.notes.append(f"「{head}」列（{col_letter(cols['level2'])}）只写了二级指标类别：按二级指标读取")
            order = sorted(cols.items(), key=lambda kv: kv[1])
            cols.clear()
            cols.update(order)
    if "standard" in cols and "explanation" not in cols:
        texts = _column_texts(sheet, rows, cols["standard"])
        if texts and all(t.startswith("反映") for t in texts):
            cols["explanation"] = cols.pop("standard")
            head = header.texts.get(cols["explanation"], "")
            fmap.notes.append(f"「{head}」列写的是指标解释（「反映…」）：作为指标解释读取")


def _place_columns(sheet: SheetGrid, header: Header) -> tuple[int, dict[int, str]] | None:
    """The columns right of every keyed column of a header with no value column, each headed by a
    place name: (the header row, text by column); None unless there is at least one."""
    if not header.cols or "name" not in header.cols:
        return None
    last = max(header.cols.values())
    out: dict[int, str] = {}
    for c in range(last + 1, _WIDE + 1):
        text = clean(str(sheet.value(header.row, c) or ""))
        if not text:
            break
        if not _PLACE.fullmatch(text) and not any(w in text for w in _TOTAL_WORDS):
            return None
        out[c] = text
    return (header.row, out) if out else None


#: A sub-column of 「指标值」 holding what was achieved before (「2021年实际实现值」「上年完成值」), and
#: one holding this year's target (「预期2022年实现值」「本年目标值」): 湖北黄石 2022 批复表.
_PAST_SUB = lazy(r"实际|上年|往年|历史|完成")
_TARGET_SUB = lazy(r"预期|预计|目标|计划|本年|当年")


def _history_split(subs: dict[int, str]) -> tuple[int, int] | None:
    """Two value sub-columns, one of the past (实际, 上年) and one the target (预期, 目标):
    (the past column, the target column); None for any other split (places, sub-items)."""
    if len(subs) != 2:
        return None
    target = [c for c, t in subs.items() if _TARGET_SUB.search(clean(t))]
    past = [c for c, t in subs.items() if c not in target and _PAST_SUB.search(clean(t))]
    if len(past) != 1 or len(target) != 1:
        return None
    return past[0], target[0]


def _under(sheet: SheetGrid, row: int, c: int) -> tuple[int, dict[int, str]] | None:
    """The second header row under a header cell merged across columns: (its row, text by column)."""
    span = sheet.merge_at(row, c)
    if span is None or span[0] != row or span[3] <= c:
        return None
    sub = span[2] + 1
    texts = {col: sheet.value(sub, col) for col in range(c, span[3] + 1)}
    if not all(isinstance(t, str) and t.strip() for t in texts.values()):
        return None
    return sub, {col: str(t).strip() for col, t in texts.items()}


def _graded(sheet: SheetGrid, header: Header) -> tuple[int, dict[int, str]] | None:
    """A header cell merged over one value column per grade (「绩效指标评价标准」 over 「优 | 良 | 中 |
    差」, 河北邯郸 2019): the grade columns, the best first. Whatever word heads them, they are the
    values; the best grade's column is the target."""
    for c in sorted(header.texts):
        under = _under(sheet, header.row, c) or _unmerged_under(sheet, header, c)
        if under is None:
            continue
        ranks = {col: grade_of(t) for col, t in under[1].items()}
        if len(ranks) >= 2 and all(rank is not None for rank in ranks.values()):
            return under[0], dict(sorted(under[1].items(), key=lambda kv: ranks[kv[0]] or 0))
    return None


def _unmerged_under(sheet: SheetGrid, header: Header, c: int) -> tuple[int, dict[int, str]] | None:
    """Grade words under a header cell and the blank header cells right of it, merges unknown (a
    copy that lost them): 「评价标准 | | |」 over 「优 | 良 | 中 | 差」."""
    sub = header.row + 1
    out: dict[int, str] = {}
    col = c
    while col <= _WIDE and (col == c or col not in header.texts):
        value = sheet.value(sub, col)
        if grade_of(value) is None:
            break
        out[col] = str(value).strip()
        col += 1
    return (sub, out) if len(out) >= 2 and not sheet.merges else None


#: Words of a row that totals a table's scores or amounts (「总分」, 「合计」): no indicator.
_TOTAL_ROW = ("总分", "合计", "总计", "小计", "分值合计", "得分合计")


def _total_row(sheet: SheetGrid, r: int, cols: dict[str, int]) -> bool:
    """A row whose first text (at or left of the name column) is a total word and that names no
    indicator: 宁晋 「总分 | … | 100」."""
    name = cols.get("name")
    line = sheet.rows[r - 1][:_WIDE] if r <= len(sheet.rows) else []
    first = next((v for v in line if not blank(v)), None)
    if not isinstance(first, str) or clean(first) not in _TOTAL_ROW:
        return False
    return name is None or blank(sheet.value(r, name)) or clean(str(sheet.value(r, name))) in _TOTAL_ROW


def _indicator_table(
    kind: str, sheet: SheetGrid, fmap: FormMap, at: SectionAt | None, layout: FormLayout, own: bool
) -> int | None:
    """The indicator table into ``fmap.tables["indicators"]`` with every column it prints; the
    header row (0 for our layout's columns without one), None when the sheet has none."""
    layout_cols = {k: col_index(c) for k, c in layout.table_columns("indicators").items()}
    table = indicator_rows(sheet, kind, at.start if at else None, at.data if at else [], layout_cols, own)
    if table is None:
        return None
    cols = dict(table.cols)
    header = table.header
    texts = dict(header.texts) if header else {}
    cue = "header" if header else "layout"
    guessed_layout = header is None and not own  # a foreign form with no header: our columns, a guess
    keyed: list[ColumnAt] = []
    extras: list[ColumnAt] = []
    guessed = False
    sub = _sub_header(sheet, header) if header else None
    graded = _graded(sheet, header) if header and sub is None else None
    sub_row = 0
    if graded is not None:
        sub_row, grades = graded
        best = next(iter(grades))
        for key in [k for k, c in cols.items() if c in grades]:
            del cols[key]  # the word over the grades (评价标准) heads the values
        cols["value"] = best
        header.cues["value"] = "grade"
        texts[best] = "·".join(t for t in (texts.get(best, ""), grades[best]) if t)
        extras += [ColumnAt("extra", col_letter(c), t, "sub") for c, t in grades.items() if c != best]
        letters = f"{col_letter(min(grades))}–{col_letter(max(grades))}"
        fmap.notes.append(f"指标值按等级分列（{letters} 列）：以最高等级「{grades[best]}」列为目标值，其余等级原样保留")
    elif sub is not None and (split := _history_split(sub[1])) is not None:
        sub_row = sub[0]
        past, chosen = split
        cols["value"] = chosen
        header.cues["value"] = "sub"
        texts[chosen], texts[past] = sub[1][chosen], sub[1][past]
        if "prior" not in cols:
            cols["prior"] = past
            header.cues["prior"] = "sub"
        letters = f"{col_letter(min(sub[1]))}–{col_letter(max(sub[1]))}"
        fmap.notes.append(
            f"「指标值」分为往年实际值与本年预期值两列（{letters} 列）：以「{sub[1][chosen]}」列为指标值，"
            f"「{sub[1][past]}」列为往年实际值"
        )
    elif sub is not None:
        sub_row, subs = sub
        chosen = next((c for c, t in subs.items() if any(w in clean(t) for w in _TOTAL_WORDS)), None)
        guessed = chosen is None
        chosen = min(subs) if chosen is None else chosen
        cols["value"] = chosen
        extras += [ColumnAt("extra", col_letter(c), t, "sub") for c, t in subs.items() if c != chosen]
        letters = f"{col_letter(min(subs))}–{col_letter(max(subs))}"
        what = f"「{subs[chosen]}」列" + ("（第一列，按位置推测）" if guessed else "")
        fmap.notes.append(f"指标值按地区或子项分列（{letters} 列）：以{what}为指标值，其余各列原样保留")
    _shifted_levels(sheet, cols, table.rows, header, fmap)
    if (outer := _container_level(sheet, cols, table.rows, header)) is not None:
        extras.append(ColumnAt("extra", col_letter(outer), texts.get(outer, ""), cue))
        left, inner = col_letter(outer), col_letter(cols["level1"])
        word = "".join(_column_texts(sheet, table.rows, outer)[:1])
        fmap.notes.append(f"「一级指标」表头跨 {left}–{inner} 两列：{inner} 列为一级指标，{left} 列「{word}」原样保留")
    if kind != "form3" and "standard" in cols:
        c = cols.pop("standard")
        extras.append(ColumnAt("extra", col_letter(c), texts.get(c, ""), cue))
    for key, c in cols.items():
        sure = not (guessed and key == "value") and not guessed_layout and (header is None or header.sure(key))
        how = "guess" if guessed_layout else (header.cues.get(key, cue) if header else cue)
        keyed.append(ColumnAt(key, col_letter(c), texts.get(c, ""), how, sure))
    if guessed_layout:
        fmap.notes.append("指标表没有可识别的表头：按本模板的列位置推测各列")
    if header is not None:
        first = min(cols.values())
        taken = {*cols.values(), *(col_index(e.col) for e in extras)}
        periods = [c for c, t in sorted(texts.items()) if c > first and c not in taken]
        extras += [
            ColumnAt("extra", col_letter(c), texts[c], "header", period=_period_above(sheet, header, c))
            for c in periods
        ]
        if any(any(w in clean(texts[c]) for w in _PERIOD_WORDS) for c in periods):
            fmap.notes.append("中期（长期）与年度指标并列：读年度各列，中期各列原样保留")
        elif any(e.period for e in extras):
            fmap.notes.append("中期（长期）与年度指标并列（表头上方的目标栏写明）：读年度各列，中期各列原样保留")
    other = _other_set(header, cols) if header is not None and not own else None
    word = _set_period(sheet, header, other) if header is not None and other is not None else ""
    if other is not None:  # two sets side by side: the other set's columns carry its period
        extras = [
            ColumnAt(e.key, e.col, e.header, e.cue, e.sure, word)
            if col_index(e.col) in other.values() and not e.period and not _names_period(e.header)
            else e
            for e in extras
        ]
    columns = keyed + extras
    extra_cols = [col_index(e.col) for e in extras]
    rows = [r for r in table.rows if r != sub_row]
    total = next((r for r in rows if not own and _total_row(sheet, r, cols)), None)
    rows = [r for r in rows if r != total]
    every = [*cols.values(), *extra_cols]
    if not own:  # a foreign table: rows with nothing in any column, or only header texts, are no indicators
        rows = [
            r
            for r in rows
            if any(not placeholder(sheet.value(r, c)) for c in every)
            and not all(placeholder(sheet.value(r, c)) or header_text(kind, sheet.value(r, c)) for c in every)
        ]
    fmap.tables["indicators"] = TableAt("indicators", cue, header.row if header else 0, columns, rows, total)
    fmap.tables["indicators"].sub_header_row = sub_row
    fmap.tables["indicators"].ours = own
    if other is not None and header is not None:
        _side_set(sheet, fmap, header, cols, other, rows, word)
    return header.row if header else 0


#: The columns a set of indicators prints again when two sets stand side by side in the same rows.
_SET_KEYS = ("level2", "name", "value", "unit", "direction")


def _other_set(header: Header, cols: dict[str, int]) -> dict[str, int] | None:
    """A second set of indicators in the same rows (「一级 │ 二级 │ 三级 │ 指标值 │ 二级 │ 三级 │ 指标值」,
    with or without a period word over either set): the columns of the set the header row did not
    take for the year's (key -> column), None unless that set repeats at least the name and the value."""
    taken = set(cols.values())
    other: dict[str, int] = {}
    for c, text in sorted(header.texts.items()):
        key = header_key(text)
        if c not in taken and key in _SET_KEYS and key not in other:
            other[key] = c
    return other if "name" in other and "value" in other else None


def _names_period(text: str) -> bool:
    return any(w in clean(text) for w in _PERIOD_WORDS)


def _set_period(sheet: SheetGrid, header: Header, other: dict[str, int]) -> str:
    """The period of the set beside the year's: the one its header cells or the goal heading over them
    name (「指标值(长期)」, 「中期目标(2024年—2026年)」 over its first columns), else 中期."""
    for c in sorted(other.values()):
        text = clean(header.texts.get(c, ""))
        word = next((w for w in ("中长期", "长期", "中期", "实施期") if w in text), "")
        if word or (word := _period_above(sheet, header, c)):
            return word
    return "中期"


def _side_set(
    sheet: SheetGrid,
    fmap: FormMap,
    header: Header,
    cols: dict[str, int],
    other: dict[str, int],
    rows: list[int],
    word: str,
) -> None:
    """The set beside the year's, read as its own period: into ``fmap.tables["period_indicators"]``
    (the shared 一级 column and the set's own columns, the year's rows), as a 长期 block above the year's
    is; left out when the set is blank throughout (a one-year project leaves its 中期 side empty)."""
    own = [c for k, c in other.items() if k != "level2"]
    if not any(not placeholder(sheet.value(r, c)) for r in rows for c in own):
        return
    columns = (
        [ColumnAt("level1", col_letter(cols["level1"]), header.texts.get(cols["level1"], ""))]
        if "level1" in cols
        else []
    )
    columns += [ColumnAt(k, col_letter(c), header.texts.get(c, ""), "header") for k, c in other.items()]
    fmap.tables["period_indicators"] = TableAt("period_indicators", "header", header.row, columns, list(rows))
    first, last = col_letter(min(other.values())), col_letter(max(other.values()))
    # the set is read, not only kept: this note replaces the one saying its columns are kept as printed
    fmap.notes[:] = [n for n in fmap.notes if not n.startswith("中期（长期）与年度指标并列")]
    fmap.notes.append(f"两套指标并列：{first}–{last} 列读作{word}指标，与年度指标分别检查")


#: The label of a block of indicators for the whole period, printed above the year's block
#: ([hn-ningxiang] 「长期绩效指标」 over its own header row, then 「年度绩效指标」 over the year's).
_PERIOD_BLOCK = lazy(r"^(?:中长期|长期|中期|实施期|总体)(?:绩效)?指标")


def _period_block(sheet: SheetGrid, fmap: FormMap, header_row: int) -> None:
    """A block of 长期/中期/实施期 indicators above the year's table, with a header row of its own and a
    label naming its period at the left of that row: into ``fmap.tables["period_indicators"]`` (its
    rows up to the year's block; rows with nothing but a 「…」 are left out)."""
    first = fmap.rows[0] if fmap.rows else 1
    for r in range(header_row - 1, max(first, 1) - 1, -1):
        header = _header_at(sheet, r)
        if header is None:
            continue
        left = min(header.cols.values())
        labels = [clean(v) for v in sheet.rows[r - 1][: left - 1] if isinstance(v, str) and v.strip()]
        span = sheet.merge_at(r, 1)
        if not labels and span is not None and span[0] < r:
            labels = [clean(str(sheet.value(span[0], span[1]) or ""))]
        if not labels or not _PERIOD_BLOCK.match(labels[0]) or "name" not in header.cols:
            return
        cols = header.cols
        own = [c for k, c in cols.items() if k not in ("level1", "level2")]  # a row's own cells
        rows = [x for x in range(r + 1, header_row) if any(not placeholder(sheet.value(x, c)) for c in own)]
        columns = [
            ColumnAt(k, col_letter(c), header.texts.get(c, ""), header.cues.get(k, "header"), header.sure(k))
            for k, c in cols.items()
        ]
        fmap.tables["period_indicators"] = TableAt("period_indicators", "header", r, columns, rows)
        fmap.notes.append(f"第{r}行起是「{labels[0]}」（实施期指标），第{header_row}行起是年度指标")
        return


#: A period a goal heading above a second set of indicator columns names (东莞 「中期滚动目标(2019年--2021年)」).
_PERIOD_ABOVE = lazy(r"中期|中长期|长期|实施期|滚动")


def _period_above(sheet: SheetGrid, header: Header, c: int) -> str:
    """The period of a second set of indicator columns whose headers do not say it (东莞: 「二级 指标 |
    三级 指标 | 指标值(或计划水平)」 twice): the goal heading printed over column ``c`` a few rows above
    the header (「中期滚动目标」 over the first set, 「年度目标」 over the second); "" when none says it."""
    if any(w in clean(header.texts.get(c, "")) for w in _PERIOD_WORDS):
        return ""  # the header says it itself
    for r in range(header.row - 1, max(header.row - 4, 0), -1):
        span = sheet.merge_at(r, c)
        value = sheet.value(span[0], span[1]) if span else sheet.value(r, c)
        if isinstance(value, str) and (m := _PERIOD_ABOVE.search(clean(value))):
            return "中期" if m.group(0) in ("中期", "滚动") else m.group(0)
    return ""


def map_form(kind: str, sheet: SheetGrid) -> FormMap:
    """Recognise the form of ``kind`` on ``sheet``: every field and table with where it stands, by
    which cue and how sure, its profile, and what was looked for and not found. Reads no model."""
    allocation = None
    if (start := _earlier_attachment(kind, sheet)) is not None:
        allocation = _allocation(sheet, start - 1)  # the notice's 分配表 above: read for the rules only
        sheet = _view(sheet, start, len(sheet.rows))
    layout = LAYOUTS[kind]
    plan = locate(layout, sheet.rows)
    fmap = FormMap(sheet.name, kind)
    found = fmap.found
    kept = []
    unverified = False
    for at in plan.sections:
        sec = at.section
        if isinstance(sec, Rows):
            if not verified(kind, sheet, sec, at.start):
                unverified = True
                continue
            key = SECTION_KEYS.get(sec.anchor, sec.anchor)
            found.add(key)
            found.update(ROWS_SECTIONS.get(key, ()))
        else:
            found.add(sec.key)
        kept.append(at)
    plan.sections = kept
    fixed = plan.fixed_cells()
    typed: dict[str, tuple[CellValue, str]] = {}  # values typed into a printed label's cell, by key
    for row, cell in fixed:
        got = sheet.value(row, col_index(cell.col)) if cell.text is not None else None
        if isinstance(got, str) and cell.text is not None and norm(got) != norm(cell.text):
            for key, value in inline_fields(vocabulary_of(kind), got):  # 「填表人：李娜 联系电话：1390…」
                if value is not None:
                    typed.setdefault(key, (value, f"{cell.col}{row}"))
    label: tuple[int, object] | None = None  # the printed label last seen on the row
    for row, cell in fixed:
        if cell.text is not None:
            label = (row, cell)
        if not cell.key:
            continue
        value = sheet.value(row, col_index(cell.col))
        at = f"{cell.col}{row}"
        if value in (None, "") and cell.style != "amount":  # typed after the label, in its cell
            if cell.key in typed:
                value, at = typed[cell.key]
            elif label is not None and label[0] == row:
                lab = label[1]
                text = sheet.value(row, col_index(lab.col))  # type: ignore[attr-defined]
                if (after := typed_after_label(kind, lab.text or "", text)) is not None:  # type: ignore[attr-defined]
                    value, at = after, f"{lab.col}{row}"  # type: ignore[attr-defined]
        if (
            cell.key in _BELOW
            and _goal_heading(value)
            and (under := _value_below(kind, sheet, row, col_index(cell.col)))
        ):
            # 「总体目标 │ 中期目标(2024年—2026年)」 where our template puts the goal: a heading over its text
            fmap.fields[cell.key] = FieldAt(cell.key, f"{col_letter(under[1])}{under[0]}", "below", under[2], at)
            continue
        if (pair := _sub_label_value(cell.key, sheet, row, col_index(cell.col), value)) is not None:
            # 「实施期限 │ 起始年度 │ 2024 │ 到期年度 │ 2024」 where our template puts the period: a sub-label, not it
            fmap.fields[cell.key] = FieldAt(cell.key, f"{col_letter(pair[0])}{row}", "label", pair[1], at)
            continue
        cue, printed = "layout", ""
        if not ("marker" in found and not unverified) and label is not None and label[0] == row:
            lab = label[1]
            text = sheet.value(row, col_index(lab.col))  # type: ignore[attr-defined]
            gap = range(sheet.span_end(row, col_index(lab.col)) + 1, col_index(cell.col))  # type: ignore[attr-defined]
            if (
                isinstance(text, str)
                and (norm(text) == norm(lab.text or "") or field_key(kind, text) == cell.key)  # type: ignore[attr-defined]
                and all(sheet.value(row, x) in (None, "") and sheet.merge_at(row, x) is None for x in gap)
            ):
                cue, printed = "label", f"{lab.col}{row}"  # type: ignore[attr-defined]  # its label read there
        fmap.fields[cell.key] = FieldAt(cell.key, at, cue, value, printed)
    if not ("marker" in found and not unverified):
        _no_header_values(kind, fmap)  # a foreign label row holding a header (年度绩效目标(90分) | 一级指标 …)
    for at in plan.sections:
        sec = at.section
        if not isinstance(sec, Table) or sec.key == "indicators":
            continue
        if _label_line(sec, sheet, at.start):
            found.discard(sec.key)  # 「项目支出明细 │ 村支部书记44人(311元/人)…」: a text, not a table
            label = _label_text(sheet.value(at.start, 1))
            fmap.notes.append(f"第{at.start}行「{label}」后是一段文字，不是明细表：不作表格读取")
            if sec.key == "details" and (text := _value_right(kind, sheet, at.start, 1)) and len(text) == 2:
                cell = f"{col_letter(text[0])}{at.start}"
                fmap.fields["info.detail"] = FieldAt("info.detail", cell, "label", text[1], f"A{at.start}")
                found.add("detail")
            continue
        cols, moved = _table_columns(sec, sheet, at.start)
        cue = "header" if moved else "layout"
        columns = [ColumnAt(k, col_letter(c), _label_text(sheet.value(at.start, c)), cue) for k, c in cols.items()]
        data = list(at.data)
        if moved and sec.total is None:
            data = _rows_before_end(kind, sheet, data)
        fmap.tables[sec.key] = TableAt(sec.key, cue, at.start, columns, data, at.total)
        if at.total is not None and sec.total is not None:
            by_col = {col_index(c.col): cols[c.key] for c in sec.columns if c.key in cols}
            for cell in sec.total:
                if cell.key and col_index(cell.col) in by_col:
                    col = by_col[col_index(cell.col)]
                    value = sheet.value(at.total, col)
                    fmap.fields[cell.key] = FieldAt(cell.key, f"{col_letter(col)}{at.total}", cue, value)
    if kind == "form2" and "marker" not in found and (listed := fund_list(sheet)) is not None:
        _fund_table(fmap, sheet, listed)
    own = "marker" in found and not unverified
    if kind in ("form1", "form3"):
        at = plan.at("indicators")
        header_row = _indicator_table(kind, sheet, fmap, at, layout, own)
        if header_row is None and kind == "form3" and not own:
            header_row = _outline_table(sheet, fmap)  # one column's tree, or tagged lines in one cell
        if header_row is not None:
            found.add("indicators")
            own = own and at is not None and header_row == at.start
            if kind == "form3" and header_row and not own:
                _period_block(sheet, fmap, header_row)
        else:
            found.discard("indicators")
            own = False
        if fmap.tables.get("indicators") and fmap.tables["indicators"].col("standard"):
            found.add("standard")
        wanted = {k for k, sec in FIELD_SECTIONS.items() if k in FIELDS[kind] and sec not in found}
        if own:  # our template prints none of a foreign form's project text fields: no scan for them
            wanted = {k for k in wanted if not k.startswith(_OPTIONAL)}
        if header_row:
            for key, (r, c, value) in _list_fields(kind, sheet, header_row, fmap, wanted).items():
                fmap.fields[key] = FieldAt(key, f"{col_letter(c)}{r}", "header", value, f"{col_letter(c)}{header_row}")
                found.add(FIELD_SECTIONS[key])
                wanted.discard(key)
        if wanted:
            table = fmap.tables.get("indicators")
            skip = {r for t in fmap.tables.values() for r in t.rows} | {header_row or 0}
            skip |= {table.sub_header_row} if table else set()
            hits, notes = locate_fields(kind, sheet, wanted, skip)
            fmap.notes += notes
            for key, (r, c, value, cue, label) in hits.items():
                note = f"{key} 取标签 {label} 右侧隔一格的 {col_letter(c)}{r}（无合并信息）" if cue == "guess" else ""
                cell = f"{col_letter(c)}{r}"
                fmap.fields[key] = FieldAt(key, cell, cue, value, label, cue not in WEAK, note)
                found.add(FIELD_SECTIONS[key])
            # a project text field (项目概况, 立项依据 …) is optional: its absence is not reported
            fmap.not_found = sorted(k for k in wanted if k not in hits and not k.startswith(_OPTIONAL))
        if not own:
            _goal_alone(fmap, sheet)
            if kind == "form3" and header_row and "annual_goal" not in fmap.fields:
                _goal_over_header(fmap, sheet, header_row)
            if kind == "form3" and header_row:
                _goal_above_header(fmap, sheet, header_row)
    if "title" not in found and (hit := title_cell(sheet)) is not None:
        r, c, value = hit
        fmap.fields["title"] = FieldAt("title", f"{col_letter(c)}{r}", "title", value)
        found.add("title")
    elif "title" not in found and (hit := _top_line(sheet)) is not None:
        r, c, value = hit
        note = f"标题取自表格上方第一行 {col_letter(c)}{r}"
        fmap.fields["title"] = FieldAt("title", f"{col_letter(c)}{r}", "title", value, sure=False, note=note)
        found.add("title")
    if not own:
        if kind == "form3" and "direction" not in found:
            _direction_from_title(fmap)
        if "indicators" not in found and prose_notice(sheet):
            fmap.prose = True
            _prose_table(fmap, sheet)
        elif kind == "form1" and "indicators" not in found and (overall := overall_prose(sheet)) is not None:
            fmap.prose = True
            _prose_overall(fmap, *overall)
    if fmap.prose:
        fmap.missing = []  # a prose notice has no sections to miss: one structure note says what was not read
    elif own:
        found.add("template")
        fmap.template = True
        fmap.missing = list(plan.missing)
    else:
        fmap.missing = [_anchor_of(s, layout) for s in REQUIRED[kind] if s not in found]
    if not own:
        fmap.sums = _own_sums(sheet, fmap)
        fmap.plans = _period_plans(sheet, fmap)
        fmap.lines = _funding_lines(sheet, fmap) if kind == "form3" else []
        if kind == "form3" and "details" not in fmap.tables:
            _side_details(sheet, fmap)
        fmap.sources = _source_lines(sheet, fmap) if kind == "form3" else []
        fmap.unticked = _unticked(sheet, fmap)
        fmap.unit_labelled = _unit_labelled(sheet, fmap)
        if kind == "form3":
            fmap.blank_kinds, fmap.no_transfer = _choice_fields(sheet, fmap)
            fmap.level_labels = _level_labels(sheet)
        if kind == "form1":
            fmap.blank_periods = _blank_periods(sheet, fmap)
        if not fmap.prose:
            fmap.blank_fields = _blank_fields(kind, sheet, fmap)
    _not_given(fmap, sheet)
    order = [sec.key for sec in layout.sections if isinstance(sec, Table)]
    fmap.tables = {k: fmap.tables[k] for k in sorted(fmap.tables, key=lambda k: order.index(k) if k in order else 99)}
    fmap.profile, fmap.profile_cue = pick_profile(sheet, fmap)
    fmap.allocation = allocation
    return fmap


_SYSTEM_VALUE = lazy(r"^[=＝<>≥≤].*(?:百分比|百分率)$")


def pick_profile(sheet: SheetGrid, fmap: FormMap) -> tuple[str, str]:
    """The form family (``xladdin.layout.profiles``) and why (Chinese), from what recognition found:
    the 一级 names, the columns, how values are printed."""
    if fmap.template:
        if (family := _imported_family(sheet, fmap)) is not None:
            return family
        return "ours", "本模板版式"
    table = fmap.tables.get("indicators")
    if table is None:
        return "ours", "未找到指标表：按本模板同族"
    if table.cue == "prose":
        return "county", "指标以文字段落公布：层级名称按标准框架理解"
    if table.cue in ("outline", "tagged"):  # the levels are the texts the outline gave, not cells
        tops = {str(x.get("level1")) for x in table.texts}
        how = "一列中的层级树" if table.cue == "outline" else "一格中的「【一级-二级】」标签行"
        if tops & {"项目完成指标", "项目效益指标"}:
            return "sichuan", f"指标为{how}，一级指标为「项目完成指标」「项目效益指标」"
        if "成本指标" in tops:
            return "national", f"指标为{how}，「成本指标」为一级指标"
        return "ours", f"指标为{how}，层级名称同标准框架"
    keyed = table.keyed()
    level1: list[str] = []
    level2: list[str] = []
    values: list[str] = []
    for r in table.rows[:60]:
        if "level1" in keyed:
            v = cell_value(sheet, r, col_index(keyed["level1"]))
            if isinstance(v, str):
                level1.append(clean(v))
        if "level2" in keyed:
            v = cell_value(sheet, r, col_index(keyed["level2"]))
            if isinstance(v, str):
                level2.append(clean(v))
        if "value" in keyed:
            v = sheet.value(r, col_index(keyed["value"]))
            if isinstance(v, str):
                values.append(clean(v))
    if any(n in ("项目完成指标", "项目效益指标") for n in level1):
        return "sichuan", "一级指标为「项目完成指标」「项目效益指标」"
    tops = {level_alias(n, 1) for n in level1}
    shifted = [n for n in level2 if level_alias(n, 2) in ("产出指标", "效益指标")]
    if shifted and not tops & {"产出指标", "效益指标"}:
        # 中央预算内投资 (发改): one 一级 「实施效果指标」 over 产出指标 / 效益指标 printed as its 二级
        over = f"「{level1[0]}」" if level1 else "一级"
        return "investment", f"{over}下以「{shifted[0]}」为二级指标（中央预算内投资绩效目标表）"
    if any(c.cue == "grade" for c in table.columns):
        grades = "、".join(c.header for c in table.columns if c.cue in ("grade", "sub"))
        return "grades", f"指标值按等级分列（{grades}）"
    evaluation = [n for n in level1 if n in _EVALUATION_LEVEL1]
    title = fmap.fields.get("title")
    titled = title is not None and "评价指标" in clean(str(title.value or ""))
    if evaluation or titled or any(clean(c.header) in ("评价内容", "评价指标") for c in table.columns):
        what = f"一级指标「{evaluation[0]}」" if evaluation else "标题「评价指标表」" if titled else "表头「评价内容」"
        return "evaluation", f"按绩效评价指标体系排列：{what}"
    if table.sub_header_row and any(c.cue == "sub" and c.key == "extra" for c in table.columns):
        return "places", f"指标值按地区或子项分列（第{table.sub_header_row}行）"
    second_set = any(
        c.key == "extra" and c.cue != "sub" and header_key(c.header) in ("level2", "name", "value")
        for c in table.columns
    )
    periods = any(c.cue != "sub" and any(w in clean(c.header) for w in _PERIOD_WORDS) for c in table.columns)
    if second_set or periods or any(n in ("预期产出指标", "效果指标") for n in level1):
        return "periods", "中期（长期）与年度指标并列"
    if any(_SYSTEM_VALUE.match(v) for v in values):
        return "gansu", "指标值为系统打印格式（「=100百分比」）"
    national = [k for k in ("direction", "weight", "explanation", "scoring", "basis") if k in keyed]
    if national or "成本指标" in level1:
        what = "、".join(c.header for c in table.columns if c.key in national) or "「成本指标」为一级指标"
        return "national", f"财预〔2021〕101号的栏目：{what}"
    own = _county_names(level1, 1) + _county_names(level2, 2)
    if own:
        standard = level_alias(own[0], 1 if own[0] in level1 else 2)
        return "county", f"层级名称为本地写法：「{own[0]}」（即「{standard}」）"
    return "ours", "一级指标与栏目同本模板（湖南 2023）"


def _imported_family(sheet: SheetGrid, fmap: FormMap) -> tuple[str, str] | None:
    """The family of a form in our layout whose 二级 column holds another family's own names, none of them
    a spelling of ours and all standard in that one family (an import of 安徽舒城 2023's 中央预算内投资 form:
    产出指标 / 效益指标 as 二级, 计划管理指标 / 资金管理指标 …): the names are that family's, not the clerk's
    non-standard ones. At least two such names; None otherwise (a clerk's 「数量」 stays non-standard)."""
    from xladdin.layout.profiles import DEFAULT, PROFILES

    table = fmap.tables.get("indicators")
    col = table.keyed().get("level2") if table is not None else None
    if table is None or col is None:
        return None
    ours = standard_level_names(DEFAULT, 2)
    names = set()
    for r in table.rows[:60]:
        v = sheet.value(r, col_index(col))
        if isinstance(v, str) and v.strip() and v not in ours and level_alias(v, 2) not in ours:
            names.add(norm(v))
    if len(names) < 2:
        return None
    families = [p for p in PROFILES.values() if p.key != DEFAULT and names <= {norm(n) for n in p.level2}]
    if len(families) != 1:
        return None
    shown = "、".join(sorted(names)[:3])
    return families[0].key, f"本模板版式，二级指标为{families[0].name}的名称（{shown}）"


def _outline_table(sheet: SheetGrid, fmap: FormMap) -> int | None:
    """The indicators of a form printed as an outline (``xladdin.outline``) into
    ``fmap.tables["indicators"]``, with the project's name, amount and goal where the outline gives
    them; 0 when found (no header row of a table), None when the sheet holds no outline. Levels not
    certain: every column unsure (a finding on them is at most a warning) and one structure note."""
    cells = tagged_rows(sheet)
    if cells:
        r, c, tagged = cells[0]
        letter = col_letter(c)
        keys = ("level1", "level2", "name", "value")
        columns = [ColumnAt(k, letter, "", "tagged", tagged.sure) for k in keys]
        table = TableAt("indicators", "tagged", 0, columns, [r] * len(tagged.items))
        table.texts = list(tagged.items)
        fmap.tables["indicators"] = table
        fmap.outline = "tagged"
        if not tagged.sure:
            fmap.outline_note = f"{letter}{r} 中的指标名称与指标值没有括号或冒号分隔：按位置推测，据此的问题最多为警告"
        if tagged.goal:
            fmap.fields["annual_goal"] = FieldAt("annual_goal", f"{letter}{r}", "inline", tagged.goal)
            fmap.found.add("annual_goal")
        _outline_project(sheet, fmap, r, outline_parent(sheet, r, c))
        return 0
    tree = outline_tree(sheet)
    if tree is None:
        return None
    keys = ("level1", "level2", "name")
    letter = col_letter(tree.col)
    columns = [ColumnAt(k, letter, "", "outline", tree.sure) for k in keys]
    header = _text(sheet.value(tree.header_row, tree.value_col)) if tree.header_row else ""
    columns.append(ColumnAt("value", col_letter(tree.value_col), header, "outline", tree.sure and bool(header)))
    table = TableAt("indicators", "outline", tree.header_row, columns, [r for r, _ in tree.items])
    table.texts = [texts for _, texts in tree.items]
    fmap.tables["indicators"] = table
    fmap.outline = "tree"
    fmap.outline_note = tree.note
    fmap.notes.append(
        f"指标为{letter}列中的层级树（按{tree.how}分一级、二级、三级），指标值在{col_letter(tree.value_col)}列"
    )
    if tree.project_row:
        _outline_project(sheet, fmap, tree.project_row, tree.col)
    return 0


def _outline_project(sheet: SheetGrid, fmap: FormMap, r: int, c: int | None) -> None:
    """The project's name (``c`` on row ``r``, the outline's line above its indicators) and its amount
    (a number on that row under a header naming 金额 or 预算) as the form's 项目名称 and 项目金额."""
    if c is None or not isinstance(name := sheet.value(r, c), str) or not name.strip():
        return
    fmap.fields["direction"] = FieldAt("direction", f"{col_letter(c)}{r}", "outline", name.strip())
    fmap.found.add("direction")
    for cc in range(c + 1, _WIDE + 1):
        v = sheet.value(r, cc)
        if not isinstance(v, int | float) or isinstance(v, bool):
            continue
        above = (sheet.value(x, cc) for x in range(r - 1, 0, -1))
        head = next((h for h in above if isinstance(h, str) and h.strip()), "")
        if any(w in clean(head) for w in ("金额", "预算", "资金")):
            fmap.fields["project_amount"] = FieldAt("project_amount", f"{col_letter(cc)}{r}", "outline", v)
            fmap.found.add("amount")
        return


def _prose_table(fmap: FormMap, sheet: SheetGrid) -> None:
    """A prose notice's indicators (:func:`prose_indicators`) as an indicator table whose rows are
    the paragraphs (several indicators share one), every column unsure: a finding on them is at
    most a warning. No indicator read: no table."""
    items = prose_indicators(sheet)
    if not items:
        return
    line = sheet.rows[items[0][0] - 1]
    col = col_letter(next((c for c, v in enumerate(line, start=1) if not blank(v)), 1))
    for r, row in enumerate(sheet.rows[: items[0][0]], start=1):  # the goal, in the introduction
        texts = [v for v in row[:_WIDE] if isinstance(v, str)]
        if len(texts) == 1 and (m := _PROSE_GOAL.search(unicodedata.normalize("NFKC", texts[0]))):
            at = f"{col}{r}"
            note = f"年度绩效目标取自 {at} 段落中的「绩效目标是…」一句"
            fmap.fields["annual_goal"] = FieldAt("annual_goal", at, "prose", m.group(1).strip(), sure=False, note=note)
            fmap.found.add("annual_goal")
            if "annual_goal" in fmap.not_found:
                fmap.not_found.remove("annual_goal")
            break
    keys = ("level1", "level2", "name", "value")
    columns = [ColumnAt(k, col, "", "prose", False) for k in keys]
    table = TableAt("indicators", "prose", 0, columns, [r for r, _ in items])
    table.texts = [texts for _, texts in items]
    fmap.tables["indicators"] = table
    fmap.found.add("indicators")


def _prose_overall(fmap: FormMap, goal: tuple[int, str, str] | None, parts: list[tuple[int, str, str]]) -> None:
    """A 部门整体 target published as paragraphs: the 总体 paragraph as the form's goal and each 分项
    paragraph as the goal of one line of the year's work, all unsure (a finding on them is at most a
    warning); no indicator is read."""
    if goal is not None:
        r, col, text = goal
        note = f"部门整体目标取自 {col}{r}「总体绩效目标」下的段落"
        fmap.fields["goal"] = FieldAt("goal", f"{col}{r}", "prose", text, sure=False, note=note)
        fmap.found.add("goal")
    if parts:
        col = parts[0][1]
        columns = [ColumnAt("goal", col, "", "prose", False)]
        fmap.tables["work_plan"] = TableAt("work_plan", "prose", 0, columns, [r for r, _, _ in parts])
        fmap.found.add("work_plan")
    for key in ("goal", "work_plan"):
        if key in fmap.found and key in fmap.not_found:
            fmap.not_found.remove(key)


def _top_line(sheet: SheetGrid) -> tuple[int, int, CellValue] | None:
    """A title we do not know by its words: the first text of the sheet, alone on its row, naming
    目标 or 指标 (「…项目项目绩效目标」, 「…绩效评价指标表」)."""
    for r, row in enumerate(sheet.rows[:3], start=1):
        texts = [(c, v) for c, v in enumerate(row[:_WIDE], start=1) if not blank(v)]
        if not texts:
            continue
        if len(texts) == 1 and isinstance(texts[0][1], str) and len(texts[0][1]) <= 80:
            c, v = texts[0]
            if ("目标" in v or "指标" in v) and header_key(v) is None and weak_header_key(v) is None:
                return r, c, v
        return None
    return None


def _no_header_values(kind: str, fmap: FormMap) -> None:
    """A header text is never a value: a field whose value cell holds one (「年度绩效目标(90分) |
    一级指标 | …」: the label heads the indicator table) is not found."""
    for key, f in list(fmap.fields.items()):
        if key == "title" or not header_text(kind, f.value):
            continue
        del fmap.fields[key]
        fmap.found.discard(FIELD_SECTIONS.get(key, key))
        fmap.notes.append(f"{f.cell}「{f.value}」是表头，不作为值读取")


_FORM_WORDS = lazy(r"(?:项目)?(?:支出)?(?:绩效目标|绩效评价|绩效指标|评价指标|目标申报|目标表).*$")


def fund_name(title: str) -> str:
    """The fund or project a title names: 「2019年度宁晋县高中助学金项目绩效评价指标表」 →
    「2019年度宁晋县高中助学金项目」; 「关于…项目绩效目标设定的公示」 → 「…项目」."""
    text = unicodedata.normalize("NFKC", title).strip()
    text = re.sub(r"^(?:\d{1,2}[、.]|[一二三四五六七八九十]+、|关于)\s*", "", text)
    text = _FORM_WORDS.sub("", text).strip()
    if text.endswith("项目项目"):
        text = text[:-2]
    elif not text.endswith("项目") and title.find(text + "项目") >= 0:
        text += "项目"
    return text


def _direction_from_title(fmap: FormMap) -> None:
    """A 项目 form printing no 项目名称 (河北, 浙江, 宁夏: the title names the fund): the name is read from
    the title, as a guess (a finding resting on it is at most a warning)."""
    title = fmap.fields.get("title")
    if title is None or not isinstance(title.value, str) or not (name := fund_name(title.value)):
        return
    if re.fullmatch(r"(?:\d{4}年度?)?(?:项目|专项|专项资金|项目支出|部门|单位)?", name):
        return  # 「项目绩效目标表」 names the form, not a project
    note = f"项目名称取自标题 {title.cell}"
    fmap.fields["direction"] = FieldAt("direction", title.cell, "title", name, sure=False, note=note)
    fmap.found.add("direction")
    if "direction" in fmap.not_found:
        fmap.not_found.remove("direction")
    fmap.notes.append(f"{note}：「{name}」")


#: 一级 names of the evaluation framework (决策/过程/产出/效益; 制度指标 above 产出).
_EVALUATION_LEVEL1 = ("决策", "过程", "制度指标", "项目管理")


def _county_names(names: list[str], level: int) -> list[str]:
    """The level names not standard in our family but standard once spelt the standard way
    (「产出值」 is 产出指标, 「社会效益」 over 一级 and 二级 is 效益指标)."""
    ours = standard_level_names("ours", level)
    return [n for n in dict.fromkeys(names) if n not in ours and level_alias(n, level) in ours]


def _not_given(fmap: FormMap, sheet: SheetGrid) -> None:
    """A part written 「本次未提供」 (import marks what its source did not print) is not provided: its
    field holds nothing and its section counts as not found, so no rule judges it."""
    for key, f in list(fmap.fields.items()):
        if isinstance(f.value, str) and clean(f.value) == NOT_GIVEN:
            f.value = None
            fmap.marked.add(key)
            fmap.found.discard(FIELD_SECTIONS.get(key, key))
            fmap.notes.append(f"{key}（{f.cell}）：{NOT_GIVEN}")
    by_cell = MARKED_COLUMNS.get(fmap.kind, ())  # a mark there is its cell's (import's), not the table's
    for key, t in fmap.tables.items():
        first = t.rows[0] if t.rows else 0
        columns = [c for c in t.columns if c.key not in by_cell]
        if first and any(clean(str(sheet.value(first, a1.col_index(c.col)) or "")) == NOT_GIVEN for c in columns):
            fmap.found.discard(key)
            fmap.notes.append(f"{key}（第{first}行）：{NOT_GIVEN}")


def _label_text(value: CellValue) -> str:
    return value.strip() if isinstance(value, str) else ""


def _goal_alone(fmap: FormMap, sheet: SheetGrid) -> None:
    """A form printing one goal, labelled 「总体目标」 or 「总目标」 with no 年度 goal beside it, prints
    the year's goal (a one-year project's 总体目标 is its 年度目标)."""
    period = fmap.fields.get("period_goal")
    if period is None or "annual_goal" in fmap.fields or period.cue not in ("label", "below", "layout"):
        return
    r, c = a1.parse(period.label) if period.label else (0, 0)
    if period.cue == "layout":  # our template's place on a foreign form: the label printed before it
        r, c = a1.parse(period.cell)
        c = next((k for k in range(c - 1, 0, -1) if not blank(sheet.value(r, k))), 0)
        if not c or field_key("form3", sheet.value(r, c)) != "period_goal":
            return
        period.label = f"{col_letter(c)}{r}"
    label = clean(str(sheet.value(r, c) or ""))
    if not label or any(w in label for w in ("实施期", "长期", "中期")):
        return
    del fmap.fields["period_goal"]
    period.key = "annual_goal"
    fmap.fields["annual_goal"] = period
    fmap.found.discard("period_goal")
    fmap.found.add("annual_goal")
    fmap.not_found = [k for k in fmap.not_found if k != "annual_goal"]
    fmap.notes.append(f"只有一个目标（{period.label}「{label}」）：作为年度绩效目标")


#: The words a goal label is made of: a label cut short in the copy (「年度」 for 「年度绩效目标」, 「当年」) or
#: worded otherwise (「年度工作目标」) still names the year's goal; one naming a period (中期, 长期) does not.
_GOAL_LABELS = tuple(clean(w) for w in FIELDS["form3"]["annual_goal"])
_PERIOD_GOAL = lazy(r"实施期|中期|长期|中长期|总目标|总体")


def _goal_label(label: str) -> bool:
    if len(label) < 2 or _PERIOD_GOAL.search(label) or any(ch.isdigit() for ch in label):
        return False
    return any(w.startswith(label) for w in _GOAL_LABELS) or label.endswith(("目标", "目标任务"))


def _goal_over_header(fmap: FormMap, sheet: SheetGrid, header_row: int) -> None:
    """A project form prints its year's goal on the line right above the indicator table: 「label │ text」.
    Where no goal label was recognised and that line holds a short label that is a goal label cut short
    (安徽淮北 2025's copy prints 「年度」) or another goal wording, and a text, the text is the year's goal,
    found by its place (a guess: a finding on it is at most a warning that says so)."""
    r = header_row - 1
    while r > 0 and all(blank(v) for v in sheet.rows[r - 1][:_WIDE]):
        r -= 1
    if r < 1 or any(r in t.rows for t in fmap.tables.values()):
        return
    cells = [(c, v) for c, v in enumerate(sheet.rows[r - 1][:_WIDE], start=1) if not blank(v)]
    if len(cells) != 2 or not all(isinstance(v, str) for _, v in cells):
        return
    (lc, label), (tc, text) = cells
    name = clean(str(label))
    if tc != sheet.span_end(r, lc) + 1 or not _goal_label(name) or sum(map(is_han, str(text))) < 10:
        return
    if field_key("form3", text) is not None or header_key(text) is not None:
        return
    cell = f"{col_letter(tc)}{r}"
    if any(f.cell == cell for f in fmap.fields.values()):
        return
    note = f"年度绩效目标取自指标表上方的 {cell}（标签「{name}」不是完整的栏目名，按位置推测）"
    fmap.fields["annual_goal"] = FieldAt("annual_goal", cell, "guess", text, f"{col_letter(lc)}{r}", False, note)
    fmap.found.add("annual_goal")
    fmap.not_found = [k for k in fmap.not_found if k != "annual_goal"]


# --- a list of projects (or villages), each with its amount and its goal: 附表2's kind ----------------
#: The header words of such a list's columns. A name column ends in 名称 (项目名称, 示范村名称); an amount
#: column names money and not its source or kind (计划投入资金, 提前下达金额(万元), 资金规模); a goal column
#: names a goal, not a target value (预期绩效目标, 绩效目标).
_LIST_AMOUNT = lazy(r"金额|资金|投资|预算数|拨款")
_LIST_NOT_AMOUNT = lazy(r"来源|性质|类型|类别|方式|用途|名称|下达文|文号|说明|依据")
_LIST_GOAL = lazy(r"目标(?:任务)?(?:\(.*\))?$")


@dataclass
class FundList:
    header_row: int
    cols: dict[str, int]  # name, amount, annual_goal -> column
    texts: dict[int, str]
    rows: list[int]
    total: int | None


def _list_header(line: list[CellValue]) -> tuple[dict[str, int], dict[int, str]] | None:
    cols: dict[str, int] = {}
    texts: dict[int, str] = {}
    for c, value in enumerate(line[:_WIDE], start=1):
        if not isinstance(value, str) or not value.strip() or len(value) > 30:
            continue
        text = clean(value)
        texts[c] = value.strip()
        if "指标" in text or text.endswith("目标值"):
            return None  # an indicator table's header
        if "name" not in cols and text.endswith("名称") and not text.endswith(("单位名称", "部门名称")):
            cols["name"] = c
        elif "amount" not in cols and _LIST_AMOUNT.search(text) and not _LIST_NOT_AMOUNT.search(text):
            cols["amount"] = c
        elif "annual_goal" not in cols and _LIST_GOAL.search(text):
            cols["annual_goal"] = c
    return (cols, texts) if len(cols) == 3 and len(texts) >= 4 else None


def fund_list(sheet: SheetGrid) -> FundList | None:
    """A list of projects (or villages, or funds) each with its amount and its goal, and no indicator
    table: the nearest real thing to our 附表2 (湖北大冶 项目计划安排表, 广东中山 专项资金分配方案: 序号 │ …
    │ 项目名称 │ … │ 计划投入资金 │ … │ 预期绩效目标, a 合计 line above or below the rows). Its header row,
    columns, item rows and total line; None when ``sheet`` holds none (at least one item with a numeric
    amount and one with a goal)."""
    for r in range(1, min(len(sheet.rows), 60) + 1):
        found = _list_header(sheet.rows[r - 1])
        if found is None:
            continue
        cols, texts = found
        rows: list[int] = []
        total: int | None = None
        for k in range(r + 1, len(sheet.rows) + 1):
            line = sheet.rows[k - 1][:_WIDE]
            first = next((v for v in line if not blank(v)), None)
            if first is None:
                if rows:
                    break
                continue
            if isinstance(first, str) and _TOTAL_LINE.match(clean(first)):
                total = k
                if rows:
                    break
                continue
            name, money = _item_value(sheet, r, k, cols["name"]), sheet.value(k, cols["amount"])
            if blank(name) and _number(money) is None:
                if rows:
                    break
                continue  # a second header row (资金来源 over 中央衔接资金 │ 省级衔接资金 …)
            rows.append(k)
        numeric = any(_number(sheet.value(k, cols["amount"])) is not None for k in rows)
        goals = any(not blank(_item_value(sheet, r, k, cols["annual_goal"])) for k in rows)
        if rows and numeric and goals:
            return FundList(r, cols, texts, rows, total)
    return None


def _item_value(sheet: SheetGrid, header_row: int, r: int, c: int) -> CellValue:
    """A list item's cell: its own value, or that of a merge down the items (one goal printed on the
    first row and merged over the rest), never the header's (a header cell merged over two rows)."""
    value = sheet.value(r, c)
    span = sheet.merge_at(r, c) if value is None else None
    if span is not None and span[1] == c and span[0] > header_row:
        return sheet.value(span[0], c)
    return value


def _fund_table(fmap: FormMap, sheet: SheetGrid, listed: FundList) -> None:
    """The list's items into ``fmap.tables["funds"]`` (its own columns, by their header words), its
    total line into the 合计 fields; what the plan of our layout took for the table is replaced."""
    columns = [ColumnAt(k, col_letter(c), listed.texts.get(c, ""), "header") for k, c in listed.cols.items()]
    fmap.tables["funds"] = TableAt("funds", "header", listed.header_row, columns, listed.rows, listed.total)
    for key in [k for k in fmap.fields if k.startswith("total.")]:
        del fmap.fields[key]
    if listed.total is not None:
        c = listed.cols["amount"]
        at = f"{col_letter(c)}{listed.total}"
        fmap.fields["total.amount"] = FieldAt("total.amount", at, "header", sheet.value(listed.total, c))
    fmap.found.add("funds")
    first, last = col_letter(min(listed.cols.values())), col_letter(max(listed.cols.values()))
    what = f"第{listed.header_row}行起是一份项目清单（{first}–{last} 列：名称、金额、绩效目标）"
    fmap.notes.append(f"{what}：按专项汇总表读取")


#: A foreign table's total line (「合计」「金额合计」「资金总计」): the table's own rows end above it.
_TOTAL_LINE = lazy(r"^(?:金额|资金|预算|经费)?(?:合计|总计)(?:金额)?$")


def _rows_before_end(kind: str, sheet: SheetGrid, rows: list[int]) -> list[int]:
    """A foreign form's table with no total row in our layout (附表1's 年度主要任务 of the 部门整体
    批复表: 任务名称 │ 主要内容 │ 小计 │ 市财政拨款 │ 其他资金) ends at its own total line (「金额合计」)
    or at the next field's label (「总体目标」): the rows after are no items of it."""
    out: list[int] = []
    for r in rows:
        line = sheet.rows[r - 1][:_WIDE] if r <= len(sheet.rows) else []
        first = next((v for v in line if not blank(v)), None)
        # (a 合计 heading the first row is a sub-header: 合计 │ 财政拨款 │ 其他资金)
        if isinstance(first, str) and (_TOTAL_LINE.match(clean(first)) or field_key(kind, first)) and out:
            break
        out.append(r)
    return out


def _goal_above_header(fmap: FormMap, sheet: SheetGrid, header_row: int) -> None:
    """A 项目 form whose goal was not found by a label may print it with its label left blank, as the
    one sentence in the row right above the indicator header (巫溪's transfer form: the funding block,
    then 「支持农村低收入群体…保障其基本住房安全。」 in B, A blank, then 一级指标 …). Read by its
    position only: a guess, so no finding on it is more than a warning."""
    if "annual_goal" in fmap.fields or "period_goal" in fmap.fields:
        return
    taken = {f.cell for f in fmap.fields.values()} | {f.label for f in fmap.fields.values()}
    for r in range(header_row - 1, max(header_row - 3, 0), -1):
        cells = [(c, v) for c, v in enumerate(sheet.rows[r - 1][:_WIDE], start=1) if not blank(v)]
        if not cells:
            continue
        if len(cells) != 1 or cells[0][0] == 1 or not isinstance(cells[0][1], str):
            return  # a label and its value, a number, or a text in the label column: not a lone goal
        c, text = cells[0]
        at = f"{col_letter(c)}{r}"
        words = clean(text)
        if at in taken or len(words) < 12 or field_key("form3", text) or header_text("form3", text):
            return
        if title_kind(text) or (not words.endswith(("。", ".", "；", ";")) and len(words) < 20):
            return
        note = f"没有找到绩效目标的标签：取指标表表头上方无标签的一行文字 {at} 作年度绩效目标"
        fmap.fields["annual_goal"] = FieldAt("annual_goal", at, "position", text, "", False, note)
        fmap.found.add(FIELD_SECTIONS["annual_goal"])
        fmap.not_found = [k for k in fmap.not_found if k not in ("annual_goal", "period_goal")]
        fmap.notes.append(note)
        return


def _list_fields(
    kind: str, sheet: SheetGrid, header_row: int, fmap: FormMap, wanted: set[str]
) -> dict[str, tuple[int, int, CellValue]]:
    """A list-style form prints 项目名称 | 预算数 | 年度目标 as columns of the indicator header row:
    their values stand in the first indicator row."""
    table = fmap.tables.get("indicators")
    rows = table.rows if table else []
    out: dict[str, tuple[int, int, CellValue]] = {}
    if not rows or not wanted:  # only wanted keys are taken
        return out
    above = sheet.rows[header_row - 2] if header_row > 1 else []
    for c, value in enumerate(sheet.rows[header_row - 1][:16], start=1):
        if blank(value) and c <= len(above):
            # a two-row header: the field's label stands in the upper row, over the blank cell
            # (湘西 一体化 list: 单位代码 │ 单位(专项)名称 │ 资金总额 │ 实施期绩效目标 │ 绩效指标 over 一级…)
            value = above[c - 1]
        key = field_key(kind, value)
        span = sheet.merge_at(rows[0], c)
        if span is not None and span[0] <= header_row:
            continue  # a section label merged down beside the table (年度绩效目标(90分) over its rows)
        if key in wanted and key not in out:
            out[key] = (rows[0], c, cell_value(sheet, rows[0], c))
    return out


__all__ = [
    "HELPER_SHEETS",
    "Header",
    "IndicatorTable",
    "find_fields",
    "find_header",
    "identify",
    "indicator_rows",
    "inline_fields",
    "join_value",
    "level_value",
    "title_cell",
    "typed_after_label",
    "verified",
    "vocabulary_of",
]


#: A line that is part of another (其中…, 含…): a 合计 above such lines is no sum of them.
_PART_OF = ("其中", "含", "包括", "包含")


def _number(value: CellValue) -> float | None:
    """A number, or a number typed as text (「662.98」「1,184.26」「191万元」: a printed form's table, a Word
    copy or a system export holds its numbers as text; a year 「2020」 alone is a header, not an amount)."""
    if isinstance(value, str):
        text = value.strip().replace(",", "").removesuffix("万元").strip()  # 「191万元」 in a column of 万元
        n = plain_number(text) if text and not _YEAR_ALONE.match(text) else None
        return None if n is None else float(n)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


_YEAR_ALONE = lazy(r"^(?:19|20)\d\d$")


def _own_sums(sheet: SheetGrid, fmap: FormMap) -> list[SumAt]:
    """Every 合计 line of a foreign form's own table outside its indicator table (a 成本构成 or 明细
    table): in each column where the 合计 line and every line above it, up to a header row naming
    that column, hold a number. Nothing when a line above is part of another (其中…) or when fewer
    than two lines stand above: such a block is no plain sum."""
    table = fmap.tables.get("indicators")
    skip = set(table.rows) if table else set()
    out: list[SumAt] = []
    first, last = fmap.rows
    for r in range(max(first, 2), (last or len(sheet.rows)) + 1):
        if r in skip:
            continue
        line = sheet.rows[r - 1][:_WIDE] if r <= len(sheet.rows) else []
        label = next(((c, v) for c, v in enumerate(line, start=1) if not blank(v)), None)
        if label is None or not isinstance(label[1], str) or not _TOTAL_LINE.match(clean(label[1])):
            continue
        numbers = {c: n for c, v in enumerate(line, start=1) if c > label[0] and (n := _number(v)) is not None}
        for c, total in numbers.items():
            parts: list[tuple[str, float]] = []
            header = ""
            k = r - 1
            while k >= first and k not in skip:
                name = sheet.value(k, label[0])
                value = sheet.value(k, c)
                if isinstance(value, str) and value.strip() and _number(value) is None:
                    header = value.strip()
                    break
                if name is None and label[0] < c - 1:  # the line's name in a column the total's label spans
                    name = next((v for v in sheet.rows[k - 1][label[0] : c - 1] if not blank(v)), None)
                n = _number(value)
                if n is None or not isinstance(name, str) or clean(name).startswith(_PART_OF):
                    parts = []
                    break
                parts.append((f"{col_letter(c)}{k}", n))
                k -= 1
            if header and len(parts) >= 2:
                out.append(SumAt(header, (f"{col_letter(c)}{r}", total), parts[::-1]))
    return out


#: A header naming a part of the year (半年(程)计划执行数, 上半年预算执行数, 第一季度 …) and the whole year.
_PART_YEAR = lazy(r"^(?:半年|上半年|前三季度|第[一二三]季度|一季度)")
_WHOLE_YEAR = lazy(r"^(?:全年|年度|本年度|当年)")
#: What the part-year column of a spending plan counts (not an indicator's 指标值).
_PLAN_WORDS = ("执行", "预算", "支出", "资金", "金额", "计划")


def _period_plans(sheet: SheetGrid, fmap: FormMap) -> list[PlanAt]:
    """The lines of a spending plan by period outside the indicator table: a header row holding a
    part-year column (「半年(程)计划执行数」) and a whole-year column right of it (「全年(程)预算数」), both
    naming money or spending, and the lines under it holding a number in both, up to the first line
    that does not."""
    table = fmap.tables.get("indicators")
    skip = set(table.rows) | {table.header_row} if table else set()
    first, last = fmap.rows
    out: list[PlanAt] = []
    for r in range(max(first, 1), (last or len(sheet.rows)) + 1):
        if r in skip:
            continue
        line = sheet.rows[r - 1][:_WIDE] if r <= len(sheet.rows) else []
        heads = {c: clean(v) for c, v in enumerate(line, start=1) if isinstance(v, str) and v.strip()}
        part = next((c for c, t in heads.items() if _PART_YEAR.match(t) and any(w in t for w in _PLAN_WORDS)), None)
        whole = next(
            (
                c
                for c, t in heads.items()
                if part and c > part and _WHOLE_YEAR.match(t) and any(w in t for w in _PLAN_WORDS)
            ),
            None,
        )
        if part is None or whole is None:
            continue
        k = r + 1
        while k <= len(sheet.rows) and k not in skip:
            a, b = _number(sheet.value(k, part)), _number(sheet.value(k, whole))
            if a is None or b is None:
                break
            texts = [
                v for c, v in enumerate(sheet.rows[k - 1][: part - 1], start=1) if isinstance(v, str) and v.strip()
            ]
            label = texts[-1].strip() if texts else ""
            out.append(
                PlanAt(label, (f"{col_letter(part)}{k}", a), (f"{col_letter(whole)}{k}", b), heads[part], heads[whole])
            )
            k += 1
    return out


#: Labels whose blank says nothing: optional (选填, 如有, 其他依据), for someone else (盖章, 审核意见), a code
#: the finance system assigns (主管部门编码), an amount line (a blank amount is zero or the amount rules'
#: business), or a note.
_NOT_ASKED = lazy(
    r"选填|如有|可不填|非必填|其他|其它|备注|说明|盖章|签章|签字|审核|审批|批复|意见|编码|代码|编号"
    r"|资金|金额|拨款|结转|预算|收入|支出|元"
)
#: Known fields whose blank other rules judge (F501 填报单位, F502 signatures, A115 中期资金, the amounts);
#: a project's text fields (info.*) and the fields the tool does not know are this one's.
_TABLE_MARK = lazy(r"^(?:附?表|附件)[一二三四五六七八九十\d]+$")
_BLANK_OWN = ("info.overview", "info.basis", "info.necessity", "info.measures", "info.plan")


def _blank_fields(kind: str, sheet: SheetGrid, fmap: FormMap) -> list[tuple[str, str, str]]:
    """Every 「label │ (blank)」 of a foreign form's field grid above its indicator table: the label in
    a column where the form prints known labels, the blank in a column where it prints values (so a
    heading or a lone word is no field)."""
    table = fmap.tables.get("indicators")
    if table is None or not table.header_row:
        return []
    voc = vocabulary_of(kind)
    end = table.header_row
    first = max(fmap.rows[0], 1)
    skip = {r for t in fmap.tables.values() for r in t.rows}
    rows = [r for r in range(first, end) if r not in skip and r <= len(sheet.rows)]
    label_cols: set[int] = set()
    value_cols: set[int] = set()
    pairs: list[tuple[int, int, int, str]] = []  # (row, label col, value col, label)
    for r in rows:
        line = sheet.rows[r - 1][:_WIDE]
        filled = sum(not blank(v) for v in line)
        for c, value in enumerate(line, start=1):
            span = sheet.merge_at(r, c)
            if not isinstance(value, str) or not value.strip() or (span is not None and span[:2] != (r, c)):
                continue
            key = field_key(voc, value)
            col = sheet.span_end(r, c) + 1
            right = sheet.value(r, col)
            if key is not None:
                label_cols.add(c)
                if isinstance(right, str | int | float) and not blank(right) and field_key(voc, right) is None:
                    value_cols.add(col)
            name = clean(value)
            if key is None and (filled < 2 or _TABLE_MARK.match(name)):
                continue  # a heading alone on its line (「绩效指标」, 「表十二」) is no field
            if (key is None or key in _BLANK_OWN) and blank(right) and 2 <= len(name) <= 12 and all(map(is_han, name)):
                pairs.append((r, c, col, name))
    # a blank another rule already reports (F514's 项目性质, F511's tick boxes) is one finding, not two
    told = {cell for f in (*fmap.blank_kinds, *fmap.unticked) for cell in (f.cell, f.label)}
    out = []
    for r, c, col, name in pairs:
        label, value = f"{col_letter(c)}{r}", f"{col_letter(col)}{r}"
        if not sheet.merges and c - 1 in label_cols and not blank(sheet.value(r, c - 1)):
            continue  # a copy without its merges: a text right of a label is its value, the blank its span
        if c in label_cols and col in value_cols and not _NOT_ASKED.search(name) and not {label, value} & told:
            out.append((name, label, value))
    return out


_FUNDING_KEYS = ("general_budget", "gov_fund", "other_funds")
_PART_MARK = lazy(r"^(?:其中|含)\s*[:：]?\s*")


def _funding_lines(sheet: SheetGrid, fmap: FormMap) -> list[FieldAt]:
    """A 项目 form's funding lines (「其中:财政拨款 | 854」, 「其他资金 | 」) labelled as 附表1's income
    lines: each label and the value right of it, for the rules that judge an amount's text. Cells
    another field took, and the indicator table, are left out."""
    table = fmap.tables.get("indicators")
    skip = set(table.rows) | {table.header_row} if table else set()
    taken = {f.cell for f in fmap.fields.values()} | {f.label for f in fmap.fields.values()}
    out: list[FieldAt] = []
    first, last = fmap.rows
    for r in range(max(first, 1), (last or len(sheet.rows)) + 1):
        if r in skip:
            continue
        for c, value in enumerate(sheet.rows[r - 1][:_WIDE] if r <= len(sheet.rows) else [], start=1):
            if not isinstance(value, str) or f"{col_letter(c)}{r}" in taken:
                continue
            key = field_key("form1", _PART_MARK.sub("", unicodedata.normalize("NFKC", value).strip()))
            if key not in _FUNDING_KEYS:
                continue
            hit = _value_right("form1", sheet, r, c)
            if hit is None or len(hit) > 2 or blank(hit[1]) or header_text("form1", hit[1]):
                continue
            at = f"{col_letter(hit[0])}{r}"
            if at not in taken:
                out.append(FieldAt(key, at, "label", hit[1], f"{col_letter(c)}{r}"))
    return out


#: An empty printed tick box, and the marks a clerk ticks one with (☑ ✓ √ ■ ☒ …).
_BOX = "□☐"
_TICKS = lazy(r"[√✓✔☑☒■▣⊠✗✘]")
_INLINE_LABEL = lazy(r"^([\u4e00-\u9fff()]{2,12})\s*[:：]")


def _unticked(sheet: SheetGrid, fmap: FormMap) -> list[FieldAt]:
    """The printed tick-box lists of a foreign form with no box ticked: a cell holding two boxes or more
    (「部门预算 □ 切块预算 □」, 「新增□ 延续□ 往年备选□」) and no tick mark, with its label (the text left of
    it on the row, or typed before a colon in the cell). The indicator table's rows are left out."""
    table = fmap.tables.get("indicators")
    skip = set(table.rows) | {table.header_row} if table else set()
    out: list[FieldAt] = []
    first, last = fmap.rows
    for r in range(max(first, 1), (last or len(sheet.rows)) + 1):
        if r in skip or r > len(sheet.rows):
            continue
        line = sheet.rows[r - 1][:_WIDE]
        for c, value in enumerate(line, start=1):
            if not isinstance(value, str) or sum(value.count(b) for b in _BOX) < 2 or _TICKS.search(value):
                continue
            text = unicodedata.normalize("NFKC", value).strip()
            left = next(((x, line[x - 1]) for x in range(c - 1, 0, -1) if not blank(line[x - 1])), None)
            span = sheet.merge_at(r, left[0]) if left is not None else None
            if span is not None and any(
                isinstance(v := sheet.value(y, c), str) and _TICKS.search(v) for y in range(span[0], span[2] + 1)
            ):
                continue  # 上海同舟 2019: a label merged over two rows of boxes, the tick on the other row
            if left is not None and isinstance(left[1], str):
                label, at = clean(left[1]), f"{col_letter(left[0])}{r}"
            elif m := _INLINE_LABEL.match(text):  # 「审核方式:□部门集中审核 □专家评审」
                label, at = m.group(1), f"{col_letter(c)}{r}"
            else:
                label, at = "", ""
            out.append(FieldAt("tick", f"{col_letter(c)}{r}", "label", value, at, note=label))
    return out


#: A project's classification field (the clerk picks one: 项目性质, 项目类型, 项目属性, 项目类别).
_KIND_LABEL = lazy(r"^项目(?:性质|类型|属性|类别)$")
#: A yes/no field about an upper-level transfer (湖北广水 2023 「是否使用上级转移支付资金:」).
_TRANSFER_QUESTION = lazy(r"^是否.{0,6}(?:上级|中央|省级)?转移支付")


def _choice_fields(sheet: SheetGrid, fmap: FormMap) -> tuple[list[FieldAt], list[FieldAt]]:
    """A foreign project form's classification fields printed with a blank value beside their label
    (a label │ value pair whose value cell is empty), and its yes/no fields answering 「否」 to an
    upper-level transfer. The indicator table's rows are left out."""
    table = fmap.tables.get("indicators")
    skip = set(table.rows) | {table.header_row} if table else set()
    blanks: list[FieldAt] = []
    denials: list[FieldAt] = []
    first, last = fmap.rows
    for r in range(max(first, 1), (last or len(sheet.rows)) + 1):
        if r in skip or r > len(sheet.rows):
            continue
        for c, value in enumerate(sheet.rows[r - 1][:_WIDE], start=1):
            if not isinstance(value, str) or not value.strip():
                continue
            label = clean(value)
            kind_field = _KIND_LABEL.match(label)
            question = _TRANSFER_QUESTION.match(label)
            if not (kind_field or question):
                continue
            col = sheet.span_end(r, c) + 1
            got = sheet.value(r, col)
            at = f"{col_letter(col)}{r}"
            nxt = sheet.value(r, sheet.span_end(r, col) + 1)
            if kind_field and blank(got) and isinstance(nxt, str) and nxt.strip():  # label │ (blank) │ next label
                blanks.append(FieldAt("kind", at, "label", None, f"{col_letter(c)}{r}", note=label))
            elif question and isinstance(got, str) and clean(got) in ("否", "无"):
                denials.append(FieldAt("transfer", at, "label", got, f"{col_letter(c)}{r}", note=label))
    return blanks, denials


#: An amount label naming the level of government the money comes from: 「中央补助年度金额(万元)」
#: 「省级财政资金」「市级补助金额」 (not a 「其中:」 line: a part of the money may come from another level).
_LEVEL_LABEL = lazy(
    r"^(中央|省级|省本级|市级|市本级|县级|区级)(?:财政)?(?:补助|专项|转移支付|下达)?[\u4e00-\u9fff]{0,4}"
    r"(?:金额|资金|资金总额|数)(?:\(万元\))?$"
)


def _level_labels(sheet: SheetGrid) -> list[FieldAt]:
    """The amount labels of a foreign form that name the level of the money, each with an amount right of
    it (四川南江 2024 区域表: 「中央补助年度金额(万元) │ 158.18」 on a 省级 fund): ``note`` holds the level."""
    out = []
    for r, row in enumerate(sheet.rows[:60], start=1):
        for c, value in enumerate(row[:_WIDE], start=1):
            if not isinstance(value, str) or not (m := _LEVEL_LABEL.match(clean(value))):
                continue
            got = sheet.value(r, sheet.span_end(r, c) + 1)
            if _number(got) is None and not (isinstance(got, str) and plain_number(got.strip()) is not None):
                continue
            level = {"省本级": "省级", "市本级": "市级", "区级": "县级"}.get(m.group(1), m.group(1))
            out.append(FieldAt("level_label", f"{col_letter(c)}{r}", "label", value, note=level))
    return out


_UNIT_NOTE = lazy(r"\(\s*(?:单位\s*:\s*)?万元\s*\)|单位\s*:\s*万元")


def _unit_labelled(sheet: SheetGrid, fmap: FormMap) -> set[str]:
    """The amount cells of a foreign form whose label, or a block label left of it on its row (merged
    down the block: 安徽蒙城 2024 「项目金额(万元) │ 年度资金总额 │ 2279.048 万元」), prints 万元."""
    out: set[str] = set()
    fields = [f for k, f in fmap.fields.items() if k in _AMOUNT_KEYS] + list(fmap.lines)
    for f in fields:
        if not f.label or not f.cell or not isinstance(f.value, str):
            continue
        r, c = a1.parse(f.label)
        texts = []
        for x in range(c, 0, -1):
            span = sheet.merge_at(r, x)
            value = sheet.value(span[0], span[1]) if span else sheet.value(r, x)
            if isinstance(value, str):
                texts.append(unicodedata.normalize("NFKC", value))
        if any(_UNIT_NOTE.search(t) for t in texts):
            out.add(f.cell)
    return out


#: Funding amount fields of a 部门整体 form (their label rows make its funding block).
_FUNDING = ("total", "general_budget", "gov_fund", "other_funds", "basic", "project")
#: Header words of a funding column for earlier years (湖北广水: 「近两年收支金额」 over two 「年」 columns).
_EARLIER = lazy(r"近两年|近三年|前两年|上年|上一年|前一年|以前年度|历史")


def _blank_periods(sheet: SheetGrid, fmap: FormMap) -> list[tuple[str, str, str]]:
    """A 部门整体 form's funding block (its amount fields read by their labels, one column) may print
    columns for earlier years beside the year's (当年金额 │ 近两年收支金额 │ 占比): each such column
    whose every amount line is blank while the year's amounts are there, by its header."""
    cells = [a1.parse(f.cell) for k, f in fmap.fields.items() if k in _FUNDING and f.cue == "label"]
    numbers = [(r, c) for r, c in cells if _number(sheet.value(r, c)) is not None]
    if len(numbers) < 2:
        return []
    col = min(c for _, c in numbers)
    top, bottom = min(r for r, _ in cells), max(r for r, _ in cells)
    out: list[tuple[str, str, str]] = []
    for hr in range(max(top - 3, 1), top):
        for c in range(col + 1, _WIDE + 1):
            text = sheet.value(hr, c)
            if not isinstance(text, str) or not _EARLIER.search(clean(text)):
                continue
            span = sheet.merge_at(hr, c)
            first, last = (span[1], span[3]) if span else (c, c)
            if first != c:
                continue  # inside a merged header already taken
            blank_rows = range(hr + 1, bottom + 1)
            values = [sheet.value(r, x) for r in blank_rows for x in range(first, last + 1)]
            # the columns' own sub-header (「年」 with no year) and every amount line empty
            if all(blank(v) or (isinstance(v, str) and clean(v) in ("年", "年度")) for v in values):
                where = f"{col_letter(first)}{hr + 1}:{col_letter(last)}{bottom}"
                out.append((f"{col_letter(c)}{hr}", text.strip(), where))
    return out


# --- money tables standing in a column other than A (湖南湘阴 2022: 「项目资金情况」 merged down A) ---------
#: A header naming this year's amount beside last year's (「上年度安排资金 │ 本年度申请资金」).
_THIS_YEAR = lazy(r"^(?:本年度?|当年度?|今年|\d{4}年)?(?:申请|预算|安排)?(?:资金|金额|数)?$")
_LAST_YEAR = lazy(r"(?:上年|上一年|去年|以前年度|近两年|执行数|决算)")
_TOTAL_WORD = ("合计", "小计", "总计")


def _amount_column(line: list[CellValue], cols: range) -> int | None:
    """The column of this year's amount in a money table's header: the one cell naming an amount that
    does not name an earlier year (「上年度安排资金 │ 本年度申请资金」 → the second)."""
    hits = []
    for c in cols:
        text = clean(str(line[c - 1])) if c - 1 < len(line) and isinstance(line[c - 1], str) else ""
        if not text or _LAST_YEAR.search(text):
            continue
        if table_header_key("details", text) == "amount" or (
            any(w in text for w in ("资金", "金额", "预算")) and ("本年" in text or "申请" in text or "当年" in text)
        ):
            hits.append(c)
    return hits[0] if len(hits) == 1 else None


def _side_details(sheet: SheetGrid, fmap: FormMap) -> None:
    """A 支出明细 table whose label stands right of a block label (「项目资金情况 │ 支出明细预算(万元) │
    项 目 │ 上年度安排资金 │ 本年度申请资金 │ 测算依据及说明」), the header on the label's row: columns by
    their header words (the item right of the label, this year's amount, the 测算依据), the rows the
    label spans (or down to the next label), its 合计 line kept apart (its 测算依据 is the table's)."""
    table = fmap.tables.get("indicators")
    skip = set(table.rows) | {table.header_row} if table else set()
    first, last = fmap.rows
    last = last or len(sheet.rows)
    for r in range(max(first, 1), last + 1):
        if r in skip or r > len(sheet.rows):
            continue
        line = sheet.rows[r - 1][:_WIDE]
        for c, value in enumerate(line[:4], start=1):
            if c == 1 or not anchor_matches("支出明细", value):
                continue
            start = sheet.span_end(r, c) + 1
            keys = {table_header_key("details", line[x - 1]): x for x in range(start, len(line) + 1)}
            amount = keys.get("amount") or _amount_column(line, range(start, len(line) + 1))
            basis = keys.get("basis")
            if amount is None or basis is None or amount <= start:
                return
            span = sheet.merge_at(r, c)
            end = span[2] if span is not None and span[2] > r else None
            rows: list[int] = []
            total = None
            for y in range(r + 1, (end or last) + 1):
                if y in skip or y > len(sheet.rows):
                    break
                left = sheet.rows[y - 1][:c]
                if end is None and any(not blank(v) and sheet.merge_at(y, x + 1) is None for x, v in enumerate(left)):
                    break  # the next label: the table ended
                item = sheet.value(y, start)
                if all(blank(sheet.value(y, x)) for x in (start, amount, basis)):
                    if end is None:
                        break
                    continue
                if isinstance(item, str) and clean(item) in _TOTAL_WORD and total is None:
                    total = y
                    continue
                rows.append(y)
            if not rows:
                return
            columns = [
                ColumnAt("summary", col_letter(start), _label_text(line[start - 1]), "header"),
                ColumnAt("amount", col_letter(amount), _label_text(line[amount - 1]), "header"),
                ColumnAt("basis", col_letter(basis), _label_text(line[basis - 1]), "header"),
            ]
            fmap.tables["details"] = TableAt("details", "header", r, columns, rows, total)
            fmap.found.add("details")
            if total is not None:
                at = f"{col_letter(amount)}{total}"
                fmap.fields["detail_total"] = FieldAt("detail_total", at, "header", sheet.value(total, amount))
                if not blank(said := sheet.value(total, basis)):
                    at = f"{col_letter(basis)}{total}"
                    fmap.fields["detail_basis"] = FieldAt("detail_basis", at, "header", said)
            return


#: A funding line by government level: 「中央资金」「省级资金」「市级财政补助」「县级配套资金」.
_LEVEL_LINE = lazy(
    r"^(?:其中[:：]?)?(中央|省级?|市级?|州级?|县级?|区级?)(?:财政)?(?:资金|补助|补助资金|配套|配套资金|拨款)$"
)


def _level(word: str) -> str:
    return word if word == "中央" else word[0]


def _amount_from_total(sheet: SheetGrid, fmap: FormMap, r: int, c: int, column: int) -> None:
    """The 项目金额 a form prints only as the 合计 line of its funding table (「项 目 │ … │ 本年度申请资金」
    then 「合 计 │ 213.4 │ 259」), where no label gave it."""
    if "project_amount" in fmap.fields:
        return
    for y in range(r + 1, min(r + 3, len(sheet.rows)) + 1):
        item = sheet.value(y, c)
        if isinstance(item, str) and clean(item) in _TOTAL_WORD:
            at = f"{col_letter(column)}{y}"
            value = sheet.value(y, column)
            fmap.fields["project_amount"] = FieldAt("project_amount", at, "header", value, f"{col_letter(c)}{y}")
            fmap.found.add(FIELD_SECTIONS["project_amount"])
            return


def _source_lines(sheet: SheetGrid, fmap: FormMap) -> list[FieldAt]:
    """A 项目 form's funding lines by government level (「市级资金 │ 省级资金 │ 中央资金 │ 县级资金」 under
    a 「项 目 │ 上年度安排资金 │ 本年度申请资金」 header): each line's label and this year's amount (the
    header's column naming it; the cell right of the label where no header names one). The key is the
    level: 中央, 省, 市, 州, 县, 区."""
    table = fmap.tables.get("indicators")
    skip = set(table.rows) | {table.header_row} if table else set()
    skip |= set(fmap.tables["details"].rows) if "details" in fmap.tables else set()
    first, last = fmap.rows
    out: list[FieldAt] = []
    column: int | None = None
    for r in range(max(first, 1), (last or len(sheet.rows)) + 1):
        if r in skip or r > len(sheet.rows):
            continue
        line = sheet.rows[r - 1][:_WIDE]
        for c, value in enumerate(line, start=1):
            if not isinstance(value, str):
                continue
            text = clean(value)
            if (found := _amount_column(line, range(c + 1, len(line) + 1))) is not None and text.replace(" ", "") in (
                "项目",
                "资金来源",
                "来源",
            ):
                column = found  # 「项 目 │ 上年度安排资金 │ 本年度申请资金」: this year's column below
                _amount_from_total(sheet, fmap, r, c, found)
                break
            m = _LEVEL_LINE.match(text.replace(" ", ""))
            if m is None:
                continue
            col = column if column is not None and column > c else sheet.span_end(r, c) + 1
            at, label = f"{col_letter(col)}{r}", f"{col_letter(c)}{r}"
            out.append(FieldAt(_level(m.group(1)), at, "label", sheet.value(r, col), label))
            break
    return out
