"""Cold start: what the codebook alone says about a passage, before anyone has coded one.

Two kinds of evidence come from here, each one a researcher can check:

* keywords and phrases on lemmas (``PhraseMatcher`` on LEMMA and LOWER, a ``Matcher`` that lets
  a few words sit inside a phrase), inside compounds (``stageplekken`` holds ``stage``), sharing
  a compound head (``diversiteitsbeleid`` and ``inclusiebeleid``), or spelled a little
  differently (rapidfuzz);
* the code's profile: the lemmas of its label, description, inclusion criteria, keywords and
  example utterances, which the scorer compares passages with (and each example on its own,
  so a suggestion can name the example it resembles).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from spacy.attrs import LEMMA
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from qualcoder_vs.core.views import CodeView
from qualcoder_vs.nlp.features import Featurizer, Term
from qualcoder_vs.nlp.vectors import WordWeights

EXACT = 1.0
GAPPED = 0.85
INSIDE_COMPOUND = 0.85
SHARED_HEAD = 0.4
FUZZY = 0.75
FUZZY_CUTOFF = 86.0
MIN_FUZZY_LENGTH = 6
MIN_INSIDE = 4
MIN_REST = 3
PHRASE_GAP = "{0,3}"
EVIDENCE_PER_CODE = 3


@dataclass(frozen=True, slots=True)
class CodeProfile:
    """What the codebook says about one code, as matching needs it."""

    key: str
    label: str
    description: str = ""
    include: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()

    @classmethod
    def of(cls, code: CodeView) -> CodeProfile:
        return cls(
            key=code.key,
            label=code.label,
            description=code.description or "",
            include=tuple(code.include or ()),
            keywords=tuple(code.keywords or ()),
            examples=tuple(code.examples or ()),
        )

    def texts(self) -> list[str]:
        texts = [self.label, self.description, *self.include, *self.examples]
        return [t for t in (*texts, " ".join(self.keywords)) if t.strip()]


@dataclass(frozen=True, slots=True)
class KeywordEvidence:
    """How strongly a passage's words point at one code, and the words that did it."""

    strength: float
    evidence: tuple[str, ...]
    hits: tuple[tuple[float, str], ...] = ()


@dataclass(frozen=True, slots=True)
class _Keyword:
    code: str
    text: str
    lemma: str
    parts: tuple[str, ...]


Note = Callable[[int, float, str], None]
Hit = tuple[int, float, str]


class CodebookMatcher:
    """Keyword matching and profile bags for every code of a codebook."""

    def __init__(self, nlp: Language, profiles: Sequence[CodeProfile]) -> None:
        self.nlp = nlp
        self.featurizer = Featurizer(nlp)
        self.weights = WordWeights(nlp.lang)
        self._term_cache: dict[tuple[str, str], tuple[Hit, ...]] = {}
        self.profiles = list(profiles)
        self.code_bags: dict[str, Counter[str]] = {}
        self.example_bags: dict[str, list[tuple[str, Counter[str]]]] = {}
        for profile in self.profiles:
            bag: Counter[str] = Counter()
            for text in profile.texts():
                bag.update(self.featurizer.text_bag(text))
            self.code_bags[profile.key] = bag
            self.example_bags[profile.key] = [
                (example, self.featurizer.text_bag(example)) for example in profile.examples
            ]
        self._build_keywords()

    def _build_keywords(self) -> None:
        self._by_lemma = PhraseMatcher(self.nlp.vocab, attr="LEMMA")
        self._by_lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._gapped = Matcher(self.nlp.vocab)
        # the lemmas each gapped pattern needs: the Matcher runs only on a passage holding
        # all of one pattern's lemmas (most hold none, and the Matcher is the costly part)
        self._gapped_needs: list[frozenset[int]] = []
        self._keywords: list[_Keyword] = []
        self._single: dict[str, list[int]] = {}
        for profile in self.profiles:
            for raw in profile.keywords:
                text = raw.strip()
                doc = self.nlp(text)
                words = [t for t in doc if not t.is_punct]
                if not words:
                    continue
                index = len(self._keywords)
                match_key = str(index)
                lemma = " ".join(t.lemma_.lower() for t in words)
                parts = self.featurizer.decompounder.word(words[-1].lower_).parts
                self._keywords.append(_Keyword(profile.key, text, lemma, parts))
                self._by_lemma.add(match_key, [doc])
                spellings = {text, text.replace("-", " "), text.replace("-", "")}
                self._by_lower.add(match_key, [self.nlp.make_doc(t) for t in spellings])
                if len(words) == 1:
                    self._single.setdefault(lemma, []).append(index)
                    continue
                content = [t for t in words if t.lower_ not in self.featurizer.stop_words]
                if len(content) >= 2:
                    pattern: list[dict[str, str]] = []
                    for token in content:
                        if pattern:
                            pattern.append({"OP": PHRASE_GAP})
                        pattern.append({"LEMMA": token.lemma_})
                    self._gapped.add(match_key, [pattern])
                    self._gapped_needs.append(frozenset(t.lemma for t in content))
        self._fuzzy_lemmas = [k for k in self._single if len(k) >= MIN_FUZZY_LENGTH]
        self._heads: dict[str, list[int]] = {}
        for indexes in self._single.values():
            for index in indexes:
                parts = self._keywords[index].parts
                if parts:
                    self._heads.setdefault(parts[-1], []).append(index)

    def keywords(self, doc: Doc, terms: Sequence[Term]) -> dict[str, KeywordEvidence]:
        """Codes whose keywords the passage contains; strengths combine as independent hits."""
        hits: dict[int, tuple[float, str]] = {}

        def note(index: int, weight: float, evidence: str) -> None:
            if index not in hits or hits[index][0] < weight:
                hits[index] = (weight, evidence)

        strings = self.nlp.vocab.strings
        for matcher, weight in (
            (self._by_lemma, EXACT),
            (self._by_lower, EXACT),
            (self._gapped, GAPPED),
        ):
            if not len(matcher):
                continue
            if matcher is self._gapped:
                lemmas = set(doc.to_array(LEMMA).tolist())
                if not any(needs <= lemmas for needs in self._gapped_needs):
                    continue
            for match_id, start, end in matcher(doc):
                index = int(strings[match_id])
                keyword = self._keywords[index].text
                found = doc[start:end].text
                said = "" if found.lower() == keyword.lower() else f" in '{found}'"
                note(index, weight, f"matched: {keyword}{said}")
        for term in terms:
            key = (term.text, term.lemma)
            cached = self._term_cache.get(key)
            if cached is None:
                cached = self._term_cache[key] = self._collect(term)
            for index, weight, evidence in cached:
                note(index, weight, evidence)
        per_code: dict[str, list[tuple[float, str]]] = {}
        for index, hit in hits.items():
            per_code.setdefault(self._keywords[index].code, []).append(hit)
        found = {}
        for code, code_hits in per_code.items():
            code_hits.sort(reverse=True)
            missing = 1.0
            for weight, _ in code_hits:
                missing *= 1.0 - weight
            best = tuple(code_hits[:EVIDENCE_PER_CODE])
            found[code] = KeywordEvidence(1.0 - missing, tuple(e for _, e in best), best)
        return found

    def _collect(self, term: Term) -> tuple[Hit, ...]:
        found: list[Hit] = []
        self._term_hits(term, lambda i, w, e: found.append((i, w, e)))
        return tuple(found)

    def _term_hits(self, term: Term, note: Note) -> None:
        """A word that holds a keyword, shares a keyword's head or spells it a little
        differently. Only meaningful parts count: a keyword or a head that is an everyday
        word (``dienst``, ``punt``, ``werk``) is not evidence when found inside another word,
        and an everyday word is never a spelling variant of a keyword."""
        lemma = term.lemma
        lower = term.text.lower()
        if lemma in self._single:
            return
        everyday = self.weights.everyday
        for size in range(MIN_INSIDE, len(lower) - MIN_REST + 1):
            for piece in {lemma[:size], lemma[-size:], lower[:size], lower[-size:]}:
                indexes = self._single.get(piece)
                if not indexes or len(piece) < MIN_INSIDE or everyday(piece):
                    continue
                if not (_inside(piece, lemma) or _inside(piece, lower)):
                    continue
                for index in indexes:
                    shown = self._keywords[index].text
                    note(index, INSIDE_COMPOUND, f"matched: {shown} in '{term.text}'")
        if term.parts and not everyday(term.parts[-1]):
            head = term.parts[-1]
            for index in self._heads.get(head, ()):
                shown = self._keywords[index].text
                note(index, SHARED_HEAD, f"compound: '{term.text}' shares '{head}' with '{shown}'")
        if len(lemma) >= MIN_FUZZY_LENGTH and not everyday(lemma):
            for found, ratio, _ in process.extract(
                lemma, self._fuzzy_lemmas, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
            ):
                for index in self._single[found]:
                    shown = self._keywords[index].text
                    note(index, FUZZY * ratio / 100.0, f"matched: {shown} ≈ '{term.text}'")


def _inside(part: str, word: str) -> bool:
    """``part`` begins or ends ``word`` and leaves a plausible other part behind."""
    if len(word) - len(part) < MIN_REST:
        return False
    return word.startswith(part) or word.endswith(part)
