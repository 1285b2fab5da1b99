"""The agreement table as a method section shows it: one row per code and a pooled row, the
same for the terminal, the report appendix (md, html, docx) and the xlsx sheet.

Its words live here, per language, beside the table they describe: the method appendix is
the only place that uses them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported with the computation only, not at CLI start-up
    from qualcoder_vs.core.agreement import Agreement, AgreementReport
    from qualcoder_vs.core.project import Project

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Method: intercoder agreement",
        "code": "Code",
        "units": "Units",
        "agreement": "Agreement",
        "kappa": "Kappa",
        "alpha": "Alpha",
        "u_alpha": "u-alpha",
        "overall": "All codes (pooled)",
        "unit_turn": "respondent turns",
        "unit_sentence": "sentences of respondent turns",
        "unit_character": "characters of respondent turns",
        "units_used": (
            "Agreement was computed on {n} {unit} in {sources} (interviewer turns left out), "
            "for the coders {coders}. A coder's value for a code on a unit is 1 when one of "
            "their codings of that code overlaps the unit, otherwise 0."
        ),
        "coded_only": " Only units that at least one coder coded with some code are counted.",
        "measures": (
            "Agreement is the share of units on which all coders gave the same value; kappa is "
            "{kappa}'s kappa; alpha is Krippendorff's alpha for nominal data. The pooled row "
            "counts every (unit, code) pair."
        ),
        "u_alpha_note": (
            " u-alpha is Krippendorff's (2004) unitizing alpha over the respondent text, "
            "which also weighs where coded passages begin and end."
        ),
        "undefined": "{code}: {measure} undefined ({reason}).",
        "interviews_one": "1 interview",
        "interviews_many": "{n} interviews",
        "decimal": ".",
    },
    "nl": {
        "title": "Methode: overeenstemming tussen codeurs",
        "code": "Code",
        "units": "Eenheden",
        "agreement": "Overeenstemming",
        "kappa": "Kappa",
        "alpha": "Alfa",
        "u_alpha": "u-alfa",
        "overall": "Alle codes (samen)",
        "unit_turn": "beurten van respondenten",
        "unit_sentence": "zinnen uit beurten van respondenten",
        "unit_character": "tekens uit beurten van respondenten",
        "units_used": (
            "De overeenstemming is berekend op {n} {unit} in {sources} (beurten van de "
            "interviewer niet meegeteld), voor de codeurs {coders}. De waarde van een codeur "
            "voor een code op een eenheid is 1 als een van zijn of haar coderingen met die "
            "code de eenheid overlapt, anders 0."
        ),
        "coded_only": (
            " Enkel eenheden die minstens één codeur met een of andere code codeerde, tellen mee."
        ),
        "measures": (
            "Overeenstemming is het aandeel eenheden waarop alle codeurs dezelfde waarde gaven; "
            "kappa is de kappa van {kappa}; alfa is Krippendorffs alfa voor nominale gegevens. "
            "De rij voor alle codes telt elk paar (eenheid, code)."
        ),
        "u_alpha_note": (
            " u-alfa is Krippendorffs (2004) alfa voor unitizing over de tekst van de "
            "respondenten; die weegt ook waar gecodeerde passages beginnen en eindigen."
        ),
        "undefined": "{code}: {measure} niet bepaald ({reason}).",
        "interviews_one": "1 interview",
        "interviews_many": "{n} interviews",
        "decimal": ",",
    },
}

DASH = "–"


@dataclass(frozen=True, slots=True)
class AgreementSpec:
    """Which agreement a method appendix or sheet reports (`qvs report --agreement ...`)."""

    unit: str = "turn"
    coders: tuple[str, ...] = ()
    coded_only: bool = False


def words(language: str) -> dict[str, str]:
    base = language.strip().lower().split("-")[0].split("_")[0]
    return WORDS.get(base, WORDS["en"])


@dataclass(frozen=True)
class MethodTable:
    """Plain strings, ready for any renderer; ``numeric`` marks right-aligned columns."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]
    paragraphs: list[str]
    notes: list[str]
    values: list[list[str | int | float | None]]
    """The rows as numbers (shares, not percentages; None when undefined), for spreadsheets."""


def _ratio(value: float | None, decimal: str) -> str:
    return DASH if value is None else f"{value:.3f}".replace(".", decimal)


def _percent(value: float | None, decimal: str) -> str:
    return DASH if value is None else f"{100 * value:.1f}%".replace(".", decimal)


def _values(
    label: str, m: Agreement, coders: Sequence[str], with_u: bool
) -> list[str | int | float | None]:
    cells: list[str | int | float | None] = [label, m.units]
    cells += [m.coded_by.get(c, 0) for c in coders]
    cells += [m.percent, m.kappa, m.alpha]
    if with_u:
        cells.append(m.u_alpha)
    return cells


def _row(label: str, m: Agreement, coders: Sequence[str], with_u: bool, decimal: str) -> list[str]:
    cells = [label, str(m.units), *(str(m.coded_by.get(c, 0)) for c in coders)]
    cells += [_percent(m.percent, decimal), _ratio(m.kappa, decimal), _ratio(m.alpha, decimal)]
    if with_u:
        cells.append(_ratio(m.u_alpha, decimal))
    return cells


def method_table(
    report: AgreementReport,
    *,
    sources: int,
    language: str = "en",
    labels: dict[str, str] | None = None,
) -> MethodTable:
    """The table, the paragraph on the units used, and the reasons for undefined values."""
    w = words(language)
    with_u = report.unit == "character"
    headers = [w["code"], w["units"], *report.coders, w["agreement"], w["kappa"], w["alpha"]]
    if with_u:
        headers.append(w["u_alpha"])
    named = [(labels.get(c.code, c.code) if labels else c.code, c.measures) for c in report.codes]
    named.append((w["overall"], report.overall))
    rows = [_row(label, m, report.coders, with_u, w["decimal"]) for label, m in named]
    values = [_values(label, m, report.coders, with_u) for label, m in named]
    numeric = [False] + [True] * (len(headers) - 1)
    where = w["interviews_one"] if sources == 1 else w["interviews_many"].format(n=sources)
    coders = ", ".join(report.coders)
    first = w["units_used"].format(
        n=report.units, unit=w[f"unit_{report.unit}"], sources=where, coders=coders
    )
    if report.coded_only:
        first += w["coded_only"]
    second = w["measures"].format(kappa=report.kappa_kind)
    if with_u:
        second += w["u_alpha_note"]
    names = {"percent": w["agreement"], "kappa": w["kappa"], "alpha": w["alpha"]}
    names["u_alpha"] = w["u_alpha"]
    notes = []
    for item in [*report.codes]:
        for measure, reason in item.measures.reasons.items():
            label = labels.get(item.code, item.code) if labels else item.code
            notes.append(
                w["undefined"].format(code=label, measure=names[measure].lower(), reason=reason)
            )
    for measure, reason in report.overall.reasons.items():
        notes.append(
            w["undefined"].format(code=w["overall"], measure=names[measure].lower(), reason=reason)
        )
    return MethodTable(
        w["title"], headers, rows, numeric, [first, second], [*notes, *report.notes], values
    )


def plain(table: MethodTable) -> str:
    """Aligned text: numbers flush right, as a method section's table has them."""
    widths = [len(h) for h in table.headers]
    for row in table.rows:
        widths = [max(a, len(b)) for a, b in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(wd) if right else c.ljust(wd)
            for c, wd, right in zip(cells, widths, table.numeric, strict=True)
        ).rstrip()

    out = [line(table.headers), *(line(r) for r in table.rows)]
    return "\n".join(out)


def project_method_table(project: Project, spec: AgreementSpec, language: str) -> MethodTable:
    """The method table of a project, for reports and exports (every coder's codings, also
    while coding blind: comparing coders is the point)."""
    data = project.queries.agreement_input(coders=spec.coders)
    report = data.report(spec.unit, coded_only=spec.coded_only)
    return method_table(
        report, sources=len(data.sources), language=language, labels=data.code_labels
    )
