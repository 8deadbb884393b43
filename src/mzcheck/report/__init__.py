"""Reporters: one module per output format, each reading a RunResult (plain data)."""
