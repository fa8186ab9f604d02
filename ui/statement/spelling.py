"""The spelling check of the editors: one checker for the application, a highlighter
mixin that underlines misspelt words, and a plain highlighter for text fields.

Typing never waits for the dictionary. A highlighter asks ``misspelt(text)``,
a lookup in caches: the misspelt ranges per block text, and the verdict per
word. A word not seen yet is not underlined at once; it is queued, checked in
one batch once typing pauses (``IDLE_MS``), and the blocks that held it are
highlighted again. The dictionary itself is loaded by the first batch,
so opening the workbench does not pay for it. When the library or the
dictionary is missing the check is off, and ``unavailable`` says so once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat
from shiboken6 import isValid

from workbench.errors import WorkbenchError
from workbench.statement import spelling
from workbench.store.user_data import data_dir

MAX_BLOCKS = 4000  # block texts remembered; beyond that the cache starts again
# New words are checked once typing pauses this long: a word is not flagged while it
# is being typed, and a burst of keys never waits for the dictionary.
IDLE_MS = 250


class SpellingChecker(QObject):
    """Verdicts on words, checked off the keystroke path; the personal dictionary."""

    checked = Signal()  # a batch of words was checked
    words_accepted = Signal()  # words were added or ignored: highlight everything again
    unavailable = Signal(str)  # the check is off, and why (emitted once)

    def __init__(self, personal: spelling.PersonalDictionary | None = None, parent=None):
        super().__init__(parent)
        self.personal = personal if personal is not None else spelling.PersonalDictionary()
        self.ignored: set[str] = set()
        self.speller: spelling.Speller | None = None
        self.off_reason: str | None = None
        self._verdicts: dict[str, bool] = {}
        self._bad: set[str] = set()  # the words whose verdict is False
        self._blocks: dict[str, list[tuple[int, int]]] = {}
        self._queued: set[str] = set()
        self._waiting: list[tuple[QSyntaxHighlighter, int, str]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(IDLE_MS)
        self._timer.timeout.connect(self.check_queued)

    # Lookups (cheap: called while highlighting) ---------------------------------------------

    def misspelt(self, text: str, words_of=None, asker=None, key=None) -> list[tuple[int, int]]:
        """Ranges (code-point offsets in ``text``) of the misspelt words known so far.

        ``words_of(only)`` gives the words of ``text`` that are in ``only`` (called
        only when its block is not cached and has a misspelt word; the statement's
        Markdown reading by default). ``asker`` is a
        (highlighter, block number) to highlight again once the words not
        checked yet have been; ``key`` tells apart readings of the same text.
        """
        if self.off_reason is not None:
            return []
        key = text if key is None else key
        found = self._blocks.get(key)
        if found is not None:
            return found
        # Fast path: set operations on the letter runs; positions only when one is misspelt.
        runs = spelling.letter_runs(text)
        unknown = runs.difference(self._verdicts)
        ranges = []
        bad = runs & self._bad
        if bad:
            words = (
                words_of(bad) if words_of is not None else spelling.words_of_line(text, only=bad)
            )
            ranges = [(w.start, w.end) for w in words if w.text in bad]
        if unknown:
            self._queued.update(unknown)
            if asker is not None:
                self._waiting.append((asker[0], asker[1], text))
            self._timer.start()
        else:
            if len(self._blocks) > MAX_BLOCKS:
                self._blocks.clear()
            self._blocks[key] = ranges
        return ranges

    def is_misspelt(self, word: str) -> bool:
        return word in self._bad

    # The deferred batch ---------------------------------------------------------------------

    def check_queued(self) -> None:
        """Check every queued word, then highlight again the blocks that waited."""
        self._timer.stop()
        if not self._queued:
            return
        if self.speller is None and self.off_reason is None:
            try:
                self.speller = spelling.load_speller()
            except WorkbenchError as exc:
                self.off_reason = str(exc)
                self.unavailable.emit(self.off_reason)
        queued, self._queued = self._queued, set()
        waiting, self._waiting = self._waiting, []
        if self.speller is None:
            return
        check = self.speller.check
        for word in queued:
            ok = spelling.never_flagged(word) or self._accepts(word, check)
            self._verdicts[word] = ok
            if not ok:
                self._bad.add(word)
        for highlighter, number, text in waiting:
            if not isValid(highlighter):
                continue
            block = highlighter.document().findBlockByNumber(number)
            if block.isValid() and block.text() == text:
                quietly(highlighter, lambda b=block, h=highlighter: h.rehighlightBlock(b))
        self.checked.emit()

    def _accepts(self, word: str, check) -> bool:
        if word in self.personal or word in self.ignored or check(word):
            return True
        # "Library" at the start of a sentence is as right as "library".
        return word[0].isupper() and word[1:].islower() and check(word.lower())

    # Changing the verdicts ------------------------------------------------------------------

    def suggestions(self, word: str) -> list[str]:
        return self.speller.suggest(word) if self.speller is not None else []

    def add_word(self, word: str) -> None:
        """Keep ``word`` in the personal dictionary (raises WorkbenchError if not saved)."""
        self.personal.add(word)
        self._accept(word)

    def ignore_word(self, word: str) -> None:
        """Accept ``word`` until the workbench closes."""
        self.ignored.add(word)
        self._accept(word)

    def _accept(self, word: str) -> None:
        self._verdicts[word] = True
        self._bad.discard(word)
        self._blocks.clear()
        self.words_accepted.emit()


_CHECKERS: dict[str, SpellingChecker] = {}


def shared_checker() -> SpellingChecker:
    """The checker of this user's data folder (its personal dictionary), made once."""
    key = str(data_dir())
    checker = _CHECKERS.get(key)
    if checker is None:
        checker = _CHECKERS[key] = SpellingChecker()
    return checker


def forget_checkers() -> None:
    """Drop the checkers, as closing the workbench does (the next one reads the files)."""
    _CHECKERS.clear()


def spelling_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    fmt.setUnderlineColor(QColor(220, 30, 30))
    return fmt


class SpellingHighlight:
    """For a QSyntaxHighlighter: the misspelt ranges of the current block.

    Needs ``self.checker``; ``spelling_on()`` may turn the check off (read-only text).
    """

    checker: SpellingChecker

    def spelling_on(self) -> bool:
        return True

    def block_words(self, text: str) -> list[spelling.Word]:
        """The words of one block to check, as this highlighter reads them."""
        return spelling.words_of_line(text)

    def spelling_ranges(self, text: str, words_of=None, key=None) -> list[tuple[int, int]]:
        if not self.spelling_on():
            return []
        asker = (self, self.currentBlock().blockNumber())
        return self.checker.misspelt(text, words_of, asker, key)

    def watch_checker(self) -> None:
        """Highlight again when words are added or ignored anywhere."""
        self.checker.words_accepted.connect(self._words_accepted)

    def _words_accepted(self) -> None:
        quietly(self, self.rehighlight)


def quietly(highlighter: QSyntaxHighlighter, restyle) -> None:
    """Restyle without the document saying its text changed: only formats change, and
    fields that save on ``textChanged`` must not save (or mark a change) for that."""
    document = highlighter.document()
    was = document.blockSignals(True)
    try:
        restyle()
    finally:
        document.blockSignals(was)


class SpellingHighlighter(SpellingHighlight, QSyntaxHighlighter):
    """The spelling check alone, for a plain text field (a reflection, an area comment)."""

    def __init__(self, editor, checker: SpellingChecker | None = None):
        super().__init__(editor.document())
        self.editor = editor
        self.checker = checker if checker is not None else shared_checker()
        self._format = spelling_format()
        self.watch_checker()

    def spelling_on(self) -> bool:
        return not self.editor.isReadOnly()

    def block_words(self, text: str) -> list[spelling.Word]:
        return spelling.words_of_text(text)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        if not text:
            return
        index = qt_index(text)
        ranges = self.spelling_ranges(text, lambda _: self.block_words(text), "\0" + text)
        for start, end in ranges:
            self.setFormat(index(start), index(end) - index(start), self._format)


def qt_index(text: str):
    """Code-point offset -> UTF-16 position within one block."""
    if text.isascii() or all(ord(ch) <= 0xFFFF for ch in text):
        return lambda i: i
    return lambda i: i + sum(1 for ch in text[:i] if ord(ch) > 0xFFFF)
