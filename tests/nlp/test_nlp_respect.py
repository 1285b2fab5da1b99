"""What the researcher said holds: applied codes, rejections, bare codes, believable evidence."""

from __future__ import annotations

from pathlib import Path

from qualcoder_vs.core.codebook import parse_codebook
from qualcoder_vs.core.project import Project
from qualcoder_vs.nlp.codebook_matcher import CodebookMatcher, CodeProfile
from qualcoder_vs.nlp.learner import train
from qualcoder_vs.nlp.pipeline import load_pipeline
from qualcoder_vs.nlp.suggester import build_engine, source_units, turn
from tests.nlp.conftest import CODEBOOK, build_project


def shown(project: Project, source: str, seq: int) -> list[str]:
    return [s.code for s in build_engine(project).suggest_passage(turn(project, source, seq))]


def test_a_code_applied_to_the_passage_is_not_suggested_again(uncoded_project: Project) -> None:
    assert shown(uncoded_project, "gent", 5) == ["stages"]
    passage = turn(uncoded_project, "gent", 5)
    # a coding of part of the turn is enough: the turn already carries the code
    uncoded_project.codings.add(
        "gent", passage.start, passage.start + 20, ["stages"], coder="tester"
    )
    assert "stages" not in shown(uncoded_project, "gent", 5)
    # ranking (what evaluation reads) still scores it: only what is shown leaves it out
    ranked = build_engine(uncoded_project).rank_many([passage])[0]
    assert ranked[0].code == "stages"


def test_a_rejection_stays_rejected_for_that_passage_after_reopening(tmp_path: Path) -> None:
    project = build_project(tmp_path / "p.qvs", coded=False)
    passage = turn(project, "aalst", 3)
    assert shown(project, "aalst", 3)[0] == "mandaat"
    project.codings.reject_suggestion(
        "mandaat", coder="tester", source_ref="aalst", start=passage.start,
        end=passage.end,
    )  # fmt: skip
    project.codings.reject_suggestion("visie", coder="tester", text="Onze visietekst is vaag.")
    project.close()
    reopened = Project.open(tmp_path / "p.qvs")
    try:
        assert "mandaat" not in shown(reopened, "aalst", 3)
        # other passages keep the code
        assert shown(reopened, "genk", 7)[0] == "mandaat"
        engine = build_engine(reopened)
        assert "visie" not in [s.code for s in engine.suggest("Onze visietekst is vaag.")]
        assert [s.code for s in engine.suggest("Een visietekst hebben we niet.")][:1] == ["visie"]
        # and both rejections are negatives when the model is trained
        start, end = reopened.queries.locate_quote("genk", "Zonder werkingsmiddelen")
        reopened.codings.add("genk", start, end, ["mandaat"], coder="tester")
        report = train(reopened)
        assert report.rejections == 2
    finally:
        reopened.close()


BARE = CODEBOOK.replace(
    "  - id: instroom\n",
    '      - id: netwerk\n        label: Netwerk\n        colour: "#101010"\n  - id: instroom\n',
)


def test_a_code_with_nothing_but_a_label_is_never_suggested_from_cold_start(
    tmp_path: Path,
) -> None:
    project = Project.create(tmp_path / "bare.qvs")
    try:
        project.codebook.load(parse_codebook(BARE, "bare.yaml"), coder="tester")
        assert "netwerk" in [c.key for c in project.queries.codes()]
        engine = build_engine(project)
        text = "Ons netwerk van partners is sterk, we werken in een netwerk van netwerken."
        assert "netwerk" not in [s.code for s in engine.suggest(text, top=5)]
        engine.threshold = 0.01
        assert "netwerk" not in [s.code for s in engine.suggest(text, top=10)]
    finally:
        project.close()


EVERYDAY_HEADS = [
    CodeProfile("hr", "HR", keywords=("personeelsdienst", "aanspreekpunt", "hoofdwerk")),
    CodeProfile("stages", "Stages", keywords=("stage", "stagiair")),
    CodeProfile("beleid", "Beleid", keywords=("inclusiebeleid",)),
]


def test_compounds_match_only_on_meaningful_parts() -> None:
    matcher = CodebookMatcher(load_pipeline("nl"), EVERYDAY_HEADS)

    def evidence(text: str) -> dict[str, tuple[str, ...]]:
        doc = matcher.nlp(text)
        return {
            c: k.evidence for c, k in matcher.keywords(doc, matcher.featurizer.terms(doc)).items()
        }

    # 'dienst', 'punt' and 'werk' are everyday words: sharing them is no evidence
    assert evidence("De groendienst heeft een pijnpunt met het tuinwerk.") == {}
    # a rare head or keyword is: 'beleid' is shared, 'stage' sits inside the compound
    found = evidence("Het diversiteitsbeleid en de stageplekken.")
    assert set(found) == {"beleid", "stages"}
    assert "matched: stage in 'stageplekken'" in found["stages"]


def test_at_most_three_pieces_of_evidence_strongest_first(uncoded_project: Project) -> None:
    engine = build_engine(uncoded_project)
    for passage in source_units(uncoded_project, "gent"):
        for suggestion in engine.suggest_passage(passage):
            assert 1 <= len(suggestion.evidence) <= 3
    [top] = engine.suggest_passage(turn(uncoded_project, "gent", 7), top=1)
    # exact keyword matches (strength 1) come before the words in common
    assert top.evidence[:2] == ("matched: taaltest", "matched: selectiegesprek")
