"""The PySide6 user interface; it calls workbench/ services and shows results.

Importing it loads PySide6 without one of its start-up costs: PySide6 replaces
``import`` with a hook that, for every module imported after it, reads the
module's whole source to see whether it names PySide6. The answer only matters
to a module that turns on one of PySide6's ``__feature__`` switches (snake_case
names, true properties), which none of ours does; reading the sources costs
about 150 file reads before the first window paints, and keeps each source in
memory (``linecache``). So every module is answered as one that does not.
"""

import sys

import PySide6.QtCore  # noqa: F401 - installs the hook and its helper module


def _ignored_by_features(module) -> bool:
    return False


_features = sys.modules.get("shibokensupport.feature")
if _features is not None and callable(getattr(_features, "_mod_uses_pyside", None)):
    _features._mod_uses_pyside = _ignored_by_features
