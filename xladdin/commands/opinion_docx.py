"""An :class:`~xladdin.commands.opinion_text.Opinion` laid out as a Word document (python-docx).

A4, body in 仿宋 and headings in 宋体 (the East Asian font set with ``w:eastAsia``, where Word takes
Chinese text from), margins after GB/T 9704 公文. The page header marks it a draft. Every cell a
sentence cites is a run of the character style 「单元格引用」 (:data:`CITE_STYLE`), so the document can
be checked by machine: one citation per finding.

Speed: python-docx's default template carries 0.8 MB of styles; a lean copy of it (only the styles
used, no stylesWithEffects, no thumbnail) is built once per process and each document starts from
its bytes, so that a document costs a few milliseconds to open and save.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from xladdin.commands.opinion_text import ITEM_TAG, SECTION_TITLES, Opinion, Part, Sentence

BODY_FONT = "仿宋"
HEADING_FONT = "宋体"
LATIN_FONT = "Times New Roman"
CITE_STYLE = "单元格引用"
DRAFT_MARK = "草拟稿：由校验结果生成，须审核人确认"
PROSE_END = "需补充完善事项"  # headings after this one are no longer the opinion's prose
APPENDIX = "附：校验规则对照"
#: style id → (name, type, font, size in half-points, bold, centred, first-line indent in chars)
STYLES = {
    "OpTitle": ("意见标题", "paragraph", HEADING_FONT, 36, True, True, 0),
    "OpSubtitle": ("意见副标题", "paragraph", BODY_FONT, 28, False, True, 0),
    "OpHeading1": ("意见一级标题", "paragraph", HEADING_FONT, 32, True, False, 0),
    "OpHeading2": ("意见二级标题", "paragraph", HEADING_FONT, 28, True, False, 0),
    "OpBody": ("意见正文", "paragraph", BODY_FONT, 28, False, False, 200),
    "OpSmall": ("意见小字", "paragraph", BODY_FONT, 21, False, False, 0),
    "OpCell": ("意见表格", "paragraph", BODY_FONT, 24, False, False, 0),
}
KEEP_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "Table Grid"}


def _fonts(rpr: Any, east_asian: str) -> None:
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:cs"), LATIN_FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _style_xml(style_id: str, spec: tuple) -> str:
    name, kind, font, size, bold, centred, indent = spec
    ppr = ""
    if kind == "paragraph":
        spacing = '<w:spacing w:before="120" w:after="60" w:line="400" w:lineRule="exact"/>'
        if style_id == "OpBody":
            spacing = '<w:spacing w:before="0" w:after="0" w:line="440" w:lineRule="exact"/>'
        if style_id in ("OpSmall", "OpCell"):
            spacing = '<w:spacing w:before="0" w:after="0" w:line="300" w:lineRule="auto"/>'
        ind = f'<w:ind w:firstLineChars="{indent}" w:firstLine="{indent * 14 // 5}"/>' if indent else ""
        jc = '<w:jc w:val="center"/>' if centred else '<w:jc w:val="both"/>'
        keep = "<w:keepNext/>" if style_id.startswith("OpHeading") else ""
        ppr = f"<w:pPr>{keep}{spacing}{ind}{jc}</w:pPr>"
    b = "<w:b/><w:bCs/>" if bold else ""
    rpr = (
        f'<w:rPr><w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{font}" w:cs="{LATIN_FONT}"/>'
        f'{b}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    )
    based = '<w:basedOn w:val="Normal"/>' if kind == "paragraph" else ""
    return (
        f'<w:style xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:type="{kind}" '
        f'w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>{based}<w:qFormat/>{ppr}{rpr}</w:style>'
    )


@cache
def base_document() -> bytes:
    """The lean starting document (styles, A4 page, draft header, page numbers), as bytes."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = docx.Document()
    styles = doc.styles.element
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    for style in list(styles.findall(qn("w:style"))):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in KEEP_STYLES:
            styles.remove(style)
    part = doc.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            del part.rels[rid]
    for rid, rel in list(part.package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del part.package.rels[rid]
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            _fonts(rpr, BODY_FONT)
            lang = rpr.find(qn("w:lang"))
            if lang is not None:
                lang.set(qn("w:eastAsia"), "zh-CN")
    normal = doc.styles["Normal"]
    normal.font.size = Pt(14)
    _fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    for style_id, spec in STYLES.items():
        styles.append(parse_xml(_style_xml(style_id, spec)))
    styles.append(
        parse_xml(
            '<w:style xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:type="character" '
            f'w:customStyle="1" w:styleId="OpCite"><w:name w:val="{CITE_STYLE}"/><w:rPr/></w:style>'
        )
    )
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    head = section.header.paragraphs[0]
    head.text = DRAFT_MARK
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    head.style = doc.styles["意见小字"]
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot._p.append(
        parse_xml(
            '<w:fldSimple xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )
    doc.core_properties.title = "绩效目标审核意见"
    doc.core_properties.author = "xladdin"
    doc.core_properties.comments = DRAFT_MARK
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


class _Writer:
    """The body as WordprocessingML text, parsed once into the document at the end (building
    elements one by one through python-docx costs ten times more)."""

    def __init__(self) -> None:
        self.xml: list[str] = []

    def para(self, style: str, *runs: tuple[str, str | None], bold_first: bool = False) -> None:
        out = [f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>']
        for i, (text, run_style) in enumerate(runs):
            if not text:
                continue
            props = f'<w:rStyle w:val="{run_style}"/>' if run_style else ""
            if bold_first and i == 0:
                props += "<w:b/><w:bCs/>"
            rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
            body = "<w:br/>".join(f'<w:t xml:space="preserve">{_x(line)}</w:t>' for line in text.split("\n"))
            out.append(f"<w:r>{rpr}{body}</w:r>")
        out.append("</w:p>")
        self.xml.append("".join(out))

    def bold_lead(self, style: str, lead: str, *runs: tuple[str, str | None]) -> None:
        self.para(style, (lead, None), *runs, bold_first=True)

    def table(self, rows: list[tuple[str, str]], widths: tuple[float, float], *, bold: bool = True) -> None:
        twips = [round(w / 2.54 * 1440) for w in widths]
        out = [
            '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
            '<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>'
            + "".join(f'<w:gridCol w:w="{t}"/>' for t in twips)
            + "</w:tblGrid>"
        ]
        for label, value in rows:
            out.append("<w:tr>")
            for k, (text, strong) in enumerate(((label, bold), (value, False))):
                paras = "".join(
                    f'<w:p><w:pPr><w:pStyle w:val="OpCell"/></w:pPr><w:r>{"<w:rPr><w:b/></w:rPr>" if strong else ""}'
                    f'<w:t xml:space="preserve">{_x(line)}</w:t></w:r></w:p>'
                    for line in text.split("\n")
                )
                out.append(f'<w:tc><w:tcPr><w:tcW w:w="{twips[k]}" w:type="dxa"/></w:tcPr>{paras}</w:tc>')
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.xml.append("".join(out))

    def document(self) -> Any:
        import docx
        from docx.oxml import parse_xml

        doc = docx.Document(io.BytesIO(base_document()))
        body = doc.element.body
        end = body[-1]  # sectPr: the content goes before it
        fragment = parse_xml(f'<w:body xmlns:w="{W}">{"".join(self.xml)}</w:body>')
        for child in list(fragment):
            end.addprevious(child)
        return doc


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_INVALID_XML = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def _x(text: str) -> str:
    """Text for an XML text node: escaped, without the control characters XML cannot hold."""
    return escape(text.translate(_INVALID_XML))


CHINESE_NUMBERS = "一二三四五六七八九十"


def _cn(n: int) -> str:
    """1 → 一, 12 → 十二, 23 → 二十三 (up to 99)."""
    if n <= 10:
        return CHINESE_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CHINESE_NUMBERS[tens - 1]) + "十" + (CHINESE_NUMBERS[ones - 1] if ones else "")


def _part(w: _Writer, number: int, part: Part, main: bool) -> None:
    w.para("OpHeading2", (f"（{_cn(number)}）{part.title}", None))
    for k, section in enumerate(part.shown_sections(main), start=1):
        sentences = part.sections.get(section, [])
        lead = f"{k}. {SECTION_TITLES[section]}："
        if not sentences:
            told = part.mentioned_in(section)
            if told:
                cells = "、".join(dict.fromkeys(cell for _, cell in told))
                where = "、".join(dict.fromkeys(SECTION_TITLES[other] for other, _ in told))
                w.bold_lead("OpBody", lead, (f"{cells} 的问题已在{where}中一并说明，此外未发现问题。", None))
            else:
                w.bold_lead("OpBody", lead, ("未发现问题。", None))
            continue
        runs: list[tuple[str, str | None]] = []
        open_ = [s for s in sentences if s.waived is None]
        accepted = [s for s in sentences if s.waived is not None]
        groups = _groups(open_)
        for i, (heads, tail) in enumerate(groups):
            for k, s in enumerate(heads):
                text = s.text[: len(s.text) - len(tail) - 1] if tail else s.text
                runs += _cited(text, s.cite)
                if k < len(heads) - 1:
                    runs.append(("、", None))
            if tail:
                runs.append(("，" + tail, None))
            runs.append(("。" if i == len(groups) - 1 else "；", None))
        if accepted:
            runs.append(("以下" + ("各项" if len(accepted) > 1 else "一项") + "经单位确认保留：", None))
            for i, s in enumerate(accepted):
                runs += [*_cited(s.text, s.cite), (f"，确认理由：{s.waived}", None)]
                runs.append(("。" if i == len(accepted) - 1 else "；", None))
        w.bold_lead("OpBody", lead, *runs)


def _cited(text: str, cite: str) -> list[tuple[str, str | None]]:
    """The sentence and its cell in brackets; a sentence ending in a bracket takes the cell into it
    (「填报单位未填写（全部 9 张表；C3）」)."""
    if text.endswith("）") and "（" in text:
        return [(text[:-1], None), ("；", None), (cite, "OpCite"), ("）", None)]
    return [(text, None), ("（", None), (cite, "OpCite"), ("）", None)]


def _groups(sentences: list[Sentence]) -> list[tuple[list[Sentence], str]]:
    """Consecutive sentences of one rule that end in the same clause are one sentence, the clause
    said once (「单位负责人未填写（B23）、填表人未填写（B24），报送前应补齐签字栏」)."""
    out: list[tuple[list[Sentence], str]] = []
    for s in sentences:
        if out and out[-1][0][-1].rule == s.rule:
            heads, _ = out[-1]
            tails = {h.text.rsplit("，", 1)[-1] if "，" in h.text else None for h in (*heads, s)}
            if len(tails) == 1 and None not in tails:
                heads.append(s)
                out[-1] = (heads, tails.pop() or "")
                continue
        out.append(([s], ""))
    return out


def render(opinion: Opinion) -> Any:
    """The python-docx Document of ``opinion``."""
    w = _Writer()
    who = opinion.department or Path(opinion.file).stem
    year = f"{opinion.year}年度" if opinion.year else ""
    w.para("OpTitle", (f"{who}\n{year}绩效目标审核意见", None))
    w.para("OpSubtitle", (f"（{DRAFT_MARK}）", None))
    w.para("OpHeading1", ("一、基本情况", None))
    funds = "\n".join(f"{i}. {name}：{amount}" for i, (name, amount) in enumerate(opinion.funds, start=1))
    w.table([*opinion.header, ("专项资金", funds or "（无）")], (3.2, 12.4))
    w.para("OpHeading1", ("二、审核意见", None))
    n = 0
    for part in opinion.parts:
        n += 1
        _part(w, n, part, True)
    for part in opinion.others:
        n += 1
        _part(w, n, part, False)
    w.para("OpHeading1", (f"三、{PROSE_END}", None))
    if not opinion.items:
        w.para("OpBody", ("无。", None))
    for i, item in enumerate(opinion.items, start=1):
        where = "、".join(item.where)
        w.para("OpBody", (f"{i}.（{ITEM_TAG.get(item.severity, '')}）{where}：{item.action}。", None))
    w.para("OpHeading1", ("四、审核结论（草拟，须审核人确认）", None))
    dims = "，".join(f"{d} {v:g}" for d, v in opinion.dimensions.items())
    w.bold_lead("OpBody", "预测等级：", (f"{opinion.grade}（{opinion.score:g} 分；{dims}；每项满分 25 分）。", None))
    counts = f"须修改的问题 {opinion.errors} 处，建议完善的问题 {opinion.warnings} 处"
    if opinion.waived:
        counts += f"，经单位确认保留 {opinion.waived} 处"
    w.bold_lead("OpBody", "审核结论：", (f"{opinion.conclusion}。", None), (f"（{counts}。）", None))
    w.para(
        "OpSmall",
        (
            "说明：预测等级按完整性、相关性、适当性、可行性四个方面由校验结果计算，与汇总工作簿中的预测等级一致；"
            "有须修改的问题时建议修改后再报（等级为差时退回），没有时等级为优的建议通过，其余修改后通过。"
            "本意见由程序草拟，以审核人签署的意见为准。",
            None,
        ),
    )
    w.para("OpBody", ("", None))
    w.para("OpBody", ("审核人：____________        复核人：____________", None))
    w.para("OpBody", ("日  期：______年____月____日", None))
    w.para("OpHeading2", (APPENDIX, None))
    w.para("OpSmall", ("规则代码供与校验结果、汇总工作簿核对，不属于审核意见正文。", None))
    rules = [(f"{code} {title}".strip(), f"{count} 处") for code, title, count in opinion.rules]
    if rules:
        w.table(rules, (11.0, 4.6), bold=False)
    else:
        w.para("OpSmall", ("未发现问题。", None))
    return w.document()


def write_docx(opinion: Opinion, path: Path) -> Path:
    render(opinion).save(str(path))
    return path
