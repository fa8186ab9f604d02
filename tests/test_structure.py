"""The layout holds (DESIGN.md, Layout and rule 1).

The core imports no Qt and no ``ui``; neither ``workbench/`` nor ``ui/`` has an
import cycle (module-level imports, read with ``ast``; ``if TYPE_CHECKING:``
blocks do not run and do not count); no module passes 400 lines; ``ui/`` imports no
storage module (the database, the models, peewee) and runs no query on a model:
queries belong in the core.
"""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "workbench"
UI = ROOT / "ui"
MAX_LINES = 400

# Modules still over MAX_LINES, to be split by concern. Empty it; never add to it.
LONG_MODULES: set[str] = set()


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources(top: Path) -> list[Path]:
    return sorted(top.rglob("*.py"))


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return getattr(test, "id", None) == "TYPE_CHECKING" or getattr(test, "attr", None) == (
        "TYPE_CHECKING"
    )


def module_level_imports(tree: ast.Module) -> list[ast.stmt]:
    found, todo = [], list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        elif isinstance(node, ast.If) and not _is_type_checking(node):
            todo += node.body + node.orelse
        elif isinstance(node, ast.Try):
            todo += node.body + node.orelse + node.finalbody
            todo += [stmt for handler in node.handlers for stmt in handler.body]
    return found


def imported_names(node: ast.stmt, current: str, is_package: bool) -> list[str]:
    """The dotted names an import statement may load (a module or a name in one)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        parts = current.split(".")
        if not is_package:
            parts = parts[:-1]
        parts = parts[: len(parts) - node.level + 1]
        base = ".".join(parts + ([node.module] if node.module else []))
    return [base] + [f"{base}.{alias.name}" for alias in node.names]


def import_graph(top: Path) -> dict[str, set[str]]:
    paths = sources(top)
    known = {module_name(p) for p in paths}
    graph = {}
    for path in paths:
        current = module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        targets = set()
        for node in module_level_imports(tree):
            names = imported_names(node, current, path.name == "__init__.py")
            targets |= {n for n in names if n in known and n != current}
        graph[current] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph[node]:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def all_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
    return names


def test_no_module_of_the_core_names_qt_or_the_ui():
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in sources(CORE)
        for name in all_imports(path)
        if name.split(".")[0] in ("PySide6", "shiboken6", "ui")
    ]
    assert offenders == []


def test_importing_every_core_module_loads_no_qt():
    modules = [module_name(p) for p in sources(CORE)]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ui'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_core_has_no_import_cycle():
    assert cycles(import_graph(CORE)) == []


def test_the_ui_has_no_import_cycle():
    assert cycles(import_graph(UI)) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_passes_the_line_limit():
    too_long = {
        str(path.relative_to(ROOT))
        for top in (CORE, UI)
        for path in sources(top)
        if len(path.read_text(encoding="utf-8").splitlines()) > MAX_LINES
    }
    assert too_long - LONG_MODULES == set(), "split these by concern"
    assert LONG_MODULES - too_long == set(), "now short enough: take them off LONG_MODULES"


QUERIES = {"select", "get", "get_by_id", "get_or_none", "create", "update", "delete", "insert"}


def model_queries(path: Path) -> list[str]:
    """Calls such as ``Skill.get_by_id(...)`` on models imported from the store."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    models = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "workbench.store.models"
        for alias in node.names
    }
    return [
        f"{node.func.value.id}.{node.func.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id in models
        and node.func.attr in QUERIES
    ]


def test_the_ui_runs_no_query_of_its_own():
    """Rule 2: a widget calls a service; the queries live in the core."""
    found = {str(p.relative_to(ROOT)): model_queries(p) for p in sources(UI)}
    assert {path: calls for path, calls in found.items() if calls} == {}


STORAGE = ("workbench.store.db", "workbench.store.models", "peewee", "playhouse")


def test_the_ui_imports_no_storage_module():
    """Rule 2: widgets call services (``workbench.store.portfolios`` and the like),
    never the database or the models themselves, not even for type hints."""
    found = {}
    for path in sources(UI):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [
            n
            for node in ast.walk(tree)
            if isinstance(node, (ast.Import, ast.ImportFrom))
            for n in imported_names(node, module_name(path), path.name == "__init__.py")
        ]
        bad = sorted({n for n in names if n.startswith(STORAGE)})
        if bad:
            found[str(path.relative_to(ROOT))] = bad
    assert found == {}


# Names the UI gives the handles: the open portfolio and a person (the actor).
HANDLES = {"portfolio", "actor", "person"}


def handle_reads(path: Path) -> list[str]:
    """Fields read from a handle, e.g. ``session.portfolio.title`` or ``person.name``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        held = node.value
        name = held.attr if isinstance(held, ast.Attribute) else getattr(held, "id", None)
        if name in HANDLES:
            found.append(f"{ast.unparse(node)} (line {node.lineno})")
    return found


def test_the_ui_reads_nothing_from_the_handles():
    """The UI passes the portfolio and the actor back to services and reads what it
    shows from ``session.info`` and ``session.me`` (workbench/store/handles.py)."""
    found = {str(p.relative_to(ROOT)): handle_reads(p) for p in sources(UI)}
    assert {path: reads for path, reads in found.items() if reads} == {}


def test_the_handle_check_finds_a_read(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def title(session, portfolio):\n    return session.portfolio.title, portfolio.route\n"
    )
    assert handle_reads(bad) == ["session.portfolio.title (line 2)", "portfolio.route (line 2)"]


def attributes_set_on_window(path: Path) -> list[str]:
    """Assignments such as ``window.sync = ...`` to another object's ``window``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else []
        for target in targets:
            owner = target.value if isinstance(target, ast.Attribute) else None
            if isinstance(owner, ast.Name) and owner.id in ("window", "win"):
                found.append(f"window.{target.attr}")
    return found


def test_nothing_attaches_attributes_to_the_main_window():
    """What others need to reach is a named part (``ui.shell.window_parts``)."""
    found = {str(p.relative_to(ROOT)): attributes_set_on_window(p) for p in sources(UI)}
    assert {path: names for path, names in found.items() if names} == {}


def test_the_attribute_finder_finds_one(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def install(window):\n    window.guide = window.dialog = None\n")
    assert attributes_set_on_window(bad) == ["window.guide", "window.dialog"]
