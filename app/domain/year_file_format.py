"""The year file's format (`tdkt-year/1`, ../shared/spec/year-file.md) as data: its vocabularies, the keys each
object may carry and the longest texts the database keeps. The checks are in year_file_fields.py and
year_file_sections.py."""

from __future__ import annotations

FORMAT = "tdkt-year/1"
LEAVES = ("maternity", "sick", "other")
PERSON_TITLES = ("ldtt", "cstdcs", "cstd_tp", "bang_khen_tp", "giay_khen")
UNIT_TITLES = ("ttldtt", "ttldxs", "bang_khen_tp")
INITIATIVE_STATUSES = ("registered", "submitted", "recognised", "rejected")
INITIATIVE_LEVELS = ("co_so", "thanh_pho")
FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years the product opens (the years page's limits)
FIRST_HISTORY_YEAR = 1945

# The database's column sizes (app/models): a longer text would fail at the end of the import instead of here.
DEPARTMENT_NAME_LENGTH = 200
UNIT_NAME_LENGTH = 200
TITLE_LENGTH = 300
DECISION_LENGTH = 100
HISTORY_DECISION_LENGTH = 200

# Every key a document may carry, with whether it is required. Optional keys may also be null (= absent).
TOP_KEYS = {"format": True, "year": True, "unit": True, "departments": True, "people": True, "months": True,
            "rulebook": False, "registrations": False, "unit_registration": False, "initiatives": False,
            "research": False, "discipline": False, "pending": False, "annual": False, "history": False}
LIST_KEYS = ("departments", "people", "months", "registrations", "initiatives", "research", "discipline",
             "pending", "annual", "history")
UNIT_KEYS = {"name": True, "superior": False, "outstanding": False}
DEPARTMENT_KEYS = {"code": True, "name": True}
PERSON_KEYS = {"code": True, "family_name": True, "middle_name": False, "given_name": True, "gender": True,
               "department": False, "position": True, "employed_from": False, "employed_to": False}
REGISTRATION_KEYS = {"person": True, "title": True}
UNIT_REGISTRATION_KEYS = {"title": True}
MONTH_KEYS = {"person": True, "month": True, "score": False, "level": False, "leave": False, "strengths": False,
              "shortcomings": False}
INITIATIVE_KEYS = {"title": True, "authors": True, "status": True, "level": False, "decision": False,
                   "decided_on": False}
RESEARCH_KEYS = {"title": True, "authors": True, "accepted_on": False}
DISCIPLINE_KEYS = {"person": True, "form": True, "decided_on": True, "ends_on": False}
PENDING_KEYS = {"person": True, "kind": True}
ANNUAL_KEYS = {"person": True, "level": True, "note": False}
# `person` is required even though it may be null: null says the entry is the unit's, never a forgotten key.
HISTORY_KEYS = {"person": True, "year": True, "title": True, "decision": False}
