"""The year file's import and export from the admin screens: administrators only."""

from tests.views.access import ADMIN_ONLY

EXPECTED = {
    "admin.year_file": ADMIN_ONLY,
    "admin.year_file_export": ADMIN_ONLY,
    "admin.year_file_import": ADMIN_ONLY,
}
