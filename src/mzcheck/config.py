"""Layered configuration: defaults < file < environment < command line.

:class:`Config` is what a run is told: which rules run and at which severity (its
:attr:`Config.policy`), the 约 cap ρ, the failing severity, and the files validate and
waivers read. The pipeline, ``validate`` and waivers all take the same object.

The file is ``mzcheck.toml`` (top level) or ``[tool.mzcheck]`` in ``pyproject.toml``,
found in the working directory. Keys: select, ignore, severity (code → level),
fail-on, rho (the cap on how loose 约 may be read), schema, rules, waivers, across. An
unknown key or rule code is an error naming the file and line, with a "did you mean".
Environment: MZCHECK_SELECT, MZCHECK_IGNORE, MZCHECK_FAIL_ON, MZCHECK_RHO.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path
from typing import Any, Mapping

from mzcheck.finding import Severity
from mzcheck.policy import RulePolicy
from mzcheck.numbers.reading import DEFAULT_RHO
from mzcheck.errors import ConfigError
from mzcheck.yamlfile import unknown_key_message

KEYS = {"select", "ignore", "severity", "fail-on", "rho", "schema", "rules", "waivers", "across"}


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR
    rho: Fraction = DEFAULT_RHO
    schema: str | None = None
    rules: tuple[str, ...] = ()
    waivers: str | None = None
    across: bool = False      # compare each report with the report of the year before (MZ327)
    periods: tuple[tuple[str, int], ...] = ()   # --period FILE=YEAR: the year a report is of
    source: str = ""          # the file it came from, for messages

    @property
    def policy(self) -> RulePolicy:
        """The one place that decides whether a code runs and at which severity."""
        return RulePolicy(self.select, self.ignore, dict(self.severity))

    def with_command_line(self, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
                          fail_on: Severity | None = None, waivers: str | None = None) -> "Config":
        """The top layer: what the command line says wins over file and environment."""
        return replace(self, select=select or self.select, ignore=ignore or self.ignore,
                       fail_on=fail_on or self.fail_on, waivers=waivers or self.waivers)


#: The configuration when no file, variable or option says otherwise.
DEFAULTS = Config()


def _line_of(text: str, key: str, section: str | None) -> int | None:
    in_section = section is None
    for i, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_section = section is not None and stripped.strip("[] ") == section
            continue
        if in_section and re.match(rf"""^["']?{re.escape(key)}["']?\s*=""", stripped):
            return i
    return None


def _known_codes() -> list[str]:
    from mzcheck.rules.registry import all_rules

    return [r.code for r in all_rules()]


def _codes(value: Any, where) -> tuple[str, ...]:
    items = value.replace(",", " ").split() if isinstance(value, str) else list(value or [])
    known = _known_codes()
    out = []
    for item in items:
        code = str(item).strip().upper()
        if not code.startswith("MZ") or not any(k.startswith(code) for k in known):
            raise where(unknown_key_message("规则代码", item, known))
        out.append(code)
    return tuple(out)


def _rho(value: Any, where) -> Fraction:
    try:
        rho = Fraction(str(value))
    except (ValueError, ZeroDivisionError):
        raise where(f"rho 必须是 0 到 1 之间的数，而不是 {value!r}") from None
    if not 0 < rho <= 1:
        raise where(f"rho 必须在 (0, 1] 之内，而不是 {value}")
    return rho


def parse_settings(table: Mapping[str, Any], source: str, line_of) -> Config:
    def where(key: str):
        return lambda message: ConfigError(source, line_of(key), message)

    for key in table:
        if key not in KEYS:
            raise where(key)(unknown_key_message("配置项", key, KEYS))
    cfg = Config(source=source)
    if "select" in table:
        cfg = replace(cfg, select=_codes(table["select"], where("select")))
    if "ignore" in table:
        cfg = replace(cfg, ignore=_codes(table["ignore"], where("ignore")))
    if "severity" in table:
        levels = {}
        if not isinstance(table["severity"], Mapping):
            raise where("severity")("severity 必须是表：规则代码 = \"error\"|\"warning\"|\"info\"")
        for code, level in table["severity"].items():
            (known,) = _codes([code], where("severity"))
            try:
                levels[known] = Severity.parse(str(level))
            except ValueError:
                raise where("severity")(unknown_key_message("严重级别", level, ["error", "warning", "info"])) from None
        cfg = replace(cfg, severity=levels)
    if "fail-on" in table:
        try:
            cfg = replace(cfg, fail_on=Severity.parse(str(table["fail-on"])))
        except ValueError:
            raise where("fail-on")(unknown_key_message("严重级别", table["fail-on"], ["error", "warning", "info"])) from None
    if "rho" in table:
        cfg = replace(cfg, rho=_rho(table["rho"], where("rho")))
    if "schema" in table:
        cfg = replace(cfg, schema=str(table["schema"]))
    if "waivers" in table:
        cfg = replace(cfg, waivers=str(table["waivers"]))
    if "across" in table:
        if not isinstance(table["across"], bool):
            raise where("across")("across 应为 true 或 false")
        cfg = replace(cfg, across=table["across"])
    if "rules" in table:
        rules = table["rules"]
        cfg = replace(cfg, rules=tuple([rules] if isinstance(rules, str) else map(str, rules)))
    return cfg


def load_file(directory: Path | None = None, explicit: str | None = None) -> Config:
    directory = directory or Path.cwd()
    candidates = [Path(explicit)] if explicit else [directory / "mzcheck.toml", directory / "pyproject.toml"]
    for path in candidates:
        if not path.is_file():
            if explicit:
                raise ConfigError(path, None, "配置文件不存在")
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(path, None, f"无法读取（{getattr(exc, 'strerror', None) or type(exc).__name__}）") from None
        if len(text) > 1_000_000:
            raise ConfigError(path, None, "配置文件过大（上限 1,000,000 个字符）")
        try:
            data = tomllib.loads(text)
        except RecursionError:
            raise ConfigError(path, None, "TOML 嵌套过深，无法读取") from None
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"line (\d+)", str(exc))
            raise ConfigError(path, int(m.group(1)) if m else None, f"TOML 语法错误：{exc}") from None
        if path.name == "pyproject.toml":
            table = data.get("tool", {}).get("mzcheck")
            if table is None:
                continue
            return parse_settings(table, str(path), lambda k, text=text: _line_of(text, k, "tool.mzcheck"))
        return parse_settings(data, str(path), lambda k, text=text: _line_of(text, k, None))
    return Config()


def from_environment(cfg: Config, env: Mapping[str, str] = os.environ) -> Config:
    def where(name: str):
        return lambda message: ConfigError(f"${name}", None, message)

    if env.get("MZCHECK_SELECT"):
        cfg = replace(cfg, select=_codes(env["MZCHECK_SELECT"], where("MZCHECK_SELECT")))
    if env.get("MZCHECK_IGNORE"):
        cfg = replace(cfg, ignore=_codes(env["MZCHECK_IGNORE"], where("MZCHECK_IGNORE")))
    if env.get("MZCHECK_FAIL_ON"):
        try:
            cfg = replace(cfg, fail_on=Severity.parse(env["MZCHECK_FAIL_ON"]))
        except ValueError as exc:
            raise where("MZCHECK_FAIL_ON")(str(exc)) from None
    if env.get("MZCHECK_RHO"):
        cfg = replace(cfg, rho=_rho(env["MZCHECK_RHO"], where("MZCHECK_RHO")))
    return cfg
