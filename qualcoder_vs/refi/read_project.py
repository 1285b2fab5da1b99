"""Reading a REFI-QDA project (QDPX archive or bare .qde) into a plan of rows, leniently.

Everything is read and checked before any project is touched; the plan is then written in one
action (see :mod:`qualcoder_vs.refi.store`). What we cannot carry (PDF, picture, audio and video
sources, links, graphs, code sets, codings of whole sources) is skipped with a warning.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lxml import etree

from qualcoder_vs.core.speakers import ROLES
from qualcoder_vs.core.text import TextDecodeError, decode
from qualcoder_vs.refi.codes import CodePlan, claim_unique, plan_codes, read_code_tree
from qualcoder_vs.refi.container import RefiContainer
from qualcoder_vs.refi.errors import RefiError, Warnings
from qualcoder_vs.refi.extras import EXTRAS_ENTRY, read_extras
from qualcoder_vs.refi.plan import (
    IMPORTANT_NOTE_TITLE,
    PROJECT_USER_NAME,
    PlannedCoding,
    PlannedMemo,
    PlannedSource,
    ProjectPlan,
    split_important_mark,
)
from qualcoder_vs.refi.positions import (
    ALL_SCHEMES,
    PositionMap,
    decode_source,
    scheme_for_producer,
)
from qualcoder_vs.refi.safe_xml import parse_xml
from qualcoder_vs.refi.xmlread import (
    child,
    child_text,
    children,
    local,
    parse_guid,
    parse_int,
    parse_time,
)

PROJECT_PARTS = frozenset(
    {
        "Users",
        "CodeBook",
        "Variables",
        "Cases",
        "Sources",
        "Notes",
        "Links",
        "Sets",
        "Graphs",
        "Description",
        "NoteRef",
    }
)
SETS_ATTRIBUTE = "sets"
CASE_ATTRIBUTE = "case"
"""Where a source's case goes when the case carries no values of its own (a case we wrote for
a ``respondent`` attribute already comes back through that attribute)."""
SOURCE_DESCRIPTION_TITLE = "Beschrijving"
PROJECT_DESCRIPTION_TITLE = "Projectbeschrijving"
ANNOTATION_TITLE = "Annotatie"
VALUE_ELEMENTS = (
    "TextValue",
    "BooleanValue",
    "IntegerValue",
    "FloatValue",
    "DateValue",
    "DateTimeValue",
)
SKIPPED_SOURCES = {
    "PDFSource": "PDF source skipped",
    "PictureSource": "picture source skipped",
    "AudioSource": "audio source skipped",
    "VideoSource": "video source skipped",
}
HINTS_CHECKED = 50
"""Selections whose names are compared with the text to confirm the counting scheme: enough to
tell schemes apart, few enough that a large project reads fast."""
_ELLIPSIS = re.compile(r"(…|\.\.\.)$")


@dataclass(slots=True)
class _Note:
    title: str
    text: str
    creator: str | None
    created: datetime | None
    spans: list[tuple[int | None, int | None]]
    """The passages an annotation note is about (QualCoder writes them inside the note)."""


@dataclass(slots=True)
class _Coding:
    guid: uuid.UUID | None
    code_guid: uuid.UUID | None
    creator: str | None
    created: datetime | None
    note_refs: list[uuid.UUID]


@dataclass(slots=True)
class _Selection:
    name: str
    start: int | None
    end: int | None
    description: str
    creator: str | None
    created: datetime | None
    note_refs: list[uuid.UUID]
    codings: list[_Coding]


def _note_refs(element: etree._Element) -> list[uuid.UUID]:
    return [
        ref
        for note in children(element, "NoteRef")
        if (ref := parse_guid(note.get("targetGUID"))) is not None
    ]


def _collapse(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _name_hint(name: str) -> tuple[str, bool] | None:
    """What a selection's ``name`` says about its text: ATLAS.ti writes the quote (cut with an
    ellipsis when long); names like ``line:6`` or ``Quotation 6:1`` simply never match."""
    name = name.strip()
    if len(name) < 4:
        return None
    cut = _ELLIPSIS.search(name)
    text = _collapse(name[: cut.start()] if cut else name)
    return (text, cut is not None) if text else None


class _ProjectReader:
    """One pass over a ``Project`` element, collecting the plan and the warnings."""

    def __init__(self, container: RefiContainer, root: etree._Element, importing_coder: str):
        self.container = container
        self.root = root
        self.importing_coder = importing_coder
        self.warnings = Warnings()
        origin = root.get("origin") or ""
        self.default_scheme = scheme_for_producer(origin)
        self.plan = ProjectPlan(
            name=(root.get("name") or "").strip() or container.path.stem,
            producer=origin or "unknown producer",
            codes=CodePlan(),
            warnings=self.warnings,
        )
        self.users: dict[uuid.UUID, str] = {}
        self.variables: dict[uuid.UUID, str] = {}
        self.attributes: dict[uuid.UUID, dict[str, str]] = {}
        self.notes: dict[uuid.UUID, _Note] = {}
        self.used_notes: set[uuid.UUID] = set()
        self.source_ids: set[uuid.UUID] = set()
        self.coding_ids: set[uuid.UUID] = set()
        self.source_names: set[str] = set()
        self.from_us = origin.startswith(PROJECT_USER_NAME)
        self.project_user: uuid.UUID | None = None
        self.case_members: list[tuple[str, list[uuid.UUID]]] = []
        """Named cases without values: the case is the grouping itself."""

    # -- the parts, in document order --------------------------------------------------------

    def read(self) -> ProjectPlan:
        for element in self.root:
            name = local(element)
            if name and name not in PROJECT_PARTS:
                self.warnings.add("unknown element skipped", name)
        self._read_users()
        self._read_codes()
        self._read_variables()
        self._read_notes()
        self._read_cases()
        self._read_sets()
        self._read_sources()
        self._read_project_notes()
        self._apply_extras()
        for name in ("Links", "Graphs"):
            found = child(self.root, name)
            if found is not None:
                self.warnings.add(f"{name.lower()} skipped", f"{len(found)} {name.lower()}")
        return self.plan

    def _read_users(self) -> None:
        users = child(self.root, "Users")
        taken: set[str] = set()
        for user in children(users, "User") if users is not None else ():
            guid = parse_guid(user.get("guid"))
            if guid is None:
                self.warnings.add("user without a valid GUID skipped", user.get("name") or "")
                continue
            name = (user.get("name") or user.get("id") or "").strip() or f"user-{str(guid)[:8]}"
            if name == PROJECT_USER_NAME and self.from_us:
                self.project_user = guid
            self.users[guid] = claim_unique(name, taken)

    def _coder(self, guid_text: str | None) -> str | None:
        guid = parse_guid(guid_text)
        if guid is None:
            return None
        name = self.users.get(guid)
        if name is None:
            self.warnings.add("unknown user referenced; the importing coder is used", str(guid))
            return None
        if guid == self.project_user:
            return None
        self.plan.coders.setdefault(name, guid)
        return name

    def _read_codes(self) -> None:
        codebook = child(self.root, "CodeBook")
        codes = child(codebook, "Codes") if codebook is not None else None
        roots = read_code_tree(codes, self.warnings) if codes is not None else []
        self.plan.codes = plan_codes(roots, self.warnings)

    def _read_variables(self) -> None:
        variables = child(self.root, "Variables")
        for variable in children(variables, "Variable") if variables is not None else ():
            guid = parse_guid(variable.get("guid"))
            name = (variable.get("name") or "").strip()
            if guid is None or not name:
                self.warnings.add("variable without GUID or name skipped", name)
                continue
            self.variables[guid] = name

    def _values(self, element: etree._Element) -> dict[str, str]:
        values: dict[str, str] = {}
        for value in children(element, "VariableValue"):
            ref = child(value, "VariableRef")
            guid = parse_guid(ref.get("targetGUID")) if ref is not None else None
            name = self.variables.get(guid) if guid is not None else None
            if name is None:
                self.warnings.add("value of an unknown variable skipped")
                continue
            for kind in VALUE_ELEMENTS:
                found = child(value, kind)
                if found is not None and (found.text or "").strip():
                    values[name] = (found.text or "").strip()
                    break
        return values

    def _add_attributes(self, source_guid: uuid.UUID, values: dict[str, str]) -> None:
        self.attributes.setdefault(source_guid, {}).update(values)

    def _read_cases(self) -> None:
        cases = child(self.root, "Cases")
        for case in children(cases, "Case") if cases is not None else ():
            values = self._values(case)
            refs = [
                guid
                for ref in children(case, "SourceRef")
                if (guid := parse_guid(ref.get("targetGUID"))) is not None
            ]
            if not refs:
                self.warnings.add("case without whole sources skipped", case.get("name") or "")
                continue
            if not values and (case.get("name") or "").strip():
                self.case_members.append(((case.get("name") or "").strip(), refs))
            for guid in refs:
                self._add_attributes(guid, values)

    def _read_sets(self) -> None:
        sets = child(self.root, "Sets")
        memberships: dict[uuid.UUID, list[str]] = {}
        for member_set in children(sets, "Set") if sets is not None else ():
            name = (member_set.get("name") or "").strip()
            for member in children(member_set, "MemberSource"):
                guid = parse_guid(member.get("targetGUID"))
                if guid is not None and name:
                    memberships.setdefault(guid, []).append(name)
            if any(True for _ in children(member_set, "MemberCode")):
                self.warnings.add("set of codes skipped", name)
            if any(True for _ in children(member_set, "MemberNote")):
                self.warnings.add("set of notes skipped", name)
        for guid, names in memberships.items():
            self._add_attributes(guid, {SETS_ATTRIBUTE: "; ".join(names)})

    def _read_notes(self) -> None:
        notes = child(self.root, "Notes")
        for note in children(notes, "Note") if notes is not None else ():
            guid = parse_guid(note.get("guid"))
            if guid is None or guid in self.notes:
                self.warnings.add("note without a unique GUID skipped", note.get("name") or "")
                continue
            text = self._text_of(note, f"note {note.get('name') or guid}")
            description = child_text(note, "Description").strip()
            if text is None or not text.strip():
                text = description
            spans = [
                (parse_int(s.get("startPosition")), parse_int(s.get("endPosition")))
                for s in children(note, "PlainTextSelection")
            ]
            title = (note.get("name") or "").strip() or (ANNOTATION_TITLE if spans else "")
            self.notes[guid] = _Note(
                title=title,
                text=(text or "").strip(),
                creator=self._coder(note.get("creatingUser") or note.get("modifyingUser")),
                created=parse_time(note.get("creationDateTime") or note.get("modifiedDateTime")),
                spans=spans,
            )

    def _text_of(self, element: etree._Element, what: str) -> str | None:
        content = child(element, "PlainTextContent")
        if content is not None:
            return content.text or ""
        path = element.get("plainTextPath")
        if not path:
            return None
        data = self.container.read_file(path, self.warnings)
        if data is None:
            return None
        try:
            return decode(data).text
        except TextDecodeError as exc:
            self.warnings.add(f"unreadable text skipped ({exc})", what)
            return None

    def _is_important(self, ref: uuid.UUID) -> bool:
        note = self.notes.get(ref)
        if note is None or note.title != IMPORTANT_NOTE_TITLE:
            return False
        self.used_notes.add(ref)
        return True

    def _note_texts(self, refs: list[uuid.UUID]) -> list[str]:
        texts = []
        for ref in refs:
            note = self.notes.get(ref)
            if note is None:
                self.warnings.add("reference to a missing note skipped", str(ref))
                continue
            self.used_notes.add(ref)
            texts.append(note.text)
        return texts

    def _memo_from_note(
        self,
        ref: uuid.UUID,
        *,
        source_id: uuid.UUID | None = None,
        code_id: uuid.UUID | None = None,
        positions: PositionMap | None = None,
    ) -> None:
        note = self.notes.get(ref)
        if note is None:
            self.warnings.add("reference to a missing note skipped", str(ref))
            return
        if ref in self.used_notes:
            return
        self.used_notes.add(ref)
        text = note.text
        if positions is not None and note.spans:
            text = _join_memos([text, *_quoted(positions, note.spans)])
        self.plan.memos.append(
            PlannedMemo(
                id=ref,
                title=note.title,
                text=text,
                coder=note.creator,
                source_id=source_id,
                code_id=code_id,
                created=note.created,
            )
        )

    def _read_project_notes(self) -> None:
        for code in self.plan.codes.codes:
            for ref in code.note_refs:
                self._memo_from_note(ref, code_id=code.id)
        for ref in _note_refs(self.root):
            self._memo_from_note(ref)
        description = child_text(self.root, "Description").strip()
        if description:
            self.plan.memos.append(
                PlannedMemo(
                    uuid.uuid4(), PROJECT_DESCRIPTION_TITLE, description, None, None, None, None
                )
            )
        for ref in list(self.notes):
            if ref not in self.used_notes:
                self._memo_from_note(ref)

    # -- what only our own exports carry -----------------------------------------------------

    def _apply_extras(self) -> None:
        """Turns, speakers, times, file details, hidden names from our extras entry, where
        they still fit the text read from the archive."""
        data = self.container.read_entry(EXTRAS_ENTRY)
        if data is None:
            return
        extras = read_extras(data, self.container.origin, self.warnings)
        if extras is None:
            return
        self.plan.language = extras.language
        self.plan.hidden_names = list(extras.hidden_names)
        for planned in self.plan.sources:
            extra = extras.sources.get(planned.id)
            if extra is None:
                continue
            problem = extra.fits(planned.text)
            if problem is not None:
                self.warnings.add(f"turns and speakers not restored ({problem})", planned.name)
                continue
            planned.turns = list(extra.turns)
            planned.speaker_roles = {s.name: s.role for s in extra.speakers if s.role in ROLES}
            for speaker in extra.speakers:
                if speaker.role not in ROLES:
                    self.warnings.add("unknown speaker role ignored", speaker.role[:40])
            planned.format = extra.format or planned.format
            planned.filename = extra.filename or planned.filename
            planned.encoding = extra.encoding or planned.encoding
            planned.sha256 = extra.sha256 or planned.sha256
        for coding in self.plan.codings:
            coding.origin = extras.coding_origins.get(coding.id, "manual")

    # -- sources -----------------------------------------------------------------------------

    def _read_sources(self) -> None:
        sources = child(self.root, "Sources")
        texts = {
            (element.get("plainTextPath") or "").strip()
            for element in (sources if sources is not None else ())
            if local(element) == "TextSource" and element.get("plainTextPath")
        }
        for element in sources if sources is not None else ():
            kind = local(element)
            if kind == "TextSource":
                self._read_text_source(element)
            elif kind in ("AudioSource", "VideoSource") and self._is_ours(element, texts):
                continue
            elif kind in SKIPPED_SOURCES:
                self.warnings.add(SKIPPED_SOURCES[kind], element.get("name") or "")
            elif kind:
                self.warnings.add("unknown source kind skipped", kind)

    def _is_ours(self, element: etree._Element, texts: set[str]) -> bool:
        """A recording we wrote beside a text source: its transcript is that source's text and
        its path is one of that source's attributes, so nothing of it is skipped. (ATLAS.ti
        writes recordings the same way, but with codings of their own: those are warned of.)"""
        transcripts = list(children(element, "Transcript"))
        return (
            self.from_us
            and bool(transcripts)
            and all((t.get("plainTextPath") or "").strip() in texts for t in transcripts)
        )

    def _unique_source_name(self, name: str) -> str:
        return claim_unique(name, self.source_names)

    def _read_text_source(self, element: etree._Element) -> None:
        guid = parse_guid(element.get("guid"))
        name = (element.get("name") or "").strip() or (str(guid) if guid else "bron")
        content = child(element, "PlainTextContent")
        data: bytes | None
        if content is not None:
            data = (content.text or "").encode("utf-8")
        elif element.get("plainTextPath"):
            data = self.container.read_file(element.get("plainTextPath") or "", self.warnings)
        else:
            self.warnings.add("text source without plain text skipped", name)
            data = None
        selections = [self._read_selection(s) for s in children(element, "PlainTextSelection")]
        if data is None:
            coded = sum(len(s.codings) for s in selections)
            if coded:
                self.warnings.add("codings of a skipped source skipped", f"{coded} in {name}")
            return
        try:
            decoded, raw = decode_source(data)
        except TextDecodeError as exc:
            self.warnings.add(f"source with unreadable text skipped ({exc})", name)
            return
        source_id = guid if guid is not None and guid not in self.source_ids else None
        if source_id is None:
            source_id = uuid.uuid4()
            self.warnings.add("source without a unique GUID given a new one", name)
        self.source_ids.add(source_id)
        positions = self._choose_positions(raw, selections, name)
        attributes = dict(self.attributes.get(guid, {})) if guid else {}
        attributes.update(self._values(element))
        for case_name, members in self.case_members:
            if guid in members and case_name not in attributes.values():
                attributes.setdefault(CASE_ATTRIBUTE, case_name)
        path = element.get("plainTextPath") or ""
        self.plan.sources.append(
            PlannedSource(
                id=source_id,
                name=self._unique_source_name(name),
                filename=name if "." in name else (path.rsplit("/", 1)[-1] or name),
                encoding=decoded.encoding,
                sha256=hashlib.sha256(data).hexdigest(),
                text=decoded.text,
                attributes=attributes,
                scheme=positions.scheme,
                created=parse_time(element.get("creationDateTime")),
            )
        )
        for warning in decoded.warnings:
            self.warnings.add(warning, name)
        if not decoded.text.strip():
            self.warnings.add("text source with empty plain text (its rich text is not read)", name)
        description = child_text(element, "Description").strip()
        if description:
            self.plan.memos.append(
                PlannedMemo(
                    uuid.uuid4(), SOURCE_DESCRIPTION_TITLE, description, None, source_id, None, None
                )
            )
        for ref in _note_refs(element):
            self._memo_from_note(ref, source_id=source_id, positions=positions)
        if any(True for _ in children(element, "Coding")):
            self.warnings.add("coding of a whole source skipped", name)
        seen: dict[tuple[uuid.UUID, str, int, int], PlannedCoding] = {}
        for selection in selections:
            self._plan_codings(selection, source_id, name, positions, seen)

    def _read_selection(self, element: etree._Element) -> _Selection:
        return _Selection(
            name=element.get("name") or "",
            start=parse_int(element.get("startPosition")),
            end=parse_int(element.get("endPosition")),
            description=child_text(element, "Description").strip(),
            creator=element.get("creatingUser"),
            created=parse_time(element.get("creationDateTime")),
            note_refs=_note_refs(element),
            codings=[
                _Coding(
                    guid=parse_guid(coding.get("guid")),
                    code_guid=parse_guid(ref.get("targetGUID")) if ref is not None else None,
                    creator=coding.get("creatingUser"),
                    created=parse_time(coding.get("creationDateTime")),
                    note_refs=_note_refs(coding),
                )
                for coding in children(element, "Coding")
                for ref in [child(coding, "CodeRef")]
            ],
        )

    def _choose_positions(self, raw: str, selections: list[_Selection], source: str) -> PositionMap:
        """The producer's known scheme, unless the selections' names (the quoted text, for
        ATLAS.ti) show that another scheme finds their text more often."""
        default = PositionMap(raw, self.default_scheme)
        hinted = [(s, hint) for s in selections if (hint := _name_hint(s.name)) is not None]
        if len(hinted) > HINTS_CHECKED:
            step = len(hinted) / HINTS_CHECKED
            hinted = [hinted[int(n * step)] for n in range(HINTS_CHECKED)]
        if not hinted:
            return default
        best, best_score = default, _score(default, hinted)
        if best_score == len(hinted):
            return best
        for scheme in ALL_SCHEMES:
            if scheme == self.default_scheme:
                continue
            candidate = PositionMap(raw, scheme)
            score = _score(candidate, hinted)
            if score > best_score:
                best, best_score = candidate, score
        if best is not default:
            self.warnings.add(
                f"positions counted as {best.scheme.describe()}, not as "
                f"{self.default_scheme.describe()}: the selections' names match that way",
                source,
            )
        return best

    def _plan_codings(
        self,
        selection: _Selection,
        source_id: uuid.UUID,
        source: str,
        positions: PositionMap,
        seen: dict[tuple[uuid.UUID, str, int, int], PlannedCoding],
    ) -> None:
        if not selection.codings:
            if selection.description or selection.note_refs:
                self.warnings.add("memo on an uncoded selection skipped", source)
            return
        span = _span(positions, selection)
        if span is None:
            self.warnings.add(
                "selection outside its text skipped",
                f"{source}[{selection.start}:{selection.end}]",
            )
            return
        start, end = span
        if start >= end:
            self.warnings.add("empty selection skipped", f"{source}[{selection.start}]")
            return
        description, marked = split_important_mark(selection.description)
        flagged = [self._is_important(ref) for ref in selection.note_refs]
        important = marked or any(flagged)
        notes = [ref for ref, flag in zip(selection.note_refs, flagged, strict=True) if not flag]
        shared_memo = [description, *self._note_texts(notes)]
        for coding in selection.codings:
            code_id = self.plan.codes.by_guid.get(coding.code_guid) if coding.code_guid else None
            if code_id is None:
                self.warnings.add("coding with an unknown code skipped", str(coding.code_guid))
                continue
            coder = (
                self._coder(coding.creator)
                or self._coder(selection.creator)
                or self.importing_coder
            )
            self.plan.coders.setdefault(coder, None)
            memo = _join_memos([*shared_memo, *self._note_texts(coding.note_refs)])
            duplicate = seen.get((code_id, coder, start, end))
            if duplicate is not None:
                duplicate.memo = _join_memos([duplicate.memo, memo])
                duplicate.important = duplicate.important or important
                self.warnings.add("duplicate coding merged", source)
                continue
            coding_id = coding.guid
            if coding_id is None or coding_id in self.coding_ids:
                coding_id = uuid.uuid4()
            self.coding_ids.add(coding_id)
            planned = PlannedCoding(
                id=coding_id,
                source_id=source_id,
                code_id=code_id,
                coder=coder,
                start=start,
                end=end,
                memo=memo,
                important=important,
                created=coding.created or selection.created,
            )
            seen[(code_id, coder, start, end)] = planned
            self.plan.codings.append(planned)


def _span(positions: PositionMap, selection: _Selection) -> tuple[int, int] | None:
    if selection.start is None or selection.end is None:
        return None
    try:
        return positions.to_stored(selection.start), positions.to_stored(selection.end)
    except ValueError:
        return None


def _score(positions: PositionMap, hinted: list[tuple[_Selection, tuple[str, bool]]]) -> int:
    score = 0
    for selection, (hint, is_prefix) in hinted:
        span = _span(positions, selection)
        if span is None:
            continue
        quote = _collapse(positions.text[span[0] : span[1]])
        if quote == hint or (is_prefix and quote.startswith(hint)):
            score += 1
    return score


def _quoted(positions: PositionMap, spans: list[tuple[int | None, int | None]]) -> list[str]:
    """The passages an annotation is about, as quote lines (``> ...``), so the memo still says
    which words it was written on; spans outside the text are left out."""
    quotes = []
    for start, end in spans:
        if start is None or end is None:
            continue
        try:
            first, last = positions.to_stored(start), positions.to_stored(end)
        except ValueError:
            continue
        passage = " ".join(positions.text[first:last].split())
        if passage:
            quotes.append(f"> {passage}")
    return quotes


def _join_memos(parts: list[str]) -> str:
    unique: list[str] = []
    for part in parts:
        part = part.strip()
        if part and part not in unique:
            unique.append(part)
    return "\n\n".join(unique)


def read_qdpx(path: Path, *, importing_coder: str) -> ProjectPlan:
    """The plan for a QDPX archive (or bare .qde); RefiError if it cannot be read safely."""
    container = RefiContainer(path)
    try:
        root = parse_xml(container.project_xml, container.origin)
        if local(root) != "Project":
            hint = " (a codebook: use `qvs codebook import`)" if local(root) == "CodeBook" else ""
            raise RefiError(
                f"{container.origin}: not a REFI-QDA project (root element {local(root)}){hint}"
            )
        return _ProjectReader(container, root, importing_coder).read()
    finally:
        container.close()
