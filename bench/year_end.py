"""Benchmark: the year-end assessment (app/domain/year_end) of a synthetic year file.

    .venv/bin/python -m bench.year_end [--sizes 20,2000] [--runs 5] [--rulebook vn-2026]

Builds a `tdkt-year/1` document in memory (invented people, twelve months each with some maternity, sick leave and
months not reviewed yet, initiatives, research, discipline, pending cases, leaders' decisions and three years of
history), then times `assess` over several runs and measures its peak memory with tracemalloc (a separate run:
tracing slows Python down). Prints the median and worst time and the peak. Figures only: nothing is asserted.
The issue's budget for 2,000 people is the whole year end (assessing and every document) under 10 s and 300 MB;
assessing alone should stay well under 1 s, since the what-if screens assess again after each change.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import tracemalloc

from app.domain.rulebooks import rulebook
from app.domain.year_end import assess

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Phan")
MIDDLE = ("Văn", "Thị", "Minh", "Thu", "Quốc", "Đức", "Thanh", "Ngọc", "Xuân", "Hữu")
GIVEN = ("An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hằng", "Hiếu", "Hoa", "Hùng", "Khánh", "Lan", "Linh",
         "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Uyên", "Việt", "Yến")
FORMS = ("khien_trach", "canh_cao", "ha_bac_luong")
PENDING = ("discipline", "inspection", "investigation", "complaint")
YEAR = 2026


def _level(score: float) -> str:
    return "htxs" if score >= 90 else "htt" if score >= 70 else "ht" if score >= 50 else "kht"


def synthetic_year(people: int, scored: bool = True, seed: int = 1) -> dict:
    """A valid year file for `people` invented people in departments of about 20."""
    rng = random.Random(seed)  # noqa: S311  (synthetic data, reproducible)
    departments = [{"code": f"P{d:03d}", "name": f"Phòng {d:03d}"} for d in range(1, max(1, people // 20) + 1)]
    doc = {"format": "tdkt-year/1", "year": YEAR, "rulebook": "vn-2026" if scored else "vn-2024",
           "unit": {"name": "Ban Thi đua – Khen thưởng (dữ liệu thử)", "superior": "Sở Nội vụ", "outstanding": False},
           "departments": departments, "people": [], "registrations": [], "unit_registration": {"title": "ttldxs"},
           "months": [], "initiatives": [], "research": [], "discipline": [], "pending": [], "annual": [],
           "history": [{"person": None, "year": YEAR - 1, "title": "ttldxs", "decision": "12/QĐ-UBND"}]}
    for number in range(1, people + 1):
        code = f"CB{number:05d}"
        gender = rng.choice(("female", "male"))
        doc["people"].append({
            "code": code, "family_name": rng.choice(FAMILY), "middle_name": "Thị" if gender == "female" else "Văn",
            "given_name": rng.choice(GIVEN), "gender": gender, "department": departments[number % len(departments)][
                "code"], "position": "chuyen_vien", "employed_from": "2018-01-01", "employed_to": None})
        doc["registrations"].append({"person": code, "title": rng.choice(("ldtt", "cstdcs"))})
        base = rng.uniform(55, 97)
        maternity = range(rng.randint(1, 8), 13) if rng.random() < 0.03 else range(0)
        last = 12 if rng.random() < 0.9 else 11  # a few not reviewed yet in December
        for month in range(1, last + 1):
            leave = "maternity" if month in maternity else ("sick" if rng.random() < 0.02 else None)
            score = None if leave else round(min(100.0, max(0.0, rng.gauss(base, 4))), 1)
            record = {"person": code, "month": month, "leave": leave, "strengths": [], "shortcomings": []}
            if scored:
                record.update(score=score, level=_level(score) if score is not None else None)
            else:
                record["level"] = _level(score) if score is not None else None
            doc["months"].append(record)
        if rng.random() < 0.1:
            doc["initiatives"].append({
                "title": f"Sáng kiến {number}", "authors": [code], "status": rng.choice(("recognised", "submitted")),
                "level": rng.choice(("co_so", "thanh_pho")), "decision": f"{number}/QĐ-TĐKT",
                "decided_on": f"{rng.choice((YEAR - 2, YEAR - 1, YEAR))}-10-20"})
        if rng.random() < 0.03:
            doc["research"].append({"title": f"Đề tài {number}", "authors": [code], "accepted_on": f"{YEAR}-09-01"})
        if rng.random() < 0.01:
            doc["discipline"].append({"person": code, "form": rng.choice(FORMS), "decided_on": f"{YEAR}-05-04",
                                      "ends_on": f"{YEAR}-11-04"})
        if rng.random() < 0.01:
            doc["pending"].append({"person": code, "kind": rng.choice(PENDING)})
        if rng.random() < 0.05:
            doc["annual"].append({"person": code, "level": rng.choice(("htxs", "htt")), "note": "Lãnh đạo quyết định"})
        for earlier in (YEAR - 1, YEAR - 2):
            if rng.random() < 0.3:
                doc["history"].append({"person": code, "year": earlier, "title": "cstdcs",
                                       "decision": f"{earlier}/QĐ-{number}"})
    return doc


def measure(people: int, runs: int, code: str) -> None:
    book = rulebook(code)
    doc = synthetic_year(people, scored=book.is_scored)
    assess(doc, book)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = assess(doc, book)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    assess(doc, book)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    eligible = sum(entry["titles"]["ldtt"]["eligible"] for entry in result["people"])
    print(f"{people:>6} people, {len(doc['months']):>6} months ({code}): median {statistics.median(times) * 1000:8.1f} ms,"
          f" worst {max(times) * 1000:8.1f} ms, peak {peak / 2**20:6.1f} MiB"
          f"  [quota {result['quota']['htxs_count']}/{result['quota']['htxs_max']}, “Lao động tiên tiến” {eligible}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20,2000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rulebook", default="vn-2026")
    options = parser.parse_args()
    for size in (int(part) for part in options.sizes.split(",")):
        measure(size, options.runs, options.rulebook)


if __name__ == "__main__":
    main()
