"""Agreement measures against independent oracles: the `krippendorff` package, hand-computed
examples (worked out in the docstrings, kept as exact fractions) and a published worked example
of Krippendorff's unitizing alpha."""

from __future__ import annotations

from fractions import Fraction

import krippendorff
import numpy as np
import pytest

from qualcoder_vs.core.agreement import (
    CodedSpan,
    SourceUnits,
    Undefined,
    agreement,
    analyse,
    build_units,
    cohen_kappa,
    counts_from_ratings,
    disagreements,
    fleiss_kappa,
    nominal_alpha,
    percent_agreement,
    sentence_bounds,
    unitized_alpha,
    unitizing_disagreement,
)

TOL = 1e-9


# -- measures on tables ------------------------------------------------------------------------


def test_cohen_kappa_hand_example() -> None:
    """50 units; A says yes on 25, B on 30; both yes 20, both no 15.
    p_o = 35/50 = 0.7; p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = (0.7-0.5)/(1-0.5) = 0.4."""
    assert cohen_kappa([[15, 10], [5, 20]]) == pytest.approx(0.4, abs=TOL)


def test_cohen_kappa_second_hand_example() -> None:
    """Three values, 100 units, table rows A, columns B:
    [[30, 5, 5], [5, 20, 5], [0, 5, 25]]: p_o = 75/100; A marginals .40 .30 .30, B .35 .30 .35;
    p_e = .14 + .09 + .105 = .335; kappa = (.75 - .335) / .665 = 83/133."""
    kappa = cohen_kappa([[30, 5, 5], [5, 20, 5], [0, 5, 25]])
    assert kappa == pytest.approx(83 / 133, abs=TOL)


def test_fleiss_kappa_hand_example() -> None:
    """Three coders, four units, binary; the units got 3, 0, 2 and 1 'yes'.
    Per unit agreement P_u = (sum_k n_uk^2 - 3) / 6: 1, 1, 1/3, 1/3, so P = 2/3.
    p_yes = 6/12 = 1/2, P_e = 1/4 + 1/4 = 1/2; kappa = (2/3 - 1/2) / (1/2) = 1/3."""
    counts = [[0, 3], [3, 0], [1, 2], [2, 1]]
    assert fleiss_kappa(counts) == pytest.approx(1 / 3, abs=TOL)


def test_fleiss_kappa_three_values_hand_example() -> None:
    """Four coders, three units, values a/b/c: counts (4,0,0), (2,2,0), (0,1,3).
    P_u = (sum n^2 - 4)/12: (16-4)/12 = 1, (8-4)/12 = 1/3, (10-4)/12 = 1/2; P = 11/18.
    p = (6/12, 3/12, 3/12), P_e = 1/4 + 1/16 + 1/16 = 3/8.
    kappa = (11/18 - 3/8) / (5/8) = (44/72 - 27/72) / (45/72) = 17/45."""
    counts = [[4, 0, 0], [2, 2, 0], [0, 1, 3]]
    assert fleiss_kappa(counts) == pytest.approx(17 / 45, abs=TOL)


def test_weights_equal_repeated_units() -> None:
    counts = np.array([[0, 3], [3, 0], [1, 2], [2, 1]], dtype=float)
    weights = np.array([2, 5, 1, 3])
    repeated = np.repeat(counts, weights, axis=0)
    assert fleiss_kappa(counts, weights) == pytest.approx(fleiss_kappa(repeated), abs=TOL)
    assert nominal_alpha(counts, weights) == pytest.approx(nominal_alpha(repeated), abs=TOL)
    assert percent_agreement(counts, weights) == pytest.approx(7 / 11, abs=TOL)


@pytest.mark.parametrize("seed", range(8))
def test_nominal_alpha_matches_krippendorff_package(seed: int) -> None:
    rng = np.random.default_rng(seed)
    coders, units, values = (
        int(rng.integers(2, 6)),
        int(rng.integers(5, 60)),
        int(rng.integers(2, 5)),
    )
    ratings = rng.integers(0, values, size=(coders, units)).astype(float)
    # agreement above chance, and some missing values
    ratings[1:, : units // 2] = ratings[0, : units // 2]
    ratings[rng.random(ratings.shape) < 0.15] = np.nan
    expected = krippendorff.alpha(reliability_data=ratings, level_of_measurement="nominal")
    assert nominal_alpha(counts_from_ratings(ratings)) == pytest.approx(expected, abs=TOL)


def test_undefined_measures_say_why() -> None:
    with pytest.raises(Undefined, match="no variation"):
        nominal_alpha([[2, 0], [2, 0]])
    with pytest.raises(Undefined, match="no variation"):
        cohen_kappa([[7, 0], [0, 0]])
    with pytest.raises(Undefined, match="no variation"):
        fleiss_kappa([[0, 3], [0, 3]])
    with pytest.raises(Undefined, match="no units"):
        percent_agreement(np.zeros((0, 2)))


# -- unitizing alpha ---------------------------------------------------------------------------

SHIFT = 150  # the example's continuum runs from 150 to 450
BOOK_C = [
    [(225 - SHIFT, 295 - SHIFT), (370 - SHIFT, 400 - SHIFT)],
    [(220 - SHIFT, 300 - SHIFT), (355 - SHIFT, 375 - SHIFT), (400 - SHIFT, 420 - SHIFT)],
]
BOOK_K = [
    [(180 - SHIFT, 240 - SHIFT), (300 - SHIFT, 350 - SHIFT)],
    [(180 - SHIFT, 240 - SHIFT), (300 - SHIFT, 350 - SHIFT)],
]


def test_unitizing_alpha_krippendorff_2004_worked_example() -> None:
    """Krippendorff, K. (2004). Content Analysis: An Introduction to Its Methodology (2nd ed.),
    section 12.4, the two-observer example on p. 254 (continuum 150-450, L = 300; as also
    encoded in DKPro Statistics' `Krippendorff2004Test`). Observer i: c at [225,295), [370,400);
    k at [180,240), [300,350). Observer j: c at [220,300), [355,375), [400,420); the same k.

    Category c, observed: unit pairs [225,295)/[220,300): 5^2 + 5^2 = 50; [370,400)/[355,375):
    15^2 + 25^2 = 850; j's unit [400,420) inside i's gap [400,450): 20^2 = 400. Sum 1300 per
    unordered pair, so D_o = 2 * 1300 / (2 * 1 * 300^2) = 13/900.
    Expected: units 70, 30, 80, 20, 20 (N = 5); gaps 75, 75, 50 (i) and 70, 55, 25, 30 (j).
    (N-1) l(l-1)(2l-1)/3: 895160 + 68440 + 1339840 + 2 * 19760 = 2342960.
    l^2 * sum_{G >= l} (G - l + 1): 4900*13 + 900*181 + 0 + 2 * 400*247 = 424200.
    Denominator 600 * 599 - (4830 + 870 + 6320 + 380 + 380) = 346620.
    D_e = (2/300) * 2767160 / 346620; c-alpha = 1 - D_o / D_e (book: 0.7286).
    Category k: identical units, D_o = 0; units 60, 50, 60, 50 (N = 4), gaps 30, 60, 100 twice:
    2 * (421260 + 242550) + 2 * (3600*84 + 2500*124) = 2552420; denominator 359400 - 11980 =
    347420. Overall alpha = 1 - (D_o(c) + D_o(k)) / (D_e(c) + D_e(k)) (book: 0.8591, from
    rounded intermediate figures).
    """
    d_o_c = Fraction(13, 900)
    d_e_c = Fraction(2, 300) * 2767160 / 346620
    d_e_k = Fraction(2, 300) * 2552420 / 347420

    assert unitizing_disagreement(300, BOOK_C) == pytest.approx(
        (float(d_o_c), float(d_e_c)), abs=TOL
    )
    assert unitizing_disagreement(300, BOOK_K) == pytest.approx((0.0, float(d_e_k)), abs=TOL)
    overall, per = unitized_alpha(300, {"c": BOOK_C, "k": BOOK_K})
    assert per["c"] == pytest.approx(float(1 - d_o_c / d_e_c), abs=TOL)
    assert per["k"] == 1.0
    assert overall == pytest.approx(float(1 - d_o_c / (d_e_c + d_e_k)), abs=TOL)
    # and the figures printed in the book, to the precision printed
    assert per["c"] == pytest.approx(0.7286, abs=5e-5)
    assert overall == pytest.approx(0.8591, abs=5e-4)


def test_unitizing_alpha_is_one_for_identical_units_and_undefined_without_units() -> None:
    same = [[(10, 20), (40, 45)], [(10, 20), (40, 45)], [(10, 20), (40, 45)]]
    d_o, d_e = unitizing_disagreement(100, same)
    assert d_o == 0 and d_e > 0
    with pytest.raises(Undefined):
        unitizing_disagreement(100, [[], []])


# -- units and the whole analysis --------------------------------------------------------------


def test_sentence_bounds_dutch() -> None:
    text = "Ja. Dat is bv. zo, zei dhr. Peeters. En dan? Geen idee… ja. en toen stopte het!"
    bounds = sentence_bounds(text, 0, len(text))
    assert [text[a:b] for a, b in bounds] == [
        "Ja.",
        "Dat is bv. zo, zei dhr. Peeters.",
        "En dan?",
        "Geen idee… ja. en toen stopte het!",
    ]
    assert sentence_bounds("   ", 0, 3) == []


def _example() -> tuple[list[SourceUnits], list[CodedSpan]]:
    """One source, an interviewer turn and four respondent turns of 10 characters each."""
    text = "I: vraag\n" + "".join(f"R{n}:xxxxxxx\n" for n in range(4))
    turns = tuple((9 + 11 * n, 9 + 11 * n + 10) for n in range(4))
    source = SourceUnits("gent", text, turns)
    spans = [
        CodedSpan("gent", 9, 19, "visie", "An"),  # turn 0
        CodedSpan("gent", 12, 15, "visie", "Bo"),  # turn 0, part
        CodedSpan("gent", 20, 25, "visie", "An"),  # turn 1: only An
        CodedSpan("gent", 0, 5, "visie", "Bo"),  # interviewer turn: not a unit
        CodedSpan("gent", 42, 52, "mandaat", "Bo"),  # turn 3: only Bo, another code
    ]
    return [source], spans


def test_turn_agreement_hand_example() -> None:
    """Turns x codes (An, Bo): visie: (1,1) (1,0) (0,0) (0,0); mandaat: (0,0) (0,0) (0,0) (0,1).
    visie: percent 3/4; Cohen: p_o = 3/4, p_e = 1/2*1/4 + 1/2*3/4 = 1/2, kappa = 1/2; alpha:
    values 3 ones and 5 zeros, o_01 = 1 (one disagreeing unit, m - 1 = 1), n = 8,
    alpha = 1 - 7 * 1 / (5 * 3) = 8/15.
    Pooled over the 8 pairs: 6 agree; An 2 ones, Bo 2 ones, both-one 1: p_o = 6/8, p_e =
    (2/8)^2 + (6/8)^2 = 5/8, kappa = (1/8)/(3/8) = 1/3; alpha: 4 ones, 12 zeros, o_01 = 2,
    alpha = 1 - 15 * 2 / (12 * 4) = 3/8."""
    sources, spans = _example()
    report = agreement(sources, spans, ["An", "Bo"], ["visie", "mandaat"], unit="turn")
    visie, mandaat = (c.measures for c in report.codes)
    assert report.units == 4
    assert visie.percent == pytest.approx(3 / 4, abs=TOL)
    assert visie.kappa == pytest.approx(1 / 2, abs=TOL)
    assert visie.alpha == pytest.approx(8 / 15, abs=TOL)
    assert visie.coded_by == {"An": 2, "Bo": 1}
    assert mandaat.coded_by == {"An": 0, "Bo": 1}
    assert report.overall.units == 8
    assert report.overall.percent == pytest.approx(6 / 8, abs=TOL)
    assert report.overall.kappa == pytest.approx(1 / 3, abs=TOL)
    assert report.overall.alpha == pytest.approx(3 / 8, abs=TOL)


def test_coded_only_drops_units_nobody_coded() -> None:
    """Turn 2 is coded by nobody; with --coded-only visie has 3 units: (1,1) (1,0) (0,0)."""
    sources, spans = _example()
    report = agreement(sources, spans, ["An", "Bo"], ["visie"], unit="turn", coded_only=True)
    visie = report.codes[0].measures
    assert report.units == 3 and visie.units == 3
    assert visie.percent == pytest.approx(2 / 3, abs=TOL)
    ratings = np.array([[1, 1, 0], [1, 0, 0]], dtype=float)
    expected = krippendorff.alpha(reliability_data=ratings, level_of_measurement="nominal")
    assert visie.alpha == pytest.approx(expected, abs=TOL)


def test_code_nobody_used_is_none_with_reason() -> None:
    sources, spans = _example()
    report = agreement(sources, spans, ["An", "Bo"], ["visie", "stages"])
    stages = report.codes[1].measures
    assert stages.percent == 1.0
    assert stages.kappa is None and stages.alpha is None
    assert "no coder applied this code" in stages.reasons["kappa"]
    assert report.as_json()["codes"][1]["kappa"] is None  # type: ignore[index]


def test_fewer_than_two_coders_is_undefined() -> None:
    sources, spans = _example()
    with pytest.raises(Undefined, match="two or more coders"):
        agreement(sources, spans, ["An"], ["visie"])


def _random_project(seed: int, coders: int) -> tuple[list[SourceUnits], list[CodedSpan], list[str]]:
    rng = np.random.default_rng(seed)
    sources, spans = [], []
    names = [f"c{j}" for j in range(coders)]
    for s in range(3):
        length = 400
        cuts = np.sort(rng.choice(np.arange(1, length), size=9, replace=False))
        bounds = [0, *cuts.tolist(), length]
        turns = tuple(
            (bounds[i], bounds[i + 1]) for i in range(0, len(bounds) - 1, 2)
        )  # every other stretch is a respondent turn
        sources.append(SourceUnits(f"s{s}", "x" * length, turns))
        for coder in names:
            for _ in range(int(rng.integers(3, 9))):
                a = int(rng.integers(0, length - 5))
                b = a + int(rng.integers(1, 80))
                spans.append(
                    CodedSpan(f"s{s}", a, min(b, length), str(rng.choice(["p", "q"])), coder)
                )
    return sources, spans, names


def _per_character(
    sources: list[SourceUnits], spans: list[CodedSpan], coders: list[str], code: str
) -> np.ndarray:
    """The brute-force oracle: one column per respondent character."""
    columns = []
    for source in sources:
        for start, end in source.turns:
            for pos in range(start, end):
                columns.append(
                    [
                        any(
                            s.source == source.name
                            and s.coder == coder
                            and s.code == code
                            and s.start <= pos < s.end
                            for s in spans
                        )
                        for coder in coders
                    ]
                )
    return np.array(columns, dtype=float).T


@pytest.mark.parametrize(("seed", "coders"), [(1, 2), (2, 3), (3, 4)])
def test_character_level_equals_per_character_oracle(seed: int, coders: int) -> None:
    sources, spans, names = _random_project(seed, coders)
    report = agreement(sources, spans, names, ["p", "q"], unit="character")
    for row in report.codes:
        ratings = _per_character(sources, spans, names, row.code)
        assert row.measures.units == ratings.shape[1]
        expected = krippendorff.alpha(reliability_data=ratings, level_of_measurement="nominal")
        assert row.measures.alpha == pytest.approx(expected, abs=TOL)
        unanimous = (ratings.min(axis=0) == ratings.max(axis=0)).mean()
        assert row.measures.percent == pytest.approx(unanimous, abs=TOL)
        assert row.measures.u_alpha is not None
        if coders == 2:
            a, b = ratings
            table = [[np.sum((a == x) & (b == y)) for y in (0, 1)] for x in (0, 1)]
            assert row.measures.kappa == pytest.approx(cohen_kappa(table), abs=TOL)


@pytest.mark.parametrize("unit", ["turn", "sentence"])
def test_turn_and_sentence_values_equal_overlap_oracle(unit: str) -> None:
    sources, spans, names = _random_project(5, 3)
    sources = [
        SourceUnits(s.name, ("Een zin. Nog een zin! " * 40)[: len(s.text)], s.turns)
        for s in sources
    ]
    run = analyse(sources, spans, names, ["p", "q"], unit=unit)
    table = run.units
    for u in range(len(table)):
        source = sources[int(table.source[u])].name
        a, b = int(table.start[u]), int(table.end[u])
        for c, code in enumerate(["p", "q"]):
            for j, coder in enumerate(names):
                hit = any(
                    s.source == source
                    and s.code == code
                    and s.coder == coder
                    and s.start < b
                    and s.end > a
                    for s in spans
                )
                assert run.values[c, j, u] == hit


def test_disagreements_list_units_and_merge_characters() -> None:
    sources, spans = _example()
    run = analyse(sources, spans, ["An", "Bo"], ["visie", "mandaat"], unit="turn")
    found = [(d.start, d.end, d.code, d.coded_by, d.not_coded_by) for d in disagreements(run)]
    assert found == [(20, 30, "visie", ("An",), ("Bo",)), (42, 52, "mandaat", ("Bo",), ("An",))]

    run = analyse(sources, spans, ["An", "Bo"], ["visie"], unit="character")
    found = [(d.start, d.end, d.coded_by) for d in disagreements(run)]
    # turn 0: An codes 9-19, Bo 12-15: An alone on 9-12 and 15-19; turn 1: An alone on 20-25
    assert found == [(9, 12, ("An",)), (15, 19, ("An",)), (20, 25, ("An",))]
    assert disagreements(run)[2].text == sources[0].text[20:25]


def test_character_runs_cover_only_respondent_text() -> None:
    sources, spans = _example()
    table = build_units(sources, "character", spans)
    assert int(table.weight.sum()) == 40
    assert all(
        any(a <= s and e <= b for a, b in sources[0].turns)
        for s, e in zip(table.start.tolist(), table.end.tolist(), strict=True)
    )
