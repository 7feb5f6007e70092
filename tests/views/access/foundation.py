"""Foundation: sign-in, home, reviewers, administration of the unit and its people."""

from tests.views.access import ADMIN_ONLY, EVERYONE, SIGNED_IN, WHOLE_UNIT

EXPECTED = {
    "static": EVERYONE,
    "auth.login": EVERYONE,
    "auth.choose_language": EVERYONE,
    "auth.logout": SIGNED_IN,
    "auth.change_password": SIGNED_IN,
    "main.home": SIGNED_IN,
    "people.reviewers": SIGNED_IN,
    "people.reviewer_row": WHOLE_UNIT,
    "people.reviewer_edit": ADMIN_ONLY,
    "people.reviewer_update": ADMIN_ONLY,
    "admin.unit_settings": ADMIN_ONLY,
    "admin.departments": ADMIN_ONLY,
    "admin.department_new": ADMIN_ONLY,
    "admin.department_create": ADMIN_ONLY,
    "admin.department_row": ADMIN_ONLY,
    "admin.department_edit": ADMIN_ONLY,
    "admin.department_update": ADMIN_ONLY,
    "admin.department_delete": ADMIN_ONLY,
    "admin.people": ADMIN_ONLY,
    "admin.person_new": ADMIN_ONLY,
    "admin.person_create": ADMIN_ONLY,
    "admin.person_row": ADMIN_ONLY,
    "admin.person_edit": ADMIN_ONLY,
    "admin.person_update": ADMIN_ONLY,
    "admin.person_deactivate": ADMIN_ONLY,
    "admin.person_activate": ADMIN_ONLY,
    "admin.person_reset_password": ADMIN_ONLY,
    "admin.people_import": ADMIN_ONLY,
    "admin.people_import_template": ADMIN_ONLY,
}


def targets(org):
    return {"fmt": "xlsx"}
