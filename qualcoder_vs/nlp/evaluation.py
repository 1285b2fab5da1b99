"""How good the suggestions are on the project's own codings, measured without cheating.

Cold start reads nothing but the codebook, so every coded passage is held out for it. The
learned side is cross-validated by interview: each fold trains on the codings of some sources
and is tested on the others, because passages of one interview resemble each other more than
passages of two interviews do, and a split by passage would flatter it.

Two kinds of figures, because a ranking can be right while the researcher sees nothing:

* *ranked* hit@k: a coded passage whose k best-scored codes include one of its codes,
  threshold ignored;
* *shown* hit@k: the same over what the researcher is actually shown (codes that pass their
  threshold, best first), so a silent engine scores 0 there;
* coverage: coded passages that are shown any suggestion; quiet: respondent turns without any
  coding that are shown none; precision, recall and F1 per code of what is shown (at most
  ``TOP`` codes per passage).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from qualcoder_vs.core.project import Project
from qualcoder_vs.nlp.errors import NlpError
from qualcoder_vs.nlp.passages import CodedPassage, Passage, project_passages

TOP = 3
DEFAULT_FOLDS = 5
Progress = Callable[[int, int], None]
"""Called with (steps done, steps in all) after cold start and after each fold."""


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
    turns: int = 0
    shown_hit1: float = 0.0
    shown_hit3: float = 0.0
    ranked_hit1: float = 0.0
    ranked_hit3: float = 0.0
    coverage: float = 0.0
    quiet: float = 0.0
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


class Ranker:
    """What evaluation needs of an engine: every code's score per passage, and what is shown."""

    def rank_many(self, passages: Sequence[Passage]) -> Sequence[Sequence[Any]]: ...

    def shown(self, scores: Sequence[Any], top: int) -> list[str]: ...


@dataclass(slots=True)
class Tally:
    """Counts gathered over folds (or learning-curve runs), turned into a SideResult."""

    codes: list[str]
    passages: int = 0
    shown1: int = 0
    shown3: int = 0
    ranked1: int = 0
    ranked3: int = 0
    covered: int = 0
    turns: int = 0
    quiet: int = 0
    true_pos: dict[str, int] = field(default_factory=dict)
    false_pos: dict[str, int] = field(default_factory=dict)
    support: dict[str, int] = field(default_factory=dict)

    def add(
        self,
        engine: Any,
        coded: Sequence[CodedPassage],
        uncoded: Sequence[Passage],
    ) -> None:
        """Score ``coded`` (held out) and ``uncoded`` respondent turns with ``engine``."""
        ranked = engine.rank_many([c.passage for c in coded])
        for item, scores in zip(coded, ranked, strict=True):
            gold = item.codes
            order = [s.code for s in scores]
            shown = engine.shown_codes(scores, TOP)
            self.passages += 1
            self.ranked1 += bool(order[:1]) and order[0] in gold
            self.ranked3 += any(c in gold for c in order[:3])
            self.shown1 += bool(shown) and shown[0] in gold
            self.shown3 += any(c in gold for c in shown[:3])
            self.covered += bool(shown)
            for code in gold:
                self.support[code] = self.support.get(code, 0) + 1
            for code in shown:
                bucket = self.true_pos if code in gold else self.false_pos
                bucket[code] = bucket.get(code, 0) + 1
        for scores in engine.rank_many(uncoded):
            self.turns += 1
            self.quiet += not engine.shown_codes(scores, TOP)

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
            turns=self.turns,
            shown_hit1=round(self.shown1 / n, 3),
            shown_hit3=round(self.shown3 / n, 3),
            ranked_hit1=round(self.ranked1 / n, 3),
            ranked_hit3=round(self.ranked3 / n, 3),
            coverage=round(self.covered / n, 3),
            quiet=round(self.quiet / self.turns, 3) if self.turns else 0.0,
            per_code=per_code,
        )


def fold_sources(sources: Sequence[str], folds: int) -> list[set[str]]:
    """Round-robin over sorted names: every source is tested exactly once."""
    ordered = sorted(sources)
    return [set(ordered[i::folds]) for i in range(folds)]


def evaluate(
    project: Project,
    *,
    folds: int = DEFAULT_FOLDS,
    learned: bool = True,
    progress: Progress | None = None,
) -> EvaluationReport:
    """Both sides; ``learned=False`` skips the folds (cold start needs no training)."""
    from qualcoder_vs.nlp.learner import code_profiles, train_model
    from qualcoder_vs.nlp.suggester import groundwork

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
    base = groundwork(project, profiles=profiles)
    base.preload(project)
    codes = [p.key for p in profiles]

    cold = Tally(codes)
    cold.add(base.engine(None), data.coded, data.uncoded_turns)
    steps = 1 + (folds if learned else 0)
    if progress:
        progress(1, steps)

    trained = Tally(codes)
    for done, test in enumerate(fold_sources(sources, folds) if learned else [], start=2):
        train = data.only(set(sources) - test)
        model = train_model(base, train)
        held_out = data.only(test)
        trained.add(base.engine(model), held_out.coded, held_out.uncoded_turns)
        if progress:
            progress(done, steps)

    return EvaluationReport(
        folds=folds,
        sources=len(sources),
        passages=len(data.coded),
        uncoded_turns=len(data.uncoded_turns),
        seconds=round(time.perf_counter() - started, 2),
        cold=cold.result("cold start"),
        learned=trained.result("learned"),
    )
