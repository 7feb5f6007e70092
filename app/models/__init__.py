"""SQLAlchemy models, one module per area. Importing this package registers every table (Alembic needs that)."""

from app.models.accounts import Account, LoginThrottle
from app.models.audit import AuditEvent
from app.models.commitments import CommitmentItem, CommitmentSheet
from app.models.data_version import DataVersion
from app.models.discipline import Discipline, PendingCase
from app.models.initiatives import Attachment, Initiative, InitiativeAuthor
from app.models.meetings import Meeting, MeetingAttendee, MeetingVote
from app.models.org import Department, Person, Unit
from app.models.registrations import Registration, UnitRegistration
from app.models.reviews import MonthlyReview, ReviewAmendment, ReviewResponse, Shortcoming, ShortcomingFollowUp
from app.models.year_end import AnnualDecision, AwardHistory
from app.models.years import Month, Year

__all__ = [
    "Account", "Attachment", "AuditEvent", "CommitmentItem", "CommitmentSheet", "Department", "Discipline",
    "Initiative", "InitiativeAuthor", "LoginThrottle", "Month", "MonthlyReview", "PendingCase", "Person",
    "Registration", "ReviewAmendment", "ReviewResponse", "Shortcoming", "ShortcomingFollowUp", "Unit", "UnitRegistration", "Year",
    "AnnualDecision", "AwardHistory",
    "Meeting", "MeetingAttendee", "MeetingVote",
    "DataVersion",
]
