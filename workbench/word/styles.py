"""What a Word file's styles and numbering mean, read by meaning rather than by name.

A style is recognised by its built-in name (Word writes the English name of a
built-in style, "heading 1", in any language), by its id, and failing both by
what it does: an outline level makes a heading, bold or italic in its run
properties makes strong or emphasis, a bullet numbering makes a list item.
Each of these is followed along ``w:basedOn``, so a German "Überschrift 1"
built on a heading, or a "Fett" character style that sets bold, reads as
heading and strong.

Numbering: a paragraph's ``w:numPr`` (its own, else its style's) points to a
``w:num``; ``numId`` 0 switches numbering off. A bullet format is a list item;
a numbered format (decimal, letters, roman) is an ordered item, whose label
``number_label`` works out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FALSE = {"0", "false", "off", "none"}

TITLE, SUBTITLE, HEADING, LIST, QUOTE, BODY = (
    "title",
    "subtitle",
    "heading",
    "list",
    "quote",
    "body",
)
BUILT_IN = {
    "title": TITLE,
    "subtitle": SUBTITLE,
    "quote": QUOTE,
    "intense quote": QUOTE,
    "intensequote": QUOTE,
}
MAX_DEPTH = 16  # a basedOn chain this long is a loop or nonsense


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def switched_on(props, tag: str) -> bool | None:
    """A toggle property: True, False, or None when the properties do not say."""
    if props is None:
        return None
    found = props.find(w(tag))
    if found is None:
        return None
    return found.get(w("val"), "true").lower() not in FALSE


@dataclass
class Style:
    style_id: str
    kind: str  # "paragraph", "character", ...
    name: str
    based_on: str = ""
    outline: int | None = None
    numbering: tuple[str, int] | None = None  # (numId, ilvl)
    toggles: dict[str, bool] = field(default_factory=dict)  # b, i, vanish


@dataclass
class Level:
    format: str
    start: int = 1


class Styles:
    """The styles part and the numbering part of one document, read once."""

    def __init__(self, styles=None, numbering=None):
        self.styles: dict[str, Style] = {}
        self.default_paragraph = ""
        self._meaning: dict[str, tuple[str, int]] = {}
        self.levels: dict[tuple[str, int], Level] = {}
        self.abstract_of: dict[str, str] = {}
        if styles is not None:
            self._read_styles(styles)
        if numbering is not None:
            self._read_numbering(numbering)

    def _read_styles(self, root) -> None:
        for element in root.iter(w("style")):
            style_id = element.get(w("styleId"), "")
            name = element.find(w("name"))
            based = element.find(w("basedOn"))
            style = Style(
                style_id,
                element.get(w("type"), "paragraph"),
                (name.get(w("val"), "") if name is not None else "").strip().lower(),
                based.get(w("val"), "") if based is not None else "",
            )
            paragraph = element.find(w("pPr"))
            if paragraph is not None:
                level = paragraph.find(w("outlineLvl"))
                if level is not None and (level.get(w("val")) or "").isdigit():
                    style.outline = int(level.get(w("val")))
                style.numbering = numbering_of(paragraph)
            run = element.find(w("rPr"))
            for tag in ("b", "i", "vanish"):
                value = switched_on(run, tag)
                if value is not None:
                    style.toggles[tag] = value
            self.styles[style_id] = style
            if element.get(w("default")) in ("1", "true") and style.kind == "paragraph":
                self.default_paragraph = style_id

    def _read_numbering(self, root) -> None:
        abstract: dict[str, dict[int, Level]] = {}
        for element in root.iter(w("abstractNum")):
            levels = abstract.setdefault(element.get(w("abstractNumId"), ""), {})
            for lvl in element.iter(w("lvl")):
                levels[_int(lvl.get(w("ilvl")))] = _level(lvl)
        for num in root.iter(w("num")):
            num_id = num.get(w("numId"), "")
            link = num.find(w("abstractNumId"))
            abstract_id = link.get(w("val"), "") if link is not None else ""
            self.abstract_of[num_id] = abstract_id
            for ilvl, level in abstract.get(abstract_id, {}).items():
                self.levels[(num_id, ilvl)] = level
            for override in num.iter(w("lvlOverride")):
                ilvl = _int(override.get(w("ilvl")))
                inner = override.find(w("lvl"))
                if inner is not None:
                    self.levels[(num_id, ilvl)] = _level(inner)
                start = override.find(w("startOverride"))
                if start is not None and (num_id, ilvl) in self.levels:
                    old = self.levels[(num_id, ilvl)]
                    self.levels[(num_id, ilvl)] = Level(old.format, _int(start.get(w("val")), 1))

    # Paragraph styles ------------------------------------------------------------------

    def paragraph_meaning(self, style_id: str) -> tuple[str, int]:
        """(TITLE | SUBTITLE | HEADING | LIST | QUOTE | BODY, heading level) of a style."""
        style_id = style_id or self.default_paragraph
        if style_id not in self._meaning:
            self._meaning[style_id] = self._work_out(style_id)
        return self._meaning[style_id]

    def _work_out(self, style_id: str) -> tuple[str, int]:
        for style in self._chain(style_id):
            for name in (style.name, style.style_id.lower()):
                if name in BUILT_IN:
                    return BUILT_IN[name], 0
                level = _heading_level(name)
                if level:
                    return HEADING, level
                if name.startswith(("list bullet", "listbullet", "list number", "listnumber")):
                    return LIST, 0
            if style.outline is not None and style.outline < 9:
                return HEADING, style.outline + 1
        if not self._chain(style_id) and style_id:  # no styles part: the id alone
            level = _heading_level(style_id.lower())
            if level:
                return HEADING, level
            return BUILT_IN.get(style_id.lower(), BODY), 0
        return BODY, 0

    def style_numbering(self, style_id: str) -> tuple[str, int] | None:
        for style in self._chain(style_id or self.default_paragraph):
            if style.numbering is not None:
                return style.numbering
        name = (style_id or "").lower()
        if name.startswith(("listbullet", "list bullet")):
            return ("bullet", 0)
        if name.startswith(("listnumber", "list number")):
            return ("decimal", 0)
        return None

    def toggle(self, style_id: str, tag: str) -> bool | None:
        """A run toggle (b, i, vanish) as a style sets it, through its basedOn chain."""
        for style in self._chain(style_id):
            if tag in style.toggles:
                return style.toggles[tag]
            if (tag, style.name) in (("b", "strong"), ("i", "emphasis")):
                return True
        name = (style_id or "").lower()
        if (tag, name) in (("b", "strong"), ("i", "emphasis")):
            return True
        return None

    def _chain(self, style_id: str) -> list[Style]:
        chain = []
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            chain.append(self.styles[style_id])
            style_id = self.styles[style_id].based_on
            if len(chain) > MAX_DEPTH:
                break
        return chain

    # Numbering -------------------------------------------------------------------------

    def list_format(self, numbering: tuple[str, int] | None) -> str | None:
        """ "bullet", a number format ("decimal", "lowerLetter", …) or None (not a list)."""
        if numbering is None:
            return None
        num_id, ilvl = numbering
        if num_id in ("bullet", "decimal"):  # from a list style named so, without numbering
            return num_id
        if num_id in ("", "0"):
            return None  # numbering switched off
        level = self.levels.get((num_id, ilvl))
        if level is None:
            return "bullet" if not self.levels else None
        if level.format == "none":
            return None
        return level.format

    def start_of(self, numbering: tuple[str, int]) -> int:
        level = self.levels.get(numbering)
        return level.start if level else 1

    def list_key(self, num_id: str) -> str:
        """Numbers of two nums that share an abstract list count on together (Word's way)."""
        return self.abstract_of.get(num_id, num_id)


def numbering_of(props) -> tuple[str, int] | None:
    """A ``w:pPr``'s numbering reference, (numId, ilvl), or None when it has none."""
    if props is None:
        return None
    found = props.find(w("numPr"))
    if found is None:
        return None
    num = found.find(w("numId"))
    level = found.find(w("ilvl"))
    num_id = num.get(w("val"), "") if num is not None else ""
    return num_id, _int(level.get(w("val")) if level is not None else None)


def number_label(fmt: str, value: int) -> str:
    """The label Word shows for an ordered item: "3.", "c.", "iv."."""
    if fmt in ("lowerLetter", "upperLetter"):
        label = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            label = chr(ord("a") + rest) + label
        label = label or "a"
        return (label.upper() if fmt == "upperLetter" else label) + "."
    if fmt in ("lowerRoman", "upperRoman"):
        label = _roman(value)
        return (label if fmt == "upperRoman" else label.lower()) + "."
    return f"{value}."


def _roman(value: int) -> str:
    if value <= 0:
        return str(value)
    digits = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"))
    digits += ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for size, letters in digits:
        count, value = divmod(value, size)
        out += letters * count
    return out


def _heading_level(name: str) -> int:
    for prefix in ("heading ", "heading"):
        rest = name[len(prefix) :]
        if name.startswith(prefix) and rest.isdigit() and 1 <= int(rest) <= 9:
            return int(rest)
    return 0


def _level(lvl) -> Level:
    fmt = lvl.find(w("numFmt"))
    start = lvl.find(w("start"))
    return Level(
        fmt.get(w("val"), "decimal") if fmt is not None else "decimal",
        _int(start.get(w("val")) if start is not None else None, 1),
    )


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
