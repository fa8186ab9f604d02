"""Before Qt starts on Linux's X11 (xcb) platform: are the system libraries it needs there?

Without them Qt prints "could not load the Qt platform plugin xcb" and aborts;
we say instead, in one sentence, which command installs them. Plain ctypes: no
Qt is loaded yet.
"""

from __future__ import annotations

import ctypes.util
import os
import sys

# The libraries the xcb plugin needs that a bare Debian or Ubuntu often lacks.
NEEDED = ("xcb-cursor", "xcb-icccm", "xcb-keysyms", "xkbcommon-x11")
APT_COMMAND = (
    "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 "
    "libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 "
    "libxcb-sync1 libxcb-shm0 libx11-xcb1 libxkbcommon-x11-0 libegl1 libgl1 "
    "libfontconfig1 libdbus-1-3"
)


def uses_xcb(environ=os.environ, platform: str = sys.platform) -> bool:
    """Whether Qt will choose the xcb platform plugin here."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0].split(";")[0] == "xcb"
    wayland = environ.get("WAYLAND_DISPLAY") and environ.get("XDG_SESSION_TYPE") == "wayland"
    return not wayland


def missing_libraries(find=ctypes.util.find_library) -> list[str]:
    return [f"lib{name}" for name in NEEDED if find(name) is None]


def xcb_problem(environ=os.environ, platform: str = sys.platform, find=None) -> str | None:
    """One sentence naming the install command when xcb's libraries are missing, else None."""
    if not uses_xcb(environ, platform):
        return None
    missing = missing_libraries(find or ctypes.util.find_library)
    if not missing:
        return None
    return (
        f"The workbench needs some system libraries to show its window ({', '.join(missing)} "
        f"missing); install them with: {APT_COMMAND}"
    )
