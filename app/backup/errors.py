"""The one error of backups and restores: a message for the admin, in Vietnamese."""

from __future__ import annotations


class BackupError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
