"""Reading a Word file's comment threads: replies, done marks and durable ids.

Word 365 and LibreOffice keep a thread outside ``comments.xml``:
``commentsExtended.xml`` has a ``w15:commentEx`` per comment, keyed by the
``w14:paraId`` of the comment's last paragraph, naming its parent's paragraph
in ``w15:paraIdParent`` and marking it ``w15:done``; ``commentsIds.xml`` gives
each the ``w16cid:durableId`` Word keeps across saves.
"""

from __future__ import annotations

from datetime import datetime, timezone

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
W16CID = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
TRUE = {"1", "true", "on"}


def read_threads(tree, extended, ids) -> tuple[dict[str, str], set[str], dict[str, str]]:
    """Word's threads, by comment id: each reply's parent, the comments marked done,
    and the durable ids. commentsExtended and commentsIds name a comment by the
    w14:paraId of its last paragraph."""
    if extended is None and ids is None:
        return {}, set(), {}
    by_paragraph = {}
    for element in tree.iter(f"{{{W}}}comment"):
        paragraphs = list(element.iter(f"{{{W}}}p"))
        paragraph_id = paragraphs[-1].get(f"{{{W14}}}paraId") if paragraphs else None
        if paragraph_id:
            by_paragraph[paragraph_id.upper()] = element.get(f"{{{W}}}id", "")
    parents, done, durable = {}, set(), {}
    for entry in extended.iter(f"{{{W15}}}commentEx") if extended is not None else ():
        own = by_paragraph.get((entry.get(f"{{{W15}}}paraId") or "").upper())
        parent = by_paragraph.get((entry.get(f"{{{W15}}}paraIdParent") or "").upper())
        if own and parent and parent != own:
            parents[own] = parent
        if own and (entry.get(f"{{{W15}}}done") or "").lower() in TRUE:
            done.add(own)
    for entry in ids.iter(f"{{{W16CID}}}commentId") if ids is not None else ():
        own = by_paragraph.get((entry.get(f"{{{W16CID}}}paraId") or "").upper())
        if own:
            durable[own] = (entry.get(f"{{{W16CID}}}durableId") or "").upper()
    return parents, done, durable


def parse_date(value: str | None) -> datetime | None:
    """Word's w:date as naive UTC (Word writes local time marked Z; we keep it as given)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed
