"""Corrected transcripts keep their codings: relocation of quotes, and replacement in the store."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from qualcoder_vs.core.anchors import FUZZY_THRESHOLD, make_anchor, relocate
from qualcoder_vs.core.project import Project
from qualcoder_vs.importers import parse_bytes

OLD = (
    "Wat is uw rol?\n\n"
    "Ik werk bij de stad. We hebben geen visie op diversiteit, dat is het probleem. "
    "En dat zeg ik al jaren.\n\n"
    "En stages?\n\n"
    "Elke stagiair krijgt een mentor. Het budget is klein maar het mandaat is er."
)


def _anchor(quote: str, text: str = OLD):
    start = text.index(quote)
    return make_anchor(text, start, start + len(quote))


def test_exact_match_moves_with_the_text() -> None:
    anchor = _anchor("We hebben geen visie op diversiteit")
    new = "Inleiding van de onderzoeker.\n\n" + OLD
    placement = relocate(anchor, new)
    assert placement is not None and placement.method == "exact"
    assert new[placement.start : placement.end] == anchor.quote


def test_repeated_quote_is_told_apart_by_its_context() -> None:
    text = "Ja. Ik ben het eens.\n\nNee. Ja. Ik twijfel."
    anchor = make_anchor(text, text.rindex("Ja."), text.rindex("Ja.") + 3)
    new = "Ja. Ik ben het volledig eens.\n\nNee. Ja. Ik twijfel nog."
    placement = relocate(anchor, new)
    assert placement is not None and placement.start == new.rindex("Ja.")


def test_heavily_corrected_passage_is_found_between_its_prefix_and_suffix() -> None:
    anchor = _anchor("We hebben geen visie op diversiteit, dat is het probleem.")
    new = OLD.replace(
        "We hebben geen visie op diversiteit, dat is het probleem.",
        "Wij hebben geen echte visie rond diversiteit; dat is ons probleem.",
    )
    placement = relocate(anchor, new)
    assert placement is not None and placement.method == "context"
    assert new[placement.start : placement.end] == (
        "Wij hebben geen echte visie rond diversiteit; dat is ons probleem."
    )


def test_lightly_corrected_passage_is_found_fuzzily_on_word_boundaries() -> None:
    anchor = _anchor("Elke stagiair krijgt een mentor. Het budget is klein")
    new = OLD.replace("Elke stagiair krijgt een mentor", "Elke stagiaire krijgt een mentor")
    new = new.replace("En stages?\n\n", "En hoe zit het met stages?\n\n")
    new = new.replace("het mandaat is er.", "")
    placement = relocate(anchor, new)
    assert placement is not None and placement.method == "fuzzy"
    assert placement.score >= FUZZY_THRESHOLD
    assert new[placement.start : placement.end] == (
        "Elke stagiaire krijgt een mentor. Het budget is klein"
    )


def test_a_rewritten_passage_is_not_placed() -> None:
    anchor = _anchor("Elke stagiair krijgt een mentor.")
    new = OLD.replace("Elke stagiair krijgt een mentor.", "Begeleiding is er niet altijd.")
    assert relocate(anchor, new) is None


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet="abcde .\n", min_size=20, max_size=200),
    data=st.data(),
)
def test_any_placement_lies_inside_the_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 2))
    end = data.draw(st.integers(start + 1, len(text)))
    anchor = make_anchor(text, start, end)
    edited = data.draw(st.text(alphabet="abcde .\n", max_size=20)) + text[: start // 2]
    edited += text[start // 2 :]
    placement = relocate(anchor, edited, start)
    if placement is not None:
        assert 0 <= placement.start < placement.end <= len(edited)
        if placement.method == "exact":
            assert edited[placement.start : placement.end] == anchor.quote


def _interview(text: str) -> bytes:
    return text.encode("utf-8")


def test_replacement_keeps_roles_flags_lost_codings_and_places_them_again(
    small_project: Project,
) -> None:
    small_project.sources.change_speakers("gent", roles=[("R", "interviewer")], coder="an")
    start, end = small_project.queries.locate_quote("gent", "Het budget is klein")
    small_project.codings.add("gent", start, end, ["mandaat"], coder="an")
    without = parse_bytes(
        _interview(
            "I: Wat is uw rol?\n\nR: Ik werk bij de stad.\n\nRespondent 2: Een derde spreker.\n"
        ),
        "gent-v2.txt",
    )
    report = small_project.sources.replace(
        "gent", without, filename="gent-v2.txt", sha256="v2", coder="an"
    )
    assert [c.method for c in report.codings] == [None]
    assert [(s.name, s.role) for s in small_project.queries.speakers("gent")] == [
        ("I", "interviewer"),
        ("R", "interviewer"),
        ("Respondent 2", "respondent"),
    ]
    (coding,) = small_project.queries.codings(source="gent")
    assert not coding.placed and coding.text == "Het budget is klein"
    assert 0 <= coding.start < coding.end <= len(small_project.queries.source("gent").text)

    back = parse_bytes(
        _interview("I: Wat is uw rol?\n\nR: Het budget is klein, zei ik al.\n"), "gent-v3.txt"
    )
    report = small_project.sources.replace(
        "gent", back, filename="gent-v3.txt", sha256="v3", coder="an"
    )
    assert [c.method for c in report.codings] == ["exact"]
    (coding,) = small_project.queries.codings(source="gent", unplaced=False)
    assert coding.placed
    assert (
        small_project.queries.source("gent").text[coding.start : coding.end]
        == "Het budget is klein"
    )
    assert small_project.queries.codings(source="gent", unplaced=True) == []


def test_dry_run_changes_nothing(small_project: Project) -> None:
    before = small_project.queries.source("gent").text
    events = len(small_project.queries.history())
    parsed = parse_bytes(b"I: Heel iets anders.\n", "x.txt")
    small_project.sources.replace(
        "gent", parsed, filename="x.txt", sha256="x", coder="an", dry_run=True
    )
    assert small_project.queries.source("gent").text == before
    assert len(small_project.queries.history()) == events
    assert [s.name for s in small_project.queries.speakers("gent")] == ["I", "R"]
