"""accord: runs the machinery of international cooperation agreements."""

__version__ = "0.1.0"
