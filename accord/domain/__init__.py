"""Plain types and pure rules. No I/O; imports nothing from other layers."""
