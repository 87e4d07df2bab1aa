"""The form map: what recognition understood of one form on a sheet, as data.

Recognition (``xladdin.recognise.map_form``) ends with one :class:`FormMap` per form: its kind, its
profile, every field and table with the cell or columns where it was found, by which cue and how
sure, and what was looked for and not found. The reader fills the model from it in one pass
(``xladdin.reader``), import writes from the same reading, ``xladdin inspect`` prints it, and the
rule engine lowers an error that rests on a guessed cell to a warning saying what was assumed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from xladdin.layout.base import MEMO_SIZE, TEXT_MEMOS
from xladdin.layout.names import FIELD_NAMES, TABLE_NAMES, column_name
from xladdin.layout.vocabulary import field_key, header_key, table_header_key
from xladdin.model import CellValue

#: How a field or column was found, in Chinese (what ``inspect`` prints).
CUES: dict[str, str] = {
    "layout": "本模板位置",
    "label": "标签",
    "inline": "同格「标签：值」",
    "below": "标签下方",
    "header": "表头行",
    "title": "标题",
    "sub": "第二行表头",
    "guess": "按位置推测",
    "synonym": "表头近义词",
    "shifted": "指标名称列只写二级类别时的指标描述列",
    "span": "跨两列表头的右列",
    "grade": "等级分列的最高等级",
    "prose": "文字段落",
    "outline": "一列中的层级树（缩进或编号）",
    "tagged": "一格中的「【一级-二级】」标签行",
}
_COLUMN_ZH = {"level1": "一级指标", "level2": "二级指标", "name": "三级指标", "value": "指标值"}


_PRINTED: dict[tuple[str, str], bool] = {}
TEXT_MEMOS.append(_PRINTED)


def printed_text(kind: str, value: object) -> bool:
    """Whether ``value`` is a label or header text a form prints (「金额(万元)」, 「指标值」, 「项目金额」),
    not a value a clerk wrote."""
    if not isinstance(value, str) or not value.strip() or len(value) > 40:
        return False
    key = (kind, value)
    found = _PRINTED.get(key)  # each distinct text of a workbook once (``xladdin.layout.base.TEXT_MEMOS``)
    if found is None:
        found = _printed_text(kind, value)
        if len(_PRINTED) < MEMO_SIZE:
            _PRINTED[key] = found
    return found


def _printed_text(kind: str, value: str) -> bool:
    return (
        header_key(value) is not None
        or field_key(kind, value) is not None
        or any(table_header_key(t, value) is not None for t in ("funds", "details", "work_plan"))
    )


#: What import writes where the source has no such part: read as "not provided" (no rule fires on it).
NOT_GIVEN = "本次未提供"


#: Indicator columns an import marks cell by cell (our template has them, the source's table did not):
#: the mark in such a cell is that cell's, not the whole table's.
MARKED_COLUMNS = {"form3": ("standard",)}


def is_not_given(value: object) -> bool:
    """Whether a cell holds import's mark 「本次未提供」 (white space aside): a part, field or indicator
    cell the source did not have. A clerk who types into the cell replaces the mark."""
    return isinstance(value, str) and "".join(value.split()) == NOT_GIVEN


#: Cues that are guesses: a finding resting on them is at most a warning.
WEAK = frozenset({"guess"})

KIND_ZH = {"form1": "部门整体支出绩效目标表", "form2": "专项资金绩效目标汇总表", "form3": "项目（支出方向）绩效目标表"}


@dataclass
class FieldAt:
    """One field: where its value stands, the label that named it, the cue and the value read."""

    key: str
    cell: str  # "B5" ("" for a field printed with its label in one cell: see ``label``)
    cue: str
    value: CellValue = None
    label: str = ""  # the label's cell, when a label named it
    sure: bool = True
    note: str = ""  # what was assumed (Chinese), for a guess

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"key": self.key, "cell": self.cell, "cue": self.cue, "sure": self.sure}
        if self.label:
            out["label"] = self.label
        out["value"] = self.value
        if self.note:
            out["note"] = self.note
        return out


@dataclass
class ColumnAt:
    key: str  # level1, level2, name, value, unit, direction, weight … or "extra"
    col: str  # "D"
    header: str = ""  # as printed ("" where our layout puts it with no header of its own)
    cue: str = "header"
    sure: bool = True
    #: the period of a second set of columns whose header does not say it (「中期」: 东莞, from the goal
    #: heading printed over it); "" for the year's columns and where the header names its period
    period: str = ""


@dataclass
class TableAt:
    """A table (indicators, details, funds, work_plan): its header row, every column, its rows."""

    key: str
    cue: str
    header_row: int = 0  # 0: no header row recognised (our layout's columns)
    columns: list[ColumnAt] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    total_row: int | None = None
    sub_header_row: int = 0  # a second header row (one value column per place or sub-item)
    ours: bool = False  # rows as our template lays them out (only 一级 carried down, values as printed)
    #: a table read from prose (cue "prose"): each row's texts by column key, cut out of its paragraph
    texts: list[dict[str, CellValue]] = field(default_factory=list)

    def col(self, key: str) -> str | None:
        for c in self.columns:
            if c.key == key:
                return c.col
        return None

    def keyed(self) -> dict[str, str]:
        """column key → letter, for the columns with a key of the model (not the extra ones)."""
        out: dict[str, str] = {}
        for c in self.columns:
            if c.key != "extra" and c.key not in out:
                out[c.key] = c.col
        return out

    def extra(self) -> list[ColumnAt]:
        return [c for c in self.columns if c.key == "extra"]

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "cue": self.cue,
            "header_row": self.header_row,
            "sub_header_row": self.sub_header_row,
            "columns": [vars(c) for c in self.columns],
            "rows": list(self.rows),
            "total_row": self.total_row,
            "ours": self.ours,
            **({"texts": self.texts} if self.texts else {}),
        }


@dataclass
class SumAt:
    """A 合计 line of a foreign form's own table (湖北鄂州 项目预算成本构成) and the lines above it,
    in one column: what recognition read, for a rule to add up."""

    header: str  # the column's header text
    total: tuple[str, float]  # (cell, value)
    parts: list[tuple[str, float]]  # (cell, value) of every line above, up to the header row


@dataclass
class PlanAt:
    """One line of a foreign form's spending plan by period (江苏镇江 支出 | 半年(程)计划执行数 |
    全年(程)预算数): the part of the year and the whole year, each (cell, value), under their headers."""

    label: str  # the line's name (「赛珍珠文化公园运转经费」)
    part: tuple[str, float]  # (cell, value) of the part-year column (半年, 上半年, 第一季度 …)
    year: tuple[str, float]  # (cell, value) of the whole-year column
    part_header: str
    year_header: str


@dataclass
class AllocationAt:
    """The allocation table (资金分配表) a notice prints as an earlier attachment above a transfer's
    绩效目标表 on the same page (重庆万盛 2025 附件1 → 附件2): what it passes down, for a rule to compare."""

    title: tuple[str, str]  # (cell, text) of its title (「2025年…项目资金分配表」)
    unit: str  # the unit its unit line prints (「万元」), "" when none
    total: float  # what its lines allocate: each line's 合计/小计 column (or its one amount), summed
    ceiling: float  # every number of its lines summed (合计 and its parts alike): no reading can exceed it
    cells: str  # the range its lines stand in


@dataclass
class FormMap:
    """One form on one sheet, as recognised."""

    sheet: str
    kind: str  # form1 / form2 / form3
    profile: str = "ours"
    profile_cue: str = ""  # why this profile (Chinese)
    template: bool = False  # laid out as our template
    rows: tuple[int, int] = (1, 0)  # the sheet rows the form spans (several forms may share a sheet)
    fields: dict[str, FieldAt] = field(default_factory=dict)
    tables: dict[str, TableAt] = field(default_factory=dict)
    found: set[str] = field(default_factory=set)  # section keys (see Placement.found)
    missing: list[str] = field(default_factory=list)  # anchors of required sections not found (S002)
    not_found: list[str] = field(default_factory=list)  # fields looked for and not found
    #: fields written 「本次未提供」 (import's mark for a field its source did not have): not provided,
    #: so no rule asks for them (``Context.sure`` is False for them)
    marked: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)  # what was assumed (Chinese)
    prose: bool = False  # a notice publishing its targets as paragraphs: no table to read
    #: indicators printed as an outline (``xladdin.outline``): "tree" (one column, levels by indentation
    #: or numbering) or "tagged" (「【一级-二级】」 headings over 「指标1:名称(值)」 lines in one cell)
    outline: str = ""
    outline_note: str = ""  # what was assumed when the outline's levels or values are not certain
    sums: list[SumAt] = field(default_factory=list)  # a foreign form's own 合计 lines (see :class:`SumAt`)
    plans: list[PlanAt] = field(default_factory=list)  # a spending plan by period (see :class:`PlanAt`)
    #: a 项目 form's funding lines our model has no field for (其中:财政拨款, 其他资金 …), read for rules only
    lines: list[FieldAt] = field(default_factory=list)
    #: a 项目 form's funding lines by government level (中央资金, 省级资金 …, this year's amount): key 中央 /
    #: 省 / 市 / 州 / 县 / 区 (湖南湘阴 2022's 项目资金申请 table), read for rules only
    sources: list[FieldAt] = field(default_factory=list)
    #: a foreign 部门整体 form's funding columns for earlier years (近两年收支金额, 上年金额) left blank on
    #: every amount line while the year's column is filled: (header cell, header text, blank range)
    blank_periods: list[tuple[str, str, str]] = field(default_factory=list)
    #: (label, label cell, value cell) of every field a foreign form prints in its 「label │ value」 grid
    #: above the indicators and left blank, whatever the label (归口业务科室, 项目属性 …)
    blank_fields: list[tuple[str, str, str]] = field(default_factory=list)
    #: printed tick-box lists (「新增□ 延续□」) with no box ticked, each with its label's cell
    #: (浙江临海 2024 项目类型 / 项目属性 / 重要程度 / 项目口径; 芜湖 2019 「部门预算 □ 切块预算 □」)
    unticked: list[FieldAt] = field(default_factory=list)
    #: amount cells whose label (or the block label left of it) prints the unit: 「项目金额(万元)」
    unit_labelled: set[str] = field(default_factory=set)
    #: a project's classification fields printed with a blank value (项目性质 │ (blank) │ 项目安排频度 …)
    blank_kinds: list[FieldAt] = field(default_factory=list)
    #: yes/no fields denying an upper-level transfer (「是否使用上级转移支付资金: │ 否」)
    no_transfer: list[FieldAt] = field(default_factory=list)
    #: the allocation table an earlier attachment on the sheet prints above this form (see :class:`AllocationAt`)
    allocation: AllocationAt | None = None
    #: amount labels naming the level of the money (「中央补助年度金额(万元)」 │ 158.18): ``note`` the level
    level_labels: list[FieldAt] = field(default_factory=list)

    def structure_note(self) -> str | None:
        """The one note a form whose indicators were not read from a table gets (a prose notice)."""
        if not self.prose:
            return None
        table = self.tables.get("indicators")
        if self.kind == "form1" and table is None and ("goal" in self.fields or "work_plan" in self.tables):
            parts = len(self.tables["work_plan"].rows) if "work_plan" in self.tables else 0
            read = "总体目标" if "goal" in self.fields else ""
            read += ("及" if read and parts else "") + (f" {parts} 段分项目标" if parts else "")
            return (
                f"本表的部门整体绩效目标以文字段落公布，不是表格：从段落中推测读出{read}（据此的问题最多为警告），"
                "未读出指标，未检查指标，请以附件中的绩效目标表核对"
            )
        if table is None or not table.texts:
            return (
                "本表的绩效目标以文字段落公布，不是表格：未能从段落中读出指标，未检查指标，请以附件中的绩效目标表核对"
            )
        return (
            f"本表的绩效目标以文字段落公布，不是表格：从段落中推测读出 {len(table.texts)} 个指标"
            "（名称与指标值的分界为推测，据此的问题最多为警告），请以附件中的绩效目标表核对"
        )

    def weak_cells(self) -> dict[str, str]:
        """cell → what was assumed, for every cell not found for certain: a field or column found by a
        guess; on a form not laid out as our template, a field read at our template's position and a
        table column assigned by our template's position (its header does not name it); a field whose
        value is a label or header text (a header is never a value); a table row read past the start of
        the next table (a value read across a boundary). An error resting on such a cell is a warning
        that says what was assumed (``xladdin.rules.base``)."""
        out: dict[str, str] = {}
        for f in self.fields.values():
            if not f.cell:
                continue
            if not f.sure:
                out[f.cell] = f.note or f"{f.key}（{CUES.get(f.cue, f.cue)}）"
            elif printed_text(self.kind, f.value):
                out[f.cell] = f"{f.cell}「{f.value}」是表头或标签文字，不是{FIELD_NAMES.get(f.key, f.key)}的值"
            elif f.cue == "layout" and not self.template:
                out[f.cell] = f"{FIELD_NAMES.get(f.key, f.key)}按本模板的位置取 {f.cell}（本表不是本模板的排版）"
            elif not self.template and f.value in (None, "") and f.label and f.cue != "header":
                # the label is certain, its value's cell is not: a foreign form may write it further on
                # (a column header's cell in its item row is certain: 湘西's list, 实施期绩效目标 over D6)
                what = FIELD_NAMES.get(f.key, f.key)
                out[f.cell] = f"{what}取标签 {f.label} 旁的 {f.cell}，该格为空（内容可能写在别处）"
        for t in self.tables.values():
            for c in t.columns:
                if c.sure and not self._by_position(t, c):
                    continue
                how = f"「{c.header or c.key}」列{CUES.get(c.cue, c.cue)}，推测为{_COLUMN_ZH.get(c.key, c.key)}"
                if c.cue == "prose":
                    how = "指标名称与指标值由文字段落推测分开"
                elif c.sure:
                    what = TABLE_NAMES.get(t.key, t.key)
                    how = f"{what}的{column_name(t.key, c.key)}按本模板的列位置取 {c.col} 列（表头未写明）"
                for r in t.rows:
                    out.setdefault(f"{c.col}{r}", how)
            for r, note in self.across(t.key).items():
                # a cell the next table reads too is certain for it: the rules reading this table say so
                # themselves (``xladdin.rules.indicators.helpers.Row``)
                theirs = {
                    f"{c.col}{x}"
                    for u in self.tables.values()
                    if u is not t and r in u.rows
                    for c in u.columns
                    for x in u.rows
                }
                for c in t.columns:
                    if f"{c.col}{r}" not in theirs:
                        out.setdefault(f"{c.col}{r}", note)
        return out

    def across(self, key: str) -> dict[int, str]:
        """row → what was assumed, for each row of table ``key`` read across a boundary: at or below the
        header row of another table starting below this table's start (a 支出明细 row read as an
        indicator)."""
        table = self.tables.get(key)
        if table is None:
            return {}
        out = {}
        mine = TABLE_NAMES.get(table.key, table.key)
        for r, other in self._across(table):
            into = TABLE_NAMES.get(other.key, other.key)
            out[r] = f"第{r}行在{into}（第{other.header_row}行起）之内，推测属于{mine}"
        return out

    def _by_position(self, table: TableAt, column: ColumnAt) -> bool:
        """Whether ``column`` of ``table`` was assigned by our template's column position on a form not
        laid out as our template, its header cell not naming it (a column assigned by position)."""
        if self.template or column.cue != "layout" or column.key == "extra":
            return False
        if table.key == "indicators":
            return header_key(column.header) != column.key
        return table_header_key(table.key, column.header) != column.key

    def _across(self, table: TableAt) -> list[tuple[int, TableAt]]:
        """(row, the other table) for each row of ``table`` at or below the header row of another table
        that starts below ``table``'s own start: rows read across the boundary into the next table."""
        if self.template or not table.rows:
            return []
        start = table.header_row or min(table.rows)
        later = [u for u in self.tables.values() if u is not table and u.header_row > start]
        out = []
        for r in table.rows:
            other = next((u for u in later if r >= u.header_row), None)
            if other is not None:
                out.append((r, other))
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "kind": self.kind,
            "profile": self.profile,
            "profile_cue": self.profile_cue,
            "template": self.template,
            "rows": list(self.rows),
            "fields": {k: f.as_dict() for k, f in self.fields.items()},
            "tables": {k: t.as_dict() for k, t in self.tables.items()},
            "found": sorted(self.found),
            "missing": list(self.missing),
            "not_found": list(self.not_found),
            "marked": sorted(self.marked),
            "notes": list(self.notes),
            "prose": self.prose,
            **({"outline": self.outline} if self.outline else {}),
            **({"allocation": vars(self.allocation)} if self.allocation else {}),
        }


__all__ = [
    "CUES",
    "KIND_ZH",
    "MARKED_COLUMNS",
    "NOT_GIVEN",
    "WEAK",
    "AllocationAt",
    "ColumnAt",
    "FieldAt",
    "FormMap",
    "PlanAt",
    "TableAt",
    "is_not_given",
]
