"""Indicator sets printed as an OUTLINE rather than a table: recognition of two classes of layout.

- **A tree in one column** (宁夏 批复表, budget-system prints): unit, project, 一级, 二级 and 三级 names in one
  column, the level told apart only by indentation (leading spaces, full-width spaces, tabs) or by
  numbering (「一、」「(一)」「1.」「(1)」), beside a 指标值 column. Depths rank relative to each other; the
  level words (产出指标 at one depth, 数量指标 at the next) anchor which depth is 一级 and which 二级;
  the rows deeper than a 二级 are its indicators. See :func:`outline_tree`.
- **Tagged lines in one cell** (安徽 一体化 project lists): a project's whole indicator set in one cell,
  「【产出指标-数量指标】」 headings (also 〔一级-二级〕, [一级][二级]) over 「指标1:名称(值)」 lines (the
  value in brackets at the end, or after a second 「:」), the goal under 【总体目标】 in the same cell. See
  :func:`tagged_cell` and :func:`tagged_rows`.

Pure functions of a :class:`SheetGrid`; the form map (``xladdin.recognise``) turns what they find into an
indicator table whose rows carry their texts (several indicators may share one cell).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from xladdin.io.grid import SheetGrid
from xladdin.layout.profiles import standard_level_names
from xladdin.layout.vocabulary import clean, header_key
from xladdin.model import CellValue

_WIDE = 16

#: Width of one leading white-space character: a full-width space is two spaces, a tab four.
_WIDTHS = {" ": 1, "\u3000": 2, "\t": 4, "\u00a0": 1}
#: Numbering styles, each its own level of an outline: 「一、」「(一)」「1.」「(1)」「①」.
_NUMBERING = (
    ("han", re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.．]")),
    ("paren-han", re.compile(r"^[(（][一二三四五六七八九十]{1,3}[)）]\s*[、.．]?")),
    ("digit", re.compile(r"^\d{1,2}\s*[、.．](?!\d)")),
    ("paren-digit", re.compile(r"^[(（]\d{1,2}[)）]\s*[、.．]?")),
    ("circled", re.compile(r"^[①-⑳]")),
)
#: A note printed after a level name: 「成本指标(必填硬性指标)」「时效指标(必填)」「产出指标（30分）」.
_NOTE = re.compile(r"[(（][^()（）]*[)）]$")


def _only(level: int) -> set[str]:
    """Standard names of ``level`` that are not standard at the other level."""
    return set(standard_level_names("county", level)) - set(standard_level_names("county", 3 - level))


def level_name(text: str) -> str:
    """A level name as compared: cleaned, without its numbering and a trailing note in brackets."""
    out = clean(text)
    for _, pattern in _NUMBERING:
        out = pattern.sub("", out, count=1)
    while (m := _NOTE.search(out)) and m.start() > 0:
        out = out[: m.start()]
    return re.sub(r"目标$", "指标", out)


def which_level(text: str) -> set[int]:
    """The levels (1, 2) at which ``text`` is a standard name (both for 成本指标, 满意度指标 …)."""
    name = level_name(text)
    return {lv for lv in (1, 2) if name in standard_level_names("county", lv)}


def _depth(text: str) -> tuple[int, str]:
    """(indentation width, text without it)."""
    width = 0
    for i, ch in enumerate(text):
        if ch not in _WIDTHS:
            return width, text[i:]
        width += _WIDTHS[ch]
    return width, ""


def _numbering(text: str) -> str | None:
    for style, pattern in _NUMBERING:
        if pattern.match(text):
            return style
    return None


# --- a tree in one column --------------------------------------------------------------------------
@dataclass
class Outline:
    """An indicator tree read from one column: where it stands and every indicator row with its levels."""

    col: int  # the outline column
    value_col: int  # the 指标值 column
    header_row: int  # 0 when no header row names the columns
    items: list[tuple[int, dict[str, CellValue]]] = field(default_factory=list)  # (row, texts by key)
    #: whether the levels are certain: every 一级 word at one depth and every 二级 word one depth deeper
    sure: bool = True
    how: str = ""  # how the levels were told apart (Chinese): 「缩进」 or 「编号」
    project_row: int = 0  # the row just above the first 一级, one depth up: the project's line
    projects: list[int] = field(default_factory=list)  # every project's line (a list of several projects)
    note: str = ""  # what was assumed (Chinese), when not sure


def _ranks(rows: list[tuple[int, str, int, str | None]]) -> tuple[dict[int, int], str] | None:
    """Each row's depth rank (0 = outermost) and how depths were told: by indentation when widths vary,
    else by numbering style (each style ranked by its first appearance). None: no outline."""
    widths = sorted({w for _, _, w, _ in rows})
    if len(widths) >= 2:
        rank = {w: i for i, w in enumerate(widths)}
        return {r: rank[w] for r, _, w, _ in rows}, "缩进"
    order: list[str | None] = []
    for _, _, _, style in rows:
        if style not in order:
            order.append(style)
    if len([s for s in order if s]) < 2:
        return None
    if None in order:  # unnumbered lines (unit, project) stand outside the numbered tree
        order.remove(None)
        order.insert(0, None)
    return {r: order.index(style) for r, _, _, style in rows}, "编号"


def outline_tree(sheet: SheetGrid) -> Outline | None:
    """The indicator tree of ``sheet`` when it is printed in one column, its levels by indentation or
    numbering (see the module doc); None when no column holds such a tree."""
    n = min(len(sheet.rows), 400)
    best: Outline | None = None
    for c in range(1, _WIDE + 1):
        rows: list[tuple[int, str, int, str | None]] = []
        for r in range(1, n + 1):
            v = sheet.value(r, c)
            if isinstance(v, str) and v.strip():
                width, bare = _depth(v.replace("\r", ""))
                rows.append((r, bare.strip(), width, _numbering(bare.strip())))
        if len(rows) < 4 or not any(1 in which_level(t) for _, t, _, _ in rows):
            continue
        found = _tree(sheet, c, rows)
        if found is not None and (best is None or len(found.items) > len(best.items)):
            best = found
    return best


def _tree(sheet: SheetGrid, c: int, rows: list[tuple[int, str, int, str | None]]) -> Outline | None:
    first = next(i for i, (_, t, _, _) in enumerate(rows) if 1 in which_level(t))
    rows = [x for x in rows if x[0] >= rows[first][0] - 3]  # the title and header above stay out
    ranked = _ranks(rows)
    if ranked is None:
        return None
    rank, how = ranked
    only1, only2 = _only(1), _only(2)
    d1 = {rank[r] for r, t, _, _ in rows if level_name(t) in only1}
    d2 = {rank[r] for r, t, _, _ in rows if level_name(t) in only2}
    if not d1:
        d1 = {rank[r] for r, t, _, _ in rows if 1 in which_level(t)}
    if not d1 or not d2:
        return None
    lv1, lv2 = min(d1), min(d2)
    if lv2 <= lv1:
        return None
    sure = len(d1) == 1 and len(d2) == 1 and lv2 == lv1 + 1
    top = next(r for r, t, _, _ in rows if 1 in which_level(t))
    value_col, header_row = _value_column(sheet, c, [x[0] for x in rows], top)
    if value_col is None:
        return None
    out = Outline(c, value_col, header_row, how=how)
    level1: str | None = None
    level2: str | None = None
    at2 = lv2  # the depth of the 二级 line the rows below belong to
    parent = 0
    for r, text, _, _ in rows:
        d = rank[r]
        if d < lv1:
            level1 = level2 = None
            if not out.items:
                out.project_row = r
            if d == lv1 - 1:
                parent = r
            continue
        if parent and (not out.projects or out.projects[-1] != parent):
            out.projects.append(parent)  # the line above a project's first 一级
        if d == lv1:
            level1, level2 = level_name(text), None
            if which_level(text) - {1} and not which_level(text) & {1}:
                sure = False  # a 二级 word standing at the 一级 depth
            continue
        worded = 2 in which_level(text) and (level2 is None or d <= at2)
        if d == lv2 or worded or (level2 is None and d < lv2):
            level2, at2 = level_name(text), d
            if level1 is None or d != lv2 or (which_level(text) and 2 not in which_level(text)):
                sure = False  # a 二级 at another depth than the others, or a 一级 word at the 二级 depth
            continue
        if level1 is None or level2 is None:
            continue
        if d != at2 + 1:
            sure = False
        name = _unnumbered(text) if how == "编号" else text  # the numbering spells the level, not the name
        out.items.append((r, {"level1": level1, "level2": level2, "name": name, "value": _value(sheet, r, value_col)}))
    valued = [x for x in out.items if x[1]["value"] not in (None, "")]
    if len(valued) < 2:
        return None
    out.sure = sure
    if not sure:
        out.note = f"指标层级按{how}推测（{_letter(c)}列），层级不齐：据此的问题最多为警告"
    elif not header_row:
        out.note = f"指标值取自{_letter(value_col)}列（没有表头写明「指标值」，按位置推测）：据此的问题最多为警告"
    return out


def _unnumbered(text: str) -> str:
    for _, pattern in _NUMBERING:
        if m := pattern.match(text):
            return text[m.end() :].strip() or text
    return text


def _value(sheet: SheetGrid, r: int, c: int) -> CellValue:
    v = sheet.value(r, c)
    return v.strip() if isinstance(v, str) else v


def _value_column(sheet: SheetGrid, c: int, rows: list[int], top: int) -> tuple[int | None, int]:
    """The 指标值 column beside an outline in column ``c``: the one a header row above names 指标值, else
    the first column right of it holding values on most rows that hold no level name."""
    for r in range(top - 1, max(top - 10, 0), -1):
        for cc in range(c + 1, _WIDE + 1):
            if header_key(sheet.value(r, cc)) == "value":
                return cc, r
    leaves = [r for r in rows if not which_level(str(sheet.value(r, c)))]
    for cc in range(c + 1, _WIDE + 1):
        held = sum(1 for r in leaves if sheet.value(r, cc) not in (None, ""))
        if leaves and held * 2 >= len(leaves):
            return cc, 0
    return None, 0


def _letter(c: int) -> str:
    from xladdin.layout.base import col_letter

    return col_letter(c)


# --- tagged lines in one cell ----------------------------------------------------------------------
#: A heading naming 一级 and 二级: 「【产出指标-数量指标】」「〔产出指标—数量指标〕」「[产出指标][数量指标]」.
_TAG = re.compile(r"^[【〔\[［]\s*([^】〕\]］]+?)\s*[】〕\]］]")
_PAIR = re.compile(r"\s*[-－—–_/／·、|｜]\s*")
#: An indicator line: 「指标1:」「指标 1：」「1.」「(1)」 before the name.
_ITEM = re.compile(r"^(?:指标\s*\d{1,3}\s*[:：.、]?|\d{1,3}\s*[.、:：](?!\d)|[(（]\d{1,3}[)）])\s*")
_GOALS = ("总体目标", "年度目标", "绩效目标", "年度绩效目标", "年度总体目标", "项目目标")
_VALUE_START = re.compile(r"^(?:[≥≤><=＝]|>=|<=|大于|小于|不低于|不少于|不高于|不超过|达到|\d)")


@dataclass
class Tagged:
    """One cell's tagged indicator set: its items (texts by key), its goal text, and whether every
    name and value was cut at a printed delimiter (a bracket at the end, a second 「:」)."""

    items: list[dict[str, CellValue]] = field(default_factory=list)
    goal: str | None = None
    sure: bool = True


def _tag_name(name: str) -> str:
    """A tagged level name, 「指标」 added where the tag leaves it off (「【产出-数量】」)."""
    if clean(name) in _GOALS:
        return clean(name)
    out = level_name(name)
    return f"{out}指标" if not which_level(out) and which_level(f"{out}指标") else out


def _tags(line: str) -> list[str] | None:
    """The names a heading line tags (「【产出指标-数量指标】」 → [产出指标, 数量指标]); None: no heading."""
    names: list[str] = []
    rest = line
    while m := _TAG.match(rest):
        names += [_tag_name(p) for p in _PAIR.split(m.group(1)) if p]
        rest = rest[m.end() :].strip()
    if not names or rest:
        return None
    return names


def _split_item(text: str) -> tuple[str, str | None, bool]:
    """(name, value, cut at a printed delimiter) of one indicator line without its number."""
    text = text.strip().rstrip("；;。")
    if text.endswith((")", "）")):
        depth = 0
        for i in range(len(text) - 1, -1, -1):
            ch = text[i]
            if ch in ")）":
                depth += 1
            elif ch in "(（":
                depth -= 1
                if depth == 0:
                    name, value = text[:i].strip(), text[i + 1 : -1].strip()
                    if name:
                        return name, value or None, True
                    break
    for sep in (":", "："):
        if sep in text:
            name, _, value = text.rpartition(sep)
            if name.strip():
                return name.strip(), value.strip() or None, True
    depth = 0
    for i, ch in enumerate(text):  # no delimiter printed: the value starts at an operator outside brackets
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(depth - 1, 0)
        elif depth == 0 and i > 0 and _OPERATOR.match(text, i):
            return text[:i].strip(), text[i:].strip(), False
    return text, None, False


_OPERATOR = re.compile(r"(?:>=|<=|≥|≤|>|<|=|＝|≧|≦|大于等于|小于等于|不低于|不少于|不高于|不超过)")


def tagged_cell(value: CellValue) -> Tagged | None:
    """The tagged indicator set a cell holds: at least one 一级/二级 heading and one indicator line
    under it; None when the cell holds none."""
    if not isinstance(value, str) or "\n" not in value:
        return None
    out = Tagged()
    level1: str | None = None
    level2: str | None = None
    goal: list[str] | None = None
    for raw in value.split("\n"):
        line = raw.strip()  # as printed: names, values and the goal keep their text
        if not line:
            continue
        names = _tags(unicodedata.normalize("NFKC", line))
        if names is not None:
            goal = None
            if len(names) == 1 and clean(names[0]) in _GOALS:
                goal = []
                out.goal = out.goal or ""
                continue
            if len(names) >= 2:
                level1, level2 = names[0], names[-1]
            elif which_level(names[0]) == {1} or (which_level(names[0]) == {1, 2} and level2 is not None):
                level1, level2 = names[0], None  # 「【满意度指标】」 after a 二级's lines: a new 一级
            else:
                level2 = names[0]
            continue
        if goal is not None:
            goal.append(line)
            out.goal = "\n".join(goal)
            continue
        if level1 is None or level2 is None:
            continue
        m = _ITEM.match(line)
        if m is None:
            continue
        name, val, cut = _split_item(line[m.end() :])
        out.sure = out.sure and cut
        out.items.append({"level1": level1, "level2": level2, "name": name, "value": val})
    if not out.items or not any(which_level(str(x["level1"])) for x in out.items):
        return None
    return out


def tagged_rows(sheet: SheetGrid) -> list[tuple[int, int, Tagged]]:
    """Every cell of ``sheet`` holding a tagged indicator set: (row, column, what it holds)."""
    out = []
    for r, row in enumerate(sheet.rows[:2000], start=1):
        for c, v in enumerate(row[:_WIDE], start=1):
            if isinstance(v, str) and "\n" in v and ("指标" in v) and (t := tagged_cell(v)) is not None:
                out.append((r, c, t))
    return out


def outline_parent(sheet: SheetGrid, r: int, c: int) -> int | None:
    """The column left of ``c`` on row ``r`` holding the project's name in a list: the rightmost text
    cell that is no code (「037001」) and no number."""
    for cc in range(c - 1, 0, -1):
        v = sheet.value(r, cc)
        if not isinstance(v, str) or not v.strip() or "\n" in v.strip() or re.fullmatch(r"[\s\d.\-]+", v):
            continue
        if not v.strip().startswith(("【", "〔", "[")):
            return cc
    return None


__all__ = ["Outline", "Tagged", "level_name", "outline_parent", "outline_tree", "tagged_cell", "tagged_rows"]
