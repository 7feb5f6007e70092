"""Routes of the registration area (being built)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("registration", __name__, url_prefix="/registration")
