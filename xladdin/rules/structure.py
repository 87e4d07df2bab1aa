"""Structure rules (S0xx): the workbook holds the forms, and the reader found their parts."""

from __future__ import annotations

from collections.abc import Iterator

from xladdin.formmap import FormMap
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
    f2 = sub.form2
    if not sub.form3s and f2 is not None and ctx.found(f2, "funds") and any(f.name for f in f2.funds):
        # (附表2 marked 「本次未提供」 by an import lists no fund: its funds are not found)
        yield ctx.hit(f2.sheet, "A1", "工作簿中没有任何附表3", "为每个专项新增附表3")


rule("S001", "缺少附表", Severity.ERROR, missing_forms)


def missing_sections(ctx: Context) -> Iterator[Hit]:
    """问题：表中缺少某个带标签的部分（检查靠 A 列标签找到的行）。其他表式（外省、系统打印的表）的表
    没有签字栏等结尾、又没找到某部分时，由 S006 提示（可能认不出或副本不完整）。

    为何要紧：这一部分的内容无法检查，打印出来的表也不完整。依赖这一部分的其他规则不再运行，只报
    这一次。

    示例：附表3 的「支出明细及测算说明」标签被删除。

    修改：按模板恢复该行及其标签。
    """
    for sheet, _form, anchor in ctx.structure.missing:
        if _foreign(ctx, sheet, anchor):
            continue
        what = ANCHOR_ZH.get(anchor, f"「{anchor}」")
        # a part not found on a form not laid out as ours may be printed in a way the tool cannot read:
        # a section not found is no certain absence (a warning that says so)
        ours = not any(m.sheet == sheet and not m.template and anchor in m.missing for m in ctx.structure.maps)
        assumed = "" if ours else "本表不是本模板的排版，未找到不等于没有，可能是本工具认不出该部分"
        yield ctx.hit(sheet, "A1", f"找不到{what}所在的行（A 列标签）", "按模板恢复该行及其标签", assumed=assumed)


def _foreign(ctx: Context, sheet: str, anchor: str) -> bool:
    """Whether ``anchor`` was missed on a form of ``sheet`` not laid out as our template and showing
    no end of its own (no 签字栏 / 填表人 line found): a part the tool could not find or the copy does
    not hold. A foreign form that reaches its 签字栏 without the part lacks it (S002)."""
    return any(m.sheet == sheet and not m.template and anchor in m.missing and not _ends(m) for m in ctx.structure.maps)


def _row(cell: str) -> int:
    digits = "".join(ch for ch in cell if ch.isdigit())
    return int(digits) if digits else 0


def _ends(fmap: FormMap) -> bool:
    """Whether a foreign form shows its end: a signature field (签字栏, 填表人, 联系电话) standing below its
    content. 填报人 and 联系电话 printed in the head rows beside the department's name (湖北广水) end
    nothing: the copy may stop after them."""
    signs = [_row(f.cell or f.label) for k, f in fmap.fields.items() if k.startswith("signature.")]
    rest = [_row(f.cell or f.label) for k, f in fmap.fields.items() if not k.startswith("signature.") and k != "title"]
    rest += [max(t.rows) for t in fmap.tables.values() if t.rows]
    return bool(signs) and max(signs) >= max(rest, default=0)


rule("S002", "表格结构缺项", Severity.ERROR, missing_sections)


def foreign_missing(ctx: Context) -> Iterator[Hit]:
    """问题：不是按本模板排版的表（外省表式、系统打印表、转存的网页）中，本工具没有找到某个部分（如
    绩效指标表），表的结尾（签字栏、填表人）也没有找到。可能是原表就没有，也可能是表式认不出来，或
    转存的副本在这一部分之前就截断了。

    为何要紧：找不到的部分无法检查，依赖它的规则都不运行；这不一定是填报人的错，所以只作提示。

    示例：转存的申报表到「总体目标」就结束了，后面的绩效指标表不在文件中。

    修改：核对原表是否有这一部分；有的话，用 ``xladdin inspect`` 看本工具如何读这张表，或在配置中
    指定表式（[form] profile）。
    """
    for sheet, _form, anchor in ctx.structure.missing:
        if _foreign(ctx, sheet, anchor):
            what = ANCHOR_ZH.get(anchor, f"「{anchor}」")
            yield ctx.hit(sheet, "A1", f"本工具在这张表中没有找到{what}，其内容未检查", "核对原表是否有这一部分")


rule("S006", "外来表式中未找到某部分", Severity.INFO, foreign_missing)


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


def outline_guessed(ctx: Context) -> Iterator[Hit]:
    """问题：这张表的指标不是分栏的表格，而是一列中的层级树（一级、二级、三级只靠缩进或编号区分），
    或一格中的「【产出指标-数量指标】」「指标1:名称(值)」标签行；本工具读出了指标，但层级（或名称与
    指标值的分界）不齐，是推测的。

    为何要紧：层级推测错了，指标就会被当成另一类来检查；所以据此的问题最多是警告，并在这里说一次。

    示例：「数量指标」一处缩进 4 格、另一处缩进 6 格；或「指标1:机柜数量≥77台」没有括号或冒号分开。

    修改：核对各指标的层级；把指标填入本模板的绩效指标表后再检查，结论更可靠。
    """
    for sheet, cell, note in ctx.structure.outlines:
        yield ctx.hit(sheet, cell, note, "核对各指标的层级与指标值；填入本模板的绩效指标表后再检查")


rule("S011", "指标层级按缩进或标签推测", Severity.INFO, outline_guessed)


def cut_short_table(ctx: Context) -> Iterator[Hit]:
    """问题：指标表一直排到表格的最后一行就结束了（下面没有落款、签字栏、审核意见或注），末行不是满意度
    指标，而且缺了某一类指标（产出、效益、满意度，101号表式还有成本）。这多半是截取或转存时不完整
    的副本，不是填报人漏填；本工具只在这里提示一次，不再逐类报「没有填写任何……指标」。

    为何要紧：审核人不会因为文件里根本没有的部分指责填报人；但拿到的表不完整，缺的部分也就无法检查。

    示例：转存的网页到「产出指标」第一行就断了，后面的效益、满意度指标都不在。

    修改：找到完整的原表再检查；如果原表确实到此为止，补齐缺少的指标。
    """
    from xladdin.rules.indicators.helpers import cut_short, leveled, tables

    prose = {sheet for sheet, _, _ in ctx.structure.notices}  # S005 has said the table is a reading of prose
    for form, rows in tables(ctx):
        if not leveled(rows) or form.sheet in prose:
            continue
        cut = cut_short(ctx, form, rows)
        if cut and not cut.at_boundary:  # at a block's end I301 says it, as a warning
            yield ctx.hit(
                form,
                cut.cell or "A1",
                f"指标表到第{cut.row}行（表格末行）就结束了，看不到{cut.missing_zh}：可能是不完整的副本",
                "对照完整的原表检查；原表确实到此为止时，补齐缺少的指标",
            )


rule("S007", "指标表可能不完整", Severity.INFO, cut_short_table, needs=("name", "value"))


def printed_field_blank(ctx: Context) -> Iterator[Hit]:
    """问题：外来表式在表头的「栏目 │ 填写处」格子里印了一栏（归口业务科室、是否政府采购、项目属性……），
    填写处却空着。不论这一栏工具是否认识都提示，每张表一次，列出所有空着的栏目；栏目写明「选填」「如有」，
    或是盖章、审核意见、金额一类的栏目除外（金额另有规则）。

    为何要紧：表上印出的栏目是财政要求填写的信息；空着，审核人要回头追问，通常会要求补填后再报。

    示例：重庆巴南 项目支出绩效目标表「归口业务科室」「是否政府采购」「项目属性」三栏空白。

    修改：逐栏填写（不适用的写「无」或「否」）。
    """
    for form in ctx.submission.forms():
        fmap = ctx.map_of(form)
        if fmap is None or not fmap.blank_fields:
            continue
        (first, *rest) = fmap.blank_fields
        names = "、".join(f"「{name}」" for name, _, _ in fmap.blank_fields)
        yield ctx.hit(
            form,
            first[2],
            f"表上印有的栏目{names}未填写",
            "逐栏填写（不适用的写「无」或「否」）",
            cells=tuple(f"{form.sheet}!{c}" for _, _, c in rest),
        )


rule("S012", "表上印有的栏目未填写", Severity.WARNING, printed_field_blank)
