"""The YAML codebook: our Stadsgenoten codebook, validation messages, and writing it back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qualcoder_vs.core.codebook import CodebookError, load_codebook, parse_codebook
from qualcoder_vs.core.codebook_writer import dump_codebook

STADSGENOTEN = Path(__file__).parents[2] / "codebooks" / "stadsgenoten.yaml"

REQUIRED = {
    "visie_en_kader": ("Visie, keuzes en een kader", ["visie", "mandaat"]),
    "implementatie": (
        "De weerbarstige implementatie",
        ["cultuuromslag", "handelingskader", "daily_grind"],
    ),
    "kennis_en_deskundigheid": (
        "Kennis en deskundigheid",
        ["kennis", "referentiekader", "intern_gesprek"],
    ),
    "leidinggevenden": (
        "Het belang van goede leidinggevenden",
        ["sandwichpositie", "ondersteuning", "aanwerving_leiding", "verloop"],
    ),
    "stages_en_kansen": ("Stages en gemiste kansen", ["stages"]),
    "gedragenheid": (
        "Gedragenheid en verankering",
        ["draagvlak", "diversiteitsambtenaar", "engagement_top"],
    ),
    "sleutelposities": (
        "Selectieverantwoordelijken als poortwachters",
        ["poortwachters", "samenspel"],
    ),
}


def test_stadsgenoten_codebook_has_the_required_themes_and_codes() -> None:
    book = load_codebook(STADSGENOTEN)
    assert book.language == "nl"
    assert [t.key for t in book.themes] == list(REQUIRED)
    for theme in book.themes:
        label, codes = REQUIRED[theme.key]
        assert theme.label == label
        top_level = [c.key for c in book.codes_of(theme.key) if c.parent == theme.key]
        assert top_level[: len(codes)] == codes


def test_every_stadsgenoten_code_is_fully_described() -> None:
    book = load_codebook(STADSGENOTEN)
    for code in (e for e in book.entries if not e.is_theme):
        assert len(code.description) > 80, code.key
        assert code.include and code.exclude, code.key
        assert len(code.keywords) >= 8, code.key
        assert len(code.examples) >= 3, code.key
        assert re.match(r"^#[0-9A-F]{6}$", code.colour)


def test_dump_then_parse_gives_the_same_codebook() -> None:
    book = load_codebook(STADSGENOTEN)
    again = parse_codebook(dump_codebook(book), "dumped.yaml")
    strip = [(e.key, e.label, e.parent, e.theme, e.colour, e.keywords) for e in book.entries]
    assert strip == [
        (e.key, e.label, e.parent, e.theme, e.colour, e.keywords) for e in again.entries
    ]


BASE = """\
name: Test
themes:
  - id: thema
    label: Thema
    codes:
      - id: een
        label: Een
{extra}"""


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "      - id: een\n        label: Nog eens\n",
            r"cb.yaml:8: duplicate id 'een' \(first at line 6\)",
        ),
        (
            "      - id: twee\n        label: Twee\n        parent: nergens\n",
            r"cb.yaml:8: 'twee' has unknown parent 'nergens'",
        ),
        (
            "      - id: twee\n        label: Twee\n        colour: rood\n",
            r"cb.yaml:8: 'twee' has bad colour 'rood'",
        ),
        ("      - id: twee\n        colour: '#123456'\n", r"cb.yaml:8: 'twee' has no label"),
        ("      - id: Twee Drie\n        label: X\n", r"cb.yaml:8: bad id 'Twee Drie'"),
        ("      - label: X\n", r"cb.yaml:8: missing id"),
        (
            "      - id: twee\n        label: X\n        keywords: {a: b}\n",
            r"cb.yaml:8: 'keywords' must be a list",
        ),
        ("      - id: twee\n        label: [unclosed\n", r"cb.yaml:\d+: invalid YAML: expected"),
    ],
)
def test_validation_names_file_line_and_problem(extra: str, message: str) -> None:
    with pytest.raises(CodebookError, match=message):
        parse_codebook(BASE.format(extra=extra), "cb.yaml")


def test_parent_cycles_are_refused() -> None:
    text = BASE.format(
        extra="      - id: a\n        label: A\n        parent: b\n"
        "      - id: b\n        label: B\n        parent: a\n"
    )
    with pytest.raises(CodebookError, match="its own ancestor"):
        parse_codebook(text, "cb.yaml")


def test_not_a_codebook_at_all() -> None:
    with pytest.raises(CodebookError, match=r"cb\.yaml: a codebook is a mapping"):
        parse_codebook("- just\n- a list\n", "cb.yaml")
    with pytest.raises(CodebookError, match="no 'themes'"):
        parse_codebook("name: x\n", "cb.yaml")


def test_unreadable_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "cb.yaml"
    path.write_bytes(b"\xff\xfe\x00garbage\x81")
    with pytest.raises(CodebookError, match=r"cb\.yaml: not UTF-8"):
        load_codebook(path)
    with pytest.raises(CodebookError, match="cannot read"):
        load_codebook(tmp_path / "missing.yaml")
