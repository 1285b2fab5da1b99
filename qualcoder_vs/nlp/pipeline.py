"""The spaCy pipeline every suggestion starts from: a blank language, lookup lemmas, sentences.

No trained spaCy model exists on a researcher's laptop and nothing may be downloaded, so the
pipeline is ``spacy.blank(lang)`` with the lemma table that the installed ``spacy-lookups-data``
package ships. Building it is still costly, so it is built once per process and language; its
tokenizer learns the language's special cases lazily (see ``LazySpecialsTokenizer``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import (
    compile_infix_regex,
    compile_prefix_regex,
    compile_suffix_regex,
    load_language_data,
    registry,
)

from qualcoder_vs.nlp.compounds import COMPONENT as COMPOUND_LEMMAS
from qualcoder_vs.nlp.compounds import CompoundLemmas, Decompounder, Lexicon
from qualcoder_vs.nlp.errors import NlpError

LEMMA_TABLE = "lemma_lookup"
SIMPLEMMA = "qvs_simplemma_lemmas"
SIMPLEMMA_LANGUAGES = frozenset({"nl", "en"})
LAZY_TOKENIZER = "qualcoder_vs.lazy_specials_tokenizer.v1"

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
        nlp = spacy.blank(lang, config={"nlp": {"tokenizer": {"@tokenizers": LAZY_TOKENIZER}}})
    except ImportError:
        raise NlpError(f"spaCy has no language '{lang}'; set the codebook's language") from None
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    if lang in SIMPLEMMA_LANGUAGES:
        simplemma_step = nlp.add_pipe(SIMPLEMMA)
        assert isinstance(simplemma_step, SimplemmaLemmas)
        if "lemma_index" in tables:
            index = load_language_data(tables["lemma_index"])
            simplemma_step.known = frozenset(w for words in index.values() for w in words)
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


@Language.factory(SIMPLEMMA)
def make_simplemma_lemmas(nlp: Language, name: str) -> SimplemmaLemmas:
    return SimplemmaLemmas(nlp.lang)


class SimplemmaLemmas:
    """After the lookup lemmatizer: simplemma's lemma where it knows the word better.

    Measured on the demo interviews (``qvs evaluate``, 5 folds by interview; shown hit@3 /
    ranked hit@3, cold start then learned): the lookup table alone 0.578 / 0.829 and
    0.680 / 0.869; simplemma on every word 0.600 / 0.851 and 0.713 / 0.898; simplemma except
    on words the lookup data lists as lemmas 0.593 / 0.833 and 0.684 / 0.884. The last is
    kept: on every word simplemma turns infinitives into nouns ("lopen" -> "loop"), which
    `qvs words` would count wrongly. simplemma loads its dictionary on first use (about
    0.8 s), so building the pipeline stays as fast as before.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        # Words the lookup data lists as lemmas: kept as they are, because without a tagger
        # simplemma turns some infinitives into nouns ("lopen" -> "loop").
        self.known: frozenset[str] = frozenset()

    def __call__(self, doc: Doc) -> Doc:
        import simplemma

        lang, known = self.lang, self.known
        for token in doc:
            if token.is_alpha:
                lower = token.lower_
                if lower in known:
                    continue
                lemma = simplemma.lemmatize(lower, lang=lang)
                if lemma != lower:
                    token.lemma_ = lemma
        return doc


def decompounder(nlp: Language) -> Decompounder:
    component = nlp.get_pipe(COMPOUND_LEMMAS)
    assert isinstance(component, CompoundLemmas) and component.decompounder is not None
    return component.decompounder


class LazySpecialsTokenizer:
    """spaCy's tokenizer for a language, taught each special case only once a text needs it.

    Adding Dutch's 4,670 special cases (abbreviations such as "bv." or "m.a.w.", emoticons)
    makes a lexeme for every piece and a phrase-matcher pattern for most, which is most of
    the time ``spacy.blank("nl")`` takes; an interview uses a few dozen of them. A special case
    can only change how a text is split where its string occurs in the text with spaces left
    out: spaCy applies it to a whole chunk between spaces, to a chunk's core once affixes are
    stripped, or to a run of tokens (which only a single space may separate) whose pieces
    spell it. So before each text every case whose string occurs there, spaces removed, is
    added; the tokenizer then splits the text exactly as one that had them all from the start,
    because the cases it lacks cannot match it. The few cases that are whitespace themselves
    are added at once.

    Adding a case flushes the tokenizer's cache, and spaCy's tokenizer is not made to change
    while another thread tokenizes, so adding and tokenizing share one lock. Anything other
    than tokenizing (``explain``, ``rules``, serialisation) first adds every case, so it sees
    the tokenizer spaCy would have built.
    """

    def __init__(self, tokenizer: Tokenizer, rules: dict[str, list[dict[int | str, str]]]) -> None:
        self.tokenizer = tokenizer
        self._lock = threading.Lock()
        # Cases not added yet, grouped so that finding a text's few among thousands is cheap
        # (see ``_group``): a case with a full stop (nearly all) by what precedes its first
        # full stop, which is looked for only before the text's own full stops; the hundred
        # or so others (emoticons, "C++") by their first two characters.
        self._pending: dict[bool, dict[str, dict[str, list[dict[int | str, str]]]]] = {
            True: {},
            False: {},
        }
        self._longest_head = 0
        for string, substrings in sorted(rules.items()):
            if any(c.isspace() for c in string):
                tokenizer.add_special_case(string, substrings)
                continue
            has_stop, key = _group(string)
            self._pending[has_stop].setdefault(key, {})[string] = substrings
            if has_stop:
                self._longest_head = max(self._longest_head, len(key))

    def __call__(self, text: str) -> Doc:
        with self._lock:
            self._add_cases_for(text)
            return self.tokenizer(text)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("tokenizer", "_lock", "_pending", "_longest_head"):
            raise AttributeError(name)
        with self._lock:
            self._add([s for groups in self._pending.values() for c in groups.values() for s in c])
        return getattr(self.tokenizer, name)

    def _add_cases_for(self, text: str) -> None:
        with_stop, others = self._pending[True], self._pending[False]
        if not with_stop and not others:
            return
        flat = text.replace(" ", "")
        found: set[str] = set()
        stop = flat.find(".")
        while stop >= 0:
            for size in range(min(stop, self._longest_head) + 1):
                cases = with_stop.get(flat[stop - size : stop])
                if cases:
                    found.update(s for s in cases if flat.startswith(s, stop - size))
            stop = flat.find(".", stop + 1)
        for start, cases in others.items():
            if start in flat:
                found.update(s for s in cases if s in flat)
        if found:
            self._add(found)

    def _add(self, strings: Iterable[str]) -> None:
        for string in sorted(strings):
            has_stop, key = _group(string)
            cases = self._pending[has_stop][key]
            self.tokenizer.add_special_case(string, cases.pop(string))
            if not cases:
                del self._pending[has_stop][key]


def _group(string: str) -> tuple[bool, str]:
    """Where ``LazySpecialsTokenizer`` files a case it has not added yet."""
    stop = string.find(".")
    return (True, string[:stop]) if stop >= 0 else (False, string[:2])


@registry.tokenizers(LAZY_TOKENIZER)
def lazy_specials_tokenizer() -> Callable[[Language], LazySpecialsTokenizer]:
    """spaCy's default tokenizer factory (``spacy.Tokenizer.v1``), with lazy special cases."""

    def make(nlp: Language) -> LazySpecialsTokenizer:
        defaults = nlp.Defaults
        prefixes, suffixes, infixes = defaults.prefixes, defaults.suffixes, defaults.infixes
        tokenizer = Tokenizer(
            nlp.vocab,
            rules={},
            prefix_search=compile_prefix_regex(prefixes).search if prefixes else None,
            suffix_search=compile_suffix_regex(suffixes).search if suffixes else None,
            infix_finditer=compile_infix_regex(infixes).finditer if infixes else None,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )
        return LazySpecialsTokenizer(tokenizer, defaults.tokenizer_exceptions)

    return make
