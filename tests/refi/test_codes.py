"""Codes across the border: our extra fields in the description, keys from names, themes."""

from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from qualcoder_vs.core.codebook import ID_PATTERN
from qualcoder_vs.refi.codes import (
    LOOSE_THEME_KEY,
    CodeDetails,
    KeyMaker,
    normalise_colour,
    plan_codes,
    read_code_tree,
    read_description,
    slug,
    write_description,
)
from qualcoder_vs.refi.errors import Warnings

words = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)
items = st.lists(words, max_size=4).map(lambda xs: tuple(" ".join(x.split()) for x in xs))
keys = st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True)
descriptions = st.text(max_size=200).filter(lambda t: "qualcoder-vs id" not in t)


@given(descriptions, items, items, items, items, keys)
def test_description_block_reads_back(
    description: str,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    keywords: tuple[str, ...],
    examples: tuple[str, ...],
    key: str,
) -> None:
    details = CodeDetails(description, include, exclude, keywords, examples, key)
    back = read_description(write_description(details))
    assert back == CodeDetails(
        description.strip(),
        tuple(i for i in include if i),
        tuple(i for i in exclude if i),
        tuple(i for i in keywords if i),
        tuple(i for i in examples if i),
        key,
    )


def test_a_description_from_another_tool_is_all_description() -> None:
    text = "Include: this is just a sentence\nKeyword: also text\n"
    assert read_description(text) == CodeDetails(description=text.strip())


def test_description_without_extra_fields_is_written_as_is() -> None:
    assert write_description(CodeDetails("Alleen tekst.")) == "Alleen tekst."


def test_slug_makes_valid_short_keys() -> None:
    assert slug("Coke::full-fat Coke") == "coke_full_fat_coke"
    assert slug("Észlelt fogékonyság") == "eszlelt_fogekonysag"
    assert slug("1. Perceived Susceptibility – Észlelt fogékonyság") == (
        "code_1_perceived_susceptibility_eszlelt"
    )
    assert slug("😀 ✓") == "code"
    assert slug('"rushed"') == "rushed"
    for name in ("a" * 300, "Ünïcödé " * 20, "x-y z" * 30):
        assert ID_PATTERN.match(slug(name))
        assert len(slug(name)) <= 45


def test_key_maker_keeps_wanted_keys_and_numbers_clashes() -> None:
    maker = KeyMaker(["visie"])
    assert maker.make("Visie") == "visie_2"
    assert maker.make("Visie") == "visie_3"
    assert maker.make("Iets anders", "mijn_id") == "mijn_id"
    assert maker.make("Nog iets", "mijn_id") == "nog_iets"
    assert maker.make("Fout", "Not Valid") == "fout"


def test_colours_are_normalised() -> None:
    assert normalise_colour("#ef8256") == "#EF8256"
    assert normalise_colour("#abc") == "#AABBCC"
    assert normalise_colour("46AA00") == "#46AA00"
    assert normalise_colour("red") is None
    assert normalise_colour(None) is None


TREE = """
<Codes xmlns="urn:QDA-XML:codebook:0:4">
  <Code guid="{11111111-1111-1111-1111-111111111111}" name="Thema" isCodable="true" color="#123">
    <Description>Een thema.</Description>
    <Code guid="22222222-2222-2222-2222-222222222222" name="Kind" isCodable="true">
      <Code guid="33333333-3333-3333-3333-333333333333" name="Kleinkind" isCodable="true"/>
    </Code>
  </Code>
  <Code guid="44444444-4444-4444-4444-444444444444" name="Losse code" isCodable="true"/>
  <Code guid="55555555-5555-5555-5555-555555555555" name="Categorie" isCodable="false"/>
  <Code guid="22222222-2222-2222-2222-222222222222" name="Zelfde GUID" isCodable="true"/>
  <Code guid="kapot" name="Geen GUID" isCodable="true" color="rood"/>
</Codes>
"""


def test_planning_keeps_the_tree_and_gathers_loose_codes_under_one_theme() -> None:
    warnings = Warnings()
    plan = plan_codes(read_code_tree(etree.fromstring(TREE), warnings), warnings)
    by_label = {c.label: c for c in plan.codes}
    assert [c.label for c in plan.codes] == [
        "Thema",
        "Kind",
        "Kleinkind",
        "Categorie",
        "Losse codes",
        "Losse code",
        "Zelfde GUID",
        "Geen GUID",
    ]
    assert by_label["Thema"].is_theme and by_label["Categorie"].is_theme
    assert by_label["Thema"].id == uuid.UUID("11111111-1111-1111-1111-111111111111")
    assert by_label["Kleinkind"].parent_id == by_label["Kind"].id
    assert by_label["Kind"].parent_id == by_label["Thema"].id
    assert by_label["Kleinkind"].colour == "#112233", "a code without colour takes its parent's"
    assert by_label["Losse codes"].key == LOOSE_THEME_KEY
    assert by_label["Losse code"].parent_id == by_label["Losse codes"].id
    assert not by_label["Losse code"].is_theme
    assert by_label["Zelfde GUID"].id != by_label["Kind"].id
    assert plan.by_guid[uuid.UUID(int=0x22222222222222222222222222222222)] == by_label["Kind"].id
    assert set(warnings.lines()) == {
        "duplicate code GUID given a new one (Zelfde GUID)",
        "code without a valid GUID given a new one (Geen GUID)",
        "unreadable code colour ignored (rood)",
    }
