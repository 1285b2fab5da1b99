"""The Word styles and fields our documents use, set up once per document.

Everything is a named style (Heading 1-3 for Word's navigation pane, "Quote" for quotes, a few
of our own for citations, context and memos), so a team restyles a report in Word in one
place, or hands us a ``reference.docx`` whose styles win over these defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

BODY_FONT = "Calibri"
HEADING_FONT = "Calibri Light"
INK = RGBColor(0x1D, 0x1F, 0x21)
MUTED = RGBColor(0x5F, 0x63, 0x68)
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
STAR = RGBColor(0xA1, 0x5C, 0x00)
QUOTE_BORDER = "8EA9C1"

QUOTE = "Quote"
CITATION = "Quote Citation"
CONTEXT = "Quote Context"
QUOTE_HEADING = "Quote Heading"
DETAILS = "Quote Details"
MEMO = "Memo"
DESCRIPTION = "Code Description"
KICKER = "Kicker"
NOTE = "Note"
TOC_HEADING = "TOC Heading"
TOC_LEVELS = ("toc 1", "toc 2")


@dataclass(frozen=True, slots=True)
class Styles:
    """Style objects looked up once: python-docx resolves names slowly, 20,000 times adds up."""

    normal: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]
    quote: ParagraphStyle
    citation: ParagraphStyle
    context: ParagraphStyle
    quote_heading: ParagraphStyle
    details: ParagraphStyle
    memo: ParagraphStyle
    description: ParagraphStyle
    kicker: ParagraphStyle
    note: ParagraphStyle
    toc_heading: ParagraphStyle
    toc: tuple[ParagraphStyle, ParagraphStyle]


def prepare_styles(document: DocxDocument, *, restyle: bool) -> Styles:
    """Our styles, created where missing; ``restyle`` also sets their look (not for a team's
    reference document, whose look is the point)."""
    styles = document.styles

    def paragraph_style(name: str, base: str = "Normal") -> ParagraphStyle:
        if name in styles:
            return styles[name]  # type: ignore[return-value]
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
        return style  # type: ignore[return-value]

    found = Styles(
        normal=styles["Normal"],  # type: ignore[arg-type]
        title=paragraph_style("Title"),
        subtitle=paragraph_style("Subtitle"),
        heading=(
            paragraph_style("Heading 1"),
            paragraph_style("Heading 2"),
            paragraph_style("Heading 3"),
        ),
        quote=paragraph_style(QUOTE),
        citation=paragraph_style(CITATION),
        context=paragraph_style(CONTEXT),
        quote_heading=paragraph_style(QUOTE_HEADING),
        details=paragraph_style(DETAILS),
        memo=paragraph_style(MEMO),
        description=paragraph_style(DESCRIPTION),
        kicker=paragraph_style(KICKER),
        note=paragraph_style(NOTE),
        toc_heading=paragraph_style(TOC_HEADING),
        toc=(paragraph_style(TOC_LEVELS[0]), paragraph_style(TOC_LEVELS[1])),
    )
    if restyle:
        _restyle(found)
    return found


def _look(
    style: ParagraphStyle,
    *,
    size: float | None = None,
    font: str | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    colour: RGBColor | None = None,
    before: float | None = None,
    after: float | None = None,
    indent: float | None = None,
    keep_with_next: bool | None = None,
) -> None:
    if size is not None:
        style.font.size = Pt(size)
    if font is not None:
        style.font.name = font
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None:
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(attr), None)
    if bold is not None:
        style.font.bold = bold
    if italic is not None:
        style.font.italic = italic
    if colour is not None:
        style.font.color.rgb = colour
    fmt = style.paragraph_format
    if before is not None:
        fmt.space_before = Pt(before)
    if after is not None:
        fmt.space_after = Pt(after)
    if indent is not None:
        fmt.left_indent = Cm(indent)
    if keep_with_next is not None:
        fmt.keep_with_next = keep_with_next


def _restyle(s: Styles) -> None:
    _look(s.normal, size=11, font=BODY_FONT, colour=INK, after=6)
    s.normal.paragraph_format.line_spacing = 1.15
    _look(s.title, size=30, font=HEADING_FONT, colour=ACCENT, after=6)
    _border(s.title, "bottom", "1F4E79", size=0)
    _look(s.subtitle, size=15, font=HEADING_FONT, italic=False, colour=MUTED, after=30)
    for style, size, before in zip(s.heading, (22, 15, 12.5), (24, 20, 14), strict=True):
        _look(
            style,
            size=size,
            font=HEADING_FONT,
            bold=False,
            colour=ACCENT,
            before=before,
            after=8,
            keep_with_next=True,
        )
    _border(s.heading[0], "bottom", "1F4E79", size=8)
    _look(s.quote, size=11, italic=True, colour=INK, before=10, after=2, indent=0.9)
    s.quote.paragraph_format.right_indent = Cm(0.6)
    s.quote.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _border(s.quote, "left", QUOTE_BORDER, size=18)
    _look(s.citation, size=9.5, colour=MUTED, before=0, after=10, indent=0.9)
    _look(s.context, size=9.5, colour=MUTED, before=2, after=2, indent=0.9)
    _look(s.quote_heading, size=11, bold=True, colour=INK, before=16, after=2, keep_with_next=True)
    _look(s.details, size=8.5, colour=MUTED, before=2, after=4, indent=0.9)
    _look(s.memo, size=9.5, colour=INK, before=2, after=10, indent=0.9)
    _shade(s.memo, "F6F4EF")
    _look(s.description, size=10.5, colour=MUTED, after=8)
    _look(s.kicker, size=10, font=HEADING_FONT, colour=MUTED, before=120, after=4)
    _look(s.note, size=9.5, colour=MUTED, before=24, indent=0)
    _look(s.toc_heading, size=18, font=HEADING_FONT, colour=ACCENT, after=12)
    _look(s.toc[0], size=11, bold=True, before=8, after=2)
    _look(s.toc[1], size=10.5, before=0, after=1, indent=0.6)
    for quote_like in (s.quote, s.context):
        quote_like.paragraph_format.keep_with_next = True


def _border(style: ParagraphStyle, side: str, colour: str, *, size: int) -> None:
    ppr = style.element.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        _insert_in_order(ppr, borders, _BEFORE_BORDERS)
    for old in borders.findall(qn(f"w:{side}")):
        borders.remove(old)
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "single" if size else "nil")
    edge.set(qn("w:sz"), str(size))
    edge.set(qn("w:space"), "8" if side == "left" else "4")
    edge.set(qn("w:color"), colour)
    borders.append(edge)


def _shade(style: ParagraphStyle, fill: str) -> None:
    ppr = style.element.get_or_add_pPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    _insert_in_order(ppr, shading, (*_BEFORE_BORDERS, "pBdr"))


_BEFORE_BORDERS = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers",
)  # fmt: skip
"""What the OOXML schema puts before ``w:pBdr`` in ``w:pPr``; Word refuses other orders."""


def _insert_in_order(ppr: OxmlElement, element: OxmlElement, after: tuple[str, ...]) -> None:
    """Insert ``element`` right after the last child whose tag is one of ``after``."""
    predecessors = {qn(f"w:{tag}") for tag in after}
    position = 0
    for index, child in enumerate(ppr):
        if child.tag in predecessors:
            position = index + 1
    ppr.insert(position, element)


# -- fields ----------------------------------------------------------------------------------


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, ...) with ``placeholder`` as its last computed result."""
    field_start(paragraph, instruction)
    if placeholder:
        paragraph.add_run(placeholder)
    field_end(paragraph)


def field_start(paragraph: Paragraph, instruction: str) -> None:
    """The opening half of a field whose result spans several paragraphs (a table of contents)."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None)):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def field_end(paragraph: Paragraph) -> None:
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def update_fields_on_open(document: DocxDocument) -> None:
    """Ask Word to recompute fields when the file opens, so the contents get page numbers."""
    settings = document.settings.element
    flag = settings.find(qn("w:updateFields"))
    if flag is None:
        flag = OxmlElement("w:updateFields")
        settings.append(flag)
    flag.set(qn("w:val"), "true")
