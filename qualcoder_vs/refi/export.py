"""Writing REFI-QDA: a QDPX project (``project.qde`` plus ``sources/<guid>.txt``) and a QDC
codebook, both valid against the REFI-QDA 1.0 schemas.

Write strictly: positions are code points of the stored text as the spec says (§10.2), every
GUID is one of our UUIDs (or derived from one with uuid5, so a second export gives the same
GUIDs), and elements follow the schema's sequence order. A file is written next to its target and
renamed into place, so an interrupted export never leaves half a file.
"""

from __future__ import annotations

import os
import re
import uuid
import zipfile
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lxml import etree

from qualcoder_vs import __version__
from qualcoder_vs.core.offsets import Utf16Index
from qualcoder_vs.core.project import Project
from qualcoder_vs.core.text import flatten
from qualcoder_vs.core.views import (
    CoderView,
    CodeView,
    MemoView,
    ProjectInfoView,
    SourceView,
    TurnView,
)
from qualcoder_vs.refi.codes import DEFAULT_COLOUR, CodeDetails, normalise_colour, write_description
from qualcoder_vs.refi.errors import RefiError
from qualcoder_vs.refi.plan import IMPORTANT_NOTE_TEXT, IMPORTANT_NOTE_TITLE

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = f"qualcoder-vs {__version__}"
UTF16_ORIGIN_MARK = "positions in UTF-16 code units, for NVivo"
SELECTION_NAME_CHARS = 100
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the control characters XML 1.0 cannot carry at all."""
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text


def xml_time(moment: datetime) -> str:
    """xsd:dateTime in UTC; SQLite hands back naive datetimes, which we stored as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def selection_name(quote: str) -> str:
    """The quote's start, as ATLAS.ti names selections: other tools show it, and our import
    uses it to check that positions were counted the way we think."""
    flat = flatten(xml_text(quote))
    return flat if len(flat) <= SELECTION_NAME_CHARS else flat[:SELECTION_NAME_CHARS] + "…"


def derived_guid(base: uuid.UUID, role: str) -> uuid.UUID:
    """A stable GUID for something we store no id for (a selection, a case, a coding memo)."""
    return uuid.uuid5(base, role)


@dataclass(frozen=True, slots=True)
class _CodingRow:
    id: uuid.UUID
    source_id: uuid.UUID
    code_id: uuid.UUID
    coder_id: uuid.UUID
    start: int
    end: int
    quote: str
    memo: str
    important: bool
    created: datetime


@dataclass(slots=True)
class _Snapshot:
    """Everything an export needs, read in one session."""

    info: ProjectInfoView
    coders: list[CoderView]
    codes: list[CodeView]
    sources: list[SourceView]
    turns: dict[uuid.UUID, list[TurnView]]
    codings: list[_CodingRow]
    memos: list[MemoView]


def _snapshot(project: Project, *, with_turns: bool = False) -> _Snapshot:
    """Everything the export writes; turns and speakers only when labels are written."""
    material = project.queries.export_material(with_turns=with_turns)
    return _Snapshot(
        info=material.info,
        coders=material.coders,
        codes=list(material.codes),
        sources=material.sources,
        turns=material.turns,
        codings=[
            _CodingRow(
                c.id,
                c.source_id,
                c.code_id,  # type: ignore[arg-type]
                c.coder_id,  # type: ignore[arg-type]
                c.start,
                c.end,
                c.text,
                c.memo,
                c.important,
                c.created,
            )
            for c in material.codings
        ],
        memos=material.memos,
    )


class _Writer:
    """Builds elements in one namespace; attributes with None values are left out."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace

    def element(self, tag: str, **attributes: Any) -> etree._Element:
        """A root element, declaring the namespace as the default one."""
        return etree.Element(
            f"{{{self.namespace}}}{tag}", self._attributes(attributes), nsmap={None: self.namespace}
        )

    def sub(self, parent: etree._Element, tag: str, **attributes: Any) -> etree._Element:
        return etree.SubElement(parent, f"{{{self.namespace}}}{tag}", self._attributes(attributes))

    def text(self, parent: etree._Element, tag: str, text: str) -> etree._Element:
        element = self.sub(parent, tag)
        element.text = xml_text(text)
        return element

    @staticmethod
    def _attributes(attributes: dict[str, Any]) -> dict[str, str]:
        return {
            name: xml_text(str(value)) for name, value in attributes.items() if value is not None
        }


# -- codes -----------------------------------------------------------------------------------


def _code_elements(
    writer: _Writer,
    codes_element: etree._Element,
    codes: list[CodeView],
    *,
    coded: set[uuid.UUID],
    code_notes: dict[uuid.UUID, list[uuid.UUID]] | None,
) -> None:
    """The code tree inside a ``Codes`` element. Themes without codings are not codable: that
    is how our themes survive a round trip and how other tools show a category."""
    kids: dict[uuid.UUID | None, list[CodeView]] = defaultdict(list)
    known = {code.id for code in codes}
    for code in codes:
        kids[code.parent_id if code.parent_id in known else None].append(code)

    def add(into: etree._Element, code: CodeView) -> None:
        element = writer.sub(
            into,
            "Code",
            guid=code.id,
            name=code.label or code.key,
            isCodable="false" if code.is_theme and code.id not in coded else "true",
            color=normalise_colour(code.colour) or DEFAULT_COLOUR,
        )
        details = CodeDetails(
            description=code.description,
            include=tuple(code.include),
            exclude=tuple(code.exclude),
            keywords=tuple(code.keywords),
            examples=tuple(code.examples),
            key=code.key,
        )
        writer.text(element, "Description", write_description(details))
        for note in (code_notes or {}).get(code.id, []):
            writer.sub(element, "NoteRef", targetGUID=note)
        for sub in kids.get(code.id, []):
            add(element, sub)

    for top in kids[None]:
        add(codes_element, top)


# -- attributes as variables and cases -------------------------------------------------------


def _is_whole_number(value: object) -> bool:
    text = str(value)
    return bool(re.fullmatch(r"-?[1-9][0-9]{0,17}|0", text))


def _variables(
    sources: list[SourceView], project_id: uuid.UUID
) -> dict[str, tuple[uuid.UUID, str]]:
    """Attribute name -> (variable GUID, REFI type); Integer only where every value is a whole
    number written plainly, so reading it back gives the same text."""
    values: dict[str, list[object]] = {}
    for source in sources:
        for name, value in (source.attributes or {}).items():
            values.setdefault(name, []).append(value)
    return {
        name: (
            derived_guid(project_id, f"variable:{name}"),
            "Integer" if all(_is_whole_number(v) for v in found) else "Text",
        )
        for name, found in values.items()
    }


def _variable_values(
    writer: _Writer,
    parent: etree._Element,
    attributes: dict[str, object],
    variables: dict[str, tuple[uuid.UUID, str]],
) -> None:
    for name, value in attributes.items():
        guid, kind = variables[name]
        element = writer.sub(parent, "VariableValue")
        writer.sub(element, "VariableRef", targetGUID=guid)
        writer.text(element, "IntegerValue" if kind == "Integer" else "TextValue", str(value))


# -- the project document --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QdpxExport:
    sources: int
    codes: int
    codings: int
    coding_memos: int
    memos: int


class SourceText:
    """The text written for a source and where our offsets land in it. With speaker labels,
    each turn's speaker is written before it (``Naam: ``) so other tools show who speaks, and
    offsets move by the labels written before them."""

    def __init__(
        self,
        source: SourceView,
        turns: list[TurnView],
        *,
        speaker_labels: bool,
        utf16: bool = False,
    ) -> None:
        self._inserts: list[int] = []
        self._shifts: list[int] = [0]
        self._units: Utf16Index | None = None
        if not speaker_labels:
            self.text = source.text
            self._count_in_utf16(utf16)
            return
        parts: list[str] = []
        done = 0
        for turn in turns:
            if not turn.speaker or turn.start < done:
                continue
            label = f"{turn.speaker}: "
            parts.extend((source.text[done : turn.start], label))
            self._inserts.append(turn.start)
            self._shifts.append(self._shifts[-1] + len(label))
            done = turn.start
        parts.append(source.text[done:])
        self.text = "".join(parts)
        self._count_in_utf16(utf16)

    def _count_in_utf16(self, utf16: bool) -> None:
        """NVivo reads positions as UTF-16 code units; they differ from code points only after
        a character outside the Basic Multilingual Plane (an emoji, say)."""
        self._units = Utf16Index(self.text) if utf16 else None

    def _position(self, index: int) -> int:
        return self._units.to_utf16(index) if self._units is not None else index

    def start(self, offset: int) -> int:
        """A start at a turn's first character goes after that turn's label."""
        return self._position(offset + self._shifts[bisect_right(self._inserts, offset)])

    def end(self, offset: int) -> int:
        """An end at a turn's first character stays before that turn's label."""
        return self._position(offset + self._shifts[bisect_left(self._inserts, offset)])


class _ProjectDocument:
    """Builds ``project.qde``; sources are referred to as ``internal://<guid>.txt``."""

    def __init__(
        self, snapshot: _Snapshot, texts: dict[uuid.UUID, SourceText], origin: str = ORIGIN
    ) -> None:
        self.origin = origin
        self.snapshot = snapshot
        self.texts = texts
        self.w = _Writer(PROJECT_NS)
        self.code_label = {code.id: code.label for code in snapshot.codes}
        self.source_memos: dict[uuid.UUID, list[MemoView]] = defaultdict(list)
        self.code_memos: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        self.project_memos: list[MemoView] = []
        for memo in snapshot.memos:
            if memo.source_id is not None:
                self.source_memos[memo.source_id].append(memo)
            elif memo.code_id is not None and memo.code_id in self.code_label:
                self.code_memos[memo.code_id].append(memo.id)
            else:
                self.project_memos.append(memo)
        self.variables = _variables(snapshot.sources, snapshot.info.id)
        self.coding_notes: list[tuple[_CodingRow, str]] = []
        self.important_note = derived_guid(snapshot.info.id, "important")
        self.any_important = False

    def build(self) -> etree._Element:
        info = self.snapshot.info
        root = self.w.element(
            "Project",
            name=info.name or "qualcoder-vs",
            origin=self.origin,
            creationDateTime=xml_time(info.created),
        )
        self._users(root)
        self._codebook(root)
        self._variables_and_cases(root)
        self._sources(root)
        self._notes(root)
        for memo in self.project_memos:
            self.w.sub(root, "NoteRef", targetGUID=memo.id)
        return root

    def _users(self, root: etree._Element) -> None:
        if self.snapshot.coders:
            users = self.w.sub(root, "Users")
            for coder in self.snapshot.coders:
                self.w.sub(users, "User", guid=coder.id, name=coder.name)

    def _codebook(self, root: etree._Element) -> None:
        if self.snapshot.codes:
            codes = self.w.sub(self.w.sub(root, "CodeBook"), "Codes")
            coded = {row.code_id for row in self.snapshot.codings}
            _code_elements(
                self.w, codes, self.snapshot.codes, coded=coded, code_notes=self.code_memos
            )

    def _variables_and_cases(self, root: etree._Element) -> None:
        """Attributes as variables, with one case per interview holding its values."""
        if not self.variables:
            return
        element = self.w.sub(root, "Variables")
        for name, (guid, kind) in self.variables.items():
            self.w.sub(element, "Variable", guid=guid, name=name, typeOfVariable=kind)
        cases = self.w.sub(root, "Cases")
        for source in self.snapshot.sources:
            if source.attributes:
                case = self.w.sub(
                    cases, "Case", guid=derived_guid(source.id, "case"), name=source.name
                )
                _variable_values(self.w, case, source.attributes, self.variables)
                self.w.sub(case, "SourceRef", targetGUID=source.id)

    def _sources(self, root: etree._Element) -> None:
        if not self.snapshot.sources:
            return
        by_source: dict[uuid.UUID, list[_CodingRow]] = defaultdict(list)
        for row in self.snapshot.codings:
            by_source[row.source_id].append(row)
        sources = self.w.sub(root, "Sources")
        for source in self.snapshot.sources:
            element = self.w.sub(
                sources,
                "TextSource",
                guid=source.id,
                name=source.name,
                plainTextPath=f"internal://{source.id}.txt",
                creationDateTime=xml_time(source.created),
            )
            text = self.texts[source.id]
            for row in by_source.get(source.id, []):
                self._selection(element, row, text, source.name)
            for memo in self.source_memos.get(source.id, []):
                self.w.sub(element, "NoteRef", targetGUID=memo.id)
            _variable_values(self.w, element, source.attributes or {}, self.variables)

    def _selection(
        self, parent: etree._Element, row: _CodingRow, text: SourceText, source_name: str
    ) -> None:
        """One selection per coding, as NVivo writes them: each coding keeps its own memo."""
        selection = self.w.sub(
            parent,
            "PlainTextSelection",
            guid=derived_guid(row.id, "selection"),
            name=selection_name(row.quote),
            startPosition=text.start(row.start),
            endPosition=text.end(row.end),
            creatingUser=row.coder_id,
            creationDateTime=xml_time(row.created),
        )
        coding = self.w.sub(
            selection,
            "Coding",
            guid=row.id,
            creatingUser=row.coder_id,
            creationDateTime=xml_time(row.created),
        )
        self.w.sub(coding, "CodeRef", targetGUID=row.code_id)
        if row.memo:
            self.w.sub(selection, "NoteRef", targetGUID=derived_guid(row.id, "memo"))
            self.coding_notes.append((row, source_name))
        if row.important:
            self.w.sub(selection, "NoteRef", targetGUID=self.important_note)
            self.any_important = True

    def _notes(self, root: etree._Element) -> None:
        if not (self.snapshot.memos or self.coding_notes or self.any_important):
            return
        w = self.w
        notes = w.sub(root, "Notes")
        if self.any_important:
            note = w.sub(notes, "Note", guid=self.important_note, name=IMPORTANT_NOTE_TITLE)
            w.text(note, "PlainTextContent", IMPORTANT_NOTE_TEXT)
        for memo in self.snapshot.memos:
            note = w.sub(
                notes,
                "Note",
                guid=memo.id,
                name=memo.title or None,
                creatingUser=memo.coder_id,
                creationDateTime=xml_time(memo.created),
            )
            w.text(note, "PlainTextContent", memo.text)
        for row, source_name in self.coding_notes:
            note = w.sub(
                notes,
                "Note",
                guid=derived_guid(row.id, "memo"),
                name=f"Memo: {self.code_label.get(row.code_id, '')} ({source_name})",
                creatingUser=row.coder_id,
                creationDateTime=xml_time(row.created),
            )
            w.text(note, "PlainTextContent", row.memo)


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _write_atomically(out: Path, write: Any) -> None:
    """Call ``write(temporary_path)`` and move the result over ``out`` only when it finished."""
    if out.is_dir():
        raise RefiError(f"{out}: is a folder; give a file name")
    if not out.parent.exists():
        raise RefiError(f"{out}: folder {out.parent} does not exist")
    partial = out.with_name(f".{out.name}.partial")
    try:
        write(partial)
        os.replace(partial, out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise RefiError(f"{out}: cannot write ({exc.strerror})") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def export_qdpx(
    project: Project, out: Path, *, speaker_labels: bool = False, utf16: bool = False
) -> QdpxExport:
    """Write the project as a QDPX archive at ``out``; ``speaker_labels`` writes each turn's
    speaker into the text (other tools show who speaks, but a re-import then has them in the
    text); ``utf16`` counts positions in UTF-16 code units, as NVivo reads them, and says so
    in the file's origin so that our own import counts them back the same way."""
    snapshot = _snapshot(project, with_turns=speaker_labels)
    texts = {
        s.id: SourceText(
            s, snapshot.turns.get(s.id, []), speaker_labels=speaker_labels, utf16=utf16
        )
        for s in snapshot.sources
    }
    origin = f"{ORIGIN} ({UTF16_ORIGIN_MARK})" if utf16 else ORIGIN
    document = _serialise(_ProjectDocument(snapshot, texts, origin).build())

    def write(path: Path) -> None:
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            zf.writestr("project.qde", document)
            for source in snapshot.sources:
                zf.writestr(f"sources/{source.id}.txt", texts[source.id].text.encode("utf-8"))

    _write_atomically(out, write)
    return QdpxExport(
        sources=len(snapshot.sources),
        codes=sum(1 for c in snapshot.codes if not c.is_theme),
        codings=len(snapshot.codings),
        coding_memos=sum(1 for row in snapshot.codings if row.memo),
        memos=len(snapshot.memos),
    )


def codebook_document(snapshot: _Snapshot, location: str) -> etree._Element:
    """A QDC codebook: the code tree, without notes (the codebook schema has no place for them)."""
    if not snapshot.codes:
        raise RefiError(f"{location}: the project has no codes to export")
    w = _Writer(CODEBOOK_NS)
    root = w.element("CodeBook", origin=ORIGIN)
    coded = {row.code_id for row in snapshot.codings}
    _code_elements(w, w.sub(root, "Codes"), snapshot.codes, coded=coded, code_notes=None)
    return root


def export_qdc(project: Project, out: Path) -> int:
    """Write the project's codebook as a QDC file at ``out``; returns the number of codes."""
    snapshot = _snapshot(project)
    document = _serialise(codebook_document(snapshot, project.location))
    _write_atomically(out, lambda path: path.write_bytes(document))
    return sum(1 for c in snapshot.codes if not c.is_theme)
