"""The language of the screens: gettext catalogues, Dutch or English, a third one a file away.

Strings are written in English in the code and marked with ``_`` (translated where they are
shown) or ``N_`` (marked where they are defined, as the key bindings are, and translated by
whoever shows them). The catalogues live in ``qualcoder_vs/locale/<lang>/LC_MESSAGES/qvs.po``
and ship compiled beside them (``qvs.mo``), so an install needs no build step. With Babel::

    pybabel extract -k _ -k N_ --no-location -o qvs.pot qualcoder_vs/tui qualcoder_vs/i18n.py
    pybabel update -D qvs -i qvs.pot -d qualcoder_vs/locale      # new strings into each .po
    pybabel compile -D qvs -d qualcoder_vs/locale                 # .po -> .mo

``tests/tui/test_tui_i18n.py`` fails when a marked string has no Dutch or a ``.mo`` is stale.

The language is chosen once, when a face starts: ``--lang``, else ``$QVS_LANG``, else the
codebook's language when there is a catalogue for it, else English.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "qvs"
LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT = "en"
ENVIRONMENT = "QVS_LANG"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT


def available() -> list[str]:
    """The languages there is a catalogue for, English (the source language) first."""
    found = sorted(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES").is_dir())
    return [DEFAULT, *[lang for lang in found if lang != DEFAULT]]


def choose(override: str | None, project_language: str | None) -> str:
    """``--lang``, else ``$QVS_LANG``, else the project's (codebook's) language if we speak
    it, else English. An explicit choice we have no catalogue for is an error."""
    explicit = override or os.environ.get(ENVIRONMENT)
    known = available()
    if explicit:
        lang = explicit.strip().lower().split("_")[0].split("-")[0]
        if lang not in known:
            raise ValueError(f"no screens in language '{explicit}' (available: {', '.join(known)})")
        return lang
    lang = (project_language or "").lower().split("_")[0]
    return lang if lang in known else DEFAULT


def set_language(lang: str) -> None:
    global _translation, _language
    _language = lang
    if lang == DEFAULT:
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def language() -> str:
    return _language


def _(message: str) -> str:
    """``message`` in the chosen language."""
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Marks ``message`` for translation where it is defined; translated where it is shown."""
    return message


def number(value: int) -> str:
    """An integer as the language writes it: 6.774 in Dutch, 6,774 in English."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_language)
