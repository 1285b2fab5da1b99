"""Intercoder agreement as pure functions: units, coders' values, and the measures a method
section reports (percent agreement, Cohen's or Fleiss' kappa, Krippendorff's alpha and, on
characters, Krippendorff's unitizing alpha).

Why pure: agreement is arithmetic over plain data (texts, respondent turns, codings). Kept free
of the database it can be checked against the ``krippendorff`` package and worked examples,
and the CLI, the reports and the review screen share one implementation.

The model. A *unit* is a respondent turn, a sentence of a respondent turn, or a character of a
respondent turn (interviewer turns never count). A coder's value for code ``c`` on a unit is 1
when one of their codings of ``c`` overlaps the unit by at least one character, else 0.
Characters are handled as weighted *runs*: between two consecutive coding or turn boundaries
every character has the same values, so a run of ``w`` characters stands for ``w`` identical
units. That is exact (every measure below is a weighted count) and keeps 10 million characters
down to some 100,000 runs.

Every measure is computed from a :class:`Tally` (how much unit weight got the value 1 from
exactly ``k`` coders, and from each coder), so the pooled figure over all (unit, code) pairs is
simply the sum of the per-code tallies. A measure the data leave undefined (a code nobody
used: no variation, so chance agreement is 1) raises :class:`Undefined` with the reason; the
report turns that into ``None`` and the reason, never a division by zero.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
import numpy.typing as npt

UNIT_KINDS = ("turn", "sentence", "character")

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


class Undefined(ValueError):
    """A measure the data leave undefined; the message says why, in words for a researcher."""


# -- inputs ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceUnits:
    """A source as agreement sees it: its text and its respondent turns ``[start, end)``."""

    name: str
    text: str
    turns: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class CodedSpan:
    """One coding, reduced to what agreement needs."""

    source: str
    start: int
    end: int
    code: str
    coder: str


# -- sentences ---------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)")
_ABBREVIATIONS = frozenset(
    {
        "bv",
        "bijv",
        "o.a",
        "d.w.z",
        "m.a.w",
        "enz",
        "etc",
        "e.d",
        "e.a",
        "dhr",
        "mevr",
        "mw",
        "mr",
        "dr",
        "drs",
        "prof",
        "ir",
        "ing",
        "ca",
        "nr",
        "vb",
        "i.p.v",
        "t.o.v",
        "i.v.m",
        "m.b.t",
        "a.s",
        "z.s.m",
        "blz",
        "resp",
        "evt",
        "incl",
        "excl",
        "min",
        "max",
        "st",
        "vs",
        "jl",
    }
)


def sentence_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` as ``[start, end)`` offsets, without surrounding
    white space.

    A plain splitter on purpose (no model, so it is fast, offline and the same everywhere): a
    sentence ends at ``.``, ``!``, ``?`` or ``…`` (with closing quotes or brackets) before white
    space, except after a Dutch abbreviation or an initial, or when the next word starts in
    lower case (transcripts write "ja. en dan" inside one sentence).
    """
    cuts = [start]
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.end()
        if match.group().startswith(".") and len(match.group().rstrip("\"'”’»)]")) == 1:
            word_start = max(
                text.rfind(" ", start, match.start()), text.rfind("\n", start, match.start())
            )
            word = text[word_start + 1 : match.start()].lower()
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        following = text[stop:end].lstrip()
        if following and following[0].islower():
            continue
        cuts.append(stop)
    cuts.append(end)
    bounds = []
    for a, b in pairwise(cuts):
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if a + lead < b - trail:
            bounds.append((a + lead, b - trail))
    return bounds


# -- units -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitTable:
    """The units of one analysis, in text order, as parallel arrays.

    ``start``/``end`` are offsets into the source's text; ``position`` is the same start in one
    global line through all sources (so one ``searchsorted`` finds units for every source);
    ``weight`` is 1 for turns and sentences and the run length for characters; ``turn`` numbers
    the respondent turn a unit belongs to.
    """

    kind: str
    sources: tuple[SourceUnits, ...]
    source: IntArray
    start: IntArray
    end: IntArray
    position: IntArray
    weight: IntArray
    turn: IntArray
    offsets: dict[str, int]

    def __len__(self) -> int:
        return len(self.start)

    @property
    def global_end(self) -> IntArray:
        return self.position + (self.end - self.start)


def _offsets(sources: Sequence[SourceUnits]) -> dict[str, int]:
    """Where each source begins on the global line; one gap character keeps sources apart."""
    offsets, at = {}, 0
    for source in sources:
        offsets[source.name] = at
        at += len(source.text) + 1
    return offsets


def build_units(
    sources: Sequence[SourceUnits], kind: str, spans: Iterable[CodedSpan] = ()
) -> UnitTable:
    """The units of ``kind``; for characters, runs cut at every coding and turn boundary."""
    if kind not in UNIT_KINDS:
        raise ValueError(f"unknown unit '{kind}' (choose from {', '.join(UNIT_KINDS)})")
    sources = tuple(sources)
    offsets = _offsets(sources)
    rows: list[tuple[int, int, int, int]] = []  # source index, start, end, turn number
    turn_no = 0
    for index, source in enumerate(sources):
        for start, end in source.turns:
            if kind == "sentence":
                rows.extend(
                    (index, a, b, turn_no) for a, b in sentence_bounds(source.text, start, end)
                )
            elif start < end:
                rows.append((index, start, end, turn_no))
            turn_no += 1
    table = np.array(rows, dtype=np.int64).reshape(-1, 4)
    source_idx, start, end, turn = table[:, 0], table[:, 1], table[:, 2], table[:, 3]
    base = np.array([offsets[s.name] for s in sources], dtype=np.int64)
    position = base[source_idx] + start if len(table) else np.zeros(0, dtype=np.int64)
    if kind == "character" and len(table):
        position, start, end, source_idx, turn = _character_runs(
            base, source_idx, start, end, turn, offsets, spans
        )
    weight = end - start if kind == "character" else np.ones(len(start), dtype=np.int64)
    return UnitTable(kind, sources, source_idx, start, end, position, weight, turn, offsets)


def _character_runs(
    base: IntArray,
    source_idx: IntArray,
    start: IntArray,
    end: IntArray,
    turn: IntArray,
    offsets: dict[str, int],
    spans: Iterable[CodedSpan],
) -> tuple[IntArray, IntArray, IntArray, IntArray, IntArray]:
    """Cut respondent turns at every coding boundary: characters within a run share values."""
    turn_start = base[source_idx] + start
    turn_end = base[source_idx] + end
    marks = [
        (offsets[s.source] + s.start, offsets[s.source] + s.end)
        for s in spans
        if s.source in offsets
    ]
    coding_bounds = np.array(marks, dtype=np.int64).reshape(-1)
    bounds = np.unique(np.concatenate([turn_start, turn_end, coding_bounds]))
    lo, hi = bounds[:-1], bounds[1:]
    owner = np.searchsorted(turn_start, lo, side="right") - 1
    inside = (owner >= 0) & (lo < turn_end[np.maximum(owner, 0)])
    lo, hi, owner = lo[inside], hi[inside], owner[inside]
    src = source_idx[owner]
    local = lo - base[src]
    return lo, local, local + (hi - lo), src, turn[owner]


def coded_values(
    units: UnitTable, spans: Iterable[CodedSpan], codes: Sequence[str], coders: Sequence[str]
) -> BoolArray:
    """``values[c, j, u]``: does coder ``j`` code unit ``u`` with code ``c``?

    Spans of other codes, coders or sources are ignored. A difference array per (code, coder)
    marks the range of units each coding overlaps, so the cost is one pass over the codings and
    one cumulative sum.
    """
    code_index = {c: i for i, c in enumerate(codes)}
    coder_index = {c: i for i, c in enumerate(coders)}
    m, n = len(coders), len(units)
    groups, first, after = [], [], []
    for span in spans:
        ci, ji = code_index.get(span.code), coder_index.get(span.coder)
        if ci is None or ji is None or span.source not in units.offsets:
            continue
        base = units.offsets[span.source]
        groups.append(ci * m + ji)
        first.append(base + span.start)
        after.append(base + span.end)
    diff = np.zeros((len(codes) * m, n + 1), dtype=np.int32)
    if groups and n:
        g = np.array(groups, dtype=np.int64)
        lo = np.searchsorted(units.global_end, np.array(first, dtype=np.int64), side="right")
        hi = np.searchsorted(units.position, np.array(after, dtype=np.int64), side="left")
        hit = lo < hi
        np.add.at(diff, (g[hit], lo[hit]), 1)
        np.add.at(diff, (g[hit], hi[hit]), -1)
    values = np.cumsum(diff[:, :n], axis=1, dtype=np.int32) > 0
    return values.reshape(len(codes), m, n)


# -- measures on plain tables ------------------------------------------------------------------


def percent_agreement(counts: npt.ArrayLike, weights: npt.ArrayLike | None = None) -> float:
    """Share of units on which every coder gave the same value.

    ``counts[u, k]``: how many coders gave unit ``u`` the value ``k``.
    """
    table, w = _counts(counts, weights)
    total = w.sum()
    if total == 0:
        raise Undefined("no units")
    unanimous = (table.max(axis=1) == table.sum(axis=1)).astype(np.float64)
    return float((unanimous * w).sum() / total)


def cohen_kappa(table: npt.ArrayLike) -> float:
    """Cohen's kappa from a two-coder contingency table ``table[a, b]`` (weights of units that
    coder A gave value ``a`` and coder B value ``b``)."""
    t = np.asarray(table, dtype=np.float64)
    total = t.sum()
    if total == 0:
        raise Undefined("no units")
    observed = np.trace(t) / total
    chance = float((t.sum(axis=1) / total) @ (t.sum(axis=0) / total))
    if np.isclose(chance, 1.0, rtol=0, atol=1e-15):
        raise Undefined("no variation: chance agreement is 1, so kappa is undefined")
    return float((observed - chance) / (1.0 - chance))


def fleiss_kappa(counts: npt.ArrayLike, weights: npt.ArrayLike | None = None) -> float:
    """Fleiss' kappa; every unit must have the same number of coders (``counts`` rows sum to m)."""
    table, w = _counts(counts, weights)
    m = table.sum(axis=1)
    if len(m) == 0 or w.sum() == 0:
        raise Undefined("no units")
    if np.any(m != m[0]) or m[0] < 2:
        raise Undefined("Fleiss' kappa needs the same two or more coders on every unit")
    m0 = float(m[0])
    total = w.sum()
    per_unit = ((table**2).sum(axis=1) - m0) / (m0 * (m0 - 1.0))
    observed = float((per_unit * w).sum() / total)
    shares = (table * w[:, None]).sum(axis=0) / (total * m0)
    chance = float((shares**2).sum())
    if np.isclose(chance, 1.0, rtol=0, atol=1e-15):
        raise Undefined("no variation: chance agreement is 1, so kappa is undefined")
    return (observed - chance) / (1.0 - chance)


def nominal_alpha(counts: npt.ArrayLike, weights: npt.ArrayLike | None = None) -> float:
    """Krippendorff's alpha for nominal data from ``counts[u, k]`` (coders per value per unit).

    Units with fewer than two values are not pairable and drop out, as Krippendorff defines it
    (so missing values are allowed). Coincidences ``o_ck = sum_u (n_uc n_uk - [c=k] n_uc) /
    (m_u - 1)``; ``alpha = 1 - (n - 1) (n - sum_c o_cc) / (n^2 - sum_c n_c^2)``.
    """
    table, w = _counts(counts, weights)
    m = table.sum(axis=1)
    pairable = m >= 2
    table, w, m = table[pairable], w[pairable], m[pairable]
    if w.sum() == 0:
        raise Undefined("no unit has two or more values")
    scale = w / (m - 1.0)
    agreeing = float((((table**2) - table).sum(axis=1) * scale).sum())
    per_value = (table * w[:, None]).sum(axis=0)
    n = float(per_value.sum())
    spread = n * n - float((per_value**2).sum())
    if spread <= 0:
        raise Undefined("no variation: every value is the same, so alpha is undefined")
    return 1.0 - (n - 1.0) * (n - agreeing) / spread


def _counts(counts: npt.ArrayLike, weights: npt.ArrayLike | None) -> tuple[FloatArray, FloatArray]:
    table = np.asarray(counts, dtype=np.float64)
    if table.ndim != 2:
        raise ValueError("counts must be a units x values table")
    w = np.ones(len(table)) if weights is None else np.asarray(weights, dtype=np.float64)
    return table, w


def counts_from_ratings(ratings: npt.ArrayLike) -> FloatArray:
    """``ratings[coder, unit]`` (values 0..K-1, NaN for missing) to ``counts[unit, value]``."""
    r = np.asarray(ratings, dtype=np.float64)
    values = np.unique(r[~np.isnan(r)])
    return np.stack([(r == v).sum(axis=0) for v in values], axis=1).astype(np.float64)


# -- binary tallies ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """What every binary measure needs: ``by_count[k]`` is the unit weight that exactly ``k``
    of the ``m`` coders coded, ``by_coder[j]`` the weight coder ``j`` coded, and for two coders
    ``pairs[a, b]`` the 2x2 table. Tallies add, which is how the pooled figure is made."""

    by_count: FloatArray
    by_coder: FloatArray
    pairs: FloatArray

    @classmethod
    def of(cls, values: BoolArray, weights: npt.ArrayLike) -> Tally:
        """``values[j, u]`` for one code."""
        w = np.asarray(weights, dtype=np.float64)
        m = values.shape[0]
        k = values.sum(axis=0)
        by_count = np.bincount(k, weights=w, minlength=m + 1).astype(np.float64)
        by_coder = values.astype(np.float64) @ w
        pairs = np.zeros((2, 2))
        if m == 2:
            a, b = values[0], values[1]
            for x in (0, 1):
                for y in (0, 1):
                    pairs[x, y] = w[(a == bool(x)) & (b == bool(y))].sum()
        return cls(by_count, by_coder, pairs)

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.by_count + other.by_count, self.by_coder + other.by_coder, self.pairs + other.pairs
        )

    @property
    def coders(self) -> int:
        return len(self.by_coder)

    @property
    def units(self) -> float:
        return float(self.by_count.sum())

    def grouped_counts(self) -> tuple[FloatArray, FloatArray]:
        """Units grouped by how many coders coded them: rows ``(m - k, k)`` weighted by
        ``by_count[k]``; every measure on these groups equals the measure on the units."""
        m = self.coders
        k = np.arange(m + 1, dtype=np.float64)
        return np.stack([m - k, k], axis=1), self.by_count


@dataclass(frozen=True)
class Agreement:
    """The measures for one code, or pooled over all (unit, code) pairs.

    ``units`` counts units (characters at character level; (unit, code) pairs when pooled);
    ``coded_by`` how many of them each coder coded. A ``None`` measure has its reason in
    ``reasons``. ``u_alpha`` is Krippendorff's unitizing alpha, at character level only.
    """

    percent: float | None
    kappa: float | None
    alpha: float | None
    units: int
    coded_by: dict[str, int]
    reasons: dict[str, str] = field(default_factory=dict)
    u_alpha: float | None = None

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "percent": self.percent,
            "kappa": self.kappa,
            "alpha": self.alpha,
            "units": self.units,
            "coded_by": dict(self.coded_by),
        }
        if self.u_alpha is not None or "u_alpha" in self.reasons:
            data["u_alpha"] = self.u_alpha
        data["reasons"] = dict(self.reasons)
        return data


def measures(tally: Tally, coders: Sequence[str]) -> Agreement:
    """Percent, kappa (Cohen's for two coders, Fleiss' for more) and alpha of one tally."""
    counts, weights = tally.grouped_counts()
    reasons: dict[str, str] = {}
    nobody = tally.by_coder.sum() == 0
    everyone = tally.units > 0 and tally.by_count[-1] == tally.units

    def attempt(name: str, compute: object) -> float | None:
        try:
            return compute()  # type: ignore[operator,no-any-return]
        except Undefined as exc:
            if tally.units == 0:
                reasons[name] = "no units to compare"
            elif nobody:
                reasons[name] = "no coder applied this code, so there is no variation"
            elif everyone:
                reasons[name] = "every coder applied it to every unit, so there is no variation"
            else:
                reasons[name] = str(exc)
            return None

    percent = attempt("percent", lambda: percent_agreement(counts, weights))
    if tally.coders == 2:
        kappa = attempt("kappa", lambda: cohen_kappa(tally.pairs))
    else:
        kappa = attempt("kappa", lambda: fleiss_kappa(counts, weights))
    alpha = attempt("alpha", lambda: nominal_alpha(counts, weights))
    return Agreement(
        percent=percent,
        kappa=kappa,
        alpha=alpha,
        units=round(tally.units),
        coded_by={c: round(v) for c, v in zip(coders, tally.by_coder, strict=True)},
        reasons=reasons,
    )


# -- Krippendorff's unitizing alpha --------------------------------------------------------------


def _segments(
    length: int, units: Sequence[tuple[int, int]]
) -> tuple[IntArray, IntArray, BoolArray]:
    """An observer's whole continuum ``[0, length)`` as consecutive units and gaps."""
    begins, ends, is_unit = [], [], []
    at = 0
    for b, e in sorted(units):
        if b < at:
            raise ValueError("an observer's units of one category must not overlap")
        if b > at:
            begins.append(at), ends.append(b), is_unit.append(False)
        begins.append(b), ends.append(e), is_unit.append(True)
        at = e
    if at < length:
        begins.append(at), ends.append(length), is_unit.append(False)
    return (
        np.array(begins, dtype=np.int64),
        np.array(ends, dtype=np.int64),
        np.array(is_unit, dtype=bool),
    )


def unitizing_disagreement(
    length: int, observers: Sequence[Sequence[tuple[int, int]]]
) -> tuple[float, float]:
    """Observed and expected disagreement ``(D_o, D_e)`` of one category on a continuum
    ``[0, length)``, after Krippendorff (2004, Content Analysis, 2nd ed., section 12.4).

    ``observers[i]`` lists observer ``i``'s units ``[begin, end)`` of the category; the rest of
    the continuum is their gaps. Observed: over ordered pairs of observers ``i != j`` and their
    overlapping segments ``g``, ``h``, the squared distance is ``(b_g - b_h)^2 + (e_g - e_h)^2``
    for two units, ``l_g^2`` for a unit lying inside the other's gap (and vice versa), else 0;
    ``D_o = sum / (m (m - 1) L^2)``. Expected, from every unit length ``l`` and gap length ``G``
    of all observers (``N`` units in all)::

        D_e = (2 / L) sum_l [ (N - 1)(2l^3 - 3l^2 + l) / 3 + l^2 sum_{G >= l} (G - l + 1) ]
              / [ m L (m L - 1) - sum_l l (l - 1) ]

    (The 4th edition, 2019, revises this family for more than two observers, after
    Krippendorff, Mathet, Bouvry and Widlöcher 2016; this is the 2004 coefficient, the one
    with a published worked example.)
    """
    m = len(observers)
    if m < 2:
        raise Undefined("unitizing alpha needs two or more observers")
    if length <= 0:
        raise Undefined("the continuum is empty")
    segments = [_segments(length, units) for units in observers]
    observed = 0.0
    for i in range(m):
        for j in range(i + 1, m):
            observed += 2.0 * _pair_disagreement(segments[i], segments[j])
    d_o = observed / (m * (m - 1) * float(length) ** 2)

    unit_lengths = np.concatenate([(e - b)[u] for b, e, u in segments]).astype(np.float64)
    gaps = np.sort(np.concatenate([(e - b)[~u] for b, e, u in segments]).astype(np.float64))
    n_units = len(unit_lengths)
    if n_units == 0:
        raise Undefined("no observer marked a unit of this category")
    suffix = np.concatenate([np.cumsum(gaps[::-1])[::-1], [0.0]])
    first = np.searchsorted(gaps, unit_lengths, side="left")
    fitting = len(gaps) - first
    room = suffix[first] - (unit_lengths - 1.0) * fitting
    lengths = unit_lengths
    within = (n_units - 1) * (2 * lengths**3 - 3 * lengths**2 + lengths) / 3.0
    numerator = (2.0 / length) * float((within + lengths**2 * room).sum())
    mL = float(m * length)
    denominator = mL * (mL - 1.0) - float((lengths * (lengths - 1.0)).sum())
    if denominator <= 0 or numerator <= 0:
        raise Undefined("no expected disagreement: the units leave no room to differ")
    return d_o, numerator / denominator


def _pair_disagreement(
    one: tuple[IntArray, IntArray, BoolArray], other: tuple[IntArray, IntArray, BoolArray]
) -> float:
    """Sum of squared distances between the overlapping segments of two observers."""
    b1, e1, u1 = one
    b2, e2, u2 = other
    cuts = np.union1d(b1, b2)
    g = np.searchsorted(b1, cuts, side="right") - 1
    h = np.searchsorted(b2, cuts, side="right") - 1
    pair = np.unique(np.stack([g, h], axis=1), axis=0)
    g, h = pair[:, 0], pair[:, 1]
    bg, eg, ug = b1[g].astype(np.float64), e1[g].astype(np.float64), u1[g]
    bh, eh, uh = b2[h].astype(np.float64), e2[h].astype(np.float64), u2[h]
    both = ug & uh
    unit_in_gap = ug & ~uh & (bh <= bg) & (eg <= eh)
    gap_round_unit = ~ug & uh & (bg <= bh) & (eh <= eg)
    total = ((bg - bh) ** 2 + (eg - eh) ** 2)[both].sum()
    total += ((eg - bg) ** 2)[unit_in_gap].sum()
    total += ((eh - bh) ** 2)[gap_round_unit].sum()
    return float(total)


def unitized_alpha(
    length: int, categories: dict[str, Sequence[Sequence[tuple[int, int]]]]
) -> tuple[float, dict[str, float | None]]:
    """Krippendorff's (2004) unitizing alpha over all categories, and per category.

    The overall coefficient is ``1 - sum_c D_o(c) / sum_c D_e(c)``; a category no observer used
    has ``None`` for its own alpha and adds nothing to the sums.
    """
    per: dict[str, float | None] = {}
    total_o = total_e = 0.0
    for name, observers in categories.items():
        try:
            d_o, d_e = unitizing_disagreement(length, observers)
        except Undefined:
            per[name] = None
            continue
        per[name] = 1.0 - d_o / d_e
        total_o += d_o
        total_e += d_e
    if total_e == 0:
        raise Undefined("no observer marked any unit")
    return 1.0 - total_o / total_e, per


def _continuum_units(units: UnitTable, row: BoolArray) -> list[tuple[int, int]]:
    """One coder's coded runs of one code on the respondent continuum (respondent characters of
    all sources in a row), cut at turn boundaries so no unit spans an interviewer turn."""
    if not row.any():
        return []
    at = np.concatenate([[0], np.cumsum(units.weight)])
    prev_on = np.concatenate([[False], row[:-1]])
    same_turn = np.concatenate([[False], units.turn[1:] == units.turn[:-1]])
    starts = np.flatnonzero(row & ~(prev_on & same_turn))
    next_on = np.concatenate([row[1:], [False]])
    next_same = np.concatenate([units.turn[1:] == units.turn[:-1], [False]])
    ends = np.flatnonzero(row & ~(next_on & next_same))
    return list(zip(at[starts].tolist(), at[ends + 1].tolist(), strict=True))


# -- the whole analysis ------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeAgreement:
    code: str
    measures: Agreement


@dataclass(frozen=True)
class AgreementReport:
    """What ``qvs agreement`` prints and the method appendix tabulates."""

    unit: str
    coders: tuple[str, ...]
    units: int
    coded_only: bool
    codes: tuple[CodeAgreement, ...]
    overall: Agreement
    notes: tuple[str, ...] = ()

    @property
    def kappa_kind(self) -> str:
        return "Cohen" if len(self.coders) == 2 else "Fleiss"

    def as_json(self) -> dict[str, object]:
        return {
            "unit": self.unit,
            "coders": list(self.coders),
            "coded_only": self.coded_only,
            "kappa": self.kappa_kind.lower(),
            "units": self.units,
            "codes": [{"code": c.code, **c.measures.as_json()} for c in self.codes],
            "overall": self.overall.as_json(),
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class Analysis:
    """Units and values of one run, shared by the agreement table and the disagreement list."""

    units: UnitTable
    values: BoolArray  # [code, coder, unit]
    keep: BoolArray  # units in the analysis (all, or the coded ones with --coded-only)
    codes: tuple[str, ...]
    coders: tuple[str, ...]


def analyse(
    sources: Sequence[SourceUnits],
    spans: Sequence[CodedSpan],
    coders: Sequence[str],
    codes: Sequence[str],
    *,
    unit: str = "turn",
    coded_only: bool = False,
) -> Analysis:
    """Units and values for ``coders`` and ``codes``; ``coded_only`` keeps only the units some
    coder coded with any code (any code of ``spans``, not only the ones analysed)."""
    if len(coders) < 2:
        raise Undefined("agreement needs two or more coders")
    chosen = set(coders)
    spans = [s for s in spans if s.coder in chosen]
    table = build_units(sources, unit, spans)
    all_codes = tuple(dict.fromkeys([*codes, *(s.code for s in spans)]))
    values = coded_values(table, spans, all_codes, coders)
    keep = values.any(axis=(0, 1)) if coded_only else np.ones(len(table), dtype=bool)
    return Analysis(table, values[: len(codes)], keep, tuple(codes), tuple(coders))


def agreement(
    sources: Sequence[SourceUnits],
    spans: Sequence[CodedSpan],
    coders: Sequence[str],
    codes: Sequence[str],
    *,
    unit: str = "turn",
    coded_only: bool = False,
) -> AgreementReport:
    """Agreement per code and pooled over all (unit, code) pairs."""
    run = analyse(sources, spans, coders, codes, unit=unit, coded_only=coded_only)
    weights = run.units.weight[run.keep]
    tallies = [Tally.of(run.values[c][:, run.keep], weights) for c in range(len(codes))]
    rows = [measures(t, coders) for t in tallies]
    pooled = (
        sum(tallies[1:], tallies[0])
        if tallies
        else Tally.of(np.zeros((len(coders), 0), dtype=bool), np.zeros(0))
    )
    overall = measures(pooled, coders)
    if unit == "character":
        rows, overall = _with_unitizing(run, rows, overall)
    return AgreementReport(
        unit=unit,
        coders=tuple(coders),
        units=round(float(weights.sum())),
        coded_only=coded_only,
        codes=tuple(CodeAgreement(c, r) for c, r in zip(codes, rows, strict=True)),
        overall=overall,
        notes=tuple(_coverage_notes(sources, spans, coders)),
    )


def _with_unitizing(
    run: Analysis, rows: list[Agreement], overall: Agreement
) -> tuple[list[Agreement], Agreement]:
    """Add u-alpha: always over the whole respondent continuum (unitizing is about where units
    begin and end, so the uncoded stretches are part of the data even with --coded-only)."""
    length = int(run.units.weight.sum())
    categories = {
        code: [_continuum_units(run.units, run.values[c, j]) for j in range(len(run.coders))]
        for c, code in enumerate(run.codes)
    }
    try:
        pooled, per = unitized_alpha(length, categories)
        pooled_reason = None
    except Undefined as exc:
        pooled, per, pooled_reason = None, dict.fromkeys(run.codes), str(exc)
    out = []
    for code, row in zip(run.codes, rows, strict=True):
        reasons = dict(row.reasons)
        if per.get(code) is None:
            reasons["u_alpha"] = "no coder applied this code"
        out.append(_replace_u(row, per.get(code), reasons))
    reasons = dict(overall.reasons)
    if pooled_reason:
        reasons["u_alpha"] = pooled_reason
    return out, _replace_u(overall, pooled, reasons)


def _replace_u(row: Agreement, u_alpha: float | None, reasons: dict[str, str]) -> Agreement:
    return Agreement(
        row.percent, row.kappa, row.alpha, row.units, row.coded_by, reasons, u_alpha=u_alpha
    )


def _coverage_notes(
    sources: Sequence[SourceUnits], spans: Sequence[CodedSpan], coders: Sequence[str]
) -> list[str]:
    """Sources some coders coded and others did not touch: their units count as 'not coded' by
    the latter, which lowers agreement; a researcher should know (and may pass --sources)."""
    touched: dict[str, set[str]] = {}
    for span in spans:
        touched.setdefault(span.source, set()).add(span.coder)
    notes = []
    for source in sources:
        by = touched.get(source.name, set())
        missing = [c for c in coders if c not in by]
        if by and missing:
            notes.append(
                f"{source.name}: no codings by {', '.join(missing)}; "
                "its units count as not coded by them"
            )
    return notes


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A unit (or, for characters, a run of them) and a code the coders differ on."""

    source: str
    start: int
    end: int
    code: str
    coded_by: tuple[str, ...]
    not_coded_by: tuple[str, ...]
    text: str

    def as_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "start": self.start,
            "end": self.end,
            "code": self.code,
            "coded_by": list(self.coded_by),
            "not_coded_by": list(self.not_coded_by),
            "text": self.text,
        }


def disagreements(run: Analysis) -> list[Disagreement]:
    """Every (unit, code) the coders differ on, in text order; at character level adjacent
    characters of one turn with the same coders become one passage."""
    units = run.units
    m = len(run.coders)
    found: list[tuple[int, int, Disagreement]] = []
    for c, code in enumerate(run.codes):
        vals = run.values[c]
        k = vals.sum(axis=0)
        differ = (k > 0) & (k < m) & run.keep
        index = np.flatnonzero(differ)
        if not len(index):
            continue
        pattern = (vals[:, index].astype(np.int64) * (1 << np.arange(m))[:, None]).sum(axis=0)
        if units.kind == "character":
            joins = (
                (np.diff(index) == 1)
                & (pattern[1:] == pattern[:-1])
                & (units.turn[index[1:]] == units.turn[index[:-1]])
            )
            group_starts = np.flatnonzero(np.concatenate([[True], ~joins]))
        else:
            group_starts = np.arange(len(index))
        group_ends = np.concatenate([group_starts[1:], [len(index)]]) - 1
        for a, b in zip(group_starts.tolist(), group_ends.tolist(), strict=True):
            first, last = int(index[a]), int(index[b])
            source = units.sources[int(units.source[first])]
            start, end = int(units.start[first]), int(units.end[last])
            bits = int(pattern[a])
            found.append(
                (
                    int(units.position[first]),
                    c,
                    Disagreement(
                        source=source.name,
                        start=start,
                        end=end,
                        code=code,
                        coded_by=tuple(n for j, n in enumerate(run.coders) if bits >> j & 1),
                        not_coded_by=tuple(
                            n for j, n in enumerate(run.coders) if not bits >> j & 1
                        ),
                        text=source.text[start:end],
                    ),
                )
            )
    found.sort(key=lambda item: (item[0], item[1]))
    return [d for _, _, d in found]


@dataclass(frozen=True)
class AgreementInput:
    """Everything one agreement run reads from a project, already narrowed to the chosen
    sources, coders and codes (see ``project.queries.agreement_input``)."""

    sources: tuple[SourceUnits, ...]
    spans: tuple[CodedSpan, ...]
    coders: tuple[str, ...]
    codes: tuple[str, ...]
    code_labels: dict[str, str]

    def analysis(self, unit: str = "turn", *, coded_only: bool = False) -> Analysis:
        return analyse(
            self.sources, self.spans, self.coders, self.codes, unit=unit, coded_only=coded_only
        )

    def report(self, unit: str = "turn", *, coded_only: bool = False) -> AgreementReport:
        return agreement(
            self.sources, self.spans, self.coders, self.codes, unit=unit, coded_only=coded_only
        )
