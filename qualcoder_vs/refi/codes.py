"""Codes across the border: REFI ``Code`` trees in, our themes and codes out, and back.

REFI-QDA gives a code a GUID, a name, a colour and a description. We also have a short key and
include/exclude/keyword/example lists; those travel in a small labelled block at the end of the
description (one item per line, the key last), which other tools show as plain text and which we
read back, so a round trip keeps every field.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from qualcoder_vs.core.codebook import ID_PATTERN, slug
from qualcoder_vs.core.codebook_table import LOOSE_THEME_KEY, LOOSE_THEME_LABEL
from qualcoder_vs.refi.errors import Warnings
from qualcoder_vs.refi.xmlread import child_text, children, parse_guid

KEY_LINE = "qualcoder-vs id: "
LIST_LABELS = {
    "include": "Include",
    "exclude": "Exclude",
    "keywords": "Keyword",
    "examples": "Example",
}
_LIST_LINE = re.compile(r"^(Include|Exclude|Keyword|Example): (.*)$")
_FIELD_OF_LABEL = {label: name for name, label in LIST_LABELS.items()}
_HEX = re.compile(r"^#?([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")

DEFAULT_COLOUR = "#808080"
MAX_LABEL = 300
LOOSE_THEME_DESCRIPTION = "Codes die in het geïmporteerde project niet onder een thema stonden."


@dataclass(frozen=True, slots=True)
class CodeDetails:
    description: str
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    key: str | None = None


def _one_line(item: str) -> str:
    return " ".join(item.split())


def write_description(details: CodeDetails) -> str:
    """The description with our extra fields appended as labelled lines."""
    lines = [
        f"{LIST_LABELS[name]}: {_one_line(item)}"
        for name in LIST_LABELS
        for item in getattr(details, name)
        if _one_line(item)
    ]
    if details.key:
        lines.append(KEY_LINE + details.key)
    if not lines:
        return details.description
    block = "\n".join(lines)
    return f"{details.description}\n\n{block}" if details.description else block


def read_description(text: str) -> CodeDetails:
    """The inverse of :func:`write_description`; text without our key line is all description."""
    lines = text.rstrip().split("\n")
    last = lines[-1].strip() if lines else ""
    if not last.startswith(KEY_LINE) or not ID_PATTERN.match(last[len(KEY_LINE) :]):
        return CodeDetails(description=text.strip())
    key = last[len(KEY_LINE) :]
    lists: dict[str, list[str]] = {name: [] for name in LIST_LABELS}
    index = len(lines) - 1
    while index > 0 and (match := _LIST_LINE.match(lines[index - 1].strip())):
        lists[_FIELD_OF_LABEL[match.group(1)]].insert(0, match.group(2))
        index -= 1
    return CodeDetails(
        description="\n".join(lines[:index]).strip(),
        key=key,
        **{name: tuple(items) for name, items in lists.items()},
    )


def normalise_colour(value: str | None) -> str | None:
    """``#RRGGBB`` in upper case, from ``#RGB``/``#RRGGBB`` in any case; None if unusable."""
    if not value:
        return None
    match = _HEX.match(value.strip())
    if match is None:
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return "#" + digits.upper()


def claim_unique(name: str, taken: set[str], separator: str = "-") -> str:
    """``name``, or ``name`` with 2, 3, ... after ``separator`` when taken; the result is added
    to ``taken``. Code keys, user names and source names in an import all need this, and must
    number clashes the same way."""
    unique, n = name, 2
    while unique in taken:
        unique = f"{name}{separator}{n}"
        n += 1
    taken.add(unique)
    return unique


class KeyMaker:
    """Unique keys: a wanted key when it is valid and free, else a slug with _2, _3, ..."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken = set(taken)

    def make(self, name: str, wanted: str | None = None) -> str:
        if wanted and ID_PATTERN.match(wanted) and len(wanted) <= 100 and wanted not in self._taken:
            self._taken.add(wanted)
            return wanted
        return claim_unique(slug(name), self._taken, "_")


# -- reading REFI Code trees -----------------------------------------------------------------


@dataclass(slots=True)
class RefiCode:
    """A ``Code`` element as read, before it becomes one of ours."""

    guid: uuid.UUID | None
    name: str
    codable: bool
    colour: str | None
    description: str
    note_refs: list[uuid.UUID] = field(default_factory=list)
    children: list[RefiCode] = field(default_factory=list)


def read_code_tree(codes: etree._Element, warnings: Warnings) -> list[RefiCode]:
    """The ``Code`` elements under a ``Codes`` element, nested as they are."""

    def read(element: etree._Element) -> RefiCode:
        raw_guid = element.get("guid")
        guid = parse_guid(raw_guid)
        name = (element.get("name") or "").strip()
        if guid is None:
            warnings.add("code without a valid GUID given a new one", name or str(raw_guid))
        colour = normalise_colour(element.get("color"))
        if element.get("color") and colour is None:
            warnings.add("unreadable code colour ignored", element.get("color") or "")
        return RefiCode(
            guid=guid,
            name=name,
            codable=(element.get("isCodable") or "true").strip().lower() not in ("false", "0"),
            colour=colour,
            description=child_text(element, "Description"),
            note_refs=[
                ref
                for note in children(element, "NoteRef")
                if (ref := parse_guid(note.get("targetGUID"))) is not None
            ],
            children=[read(sub) for sub in children(element, "Code")],
        )

    return [read(element) for element in children(codes, "Code")]


# -- planning our codes ----------------------------------------------------------------------


@dataclass(slots=True)
class PlannedCode:
    """A row of the ``code`` table to be written, with the REFI GUID it came from."""

    id: uuid.UUID
    key: str
    label: str
    is_theme: bool
    parent_id: uuid.UUID | None
    colour: str
    details: CodeDetails
    refi_guid: uuid.UUID | None = None
    note_refs: list[uuid.UUID] = field(default_factory=list)


@dataclass(slots=True)
class CodePlan:
    codes: list[PlannedCode] = field(default_factory=list)
    by_guid: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)
    """REFI GUID -> our code id."""


def plan_codes(roots: list[RefiCode], warnings: Warnings) -> CodePlan:
    """Our themes and codes for a REFI code tree.

    A top-level code with sub-codes, or one that cannot be coded, becomes a theme; the others
    are codes, and top-level codes without a theme are gathered under one added theme. The
    REFI hierarchy below is kept as it is through ``parent_id``."""
    keys = KeyMaker()
    used_ids: set[uuid.UUID] = set()
    plan = CodePlan()

    def new_id(guid: uuid.UUID | None, name: str) -> uuid.UUID:
        if guid is not None and guid not in used_ids:
            used_ids.add(guid)
            return guid
        if guid is not None:
            warnings.add("duplicate code GUID given a new one", name)
        fresh = uuid.uuid4()
        used_ids.add(fresh)
        return fresh

    def add(code: RefiCode, parent: PlannedCode | None, is_theme: bool) -> PlannedCode:
        details = read_description(code.description)
        label = code.name[:MAX_LABEL] or "(zonder naam)"
        planned = PlannedCode(
            id=new_id(code.guid, label),
            key=keys.make(label, details.key),
            label=label,
            is_theme=is_theme,
            parent_id=parent.id if parent else None,
            colour=code.colour or (parent.colour if parent else DEFAULT_COLOUR),
            details=details,
            refi_guid=code.guid,
            note_refs=list(code.note_refs),
        )
        plan.codes.append(planned)
        if code.guid is not None and code.guid not in plan.by_guid:
            plan.by_guid[code.guid] = planned.id
        for sub in code.children:
            add(sub, planned, False)
        return planned

    loose = [root for root in roots if root.codable and not root.children]
    for root in roots:
        if root.children or not root.codable:
            add(root, None, True)
    if loose:
        theme = PlannedCode(
            id=new_id(None, LOOSE_THEME_LABEL),
            key=keys.make(LOOSE_THEME_LABEL, LOOSE_THEME_KEY),
            label=LOOSE_THEME_LABEL,
            is_theme=True,
            parent_id=None,
            colour=DEFAULT_COLOUR,
            details=CodeDetails(description=LOOSE_THEME_DESCRIPTION),
        )
        plan.codes.append(theme)
        for root in loose:
            add(root, theme, False)
    return plan
