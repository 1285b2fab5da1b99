"""The lazily taught tokenizer splits every text exactly as spaCy's own Dutch tokenizer does."""

from __future__ import annotations

import random
from pathlib import Path

import spacy
from spacy.lang.nl import Dutch
from spacy.tokens import Doc

from qualcoder_vs.importers import parse_file
from qualcoder_vs.nlp.pipeline import LAZY_TOKENIZER, LazySpecialsTokenizer

TRANSCRIPTS = Path(__file__).parents[2] / "transcripts"


def signature(doc: Doc) -> list[tuple[str, int, str, str]]:
    return [(t.text, t.idx, t.whitespace_, t.norm_) for t in doc]


def samples() -> list[str]:
    rng = random.Random(7)
    texts = [
        parse_file(path).text
        for path in sorted(TRANSCRIPTS.iterdir())
        if path.is_file() and path.suffix in {".txt", ".vtt", ".docx", ".json"}
    ]
    found = list(texts)
    for text in texts:
        for _ in range(40):
            start = rng.randrange(len(text))
            found.append(text[start : start + rng.randint(1, 300)])
    cases = sorted(Dutch.Defaults.tokenizer_exceptions)
    for case in rng.sample(cases, 600):
        found.append(
            rng.choice(["{}", "({}),", "zei {} dat", '"{}"', "x{}", "{}.", "{} {}"]).replace(
                "{}", case
            )
        )
        if len(case) > 2:
            cut = rng.randrange(1, len(case))
            found.append(f"{case[:cut]} {case[cut:]}")
    for _ in range(300):
        found.append(
            " ".join(rng.choice(cases) for _ in range(rng.randint(1, 5)))
            + rng.choice(["", ".", "\n"])
        )
    return found


def test_lazy_special_cases_tokenize_like_spacy() -> None:
    eager = spacy.blank("nl").tokenizer
    lazy = spacy.blank("nl", config={"nlp": {"tokenizer": {"@tokenizers": LAZY_TOKENIZER}}})
    assert isinstance(lazy.tokenizer, LazySpecialsTokenizer)
    texts = samples()
    differences = [t for t in texts if signature(eager(t)) != signature(lazy.tokenizer(t))]
    assert differences == []
    assert len(texts) > 1500
