"""Codings as table rows for CSV, JSON and Excel: one row per coding, the same columns everywhere.

Column names are short English identifiers so scripts (R, pandas) can rely on them; interview
attributes (``stad``, ``rol``, ...) become columns of their own so a spreadsheet filters on them.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from qualcoder_vs.core.clock import format_clock
from qualcoder_vs.reports.quotes import CodeInfo, Quote, QuoteSet

FIXED_BEFORE = ("code", "code_label", "code_path", "theme", "source", "speaker", "speaker_role")
FIXED_AFTER = (
    "quote",
    "important",
    "memo",
    "coder",
    "created",
    "start",
    "end",
    "start_time",
    "end_time",
    "origin",
    "coding_id",
)
JSON_FORMAT = "qualcoder-vs codings"
JSON_VERSION = 1


@dataclass(frozen=True, slots=True)
class CodingTable:
    columns: list[str]
    attribute_columns: dict[str, str]
    """Attribute key -> its column name (renamed only when it clashes with a fixed column)."""
    rows: list[list[Any]]


def attribute_keys(quote_set: QuoteSet) -> list[str]:
    """Attribute keys in the order the interviews first use them."""
    keys: dict[str, None] = {}
    for source in quote_set.sources:
        keys.update(dict.fromkeys(source.attributes))
    return list(keys)


def coding_table(quote_set: QuoteSet) -> CodingTable:
    fixed = set(FIXED_BEFORE) | set(FIXED_AFTER)
    attribute_columns = {
        key: f"{key}_attribute" if key in fixed else key for key in attribute_keys(quote_set)
    }
    columns = [*FIXED_BEFORE, *attribute_columns.values(), *FIXED_AFTER]
    rows = [
        [
            q.code.key,
            q.code.label,
            q.code.path_label,
            q.code.theme_label,
            q.source,
            q.speaker,
            q.speaker_role,
            *(q.attributes.get(key, "") for key in attribute_columns),
            q.text,
            q.important,
            q.memo,
            q.coder,
            _timestamp(q.created),
            q.start,
            q.end,
            _clock(q.start_ms),
            _clock(q.end_ms),
            q.origin,
            str(q.coding_id),
        ]
        for q in quote_set.quotes
    ]
    return CodingTable(columns=columns, attribute_columns=attribute_columns, rows=rows)


def to_csv(quote_set: QuoteSet) -> bytes:
    """UTF-8 with a byte order mark: without it Excel reads "coördinator" as mojibake."""
    table = coding_table(quote_set)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(_csv_cell(cell) for cell in row)
    return buffer.getvalue().encode("utf-8-sig")


def to_json(quote_set: QuoteSet, *, exported: datetime) -> bytes:
    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "project": quote_set.project,
        "language": quote_set.language,
        "exported": exported.isoformat(timespec="seconds"),
        "pseudonymised": quote_set.pseudonymised,
        "codebook": [_code_json(code) for code in quote_set.codes],
        "sources": [
            {"name": source.name, "attributes": source.attributes} for source in quote_set.sources
        ],
        "codings": [_coding_json(q) for q in quote_set.quotes],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _code_json(code: CodeInfo) -> dict[str, Any]:
    return {
        "key": code.key,
        "label": code.label,
        "is_theme": code.is_theme,
        "parent": code.parent,
        "theme": code.theme,
        "path": list(code.path),
        "colour": code.colour,
        "description": code.description,
    }


def _coding_json(q: Quote) -> dict[str, Any]:
    return {
        "id": str(q.coding_id),
        "code": q.code.key,
        "code_path": list(q.code.keys_from_theme),
        "theme": q.code.theme,
        "source": q.source,
        "speaker": q.speaker,
        "speaker_role": q.speaker_role,
        "attributes": q.attributes,
        "quote": q.text,
        "important": q.important,
        "memo": q.memo,
        "coder": q.coder,
        "created": _timestamp(q.created),
        "start": q.start,
        "end": q.end,
        "start_ms": q.start_ms,
        "end_ms": q.end_ms,
        "origin": q.origin,
    }


def _clock(ms: int | None) -> str:
    return format_clock(ms) if ms is not None else ""


def _timestamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _csv_cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value
