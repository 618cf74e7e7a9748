"""The shape of src/termguard, read from the source with ast (nothing runs): no import circles,
and no long function without a reason written beside it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "termguard"
#: Lines a function's body may span (docstring aside) before it needs a '# Long: why' comment.
LIMIT = 80
_WHY_LONG = re.compile(r"#\s*long:", re.IGNORECASE)


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def import_graph(root: Path = SRC) -> dict[str, set[str]]:
    """Module -> the termguard modules it imports, at the top or inside functions alike."""
    modules = {_module_name(p, root): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                deps.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                deps.add(node.module)
                deps.update(f"{node.module}.{a.name}" for a in node.names)
        graph[name] = {d for d in deps if d in modules and d != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle as [a, b, ..., a], or [] if there is none (depth-first search)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                return [*path[path.index(dep) :], dep]
            if dep not in state:
                found = visit(dep)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []


def test_src_has_no_import_circle() -> None:
    """No module of src/termguard reaches itself through imports, lazy ones included."""
    cycle = find_cycle(import_graph())
    assert cycle == [], "import circle: " + " -> ".join(cycle)


def test_cycle_finder_reports_a_circle() -> None:
    """The search finds a circle through a lazy import, and none in a tree."""
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_graph_sees_imports_inside_functions(tmp_path: Path) -> None:
    """An import inside a function body is an edge of the graph like a top-level one."""
    pkg = tmp_path / "termguard"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("def f():\n    from termguard import b\n")
    (pkg / "b.py").write_text("import termguard.a\n")
    graph = import_graph(pkg)
    assert "termguard.b" in graph["termguard.a"]
    assert find_cycle(graph) == ["termguard.a", "termguard.b", "termguard.a"]


def long_functions(root: Path = SRC, limit: int = LIMIT) -> list[str]:
    """'path:line name (n lines)' of every function whose body (docstring aside) is longer than
    `limit` lines and that has no '# Long: ...' comment saying why."""
    found = []
    for path in sorted(root.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            assert node.end_lineno is not None
            # The body's lines: the signature (one parameter a line) and the docstring are free.
            body_start = node.body[0]
            if (
                isinstance(body_start, ast.Expr)
                and isinstance(body_start.value, ast.Constant)
                and len(node.body) > 1
            ):
                body_start = node.body[1]
            n = node.end_lineno - body_start.lineno + 1
            body = lines[node.lineno - 1 : node.end_lineno]
            if n > limit and not any(_WHY_LONG.search(line) for line in body):
                found.append(
                    f"{path.relative_to(root.parent)}:{node.lineno} {node.name} ({n} lines)"
                )
    return found


def test_no_long_function_without_a_reason() -> None:
    """Every function body of src/termguard fits in 80 lines (docstring aside) or says why not."""
    assert long_functions() == []


def test_long_function_finder_sees_length_and_reason(tmp_path: Path) -> None:
    """A long function is reported unless it carries a '# Long:' comment; docstrings are free."""
    pkg = tmp_path / "termguard"
    pkg.mkdir()
    body = "".join(f"    x{i} = {i}\n" for i in range(90))
    doc = '    """' + "\n" * 30 + '    """\n'
    (pkg / "a.py").write_text(
        f"def long():\n{body}\n\ndef why():\n    # Long: a table\n{body}\n\n"
        f"def documented():\n{doc}{''.join(body.splitlines(True)[:70])}"
    )
    assert long_functions(pkg) == ["termguard/a.py:1 long (90 lines)"]
