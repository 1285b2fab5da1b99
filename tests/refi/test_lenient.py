"""Read leniently: odd but harmless files import, with a warning for each thing left out."""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path

from sqlalchemy import select

from qualcoder_vs.core.models import Memo
from qualcoder_vs.core.project import Project
from qualcoder_vs.refi.import_qdpx import import_qdpx

S1 = "aaaaaaaa-0000-0000-0000-000000000001"
S2 = "aaaaaaaa-0000-0000-0000-000000000002"
S3 = "aaaaaaaa-0000-0000-0000-000000000003"
CODE = "bbbbbbbb-0000-0000-0000-000000000001"
USER = "cccccccc-0000-0000-0000-000000000001"
VAR = "dddddddd-0000-0000-0000-000000000001"
NOTE = "eeeeeeee-0000-0000-0000-000000000001"

TEXT = "Eerste regel.\r\nTweede regel met café 😀.\r\nDerde."

# No namespace, no Users element order, an unknown element, a case, a source-level coding,
# a selection outside the text, one of zero length, a code that does not exist, a source with
# only rich text, inline text, a note read from the archive.
QDE = f"""<Project name="Los" origin="Zelfgemaakt 0.1">
  <Users><User guid="{USER}" name="Eva"/></Users>
  <Gadgets><Gadget/></Gadgets>
  <CodeBook><Codes>
    <Code guid="{CODE}" name="Regels" isCodable="true"/>
  </Codes></CodeBook>
  <Variables><Variable guid="{VAR}" name="stad" typeOfVariable="Text"/></Variables>
  <Cases><Case guid="ffffffff-0000-0000-0000-000000000001" name="Eva">
    <VariableValue><VariableRef targetGUID="{VAR}"/><TextValue>Gent</TextValue></VariableValue>
    <SourceRef targetGUID="{{{S1.upper()}}}"/>
  </Case></Cases>
  <Sources>
    <TextSource guid="{S1}" name="een" plainTextPath="internal://{S1}.txt">
      <Description>Over de bron.</Description>
      <PlainTextSelection guid="99999999-0000-0000-0000-000000000001" name=""
          startPosition="15" endPosition="39" creatingUser="{USER}">
        <Description>Een opmerking</Description>
        <Coding guid="88888888-0000-0000-0000-000000000001" creatingUser="{USER}">
          <CodeRef targetGUID="{CODE}"/>
          <NoteRef targetGUID="{NOTE}"/>
        </Coding>
        <Coding guid="88888888-0000-0000-0000-000000000002">
          <CodeRef targetGUID="bbbbbbbb-0000-0000-0000-00000000ffff"/>
        </Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="99999999-0000-0000-0000-000000000002" startPosition="5"
          endPosition="5000">
        <Coding guid="88888888-0000-0000-0000-000000000003"><CodeRef targetGUID="{CODE}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="99999999-0000-0000-0000-000000000003" startPosition="7"
          endPosition="7">
        <Coding guid="88888888-0000-0000-0000-000000000004"><CodeRef targetGUID="{CODE}"/></Coding>
      </PlainTextSelection>
      <Coding guid="88888888-0000-0000-0000-000000000005"><CodeRef targetGUID="{CODE}"/></Coding>
    </TextSource>
    <TextSource guid="{S2}" name="twee">
      <PlainTextContent>Ingebedde tekst.</PlainTextContent>
    </TextSource>
    <TextSource guid="{S3}" name="drie" richTextPath="internal://{S3}.docx"/>
  </Sources>
  <Notes>
    <Note guid="{NOTE}" name="Notitie" plainTextPath="internal://{NOTE}.txt"/>
  </Notes>
</Project>
"""


def test_a_loose_project_imports_with_warnings(tmp_path: Path) -> None:
    archive = tmp_path / "los.qdpx"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("Los.qde", QDE)
        zf.writestr(f"Sources/{S1.upper()}.TXT", b"\xef\xbb\xbf" + TEXT.encode())
        zf.writestr(f"sources/{NOTE}.txt", "Notitie uit een bestand.")
    result = import_qdpx(archive, str(tmp_path / "los.qvs"), coder="importeur")
    assert (result.name, result.producer) == ("Los", "Zelfgemaakt 0.1")
    assert (result.sources, result.codes, result.codings) == (2, 1, 1)
    assert set(result.warnings) == {
        "unknown element skipped (Gadgets)",
        "coding with an unknown code skipped (bbbbbbbb-0000-0000-0000-00000000ffff)",
        "selection outside its text skipped (een[5:5000])",
        "empty selection skipped (een[7])",
        "coding of a whole source skipped (een)",
        "text source without plain text skipped (drie)",
    }
    project = Project.open(tmp_path / "los.qvs")
    [coding] = project.queries.codings()
    assert coding.text == "Tweede regel met café 😀."
    assert coding.coder == "Eva"
    assert coding.memo == "Een opmerking\n\nNotitie uit een bestand."
    een = project.queries.source("een")
    assert een.id == uuid.UUID(S1)
    assert een.text == "Eerste regel.\nTweede regel met café 😀.\nDerde."
    assert een.attributes == {"stad": "Gent"}
    assert project.queries.source("twee").text == "Ingebedde tekst."
    with project.store.reading() as session:
        memos = [(m.title, m.text, m.source_id) for m in session.scalars(select(Memo))]
    assert memos == [("Beschrijving", "Over de bron.", een.id)]
    assert [(t.start, t.end) for t in project.queries.turns(een.id)] == [
        (0, 13),
        (14, 38),
        (39, 45),
    ]
    project.close()


def test_selection_names_correct_a_wrong_guess_about_line_ends(tmp_path: Path) -> None:
    """A producer we take to count CRLF as two, whose names show it counted CRLF as one."""
    text = "Vraag een.\r\nAntwoord een.\r\nVraag twee.\r\nAntwoord twee."
    folded = text.replace("\r\n", "\n")
    spans = [
        (folded.index(q), folded.index(q) + len(q)) for q in ("Antwoord een.", "Antwoord twee.")
    ]
    selections = "".join(
        f'<PlainTextSelection guid="99999999-0000-0000-0000-00000000000{n}" '
        f'name="{folded[a:b]}" startPosition="{a}" endPosition="{b}">'
        f'<Coding guid="88888888-0000-0000-0000-00000000000{n}"><CodeRef targetGUID="{CODE}"/>'
        "</Coding></PlainTextSelection>"
        for n, (a, b) in enumerate(spans)
    )
    qde = (
        f'<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="Iets 2.0">'
        f'<CodeBook><Codes><Code guid="{CODE}" name="Antwoord" isCodable="true"/>'
        "</Codes></CodeBook>"
        f'<Sources><TextSource guid="{S1}" name="een" plainTextPath="internal://{S1}.txt">'
        f"{selections}</TextSource></Sources></Project>"
    )
    archive = tmp_path / "crlf.qdpx"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("project.qde", qde)
        zf.writestr(f"sources/{S1}.txt", text)
    result = import_qdpx(archive, str(tmp_path / "crlf.qvs"), coder="importeur")
    assert result.positions == {"een": "code points, CRLF as one"}
    assert len(result.warnings) == 1 and "names match" in result.warnings[0]
    project = Project.open(tmp_path / "crlf.qvs")
    assert sorted(c.text for c in project.queries.codings()) == ["Antwoord een.", "Antwoord twee."]
    project.close()
