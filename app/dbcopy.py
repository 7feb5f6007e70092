"""Copy every row of this database into another one: how a unit moves from the embedded SQLite to PostgreSQL.

The year file (`flask year export`) carries one year's people and results, but not the accounts, the audit trail,
the attachments' records or the meetings; this copy carries everything, table by table in the order of their
foreign keys. The target must be empty and migrated to the same revision (`flask db upgrade` with its
DATABASE_URL), and the whole copy is one transaction there: a failure leaves the target as empty as it was.
Attached files stay on disk (instance/uploads/ or UPLOAD_FOLDER): copy that folder alongside.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, Table, create_engine, func, insert, inspect, select, text, update

from app.config import normalise_database_url
from app.extensions import db

BATCH = 1000
# Bookkeeping, not data: the target keeps its own data version (app/data_version.py), made by its migration.
NOT_COPIED = {"data_version"}


class CopyRefused(Exception):
    """The target is not ready; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class CopyResult:
    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def copy_database(source: Engine, target_url: str) -> CopyResult:
    target = create_engine(normalise_database_url(target_url))
    try:
        with source.connect() as reading, target.begin() as writing:
            _check_ready(reading, writing)
            copied, later = set(), []
            rows = {table.name: _copy_table(table, reading, writing, copied, later)
                    for table in _tables()}
            _fill_postponed(writing, later)
            if writing.dialect.name == "postgresql":
                _advance_sequences(writing)
        return CopyResult(rows)
    finally:
        target.dispose()


def _tables() -> list[Table]:
    return [table for table in db.metadata.sorted_tables if table.name not in NOT_COPIED]


def _revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _check_ready(reading: Connection, writing: Connection) -> None:
    source_revision, target_revision = _revision(reading), _revision(writing)
    if target_revision is None:
        raise CopyRefused("Cơ sở dữ liệu đích chưa có cấu trúc: chạy `flask db upgrade` với DATABASE_URL của nó trước.")
    if source_revision != target_revision:
        raise CopyRefused(f"Hai cơ sở dữ liệu khác phiên bản cấu trúc (nguồn {source_revision}, đích "
                          f"{target_revision}): chạy `flask db upgrade` cho cả hai trước khi chép.")
    filled = [table.name for table in _tables()
              if writing.execute(select(func.count()).select_from(table)).scalar()]
    if filled:
        raise CopyRefused("Cơ sở dữ liệu đích đã có dữ liệu (bảng " + ", ".join(filled) + "): chỉ chép vào một cơ sở "
                          "dữ liệu trống, để không trộn hai đơn vị.")


def _copy_table(table: Table, reading: Connection, writing: Connection, copied: set[Table], later: list) -> int:
    # A row may point at a row not yet copied: a later row of its own table (a person's reviewer) or a table that
    # comes later in the order (a department's supervisor, while people point at their department). PostgreSQL
    # checks each foreign key as the row arrives, so those columns are written once every table is in.
    postponed = [fk.parent.name for fk in table.foreign_keys if fk.column.table not in copied]
    keys = [column.name for column in table.primary_key.columns]
    stamped = [column.name for column in table.columns if column.onupdate is not None]
    result = reading.execute(select(table).order_by(*table.primary_key.columns)).mappings()
    count = 0
    while batch := result.fetchmany(BATCH):
        rows = [dict(row) for row in batch]
        for row in rows:
            pointers = {name: row[name] for name in postponed if row[name] is not None}
            if pointers:
                row.update(dict.fromkeys(pointers))
                # The columns an UPDATE would stamp (updated_at) keep the value they had.
                pointers |= {name: row[name] for name in stamped}
                later.append((table, {key: row[key] for key in keys}, pointers))
        writing.execute(insert(table), rows)
        count += len(rows)
    copied.add(table)
    return count


def _fill_postponed(writing: Connection, later: list) -> None:
    for table, key, pointers in later:
        condition = [table.c[name] == value for name, value in key.items()]
        writing.execute(update(table).where(*condition).values(**pointers))


def _advance_sequences(writing: Connection) -> None:
    """Rows came with their ids: each id sequence must continue after the highest one, or the next insert fails."""
    for table in _tables():
        for column in table.primary_key.columns:
            if column.autoincrement is True or (column.autoincrement == "auto" and column.type.python_type is int
                                                and len(table.primary_key.columns) == 1):
                sequence = writing.execute(text("SELECT pg_get_serial_sequence(:table, :column)"),
                                           {"table": table.name, "column": column.name}).scalar()
                if sequence:
                    highest = writing.execute(select(func.max(column))).scalar() or 0
                    writing.execute(text("SELECT setval(:sequence, :next, false)"),
                                    {"sequence": sequence, "next": highest + 1})
