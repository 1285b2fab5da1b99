"""Editing a code's lists (include, exclude, keywords, examples) from the codebook screen.

A stopgap beside ``codebook_ops``, which has no edit for these fields: one undoable action
per edit, through the project's unit of work, no SQL of its own. When the core's codebook
service offers such an edit, this module goes and the screen calls that.
"""

from __future__ import annotations

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
    with project.action("codebook.describe", f"edit {field} of {key}", coder) as session:
        setattr(project.code_in(session, key), field, cleaned)


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
