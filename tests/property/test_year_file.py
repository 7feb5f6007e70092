"""The year file, mutated: validation answers `PATH: message` lines and never raises; `flask year import` and the
admin upload refuse a bad file with those lines, never with a traceback or a 500, and change nothing when they
refuse.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape
from sqlalchemy import select

from app.domain.year_file import validate
from app.extensions import db
from tests.property import hostile
from tests.property.world import form_settings, world_at

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DOCUMENTS = [json.loads(path.read_text(encoding="utf-8")) for path in (
    FIXTURES / "year_files" / "rich-2026.json", FIXTURES / "year_files" / "levels-2024.json",
    FIXTURES / "year_end" / "year-2026.json")]
# The importer refuses months that are not over: on 10/01/2027 every month of 2024 and 2026 is.
IMPORT_DAY = date(2027, 1, 10)
LINE = re.compile(r"^\S.*?: \S")  # `PATH: message`, the path being `$` for the whole file

OTHER_TYPES = (None, True, False, 0, -1, 1.5, "", "x", [], {}, [1, 2], {"a": 1}, [None], {"": None})
HUGE_NUMBERS = (10**400, -(10**400), float("inf"), float("-inf"), float("nan"), 1e308, -0.0, 2**63, -(2**63) - 1,
                10**20, 0.1, 99.95, 100.05)
BAD_DATES = ("2026-02-30", "2026-13-01", "0000-00-00", "99999-01-01", "2026-1-1", "", "01/02/2026",
             "2026-02-28T00:00", " 2026-02-01", "2026-02-01 ", "١٩٩٠-٠١-٠١", "2026-W05", "1900-01-01", "2101-01-01")
MUTATIONS = ("drop", "retype", "huge", "date", "duplicate", "nest", "text")


def _slots(node, top_only: bool = False) -> list[tuple[object, object]]:
    """Every (container, key) of the document, depth first."""
    found: list[tuple[object, object]] = []
    pending = [node]
    while pending:
        current = pending.pop()
        keys = list(current) if isinstance(current, dict) else range(len(current)) if isinstance(current, list) else ()
        for key in keys:
            found.append((current, key))
            if not top_only:
                pending.append(current[key])
    return found


def nested(depth: int):
    value: object = "đáy"
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


@st.composite
def mutated_documents(draw, max_depth: int = 200):
    doc = copy.deepcopy(draw(st.sampled_from(DOCUMENTS)))
    for _ in range(draw(st.integers(0, 4))):  # none: the file as it is, imported (or refused: the year has data)
        slots = _slots(doc, top_only=draw(st.booleans()))
        if not slots:
            break
        container, key = slots[draw(st.integers(0, len(slots) - 1))]
        mutation = draw(st.sampled_from(MUTATIONS))
        if mutation == "drop":
            del container[key]
        elif mutation == "retype":
            container[key] = copy.deepcopy(draw(st.sampled_from(OTHER_TYPES)))  # later mutations edit it
        elif mutation == "huge":
            container[key] = draw(st.sampled_from(HUGE_NUMBERS))
        elif mutation == "date":
            container[key] = draw(st.sampled_from(BAD_DATES))
        elif mutation == "duplicate" and isinstance(container, list):
            container.insert(key, copy.deepcopy(container[key]))  # the same id, code or entry twice
        elif mutation == "nest":
            container[key] = nested(draw(st.integers(2, max_depth)))
        else:
            container[key] = draw(hostile.text_values().map(lambda v: v.decode("utf-8", "replace")
                                                            if isinstance(v, bytes) else v))
    if draw(st.integers(0, 9)) == 0:  # not an object at all
        return draw(st.sampled_from((None, [], "tdkt-year/1", 2026, [doc], True)))
    return doc


def _dump(doc) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


RAW_FILES = (
    b"", b" ", b"\xef\xbb\xbf", b"\xff\xfe\x00{", b"not json", b"{", b"{}", b"[]", b"null", b"NaN", b"-Infinity",
    b'"tdkt-year/1"', b"[" * 100_000, b'{"a":' * 50_000, b"1" + b"0" * 5_000, b'{"year": 1' + b"0" * 5_000 + b"}",
    b'{"format": "tdkt-year/1", "format": 1}', "{\"unit\": \"\ud800\"}".encode("utf-8", "surrogatepass"),
    _dump(DOCUMENTS[0]).decode("utf-8").encode("utf-16"),
)


@st.composite
def raw_files(draw):
    """The bytes of an uploaded file: a mutated document, the document cut short or with broken bytes, or junk."""
    kind = draw(st.sampled_from(("document", "document", "cut", "broken", "junk", "bom")))
    if kind == "junk":
        return draw(st.one_of(st.sampled_from(RAW_FILES), st.binary(max_size=200)))
    body = _dump(draw(mutated_documents()))
    if kind == "cut":
        return body[:draw(st.integers(0, max(len(body) - 1, 0)))]
    if kind == "broken":
        at = draw(st.integers(0, len(body)))
        return body[:at] + draw(st.sampled_from(hostile.INVALID_UTF8)) + body[at:]
    if kind == "bom":
        return b"\xef\xbb\xbf" + body
    return body


def parsed(raw: bytes):
    """The document the importer would see, or None when the bytes are not a JSON document."""
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def fingerprint() -> str:
    """Every row of every table, hashed: equal before and after means nothing changed."""
    digest = hashlib.sha256()
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(select(table)).all()
        digest.update(table.name.encode())
        digest.update(repr(sorted(map(repr, rows))).encode())
    db.session.remove()
    return digest.hexdigest()


# --- validate ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("index", range(len(DOCUMENTS)))
def test_the_fixtures_are_valid_before_mutation(index):
    assert validate(copy.deepcopy(DOCUMENTS[index])) == []


@form_settings(scale=20)
@given(doc=mutated_documents(max_depth=2_000))
def test_validate_answers_path_and_message_lines_and_never_raises(doc):
    lines = validate(doc)
    assert isinstance(lines, list)
    for line in lines:
        assert isinstance(line, str) and LINE.match(line), repr(line)


# --- flask year import -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def import_world():
    with world_at(IMPORT_DAY) as built:
        yield built


def test_the_cli_refuses_a_file_nested_too_deep_for_json(import_world, tmp_path):
    path = tmp_path / "sau.json"
    path.write_bytes(b"[" * 100_000)
    with import_world.app.app_context():
        before = fingerprint()
    result = import_world.app.test_cli_runner().invoke(args=["year", "import", str(path)])
    assert result.exit_code == 1, result.output
    assert "$: không phải JSON hợp lệ" in result.stderr
    with import_world.app.app_context():
        assert fingerprint() == before


@pytest.mark.parametrize("raw", [b"1" + b"0" * 5_000, b'{"year": 1' + b"0" * 5_000 + b"}"])
def test_the_cli_refuses_a_number_too_long_to_read(import_world, tmp_path, raw):
    path = tmp_path / "so-dai.json"
    path.write_bytes(raw)
    result = import_world.app.test_cli_runner().invoke(args=["year", "import", str(path)])
    assert result.exit_code == 1, result.output
    assert "$: không phải JSON hợp lệ" in result.stderr


@pytest.mark.parametrize("replace", [False, True])
def test_the_cli_imports_or_refuses_any_file_without_a_traceback(import_world, tmp_path, replace):
    path = tmp_path / "nam.json"
    runner = import_world.app.test_cli_runner()

    @form_settings(scale=4)
    @given(raw=raw_files())
    def run(raw):
        import_world.restore()
        path.write_bytes(raw)
        with import_world.app.app_context():
            before = fingerprint()
        result = runner.invoke(args=["year", "import", str(path), *(["--replace"] if replace else [])])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
        assert "Traceback" not in result.output
        if result.exit_code == 0:
            assert result.stdout.startswith(("Đã nhập năm", "Đã thay dữ liệu năm")), result.output
            return
        assert result.exit_code == 1
        errors = result.stderr.splitlines()
        assert errors and all(hostile.has_vietnamese(line) or LINE.match(line) for line in errors), errors
        doc = parsed(raw)
        if doc is not None and validate(doc):
            assert errors == validate(doc)
        with import_world.app.app_context():
            assert fingerprint() == before

    run()


# --- the admin screen --------------------------------------------------------------------------------------------

def test_the_admin_screen_imports_or_lists_what_is_wrong(import_world):
    @form_settings(scale=4)
    @given(raw=raw_files(), replace=st.booleans(), htmx=st.booleans(), name=st.sampled_from(hostile.FILENAMES))
    def run(raw, replace, htmx, name):
        import_world.restore()
        client = import_world.client("admin")
        with import_world.app.app_context():
            before = fingerprint()
        data = {"file": (io.BytesIO(raw), name), **({"replace": "y"} if replace else {})}
        response = client.post("/admin/year-file/import", data=data, content_type="multipart/form-data",
                               headers={"HX-Request": "true"} if htmx else {})
        body = response.get_data(as_text=True)
        assert response.status_code in (204 if htmx else 303, 422), (response.status_code, body[:1000])
        for marker in hostile.UNESCAPED:
            assert marker not in body
        if response.status_code != 422:  # imported: back to the page, which says what was imported
            location = response.headers.get("HX-Redirect" if htmx else "Location", "")
            assert location.endswith("/admin/year-file"), location
            assert "Đã " in client.get("/admin/year-file").get_data(as_text=True)
            return
        assert hostile.has_vietnamese(body)
        doc = parsed(raw)
        if doc is not None and name:
            for line in validate(doc)[:5]:
                assert str(escape(line)) in body, line
        with import_world.app.app_context():
            assert fingerprint() == before

    run()
