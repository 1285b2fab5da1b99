"""The codebook as a table (CSV or Excel), for tools that exchange codebooks that way.

Taguette imports a codebook only as CSV: one of the columns ``tag``, ``name`` or ``path`` (and
exactly one, or it refuses the file) holds the tag, ``.`` separating levels, and ``description``
its description. We write ``path`` as ``theme.code`` (``theme.parent.code`` for a sub-code) from
the stable ids, ``description``, and then our own columns: ``label``, ``colour``, ``include``,
``exclude``, ``keywords``, ``examples`` (list items one per line inside the cell). Reading takes
our tables back field for field, and Taguette's (or any tool's) with labels made from the path.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import replace
from pathlib import Path

from qualcoder_vs.core.codebook import (
    COLOUR_PATTERN,
    ID_PATTERN,
    LIST_FIELDS,
    Codebook,
    CodeSpec,
    slug,
)
from qualcoder_vs.core.errors import CodebookError
from qualcoder_vs.core.text import TextDecodeError, decode

TABLE_SUFFIXES = (".csv", ".xlsx")
PATH_COLUMNS = ("path", "tag", "name")
COLUMNS = ("path", "description", "label", "colour", *LIST_FIELDS)
SEPARATOR = "."
DEFAULT_COLOUR = "#808080"
LOOSE_THEME_KEY = "losse_codes"
LOOSE_THEME_LABEL = "Losse codes"
MAX_TABLE_BYTES = 20 * 1024 * 1024
SHEET = "codebook"


# -- writing ---------------------------------------------------------------------------------


def _path(spec: CodeSpec, by_key: dict[str, CodeSpec]) -> str:
    keys = [spec.key]
    parent = spec.parent
    while parent is not None:
        keys.append(parent)
        parent = by_key[parent].parent
    return SEPARATOR.join(reversed(keys))


def table_rows(book: Codebook) -> list[list[str]]:
    """The header and one row per theme and code, in the codebook's order."""
    by_key = {entry.key: entry for entry in book.entries}
    rows = [list(COLUMNS)]
    for entry in book.entries:
        rows.append(
            [
                _path(entry, by_key),
                entry.description,
                entry.label,
                entry.colour,
                *("\n".join(getattr(entry, name)) for name in LIST_FIELDS),
            ]
        )
    return rows


def write_codebook_table(book: Codebook, path: Path) -> None:
    """``book`` as CSV (UTF-8, comma-separated, as Taguette reads it) or as an .xlsx sheet."""
    rows = table_rows(book)
    try:
        if path.suffix.casefold() == ".xlsx":
            from openpyxl import Workbook

            workbook = Workbook()
            sheet = workbook.active
            assert sheet is not None
            sheet.title = SHEET
            for row in rows:
                sheet.append(row)
            workbook.save(path)
        else:
            with path.open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle).writerows(rows)
    except OSError as exc:
        raise CodebookError(f"{path}: cannot write ({exc.strerror})") from None


# -- reading ---------------------------------------------------------------------------------


def _csv_rows(data: bytes, origin: str) -> list[list[str]]:
    try:
        text = decode(data).text
    except TextDecodeError as exc:
        raise CodebookError(f"{origin}: not a text file ({exc})") from None
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    try:
        return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise CodebookError(f"{origin}: not valid CSV ({exc})") from None


def _xlsx_rows(data: bytes, origin: str) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise CodebookError(
            f"{origin}: not a readable .xlsx workbook ({type(exc).__name__})"
        ) from None
    try:
        sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
        return [
            ["" if cell is None else str(cell) for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    except (KeyError, ValueError, TypeError, IndexError) as exc:
        raise CodebookError(
            f"{origin}: not a readable .xlsx workbook ({type(exc).__name__})"
        ) from None
    finally:
        workbook.close()


def _column(header: list[str], origin: str) -> int:
    found = [name for name in PATH_COLUMNS if name in header]
    if len(found) != 1:
        problem = "no 'path', 'tag' or 'name' column" if not found else "more than one of"
        detail = "" if not found else f" {', '.join(found)}: which holds the code?"
        raise CodebookError(f"{origin}:1: {problem}{detail}")
    return header.index(found[0])


class _Keys:
    """Our ids kept where a table has them; ids made from names for other tools' tags."""

    def __init__(self) -> None:
        self.by_path: dict[tuple[str, ...], str] = {}
        self.taken: set[str] = set()

    def key(self, segments: tuple[str, ...]) -> str:
        found = self.by_path.get(segments)
        if found is not None:
            return found
        wanted = segments[-1]
        key = wanted if ID_PATTERN.match(wanted) and wanted not in self.taken else slug(wanted)
        base, n = key, 2
        while key in self.taken:
            key = f"{base}_{n}"
            n += 1
        self.taken.add(key)
        self.by_path[segments] = key
        return key


def read_codebook_table(path: Path) -> Codebook:
    """The codebook in a CSV or .xlsx file: ours, Taguette's, or any with a tag column."""
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_TABLE_BYTES:
            raise CodebookError(f"{origin}: {size // 1024**2} MB is too large for a codebook")
        data = path.read_bytes()
    except OSError as exc:
        raise CodebookError(f"{origin}: cannot read ({exc.strerror})") from None
    is_xlsx = path.suffix.casefold() == ".xlsx"
    rows = _xlsx_rows(data, origin) if is_xlsx else _csv_rows(data, origin)
    if not rows:
        raise CodebookError(f"{origin}: empty file")
    header = [cell.strip().lower().lstrip("\ufeff") for cell in rows[0]]
    path_column = _column(header, origin)
    columns = {name: header.index(name) for name in COLUMNS if name in header}
    ours = "label" in columns
    cells: list[tuple[int, tuple[str, ...], dict[str, str]]] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        raw = row[path_column].strip() if path_column < len(row) else ""
        segments = tuple(part.strip() for part in raw.split(SEPARATOR))
        if not raw or not all(segments):
            raise CodebookError(f"{origin}:{line}: empty code name in '{raw}'")
        values = {
            name: (row[index].strip() if index < len(row) else "")
            for name, index in columns.items()
        }
        cells.append((line, segments, values))
    if not cells:
        raise CodebookError(f"{origin}: no codes in the table")
    return _build(path.stem, cells, ours=ours, origin=origin)


def _build(
    name: str,
    cells: list[tuple[int, tuple[str, ...], dict[str, str]]],
    *,
    ours: bool,
    origin: str,
) -> Codebook:
    prefixes = {segments[:n] for _, segments, _ in cells for n in range(1, len(segments))}
    keys = _Keys()
    entries: dict[tuple[str, ...], CodeSpec] = {}
    order: list[tuple[str, ...]] = []
    implicit: set[tuple[str, ...]] = set()

    def ensure(segments: tuple[str, ...], line: int, values: dict[str, str] | None) -> None:
        """The entry for ``segments``, with any level above it it needs."""
        if segments in entries:
            if values is not None:
                raise CodebookError(
                    f"{origin}:{line}: '{SEPARATOR.join(segments)}' is listed twice"
                )
            return
        is_theme = len(segments) == 1 and (
            ours or segments in prefixes or segments == (LOOSE_THEME_KEY,)
        )
        if len(segments) == 1 and not is_theme:
            ensure((LOOSE_THEME_KEY,), line, None)
            parent_segments: tuple[str, ...] | None = (LOOSE_THEME_KEY,)
        elif len(segments) > 1:
            parent_segments = segments[:-1]
            ensure(parent_segments, line, None)
        else:
            parent_segments = None
        given = values is not None
        values = values or {}
        key = LOOSE_THEME_KEY if segments == (LOOSE_THEME_KEY,) else keys.key(segments)
        label = values.get("label") or (
            LOOSE_THEME_LABEL if segments == (LOOSE_THEME_KEY,) else segments[-1]
        )
        colour = (values.get("colour") or "").upper() or DEFAULT_COLOUR
        if not COLOUR_PATTERN.match(colour):
            raise CodebookError(f"{origin}:{line}: bad colour '{colour}': use #RRGGBB")
        parent = entries[parent_segments] if parent_segments else None
        entries[segments] = CodeSpec(
            key=key,
            label=label,
            is_theme=parent is None,
            parent=parent.key if parent else None,
            theme=(parent.theme if parent else key),
            colour=colour,
            description=values.get("description", ""),
            line=line,
            **{
                field: tuple(
                    item.strip() for item in values.get(field, "").split("\n") if item.strip()
                )
                for field in LIST_FIELDS
            },
        )
        order.append(segments)
        if not given:
            implicit.add(segments)

    for line, segments, values in cells:
        if segments in implicit:
            # a level first made for a row below it, now described by its own row
            implicit.discard(segments)
            entries[segments] = _with_values(entries[segments], values, line, origin)
            continue
        ensure(segments, line, values)
    book = Codebook(name=name)
    themes = [entries[s] for s in order if entries[s].is_theme]
    for theme in themes:
        book.entries.append(theme)
        book.entries.extend(
            entries[s] for s in order if not entries[s].is_theme and entries[s].theme == theme.key
        )
    return book


def _lists(values: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """List cells hold one item per line."""
    return {
        name: tuple(item.strip() for item in values.get(name, "").split("\n") if item.strip())
        for name in LIST_FIELDS
    }


def _with_values(spec: CodeSpec, values: dict[str, str], line: int, origin: str) -> CodeSpec:
    colour = (values.get("colour") or spec.colour).upper()
    if not COLOUR_PATTERN.match(colour):
        raise CodebookError(f"{origin}:{line}: bad colour '{colour}': use #RRGGBB")
    return replace(
        spec,
        label=values.get("label") or spec.label,
        colour=colour,
        description=values.get("description", ""),
        line=line,
        **_lists(values),
    )


# -- adding a table's codes to a project's codebook ------------------------------------------


def add_entries(current: Codebook, incoming: Codebook) -> tuple[Codebook, list[CodeSpec]]:
    """``current`` with the entries of ``incoming`` it does not have (by id, or by label under
    the same theme) added after their theme's codes; nothing already there changes. Returns
    the merged codebook and the entries added."""
    keys = {entry.key for entry in current.entries}
    labels = {(entry.theme, entry.label.casefold()): entry.key for entry in current.entries}
    renamed: dict[str, str] = {}
    added: list[CodeSpec] = []
    merged = list(current.entries)
    for entry in incoming.entries:
        theme = renamed.get(entry.theme, entry.theme)
        parent = renamed.get(entry.parent, entry.parent) if entry.parent else None
        same = entry.key if entry.key in keys else labels.get((theme, entry.label.casefold()))
        if same is not None:
            renamed[entry.key] = same
            continue
        spec = replace(entry, theme=theme if not entry.is_theme else entry.key, parent=parent)
        at = max(
            (n for n, e in enumerate(merged) if e.theme == spec.theme), default=len(merged) - 1
        )
        merged.insert(at + 1, spec)
        keys.add(spec.key)
        added.append(spec)
    book = Codebook(
        name=current.name,
        language=current.language,
        version=current.version,
        description=current.description,
        entries=merged,
    )
    return book, added
