"""Learning from the researcher's own coding, kept in the project so the whole team shares it.

Coded passages are positives for their codes and negatives for the others; respondent turns
without any coding in interviews the researcher has started coding, and rejected suggestions
(only for the code that was rejected), are negatives; interviewer turns are left out. What is
learned, computed once here and never at suggestion time:

* a centroid per code and up to ``PROTOTYPES`` of its most typical coded passages (to point at
  as evidence), as sparse rows;
* a linear classifier per code (logistic regression on the sparse vectors, scikit-learn);
* a calibrator: on held-out folds of the codings (by interview), a logistic regression turns
  the cold-start logit, the classifier's logit and the centroid resemblance into a
  probability, and the threshold that shows codes is fitted there too. A code with few
  codings leans on its cold-start logit (the learned parts are scaled by n / (n + ``HALF``)).

The result goes into one ``StoredModel`` row with a fingerprint of the codings and feedback it
was made from, so :func:`ensure_trained` can tell, cheaply, whether it is out of date.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import srsly
from scipy import sparse
from spacy.language import Language

from qualcoder_vs.core.project import Project
from qualcoder_vs.nlp.codebook_matcher import CodebookMatcher, CodeProfile
from qualcoder_vs.nlp.components import (
    codebook_of,
    model_from_bytes,
    model_pipeline,
    model_to_bytes,
    scorer_of,
)
from qualcoder_vs.nlp.errors import NlpError
from qualcoder_vs.nlp.passages import ProjectPassages, project_passages
from qualcoder_vs.nlp.scoring import (
    TOP_SHOWN,
    ColdFeatures,
    LearnedScores,
    sigmoid,
)
from qualcoder_vs.nlp.vectors import Space, normalised

if TYPE_CHECKING:
    from qualcoder_vs.nlp.suggester import Groundwork

MODEL_NAME = "suggestions"
FORMAT = 3
QUOTE = 200
HALF = 5.0
FOLDS = 5
PROTOTYPES = 20
MAX_NEGATIVES = 4000
MAX_FOLD_ROWS = 6000
REGULARISATION = 4.0
# Rocchio's rule: a code's resemblance is to its coded passages minus this much of the
# resemblance to passages where it was rejected.
REJECTED_WEIGHT = 0.5
QUIET_TARGET = 0.62
THRESHOLDS = np.linspace(0.1, 0.8, 29)
# Until the codings say otherwise, learning only adds: the cold logit as it is, plus the
# resemblance to the code's coded passages beyond what the uncoded turns of the same interviews
# show (never negative), at the cold threshold.
DEFAULT_CALIBRATION = (1.0, 0.0, 2.0, 0.0, 0.0)
DEFAULT_THRESHOLD = 0.5
MIN_FITTED = 40
SEED = 0
Progress = Callable[[str], None]
"""Called with the name of each stage of training as it starts (``TRAINING_STAGES`` in all)."""
TRAINING_STAGES = 3

_training = threading.Lock()


@dataclass(frozen=True, slots=True)
class TrainingReport:
    """What a model learned from; ``qvs train`` prints it and the TUI can show it."""

    codings: int
    passages: int
    codes: int
    negatives: int
    rejections: int
    folds: int
    threshold: float
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
            "folds": self.folds,
            "threshold": round(self.threshold, 4),
            "seconds": round(self.seconds, 3),
            "trained": self.trained.isoformat(),
            "fingerprint": self.fingerprint,
        }


@dataclass(frozen=True, slots=True)
class Prototype:
    """A coded passage the model points at as evidence."""

    code: str
    source: str
    start: int
    end: int
    quote: str


@dataclass(slots=True)
class LearnedModel:
    """What training computed, as arrays; scoring a passage is a few sparse products."""

    vocabulary: list[str]
    codes: list[str]
    counts: np.ndarray
    evidence: np.ndarray
    centroids: sparse.csr_matrix
    rejected: sparse.csr_matrix
    weights: np.ndarray
    bias: np.ndarray
    prototypes: sparse.csr_matrix
    prototype_code: np.ndarray
    prototype_info: list[Prototype]
    calibration: np.ndarray
    threshold: float
    gate_weights: np.ndarray
    gate_bias: float
    offsets: np.ndarray
    info: dict[str, Any] = field(default_factory=dict)

    def count(self, code: str) -> int:
        return int(self.counts[self.codes.index(code)]) if code in self.codes else 0

    def count_map(self) -> dict[str, int]:
        return {c: int(n) for c, n in zip(self.codes, self.counts, strict=True) if n}

    def prototype(self, at: int) -> Prototype:
        return self.prototype_info[at]

    def scores(self, cold: ColdFeatures, z0: np.ndarray, codes: Sequence[str]) -> LearnedScores:
        """``cold.rows`` must be vectors over this model's vocabulary."""
        rows = cold.rows
        n = rows.shape[0]
        at = {c: i for i, c in enumerate(self.codes)}
        mine = np.array([at.get(c, -1) for c in codes])
        known = mine >= 0
        take = np.where(known, mine, 0)
        logits = np.asarray(rows @ self.weights.T) + self.bias[None, :]
        centroid = (rows @ self.centroids.T).toarray()
        centroid -= REJECTED_WEIGHT * (rows @ self.rejected.T).toarray()
        seen = self.evidence[take]
        shrink = np.where(known, seen / (seen + HALF), 0.0)
        classifier = np.where(known[None, :], logits[:, take], 0.0)
        beyond = np.maximum(centroid[:, take] - self.offsets[take][None, :], 0.0)
        resemblance = np.where(known[None, :], beyond, 0.0)
        gate = np.asarray(rows @ self.gate_weights).ravel() + self.gate_bias
        probability = calibrated(self.calibration, z0, classifier, resemblance, shrink, gate)
        prototype = np.zeros((n, len(codes)))
        prototype_at = np.full((n, len(codes)), -1, dtype=np.int64)
        if self.prototypes.shape[0]:
            sims = (rows @ self.prototypes.T).toarray()
            for j, m in enumerate(mine):
                chosen = np.flatnonzero(self.prototype_code == m) if m >= 0 else []
                if len(chosen):
                    best = sims[:, chosen].argmax(axis=1)
                    prototype[:, j] = sims[np.arange(n), chosen[best]]
                    prototype_at[:, j] = chosen[best]
        return LearnedScores(probability, sigmoid(classifier) * shrink, prototype, prototype_at)

    def to_bytes(self) -> bytes:
        def csr(m: sparse.csr_matrix) -> dict[str, Any]:
            return {
                "shape": list(m.shape),
                "data": m.data.astype(np.float32).tobytes(),
                "indices": m.indices.astype(np.int32).tobytes(),
                "indptr": m.indptr.astype(np.int64).tobytes(),
            }

        return srsly.msgpack_dumps(
            {
                "format": FORMAT,
                "vocabulary": self.vocabulary,
                "codes": self.codes,
                "counts": self.counts.astype(np.int64).tolist(),
                "evidence": self.evidence.astype(np.int64).tolist(),
                "centroids": csr(self.centroids),
                "rejected": csr(self.rejected),
                "weights": self.weights.astype(np.float32).tobytes(),
                "bias": self.bias.astype(np.float64).tolist(),
                "prototypes": csr(self.prototypes),
                "prototype_code": self.prototype_code.astype(np.int64).tolist(),
                "prototype_info": [
                    [p.code, p.source, p.start, p.end, p.quote] for p in self.prototype_info
                ],
                "calibration": self.calibration.astype(np.float64).tolist(),
                "threshold": self.threshold,
                "gate_weights": self.gate_weights.astype(np.float32).tobytes(),
                "gate_bias": float(self.gate_bias),
                "offsets": self.offsets.astype(np.float64).tolist(),
                "info": self.info,
            }
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> LearnedModel:
        content = srsly.msgpack_loads(data)
        if content.get("format") != FORMAT:
            raise ValueError("unknown model format")

        def csr(d: dict[str, Any]) -> sparse.csr_matrix:
            return sparse.csr_matrix(
                (
                    np.frombuffer(d["data"], dtype=np.float32),
                    np.frombuffer(d["indices"], dtype=np.int32),
                    np.frombuffer(d["indptr"], dtype=np.int64),
                ),
                shape=tuple(d["shape"]),
            )

        codes = list(content["codes"])
        vocabulary = list(content["vocabulary"])
        weights = np.frombuffer(content["weights"], dtype=np.float32)
        return cls(
            vocabulary=vocabulary,
            codes=codes,
            counts=np.array(content["counts"], dtype=np.float64),
            evidence=np.array(content["evidence"], dtype=np.float64),
            centroids=csr(content["centroids"]),
            rejected=csr(content["rejected"]),
            weights=weights.reshape(len(codes), len(vocabulary)),
            bias=np.array(content["bias"], dtype=np.float64),
            prototypes=csr(content["prototypes"]),
            prototype_code=np.array(content["prototype_code"], dtype=np.int64),
            prototype_info=[Prototype(*p) for p in content["prototype_info"]],
            calibration=np.array(content["calibration"], dtype=np.float64),
            threshold=float(content["threshold"]),
            gate_weights=np.frombuffer(content["gate_weights"], dtype=np.float32),
            gate_bias=float(content["gate_bias"]),
            offsets=np.array(content["offsets"], dtype=np.float64),
            info=dict(content["info"]),
        )


def calibrated(
    calibration: np.ndarray,
    z0: np.ndarray,
    classifier: np.ndarray,
    resemblance: np.ndarray,
    shrink: np.ndarray,
    gate: np.ndarray,
) -> np.ndarray:
    """``shrink``: per code (or per passage and code); ``gate``: per passage, the logit of
    "a researcher codes this passage at all" (coded passages against uncoded turns)."""
    a_cold, a_classifier, a_resemblance, a_gate, intercept = calibration
    z = (
        a_cold * z0
        + shrink * (a_classifier * classifier + a_resemblance * resemblance)
        + a_gate * gate[:, None]
        + intercept
    )
    return sigmoid(z)


def fingerprint(project: Project) -> str:
    """Changes whenever a coding, a rejection, the codebook's codes or the language change."""
    return project.queries.coding_state()


def code_profiles(project: Project) -> list[CodeProfile]:
    """Codes (not themes) in codebook order; themes are headings, never suggested."""
    return [CodeProfile.of(code) for code in project.queries.code_tree().leaves()]


@dataclass(slots=True)
class _Rows:
    """The training passages as matrices: vectors, labels (1, 0, or unknown: nan), groups."""

    vectors: sparse.csr_matrix
    labels: np.ndarray
    groups: np.ndarray
    z0: np.ndarray
    coded: np.ndarray
    rejected: np.ndarray


def _spread(items: list[Any], size: int) -> list[Any]:
    if len(items) <= size:
        return items
    step = len(items) / size
    return [items[int(i * step)] for i in range(size)]


def train_model(
    base: Groundwork,
    data: ProjectPassages,
    *,
    fingerprint_value: str = "",
    progress: Progress | None = None,
) -> Model:
    """Learn from ``data`` (all of a project, or the training folds of an evaluation)."""
    started = time.perf_counter()
    say = progress or (lambda _: None)
    codes = [p.key for p in base.matcher.profiles]
    known = set(codes)
    column = {c: j for j, c in enumerate(codes)}
    coded = [c for c in data.coded if c.codes & known]
    rejections = [r for r in data.rejections if r.code in known]
    started_sources = {c.passage.source for c in coded}
    negatives = _spread(
        [p for p in data.uncoded_turns if p.source in started_sources], MAX_NEGATIVES
    )
    passages = [c.passage for c in coded] + negatives + [r.passage for r in rejections]
    say(f"analysing {len(passages)} passages")
    analysed = base.analyser.analyse(passages)
    bags = [a.bag for a in analysed]
    space = Space.of([*bags, *base.matcher.code_bags.values()], base.weights)
    codebook = base.codebook(space)
    cold = codebook.features(analysed)
    z0 = cold.logit(codebook.describable)

    labels = np.full((len(passages), len(codes)), np.nan)
    for i, item in enumerate(coded):
        labels[i, :] = 0.0
        for code in item.codes & known:
            labels[i, column[code]] = 1.0
    labels[len(coded) : len(coded) + len(negatives), :] = 0.0
    for k, rejection in enumerate(rejections):
        labels[len(coded) + len(negatives) + k, column[rejection.code]] = 0.0
    sources = sorted({p.source for p in passages})
    group_of = {s: i for i, s in enumerate(sources)}
    groups = np.array([group_of[p.source] for p in passages])
    is_coded = np.zeros(len(passages), dtype=bool)
    is_coded[: len(coded)] = True
    rejected = np.zeros(labels.shape, dtype=bool)
    for k, rejection in enumerate(rejections):
        rejected[len(coded) + len(negatives) + k, column[rejection.code]] = True
    rows = _Rows(cold.rows, labels, groups, z0, is_coded, rejected)

    say("calibrating on held-out interviews")
    calibration, threshold, folds = _calibrate(rows, len(coded))
    say("training the classifier")
    fitted = _fit(rows.vectors, rows.labels, rows.rejected, rows.coded)
    counts = np.nansum(labels[: len(coded)], axis=0)
    prototypes, prototype_code, prototype_info = _prototypes(
        rows.vectors[: len(coded)], labels[: len(coded)], fitted[0], coded, codes
    )
    model = LearnedModel(
        vocabulary=space.vocabulary,
        codes=codes,
        counts=counts,
        evidence=counts + rejected.sum(axis=0),
        centroids=fitted[0],
        rejected=fitted[1],
        weights=fitted[2],
        bias=fitted[3],
        prototypes=prototypes,
        prototype_code=prototype_code,
        prototype_info=prototype_info,
        calibration=calibration,
        threshold=threshold,
        gate_weights=fitted[4],
        gate_bias=fitted[5],
        offsets=fitted[6],
    )
    report = TrainingReport(
        codings=sum(len(c.codes & known) for c in coded),
        passages=len(coded),
        codes=int((counts > 0).sum()),
        negatives=len(negatives),
        rejections=len(rejections),
        folds=folds,
        threshold=threshold,
        seconds=time.perf_counter() - started,
        trained=datetime.now(UTC),
        fingerprint=fingerprint_value,
    )
    model.info = report.as_info()
    lang = base.featurizer.nlp.lang
    return Model(model, model.info, list(base.matcher.profiles), lang, base.matcher)


Fitted = tuple[
    sparse.csr_matrix, sparse.csr_matrix, np.ndarray, np.ndarray, np.ndarray, float, np.ndarray
]
# How much of a code's resemblance the uncoded turns already show: this quantile of theirs.
OFFSET_QUANTILE = 0.75


def _fit(
    vectors: sparse.csr_matrix, labels: np.ndarray, rejected: np.ndarray, coded: np.ndarray
) -> Fitted:
    """Centroids of the positives and of the rejections, a logistic regression per code, the
    gate (a logistic regression of coded passages against uncoded turns) and, per code, how
    much the uncoded turns resemble its coded passages."""
    from sklearn.linear_model import LogisticRegression

    n_codes = labels.shape[1]
    width = vectors.shape[1]
    positive = np.nan_to_num(labels, nan=0.0)
    centroids = normalised(sparse.csr_matrix(positive.T) @ vectors)
    rejected_centroids = normalised(sparse.csr_matrix(rejected.T.astype(np.float32)) @ vectors)
    weights = np.zeros((n_codes, width), dtype=np.float32)
    bias = np.full(n_codes, -5.0)
    for j in range(n_codes):
        mask = ~np.isnan(labels[:, j])
        y = labels[mask, j]
        if y.sum() < 1 or y.sum() == len(y):
            continue
        model = LogisticRegression(
            C=REGULARISATION, solver="liblinear", class_weight="balanced", max_iter=200
        )
        model.fit(vectors[mask], y)
        weights[j] = model.coef_[0]
        bias[j] = model.intercept_[0]
    gate_weights = np.zeros(width, dtype=np.float32)
    gate_bias = 0.0
    turns = coded | np.all(np.nan_to_num(labels, nan=1.0) == 0.0, axis=1)
    y = coded[turns].astype(float)
    if 0 < y.sum() < len(y):
        gate = LogisticRegression(C=1.0, solver="liblinear", class_weight="balanced")
        gate.fit(vectors[turns], y)
        gate_weights, gate_bias = gate.coef_[0].astype(np.float32), float(gate.intercept_[0])
    offsets = np.zeros(n_codes)
    uncoded = np.flatnonzero(turns & ~coded)
    if len(uncoded):
        negative = vectors[uncoded]
        sims = (negative @ centroids.T).toarray()
        sims -= REJECTED_WEIGHT * (negative @ rejected_centroids.T).toarray()
        offsets = np.quantile(sims, OFFSET_QUANTILE, axis=0)
    return centroids, rejected_centroids, weights, bias, gate_weights, gate_bias, offsets


def _fold_features(
    fitted: Fitted, counts: np.ndarray, vectors: sparse.csr_matrix
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    centroids, rejected, weights, bias, gate_weights, gate_bias, offsets = fitted
    classifier = np.asarray(vectors @ weights.T) + bias[None, :]
    resemblance = (vectors @ centroids.T).toarray()
    resemblance -= REJECTED_WEIGHT * (vectors @ rejected.T).toarray()
    resemblance = np.maximum(resemblance - offsets[None, :], 0.0)
    gate = np.asarray(vectors @ gate_weights).ravel() + gate_bias
    return classifier, resemblance, counts / (counts + HALF), gate


def _calibrate(rows: _Rows, n_coded: int) -> tuple[np.ndarray, float, int]:
    """Choose, on held-out folds of the codings, between the default (cold start plus what
    resembles coded passages, at the cold threshold) and a fitted calibrator with its own
    threshold: the codings decide, and the default stands while they are too few to say."""
    from sklearn.linear_model import LogisticRegression

    default = np.array(DEFAULT_CALIBRATION)
    coded_groups = np.unique(rows.groups[rows.coded])
    if n_coded < MIN_FITTED:
        return default, DEFAULT_THRESHOLD, 0
    if len(coded_groups) >= 2:
        k = min(FOLDS, len(coded_groups))
        fold_of_group = {g: i % k for i, g in enumerate(coded_groups)}
        folds = np.array([fold_of_group.get(g, -1) for g in rows.groups])
    else:
        k = FOLDS
        folds = np.arange(len(rows.groups)) % k
    n, c = rows.labels.shape
    classifier = np.zeros((n, c))
    resemblance = np.zeros((n, c))
    shrink = np.zeros((n, c))
    gate = np.zeros(n)
    tested = folds >= 0
    rng = np.random.default_rng(SEED)
    for fold in range(k):
        train = np.flatnonzero((folds != fold) & tested)
        test = np.flatnonzero(folds == fold)
        if len(train) > MAX_FOLD_ROWS:
            train = np.sort(rng.choice(train, MAX_FOLD_ROWS, replace=False))
        labels = rows.labels[train]
        fitted = _fit(rows.vectors[train], labels, rows.rejected[train], rows.coded[train])
        counts = np.nansum(np.where(rows.coded[train, None], labels, 0.0), axis=0)
        counts = counts + rows.rejected[train].sum(axis=0)
        cl, re, sh, ga = _fold_features(fitted, counts, rows.vectors[test])
        classifier[test], resemblance[test], shrink[test], gate[test] = cl, re, sh[None, :], ga

    def probability(calibration: np.ndarray) -> np.ndarray:
        found = calibrated(calibration, rows.z0, classifier, resemblance, shrink, gate)
        return found[tested]

    cold = _measure(rows, probability(default), DEFAULT_THRESHOLD, tested)
    mask = ~np.isnan(rows.labels) & tested[:, None]
    gates = np.broadcast_to(gate[:, None], (n, c))
    features = np.column_stack(
        [rows.z0[mask], (shrink * classifier)[mask], (shrink * resemblance)[mask], gates[mask]]
    )
    y = rows.labels[mask]
    if y.sum() < 2 or y.sum() == len(y):
        return default, DEFAULT_THRESHOLD, k
    fit = LogisticRegression(C=1.0, max_iter=500).fit(features, y)
    fitted = np.array([*fit.coef_[0], fit.intercept_[0]])
    p = probability(fitted)
    best = (default, DEFAULT_THRESHOLD, cold)
    for t in THRESHOLDS:
        found = _measure(rows, p, float(t), tested)
        if _better(found, best[2], cold):
            best = (fitted, float(t), found)
    return best[0], best[1], k


def _better(
    found: tuple[float, float], best: tuple[float, float], cold: tuple[float, float]
) -> bool:
    """Learning may only add: a fitted calibrator must show at least the cold start's hit@3
    on held-out passages. Among those, the best hit@3 that keeps ``QUIET_TARGET`` of the
    uncoded turns quiet; failing that, the quietest."""
    hit3, quiet = found
    if hit3 < cold[0]:
        return False
    if quiet >= QUIET_TARGET:
        return best[1] < QUIET_TARGET or hit3 > best[0]
    return best[1] < QUIET_TARGET and hit3 + quiet > best[0] + best[1]


def _measure(
    rows: _Rows, probability: np.ndarray, threshold: float, tested: np.ndarray
) -> tuple[float, float]:
    """On held-out passages: shown hit@3 of coded passages, and the share of uncoded turns
    shown nothing (quiet)."""
    labels = rows.labels[tested]
    coded = rows.coded[tested]
    negative = ~coded & np.all(np.nan_to_num(labels, nan=1.0) == 0.0, axis=1)
    order = np.argsort(-probability, axis=1)[:, :TOP_SHOWN]
    top_p = np.take_along_axis(probability, order, axis=1)
    top_gold = np.take_along_axis(np.nan_to_num(labels, nan=0.0), order, axis=1) > 0
    shown = top_p >= threshold
    hit3 = (shown & top_gold).any(axis=1)[coded].mean() if coded.any() else 0.0
    quiet = (~shown[negative].any(axis=1)).mean() if negative.any() else 1.0
    return float(hit3), float(quiet)


def _prototypes(
    vectors: sparse.csr_matrix,
    labels: np.ndarray,
    centroids: sparse.csr_matrix,
    coded: Sequence[Any],
    codes: Sequence[str],
) -> tuple[sparse.csr_matrix, np.ndarray, list[Prototype]]:
    """Per code, the coded passages closest to its centroid."""
    chosen: list[int] = []
    chosen_code: list[int] = []
    info: list[Prototype] = []
    if vectors.shape[0]:
        sims = (vectors @ centroids.T).toarray()
        for j, code in enumerate(codes):
            mine = np.flatnonzero(np.nan_to_num(labels[:, j]) > 0)
            for i in mine[np.argsort(-sims[mine, j])][:PROTOTYPES]:
                passage = coded[i].passage
                chosen.append(int(i))
                chosen_code.append(j)
                info.append(
                    Prototype(
                        code, passage.source, passage.start, passage.end, passage.text[:QUOTE]
                    )
                )
    matrix = vectors[chosen] if chosen else sparse.csr_matrix((0, vectors.shape[1]))
    return sparse.csr_matrix(matrix), np.array(chosen_code, dtype=np.int64), info


@dataclass(slots=True)
class Model:
    """A trained model as it lives in memory, with what ``qvs train`` reports of it, and the
    codebook it was trained with."""

    learned: LearnedModel
    info: dict[str, Any]
    profiles: list[CodeProfile] = field(default_factory=list)
    lang: str = ""
    matcher: CodebookMatcher | None = None

    def pipeline(self) -> Language:
        """The model pipeline (see ``components``) whose ``to_bytes`` the project stores."""
        return model_pipeline(self.profiles, self.lang, self.learned, matcher=self.matcher)


def train(project: Project, *, progress: Progress | None = None) -> TrainingReport:
    """Train on everything the project holds now and store the result in it."""
    from qualcoder_vs.nlp.suggester import groundwork

    with _training:
        value = fingerprint(project)
        profiles = code_profiles(project)
        if not profiles:
            raise NlpError("the project has no codes to learn; load a codebook first")
        data = project_passages(project)
        if not data.coded:
            raise NlpError("nothing to learn from yet: code a few passages first")
        base = groundwork(project, profiles=profiles)
        base.preload(project)
        model = train_model(base, data, fingerprint_value=value, progress=progress)
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
        folds=int(info.get("folds", 0)),
        threshold=float(info.get("threshold", 0.5)),
        seconds=float(info["seconds"]),
        trained=datetime.fromisoformat(info["trained"]),
        fingerprint=str(info["fingerprint"]),
    )


# -- storage ----------------------------------------------------------------------------------


def save_model(project: Project, model: Model) -> None:
    """Store outside the undo log: a model is derived data, rebuilt from codings at will."""
    project.learning.save_model(model_name(project), model_to_bytes(model.pipeline()), model.info)


def model_name(project: Project) -> str:
    """While blind each coder's model learns from their own codings only, so it is their own."""
    viewer = project.queries.blind_viewer()
    return MODEL_NAME if viewer is None else f"{MODEL_NAME}@{viewer}"


def stored_info(project: Project) -> dict[str, Any] | None:
    return project.queries.stored_model_info(model_name(project))


def load_model(project: Project) -> Model | None:
    """The stored model; None when there is none or it is of an older format (retrain)."""
    stored = project.queries.stored_model(model_name(project))
    if stored is None:
        return None
    data, info = stored.data, dict(stored.info)
    if info.get("format") != FORMAT:
        return None
    try:
        pipeline = model_from_bytes(data)
    except (ValueError, KeyError, TypeError):
        raise NlpError(
            f"{project.location}: the stored suggestion model is damaged; run `qvs train`"
        ) from None
    learned = scorer_of(pipeline).model
    if learned is None:
        return None
    codebook = codebook_of(pipeline)
    return Model(learned, info, codebook.profiles, codebook.lang, codebook.matcher)
