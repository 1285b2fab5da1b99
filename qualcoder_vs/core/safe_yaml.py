"""YAML from files we did not write: safe tags only, no aliases, bounded nesting and size.

``yaml.safe_load`` still expands aliases (a "billion laughs" document of a few hundred bytes
becomes gigabytes) and composes nested collections recursively (a few thousand ``[`` end in a
``RecursionError``). Codebooks and front matter need neither aliases nor deep nesting, so this
loader refuses both with a marked error that callers report like any other YAML error.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_DEPTH = 40
"""A codebook nests five levels deep (themes, codes, their lists); front matter two."""
MAX_YAML_CHARS = 5 * 1024 * 1024


class YamlRefused(yaml.MarkedYAMLError):
    """YAML we refuse to read; ``problem`` and ``problem_mark`` say what and where."""


class LimitedSafeLoader(yaml.SafeLoader):
    """``SafeLoader`` that refuses aliases and nesting deeper than :data:`MAX_DEPTH`."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlRefused(
                problem="aliases (*name) are not allowed here", problem_mark=event.start_mark
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                event = self.peek_event()
                raise YamlRefused(
                    problem=f"nested more than {MAX_DEPTH} levels deep",
                    problem_mark=event.start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


MAX_INT_DIGITS = 100


def _construct_int(loader: LimitedSafeLoader, node: yaml.ScalarNode) -> int:
    """Whole numbers as usual, but refused past :data:`MAX_INT_DIGITS` digits instead of
    failing with Python's 4,300-digit ``ValueError`` (or a slow conversion below it)."""
    digits = sum(1 for char in str(node.value) if char.isdigit())
    if digits > MAX_INT_DIGITS:
        raise YamlRefused(
            problem=f"a number with {digits} digits (at most {MAX_INT_DIGITS})",
            problem_mark=node.start_mark,
        )
    return int(yaml.SafeLoader.construct_yaml_int(loader, node))


LimitedSafeLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def check_size(text: str) -> None:
    """Refuse a document too large to be a codebook or front matter, before it is parsed."""
    if len(text) > MAX_YAML_CHARS:
        raise YamlRefused(
            problem=f"{len(text) // (1024 * 1024)} MB of YAML is more than the "
            f"{MAX_YAML_CHARS // (1024 * 1024)} MB a codebook may have"
        )


def load_limited(text: str, loader: type[LimitedSafeLoader] = LimitedSafeLoader) -> Any:
    """The YAML document in ``text``; every refusal is a ``yaml.YAMLError``."""
    check_size(text)
    try:
        return yaml.load(text, Loader=loader)
    except RecursionError:
        raise YamlRefused(problem="nested too deeply") from None
