"""The suggestion engine behind the TUI panel and ``qvs suggest``.

It works on passages (free text, a selection, a sentence or a whole respondent turn), scores
every code with :mod:`scoring` and keeps those that pass the threshold, best first, each with
its evidence. :func:`suggester_for` hands out one engine per project state, built once and
reused until codings, codes or sources change.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from qualcoder_vs.core.database import ProjectError
from qualcoder_vs.core.project import Project
from qualcoder_vs.nlp.codebook_matcher import CodebookMatcher, CodeProfile
from qualcoder_vs.nlp.errors import NlpError
from qualcoder_vs.nlp.features import Featurizer
from qualcoder_vs.nlp.interface import Suggestion
from qualcoder_vs.nlp.learner import BagCache, Model, code_profiles, load_model, stored_info
from qualcoder_vs.nlp.passages import Passage, SourceTurns, all_source_turns
from qualcoder_vs.nlp.pipeline import load_pipeline
from qualcoder_vs.nlp.scoring import THRESHOLD, Analysed, CodeScore, Scorer, with_question

BACKGROUND_SAMPLE = 300
DEFAULT_TOP = 5
Unit = Literal["turn", "sentence"]


class SuggestionEngine:
    """Implements :class:`qualcoder_vs.nlp.interface.Suggester`."""

    def __init__(
        self,
        featurizer: Featurizer,
        scorer: Scorer,
        *,
        threshold: float = THRESHOLD,
        model_info: dict[str, object] | None = None,
        project: Project | None = None,
    ) -> None:
        self.featurizer = featurizer
        self.project = project
        self.scorer = scorer
        self.threshold = threshold
        self.model_info = model_info
        self._bags = BagCache(featurizer)
        self._lock = threading.Lock()

    @property
    def learned(self) -> bool:
        return self.model_info is not None

    def analyse(self, passages: Sequence[Passage]) -> list[Analysed]:
        nlp = self.featurizer.nlp
        questions = self._bags.bags(p.context for p in passages)
        found = []
        for passage, doc, question in zip(
            passages, nlp.pipe(p.text for p in passages), questions, strict=True
        ):
            terms = self.featurizer.terms(doc)
            own = self.featurizer.bag(terms)
            found.append(Analysed(passage, doc, terms, own, Counter(question)))
        return found

    def rank_many(self, passages: Sequence[Passage]) -> list[list[CodeScore]]:
        """Every code's score for each passage, best first: evaluation reads these."""
        with self._lock:
            return [self.scorer.scores(a) for a in self.analyse(passages)]

    def suggestions(self, scores: Sequence[CodeScore], top: int) -> list[Suggestion]:
        return [
            Suggestion(s.code, round(s.score, 4), s.evidence)
            for s in scores[: max(top, 0)]
            if s.score >= self.threshold
        ]

    def suggest_many(
        self, passages: Sequence[Passage], *, top: int = DEFAULT_TOP
    ) -> list[list[Suggestion]]:
        return [self.suggestions(scores, top) for scores in self.rank_many(passages)]

    def suggest_passage(self, passage: Passage, *, top: int = DEFAULT_TOP) -> list[Suggestion]:
        return self.suggest_many([passage], top=top)[0]

    def suggest(self, text: str, *, top: int = DEFAULT_TOP) -> list[Suggestion]:
        """Free text, without the question it answered."""
        return self.suggest_passage(Passage(text), top=top)

    def suggest_at(
        self, source: str, start: int, end: int, *, top: int = DEFAULT_TOP
    ) -> list[Suggestion]:
        """A selection of a source of this engine's project, with its question as context."""
        if self.project is None:
            raise NlpError("this suggester has no project; use suggest(text)")
        return self.suggest_passage(selection(self.project, source, start, end), top=top)


# -- building engines -------------------------------------------------------------------------


@dataclass(slots=True)
class Groundwork:
    """What every engine of a project shares: the codebook's matcher and the yardstick of
    typical respondent turns. Evaluation builds one per run and an engine per fold on it."""

    featurizer: Featurizer
    matcher: CodebookMatcher
    background: list[Counter[str]]

    def engine(self, model: Model | None, project: Project | None = None) -> SuggestionEngine:
        scorer = Scorer(self.matcher, self.background, model.learned if model else None)
        info = model.info if model is not None else None
        return SuggestionEngine(self.featurizer, scorer, model_info=info, project=project)


def groundwork(
    project: Project,
    *,
    profiles: Sequence[CodeProfile] | None = None,
    turns: Sequence[SourceTurns] | None = None,
) -> Groundwork:
    nlp = load_pipeline(project.queries.info().language)
    profiles = list(profiles) if profiles is not None else code_profiles(project)
    if not profiles:
        raise NlpError("the project has no codes; load a codebook first (qvs codebook load)")
    featurizer = Featurizer(nlp)
    turns = list(turns) if turns is not None else all_source_turns(project)
    background = _sample([p for s in turns for p in s.turn_passages()], BACKGROUND_SAMPLE)
    bags = [with_question(own, q) for own, q in BagCache(featurizer).passage_bags(background)]
    return Groundwork(featurizer, CodebookMatcher(nlp, profiles), bags)


def build_engine(project: Project, *, learned: bool = True) -> SuggestionEngine:
    """The codebook, a sample of the project's respondent turns as the yardstick, and the
    stored model unless ``learned`` is False."""
    return groundwork(project).engine(load_model(project) if learned else None, project)


def _sample(items: list[Passage], size: int) -> list[Passage]:
    """Evenly spread over all sources, the same every time."""
    if len(items) <= size:
        return items
    step = len(items) / size
    return [items[int(i * step)] for i in range(size)]


_engines: dict[str, tuple[str, SuggestionEngine]] = {}
_engines_lock = threading.Lock()


def suggester_for(project: Project) -> SuggestionEngine:
    """The project's engine, rebuilt only when its model, codes or sources changed."""
    state = _state(project)
    with _engines_lock:
        cached = _engines.get(project.location)
        if cached is not None and cached[0] == state:
            return cached[1]
    engine = build_engine(project)
    with _engines_lock:
        _engines[project.location] = (state, engine)
    return engine


def _state(project: Project) -> str:
    digest = hashlib.sha256()
    info = stored_info(project)
    digest.update(str(info.get("fingerprint") if info else None).encode())
    digest.update(str(project.queries.counts()["sources"]).encode())
    for code in project.queries.codes():
        fields = (code.key, code.is_theme, code.label, code.description)
        digest.update(repr((*fields, code.include, code.keywords, code.examples)).encode())
    return digest.hexdigest()


# -- passages of a project --------------------------------------------------------------------


def source_turns(project: Project, source_ref: str) -> SourceTurns:
    name = project.queries.source(source_ref).name
    return all_source_turns(project, [name])[0]


def selection(project: Project, source_ref: str, start: int, end: int) -> Passage:
    turns = source_turns(project, source_ref)
    if not 0 <= start < end <= len(turns.text):
        raise ProjectError(
            f"range [{start}, {end}) is not a passage of {turns.name} "
            f"(text has {len(turns.text)} characters; start must be < end)"
        )
    return turns.passage(start, end)


def turn(project: Project, source_ref: str, seq: int) -> Passage:
    turns = source_turns(project, source_ref)
    for passage in turns.turn_passages():
        if passage.turn == seq:
            return passage
    raise ProjectError(
        f"{turns.name} has no respondent turn {seq} (`qvs suggest --source {turns.name}` "
        "lists them)"
    )


def source_units(project: Project, source_ref: str, unit: Unit = "turn") -> list[Passage]:
    """Every respondent turn of a source, or every sentence of them."""
    turns = list(source_turns(project, source_ref).turn_passages())
    if unit == "turn":
        return turns
    nlp = load_pipeline(project.queries.info().language)
    sentences = []
    for passage, doc in zip(turns, nlp.pipe(p.text for p in turns), strict=True):
        for sentence in doc.sents:
            raw = sentence.text
            text = raw.strip()
            if not text:
                continue
            start = passage.start + sentence.start_char + len(raw) - len(raw.lstrip())
            end = start + len(text)
            sentences.append(
                Passage(text, passage.context, passage.source, start, end, passage.turn)
            )
    return sentences
