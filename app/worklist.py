"""'Việc của tôi': what a person must do now. Each area offers its own items; the home page lists them all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class WorkItem:
    title: str  # Vietnamese, already translated: "Đăng ký công việc tháng 03/2026"
    url: str
    due: date | None = None
    count: int | None = None  # e.g. 3 registrations waiting for approval
    kind: str = "todo"  # "todo" (mine to do), "decide" (waiting for my decision), "returned" (sent back to me)
