"""`flask backup PATH` and `flask restore PATH`: a restore gives back exactly what was backed up (every row of
every table, every attached file), and a damaged, foreign or unconfirmed backup changes nothing. On SQLite and
on the private PostgreSQL cluster.

pg_restore --clean drops and recreates the tables, so each test here gets a database of its own instead of the
session's shared one (tests/views/conftest.py).
"""

from __future__ import annotations

import io
import json
import os
import tarfile
import uuid
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.engine import make_url

from app import create_app, demo
from app.backup import archive, code_head, postgres
from app.backup.errors import BackupError
from app.extensions import db
from app.models import Attachment, AuditEvent, Person, Unit
from tests import factories

DAMAGED = "không phải bản sao lưu hợp lệ hoặc đã hỏng"
UNCHANGED = "Không có gì bị thay đổi"


def _make_app(url: str, instance: Path):
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "test-secret",
                       "INSTANCE_PATH": str(instance)})


@pytest.fixture(params=["sqlite", "postgresql"])
def kind(request):
    return request.param


@pytest.fixture
def new_database(kind, request, tmp_path):
    """Makes empty databases of this test's kind: a file path for SQLite, a fresh database in the cluster."""

    def make(label: str) -> str:
        if kind == "sqlite":
            return f"sqlite:///{tmp_path / label}.sqlite3"
        return request.getfixturevalue("pg_cluster").create_database(f"backup_{uuid.uuid4().hex[:16]}")

    return make


@pytest.fixture
def app(new_database, tmp_path):
    app = _make_app(new_database("live"), tmp_path / "instance")
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def demo_unit(app, monkeypatch):
    """The demo unit (20 people, a year of commitments, reviews, initiatives with an attached PDF…), with a
    fast password hash; and a second attached file, on a commitment item."""
    monkeypatch.setattr("app.models.accounts.generate_password_hash", lambda _password: factories._FAST_HASH)
    with app.app_context():
        list(demo.seed("demo1234"))
        from app.initiatives.demo import minimal_pdf
        from app.models import CommitmentItem
        from app.uploads import check_bytes, folder, store

        item = db.session.scalars(select(CommitmentItem).order_by(CommitmentItem.id)).first()
        upload = check_bytes(minimal_pdf(["Minh chung cong viec"]), "Minh chứng công việc.pdf")
        db.session.add(Attachment(commitment_item_id=item.id, original_name=upload.name, stored_name=store(
            upload, folder()), content_type=upload.kind.content_type, size=len(upload.data)))
        with factories.past_writable():
            db.session.commit()
    return app


def everything(app) -> dict[str, list[tuple]]:
    """Every row of every table of the models, ordered by primary key, and the schema revision if stamped."""
    with app.app_context():
        rows = {table.name: [tuple(row) for row in db.session.execute(
                    select(table).order_by(*table.primary_key.columns))]
                for table in db.metadata.sorted_tables}
        rows["alembic_version"] = revision_of(app)
        db.session.remove()
    return rows


def revision_of(app) -> list[tuple]:
    with db.engine.connect() as conn:
        if not db.inspect(conn).has_table("alembic_version"):
            return []
        return [tuple(row) for row in conn.execute(text("SELECT version_num FROM alembic_version"))]


def head(app) -> str:
    """The newest migration of this code."""
    with app.app_context():
        return code_head()


def stamp(app, revision: str) -> None:
    """What `flask db upgrade` leaves behind: the schema's revision in alembic_version."""
    with app.app_context(), db.engine.begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) PRIMARY KEY)"))
        conn.execute(text("DELETE FROM alembic_version"))
        conn.execute(text("INSERT INTO alembic_version VALUES (:revision)"), {"revision": revision})


def files(app) -> dict[str, bytes]:
    folder = Path(app.instance_path) / "uploads"
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())} if folder.exists() else {}


def run(app, *args, **kwargs):
    return app.test_cli_runner().invoke(args=[*map(str, args)], **kwargs)


def back_up(app, path: Path) -> None:
    result = run(app, "backup", path)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Đã sao lưu vào “{path}”")


def change_everything(app) -> None:
    """What a bad day does: rows deleted and edited, a person added, an attached file gone, a stray file added."""
    with app.app_context():
        db.session.execute(delete(AuditEvent))
        db.session.execute(update(Person).values(given_name="Nhầm"))
        factories.person("Mới", "Trần", "Văn", gender="male")
        stored = db.session.scalars(select(Attachment.stored_name)).all()
        db.session.execute(delete(Attachment))
        db.session.commit()
    folder = Path(app.instance_path) / "uploads"
    for name in stored:
        (folder / name).unlink()
    (folder / "0123456789abcdef0123456789abcdef.pdf").write_bytes(b"%PDF-1.4 not from the backup")


def repack(source: Path, target: Path, edit) -> None:
    """Rewrite a backup: edit(manifest, members) may change both (members: name -> bytes, in order)."""
    with tarfile.open(source, "r:gz") as tar:
        members = {member.name: tar.extractfile(member).read() for member in tar}
    manifest = json.loads(members.pop(archive.MANIFEST))
    edit(manifest, members)
    with tarfile.open(target, "w:gz") as tar:
        for name, data in [(archive.MANIFEST, json.dumps(manifest).encode()), *members.items()]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


# --- The round trip -----------------------------------------------------------------------------------------------

def test_restore_gives_back_exactly_the_rows_and_files_that_were_backed_up(demo_unit, tmp_path):
    app = demo_unit
    stamp(app, head(app))
    before, attached = everything(app), files(app)
    assert len(attached) == 2 and len(before["person"]) == 20 and before["monthly_review"]
    backup = tmp_path / "sotd-2026-11-27.backup"
    back_up(app, backup)

    change_everything(app)
    assert everything(app) != before and files(app) != attached

    result = run(app, "restore", backup, "--yes")
    assert result.exit_code == 0, result.output
    assert "Đã khôi phục dữ liệu" in result.output and "flask db upgrade" not in result.output
    assert everything(app) == before
    assert files(app) == attached
    with app.app_context():  # the id sequences came back too: the next record gets a fresh id
        factories.person("Sau", "Lê", "Văn", gender="male")
        assert db.session.query(Person).count() == 21


def test_a_backup_moves_to_a_new_server_with_an_empty_database(demo_unit, new_database, tmp_path):
    backup = tmp_path / "chuyen-may.backup"
    back_up(demo_unit, backup)
    new_server = _make_app(new_database("new-server"), tmp_path / "new-instance")

    result = run(new_server, "restore", backup, "--yes")

    assert result.exit_code == 0, result.output
    assert everything(new_server) == everything(demo_unit)
    assert files(new_server) == files(demo_unit)
    with new_server.app_context():
        db.engine.dispose()


def test_a_backup_taken_while_someone_is_saving_holds_only_what_was_committed(app, tmp_path):
    with app.app_context():
        factories.small_unit()
        with db.engine.connect() as writer:
            writer.begin()
            writer.execute(insert(Unit).values(name="Chưa lưu xong"))
            back_up(app, tmp_path / "giua-chung.backup")  # not blocked by the open write
            writer.commit()
        assert len(unit_names()) == 2

    result = run(app, "restore", tmp_path / "giua-chung.backup", "--yes")

    assert result.exit_code == 0, result.output
    with app.app_context():
        assert unit_names() == ["Ban Thi đua – Khen thưởng thành phố Hà Nội"]


def unit_names() -> list[str]:
    names = list(db.session.scalars(select(Unit.name).order_by(Unit.id)))
    db.session.remove()
    return names


def test_a_shared_attachments_folder_is_restored_in_place(app, tmp_path, monkeypatch):
    """SOTD_UPLOAD_FOLDER on a share mounted by every app server: the folder itself stays, its files come back."""
    shared = tmp_path / "shared-files"
    shared.mkdir()
    app.config["UPLOAD_FOLDER"] = str(shared)
    real_ismount = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda path: Path(path) == shared or real_ismount(path))
    with app.app_context():
        factories.small_unit()
    (shared / "00112233445566778899aabbccddeeff.pdf").write_bytes(b"%PDF-1.4 bien ban")
    back_up(app, tmp_path / "chia-se.backup")
    (shared / "00112233445566778899aabbccddeeff.pdf").unlink()
    (shared / "ffeeddccbbaa99887766554433221100.png").write_bytes(b"\x89PNG not in the backup")
    mount_point = shared.stat().st_ino

    result = run(app, "restore", tmp_path / "chia-se.backup", "--yes")

    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in shared.iterdir()) == ["00112233445566778899aabbccddeeff.pdf"]
    assert (shared / "00112233445566778899aabbccddeeff.pdf").read_bytes() == b"%PDF-1.4 bien ban"
    assert shared.stat().st_ino == mount_point


# --- What is refused ----------------------------------------------------------------------------------------------

@pytest.fixture
def backed_up(app, tmp_path):
    """A small unit with one attached file, backed up to tmp_path/sotd.backup, then changed."""
    with app.app_context():
        factories.small_unit()
    folder = Path(app.instance_path) / "uploads"
    folder.mkdir(parents=True)
    (folder / "fedcba9876543210fedcba9876543210.pdf").write_bytes(b"%PDF-1.4 minh chung")
    backup = tmp_path / "sotd.backup"
    back_up(app, backup)
    with app.app_context():
        factories.person("Sau", "Lê", "Văn", gender="male")
        db.session.commit()
    return backup


def _damaged(kind: str, backup: Path, target: Path) -> Path:
    data = backup.read_bytes()
    if kind == "truncated":
        target.write_bytes(data[: len(data) * 2 // 3])
    elif kind == "flipped byte":
        middle = len(data) // 2
        target.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:])
    elif kind == "not a backup":
        target.write_text("Đây là một tệp văn bản, không phải bản sao lưu.\n", encoding="utf-8")
    elif kind == "database swapped":
        def swap(manifest, members):
            name = next(name for name in members if name.startswith("database."))
            members[name] = members[name][:-4096] + bytes(4096)
        repack(backup, target, swap)
    elif kind == "path trick":
        def escape(manifest, members):
            members["uploads/../../thoat-ra-ngoai.txt"] = b"ghi ra ngoai"
            manifest["members"]["uploads/../../thoat-ra-ngoai.txt"] = {"size": 12, "sha256": "0" * 64}
        repack(backup, target, escape)
    return target


@pytest.mark.parametrize("damage", ["truncated", "flipped byte", "not a backup", "database swapped", "path trick"])
def test_a_damaged_backup_is_refused_and_changes_nothing(app, backed_up, tmp_path, damage):
    damaged = _damaged(damage, backed_up, tmp_path / "hong.backup")
    before, attached = everything(app), files(app)

    result = run(app, "restore", damaged, "--yes")

    assert result.exit_code == 1
    assert DAMAGED in result.output and UNCHANGED in result.output
    assert everything(app) == before and files(app) == attached
    assert not (tmp_path / "thoat-ra-ngoai.txt").exists()
    assert not list(Path(app.instance_path).glob(".restore-*")), "the staging folder is cleaned up"


def test_a_backup_of_the_other_kind_of_database_is_refused(app, backed_up, tmp_path):
    def other_kind(manifest, members):
        other = "postgresql" if manifest["database"] == "sqlite" else "sqlite"
        old, new = archive.DATABASE_MEMBERS[manifest["database"]], archive.DATABASE_MEMBERS[other]
        manifest["database"] = other
        manifest["members"][new] = manifest["members"].pop(old)
        members[new] = members.pop(old)

    repack(backed_up, tmp_path / "khac.backup", other_kind)
    before = everything(app)

    result = run(app, "restore", tmp_path / "khac.backup", "--yes")

    assert result.exit_code == 1 and "còn ứng dụng đang dùng" in result.output and UNCHANGED in result.output
    assert everything(app) == before


def test_restore_asks_first_and_without_a_yes_changes_nothing(app, backed_up):
    before = everything(app)
    for answer in ("n\n", None):  # said no; no terminal to answer (cron, a pipe)
        result = run(app, "restore", backed_up, input=answer)
        assert result.exit_code == 1
        assert "THAY TOÀN BỘ dữ liệu hiện có" in result.output and "Đã huỷ: không có gì bị thay đổi" in result.output
        assert everything(app) == before

    result = run(app, "restore", backed_up, input="y\n")
    assert result.exit_code == 0, result.output
    assert len(everything(app)["person"]) == len(before["person"]) - 1


def test_backup_never_overwrites_an_existing_file_unless_forced(app, backed_up, tmp_path):
    precious = tmp_path / "quan-trong.backup"
    precious.write_bytes(b"a file that is not ours")

    result = run(app, "backup", precious)

    assert result.exit_code == 1 and "không ghi đè" in result.output and "--force" in result.output
    assert precious.read_bytes() == b"a file that is not ours"

    result = run(app, "backup", precious, "--force")
    assert result.exit_code == 0, result.output
    with tarfile.open(precious, "r:gz") as tar:
        assert tar.getnames()[0] == archive.MANIFEST
    leftovers = [path.name for path in tmp_path.iterdir() if path.name.startswith(".")]
    assert leftovers == [], "no temporary file or staging folder is left beside the backups"


def test_a_backup_from_a_newer_version_of_the_app_is_refused(app, tmp_path):
    with app.app_context():
        factories.small_unit()
    stamp(app, "0099_tu_tuong_lai")
    back_up(app, tmp_path / "moi-hon.backup")
    with app.app_context():
        factories.person("Sau", "Lê", "Văn", gender="male")
        db.session.commit()
    before = everything(app)

    result = run(app, "restore", tmp_path / "moi-hon.backup", "--yes")

    assert result.exit_code == 1
    assert "phiên bản ứng dụng mới hơn" in result.output and "nâng cấp ứng dụng" in result.output
    assert everything(app) == before


def test_a_backup_from_an_older_version_is_restored_and_asks_for_the_upgrade(app, tmp_path):
    with app.app_context():
        factories.small_unit()
    stamp(app, "0006_meetings")
    before = everything(app)
    back_up(app, tmp_path / "cu-hon.backup")
    stamp(app, head(app))

    result = run(app, "restore", tmp_path / "cu-hon.backup", "--yes")

    assert result.exit_code == 0, result.output
    assert "flask db upgrade" in result.output and "0006_meetings" in result.output
    assert everything(app) == before


# --- PostgreSQL tools ---------------------------------------------------------------------------------------------

def test_the_postgres_password_goes_in_the_environment_never_on_the_command_line():
    url = make_url("postgresql+psycopg://sotd:m%E1%BA%ADt-kh%E1%BA%A9u'x@db.noi-bo:5433/so_thi_dua?sslmode=require")
    conninfo, env = postgres.connection(url)
    assert "mật" not in conninfo and "password" not in conninfo
    assert env["PGPASSWORD"] == "mật-khẩu'x"
    assert conninfo == "host='db.noi-bo' port='5433' user='sotd' dbname='so_thi_dua' sslmode='require'"


def test_the_postgres_tools_come_from_sotd_pg_bin_when_it_is_set(monkeypatch, tmp_path):
    (tmp_path / "pg_dump").write_text("#!/bin/sh\n")
    monkeypatch.setenv("SOTD_PG_BIN", str(tmp_path))
    assert postgres.binary("pg_dump") == str(tmp_path / "pg_dump")
    with pytest.raises(BackupError, match="pg_restore"):
        postgres.binary("pg_restore")
