"""Structure rules (S0xx): the workbook holds the forms, and the reader found their parts."""

from __future__ import annotations

from collections.abc import Iterator

from xladdin.rules.base import Context, Hit, Severity, rule

ANCHOR_ZH = {
    "绩效目标表": "标题",
    "绩效目标汇总表": "标题",
    "年度绩效指标": "绩效指标表（「年度绩效指标」标签或「一级指标 二级指标 三级指标」表头）",
    "支出方向": "「支出方向」或「项目名称」",
}


@rule("S001", "缺少附表", Severity.ERROR)
def missing_forms(ctx: Context) -> Iterator[Hit]:
    """The workbook has no 附表1, no 附表2, or no 附表3 at all.

    Why it matters: a submission is the set of all three; a reviewer cannot cross-check 项目支出
    without 附表2, nor a fund without its 附表3.

    Example: a workbook with 附表1 and the 附表3 sheets but no 附表2.

    Fix: add the missing sheet from the template (its layout must be kept: the checks find the
    rows by their labels).
    """
    sub = ctx.submission
    if not any(ctx.found(f, "template") for f in sub.forms()):
        return  # forms in another bureau's layout (a single 项目 form): no set of 附表 to complete
    first = sub.sheet_names[0] if sub.sheet_names else ""
    if sub.form1 is None:
        yield ctx.hit(first, "A1", "工作簿中没有附表1（部门整体支出绩效目标表）", "从模板复制附表1")
    if sub.form2 is None:
        yield ctx.hit(first, "A1", "工作簿中没有附表2（专项资金绩效目标汇总表）", "从模板复制附表2")
    if not sub.form3s and sub.form2 is not None and any(f.name for f in sub.form2.funds):
        yield ctx.hit(sub.form2.sheet, "A1", "工作簿中没有任何附表3", "为每个专项新增附表3")


@rule("S002", "表格结构缺项", Severity.ERROR)
def missing_sections(ctx: Context) -> Iterator[Hit]:
    """A form lacks one of its labelled parts (a row the checks find by its label in column A).

    Why it matters: the part's contents cannot be checked, and the printed form is incomplete.

    Example: the 「支出明细及测算说明」 label deleted from a 附表3.

    Fix: restore the row with its label from the template.
    """
    for sheet, _form, anchor in ctx.structure.missing:
        what = ANCHOR_ZH.get(anchor, f"「{anchor}」")
        yield ctx.hit(sheet, "A1", f"找不到{what}所在的行（A 列标签）", "按模板恢复该行及其标签")


@rule("S003", "公式无法计算", Severity.WARNING)
def uncomputed(ctx: Context) -> Iterator[Hit]:
    """A formula has no saved result and uses functions the checker does not evaluate.

    Why it matters: its value is unknown to the checks until Excel recalculates and saves the file.

    Example: =VLOOKUP(...) in a file saved by a program that does not compute formulas.

    Fix: open the file in Excel (or WPS), let it recalculate, save, and check again.
    """
    for sheet, cell, formula in ctx.structure.uncomputed:
        yield ctx.hit(sheet, cell, f"公式 {formula} 没有保存计算结果，无法核对", "在 Excel 中打开并保存后再校验")


@rule("S004", "无法识别的工作表", Severity.INFO)
def unknown_sheets(ctx: Context) -> Iterator[Hit]:
    """A visible sheet is none of 附表1/附表2/附表3 (or a second 附表1/附表2).

    Why it matters: it will be printed and sent with the submission; perhaps a renamed or damaged
    form.

    Example: a sheet 「Sheet1」 with notes.

    Fix: delete it before submission, or restore its 附表 marker in A1.
    """
    for sheet in ctx.structure.unknown_sheets:
        yield ctx.hit(sheet, "A1", f"工作表「{sheet}」不是附表1/附表2/附表3", "报送前删除，或恢复 A1 的附表标记")
