"""A guard on what the UI receives from the core (workbench/store/handles.py).

While it is on, every core function a ``ui`` module calls (imported by name, or
through an imported core module) is wrapped; a result that holds a peewee
record (in a list, tuple, dict or dataclass field, a few levels down) is
noted, unless it is one of the handles the UI may keep: the open ``Portfolio``
and a ``Person`` (the actor).
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import sys
import types

import peewee

from workbench.store.models import Person, Portfolio

HANDLES = (Portfolio, Person)
DEPTH, WIDTH = 4, 40


def records_in(value, where: str = "result", depth: int = 0) -> list[str]:
    """Where in ``value`` a peewee record other than a handle sits."""
    if isinstance(value, peewee.Model):
        return [] if isinstance(value, HANDLES) else [f"{where}: {type(value).__name__}"]
    if depth >= DEPTH or isinstance(value, (str, bytes, int, float, type(None))):
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)[:WIDTH]
        return [f for item in items for f in records_in(item, where + "[]", depth + 1)]
    if isinstance(value, dict):
        items = [x for pair in list(value.items())[:WIDTH] for x in pair]
        return [f for item in items for f in records_in(item, where + "{}", depth + 1)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [
            f
            for field in dataclasses.fields(value)
            for f in records_in(
                getattr(value, field.name, None), f"{where}.{field.name}", depth + 1
            )
        ]
    if isinstance(value, peewee.Query):
        return [f"{where}: a query"]
    return []


def _is_core(obj) -> bool:
    return (getattr(obj, "__module__", None) or "").startswith("workbench")


class Guard:
    def __init__(self):
        self.found: list[str] = []
        self._wrapped: dict[int, object] = {}

    def wrap(self, fn, caller: str):
        key = id(fn)
        if key not in self._wrapped:

            @functools.wraps(fn)
            def checked(*args, **kwargs):
                result = fn(*args, **kwargs)
                name = f"{fn.__module__}.{fn.__qualname__}"
                self.found += [f"{caller} ← {name}: {f}" for f in records_in(result)]
                return result

            self._wrapped[key] = checked
        return self._wrapped[key]

    def install(self, monkeypatch, prefix: str = "ui") -> None:
        """Wrap the core functions and modules named in every loaded ``prefix`` module."""
        for name, module in list(sys.modules.items()):
            if module is None or not (name == prefix or name.startswith(prefix + ".")):
                continue
            for attr, value in list(vars(module).items()):
                if inspect.isfunction(value) and _is_core(value):
                    monkeypatch.setattr(module, attr, self.wrap(value, name))
                elif isinstance(value, types.ModuleType) and value.__name__.startswith("workbench"):
                    monkeypatch.setattr(module, attr, CoreModule(value, self, name))


class CoreModule:
    """A core module as a ``ui`` module sees it: its functions wrapped."""

    def __init__(self, module: types.ModuleType, guard: Guard, caller: str):
        object.__setattr__(self, "_module", module)
        object.__setattr__(self, "_guard", guard)
        object.__setattr__(self, "_caller", caller)

    def __getattr__(self, attr):
        value = getattr(self._module, attr)
        if inspect.isfunction(value) and _is_core(value):
            return self._guard.wrap(value, self._caller)
        return value

    def __setattr__(self, attr, value):
        setattr(self._module, attr, value)

    def __delattr__(self, attr):
        delattr(self._module, attr)
