"""Benchmarks that print figures (never asserted by the tests): run them with `python -m bench.<name>`."""
