"""The `recordlint check` command: exit codes, options, inputs and the text report."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from helpers import ANSI, PYTHON, one_line_error, pack

SEV = ("--rules", pack("fx-severity.yaml"))
SEV_ONLY = SEV + ("--select", "fx-sev")
WIDE = {"COLUMNS": "200"}


def rule_ids(result) -> list[str]:
    return [f["rule"] for file in result.json()["files"] for f in file["findings"]]


# --- exit codes --------------------------------------------------------------

def test_exit_0_when_clean(cli, note):
    result = cli("check", *SEV_ONLY, note("Nothing to see here.\n"))
    assert result.exit_code == 0, result
    assert "no findings" in result.stdout


def test_exit_1_when_findings(cli, note):
    result = cli("check", *SEV_ONLY, note("A bravo day.\n"))
    assert result.exit_code == 1, result


def test_exit_2_without_paths(cli):
    result = cli("check")
    assert result.exit_code == 2
    assert "no input" in one_line_error(result.stderr)


def test_exit_2_unknown_select(cli, note):
    result = cli("check", "--select", "no-such-rule", note("text\n"))
    assert result.exit_code == 2
    assert "no-such-rule" in one_line_error(result.stderr)


def test_exit_2_unknown_ignore(cli, note):
    result = cli("check", "--ignore", "no-such-rule", note("text\n"))
    assert result.exit_code == 2
    assert "no-such-rule" in one_line_error(result.stderr)


def test_exit_2_bad_format(cli, note):
    result = cli("check", "--format", "xml", note("text\n"))
    assert result.exit_code == 2
    assert "xml" in result.stderr
    assert "Traceback" not in result.output


def test_exit_2_bad_fail_on(cli, note):
    result = cli("check", "--fail-on", "critical", note("text\n"))
    assert result.exit_code == 2


def test_exit_2_missing_file(cli, tmp_path):
    missing = tmp_path / "nope.txt"
    result = cli("check", *SEV_ONLY, missing)
    assert result.exit_code == 2
    line = one_line_error(result.stderr)
    assert str(missing) in line


def test_missing_file_among_good_files_still_checks_the_rest(cli, note, tmp_path):
    good = note("A bravo day.\n")
    result = cli("check", *SEV_ONLY, "--format", "json", tmp_path / "nope.txt", good)
    assert result.exit_code == 2  # an unreadable input wins over findings
    assert [f["path"] for f in result.json()["files"]] == [str(good)]
    assert rule_ids(result) == ["fx-sev.warning"]
    assert "nope.txt" in one_line_error(result.stderr)


def test_exit_2_file_with_nul_bytes(cli, note):
    path = note(b"Some text\x00more text\n", "binary.txt")
    result = cli("check", *SEV_ONLY, path)
    assert result.exit_code == 2
    line = one_line_error(result.stderr)
    assert str(path) in line and "NUL" in line


def test_exit_2_bad_rule_pack(cli, note, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("pack: bad\nrules:\n  - id: bad.one\n    kind: nonsense\n", encoding="utf-8")
    result = cli("check", "--rules", bad, note("text\n"))
    assert result.exit_code == 2
    assert str(bad) in one_line_error(result.stderr)


def test_exit_2_missing_rule_pack(cli, note, tmp_path):
    result = cli("check", "--rules", tmp_path / "absent.yaml", note("text\n"))
    assert result.exit_code == 2
    assert "absent.yaml" in one_line_error(result.stderr)


# --- --fail-on ---------------------------------------------------------------

@pytest.mark.parametrize("text,fail_on,code", [
    ("An alpha day.", "info", 1),
    ("An alpha day.", "warning", 0),
    ("An alpha day.", "error", 0),
    ("An alpha day.", "never", 0),
    ("A bravo day.", "info", 1),
    ("A bravo day.", "warning", 1),
    ("A bravo day.", "error", 0),
    ("A charlie day.", "error", 1),
    ("A charlie day.", "never", 0),
])
def test_fail_on(cli, note, text, fail_on, code):
    result = cli("check", *SEV_ONLY, "--fail-on", fail_on, note(text + "\n"))
    assert result.exit_code == code, result


def test_fail_on_defaults_to_warning(cli, note):
    assert cli("check", *SEV_ONLY, note("An alpha day.\n")).exit_code == 0
    assert cli("check", *SEV_ONLY, note("A bravo day.\n")).exit_code == 1


def test_fail_on_never_still_reports(cli, note):
    result = cli("check", *SEV_ONLY, "--fail-on", "never", "--format", "json", note("A charlie day.\n"))
    assert result.exit_code == 0
    assert rule_ids(result) == ["fx-sev.error"]


# --- --select / --ignore -----------------------------------------------------

ALL3 = "Alpha, bravo and charlie.\n"


@pytest.mark.parametrize("options,expected", [
    (("--select", "fx-sev.warning"), ["fx-sev.warning"]),                        # id
    (("--select", "fx-sev."), ["fx-sev.info", "fx-sev.warning", "fx-sev.error"]),  # prefix
    (("--select", "fx-sev.e"), ["fx-sev.error"]),                                # partial prefix
    (("--select", "fx-cat-b"), ["fx-sev.warning", "fx-sev.error"]),              # category
    (("--select", "fx-sev.info,fx-sev.error"), ["fx-sev.info", "fx-sev.error"]),  # comma-separated
    (("--select", "fx-sev.info", "--select", "fx-cat-b"),
     ["fx-sev.info", "fx-sev.warning", "fx-sev.error"]),                         # repeated
    (("--select", "fx-sev", "--ignore", "fx-sev.warning"), ["fx-sev.info", "fx-sev.error"]),  # ignore id
    (("--select", "fx-sev", "--ignore", "fx-cat-b"), ["fx-sev.info"]),           # ignore category
    (("--select", "fx-sev", "--ignore", "fx-sev.in"), ["fx-sev.warning", "fx-sev.error"]),  # ignore prefix
    (("--select", "fx-sev", "--ignore", "fx-sev.info, fx-sev.error"), ["fx-sev.warning"]),  # comma + space
])
def test_select_and_ignore(cli, note, options, expected):
    result = cli("check", *SEV, *options, "--format", "json", "--fail-on", "never", note(ALL3))
    assert result.exit_code == 0, result
    assert rule_ids(result) == expected


def test_ignore_alone_keeps_builtin_rules(cli, note):
    text = "The XYZQ panel met. Alpha.\n"
    result = cli("check", *SEV, "--ignore", "fx-sev", "--format", "json", "--fail-on", "never", note(text))
    ids = rule_ids(result)
    assert "jargon.acronym" in ids
    assert not [i for i in ids if i.startswith("fx-sev")]


# --- inputs ------------------------------------------------------------------

def test_stdin_dash(cli):
    result = cli("check", *SEV_ONLY, "-", input="A bravo day.\n", env=WIDE)
    assert result.exit_code == 1, result
    assert "<stdin>" in result.stdout
    assert "fx-sev.warning" in result.stdout


def test_folder_recursion_txt_and_md_only(cli, note, tmp_path):
    root = tmp_path / "notes"
    note("A bravo day.\n", "notes/a.txt")
    note("A bravo day.\n", "notes/sub/deeper/b.md")
    note("A bravo day.\n", "notes/c.rst")
    note("A bravo day.\n", "notes/d.json")
    note("A bravo day.\n", "notes/e.txt.bak")
    result = cli("check", *SEV_ONLY, "--format", "json", root)
    assert result.exit_code == 1, result
    paths = sorted(Path(f["path"]).relative_to(root).as_posix() for f in result.json()["files"])
    assert paths == ["a.txt", "sub/deeper/b.md"]


def test_files_and_folders_together_in_order(cli, note, tmp_path):
    first = note("Alpha.\n", "first.txt")
    note("Bravo.\n", "dir/x.txt")
    result = cli("check", *SEV_ONLY, "--format", "json", first, tmp_path / "dir")
    assert [Path(f["path"]).name for f in result.json()["files"]] == ["first.txt", "x.txt"]


# --- text report -------------------------------------------------------------

def test_text_report_contents(cli, note):
    path = note("First line.\nAn alpha, a bravo, a charlie and another bravo.\n")
    result = cli("check", *SEV_ONLY, "--fail-on", "never", path, env=WIDE)
    out = result.stdout
    assert str(path) in out
    # the note's lines are shown
    assert "An alpha, a bravo, a charlie and another bravo." in out
    # numbered list: line:col category rule message → suggestion
    assert re.search(r"1\.\s+2:4\s+fx-cat-a fx-sev\.info 'alpha' is an info word → first", out), out
    assert re.search(r"2\.\s+2:13 fx-cat-b fx-sev\.warning 'bravo' is a warning word; try 'well done' "
                     r"→ well done / great", out), out
    assert re.search(r"3\.\s+2:22 fx-cat-b fx-sev\.error 'charlie' is an error word\s*$", out, re.M), out
    # why it matters: once per rule that fired
    assert "Why it matters" in out
    assert out.count("Bravo words confuse families.") == 1
    assert "Alpha words are only mildly unclear." in out
    assert "Charlie words must never appear." in out
    # summary counts by category
    assert "4 finding(s) in 1 note(s): fx-cat-a 1, fx-cat-b 3" in out


def test_text_report_summary_over_several_notes(cli, note):
    a = note("Alpha.\n", "a.txt")
    b = note("Nothing here.\n", "b.txt")
    result = cli("check", *SEV_ONLY, "--fail-on", "never", a, b, env=WIDE)
    assert f"{b}: no findings" in result.stdout
    assert "1 finding(s) in 2 note(s): fx-cat-a 1" in result.stdout


def test_why_not_shown_for_rules_that_did_not_fire(cli, note):
    result = cli("check", *SEV_ONLY, note("Alpha.\n"), env=WIDE)
    assert "Alpha words are only mildly unclear." in result.stdout
    assert "Bravo words" not in result.stdout


def test_quiet_prints_one_line_per_finding_and_no_summary(cli, note):
    flagged = note("Alpha.\nA bravo day.\n", "flagged.txt")
    clean = note("Nothing.\n", "clean.txt")
    result = cli("check", *SEV_ONLY, "--quiet", flagged, clean, env=WIDE)
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert lines == [
        f"{flagged}:1:1: fx-cat-a fx-sev.info 'Alpha' is an info word → first",
        f"{flagged}:2:3: fx-cat-b fx-sev.warning 'bravo' is a warning word; try 'well done' → well done / great",
    ]


def test_no_color_produces_no_ansi(cli, note):
    path = note("A bravo day.\n")
    forced = cli("check", *SEV_ONLY, "--color", path)
    assert ANSI in forced.stdout  # sanity: the report does use colour when asked
    plain = cli("check", *SEV_ONLY, "--no-color", path)
    assert ANSI not in plain.stdout
    assert "fx-sev.warning" in plain.stdout


def test_not_a_terminal_means_no_ansi_by_default(cli, note):
    result = cli("check", *SEV_ONLY, note("A bravo day.\n"))
    assert ANSI not in result.output


def test_text_report_keeps_to_terminal_width(cli, note):
    long_line = " ".join(["A bravo day at the family centre with everyone."] * 6)
    result = cli("check", *SEV_ONLY, "--no-color", note(long_line + "\n"), env={"COLUMNS": "60"})
    assert result.exit_code == 1
    assert max(len(line) for line in result.stdout.splitlines()) <= 60


# --- help, version and real processes ---------------------------------------

def test_check_help_documents_options(cli):
    result = cli("check", "--help")
    assert result.exit_code == 0
    for option in ("--format", "--model", "--rules", "--select", "--ignore", "--fail-on",
                   "--color / --no-color", "--quiet"):
        assert option in result.stdout


def test_version(cli):
    from recordlint import __version__

    result = cli("--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_python_dash_m_help():
    proc = subprocess.run([PYTHON, "-m", "recordlint", "--help"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "check" in proc.stdout


def test_help_does_not_import_spacy():
    code = (
        "import sys\n"
        "from recordlint.cli import main\n"
        "for argv in (['--help'], ['check', '--help']):\n"
        "    try:\n"
        "        main(argv, prog_name='recordlint')\n"
        "    except SystemExit as exc:\n"
        "        assert exc.code == 0, exc.code\n"
        "print('SPACY' if 'spacy' in sys.modules else 'NO-SPACY')\n"
    )
    proc = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "NO-SPACY"


def test_console_script_end_to_end(tmp_path):
    script = Path(PYTHON).with_name("recordlint")
    if not script.exists():
        pytest.fail(f"console script not installed next to {PYTHON}")
    path = tmp_path / "note.txt"
    path.write_text("He goes to sleepover club on Fridays.\n", encoding="utf-8")
    env = dict(os.environ, COLUMNS="200")
    proc = subprocess.run([str(script), "check", "--rules", pack("sleepover.yaml"), "--select", "team-north",
                           "--no-color", str(path)], capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 1, proc.stderr
    assert "team-north.sleepover" in proc.stdout
    assert "→ a night at Oak House" in proc.stdout
    assert ANSI not in proc.stdout
    assert proc.stderr == ""
