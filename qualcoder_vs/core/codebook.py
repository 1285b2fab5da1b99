"""The codebook as a YAML file people edit by hand: parsing with line numbers, validation, writing.

Format (see docs/codebook.md)::

    name: Stadsgenoten
    language: nl
    themes:
      - id: visie_en_kader
        label: Visie, keuzes en een kader
        colour: "#1F77B4"
        description: ...
        codes:
          - id: visie
            label: ...
            parent: other_code      # optional: makes this a sub-code of another code
            colour, description, include, exclude, keywords, examples
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from qualcoder_vs.core.errors import CodebookError

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
COLOUR_PATTERN = re.compile(r"^#[0-9A-Fa-f]{6}$")
LIST_FIELDS = ("include", "exclude", "keywords", "examples")
_LINE = "__line__"


@dataclass(frozen=True, slots=True)
class CodeSpec:
    """One theme or code as the YAML file states it."""

    key: str
    label: str
    is_theme: bool
    parent: str | None
    theme: str
    colour: str = "#808080"
    description: str = ""
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    line: int = 0


@dataclass(slots=True)
class Codebook:
    name: str
    language: str = "nl"
    version: int = 1
    description: str = ""
    entries: list[CodeSpec] = field(default_factory=list)

    @property
    def themes(self) -> list[CodeSpec]:
        return [e for e in self.entries if e.is_theme]

    def codes_of(self, theme: str) -> list[CodeSpec]:
        return [e for e in self.entries if not e.is_theme and e.theme == theme]

    def get(self, key: str) -> CodeSpec | None:
        return next((e for e in self.entries if e.key == key), None)


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers where each mapping starts, so errors can name a line."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[_LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_codebook(path: Path) -> Codebook:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CodebookError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CodebookError(f"{path}: not UTF-8 text") from None
    return parse_codebook(text, str(path))


def parse_codebook(text: str, origin: str) -> Codebook:
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CodebookError(f"{origin}{where}: invalid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise CodebookError(f"{origin}: a codebook is a mapping with 'name' and 'themes'")
    return _build(data, origin)


def _fail(origin: str, line: int, problem: str) -> CodebookError:
    return CodebookError(f"{origin}:{line}: {problem}")


def _text(node: dict[str, Any], key: str, origin: str) -> str:
    value = node.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str | int | float):
        raise _fail(origin, node[_LINE], f"'{key}' must be text")
    return str(value).strip()


def _strings(node: dict[str, Any], key: str, origin: str) -> tuple[str, ...]:
    value = node.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise _fail(origin, node[_LINE], f"'{key}' must be a list of texts")
    return tuple(str(v).strip() for v in value if str(v).strip())


def _spec(
    node: Any, origin: str, *, is_theme: bool, theme: str, parent: str | None, line: int
) -> CodeSpec:
    if not isinstance(node, dict):
        raise _fail(origin, line, "each theme and code must be a mapping with 'id' and 'label'")
    line = node[_LINE]
    key = _text(node, "id", origin)
    if not key:
        raise _fail(origin, line, "missing id")
    if not ID_PATTERN.match(key):
        raise _fail(origin, line, f"bad id '{key}': use lower case letters, digits and _")
    label = _text(node, "label", origin)
    if not label:
        raise _fail(origin, line, f"'{key}' has no label")
    colour = _text(node, "colour", origin) or _text(node, "color", origin) or "#808080"
    if not COLOUR_PATTERN.match(colour):
        raise _fail(origin, line, f"'{key}' has bad colour '{colour}': use #RRGGBB")
    if is_theme and "parent" in node:
        raise _fail(origin, line, f"theme '{key}' cannot have a parent")
    declared_parent = _text(node, "parent", origin) or None
    return CodeSpec(
        key=key,
        label=label,
        is_theme=is_theme,
        parent=declared_parent or parent,
        theme=theme or key,
        colour=colour.upper(),
        description=_text(node, "description", origin),
        line=line,
        **{name: _strings(node, name, origin) for name in LIST_FIELDS},
    )


def _build(data: dict[str, Any], origin: str) -> Codebook:
    name = _text(data, "name", origin)
    if not name:
        raise _fail(origin, 1, "the codebook has no name")
    themes = data.get("themes")
    if not isinstance(themes, list) or not themes:
        raise _fail(origin, data[_LINE], "the codebook has no 'themes' list")
    version = data.get("version", 1)
    if not isinstance(version, int):
        raise _fail(origin, data[_LINE], "'version' must be a whole number")
    book = Codebook(
        name=name,
        language=_text(data, "language", origin) or "nl",
        version=version,
        description=_text(data, "description", origin),
    )
    seen: dict[str, int] = {}

    def add(spec: CodeSpec) -> None:
        if spec.key in seen:
            raise _fail(
                origin, spec.line, f"duplicate id '{spec.key}' (first at line {seen[spec.key]})"
            )
        seen[spec.key] = spec.line
        book.entries.append(spec)

    for theme_node in themes:
        theme = _spec(theme_node, origin, is_theme=True, theme="", parent=None, line=data[_LINE])
        add(theme)
        codes = theme_node.get("codes") or []
        if not isinstance(codes, list):
            raise _fail(origin, theme.line, f"'codes' of theme '{theme.key}' must be a list")
        for code_node in codes:
            add(
                _spec(
                    code_node,
                    origin,
                    is_theme=False,
                    theme=theme.key,
                    parent=theme.key,
                    line=theme.line,
                )
            )
    _check_parents(book, origin)
    return book


def _check_parents(book: Codebook, origin: str) -> None:
    by_key = {e.key: e for e in book.entries}
    for entry in book.entries:
        if entry.parent is not None and entry.parent not in by_key:
            raise _fail(origin, entry.line, f"'{entry.key}' has unknown parent '{entry.parent}'")
        seen = {entry.key}
        parent = entry.parent
        while parent is not None:
            if parent in seen:
                raise _fail(origin, entry.line, f"'{entry.key}' is its own ancestor")
            seen.add(parent)
            parent = by_key[parent].parent


def dump_codebook(book: Codebook) -> str:
    """YAML in the same layout people write, so a written-back file diffs cleanly in git."""
    themes = []
    for theme in book.themes:
        node = _node(theme)
        node["codes"] = [_node(code) for code in book.codes_of(theme.key)]
        themes.append(node)
    document = {
        "name": book.name,
        "language": book.language,
        "version": book.version,
        "description": book.description,
        "themes": themes,
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def _node(spec: CodeSpec) -> dict[str, Any]:
    node: dict[str, Any] = {"id": spec.key, "label": spec.label}
    if not spec.is_theme and spec.parent and spec.parent != spec.theme:
        node["parent"] = spec.parent
    node["colour"] = spec.colour
    if spec.description:
        node["description"] = spec.description
    for name in LIST_FIELDS:
        if getattr(spec, name):
            node[name] = list(getattr(spec, name))
    return node
