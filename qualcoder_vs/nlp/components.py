"""The suggestion model as spaCy builds things: two registered pipeline components.

* ``qvs_codebook`` holds the codebook's codes (label, description, criteria, keywords,
  examples) and matches them (``PhraseMatcher``/``Matcher`` on the analysing pipeline's
  lemmas);
* ``qvs_scorer`` holds what training learned (``learner.LearnedModel``) and writes each code's
  score into ``doc.cats``.

Both are set up through ``initialize`` and serialised with ``to_bytes``/``from_bytes``, so
the project stores ``nlp.to_bytes()`` of the model pipeline as its model and reads it back
with ``from_bytes``. The model pipeline runs on docs of the analysing pipeline
(``pipeline.load_pipeline``): ``model(analysing(text)).cats``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from qualcoder_vs.nlp.codebook_matcher import CodebookMatcher, CodeProfile
from qualcoder_vs.nlp.passages import Passage

CODEBOOK = "qvs_codebook"
SCORER = "qvs_scorer"
EXCLUDE = ("vocab", "tokenizer")


@Language.factory(CODEBOOK)
def make_codebook(nlp: Language, name: str) -> CodebookComponent:
    return CodebookComponent(name)


@Language.factory(SCORER)
def make_scorer(nlp: Language, name: str) -> ScorerComponent:
    return ScorerComponent(nlp, name)


class CodebookComponent:
    """The codebook and its matcher; ``initialize(profiles=..., lang=...)`` builds it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lang = ""
        self.profiles: list[CodeProfile] = []
        self._matcher: CodebookMatcher | None = None

    @property
    def matcher(self) -> CodebookMatcher:
        """Built on first use: a stored model read back only for its learned part never
        pays for matching patterns."""
        if self._matcher is None:
            from qualcoder_vs.nlp.pipeline import load_pipeline

            self._matcher = CodebookMatcher(load_pipeline(self.lang), self.profiles)
        return self._matcher

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        profiles: Sequence[CodeProfile] = (),
        lang: str = "nl",
    ) -> None:
        self.lang = lang
        self.profiles = list(profiles)
        self._matcher = None

    def __call__(self, doc: Doc) -> Doc:
        return doc

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        fields = ("key", "label", "description", "include", "keywords", "examples")
        profiles = [{f: getattr(p, f) for f in fields} for p in self.profiles]
        return srsly.msgpack_dumps({"lang": self.lang, "profiles": profiles})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> CodebookComponent:
        content = srsly.msgpack_loads(data)
        self.lang = content["lang"]
        self.profiles = [
            CodeProfile(
                key=p["key"],
                label=p["label"],
                description=p["description"],
                include=tuple(p["include"]),
                keywords=tuple(p["keywords"]),
                examples=tuple(p["examples"]),
            )
            for p in content["profiles"]
        ]
        self._matcher = None
        return self


class ScorerComponent:
    """Cold start plus what was learned; ``initialize(model=...)`` sets the learned part
    (None: cold start only). Scores of a doc (as free text, without its question) go into
    ``doc.cats``; the engine scores batches of passages with their questions directly."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name
        self.model: Any = None
        self.engine: Any = None

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        model: Any = None,
    ) -> None:
        self.model = model
        self.engine = None

    def __call__(self, doc: Doc) -> Doc:
        from qualcoder_vs.nlp.suggester import engine_for_model

        if self.engine is None:
            self.engine = engine_for_model(self.nlp)
        [scores] = self.engine.rank_docs([Passage(doc.text)], [doc])
        doc.cats = {s.code: s.score for s in scores}
        return doc

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return b"" if self.model is None else self.model.to_bytes()

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> ScorerComponent:
        from qualcoder_vs.nlp.learner import LearnedModel

        self.model = LearnedModel.from_bytes(data) if data else None
        self.engine = None
        return self


def model_pipeline(
    profiles: Sequence[CodeProfile],
    lang: str,
    model: Any = None,
    *,
    matcher: CodebookMatcher | None = None,
) -> Language:
    """A model pipeline, initialised with the codebook and (optionally) a learned model;
    ``matcher``: one already built for these profiles, to reuse."""
    nlp = Language(Vocab())
    codebook = nlp.add_pipe(CODEBOOK)
    assert isinstance(codebook, CodebookComponent)
    if matcher is not None:
        codebook.lang, codebook.profiles, codebook._matcher = lang, list(profiles), matcher
    else:
        codebook.initialize(profiles=profiles, lang=lang)
    nlp.add_pipe(SCORER).initialize(model=model)
    return nlp


def model_to_bytes(nlp: Language) -> bytes:
    return nlp.to_bytes(exclude=EXCLUDE)


def model_from_bytes(data: bytes) -> Language:
    nlp = Language(Vocab())
    nlp.add_pipe(CODEBOOK)
    nlp.add_pipe(SCORER)
    return nlp.from_bytes(data, exclude=EXCLUDE)


def codebook_of(nlp: Language) -> CodebookComponent:
    component = nlp.get_pipe(CODEBOOK)
    assert isinstance(component, CodebookComponent)
    return component


def scorer_of(nlp: Language) -> ScorerComponent:
    component = nlp.get_pipe(SCORER)
    assert isinstance(component, ScorerComponent)
    return component
