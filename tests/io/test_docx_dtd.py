"""The Word reader (xladdin/io/docx.py) refuses a DTD however it is placed, with its own line.

lxml stops at an external entity used in an attribute (a syntax error) before the DTD is seen: the
document was then reported as damaged (「无法解析」) rather than refused for its DTD."""

from __future__ import annotations

import zipfile

import docx
import pytest

from xladdin.io.docx import read_docx
from xladdin.io.grid import ReadError

REFUSED = "Word 文档中含有 DTD/实体定义，出于安全考虑不予读取（实体会截断文字）"
EXTERNAL = '<!DOCTYPE w:document [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
LONG_COMMENT = "<!--" + " " * 5000 + "-->"


def _word(tmp_path, prolog: str, use: str):
    """A one-cell document whose document.xml gets ``prolog`` after its declaration and ``use`` as an
    attribute of the cell's text element."""
    plain = tmp_path / "plain.docx"
    document = docx.Document()
    document.add_table(rows=1, cols=1).cell(0, 0).text = "甲"
    document.save(str(plain))
    out = tmp_path / "doc.docx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                head, body = data.split(b"?>", 1)
                body = body.replace(b"<w:t>", f"<w:t{use}>".encode(), 1)
                data = head + b"?>" + prolog.encode() + body
            dst.writestr(info, data)
    return out


@pytest.mark.parametrize("prolog", [EXTERNAL, LONG_COMMENT + EXTERNAL], ids=["first", "behind-a-long-comment"])
def test_an_external_entity_in_an_attribute_is_refused_as_a_dtd(tmp_path, prolog):
    with pytest.raises(ReadError) as err:
        read_docx(_word(tmp_path, prolog, ' x="&e;"'))
    assert err.value.zh == REFUSED


def test_a_dtd_used_in_text_is_refused_and_a_plain_document_reads(tmp_path):
    with pytest.raises(ReadError) as err:
        read_docx(_word(tmp_path, LONG_COMMENT + EXTERNAL, ""))
    assert err.value.zh == REFUSED
    assert read_docx(_word(tmp_path, LONG_COMMENT, "")).sheets[0].rows == [["甲"]]


def test_a_damaged_document_without_a_dtd_is_damaged(tmp_path):
    # an undefined entity with no DTD at all: the file is broken, not refused for a DTD
    with pytest.raises(ReadError) as err:
        read_docx(_word(tmp_path, LONG_COMMENT, ' x="&e;"'))
    assert err.value.zh == "Word 文档已损坏或无法解析"
