"""The year-end .docx files open in LibreOffice: each converts to PDF (headless, a private profile) with the pages
expected — every person's report starts a new page and none is blank, a long nomination list repeats its header
on every page, the letterhead's lines are not broken. Needs `soffice` (libreoffice-writer-nogui) and poppler's
`pdfinfo`/`pdftotext` (poppler-utils), which `make system-deps` installs; without them these tests fail."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from app.documents.year_end import files
from tests.unit.test_documents_year_end import assessment, context, year_file

TIMEOUT = 120
PEOPLE = "bao-cao-thanh-tich-ca-nhan-2026"


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"`{name}` is missing: install {package} (make system-deps) to check the documents render")
    return path


def _convert(sources: list[Path], folder: Path) -> None:
    soffice = _tool("soffice", "libreoffice-writer-nogui")
    profile = folder / "lo-profile"  # a private profile: parallel runs do not share LibreOffice's lock
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(folder), *map(str, sources)]
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"LibreOffice did not convert the documents within {TIMEOUT} s")


def pages(pdf: Path) -> int:
    info = subprocess.run([_tool("pdfinfo", "poppler-utils"), str(pdf)], check=True, capture_output=True,
                          text=True, timeout=TIMEOUT).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run([_tool("pdftotext", "poppler-utils"), "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True, timeout=TIMEOUT).stdout
    return text.split("\f")[:pages(pdf)]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("year-end-pdf")
    made = files(year_file(), assessment(), context())
    long_list = _many_people(60)
    sources = []
    for name, data in [*made.items(), *long_list.items()]:
        if name.endswith(".docx"):
            path = folder / name
            path.write_bytes(data)
            sources.append(path)
    _convert(sources, folder)
    converted = {path.stem: path.with_suffix(".pdf") for path in sources}
    missing = [stem for stem, pdf in converted.items() if not pdf.exists()]
    assert not missing, f"LibreOffice made no PDF of {missing}"
    return converted


def _many_people(count: int) -> dict[str, bytes]:
    """The nomination list with `count` more people like Lê Minh Tuấn: without a meeting, each is proposed
    “Lao động tiên tiến”, “Chiến sĩ thi đua cơ sở” and Giấy khen."""
    doc, result = year_file(), assessment()
    template = next(p for p in doc["people"] if p["code"] == "CB03")
    entry = next(e for e in result["people"] if e["person"] == "CB03")
    for number in range(count):
        code = f"X{number:03d}"
        doc["people"].append({**template, "code": code, "given_name": f"Tuấn {number}"})
        result["people"].append({**entry, "person": code})
    made = files(doc, result, context(meeting=None))
    return {"danh-sach-dai.docx": made["danh-sach-de-nghi-khen-thuong-2026.docx"]}


def test_every_docx_converts_to_a_pdf_with_the_expected_pages(rendered):
    assert 2 <= pages(rendered["bao-cao-thanh-tich-tap-the-2026"]) <= 4
    assert 1 <= pages(rendered["bien-ban-hop-binh-xet-2026"]) <= 3
    assert 1 <= pages(rendered["danh-sach-de-nghi-khen-thuong-2026"]) <= 3
    assert 6 <= pages(rendered[PEOPLE]) <= 12  # one or two pages for each of the six people


def test_each_person_s_report_starts_a_page_and_no_page_is_blank(rendered):
    texts = page_texts(rendered[PEOPLE])
    assert all(text.strip() for text in texts), "a blank page"
    starts = [number for number, text in enumerate(texts) if "NGHĨA VIỆT NAM" in text]
    assert len(starts) == 6 and starts[0] == 0
    names = [re.search(r"- Họ và tên: (.+)", texts[start]).group(1).strip() for start in starts]
    assert names == ["Phạm Quang Huy", "Đỗ Văn Nam", "Hoàng Thu Trang", "Trần Thị Hoa", "Nguyễn Thị Mai",
                     "Lê Minh Tuấn"]


def test_the_letterhead_lines_are_not_broken(rendered):
    first_page = page_texts(rendered["bao-cao-thanh-tich-tap-the-2026"])[0]
    lines = [" ".join(line.split()) for line in first_page.splitlines()]
    assert any("SỞ NỘI VỤ THÀNH PHỐ HÀ NỘI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in line for line in lines)
    assert any("BAN THI ĐUA – KHEN THƯỞNG Độc lập - Tự do - Hạnh phúc" in line for line in lines)
    assert any(line.startswith("THÀNH PHỐ HÀ NỘI") for line in lines)
    assert any(line.startswith("Số: …/BC-BTĐKT") for line in lines)


def test_a_long_list_runs_over_pages_with_its_header_on_each(rendered):
    texts = page_texts(rendered["danh-sach-dai"])
    assert len(texts) >= 3
    assert all("Căn cứ" in text and "Họ và tên" in text for text in texts[:-1])
    # the six people's 13 proposals without the meeting's vote, and 3 for each of the 60 more
    assert "Tổng số: 193 lượt đề nghị cho 64 cá nhân; 1 lượt đề nghị cho tập thể." in " ".join(
        " ".join(text.split()) for text in texts)
