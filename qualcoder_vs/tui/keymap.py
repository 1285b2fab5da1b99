"""The researcher's own keys: a YAML file of binding ids and keys, applied with ``set_keymap``.

``~/.config/qualcoder-vs/keymap.yaml`` (or ``$XDG_CONFIG_HOME/qualcoder-vs/keymap.yaml``;
``$QVS_KEYMAP`` names another file, as the tests do)::

    coding.search: ctrl+f
    coding.apply: [enter, a, space]

Ids are those of ``keys`` (the help screen shows them). A file that cannot be read, or an id
that does not exist, is reported in one line and otherwise ignored: the workbench opens with
its own keys rather than not at all.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from qualcoder_vs.tui import keys

ENVIRONMENT = "QVS_KEYMAP"


def keymap_path() -> Path:
    named = os.environ.get(ENVIRONMENT)
    if named:
        return Path(named).expanduser()
    config = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(config) / "qualcoder-vs" / "keymap.yaml"


def load_keymap(path: Path) -> tuple[dict[str, str], list[str]]:
    """The keymap in ``path`` (empty when there is no file) and one line per problem."""
    if not path.exists():
        return {}, []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        return {}, [f"{path}: not read ({reason}); using the default keys"]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [f"{path}: expected 'binding.id: keys' lines; using the default keys"]
    known = keys.binding_ids()
    keymap: dict[str, str] = {}
    problems = []
    for binding_id, value in data.items():
        if binding_id not in known:
            problems.append(f"{path}: unknown binding id '{binding_id}' (see the help screen)")
            continue
        chosen = [value] if isinstance(value, str) else value
        if (
            not isinstance(chosen, list)
            or not chosen
            or not all(isinstance(k, str) and k.strip() for k in chosen)
        ):
            problems.append(f"{path}: '{binding_id}' needs a key or a list of keys")
            continue
        keymap[str(binding_id)] = ",".join(k.strip() for k in chosen)
    return keymap, problems
