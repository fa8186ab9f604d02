"""The PySide6 user interface; it calls workbench/ services and shows results.

Importing it loads PySide6 without one of its start-up costs. PySide6 replaces
``import`` with a hook that, for every module imported after it, reads the
module's whole source to see whether it names PySide6: such a module gets its
own choice of PySide6's ``__feature__`` switches (snake_case names, true
properties; none by default), any other module takes the choice of the last
module that ran. Reading the sources costs about 150 file reads before the
first window paints, and keeps each source in memory (``linecache``). So every
module is taken as one that names PySide6, without reading it: each then sees
PySide6's plain names, whatever another module switched on for itself.
"""

import sys

import PySide6.QtCore  # noqa: F401 - installs the hook and its helper module


def _taken_as_naming_pyside(module) -> bool:
    return True


_features = sys.modules.get("shibokensupport.feature")
if _features is not None and callable(getattr(_features, "_mod_uses_pyside", None)):
    _features._mod_uses_pyside = _taken_as_naming_pyside
