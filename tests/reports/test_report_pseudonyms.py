"""Pseudonymisation: citations by role and city, names replaced whole-word, hidden names."""

from __future__ import annotations

import re

import pytest

from qualcoder_vs.core.database import ProjectError
from qualcoder_vs.core.project import Project
from qualcoder_vs.reports.pseudonyms import (
    Pseudonymiser,
    citation,
    is_personal_name,
    name_variants,
)
from qualcoder_vs.reports.quotes import QuoteFilter, load_quotes
from qualcoder_vs.reports.words import words_for

NL = words_for("nl")


def test_name_variants_are_the_full_name_and_its_specific_parts() -> None:
    assert name_variants("Karim El Ouardi") == {"Karim El Ouardi", "Karim", "Ouardi"}
    assert name_variants("Jan  De Smet") == {"Jan De Smet", "Jan", "Smet"}
    assert name_variants("P. Janssens") == {"P. Janssens", "Janssens"}
    assert name_variants("Samira") == {"Samira"}
    assert name_variants("X") == set()


@pytest.mark.parametrize(
    ("label", "personal"),
    [
        ("Hilde Verstraete", True),
        ("P. Janssens", True),
        ("Ria", True),
        ("Interviewer", False),
        ("I", False),
        ("R2", False),
        ("Spreker 2", False),
        ("Respondent Gent", False),
    ],
)
def test_role_labels_are_not_names(label: str, personal: bool) -> None:
    assert is_personal_name(label) is personal


def test_scrub_replaces_whole_words_in_any_case_and_nothing_inside_words() -> None:
    scrubber = Pseudonymiser(["Karim El Ouardi", "Hilde Verstraete"], "[naam]")
    text = "Karim El Ouardi zei het. KARIM weet het, Hildegard niet; Hilde's dienst wel, el."
    assert scrubber.scrub(text) == (
        "[naam] zei het. [naam] weet het, Hildegard niet; [naam]'s dienst wel, el."
    )
    assert Pseudonymiser([], "[naam]").scrub("Karim") == "Karim"


def test_citation_uses_role_and_city_only() -> None:
    assert citation({"rol": "HR-medewerker", "stad": "Gent"}, respondent_word="R") == (
        "HR-medewerker, Gent"
    )
    assert citation({"Role": "stagecoördinator", "City": "Genk"}, respondent_word="R") == (
        "Stagecoördinator, Genk"
    )
    assert citation({}, respondent_word="Respondent", fallback="interview 3") == (
        "Respondent, interview 3"
    )


def test_reports_cite_by_role_and_city_and_hide_speaker_names(report_project: Project) -> None:
    quotes = load_quotes(report_project, words=NL).quotes
    key = next(q for q in quotes if q.text.startswith("Alles wat"))
    assert key.cited_as == "Stagecoördinator, Gent"
    assert key.speaker == "Stagecoördinator, Gent"
    everything = " ".join(f"{q.text} {q.before} {q.after} {q.memo} {q.cited_as}" for q in quotes)
    for name in ("Hilde", "Verstraete", "Jan", "Smet"):
        assert not re.search(rf"\b{name}\b", everything), name
    named_in_context = next(q for q in quotes if q.text == "Van onder komt de frustratie.")
    assert named_in_context.after == "[naam] kan dat niet alleen oplossen, zegt mijn collega dan."
    memo_quote = next(q for q in quotes if q.memo)
    assert memo_quote.memo == "Sterk citaat, Karim bevestigt dit.", "not a speaker, not hidden"


def test_hidden_names_are_replaced_in_text_context_and_memo(report_project: Project) -> None:
    report_project.settings.hide_names(["Karim"], coder="an")
    quotes = load_quotes(report_project, words=NL).quotes
    key = next(q for q in quotes if q.text.startswith("Alles wat"))
    assert key.memo == "Sterk citaat, [naam] bevestigt dit."
    assert key.after == "En de rest is nooit af."
    last = load_quotes(report_project, QuoteFilter(codes=("sandwich",)), words=NL).quotes
    assert all("Karim" not in q.text + q.before + q.after for q in last)


def test_without_pseudonymisation_names_stay_and_citations_name_the_speaker(
    report_project: Project,
) -> None:
    quotes = load_quotes(report_project, words=NL, pseudonymise=False).quotes
    key = next(q for q in quotes if q.text.startswith("Alles wat"))
    assert key.cited_as == "Hilde Verstraete (Stagecoördinator, Gent)"
    generic = next(q for q in quotes if q.source == "leuven")
    assert generic.cited_as == "Leidinggevende, Leuven"


def test_the_placeholder_follows_the_language(report_project: Project) -> None:
    report_project.settings.hide_names(["Karim"], coder="an")
    quotes = load_quotes(report_project, words=words_for("en")).quotes
    key = next(q for q in quotes if q.memo)
    assert key.memo == "Sterk citaat, [name] bevestigt dit."


def test_hide_and_unhide_are_undoable_actions(report_project: Project) -> None:
    assert report_project.settings.hide_names(["Karim El Ouardi", " samira "], coder="an") == [
        "Karim El Ouardi",
        "samira",
    ]
    assert report_project.settings.hide_names(["KARIM EL OUARDI"], coder="an") == []
    assert list(report_project.queries.info().hidden_names) == ["Karim El Ouardi", "samira"]
    assert report_project.queries.history(1)[0].kind == "names.hide"
    assert report_project.settings.unhide_names(["Samira"], coder="an") == ["samira"]
    assert list(report_project.queries.info().hidden_names) == ["Karim El Ouardi"]
    report_project.undo(coder="an")
    assert list(report_project.queries.info().hidden_names) == ["Karim El Ouardi", "samira"]
    report_project.undo(coder="an")
    assert list(report_project.queries.info().hidden_names) == []


def test_hiding_refuses_what_cannot_be_a_name_and_unknown_removals(
    report_project: Project,
) -> None:
    with pytest.raises(ProjectError, match="too short"):
        report_project.settings.hide_names(["K"], coder="an")
    with pytest.raises(ProjectError, match="not on the list of hidden names: karim"):
        report_project.settings.unhide_names(["Karim"], coder="an")
    assert list(report_project.queries.info().hidden_names) == []
