"""Sentence context around a quote: one sentence each side, more when the rest is short."""

from __future__ import annotations

from qualcoder_vs.reports.context import context_around, sentence_spans

TEXT = (
    'Eerste zin hier. Tweede zin is wat langer, echt waar! Derde "zin" hier." Vierde zin.\n'
    "Nieuwe alinea zonder punt"
)


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text, 0, len(text))]


def test_sentences_end_at_punctuation_closing_quotes_and_line_breaks() -> None:
    assert sentences(TEXT) == [
        "Eerste zin hier.",
        "Tweede zin is wat langer, echt waar!",
        'Derde "zin" hier."',
        "Vierde zin.",
        "Nieuwe alinea zonder punt",
    ]


def test_a_whole_sentence_gets_the_neighbouring_sentences() -> None:
    start = TEXT.index("Derde")
    end = TEXT.index("Vierde") - 1
    assert context_around(TEXT, start, end, 0, len(TEXT)) == (
        "Tweede zin is wat langer, echt waar!",
        "Vierde zin.",
    )


def test_a_quote_inside_a_sentence_gets_its_rest_and_one_more_when_that_is_short() -> None:
    start, end = TEXT.index("wat langer"), TEXT.index(", echt")
    before, after = context_around(TEXT, start, end, 0, len(TEXT))
    assert before == "Eerste zin hier. Tweede zin is"
    assert after == ', echt waar! Derde "zin" hier."'


def test_context_never_leaves_the_turn() -> None:
    lo = TEXT.index("Tweede")
    hi = TEXT.index("Vierde") - 1
    start = TEXT.index("Tweede")
    end = TEXT.index("Derde") - 1
    assert context_around(TEXT, start, end, lo, hi) == ("", 'Derde "zin" hier."')


def test_long_context_is_cut_at_a_word_with_an_ellipsis() -> None:
    long_sentence = "woord " * 100 + "einde."
    text = f"{long_sentence} Het citaat. {long_sentence}"
    start = text.index("Het citaat")
    before, after = context_around(text, start, start + 11, 0, len(text), limit=50)
    assert before.startswith("…") and len(before) <= 51 and before.endswith("einde.")
    assert after.endswith("…") and len(after) <= 51 and after.startswith("woord")
    assert " " not in (before[1], after[-2])
