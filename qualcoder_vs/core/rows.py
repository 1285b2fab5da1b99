"""Row helpers for queries and services inside one session: look-ups by the names people use,
the one builder of each kind of row, and the row -> view conversions.

Nothing here opens a session and nothing here leaves core: services and queries call these with
the session the store gave them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcoder_vs.core.anchors import make_anchor
from qualcoder_vs.core.errors import NotFoundError, ProjectError
from qualcoder_vs.core.models import Code, Coder, Coding, ProjectInfo, Source, Speaker, Turn
from qualcoder_vs.core.speakers import guess_role
from qualcoder_vs.core.transcript import ParsedTurn
from qualcoder_vs.core.views import (
    CodeRow,
    CodeTree,
    CodingView,
    Origin,
    ProjectInfoView,
    SourceView,
    build_tree,
)

# -- look-ups ------------------------------------------------------------------------------------


def info_in(session: Session) -> ProjectInfo:
    info = session.scalars(select(ProjectInfo)).first()
    if info is None:
        raise ProjectError("the project table is empty")
    return info


def source_in(session: Session, ref: str) -> Source:
    """A source by name, file name or UUID."""
    for clause in (Source.name == ref, Source.filename == ref):
        found = session.scalars(select(Source).where(clause)).first()
        if found is not None:
            return found
    try:
        found = session.get(Source, uuid.UUID(ref))
    except ValueError:
        found = None
    if found is None:
        raise NotFoundError(f"unknown source '{ref}' (see `qvs sources`)")
    return found


def code_in(session: Session, key: str) -> Code:
    code = session.scalars(select(Code).where(Code.key == key)).first()
    if code is None:
        raise NotFoundError(f"unknown code '{key}' (see `qvs codebook show`)")
    return code


def coder_in(session: Session, name: str) -> Coder:
    """The coder called ``name``, added when new."""
    coder = session.scalars(select(Coder).where(Coder.name == name)).first()
    if coder is None:
        coder = Coder(name=name)
        session.add(coder)
        session.flush()
    return coder


# -- builders ------------------------------------------------------------------------------------


def code_row(
    *,
    key: str,
    label: str,
    is_theme: bool,
    parent_id: uuid.UUID | None,
    position: int,
    colour: str = "#808080",
    description: str = "",
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    keywords: Sequence[str] = (),
    examples: Sequence[str] = (),
    id: uuid.UUID | None = None,
) -> Code:
    """The one builder of a code row (codebook edits, YAML load, REFI import)."""
    code = Code(
        key=key,
        label=label,
        is_theme=is_theme,
        parent_id=parent_id,
        colour=colour,
        description=description,
        include=list(include),
        exclude=list(exclude),
        keywords=list(keywords),
        examples=list(examples),
        position=position,
    )
    if id is not None:
        code.id = id
    return code


def add_turns(
    source: Source, parsed_turns: Sequence[ParsedTurn], speakers: dict[str, Speaker]
) -> set[str]:
    """Append turns to ``source``; ``speakers`` maps names to known speakers and gains new ones
    (with a guessed role). Returns the names of the speakers these turns use."""
    used: set[str] = set()
    for seq, parsed_turn in enumerate(parsed_turns):
        speaker = None
        if parsed_turn.speaker:
            speaker = speakers.get(parsed_turn.speaker)
            if speaker is None:
                speaker = Speaker(
                    source=source, name=parsed_turn.speaker, role=guess_role(parsed_turn.speaker)
                )
                speakers[parsed_turn.speaker] = speaker
            used.add(parsed_turn.speaker)
        source.turns.append(
            Turn(
                seq=seq,
                speaker=speaker,
                start=parsed_turn.start,
                end=parsed_turn.end,
                start_ms=parsed_turn.start_ms,
                end_ms=parsed_turn.end_ms,
            )
        )
    return used


def check_range(source: Source, start: int, end: int) -> None:
    if not 0 <= start < end <= len(source.text):
        raise ProjectError(
            f"range [{start}, {end}) is not a passage of {source.name} "
            f"(text has {len(source.text)} characters; start must be < end)"
        )


def code_passage(
    session: Session,
    source: Source,
    start: int,
    end: int,
    codes: Sequence[Code],
    coder: Coder,
    *,
    memo: str = "",
    important: bool = False,
    origin: str = Origin.MANUAL,
) -> list[Coding]:
    """Apply codes inside a running action; a code already on exactly this passage by this
    coder is not applied twice."""
    anchor = make_anchor(source.text, start, end)
    present = set(
        session.scalars(
            select(Coding.code_id).where(
                Coding.source_id == source.id,
                Coding.start == start,
                Coding.end == end,
                Coding.coder_id == coder.id,
            )
        )
    )
    created = []
    for code in codes:
        if code.id in present:
            continue
        coding = Coding(
            source_id=source.id,
            code=code,
            coder=coder,
            start=start,
            end=end,
            quote=anchor.quote,
            prefix=anchor.prefix,
            suffix=anchor.suffix,
            memo=memo,
            important=important,
            origin=str(origin),
        )
        session.add(coding)
        created.append(coding)
    session.flush()
    return created


# -- views ---------------------------------------------------------------------------------------


def info_view(info: ProjectInfo) -> ProjectInfoView:
    return ProjectInfoView(
        id=info.id,
        name=info.name,
        schema_version=info.schema_version,
        created=info.created,
        codebook_path=info.codebook_path,
        language=info.language,
        hidden_names=tuple(info.hidden_names or ()),
    )


def source_view(source: Source) -> SourceView:
    return SourceView(
        id=source.id,
        name=source.name,
        filename=source.filename,
        format=source.format,
        encoding=source.encoding,
        sha256=source.sha256,
        text=source.text,
        word_count=source.word_count,
        attributes={str(k): str(v) for k, v in (source.attributes or {}).items()},
        created=source.created,
    )


def coding_view(
    session: Session, coding: Coding, source_names: dict[uuid.UUID, str] | None = None
) -> CodingView:
    """``source_names`` saves a query per coding when many are viewed at once."""
    if source_names is None:
        source_name = session.scalar(select(Source.name).where(Source.id == coding.source_id))
    else:
        source_name = source_names.get(coding.source_id)
    return CodingView(
        id=coding.id,
        source=source_name or "",
        source_id=coding.source_id,
        start=coding.start,
        end=coding.end,
        code=coding.code.key,
        code_label=coding.code.label,
        coder=coding.coder.name,
        text=coding.quote,
        memo=coding.memo,
        important=coding.important,
        origin=coding.origin,
        placed=coding.placed,
        created=coding.created,
        code_id=coding.code_id,
        coder_id=coding.coder_id,
        colour=coding.code.colour,
        prefix=coding.prefix,
        suffix=coding.suffix,
    )


def code_tree_in(session: Session) -> CodeTree:
    rows = session.execute(
        select(
            Code.id,
            Code.key,
            Code.label,
            Code.is_theme,
            Code.parent_id,
            Code.colour,
            Code.description,
            Code.include,
            Code.exclude,
            Code.keywords,
            Code.examples,
            Code.position,
        )
    ).all()
    return build_tree([CodeRow(*row) for row in rows])
