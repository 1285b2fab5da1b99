"""Text analysed once: each source's analysis is stored, read back, and redone when stale."""

from __future__ import annotations

from sqlalchemy import select

from qualcoder_vs.core.models import SourceAnalysis
from qualcoder_vs.core.project import Project
from qualcoder_vs.nlp.suggester import build_engine, groundwork, source_units
from tests.nlp.conftest import INTERVIEWS, transcript


def stored_keys(project: Project) -> dict[object, str]:
    with project.store.reading() as session:
        return dict(session.execute(select(SourceAnalysis.source_id, SourceAnalysis.key)).all())


def test_sources_are_analysed_once_and_read_back(uncoded_project: Project) -> None:
    assert groundwork(uncoded_project).preload(uncoded_project) == 3
    assert len(stored_keys(uncoded_project)) == 3
    # a new engine (another process, the next day) reads them instead of parsing
    base = groundwork(uncoded_project)
    assert base.preload(uncoded_project) == 0
    turns = source_units(uncoded_project, "gent")
    stored_docs = [base.analyser.docs([t.text])[0] for t in turns]
    assert [d.text for d in stored_docs] == [t.text for t in turns]
    # read-back docs carry the lemmas the pipeline gave them
    lemmas = {t.text: t.lemma_ for d in stored_docs for t in d}
    assert lemmas["stagiairs"] == "stagiair"
    engine = build_engine(uncoded_project)
    assert [s.code for s in engine.suggest_passage(turns[2])] == ["stages"]


def test_a_replaced_source_is_analysed_again_and_nothing_stale_is_read(
    uncoded_project: Project,
) -> None:
    groundwork(uncoded_project).preload(uncoded_project)
    before = stored_keys(uncoded_project)
    turns = list(INTERVIEWS["gent"])
    turns[5] = ("R", "De werkdruk is zo hoog dat we de hele dag brandjes aan het blussen zijn.")
    uncoded_project.sources.replace(
        "gent", transcript(turns), filename="gent2.txt", sha256="2" * 64, coder="tester"
    )  # fmt: skip
    base = groundwork(uncoded_project)
    assert base.preload(uncoded_project) == 1  # gent only
    after = stored_keys(uncoded_project)
    changed = [k for k in after if after[k] != before[k]]
    assert len(changed) == 1
    # the turn that was about stages now speaks of workload, and the engine sees that
    passage = source_units(uncoded_project, "gent")[2]
    assert "werkdruk" in passage.text
    found = build_engine(uncoded_project).suggest_passage(passage)
    assert found[0].code == "daily_grind"
    assert "matched: werkdruk" in found[0].evidence
