"""Digests and reports as plain documents: what goes where, decided once for every format.

The Markdown, HTML and Word renderers only lay out what these objects say, so the three
formats always carry the same chapters, numbers, quotes and words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from qualcoder_vs.core.database import NotFoundError
from qualcoder_vs.reports.agreement_table import MethodTable
from qualcoder_vs.reports.quotes import CodeInfo, Quote, QuoteSet
from qualcoder_vs.reports.selection import Counts, count, select_representative
from qualcoder_vs.reports.words import Words, counted, long_date

if TYPE_CHECKING:
    from qualcoder_vs.reports.charts import Chart


@dataclass(frozen=True, slots=True)
class Meta:
    """The title page: what the document is, about what, made when, and under which selection."""

    kicker: str
    """What kind of document this is ("Rapport", "Citatenoverzicht")."""
    title: str
    subtitle: str
    project: str
    generated: str
    selection: list[str]
    stats: list[tuple[str, str]]
    pseudonymised: bool
    note: str


@dataclass(frozen=True, slots=True)
class CodeGroup:
    """A digest's quotes of one code."""

    code: CodeInfo
    quotes: list[Quote]


@dataclass(frozen=True, slots=True)
class Digest:
    meta: Meta
    groups: list[CodeGroup]
    words: Words


@dataclass(frozen=True, slots=True)
class Section:
    """A code in a chapter: its counts, the quotes in the text and those left to the appendix."""

    number: str
    code: CodeInfo
    counts: Counts
    selected: list[Quote]
    remaining: list[Quote]


@dataclass(frozen=True, slots=True)
class Chapter:
    number: str
    theme: CodeInfo
    sections: list[Section] = field(default_factory=list)
    chart: Chart | None = None
    """Quotes per code by city (or role), when the report has charts."""

    @property
    def has_remaining(self) -> bool:
        return any(section.remaining for section in self.sections)


@dataclass(frozen=True, slots=True)
class Report:
    meta: Meta
    chapters: list[Chapter]
    words: Words
    overview: Chart | None = None
    """The heat map of codes by city, when the report has charts."""
    method: MethodTable | None = None
    """The method appendix on intercoder agreement (`qvs report --agreement`)."""

    @property
    def has_appendix(self) -> bool:
        return any(chapter.has_remaining for chapter in self.chapters)


def merge_duplicates(quotes: Sequence[Quote]) -> list[Quote]:
    """One quote per passage and code: two coders agreeing is not two quotes."""
    merged: dict[tuple[object, int, int, str], Quote] = {}
    for quote in quotes:
        key = (quote.source_id, quote.start, quote.end, quote.code.key)
        seen = merged.get(key)
        if seen is None:
            merged[key] = quote
            continue
        memos = [m for m in (seen.memo, quote.memo) if m]
        merged[key] = replace(
            seen,
            important=seen.important or quote.important,
            memo=" / ".join(dict.fromkeys(memos)),
            coder=", ".join(dict.fromkeys([*seen.coder.split(", "), quote.coder])),
        )
    return list(merged.values())


def build_digest(quote_set: QuoteSet, target: str, words: Words, *, today: date) -> Digest:
    """Every quote of a code or theme (and the codes below it), grouped by code."""
    by_key = {c.key: c for c in quote_set.codes}
    subject = by_key.get(target)
    if subject is None:
        raise NotFoundError(f"unknown code or theme '{target}' (see `qvs codebook show`)")
    quotes = merge_duplicates(quote_set.quotes)
    by_code = _by_code(quotes)
    groups = []
    for code in quote_set.codes:
        if target not in code.keys_from_theme:
            continue
        own = by_code.get(code.key, [])
        if own or not code.is_theme:
            groups.append(CodeGroup(code, own))
    interviews = len({q.source_id for q in quotes})
    stats = [
        (words["quotes"], str(len(quotes))),
        (words["interviews"], str(interviews)),
        (words["codes"], str(len(groups))),
    ]
    meta = _meta(
        quote_set,
        words,
        kicker=words["digest_title"],
        title=subject.label,
        subtitle=subject.path_label if not subject.is_theme else "",
        stats=stats,
        today=today,
    )
    return Digest(meta=meta, groups=groups, words=words)


def build_report(
    quote_set: QuoteSet, words: Words, *, themes: Sequence[str] = (), today: date
) -> Report:
    """One chapter per theme in codebook order, one section per code with quotes chosen."""
    known_themes = [c for c in quote_set.codes if c.is_theme]
    for key in themes:
        if key not in {t.key for t in known_themes}:
            names = ", ".join(t.key for t in known_themes)
            raise NotFoundError(f"unknown theme '{key}' (themes: {names})")
    quotes = merge_duplicates(quote_set.quotes)
    by_code = _by_code(quotes)
    chapters = []
    for theme in known_themes:
        if themes and theme.key not in themes:
            continue
        number = str(len(chapters) + 1)
        codes = [c for c in quote_set.codes if c.theme == theme.key]
        sections = []
        for code in codes:
            own = by_code.get(code.key, [])
            if code.is_theme and not own:
                continue
            selected, remaining = select_representative(own)
            sections.append(
                Section(
                    number=f"{number}.{len(sections) + 1}",
                    code=code,
                    counts=count(own),
                    selected=selected,
                    remaining=remaining,
                )
            )
        chapters.append(Chapter(number=number, theme=theme, sections=sections))
    included = [q for q in quotes if not themes or q.code.theme in themes]
    stats = [
        (words["interviews"], str(len({q.source_id for q in included}))),
        (words["quotes"], str(len(included))),
        (words["codes"], str(len({q.code.key for q in included}))),
        (words["coders"], ", ".join(sorted({c for q in included for c in q.coder.split(", ")}))),
    ]
    meta = _meta(
        quote_set,
        words,
        kicker=words["report_title"],
        title=quote_set.project,
        subtitle=words["report_subtitle"],
        stats=stats,
        today=today,
    )
    return Report(meta=meta, chapters=chapters, words=words)


def _by_code(quotes: Sequence[Quote]) -> dict[str, list[Quote]]:
    grouped: dict[str, list[Quote]] = {}
    for quote in quotes:
        grouped.setdefault(quote.code.key, []).append(quote)
    return grouped


def _meta(
    quote_set: QuoteSet,
    words: Words,
    *,
    kicker: str,
    title: str,
    subtitle: str,
    stats: list[tuple[str, str]],
    today: date,
) -> Meta:
    selection = [f"{key} = {value}" for key, value in quote_set.filter.where]
    if quote_set.filter.coder:
        selection.append(f"{words['coder'].lower()} = {quote_set.filter.coder}")
    if quote_set.filter.important_only:
        selection.append(words["important_only"])
    return Meta(
        kicker=kicker,
        title=title,
        subtitle=subtitle,
        project=quote_set.project,
        generated=long_date(words, today),
        selection=selection,
        stats=stats,
        pseudonymised=quote_set.pseudonymised,
        note=words["pseudonymised_note" if quote_set.pseudonymised else "not_pseudonymised_note"],
    )


def excerpt(text: str) -> str:
    """The quote as cited: an ellipsis where it starts or stops in the middle of a sentence."""
    text = text.strip()
    if not text:
        return text
    if text[0].islower():
        text = "…" + text
    if text[-1].isalnum() or text[-1] in ",;:":
        text = text.rstrip(",;:") + "…"
    return text


def more_in_appendix(words: Words, n: int) -> str:
    return counted(words, "more_in_appendix", n)
