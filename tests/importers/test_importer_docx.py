"""Word documents, built here with python-docx so each quirk is explicit."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from importer_checks import assert_well_formed, speakers, turn_texts

from qualcoder_vs.importers import TranscriptImportError, parse_bytes
from qualcoder_vs.importers.docx import parse


def _bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _labelled(document, label: str, text: str, bold: bool = True) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}:").bold = bold
    paragraph.add_run(f" {text}")


def _parse(document):
    parsed = parse(_bytes(document))
    assert_well_formed(parsed)
    return parsed


def test_bold_labels_header_block_and_continuations() -> None:
    document = Document()
    document.add_paragraph("Interview Leuven")
    document.add_paragraph("Stad: Leuven")
    document.add_paragraph("Interviewer: Sara Peeters")
    document.add_paragraph("")
    _labelled(document, "Interviewer", "Wat doet u precies?")
    _labelled(document, "Respondent", "Ik leid de groendienst.")
    document.add_paragraph("Met\ttabs\tertussen, en een tweede alinea.")
    _labelled(document, "Interviewer", "Dank u.")
    parsed = _parse(document)
    assert speakers(parsed) == {"Interviewer": 2, "Respondent": 1}
    assert turn_texts(parsed)[1] == (
        "Ik leid de groendienst.\nMet\ttabs\tertussen, en een tweede alinea."
    )
    assert parsed.metadata == {
        "stad": "Leuven",
        "interviewer": "Sara Peeters",
        "header": "Interview Leuven",
    }


def test_timestamps_after_labels_give_start_times_and_leave_the_text() -> None:
    document = Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Interviewer:").bold = True
    paragraph.add_run(" [00:00:04] Dag.")
    paragraph = document.add_paragraph()
    paragraph.add_run("Respondent:").bold = True
    paragraph.add_run(" [00:00:09] Dag, welkom [00:00:10] in Leuven.")
    document.add_paragraph("Een tweede alinea. #00:00:31-5#")
    parsed = _parse(document)
    assert [(t.start_ms, t.end_ms) for t in parsed.turns] == [(4000, None), (9000, 31500)]
    assert turn_texts(parsed) == ["Dag.", "Dag, welkom in Leuven.\nEen tweede alinea."]


def test_bold_questions_and_bold_names_before_a_tab() -> None:
    document = Document()
    document.add_paragraph("Stad: Brugge")
    document.add_paragraph().add_run("Interviewer: Wat doet u precies?").bold = True
    paragraph = document.add_paragraph()
    paragraph.add_run("Els Maes").bold = True
    paragraph.add_run("\tIk leid het onthaal.")
    document.add_paragraph().add_run("Interviewer: En verder?").bold = True
    paragraph = document.add_paragraph()
    paragraph.add_run("Els Maes").bold = True
    paragraph.add_run("\tDat is alles.")
    parsed = _parse(document)
    assert [t.speaker for t in parsed.turns] == ["Interviewer", "Els Maes"] * 2
    assert turn_texts(parsed)[:2] == ["Wat doet u precies?", "Ik leid het onthaal."]
    assert parsed.metadata == {"stad": "Brugge"}


def test_capitalised_labels_without_bold() -> None:
    document = Document()
    document.add_paragraph("JANSSENS:\tIk begin.")
    document.add_paragraph("\tDoorlopend.")
    document.add_paragraph("MAES:\tEn ik antwoord.")
    parsed = _parse(document)
    assert speakers(parsed) == {"JANSSENS": 1, "MAES": 1}
    assert turn_texts(parsed) == ["Ik begin.\nDoorlopend.", "En ik antwoord."]


def test_a_table_of_speaker_time_and_text() -> None:
    document = Document()
    table = document.add_table(rows=0, cols=3)
    for row in [
        ("Spreker", "Tijd", "Tekst"),
        ("I", "00:00:05", "Hoe lang werkt u hier?"),
        ("R", "00:00:09", "Twaalf jaar."),
        ("R", "00:00:12", "Bijna dertien."),
    ]:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    parsed = _parse(document)
    assert [(t.speaker, t.start_ms) for t in parsed.turns] == [("I", 5000), ("R", 9000)]
    assert turn_texts(parsed)[1] == "Twaalf jaar.\nBijna dertien."


def test_a_two_column_table_before_the_speech_is_metadata() -> None:
    document = Document()
    table = document.add_table(rows=0, cols=2)
    for key, value in [("Stad", "Genk"), ("Jaar", "2020")]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = key, value
    _labelled(document, "I", "Dag.")
    _labelled(document, "R", "Dag.")
    parsed = _parse(document)
    assert parsed.metadata == {"stad": "Genk", "jaar": "2020"}
    assert parsed.text == "Dag.\n\nDag."


def test_a_label_split_over_two_paragraphs_is_joined() -> None:
    document = Document()
    document.add_paragraph("PAUL F.\u00a0")
    document.add_paragraph("DANYOW ’16: \tVandaag is het woensdag.")
    document.add_paragraph("JONES:\tDat klopt.")
    parsed = _parse(document)
    assert [t.speaker for t in parsed.turns] == ["PAUL F. DANYOW ’16", "JONES"]


def test_documents_without_labels_are_paragraph_turns() -> None:
    document = Document()
    document.add_paragraph("Een verslag zonder sprekers.")
    document.add_paragraph("Nog een alinea.")
    parsed = _parse(document)
    assert speakers(parsed) == {"": 2}


def test_damaged_and_foreign_zip_files_are_refused() -> None:
    with pytest.raises(TranscriptImportError, match="not a Word document"):
        parse_bytes(b"PK\x03\x04 kapot", "kapot.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("foto.jpg", b"...")
    with pytest.raises(TranscriptImportError, match=r"without word/document\.xml"):
        parse_bytes(buffer.getvalue(), "archief.zip")
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as package:
        package.writestr("[Content_Types].xml", "<Types")
        package.writestr("word/document.xml", "<w:document")
    with pytest.raises(TranscriptImportError, match="damaged Word document"):
        parse_bytes(broken.getvalue(), "stuk.docx")
