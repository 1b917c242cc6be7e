"""Input handling: encodings, line ends, odd characters and long notes."""

from __future__ import annotations

import pytest

from helpers import pack, spans_ok
from recordlint.engine import linter as linter_module
from recordlint.engine.linter import CHUNK_CHARS, split_text

KINDS = ("--rules", pack("fx-kinds.yaml"), "--select", "fx-kinds.phrase-lower,fx-kinds.acronym")
PLACEMENT = "fx-kinds.phrase-lower"


def findings_of(result, index=0):
    return result.json()["files"][index]["findings"]


# --- encodings ---------------------------------------------------------------

def test_utf8_bom_is_stripped_and_offsets_ignore_it(cli, note):
    text = "The placement ended.\n"
    path = note(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = cli("check", *KINDS, "--format", "json", path)
    assert result.exit_code == 1, result
    (finding,) = findings_of(result)
    assert (finding["start"], finding["column"]) == (4, 5)
    spans_ok(text, [finding])
    assert result.stderr == ""


def test_cp1252_fallback_warns_naming_the_file(cli, note):
    text = "Mum’s placement – ended £5 café.\n"
    path = note(text.encode("cp1252"), "legacy.txt")
    result = cli("check", *KINDS, "--format", "json", path)
    assert result.exit_code == 1, result
    assert "warning" in result.stderr and str(path) in result.stderr and "cp1252" in result.stderr
    (finding,) = findings_of(result)
    assert finding["text"] == "placement"
    spans_ok(text, [finding])


def test_cp1252_warning_is_one_line_and_not_an_error(cli, note):
    path = note("caf\xe9\n".encode("cp1252"), "legacy.txt")
    result = cli("check", *KINDS, path)
    assert result.exit_code == 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("recordlint: warning: ")


def test_plain_utf8_gives_no_warning(cli, note):
    result = cli("check", *KINDS, note("Zoë’s café – £5.\n"))
    assert result.exit_code == 0
    assert result.stderr == ""


# --- line ends ---------------------------------------------------------------

def test_crlf_normalised_offsets_refer_to_normalised_text(cli, note):
    raw = "First line.\r\nSecond line.\r\nThe placement ended.\r\n"
    normalised = raw.replace("\r\n", "\n")
    result = cli("check", *KINDS, "--format", "json", note(raw.encode("utf-8")))
    (finding,) = findings_of(result)
    assert (finding["line"], finding["column"]) == (3, 5)
    assert finding["start"] == normalised.index("placement")
    spans_ok(normalised, [finding])


def test_lone_cr_normalised(cli, note):
    raw = "First line.\rThe placement ended.\r"
    result = cli("check", *KINDS, "--format", "json", note(raw.encode("utf-8")))
    (finding,) = findings_of(result)
    assert (finding["line"], finding["column"]) == (2, 5)
    spans_ok(raw.replace("\r", "\n"), [finding])


def test_crlf_on_stdin(cli):
    raw = "Line one.\r\nThe placement ended.\r\n"
    result = cli("check", *KINDS, "--format", "json", "-", input=raw.encode("utf-8"))
    (finding,) = findings_of(result)
    assert (finding["line"], finding["column"]) == (2, 5)
    spans_ok(raw.replace("\r\n", "\n"), [finding])


# --- odd content -------------------------------------------------------------

def test_empty_file(cli, note):
    result = cli("check", *KINDS, "--format", "json", note(b""))
    assert result.exit_code == 0, result
    data = result.json()
    assert data["summary"]["files"] == 1
    assert findings_of(result) == []


def test_whitespace_only_file(cli, note):
    result = cli("check", *KINDS, note("\n\n   \n"))
    assert result.exit_code == 0, result


def test_emoji_and_zero_width_characters(cli, note):
    text = "😀👍🏽 Zoë\u200b said hi\u200d.\nHi 👩‍👩‍👧 the placement and the XYZQ panel.\n"
    result = cli("check", *KINDS, "--format", "json", note(text))
    assert result.exit_code == 1, result
    found = findings_of(result)
    assert [(f["text"], f["line"]) for f in found] == [("placement", 2), ("XYZQ", 2)]
    assert found[0]["column"] == text.split("\n")[1].index("placement") + 1
    spans_ok(text, found)


def test_curly_and_unbalanced_quotes_do_not_crash(lint):
    text = "She said “no more placement\nThe placement ended ‘today.\n\"\n'"
    found = lint(text, PLACEMENT)
    assert [f.line for f in found] == [1, 2]  # unless: [] rule: quotes do not block it
    spans_ok(text, found)


def test_unbalanced_quote_blocks_only_to_the_end_of_its_line(lint):
    text = 'Mum said “the house is chaotic\nThe house is chaotic.'
    found = lint(text, "fx-unless.quoted")
    assert [f.line for f in found] == [2]


# --- long notes --------------------------------------------------------------

def test_split_text_short_text_is_one_piece():
    assert split_text("short", limit=100) == [(0, "short")]


def test_split_text_cuts_at_line_breaks():
    text = "".join(f"line {i:03d} here\n" for i in range(50))
    pieces = split_text(text, limit=100)
    assert len(pieces) > 1
    assert "".join(p for _, p in pieces) == text
    for offset, piece in pieces:
        assert len(piece) <= 100
        assert text[offset:offset + len(piece)] == piece
    assert all(piece.endswith("\n") for _, piece in pieces)


def test_split_text_falls_back_to_spaces_then_hard_cuts():
    spaced = "word " * 100
    pieces = split_text(spaced, limit=64)
    assert "".join(p for _, p in pieces) == spaced
    assert all(len(p) <= 64 for _, p in pieces)
    assert all(p.endswith(" ") for _, p in pieces)
    solid = "x" * 250
    pieces = split_text(solid, limit=100)
    assert [len(p) for _, p in pieces] == [100, 100, 50]
    assert [o for o, _ in pieces] == [0, 100, 200]


def _long_note(lines_needed: int) -> str:
    filler = "Spent time in the garden with the children and talked about the week ahead.\n"
    return filler * lines_needed


def test_long_note_is_chunked_and_late_findings_have_correct_offsets(cli, note, nlp, monkeypatch):
    monkeypatch.setattr(nlp, "max_length", 120_000)  # the note is longer than spaCy's limit, its chunks are not
    body = _long_note(1800)  # ~140,000 characters: more than one chunk
    assert len(body) > nlp.max_length > CHUNK_CHARS
    text = "The placement began.\n" + body + "Late in the note the XYZQ panel and the placement met.\n"
    assert len(split_text(text)) >= 2
    result = cli("check", *KINDS, "--format", "json", note(text))
    assert result.exit_code == 1, result
    found = findings_of(result)
    assert [f["text"] for f in found] == ["placement", "XYZQ", "placement"]
    last_line = text.count("\n")
    assert [f["line"] for f in found] == [1, last_line, last_line]
    assert found[-1]["start"] > CHUNK_CHARS
    spans_ok(text, found)


def test_absence_sees_evidence_in_a_later_chunk(lint, monkeypatch):
    monkeypatch.setattr(linter_module, "split_text", lambda text, limit=200: split_text(text, limit=200))
    filler = "Kitchen tidy and warm, beds made, fridge stocked with food.\n" * 10
    assert lint("Home visit.\n" + filler + "Tyler told me he likes school.\n", "fx-kinds.absence") == []
    (finding,) = lint("Home visit.\n" + filler, "fx-kinds.absence")
    assert finding.start == 0
    (finding,) = lint(filler + "Then a home visit.\n" + filler, "fx-kinds.absence")
    assert (finding.start, finding.line) == (0, 1)


def test_acronym_definition_in_an_earlier_chunk_still_counts(lint, monkeypatch):
    monkeypatch.setattr(linter_module, "split_text", lambda text, limit=200: split_text(text, limit=200))
    filler = "Kitchen tidy and warm, beds made, fridge stocked with food.\n" * 10
    text = "Child in Need (CIN) review.\n" + filler + "The CIN plan and the CPP.\n"
    found = lint(text, "fx-kinds.acronym")
    assert [f.text for f in found] == ["CPP"]
    spans_ok(text, found)


def test_note_longer_than_spacy_max_length_does_not_crash(lint, nlp, monkeypatch):
    monkeypatch.setattr(nlp, "max_length", 20_000)
    text = _long_note(700) + "The placement ended.\n"  # ~53,000 characters
    assert len(text) > nlp.max_length
    found = lint(text, PLACEMENT)
    assert [f.text for f in found] == ["placement"]
    spans_ok(text, found)


def test_note_longer_than_max_length_via_cli_exits_cleanly(cli, nlp, note, monkeypatch):
    monkeypatch.setattr(nlp, "max_length", 20_000)
    text = _long_note(700) + "The placement ended.\n"
    result = cli("check", *KINDS, "--format", "json", note(text))
    assert result.exit_code == 1, result
    assert [f["text"] for f in findings_of(result)] == ["placement"]


@pytest.mark.parametrize("limit", [50, 97, 1000])
def test_split_text_round_trips(limit):
    text = "Émile said “hi”.\n\n" + "abc def\n" * 40 + "z" * 300
    pieces = split_text(text, limit=limit)
    assert "".join(p for _, p in pieces) == text
    assert all(0 < len(p) <= limit for _, p in pieces)
