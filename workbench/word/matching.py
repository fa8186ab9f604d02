"""Which version a reviewed Word file belongs to, and what the preview says about it.

The version: the one whose text the file has (before or after its tracked
changes); else the one the copy names (a review copy carries its version's
id); else the closest by words, only when it is really close (``CLOSE``);
otherwise the file matches none and the user is told so. Plain data in, so
it runs in the preview's worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import DocxError
from workbench.word.finding import BOOKMARK, FOUND_TEXT
from workbench.word.placing import CLOSE, NEAREST, VersionText, closest, similarity
from workbench.word.reading import WordDocument
from workbench.word.render import ACCEPT, REJECT

if TYPE_CHECKING:
    from workbench.word.review import ReviewPreview

KEEP = "keep"  # tracked changes: leave the statement's text as it is
TRACKED = (ACCEPT, REJECT, KEEP)


def match_version(
    path: Path, document: WordDocument, existing: list[VersionText], as_version: bool, text: str
) -> tuple[VersionText | None, str, float, bool]:
    """(version, how it was matched, share of words in common, whether the texts differ).

    The version is None when the file's text becomes a new version.
    """

    texts = tuple(dict.fromkeys((text, document.original, document.markdown)))
    same = next((v for v in reversed(existing) if v.text in texts), None)
    if same is not None:
        return same, "same text", 1.0, False
    if as_version:
        return None, "new version", 1.0, False
    if not existing:
        raise DocxError(
            "The statement has no version yet to put these comments on; "
            "import the file as a new version instead."
        )
    by_id = next((v for v in existing if v.uuid == document.version_uuid), None)
    if by_id is not None:
        version, how, alike = by_id, "identifier", max(similarity(t, by_id.text) for t in texts)
    else:
        best, alike = closest(texts, existing)
        if alike < CLOSE and any(c.text.strip() for c in document.comments):
            raise DocxError(
                f"{path.name} does not match any version of the statement closely: the "
                f"closest, version {best.number}, has {alike:.0%} of its words in common. "
                "Import it as a new version instead."
            )
        version, how = best, "closest"
    return version, how, alike, bool(text.strip()) and version.text not in texts


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
        warnings.append(f"{path.name} has {n} tracked change{'s' if n != 1 else ''}; {action}.")
    if preview.text_differs:
        warnings.append(
            f"The text in {path.name} differs from version {preview.version_number} "
            f"({preview.similarity:.0%} of words in common); only its comments are imported. "
            "Take the file as a new version to keep its edits."
        )
    return warnings
