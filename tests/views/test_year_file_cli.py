"""`flask year import / export / assess` (../shared/spec/year-file.md), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.domain.year_file import canonical, validate
from app.extensions import db
from app.models import (
    Account,
    AnnualDecision,
    AuditEvent,
    AwardHistory,
    CommitmentSheet,
    Department,
    Discipline,
    Initiative,
    Month,
    MonthlyReview,
    PendingCase,
    Person,
    Registration,
    Shortcoming,
    Unit,
    UnitRegistration,
    Year,
)
from app.yearfile import writer
from tests import factories

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "year_files"
RICH = FIXTURES / "rich-2026.json"
LEVELS = FIXTURES / "levels-2024.json"


@pytest.fixture(autouse=True)
def early_2027(monkeypatch):
    """Imports happen on 10/01/2027: every month of 2026 is over."""
    monkeypatch.setattr("app.clock.today", lambda: date(2027, 1, 10))


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def write(tmp_path: Path, doc: dict, name: str = "nam-2026.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def run(app, *args):
    return app.test_cli_runner().invoke(args=["year", *map(str, args)])


def row_counts() -> dict[str, int]:
    return {table.name: db.session.execute(select(func.count()).select_from(table)).scalar()
            for table in db.metadata.sorted_tables}


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def review_of(code: str, year: int, number: int) -> MonthlyReview:
    return db.session.scalar(select(MonthlyReview).join(Person).join(Month).join(Year).where(
        Person.code == code, Year.year == year, Month.number == number))


def exported(app, year: int) -> dict:
    result = run(app, "export", "--year", year)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- import --------------------------------------------------------------------------------------------------

def test_import_loads_the_whole_file_in_one_go(app):
    result = run(app, "import", RICH)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Đã nhập năm 2026 (quy định vn-2026) từ “rich-2026.json”: 10 người mới")
    assert "88 tháng đánh giá" in result.stdout
    with app.app_context():
        year = db.session.scalar(select(Year).where(Year.year == 2026))
        assert year.rulebook_code == "vn-2026" and year.outstanding is False
        assert [month.state for month in year.months] == ["closed"] * 12  # a year already over is closed
        assert count(Person) == 10 and count(Department) == 3 and count(MonthlyReview) == 88
        assert count(Registration) == 5 and count(UnitRegistration) == 1 and count(Initiative) == 6
        assert count(Discipline) == 1 and count(PendingCase) == 1 and count(AnnualDecision) == 1
        assert count(AwardHistory) == 4 and count(Shortcoming) == 4
        assert db.session.scalar(select(Unit.name)) == "Ban Thi đua – Khen thưởng huyện Mê Linh"

        first = review_of("CB01", 2026, 1)
        assert (first.review_state, first.review_score, first.review_level) == ("approved", Decimal("92.5"), "htxs")
        assert first.strengths.splitlines() == ["Hoàn thành sớm báo cáo tổng kết thi đua năm.",
                                                "Chủ động hướng dẫn đồng nghiệp dùng phần mềm."]
        assert review_of("CB09", 2026, 1).review_level == "htt"  # the file gave the score only
        assert review_of("CB03", 2026, 7).leave == "maternity"
        assert [s.text for s in review_of("CB05", 2026, 5).raised] == [
            "Để sai sót số liệu trong tờ trình khen thưởng đợt tháng 5.", "Chưa cập nhật sổ theo dõi hồ sơ hằng tuần."]
        left = db.session.scalar(select(Person).where(Person.code == "CB07"))
        assert left.active is False and left.employed_to == date(2026, 8, 31)
        research = db.session.scalar(select(Initiative).where(Initiative.kind == "research",
                                                              Initiative.decided_on.is_not(None)))
        assert (research.status, research.decided_on) == ("recognised", date(2026, 9, 1))
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.entity == "year"))
        assert (event.entity_id, event.action, event.reason) == (year.id, "import", "Nhập tệp năm “rich-2026.json”")


def test_importing_a_year_that_has_data_is_refused_and_changes_nothing(app):
    assert run(app, "import", RICH).exit_code == 0
    with app.app_context():
        before = row_counts()
    again = run(app, "import", RICH)
    assert again.exit_code == 1
    assert again.stdout == ""
    assert again.stderr.startswith("Lỗi: Năm 2026 đã có dữ liệu (88 đánh giá tháng, 4 tồn tại, hạn chế, 5 đăng ký thi đua")
    assert "Dùng --replace" in again.stderr
    with app.app_context():
        assert row_counts() == before


def test_a_year_opened_in_the_app_with_a_registration_counts_as_having_data(app):
    with app.app_context():
        year = factories.year(2026)
        someone = factories.person(code="CB01")
        db.session.add(Registration(year_id=year.id, person_id=someone.id, target_title="ldtt"))
        db.session.commit()
    result = run(app, "import", RICH)
    assert result.exit_code == 1 and "(1 đăng ký thi đua)" in result.stderr


def test_an_empty_year_opened_in_the_app_keeps_its_months_and_takes_the_file(app):
    with app.app_context():
        factories.year(2026, rulebook_code="vn-2024", states={10: "closed", 11: "review"})
    assert run(app, "import", RICH).exit_code == 0
    with app.app_context():
        year = db.session.scalar(select(Year).where(Year.year == 2026))
        assert year.rulebook_code == "vn-2026"
        assert [m.state for m in year.months][9:] == ["closed", "review", "not_open"]
        assert review_of("CB01", 2026, 11).review_score == Decimal("92.0")


def test_people_already_known_are_matched_by_code_and_keep_their_accounts(app):
    with app.app_context():
        known = factories.person("Hòa", "Trần", "Thị", code="CB01", username="hoa.tt", employed_from=None)
        known_id = known.id
        db.session.commit()
    assert run(app, "import", RICH).exit_code == 0
    with app.app_context():
        person = db.session.get(Person, known_id)
        assert person.given_name == "Hoa" and person.employed_from == date(2019, 3, 1)
        assert person.department.code == "VP"
        assert db.session.scalar(select(Account.person_id).where(Account.username == "hoa.tt")) == known_id
        assert count(Person) == 10
        change = db.session.scalar(select(AuditEvent).where(AuditEvent.entity == "person",
                                                            AuditEvent.entity_id == known_id))
        assert change.action == "update" and change.after["given_name"] == "Hoa"


# --- a bad file changes nothing --------------------------------------------------------------------------------

def test_a_bad_file_lists_every_error_by_path_and_changes_nothing(app, tmp_path):
    assert run(app, "import", LEVELS).exit_code == 0
    doc = load(RICH)
    doc["people"][3]["employed_from"] = "2012-09-31"
    doc["months"][0]["score"] = 92.25
    doc["months"][1]["ghi_chu"] = "…"
    doc["annual"].append({"person": "CB04", "level": "htxs"})
    with app.app_context():
        before = row_counts()
    result = run(app, "import", write(tmp_path, doc))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "people[3].employed_from: không phải ngày hợp lệ (YYYY-MM-DD)",
        "months[1].ghi_chu: trường không có trong định dạng tdkt-year/1",
        "months[0].score: tối đa một chữ số thập phân",
        "annual[1].person: CB04 đã có quyết định ở annual[0]: mỗi người một mức xếp loại năm",
    ]
    with app.app_context():
        assert row_counts() == before


def test_a_database_failure_halfway_rolls_everything_back(app, monkeypatch):
    with app.app_context():
        factories.small_unit()
        before = row_counts()

    def fail(_writer):
        raise IntegrityError("INSERT INTO award_history …", {}, Exception("the disk is full"))

    monkeypatch.setattr(writer.Writer, "history", fail)
    result = run(app, "import", RICH)
    assert result.exit_code == 1
    assert result.stderr.strip() == ("Lỗi: Cơ sở dữ liệu từ chối dữ liệu của tệp, không có gì thay đổi: "
                                     "the disk is full")
    with app.app_context():
        assert row_counts() == before


def test_a_department_name_held_by_another_code_is_refused_before_writing(app):
    with app.app_context():
        factories.department("VPB", "Văn phòng")
        db.session.commit()
        before = row_counts()
    result = run(app, "import", RICH)
    assert result.exit_code == 1
    assert result.stderr.strip() == "departments[0].name: đã có phòng Văn phòng (mã VPB) trong cơ sở dữ liệu"
    with app.app_context():
        assert row_counts() == before


@pytest.mark.parametrize(("content", "message"), [
    (b'{"format": "tdkt-year/1",\n  "year": 2026,,}', "$: không phải JSON hợp lệ (dòng 2, cột 16)"),
    (b"\xff\xfe{}", "$: tệp không phải văn bản UTF-8"),
    (b'[{"format": "tdkt-year/1"}]', "$: phải là một đối tượng JSON ({…})"),
])
def test_a_file_that_is_not_a_year_file_is_refused(app, tmp_path, content, message):
    path = tmp_path / "hong.json"
    path.write_bytes(content)
    result = run(app, "import", path)
    assert result.exit_code == 1 and result.stderr.strip() == message


def test_a_missing_file_is_named(app, tmp_path):
    result = run(app, "import", tmp_path / "khong-co.json")
    assert result.exit_code == 1 and result.stderr.strip() == f"Lỗi: Không có tệp “{tmp_path / 'khong-co.json'}”."


# --- replace -----------------------------------------------------------------------------------------------------

def test_replace_swaps_the_years_data_for_the_files_without_duplicating_shared_records(app, tmp_path):
    assert run(app, "import", RICH).exit_code == 0
    with app.app_context():
        year = db.session.scalar(select(Year).where(Year.year == 2026))
        march = factories.month(year, 3)
        someone = db.session.scalar(select(Person).where(Person.code == "CB06"))
        with factories.past_writable():
            db.session.add(CommitmentSheet(person_id=someone.id, month_id=march.id))
            db.session.commit()
    doc = load(RICH)
    doc["months"][0].update(score=88.0, level="htt")  # CB01, January
    doc["registrations"] = [r for r in doc["registrations"] if r["person"] != "CB05"]
    doc["annual"] = []
    result = run(app, "import", "--replace", write(tmp_path, doc))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Đã thay dữ liệu năm 2026")
    with app.app_context():
        assert review_of("CB01", 2026, 1).review_score == Decimal("88.0")
        assert count(MonthlyReview) == 88 and count(Shortcoming) == 4
        assert count(Registration) == 4 and count(AnnualDecision) == 0 and count(CommitmentSheet) == 0
        # Records other years' files may carry are matched, not doubled.
        assert count(Initiative) == 6 and count(Discipline) == 1 and count(PendingCase) == 1
        assert count(AwardHistory) == 4 and count(Person) == 10
    assert canonical(exported(app, 2026)) == canonical(doc)


def test_replace_keeps_other_years(app):
    assert run(app, "import", LEVELS).exit_code == 0
    assert run(app, "import", RICH).exit_code == 0
    assert run(app, "import", "--replace", RICH).exit_code == 0
    with app.app_context():
        assert review_of("CB01", 2024, 1).review_level == "htxs"
        assert count(MonthlyReview) == 88 + 24


# --- export and the round trip -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "year"), [(RICH, 2026), (LEVELS, 2024)])
def test_import_then_export_gives_back_the_same_document(app, path, year):
    assert run(app, "import", path).exit_code == 0
    document = exported(app, year)
    assert validate(document) == []
    assert canonical(document) == canonical(load(path))


def test_the_export_writes_every_key_and_orders_people_by_code(app):
    assert run(app, "import", RICH).exit_code == 0
    document = exported(app, 2026)
    assert list(document) == ["format", "year", "rulebook", "unit", "departments", "people", "registrations",
                              "unit_registration", "months", "initiatives", "research", "discipline", "pending",
                              "annual", "history"]
    codes = [p["code"] for p in document["people"]]
    assert codes == sorted(codes) == [f"CB{n:02d}" for n in range(1, 11)]
    # CB10 left before 2026 and comes back as the author of the 2025 city-level initiative.
    assert {"title": "Quy trình tiếp nhận hồ sơ khen thưởng một cửa liên thông", "authors": ["CB02", "CB10"],
            "status": "recognised", "level": "thanh_pho", "decision": "112/QĐ-UBND",
            "decided_on": "2025-11-15"} in document["initiatives"]


def test_export_reads_the_reviews_written_in_the_app(app):
    """Months with a written review (or leave) come out; a pending one does not; a disciplined person's "kht"
    month keeps its score and leaves the level, which would contradict the band, to the engine."""
    with app.app_context():
        factories.unit()
        year = factories.year(2026, states={1: "closed", 2: "review", 3: "review"})
        staff = factories.person(code="CB01", employed_from=date(2020, 1, 1))
        rows = [(1, "approved", "92.0", "htxs", None), (2, "reviewed", "92.0", "kht", None),
                (3, "pending", "75.0", "htt", None), (4, "pending", None, None, "sick")]
        with factories.past_writable():
            for number, state, score, level, leave in rows:
                db.session.add(MonthlyReview(person_id=staff.id, month_id=factories.month(year, number).id,
                                             review_state=state, review_score=Decimal(score) if score else None,
                                             review_level=level, leave=leave, strengths="Đúng hạn.\n\n Chủ động. "))
            db.session.commit()
    document = exported(app, 2026)
    assert validate(document) == []
    assert document["months"] == [
        {"person": "CB01", "month": 1, "score": 92.0, "level": "htxs", "leave": None,
         "strengths": ["Đúng hạn.", "Chủ động."], "shortcomings": []},
        {"person": "CB01", "month": 2, "score": 92.0, "level": None, "leave": None,
         "strengths": ["Đúng hạn.", "Chủ động."], "shortcomings": []},
        {"person": "CB01", "month": 4, "score": None, "level": None, "leave": "sick",
         "strengths": ["Đúng hạn.", "Chủ động."], "shortcomings": []},
    ]


def test_exporting_a_year_that_is_not_there_says_so(app):
    result = run(app, "export", "--year", 2030)
    assert result.exit_code == 1 and result.stderr.strip() == "Lỗi: Chưa có năm 2030 trong cơ sở dữ liệu."


# --- assess ------------------------------------------------------------------------------------------------------

def test_assess_prints_the_assessment_as_json(app):
    assert run(app, "import", RICH).exit_code == 0
    result = run(app, "assess", "--year", 2026, "--json")
    assert result.exit_code == 0, result.output
    assessment = json.loads(result.stdout)
    assert (assessment["format"], assessment["year"], assessment["rulebook"]) == ("tdkt-assessment/1", 2026,
                                                                                  "vn-2026")
    assert [p["person"] for p in assessment["people"]] == [f"CB{n:02d}" for n in range(1, 11)]
    assert set(assessment["quota"]) == {"htxs_max", "htxs_count", "over"}
    cb04 = next(p for p in assessment["people"] if p["person"] == "CB04")
    assert cb04["decided_level"] == "htt"  # the leaders' annual decision travelled with the file


def test_assess_without_json_prints_one_line_per_person(app):
    assert run(app, "import", RICH).exit_code == 0
    result = run(app, "assess", "--year", 2026)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("CB01\t12 tháng\t")
    assert lines[-2].startswith("Hạn mức Hoàn thành xuất sắc: ")


def test_assessing_a_year_that_is_not_there_says_so(app):
    result = run(app, "assess", "--year", 2031, "--json")
    assert result.exit_code == 1 and result.stderr.strip() == "Lỗi: Chưa có năm 2031 trong cơ sở dữ liệu."

