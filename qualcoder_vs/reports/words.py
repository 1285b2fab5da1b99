"""The fixed words of reports and digests, per language: one place to translate or reword.

Templates and the Word renderer look words up here, so a report never mixes languages and a
team that wants other wording changes one dictionary (or a template), not the code.
"""

from __future__ import annotations

from datetime import date

from qualcoder_vs.core.errors import ProjectError

Words = dict[str, str]

WORDS: dict[str, Words] = {
    "nl": {
        "lang": "nl",
        "report_title": "Rapport",
        "report_subtitle": "Gecodeerde citaten per thema",
        "digest_title": "Citatenoverzicht",
        "contents": "Inhoud",
        "generated": "Gemaakt op",
        "project": "Project",
        "interviews": "Interviews",
        "quotes": "Citaten",
        "cities": "Steden",
        "roles": "Rollen",
        "codes": "Codes",
        "coders": "Codeurs",
        "coder": "Codeur",
        "selection": "Selectie",
        "important_only": "enkel belangrijke citaten",
        "selected_quotes": "Representatieve citaten",
        "appendix": "Bijlage: overige citaten",
        "appendix_intro": (
            "Deze bijlage bevat de citaten die niet in de hoofdtekst staan, per thema en code."
        ),
        "no_quotes": "Nog geen citaten gecodeerd.",
        "no_quotes_selection": "Geen citaten voor deze selectie.",
        "more_in_appendix_one": "Nog 1 citaat staat in de bijlage.",
        "more_in_appendix_many": "Nog {n} citaten staan in de bijlage.",
        "quote_one": "1 citaat",
        "quote_many": "{n} citaten",
        "interview_one": "1 interview",
        "interview_many": "{n} interviews",
        "memo": "Memo",
        "interview": "Interview",
        "time": "Tijd",
        "important": "belangrijk",
        "respondent": "Respondent",
        "placeholder": "[naam]",
        "pseudonymised_note": (
            "Namen van personen zijn vervangen door [naam]. Citaten worden aangehaald met "
            "functie en stad, nooit met naam."
        ),
        "not_pseudonymised_note": (
            "Let op: dit document is niet gepseudonimiseerd en bevat namen van personen. "
            "Niet verspreiden buiten het onderzoeksteam."
        ),
        "overview": "Overzicht",
        "overview_intro": (
            "Hoeveel citaten elke code kreeg, per {by}: hoe donkerder het vak, hoe meer citaten."
        ),
        "chart_bars": "{theme}: citaten per code, per {by}",
        "chart_heatmap": "Citaten per code, per {by}",
        "chart_axis": "Aantal citaten",
        "date_months": (
            "januari februari maart april mei juni juli augustus september oktober "
            "november december"
        ),
    },
    "en": {
        "lang": "en",
        "report_title": "Report",
        "report_subtitle": "Coded quotes by theme",
        "digest_title": "Quote digest",
        "contents": "Contents",
        "generated": "Generated on",
        "project": "Project",
        "interviews": "Interviews",
        "quotes": "Quotes",
        "cities": "Cities",
        "roles": "Roles",
        "codes": "Codes",
        "coders": "Coders",
        "coder": "Coder",
        "selection": "Selection",
        "important_only": "key quotes only",
        "selected_quotes": "Representative quotes",
        "appendix": "Appendix: remaining quotes",
        "appendix_intro": (
            "This appendix holds the quotes that are not in the main text, by theme and code."
        ),
        "no_quotes": "No quotes coded yet.",
        "no_quotes_selection": "No quotes for this selection.",
        "more_in_appendix_one": "1 more quote is in the appendix.",
        "more_in_appendix_many": "{n} more quotes are in the appendix.",
        "quote_one": "1 quote",
        "quote_many": "{n} quotes",
        "interview_one": "1 interview",
        "interview_many": "{n} interviews",
        "memo": "Memo",
        "interview": "Interview",
        "time": "Time",
        "important": "key quote",
        "respondent": "Respondent",
        "placeholder": "[name]",
        "pseudonymised_note": (
            "Names of persons are replaced by [name]. Quotes are cited by role and city, "
            "never by name."
        ),
        "not_pseudonymised_note": (
            "Note: this document is not pseudonymised and contains names of persons. "
            "Do not share it outside the research team."
        ),
        "overview": "Overview",
        "overview_intro": (
            "How many quotes each code received, per {by}: the darker the cell, the more quotes."
        ),
        "chart_bars": "{theme}: quotes per code, per {by}",
        "chart_heatmap": "Quotes per code, per {by}",
        "chart_axis": "Number of quotes",
        "date_months": (
            "January February March April May June July August September October November December"
        ),
    },
}

LANGUAGES = tuple(WORDS)


def words_for(language: str) -> Words:
    """The dictionary for ``language`` (a codebook language such as ``nl`` or ``nl-BE``)."""
    base = language.strip().lower().split("-")[0].split("_")[0]
    if base not in WORDS:
        raise ProjectError(
            f"no report words for language '{language}' (available: {', '.join(LANGUAGES)})"
        )
    return WORDS[base]


def counted(words: Words, stem: str, n: int) -> str:
    """``1 citaat`` / ``3 citaten``: the singular and plural live side by side in the dictionary."""
    return words[f"{stem}_one"] if n == 1 else words[f"{stem}_many"].format(n=n)


def long_date(words: Words, day: date) -> str:
    """``12 maart 2025``: a date as a reader writes it, without relying on the OS locale."""
    month = words["date_months"].split()[day.month - 1]
    return f"{day.day} {month} {day.year}"
