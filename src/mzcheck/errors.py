"""Errors that end a run with exit code 2 (usage, configuration or input).

Only :mod:`mzcheck.cli` turns these into an exit code; everything else raises them.
Messages are Chinese for the auditor and fit on one line.
"""


class MzcheckError(Exception):
    """A problem the user can fix: bad input, bad option, bad configuration."""


class InputError(MzcheckError):
    """A document that cannot be read as a report."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ConfigError(MzcheckError):
    """A configuration, schema, rules or waivers file that cannot be used: file:line: why."""

    def __init__(self, path: object, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
