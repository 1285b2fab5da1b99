"""Matrices against independent counts: the demo project's codings as `qvs codings --json`
prints them, its interviews as `qvs sources --json` does, the codebook YAML for themes, all
counted again here in plain Python (brute force over every pair for co-occurrence)."""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
import yaml

from qualcoder_vs.core.matrices import (
    FilterError,
    MatrixCoding,
    MatrixData,
    MatrixError,
    MatrixFilter,
    MatrixSource,
    MatrixSpec,
    build_matrix,
)
from qualcoder_vs.core.project import Project
from qualcoder_vs.core.views import CodeRow, TurnView, build_tree
from tests.helpers import run

CODEBOOK = Path(__file__).parents[2] / "codebooks" / "stadsgenoten.yaml"


def theme_of_code() -> dict[str, str]:
    book = yaml.safe_load(CODEBOOK.read_text(encoding="utf-8"))
    themes = {}
    for theme in book["themes"]:
        themes[theme["id"]] = theme["id"]
        for code in theme.get("codes", []):
            themes[code["id"]] = theme["id"]
    return themes


@pytest.fixture
def exported(
    demo_project: Project, capsys: pytest.CaptureFixture[str]
) -> tuple[Project, list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The demo project with a second coder's codings added, and what the CLI says of it."""
    views = demo_project.queries.codings(source="gent")
    for view in views[:12]:
        demo_project.codings.add("gent", view.start, view.end, ["draagvlak"], coder="bert")
    demo_project.codings.add("brugge", 10, 400, ["visie", "stages"], coder="bert")
    location = demo_project.location
    status, out, _ = run(capsys, "codings", "-p", location, "--json")
    assert status == 0
    codings = json.loads(out)
    status, out, _ = run(capsys, "sources", "-p", location, "--json")
    sources = {s["name"]: s for s in json.loads(out)}
    return demo_project, codings, sources


def matrix_json(capsys: pytest.CaptureFixture[str], location: str, *args: str) -> dict[str, Any]:
    status, out, err = run(capsys, "matrix", "-p", location, "--format", "json", *args)
    assert status == 0, err
    return json.loads(out)


def nonzero(document: dict[str, Any]) -> dict[tuple[str, str], int]:
    rows = [r["id"] for r in document["rows"]]
    cols = [c["id"] for c in document["cols"]]
    return {
        (rows[i], cols[j]): value
        for i, row in enumerate(document["cells"])
        for j, value in enumerate(row)
        if value
    }


def respondent_turns(project: Project) -> dict[str, list[tuple[int, int, str]]]:
    found = {}
    for summary in project.queries.sources():
        found[summary.name] = [
            (t.start, t.end, t.speaker)
            for t in project.queries.turns(summary.id)
            if t.role != "interviewer"
        ]
    return found


@pytest.mark.parametrize("rows", ["code", "theme"])
@pytest.mark.parametrize("col", ["stad", "rol", "jaar", "source"])
@pytest.mark.parametrize("count", ["codings", "sources"])
def test_code_by_attribute_equals_a_hand_count(
    exported: Any, capsys: pytest.CaptureFixture[str], rows: str, col: str, count: str
) -> None:
    project, codings, sources = exported
    themes = theme_of_code()
    expected: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in codings:
        row = themes[c["code"]] if rows == "theme" else c["code"]
        value = c["source"] if col == "source" else sources[c["source"]]["attributes"][col]
        expected[(row, value)].add(c["id"] if count == "codings" else c["source"])
    document = matrix_json(
        capsys, project.location, "--rows", rows, "--cols", col, "--count", count
    )
    assert nonzero(document) == {k: len(v) for k, v in expected.items()}
    if col == "source":
        assert [c["id"] for c in document["cols"]] == sorted(sources)


def test_respondents_are_the_speakers_of_the_coded_turns(
    exported: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    project, codings, sources = exported
    turns = respondent_turns(project)
    expected: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for c in codings:
        for start, end, speaker in turns[c["source"]]:
            if start < c["end"] and c["start"] < end:
                rol = sources[c["source"]]["attributes"]["rol"]
                expected[(c["code"], rol)].add((c["source"], speaker))
    document = matrix_json(capsys, project.location, "--cols", "rol", "--count", "respondents")
    assert nonzero(document) == {k: len(v) for k, v in expected.items() if v}


def test_filters_by_coder_code_and_attribute(
    exported: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    project, codings, sources = exported
    themes = theme_of_code()
    expected: dict[tuple[str, str], int] = defaultdict(int)
    for c in codings:
        attributes = sources[c["source"]]["attributes"]
        if (
            c["coder"] == "bert"
            and themes[c["code"]] in ("gedragenheid", "visie_en_kader")
            and attributes["traject"] == "De extra mijl"
        ):
            expected[(c["code"], attributes["stad"])] += 1
    document = matrix_json(
        capsys,
        project.location,
        "--coder",
        "bert",
        "--code",
        "gedragenheid,visie_en_kader",
        "--where",
        "traject=de extra mijl",
    )
    assert expected and nonzero(document) == dict(expected)
    assert {r["id"] for r in document["rows"]} <= {
        k for k, t in themes.items() if t in ("gedragenheid", "visie_en_kader") and k != t
    }


def brute_force_pairs(
    codings: list[dict[str, Any]], turns: dict[str, list[tuple[int, int, str]]] | None
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    pairs = []
    for a, b in combinations([c for c in codings if c["placed"]], 2):
        if a["source"] != b["source"]:
            continue
        if turns is None:
            together = a["start"] < b["end"] and b["start"] < a["end"]
        else:
            together = any(
                s < a["end"] and a["start"] < e and s < b["end"] and b["start"] < e
                for s, e, _ in turns[a["source"]]
            )
        if together:
            pairs.append((a, b))
    return pairs


@pytest.mark.parametrize("within", ["passage", "turn"])
@pytest.mark.parametrize("rows", ["code", "theme"])
def test_cooccurrence_equals_every_pair_counted_by_hand(
    exported: Any, capsys: pytest.CaptureFixture[str], within: str, rows: str
) -> None:
    project, codings, _ = exported
    themes = theme_of_code()
    turns = respondent_turns(project) if within == "turn" else None
    expected: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    sources: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a, b in brute_force_pairs(codings, turns):
        ra, rb = (
            (themes[a["code"]], themes[b["code"]]) if rows == "theme" else (a["code"], b["code"])
        )
        pair = tuple(sorted((a["id"], b["id"])))
        for cell in ((ra, rb), (rb, ra)):
            expected[cell].add(pair)  # type: ignore[arg-type]
            sources[cell].add(a["source"])
    document = matrix_json(
        capsys, project.location, "--rows", rows, "--cols", rows, "--within", within
    )
    assert expected
    assert nonzero(document) == {k: len(v) for k, v in expected.items()}
    by_source = matrix_json(
        capsys,
        project.location,
        "--rows",
        rows,
        "--cols",
        rows,
        "--within",
        within,
        "--count",
        "sources",
    )
    assert nonzero(by_source) == {k: len(v) for k, v in sources.items()}
    cells = document["cells"]
    assert all(cells[i][j] == cells[j][i] for i in range(len(cells)) for j in range(len(cells)))


# -- edge cases on hand-made data --------------------------------------------------------------

S1, S2 = uuid.UUID(int=1), uuid.UUID(int=2)


def code(n: int, key: str, theme: str) -> CodeRow:
    parent = None if key == theme else uuid.UUID(int=100 + "tabuc".index(theme))
    return CodeRow(
        uuid.UUID(int=100 + n),
        key,
        key.title(),
        key == theme,
        parent,
        "#123456",
        "",
        (),
        (),
        (),
        (),
        n,
    )


CODES = build_tree(
    [code(0, "t", "t"), code(1, "a", "t"), code(2, "b", "t"), code(3, "u", "u"), code(4, "c", "u")]
).codes
BY_KEY = {c.key: c for c in CODES}


def turn(start: int, end: int, speaker: str, role: str) -> TurnView:
    return TurnView(uuid.uuid4(), S1, 0, start, end, None, None, speaker, role)


def coding(
    n: int, key: str, start: int, end: int, *, source: uuid.UUID = S1, placed: bool = True
) -> MatrixCoding:
    return MatrixCoding(uuid.UUID(int=1000 + n), source, BY_KEY[key].id, "an", start, end, placed)


def data(*codings: MatrixCoding) -> MatrixData:
    return MatrixData(
        codes=CODES,
        sources=(
            MatrixSource(S1, "een", {"stad": "Gent"}),
            MatrixSource(S2, "twee", {}),
        ),
        codings=codings,
        turns=(
            turn(0, 10, "I", "interviewer"),
            turn(12, 50, "R", "respondent"),
            turn(52, 90, "I", "interviewer"),
        ),
        coders=("an",),
    )


def cell(matrix: Any, row: str, col: str) -> int:
    rows = [a.id for a in matrix.rows]
    cols = [a.id for a in matrix.cols]
    return matrix.cells[rows.index(row)][cols.index(col)]


def test_touching_ranges_do_not_overlap_but_share_a_turn() -> None:
    touching = data(coding(1, "a", 12, 20), coding(2, "b", 20, 30))
    passage = build_matrix(touching, MatrixSpec(cols="code"))
    assert cell(passage, "a", "b") == 0
    turn = build_matrix(touching, MatrixSpec(cols="code", within="turn"))
    assert cell(turn, "a", "b") == cell(turn, "b", "a") == 1
    one_apart = build_matrix(
        data(coding(1, "a", 12, 20), coding(2, "b", 19, 30)), MatrixSpec(cols="code")
    )
    assert cell(one_apart, "a", "b") == 1


def test_a_pair_counts_once_even_across_several_turns_and_on_a_theme_diagonal() -> None:
    spanning = data(coding(1, "a", 5, 60), coding(2, "b", 0, 80), coding(3, "c", 40, 45))
    turn = build_matrix(spanning, MatrixSpec(rows="theme", cols="theme", within="turn"))
    assert cell(turn, "t", "t") == 1
    assert cell(turn, "t", "u") == 2
    assert cell(turn, "u", "u") == 0
    members = turn.members[0][1]
    assert members == {uuid.UUID(int=1001), uuid.UUID(int=1002), uuid.UUID(int=1003)}


def test_interviewer_turns_and_unplaced_codings_make_no_pairs() -> None:
    question = data(
        coding(1, "a", 0, 5),
        coding(2, "b", 3, 8),
        coding(3, "c", 20, 30, placed=False),
        coding(4, "a", 25, 28),
    )
    turn = build_matrix(question, MatrixSpec(cols="code", within="turn"))
    assert turn.maximum == 0
    passage = build_matrix(question, MatrixSpec(cols="code"))
    assert cell(passage, "a", "b") == 1
    assert cell(passage, "a", "c") == 0


def test_an_interview_without_turns_is_one_respondent() -> None:
    plain = data(coding(1, "a", 0, 5, source=S2), coding(2, "b", 100, 200, source=S2))
    turn = build_matrix(plain, MatrixSpec(cols="code", within="turn"))
    assert cell(turn, "a", "b") == 1
    by_city = build_matrix(plain, MatrixSpec(cols="stad", count="respondents"))
    assert [a.id for a in by_city.cols] == ["Gent", ""]
    assert cell(by_city, "a", "") == 1


def test_cooccurrence_counts_pairs_interviews_or_the_respondents_both_reach() -> None:
    pairs = data(
        coding(1, "a", 12, 30),
        coding(2, "b", 20, 40),
        coding(3, "b", 25, 28),
        coding(4, "a", 0, 100, source=S2),
        coding(5, "b", 50, 60, source=S2),
    )
    spec = MatrixSpec(cols="code")
    assert cell(build_matrix(pairs, spec), "a", "b") == 3
    assert cell(build_matrix(pairs, MatrixSpec(cols="code", count="sources")), "a", "b") == 2
    by_respondent = build_matrix(pairs, MatrixSpec(cols="code", count="respondents"))
    assert cell(by_respondent, "a", "b") == 2, "R in the first interview, the anonymous one"
    assert cell(by_respondent, "b", "b") == 1


def test_respondents_leave_the_interviewer_out() -> None:
    mixed = data(coding(1, "a", 0, 5), coding(2, "a", 8, 20), coding(3, "b", 60, 70))
    matrix = build_matrix(mixed, MatrixSpec(cols="stad", count="respondents"))
    assert cell(matrix, "a", "Gent") == 1
    assert cell(matrix, "b", "Gent") == 0
    codings = build_matrix(mixed, MatrixSpec(cols="stad"))
    assert cell(codings, "a", "Gent") == 2 and cell(codings, "b", "Gent") == 1


def test_rows_by_code_show_empty_codes_and_only_coded_themes() -> None:
    matrix = build_matrix(data(coding(1, "t", 12, 20)), MatrixSpec(cols="source"))
    assert [a.id for a in matrix.rows] == ["t", "a", "b", "c"]
    themes = build_matrix(
        data(), MatrixSpec(rows="theme", cols="source", filter=MatrixFilter(codes=("c",)))
    )
    assert [a.id for a in themes.rows] == ["u"]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (MatrixSpec(cols="woonplaats"), "unknown column 'woonplaats'"),
        (MatrixSpec(filter=MatrixFilter(coder="zoe")), "unknown coder 'zoe' (coders: an)"),
        (MatrixSpec(filter=MatrixFilter(codes=("zzz",))), "unknown code or theme 'zzz'"),
        (MatrixSpec(filter=MatrixFilter(where=(("land", "BE"),))), "no attribute 'land'"),
        (MatrixSpec(filter=MatrixFilter(where=(("stad", "Luik"),))), "no interview has that value"),
    ],
)
def test_unknown_names_are_clear_errors(spec: MatrixSpec, message: str) -> None:
    with pytest.raises(
        (MatrixError, FilterError), match=message.replace("(", r"\(").replace(")", r"\)")
    ):
        build_matrix(data(), spec)


def test_cli_errors_are_one_line(
    demo_project_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    location = str(demo_project_file)
    status, out, err = run(capsys, "matrix", "-p", location, "--cols", "woonplaats")
    assert (status, out) == (1, "")
    assert err.startswith(
        "qvs: error: unknown column 'woonplaats' (columns: source, code, theme, stad"
    )
    assert err.count("\n") == 1
    status, _, err = run(capsys, "matrix", "-p", location, "--rows", "stad")
    assert status == 2 and err == "qvs: error: unknown --rows 'stad' (choose from: code, theme)\n"
    status, _, err = run(capsys, "matrix", "-p", location, "--where", "stad")
    assert status == 2 and "--where needs key=value" in err


def test_table_and_csv_carry_the_same_numbers(
    demo_project_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    location = str(demo_project_file)
    document = matrix_json(capsys, location, "--rows", "theme", "--cols", "jaar")
    status, out, _ = run(
        capsys, "matrix", "-p", location, "--rows", "theme", "--cols", "jaar", "-f", "csv"
    )
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "theme,2019,2020,2021"
    assert [line.split(",")[1:] for line in lines[1:]] == [
        [str(v) for v in row] for row in document["cells"]
    ]
    _, out, _ = run(capsys, "matrix", "-p", location, "--rows", "theme", "--cols", "jaar")
    assert out.splitlines()[0].split() == ["theme", "2019", "2020", "2021"]
    assert out.splitlines()[1].split()[1:] == [str(v) for v in document["cells"][0]]


def test_the_query_reads_what_the_facade_holds(demo_project: Project) -> None:
    loaded = demo_project.queries.matrix_data()
    assert len(loaded.codings) == len(demo_project.queries.codings())
    assert [c.key for c in loaded.codes] == [c.key for c in demo_project.queries.codes()]
    assert sum(s.turns for s in demo_project.queries.sources()) == len(loaded.turns)
