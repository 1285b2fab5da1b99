"""What the transcript's margin says about a line: the codes on it, as many as fit, then ``+N``.

Names are the codes' ids; when they do not all fit, each is shown by its short form, the
shortest beginning of the id (at least ``SHORT``) that no other code in the codebook shares,
so a shortened name still says exactly one code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

SHORT = 6


def abbreviations(keys: Iterable[str]) -> dict[str, str]:
    """Each id's short form: the whole id when it is short, else its shortest unique
    beginning of at least ``SHORT`` characters, with a ``.`` to show it was shortened."""
    every = sorted(set(keys))
    found: dict[str, str] = {}
    for key in every:
        if len(key) <= SHORT + 1:
            found[key] = key
            continue
        others = [k for k in every if k != key]
        for length in range(SHORT, len(key)):
            prefix = key[:length]
            if not any(other.startswith(prefix) for other in others):
                found[key] = prefix.rstrip("_") + "."
                break
        else:
            found[key] = key
    return found


@dataclass(frozen=True, slots=True)
class Label:
    """One code as the margin names it."""

    code: str
    name: str
    short: str
    important: bool

    def text(self, short: bool) -> str:
        return (self.short if short else self.name) + ("★" if self.important else "")


def fit_labels(labels: list[Label], width: int) -> tuple[list[str], int]:
    """The names to show in ``width`` cells (one space apart) and how many codes are left for
    ``+N``: all full names if they fit, else short names, as many as fit beside the ``+N``.
    A lone name longer than the margin is the only thing ever cut."""
    if not labels or width <= 0:
        return [], 0
    for short in (False, True):
        names = [label.text(short) for label in labels]
        if len(" ".join(names)) <= width:
            return names, 0
    shown: list[str] = []
    for index, name in enumerate(names):
        rest = len(labels) - index - 1
        more = len(f" +{rest}") if rest else 0
        used = len(" ".join([*shown, name]))
        if used + more > width:
            break
        shown.append(name)
    left = len(labels) - len(shown)
    if not shown and left and len(f"+{left}") + 2 <= width:
        room = width - len(f" +{left - 1}") if left > 1 else width
        if room >= 3:
            shown, left = [names[0][: room - 1] + "…"], left - 1
    return shown, left
