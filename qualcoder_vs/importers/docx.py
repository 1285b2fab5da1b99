"""Word (.docx) transcripts, as typists and oral-history projects write them.

- Speaker labels are bold (``**Interviewer:**``) or written like the plain-text ones
  (``TAVELA:<tab>``, ``I:``, ``Jan Peeters:``). When a document has bold labels, only bold ones
  count, so a header line such as "Interviewer: Jan Peeters" stays metadata.
- A label split over two paragraphs (``PAUL F.`` then ``DANYOW ’16:``) is joined.
- Paragraphs without a label continue the previous speaker; tabs inside a paragraph are kept.
- The paragraphs before the first label are a header block of metadata: ``Stad: Leuven``
  becomes ``stad = Leuven``; other lines are kept together under ``header``.
- Tables of speaker / time / text rows become turns; a two-column table before any speech
  without times is metadata.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.etree import LxmlError

from qualcoder_vs.core.clock import parse_clock
from qualcoder_vs.core.transcript import ParsedTranscript
from qualcoder_vs.importers.assemble import Block, assemble
from qualcoder_vs.importers.base import TranscriptImportError
from qualcoder_vs.importers.labels import (
    Strength,
    accepted_weak_labels,
    label_strength,
    split_label,
)
from qualcoder_vs.importers.stamps import strip_stamps

FORMAT = "docx"
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_HEADER_PARAGRAPHS = 20
MAX_HEADER_CHARS = 300
_HEADER_WORDS = frozenset(
    {"spreker", "speaker", "naam", "name", "tijd", "time", "tijdstip", "tekst", "text", "wie"}
)


@dataclass(slots=True)
class _Paragraph:
    """A paragraph as first read: a speaker label (if any) and the speech after it."""

    text: str
    label: str = ""
    strength: Strength | None = None
    bold_label: bool = False
    start_ms: int | None = None
    end_ms: int | None = None


@dataclass(slots=True)
class _Body:
    paragraphs: list[_Paragraph | list[Block]] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)


class _BoldRuns:
    """Whether a run is bold, directly or through its character style.

    Looking a style up in python-docx walks the whole style sheet, so each style is asked once
    per document; runs without a style of their own (nearly all) never ask."""

    def __init__(self) -> None:
        self._styles: dict[str, bool] = {}

    def __call__(self, run: Run) -> bool:
        if run.bold is not None:
            return run.bold
        style_id = run._r.style
        if style_id is None:
            return False
        if style_id not in self._styles:
            self._styles[style_id] = bool(run.style is not None and run.style.font.bold)
        return self._styles[style_id]


def _bold_prefix(items: list[Run | Hyperlink], is_bold: _BoldRuns) -> str:
    """The bold text a paragraph opens with (blank runs between bold ones included)."""
    prefix = ""
    for item in items:
        if not isinstance(item, Run) or not (is_bold(item) or not item.text.strip()):
            break
        prefix += item.text
    return prefix.replace("\u00a0", " ").lstrip()


def _bold_tab_label(prefix: str, text: str) -> tuple[str, str] | None:
    """(label, rest) for a bold name followed by a tab and no colon: ``Jan Peeters<tab>...``."""
    label = prefix.strip()
    if not label or not text.startswith(label) or not text[len(label) :].startswith("\t"):
        return None
    if label_strength(label) is None:
        return None
    return label, text[len(label) :]


def _read_paragraph(paragraph: Paragraph, is_bold: _BoldRuns) -> _Paragraph:
    # The runs give the text too: asking the paragraph for both would read its XML twice.
    items = list(paragraph.iter_inner_content())
    text = "".join(item.text for item in items).replace("\u00a0", " ").strip()
    prefix = _bold_prefix(items, is_bold)
    labelled = split_label(text)
    if labelled is not None:
        label, strength, label_ms, rest = labelled
        # A bold label, or a bold question with its label: either way the label is bold.
        bold = bool(prefix) and prefix.startswith(label)
        speech, start_ms, end_ms = strip_stamps(rest)
        start_ms = label_ms if label_ms is not None else start_ms
        strength = Strength.STRONG if bold else strength
        return _Paragraph(speech, label, strength, bold, start_ms, end_ms)
    tab_label = _bold_tab_label(prefix, text)
    if tab_label is not None:
        label, rest = tab_label
        speech, start_ms, end_ms = strip_stamps(rest)
        return _Paragraph(speech, label, Strength.STRONG, True, start_ms, end_ms)
    speech, start_ms, end_ms = strip_stamps(text)
    return _Paragraph(speech, start_ms=start_ms, end_ms=end_ms)


def _column_roles(rows: list[list[str]]) -> tuple[int | None, int | None, int]:
    """(time column, speaker column, text column) by what most cells in each column hold."""
    width = min(len(row) for row in rows)

    def share(column: int, test: Callable[[str], bool]) -> float:
        return sum(1 for row in rows if test(row[column])) / len(rows)

    def is_clock(cell: str) -> bool:
        return parse_clock(cell.strip("[]() ")) is not None

    times = [c for c in range(width) if share(c, is_clock) >= 0.5]
    time_column = times[0] if times else None
    others = [c for c in range(width) if c != time_column]
    lengths = {c: sum(len(row[c]) for row in rows) for c in others}
    text_column = max(others, key=lambda c: lengths[c])
    names = [
        c
        for c in others
        if c != text_column and share(c, lambda cell: label_strength(cell.rstrip(":")) is not None)
    ]
    speaker_column = min(names, key=lambda c: lengths[c]) if names else None
    return time_column, speaker_column, text_column


def _table_rows(table: Table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells = [cell.text.replace("\u00a0", " ").strip() for cell in row.cells]
        if any(cells):
            rows.append(cells)
    return rows


def _is_header_row(row: list[str]) -> bool:
    return all(cell.casefold().strip(": ") in _HEADER_WORDS for cell in row if cell)


def _table_blocks(rows: list[list[str]]) -> list[Block]:
    if rows and _is_header_row(rows[0]):
        rows = rows[1:]
    rows = [row for row in rows if len(row) >= 2]
    if not rows:
        return []
    time_column, speaker_column, text_column = _column_roles(rows)
    blocks = []
    for row in rows:
        speaker = row[speaker_column].rstrip(":").strip() if speaker_column is not None else ""
        start_ms = parse_clock(row[time_column].strip("[]() ")) if time_column is not None else None
        speech, text_start, text_end = strip_stamps(row[text_column])
        blocks.append(
            Block(speaker, speech, start_ms if start_ms is not None else text_start, text_end)
        )
    return blocks


def _is_metadata_table(rows: list[list[str]]) -> bool:
    return bool(rows) and all(len(row) == 2 for row in rows) and _column_roles(rows)[0] is None


def _split_labels_joined(paragraphs: list[_Paragraph]) -> None:
    """``PAUL F.`` alone, then ``DANYOW ’16: ...``: one label written over two paragraphs."""
    for index in range(len(paragraphs) - 1):
        head, tail = paragraphs[index], paragraphs[index + 1]
        if head.label or tail.strength is not Strength.STRONG or tail.bold_label:
            continue
        fragment = head.text.strip()
        if fragment and label_strength(fragment) is Strength.STRONG and fragment.isupper():
            tail.label = f"{fragment} {tail.label}"
            head.text = ""


def _read_body(data: bytes) -> _Body:
    document = Document(io.BytesIO(data))
    body = _Body()
    is_bold = _BoldRuns()
    items: Iterator[Paragraph | Table] = document.iter_inner_content()
    for item in items:
        if isinstance(item, Paragraph):
            body.paragraphs.append(_read_paragraph(item, is_bold))
            continue
        rows = _table_rows(item)
        before_speech = not any(isinstance(p, list) or p.text for p in body.paragraphs)
        if before_speech and _is_metadata_table(rows):
            body.metadata.update({key.rstrip(":").casefold(): value for key, value in rows})
        else:
            body.paragraphs.append(_table_blocks(rows))
    return body


def _header_metadata(header: list[_Paragraph]) -> dict[str, str]:
    metadata: dict[str, str] = {}
    loose: list[str] = []
    for paragraph in header:
        line = f"{paragraph.label}: {paragraph.text}" if paragraph.label else paragraph.text
        key, colon, value = line.partition(":")
        if colon and value.strip() and label_strength(key) is not None:
            metadata[key.strip().casefold()] = value.strip()
        elif line.strip():
            loose.append(line.strip())
    if loose:
        metadata["header"] = " | ".join(loose)
    return metadata


def _blocks(body: _Body) -> tuple[list[Block], dict[str, str]]:
    paragraphs = [p for p in body.paragraphs if isinstance(p, list) or p.text or p.label]
    texts = [p for p in paragraphs if isinstance(p, _Paragraph)]
    _split_labels_joined(texts)
    bold_mode = any(p.bold_label for p in texts)
    accepted = accepted_weak_labels([(p.label, p.strength) for p in texts if p.strength])
    for paragraph in texts:
        is_speaker = paragraph.bold_label if bold_mode else bool(paragraph.label)
        if paragraph.label and (
            not is_speaker
            or (paragraph.strength is Strength.WEAK and paragraph.label not in accepted)
        ):
            paragraph.text = f"{paragraph.label}: {paragraph.text}"
            paragraph.label, paragraph.strength = "", None
    paragraphs = [p for p in paragraphs if isinstance(p, list) or p.text or p.label]
    first_speech = next(
        (i for i, p in enumerate(paragraphs) if isinstance(p, list) or p.label), None
    )
    metadata = dict(body.metadata)
    header = paragraphs[:first_speech] if first_speech else []
    if header and len(header) <= MAX_HEADER_PARAGRAPHS:
        header_paragraphs = [p for p in header if isinstance(p, _Paragraph)]
        if all(len(p.text) <= MAX_HEADER_CHARS for p in header_paragraphs):
            metadata.update(_header_metadata(header_paragraphs))
            paragraphs = paragraphs[first_speech:]
    blocks: list[Block] = []
    current: Block | None = None
    for paragraph in paragraphs:
        if isinstance(paragraph, list):
            blocks.extend(paragraph)
            current = None
        elif paragraph.label:
            current = Block(paragraph.label, paragraph.text, paragraph.start_ms, paragraph.end_ms)
            blocks.append(current)
        elif current is not None and current.speaker:
            current.text = f"{current.text}\n{paragraph.text}"
            current.end_ms = paragraph.end_ms if paragraph.end_ms is not None else current.end_ms
        else:
            blocks.append(Block("", paragraph.text, paragraph.start_ms, paragraph.end_ms))
    return blocks, metadata


def _check_package(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = package.namelist()
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise TranscriptImportError(f"not a Word document (.docx): {exc}") from None
    if "word/document.xml" not in names:
        raise TranscriptImportError("zip archive without word/document.xml: not a Word document")
    if unpacked > MAX_UNPACKED_BYTES:
        raise TranscriptImportError(
            f"Word document unpacks to {unpacked // (1024 * 1024)} MB; the limit is "
            f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB"
        )


def parse(data: bytes) -> ParsedTranscript:
    _check_package(data)
    try:
        body = _read_body(data)
    except (
        PackageNotFoundError,
        KeyError,
        ValueError,
        zipfile.BadZipFile,
        zlib.error,
        LxmlError,
        EOFError,
        # python-docx meets XML of the wrong shape (a mangled namespace, a missing body) with
        # plain AttributeError or TypeError from deep inside, and zipfile meets odd or
        # encrypted members with NotImplementedError or RuntimeError: all a damaged file to us.
        AttributeError,
        TypeError,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise TranscriptImportError(f"damaged Word document: {problem}") from None
    blocks, metadata = _blocks(body)
    return assemble(blocks, format=FORMAT, encoding="utf-8", joiner="\n", metadata=metadata)
