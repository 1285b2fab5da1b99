"""The quote query: filters, interviewer turns, context, timestamps and its one-line errors."""

from __future__ import annotations

import pytest

from qualcoder_vs.core.database import NotFoundError
from qualcoder_vs.core.project import Project
from qualcoder_vs.core.transcript import ParsedTranscript
from qualcoder_vs.reports.quotes import FilterError, QuoteFilter, load_quotes, parse_where
from qualcoder_vs.reports.words import words_for

NL = words_for("nl")


def texts(project: Project, **filters: object) -> list[str]:
    quote_set = load_quotes(project, QuoteFilter(**filters), words=NL)  # type: ignore[arg-type]
    return [q.text for q in quote_set.quotes]


def test_interviewer_turns_are_left_out_of_reports_but_kept_for_exports(
    report_project: Project,
) -> None:
    question = "Hoe gaat het met de stages?"
    assert question not in texts(report_project)
    assert question in texts(report_project, include_interviewer=True)
    everything = load_quotes(report_project, QuoteFilter(include_interviewer=True), words=NL)
    assert len(everything.quotes) == 8
    [asked] = [q for q in everything.quotes if q.text == question]
    assert asked.speaker_role == "interviewer"


def test_quotes_come_in_codebook_order_with_their_place_in_the_codebook(
    report_project: Project,
) -> None:
    quotes = load_quotes(report_project, words=NL, pseudonymise=False).quotes
    assert [q.code.key for q in quotes] == [
        "sandwich", "sandwich", "sandwich", "sandwich", "steun", "steun_coaching", "stages",
    ]  # fmt: skip
    coaching = next(q for q in quotes if q.code.key == "steun_coaching")
    assert coaching.code.path == ("Leidinggevenden", "Ondersteuning", "Coaching")
    assert coaching.code.theme == "leiding"
    assert coaching.code.keys_from_theme == ("leiding", "steun", "steun_coaching")


def test_a_theme_or_parent_code_brings_the_codes_below_it(report_project: Project) -> None:
    assert texts(report_project, codes=("steun",)) == [
        "Mijn budget is klein.",
        "Coaching zou helpen",
    ]
    by_theme = load_quotes(report_project, QuoteFilter(codes=("leiding",)), words=NL)
    assert {q.code.key for q in by_theme.quotes} == {"sandwich", "steun", "steun_coaching"}


def test_where_filters_on_attributes_case_insensitively_or_within_a_key_and_across_keys(
    report_project: Project,
) -> None:
    gent = load_quotes(report_project, QuoteFilter(where=(("stad", "gent"),)), words=NL)
    assert {q.source for q in gent.quotes} == {"gent"}
    assert [s.name for s in gent.sources] == ["gent"]
    either = load_quotes(
        report_project, QuoteFilter(where=(("stad", "Gent"), ("stad", "Aalst"))), words=NL
    )
    assert {q.source for q in either.quotes} == {"gent", "aalst"}
    both = load_quotes(
        report_project, QuoteFilter(where=(("stad", "Gent"), ("jaar", "2019"))), words=NL
    )
    assert both.quotes == []


def test_coder_and_important_filters(report_project: Project) -> None:
    assert texts(report_project, coder="bert") == [
        "Ik zit er echt tussen geprangd.",
        "Mijn budget is klein.",
    ]
    assert texts(report_project, important_only=True) == [
        "Alles wat met diversiteit te maken heeft, komt pas als de rest af is.",
        "Een stagiair die het goed doet, verliezen we aan de voordeur.",
    ]


def test_context_is_about_a_sentence_each_side_and_stays_inside_the_turn(
    report_project: Project,
) -> None:
    quotes = load_quotes(report_project, words=NL, pseudonymise=False).quotes
    key = next(q for q in quotes if q.text.startswith("Alles wat"))
    assert key.before == "De diensten zitten echt onder water."
    assert key.after == "En de rest is nooit af."
    first_in_turn = next(q for q in quotes if q.text == "Ze zitten tussen twee vuren.")
    assert first_in_turn.before == ""
    assert first_in_turn.after == "Van boven komen beslissingen."
    last_in_turn = next(q for q in quotes if q.text.startswith("Een stagiair"))
    assert last_in_turn.after == ""


def test_a_quote_starting_mid_sentence_gets_the_rest_of_it_as_context(
    report_project: Project,
) -> None:
    quotes = load_quotes(report_project, words=NL, pseudonymise=False).quotes
    coaching = next(q for q in quotes if q.text == "Coaching zou helpen")
    assert coaching.after == ", maar daar is geen budget voor."
    assert coaching.before == "Van boven komen er beslissingen over roosters."


def test_timestamps_come_from_the_turn_and_the_next_turn_ends_an_open_one(
    report_project: Project,
) -> None:
    quotes = load_quotes(report_project, words=NL, pseudonymise=False).quotes
    key = next(q for q in quotes if q.text.startswith("Alles wat"))
    assert (key.start_ms, key.end_ms) == (9_000, 30_000)
    open_ended = next(q for q in quotes if q.text == "Ze zitten tussen twee vuren.")
    assert (open_ended.start_ms, open_ended.end_ms) == (34_000, None)
    untimed = next(q for q in quotes if q.source == "aalst")
    assert (untimed.start_ms, untimed.end_ms) == (None, None)


def test_quotes_carry_speaker_attributes_memo_and_coder(report_project: Project) -> None:
    quotes = load_quotes(report_project, words=NL, pseudonymise=False).quotes
    key = next(q for q in quotes if q.text.startswith("Alles wat"))
    assert key.speaker == "Hilde Verstraete"
    assert key.attributes == {"stad": "Gent", "rol": "stagecoördinator", "jaar": "2021"}
    assert key.memo == "Sterk citaat, Karim bevestigt dit."
    assert key.important and key.coder == "an"
    assert report_project.queries.source("gent").text[key.start : key.end] == key.text


def test_parse_where_accepts_key_value_pairs_only() -> None:
    assert parse_where(["stad=Gent", " rol = HR-medewerker "]) == (
        ("stad", "Gent"),
        ("rol", "HR-medewerker"),
    )
    for bad in ("stad", "=Gent", "stad="):
        with pytest.raises(FilterError, match="--where needs key=value"):
            parse_where([bad])


@pytest.mark.parametrize(
    ("quote_filter", "error", "message"),
    [
        (QuoteFilter(codes=("geen_code",)), NotFoundError, "unknown code or theme 'geen_code'"),
        (QuoteFilter(coder="zoe"), NotFoundError, r"unknown coder 'zoe' \(coders: an, bert\)"),
        (QuoteFilter(where=(("land", "BE"),)), FilterError, "no attribute 'land'"),
        (QuoteFilter(where=(("stad", "Gen"),)), FilterError, "no interview has that value"),
    ],
)
def test_bad_filters_are_one_line_errors(
    report_project: Project, quote_filter: QuoteFilter, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message) as caught:
        load_quotes(report_project, quote_filter, words=NL)
    assert "\n" not in str(caught.value)


def test_a_transcript_without_turns_is_one_respondent_turn(report_project: Project) -> None:
    text = "Eerste zin zonder spreker. Dit is het citaat. Laatste zin."
    report_project.sources.import_transcript(
        ParsedTranscript(text=text, turns=[], format="plain"),
        name="genk",
        filename="genk.txt",
        sha256="genk" * 16,
        attributes={"stad": "Genk", "rol": "HR-medewerker"},
        coder="an",
    )
    start, end = report_project.queries.locate_quote("genk", "Dit is het citaat.")
    report_project.codings.add("genk", start, end, ["stages"], coder="an")
    [quote] = load_quotes(report_project, QuoteFilter(where=(("stad", "Genk"),)), words=NL).quotes
    assert (quote.before, quote.after) == ("Eerste zin zonder spreker.", "Laatste zin.")
    assert quote.cited_as == "HR-medewerker, Genk" and quote.speaker_role == "respondent"


def test_tables_can_skip_the_context(report_project: Project) -> None:
    quotes = load_quotes(report_project, words=NL, context=False).quotes
    assert len(quotes) == 7
    assert all(q.text and q.before == "" and q.after == "" for q in quotes)
