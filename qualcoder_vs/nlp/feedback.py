"""What the researcher says of a suggestion: accepted ones become codings, rejected negatives."""

from __future__ import annotations

from qualcoder_vs.core.database import ProjectError
from qualcoder_vs.core.models import SuggestionFeedback
from qualcoder_vs.core.project import CodingView, Project


def accept_suggestion(
    project: Project, source_ref: str, start: int, end: int, code: str, *, coder: str
) -> list[CodingView]:
    """The coding (origin ``suggestion``) and an accepted-feedback row, in one undoable action."""
    summary = f"accept suggestion {code} at {source_ref}[{start}:{end}]"
    with project.action("suggestion.accept", summary, coder) as session:
        source = project.source_in(session, source_ref)
        if not 0 <= start < end <= len(source.text):
            raise ProjectError(f"range [{start}, {end}) is not a passage of {source.name}")
        code_row = project.code_in(session, code)
        who = project.coder_in(session, coder)
        created = project.code_passage_in(
            session, source, start, end, [code_row], who, origin="suggestion"
        )
        if not created:
            raise ProjectError(f"{source.name}[{start}:{end}] already has {code} by {coder}")
        session.add(
            SuggestionFeedback(
                source_id=source.id,
                start=start,
                end=end,
                text=source.text[start:end],
                code_id=code_row.id,
                accepted=True,
                coder_id=who.id,
            )
        )
        return [project.view_in(session, coding) for coding in created]


def reject_suggestion(
    project: Project,
    code: str,
    *,
    coder: str,
    text: str | None = None,
    source_ref: str | None = None,
    start: int | None = None,
    end: int | None = None,
) -> None:
    """Store a rejection; give the passage by source range or, for free text, by ``text``."""
    summary = f"reject suggestion {code}"
    with project.action("suggestion.reject", summary, coder) as session:
        code_row = project.code_in(session, code)
        source_id = None
        if source_ref is not None:
            source = project.source_in(session, source_ref)
            if start is None or end is None or not 0 <= start < end <= len(source.text):
                raise ProjectError(f"bad range for a rejected suggestion in {source.name}")
            source_id, text = source.id, source.text[start:end]
        if not text:
            raise ProjectError("a rejected suggestion needs a passage")
        session.add(
            SuggestionFeedback(
                source_id=source_id,
                start=start,
                end=end,
                text=text,
                code_id=code_row.id,
                accepted=False,
                coder_id=project.coder_in(session, coder).id,
            )
        )
