"""User text shown as plain text: the one place that keeps names and titles from being markup.

Qt guesses: a QLabel, a QMessageBox or a tooltip whose text *looks* like HTML
(``<b>``, ``<!--``, ``&lt;`` on its first line) is rendered as rich text. A
sender's name such as ``<b>Mallory</b><!--`` would then hide the rest of a
message, the key fingerprint included. Every widget that shows user text (names,
titles, comments, file names, reasons, notes, anything from a package) uses one
of these:

- ``plain_label(text)``: a QLabel that never reads its text as markup;
- ``escape(text)``: a user string placed inside our own rich text;
- ``literal(text)``: a whole message for a widget that guesses (message boxes,
  tooltips, form labels, input dialogs), kept exactly as written;
- ``menu_text(text)``: user text on a menu item or button, where ``&`` would
  otherwise mark a shortcut key.
"""

from __future__ import annotations

from PySide6.QtGui import Qt  # the namespace with mightBeRichText
from PySide6.QtWidgets import QLabel, QWidget


def escape(text: object) -> str:
    """``text`` made safe to put inside our own rich text: ``<``, ``>`` and ``&`` shown as such."""
    # html.escape(quote=False) by hand: the html module (and its entity table) would
    # load at start-up for these three replacements; "&" goes first.
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def literal(text: str) -> str:
    """``text`` as a widget that guesses the format will show it: exactly as written.

    Text that Qt would not take for markup is returned unchanged; text it would
    is turned into rich text that displays the original characters, keeping line
    breaks and runs of spaces.
    """
    if not Qt.mightBeRichText(text):
        return text
    return f'<p style="white-space:pre-wrap">{escape(text)}</p>'


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows ``text`` (and anything set later) as plain text."""
    widget = QLabel(parent)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setText(text)
    return widget


def menu_text(text: str) -> str:
    """``text`` for a menu item or button, with its ``&`` shown rather than taken as a shortcut."""
    return text.replace("&", "&&")
