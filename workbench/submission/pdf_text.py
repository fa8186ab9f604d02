"""Where words are on the pages of a PDF, read with pdfium (``pypdfium2``).

The combined PDF's links are laid over words its parts already show (a
citation ``[E3]``, a sheet's "Back to …" line, a label in the contents), so
they are found in the converted parts rather than guessed.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2

Rect = tuple[float, float, float, float]  # left, bottom, right, top in PDF points


class PdfText:
    """The text of one PDF file, page by page (close it, or use it in ``with``)."""

    def __init__(self, path: Path):
        self.document = pypdfium2.PdfDocument(str(path))
        self._pages: dict[int, tuple] = {}
        self._texts: dict[int, str] = {}

    def __enter__(self) -> PdfText:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        for page, text in self._pages.values():
            text.close()
            page.close()
        self.document.close()

    def __len__(self) -> int:
        return len(self.document)

    def _text_page(self, index: int):
        if index not in self._pages:
            page = self.document[index]
            self._pages[index] = (page, page.get_textpage())
        return self._pages[index][1]

    def text(self, index: int) -> str:
        """The page's words, with every run of white space made one space."""
        if index not in self._texts:
            self._texts[index] = " ".join(self._text_page(index).get_text_range().split())
        return self._texts[index]

    def find(self, index: int, words: str, whole_word: bool = False) -> list[Rect]:
        """The rectangle around each place ``words`` is found on the page."""
        textpage = self._text_page(index)
        searcher = textpage.search(words, match_case=True, match_whole_word=whole_word)
        found = []
        try:
            while (hit := searcher.get_next()) is not None:
                start, count = hit
                boxes = [textpage.get_rect(n) for n in range(textpage.count_rects(start, count))]
                if boxes:
                    found.append(
                        (
                            min(b[0] for b in boxes),
                            min(b[1] for b in boxes),
                            max(b[2] for b in boxes),
                            max(b[3] for b in boxes),
                        )
                    )
        finally:
            searcher.close()
        return found


def first_page_with(pdf: PdfText, words: str, start: int = 0) -> int | None:
    for index in range(start, len(pdf)):
        if words in pdf.text(index):
            return index
    return None
