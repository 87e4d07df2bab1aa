"""Look-alike names are explained: a cross-table finding between names that differ only by invisible
or look-alike characters says so and where; new-fund refuses such a name, and control characters."""

from __future__ import annotations

import shutil

import pytest
from helpers import digest, edit, findings

from xladdin.cli import main
from xladdin.names import explain_lookalike, lookalike_key, lookalike_note

ZWSP, HYPHEN = "\u200b", "\u2010"


def test_explain():
    assert explain_lookalike(f"烈士纪念{ZWSP}设施整修") == "第5个字符是零宽空格（U+200B）"
    assert explain_lookalike(f"经开区{HYPHEN}优军优抚专项") == "第4个字符是连字符 U+2010，不是「-」"
    assert explain_lookalike("普通名称") == ""
    assert lookalike_key(f"经开区{HYPHEN}优军{ZWSP}优抚专项") == lookalike_key("经开区-优军优抚专项")
    assert lookalike_note("甲", "乙") == ""  # different to the eye: nothing to explain
    assert lookalike_note("甲", "甲") == ""


def test_a_zero_width_space_is_shown_where_it_is(grid_copy):
    edit(grid_copy, "附表2", "B6", f"烈士纪念{ZWSP}设施整修")
    found = findings(grid_copy)
    x201 = next(f for f in found if f.rule == "X201")
    assert x201.cell == "B6"
    assert "与「烈士纪念设施整修」看起来相同" in x201.message and "第5个字符是零宽空格（U+200B）" in x201.message
    assert "看不见的字符" in x201.fix
    x202 = next(f for f in found if f.rule == "X202")
    assert "第5个字符是零宽空格" in x202.message


def test_a_look_alike_hyphen_is_shown(grid_copy):
    edit(grid_copy, "附表2", "B11", f"经开区{HYPHEN}优军优抚专项")
    x201 = next(f for f in findings(grid_copy) if f.rule == "X201")
    assert "第4个字符是连字符 U+2010，不是「-」" in x201.message


def test_a_different_name_gets_the_plain_message(grid_copy):
    edit(grid_copy, "附表2", "B6", "另一个专项")
    x201 = next(f for f in findings(grid_copy) if f.rule == "X201")
    assert x201.message == "附表2 的专项「另一个专项」没有对应的附表3"


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        (f"经开区{HYPHEN}优军优抚专项", "看起来相同"),
        (f"优抚安置{ZWSP}专项", "第5个字符是零宽空格"),
        ("新专项\x0b二", "看不见的字符"),
        (f"新{ZWSP}专项", "看不见的字符"),
    ],
)
def test_new_fund_refuses_a_name_that_only_looks_new(name, fragment, example_file, tmp_path, capsys):
    book = tmp_path / "b.xlsx"
    shutil.copy(example_file, book)
    before = digest(book)
    assert main(["new-fund", str(book), "--name", name, "--amount", "5"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and fragment in err[0], err
    assert digest(book) == before
