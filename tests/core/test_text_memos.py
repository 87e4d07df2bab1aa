"""The text memos (``xladdin.layout.base.TEXT_MEMOS``): each distinct text of a workbook is worked out
once, the memo gives what the function gives afresh, and nothing is kept from one workbook to the next."""

from __future__ import annotations

import unicodedata

from xladdin.build.template import build_workbook
from xladdin.examples.synthetic import synthetic
from xladdin.io.xlsx import read_grid
from xladdin.layout.base import TEXT_MEMOS, norm
from xladdin.reader import read_grid_model
from xladdin.rules.indicators.helpers import level_key
from xladdin.validate import check
from xladdin.values import _amount, _quantity, _value_kind, amount, clean_text, quantity, value_kind, value_text

TEXTS = [
    "  ≥95%。",
    "≧ 100 人",
    "全年",
    "数量指标（或规模指标）",
    "成本指标(0-20)分",
    "１２３",
    " 优 ",
    "",
    "约 5 万元",
]


def test_a_memo_gives_what_the_function_gives_afresh():
    for text in TEXTS * 2:  # the second time from the memo
        assert clean_text(text) == unicodedata.normalize("NFKC", text).strip()
        assert norm(text) == "".join(text.split())
        assert value_text(text) == clean_text(text).rstrip("。.，,；;、!！ ").replace("≧", "≥")
        assert quantity(text) == _quantity(text)
        assert value_kind(text) == _value_kind(text)
        assert amount(text) == _amount(text)
    assert [level_key(t) for t in TEXTS[3:5] * 2] == ["数量指标", "成本指标"] * 2
    for value in (1, 1.5, True, 0.0, -0.0, None, float("nan")) * 2:
        assert repr(amount(value)) == repr(_amount(value))  # -0.0 and 0.0 are two amounts; True is no 1


def test_nothing_is_kept_from_one_workbook_to_the_next(tmp_path):
    first = build_workbook(synthetic(7, seed=1), tmp_path / "a.xlsx")
    second = build_workbook(synthetic(8, seed=2), tmp_path / "b.xlsx")
    check(read_grid_model(read_grid(first)))
    assert any(TEXT_MEMOS)  # the first workbook's texts were worked out once each
    grid = read_grid(second)
    marker = "只在第一本工作簿里出现的文字"
    clean_text(marker)
    read_grid_model(grid)  # a new workbook: the memos start empty
    assert all(marker not in memo for memo in TEXT_MEMOS)


def test_the_label_memos_give_what_the_lookups_give_afresh():
    """field_key, table_header_key, anchor_matches, printed_text and level_alias keep each distinct text
    of a workbook (None and False are answers too: a text that names nothing is not looked up again)."""
    from xladdin.formmap import _printed_text, printed_text
    from xladdin.layout import vocabulary as v
    from xladdin.layout.base import forget_texts
    from xladdin.layout.profiles import _level_alias, level_alias

    labels = ["项目名称", "填报单位（盖章）", "金额(万元)", "指标值", "辖区内享受待遇人员数", "  ", "一、部门基本信息"]
    labels.append("合计")
    forget_texts()
    for text in labels * 2:  # the second time from the memo
        for kind in ("form1", "form3"):
            assert v.field_key(kind, text) == v._field_key(kind, text)
            assert printed_text(kind, text) == (bool(text.strip()) and _printed_text(kind, text))
        for table in ("funds", "details", "work_plan"):
            assert v.table_header_key(table, text) == v._table_header_key(table, text)
        for anchor in ("一、部门基本信息", "合计", "项目名称"):
            for contains in (False, True):
                assert v.anchor_matches(anchor, text, contains=contains) == v._anchor_matches(anchor, text, contains)
    assert v.field_key("form3", "项目名称") == "direction"
    assert v.field_key("form3", "辖区内享受待遇人员数") is None
    assert ("form3", "辖区内享受待遇人员数") in v._FIELD_KEYS  # a None is kept, not worked out again
    assert v.field_key("form3", 12) is None and v.table_header_key("funds", None) is None
    for name in ("产出值", "产出类", "经济效益指标", "成本指标(0-20)分", "数量") * 2:
        for level in (1, 2):
            assert level_alias(name, level) == _level_alias(name, level)
    assert level_alias("经济效益指标", 1) == "效益指标" and level_alias("经济效益指标", 2) == "经济效益指标"
