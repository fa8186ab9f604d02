"""The sample portfolio teaches the right thing: each citation names the item it means."""

from __future__ import annotations

import re
import zipfile

from docx import Document

from workbench.evidence import library as evidence
from workbench.evidence.blobs import blob_path
from workbench.sample.evidence import CITATION_TOPICS, NUMBERS, SAMPLE_ITEMS
from workbench.sample.statement import VERSIONS
from workbench.statement import drafts

SENTENCE = re.compile(r"[^.!?\n]*\[E\d+\][^.!?\n]*")


def cited_sentences(text: str) -> list[tuple[int, str]]:
    found = []
    for sentence in SENTENCE.findall(text):
        for number in re.findall(r"\[E(\d+)\]", sentence):
            found.append((int(number), sentence.strip()))
    return found


def test_every_citation_in_every_version_is_about_its_item(demo):
    items = {row.number: row for row in evidence.evidence_items(demo.portfolio)}
    keys = {n: key for key, n in NUMBERS.items()}
    texts = [v.text for v in drafts.versions(demo.portfolio)]
    texts.append(drafts.working_text(demo.portfolio))
    assert texts[:3] == list(VERSIONS)
    checked = 0
    for text in texts:
        for number, sentence in cited_sentences(text):
            key = keys[number]
            assert items[number].title == SAMPLE_ITEMS[number - 1].title
            words = CITATION_TOPICS[key]
            assert any(w in sentence.lower() for w in words), (
                f"E{number} ({items[number].title}) cited in: {sentence}"
            )
            checked += 1
    assert checked >= 25


def test_the_staff_wiki_is_cited_as_the_wiki_email():
    wiki = NUMBERS["wiki"]
    assert SAMPLE_ITEMS[wiki - 1].title == "Email thread: setting up the staff wiki"
    for text in VERSIONS:
        for number, sentence in cited_sentences(text):
            assert ("wiki" in sentence) == (number == wiki), sentence


def test_evidence_files_look_like_the_real_thing(demo):
    root = demo.root
    rows = {row.source_name: row for row in evidence.evidence_items(demo.portfolio) if row.blob_sha}
    data = {name: blob_path(root, row.blob_sha).read_bytes() for name, row in rows.items()}
    for name, content in data.items():
        assert b"Sample content of the demo portfolio" not in content, name
        assert len(content) < 60_000, name
    assert data["Digital skills drop-in report.pdf"].startswith(b"%PDF-1.4")
    assert b"24 of 47" in data["Digital skills drop-in report.pdf"]
    assert b"Certificate of completion" in data["Active learning course certificate.pdf"]
    assert b"Forms returned: 86" in data["Induction feedback summary.txt"]
    assert data["Staff wiki email thread.eml"].startswith(b"From: Jordan Ellis")
    notes = blob_path(root, rows["Peer observation notes.docx"].blob_sha)
    assert zipfile.is_zipfile(notes)
    texts = [p.text for p in Document(notes).paragraphs]
    assert "Talk time was about 40 of the 50 minutes; students searched for 6 minutes." in texts
