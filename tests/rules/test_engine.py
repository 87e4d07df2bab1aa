"""The rule catalogue's machinery (xladdin/rules/base.py): registering a rule, select/ignore,
running the enabled rules, and folding the hits of one root cause into one finding."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from xladdin.config import SETTINGS, Config
from xladdin.model import Form1, Placement, Submission
from xladdin.reader import Structure
from xladdin.rules import base
from xladdin.rules.base import UNCOMPUTED, Context, Finding, Hit, Rule, Severity, _fold, rule, run, selected


def _check(ctx):
    """A test rule."""
    return []


def test_finding_as_dict_without_and_with_a_waiver():
    f = Finding("A101", "error", "附表1", "C5", "资金总额：不是数字", "填写数字")
    assert f.as_dict() == {
        "rule": "A101",
        "severity": "error",
        "sheet": "附表1",
        "cell": "C5",
        "message": "资金总额：不是数字",
        "fix": "填写数字",
    }
    waived = Finding("A101", "error", "附表1", "C5", "m", "f", (), "已与财政确认")
    assert waived.as_dict()["waived"] == "已与财政确认"
    assert list(waived.as_dict()) == ["rule", "severity", "sheet", "cell", "message", "fix", "waived"]
    assert "waived" not in Finding("A101", "error", "附表1", "C5", "m", "f", (), None).as_dict()


def test_found_is_true_for_a_form_not_read_from_a_sheet_else_the_sections_found():
    ctx = Context(Submission(), Structure())
    assert ctx.found(Form1(), "income") is True
    read = Form1(sheet="附表1", place=Placement(found={"income", "template"}))
    assert ctx.found(read, "income") is True
    assert ctx.found(read, "expense") is False


def test_hit_takes_the_sheet_of_a_form_or_a_sheet_name():
    ctx = Context(Submission(), Structure())
    h = ctx.hit(Form1(sheet="附表1"), "C5", "msg", "fix", root="amount:附表1!C5", cells=("附表2!C5",))
    assert h == Hit("附表1", "C5", "msg", "fix", "amount:附表1!C5", ("附表2!C5",))
    assert ctx.hit("Sheet9", "A1", "m") == Hit("Sheet9", "A1", "m", "", "", ())


def test_rule_doc_and_settings():
    r = Rule("A999", "t", Severity.ERROR, "金额", lambda ctx: [], ("amounts.tolerance",))
    assert r.doc == ""
    assert Rule("A999", "t", Severity.ERROR, "金额", _check).doc == "A test rule."
    cfg = Config()
    cfg.tolerance = Decimal("0.5")
    doc = SETTINGS["amounts.tolerance"].doc
    assert r.settings(cfg) == [("amounts.tolerance", Decimal("0.5"), doc)]
    assert r.settings() == [("amounts.tolerance", Config().tolerance, doc)]


def test_rule_registers_with_its_family_and_settings(monkeypatch):
    monkeypatch.setattr(base, "CATALOGUE", {})
    r = rule("X299", "测试", Severity.WARNING, _check, config=("amounts.tolerance",))
    assert {"X299": r} == base.CATALOGUE
    assert (r.code, r.title, r.severity, r.family, r.check, r.config) == (
        "X299",
        "测试",
        Severity.WARNING,
        "表间核对",
        _check,
        ("amounts.tolerance",),
    )
    assert rule("B499", "测试", Severity.INFO, _check).config == ()
    with pytest.raises(ValueError, match=r"^duplicate rule code X299$"):
        rule("X299", "again", Severity.ERROR, _check)
    with pytest.raises(ValueError, match=r"^rule A998 needs a docstring$"):
        rule("A998", "t", Severity.ERROR, lambda ctx: [])
    with pytest.raises(ValueError, match=r"^rule A997 declares unknown settings \['amounts.nope'\]$"):
        rule("A997", "t", Severity.ERROR, _check, config=("amounts.tolerance", "amounts.nope"))
    assert set(base.CATALOGUE) == {"X299", "B499"}


@pytest.mark.parametrize(
    ("code", "select", "ignore", "expected"),
    [
        ("I311", None, None, True),
        ("I311", ["i3"], None, True),
        ("i311", ["I3"], None, True),
        ("I311", ["A", "F5"], None, False),
        ("I311", ["I"], ["i31"], False),
        ("I311", None, ["I312", "A"], True),
        ("I311", None, ["I311"], False),
        ("I311", [], None, False),
        ("I311", None, [], True),
    ],
)
def test_selected_by_prefixes_in_any_case(code, select, ignore, expected):
    assert selected(code, select, ignore) is expected


# --- run: a catalogue of test rules --------------------------------------------------------


def _make(hits, *, reads=False):
    def check(ctx):
        """A test rule."""
        if reads:
            assert ctx.config.tolerance == Decimal("0.005")
        return list(hits)

    return check


@pytest.fixture()
def catalogue(monkeypatch):
    cat: dict[str, Rule] = {}
    monkeypatch.setattr(base, "CATALOGUE", cat)
    return cat


def _add(cat, code, severity, hits, *, reads=False):
    cat[code] = Rule(
        code, f"标题{code}", severity, "金额", _make(hits, reads=reads), ("amounts.tolerance",) if reads else ()
    )


def _ctx(uncomputed=(), severity=None):
    cfg = Config()
    cfg.severity = dict(severity or {})
    return Context(Submission(), Structure(uncomputed=list(uncomputed)), cfg)


def test_run_yields_each_rules_hits_in_catalogue_order_with_its_severity(catalogue):
    _add(catalogue, "A201", Severity.ERROR, [Hit("附表1", "C5", "m1", "f1", cells=("附表1!C7",))], reads=True)
    _add(catalogue, "I301", Severity.WARNING, [Hit("附表2", "D6", "m2")])
    _add(catalogue, "F501", Severity.INFO, [Hit("附表2", "A8", "m3")])
    out = list(run(_ctx()))
    assert out == [
        Finding("A201", "error", "附表1", "C5", "m1", "f1", ("附表1!C7",)),
        Finding("I301", "warning", "附表2", "D6", "m2", ""),
        Finding("F501", "info", "附表2", "A8", "m3", ""),
    ]
    assert [f.rule for f in run(_ctx(), ["F501", "A201"])] == ["A201", "F501"]
    assert [f.rule for f in run(_ctx(), [])] == []
    assert [f.rule for f in run(_ctx(), select=["a", "F"])] == ["A201", "F501"]
    assert [f.rule for f in run(_ctx(), ignore=["I3"])] == ["A201", "F501"]
    assert [f.rule for f in run(_ctx(), ["A201", "I301"], ignore=["A"])] == ["I301"]
    configured = list(run(_ctx(severity={"A201": "off", "F501": "error"})))
    assert [(f.rule, f.severity) for f in configured] == [("I301", "warning"), ("F501", "error")]


def test_run_drops_hits_on_or_rooted_in_an_uncomputed_formula_except_s003(catalogue):
    _add(
        catalogue,
        "A201",
        Severity.ERROR,
        [
            Hit("附表2", "C5", "on the formula"),
            Hit("附表2", "C6", "rooted in it", root=f"{UNCOMPUTED}附表2!C5"),
            Hit("附表1", "C5", "judged", root="amount:附表1!C5"),
            Hit("附表2", "C7", "same cell, other sheet"),
        ],
    )
    _add(catalogue, "S003", Severity.WARNING, [Hit("附表2", "C5", "公式无法计算", root=f"{UNCOMPUTED}附表2!C5")])
    out = list(run(_ctx(uncomputed=[("附表2", "C5", "=VLOOKUP(1)"), ("附表1", "C7", "=X()")])))
    assert [(f.rule, f.sheet, f.cell) for f in out] == [
        ("A201", "附表1", "C5"),
        ("A201", "附表2", "C7"),
        ("S003", "附表2", "C5"),
    ]


# --- _fold ---------------------------------------------------------------------------------


def test_fold_keeps_the_most_severe_and_names_the_others_as_see_also():
    hits = [
        (8, "X201", "error", Hit("附表2", "B6", "alone in its root", root="amount:附表2!B6")),
        (5, "A106", "error", Hit("附表2", "C5", "合计不符", "恢复公式", root="amount:附表2!C6", cells=("附表2!C6",))),
        (0, "A101", "error", Hit("附表2", "C6", "金额不是数字", "改为数字", root="amount:附表2!C6")),
        (9, "X203", "warning", Hit("附表3-甲", "E5", "不符", root="amount:附表2!C6", cells=("附表3-甲!B5",))),
        (1, "A102", "error", Hit("附表1", "E7", "负数")),
        (2, "A103", "error", Hit("附表1", "C5", "lonely", root="amount:附表1!C7")),
    ]
    out = list(_fold(hits))
    title = base.CATALOGUE["A106"].title
    assert out == [
        Finding("X201", "error", "附表2", "B6", "alone in its root", ""),
        Finding(
            "A101",
            "error",
            "附表2",
            "C6",
            f"金额不是数字（另见 A106 {title}：C5；X203 {base.CATALOGUE['X203'].title}：附表3-甲!E5）",
            "改为数字",
            ("附表2!C5", "附表3-甲!E5", "附表2!C6", "附表3-甲!B5"),
        ),
        Finding("A102", "error", "附表1", "E7", "负数", ""),
        Finding("A103", "error", "附表1", "C5", "lonely", ""),
    ]


def test_fold_prefers_severity_over_catalogue_order_and_omits_its_own_code():
    hits = [
        (0, "A110", "warning", Hit("附表2", "C5", "w", root="r")),
        (7, "A106", "error", Hit("附表2", "C6", "e1", "fix-e1", root="r", cells=("附表2!C5",))),
        (7, "A106", "error", Hit("附表1", "C9", "e2", root="r")),
        (3, "S004", "info", Hit("附表2", "A1", "i", root="r")),
    ]
    (only,) = _fold(hits)
    assert only == Finding(
        "A106",
        "error",
        "附表2",
        "C6",
        f"e1（另见 A110 {base.CATALOGUE['A110'].title}：C5；附表1!C9；S004 {base.CATALOGUE['S004'].title}：A1）",
        "fix-e1",
        ("附表2!C5", "附表1!C9", "附表2!A1"),
    )


def test_fold_ties_go_to_the_first_in_the_catalogue():
    hits = [
        (4, "A104", "error", Hit("附表1", "E7", "later", root="r")),
        (3, "A103", "error", Hit("附表1", "C5", "earlier", root="r")),
    ]
    (only,) = _fold(hits)
    assert (only.rule, only.cell, only.message) == (
        "A103",
        "C5",
        f"earlier（另见 A104 {base.CATALOGUE['A104'].title}：E7）",
    )


def test_run_shows_a_rule_only_the_settings_it_declared(catalogue):
    def sneaky(ctx):
        """Reads a setting it did not declare."""
        return [Hit("附表1", "C5", str(ctx.config.tolerance))]

    catalogue["A201"] = Rule("A201", "t", Severity.ERROR, "金额", sneaky, ())
    with pytest.raises(AttributeError, match=r"^rule A201 reads amounts.tolerance without declaring it"):
        list(run(_ctx()))
    catalogue["A201"] = Rule("A201", "t", Severity.ERROR, "金额", sneaky, ("amounts.tolerance",))
    assert [f.message for f in run(_ctx())] == ["0.005"]


def test_a_run_shares_its_rows_and_the_next_run_sees_an_edit():
    """The rules of one run read each indicator row once (``Context.shared``); a run after the model
    changed reads it afresh, and a rule called outside a run keeps nothing."""
    from xladdin.examples.synthetic import synthetic
    from xladdin.rules.indicators.helpers import tables

    sub = synthetic(2, seed=1, year=2023)
    ctx = Context(sub, Structure())
    row = sub.form3s[0].indicators[0]
    assert not [f for f in run(ctx, ["I323"]) if f.sheet == sub.form3s[0].sheet]
    row.level2, row.value = "时效指标", "及时发放"  # restates the name's word: no deadline
    assert [f.rule for f in run(ctx, ["I323"])].count("I323") == 1
    assert ctx.shared is None
    first = [r for _, rows in tables(ctx) for r in rows]
    again = [r for _, rows in tables(ctx) for r in rows]
    assert first and all(a is not b for a, b in zip(first, again, strict=True))
    shared = dataclasses.replace(ctx, shared={})
    once = [r for _, rows in tables(shared) for r in rows]
    assert all(a is b for a, b in zip(once, [r for _, rows in tables(shared) for r in rows], strict=True))


def test_once_keeps_a_value_for_one_run_and_never_outside_it():
    """``Context.once``: in a run (``shared``) worked out once for every rule; outside a run afresh."""
    made: list[int] = []

    def make() -> int:
        made.append(len(made) + 1)
        return made[-1]

    ctx = _ctx()
    assert (ctx.once("k", make), ctx.once("k", make)) == (1, 2)
    one_run = dataclasses.replace(ctx, shared={})
    assert (one_run.once("k", make), one_run.once("k", make), one_run.once("other", make)) == (3, 3, 4)
    assert dataclasses.replace(ctx, shared={}).once("k", make) == 5  # the next run works it out again


def test_a_run_parses_each_indicator_value_once(monkeypatch):
    """The indicator rules read a row's value through the row (``Row.kind``, ``quantity``, ``percent``):
    one run parses a value a few times (as written, as read with the name's unit …), not once per rule
    that asks (it was 13 times a row)."""
    from xladdin import values
    from xladdin.examples.synthetic import synthetic

    sub = synthetic(3, seed=2, year=2023)
    rows = sum(len(f.indicators) for f in [sub.form1, *sub.form3s] if f is not None)
    parsed: list[str] = []
    pattern = values._QUANTITY

    class Counted:
        def match(self, text: str):
            parsed.append(text)
            return pattern.match(text)

    monkeypatch.setattr(values, "_QUANTITY", Counted())
    assert list(run(Context(sub, Structure()))) and rows > 20
    assert 0 < len(parsed) <= 5 * rows


def test_a_rules_view_is_the_context_with_its_settings_needs_and_the_runs_readings(catalogue):
    """Each rule of a run sees a copy of the context (``base._view``, as ``dataclasses.replace``
    would make it) with its own settings and needs and the run's shared readings; the caller's
    context is left as it was."""
    seen: list[Context] = []

    def looks(ctx):
        """Keeps the context it was given."""
        seen.append(ctx)
        return []

    catalogue["A201"] = Rule("A201", "t", Severity.ERROR, "金额", looks, ("amounts.tolerance",), ("name",))
    catalogue["A202"] = Rule("A202", "t", Severity.ERROR, "金额", looks, ())
    ctx = _ctx()
    list(run(ctx))
    first, second = seen
    assert first is not ctx and second is not first
    assert (first.submission, first.structure, first.waivers) == (ctx.submission, ctx.structure, ctx.waivers)
    assert (first.needs, second.needs) == (("name",), ())
    assert first.shared is second.shared and first.shared is not None
    assert first.config.tolerance == ctx.config.tolerance
    with pytest.raises(AttributeError):
        second.config.tolerance  # noqa: B018 (A202 declared no setting)
    assert (ctx.needs, ctx.shared) == ((), None)
    assert {f.name for f in dataclasses.fields(Context)} == set(vars(first))  # every field, nothing else


def test_map_of_is_worked_out_once_a_run_and_afresh_outside_it(tmp_path):
    """``Context.map_of``: in a run each form's map is looked up once for every rule; outside a run,
    and in the next run, afresh (a form's map is the one recognition made for its rows)."""
    from xladdin.build.template import build_workbook
    from xladdin.examples.synthetic import synthetic
    from xladdin.io.xlsx import read_grid
    from xladdin.reader import read_grid_model

    reading = read_grid_model(read_grid(build_workbook(synthetic(2, seed=1), tmp_path / "b.xlsx")))
    ctx = Context(reading.submission, reading.structure)
    forms = [f for f in reading.submission.forms() if f.sheet]
    assert len(forms) == 4 and all(ctx.map_of(f).sheet == f.sheet for f in forms)  # type: ignore[union-attr]
    one_run = dataclasses.replace(ctx, shared={})
    found = [one_run.map_of(f) for f in forms]
    assert found == [ctx.map_of(f) for f in forms]
    maps = reading.structure.maps[:]
    reading.structure.maps.clear()  # recognition's maps gone: the run keeps what it looked up ...
    assert [one_run.map_of(f) for f in forms] == found
    assert [ctx.map_of(f) for f in forms] == [None] * 4  # ... outside a run it is looked up afresh
    assert [dataclasses.replace(ctx, shared={}).map_of(f) for f in forms] == [None] * 4  # and in the next run
    reading.structure.maps.extend(maps)


def test_what_recognition_assumed_is_looked_up_by_sheet_as_from_one_dict_of_all_maps():
    """``base._guessed``: a sheet's guessed cells are worked out when an error on that sheet first asks,
    and give what one dict of every map's ``weak_cells`` gave (a later map's note stands)."""
    from xladdin.formmap import FieldAt, FormMap

    def guessed(sheet: str, key: str, cell: str, note: str) -> FormMap:
        return FormMap(sheet, "form3", fields={key: FieldAt(key, cell, "guess", "x", sure=False, note=note)})

    first, second = guessed("表1", "info.name", "B4", "甲"), guessed("表1", "info.dept", "B4", "乙")
    other = guessed("表2", "info.name", "C5", "丙")
    sure = FormMap("表3", "form3", fields={"info.name": FieldAt("info.name", "C5", "label", "某项目")})
    maps = [first, second, other, sure]
    eager = {(m.sheet, cell): note for m in maps for cell, note in m.weak_cells().items()}
    weak = base._guessed(Context(Submission(), Structure(maps=maps)))
    assert eager == {("表1", "B4"): "乙", ("表2", "C5"): "丙"}
    for key in [*eager, ("表1", "C5"), ("表3", "C5"), ("表9", "A1")]:
        assert weak.get(key) == eager.get(key)
