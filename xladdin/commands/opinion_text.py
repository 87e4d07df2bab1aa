"""The words of a 绩效目标审核意见: what each finding says in a reviewer's prose, and where it goes.

Plain data in, plain data out (no Word here; :mod:`xladdin.commands.opinion_docx` lays it out):

- :func:`outline` turns a read submission into a small dict (部门, 年度, amounts, the funds, and per
  sheet what each cell is: which indicator row with its 一级/二级/三级 and value, which field, which
  fund row of 附表2). Reviewer mode computes it in the worker, next to the findings.
- :func:`compose` takes one submission's findings (``Finding.as_dict()``) and its outline and
  returns an :class:`Opinion`: per form (部门整体, each 专项/支出方向) the sentences of 总体目标,
  产出, 效益 and 满意度 (and, when there are any, 资金与测算 and 填报规范), the numbered
  需补充完善事项 (errors first), and the conclusion with the summary's predicted grade.
- The sentence patterns are data: ``xladdin/data/opinion_phrases.toml`` (one per rule), with an
  override file a bureau may keep (:func:`phrase_files`).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from xladdin import a1
from xladdin.config import ConfigError
from xladdin.layout.names import FIELD_NAMES, TABLE_COLUMN_NAMES

PHRASES_FILE = Path(__file__).resolve().parent.parent / "data" / "opinion_phrases.toml"
OVERRIDE_ENV = "XLADDIN_OPINION_PHRASES"
OVERRIDE_NAME = "opinion_phrases.toml"

#: The placeholders a sentence pattern may use (see the header of opinion_phrases.toml).
FIELDS = ("问题", "改法", "工作表", "指标", "指标值", "一级指标", "二级指标", "栏目", "内容", "专项", "明细")
#: Where a rule's sentence goes: 指标 is resolved per row into 产出 / 效益 / 满意度.
SECTION_KINDS = ("目标", "指标", "资金", "填报")
#: The paragraphs of one form, in the order a reviewer writes them; the first four always appear.
SECTIONS = ("目标", "产出", "效益", "满意度", "资金", "填报")
MAIN_SECTIONS = SECTIONS[:4]
SECTION_TITLES = {
    "目标": "总体目标审核意见",
    "产出": "产出指标审核意见",
    "效益": "效益指标审核意见",
    "满意度": "满意度指标审核意见",
    "资金": "资金与测算审核意见",
    "填报": "填报规范审核意见",
}
#: A rule's section when the phrase file does not say (a rule added after the file).
FAMILY_SECTION = {"G": "目标", "I": "指标", "A": "资金", "B": "资金", "X": "资金", "F": "填报", "S": "填报"}
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
ITEM_TAG = {"error": "须修改", "warning": "建议完善", "info": "规范书写"}

CATEGORY_SECTION = {"output": "产出", "cost": "产出", "benefit": "效益", "satisfaction": "满意度"}


class PhraseError(ConfigError):
    """The phrase file is wrong (message in Chinese, naming the file and the rule); a configuration
    error like a wrong xladdin.toml, reported in one line."""


@dataclass(frozen=True)
class Phrase:
    section: str  # one of SECTION_KINDS
    opinion: str  # the sentence in the opinion paragraphs
    action: str = "{改法}"  # the demand in 需补充完善事项


_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _check_pattern(text: object, where: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise PhraseError(f"{where} 应为非空的文字")
    unknown = [name for name in _PLACEHOLDER.findall(text) if name not in FIELDS]
    if unknown:
        raise PhraseError(
            f"{where} 用了未知的字段 {'、'.join('{' + u + '}' for u in unknown)}；可用：{'、'.join(FIELDS)}"
        )
    return text


def parse_phrases(data: dict[str, Any], source: str) -> dict[str, Phrase]:
    """The rules of one phrase file (refused, naming the rule, when a pattern is wrong)."""
    out: dict[str, Phrase] = {}
    for code, body in data.items():
        where = f"审核意见措辞 {source} 的 [{code}]"
        if not isinstance(body, dict):
            raise PhraseError(f"{where} 应为一节（section、opinion、action）")
        extra = set(body) - {"section", "opinion", "action"}
        if extra:
            raise PhraseError(f"{where} 有未知的键 {'、'.join(sorted(extra))}")
        section = body.get("section", FAMILY_SECTION.get(code[:1], "填报"))
        if section not in SECTION_KINDS:
            raise PhraseError(f"{where} 的 section 应为 {'、'.join(SECTION_KINDS)} 之一，现为「{section}」")
        opinion = _check_pattern(body.get("opinion"), f"{where} 的 opinion")
        action = _check_pattern(body.get("action", "{改法}"), f"{where} 的 action")
        out[code.upper()] = Phrase(section, opinion, action)
    return out


def phrase_files() -> list[Path]:
    """The packaged phrases, then a bureau's own file: ``$XLADDIN_OPINION_PHRASES``, else
    ``opinion_phrases.toml`` in the user's xladdin folder (beside the user's xladdin.toml)."""
    files = [PHRASES_FILE]
    env = os.environ.get(OVERRIDE_ENV)
    if env:
        files.append(Path(env))
    else:
        base = os.environ.get("APPDATA") or os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
        own = Path(base) / "xladdin" / OVERRIDE_NAME
        if own.is_file():
            files.append(own)
    return files


def load_phrases(files: Iterable[Path] | None = None) -> dict[str, Phrase]:
    """Every rule's phrase: the packaged file, each later file replacing the rules it names."""
    out: dict[str, Phrase] = {}
    for path in files if files is not None else phrase_files():
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as err:
            raise PhraseError(f"无法读取审核意见措辞文件 {path}：{err.strerror or err}") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise PhraseError(f"审核意见措辞文件 {path} 格式错误：{err}") from None
        out.update(parse_phrases(data, str(path)))
    return out


@cache
def phrases() -> dict[str, Phrase]:
    return load_phrases()


def missing_phrases(codes: Iterable[str], known: dict[str, Phrase] | None = None) -> list[str]:
    """The rule codes among ``codes`` that have no phrase."""
    known = phrases() if known is None else known
    return [c for c in codes if c not in known]


# --- the outline of a submission (computed where it was read) ---------------------------------


def _text(value: object) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else str(value)
    return " ".join(str(value).split())


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _cells_of(form: Any) -> tuple[dict[str, dict[str, str]], dict[int, dict[str, str]]]:
    """(cell → {栏目, 内容}, row → context) of one form as read."""
    from xladdin.rules.indicators import Row

    cells: dict[str, dict[str, str]] = {}
    rows: dict[int, dict[str, str]] = {}
    place = form.place
    for key, cell in place.fields.items():
        try:
            value = form.get(key)
        except AttributeError:
            value = None
        label = FIELD_NAMES.get(key, "")
        if label and cell:
            cells[cell] = {"栏目": label, "内容": _text(value)}
    numbers = place.rows.get("indicators", [])
    for i, ind in enumerate(getattr(form, "indicators", []) or []):
        if i >= len(numbers):
            break
        rows[numbers[i]] = {
            "section": CATEGORY_SECTION.get(Row(form, i, ind).category, ""),
            "一级指标": _text(ind.level1),
            "二级指标": _text(ind.level2),
            "指标": _text(ind.name),
            "指标值": _text(ind.value),
        }
    for table, items in (
        ("details", getattr(form, "details", None)),
        ("work_plan", getattr(form, "work_plan", None)),
        ("funds", getattr(form, "funds", None)),
    ):
        numbers = place.rows.get(table, [])
        columns = place.columns.get(table, {})
        for i, item in enumerate(items or []):
            if i >= len(numbers):
                break
            context: dict[str, str] = {}
            if table == "details":
                context["明细"] = _text(item.summary) or _text(item.detail)
            elif table == "funds":
                context["专项"] = _text(item.name)
            rows[numbers[i]] = context
            for column, letter in columns.items():
                label = TABLE_COLUMN_NAMES[table].get(column)
                if label:
                    cells[f"{letter}{numbers[i]}"] = {"栏目": label, "内容": _text(getattr(item, column, None))}
    return cells, rows


def outline(sub: Any) -> dict[str, Any]:
    """What the opinion needs to know of a read :class:`~xladdin.model.Submission`, as plain data."""
    f1, f2 = sub.form1, sub.form2
    if f2 is not None and any(f.name for f in f2.funds):
        funds = [[_text(f.name), _number(f.amount)] for f in f2.funds if f.name]
    else:
        funds = [[_text(f.direction), _number(f.project_amount)] for f in sub.form3s if f.direction]
    forms: list[dict[str, Any]] = []
    sheets: dict[str, dict[str, Any]] = {}
    for form in sub.forms():
        if not form.sheet:
            continue
        cells, rows = _cells_of(form)
        sheets[form.sheet] = {"cells": cells, "rows": {str(k): v for k, v in rows.items()}}
        if form is f1:
            forms.append({"sheet": form.sheet, "kind": "整体", "name": "部门整体支出", "parent": "", "amount": None})
        elif form is not f2:
            forms.append(
                {
                    "sheet": form.sheet,
                    "kind": "专项",
                    "name": _text(form.direction) or form.sheet,
                    "parent": _text(form.parent_name),
                    "amount": _number(form.project_amount),
                }
            )
    return {
        "department": _text(f1.department) if f1 else "",
        "year": sub.year,
        "total": _number(f1.total) if f1 else None,
        "project": _number(f1.project) if f1 else None,
        "funds": funds,
        "forms": forms,
        "form2": f2.sheet if f2 is not None else "",
        "sheets": sheets,
    }


# --- composing the opinion -----------------------------------------------------------------


@dataclass
class Sentence:
    """One finding, as the reviewer writes it."""

    text: str  # the sentence, no cell, no rule code
    cite: str  # where: 「E10」, 「附表2 E7」 (and 「另见 …」)
    severity: str
    rule: str
    sheet: str
    cell: str
    waived: str | None = None  # the reason, when accepted on 「已确认」
    action: str = ""
    item: int = 0  # its number in 需补充完善事项 (0: none, e.g. accepted)
    #: (section, cell) of the further cells its message names that stand in another section of the
    #: same form (one phrase pasted into a 效益 and a 满意度 row is one finding, told once)
    also: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Part:
    """The opinion on one form (部门整体, one 专项/支出方向) or on what belongs to no form."""

    title: str
    sheet: str
    sections: dict[str, list[Sentence]] = field(default_factory=dict)

    def mentioned_in(self, section: str) -> list[tuple[str, str]]:
        """(the section that tells it, cell) for cells of ``section`` told in another section."""
        return [
            (other, cell) for other, ss in self.sections.items() for s in ss for sec, cell in s.also if sec == section
        ]

    def shown_sections(self, main: bool) -> list[str]:
        """The sections printed: the four main ones always on a form, others when they say something."""
        return [s for s in SECTIONS if (main and s in MAIN_SECTIONS) or self.sections.get(s)]


@dataclass
class Item:
    """One numbered 需补充完善事项: the same change asked on one or more forms."""

    severity: str
    where: list[str]
    action: str


@dataclass
class Opinion:
    file: str
    department: str
    year: int | None
    header: list[tuple[str, str]]
    funds: list[tuple[str, str]]
    parts: list[Part]
    others: list[Part]  # 附表2 itself, the 已确认 sheet, sheets of no form
    items: list[Item]
    score: float
    dimensions: dict[str, float]
    grade: str
    conclusion: str
    errors: int
    warnings: int
    waived: int
    rules: list[tuple[str, str, int]]  # the appendix: code, title, count

    @property
    def sentences(self) -> list[Sentence]:
        return [s for p in (*self.parts, *self.others) for ss in p.sections.values() for s in ss]


_MESSAGE_CELL = re.compile(r"(?<![A-Za-z!])([A-Z]{1,3}[1-9]\d{0,6})(?!\d)")
_CODE_BEFORE = re.compile(r"\b([ABFGISX]\d{3})(?=\s|「)\s*")
_SEE_ALSO = re.compile(r"（另见 ([^（）]*(?:（[^（）]*）[^（）]*)*)）")


def without_codes(text: str) -> str:
    """A message with the rule codes a folded note or a stale confirmation names taken out
    (「另见 I309 三级指标名称重复：D17」 → 「另见 三级指标名称重复：D17」)."""
    from xladdin.rules import CATALOGUE

    return _CODE_BEFORE.sub(lambda m: "" if m.group(1) in CATALOGUE else m.group(0), text)


def amount_text(value: float | None) -> str:
    return "—" if value is None else f"{value:,.2f} 万元"


def conclusion_of(grade: str, errors: int) -> str:
    """What the grade implies: an error → 修改后再报 (退回 when the grade is 差); none → 通过 when 优,
    else 修改后通过."""
    if errors:
        return "退回" if grade == "差" else "修改后再报"
    return "通过" if grade == "优" else "修改后通过"


class _Filler(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _fill(pattern: str, values: dict[str, str]) -> str | None:
    """The pattern with its fields, or None when a field it uses is empty here."""
    names = _PLACEHOLDER.findall(pattern)
    if any(not values.get(n) for n in names):
        return None
    return pattern.format_map(_Filler(values))


def _row_of(cell: str) -> int | None:
    try:
        return a1.parse(cell)[0]
    except ValueError:
        return None


def _section_from_text(text: str) -> str:
    for word, section in (("满意", "满意度"), ("效益", "效益"), ("效果", "效益"), ("产出", "产出"), ("成本", "产出")):
        if word in text:
            return section
    return "产出"


def _sentence_end(text: str) -> str:
    return text.rstrip("。；;，, ")


def compose(
    file: str, findings: list[dict[str, str]], plan: dict[str, Any], known: dict[str, Phrase] | None = None
) -> Opinion:
    """The opinion on one submission: every finding written once, in its form and section."""
    from xladdin.commands.summary import DIMENSIONS, score
    from xladdin.rules import CATALOGUE

    known = phrases() if known is None else known
    sheets: dict[str, Any] = plan.get("sheets", {})
    forms = plan.get("forms", [])
    parts = {f["sheet"]: Part(_part_title(f), f["sheet"]) for f in forms}
    by_fund: dict[str, str] = {}
    for f in forms:
        if f["kind"] == "专项":
            by_fund.setdefault(f["name"], f["sheet"])
            if f["parent"]:
                by_fund.setdefault(f["parent"], f["sheet"])
    others: dict[str, Part] = {}
    for f in findings:
        sentence, section, target = _place(f, plan, sheets, by_fund, known)
        part = parts[target] if target in parts else others.setdefault(target, Part(_other_title(target, plan), target))
        part.sections.setdefault(section, []).append(sentence)
    ordered_parts = [parts[f["sheet"]] for f in forms]
    ordered_others = list(others.values())
    for part in (*ordered_parts, *ordered_others):
        for section, sentences in part.sections.items():
            order = {code: i for i, code in enumerate(CATALOGUE)}
            sentences.sort(
                key=lambda s: (
                    s.waived is not None,
                    SEVERITY_RANK.get(s.severity, 3),
                    order.get(s.rule, 999),
                    _cell_key(s.cell),
                )
            )
            part.sections[section] = sentences
    items = _items(ordered_parts, ordered_others)
    sc = score(findings)
    errors = sum(1 for f in findings if f["severity"] == "error" and f.get("waived") is None)
    warnings = sum(1 for f in findings if f["severity"] == "warning" and f.get("waived") is None)
    counts: dict[str, int] = {}
    for f in findings:
        counts[f["rule"]] = counts.get(f["rule"], 0) + 1
    rules = [(c, CATALOGUE[c].title if c in CATALOGUE else "", n) for c, n in counts.items()]
    rules.sort(key=lambda t: list(CATALOGUE).index(t[0]) if t[0] in CATALOGUE else 999)
    department = plan.get("department") or ""
    year = plan.get("year")
    header = [
        ("部门", department or "（未填写部门名称）"),
        ("年度", f"{year}年度" if year else "（未识别）"),
        ("资金总额", amount_text(plan.get("total"))),
        ("项目支出", amount_text(plan.get("project"))),
        ("报送文件", file),
    ]
    funds = [(name, amount_text(amount)) for name, amount in plan.get("funds", [])]
    return Opinion(
        file=file,
        department=department,
        year=year,
        header=header,
        funds=funds,
        parts=ordered_parts,
        others=ordered_others,
        items=items,
        score=sc.total,
        dimensions={d: sc.dimensions[d] for d in DIMENSIONS},
        grade=sc.grade,
        conclusion=conclusion_of(sc.grade, errors),
        errors=errors,
        warnings=warnings,
        waived=sum(1 for f in findings if f.get("waived") is not None),
        rules=rules,
    )


def _cell_key(cell: str) -> tuple[int, int]:
    try:
        return a1.parse(cell)
    except ValueError:
        return (0, 0)


def _part_title(form: dict[str, Any]) -> str:
    if form["kind"] == "整体":
        return f"部门整体支出（{form['sheet']}）"
    amount = f"，{amount_text(form['amount'])}" if form.get("amount") is not None else ""
    if form["parent"] and form["parent"] != form["name"]:
        return f"专项“{form['parent']}”支出方向“{form['name']}”（{form['sheet']}{amount}）"
    return f"专项“{form['name']}”（{form['sheet']}{amount}）"


def _other_title(sheet: str, plan: dict[str, Any]) -> str:
    if sheet and sheet == plan.get("form2"):
        return f"专项资金绩效目标汇总（{sheet}）"
    if sheet == "已确认":
        return "已确认事项（「已确认」工作表）"
    return f"其他（{sheet}）" if sheet else "其他"


def _place(
    f: dict[str, str], plan: dict[str, Any], sheets: dict[str, Any], by_fund: dict[str, str], known: dict[str, Phrase]
) -> tuple[Sentence, str, str]:
    """(the sentence, its section, the sheet of the part it belongs to) of one finding."""
    code, sheet, cell = f["rule"], f["sheet"], f["cell"]
    phrase = known.get(code) or Phrase(FAMILY_SECTION.get(code[:1], "填报"), "{问题}")
    info = sheets.get(sheet, {})
    row = _row_of(cell)
    context = dict(info.get("rows", {}).get(str(row), {})) if row is not None else {}
    fieldinfo = info.get("cells", {}).get(cell, {})
    message = without_codes(f["message"])
    see_also = _SEE_ALSO.search(message)
    values = {
        "问题": _sentence_end(message),
        "改法": _sentence_end(without_codes(f.get("fix") or "")),
        "工作表": sheet,
        "指标": context.get("指标", ""),
        "指标值": context.get("指标值", ""),
        "一级指标": context.get("一级指标", ""),
        "二级指标": context.get("二级指标", ""),
        "栏目": fieldinfo.get("栏目", ""),
        "内容": fieldinfo.get("内容", ""),
        "专项": context.get("专项", ""),
        "明细": context.get("明细", ""),
    }
    target = sheet
    if sheet and sheet == plan.get("form2") and values["专项"] in by_fund:
        target = by_fund[values["专项"]]  # a fund's row of 附表2: that fund's opinion
    section = context.get("section") or _section_from_text(message) if phrase.section == "指标" else phrase.section
    text = _fill(phrase.opinion, values) or values["问题"]
    if "{问题}" not in phrase.opinion and _fill(phrase.opinion, values) is not None and see_also:
        extra = "；另见 " + see_also.group(1).replace("!", " ")
    else:
        extra = ""
    also = []
    if phrase.section == "指标" and target == sheet:
        for other in dict.fromkeys(_MESSAGE_CELL.findall(f["message"])):
            other_row = _row_of(other)
            elsewhere = info.get("rows", {}).get(str(other_row), {}).get("section", "")
            if other != cell and elsewhere and elsewhere != section:
                also.append((elsewhere, other))
    own = next((p for p in plan.get("forms", []) if p["sheet"] == target), None)
    cite = cell if own is not None and own["sheet"] == sheet else f"{sheet} {cell}".strip()
    action = _fill(phrase.action, values) or values["改法"] or "按上述意见修改"
    return (
        Sentence(
            text=_sentence_end(text),
            cite=cite + extra,
            severity=f["severity"],
            rule=code,
            sheet=sheet,
            cell=cell,
            waived=f.get("waived"),
            action=_sentence_end(action),
            also=also,
        ),
        section,
        target,
    )


def _short(part: Part) -> str:
    return part.title.split("（", 1)[0]


def _items(parts: list[Part], others: list[Part]) -> list[Item]:
    """需补充完善事项: one per change asked (the same change on several forms is one item), errors
    first, then warnings, then hints; each numbered sentence points at its item."""
    items: list[Item] = []
    index: dict[tuple[str, str], Item] = {}
    pending = []
    for n, part in enumerate((*parts, *others)):
        for s_i, section in enumerate(SECTIONS):
            for k, s in enumerate(part.sections.get(section, [])):
                if s.waived is None:
                    pending.append((SEVERITY_RANK.get(s.severity, 3), n, s_i, k, part, s))
    pending.sort(key=lambda t: t[:4])
    for _severity, _, _, _, part, s in pending:
        key = (s.severity, s.action)
        item = index.get(key)
        if item is None:
            item = index[key] = Item(s.severity, [], s.action)
            items.append(item)
        if _short(part) not in item.where:
            item.where.append(_short(part))
    numbers = {id(item): i for i, item in enumerate(items, start=1)}
    for *_, s in pending:
        s.item = numbers[id(index[(s.severity, s.action)])]
    return items
