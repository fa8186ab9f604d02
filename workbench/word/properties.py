"""What a Word export says about itself: properties, language, compatibility mode.

python-docx's template describes itself: made by "python-docx" on "Microsoft
Macintosh Word", 0 words, US English, a blank thumbnail, and Word 2010
compatibility mode (in which Word greys out Resolve and degrades comment
threads). An export says instead what it is: the statement's title, the
candidate as author, this application and its version, the statement's words
as the route counts them, British English, current Word compatibility mode
(15), and no thumbnail.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from importlib import metadata

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from workbench import APP_NAME, APP_SLUG, __version__

LANGUAGE = "en-GB"
COMPATIBILITY_MODE = "15"  # Word 2013 and later (Word 365 writes 15 too)
WORD_URI = "http://schemas.microsoft.com/office/word"
APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
US_ENGLISH = re.compile(rb'(<w:lang\b[^>]*\bw:val=")en-US(")')


def app_version() -> str:
    """The installed version of the workbench (the package metadata, else the source's)."""
    try:
        return metadata.version(APP_SLUG)
    except metadata.PackageNotFoundError:
        return __version__


def word_app_version(version: str) -> str:
    """A version as app.xml's AppVersion must be written: two digits, a dot, four."""
    numbers = [int(part) for part in re.findall(r"\d+", version)[:3]] + [0, 0, 0]
    major, minor, patch = (min(n, 99) for n in numbers[:3])
    return f"{major:02d}.{minor:02d}{patch:02d}"


def describe(doc, *, title: str, author: str, subject: str, keywords: str, words: int) -> None:
    """Set the core and app properties, the language and the compatibility mode."""
    props = doc.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.subject = subject
    props.keywords = keywords
    props.comments = ""
    props.created = props.modified = datetime.now(timezone.utc).replace(tzinfo=None)
    props.revision = 1
    _app_properties(doc, words)
    _british_english(doc)
    _current_compatibility(doc)
    _drop_thumbnail(doc)


def _app_properties(doc, words: int) -> None:
    part = next(p for p in doc.part.package.iter_parts() if p.partname == "/docProps/app.xml")
    version = word_app_version(app_version())
    part._blob = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Properties xmlns="{APP_NS}">'
        "<Template>Normal.dotm</Template>"
        f"<Words>{words}</Words>"
        f"<Application>{APP_NAME}</Application>"
        "<DocSecurity>0</DocSecurity>"
        "<LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged>"
        f"<AppVersion>{version}</AppVersion>"
        "</Properties>"
    ).encode()


def _british_english(doc) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), LANGUAGE)
    theme_language = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_language is not None:
        theme_language.set(qn("w:val"), LANGUAGE)
    for part in doc.part.package.iter_parts():  # Word 2010's copy of the styles
        if part.partname == "/word/stylesWithEffects.xml":
            part._blob = US_ENGLISH.sub(rb"\1" + LANGUAGE.encode() + rb"\2", part.blob)


def _current_compatibility(doc) -> None:
    settings = doc.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        settings.append(compat)
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), COMPATIBILITY_MODE)
            return
    setting = OxmlElement("w:compatSetting")
    setting.set(qn("w:name"), "compatibilityMode")
    setting.set(qn("w:uri"), WORD_URI)
    setting.set(qn("w:val"), COMPATIBILITY_MODE)
    compat.append(setting)


def _drop_thumbnail(doc) -> None:
    """The template's thumbnail is a blank page: leave it out (Word makes its own)."""
    rels = doc.part.package.rels
    for rel_id in [r for r, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        rels.pop(rel_id)
