"""Inline suppressions in Markdown and text, unused-suppression reports, and --add-suppressions."""

from __future__ import annotations

import pytest

from helpers import FIXTURES

CI_PACK = FIXTURES / "ci" / "packs" / "ci.yaml"
CI = ("--isolated", "--rules", CI_PACK, "--select", "ci.")
UNUSED = "recordlint.unused-suppression"


def run(cli, path, *extra):
    result = cli("check", *CI, "--format", "json", *extra, path)
    assert result.exit_code in (0, 1), result
    return result


def found(cli, tmp_path, text: str, name: str, *extra) -> list[tuple[int, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run(cli, path, *extra)
    return [(f["line"], f["rule"]) for f in result.json()["files"][0]["findings"]]


# --- Markdown forms ------------------------------------------------------------

MD_RANGE = (
    "bravo before\n"                          # 1
    "<!-- recordlint-disable -->\n"           # 2
    "bravo and charlie hidden\n"              # 3
    "alpha hidden too\n"                      # 4
    "<!-- recordlint-enable -->\n"            # 5
    "bravo after\n"                           # 6
)


def test_markdown_disable_enable_without_selectors(cli, tmp_path):
    assert found(cli, tmp_path, MD_RANGE, "n.md") == [(1, "ci.bravo"), (6, "ci.bravo")]


@pytest.mark.parametrize("selector, expected", [
    ("ci.bravo", [(1, "ci.bravo"), (3, "ci.charlie"), (4, "ci.alpha"), (6, "ci.bravo")]),   # rule id
    ("ci.b", [(1, "ci.bravo"), (3, "ci.charlie"), (4, "ci.alpha"), (6, "ci.bravo")]),       # id prefix
    ("ci-b", [(1, "ci.bravo"), (4, "ci.alpha"), (6, "ci.bravo")]),                         # category
    ("ci-b ci.alpha", [(1, "ci.bravo"), (6, "ci.bravo")]),                                 # several
    ("ci-b,ci.alpha", [(1, "ci.bravo"), (6, "ci.bravo")]),                                 # comma-separated
])
def test_markdown_disable_enable_with_selectors(cli, tmp_path, selector, expected):
    text = MD_RANGE.replace("disable -->", f"disable {selector} -->").replace("enable -->", f"enable {selector} -->")
    assert found(cli, tmp_path, text, "n.md") == expected


def test_markdown_disable_without_enable_runs_to_the_end(cli, tmp_path):
    text = "bravo one\n<!-- recordlint-disable ci.bravo -->\nbravo two\n\nbravo three\n"
    assert found(cli, tmp_path, text, "n.md") == [(1, "ci.bravo")]


def test_markdown_disable_next_line_covers_only_the_next_line(cli, tmp_path):
    text = (
        "<!-- recordlint-disable-next-line -->\n"
        "bravo charlie hidden\n"
        "bravo shown\n"
    )
    assert found(cli, tmp_path, text, "n.md") == [(3, "ci.bravo")]


def test_markdown_disable_next_line_with_selector(cli, tmp_path):
    text = (
        "Intro.\n"
        "\n"
        "<!-- recordlint-disable-next-line ci.charlie -->\n"
        "bravo and charlie\n"
    )
    assert found(cli, tmp_path, text, "n.md") == [(4, "ci.bravo")]


def test_markdown_multi_line_comment_directive(cli, tmp_path):
    text = "<!--\n  recordlint-disable-next-line\n  ci.bravo\n-->\nbravo hidden\nbravo shown\n"
    assert found(cli, tmp_path, text, "n.md") == [(6, "ci.bravo")]


def test_markdown_disable_file(cli, tmp_path):
    text = "bravo\n\ncharlie\n\n<!-- recordlint-disable-file -->\n"
    assert found(cli, tmp_path, text, "n.md") == []


def test_markdown_disable_file_with_selector(cli, tmp_path):
    text = "<!-- recordlint-disable-file ci.charlie -->\n\nbravo and charlie\n"
    assert found(cli, tmp_path, text, "n.md") == [(3, "ci.bravo")]


def test_markdown_disable_file_covers_a_note_level_finding(cli, tmp_path):
    text = "Home visit today.\n\n<!-- recordlint-disable-file ci.visit -->\n"
    assert found(cli, tmp_path, "Home visit today.\n", "a.md") == [(1, "ci.visit")]
    assert found(cli, tmp_path, text, "b.md") == []


# --- Plain-text forms ------------------------------------------------------------

@pytest.mark.parametrize("mark", ["#", "//", "  #", "\t// "])
def test_text_disable_next_line(cli, tmp_path, mark):
    text = f"{mark} recordlint-disable-next-line ci.bravo\nbravo hidden\nbravo shown\n"
    assert found(cli, tmp_path, text, "n.txt") == [(3, "ci.bravo")]


@pytest.mark.parametrize("mark", ["#", "//"])
def test_text_disable_enable(cli, tmp_path, mark):
    text = (
        "bravo one\n"
        f"{mark} recordlint-disable ci-b\n"
        "bravo charlie hidden\n"
        f"{mark} recordlint-enable ci-b\n"
        "charlie shown\n"
    )
    assert found(cli, tmp_path, text, "n.txt") == [(1, "ci.bravo"), (5, "ci.charlie")]


@pytest.mark.parametrize("mark", ["#", "//"])
def test_text_disable_file(cli, tmp_path, mark):
    text = f"Home visit. bravo charlie.\n{mark} recordlint-disable-file\n"
    assert found(cli, tmp_path, text, "n.txt") == []


def test_text_directive_must_be_on_its_own_line(cli, tmp_path):
    text = "bravo # recordlint-disable-next-line\nbravo again\n"
    assert found(cli, tmp_path, text, "n.txt") == [(1, "ci.bravo"), (2, "ci.bravo")]


def test_text_directive_lines_are_not_linted(cli, tmp_path):
    # The selectors name no rule, so the directive is unused; its own words
    # ("bravo", "charlie", "Home visit") must not be linted.
    text = "# recordlint-disable-next-line bravo charlie home visit\nA quiet line.\n"
    assert found(cli, tmp_path, text, "n.txt") == [(1, UNUSED)]


def test_html_comment_form_does_nothing_in_text_files(cli, tmp_path):
    text = "<!-- recordlint-disable-next-line -->\nbravo\n"
    assert (2, "ci.bravo") in found(cli, tmp_path, text, "n.txt")


def test_stdin_text_suppression(cli):
    result = cli("check", *CI, "--format", "json", "-",
                 input="// recordlint-disable-next-line ci.bravo\nbravo\ncharlie\n")
    assert [(f["line"], f["rule"]) for f in result.json()["files"][0]["findings"]] == [(3, "ci.charlie")]


# --- unused suppressions ------------------------------------------------------------

def test_unused_suppression_is_an_info_finding(cli, tmp_path):
    path = tmp_path / "n.md"
    text = "Clean line.\n\n<!-- recordlint-disable-next-line ci.charlie -->\nbravo only\n"
    path.write_text(text, encoding="utf-8")
    result = run(cli, path)
    findings = result.json()["files"][0]["findings"]
    unused = [f for f in findings if f["rule"] == UNUSED]
    assert len(unused) == 1
    f = unused[0]
    assert f["severity"] == "info"
    assert f["category"] == "suppression"
    assert (f["line"], f["column"]) == (3, 1)
    assert f["text"] == "<!-- recordlint-disable-next-line ci.charlie -->"
    assert text[f["start"]:f["end"]] == f["text"]
    assert "ci.charlie" in f["message"]
    assert [x["rule"] for x in findings if x["rule"] != UNUSED] == ["ci.bravo"]


def test_unused_suppressions_in_text_for_every_form(cli, tmp_path):
    text = (
        "# recordlint-disable-file ci.alpha\n"
        "// recordlint-disable-next-line\n"
        "A clean line.\n"
        "# recordlint-disable ci-b\n"
        "Clean.\n"
        "# recordlint-enable ci-b\n"
    )
    got = found(cli, tmp_path, text, "n.txt")
    assert got == [(1, UNUSED), (2, UNUSED), (4, UNUSED)]


def test_unused_suppression_fails_only_with_fail_on_info(cli, tmp_path):
    path = tmp_path / "n.md"
    path.write_text("<!-- recordlint-disable-next-line -->\nClean.\n", encoding="utf-8")
    assert cli("check", *CI, path).exit_code == 0
    assert cli("check", *CI, "--fail-on", "info", path).exit_code == 1


@pytest.mark.parametrize("selector", [UNUSED, "recordlint.", "suppression"])
def test_ignore_unused_suppression(cli, tmp_path, selector):
    path = tmp_path / "n.md"
    path.write_text("<!-- recordlint-disable-next-line -->\nClean.\n", encoding="utf-8")
    result = cli("check", *CI, "--format", "json", "--ignore", selector, "--fail-on", "info", path)
    assert result.exit_code == 0, result
    assert result.json()["files"][0]["findings"] == []


def test_used_suppression_is_not_reported(cli, tmp_path):
    text = "<!-- recordlint-disable-next-line ci.bravo -->\nbravo\n"
    assert found(cli, tmp_path, text, "n.md", "--fail-on", "info") == []


# --- directives that are not directives -------------------------------------------------

def test_directive_inside_fenced_code_is_documentation_not_a_suppression(cli, tmp_path):
    # A handout showing how to write a suppression must not suppress itself.
    text = (
        "How to silence a whole file:\n"
        "\n"
        "```\n"
        "<!-- recordlint-disable-file -->\n"
        "```\n"
        "\n"
        "A bravo here.\n"
    )
    assert found(cli, tmp_path, text, "n.md") == [(7, "ci.bravo")]


def test_directive_inside_inline_code_is_not_a_suppression(cli, tmp_path):
    text = "Write `<!-- recordlint-disable-file -->` to silence a file.\n\nA bravo here.\n"
    assert found(cli, tmp_path, text, "n.md") == [(3, "ci.bravo")]


def test_enable_of_one_rule_ends_only_that_rule(cli, tmp_path):
    # As markdownlint and ESLint: `enable X` re-enables X; the other rules stay disabled.
    text = (
        "<!-- recordlint-disable ci.bravo ci.charlie -->\n"
        "bravo charlie one\n"
        "<!-- recordlint-enable ci.bravo -->\n"
        "bravo charlie two\n"
    )
    assert found(cli, tmp_path, text, "n.md") == [(4, "ci.bravo")]


def test_enable_of_one_rule_after_disable_all_keeps_the_others_disabled(cli, tmp_path):
    text = (
        "<!-- recordlint-disable -->\n"
        "bravo charlie one\n"
        "<!-- recordlint-enable ci.bravo -->\n"
        "bravo charlie two\n"
    )
    assert found(cli, tmp_path, text, "n.md") == [(4, "ci.bravo")]


# --- --add-suppressions ------------------------------------------------------------------

MD_SOURCE = (
    "# Handout bravo\n"                  # 1
    "\n"                                 # 2
    "Home visit on Monday.\n"            # 3  (note-level ci.visit)
    "\n"                                 # 4
    "| Term | Use |\n"                   # 5
    "|------|-----|\n"                   # 6
    "| bravo | charlie |\n"              # 7
    "\n"                                 # 8
    "- first bravo\n"                    # 9
    "  - nested charlie and bravo\n"     # 10
    "\n"                                 # 11
    "```\n"                              # 12
    "bravo in code\n"                    # 13
    "```\n"                              # 14
    "\n"                                 # 15
    "alpha is only info.\n"              # 16
)

MD_EXPECTED = (
    "<!-- recordlint-disable-next-line ci.bravo -->\n"
    "# Handout bravo\n"
    "\n"
    "Home visit on Monday.\n"
    "\n"
    "<!-- recordlint-disable ci.bravo ci.charlie -->\n"
    "| Term | Use |\n"
    "|------|-----|\n"
    "| bravo | charlie |\n"
    "<!-- recordlint-enable ci.bravo ci.charlie -->\n"
    "\n"
    "<!-- recordlint-disable-next-line ci.bravo -->\n"
    "- first bravo\n"
    "  <!-- recordlint-disable-next-line ci.charlie ci.bravo -->\n"
    "  - nested charlie and bravo\n"
    "\n"
    "```\n"
    "bravo in code\n"
    "```\n"
    "\n"
    "<!-- recordlint-disable-next-line ci.alpha -->\n"
    "alpha is only info.\n"
    "<!-- recordlint-disable-file ci.visit -->\n"
)


def test_add_suppressions_markdown_rewrites_and_second_run_is_clean(cli, tmp_path):
    path = tmp_path / "handout.md"
    path.write_text(MD_SOURCE, encoding="utf-8")
    first = cli("check", *CI, "--add-suppressions", path)
    assert first.exit_code == 0, first
    assert "added" in first.stderr
    assert path.read_text(encoding="utf-8") == MD_EXPECTED
    second = cli("check", *CI, "--format", "json", "--fail-on", "info", path)
    assert second.json()["files"][0]["findings"] == []
    assert second.exit_code == 0, second


TXT_SOURCE = (
    "Home visit to the flat.\n"
    "bravo and charlie\n"
    "    indented bravo\n"
    "clean line\n"
)


def test_add_suppressions_text_rewrites_and_second_run_is_clean(cli, tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(TXT_SOURCE, encoding="utf-8")
    assert cli("check", *CI, "--add-suppressions", path).exit_code == 0
    assert path.read_text(encoding="utf-8") == (
        "Home visit to the flat.\n"
        "# recordlint-disable-next-line ci.bravo ci.charlie\n"
        "bravo and charlie\n"
        "    # recordlint-disable-next-line ci.bravo\n"
        "    indented bravo\n"
        "clean line\n"
        "# recordlint-disable-file ci.visit\n"
    )
    second = cli("check", *CI, "--format", "json", path)
    assert second.exit_code == 0, second
    assert [f for f in second.json()["files"][0]["findings"] if f["severity"] != "info"] == []


def test_add_suppressions_with_built_in_rules(cli, tmp_path):
    md = tmp_path / "training.md"
    md.write_text("# LAC review\n\n| Team | Role |\n|---|---|\n| MASH | triage |\n\n- Mum is manipulative.\n",
                  encoding="utf-8")
    txt = tmp_path / "training.txt"
    txt.write_text("Discussed at the CIN meeting.\nMum is manipulative.\n", encoding="utf-8")
    sel = ("--isolated", "--select", "jargon.acronym,jargon.care-language,opinion-as-fact")
    before = cli("check", *sel, "--format", "json", md, txt)
    assert before.exit_code == 1, before
    assert cli("check", *sel, "--add-suppressions", md, txt).exit_code == 0
    after = cli("check", *sel, "--format", "json", md, txt)
    assert after.exit_code == 0, after
    assert [f for file in after.json()["files"] for f in file["findings"] if f["severity"] != "info"] == []
    md_lines = md.read_text(encoding="utf-8").splitlines()
    table_start = md_lines.index("| Team | Role |")
    assert md_lines[table_start - 1].startswith("<!-- recordlint-disable ")
    assert "jargon.acronym" in md_lines[table_start - 1]
    assert "# recordlint-disable-next-line opinion-as-fact.characterisation\nMum is manipulative." in \
        txt.read_text(encoding="utf-8")


def test_add_suppressions_leaves_clean_files_alone(cli, tmp_path):
    path = tmp_path / "clean.md"
    path.write_bytes(b"Nothing here.\r\n")
    assert cli("check", *CI, "--add-suppressions", path).exit_code == 0
    assert path.read_bytes() == b"Nothing here.\r\n"


def test_add_suppressions_keeps_an_existing_directive_working(cli, tmp_path):
    # The line already has a disable-next-line for bravo; adding one for charlie
    # must not push the old one off its line (ruff's --add-noqa merges codes).
    path = tmp_path / "note.txt"
    path.write_text("# recordlint-disable-next-line ci.bravo\nA bravo and charlie day.\n", encoding="utf-8")
    assert cli("check", *CI, "--add-suppressions", path).exit_code == 0
    second = cli("check", *CI, "--format", "json", path)
    assert second.json()["files"][0]["findings"] == [], path.read_text(encoding="utf-8")
    assert second.exit_code == 0


def test_add_suppressions_keeps_crlf_line_ends(cli, tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes(b"Line one.\r\nA bravo day.\r\nLine three.\r\n")
    assert cli("check", *CI, "--add-suppressions", path).exit_code == 0
    data = path.read_bytes()
    assert b"# recordlint-disable-next-line ci.bravo" in data
    assert data.count(b"\n") == data.count(b"\r\n") == 4, data


def test_add_suppressions_on_missing_file_is_exit_2(cli, tmp_path):
    result = cli("check", *CI, "--add-suppressions", tmp_path / "nope.md")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("recordlint: error: ")]
    assert len(errors) == 1 and "nope.md" in errors[0], result
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "nope.md").exists()
