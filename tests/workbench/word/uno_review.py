"""Review a .docx in LibreOffice through UNO, as a mentor would: run by the system
Python (which has the ``uno`` module), not by the test's interpreter.

    python3 uno_review.py PLAN.json

The plan names the file, the copy to save, a LibreOffice profile folder, and the
edits: comments to add on words, replies to comments, comments to resolve. The
script starts its own headless LibreOffice, connects to it over a pipe, makes the
edits, saves as Word (.docx) and stops LibreOffice. It prints a JSON report.
"""

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.uno import RuntimeException

CONNECT_TRIES = 300  # a tenth of a second each
WORD_FILTER = "MS Word 2007 XML"


def prop(name, value):
    found = PropertyValue()
    found.Name, found.Value = name, value
    return found


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    for _ in range(CONNECT_TRIES):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            time.sleep(0.1)
    raise SystemExit("LibreOffice did not accept a connection")


def annotations(doc):
    found = []
    fields = doc.getTextFields().createEnumeration()
    while fields.hasMoreElements():
        field = fields.nextElement()
        if field.supportsService("com.sun.star.text.textfield.Annotation"):
            found.append(field)
    return found


def words_range(doc, words):
    """A text range over the first paragraph's ``words`` (selected as a reader would)."""
    paragraphs = doc.getText().createEnumeration()
    while paragraphs.hasMoreElements():
        paragraph = paragraphs.nextElement()
        if not paragraph.supportsService("com.sun.star.text.Paragraph"):
            continue
        at = paragraph.getString().find(words)
        # Each comment mark takes a place in LibreOffice's text: look a little further.
        for start in range(at, at + 40) if at >= 0 else ():
            cursor = doc.getText().createTextCursorByRange(paragraph.getStart())
            cursor.goRight(start, False)
            cursor.goRight(len(words), True)
            if cursor.getString() == words:
                return cursor
    raise SystemExit(f"the words {words!r} are not in the document")


def add_annotation(doc, anchor, author, text, parent_name=None):
    note = doc.createInstance("com.sun.star.text.textfield.Annotation")
    note.Author = author
    note.Content = text
    when = uno.createUnoStruct("com.sun.star.util.DateTime")
    when.Year, when.Month, when.Day, when.Hours = 2026, 11, 25, 9
    note.DateTimeValue = when
    info = note.getPropertySetInfo()
    if parent_name and info.hasPropertyByName("ParentName"):
        note.ParentName = parent_name
    cursor = anchor.getText().createTextCursorByRange(anchor)
    before = len(annotations(doc))
    try:
        cursor.getText().insertTextContent(cursor, note, not cursor.isCollapsed())
    except RuntimeException:
        # Without a view LibreOffice may report a failure after inserting the
        # comment over words that already carry one; insert it only if it is missing.
        if len(annotations(doc)) == before:
            cursor.collapseToEnd()
            cursor.getText().insertTextContent(cursor, note, False)
    return note


def review(plan, context):
    # The document is loaded as a model without a view: LibreOffice without its
    # user interface files (libreoffice-writer-nogui) cannot draw comment windows.
    factory = context.ServiceManager
    doc = factory.createInstanceWithContext("com.sun.star.text.TextDocument", context)
    url = uno.systemPathToFileUrl(plan["source"])
    doc.load((prop("URL", url), prop("FilterName", WORD_FILTER)))
    report = {"threads_api": False}
    for words, author, text in plan.get("add", []):
        add_annotation(doc, words_range(doc, words), author, text)
    for parent_text, author, text in plan.get("reply", []):
        parent = next(a for a in annotations(doc) if a.Content == parent_text)
        report["threads_api"] = parent.getPropertySetInfo().hasPropertyByName("ParentName")
        add_annotation(doc, parent.getAnchor(), author, text, parent.Name)
    for text in plan.get("resolve", []):
        note = next(a for a in annotations(doc) if a.Content == text)
        note.Resolved = True
    target = uno.systemPathToFileUrl(plan["target"])
    doc.storeToURL(target, (prop("FilterName", WORD_FILTER),))
    report["annotations"] = [
        {"text": a.Content, "author": a.Author, "resolved": bool(a.Resolved)}
        for a in annotations(doc)
    ]
    doc.close(True)
    return report


def main():
    plan = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    pipe = f"wbtest{uuid.uuid4().hex[:12]}"
    profile = Path(plan["profile"]).resolve().as_uri()
    # A new profile makes LibreOffice restart once; do that before connecting.
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--terminate_after_init"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        context = connect(pipe)
        report = review(plan, context)
        try:
            context.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", context
            ).terminate()
        except Exception:  # noqa: BLE001 - the bridge drops as LibreOffice quits
            pass
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # the UNO bridge can crash the interpreter's exit once LibreOffice is gone
