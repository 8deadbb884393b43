"""Layers point one way. Data flows ingest → extract → figures → rules → result →
reporters; a module imports only from its own layer or the layers below it (the
foundations every stage shares: numbers, errors, the figure and finding types).

The walk reads every module's imports with ``ast`` (function-level imports included)
and fails on an upward edge. docs/architecture.md explains each layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "mzcheck"

#: Lowest first. A module may import from its own rank or a lower one.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "numbers", "limits"),
    ("figures", "finding", "policy", "yamlfile", "output"),
    ("ingest",),
    ("extract",),
    ("rules", "repairs"),
    ("report", "fix"),
    ("config", "waivers"),
    ("engine", "pipeline", "export", "across"),
    ("validate",),
    ("cli", "__main__"),
)
RANK = {name: i for i, names in enumerate(LAYERS) for name in names}


def _unit(module: str) -> str:
    """mzcheck.rules.relations.shares → rules; mzcheck → '' (the package itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _module_name(path).split(".")
    is_package = path.name == "__init__.py"
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names if a.name.startswith("mzcheck")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here if is_package else here[:-1]
                base = base[:len(base) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            if name.startswith("mzcheck"):
                out.append((name, node.lineno))
    return out


def _edges():
    for path in sorted(PACKAGE.rglob("*.py")):
        source = _module_name(path)
        for target, line in _imports(path):
            yield source, target, f"{path.relative_to(PACKAGE)}:{line}"


def test_every_module_has_a_layer():
    units = {_unit(_module_name(p)) for p in PACKAGE.rglob("*.py")} - {""}
    assert units <= set(RANK), f"modules without a layer: {sorted(units - set(RANK))}"


def test_imports_point_down():
    upward = []
    for source, target, where in _edges():
        s, t = _unit(source), _unit(target)
        if not s or not t:
            continue      # the package root holds only __version__
        if RANK[t] > RANK[s]:
            upward.append(f"{where}: {source} → {target}")
    assert not upward, "imports pointing up a layer:\n" + "\n".join(upward)


@pytest.mark.parametrize("lower,higher", [
    ("ingest", "extract"), ("numbers", "figures"), ("numbers", "rules"), ("numbers", "report"),
    ("report", "rules"), ("extract", "rules"),
])
def test_named_edges_are_absent(lower, higher):
    found = [w for s, t, w in _edges() if _unit(s) == lower and _unit(t) == higher]
    assert not found, found


def test_no_private_name_is_imported_across_modules():
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mzcheck"):
                if node.module != source:
                    bad += [f"{path.relative_to(PACKAGE)}: {node.module}.{a.name}" for a in node.names
                            if a.name.startswith("_") and not a.name.startswith("__")]
    assert not bad, bad


def test_relation_modules_stay_small():
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines())
             for p in (PACKAGE / "rules" / "relations").glob("*.py")}
    assert max(sizes.values()) <= 400, sizes
