"""Use cases. The only layer that opens transactions; CLI, API and web pages call these."""
