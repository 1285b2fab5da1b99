"""Dutch screens from gettext catalogues (issue 12.14)."""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from qualcoder_vs import i18n
from qualcoder_vs.core.project import Project
from qualcoder_vs.tui.app import QvsApp
from tests.tui.conftest import CODER, coding_screen, screen_lines
from tests.tui.keyword_suggester import KeywordSuggester
from tests.tui.test_tui_snapshots import settle, utc_clock  # noqa: F401 (a fixture)

AppMaker = Callable[..., QvsApp]
PACKAGE = Path(i18n.__file__).parent
PO = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "qvs.po"
PLACEHOLDER = re.compile(r"\{\w+\}")


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.set_language("en")


def catalogue() -> dict[str, str]:
    with PO.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id}


def test_every_marked_string_has_dutch_with_the_same_placeholders() -> None:
    found = extract_from_dir(
        PACKAGE / "tui", keywords={"_": None, "N_": None}, method_map=[("**.py", "python")]
    )
    marked = {extracted[2] for extracted in found}
    dutch = catalogue()
    assert len(marked) > 150
    missing = sorted(m for m in marked if not dutch.get(m))
    assert missing == []
    for english, translated in dutch.items():
        assert set(PLACEHOLDER.findall(english)) == set(PLACEHOLDER.findall(translated)), english


def test_the_compiled_catalogue_matches_the_po_file() -> None:
    """The shipped .mo is what the .po says (run ``pybabel compile`` after editing it)."""
    compiled = gettext.translation("qvs", PACKAGE / "locale", languages=["nl"])
    for english, translated in catalogue().items():
        assert compiled.gettext(english) == translated, english


def test_the_language_comes_from_the_flag_the_environment_or_the_codebook(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("QVS_LANG", raising=False)
    assert i18n.choose(None, "nl") == "nl"
    assert i18n.choose(None, "de") == "en"  # no German screens: English
    assert i18n.choose("en", "nl") == "en"
    monkeypatch.setenv("QVS_LANG", "en")
    assert i18n.choose(None, "nl") == "en"
    assert i18n.choose("nl_BE", None) == "nl"
    with pytest.raises(ValueError, match="no screens in language 'fr'"):
        i18n.choose("fr", "nl")


def test_numbers_follow_the_language() -> None:
    i18n.set_language("nl")
    assert i18n.number(6774) == "6.774"
    i18n.set_language("en")
    assert i18n.number(6774) == "6,774"


def test_an_unknown_language_is_a_one_line_usage_error(tui_project_file: Path) -> None:
    from qualcoder_vs.cli import app as cli_app

    result = CliRunner().invoke(cli_app, ["open", "-p", str(tui_project_file), "--lang", "fr"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].startswith("qvs: error: no screens in language")


async def test_the_coding_screen_speaks_dutch(make_app: AppMaker, tui_project: Project) -> None:
    app = QvsApp(
        tui_project,
        CODER,
        source="gent",
        suggester_factory=KeywordSuggester.for_project,
        language="nl",
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await coding_screen(pilot)
        lines = screen_lines(pilot)
        assert "? Hulp" in lines[-1] and "q Stoppen" in lines[-1]
        assert "beurt 1/" in lines[-2] and "codeur tester" in lines[-2]
        assert any("Codeboek" in line for line in lines)
        await pilot.press("enter")
        await pilot.pause()
        assert any("Selecteer eerst een fragment" in n.message for n in app._notifications)


def dutch_app(project: Project) -> QvsApp:
    return QvsApp(
        project, CODER, source="gent", suggester_factory=KeywordSuggester.for_project, language="nl"
    )


@pytest.mark.usefixtures("utc_clock")
@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["wide", "narrow"])
def test_dutch_coding_screen_snapshot(
    snap_compare: Callable[..., bool], tui_project: Project, size: tuple[int, int]
) -> None:
    async def at_a_coding(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("slash", *"hoofddoek", "enter", "left")
        await settle(pilot)

    assert snap_compare(dutch_app(tui_project), terminal_size=size, run_before=at_a_coding)
