"""Report formats for CI: SARIF 2.1.0, GitHub annotations, JUnit XML, concise; --output-file; exit codes."""

from __future__ import annotations

import json
import re
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from helpers import FIXTURES, one_line_error

REPO = Path(__file__).resolve().parent.parent
CI_PACK = FIXTURES / "ci" / "packs" / "ci.yaml"
CI = ("--isolated", "--rules", CI_PACK, "--select", "ci.")
FORMATS = ("text", "json", "concise", "github", "sarif", "junit")

NOTE_A = "Home visit on Monday.\nA bravo day.\nAn alpha and a charlie.\n"
NOTE_B = "Nothing to see here.\n"


@pytest.fixture
def notes(tmp_path, monkeypatch):
    """Two notes in cwd (relative paths, as CI runs them from the repo root)."""
    monkeypatch.chdir(tmp_path)
    Path("notes").mkdir()
    Path("notes/a.txt").write_text(NOTE_A, encoding="utf-8")
    Path("notes/b.md").write_text(NOTE_B, encoding="utf-8")
    return ["notes/a.txt", "notes/b.md"]


# --- a small SARIF 2.1.0 structural validator --------------------------------------------

LEVELS = {"error", "warning", "note"}


def _pos_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def validate_sarif(doc: dict) -> list[str]:
    """Problems with `doc` as SARIF 2.1.0 (the parts GitHub code scanning needs); [] when valid."""
    problems: list[str] = []

    def need(cond, msg):
        if not cond:
            problems.append(msg)

    need(isinstance(doc, dict), "top level must be an object")
    if not isinstance(doc, dict):
        return problems
    need(doc.get("version") == "2.1.0", "version must be '2.1.0'")
    need(isinstance(doc.get("$schema"), str) and "sarif" in doc["$schema"] and "2.1.0" in doc["$schema"],
         "$schema must name the SARIF 2.1.0 schema")
    runs = doc.get("runs")
    need(isinstance(runs, list) and len(runs) >= 1, "runs must be a non-empty array")
    for r, run in enumerate(runs or []):
        driver = run.get("tool", {}).get("driver")
        need(isinstance(driver, dict), f"runs[{r}].tool.driver missing")
        driver = driver or {}
        need(isinstance(driver.get("name"), str) and driver["name"], f"runs[{r}].tool.driver.name missing")
        rules = driver.get("rules", [])
        need(isinstance(rules, list), f"runs[{r}].tool.driver.rules must be an array")
        ids = []
        for i, rule in enumerate(rules):
            where = f"runs[{r}].tool.driver.rules[{i}]"
            need(isinstance(rule.get("id"), str) and rule["id"], f"{where}.id missing")
            ids.append(rule.get("id"))
            need(isinstance(rule.get("shortDescription", {}).get("text"), str)
                 and rule["shortDescription"]["text"], f"{where}.shortDescription.text missing")
            need(isinstance(rule.get("help", {}).get("text"), str) and rule["help"]["text"],
                 f"{where}.help.text missing")
            level = rule.get("defaultConfiguration", {}).get("level")
            need(level in LEVELS, f"{where}.defaultConfiguration.level {level!r} not in {sorted(LEVELS)}")
        need(len(ids) == len(set(ids)), f"runs[{r}] rule ids are not unique")
        results = run.get("results")
        need(isinstance(results, list), f"runs[{r}].results must be an array")
        for i, res in enumerate(results or []):
            where = f"runs[{r}].results[{i}]"
            need(isinstance(res.get("ruleId"), str), f"{where}.ruleId missing")
            if "ruleIndex" in res:
                idx = res["ruleIndex"]
                need(isinstance(idx, int) and 0 <= idx < len(rules) and rules[idx].get("id") == res.get("ruleId"),
                     f"{where}.ruleIndex {idx!r} does not point at rule {res.get('ruleId')!r}")
            need(res.get("level") in LEVELS, f"{where}.level {res.get('level')!r} not in {sorted(LEVELS)}")
            need(isinstance(res.get("message", {}).get("text"), str) and res["message"]["text"],
                 f"{where}.message.text missing")
            locations = res.get("locations")
            need(isinstance(locations, list) and len(locations) >= 1, f"{where}.locations missing")
            for loc in locations or []:
                phys = loc.get("physicalLocation", {})
                uri = phys.get("artifactLocation", {}).get("uri")
                need(isinstance(uri, str) and uri, f"{where} artifactLocation.uri missing")
                region = phys.get("region", {})
                for key in ("startLine", "startColumn", "endLine", "endColumn"):
                    need(_pos_int(region.get(key)), f"{where} region.{key} {region.get(key)!r} not an int >= 1")
                if all(_pos_int(region.get(k)) for k in ("startLine", "startColumn", "endLine", "endColumn")):
                    need((region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"]),
                         f"{where} region ends before it starts")
            fps = res.get("partialFingerprints")
            need(isinstance(fps, dict) and fps and all(isinstance(v, str) and v for v in fps.values()),
                 f"{where}.partialFingerprints missing")
    return problems


def test_validator_catches_problems():
    assert validate_sarif({"version": "2.0.0", "runs": []})
    bad = {"version": "2.1.0", "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "runs": [{
        "tool": {"driver": {"name": "x", "rules": [
            {"id": "r", "shortDescription": {"text": "s"}, "help": {"text": "h"},
             "defaultConfiguration": {"level": "info"}}]}},
        "results": [{"ruleId": "r", "ruleIndex": 1, "level": "warning", "message": {"text": "m"},
                     "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a"},
                                                         "region": {"startLine": 0, "startColumn": 1,
                                                                    "endLine": 1, "endColumn": 2}}}],
                     "partialFingerprints": {"a": "b"}}]}]}
    problems = validate_sarif(bad)
    assert any("defaultConfiguration.level" in p for p in problems)
    assert any("ruleIndex" in p for p in problems)
    assert any("startLine" in p for p in problems)


# --- SARIF ------------------------------------------------------------------------------------

@pytest.fixture
def sarif(cli, notes):
    result = cli("check", *CI, "--format", "sarif", *notes)
    assert result.exit_code == 1, result
    return json.loads(result.stdout)


def test_sarif_is_valid_2_1_0(sarif):
    assert validate_sarif(sarif) == []
    assert sarif["version"] == "2.1.0"
    assert sarif["runs"][0]["tool"]["driver"]["name"] == "recordlint"


def test_sarif_rules_declared_with_why_and_default_level(sarif):
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert {"ci.alpha", "ci.bravo", "ci.charlie", "ci.visit", "ci.escape"} <= set(rules)
    assert rules["ci.bravo"]["help"]["text"] == "Bravo words confuse families."
    assert {rid: rules[rid]["defaultConfiguration"]["level"] for rid in ("ci.alpha", "ci.bravo", "ci.charlie")} \
        == {"ci.alpha": "note", "ci.bravo": "warning", "ci.charlie": "error"}


def test_sarif_results(sarif):
    results = sarif["runs"][0]["results"]
    got = [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            tuple(r["locations"][0]["physicalLocation"]["region"][k]
                  for k in ("startLine", "startColumn", "endLine", "endColumn")))
           for r in results]
    assert got == [
        ("ci.visit", "warning", "notes/a.txt", (1, 1, 1, 2)),
        ("ci.bravo", "warning", "notes/a.txt", (2, 3, 2, 8)),
        ("ci.alpha", "note", "notes/a.txt", (3, 4, 3, 9)),
        ("ci.charlie", "error", "notes/a.txt", (3, 16, 3, 23)),
    ]
    bravo = results[1]
    assert bravo["message"]["text"].startswith("'bravo' is a warning word")
    assert "well done" in bravo["message"]["text"]  # the suggestion travels with the message


def test_sarif_fingerprints_are_stable_across_line_moves(cli, notes):
    def fps():
        doc = json.loads(cli("check", *CI, "--format", "sarif", "notes/a.txt").stdout)
        # Span findings only: the note-level one is covered in test_baseline.py.
        return {r["ruleId"]: r["partialFingerprints"] for r in doc["runs"][0]["results"] if r["ruleId"] != "ci.visit"}

    before = fps()
    assert set(before) == {"ci.bravo", "ci.alpha", "ci.charlie"}
    Path("notes/a.txt").write_text("New line.\n\n" + NOTE_A, encoding="utf-8")
    assert fps() == before


def test_sarif_with_no_findings_is_valid(cli, notes):
    result = cli("check", *CI, "--format", "sarif", "notes/b.md")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert validate_sarif(doc) == []
    assert doc["runs"][0]["results"] == []


def test_sarif_unused_suppression_rule_is_declared(cli, notes):
    Path("s.md").write_text("<!-- recordlint-disable-next-line ci.bravo -->\nClean.\n", encoding="utf-8")
    doc = json.loads(cli("check", *CI, "--format", "sarif", "s.md").stdout)
    assert validate_sarif(doc) == []
    (result,) = doc["runs"][0]["results"]
    assert result["ruleId"] == "recordlint.unused-suppression"
    assert result["level"] == "note"


def test_sarif_with_built_in_rules_is_valid(cli, tmp_path):
    path = tmp_path / "n.txt"
    path.write_text("LAC review. Mum is manipulative. CIN meeting with the MASH.\n", encoding="utf-8")
    result = cli("check", "--isolated", "--format", "sarif", path)
    doc = json.loads(result.stdout)
    assert validate_sarif(doc) == []
    ids = {r["ruleId"] for r in doc["runs"][0]["results"]}
    assert {"jargon.acronym", "opinion-as-fact.characterisation"} <= ids


def test_sarif_multi_line_region(cli, notes):
    Path("m.txt").write_text("A home\nvisit today.\n", encoding="utf-8")
    doc = json.loads(cli("check", *CI, "--format", "sarif", "m.txt").stdout)
    assert validate_sarif(doc) == []


def test_sarif_uri_is_a_valid_uri_reference(cli, tmp_path, monkeypatch):
    # Training folders have spaces in their names; SARIF's artifactLocation.uri must be a URI.
    monkeypatch.chdir(tmp_path)
    Path("Course notes").mkdir()
    Path("Course notes/Week 1 100%.txt").write_text("A bravo.\n", encoding="utf-8")
    doc = json.loads(cli("check", *CI, "--format", "sarif", "Course notes/Week 1 100%.txt").stdout)
    uri = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert " " not in uri
    assert re.fullmatch(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})+", uri), uri
    assert urllib.parse.unquote(uri) == "Course notes/Week 1 100%.txt"


def test_sarif_columns_agree_with_the_declared_column_kind(cli, tmp_path):
    # SARIF 2.1.0 counts columns in UTF-16 code units unless run.columnKind says
    # "unicodeCodePoints"; a quoted emoji before a finding must not shift the highlight.
    path = tmp_path / "n.txt"
    text = "She wrote \U0001F622 then a bravo.\n"
    path.write_text(text, encoding="utf-8")
    doc = json.loads(cli("check", *CI, "--format", "sarif", path).stdout)
    run = doc["runs"][0]
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    before = text[:text.index("bravo")]
    if run.get("columnKind") == "unicodeCodePoints":
        expected = len(before) + 1
    else:
        expected = len(before.encode("utf-16-le")) // 2 + 1
    assert region["startColumn"] == expected, (run.get("columnKind"), region)


# --- GitHub annotations ----------------------------------------------------------------------

GITHUB_LINE = re.compile(
    r"^::(error|warning|notice) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"endColumn=(?P<end>\d+),title=(?P<title>[^,:]+)::(?P<msg>.*)$")


def test_github_lines(cli, notes):
    result = cli("check", *CI, "--format", "github", *notes)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::warning file=notes/a.txt,line=1,col=1,endColumn=1,"
        "title=ci.visit::Recorded 'Home visit' but no words from the person",
        "::warning file=notes/a.txt,line=2,col=3,endColumn=8,title=ci.bravo::'bravo' is a warning word",
        "::notice file=notes/a.txt,line=3,col=4,endColumn=9,title=ci.alpha::'alpha' is an info word",
        "::error file=notes/a.txt,line=3,col=16,endColumn=23,title=ci.charlie::'charlie' is an error word",
    ]
    for line in result.stdout.splitlines():
        assert GITHUB_LINE.match(line), line


def test_github_escaping(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "a,b:c 100%.txt"
    Path(name).write_text("A delta day.\n", encoding="utf-8")
    result = cli("check", *CI, "--format", "github", name)
    (line,) = result.stdout.splitlines()
    assert line == ("::warning file=a%2Cb%3Ac 100%25.txt,line=1,col=3,endColumn=8,title=ci.escape::"
                    "'delta' is 100%25 vague, see: notes%0Athen say what happened")
    m = GITHUB_LINE.match(line)
    assert m and urllib.parse.unquote(m["file"]) == name


# --- JUnit ------------------------------------------------------------------------------------

def test_junit_parses_with_one_testcase_per_file_and_one_failure_per_finding(cli, notes):
    result = cli("check", *CI, "--format", "junit", *notes)
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout.encode("utf-8"))
    cases = root.findall(".//testcase")
    assert [c.get("name") for c in cases] == notes
    failures = {c.get("name"): c.findall("failure") for c in cases}
    assert [f.get("type") for f in failures["notes/a.txt"]] == ["ci.visit", "ci.bravo", "ci.alpha", "ci.charlie"]
    assert failures["notes/b.md"] == []
    for f in failures["notes/a.txt"]:
        assert f.get("message") and f.text and "notes/a.txt:" in f.text
    suite = root if root.tag == "testsuite" else root.find("testsuite")
    assert suite.get("tests") == "2"


def test_junit_clean_run(cli, notes):
    result = cli("check", *CI, "--format", "junit", "notes/b.md")
    assert result.exit_code == 0
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert len(root.findall(".//testcase")) == 1
    assert root.findall(".//failure") == []


def test_junit_escapes_markup_in_messages_and_paths(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a&b<c>.txt").write_text("A bravo & <charlie>.\n", encoding="utf-8")
    result = cli("check", *CI, "--format", "junit", "a&b<c>.txt")
    root = ET.fromstring(result.stdout.encode("utf-8"))
    (case,) = root.findall(".//testcase")
    assert case.get("name") == "a&b<c>.txt"
    assert len(case.findall("failure")) == 2


# --- concise ------------------------------------------------------------------------------------

def test_concise_lines(cli, notes):
    result = cli("check", *CI, "--format", "concise", *notes)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "notes/a.txt:1:1: ci-voice ci.visit Recorded 'Home visit' but no words from the person",
        "notes/a.txt:2:3: ci-b ci.bravo 'bravo' is a warning word",
        "notes/a.txt:3:4: ci-a ci.alpha 'alpha' is an info word",
        "notes/a.txt:3:16: ci-b ci.charlie 'charlie' is an error word",
    ]
    for line in result.stdout.splitlines():
        assert re.match(r"^[^:]+:\d+:\d+: \S+ \S+ .+$", line)


def test_concise_clean_prints_nothing(cli, notes):
    result = cli("check", *CI, "--format", "concise", "notes/b.md")
    assert result.exit_code == 0
    assert result.stdout == ""


# --- --output-file ------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_output_file_writes_report_and_prints_one_line_summary(cli, notes, fmt):
    out = Path("report.out")
    result = cli("check", *CI, "--format", fmt, "--output-file", out, *notes)
    assert result.exit_code == 1, result
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    assert "4 finding" in lines[0] and "2 file" in lines[0] and str(out) in lines[0]
    written = out.read_text(encoding="utf-8")
    assert written
    assert "\x1b[" not in written
    direct = cli("check", *CI, "--format", fmt, *notes).stdout
    if fmt == "json":
        assert json.loads(written) == json.loads(direct)
    elif fmt == "sarif":
        assert validate_sarif(json.loads(written)) == []
        assert json.loads(written) == json.loads(direct)
    elif fmt == "junit":
        ET.fromstring(written.encode("utf-8"))
        assert written == direct
    elif fmt in ("concise", "github"):
        assert written == direct
    else:
        assert "bravo" in written


def test_output_file_short_option(cli, notes):
    result = cli("check", *CI, "--format", "json", "-o", "r.json", "notes/b.md")
    assert result.exit_code == 0
    assert json.loads(Path("r.json").read_text(encoding="utf-8"))["summary"]["findings"] == 0
    assert "0 finding" in result.stdout


def test_output_file_unwritable_is_exit_2(cli, notes, tmp_path):
    target = tmp_path / "missing-folder" / "r.sarif"
    result = cli("check", *CI, "--format", "sarif", "--output-file", target, *notes)
    assert result.exit_code == 2
    assert "r.sarif" in one_line_error(result.stderr)


# --- exit codes follow --fail-on for every format -----------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("text, fail_on, code", [
    ("alpha.\n", "info", 1),
    ("alpha.\n", "warning", 0),
    ("bravo.\n", "error", 0),
    ("charlie.\n", "error", 1),
    ("charlie.\n", "never", 0),
])
def test_exit_code_follows_fail_on(cli, tmp_path, fmt, text, fail_on, code):
    path = tmp_path / "n.txt"
    path.write_text(text, encoding="utf-8")
    result = cli("check", *CI, "--format", fmt, "--fail-on", fail_on, path)
    assert result.exit_code == code, (fmt, result)


@pytest.mark.parametrize("fmt", FORMATS)
def test_exit_code_follows_fail_on_with_output_file(cli, tmp_path, fmt):
    path = tmp_path / "n.txt"
    path.write_text("bravo.\n", encoding="utf-8")
    out = tmp_path / "report.out"
    assert cli("check", *CI, "--format", fmt, "--output-file", out, path).exit_code == 1  # default: warning
    assert cli("check", *CI, "--format", fmt, "--fail-on", "error", "--output-file", out, path).exit_code == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_unreadable_input_is_exit_2_for_every_format(cli, tmp_path, fmt):
    result = cli("check", *CI, "--format", fmt, tmp_path / "missing.txt")
    assert result.exit_code == 2
    assert "missing.txt" in one_line_error(result.stderr)


# --- pre-commit ------------------------------------------------------------------------------------

def test_pre_commit_hooks_file():
    path = REPO / ".pre-commit-hooks.yaml"
    assert path.is_file()
    hooks = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    hook = next(h for h in hooks if h.get("id") == "recordlint")
    assert hook["entry"].startswith("recordlint check")
    assert hook["language"] == "python"
    assert {"id", "name", "entry", "language"} <= set(hook)
    files = re.compile(hook["files"])
    for name in ("notes/a.md", "b.txt", "c.markdown"):
        assert files.search(name), name
    assert not files.search("setup.py")
    # The entry's options must be ones `recordlint check` accepts.
    from click.testing import CliRunner

    from recordlint.cli import main

    args = hook["entry"].split()[1:] + hook.get("args", []) + ["--help"]
    assert CliRunner().invoke(main, args).exit_code == 0
