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


def missing_forms(ctx: Context) -> Iterator[Hit]:
    """问题：工作簿中没有附表1、没有附表2，或一张附表3 也没有。只有附表3（项目表）的工作簿是项目申报，
    不要求附表1、附表2。

    为何要紧：一份报送是三种表的整体；没有附表2 无法核对项目支出，没有附表3 无法审核专项。

    示例：工作簿有附表1 和各附表3，但没有附表2。

    修改：从模板复制缺少的工作表（须保持其格式：检查靠标签找到各行）。
    """
    sub = ctx.submission
    if not any(ctx.found(f, "template") for f in sub.forms()):
        return  # forms in another bureau's layout (a single 项目 form): no set of 附表 to complete
    if sub.form1 is None and sub.form2 is None:
        return  # a project declaration: 附表3 alone, no 附表1 or 附表2 asked for
    first = sub.sheet_names[0] if sub.sheet_names else ""
    if sub.form1 is None:
        yield ctx.hit(first, "A1", "工作簿中没有附表1（部门整体支出绩效目标表）", "从模板复制附表1")
    if sub.form2 is None:
        yield ctx.hit(first, "A1", "工作簿中没有附表2（专项资金绩效目标汇总表）", "从模板复制附表2")
    if not sub.form3s and sub.form2 is not None and any(f.name for f in sub.form2.funds):
        yield ctx.hit(sub.form2.sheet, "A1", "工作簿中没有任何附表3", "为每个专项新增附表3")


rule("S001", "缺少附表", Severity.ERROR, missing_forms)


def missing_sections(ctx: Context) -> Iterator[Hit]:
    """问题：表中缺少某个带标签的部分（检查靠 A 列标签找到的行）。

    为何要紧：这一部分的内容无法检查，打印出来的表也不完整。依赖这一部分的其他规则不再运行，只报
    这一次。

    示例：附表3 的「支出明细及测算说明」标签被删除。

    修改：按模板恢复该行及其标签。
    """
    for sheet, _form, anchor in ctx.structure.missing:
        what = ANCHOR_ZH.get(anchor, f"「{anchor}」")
        yield ctx.hit(sheet, "A1", f"找不到{what}所在的行（A 列标签）", "按模板恢复该行及其标签")


rule("S002", "表格结构缺项", Severity.ERROR, missing_sections)


def uncomputed(ctx: Context) -> Iterator[Hit]:
    """问题：公式没有保存计算结果，而且用到了本工具不计算的函数。

    为何要紧：在 Excel 重新计算并保存之前，检查不知道它的值。

    示例：由不计算公式的程序保存的文件中的 =VLOOKUP(...)。

    修改：在 Excel（或 WPS）中打开，重新计算、保存后再检查。
    """
    for sheet, cell, formula in ctx.structure.uncomputed:
        yield ctx.hit(sheet, cell, f"公式 {formula} 没有保存计算结果，无法核对", "在 Excel 中打开并保存后再校验")


rule("S003", "公式无法计算", Severity.WARNING, uncomputed)


def unknown_sheets(ctx: Context) -> Iterator[Hit]:
    """问题：某张可见的工作表不是附表1/附表2/附表3（或是第二张附表1/附表2）。

    为何要紧：它会随报送一起打印和发送；也可能是被改名或损坏的表。

    示例：一张记着备注的「Sheet1」。

    修改：报送前删除，或恢复 A1 中的附表标记。
    """
    for sheet in ctx.structure.unknown_sheets:
        yield ctx.hit(sheet, "A1", f"工作表「{sheet}」不是附表1/附表2/附表3", "报送前删除，或恢复 A1 的附表标记")


rule("S004", "无法识别的工作表", Severity.INFO, unknown_sheets)


def prose_notices(ctx: Context) -> Iterator[Hit]:
    """问题：这张表的绩效目标以文字段落公布（如「…绩效目标设定的公示」），不是表格。

    为何要紧：本工具按表格逐条检查指标；段落中的指标没有逐条读取，也就没有检查，不能当作「没有问题」。

    示例：公示正文写「数量指标：种植数量(≥**株)>=17600株；时效指标：完成及时率>=100%」。

    修改：以附件中的绩效目标表（表格）核对，或把指标填入本模板的绩效指标表后再检查。
    """
    for sheet, cell, note in ctx.structure.notices:
        yield ctx.hit(sheet, cell, note, "以附件中的绩效目标表核对，或把指标填入模板的绩效指标表后再检查")


rule("S005", "绩效目标以文字公布，未逐条检查", Severity.INFO, prose_notices)
