"""The year overview: everyone signed in reads it, each seeing only the people they may see (the heatmap's rows are
filtered, never the page refused). Its year is the one the years area opens (2026)."""

from tests.views.access import SIGNED_IN

EXPECTED = {
    "reviews.overview": SIGNED_IN,
}
