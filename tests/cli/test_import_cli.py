"""`qvs import` and `qvs speakers` as a researcher runs them, checked against what is stored."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from docx import Document

from qualcoder_vs.core.project import Project
from qualcoder_vs.importers import parse_file
from tests.helpers import run

CODEBOOK = Path(__file__).parents[2] / "codebooks" / "stadsgenoten.yaml"

GENT = (
    "I: [00:00:04] Goeiemiddag. Mag ik het gesprek opnemen?\n\n"
    "R: [00:00:11] Ja hoor. (lacht) Ik ben stagecoördinator bij de stad Gent.\n\n"
    "I: [00:00:20] Hoe verlopen de stages?\n\n"
    "R: [00:00:25] De stagiairs krijgen een mentor, maar na de stage is er geen job. "
    "Dat is een gemiste kans voor de stad.\n\n"
    "Het budget voor begeleiding is ook klein [onverstaanbaar] en dat voelen we.\n"
)
GENT_CORRECTED = (
    "Interviewer: [00:00:04] Goeiemiddag. Mag ik dit gesprek opnemen?\n\n"
    "R: [00:00:11] Ja hoor. (lacht) Ik ben stagecoördinator bij de Stad Gent.\n\n"
    "Interviewer: [00:00:20] Hoe verlopen de stages?\n\n"
    "R: [00:00:25] De stagiairs krijgen elk een mentor, maar na de stage is er geen job. "
    "Dat is een gemiste kans voor de stad.\n"
)
TEAMS = (
    "WEBVTT\n\n"
    "0b7c1e52-8d2e-4a6f-9a3e-1f2d3c4b5a69/11-0\n00:00:02.000 --> 00:00:05.500\n"
    "<v Interviewer>Welkom, fijn dat u tijd hebt.</v>\n\n"
    "0b7c1e52-8d2e-4a6f-9a3e-1f2d3c4b5a69/11-1\n00:00:06.000 --> 00:00:09.000\n"
    "<v Sofie Claeys>Graag gedaan.</v>\n\n"
    "0b7c1e52-8d2e-4a6f-9a3e-1f2d3c4b5a69/11-2\n00:00:09.000 --> 00:00:14.250\n"
    "<v Sofie Claeys>Ik werk al tien jaar bij de personeelsdienst.</v>\n"
)
WHISPER = {
    "language": "nl",
    "segments": [
        {"start": 0.0, "end": 3.0, "text": " Wat doet u?", "speaker": "SPEAKER_00"},
        {"start": 3.5, "end": 9.0, "text": " Ik leid de selecties.", "speaker": "SPEAKER_01"},
    ],
}
AMBERSCRIPT = {
    "speakers": [{"spkid": "spk1", "name": "Spreker 1"}],
    "segments": [{"speaker": "spk1", "words": [{"text": "Hallo.", "start": 1.0, "end": 1.5}]}],
}
SRT = "1\r\n00:00:01,000 --> 00:00:02,500\r\nCaf\xe9 om de hoek.\r\n"
ATTRIBUTES = (
    "file,stad,rol,traject,jaar\n"
    "gent.txt,Gent,stagecoördinator,De extra mijl,2021\n"
    "teams.vtt,Genk,HR-medewerker,Stadsgenoten,2020\n"
)


@pytest.fixture
def project_path(tmp_path: Path) -> str:
    path = tmp_path / "project.qvs"
    Project.create(path, name="test").close()
    return str(path)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """One interview in every format, an attributes.csv for two of them, and a README."""
    folder = tmp_path / "interviews"
    folder.mkdir()
    (folder / "gent.txt").write_text(GENT, encoding="utf-8")
    (folder / "teams.vtt").write_text(TEAMS, encoding="utf-8")
    (folder / "whisper.json").write_text(json.dumps(WHISPER), encoding="utf-8")
    (folder / "amber.json").write_text(json.dumps(AMBERSCRIPT), encoding="utf-8")
    (folder / "ondertitels.srt").write_bytes(SRT.encode("cp1252"))
    document = Document()
    document.add_paragraph("Stad: Leuven")
    paragraph = document.add_paragraph()
    paragraph.add_run("Interviewer:").bold = True
    paragraph.add_run(" [00:00:03] Hoe groot is uw ploeg?")
    paragraph = document.add_paragraph()
    paragraph.add_run("Respondent:").bold = True
    paragraph.add_run(" [00:00:07] Vijfennegentig mensen.")
    document.save(folder / "leuven.docx")
    (folder / "attributes.csv").write_text(ATTRIBUTES, encoding="utf-8")
    (folder / "README.md").write_text("# Notities\n\nGeen interview.\n", encoding="utf-8")
    return folder


def _stored(project_path: str) -> dict[str, tuple[str, dict[str, str], int]]:
    project = Project.open(project_path)
    try:
        return {s.name: (s.format, s.attributes, s.turns) for s in project.queries.sources()}
    finally:
        project.close()


def test_import_a_folder_of_every_format(
    project_path: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "import", str(folder), "-p", project_path)
    assert status == 0, err
    lines = out.splitlines()
    assert len(lines) == 7
    assert lines[-1] == "imported 6 file(s)"
    gent_line = next(line for line in lines if "gent.txt" in line)
    assert gent_line == (
        f"imported {folder / 'gent.txt'} as gent: plain, utf-8, 4 turns, 2 speakers, 53 words, "
        "0:00:25; markers: (lacht) 1, [onverstaanbaar] 1"
    )
    srt_line = next(line for line in lines if "ondertitels.srt" in line)
    assert "warnings: not UTF-8: decoded as cp1252 (Windows-1252); not listed in" in srt_line
    stored = _stored(project_path)
    assert {name: value[0] for name, value in stored.items()} == {
        "gent": "plain",
        "teams": "vtt",
        "whisper": "whisper-json",
        "amber": "amberscript-json",
        "ondertitels": "srt",
        "leuven": "docx",
    }
    assert stored["gent"][1] == {
        "stad": "Gent",
        "rol": "stagecoördinator",
        "traject": "De extra mijl",
        "jaar": "2021",
    }
    assert stored["leuven"][1] == {"stad": "Leuven"}  # from the Word header block
    assert stored["teams"][2] == 2  # consecutive cues of one voice are one turn
    project = Project.open(project_path)
    try:
        gent = project.queries.source("gent")
        assert gent.text == parse_file(folder / "gent.txt").text
        turns = project.queries.turns(gent.id)
        assert [(t.speaker, t.start_ms) for t in turns] == [
            ("I", 4000),
            ("R", 11000),
            ("I", 20000),
            ("R", 25000),
        ]
        assert [(s.name, s.role) for s in project.queries.speakers("gent")] == [
            ("I", "interviewer"),
            ("R", "respondent"),
        ]
        assert gent.text[turns[3].start : turns[3].end].endswith("en dat voelen we.")
    finally:
        project.close()


def test_dry_run_stores_nothing(
    project_path: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(
        capsys, "import", str(folder / "teams.vtt"), "--dry-run", "-p", project_path
    )
    assert status == 0
    assert out.splitlines() == [
        f"would import {folder / 'teams.vtt'}: vtt, utf-8, 2 turns, 2 speakers, 16 words, 0:00:14",
        "would import 1 file(s) (dry run: nothing stored)",
    ]
    assert _stored(project_path) == {}


def test_same_content_is_refused_unless_again(
    project_path: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gent = str(folder / "gent.txt")
    assert run(capsys, "import", gent, "-p", project_path)[0] == 0
    status, out, err = run(capsys, "import", gent, "-p", project_path)
    assert status == 1
    assert err.splitlines() == [
        f"qvs: error: {gent}: already imported as gent (same content); "
        "use --again to import it once more",
    ]
    assert list(_stored(project_path)) == ["gent"]
    status, out, _ = run(capsys, "import", gent, "--again", "-p", project_path)
    assert status == 0 and " as gent-2:" in out
    assert sorted(_stored(project_path)) == ["gent", "gent-2"]


def test_one_bad_file_stores_nothing(
    project_path: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "leeg.txt").write_bytes(b"")
    (folder / "kapot.vtt").write_bytes(b"WEBVTT\n\nNOTE alleen een notitie\n")
    status, out, err = run(capsys, "import", str(folder), "-p", project_path)
    assert status == 1
    assert out == ""
    assert err.splitlines() == [
        f"qvs: error: {folder / 'kapot.vtt'}: no cues with a readable timing",
        f"qvs: error: {folder / 'leeg.txt'}: empty file",
        "qvs: nothing imported (2 problem(s))",
    ]
    assert _stored(project_path) == {}


def test_a_folder_is_one_action_that_one_undo_removes(
    project_path: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "import", str(folder), "-p", project_path)
    assert status == 0, err
    assert len(_stored(project_path)) == 6
    status, out, _ = run(capsys, "log", "-p", project_path)
    assert status == 0
    assert sum(" source.import " in line for line in out.splitlines()) == 1
    status, out, _ = run(capsys, "undo", "-p", project_path)
    assert status == 0
    assert out.startswith("undone: import 6 files")
    assert _stored(project_path) == {}
    status, _, _ = run(capsys, "redo", "-p", project_path)
    assert status == 0 and len(_stored(project_path)) == 6


def test_skip_bad_imports_the_rest_and_lists_every_bad_file(
    project_path: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "leeg.txt").write_bytes(b"")
    (folder / "kapot.vtt").write_bytes(b"WEBVTT\n\nNOTE alleen een notitie\n")
    status, out, err = run(capsys, "import", str(folder), "--skip-bad", "-p", project_path)
    assert status == 0
    assert err.splitlines() == [
        f"qvs: error: {folder / 'kapot.vtt'}: no cues with a readable timing",
        f"qvs: error: {folder / 'leeg.txt'}: empty file",
        "qvs: skipped 2 file(s)",
    ]
    assert out.splitlines()[-1] == "imported 6 file(s)"
    assert len(_stored(project_path)) == 6
    # a duplicate is a bad file too: listed, skipped, the rest imported
    (folder / "gent-kopie.txt").write_text(GENT, encoding="utf-8")
    status, out, err = run(
        capsys, "import", str(folder / "gent-kopie.txt"), "--skip-bad", "-p", project_path
    )
    assert status == 0
    assert "already imported as gent" in err
    assert out.splitlines()[-1] == "imported 0 file(s)"
    assert len(_stored(project_path)) == 6


def test_format_option_overrides_detection(
    project_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = tmp_path / "notities.log"
    odd.write_text("I: Dag.\n\nR: Dag.\n", encoding="utf-8")
    status, _, err = run(capsys, "import", str(odd), "-p", project_path)
    assert status == 1 and "unknown extension '.log'" in err
    status, out, _ = run(capsys, "import", str(odd), "--format", "plain", "-p", project_path)
    assert status == 0 and "plain, utf-8, 2 turns, 2 speakers" in out


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["--format", "pdf", "x.txt"], 2, "unknown format 'pdf'"),
        (["weg.txt"], 1, "weg.txt: no such file or folder"),
        (["--replace", "gent", "a.txt", "b.txt"], 2, "--replace takes exactly one"),
        (["--replace", "gent", "--again", "a.txt"], 2, "--again has no meaning"),
    ],
)
def test_usage_and_path_errors(
    argv: list[str],
    status: int,
    message: str,
    project_path: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("I: Dag.\n", encoding="utf-8")
    result, _, err = run(capsys, "import", *argv, "-p", project_path)
    assert result == status
    assert err.startswith("qvs: error: ") and message in err
    assert len(err.splitlines()) == 1


def test_an_empty_folder_is_an_error(
    project_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "leeg"
    empty.mkdir()
    status, _, err = run(capsys, "import", str(empty), "-p", project_path)
    assert status == 1 and "no transcripts in this folder" in err


def _code(capsys: pytest.CaptureFixture[str], project_path: str, code: str, quote: str) -> None:
    status, _, err = run(
        capsys, "code", "gent", code, "--quote", quote, "-p", project_path, "--coder", "an"
    )
    assert status == 0, err


def test_replace_moves_codings_flags_the_lost_one_and_undoes(
    tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project_path = str(tmp_path / "coded.qvs")
    assert run(capsys, "init", "-p", project_path, "--codebook", str(CODEBOOK))[0] == 0
    assert run(capsys, "import", str(folder / "gent.txt"), "-p", project_path)[0] == 0
    _code(capsys, project_path, "stages", "Dat is een gemiste kans voor de stad.")
    _code(capsys, project_path, "stages", "De stagiairs krijgen een mentor")
    _code(capsys, project_path, "mandaat", "Het budget voor begeleiding is ook klein")
    corrected = tmp_path / "gent-gecorrigeerd.txt"
    corrected.write_text(GENT_CORRECTED, encoding="utf-8")

    status, out, _ = run(
        capsys, "import", "--replace", "gent", str(corrected), "--dry-run", "-p", project_path
    )
    assert status == 0
    assert "codings: 2 would place (1 exact, 0 by context, 1 fuzzy), 1 unplaced" in out
    project = Project.open(project_path)
    assert project.queries.source("gent").text == parse_file(folder / "gent.txt").text
    project.close()

    status, out, _ = run(capsys, "import", "--replace", "gent", str(corrected), "-p", project_path)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"replaced the text of gent with {corrected}: plain, utf-8, 4 turns")
    assert lines[1] == "codings: 2 placed (1 exact, 0 by context, 1 fuzzy), 1 unplaced"
    assert lines[2].startswith('  unplaced mandaat: "Het budget voor begeleiding is ook klein"')
    assert lines[3] == "see them with: qvs codings --unplaced --source gent"

    project = Project.open(project_path)
    try:
        source = project.queries.source("gent")
        assert source.text == parse_file(corrected).text
        assert source.filename == "gent-gecorrigeerd.txt"
        assert [s.name for s in project.queries.speakers("gent")] == ["Interviewer", "R"]
        views = {v.text: v for v in project.queries.codings(source="gent")}
        assert set(views) == {
            "Dat is een gemiste kans voor de stad.",
            "De stagiairs krijgen elk een mentor",
            "Het budget voor begeleiding is ook klein",
        }
        for text, view in views.items():
            if view.placed:
                assert source.text[view.start : view.end] == text
        assert not views["Het budget voor begeleiding is ook klein"].placed
    finally:
        project.close()

    status, out, _ = run(capsys, "codings", "--unplaced", "--json", "-p", project_path)
    unplaced = json.loads(out)
    assert [(c["code"], c["text"], c["placed"]) for c in unplaced] == [
        ("mandaat", "Het budget voor begeleiding is ook klein", False)
    ]

    status, out, _ = run(capsys, "undo", "-p", project_path)
    assert status == 0 and "replace the text of gent" in out
    project = Project.open(project_path)
    try:
        source = project.queries.source("gent")
        assert source.text == parse_file(folder / "gent.txt").text
        assert [s.name for s in project.queries.speakers("gent")] == ["I", "R"]
        views = project.queries.codings(source="gent")
        assert len(views) == 3 and all(v.placed for v in views)
        assert all(source.text[v.start : v.end] == v.text for v in views)
    finally:
        project.close()


def test_speakers_list_rename_merge_and_role(
    project_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    interview = tmp_path / "brugge.txt"
    interview.write_text(
        "I: Dag.\n\nR: Dag, ik ben Els.\n\nI: Wat doet u?\n\nEls: Ik leid het onthaal.\n\n"
        "I: Dank u.\n\nEls: Graag gedaan.\n",
        encoding="utf-8",
    )
    assert run(capsys, "import", str(interview), "-p", project_path)[0] == 0
    status, out, _ = run(capsys, "speakers", "brugge", "-p", project_path)
    assert status == 0
    assert out.splitlines() == [
        "speaker  role         turns  words",
        "I        interviewer  3      6",
        "R        respondent   1      4",
        "Els      respondent   2      6",
        "3 speakers, 6 turns with a speaker",
    ]
    status, out, _ = run(
        capsys,
        "speakers",
        "brugge",
        "--rename",
        "R=Els",
        "--rename",
        "I=Interviewer Stadsgenoten",
        "--role",
        "Interviewer Stadsgenoten=interviewer",
        "-p",
        project_path,
    )
    assert status == 0
    assert out.splitlines()[:2] == [
        "merged R into Els (1 turns)",
        "renamed I to Interviewer Stadsgenoten",
    ]
    project = Project.open(project_path)
    try:
        source = project.queries.source("brugge")
        turns = project.queries.turns(source.id)
        assert Counter(t.speaker for t in turns) == {"Interviewer Stadsgenoten": 3, "Els": 3}
        assert [(s.name, s.role) for s in project.queries.speakers("brugge")] == [
            ("Interviewer Stadsgenoten", "interviewer"),
            ("Els", "respondent"),
        ]
    finally:
        project.close()
    assert run(capsys, "undo", "-p", project_path)[0] == 0
    status, out, _ = run(capsys, "speakers", "brugge", "-p", project_path)
    assert "3 speakers, 6 turns" in out


@pytest.mark.parametrize(
    ("options", "status", "message"),
    [
        (["--rename", "X=Y"], 1, "no speaker 'X' in brugge (speakers: I, R)"),
        (["--rename", "R"], 2, "--rename takes NAME=VALUE, got 'R'"),
        (["--role", "R=baas"], 2, "unknown role 'baas'; choose interviewer or respondent"),
        (["--role", "Z=interviewer"], 1, "no speaker 'Z'"),
    ],
)
def test_speaker_errors_change_nothing(
    options: list[str],
    status: int,
    message: str,
    project_path: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    interview = tmp_path / "brugge.txt"
    interview.write_text("I: Dag.\n\nR: Dag.\n", encoding="utf-8")
    assert run(capsys, "import", str(interview), "-p", project_path)[0] == 0
    result, _, err = run(capsys, "speakers", "brugge", *options, "-p", project_path)
    assert result == status
    assert err.startswith("qvs: error: ") and message in err
    _, out, _ = run(capsys, "speakers", "brugge", "-p", project_path)
    assert out.splitlines()[1:3] == [
        "I        interviewer  1      1",
        "R        respondent   1      1",
    ]


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("import", "speakers"):
        status, out, _ = run(capsys, command, "--help")
        assert status == 0 and "Example: qvs " + command in out


def test_the_external_corpus_imports_through_the_cli(
    shared_dir: Path, project_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    external = shared_dir / "corpus" / "external"
    paths = [
        *(str(external / name) for name in ("vtt", "srt", "whisper-json", "txt", "docx")),
        str(external / "otter" / "62-security.md"),
        str(external / "subtitle-txt" / "POW_00943209.utf8.txt"),
    ]
    status, out, err = run(capsys, "import", *paths, "-p", project_path)
    assert status == 0, err
    assert out.splitlines()[-1] == "imported 23 file(s)"
    project = Project.open(project_path)
    try:
        stored = {s.filename: s for s in project.queries.sources()}
        assert len(stored) == 23
        transcript1 = stored["transcript1.docx"]
        assert (transcript1.turns, transcript1.speakers) == (198, 2)
        assert stored["MSE-4726.vtt"].speakers == 4
        assert stored["windows-1252.srt"].turns == 1332
    finally:
        project.close()
