"""Benchmark: the year end's documents (app/documents/year_end) for a synthetic unit.

    .venv/bin/python -m bench.documents [--sizes 20,2000] [--runs 3]

For each size: a synthetic year file (bench/year_end.py's generator: invented people, twelve months, leave,
initiatives, discipline, history), its assessment (app.domain.year_end.assess) and a bình xét meeting voting on
every “Chiến sĩ thi đua cơ sở” proposal; then it times assessing and making every document — the unit's report,
everyone's reports in one .docx, the minutes, the nomination list, the workbook — and drawing every print view
(the document template, without the page around it). It prints the median of the runs per step and in total, and
the peak memory of one whole run: the peak resident size of a process doing it (a fork of this one, which already
holds the year file and the libraries: lxml's and zlib's memory, invisible to tracemalloc, is counted) and Python's
own allocations (tracemalloc, a separate run: tracing slows and bloats). Figures only: nothing is asserted.

The issue's budget: assessing and generating every document under 1 s for 20 people, under 10 s and 300 MB for
2,000.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import time
import tracemalloc
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from app.documents.official import to_docx, to_docx_many
from app.documents.year_end import award_list, meeting_minutes, person_report, print_views, unit_report, workbook
from app.documents.year_end.inputs import Attendee, Meeting, Vote, YearEndContext
from app.documents.year_end.year_data import YearData
from app.domain.rulebooks import rulebook
from app.domain.year_end import assess
from bench.year_end import synthetic_year

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def context_for(doc: dict, result: dict) -> YearEndContext:
    """The Trưởng ban signs; a 9-member council votes on each “Chiến sĩ thi đua cơ sở” (one in ten fails)."""
    chair, secretary = Attendee("Nguyễn Văn An", "Trưởng ban, Chủ tịch Hội đồng"), Attendee("Trần Thị Bình", "Thư ký")
    votes = tuple(Vote("cstdcs", 6 if number % 10 == 0 else 9, 3 if number % 10 == 0 else 0, entry["person"])
                  for number, entry in enumerate(e for e in result["people"] if e["titles"]["cstdcs"]["eligible"]))
    meeting = Meeting(held_on=date(doc["year"], 12, 18), place="Phòng họp", chair=chair, secretary=secretary,
                      attendees=(chair, secretary, *(Attendee(f"Ủy viên {n}", "Ủy viên") for n in range(1, 8))),
                      members=9, threshold_percent=80, threshold_source="cài đặt của đơn vị", votes=votes)
    return YearEndContext(signed_on=date(doc["year"] + 1, 1, 5), signer_name="Nguyễn Văn An",
                          signer_position="Trưởng ban", unit_abbreviation="BTĐKT", meeting=meeting)


def steps(doc: dict, book, result: dict, context: YearEndContext) -> dict:
    """Each step of a year end, in order: name -> a function doing it (the later ones read the year once)."""
    template = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"])) \
        .get_template("documents/year_end/official.html")
    state: dict = {}

    def read() -> None:
        state["data"] = YearData.of(doc, result, context)

    def draw_print_views() -> int:
        return sum(len(template.render(document=document, next_page=not first))
                   for first, document in ((n == 0, d) for n, d in
                                           enumerate(print_views.all_documents(state["data"]).documents)))

    return {
        "assess": lambda: assess(doc, book),
        "read the year": read,
        "unit report .docx": lambda: to_docx(unit_report.unit_report(state["data"])),
        "people's reports .docx": lambda: to_docx_many(person_report.all_reports(state["data"])),
        "minutes .docx": lambda: to_docx(meeting_minutes.minutes(state["data"])),
        "nomination list .docx": lambda: to_docx(award_list.award_list(state["data"])),
        "workbook .xlsx": lambda: workbook.workbook(state["data"]),
        "print views (HTML)": draw_print_views,
    }


def peak_resident(doc: dict, book, result: dict, context: YearEndContext) -> float:
    """MiB: the peak resident size of a fork of this process making every document once."""
    forking = multiprocessing.get_context("fork")
    receiving, sending = forking.Pipe(duplex=False)

    def year_end() -> None:
        for step in steps(doc, book, result, context).values():
            step()
        sending.send(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)  # KiB on Linux

    child = forking.Process(target=year_end)
    child.start()
    resident = receiving.recv()
    child.join()
    return resident


def measure(people: int, runs: int) -> None:
    book = rulebook("vn-2026")
    doc = synthetic_year(people, scored=True)
    result = assess(doc, book)
    context = context_for(doc, result)
    resident = peak_resident(doc, book, result, context)  # first: the timed runs leave the heap larger
    timings: dict[str, list[float]] = {}
    sizes: dict[str, int] = {}
    for _ in range(runs):
        for name, step in steps(doc, book, result, context).items():
            start = time.perf_counter()
            made = step()
            timings.setdefault(name, []).append(time.perf_counter() - start)
            if isinstance(made, bytes | int):
                sizes[name] = made if isinstance(made, int) else len(made)
    tracemalloc.start()
    for step in steps(doc, book, result, context).values():
        step()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    total = sum(statistics.median(values) for values in timings.values())
    print(f"{people} people ({len(doc['months'])} months, {len(context.meeting.votes)} votes), median of {runs} runs:")
    for name, values in timings.items():
        size = f"{sizes[name] / 1024:9.0f} KiB" if name in sizes else ""
        print(f"  {name:<24} {statistics.median(values) * 1000:9.1f} ms {size}")
    print(f"  {'total':<24} {total * 1000:9.1f} ms   (budget: {'1 s' if people <= 20 else '10 s'})")
    print(f"  peak memory: process {resident:.0f} MiB resident (budget: 300 MB); Python's allocations alone "
          f"{peak / 2**20:.1f} MiB (tracemalloc)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20,2000")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    for size in (int(part) for part in options.sizes.split(",")):
        measure(size, options.runs)


if __name__ == "__main__":
    main()
