"""`qvs codebook import`: codes are added, never removed or changed, in one undoable action."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcoder_vs.core.project import Project
from qualcoder_vs.refi.errors import RefiError
from qualcoder_vs.refi.export import export_qdc
from qualcoder_vs.refi.import_qdc import import_qdc

FOREIGN = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Elders 2">
  <Codes>
    <Code guid="10000000-0000-0000-0000-000000000001" name="Samenwerken over diensten heen"
        isCodable="false">
      <Code guid="10000000-0000-0000-0000-000000000002" name="Sandwichpositie" isCodable="true">
        <Code guid="10000000-0000-0000-0000-000000000003" name="Nieuw onder sandwich"
            isCodable="true" color="#ABCDEF"><Description>Nieuw.</Description></Code>
      </Code>
    </Code>
    <Code guid="10000000-0000-0000-0000-000000000004" name="sandwichpositie" isCodable="true"/>
  </Codes>
</CodeBook>
"""


def test_our_own_codebook_is_already_there(exchange_project: Project, tmp_path: Path) -> None:
    qdc = tmp_path / "boek.qdc"
    export_qdc(exchange_project, qdc)
    before = [(c.id, c.key, c.label, c.position) for c in exchange_project.queries.codes()]
    result = import_qdc(exchange_project, qdc, coder="anna")
    assert result.added == []
    assert sorted(result.present) == sorted(key for _, key, _, _ in before)
    assert [(c.id, c.key, c.label, c.position) for c in exchange_project.queries.codes()] == before


def test_foreign_codes_are_added_beside_and_under_ours(
    exchange_project: Project, tmp_path: Path
) -> None:
    qdc = tmp_path / "elders.qdc"
    qdc.write_text(FOREIGN, encoding="utf-8")
    before = {
        c.key: (c.id, c.label, c.description, c.colour) for c in exchange_project.queries.codes()
    }
    result = import_qdc(exchange_project, qdc, coder="anna")
    assert result.present == ["samenwerken", "sandwichpositie"]
    assert result.added == ["nieuw_onder_sandwich", "losse_codes", "sandwichpositie_2"]
    codes = {c.key: c for c in exchange_project.queries.codes()}
    for key, fields in before.items():
        assert (
            codes[key].id,
            codes[key].label,
            codes[key].description,
            codes[key].colour,
        ) == fields
    new = codes["nieuw_onder_sandwich"]
    assert (new.parent_id, new.colour, new.description) == (
        codes["sandwichpositie"].id,
        "#ABCDEF",
        "Nieuw.",
    )
    assert codes["sandwichpositie_2"].parent_id == codes["losse_codes"].id
    assert max(c.position for c in exchange_project.queries.codes()) == len(codes) - 1
    exchange_project.undo(coder="anna")
    assert {c.key for c in exchange_project.queries.codes()} == set(before)


def test_a_project_file_is_refused_as_codebook_only_when_it_has_no_codes(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "p.qvs")
    qde = tmp_path / "leeg.qde"
    qde.write_text('<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>', encoding="utf-8")
    with pytest.raises(RefiError, match=r"leeg\.qde: the codebook has no Codes element"):
        import_qdc(project, qde, coder="anna")
    other = tmp_path / "ander.xml"
    other.write_text("<Iets/>", encoding="utf-8")
    with pytest.raises(
        RefiError, match=r"ander\.xml: not a REFI-QDA codebook \(root element Iets\)"
    ):
        import_qdc(project, other, coder="anna")
    assert project.queries.codes() == []
    project.close()
