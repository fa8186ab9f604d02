"""What the spelling check looks at, the personal dictionary and the en_GB dictionary."""

from __future__ import annotations

import random

import pytest

from workbench.errors import WorkbenchError
from workbench.statement import spelling


def words(line: str) -> list[str]:
    return [w.text for w in spelling.words_of_line(line)]


def test_citations_markers_numbers_addresses_and_acronyms_are_never_words():
    line = "- I cited [E12] and **[E3]** on 2nd May, see https://example.org/x or ruth@example.org"
    assert words(line) == ["cited", "and", "on", "May", "see", "or"]
    assert words("# Personal performnce") == ["Personal", "performnce"]
    assert words("## CILIP and the PKSB") == ["and", "the"]
    assert words("> quoted *emphasis*") == ["quoted", "emphasis"]


def test_ascii_text_is_read_with_the_same_word_pattern():
    text = "".join(chr(c) for c in range(128)) + " don't x2y well-being _a_ B'c'd ''e"
    assert spelling._ASCII_WORD.findall(text) == spelling._WORD.findall(text)
    rng = random.Random(3)
    for _ in range(300):  # and in random ASCII of letters, digits, quotes and the rest
        text = "".join(
            rng.choice("aZ'_9 -.\t*[E]") if rng.random() < 0.5 else chr(rng.randrange(128))
            for _ in range(40)
        )
        assert spelling._ASCII_WORD.findall(text) == spelling._WORD.findall(text), text


def test_offsets_point_at_the_words_in_the_line():
    line = "## Organisational *contxt* [E1] don’t well-being"
    found = spelling.words_of_line(line)
    assert [line[w.start : w.end] for w in found] == [w.text for w in found]
    assert [w.text for w in found] == ["Organisational", "contxt", "don’t", "well", "being"]


def test_a_plain_field_is_read_without_markdown():
    text = "# not a heading\nmy recieve"
    found = spelling.words_of_text(text)
    assert [(w.text, text[w.start : w.end]) for w in found] == [
        ("not", "not"),
        ("heading", "heading"),
        ("my", "my"),
        ("recieve", "recieve"),
    ]


def test_the_british_dictionary_and_the_journeys_words():
    speller = spelling.load_speller()
    assert speller.check("organisation") and speller.check("colour")
    assert not speller.check("color")
    assert speller.check("Chartership") and speller.check("don’t")
    assert not speller.check("recieve")
    assert "receive" in speller.suggest("recieve")


def test_the_personal_dictionary_is_kept_in_the_data_folder(tmp_path):
    personal = spelling.PersonalDictionary()
    personal.add("Zorblax")
    personal.add("mentee’s")
    assert "Zorblax" in spelling.PersonalDictionary()
    assert "mentee’s" in spelling.PersonalDictionary()
    assert personal.path.parent == spelling.data_dir()
    with pytest.raises(WorkbenchError, match="not one word"):
        personal.add("two words")


def test_a_missing_dictionary_is_said_in_a_sentence(tmp_path):
    with pytest.raises(spelling.SpellingUnavailable, match="is missing"):
        spelling.load_speller(tmp_path)


def test_only_the_words_asked_for_are_read():
    line = "The recieve and the recieve, then *adress* [E1]"
    every = spelling.words_of_line(line)
    asked = spelling.words_of_line(line, only={"recieve", "adress"})
    assert asked == [w for w in every if w.text in {"recieve", "adress"}]
    assert [w.text for w in asked] == ["recieve", "recieve", "adress"]
