"""The rulebook's settings for a year: everyone signed in reads them; the year's managers adjust them. The year
(2026) is made by the years module's targets."""

from tests.views.access import SIGNED_IN
from tests.views.access.years import YEAR_MANAGERS

EXPECTED = {
    "years.settings": SIGNED_IN,
    "years.settings_save": YEAR_MANAGERS,
}
