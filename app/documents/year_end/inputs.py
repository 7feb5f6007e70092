"""What the year-end documents need besides the year file (tdkt-year/1) and its assessment (tdkt-assessment/1):
who signs and when, the titles the unit decided to propose, and the bình xét meeting. Plain values: the screens
fill them from the database, the tests and the benchmark by hand."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal


@dataclass(frozen=True)
class Attendee:
    name: str
    position: str = ""  # as the minutes write it: "Trưởng ban, Chủ tịch Hội đồng"


@dataclass(frozen=True)
class Vote:
    """The council's secret ballot on one title for one person (person None: the unit's collective title)."""

    title: str  # a person or unit title code
    yes: int
    no: int
    person: str | None = None  # the person's code in the year file
    decided: bool | None = None  # what the meeting concluded; None: the threshold decides

    def __post_init__(self) -> None:
        if self.yes < 0 or self.no < 0:
            raise ValueError("vote counts cannot be negative")


@dataclass(frozen=True)
class Meeting:
    """The meeting of the Hội đồng Thi đua – Khen thưởng that votes on the proposals (its minutes, the biên bản)."""

    held_on: date
    place: str
    chair: Attendee
    secretary: Attendee
    attendees: tuple[Attendee, ...]  # everyone present, the chair and the secretary included
    members: int  # the council's members: the base of every vote's percentage
    threshold_percent: Decimal | int  # share of all members a proposal needs
    threshold_source: str  # where the threshold comes from (the rulebook setting's source)
    votes: tuple[Vote, ...] = ()
    starts_at: time | None = None
    ends_at: time | None = None
    conclusion: str = ""  # anything else the meeting agreed, written after the result

    def __post_init__(self) -> None:
        if self.members < 1:
            raise ValueError("a council has at least one member")
        if not 0 <= Decimal(self.threshold_percent) <= 100:
            raise ValueError("the threshold is a percentage")
        for vote in self.votes:
            if vote.yes + vote.no > self.members:
                raise ValueError(f"more ballots than members for {vote.person or 'the unit'} / {vote.title}")

    def passed(self, vote: Vote) -> bool:
        if vote.decided is not None:
            return vote.decided
        return Decimal(vote.yes) * 100 >= Decimal(self.threshold_percent) * self.members

    def vote_on(self, person: str | None, title: str) -> Vote | None:
        return next((vote for vote in self.votes if vote.person == person and vote.title == title), None)


@dataclass(frozen=True)
class YearEndContext:
    """Who issues the documents, when, and what the unit proposes.

    `person_titles` maps a person's code to the title codes decided for them, `unit_titles` the unit's; None
    (the default) proposes what the assessment found eligible, less what the meeting voted down. The unit's name
    and superior come from the year file when left empty."""

    signed_on: date
    signer_name: str
    signer_position: str  # "Trưởng ban": the head of the unit signs for it
    unit_name: str = ""
    superior: str = ""
    place: str = "Hà Nội"
    unit_abbreviation: str = ""  # "BTĐKT", for the numbers "…/BC-BTĐKT"
    report_number: str = ""  # the unit report's number; empty: left for the clerk ("…")
    minutes_number: str = ""
    submission_number: str = ""  # the tờ trình the nomination list goes with
    unit_functions: str = ""  # chức năng, nhiệm vụ of the unit (the unit report, I.2); one paragraph per line
    person_titles: Mapping[str, tuple[str, ...]] | None = field(default=None, hash=False)
    unit_titles: tuple[str, ...] | None = None
    meeting: Meeting | None = field(default=None, hash=False)
    # The level each person's titles are judged on, as the engine worked it out (app.domain.year_end.Assessment
    # .judged_on: discipline, a capped partial year, the leaders' decision); None: worked out here from the document.
    judged_levels: Mapping[str, str | None] | None = field(default=None, hash=False)

    def number(self, number: str, kind: str) -> str:
        """'15' and 'BC' -> '15/BC-BTĐKT'; without a number '…/BC-BTĐKT', for the clerk to fill in."""
        suffix = f"{kind}-{self.unit_abbreviation}" if self.unit_abbreviation else kind
        return f"{number or '…'}/{suffix}"
