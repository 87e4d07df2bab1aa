"""新增专项 and 同步汇总, planned on the model: what to add to the workbook, as a list of edits.

Both commands touch 附表2's fund rows the same way: a row's name, amount and goals become formulas
that link to its 附表3 sheet, and 合计 sums the rows again. The cells come from the layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from xladdin import a1
from xladdin.build.workbook import counts, fill_cached_values, size_rows
from xladdin.config import Config, default_config
from xladdin.edits import AddSheet, Change, InsertRows, Plan, SetCell
from xladdin.layout import LAYOUTS, fund_sheet_name, sheet_name_problem
from xladdin.layout.base import SumColumn, col_index, col_letter
from xladdin.layout.names import column_name
from xladdin.layout.place import locate, plan
from xladdin.layout.render import SheetSpec, formula_text, quote_sheet, render
from xladdin.layout.skeleton import DEFAULT_STANDARD, skeleton_rows
from xladdin.model import Detail, Form2, Form3, FundRow, Indicator, Placement, Signature
from xladdin.names import fund_key
from xladdin.reader import Reading
from xladdin.values import MAX_AMOUNT, checked_amount, clean_text, is_blank

NUMERALS = "一二三四五六七八九"


class CommandError(Exception):
    """The command refuses (message in Chinese); nothing was changed."""


def numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三, 105 → 一百零五 (序号 on 附表2)."""
    if n < 1 or n >= 1000:
        return str(n)
    if n < 10:
        return NUMERALS[n - 1]
    if n < 100:
        tens, ones = divmod(n, 10)
        head = "" if tens == 1 else NUMERALS[tens - 1]
        return head + "十" + (NUMERALS[ones - 1] if ones else "")
    hundreds, rest = divmod(n, 100)
    head = NUMERALS[hundreds - 1] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + NUMERALS[rest - 1]
    return head + ("一" if rest < 20 else "") + numeral(rest)


_key = fund_key


def parse_amount(text: str) -> Decimal:
    """The amount argument: finite, within bounds, stored exactly as reported (see checked_amount)."""
    try:
        return checked_amount(text)
    except ValueError as err:
        raise CommandError(str(err)) from None


@dataclass
class FundLinks:
    """Formulas on 附表2 that follow a 附表3 sheet."""

    name: str | None
    amount: str | None
    period_goal: str | None
    annual_goal: str | None


def links(sheet: str, place: Placement) -> FundLinks:
    """The formulas; None for a field the sheet does not print (a form in another bureau's layout:
    its value is copied instead)."""
    ref = quote_sheet(sheet)

    def text(key: str) -> str | None:  # ""& keeps an empty cell empty instead of 0
        return f'=""&{ref}!{place.fields[key]}' if place.fields.get(key) else None

    amount = f"={ref}!{place.fields['parent_amount']}" if place.fields.get("parent_amount") else None
    return FundLinks(text("parent_name"), amount, text("period_goal"), text("annual_goal"))


def amount_from_basis(basis: str, amount: str | Decimal | None, config: Config | None = None) -> Decimal:
    """The amount (万元) a 测算依据 computes (its stated result when it states one that agrees);
    refuses when it computes nothing or disagrees with ``amount`` (tolerances from ``config``)."""
    from xladdin.basis import evaluate
    from xladdin.basis import matches as basis_matches

    cfg = config or default_config()

    def matches(calc, value: Decimal) -> bool:
        return basis_matches(calc, value, cfg.tolerance, cfg.approx_relative)

    calc = evaluate(basis)
    if calc is None:
        raise CommandError("测算依据中没有可计算的金额（如「2380元/人/月×12个月×112人=320万元」）")
    computed = calc.computed_wan
    if calc.stated_wan is not None and matches(calc, calc.stated_wan):
        computed = calc.stated_wan
    if amount is None or (isinstance(amount, str) and not amount.strip()):
        return computed
    value = amount if isinstance(amount, Decimal) else parse_amount(amount)
    if not matches(calc, value):
        raise CommandError(f"金额 {value} 万元与测算依据算出的 {computed} 万元不一致，请核对金额或测算依据")
    return value


def new_form3(reading: Reading, name: str, amount: Decimal, parent: FundRow | None, basis: str | None = None) -> Form3:
    """A 附表3 with the standard indicator skeleton, ready for the clerk to fill in; with a 测算依据,
    its 支出明细 row and the indicators suggested from it are filled in too."""
    sub = reading.submission
    year = sub.year
    title = (
        next((f.title for f in sub.form3s if not is_blank(f.title)), None)
        or f"{year or ''}年区级专项资金支出方向绩效目标表"
    )
    unit = sub.form2.unit if sub.form2 else None
    parent_amount: object = float(amount)
    if parent is not None:
        parent_amount = parent.amount
    form = Form3(
        title=title,
        unit=unit,
        direction=name,
        parent_name=parent.name if parent is not None else name,
        project_amount=float(amount),
        parent_amount=parent_amount,
        period=f"{year}年度" if year else None,
        indicators=[
            Indicator(l1, l2, "实施时间" if value else None, value, DEFAULT_STANDARD)
            for l1, l2, value in skeleton_rows(year)
        ],
        details=[Detail(name, None, float(amount), basis)] if basis else [Detail()],
        signature=Signature(),
    )
    return form


def _fill_suggestions(form: Form3, year: int | None) -> list[tuple[int, str]]:
    """Put the suggested indicators into the new form's blank rows; (row index, column) filled."""
    from xladdin.commands.suggest import propose

    filled: list[tuple[int, str]] = []
    for p in propose(form, year):
        if not p.writable:
            continue
        target = form if p.index < 0 else form.indicators[p.index]  # the goals are fields of the form
        for key, text in p.cells.items():
            setattr(target, key, text)
            filled.append((p.index, key))
    return filled


def form3_spec(form: Form3, sheet: str) -> SheetSpec:
    spec = render(form, plan(LAYOUTS["form3"], counts(form)), sheet)
    fill_cached_values([spec])
    size_rows(spec)
    return spec


def _fund_row_edits(sheet2: str, row: int, seq: str, target: str, place: Placement) -> list[SetCell]:
    cols = LAYOUTS["form2"].table_columns("funds")
    styles = {c.key: c.style for c in LAYOUTS["form2"].table("funds").columns}
    link = links(target, place)
    return [
        SetCell(sheet2, row, col_index(cols["seq"]), seq, None, styles["seq"]),
        SetCell(sheet2, row, col_index(cols["name"]), None, link.name, styles["name"]),
        SetCell(sheet2, row, col_index(cols["amount"]), None, link.amount, styles["amount"]),
        SetCell(sheet2, row, col_index(cols["period_goal"]), None, link.period_goal, styles["period_goal"]),
        SetCell(sheet2, row, col_index(cols["annual_goal"]), None, link.annual_goal, styles["annual_goal"]),
    ]


def _total_edit(reading: Reading, data_rows: list[int]) -> SetCell:
    """附表2 合计 as a formula over ``data_rows``."""
    f2 = reading.submission.form2
    assert f2 is not None
    located = locate(LAYOUTS["form2"], reading.grid.sheet(f2.sheet).rows)  # type: ignore[union-attr]
    at = located.at("funds")
    assert at is not None
    at.data = data_rows
    row, col = a1.parse(f2.cell("total.amount"))
    return SetCell(f2.sheet, row, col, None, formula_text(SumColumn("funds", "amount"), located, {}), "amount")


def _form2(reading: Reading) -> Form2:
    f2 = reading.submission.form2
    if f2 is None or (not f2.place.rows.get("funds") and not f2.cell("total.amount")):
        raise CommandError("工作簿中没有可用的附表2（专项资金绩效目标汇总表）")
    standard = LAYOUTS["form2"].table_columns("funds")
    found = f2.place.columns.get("funds", {})
    moved = [(k, found[k], standard[k]) for k in standard if k in found and found[k] != standard[k]]
    if moved:  # we write the template's columns: into a form laid out otherwise, that would be a wrong cell
        key, at, want = moved[0]
        label = column_name("funds", key)
        raise CommandError(
            f"附表2 的列与模板不同（「{label}」在 {at} 列，模板为 {want} 列，可能插入或删除了列）："
            "未作任何修改；请恢复模板的列后再运行"
        )
    return f2


def _check_new_name(name: str, existing: list) -> None:
    """A new fund's name: no control or invisible characters, and none that only looks like a name
    already there (「优抚安置专项」 with a zero-width space would be a second, identical-looking sheet)."""
    import unicodedata

    from xladdin.names import INVISIBLE, explain_lookalike, lookalike_key

    bad = [ch for ch in name if unicodedata.category(ch) == "Cc" or ch in INVISIBLE]
    if bad:
        where = explain_lookalike(name) or f"含控制字符 U+{ord(bad[0]):04X}"
        raise CommandError(f"专项名称含看不见的字符（{where}），请重新输入名称")
    for other in existing:
        if other and lookalike_key(other) == lookalike_key(name) and _key(other) != _key(name):
            why = explain_lookalike(name) or explain_lookalike(other)
            raise CommandError(f"专项名称「{name}」与已有的「{other}」看起来相同（{why}）；请用原名称，或另起名称")


def plan_new_fund(
    reading: Reading,
    name: str,
    amount: str | Decimal | None,
    parent: str | None = None,
    basis: str | None = None,
    config: Config | None = None,
) -> Plan:
    """Edits that add a 附表3 for ``name`` and (for a new 专项) its row on 附表2. With ``basis`` (a
    测算依据), the amount may be left out: the basis computes it; when both are given they must agree."""
    name = clean_text(name)
    basis = basis.strip() if isinstance(basis, str) and basis.strip() else None
    if basis is not None:
        value = amount_from_basis(basis, amount, config)
        if value.is_finite() and abs(value) <= MAX_AMOUNT:
            value = round(value, 6)  # what a 测算依据 computes, to the 元/100
        value = parse_amount(str(value))  # finite, bounded, stored as reported
    elif amount is None or (isinstance(amount, str) and not amount.strip()):
        raise CommandError("请填写金额（万元），或给出测算依据")
    else:
        value = parse_amount(str(amount))
    sub = reading.submission
    f2 = _form2(reading)
    if not name:
        raise CommandError("请填写专项（支出方向）名称")
    _check_new_name(name, [f.direction for f in sub.form3s] + ([f.name for f in f2.funds] if f2 else []))
    if any(_key(f.direction) == _key(name) for f in sub.form3s):
        raise CommandError(f"已有支出方向「{name}」的附表3，不能重复新增")
    sheet = fund_sheet_name(name, sub.sheet_names)
    problem = sheet_name_problem(name[:31])  # longer names are cut for the tab only
    if problem:
        raise CommandError(f"名称「{name}」不能用作工作表名称：{problem}")
    parent_row: FundRow | None = None
    if parent:
        parent_row = next((f for f in f2.funds if _key(f.name) == _key(parent)), None)
        if parent_row is None:
            raise CommandError(f"附表2 中没有所属专项「{parent}」")
    elif any(_key(f.name) == _key(name) for f in f2.funds):
        raise CommandError(f"附表2 已有专项「{name}」；如要为它新增子项，请用 --parent 指明所属专项")
    form = new_form3(reading, name, value, parent_row, basis)
    filled = _fill_suggestions(form, sub.year) if basis else []
    spec = form3_spec(form, sheet)
    from xladdin.selfcheck import SHEET as SELFCHECK

    sheets = [s for s in sub.sheet_names if s != SELFCHECK]  # the hidden 自查 sheet stays last
    out = Plan([AddSheet(spec, after=sheets[-1] if sheets else None)])
    out.changes.append(Change(sheet, "A1", f"新增工作表「{sheet}」（标准指标框架）"))
    if filled:
        from xladdin.commands.suggest import SUGGESTION_FILL, SUGGESTION_NOTE

        place = plan(LAYOUTS["form3"], counts(form)).placement()
        for index, key in filled:
            ref = place.cell(key) if index < 0 else place.row_cell("indicators", index, key)
            letters = "".join(ch for ch in ref if ch.isalpha())
            value_here = getattr(form if index < 0 else form.indicators[index], key)
            out.edits.append(
                SetCell(sheet, int(ref[len(letters) :]), col_index(letters), value_here, fill=SUGGESTION_FILL)
            )
        amount_ref = place.row_cell("details", 0, "amount")
        out.changes.append(Change(sheet, amount_ref, f"支出明细：测算依据算出 {value} 万元"))
        rows = sorted({i for i, _ in filled if i >= 0})
        if rows:
            names = "、".join(str(form.indicators[i].name) for i in rows)
            ref = place.row_cell("indicators", rows[0], "name")
            out.changes.append(Change(sheet, ref, f"建议指标：{names}（{SUGGESTION_NOTE}）"))
        if any(i < 0 for i, _ in filled):
            out.changes.append(Change(sheet, place.cell("annual_goal"), f"建议绩效目标：{form.annual_goal}"))
    if parent_row is not None:
        return out
    rows = list(f2.place.rows.get("funds", []))
    filled = [i for i, f in enumerate(f2.funds) if not _blank_fund(f)]
    last_filled = rows[filled[-1]] if filled else None
    free = [r for r in rows if last_filled is None or r > last_filled]
    if free:
        row = free[0]
    else:
        row = (rows[-1] + 1) if rows else a1.parse(f2.cell("total.amount"))[0] + 1
        out.edits.append(InsertRows(f2.sheet, row, 1))
        rows.append(row)
    seq = numeral(len(filled) + 1)
    place = plan(LAYOUTS["form3"], counts(form)).placement()
    out.edits.extend(_fund_row_edits(f2.sheet, row, seq, sheet, place))
    out.edits.append(_total_edit(reading, rows))
    out.changes.append(Change(f2.sheet, f"B{row}", f"附表2 新增第{seq}行「{name}」，名称与金额链接到「{sheet}」"))
    if sub.form1 is not None:
        out.changes.append(
            Change(
                sub.form1.sheet,
                sub.form1.cell("project"),
                f"附表1 项目支出随附表2 合计增加 {value} 万元；请相应调整收入来源"
                "（如一般公共预算拨款），使资金总额平衡",
            )
        )
    return out


def _blank_fund(f: FundRow) -> bool:
    return all(is_blank(getattr(f, k)) for k in ("name", "amount", "period_goal", "annual_goal"))


def plan_sync(reading: Reading, config: Config | None = None) -> Plan:
    """Edits that bring 附表2's fund rows in line with the 附表3 sheets (names, amounts, goal
    texts, order). Rows on 附表2 with no 附表3 are kept, after the others, and reported."""
    tolerance = (config or default_config()).tolerance
    sub = reading.submission
    f2 = _form2(reading)
    grid2 = reading.grid.sheet(f2.sheet)
    assert grid2 is not None
    out = Plan()
    groups: dict[str, list[Form3]] = {}
    for f3 in sub.form3s:
        groups.setdefault(_key(f3.parent_name or f3.direction), []).append(f3)
    rows = list(f2.place.rows.get("funds", []))
    orphans = [(i, f) for i, f in enumerate(f2.funds) if not _blank_fund(f) and _key(f.name) not in groups]
    needed = len(groups) + len(orphans)
    if needed > len(rows):
        extra = needed - len(rows)
        at = (rows[-1] + 1) if rows else a1.parse(f2.cell("total.amount"))[0] + 1
        out.edits.append(InsertRows(f2.sheet, at, extra))
        rows.extend(range(at, at + extra))
        out.changes.append(Change(f2.sheet, f"A{at}", f"附表2 增加 {extra} 行"))
    cols = LAYOUTS["form2"].table_columns("funds")
    styles = {c.key: c.style for c in LAYOUTS["form2"].table("funds").columns}
    current = {r: i for i, r in enumerate(f2.place.rows.get("funds", []))}
    for n, forms in enumerate(groups.values()):
        row = rows[n]
        first = forms[0]
        place = first.place if first.place.fields else plan(LAYOUTS["form3"], counts(first)).placement()
        link = links(first.sheet, place)
        wanted: dict[str, tuple[object, str | None]] = {
            "seq": (numeral(n + 1), None),
            "name": (first.parent_name or first.direction, link.name),
            "amount": (first.parent_amount, link.amount),
        }
        if len(forms) == 1:
            wanted["period_goal"] = (first.period_goal, link.period_goal)
            wanted["annual_goal"] = (first.annual_goal, link.annual_goal)
        old_fund = f2.funds[current[row]] if row in current else FundRow()
        for key, (value, formula) in wanted.items():
            col = col_index(cols[key])
            old_formula = grid2.formulas.get((row, col))
            old_value = getattr(old_fund, key)
            if (formula is not None and formula == old_formula) or (formula is None and old_value == value):
                continue
            out.edits.append(SetCell(f2.sheet, row, col, value if formula is None else None, formula, styles[key]))
            ref = f"{col_letter(col)}{row}"
            typed = old_formula is None and not is_blank(old_value)
            if typed and not _same(old_value, value, tolerance):
                out.changes.append(Change(f2.sheet, ref, f"「{old_value}」改为「{value}」", overwrote_typed=True))
            elif typed:
                out.changes.append(Change(f2.sheet, ref, f"「{old_value}」改为链接到「{first.sheet}」的公式"))
            elif old_formula is None:
                out.changes.append(Change(f2.sheet, ref, f"填入「{value}」（链接到「{first.sheet}」）"))
            else:
                out.changes.append(Change(f2.sheet, ref, f"公式改为链接到「{first.sheet}」"))
    for k, (i, fund) in enumerate(orphans):
        row = rows[len(groups) + k]
        out.changes.append(Change(f2.sheet, f"B{row}", f"「{fund.name}」没有对应的附表3，已保留，请核对"))
        if row != f2.place.rows["funds"][i]:
            for key in ("seq", "name", "amount", "period_goal", "annual_goal"):
                col = col_index(cols[key])
                formula = grid2.formulas.get((f2.place.rows["funds"][i], col))
                out.edits.append(SetCell(f2.sheet, row, col, getattr(fund, key), formula, styles[key]))
    for row in rows[needed:]:
        if row in current and not _blank_fund(f2.funds[current[row]]):
            for key in ("seq", "name", "amount", "period_goal", "annual_goal"):
                out.edits.append(SetCell(f2.sheet, row, col_index(cols[key]), None, None, styles[key]))
    total = _total_edit(reading, rows)
    if grid2.formulas.get((total.row, total.col)) != total.formula:
        out.edits.append(total)
        out.changes.append(Change(f2.sheet, f"{col_letter(total.col)}{total.row}", "合计公式已恢复/更新"))
    return out


def _same(a: object, b: object, tolerance: Decimal) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(Decimal(str(a)) - Decimal(str(b))) <= tolerance
    return _key(a) == _key(b)
