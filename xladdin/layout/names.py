"""The Chinese name of every field, table and column of the three forms: what ``inspect``, the
审核意见, ``import``'s report and the error lines call them. One table, so a field is named the same
way everywhere; the labels printed on a foreign form are in :mod:`xladdin.layout.vocabulary`."""

from __future__ import annotations

FORM_NAMES = {"form1": "附表1", "form2": "附表2", "form3": "附表3"}

#: field key (as in the layouts' ``Cell.key``) → its name
FIELD_NAMES = {
    "title": "标题",
    "unit": "填报单位",
    "department": "部门名称",
    "total": "资金总额",
    "general_budget": "一般公共预算拨款",
    "gov_fund": "政府性基金拨款",
    "other_funds": "其他资金",
    "basic": "基本支出",
    "project": "项目支出",
    "duties": "部门职责概述",
    "goal": "部门整体目标",
    "direction": "支出方向（子项）",
    "parent_name": "所属专项名称",
    "project_amount": "项目金额",
    "parent_amount": "所属专项金额",
    "period": "项目实施期",
    "period_goal": "实施期绩效目标",
    "annual_goal": "年度绩效目标",
    "detail_total": "支出明细合计",
    "total.seq": "合计行的序号",
    "total.name": "合计行的名称",
    "total.amount": "合计金额",
    "total.period_goal": "合计行的实施期绩效目标",
    "total.annual_goal": "合计行的年度绩效目标",
    "info.supervisor": "主管部门",
    "info.overview": "项目概况",
    "info.basis": "立项依据",
    "info.necessity": "项目设立必要性",
    "info.measures": "保障措施",
    "info.plan": "项目实施计划",
    "info.content": "项目内容",
    "info.detail": "项目支出明细",
    "info.period_amount": "中期（项目）资金总额",
    "info.leader": "项目负责人",
    "signature.head": "单位负责人签字",
    "signature.filler": "填表人",
    "signature.phone": "联系电话",
}

#: table key → its name
TABLE_NAMES = {
    "work_plan": "年度重点工作计划",
    "indicators": "年度绩效指标",
    "period_indicators": "中长期（实施期）绩效指标",
    "details": "支出明细",
    "funds": "专项资金",
}

#: indicator table column key → its name
INDICATOR_COLUMN_NAMES = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "value": "指标值",
    "unit": "计量单位",
    "direction": "计算符号/指标性质",
    "standard": "绩效标准",
    "weight": "权重/分值",
    "explanation": "指标解释",
    "scoring": "评(扣)分标准",
    "formula": "计算公式",
    "basis": "指标值设定依据",
    "prior": "上年指标值",
    "extra": "其他列",
}

#: the other tables' columns: table key → column key → its name
TABLE_COLUMN_NAMES = {
    "funds": {
        "seq": "序号",
        "name": "专项名称",
        "amount": "金额",
        "period_goal": "实施期绩效目标",
        "annual_goal": "年度绩效目标",
    },
    "details": {"summary": "支出内容简介", "detail": "支出明细", "amount": "金额", "basis": "支出测算依据"},
    "work_plan": {"item": "年度重点工作计划事项", "unit": "责任单位", "goal": "工作目标"},
}


def column_name(table: str, key: str) -> str:
    """The name of column ``key`` of ``table`` (the indicator table's columns for any other table)."""
    return TABLE_COLUMN_NAMES.get(table, INDICATOR_COLUMN_NAMES).get(key, key)
