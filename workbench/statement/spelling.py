"""The spelling check in British English: which words of a text to check, the
personal dictionary, and the hunspell dictionary (loaded only when first needed).

What is a word to check follows the one reading of the statement
(``workbench.statement.markdown``): citations such as ``[E12]``, block markers
(``#``, ``-``, ``>``) and emphasis markers are never words. Within the text a
word is a run of letters, with apostrophes inside it ("don't", "mentee’s");
hyphenated words are checked part by part. Left alone: words of one letter,
words in capitals only (acronyms such as PKSB or CILIP), anything touching a
digit ("2nd", "E12"), and whole tokens that look like web addresses or e-mail
addresses.

The dictionary is en_GB from the LibreOffice dictionaries project, shipped in
``resources/dictionaries`` with its licence; the binding is the ``chunspell``
package (imported as ``hunspell``), whose wheels carry the library itself.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from functools import cache
from pathlib import Path
from typing import NamedTuple

from workbench.errors import WorkbenchError
from workbench.frameworks.routes import RESOURCES
from workbench.statement import markdown
from workbench.store.db import write_atomically
from workbench.store.user_data import data_dir

DICTIONARIES = RESOURCES / "dictionaries"
LANGUAGE = "en_GB"
# Words of the registration journey the general dictionary lacks (one a line).
JOURNEY_WORDS = DICTIONARIES / "journey-words.txt"
PERSONAL_FILE = "spelling-dictionary.txt"

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
# The words _WORD finds in ASCII text, found sooner: its letters there are A to Z.
_ASCII_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")
_TOKEN = re.compile(r"\S+")
_ADDRESS = re.compile(r"(?i)^[(<\[\"'\u201c]*(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)|@\w")


class SpellingUnavailable(WorkbenchError):
    """The spelling library or its dictionary cannot be loaded."""


class Word(NamedTuple):
    text: str
    start: int  # offset in the line (code points)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def words_of_line(
    line: str, block: markdown.Block | None = None, only: AbstractSet[str] | None = None
) -> list[Word]:
    """The words of one line (no newline) to check, with their offsets in the line.

    ``block`` is the line's reading (``markdown.parse_line(line)``) when the
    caller has it already, as the statement's highlighter does. ``only``: the
    words wanted (those known to be misspelt); the others are passed over.
    """
    if block is None:
        block = markdown.parse_line(line)
    if block is None:
        return []
    skipped = []
    if "@" in line or "://" in line or "www." in line:
        skipped = [m.span() for m in _TOKEN.finditer(line) if _ADDRESS.search(m.group())]
    found = []
    length = len(line)
    pattern = _word_pattern(line)
    for span in block.spans:
        if span.citation is not None:
            continue
        base = span.start - block.start
        for match in pattern.finditer(span.text):
            word = match.group()
            if (only is not None and word not in only) or never_flagged(word):
                continue
            start = base + match.start()
            end = start + len(word)
            if (start and line[start - 1].isdigit()) or (end < length and line[end].isdigit()):
                continue
            if skipped and any(a <= start < b for a, b in skipped):
                continue
            found.append(Word(word, start))
    return found


def letter_runs(text: str) -> set[str]:
    """Every run of letters in ``text``: a quick superset of the words to check (it
    also holds words that ``words_of_line`` leaves alone, such as acronyms)."""
    return set(_word_pattern(text).findall(text))


def _word_pattern(text: str) -> re.Pattern:
    return _ASCII_WORD if text.isascii() else _WORD


def never_flagged(word: str) -> bool:
    """Words left alone wherever they are: one letter, or capitals only."""
    return len(word) < 2 or word.isupper()


def words_of_text(text: str) -> list[Word]:
    """The words of a plain text field (a reflection note, an area comment), offsets
    in the whole text; it has no Markdown, so each line is read as a paragraph."""
    found = []
    offset = 0
    for line in text.split("\n"):
        found += [Word(w.text, w.start + offset) for w in words_of_line(" " + line)]
        offset += len(line) + 1
    return [Word(w.text, w.start - 1) for w in found]


# The dictionaries ---------------------------------------------------------------------------


class PersonalDictionary:
    """The words a user added ("Add to my dictionary"), one a line in their data folder."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else data_dir() / PERSONAL_FILE
        self.words: set[str] = set()
        if self.path.exists():
            try:
                text = self.path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""  # an unreadable list is started again rather than blocking writing
            self.words = {w.strip() for w in text.splitlines() if w.strip()}

    def __contains__(self, word: str) -> bool:
        return word in self.words or word.replace("\u2019", "'") in self.words

    def add(self, word: str) -> None:
        word = word.strip().replace("\u2019", "'")
        if not word or word in self.words:
            return
        if not _WORD.fullmatch(word):
            raise WorkbenchError(f"“{word}” is not one word, so it cannot go in your dictionary.")
        self.words.add(word)
        data = "".join(f"{w}\n" for w in sorted(self.words)).encode("utf-8")
        try:
            write_atomically(self.path, data)
        except OSError as exc:
            raise WorkbenchError(f"Your dictionary {self.path} cannot be saved ({exc}).") from None


class Speller:
    """The hunspell dictionary with the journey's own words: ``check`` and ``suggest``."""

    def __init__(self, hunspell, extra: set[str]):
        self._hunspell = hunspell
        self._extra = extra

    def check(self, word: str) -> bool:
        if word in self._extra:
            return True
        word = word.replace("\u2019", "'")
        return bool(self._hunspell.spell(word))

    def suggest(self, word: str, most: int = 6) -> list[str]:
        curly = "\u2019" in word
        found = self._hunspell.suggest(word.replace("\u2019", "'"))
        result = [w.replace("'", "\u2019") if curly else w for w in found]
        return list(dict.fromkeys(result))[:most]


@cache
def load_speller(folder: Path = DICTIONARIES, language: str = LANGUAGE) -> Speller:
    """The dictionary of ``language`` in ``folder``, loaded once (it takes ~0.1 s)."""
    for suffix in (".aff", ".dic"):
        if not (folder / f"{language}{suffix}").is_file():
            raise SpellingUnavailable(
                f"The spelling dictionary {folder / (language + suffix)} is missing, "
                "so spelling is not checked."
            )
    try:
        import hunspell  # deferred: a native library, needed only once text is checked
    except ImportError:
        raise SpellingUnavailable(
            "The spelling library (the chunspell package) is not installed, "
            "so spelling is not checked."
        ) from None
    try:
        loaded = hunspell.Hunspell(language, hunspell_data_dir=str(folder))
    except Exception as exc:  # the binding raises its own error types
        raise SpellingUnavailable(
            f"The spelling dictionary in {folder} cannot be read ({exc}), "
            "so spelling is not checked."
        ) from None
    extra: set[str] = set()
    if JOURNEY_WORDS.is_file():
        extra = {w.strip() for w in JOURNEY_WORDS.read_text(encoding="utf-8").splitlines()}
        extra = {w for w in extra if w and not w.startswith("#")}
    return Speller(loaded, extra)
