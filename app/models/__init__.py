"""SQLAlchemy models, one module per area. Importing this package registers every table (Alembic needs that)."""

from app.models.accounts import Account, LoginThrottle
from app.models.audit import AuditEvent
from app.models.org import Department, Person, Unit

__all__ = ["Account", "AuditEvent", "Department", "LoginThrottle", "Person", "Unit"]
