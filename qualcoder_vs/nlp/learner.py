"""Learning from the researcher's own coding, kept in the project so the whole team shares it.

Coded passages are positives for their codes; respondent turns without any coding and
rejected suggestions are negatives (a rejection only for the code that was rejected);
interviewer turns are left out. Two things are learned: the bags of lemmas that extend each
code's profile (see ``scoring``) and a small spaCy ``textcat_multilabel`` classifier. Both go
into one ``StoredModel`` row together with a fingerprint of the codings and feedback they were
made from, so :func:`ensure_trained` can tell, cheaply, whether they are out of date.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import srsly

from qualcoder_vs.core.project import Project
from qualcoder_vs.core.text import shorten
from qualcoder_vs.nlp.classifier import Classifier, TrainingExample
from qualcoder_vs.nlp.codebook_matcher import CodeProfile
from qualcoder_vs.nlp.errors import NlpError
from qualcoder_vs.nlp.features import Featurizer
from qualcoder_vs.nlp.passages import Passage, ProjectPassages, project_passages
from qualcoder_vs.nlp.pipeline import load_pipeline
from qualcoder_vs.nlp.scoring import CodedExample, Learned, with_question

MODEL_NAME = "suggestions"
FORMAT = 1
QUOTE = 200

_training = threading.Lock()


@dataclass(frozen=True, slots=True)
class TrainingReport:
    """What a model learned from; ``qvs train`` prints it and the TUI can show it."""

    codings: int
    passages: int
    codes: int
    negatives: int
    rejections: int
    epochs: int
    seconds: float
    trained: datetime
    fingerprint: str

    def as_info(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "codings": self.codings,
            "passages": self.passages,
            "codes": self.codes,
            "negatives": self.negatives,
            "rejections": self.rejections,
            "epochs": self.epochs,
            "seconds": round(self.seconds, 3),
            "trained": self.trained.isoformat(),
            "fingerprint": self.fingerprint,
        }


@dataclass(slots=True)
class Model:
    """A trained model as it lives in memory: what scoring uses, and how to store it."""

    learned: Learned
    classifier: Classifier
    info: dict[str, Any]


class BagCache:
    """Bags of lemmas of texts, each analysed once: questions recur across many passages."""

    def __init__(self, featurizer: Featurizer) -> None:
        self.featurizer = featurizer
        self._bags: dict[str, Counter[str]] = {}

    def bags(self, texts: Iterable[str]) -> list[Counter[str]]:
        texts = list(texts)
        missing = list(dict.fromkeys(t for t in texts if t not in self._bags))
        nlp = self.featurizer.nlp
        for text, doc in zip(missing, nlp.pipe(missing, batch_size=64), strict=True):
            self._bags[text] = self.featurizer.bag(self.featurizer.terms(doc))
        return [self._bags[t] for t in texts]

    def passage_bags(self, passages: Sequence[Passage]) -> list[tuple[Counter[str], Counter[str]]]:
        own = self.bags(p.text for p in passages)
        questions = self.bags(p.context for p in passages)
        return list(zip(own, questions, strict=True))


def fingerprint(project: Project) -> str:
    """Changes whenever a coding, a rejection, the codebook's codes or the language change."""
    return project.queries.coding_state()


def code_profiles(project: Project) -> list[CodeProfile]:
    """Codes (not themes) in codebook order; themes are headings, never suggested."""
    return [CodeProfile.of(code) for code in project.queries.code_tree().leaves()]


def train_model(
    featurizer: Featurizer,
    profiles: Sequence[CodeProfile],
    data: ProjectPassages,
    *,
    cache: BagCache | None = None,
    fingerprint_value: str = "",
) -> Model:
    """Learn from ``data`` (all of a project, or the training folds of an evaluation)."""
    started = time.perf_counter()
    cache = cache or BagCache(featurizer)
    keys = [p.key for p in profiles]
    known = set(keys)
    coded = [c for c in data.coded if c.codes & known]
    rejections = [r for r in data.rejections if r.code in known]
    coded_bags = cache.passage_bags([c.passage for c in coded])
    negative_bags = cache.passage_bags(data.uncoded_turns)
    rejected_bags = cache.passage_bags([r.passage for r in rejections])

    learned = Learned()
    for item, (own, question) in zip(coded, coded_bags, strict=True):
        bag = with_question(own, question)
        for code in item.codes & known:
            learned.positives.setdefault(code, Counter()).update(bag)
            learned.counts[code] = learned.counts.get(code, 0) + 1
        learned.examples.append(
            CodedExample(
                tuple(sorted(item.codes & known)),
                item.passage.source,
                shorten(item.passage.text, QUOTE),
                dict(own),
            )
        )
    for rejection, (own, question) in zip(rejections, rejected_bags, strict=True):
        learned.rejected.setdefault(rejection.code, Counter()).update(with_question(own, question))

    examples = [
        TrainingExample(own, question, {k: float(k in item.codes) for k in keys})
        for item, (own, question) in zip(coded, coded_bags, strict=True)
    ]
    examples += [
        TrainingExample(own, question, dict.fromkeys(keys, 0.0)) for own, question in negative_bags
    ]
    examples += [
        TrainingExample(own, question, {r.code: 0.0})
        for r, (own, question) in zip(rejections, rejected_bags, strict=True)
    ]
    examples += [
        TrainingExample(bag, Counter(), {k: float(k == p.key) for k in keys})
        for p in profiles
        for _, bag in _example_bags(featurizer, p)
    ]
    classifier = Classifier(keys)
    epochs = classifier.train(examples)
    learned.classify = classifier
    report = TrainingReport(
        codings=sum(len(c.codes & known) for c in coded),
        passages=len(coded),
        codes=len(learned.counts),
        negatives=len(negative_bags),
        rejections=len(rejections),
        epochs=epochs,
        seconds=time.perf_counter() - started,
        trained=datetime.now(UTC),
        fingerprint=fingerprint_value,
    )
    return Model(learned, classifier, report.as_info())


def _example_bags(featurizer: Featurizer, profile: CodeProfile) -> list[tuple[str, Counter[str]]]:
    return [(text, featurizer.text_bag(text)) for text in profile.examples]


def train(project: Project) -> TrainingReport:
    """Train on everything the project holds now and store the result in it."""
    with _training:
        value = fingerprint(project)
        info = project.queries.info()
        profiles = code_profiles(project)
        if not profiles:
            raise NlpError("the project has no codes to learn; load a codebook first")
        data = project_passages(project)
        if not data.coded:
            raise NlpError("nothing to learn from yet: code a few passages first")
        featurizer = Featurizer(load_pipeline(info.language))
        model = train_model(featurizer, profiles, data, fingerprint_value=value)
        save_model(project, model)
        return report_of(model.info)


def ensure_trained(project: Project) -> TrainingReport | None:
    """Retrain when codings or feedback changed since the stored model; None when it is
    current or there is nothing to learn. Safe to call from a worker thread."""
    stored = stored_info(project)
    value = fingerprint(project)
    if stored is not None and stored.get("fingerprint") == value:
        return None
    if not project.queries.counts()["codings"]:
        return None
    return train(project)


def report_of(info: dict[str, Any]) -> TrainingReport:
    return TrainingReport(
        codings=int(info["codings"]),
        passages=int(info["passages"]),
        codes=int(info["codes"]),
        negatives=int(info["negatives"]),
        rejections=int(info["rejections"]),
        epochs=int(info["epochs"]),
        seconds=float(info["seconds"]),
        trained=datetime.fromisoformat(info["trained"]),
        fingerprint=str(info["fingerprint"]),
    )


# -- storage ----------------------------------------------------------------------------------


def save_model(project: Project, model: Model) -> None:
    """Store outside the undo log: a model is derived data, rebuilt from codings at will."""
    learned = model.learned
    data = srsly.msgpack_dumps(
        {
            "format": FORMAT,
            "textcat": model.classifier.to_bytes(),
            "positives": {k: dict(v) for k, v in learned.positives.items()},
            "rejected": {k: dict(v) for k, v in learned.rejected.items()},
            "counts": learned.counts,
            "examples": [[list(e.codes), e.source, e.quote, dict(e.bag)] for e in learned.examples],
        }
    )
    project.learning.save_model(model_name(project), data, model.info)


def model_name(project: Project) -> str:
    """While blind each coder's model learns from their own codings only, so it is their own."""
    viewer = project.queries.blind_viewer()
    return MODEL_NAME if viewer is None else f"{MODEL_NAME}@{viewer}"


def stored_info(project: Project) -> dict[str, Any] | None:
    return project.queries.stored_model_info(model_name(project))


def load_model(project: Project) -> Model | None:
    stored = project.queries.stored_model(model_name(project))
    if stored is None:
        return None
    data, info = stored.data, dict(stored.info)
    try:
        content = srsly.msgpack_loads(data)
        if content.get("format") != FORMAT:
            return None
        classifier = Classifier.from_bytes(content["textcat"])
    except (ValueError, KeyError, TypeError):
        raise NlpError(
            f"{project.location}: the stored suggestion model is damaged; run `qvs train`"
        ) from None
    learned = Learned(
        positives={k: Counter(v) for k, v in content["positives"].items()},
        rejected={k: Counter(v) for k, v in content["rejected"].items()},
        counts={k: int(v) for k, v in content["counts"].items()},
        examples=[
            CodedExample(tuple(codes), source, quote, bag)
            for codes, source, quote, bag in content["examples"]
        ],
        classify=classifier,
    )
    return Model(learned, classifier, info)
