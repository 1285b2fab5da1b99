"""A project as QualCoder exports it imports with every coding on its passage, and its memos,
annotations and journal as memos.

No QualCoder-made file may be copied here, so the archive is built below from a description of
what QualCoder's exporter writes (read from its ``refi.py``, ``RefiExport``; summarised in
``refi-qda/SOURCES.md`` and ``VALIDATION.md``):

- ``project.qde`` in UTF-8 without a BOM, ``Project`` with ``xsd``/``xsi`` namespace
  declarations, ``origin`` = the QualCoder version, and a ``creatingUserGUID`` attribute;
- every source's text, and every journal, as ``sources/<guid>.txt`` written with
  ``encoding="utf-8-sig"``: each file starts with a UTF-8 BOM; positions are code points of the
  text without it, LF line ends;
- categories as ``Code isCodable="false"`` holding their codes, uncategorised codes at the top;
- a coding as ``PlainTextSelection`` (``name`` = the quote) whose ``Description`` is the coding
  memo, then ``Coding`` with only ``guid`` and ``creatingUser``;
- text annotations as ``Note`` elements with ``PlainTextContent`` and a ``PlainTextSelection``
  child; the ``TextSource`` carries a ``NoteRef`` only to its first annotation;
- journals as ``Note`` with ``name``, ``plainTextPath`` and an empty ``Description``;
- file attributes as ``VariableValue`` on the source, case attributes on a named ``Case``;
- the project memo as the last ``Description``.
"""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from sqlalchemy import select

from qualcoder_vs.core.models import Memo
from qualcoder_vs.core.project import Project
from qualcoder_vs.refi.import_qdpx import import_qdpx

BOM = "\ufeff"
USER = "7a1e5c0e-8d8f-4a0e-9a55-1d3b8f0c2a11"
GENT = (
    "Interviewer: Hoe verloopt de samenwerking met de diensten?\n"
    "Respondent: Eerlijk gezegd zit ik tussen twee vuren 😀, de directie wil snel resultaat.\n"
    "Respondent: Onze stagiairs krijgen een mentor, dat werkt goed.\n"
)
AALST = (
    "Interviewer: Wat is uw rol?\n"
    "Respondent: Ik ben diversiteitsambtenaar, maar zonder mandaat 🇧🇪 of budget.\n"
)


def _guid() -> str:
    return str(uuid.uuid4())


class QualCoderExport:
    """Writes a QDPX the way QualCoder's exporter lays it out."""

    def __init__(self) -> None:
        self.files: dict[str, str] = {}
        self.codes = {"samenwerking": _guid(), "sandwich": _guid(), "stages": _guid()}
        self.codes["mandaat"] = _guid()
        self.category = _guid()
        self.sources = {"gent.txt": _guid(), "aalst.txt": _guid()}
        self.annotations: list[str] = []
        self.expected: list[tuple[str, str, str, str]] = []
        """(source, code, quote, memo) for every coding written."""

    def selection(self, source: str, text: str, quote: str, code: str, memo: str) -> str:
        start = text.index(quote)
        self.expected.append((source, code, quote, memo))
        description = f"<Description>{escape(memo)}</Description>\n" if memo else ""
        return (
            f'<PlainTextSelection guid="{_guid()}" startPosition="{start}" '
            f'endPosition="{start + len(quote)}" name={quoteattr(quote)} '
            f'creatingUser="{USER}" creationDateTime="2024-03-01T10:15:00Z">\n'
            f"{description}"
            f'<Coding guid="{_guid()}" creatingUser="{USER}" >\n'
            f'<CodeRef targetGUID="{self.codes[code]}" />\n'
            "</Coding>\n</PlainTextSelection>\n"
        )

    def annotation(self, text: str, quote: str, memo: str) -> str:
        guid = _guid()
        self.annotations.append(guid)
        start = text.index(quote)
        return (
            f'<Note guid="{guid}" creatingUser="{USER}" creationDateTime="2024-03-02T09:00:00Z" >\n'
            f"<PlainTextContent>{escape(memo)}</PlainTextContent>\n"
            f'<PlainTextSelection guid="{_guid()}" startPosition="{start}" '
            f'endPosition="{start + len(quote)}" />\n</Note>\n'
        )

    def source(self, name: str, text: str, selections: str, attributes: str, note: str) -> str:
        guid = self.sources[name]
        plain = _guid() + ".txt"
        self.files[f"sources/{plain}"] = BOM + text
        return (
            f'<TextSource plainTextPath="internal://{plain}" creatingUser="{USER}" '
            f'creationDateTime="2024-02-28T08:00:00Z" guid="{guid}" name="{name}">\n'
            f"<Description>Bronmemo van {name}</Description>\n"
            f"{selections}"
            f'<NoteRef targetGUID="{note}" />\n' * bool(note) + attributes + "</TextSource>\n"
        )

    def build(self, path: Path) -> None:
        city = _guid()
        age = _guid()
        role = _guid()
        gent_selections = (
            self.selection(
                "gent.txt", GENT, "tussen twee vuren 😀", "sandwich", "Kern van het interview"
            )
            + self.selection("gent.txt", GENT, "Onze stagiairs krijgen een mentor", "stages", "")
            + self.selection(
                "gent.txt", GENT, "Hoe verloopt de samenwerking", "samenwerking", "Vraag & <kader>"
            )
        )
        aalst_selections = self.selection(
            "aalst.txt", AALST, "zonder mandaat 🇧🇪 of budget", "mandaat", "Geen middelen"
        )
        notes = (
            self.annotation(GENT, "de directie wil snel resultaat", "Druk van bovenaf")
            + self.annotation(GENT, "dat werkt goed", "Positief punt")
            + self.annotation(AALST, "diversiteitsambtenaar", "Functietitel nagaan")
        )
        journal = _guid()
        self.files[f"sources/{journal}.txt"] = BOM + "Dag 1: twee interviews gecodeerd.\n"
        notes += (
            f'<Note guid="{journal}" creatingUser="{USER}" '
            f'creationDateTime="2024-03-03T17:00:00Z" name="Onderzoeksdagboek"  '
            f'plainTextPath="internal://{journal}.txt" >\n<Description /></Note>\n'
        )

        def value(variable: str, text: str) -> str:
            return (
                f'<VariableValue>\n<VariableRef targetGUID="{variable}" />\n'
                f"<TextValue>{text}</TextValue>\n</VariableValue>\n"
            )

        xml = (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<Project xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="stadsproject.qda" '
            f'origin="QualCoder 3.6" creatingUserGUID="{_guid()}" '
            'creationDateTime="2024-02-27T12:00:00Z" xmlns="urn:QDA-XML:project:1.0">\n'
            f'<Users>\n<User guid="{USER}" name="els" />\n</Users>\n'
            "<CodeBook>\n<Codes>\n"
            f'<Code guid="{self.codes["samenwerking"]}" name="Samenwerking" isCodable="true" '
            'color="#F781F3" />\n'
            f'<Code guid="{self.category}" name="Positie in de organisatie" isCodable="false">\n'
            "<Description>Waar iemand staat</Description>\n"
            f'<Code guid="{self.codes["sandwich"]}" name="Sandwichpositie" isCodable="true" '
            'color="#81BEF7">\n<Description>Tussen top en werkvloer</Description>\n</Code>\n'
            f'<Code guid="{self.codes["mandaat"]}" name="Mandaat" isCodable="true" '
            'color="#F5A9A9" />\n'
            f'<Code guid="{self.codes["stages"]}" name="Stages" isCodable="true" '
            'color="#A9F5A9" />\n'
            "</Code>\n</Codes>\n</CodeBook>\n"
            "<Variables>\n"
            f'<Variable guid="{city}" name="stad" typeOfVariable="Text" >\n<Description />\n'
            "</Variable>\n"
            f'<Variable guid="{role}" name="rol" typeOfVariable="Text" >\n<Description />\n'
            "</Variable>\n"
            f'<Variable guid="{age}" name="leeftijdsgroep" typeOfVariable="Text" >\n'
            "<Description>Van de persoon</Description>\n</Variable>\n"
            "</Variables>\n"
            "<Cases>\n"
            f'<Case guid="{_guid()}" name="Respondent 1">\n<Description />\n'
            + value(age, "40-49")
            + f'<SourceRef targetGUID="{self.sources["gent.txt"]}"/>\n</Case>\n</Cases>\n'
            "<Sources>\n"
            + self.source(
                "gent.txt",
                GENT,
                gent_selections,
                value(city, "Gent") + value(role, "teamleider"),
                self.annotations[0],
            )
            + self.source(
                "aalst.txt",
                AALST,
                aalst_selections,
                value(city, "Aalst") + value(role, "diversiteitsambtenaar"),
                self.annotations[2],
            )
            + "</Sources>\n"
            f"<Notes>\n{notes}</Notes>\n"
            "<Description>Projectmemo: interviews in twee steden.</Description>\n"
            "</Project>"
        )
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("project.qde", xml.encode("utf-8"))
            for name, text in self.files.items():
                archive.writestr(name, text.encode("utf-8"))


@pytest.fixture
def qualcoder_archive(tmp_path: Path) -> tuple[Path, QualCoderExport]:
    export = QualCoderExport()
    path = tmp_path / "stadsproject.qdpx"
    export.build(path)
    return path, export


def test_every_qualcoder_coding_lands_on_its_passage_with_its_memo(
    qualcoder_archive: tuple[Path, QualCoderExport], tmp_path: Path
) -> None:
    archive, export = qualcoder_archive
    with zipfile.ZipFile(archive) as zf:
        assert all(zf.read(n).startswith(BOM.encode()) for n in zf.namelist() if "sources/" in n)
    result = import_qdpx(archive, str(tmp_path / "qc.qvs"), coder="importeur")
    assert result.producer == "QualCoder 3.6"
    assert (result.sources, result.codes, result.themes, result.codings) == (2, 4, 2, 4)
    project = Project.open(tmp_path / "qc.qvs")
    try:
        codings = sorted(
            (c.source, c.code_label, c.text, c.memo, c.coder) for c in project.queries.codings()
        )
        labels = {
            "samenwerking": "Samenwerking",
            "sandwich": "Sandwichpositie",
            "stages": "Stages",
            "mandaat": "Mandaat",
        }
        assert codings == sorted(
            (source, labels[code], quote, memo, "els")
            for source, code, quote, memo in export.expected
        )
        for coding in project.queries.codings():
            text = project.queries.source(coding.source).text
            assert text[coding.start : coding.end] == coding.text
        assert not project.queries.source("gent.txt").text.startswith(BOM)
    finally:
        project.close()


def test_qualcoder_annotations_journal_and_memos_become_memos(
    qualcoder_archive: tuple[Path, QualCoderExport], tmp_path: Path
) -> None:
    archive, _ = qualcoder_archive
    import_qdpx(archive, str(tmp_path / "qc.qvs"), coder="importeur")
    project = Project.open(tmp_path / "qc.qvs")
    try:
        names = {s.id: s.name for s in project.queries.sources()}
        with project.store.reading() as session:
            memos = {
                (m.title, m.text.split("\n")[0], names.get(m.source_id))
                for m in session.scalars(select(Memo))
            }
        texts = {text for _, text, _ in memos}
        assert {"Druk van bovenaf", "Positief punt", "Functietitel nagaan"} <= texts
        assert ("Onderzoeksdagboek", "Dag 1: twee interviews gecodeerd.", None) in memos
        assert ("Beschrijving", "Bronmemo van gent.txt", "gent.txt") in memos
        assert any(text.startswith("Projectmemo") for text in texts)
        annotation = next(m for m in memos if m[1] == "Druk van bovenaf")
        assert annotation[:1] == ("Annotatie",) and annotation[2] == "gent.txt"
        attributes = {s.name: s.attributes for s in project.queries.sources()}
        assert attributes["gent.txt"] == {
            "stad": "Gent",
            "rol": "teamleider",
            "leeftijdsgroep": "40-49",
        }
        assert attributes["aalst.txt"] == {"stad": "Aalst", "rol": "diversiteitsambtenaar"}
    finally:
        project.close()


def test_annotations_quote_their_passage(
    qualcoder_archive: tuple[Path, QualCoderExport], tmp_path: Path
) -> None:
    """An annotation is a memo on a passage; the memo keeps which passage, in words."""
    archive, _ = qualcoder_archive
    import_qdpx(archive, str(tmp_path / "qc.qvs"), coder="importeur")
    project = Project.open(tmp_path / "qc.qvs")
    try:
        with project.store.reading() as session:
            texts = [m.text for m in session.scalars(select(Memo))]
        assert "Druk van bovenaf\n\n> de directie wil snel resultaat" in texts
        assert "Functietitel nagaan\n\n> diversiteitsambtenaar" in texts
    finally:
        project.close()
