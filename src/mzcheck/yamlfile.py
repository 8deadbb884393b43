"""YAML with line numbers, so every configuration, schema, rules or waivers error can say
file:line. Used by :mod:`mzcheck.config`, :mod:`mzcheck.waivers` and :mod:`mzcheck.validate`."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any, Iterable

from mzcheck.errors import ConfigError

#: Configuration files are small; a larger one is refused before it is parsed.
MAX_CHARS = 2_000_000


@dataclass
class Located:
    """A loaded YAML document and the line of every mapping key and sequence item."""

    path: str
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)

    def line(self, *keys: object) -> int | None:
        while keys:
            if keys in self.lines:
                return self.lines[keys]
            keys = keys[:-1]
        return self.lines.get((), 1)

    def error(self, keys: tuple, message: str) -> ConfigError:
        return ConfigError(self.path, self.line(*keys), message)


def load_yaml(path: str | Path) -> Located:
    import yaml

    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(path, None, "文件不存在") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, None, f"无法读取（{exc}）") from None
    if len(text) > MAX_CHARS:
        raise ConfigError(path, None, f"文件过大（{len(text)} 个字符，上限 {MAX_CHARS}）")
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):   # anchors and aliases: the billion-laughs bomb
                raise ConfigError(path, event.start_mark.line + 1, "不支持 YAML 别名（*alias），请直接写出内容")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.load(text, Loader=yaml.SafeLoader)
    except RecursionError:
        raise ConfigError(path, None, "YAML 嵌套过深") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(path, mark.line + 1 if mark else None, f"YAML 语法错误：{problem}") from None
    located = Located(str(path), data)
    if node is not None:
        _walk(node, (), located.lines)
    return located


def _walk(node: Any, prefix: tuple, lines: dict[tuple, int]) -> None:
    import yaml

    lines.setdefault(prefix, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*prefix, key_node.value)
            lines[key] = key_node.start_mark.line + 1
            _walk(value_node, key, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[(*prefix, i)] = item.start_mark.line + 1
            _walk(item, (*prefix, i), lines)


def unknown_key_message(kind: str, key: str, known: Iterable[str]) -> str:
    hint = get_close_matches(str(key), list(known), n=1)
    return f"未知{kind} {key}" + (f"，是否指 {hint[0]}？" if hint else f"（可用：{'、'.join(sorted(known))}）")
