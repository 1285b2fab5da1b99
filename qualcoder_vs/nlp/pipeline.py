"""The spaCy pipeline every suggestion starts from: a blank language, lookup lemmas, sentences.

No trained spaCy model exists on a researcher's laptop and nothing may be downloaded, so the
pipeline is ``spacy.blank(lang)`` with the lemma table that the installed ``spacy-lookups-data``
package ships. Building it costs about a second, so it is built once per process and language.
"""

from __future__ import annotations

import threading
from typing import Any

import spacy
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.util import load_language_data, registry

from qualcoder_vs.nlp.compounds import COMPONENT as COMPOUND_LEMMAS
from qualcoder_vs.nlp.compounds import CompoundLemmas, Decompounder, Lexicon
from qualcoder_vs.nlp.errors import NlpError

LEMMA_TABLE = "lemma_lookup"

_pipelines: dict[str, Language] = {}
_lock = threading.Lock()


def load_pipeline(lang: str) -> Language:
    """The shared pipeline for ``lang``; callers must not add or remove components."""
    with _lock:
        nlp = _pipelines.get(lang)
        if nlp is None:
            nlp = _build(lang)
            _pipelines[lang] = nlp
        return nlp


def _build(lang: str) -> Language:
    tables = registry.lookups.get(lang) if lang in registry.lookups else {}
    if LEMMA_TABLE not in tables:
        raise NlpError(f"spacy-lookups-data has no lemma table for '{lang}'; suggestions need one")
    try:
        nlp = spacy.blank(lang)
    except ImportError:
        raise NlpError(f"spaCy has no language '{lang}'; set the codebook's language") from None
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    compounds = nlp.add_pipe(COMPOUND_LEMMAS)
    nlp.add_pipe("sentencizer")
    words = load_language_data(tables[LEMMA_TABLE])
    lookups = Lookups()
    lookups.set_table(LEMMA_TABLE, WordTable(LEMMA_TABLE, words))
    lemmatizer.initialize(lookups=lookups)
    compounds.initialize_with(Lexicon(words, tables))
    return nlp


class WordTable(Table):
    """The lemma table with its string keys as they are, for the lookup lemmatizer.

    spaCy's own ``Table`` hashes every key into an ordered dict, which costs half a second
    per process for Dutch; the lemmatizer only ever calls ``get`` with a word, which a plain
    dict answers. This pipeline is built in memory and never serialised, so nothing else of
    ``Table`` is needed.
    """

    def __init__(self, name: str, words: dict[str, str]) -> None:
        super().__init__(name, {})
        self.words = words

    def get(self, key: str | int, default: Any = None) -> Any:
        if isinstance(key, str):
            return self.words.get(key, default)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            return key in self.words
        return super().__contains__(key)  # type: ignore[arg-type]


def decompounder(nlp: Language) -> Decompounder:
    component = nlp.get_pipe(COMPOUND_LEMMAS)
    assert isinstance(component, CompoundLemmas) and component.decompounder is not None
    return component.decompounder
