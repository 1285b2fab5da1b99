"""Editing a code's lists (include, exclude, keywords, examples) from the codebook screen.

The core's codebook service has no edit for these lists yet, so an edit is the project's
codebook with that one list changed, brought in through ``CodebookService.load``: one
undoable action that changes only the fields that differ. When the service offers a
``set_list`` edit, ``set_list_field`` becomes a call to it.
"""

from __future__ import annotations

from dataclasses import replace

from qualcoder_vs.core.database import ProjectError
from qualcoder_vs.core.project import Project

LIST_FIELDS = ("include", "exclude", "keywords", "examples")


def set_list_field(
    project: Project, key: str, field: str, values: list[str], *, coder: str
) -> None:
    """Replace one list of a code; blank lines are dropped, keywords are lower case."""
    if field not in LIST_FIELDS:
        raise ProjectError(f"a code has no list '{field}' (lists: {', '.join(LIST_FIELDS)})")
    cleaned = [" ".join(value.split()) for value in values if value.strip()]
    if field == "keywords":
        cleaned = [value.lower() for value in cleaned]
    book = project.queries.codebook()
    index = next((i for i, spec in enumerate(book.entries) if spec.key == key), None)
    if index is None:
        raise ProjectError(f"unknown code '{key}'")
    book.entries[index] = replace(book.entries[index], **{field: tuple(cleaned)})
    project.codebook.load(book, coder=coder)


def new_code_key(label: str, taken: set[str]) -> str:
    """An id for a code created from its label: ``Werkdruk bij HR`` -> ``werkdruk_bij_hr``."""
    from qualcoder_vs.tui.search import fold

    words = "".join(c if c.isalnum() else " " for c in fold(label)).split()
    key = "_".join(words) or "code"
    if not key[0].isalpha():
        key = f"code_{key}"
    candidate, number = key, 2
    while candidate in taken:
        candidate, number = f"{key}_{number}", number + 1
    return candidate
