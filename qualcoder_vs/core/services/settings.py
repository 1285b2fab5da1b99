"""Project settings: the names to hide in reports, and blind coding."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from qualcoder_vs.core import rows
from qualcoder_vs.core.errors import ProjectError
from qualcoder_vs.core.models import Setting
from qualcoder_vs.core.queries.base import BLIND
from qualcoder_vs.core.services.base import Service

MIN_NAME_LENGTH = 2


class SettingsService(Service):
    def _hidden_names(self) -> list[str]:
        with self.store.reading() as session:
            return list(rows.info_in(session).hidden_names or [])

    def hide_names(self, names: Iterable[str], *, coder: str) -> list[str]:
        """Add names to the project's list (one undoable action); returns those that were new."""
        cleaned = [" ".join(name.split()) for name in names]
        for name in cleaned:
            if len(name) < MIN_NAME_LENGTH:
                raise ProjectError(
                    f"'{name}' is too short to hide (at least {MIN_NAME_LENGTH} letters)"
                )
        known = {n.casefold() for n in self._hidden_names()}
        new: list[str] = []
        for name in cleaned:
            if name.casefold() not in known:
                known.add(name.casefold())
                new.append(name)
        if new:
            with self.store.action("names.hide", f"hide {', '.join(new)}", coder) as session:
                info = rows.info_in(session)
                info.hidden_names = [*(info.hidden_names or []), *new]
        return new

    def unhide_names(self, names: Iterable[str], *, coder: str) -> list[str]:
        """Take names off the list (one undoable action); an unknown name is an error."""
        wanted = {" ".join(name.split()).casefold() for name in names}
        current = self._hidden_names()
        unknown = wanted - {n.casefold() for n in current}
        if unknown:
            raise ProjectError(f"not on the list of hidden names: {', '.join(sorted(unknown))}")
        removed = [n for n in current if n.casefold() in wanted]
        with self.store.action("names.unhide", f"unhide {', '.join(removed)}", coder) as session:
            info = rows.info_in(session)
            info.hidden_names = [n for n in info.hidden_names or [] if n.casefold() not in wanted]
        return removed

    def set_blind(self, on: bool, *, coder: str) -> bool:
        """Switch blind coding on or off (one undoable action); False when it already was so,
        and then no event is logged. While on, every coder sees only their own codings."""
        state = "on" if on else "off"
        with self.store.action("settings.blind", f"blind coding {state}", coder) as session:
            row = session.scalars(select(Setting).where(Setting.key == BLIND)).first()
            if row is None:
                if not on:
                    return False
                session.add(Setting(key=BLIND, value={"on": True}))
                return True
            if bool(row.value.get("on")) == on:
                return False
            row.value = {"on": on}
            return True
