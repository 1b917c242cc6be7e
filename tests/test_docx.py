"""Word documents: paragraphs and table cells are linted; a finding's line is the paragraph number."""

from __future__ import annotations

import io
import zipfile

import pytest

from helpers import FIXTURES, one_line_error

docx = pytest.importorskip("docx")

CI_PACK = FIXTURES / "ci" / "packs" / "ci.yaml"
CI = ("--isolated", "--rules", CI_PACK, "--select", "ci.")


def save(document, path):
    document.save(str(path))
    return path


def findings(cli, *paths):
    result = cli("check", *CI, "--format", "json", *paths)
    assert result.exit_code in (0, 1), result
    return result


def lines_rules(result, index: int = 0):
    return [(f["line"], f["column"], f["rule"], f["text"]) for f in result.json()["files"][index]["findings"]]


def test_paragraph_numbers_are_lines(cli, tmp_path):
    d = docx.Document()
    d.add_heading("Handout on bravo words", level=1)   # 1
    d.add_paragraph("A plain paragraph.")             # 2
    d.add_paragraph("")                               # 3 (empty paragraphs count)
    p = d.add_paragraph("Some ")                      # 4: runs join into one paragraph
    p.add_run("char").bold = True
    p.add_run("lie in runs.")
    d.add_paragraph("Last alpha line.", style="List Bullet")  # 5
    path = save(d, tmp_path / "handout.docx")
    result = findings(cli, path)
    assert lines_rules(result) == [
        (1, 12, "ci.bravo", "bravo"),
        (4, 6, "ci.charlie", "charlie"),
        (5, 6, "ci.alpha", "alpha"),
    ]
    assert result.exit_code == 1


def test_line_break_inside_a_paragraph_keeps_one_line_per_paragraph(cli, tmp_path):
    d = docx.Document()
    p = d.add_paragraph("First part")
    p.add_run().add_break()
    p.add_run("second part with bravo.")
    d.add_paragraph("Then charlie.")
    result = findings(cli, save(d, tmp_path / "breaks.docx"))
    assert [(line, rule) for line, _, rule, _ in lines_rules(result)] == [(1, "ci.bravo"), (2, "ci.charlie")]


def test_single_row_table_cells_are_paragraphs(cli, tmp_path):
    d = docx.Document()
    d.add_paragraph("Intro.")                 # 1
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "bravo cell"      # 2
    table.cell(0, 1).text = "charlie cell"    # 3
    d.add_paragraph("After alpha.")           # 4
    result = findings(cli, save(d, tmp_path / "t.docx"))
    assert [(line, rule) for line, _, rule, _ in lines_rules(result)] == [
        (2, "ci.bravo"), (3, "ci.charlie"), (4, "ci.alpha")]


def test_every_cell_of_a_table_is_linted(cli, tmp_path):
    d = docx.Document()
    d.add_paragraph("Intro.")                 # 1
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Term"            # 2
    table.cell(0, 1).text = "Meaning"         # 3
    table.cell(1, 0).text = "alpha"           # 4
    table.cell(1, 1).text = "a bravo cell"    # 5
    d.add_paragraph("Closing charlie.")       # 6
    result = findings(cli, save(d, tmp_path / "t.docx"))
    assert [(line, rule) for line, _, rule, _ in lines_rules(result)] == [
        (4, "ci.alpha"), (5, "ci.bravo"), (6, "ci.charlie")]


def test_docx_text_reads_every_cell_once_in_order():
    from recordlint.formats.docx import docx_text

    d = docx.Document()
    rows, cols = 4, 3
    table = d.add_table(rows=rows, cols=cols)
    for r in range(rows):
        for c in range(cols):
            table.cell(r, c).text = f"r{r}c{c}"
    buf = io.BytesIO()
    d.save(buf)
    assert docx_text(buf.getvalue(), "x.docx").split("\n") == [f"r{r}c{c}" for r in range(rows) for c in range(cols)]


def test_merged_cells_are_read_once(cli, tmp_path):
    d = docx.Document()
    d.add_paragraph("Intro.")                            # 1
    table = d.add_table(rows=3, cols=3)
    across = table.cell(0, 0).merge(table.cell(0, 1))
    across.text = "bravo merged across"                  # 2
    table.cell(0, 2).text = "plain"                      # 3
    down = table.cell(1, 0).merge(table.cell(2, 0))
    down.text = "charlie merged down"                    # 4
    table.cell(1, 1).text = "one"                        # 5
    table.cell(1, 2).text = "two"                        # 6
    table.cell(2, 1).text = "alpha three"                # 7 (row 2's first cell is the merged one)
    table.cell(2, 2).text = "four bravo"                 # 8
    d.add_paragraph("Closing bravo.")                    # 9
    result = findings(cli, save(d, tmp_path / "merged.docx"))
    assert [(line, rule, text) for line, _, rule, text in lines_rules(result)] == [
        (2, "ci.bravo", "bravo"),
        (4, "ci.charlie", "charlie"),
        (7, "ci.alpha", "alpha"),
        (8, "ci.bravo", "bravo"),
        (9, "ci.bravo", "bravo"),
    ]


def test_cell_with_several_paragraphs(cli, tmp_path):
    d = docx.Document()
    table = d.add_table(rows=1, cols=1)
    cell = table.cell(0, 0)
    cell.text = "first"                      # 1
    cell.add_paragraph("second bravo")       # 2
    d.add_paragraph("after charlie")         # 3
    result = findings(cli, save(d, tmp_path / "cell.docx"))
    assert [(line, rule) for line, _, rule, _ in lines_rules(result)] == [(2, "ci.bravo"), (3, "ci.charlie")]


def test_note_level_finding_in_docx(cli, tmp_path):
    d = docx.Document()
    d.add_paragraph("Home visit on Monday.")
    d.add_paragraph("The flat was tidy.")
    result = findings(cli, save(d, tmp_path / "visit.docx"))
    f = result.json()["files"][0]["findings"]
    assert [(x["rule"], x["line"], x["column"], x["start"], x["end"]) for x in f] == [("ci.visit", 1, 1, 0, 0)]


def test_docx_suppression_paragraph(cli, tmp_path):
    d = docx.Document()
    d.add_paragraph("# recordlint-disable-next-line ci.bravo")
    d.add_paragraph("A bravo example of what not to write.")
    d.add_paragraph("A charlie.")
    result = findings(cli, save(d, tmp_path / "s.docx"))
    assert [(line, rule) for line, _, rule, _ in lines_rules(result)] == [(3, "ci.charlie")]


@pytest.mark.parametrize("content", [
    b"this is not a zip file",
    b"",
    "zip-without-document",
])
def test_corrupt_docx_is_exit_2_naming_the_file(cli, tmp_path, content):
    bad = tmp_path / "broken.docx"
    if content == "zip-without-document":
        with zipfile.ZipFile(bad, "w") as z:
            z.writestr("hello.txt", "bravo")
    else:
        bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("A bravo.\n", encoding="utf-8")
    result = cli("check", *CI, "--format", "json", bad, good)
    assert result.exit_code == 2, result
    line = one_line_error(result.stderr)
    assert str(bad) in line
    # The other input is still checked.
    assert [f["path"] for f in result.json()["files"]] == [str(good)]


def test_folder_recursion_picks_up_docx(cli, tmp_path):
    d = docx.Document()
    d.add_paragraph("Intro.")
    d.add_paragraph("A bravo line.")
    (tmp_path / "course" / "week1").mkdir(parents=True)
    save(d, tmp_path / "course" / "week1" / "handout.docx")
    save(d, tmp_path / "course" / "UPPER.DOCX")
    (tmp_path / "course" / "readme.md").write_text("charlie\n", encoding="utf-8")
    (tmp_path / "course" / "image.png").write_bytes(b"\x89PNG\r\n")
    result = findings(cli, tmp_path / "course")
    got = {f["path"].replace("\\", "/").split("/course/")[1]: [(x["line"], x["rule"]) for x in f["findings"]]
           for f in result.json()["files"]}
    assert got == {
        "UPPER.DOCX": [(2, "ci.bravo")],
        "readme.md": [(1, "ci.charlie")],
        "week1/handout.docx": [(2, "ci.bravo")],
    }


def test_docx_in_concise_and_sarif(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    d = docx.Document()
    d.add_paragraph("Intro.")
    d.add_paragraph("Then a bravo.")
    save(d, tmp_path / "h.docx")
    concise = cli("check", *CI, "--format", "concise", "h.docx")
    assert concise.stdout.splitlines() == ["h.docx:2:8: ci-b ci.bravo 'bravo' is a warning word"]
    import json

    sarif = json.loads(cli("check", *CI, "--format", "sarif", "h.docx").stdout)
    result = sarif["runs"][0]["results"][0]
    loc = result["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "h.docx"
    assert loc["region"]["startLine"] == 2


def test_add_suppressions_leaves_docx_untouched(cli, tmp_path):
    d = docx.Document()
    d.add_paragraph("A bravo.")
    path = save(d, tmp_path / "h.docx")
    before = path.read_bytes()
    assert cli("check", *CI, "--add-suppressions", path).exit_code == 0
    assert path.read_bytes() == before
