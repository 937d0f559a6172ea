"""The schema revision this accord needs, importable without SQLAlchemy (by the stdlib read path)."""

# The newest migration's revision: a new migration changes it too (tests/test_cli_startup.py says so).
HEAD = "0020_tally_pauses"
