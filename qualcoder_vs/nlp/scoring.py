"""How a passage's evidence becomes one score per code, in [0, 1].

Each code has a profile: the lemmas of its codebook entry plus those of every passage coded
with it, minus half of those of suggestions rejected for it (Rocchio's rule). With no codings
the profile is the codebook entry alone, so suggestions improve smoothly from the first coded
passage. A passage's TF-IDF cosine with a profile says little by itself (long profiles score
higher everywhere), so it is measured in standard deviations above the project's typical
respondent turn. Keyword matches and, once trained, the classifier's probability add to that,
and the normal curve turns the sum into a score: a code is suggested when the passage stands
out ``OFFSET`` deviations above the typical turn, counting each kind of evidence.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from spacy.tokens import Doc

from qualcoder_vs.core.text import shorten
from qualcoder_vs.nlp.codebook_matcher import CodebookMatcher
from qualcoder_vs.nlp.features import Idf, Term, cosine
from qualcoder_vs.nlp.passages import Passage

CONTEXT_WEIGHT = 0.5
REJECTED_WEIGHT = 0.5
KEYWORD_WEIGHT = 0.5
CLASSIFIER_WEIGHT = 2.0
CLASSIFIER_HALF = 5
OFFSET = 1.5
THRESHOLD = 0.5
MIN_SPREAD = 1e-3
# Below this many respondent turns "typical" is too shaky to measure against alone, so the
# codebook's sentences about the other codes join each code's yardstick.
MIN_YARDSTICK = 30
EXAMPLE_EVIDENCE = 0.15
CODED_EVIDENCE = 0.2
QUESTION_EVIDENCE = 0.1
CLASSIFIER_EVIDENCE = 0.5
QUOTE = 70
SHARED_WORDS = 4
# A passage with few content words matches a profile by luck more often than a whole turn
# does, while the yardstick is made of whole turns: below this many terms, deviations shrink
# with the square root of the passage's share of it.
FULL_LENGTH = 12

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class CodedExample:
    """A coded passage the learned side remembers, to point at as evidence."""

    codes: tuple[str, ...]
    source: str
    quote: str
    bag: Mapping[str, float]


@dataclass(slots=True)
class Learned:
    """What coding taught, in the form scoring needs (see ``learner`` for how it is made)."""

    positives: dict[str, Counter[str]] = field(default_factory=dict)
    rejected: dict[str, Counter[str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    examples: list[CodedExample] = field(default_factory=list)
    classify: Callable[[Mapping[str, float], Mapping[str, float]], dict[str, float]] | None = None


@dataclass(frozen=True, slots=True)
class CodeScore:
    code: str
    score: float
    evidence: tuple[str, ...]
    deviations: float
    keywords: float
    classifier: float


@dataclass(slots=True)
class Analysed:
    """A passage after the pipeline: terms for matching, a bag with its question's words."""

    passage: Passage
    doc: Doc
    terms: list[Term]
    own: Counter[str]
    question: Counter[str]

    @property
    def bag(self) -> Counter[str]:
        return with_question(self.own, self.question)


def with_question(own: Mapping[str, float], question: Mapping[str, float]) -> Counter[str]:
    """A passage's own words, and its question's at ``CONTEXT_WEIGHT``."""
    combined = Counter(own)
    for word, count in question.items():
        combined[word] += CONTEXT_WEIGHT * count
    return combined


class Scorer:
    def __init__(
        self,
        matcher: CodebookMatcher,
        background: Sequence[Counter[str]],
        learned: Learned | None = None,
    ) -> None:
        """``background``: bags of the project's respondent turns (with their questions), the
        unlabelled yardstick for "typical"."""
        self.matcher = matcher
        self.learned = learned or Learned()
        texts = {
            p.key: [matcher.featurizer.text_bag(t) for t in p.texts()] for p in matcher.profiles
        }
        self.idf = Idf([*background, *(bag for bags in texts.values() for bag in bags)])
        self.codes = [p.key for p in matcher.profiles]
        self.profiles = {code: self.idf.vector(self._profile_bag(code)) for code in self.codes}
        self.examples = {
            code: [(text, self.idf.vector(bag)) for text, bag in matcher.example_bags[code]]
            for code in self.codes
        }
        self.coded = [(e, self.idf.vector(e.bag)) for e in self.learned.examples]
        turns = [self.idf.vector(bag) for bag in background]
        sentences = {code: [self.idf.vector(b) for b in bags] for code, bags in texts.items()}
        self.typical: dict[str, tuple[float, float]] = {}
        for code, profile in self.profiles.items():
            yardstick = turns
            if len(turns) < MIN_YARDSTICK:
                others = (v for other, vs in sentences.items() if other != code for v in vs)
                yardstick = [*turns, *others]
            sims = [cosine(v, profile) for v in yardstick]
            spread = statistics.pstdev(sims) if len(sims) > 1 else 0.0
            self.typical[code] = (statistics.fmean(sims), max(spread, MIN_SPREAD))

    def _profile_bag(self, code: str) -> Counter[str]:
        bag = Counter(self.matcher.code_bags[code])
        bag.update(self.learned.positives.get(code, Counter()))
        for word, count in self.learned.rejected.get(code, Counter()).items():
            bag[word] = max(0.0, bag[word] - REJECTED_WEIGHT * count)
        return bag

    def weight_of_classifier(self, code: str) -> float:
        """Grows with the code's coded passages: n / (n + CLASSIFIER_HALF)."""
        n = self.learned.counts.get(code, 0)
        return n / (n + CLASSIFIER_HALF)

    def scores(self, analysed: Analysed) -> list[CodeScore]:
        """Every code's score for the passage, best first."""
        vector = self.idf.vector(analysed.bag)
        question = self.idf.vector(analysed.question) if analysed.question else {}
        keywords = self.matcher.keywords(analysed.doc, analysed.terms)
        classify = self.learned.classify
        probabilities = classify(analysed.own, analysed.question) if classify else {}
        shrink = min(1.0, math.sqrt(len(analysed.terms) / FULL_LENGTH))
        found = []
        for code in self.codes:
            mean, spread = self.typical[code]
            deviations = shrink * (cosine(vector, self.profiles[code]) - mean) / spread
            matched = keywords.get(code)
            strength = matched.strength if matched else 0.0
            probability = probabilities.get(code, 0.0) * self.weight_of_classifier(code)
            z = deviations + KEYWORD_WEIGHT * strength + CLASSIFIER_WEIGHT * probability - OFFSET
            evidence = list(matched.evidence) if matched else []
            evidence.extend(self._resemblance(code, vector, question, probability))
            score = 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))
            found.append(CodeScore(code, score, tuple(evidence), deviations, strength, probability))
        found.sort(key=lambda s: s.score, reverse=True)
        return found

    def _resemblance(
        self,
        code: str,
        vector: Mapping[str, float],
        question: Mapping[str, float],
        probability: float,
    ) -> Iterable[str]:
        profile = self.profiles[code]
        shared = sorted(
            (w for w in vector if w in profile), key=lambda w: vector[w] * profile[w], reverse=True
        )
        if shared:
            yield "words in common: " + ", ".join(shared[:SHARED_WORDS])
        example, similarity = _best((t, cosine(vector, v)) for t, v in self.examples[code])
        if example is not None and similarity >= EXAMPLE_EVIDENCE:
            yield f"resembles example: '{shorten(example, QUOTE)}'"
        coded, similarity = _best((e, cosine(vector, v)) for e, v in self.coded if code in e.codes)
        if coded is not None and similarity >= CODED_EVIDENCE:
            yield f"like a passage coded in {coded.source}: '{shorten(coded.quote, QUOTE)}'"
        if question and cosine(question, profile) >= QUESTION_EVIDENCE:
            yield "asked about it: the question before this answer fits the code"
        if probability >= CLASSIFIER_EVIDENCE * self.weight_of_classifier(code) > 0:
            n = self.learned.counts.get(code, 0)
            yield f"learned from {n} coded passage{'s' if n != 1 else ''}"


def _best(pairs: Iterable[tuple[T, float]]) -> tuple[T | None, float]:
    best: T | None = None
    top = -1.0
    for item, value in pairs:
        if value > top:
            best, top = item, value
    return best, top
