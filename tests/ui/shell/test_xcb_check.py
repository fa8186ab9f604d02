"""The check before Qt starts on X11: a missing library gives one sentence with the command."""

from __future__ import annotations

from ui.shell.xcb_check import APT_COMMAND, uses_xcb, xcb_problem

X11 = {"DISPLAY": ":0"}


def test_missing_xcb_libraries_are_named_with_the_command():
    found = {"xcb-icccm", "xkbcommon-x11"}
    problem = xcb_problem(X11, "linux", lambda name: name if name in found else None)
    assert problem is not None and problem.endswith(APT_COMMAND)
    assert "libxcb-cursor, libxcb-keysyms missing" in problem
    assert "libxcb-cursor0" in APT_COMMAND and "libxcb-icccm4" in APT_COMMAND


def test_nothing_is_said_when_they_are_there_or_xcb_is_not_used():
    assert xcb_problem(X11, "linux", lambda name: name) is None
    assert xcb_problem(X11, "win32", lambda name: None) is None
    assert xcb_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", lambda name: None) is None
    wayland = {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}
    assert not uses_xcb(wayland, "linux")
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
