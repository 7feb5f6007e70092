"""The data version: a value stored in the database that changes in the same transaction as every write.

Whatever is computed from the database and kept in a worker's memory (rendered pages in app/page_cache.py, the
year-end assessment) is keyed by it: a write in any worker, on any server, makes the old entries unreachable. It is
read with one primary-key query.

Every session's commit is watched: a flush that adds, changes or deletes a row, or a statement that is not a SELECT
(bulk UPDATE/DELETE, an import's executemany), marks the session; its commit then writes a new random token first.
A rollback forgets the mark, so a refused write changes nothing here either.
"""

from __future__ import annotations

import secrets

from sqlalchemy import Engine, event, insert, select, update
from sqlalchemy.orm import Session

from app.models import DataVersion

_CHANGED = "data_version_changed"
_WRITING = "data_version_writing"
WROTE = "data_version_wrote"  # stays on the session for the rest of its life (a request): it committed a write


_TOKEN = select(DataVersion.token).where(DataVersion.id == 1)


def current(session: Session) -> int:
    # On the session's connection, past the ORM's result handling.
    return session.connection().execute(_TOKEN).scalar() or 0


def current_on(engine: Engine) -> int:
    """The same, on a pooled connection of its own, without an ORM session: a kept page's one query, asked on every
    request before anything else, and often all the request needs from the database."""
    with engine.connect() as connection:
        return connection.execute(_TOKEN).scalar() or 0


def pending_write(session: Session) -> bool:
    """Whether this session has written something not committed yet (a memo must not keep what it reads then)."""
    return bool(session.info.get(_CHANGED) or session.new or session.dirty or session.deleted)


def install() -> None:
    """Called once by create_app: every session of the app bumps the version when it commits a write."""
    for name, listener in (("before_flush", _note_flush), ("do_orm_execute", _note_statement),
                           ("before_commit", _bump), ("after_rollback", _forget)):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)


def _note_flush(session: Session, _context, _instances) -> None:
    if session.new or session.dirty or session.deleted:
        session.info[_CHANGED] = True


def _note_statement(state) -> None:
    if not state.is_select and not state.session.info.get(_WRITING):
        state.session.info[_CHANGED] = True


def _bump(session: Session) -> None:
    session.flush()  # what is still pending would otherwise be flushed after this hook
    if not session.info.pop(_CHANGED, False):
        return
    session.info[_WRITING] = True
    try:
        token = secrets.randbits(62)
        if not session.execute(update(DataVersion).where(DataVersion.id == 1).values(token=token)).rowcount:
            # Created by the migration; a database made by create_all (tests, benchmarks) gets its row here.
            session.execute(insert(DataVersion).values(id=1, token=token))
        session.info[WROTE] = True
    finally:
        session.info.pop(_WRITING, None)


def _forget(session: Session, _transaction=None) -> None:
    session.info.pop(_CHANGED, None)
