"""The year file's validation (tdkt-year/1): every error is one `PATH: message` line naming the wrong place."""

from __future__ import annotations

import copy
import json
import unicodedata
from pathlib import Path

import pytest

from app.domain.year_file import canonical, validate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "year_files"


def person(code, family, middle, given, gender="female", department="VP", position="chuyen_vien",
           employed_from="2019-03-01", employed_to=None):
    return {"code": code, "family_name": family, "middle_name": middle, "given_name": given, "gender": gender,
            "department": department, "position": position, "employed_from": employed_from,
            "employed_to": employed_to}


def base() -> dict:
    """A small valid 2026 file using every section: CB04 joined on 01/04/2026."""
    return {
        "format": "tdkt-year/1",
        "year": 2026,
        "rulebook": "vn-2026",
        "unit": {"name": "Ban Thi đua – Khen thưởng huyện Mê Linh", "superior": "Ủy ban nhân dân huyện Mê Linh",
                 "outstanding": False},
        "departments": [{"code": "VP", "name": "Văn phòng"}, {"code": "TH", "name": "Phòng Tổng hợp"}],
        "people": [
            person("CB01", "Trần", "Thị", "Hoa"),
            person("CB02", "Nguyễn", "Văn", "Bình", "male", "TH", "truong_phong", "2015-06-01"),
            person("CB03", "Lê", "Thị", "Mai", department="TH"),
            person("CB04", "Phạm", "Quốc", "Dũng", "male", employed_from="2026-04-01"),
        ],
        "registrations": [{"person": "CB01", "title": "cstdcs"}],
        "unit_registration": {"title": "ttldxs"},
        "months": [
            {"person": "CB01", "month": 1, "score": 92.0, "level": "htxs", "leave": None,
             "strengths": ["Hoàn thành sớm báo cáo tổng kết."], "shortcomings": ["Gửi báo cáo quý chậm hai ngày."]},
            {"person": "CB02", "month": 1, "score": 75.5},
            {"person": "CB03", "month": 1, "leave": "maternity"},
            {"person": "CB04", "month": 4, "score": 60, "level": "ht"},
        ],
        "initiatives": [{"title": "Số hoá hồ sơ khen thưởng", "authors": ["CB01"], "status": "recognised",
                         "level": "co_so", "decision": "15/QĐ-TĐKT", "decided_on": "2026-10-20"}],
        "research": [{"title": "Bộ tiêu chí chấm điểm công chức", "authors": ["CB02"], "accepted_on": "2026-09-01"}],
        "discipline": [{"person": "CB03", "form": "khien_trach", "decided_on": "2026-05-04",
                        "ends_on": "2026-11-04"}],
        "pending": [{"person": "CB02", "kind": "inspection"}],
        "annual": [{"person": "CB01", "level": "htt", "note": "Giữ hạn mức 20%."}],
        "history": [{"person": "CB01", "year": 2025, "title": "cstdcs", "decision": "05/QĐ-TĐKT"},
                    {"person": None, "year": 2025, "title": "ttldxs", "decision": "45/QĐ-UBND"}],
    }


def errors_after(change) -> list[str]:
    doc = base()
    change(doc)
    return validate(doc)


def test_a_valid_file_has_no_errors():
    assert validate(base()) == []


@pytest.mark.parametrize("name", ["rich-2026.json", "levels-2024.json"])
def test_the_hand_made_fixture_files_are_valid(name):
    assert validate(json.loads((FIXTURES / name).read_text(encoding="utf-8"))) == []


def test_the_example_message_of_the_spec_word_for_word():
    def change(doc):
        doc["people"][3]["employed_from"] = "2019-02-30"

    assert errors_after(change) == ["people[3].employed_from: không phải ngày hợp lệ (YYYY-MM-DD)"]


@pytest.mark.parametrize("value", ["2019-02-30", "01/03/2019", "20190301", "2019-3-1", 20190301, ""])
def test_dates_must_be_yyyy_mm_dd(value):
    def change(doc):
        doc["people"][0]["employed_from"] = value

    assert errors_after(change) == ["people[0].employed_from: không phải ngày hợp lệ (YYYY-MM-DD)"]


def test_optional_sections_may_be_absent_or_null():
    doc = base()
    for key in ("rulebook", "registrations", "initiatives", "research", "discipline", "pending", "annual",
                "history"):
        del doc[key]
    doc["unit_registration"] = None
    assert validate(doc) == []


def test_people_must_be_a_list_and_whatever_names_them_is_then_unknown():
    errors = errors_after(lambda d: d.update(people={"CB01": {}}))
    assert errors[0] == "people: phải là một danh sách ([…])"
    assert "months[0].person: không có người mã “CB01” trong people" in errors


def test_the_root_must_be_an_object():
    assert validate([base()]) == ["$: phải là một đối tượng JSON ({…})"]


def test_every_error_is_reported_not_only_the_first():
    def change(doc):
        doc["format"] = "tdkt-year/2"
        doc["people"][1]["gender"] = "nam"
        doc["months"][0]["score"] = 101

    assert errors_after(change) == [
        "format: phải là “tdkt-year/1”",
        "people[1].gender: phải là một trong: female, male",
        "months[0].score: phải từ 0 đến 100",
    ]


SHAPE_ERRORS = [
    (lambda d: d.pop("months"), "months: thiếu trường bắt buộc"),
    (lambda d: d.update(notes="…"), "notes: trường không có trong định dạng tdkt-year/1"),
    (lambda d: d["months"][1].update(comment="tốt"), "months[1].comment: trường không có trong định dạng tdkt-year/1"),
    (lambda d: d["people"][2].pop("gender"), "people[2].gender: thiếu trường bắt buộc"),
    (lambda d: d.update(year="2026"), "year: phải là một số nguyên"),
    (lambda d: d.update(year=True), "year: phải là một số nguyên"),
    (lambda d: d.update(year=1999), "year: phải từ 2000 đến 2100"),
    (lambda d: d.update(rulebook="vn-2030"), "rulebook: phải là một trong: vn-2024, vn-2026"),
    (lambda d: d.update(unit="Ban Thi đua"), "unit: phải là một đối tượng JSON ({…})"),
    (lambda d: d["unit"].update(outstanding="không"), "unit.outstanding: phải là true hoặc false"),
    (lambda d: d["unit"].update(name="  "), "unit.name: không được để trống"),
    (lambda d: d["departments"].append("KT"), "departments[2]: phải là một đối tượng JSON ({…})"),
    (lambda d: d["people"][0].update(given_name=5), "people[0].given_name: phải là một chuỗi"),
    (lambda d: d["people"][0].update(family_name=None),
     "people[0].family_name: phải là một chuỗi, không được để trống"),
    (lambda d: d["people"][0].update(family_name="Trần" * 13), "people[0].family_name: dài quá 50 ký tự"),
    (lambda d: d["people"][1].update(position="truong_khoa"),
     "people[1].position: phải là một trong: truong_ban, pho_truong_ban, truong_phong, pho_truong_phong, "
     "chuyen_vien, nhan_vien"),
    (lambda d: d["months"][0].update(strengths="Tốt"), "months[0].strengths: phải là một danh sách ([…])"),
    (lambda d: d["months"][0]["strengths"].append(""), "months[0].strengths[1]: không được để trống"),
    (lambda d: d["months"][0]["strengths"].append("Dòng một\nDòng hai"),
     "months[0].strengths[1]: mỗi mục một dòng: hãy tách thành nhiều mục"),
    (lambda d: d["months"][0]["shortcomings"].append(7), "months[0].shortcomings[1]: phải là một chuỗi"),
]


@pytest.mark.parametrize(("change", "expected"), SHAPE_ERRORS)
def test_shape_errors_name_their_path(change, expected):
    assert errors_after(change) == [expected]


VOCABULARY_ERRORS = [
    (lambda d: d["months"][0].update(level="xuat_sac"), "months[0].level: phải là một trong: htxs, htt, ht, kht"),
    (lambda d: d["months"][2].update(leave="annual"), "months[2].leave: phải là một trong: maternity, sick, other"),
    (lambda d: d["registrations"][0].update(title="ttldxs"),
     "registrations[0].title: phải là một trong: ldtt, cstdcs, cstd_tp, bang_khen_tp, giay_khen"),
    (lambda d: d["unit_registration"].update(title="cstdcs"),
     "unit_registration.title: phải là một trong: ttldtt, ttldxs, bang_khen_tp"),
    (lambda d: d["initiatives"][0].update(status="approved"),
     "initiatives[0].status: phải là một trong: registered, submitted, recognised, rejected"),
    (lambda d: d["initiatives"][0].update(level="tinh"), "initiatives[0].level: phải là một trong: co_so, thanh_pho"),
    (lambda d: d["discipline"][0].update(form="phe_binh"),
     "discipline[0].form: phải là một trong: khien_trach, canh_cao, ha_bac_luong, giang_chuc, cach_chuc, "
     "buoc_thoi_viec"),
    (lambda d: d["pending"][0].update(kind="audit"),
     "pending[0].kind: phải là một trong: discipline, inspection, investigation, complaint"),
    (lambda d: d["annual"][0].update(level="A"), "annual[0].level: phải là một trong: htxs, htt, ht, kht"),
    (lambda d: d["history"][1].update(title="cstdcs"),
     "history[1].title: phải là một trong: ttldtt, ttldxs, bang_khen_tp"),
    (lambda d: d["history"][0].update(title="ttldxs"),
     "history[0].title: phải là một trong: ldtt, cstdcs, cstd_tp, bang_khen_tp, giay_khen"),
]


@pytest.mark.parametrize(("change", "expected"), VOCABULARY_ERRORS)
def test_codes_outside_the_vocabularies_are_refused(change, expected):
    assert errors_after(change) == [expected]


INTEGRITY_ERRORS = [
    (lambda d: d["people"].append(person("CB01", "Trần", "Văn", "Hải")),
     "people[4].code: mã “CB01” trùng với people[0]"),
    (lambda d: d["departments"].append({"code": "VP", "name": "Phòng Kế toán"}),
     "departments[2].code: mã “VP” trùng với departments[0]"),
    (lambda d: d["departments"][1].update(name=unicodedata.normalize("NFD", "Văn phòng")),
     "departments[1].name: tên phòng “Văn phòng” trùng với departments[0]"),
    (lambda d: d["departments"][1].update(name="văn phòng"),
     "departments[1].name: tên phòng “văn phòng” trùng với departments[0]"),
    (lambda d: d["people"][0].update(department="KT"),
     "people[0].department: không có phòng mã “KT” trong departments"),
    (lambda d: d["people"][1].update(department=None), "people[1].department: lãnh đạo phòng phải thuộc một phòng"),
    (lambda d: d["months"][1].update(person="CB99"), "months[1].person: không có người mã “CB99” trong people"),
    (lambda d: d["initiatives"][0]["authors"].append("CB99"),
     "initiatives[0].authors[1]: không có người mã “CB99” trong people"),
    (lambda d: d["initiatives"][0]["authors"].append("CB01"),
     "initiatives[0].authors[1]: CB01 đã có trong danh sách tác giả"),
    (lambda d: d["research"][0].update(authors=["CB09"]),
     "research[0].authors[0]: không có người mã “CB09” trong people"),
    (lambda d: d["discipline"][0].update(person="CB09"), "discipline[0].person: không có người mã “CB09” trong people"),
    (lambda d: d["annual"][0].update(person=7), "annual[0].person: phải là mã của một người trong people"),
    (lambda d: d["months"].append({"person": "CB01", "month": 1, "score": 91.0}),
     "months[4].month: CB01 đã có tháng 1 ở months[0]: mỗi người mỗi tháng một bản ghi"),
    (lambda d: d["months"].append({"person": "CB04", "month": 3, "score": 80.0}),
     "months[4].month: tháng 3/2026 nằm ngoài thời gian công tác của CB04 (từ 01/04/2026)"),
    (lambda d: (d["people"][2].update(employed_to="2026-02-15"), d["months"].append(
        {"person": "CB03", "month": 3, "leave": "maternity"})),
     "months[4].month: tháng 3/2026 nằm ngoài thời gian công tác của CB03 (từ 01/03/2019 đến 15/02/2026)"),
    (lambda d: d["people"][0].update(employed_to="2019-01-01"),
     "people[0].employed_to: trước ngày bắt đầu công tác (employed_from)"),
    (lambda d: d["annual"].append({"person": "CB01", "level": "htxs"}),
     "annual[1].person: CB01 đã có quyết định ở annual[0]: mỗi người một mức xếp loại năm"),
    (lambda d: d["registrations"].append({"person": "CB01", "title": "ldtt"}),
     "registrations[1].person: CB01 đã đăng ký ở registrations[0]: mỗi người một đăng ký"),
    (lambda d: d["initiatives"].append({"title": "Số hoá hồ sơ khen thưởng", "authors": ["CB02"],
                                        "status": "recognised", "decided_on": "2026-10-20"}),
     "initiatives[1].title: trùng tên và ngày với initiatives[0]"),
    (lambda d: d["discipline"].append(dict(d["discipline"][0])), "discipline[1]: trùng với discipline[0]"),
    (lambda d: d["pending"].append({"person": "CB02", "kind": "inspection"}), "pending[1]: trùng với pending[0]"),
    (lambda d: d["history"].append({"person": None, "year": 2025, "title": "ttldxs"}),
     "history[2]: trùng với history[1]"),
    (lambda d: d["discipline"][0].update(decided_on="2027-01-05", ends_on=None),
     "discipline[0].decided_on: quyết định sau năm 2026: không thuộc tệp của năm này"),
    (lambda d: d["discipline"][0].update(ends_on="2026-01-01"),
     "discipline[0].ends_on: trước ngày quyết định (decided_on)"),
    (lambda d: d["discipline"][0].pop("decided_on"), "discipline[0].decided_on: thiếu trường bắt buộc"),
    (lambda d: d["history"][0].pop("person"), "history[0].person: thiếu trường bắt buộc"),
    (lambda d: d["history"][0].update(year=2027), "history[0].year: phải từ 1945 đến 2026"),
    (lambda d: d["people"].append(person("CB05", "Võ", "Thị", "Thu", employed_from="2010-01-01",
                                         employed_to="2020-12-31")),
     "people[4]: CB05 không công tác trong năm 2026 và không có đăng ký, sáng kiến, đề tài hay quyết định xếp "
     "loại nào của năm: hãy bỏ khỏi tệp"),
]


@pytest.mark.parametrize(("change", "expected"), INTEGRITY_ERRORS)
def test_integrity_errors_name_the_record_at_fault(change, expected):
    assert errors_after(change) == [expected]


def test_someone_who_left_before_the_year_may_come_as_an_author():
    def change(doc):
        doc["people"].append(person("CB05", "Võ", "Thị", "Thu", employed_from="2010-01-01",
                                    employed_to="2025-06-30"))
        doc["initiatives"][0]["authors"].append("CB05")

    assert errors_after(change) == []


SCORE_ERRORS = [
    (100.5, "months[0].score: phải từ 0 đến 100"),
    (-1, "months[0].score: phải từ 0 đến 100"),
    (92.25, "months[0].score: tối đa một chữ số thập phân"),
    ("92", "months[0].score: phải là một số"),
    (True, "months[0].score: phải là một số"),
    (float("nan"), "months[0].score: phải là một số"),
]


@pytest.mark.parametrize(("score", "expected"), SCORE_ERRORS)
def test_a_score_is_0_to_100_with_at_most_one_decimal(score, expected):
    def change(doc):
        doc["months"][0].update(score=score, level=None)

    assert errors_after(change) == [expected]


@pytest.mark.parametrize(("score", "level"), [(90, "htxs"), (89.9, "htt"), (70.0, "htt"), (69.9, "ht"), (50, "ht"),
                                              (49.9, "kht"), (0, "kht"), (100, "htxs")])
def test_a_level_that_agrees_with_the_score_band_is_accepted(score, level):
    assert errors_after(lambda d: d["months"][0].update(score=score, level=level)) == []


def test_a_level_that_disagrees_with_the_score_band_fails():
    assert errors_after(lambda d: d["months"][0].update(score=89.9, level="htxs")) == [
        "months[0].level: điểm 89.9 thuộc mức Hoàn thành tốt nhiệm vụ (htt), không phải htxs "
        "(Nghị định 335/2025/NĐ-CP, Điều 20)"]


def test_vn_2026_requires_a_score_for_each_month_worked():
    assert errors_after(lambda d: d["months"][1].pop("score")) == [
        "months[1].score: quy định vn-2026 yêu cầu điểm cho mỗi tháng làm việc"]


def levels_only(doc):
    doc["rulebook"] = "vn-2024"
    for record in doc["months"]:
        record.pop("score", None)
        if not record.get("leave"):
            record["level"] = "htt"


def test_vn_2024_rates_by_level_and_has_no_scores():
    assert errors_after(levels_only) == []

    def with_a_score(doc):
        levels_only(doc)
        doc["months"][0]["score"] = 80.0

    def without_a_level(doc):
        levels_only(doc)
        del doc["months"][1]["level"]

    assert errors_after(with_a_score) == [
        "months[0].score: quy định vn-2024 xếp loại theo mức, không chấm điểm: bỏ điểm"]
    assert errors_after(without_a_level) == [
        "months[1].level: quy định vn-2024 yêu cầu mức xếp loại cho mỗi tháng làm việc"]


def test_without_a_rulebook_the_one_in_force_for_the_year_applies():
    def year_2024(doc):
        del doc["rulebook"]
        doc["year"] = 2024
        doc["people"][3]["employed_from"] = "2024-04-01"
        doc["discipline"][0].update(decided_on="2024-05-04", ends_on=None)
        doc["history"] = []

    assert "months[0].score: quy định vn-2024 xếp loại theo mức, không chấm điểm: bỏ điểm" in errors_after(year_2024)


def test_a_year_no_rulebook_covers_must_name_one():
    def year_2015(doc):
        del doc["rulebook"]
        doc["year"] = 2015

    assert "year: không có quy định nào áp dụng cho năm 2015: hãy ghi trường rulebook" in errors_after(year_2015)


def test_a_month_on_leave_has_neither_score_nor_level():
    assert errors_after(lambda d: d["months"][2].update(score=80.0, level="htt")) == [
        "months[2].score: tháng nghỉ (maternity) không có điểm",
        "months[2].level: tháng nghỉ (maternity) không có mức xếp loại",
    ]


def test_canonical_makes_equivalent_documents_equal():
    written_out = base()
    terse = copy.deepcopy(written_out)
    terse["months"].reverse()
    terse["people"].reverse()
    del terse["months"][-1]["level"]  # CB01's 92.0: the band says htxs
    terse["months"][-1]["score"] = 92
    written_out["months"][1].update(level="htt", leave=None, strengths=[], shortcomings=[])
    assert canonical(terse) == canonical(written_out)
    changed = copy.deepcopy(written_out)
    changed["months"][1]["score"] = 75.0
    assert canonical(changed) != canonical(written_out)
