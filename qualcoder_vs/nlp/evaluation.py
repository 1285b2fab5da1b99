"""How good the suggestions are on the project's own codings, measured without cheating.

Cold start reads nothing but the codebook, so every coded passage is held out for it. The
learned side is cross-validated by interview: each fold trains on the codings of some sources
and is tested on the others, because passages of one interview resemble each other more than
passages of two interviews do, and a split by passage would flatter it.

hit@k counts the coded passages whose top k codes (threshold ignored: it measures ranking)
include one of their codes. Precision, recall and F1 per code look at what a researcher
actually sees: codes above the threshold, at most ``TOP`` per passage. ``silent`` is the share
of respondent turns without any coding that get no suggestion at all.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from qualcoder_vs.core.project import Project
from qualcoder_vs.nlp.errors import NlpError
from qualcoder_vs.nlp.learner import BagCache, code_profiles, train_model
from qualcoder_vs.nlp.passages import CodedPassage, Passage, all_source_turns, project_passages
from qualcoder_vs.nlp.scoring import CodeScore
from qualcoder_vs.nlp.suggester import SuggestionEngine, groundwork

TOP = 3
DEFAULT_FOLDS = 5


@dataclass(frozen=True, slots=True)
class CodeQuality:
    code: str
    support: int
    precision: float
    recall: float
    f1: float


@dataclass(slots=True)
class SideResult:
    """One side (cold start or learned) of the comparison."""

    name: str
    passages: int = 0
    hit1: float = 0.0
    hit3: float = 0.0
    hit3_without_question: float = 0.0
    covered: float = 0.0
    silent: float = 0.0
    per_code: list[CodeQuality] = field(default_factory=list)


@dataclass(slots=True)
class EvaluationReport:
    folds: int
    sources: int
    passages: int
    uncoded_turns: int
    seconds: float
    cold: SideResult
    learned: SideResult

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class _Tally:
    """Counts gathered over folds, turned into a SideResult at the end."""

    codes: list[str]
    passages: int = 0
    hit1: int = 0
    hit3: int = 0
    hit3_bare: int = 0
    covered: int = 0
    turns: int = 0
    silent: int = 0
    true_pos: dict[str, int] = field(default_factory=dict)
    false_pos: dict[str, int] = field(default_factory=dict)
    support: dict[str, int] = field(default_factory=dict)

    def add(
        self,
        engine: SuggestionEngine,
        coded: Sequence[CodedPassage],
        uncoded: Sequence[Passage],
    ) -> None:
        ranked = engine.rank_many([c.passage for c in coded])
        bare = engine.rank_many([Passage(c.passage.text) for c in coded])
        for item, scores, bare_scores in zip(coded, ranked, bare, strict=True):
            gold = item.codes
            self.passages += 1
            self.hit1 += scores[0].code in gold
            self.hit3 += _hit(scores, gold, 3)
            self.hit3_bare += _hit(bare_scores, gold, 3)
            shown = {s.code for s in engine.suggestions(scores, TOP)}
            self.covered += bool(shown)
            for code in gold:
                self.support[code] = self.support.get(code, 0) + 1
            for code in shown:
                bucket = self.true_pos if code in gold else self.false_pos
                bucket[code] = bucket.get(code, 0) + 1
        for scores in engine.rank_many(uncoded):
            self.turns += 1
            self.silent += not engine.suggestions(scores, TOP)

    def result(self, name: str) -> SideResult:
        per_code = []
        for code in self.codes:
            support = self.support.get(code, 0)
            tp = self.true_pos.get(code, 0)
            fp = self.false_pos.get(code, 0)
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / support if support else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            per_code.append(
                CodeQuality(code, support, round(precision, 3), round(recall, 3), round(f1, 3))
            )
        n = self.passages or 1
        return SideResult(
            name=name,
            passages=self.passages,
            hit1=round(self.hit1 / n, 3),
            hit3=round(self.hit3 / n, 3),
            hit3_without_question=round(self.hit3_bare / n, 3),
            covered=round(self.covered / n, 3),
            silent=round(self.silent / self.turns, 3) if self.turns else 0.0,
            per_code=per_code,
        )


def _hit(scores: Sequence[CodeScore], gold: frozenset[str], k: int) -> bool:
    return any(s.code in gold for s in scores[:k])


def fold_sources(sources: Sequence[str], folds: int) -> list[set[str]]:
    """Round-robin over sorted names: every source is tested exactly once."""
    ordered = sorted(sources)
    return [set(ordered[i::folds]) for i in range(folds)]


def evaluate(
    project: Project, *, folds: int = DEFAULT_FOLDS, learned: bool = True
) -> EvaluationReport:
    """Both sides; ``learned=False`` skips the folds (cold start needs no training)."""
    started = time.perf_counter()
    if folds < 2:
        raise NlpError("cross-validation needs at least 2 folds")
    data = project_passages(project)
    sources = data.sources
    if len(sources) < 2:
        raise NlpError(
            "evaluation needs codings in at least two sources (it holds out whole interviews)"
        )
    folds = min(folds, len(sources))
    profiles = code_profiles(project)
    base = groundwork(project, profiles=profiles, turns=all_source_turns(project))
    codes = [p.key for p in profiles]

    cold = _Tally(codes)
    cold.add(base.engine(None), data.coded, data.uncoded_turns)

    trained = _Tally(codes)
    cache = BagCache(base.featurizer)
    for test in fold_sources(sources, folds) if learned else []:
        train = data.only(set(sources) - test)
        model = train_model(base.featurizer, profiles, train, cache=cache)
        held_out = data.only(test)
        trained.add(base.engine(model), held_out.coded, held_out.uncoded_turns)

    return EvaluationReport(
        folds=folds,
        sources=len(sources),
        passages=len(data.coded),
        uncoded_turns=len(data.uncoded_turns),
        seconds=round(time.perf_counter() - started, 2),
        cold=cold.result("cold start"),
        learned=trained.result("learned"),
    )
