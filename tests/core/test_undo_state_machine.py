"""Undo and redo against a model: any sequence of actions, undos and redos keeps them in step."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from qualcoder_vs.core.project import Project
from tests.conftest import new_small_project

State = frozenset[tuple[str, int, int, str, bool]]


class UndoRedoMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self._tmp = tempfile.TemporaryDirectory()
        self.project: Project = new_small_project(Path(self._tmp.name) / "m.qvs")
        self.states: list[State] = [frozenset()]
        self.redo_stack: list[State] = []

    def _current(self) -> State:
        return frozenset(
            (c.code, c.start, c.end, c.memo, c.important) for c in self.project.queries.codings()
        )

    def _did(self, state: State) -> None:
        self.states.append(state)
        self.redo_stack.clear()

    @rule(
        code=st.sampled_from(["visie", "mandaat", "stages"]),
        start=st.integers(0, 60),
        length=st.integers(1, 30),
    )
    def add(self, code: str, start: int, length: int) -> None:
        state = self.states[-1]
        if any(c == code and s == start and e == start + length for c, s, e, _, _ in state):
            return
        self.project.codings.add("gent", start, start + length, [code], coder="m")
        self._did(state | {(code, start, start + length, "", False)})

    @precondition(lambda self: bool(self.states[-1]))
    @rule(data=st.data())
    def remove(self, data: st.DataObject) -> None:
        views = self.project.queries.codings()
        victim = data.draw(st.sampled_from(views))
        self.project.codings.remove([victim.id], coder="m")
        self._did(self._current())

    @precondition(lambda self: bool(self.states[-1]))
    @rule(data=st.data(), memo=st.text(max_size=5), important=st.booleans())
    def update(self, data: st.DataObject, memo: str, important: bool) -> None:
        victim = data.draw(st.sampled_from(self.project.queries.codings()))
        self.project.codings.update(victim.id, coder="m", memo=memo, important=important)
        if self._current() != self.states[-1]:
            self._did(self._current())

    @precondition(lambda self: len(self.states) > 1)
    @rule()
    def undo(self) -> None:
        assert self.project.undo(coder="m") is not None
        self.redo_stack.append(self.states.pop())

    @rule()
    def redo(self) -> None:
        event = self.project.redo(coder="m")
        if self.redo_stack:
            assert event is not None
            self.states.append(self.redo_stack.pop())
        else:
            assert event is None

    @invariant()
    def database_matches_model(self) -> None:
        assert self._current() == self.states[-1]

    def teardown(self) -> None:
        self.project.close()
        self._tmp.cleanup()


UndoRedoMachine.TestCase.settings = settings(max_examples=25, stateful_step_count=25, deadline=None)
test_undo_redo_matches_model = UndoRedoMachine.TestCase
