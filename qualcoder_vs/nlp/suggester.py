"""The suggestion engine behind the TUI panel and ``qvs suggest``.

It works on passages (free text, a selection, a sentence or a whole respondent turn), scores
every code with :mod:`scoring` and keeps those that pass the threshold, best first, each with
its evidence. :func:`suggester_for` hands out one engine per project state, built once and
reused until codings, codes or sources change.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc

from qualcoder_vs.core.errors import ProjectError
from qualcoder_vs.core.project import Project
from qualcoder_vs.core.queries.suggestions import Said
from qualcoder_vs.nlp.analysis import Analyser
from qualcoder_vs.nlp.codebook_matcher import CodebookMatcher, CodeProfile
from qualcoder_vs.nlp.components import codebook_of, model_pipeline, scorer_of
from qualcoder_vs.nlp.errors import NlpError
from qualcoder_vs.nlp.features import Featurizer
from qualcoder_vs.nlp.interface import Suggestion
from qualcoder_vs.nlp.learner import Model, code_profiles, load_model, stored_info
from qualcoder_vs.nlp.passages import Passage, SourceTurns, all_source_turns
from qualcoder_vs.nlp.pipeline import load_pipeline
from qualcoder_vs.nlp.scoring import Codebook, CodeScore, Scorer
from qualcoder_vs.nlp.vectors import Space, WordWeights

DEFAULT_TOP = 5
# A rejection holds for a passage that shares at least this much of either range with it.
REJECTION_OVERLAP = 0.5
Unit = Literal["turn", "sentence"]


class SuggestionEngine:
    """Implements :class:`qualcoder_vs.nlp.interface.Suggester`.

    ``rank_many`` scores every code (evaluation reads it); the ``suggest`` methods show what
    passes the threshold, leaving out codes the researcher already applied to the passage or
    rejected for it."""

    def __init__(
        self,
        base: Groundwork,
        model: Model | None = None,
        *,
        project: Project | None = None,
    ) -> None:
        self.base = base
        self.featurizer = base.featurizer
        self.project = project
        learned = model.learned if model is not None else None
        if learned is not None:
            space = Space(learned.vocabulary, base.weights)
        else:
            space = Space.of(base.matcher.code_bags.values(), base.weights)
        self.scorer = Scorer(base.matcher, space, learned)
        self.threshold = self.scorer.threshold
        self.model_info = model.info if model is not None else None
        self._lock = threading.Lock()
        self._loaded: set[str] = set()

    @property
    def learned(self) -> bool:
        return self.model_info is not None

    def rank_docs(self, passages: Sequence[Passage], docs: Sequence[Doc]) -> list[list[CodeScore]]:
        """Like ``rank_many`` for passages already parsed by the analysing pipeline."""
        self.base.analyser.remember([p.text for p in passages], docs)
        return self.rank_many(passages)

    def rank_many(
        self, passages: Sequence[Passage], *, explain: bool = True
    ) -> list[list[CodeScore]]:
        """Every code's score for each passage, best first: evaluation reads these.
        ``explain=False`` leaves the evidence out (autocode needs only scores)."""
        with self._lock:
            if self.project is not None:
                wanted = {p.source for p in passages if p.source} - self._loaded
                if wanted:
                    self.base.preload(self.project, wanted)
                    self._loaded |= wanted
            analysed = self.base.analyser.analyse(passages)
            return self.scorer.scores_many(analysed, explain=explain)

    def units(self, names: Sequence[str] | None = None, unit: Unit = "turn") -> list[Passage]:
        """Every respondent turn (or sentence of one) of these sources of the project (all
        when None), read in one go with their stored analyses: a corpus pass."""
        if self.project is None:
            raise NlpError("this suggester has no project")
        turns = all_source_turns(self.project, names)
        with self._lock:
            self.base.preload(self.project, turns=turns)
            self._loaded |= {t.name for t in turns}
        passages = [p for t in turns for p in t.turn_passages()]
        if unit == "turn":
            return passages
        return sentences_of(passages, self.base.analyser.docs([p.text for p in passages]))

    def suggestions(
        self, scores: Sequence[CodeScore], top: int, excluded: frozenset[str] = frozenset()
    ) -> list[Suggestion]:
        shown = [s for s in scores if s.score >= self.threshold and s.code not in excluded]
        return [Suggestion(s.code, round(s.score, 4), s.evidence) for s in shown[: max(top, 0)]]

    def shown_codes(self, scores: Sequence[CodeScore], top: int) -> list[str]:
        """The codes a researcher is shown for these scores, best first."""
        return [s.code for s in self.suggestions(scores, top)]

    def said(self, passages: Sequence[Passage]) -> Said:
        if self.project is None:
            return Said()
        return self.project.queries.said_about({p.source for p in passages if p.source})

    def suggest_many(
        self, passages: Sequence[Passage], *, top: int = DEFAULT_TOP
    ) -> list[list[Suggestion]]:
        said = self.said(passages)
        return [
            self.suggestions(scores, top, excluded_codes(said, passage))
            for passage, scores in zip(passages, self.rank_many(passages), strict=True)
        ]

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


def excluded_codes(said: Said, passage: Passage) -> frozenset[str]:
    """Codes applied to (any part of) the passage, and codes rejected for it."""
    if not passage.source:
        return frozenset(said.rejected_texts.get(passage.text, ()))
    a, b = passage.start, passage.end
    found = {code for s, e, code in said.applied.get(passage.source, ()) if s < b and a < e}
    for s, e, code in said.rejected.get(passage.source, ()):
        shared = min(b, e) - max(a, s)
        if shared > 0 and shared >= REJECTION_OVERLAP * min(b - a, e - s):
            found.add(code)
    return frozenset(found)


# -- building engines -------------------------------------------------------------------------


@dataclass(slots=True)
class Groundwork:
    """What every engine of a project shares: the pipeline, the codebook's matcher, word
    weights and the analyser that parses each text once. Evaluation builds one per run and an
    engine per fold on it."""

    featurizer: Featurizer
    matcher: CodebookMatcher
    weights: WordWeights
    analyser: Analyser

    def codebook(self, space: Space) -> Codebook:
        return Codebook(self.matcher, space)

    def preload(
        self,
        project: Project,
        names: set[str] | None = None,
        *,
        turns: Sequence[SourceTurns] | None = None,
    ) -> int:
        """Read the stored analyses of these sources (all when None; or of ``turns``, read
        already), analysing and storing the missing or stale ones; returns how many were
        analysed anew."""
        from qualcoder_vs.nlp.stored import load_analyses

        if turns is None:
            turns = all_source_turns(project, names)
        return load_analyses(project, self.analyser, turns)

    def engine(self, model: Model | None, project: Project | None = None) -> SuggestionEngine:
        return SuggestionEngine(self, model, project=project)


def groundwork(project: Project, *, profiles: Sequence[CodeProfile] | None = None) -> Groundwork:
    profiles = list(profiles) if profiles is not None else code_profiles(project)
    if not profiles:
        raise NlpError("the project has no codes; load a codebook first (qvs codebook load)")
    return groundwork_for(profiles, project.queries.info().language)


def groundwork_for(
    profiles: Sequence[CodeProfile], lang: str, *, matcher: CodebookMatcher | None = None
) -> Groundwork:
    nlp = load_pipeline(lang)
    featurizer = Featurizer(nlp)
    matcher = matcher or codebook_of(model_pipeline(profiles, lang)).matcher
    return Groundwork(featurizer, matcher, matcher.weights, Analyser(featurizer))


def engine_for_model(nlp: Language) -> SuggestionEngine:
    """An engine over a model pipeline's components: its codebook and learned model."""
    codebook = codebook_of(nlp)
    learned = scorer_of(nlp).model
    base = groundwork_for(codebook.profiles, codebook.lang, matcher=codebook.matcher)
    model = None
    if learned is not None:
        model = Model(learned, learned.info, codebook.profiles, codebook.lang, codebook.matcher)
    return SuggestionEngine(base, model)


def build_engine(project: Project, *, learned: bool = True) -> SuggestionEngine:
    """The codebook and, unless ``learned`` is False, the stored model."""
    return groundwork(project).engine(load_model(project) if learned else None, project)


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
    return sentences_of(turns, list(nlp.pipe(p.text for p in turns)))


def sentences_of(turns: Sequence[Passage], docs: Sequence[Doc]) -> list[Passage]:
    """The sentences of these turns (``docs``: the turns parsed), as passages of the source."""
    sentences = []
    for passage, doc in zip(turns, docs, strict=True):
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
