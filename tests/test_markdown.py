"""Markdown input: prose is linted, code, front matter, HTML and link targets are not.

Findings must point into the original file (line, column and offsets), and
suppression comments in the fixture are honoured.
"""

from __future__ import annotations

import re

import pytest

from helpers import FIXTURES, spans_ok

CI_DIR = FIXTURES / "ci"
CI_PACK = CI_DIR / "packs" / "ci.yaml"
CI = ("--isolated", "--rules", CI_PACK, "--select", "ci.")
MIXED = CI_DIR / "mixed.md"

# Every finding in tests/fixtures/ci/mixed.md, as (line, column, rule, text).
MIXED_EXPECTED = [
    (5, 11, "ci.bravo", "bravo"),     # heading
    (7, 24, "ci.bravo", "bravo"),     # paragraph (its inline `charlie code` is not linted)
    (21, 19, "ci.bravo", "bravo"),    # list item
    (22, 25, "ci.bravo", "bravo"),    # link text (the target and title are not linted)
    (27, 10, "ci.bravo", "bravo"),    # blockquote
    (31, 3, "ci.bravo", "bravo"),     # table cell
    (31, 13, "ci.charlie", "charlie"),  # table cell
    (34, 30, "ci.charlie", "charlie"),  # inside `disable ci.bravo`: charlie still reported
    (39, 16, "ci.bravo", "bravo"),    # the line after the disable-next-line line
]

# Lines of mixed.md that hold nothing to lint: front matter, fences, indented code, HTML block.
MIXED_SILENT_LINES = [1, 2, 3, 4, 9, 10, 11, 12, 14, 15, 17, 18, 19, 25, 33, 35, 37]


def findings_of(result, index: int = 0) -> list[dict]:
    return result.json()["files"][index]["findings"]


def positions(findings) -> list[tuple]:
    return [(f["line"], f["column"], f["rule"], f["text"]) for f in findings]


@pytest.fixture
def mixed_result(cli):
    result = cli("check", *CI, "--format", "json", MIXED)
    assert result.exit_code == 1, result
    return result


def test_mixed_fixture_each_expected_line_and_column(mixed_result):
    assert positions(findings_of(mixed_result)) == MIXED_EXPECTED


def test_mixed_fixture_offsets_point_into_the_original_file(mixed_result):
    original = MIXED.read_text(encoding="utf-8")
    findings = findings_of(mixed_result)
    spans_ok(original, findings)
    for f in findings:
        assert original[f["start"]:f["end"]] == f["text"]


def test_mixed_fixture_nothing_flagged_in_code_front_matter_html_or_urls(mixed_result):
    flagged_lines = {f["line"] for f in findings_of(mixed_result)}
    assert not flagged_lines & set(MIXED_SILENT_LINES)
    # Line 22: only the link text; line 23: autolink and inline HTML attribute are not linted.
    assert [f["column"] for f in findings_of(mixed_result) if f["line"] == 22] == [25]
    assert 23 not in flagged_lines


def test_mixed_fixture_suppressions_are_used_so_none_reported(mixed_result):
    rules = {f["rule"] for f in findings_of(mixed_result)}
    assert "recordlint.unused-suppression" not in rules


def test_mixed_fixture_crlf_gives_the_same_lines_and_columns(cli, tmp_path):
    path = tmp_path / "mixed-crlf.md"
    path.write_bytes(MIXED.read_bytes().replace(b"\n", b"\r\n"))
    result = cli("check", *CI, "--format", "json", path)
    assert positions(findings_of(result)) == MIXED_EXPECTED


def test_lintable_text_blanks_exactly_the_non_prose_parts():
    from recordlint.formats.markdown import lintable_text

    source = MIXED.read_text(encoding="utf-8")
    text = lintable_text(source)
    assert len(text) == len(source)
    assert [i for i, c in enumerate(source) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    src_lines, lines = source.split("\n"), text.split("\n")
    for number in MIXED_SILENT_LINES:
        assert lines[number - 1].strip() == "", (number, lines[number - 1])
    # Prose survives unchanged.
    for number in (5, 21, 27, 31, 34, 38, 39):
        assert lines[number - 1] == src_lines[number - 1]
    assert lines[6] == "Intro paragraph with a bravo word and " + " " * len("`charlie code`") + " inline."
    assert lines[21].rstrip() == "- second item: see [the bravo guide]"
    assert "example.org" not in lines[22] and "charlie" not in lines[22]
    assert "autolink" in lines[22] and "here" in lines[22]
    # Every non-blank character is the original one.
    assert all(t == s or t == " " for t, s in zip(text, source))


def _flagged(cli, tmp_path, text: str, name: str = "n.md") -> list[tuple]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = cli("check", *CI, "--format", "json", path)
    assert result.exit_code in (0, 1), result
    findings = findings_of(result)
    spans_ok(text, findings)
    return [(f["line"], f["column"], f["rule"]) for f in findings]


@pytest.mark.parametrize("text", [
    "~~~\nbravo in a tilde fence\n~~~\n",
    "````md\n```\nbravo nested fence\n```\n````\n",
    "Text `` code with ` bravo `` after.\n",
    "Raw <span title=\"bravo\">inline</span> ok.\n",
    "A [link](<notes/bravo path.md>) here.\n",
    "A [link](notes/bravo.md) here.\n",
    "![alt](img/charlie/bravo.png)\n",
    "[![alt](img/x.png)](notes/charlie/bravo.md)\n",
    "+++\ntitle = \"bravo\"\n+++\nPlain text.\n",
    "<!--\nbravo in a comment\n-->\n",
    "<details>\n<summary>charlie</summary>\n\nPlain words.\n</details>\n",
    "- item\n\n      bravo indented code in a list\n",
])
def test_not_linted(cli, tmp_path, text):
    assert _flagged(cli, tmp_path, text) == []


@pytest.mark.parametrize("text, expected", [
    ("Setext bravo heading\n====================\n", [(1, 8, "ci.bravo")]),
    ("1. one\n2. two bravo\n", [(2, 8, "ci.bravo")]),
    ("- outer\n  - nested bravo\n", [(2, 12, "ci.bravo")]),
    ("> quote\n> more bravo\n", [(2, 8, "ci.bravo")]),
    ("**bravo** and _charlie_\n", [(1, 3, "ci.bravo"), (1, 16, "ci.charlie")]),
    ("See [bravo][ref].\n\n[ref]: https://example.org/x\n", [(1, 6, "ci.bravo")]),
    ("Tab\tbravo é café bravo\n", [(1, 5, "ci.bravo"), (1, 18, "ci.bravo")]),
    ("| a | b |\n|---|---|\n| x | y |\n| bravo | `charlie` |\n", [(4, 3, "ci.bravo")]),
])
def test_linted_with_exact_positions(cli, tmp_path, text, expected):
    assert _flagged(cli, tmp_path, text) == expected


def test_link_reference_definition_is_not_linted(cli, tmp_path):
    # A reference definition is a link target (URL and title), like an inline link's
    # `(url "title")`, which is blanked; its label and title must not be linted either.
    text = (
        "See the [guide][ref] today.\n"
        "\n"
        "[ref]: notes/charlie/bravo.html \"bravo title\"\n"
    )
    assert _flagged(cli, tmp_path, text) == []


def test_link_target_after_escaped_bracket_in_link_text_is_not_linted(cli, tmp_path):
    # `\]` inside link text is literal; the target that follows is still a URL.
    text = "See [form \\[A\\] notes](forms/charlie/bravo.pdf) today.\n"
    assert _flagged(cli, tmp_path, text) == []


def test_markdown_suffix_and_folder_recursion(cli, tmp_path):
    (tmp_path / "a.md").write_text("A bravo.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.markdown").write_text("```\nbravo\n```\nA charlie.\n", encoding="utf-8")
    result = cli("check", *CI, "--format", "json", tmp_path)
    files = {re.sub(r".*[\\/]", "", f["path"]): [(x["line"], x["rule"]) for x in f["findings"]]
             for f in result.json()["files"]}
    assert files == {"a.md": [(1, "ci.bravo")], "b.markdown": [(4, "ci.charlie")]}


def test_built_in_rules_on_markdown_training_handout(cli, tmp_path):
    path = tmp_path / "handout.md"
    path.write_text(
        "# The LAC review\n"
        "\n"
        "```\n"
        "Mum is manipulative.\n"
        "CIN MASH\n"
        "```\n"
        "\n"
        "- Referral went to the MASH.\n",
        encoding="utf-8",
    )
    result = cli("check", "--isolated", "--select", "jargon.acronym,opinion-as-fact", "--format", "json", path)
    found = [(f["line"], f["text"]) for f in findings_of(result)]
    assert (8, "MASH") in found
    assert not [f for f in found if f[0] in (3, 4, 5, 6)]
