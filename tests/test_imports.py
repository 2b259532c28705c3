"""No import cycles between the modules of kefu_check (module-level and function-level imports alike).

The graph is read from the sources with `ast`, not by importing: every `import` / `from … import` anywhere in a
module (inside functions too: a function-level import hides a cycle without removing it) is an edge, except
those under `if TYPE_CHECKING:` (never run). Importing `a.b.c` first runs the packages `a.b` around it, so an
edge to a submodule is also an edge to each enclosing package that the importer is not itself inside. Modules the
package imports by name through `importlib` are edges too: cli's lazy commands, and the format registry's views
(output.py loads every command's; render/ the monthly check's, all of them its own modules).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ROOTS = {"kefu_check": REPO / "kefu_check", "kefu_check.rules": REPO / "rules"}  # pyproject's package-dir


def modules() -> dict[str, Path]:
    """Dotted module name → its file, for every module of the package (packages by their `__init__.py`)."""
    out: dict[str, Path] = {}
    for root, folder in ROOTS.items():
        for path in sorted(folder.rglob("*.py")):
            parts = list(path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            if any(p in ("__pycache__",) for p in parts):
                continue
            out[".".join([root, *parts])] = path
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement, skipping the bodies of `if TYPE_CHECKING:`."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def graph() -> dict[str, set[str]]:
    """Module → the modules of the package it imports (directly, or by running an enclosing package)."""
    mods = modules()
    edges: dict[str, set[str]] = {m: set() for m in mods}
    for name, path in mods.items():
        is_package = path.name == "__init__.py"
        package = name if is_package else name.rpartition(".")[0]
        targets: list[str] = []
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets += [alias.name for alias in node.names]
                continue
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            targets.append(origin)
            targets += [f"{origin}.{alias.name}" for alias in node.names if f"{origin}.{alias.name}" in mods]
        for target in targets:
            _add(edges, mods, name, target)
    for name, targets in by_name().items():
        for target in targets:
            _add(edges, mods, name, target)
    for name in edges:
        edges[name].discard(name)
    return edges


def _add(edges: dict[str, set[str]], mods: dict[str, Path], name: str, target: str) -> None:
    """`name` imports `target`: an edge to the module (`import a.b.thing` where thing is not a module: to
    `a.b`) and to each package around it that `name` is not inside."""
    while target and target not in mods:
        target = target.rpartition(".")[0]
    if not target:
        return
    edges[name].add(target)
    parent = target.rpartition(".")[0]
    while parent in mods and not (name == parent or name.startswith(parent + ".")):
        edges[name].add(parent)
        parent = parent.rpartition(".")[0]


def by_name() -> dict[str, set[str]]:
    """The imports made by name (`module:function` strings given to importlib)."""
    from kefu_check.cli import LAZY_COMMANDS
    from kefu_check.render import REGISTRY

    return {
        "kefu_check.cli": {target.split(":")[0] for target in LAZY_COMMANDS.values()},
        "kefu_check.output": {view.split(":")[0] for fmt in REGISTRY.values() for view in fmt.views.values()},
        "kefu_check.render": {fmt.views["check"].split(":")[0] for fmt in REGISTRY.values()},
    }


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted, as a sorted list."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            connect(v)
    return sorted(out)


def path_between(edges: dict[str, set[str]], start: str, goal: str) -> list[str]:
    """A shortest import chain start → … → goal (for the failure message)."""
    seen, frontier = {start: [start]}, [start]
    while frontier:
        nxt = []
        for v in frontier:
            for w in sorted(edges[v]):
                if w not in seen:
                    seen[w] = [*seen[v], w]
                    nxt.append(w)
        frontier = nxt
    return seen.get(goal, [])


def test_no_import_cycles() -> None:
    edges = graph()
    found = cycles(edges)
    chains = []
    for component in found:
        first = component[0]
        back = next(w for w in sorted(edges[first]) if w in component)
        chains.append(" → ".join([first, *path_between(edges, back, first)]))
    assert not found, "import cycles:\n" + "\n".join(chains)


def test_the_graph_sees_function_level_imports() -> None:
    """The reader of the graph itself: a function-level import is an edge, a TYPE_CHECKING one is not."""
    edges = graph()
    assert "kefu_check.batch" in edges["kefu_check.cli"]  # imported inside `check()` only
    assert "kefu_check.check" in edges["kefu_check.batch"]
    assert "kefu_check.review.render" in edges["kefu_check.output"]  # a view of the format registry
    assert "kefu_check.review" in edges["kefu_check.output"]  # … runs its package first
    assert "kefu_check.sequence.command" in edges["kefu_check.cli"]  # a lazy command
    assert len(edges) > 50


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ({"a": {"b"}, "b": {"a"}, "c": set()}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": set()}, []),
    ],
)
def test_cycles_finds_components(edges: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert cycles(edges) == expected


def test_every_name_imported_by_name_resolves() -> None:
    """A `module:function` of the format registry or of cli's lazy commands that names nothing fails here,
    not when a user first asks for that format or command."""
    from importlib import import_module

    from kefu_check.cli import LAZY_COMMANDS
    from kefu_check.render import REGISTRY

    names = [*LAZY_COMMANDS.values(), *(view for fmt in REGISTRY.values() for view in fmt.views.values())]
    for name in names:
        module, attr = name.split(":")
        assert callable(getattr(import_module(module), attr, None)), name
