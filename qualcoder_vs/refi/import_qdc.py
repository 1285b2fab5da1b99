"""`qvs codebook import FILE.qdc`: codes of another tool added to the project's codebook.

Adding never removes or changes a code the project already has: a code that is already there
(same GUID, same qualcoder-vs id, or same name under the same parent) is left as it is and its
sub-codes are added under it. A QDPX or bare .qde works too: its codebook is taken.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from qualcoder_vs.core.project import Project
from qualcoder_vs.core.views import CodeView
from qualcoder_vs.refi.codes import KeyMaker, PlannedCode, RefiCode, plan_codes, read_code_tree
from qualcoder_vs.refi.container import RefiContainer
from qualcoder_vs.refi.errors import RefiError, Warnings
from qualcoder_vs.refi.safe_xml import parse_xml
from qualcoder_vs.refi.store import new_code
from qualcoder_vs.refi.xmlread import child, children, local


@dataclass(frozen=True, slots=True)
class QdcImport:
    producer: str
    added: list[str]
    present: list[str]
    warnings: list[str]


def read_qdc(path: Path, warnings: Warnings) -> tuple[list[RefiCode], str]:
    """The code tree of a QDC (or of a project's codebook) and the producer's name."""
    container = RefiContainer(path)
    try:
        root = parse_xml(container.project_xml, container.origin)
    finally:
        container.close()
    kind = local(root)
    if kind == "Project":
        codebook = child(root, "CodeBook")
        codes = child(codebook, "Codes") if codebook is not None else None
    elif kind == "CodeBook":
        codes = child(root, "Codes")
        sets = child(root, "Sets")
        for code_set in children(sets, "Set") if sets is not None else ():
            warnings.add("set of codes skipped", code_set.get("name") or "")
    else:
        raise RefiError(f"{container.origin}: not a REFI-QDA codebook (root element {kind})")
    if codes is None:
        raise RefiError(f"{container.origin}: the codebook has no Codes element")
    roots = read_code_tree(codes, warnings)
    if not roots:
        raise RefiError(f"{container.origin}: the codebook holds no codes")
    return roots, root.get("origin") or "unknown producer"


def _match(
    planned: PlannedCode, parent_id: uuid.UUID | None, existing: list[CodeView]
) -> CodeView | None:
    for code in existing:
        if planned.refi_guid is not None and code.id == planned.refi_guid:
            return code
    for code in existing:
        if planned.details.key and code.key == planned.details.key:
            return code
    for code in existing:
        if code.label == planned.label and code.parent_id == parent_id:
            return code
    return None


def import_qdc(project: Project, path: Path, *, coder: str) -> QdcImport:
    """Add the codes of the QDC at ``path`` to ``project`` in one undoable action."""
    warnings = Warnings()
    roots, producer = read_qdc(path, warnings)
    added: list[str] = []
    present: list[str] = []
    existing = list(project.queries.codes())
    plan = plan_codes(roots, warnings)
    keys = KeyMaker(c.key for c in existing)
    taken_ids = {c.id for c in existing}
    ours: dict[uuid.UUID, uuid.UUID] = {}
    new = []
    for planned in plan.codes:
        parent_id = ours.get(planned.parent_id) if planned.parent_id else None
        found = _match(planned, parent_id, existing)
        if found is not None:
            ours[planned.id] = found.id
            present.append(found.key)
            continue
        original = planned.id
        planned.key = keys.make(planned.label, planned.details.key)
        if planned.id in taken_ids:
            planned.id = uuid.uuid4()
        planned.parent_id = parent_id
        ours[original] = planned.id
        taken_ids.add(planned.id)
        new.append(new_code(planned))
        added.append(planned.key)
    project.codebook.add_codes(new, coder=coder, summary=f"import codebook {path.name}")
    return QdcImport(producer=producer, added=added, present=present, warnings=warnings.lines())
