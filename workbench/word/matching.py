"""Which version a reviewed Word file belongs to, and what the preview says about it.

The version: the one whose text the file has (before or after its tracked
changes); else the one the copy names (a review copy carries its version's
id); else the closest by words, only when it is really close (``CLOSE``);
otherwise the file matches none and the user is told so. Plain data in, so
it runs in the preview's worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import DocxError
from workbench.word.finding import BOOKMARK, FOUND_TEXT
from workbench.word.placing import CLOSE, NEAREST, VersionText, closest, similarity
from workbench.word.reading import WordDocument
from workbench.word.render import ACCEPT, REJECT
from workbench.word.source_form import restore

if TYPE_CHECKING:
    from workbench.word.review import ReviewPreview

KEEP = "keep"  # tracked changes: leave the statement's text as it is
TRACKED = (ACCEPT, REJECT, KEEP)


@dataclass(frozen=True)
class Match:
    version: VersionText | None  # None: the file's text becomes a new version
    how: str  # "same text", "identifier", "closest" or "new version"
    similarity: float
    differs: bool  # the file's text is not the version's
    text: str  # the file's text, in the spelling of the version it is laid against


def match_version(
    path: Path, document: WordDocument, existing: list[VersionText], as_version: bool, text: str
) -> Match:
    """The version the file belongs to (or a new one), and the file's text in our spelling."""
    by_id = next((v for v in existing if v.uuid == document.version_uuid), None)
    reference = by_id
    if reference is None and existing:
        reference = closest((text,), existing)[0]
    if reference is not None:  # what Word could not keep, as that version wrote it
        read = dict.fromkeys((text, document.original, document.markdown))
        restored = {t: restore(t, reference.text) for t in read}
        text = restored[text]
        texts = tuple(dict.fromkeys(restored.values()))
    else:
        texts = (text,)
    same = next((v for v in reversed(existing) if v.text in texts), None)
    if same is not None:
        return Match(same, "same text", 1.0, False, text)
    if as_version:
        return Match(None, "new version", 1.0, False, text)
    if not existing:
        raise DocxError(
            "The statement has no version yet to put these comments on; "
            "import the file as a new version instead."
        )
    if by_id is not None:
        alike = max(similarity(t, by_id.text) for t in texts)
        return Match(by_id, "identifier", alike, bool(text.strip()), text)
    best, alike = closest(texts, existing)
    if alike < CLOSE and any(c.text.strip() for c in document.comments):
        raise DocxError(
            f"{path.name} does not match any version of the statement closely: the "
            f"closest, version {best.number}, has {alike:.0%} of its words in common. "
            "Import it as a new version instead."
        )
    return Match(best, "closest", alike, bool(text.strip()), text)


def explain(preview: ReviewPreview, document: WordDocument, path: Path) -> list[str]:
    """The preview's sentences: how the statement was found, what will not sit on words."""
    warnings: list[str] = []
    if document.found_by != BOOKMARK:
        warnings.append(
            f"The statement was found in {path.name} {FOUND_TEXT[document.found_by]}; "
            "check the text before importing it as a version."
        )
    moved = sum(1 for c in preview.new_comments if c.placement == NEAREST)
    if moved:
        warnings.append(
            f"{moved} comment{'s are' if moved != 1 else ' is'} on words not found in the "
            "statement; they will sit on the nearest paragraph with the words quoted."
        )
    if preview.outside:
        where = "; ".join(
            f"{c.word.outside}: “{c.word.words}”" for c in preview.outside[:5] if c.word.words
        )
        warnings.append(
            f"{len(preview.outside)} comment{'s are' if len(preview.outside) != 1 else ' is'} "
            f"outside the statement and will not be imported{f' ({where})' if where else ''}."
        )
    if document.changes:
        what = {
            ACCEPT: "the new version takes them (insertions kept, deletions dropped)",
            REJECT: "the new version leaves them out (the text before them)",
            KEEP: "the statement's text stays as it is; only the comments come in",
        }[preview.tracked]
        action = what if preview.as_version or preview.tracked == KEEP else "they are not imported"
        n = len(document.changes)
        shown = "; ".join(
            f"{c.kind} “{' '.join(c.text.split())[:60]}” by {c.author or 'someone'}"
            for c in document.changes[:5]
        )
        more = f"; and {n - 5} more" if n > 5 else ""
        warnings.append(
            f"{path.name} has {n} tracked change{'s' if n != 1 else ''} ({shown}{more}); {action}."
        )
    if preview.text_differs:
        warnings.append(
            f"The text in {path.name} differs from version {preview.version_number} "
            f"({preview.similarity:.0%} of words in common); only its comments are imported. "
            "Take the file as a new version to keep its edits."
        )
    return warnings
