"""Every real REFI-QDA sample in the shared folder imports, with warnings for what is skipped,
and every imported coding covers exactly the passage the sample marks.

What "the passage the sample marks" is, is worked out here independently of our position code:
for NVivo by slicing the raw UTF-16 of the source (VALIDATION.md measured that NVivo counts UTF-16
code units over the text with CRLF and without BOM), for qc by the line its selection names.
"""

from __future__ import annotations

import codecs
import uuid
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select

from qualcoder_vs.core.models import Memo
from qualcoder_vs.core.project import Project
from qualcoder_vs.core.text import normalise
from qualcoder_vs.core.views import CodingView
from qualcoder_vs.refi.import_qdc import import_qdc
from qualcoder_vs.refi.import_qdpx import QdpxImport, import_qdpx

NS = "{urn:QDA-XML:project:1.0}"


Importer = Callable[[Path], tuple[QdpxImport, Project]]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Importer]:
    """Each sample imported once per module (NVivo's takes seconds); tests only read them."""
    folder = tmp_path_factory.mktemp("samples")
    results: dict[Path, QdpxImport] = {}
    opened: list[Project] = []

    def load(sample: Path) -> tuple[QdpxImport, Project]:
        target = folder / f"{sample.stem}.qvs"
        if sample not in results:
            results[sample] = import_qdpx(sample, str(target), coder="importeur")
        opened.append(Project.open(target))
        return results[sample], opened[-1]

    yield load
    for project in opened:
        project.close()


def codings_by_id(project: Project) -> dict[uuid.UUID, CodingView]:
    return {coding.id: coding for coding in project.queries.codings()}


def selections(archive: Path) -> list[etree._Element]:
    with zipfile.ZipFile(archive) as zf:
        root = etree.fromstring(zf.read("project.qde"))
    return list(root.iter(f"{NS}PlainTextSelection"))


def test_nvivo_windows_codings_are_the_utf16_passages(refi_dir: Path, imported: Importer) -> None:
    sample = refi_dir / "samples" / "nvivo-12.6-win_oltas.qdpx"
    result, project = imported(sample)
    with zipfile.ZipFile(sample) as zf:
        raw = zf.read("Sources/56a79789-d535-4fb8-bedd-a915504c54ba.txt")
    assert raw.startswith(codecs.BOM_UTF8)
    units = raw[len(codecs.BOM_UTF8) :].decode("utf-8").encode("utf-16-le")
    codings = codings_by_id(project)
    text = project.queries.source("videos_selection").text
    checked = 0
    for selection in selections(sample):
        start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
        marked = normalise(units[2 * start : 2 * end].decode("utf-16-le"))
        for coding in selection.iter(f"{NS}Coding"):
            imported_coding = codings[uuid.UUID(coding.get("guid"))]
            assert imported_coding.text == marked
            assert text[imported_coding.start : imported_coding.end] == marked
            assert imported_coding.start == 0 or text[imported_coding.start - 1] == "\n"
            checked += 1
    assert checked == result.codings == 97
    assert result.positions == {"videos_selection": "UTF-16 code units, CRLF as two"}
    assert result.coders == ["floriansipos"]
    assert {c.origin for c in codings.values()} == {"import"}
    project.close()


def test_nvivo_windows_code_tree_keeps_three_levels(refi_dir: Path, imported: Importer) -> None:
    _, project = imported(refi_dir / "samples" / "nvivo-12.6-win_oltas.qdpx")
    book = project.queries.codebook()
    assert len(book.themes) == 11
    assert len(book.entries) == 60
    deep = [e for e in book.entries if e.parent and book.get(e.parent).parent]  # type: ignore[union-attr]
    assert any(e.label == "méreg" for e in deep)
    severity = next(e for e in book.themes if e.label.startswith("2. Perceived Severity"))
    assert severity.description.startswith("Az észlelt egészségkárosodás súlyossága")
    project.close()


def test_qc_codings_are_the_lines_their_names_give(refi_dir: Path, imported: Importer) -> None:
    sample = refi_dir / "samples" / "qc-1.3.2_demo.qdpx"
    result, project = imported(sample)
    with zipfile.ZipFile(sample) as zf:
        qde = etree.fromstring(zf.read("project.qde"))
        lines = {
            source.get("guid"): zf.read(f"sources/{source.get('plainTextPath')}")
            .decode()
            .splitlines(keepends=True)
            for source in qde.iter(f"{NS}TextSource")
        }
    codings = codings_by_id(project)
    checked = 0
    for source in qde.iter(f"{NS}TextSource"):
        for selection in source.iter(f"{NS}PlainTextSelection"):
            line = int(selection.get("name").removeprefix("line:"))
            for coding in selection.iter(f"{NS}Coding"):
                assert (
                    codings[uuid.UUID(coding.get("guid"))].text == lines[source.get("guid")][line]
                )
                checked += 1
    assert checked == result.codings == 205
    assert result.warnings == []
    project.close()


def test_maxqda_sources_codes_and_document_groups(refi_dir: Path, imported: Importer) -> None:
    sample = refi_dir / "samples" / "maxqda-24.7_ICLS-themes.qdpx"
    result, project = imported(sample)
    assert (result.sources, result.codes, result.codings) == (10, 289, 0)
    sources = {s.name: s for s in project.queries.sources()}
    assert sources["ICLS 2024 3-10"].attributes == {"sets": "ICLS 2024"}
    with zipfile.ZipFile(sample) as zf:
        raw = zf.read("sources/C5E4C960-5296-4FDE-8C63-DEABA4E17F92.txt").decode("utf-8")
    assert project.queries.source("ICLS 2024 3-10").text == normalise(raw)
    themes = [c for c in project.queries.codes() if c.is_theme]
    assert len(themes) == 18
    affinity = next(
        c for c in project.queries.codes() if c.label == "THEME - Affinity Spaces (Gee)"
    )
    assert affinity.colour == "#EF8256"
    assert (
        affinity.description
        == "Apply this code when a study uses Gee's concept of affinity spaces."
    )
    assert result.warnings == []
    project.close()


def test_nvivo_mac_duplicate_code_names_get_unique_keys(refi_dir: Path, imported: Importer) -> None:
    result, project = imported(refi_dir / "samples" / "nvivo-15.0-mac_qc-project.qdpx")
    codes = project.queries.codes()
    assert len(codes) == 262
    assert len({c.key for c in codes}) == 262
    assert sum(1 for c in codes if c.label == "citizenship") == 3
    assert result.sources == 2
    assert result.warnings == [
        "text source with empty plain text (its rich text is not read) [2x] "
        "(66653866-6334-3535-3435-366637306566, 33663939-3636-3632-3038-613431643463)"
    ]
    project.close()


def test_atlas_projects_import_with_nested_codes(refi_dir: Path, imported: Importer) -> None:
    blank, project = imported(refi_dir / "samples" / "atlasti-23.2-win_blank-project.qdpx")
    assert (blank.name, blank.sources, blank.codes) == ("blank-atlas-project", 0, 0)
    project.close()
    _, project = imported(refi_dir / "samples" / "atlasti-23.2-win_target-project.qdpx")
    book = project.queries.codebook()
    assert [e.label for e in book.themes] == ["Commits"]
    assert {e.label for e in book.codes_of(book.themes[0].key)} == {
        "2022-05-10T02:05:59Z 19e4dce",
        "2022-02-11T10:39:25Z cdbfd92",
    }
    project.close()


def test_atlas_qde_without_sources_brings_codes_and_notes(
    refi_dir: Path, imported: Importer
) -> None:
    sample = refi_dir / "samples" / "atlasti-8.4-mac_refi-vendor-standard-project.qde"
    result, project = imported(sample)
    assert (result.sources, result.codings) == (0, 0)
    assert result.codes == 14
    loose = next(c for c in project.queries.codes() if c.is_theme)
    assert loose.key == "losse_codes"
    rushed = next(c for c in project.queries.codes() if c.label == '"rushed"')
    assert rushed.key == "rushed"
    with project.store.reading() as session:
        memos = {m.title: m.text for m in session.scalars(select(Memo))}
    assert memos["Research Plan"].startswith("This is a great project")
    warnings = "\n".join(result.warnings)
    for skipped in ("PDF source skipped [2x]", "picture source skipped", "audio source skipped"):
        assert skipped in warnings
    assert "video source skipped [2x]" in warnings
    assert "source file missing (a .qde holds no sources) [6x]" in warnings
    assert "links skipped" in warnings and "graphs skipped" in warnings
    project.close()


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("atlasti-23.4-win_codebook_from-requal-test.qdc", {"code1": ("#46AA00", "description")}),
        (
            "taguette-1.4.1_codebook.qdc",
            {
                "xsd:element name": ("#808080", ""),
                "CodeBook": ("#808080", ""),
                "Variables": ("#808080", ""),
            },
        ),
    ],
)
def test_codebook_samples_import(
    refi_dir: Path, tmp_path: Path, sample: str, expected: dict[str, tuple[str, str]]
) -> None:
    project = Project.create(tmp_path / "boek.qvs")
    result = import_qdc(project, refi_dir / "samples" / sample, coder="importeur")
    codes = {c.label: (c.colour, c.description) for c in project.queries.codes() if not c.is_theme}
    assert codes == expected
    assert len(result.added) == len(expected) + 1  # and the theme that holds them
    project.close()


SAMPLES = {
    "atlasti-23.2-win_blank-project.qdpx": "ATLAS.ti for Windows 23.2",
    "atlasti-23.2-win_target-project.qdpx": "ATLAS.ti for Windows 23.2",
    "atlasti-23.4-win_codebook_from-requal-test.qdc": "ATLAS.ti Win 23.4",
    "atlasti-8.4-mac_refi-vendor-standard-project.qde": "ATLAS.ti 8.4",
    "maxqda-24.7_ICLS-themes.qdpx": "MAXQDA 24",
    "nvivo-12.6-win_oltas.qdpx": "NVivo for Windows 12.6",
    "nvivo-15.0-mac_qc-project.qdpx": "NVivo for Mac 15.0",
    "qc-1.3.2_demo.qdpx": "qc 1.3.2",
    "taguette-1.4.1_codebook.qdc": "Taguette 1.4.1",
}


def test_the_sample_list_is_complete(refi_dir: Path) -> None:
    assert sorted(p.name for p in (refi_dir / "samples").iterdir() if p.is_file()) == sorted(
        SAMPLES
    )


@pytest.mark.parametrize("name", SAMPLES)
def test_every_sample_imports(
    refi_dir: Path, tmp_path: Path, imported: Importer, name: str
) -> None:
    """Projects (.qdpx, .qde) as projects, codebooks (.qdc) as codebooks; no stored coding's
    text differs from the text at its offsets."""
    sample = refi_dir / "samples" / name
    if sample.suffix == ".qdc":
        project = Project.create(tmp_path / "boek.qvs")
        result = import_qdc(project, sample, coder="importeur")
        assert result.added
        assert result.producer.startswith(SAMPLES[name])
    else:
        imported_result, project = imported(sample)
        assert imported_result.producer.startswith(SAMPLES[name])
        for coding in project.queries.codings():
            assert (
                project.queries.source(coding.source).text[coding.start : coding.end] == coding.text
            )
    project.close()
