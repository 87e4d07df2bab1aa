"""No import circle in xladdin/: the module graph, read from the source, has no cycle.

The criterion: every ``import`` statement of a module counts, wherever it stands: at module level,
inside a function (a lazy import only hides a circle until that function runs) and under
``if TYPE_CHECKING:`` (a circle of types is still a circle a reader has to follow). Each statement is an
edge to the xladdin module it names (``from xladdin.a import b`` names ``xladdin.a.b`` when that is a
module, else ``xladdin.a``). What is not counted: the ``__init__`` of a package that Python runs
implicitly before one of its submodules (else every submodule would close a circle with the package
that imports it).
"""

from __future__ import annotations

import ast
from pathlib import Path

import xladdin

ROOT = Path(xladdin.__file__).resolve().parent


def modules(root: Path) -> dict[str, Path]:
    """Dotted name → file, for every .py under ``root`` (a package named after its folder)."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = [root.name, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imported(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules of ``known`` that ``name`` (at ``path``) imports, anywhere in its source."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for a in node.names:
                full = f"{base}.{a.name}"
                if full in known:
                    out.add(full)
                elif base in known:
                    out.add(base)
    out.discard(name)
    return out


def graph(root: Path) -> dict[str, set[str]]:
    known = modules(root)
    return {name: imported(name, path, known) for name, path in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each as a closed path."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(_path(sorted(component), edges))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def _path(component: list[str], edges: dict[str, set[str]]) -> list[str]:
    """One circle through the component's first module (breadth first), to name in the failure."""
    inside = set(component)
    start = component[0]
    previous: dict[str, str] = {}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(edges[v] & inside):
            if w == start:
                path = [v]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [start, *reversed(path[:-1]), start]
            if w not in previous:
                previous[w] = v
                queue.append(w)
    return component


def test_xladdin_has_no_import_cycle():
    edges = graph(ROOT)
    assert len(edges) > 50 and sum(map(len, edges.values())) > 200  # the walk really read the package
    found = cycles(edges)
    assert not found, "import circles:\n" + "\n".join(" → ".join(c) for c in found)


def test_the_walk_finds_lazy_typing_and_relative_circles(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from pkg.sub import c  # a package importing its own module\n")
    (pkg / "a.py").write_text("from pkg import b\n")
    (pkg / "b.py").write_text("def f():\n    from pkg.sub.c import g\n")  # lazy
    (pkg / "sub" / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..a import x\ndef g(): ...\n"
    )
    (pkg / "d.py").write_text("import pkg.a\n")
    edges = graph(pkg)
    assert edges["pkg.sub.c"] == {"pkg.a"} and edges["pkg.b"] == {"pkg.sub.c"}
    assert edges["pkg.sub"] == {"pkg.sub.c"} and edges["pkg.d"] == {"pkg.a"}
    assert cycles(edges) == [["pkg.a", "pkg.b", "pkg.sub.c", "pkg.a"]]
    (pkg / "b.py").write_text("def f(): ...\n")
    assert cycles(graph(pkg)) == []
