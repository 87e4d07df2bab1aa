"""The layout and the vocabulary's word tables are built on first use, not when a module is imported
(a command that reads no form does not pay for them; a mutation run can measure what builds them)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from xladdin.layout import LAYOUTS, FormLayout


def test_importing_the_reading_modules_builds_no_layout_and_no_word_table():
    code = textwrap.dedent(
        """
        import xladdin.layout, xladdin.layout.vocabulary as v, xladdin.reader, xladdin.recognise, xladdin.validate
        print(xladdin.layout._built.cache_info().currsize, v._cleaned_words.cache_info().currsize)
        xladdin.layout.LAYOUTS["form3"]
        v.field_key("form3", "项目名称")
        print(xladdin.layout._built.cache_info().currsize, v._cleaned_words.cache_info().currsize)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0", "0", "1", "1"]


def test_the_layouts_read_as_a_mapping_of_the_three_forms():
    assert list(LAYOUTS) == ["form1", "form2", "form3"] and len(LAYOUTS) == 3
    assert [layout.form for layout in LAYOUTS.values()] == list(LAYOUTS)
    assert all(isinstance(layout, FormLayout) for layout in LAYOUTS.values())
    assert LAYOUTS["form3"] is LAYOUTS["form3"]  # built once
    assert "form4" not in LAYOUTS


def test_form_names_imported_by_name_are_the_layouts_forms():
    from xladdin.layout import FORM1, FORM2, FORM3

    assert tuple(LAYOUTS.values()) == (FORM1, FORM2, FORM3)
    import xladdin.layout

    try:
        xladdin.layout.FORM4  # noqa: B018
    except AttributeError as e:
        assert "FORM4" in str(e)
    else:
        raise AssertionError("FORM4 exists")
