"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` per finding."""

from __future__ import annotations

from typing import Any, Iterable

from mzcheck.report.canonical import proposals

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def chunks(data: dict[str, Any], *, fail_on: str = "error", color: bool = False) -> Iterable[str]:
    return [render(data)]


def render(data: dict[str, Any]) -> str:
    lines = []
    for f in data["findings"]:
        props = f"file={_prop(f['doc'])},line={f['line']},col={f['column']},title={_prop(f['code'] + ' ' + f['name'])}"
        likely = proposals(f)
        message = f["message"] + (f"\n{likely}" if likely else "")
        lines.append(f"::{COMMAND[f['severity']]} {props}::{_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
