"""The typed model of one submission: 附表1, 附表2 and the 附表3 sheets.

Every field holds the cell's plain value as read (``str``, ``int``, ``float``, ``bool`` or
``None``; an Excel error such as ``#REF!`` is kept as its text). The builder writes these values;
the reader fills them. Where a form was read from a sheet, ``place`` tells the cell of each field,
so a rule can point at it without knowing the layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CellValue = str | int | float | bool | None


@dataclass
class Placement:
    """Where a form's fields and table rows stand on its sheet (1-based rows, column letters)."""

    fields: dict[str, str] = field(default_factory=dict)  # field key -> "B5"
    rows: dict[str, list[int]] = field(default_factory=dict)  # table key -> row numbers
    columns: dict[str, dict[str, str]] = field(default_factory=dict)  # table -> column key -> "D"
    formulas: dict[str, str] = field(default_factory=dict)  # "B5" -> "=SUM(...)" as read
    #: the sections the reader found (``xladdin.layout.vocabulary.SECTION_KEYS`` values, table
    #: keys, "template" when the sheet is laid out as our template); see ``Context.found``
    found: set[str] = field(default_factory=set)
    #: tables read for the rules and written nowhere (a foreign form's 中期 set of indicators): table key
    #: -> (row numbers, column key -> letter); :meth:`row_cell` finds their cells too
    read_only: dict[str, tuple[list[int], dict[str, str]]] = field(default_factory=dict)

    def cell(self, key: str) -> str:
        return self.fields.get(key, "")

    def row_cell(self, table: str, index: int, column: str) -> str:
        rows, cols = self.rows.get(table), self.columns.get(table)
        if rows is None and table in self.read_only:
            rows, cols = self.read_only[table]
        rows, cols = rows or [], cols or {}
        col = cols.get(column)
        if col is None or index >= len(rows):
            return ""
        return f"{col}{rows[index]}"


@dataclass
class Indicator:
    """One row of a 年度绩效指标 table (一级 / 二级 / 三级 / 指标值 / 绩效标准).

    Where the form prints the unit (计量单位) and the operator (指标方向: ≥ ≤) in columns of their
    own, ``value`` holds the joined text a reviewer reads (「≥」「95」「%」 → 「≥95%」; the unit is
    not appended when the value already ends with it) and ``unit`` the unit as printed."""

    level1: CellValue = None
    level2: CellValue = None
    name: CellValue = None
    value: CellValue = None
    standard: CellValue = None  # 绩效标准, 附表3 only
    unit: CellValue = None  # the separate 计量单位 as printed; None when the form has no unit column
    # Columns other profiles print (None where the form has no such column; see Placement.columns).
    operator: CellValue = None  # 计算符号 / 指标性质 (≥ ≤ = 定性) as printed in its own column
    #: 指标值类型 (定量 / 定性) as printed, whether in a column of that name or in the 指标性质 column
    #: (湖南湘西 2023 一体化 list: 「95%以上」 typed 定性); None where the form states no type
    value_type: CellValue = None
    weight: CellValue = None  # 权重 / 分值
    explanation: CellValue = None  # 指标解释
    scoring: CellValue = None  # 评(扣)分标准
    formula: CellValue = None  # 计算公式
    prior: CellValue = None  # 上年指标值 (rollover or import of last year's form keeps it)
    #: further value columns, header as printed -> value (one column per period, place or sub-item;
    #: the 中期 value where 中期 and 年度 stand side by side)
    extra: dict[str, CellValue] = field(default_factory=dict)


@dataclass
class WorkItem:
    """One row of 附表1's 年度重点工作计划."""

    item: CellValue = None
    unit: CellValue = None
    goal: CellValue = None


@dataclass
class Detail:
    """One row of 附表3's 支出明细及测算说明."""

    summary: CellValue = None  # 支出内容简介
    detail: CellValue = None  # 支出明细
    amount: CellValue = None  # 金额
    basis: CellValue = None  # 支出测算依据及过程说明


@dataclass
class FundRow:
    """One row of 附表2 (the 合计 row has the same shape)."""

    seq: CellValue = None
    name: CellValue = None
    amount: CellValue = None
    period_goal: CellValue = None
    annual_goal: CellValue = None


@dataclass
class Signature:
    """The signature lines under a form."""

    head: CellValue = None  # 单位负责人签字
    filler: CellValue = None  # 填表人
    phone: CellValue = None  # 联系电话


@dataclass
class ProjectTexts:
    """The further fields a foreign 项目 form prints (山西 申报表, 重庆 表十二, 江苏 项目绩效, 新疆 申报表…),
    read where a label names them; None where the form prints no such field. Our template has no place
    for them: import lists them in 导入备注."""

    supervisor: CellValue = None  # 主管部门(及代码) where the form prints it beside 实施单位
    overview: CellValue = None  # 项目概况 / 项目总体情况 / 项目概述
    basis: CellValue = None  # 立项依据
    necessity: CellValue = None  # 项目设立必要性 / 项目必要性说明
    measures: CellValue = None  # 保证项目实施的制度、措施 / 保障措施
    plan: CellValue = None  # 项目实施计划
    content: CellValue = None  # 项目内容 / 项目主要内容 (安徽 numbered preamble 「(5)项目内容。…」)
    detail: CellValue = None  # 项目支出明细 printed as one text (重庆巴南 「村支部书记44人(311元/人)…」)
    period_amount: CellValue = None  # 中期预算资金总额 / 项目资金总额 (the whole period's money)
    leader: CellValue = None  # 项目负责人 (及联系电话), as printed


@dataclass
class Form:
    """What every form has: its sheet, title, 填报单位 and signature lines."""

    sheet: str = ""
    title: CellValue = None
    unit: CellValue = None  # 填报单位
    signature: Signature = field(default_factory=Signature)
    place: Placement = field(default_factory=Placement)
    #: the form family it was read as (``xladdin.layout.profiles``); "ours" is our template / 湖南 2023
    profile: str = "ours"

    def cell(self, key: str) -> str:
        return self.place.cell(key)

    def get(self, key: str) -> Any:
        """A field by its layout key; ``signature.phone`` style keys reach nested fields."""
        obj: Any = self
        for part in key.split("."):
            obj = getattr(obj, part)
        return obj


@dataclass
class Form1(Form):
    """附表1 部门整体支出绩效目标表."""

    department: CellValue = None  # 部门名称
    total: CellValue = None  # 资金总额 (formula)
    general_budget: CellValue = None  # 一般公共预算拨款
    gov_fund: CellValue = None  # 政府性基金拨款
    other_funds: CellValue = None  # 其他资金
    basic: CellValue = None  # 基本支出
    project: CellValue = None  # 项目支出 (formula: 附表2 合计)
    duties: CellValue = None  # 部门职责概述
    goal: CellValue = None  # 年度总体绩效目标 / 整体目标, where the form prints one (not our template)
    work_plan: list[WorkItem] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class Form2(Form):
    """附表2 专项资金绩效目标汇总表."""

    total: FundRow = field(default_factory=FundRow)  # the 合计 row, above the funds
    funds: list[FundRow] = field(default_factory=list)


@dataclass
class Form3(Form):
    """附表3 专项资金支出方向绩效目标表 (one 支出方向)."""

    direction: CellValue = None  # 支出方向（子项）
    parent_name: CellValue = None  # 所属专项 名称
    project_amount: CellValue = None  # 项目金额
    parent_amount: CellValue = None  # 所属专项 金额
    period: CellValue = None  # 项目实施期
    period_goal: CellValue = None  # 实施期绩效目标
    annual_goal: CellValue = None  # 年度绩效目标
    indicators: list[Indicator] = field(default_factory=list)
    #: a block of 长期/中期 indicators a foreign form prints above the year's (read, not written by import)
    period_indicators: list[Indicator] = field(default_factory=list)
    details: list[Detail] = field(default_factory=list)
    detail_total: CellValue = None  # 合计 of 支出明细 (formula)
    #: a 测算依据 printed on the 支出明细's 合计 line (湖南湘阴 2022): the whole table's; our template has none
    detail_basis: CellValue = None
    #: the project's further text fields a foreign form prints (``info.overview`` … as field keys)
    info: ProjectTexts = field(default_factory=ProjectTexts)


@dataclass
class Submission:
    """One department's workbook."""

    form1: Form1 | None = None
    form2: Form2 | None = None
    form3s: list[Form3] = field(default_factory=list)
    year: int | None = None
    path: str = ""
    sheet_names: list[str] = field(default_factory=list)  # all sheets, in workbook order

    def forms(self) -> list[Form]:
        out: list[Form] = []
        if self.form1 is not None:
            out.append(self.form1)
        if self.form2 is not None:
            out.append(self.form2)
        out.extend(self.form3s)
        return out
