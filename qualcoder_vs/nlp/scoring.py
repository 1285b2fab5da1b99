"""How a passage's evidence becomes one score per code, in [0, 1], and when a code is shown.

Cold start reads the codebook only: keyword matches, the passage's resemblance to the code's
profile (the lemmas of its label, description, criteria, keywords and examples) and to each
example, and its question's resemblance to the profile. They add up to a logit with fixed
weights, so a passage's cold score depends on the passage and the codebook alone, never on
the project's other turns. A code whose entry says nothing beyond its label (no description,
keywords or examples) is never suggested from cold start alone.

Once the project is trained (see ``learner``), what the researcher's codings say decides:
a calibrator fitted on held-out folds of the codings turns the cold logit, the classifier's
logit and the resemblance to the code's coded passages into a probability, and a threshold
fitted the same way says when a code is shown. Learning can only add: a code the cold start
would show keeps being shown unless the codings show the cold start wrong about it.

Everything is sparse matrix products (see ``vectors``): the cost of a passage depends on the
codebook and the vocabulary, not on the number of codings.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from spacy.tokens import Doc

from qualcoder_vs.core.text import shorten
from qualcoder_vs.nlp.codebook_matcher import CodebookMatcher
from qualcoder_vs.nlp.features import Term
from qualcoder_vs.nlp.passages import Passage
from qualcoder_vs.nlp.vectors import Space

CONTEXT_WEIGHT = 0.5
# Cold-start logit: weights of keyword strength, profile resemblance (in deviations, see
# below), best example cosine and question cosine, and the bias that puts the threshold (0.5)
# where the evidence starts to count: a logistic regression fitted once on the demo codebook
# and interviews, rounded, and the bias set for a quiet of about 0.6 there. Fixed: never
# fitted on a user's project.
COLD_KEYWORD = 0.5
COLD_PROFILE = 0.9
COLD_EXAMPLE = 0.85
COLD_QUESTION = 5.2
COLD_BIAS = -2.2
# A long profile resembles every passage more than a short one does, so the profile cosine
# counts in standard deviations above how much the codebook's sentences about the *other*
# codes resemble the profile: a yardstick made of the codebook alone, the same in every
# project and unmoved by coding.
MIN_SPREAD = 0.02
THRESHOLD = 0.5
TOP_SHOWN = 3
SILENT = -30.0
EVIDENCE = 3
EXAMPLE_EVIDENCE = 0.15
CODED_EVIDENCE = 0.2
QUESTION_EVIDENCE = 0.12
SHARED_WORDS = 3
# Evidence is worded for the codes a passage may show: the best few and any above threshold.
EXPLAINED = 5
QUOTE = 70


@dataclass(frozen=True, slots=True)
class CodeScore:
    code: str
    score: float
    evidence: tuple[str, ...]
    cold: float
    learned: float | None = None


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


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


@dataclass(slots=True)
class ColdFeatures:
    """Cold-start evidence for a batch of passages: one row per passage, one column per code."""

    keywords: np.ndarray
    profile: np.ndarray
    example: np.ndarray
    example_at: np.ndarray
    question: np.ndarray
    keyword_evidence: list[dict[str, tuple[tuple[float, str], ...]]]
    rows: sparse.csr_matrix
    standing: np.ndarray

    def logit(self, describable: np.ndarray) -> np.ndarray:
        z = (
            COLD_KEYWORD * self.keywords
            + COLD_PROFILE * self.standing
            + COLD_EXAMPLE * self.example
            + COLD_QUESTION * self.question
            + COLD_BIAS
        )
        return np.where(describable[None, :], z, SILENT)


class Codebook:
    """The codebook as matrices over a vocabulary: profiles and examples, one row each."""

    def __init__(self, matcher: CodebookMatcher, space: Space) -> None:
        self.matcher = matcher
        self.space = space
        self.codes = [p.key for p in matcher.profiles]
        self.describable = np.array(
            [bool(p.description.strip() or p.keywords or p.examples) for p in matcher.profiles]
        )
        self.profiles = space.rows([matcher.code_bags[c] for c in self.codes])
        self.dense_profiles = self.profiles.toarray()
        self.typical, self.spread = self._yardstick()
        examples = [(i, t, b) for i, c in enumerate(self.codes) for t, b in matcher.example_bags[c]]
        self.example_code = np.array([i for i, _, _ in examples], dtype=np.int32)
        self.example_text = [t for _, t, _ in examples]
        self.examples = space.rows([b for _, _, b in examples])

    def _yardstick(self) -> tuple[np.ndarray, np.ndarray]:
        """Per code: mean and spread of the resemblance of other codes' sentences to it."""
        sentences = [
            (j, self.matcher.featurizer.text_bag(text))
            for j, profile in enumerate(self.matcher.profiles)
            for text in profile.texts()
        ]
        c = len(self.codes)
        typical, spread = np.zeros(c), np.full(c, MIN_SPREAD)
        if not sentences:
            return typical, spread
        owner = np.array([j for j, _ in sentences])
        sims = (self.space.rows([b for _, b in sentences]) @ self.profiles.T).toarray()
        for j in range(c):
            others = sims[owner != j, j]
            if len(others) > 1:
                typical[j] = others.mean()
                spread[j] = max(float(others.std()), MIN_SPREAD)
        return typical, spread

    def features(self, analysed: Sequence[Analysed]) -> ColdFeatures:
        n, c = len(analysed), len(self.codes)
        rows = self.space.rows([a.bag for a in analysed])
        questions = self.space.rows([a.question for a in analysed])
        profile = (rows @ self.profiles.T).toarray()
        question = (questions @ self.profiles.T).toarray()
        example = np.zeros((n, c))
        example_at = np.full((n, c), -1, dtype=np.int64)
        if self.examples.shape[0]:
            sims = (rows @ self.examples.T).toarray()
            for j in range(c):
                mine = np.flatnonzero(self.example_code == j)
                if len(mine):
                    best = sims[:, mine].argmax(axis=1)
                    example[:, j] = sims[np.arange(n), mine[best]]
                    example_at[:, j] = mine[best]
        keywords = np.zeros((n, c))
        evidence = []
        column = {code: j for j, code in enumerate(self.codes)}
        for i, a in enumerate(analysed):
            found = self.matcher.keywords(a.doc, a.terms)
            evidence.append({code: k.hits for code, k in found.items()})
            for code, k in found.items():
                keywords[i, column[code]] = k.strength
        standing = (profile - self.typical[None, :]) / self.spread[None, :]
        return ColdFeatures(
            keywords, profile, example, example_at, question, evidence, rows, standing
        )


@dataclass(slots=True)
class LearnedScores:
    """What the trained model adds for a batch: probabilities and what to point at."""

    probability: np.ndarray
    classifier: np.ndarray
    prototype: np.ndarray
    prototype_at: np.ndarray


class Scorer:
    """Cold start and, when given, the learned model: scores and evidence per passage."""

    def __init__(self, matcher: CodebookMatcher, space: Space, learned: object | None) -> None:
        from qualcoder_vs.nlp.learner import LearnedModel

        assert learned is None or isinstance(learned, LearnedModel)
        self.matcher = matcher
        self.codebook = Codebook(matcher, space)
        self.codes = self.codebook.codes
        self.learned = learned
        self.threshold = learned.threshold if learned is not None else THRESHOLD

    def scores_many(
        self, analysed: Sequence[Analysed], *, explain: bool = True
    ) -> list[list[CodeScore]]:
        if not analysed:
            return []
        cold = self.codebook.features(analysed)
        z0 = cold.logit(self.codebook.describable)
        cold_p = sigmoid(z0)
        learned = self.learned.scores(cold, z0, self.codes) if self.learned is not None else None
        final = learned.probability if learned is not None else cold_p
        found = []
        threshold = self.threshold
        for i, a in enumerate(analysed):
            row = []
            explained = set(np.argsort(-final[i])[:EXPLAINED].tolist())
            for j, code in enumerate(self.codes):
                evidence = ()
                if explain and (j in explained or final[i, j] >= threshold):
                    evidence = self._evidence(i, j, a, cold, learned)
                row.append(
                    CodeScore(
                        code,
                        float(final[i, j]),
                        evidence,
                        float(cold_p[i, j]),
                        None if learned is None else float(learned.probability[i, j]),
                    )
                )
            row.sort(key=lambda s: s.score, reverse=True)
            found.append(row)
        return found

    def _evidence(
        self,
        i: int,
        j: int,
        analysed: Analysed,
        cold: ColdFeatures,
        learned: LearnedScores | None,
    ) -> tuple[str, ...]:
        """At most ``EVIDENCE`` reasons, strongest first."""
        code = self.codes[j]
        found: list[tuple[float, str]] = list(cold.keyword_evidence[i].get(code, ()))
        example_at = cold.example_at[i, j]
        if example_at >= 0 and cold.example[i, j] >= EXAMPLE_EVIDENCE:
            text = self.codebook.example_text[example_at]
            found.append((cold.example[i, j], f"resembles example: '{shorten(text, QUOTE)}'"))
        if learned is not None and learned.prototype_at[i, j] >= 0:
            assert self.learned is not None
            similarity = learned.prototype[i, j]
            prototype = self.learned.prototype(int(learned.prototype_at[i, j]))
            same = prototype.source == analysed.passage.source and (
                prototype.start < analysed.passage.end and analysed.passage.start < prototype.end
            )
            if similarity >= CODED_EVIDENCE and not same:
                found.append(
                    (
                        similarity,
                        f"like a passage coded in {prototype.source}: "
                        f"'{shorten(prototype.quote, QUOTE)}'",
                    )
                )
        if cold.question[i, j] >= QUESTION_EVIDENCE:
            found.append(
                (cold.question[i, j], "asked about it: the question before this answer fits")
            )
        if learned is not None and learned.classifier[i, j] >= 0.5:
            assert self.learned is not None
            n = self.learned.count(code)
            label = f"learned from {n} coded passage{'s' if n != 1 else ''}"
            found.append((0.5 * learned.classifier[i, j], label))
        shared = self._shared_words(i, j, cold)
        if shared:
            found.append((cold.profile[i, j], "words in common: " + ", ".join(shared)))
        found.sort(key=lambda item: item[0], reverse=True)
        return tuple(text for _, text in found[:EVIDENCE])

    def _shared_words(self, i: int, j: int, cold: ColdFeatures) -> list[str]:
        """The passage's words that weigh most in the code's profile, everyday words left out."""
        rows = cold.rows
        at = slice(rows.indptr[i], rows.indptr[i + 1])
        columns, values = rows.indices[at], rows.data[at]
        contribution = values * self.codebook.dense_profiles[j, columns]
        vocabulary = self.codebook.space.vocabulary
        weights = self.codebook.space.weights
        words = []
        for k in np.argsort(-contribution):
            if contribution[k] <= 0 or len(words) == SHARED_WORDS:
                break
            word = vocabulary[columns[k]]
            if not weights.everyday(word):
                words.append(word)
        return words


def logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))
