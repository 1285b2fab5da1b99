"""Writing a codebook back to its YAML file, changing only what was edited.

The codebook file lives in git and is written by people: comments explain codes, long texts are
folded by hand, quoting follows habit. Writing it back must leave all of that alone, so a
changed label shows in ``git diff`` as one changed line. ruamel.yaml's round-trip mode keeps
comments, order, quoting and block styles; this module loads the existing file that way, edits
in place only the fields whose values differ from the project's codebook, adds and removes
what was added and removed, and leaves the file's own name, version and description (which the
project does not keep) as they are. A file that does not exist yet, or is no valid codebook,
is written fresh in the same layout.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
)

from qualcoder_vs.core.codebook import (
    LIST_FIELDS,
    Codebook,
    CodeSpec,
    parse_codebook,
)
from qualcoder_vs.core.errors import CodebookError

_SEQUENCE_DASH = re.compile(r"^themes:[ \t]*\n([ \t]*)- ", re.MULTILINE)
_FIELD_ORDER = ("id", "label", "parent", "colour", "description", *LIST_FIELDS, "codes")
_LONG = 80


FRESH_WIDTH = 88


def _yaml(offset: int, *, fresh: bool = False) -> YAML:
    """An existing file is never re-wrapped (an unchanged long line must come out exactly as
    it went in); a fresh one is folded at a readable width."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = FRESH_WIDTH if fresh else 1_000_000
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    return yaml


def _dash_offset(text: str) -> int:
    """How far list dashes are indented under their key (``themes:\\n  - id``: 2), so edits
    and additions follow the file's own habit."""
    match = _SEQUENCE_DASH.search(text)
    return len(match.group(1)) if match else 2


def _text_value(value: str, old: Any = None) -> Any:
    """A new text in the style of the one it replaces; long new texts are folded."""
    if isinstance(old, LiteralScalarString):
        return LiteralScalarString(value)
    if isinstance(old, FoldedScalarString) or (old is None and len(value) > _LONG):
        return FoldedScalarString(value) if "\n" not in value else LiteralScalarString(value)
    return value


def _list_value(items: tuple[str, ...]) -> CommentedSeq:
    return CommentedSeq(list(items))


def _colour_key(node: CommentedMap) -> str:
    return "color" if "color" in node and "colour" not in node else "colour"


def _insert(node: CommentedMap, key: str, value: Any) -> None:
    """Add ``key`` where the usual field order puts it, not at the end."""
    wanted = _FIELD_ORDER.index(key) if key in _FIELD_ORDER else len(_FIELD_ORDER)
    position = len(node)
    for index, existing in enumerate(node):
        rank = _FIELD_ORDER.index(existing) if existing in _FIELD_ORDER else len(_FIELD_ORDER)
        if rank > wanted:
            position = index
            break
    node.insert(position, key, value)


def _set_text(node: CommentedMap, key: str, value: str) -> None:
    current = node.get(key)
    current_text = "" if current is None else str(current).strip()
    if current_text == value:
        return
    if not value:
        del node[key]
    elif key in node:
        node[key] = _text_value(value, current)
    else:
        _insert(node, key, _text_value(value))


def _set_list(node: CommentedMap, key: str, items: tuple[str, ...]) -> None:
    current = node.get(key)
    if isinstance(current, str):
        current = [current]
    current_items = tuple(str(v).strip() for v in current or [] if str(v).strip())
    if current_items == items:
        return
    if not items:
        del node[key]
    elif isinstance(current, CommentedSeq):
        del current[:]
        current.extend(items)
    elif key in node:
        node[key] = _list_value(items)
    else:
        _insert(node, key, _list_value(items))


def _update_node(node: CommentedMap, spec: CodeSpec) -> None:
    if str(node.get("label", "")).strip() != spec.label:
        node["label"] = spec.label
    parent = spec.parent if not spec.is_theme and spec.parent != spec.theme else None
    _set_text(node, "parent", parent or "")
    key = _colour_key(node)
    current = str(node.get(key, "")).strip()
    if current.upper() != spec.colour.upper():
        if key in node:
            node[key] = DoubleQuotedScalarString(spec.colour)
        else:
            _insert(node, "colour", DoubleQuotedScalarString(spec.colour))
    _set_text(node, "description", spec.description)
    for name in LIST_FIELDS:
        _set_list(node, name, getattr(spec, name))


def _new_node(spec: CodeSpec) -> CommentedMap:
    node = CommentedMap()
    node["id"] = spec.key
    node["label"] = spec.label
    _update_node(node, spec)
    return node


def _reorder(seq: CommentedSeq, nodes: list[CommentedMap]) -> None:
    """Make ``seq`` hold ``nodes`` in this order, touching it only when something differs, so
    an unchanged list keeps the comments attached to its items."""
    if len(seq) == len(nodes) and all(a is b for a, b in zip(seq, nodes, strict=True)):
        return
    del seq[:]
    seq.extend(nodes)


def _node_id(node: Any) -> str | None:
    if isinstance(node, CommentedMap) and isinstance(node.get("id"), str):
        return str(node["id"]).strip()
    return None


def _merge(document: CommentedMap, book: Codebook) -> None:
    themes = document.get("themes")
    if not isinstance(themes, CommentedSeq):
        themes = CommentedSeq()
        document["themes"] = themes
    nodes: dict[str, CommentedMap] = {}
    for theme in themes:
        if (key := _node_id(theme)) is not None:
            nodes[key] = theme
        codes = theme.get("codes") if isinstance(theme, CommentedMap) else None
        for code in codes if isinstance(codes, CommentedSeq) else ():
            if (key := _node_id(code)) is not None:
                nodes[key] = code
    if str(document.get("language", "")).strip() != book.language:
        document["language"] = book.language
    ordered_themes: list[CommentedMap] = []
    for theme in book.themes:
        theme_node = nodes.get(theme.key)
        if theme_node is None:
            theme_node = _new_node(theme)
        else:
            _update_node(theme_node, theme)
        codes = [nodes.get(code.key) for code in book.codes_of(theme.key)]
        code_nodes = []
        for spec, found in zip(book.codes_of(theme.key), codes, strict=True):
            if found is None:
                code_nodes.append(_new_node(spec))
            else:
                _update_node(found, spec)
                code_nodes.append(found)
        existing = theme_node.get("codes")
        if isinstance(existing, CommentedSeq):
            _reorder(existing, code_nodes)
        elif code_nodes:
            theme_node["codes"] = CommentedSeq(code_nodes)
        ordered_themes.append(theme_node)
    _reorder(themes, ordered_themes)


def _fresh(book: Codebook) -> CommentedMap:
    document = CommentedMap()
    document["name"] = book.name
    document["language"] = book.language
    document["version"] = book.version
    if book.description:
        document["description"] = _text_value(book.description)
    document["themes"] = CommentedSeq()
    return document


def render_codebook(book: Codebook, existing: str | None = None, origin: str = "") -> str:
    """The YAML text of ``book``: ``existing`` edited where it differs, or a fresh file."""
    document: CommentedMap | None = None
    offset = 2
    if existing is not None:
        try:
            parse_codebook(existing, origin or "codebook")
        except CodebookError:
            existing = None
    if existing is not None:
        offset = _dash_offset(existing)
        loaded = _yaml(offset).load(existing)
        document = loaded if isinstance(loaded, CommentedMap) else None
    if document is None:
        document = _fresh(book)
    _merge(document, book)
    out = io.StringIO()
    _yaml(offset, fresh=existing is None).dump(document, out)
    return out.getvalue()


def dump_codebook(book: Codebook) -> str:
    """A fresh YAML file for ``book``, in the layout people write by hand."""
    return render_codebook(book)


def _atomic_write(path: Path, text: str, error: Callable[[str], Exception]) -> None:
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise error(f"{path}: cannot write ({exc.strerror})") from None


def write_codebook(book: Codebook, path: Path, *, template: Path | None = None) -> None:
    """Write ``book`` to ``path``, editing the codebook already there (or, for a new file,
    the ``template`` the project's codebook was loaded from) so its comments survive."""
    existing: str | None = None
    origin = ""
    for candidate in (path, template):
        if candidate is not None and candidate.is_file():
            try:
                existing = candidate.read_bytes().decode("utf-8-sig")
                origin = str(candidate)
                break
            except (OSError, UnicodeDecodeError):
                continue
    _atomic_write(path, render_codebook(book, existing, origin), CodebookError)
