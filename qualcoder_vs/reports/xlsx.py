"""The Excel export: codings, a code by interview and a code by city matrix, and the codebook.

openpyxl's write-only mode streams rows to disk, which keeps 10,000 codings well under the
time a researcher would wait; it still allows frozen header rows, autofilters, column widths,
styled header cells and a colour scale on the matrices, which is all this workbook needs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from qualcoder_vs.reports.agreement_table import MethodTable
from qualcoder_vs.reports.pseudonyms import CITY_KEYS, first_attribute
from qualcoder_vs.reports.quotes import Quote, QuoteSet
from qualcoder_vs.reports.tables import coding_table

SHEET_CODINGS = "codings"
SHEET_BY_INTERVIEW = "code x interview"
SHEET_BY_CITY = "code x city"
SHEET_CODEBOOK = "codebook"
SHEET_AGREEMENT = "agreement"
HEADER_FONT = Font(name="Calibri", bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
THEME_FONT = Font(name="Calibri", bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
WIDTHS = {
    "quote": 80,
    "memo": 40,
    "code": 22,
    "key": 24,
    "parent": 24,
    "code_path": 52,
    "code_label": 32,
    "theme": 30,
    "speaker": 30,
}
"""Columns wider than the default; the rest get a width from their header."""
TOTAL = "total"


def write_xlsx(quote_set: QuoteSet, path: Path, agreement: MethodTable | str | None = None) -> None:
    """``agreement``: the agreement table for its sheet, or why there is none."""
    book = Workbook(write_only=True)
    _codings_sheet(book.create_sheet(SHEET_CODINGS), quote_set)
    interviews = [(source.name, str(source.id)) for source in quote_set.sources]
    _matrix_sheet(
        book.create_sheet(SHEET_BY_INTERVIEW), quote_set, interviews, lambda q: str(q.source_id)
    )
    city_of = {
        source.id: first_attribute(source.attributes, CITY_KEYS) for source in quote_set.sources
    }
    cities = sorted({city for city in city_of.values() if city})
    _matrix_sheet(
        book.create_sheet(SHEET_BY_CITY),
        quote_set,
        [(city, city) for city in cities],
        lambda q: city_of.get(q.source_id, ""),
    )
    _codebook_sheet(book.create_sheet(SHEET_CODEBOOK), quote_set)
    if agreement is not None:
        _agreement_sheet(book.create_sheet(SHEET_AGREEMENT), agreement)
    book.save(path)


def _agreement_sheet(sheet: WriteOnlyWorksheet, table: MethodTable | str) -> None:
    """Codes down, the measures across as numbers (shares, not percentages), then the
    paragraph on the units used and the reasons for undefined values."""
    if isinstance(table, str):
        sheet.append([table])
        return
    _prepare(sheet, table.headers, frozen_columns=0, widths={table.headers[0]: 32})
    sheet.append(_header(sheet, table.headers))
    for row in table.values:
        sheet.append(row)
    _filter(sheet, len(table.headers), len(table.values))
    sheet.append([])
    for line in [*table.paragraphs, *table.notes]:
        sheet.append([line])


def _codings_sheet(sheet: WriteOnlyWorksheet, quote_set: QuoteSet) -> None:
    table = coding_table(quote_set)
    _prepare(sheet, table.columns, frozen_columns=0)
    sheet.append(_header(sheet, table.columns))
    for row in table.rows:
        sheet.append(row)
    _filter(sheet, len(table.columns), len(table.rows))


def _matrix_sheet(
    sheet: WriteOnlyWorksheet,
    quote_set: QuoteSet,
    columns: Sequence[tuple[str, str]],
    column_of: Callable[[Quote], str],
) -> None:
    """Codes down, interviews or cities across: where each code was found, at a glance."""
    counts: dict[str, Counter[str]] = {}
    for quote in quote_set.quotes:
        counts.setdefault(quote.code.key, Counter())[column_of(quote)] += 1
    headers = ["theme", "code", "code_label", *(title for title, _ in columns), TOTAL]
    _prepare(sheet, headers, frozen_columns=3)
    sheet.append(_header(sheet, headers))
    keys = [key for _, key in columns]
    written = 0
    for code in quote_set.codes:
        cells = counts.get(code.key, Counter())
        if code.is_theme and not cells:
            continue
        values = [cells.get(key, 0) for key in keys]
        sheet.append([code.theme_label, code.key, code.label, *values, sum(cells.values())])
        written += 1
    if written and keys:
        first = f"{get_column_letter(4)}2"
        last = f"{get_column_letter(3 + len(keys))}{written + 1}"
        sheet.conditional_formatting.add(
            f"{first}:{last}",
            ColorScaleRule(
                start_type="num",
                start_value=0,
                start_color="FFFFFF",
                end_type="max",
                end_color="5B9BD5",
            ),
        )
    _filter(sheet, len(headers), written)
    totals = [sum(cells.get(key, 0) for cells in counts.values()) for key in keys]
    label = WriteOnlyCell(sheet, value=TOTAL)
    label.font = THEME_FONT
    sheet.append([label, "", "", *totals, sum(sum(cells.values()) for cells in counts.values())])


def _codebook_sheet(sheet: WriteOnlyWorksheet, quote_set: QuoteSet) -> None:
    headers = [
        "key", "label", "theme", "parent", "is_theme", "colour", "codings", "description",
    ]  # fmt: skip
    _prepare(sheet, headers, frozen_columns=0, widths={"description": 90, "label": 40})
    sheet.append(_header(sheet, headers))
    per_code = Counter(q.code.key for q in quote_set.quotes)
    for code in quote_set.codes:
        key_cell = WriteOnlyCell(sheet, value=code.key)
        colour_cell = WriteOnlyCell(sheet, value=code.colour)
        colour_cell.fill = PatternFill("solid", fgColor=code.colour.lstrip("#").upper())
        description = WriteOnlyCell(sheet, value=code.description)
        description.alignment = WRAP
        if code.is_theme:
            key_cell.font = THEME_FONT
        sheet.append(
            [
                key_cell,
                code.label,
                code.theme,
                code.parent or "",
                code.is_theme,
                colour_cell,
                per_code.get(code.key, 0),
                description,
            ]
        )
    _filter(sheet, len(headers), len(quote_set.codes))


def _prepare(
    sheet: WriteOnlyWorksheet,
    headers: Sequence[str],
    *,
    frozen_columns: int,
    widths: dict[str, int] | None = None,
) -> None:
    """Column widths and frozen panes: write-only sheets take them before the first row."""
    wanted = {**WIDTHS, **(widths or {})}
    for index, header in enumerate(headers, start=1):
        width = wanted.get(header, min(max(len(header) + 4, 10), 30))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"{get_column_letter(frozen_columns + 1)}2"


def _header(sheet: WriteOnlyWorksheet, headers: Iterable[str]) -> list[Any]:
    cells = []
    for title in headers:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cells.append(cell)
    return cells


def _filter(sheet: WriteOnlyWorksheet, columns: int, rows: int) -> None:
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(columns, 1))}{rows + 1}"
