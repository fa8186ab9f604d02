"""Which release of the workbench wrote a package or a portfolio, and the sentence
that refuses one written by a newer release.

A package's manifest names the release that made it (``app_version``); a
portfolio keeps the release that last opened it in its settings
(``written_by_version``). Older files, which name none, still open: only the
format or schema number decides what can be read; the release is for the
sentence.
"""

from __future__ import annotations

import re

from workbench import __version__

WRITTEN_BY = "written_by_version"  # the portfolio setting
_RELEASE = re.compile(r"^[0-9]{1,4}(\.[0-9]{1,4}){1,3}([a-z]{1,5}[0-9]{0,4})?$")


def clean_release(value: object) -> str | None:
    """A release number fit to show (``1.2.0``, ``2.0rc1``), or None for anything else."""
    if isinstance(value, str) and _RELEASE.match(value):
        return value
    return None


def please_update(subject: str, written_by: object, detail: str) -> str:
    """``subject`` was made by a newer release: say which, and what to do."""
    release = clean_release(written_by)
    who = f"version {release}" if release and release != __version__ else "a newer version"
    return (
        f"{subject} was made by {who} of the workbench ({detail}); "
        "please update the workbench to open it."
    )
