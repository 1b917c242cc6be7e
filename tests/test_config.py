"""Configuration files: discovery, every key, overrides, strict errors and `recordlint config`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import FIXTURES, one_line_error

CI_PACK = FIXTURES / "ci" / "packs" / "ci.yaml"
TERMS = "alpha bravo charlie.\n"  # one finding per ci phrase rule: info, warning, error


def repo(tmp_path: Path, name: str = "repo") -> Path:
    """A folder that looks like a git checkout (a `.git` folder), with the ci pack at packs/ci.yaml."""
    root = tmp_path / name
    (root / ".git").mkdir(parents=True)
    (root / "packs").mkdir()
    (root / "packs" / "ci.yaml").write_text(CI_PACK.read_text(encoding="utf-8"), encoding="utf-8")
    return root


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rules_of(result) -> list[str]:
    return [f["rule"] for file in result.json()["files"] for f in file["findings"]]


def check_json(cli, *args):
    result = cli("check", "--format", "json", *args)
    assert result.exit_code in (0, 1), result
    return result


BASE = "rules: [packs/ci.yaml]\nselect: [ci.]\n"


# --- discovery ---------------------------------------------------------------------

@pytest.mark.parametrize("name", ["recordlint.yaml", ".recordlint.yaml"])
def test_yaml_config_found_from_the_checked_path_upward(cli, tmp_path, monkeypatch, name):
    root = repo(tmp_path)
    write(root / name, BASE + "ignore: [ci.alpha]\n")
    note = write(root / "handouts" / "week1" / "note.txt", TERMS)
    monkeypatch.chdir(tmp_path)  # cwd is outside the repo: discovery starts at the checked path
    assert rules_of(check_json(cli, note)) == ["ci.bravo", "ci.charlie"]


def test_pyproject_tool_table_is_a_config(cli, tmp_path, monkeypatch):
    root = repo(tmp_path)
    write(root / "pyproject.toml",
          '[project]\nname = "x"\n\n[tool.recordlint]\nrules = ["packs/ci.yaml"]\nselect = ["ci."]\n'
          'ignore = ["ci-b"]\n')
    note = write(root / "note.txt", TERMS)
    monkeypatch.chdir(root)
    assert rules_of(check_json(cli, "note.txt")) == ["ci.alpha"]
    assert rules_of(check_json(cli, note)) == ["ci.alpha"]


def test_pyproject_without_the_table_is_skipped(cli, tmp_path, monkeypatch):
    root = repo(tmp_path)
    write(root / "recordlint.yaml", BASE + "select: [ci.charlie]\n")
    write(root / "sub" / "pyproject.toml", '[project]\nname = "sub"\n\n[tool.black]\nline-length = 99\n')
    note = write(root / "sub" / "note.txt", TERMS)
    monkeypatch.chdir(tmp_path)
    assert rules_of(check_json(cli, note)) == ["ci.charlie"]


def test_nearest_config_wins(cli, tmp_path, monkeypatch):
    root = repo(tmp_path)
    write(root / "recordlint.yaml", BASE + "select: [ci.charlie]\n")
    write(root / "sub" / ".recordlint.yaml", "rules: [../packs/ci.yaml]\nselect: [ci.alpha]\n")
    monkeypatch.chdir(tmp_path)
    assert rules_of(check_json(cli, write(root / "sub" / "note.txt", TERMS))) == ["ci.alpha"]
    assert rules_of(check_json(cli, write(root / "other" / "note.txt", TERMS))) == ["ci.charlie"]


def test_discovery_stops_at_the_repository_root(cli, tmp_path, monkeypatch):
    outer = tmp_path / "outer"
    write(outer / "recordlint.yaml", "select: [no-such-rule-anywhere]\n")  # would fail if read
    root = repo(outer)
    note = write(root / "note.txt", "Nothing to report.\n")
    monkeypatch.chdir(tmp_path)
    result = cli("check", "--format", "json", note)
    assert result.exit_code == 0, result
    shown = cli("config", "--format", "json", root)
    assert shown.exit_code == 0, shown
    assert shown.json()["file"] is None


def test_discovery_from_a_folder_argument(cli, tmp_path, monkeypatch):
    root = repo(tmp_path)
    write(root / "recordlint.yaml", BASE + "select: [ci.bravo]\n")
    write(root / "notes" / "a.txt", TERMS)
    monkeypatch.chdir(tmp_path)
    assert rules_of(check_json(cli, root / "notes")) == ["ci.bravo"]


def test_discovery_from_cwd_for_stdin(cli, tmp_path, monkeypatch):
    root = repo(tmp_path)
    write(root / "recordlint.yaml", BASE + "select: [ci.bravo]\n")
    monkeypatch.chdir(root)
    result = cli("check", "--format", "json", "-", input=TERMS)
    assert rules_of(result) == ["ci.bravo"]


def test_config_option_overrides_discovery(cli, tmp_path, monkeypatch):
    root = repo(tmp_path)
    write(root / "recordlint.yaml", BASE + "select: [ci.bravo]\n")
    other = write(tmp_path / "elsewhere" / "strict.yaml", f"rules: [{CI_PACK}]\nselect: [ci.charlie]\n")
    note = write(root / "note.txt", TERMS)
    monkeypatch.chdir(tmp_path)
    assert rules_of(check_json(cli, "--config", other, note)) == ["ci.charlie"]
    shown = cli("config", "--config", other, "--format", "json", note).json()
    assert shown["file"] == str(other)
    assert shown["settings"]["select"] == {"value": ["ci.charlie"], "source": str(other)}


def test_config_option_missing_file_is_exit_2(cli, tmp_path):
    missing = tmp_path / "none.yaml"
    result = cli("check", "--config", missing, write(tmp_path / "n.txt", TERMS))
    assert result.exit_code == 2
    assert str(missing) in one_line_error(result.stderr)


def test_isolated_ignores_every_config_file(cli, tmp_path, monkeypatch):
    root = repo(tmp_path)
    write(root / "recordlint.yaml", BASE + "select: [ci.charlie]\nfail-on: never\n")
    note = write(root / "note.txt", TERMS)
    monkeypatch.chdir(root)
    result = cli("check", "--isolated", "--rules", CI_PACK, "--select", "ci.", "--format", "json", note)
    assert result.exit_code == 1, result  # fail-on: never ignored too
    assert rules_of(result) == ["ci.alpha", "ci.bravo", "ci.charlie"]
    shown = cli("config", "--isolated", "--format", "json", root).json()
    assert shown["file"] is None
    assert {v["source"] for v in shown["settings"].values()} == {"default"}


def test_isolated_with_a_bad_config_around_is_fine(cli, tmp_path, monkeypatch):
    root = repo(tmp_path)
    write(root / "recordlint.yaml", "bogus-key: 1\n")
    monkeypatch.chdir(root)
    result = cli("check", "--isolated", "--rules", CI_PACK, "--select", "ci.", write(root / "n.txt", "Fine.\n"))
    assert result.exit_code == 0, result


# --- every key ---------------------------------------------------------------------------

@pytest.fixture
def project(tmp_path, monkeypatch):
    """project(config_text, files={path: text}) -> root, with cwd at the root."""

    def make(config: str, files: dict[str, str] | None = None) -> Path:
        root = repo(tmp_path)
        write(root / "recordlint.yaml", config)
        for rel, text in (files or {"note.txt": TERMS}).items():
            write(root / rel, text)
        monkeypatch.chdir(root)
        return root

    return make


def test_key_select(cli, project):
    project("rules: [packs/ci.yaml]\nselect: [ci.alpha, ci-b]\n")
    assert rules_of(check_json(cli, "note.txt")) == ["ci.alpha", "ci.bravo", "ci.charlie"]
    project_text = "rules: [packs/ci.yaml]\nselect: ci.bravo\n"  # a single string is allowed
    Path("recordlint.yaml").write_text(project_text, encoding="utf-8")
    assert rules_of(check_json(cli, "note.txt")) == ["ci.bravo"]


def test_key_ignore(cli, project):
    project(BASE + "ignore: [ci-b]\n")
    assert rules_of(check_json(cli, "note.txt")) == ["ci.alpha"]


def test_key_extend_select(cli, project):
    project("rules: [packs/ci.yaml]\nselect: [ci.bravo]\nextend-select: [ci.charlie]\n")
    assert rules_of(check_json(cli, "note.txt")) == ["ci.bravo", "ci.charlie"]


def test_key_severity_per_rule_and_category_id_wins(cli, project):
    project(BASE + "severity:\n  ci-b: info\n  ci.charlie: warning\n  ci-a: error\n")
    result = check_json(cli, "note.txt")
    got = {f["rule"]: f["severity"] for f in result.json()["files"][0]["findings"]}
    assert got == {"ci.alpha": "error", "ci.bravo": "info", "ci.charlie": "warning"}
    assert result.exit_code == 1


def test_key_severity_id_wins_whatever_the_order(cli, project):
    project(BASE + "severity:\n  ci.bravo: error\n  ci-b: info\n")
    got = {f["rule"]: f["severity"] for f in check_json(cli, "note.txt").json()["files"][0]["findings"]}
    assert got == {"ci.alpha": "info", "ci.bravo": "error", "ci.charlie": "info"}


def test_key_severity_shows_in_sarif_default_level(cli, project):
    project(BASE + "severity: {ci.alpha: error}\n")
    sarif = json.loads(cli("check", "--format", "sarif", "note.txt").stdout)
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert levels["ci.alpha"] == "error"


@pytest.mark.parametrize("fail_on, code", [("info", 1), ("warning", 0), ("error", 0), ("never", 0)])
def test_key_fail_on(cli, project, fail_on, code):
    project(BASE + f"fail-on: {fail_on}\n", {"note.txt": "alpha only.\n"})
    assert cli("check", "note.txt").exit_code == code


def test_key_fail_on_never_with_errors(cli, project):
    project(BASE + "fail-on: never\n")
    assert cli("check", "note.txt").exit_code == 0


def test_key_rules_relative_to_the_config_file(cli, tmp_path, monkeypatch):
    root = repo(tmp_path)
    write(root / "config" / "recordlint.yaml", "rules: [../packs/ci.yaml]\nselect: [ci.bravo]\n")
    note = write(root / "config" / "notes" / "n.txt", TERMS)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert rules_of(check_json(cli, note)) == ["ci.bravo"]


def test_key_rules_folder(cli, project):
    project("rules: [packs]\nselect: [ci.charlie]\n")
    assert rules_of(check_json(cli, "note.txt")) == ["ci.charlie"]


def test_key_exclude(cli, project):
    project(BASE + "exclude: ['drafts/*', '*.skip.md', archive]\n", {
        "notes/a.txt": "bravo\n",
        "notes/b.skip.md": "bravo\n",
        "drafts/c.md": "bravo\n",
        "old/archive/d.txt": "bravo\n",
        "e.md": "bravo\n",
    })
    result = check_json(cli, ".")
    assert sorted(Path(f["path"]).as_posix() for f in result.json()["files"]) == ["e.md", "notes/a.txt"]


def test_key_model_uninstalled_is_exit_2_naming_it(cli, project):
    project(BASE + "model: en_recordlint_not_installed_xx\n")
    result = cli("check", "note.txt")
    assert result.exit_code == 2
    assert "en_recordlint_not_installed_xx" in one_line_error(result.stderr)


def test_key_per_file_ignores(cli, project):
    project(BASE + "per-file-ignores:\n  'handouts/*.md': [ci.bravo]\n  'bad-examples/*': [ci-b, ci.alpha]\n", {
        "handouts/a.md": TERMS,
        "handouts/b.txt": TERMS,
        "bad-examples/c.txt": TERMS,
    })
    result = check_json(cli, ".")
    got = {Path(f["path"]).as_posix(): [x["rule"] for x in f["findings"]] for f in result.json()["files"]}
    assert got == {
        "bad-examples/c.txt": [],
        "handouts/a.md": ["ci.alpha", "ci.charlie"],
        "handouts/b.txt": ["ci.alpha", "ci.bravo", "ci.charlie"],
    }


def test_per_file_ignores_match_relative_to_the_config_folder(cli, project, monkeypatch):
    root = project(BASE + "per-file-ignores:\n  'handouts/*.md': [ci-b]\n", {"handouts/a.md": TERMS})
    monkeypatch.chdir(root / "handouts")
    assert rules_of(check_json(cli, "a.md")) == ["ci.alpha"]


# --- command line overrides the file ------------------------------------------------------------

def test_cli_select_overrides_file(cli, project):
    project(BASE + "select: [ci.bravo]\n")
    assert rules_of(check_json(cli, "--select", "ci.charlie", "note.txt")) == ["ci.charlie"]


def test_cli_ignore_overrides_file(cli, project):
    project(BASE + "ignore: [ci.bravo]\n")
    assert rules_of(check_json(cli, "--ignore", "ci.alpha", "note.txt")) == ["ci.bravo", "ci.charlie"]


def test_cli_fail_on_overrides_file(cli, project):
    project(BASE + "fail-on: never\n")
    assert cli("check", "note.txt").exit_code == 0
    assert cli("check", "--fail-on", "error", "note.txt").exit_code == 1


def test_cli_model_overrides_file(cli, project):
    project(BASE + "model: en_recordlint_not_installed_xx\n")
    result = cli("check", "--model", "blank", "--format", "json", "note.txt")
    assert rules_of(result) == ["ci.alpha", "ci.bravo", "ci.charlie"]


def test_resolve_records_command_line_sources(tmp_path):
    from recordlint.config import resolve

    root = repo(tmp_path)
    cfg = write(root / "recordlint.yaml", BASE + "fail-on: error\n")
    settings = resolve({"fail-on": "info", "ignore": ("ci.alpha",)}, start=root)
    assert settings.fail_on == "info"
    assert settings.sources["fail-on"] == "command line"
    assert settings.sources["ignore"] == "command line"
    assert settings.sources["select"] == str(cfg)
    assert settings.sources["exclude"] == "default"


# --- strict errors -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, key", [
    ("selct: [ci.]\n", "selct"),
    ("select: 5\n", "select"),
    ("ignore: {a: 1}\n", "ignore"),
    ("extend-select: [1, 2]\n", "extend-select"),
    ("severity: loud\n", "severity"),
    ("severity: {ci.bravo: loud}\n", "severity"),
    ("fail-on: sometimes\n", "fail-on"),
    ("fail-on: 3\n", "fail-on"),
    ("rules: 5\n", "rules"),
    ("exclude: {a: b}\n", "exclude"),
    ("model: 5\n", "model"),
    ("model: ''\n", "model"),
    ("per-file-ignores: [a, b]\n", "per-file-ignores"),
    ("per-file-ignores: {'*.md': 7}\n", "per-file-ignores"),
])
def test_unknown_key_or_wrong_type_is_one_line_exit_2(cli, tmp_path, monkeypatch, text, key):
    root = repo(tmp_path)
    cfg = write(root / "recordlint.yaml", text)
    note = write(root / "note.txt", TERMS)
    monkeypatch.chdir(root)
    for args in (("check", note), ("config", note)):
        result = cli(*args)
        assert result.exit_code == 2, (args, result)
        line = one_line_error(result.stderr)
        assert str(cfg) in line
        assert f"'{key}" in line
        assert result.stdout == ""


def test_unknown_key_names_its_line(cli, project):
    root = project("select: [ci.]\nrules: [packs/ci.yaml]\nmystery: true\n")
    line = one_line_error(cli("check", "note.txt").stderr)
    assert f"{root / 'recordlint.yaml'}:3" in line
    assert "mystery" in line


def test_unknown_key_in_pyproject(cli, tmp_path, monkeypatch):
    root = repo(tmp_path)
    write(root / "pyproject.toml", '[tool.recordlint]\nselect = ["ci."]\nfailon = "error"\n')
    write(root / "n.txt", TERMS)
    monkeypatch.chdir(root)
    result = cli("check", "n.txt")
    assert result.exit_code == 2
    line = one_line_error(result.stderr)
    assert "pyproject.toml" in line and "'failon'" in line


@pytest.mark.parametrize("text", ["- a\n- b\n", "just a string\n", "select: [unclosed\n"])
def test_config_that_is_not_a_mapping_or_not_yaml_is_exit_2(cli, project, text):
    project(text)
    result = cli("check", "note.txt")
    assert result.exit_code == 2
    assert "recordlint.yaml" in one_line_error(result.stderr)


def test_broken_pyproject_toml_is_exit_2(cli, tmp_path, monkeypatch):
    root = repo(tmp_path)
    write(root / "pyproject.toml", "[tool.recordlint\nselect = 1\n")
    write(root / "n.txt", TERMS)
    monkeypatch.chdir(root)
    result = cli("check", "n.txt")
    assert result.exit_code == 2
    assert "pyproject.toml" in one_line_error(result.stderr)


def test_empty_config_file_means_defaults(cli, project):
    project("")
    shown = cli("config", "--format", "json").json()
    assert shown["file"].endswith("recordlint.yaml")
    assert {v["source"] for v in shown["settings"].values()} == {"default"}


# --- recordlint config ---------------------------------------------------------------------------

FULL = (
    "select: [ci.]\n"
    "extend-select: [ci.charlie]\n"
    "ignore: [ci.alpha]\n"
    "severity: {ci-b: info}\n"
    "fail-on: error\n"
    "rules: [packs/ci.yaml]\n"
    "exclude: ['drafts/*']\n"
    "model: blank\n"
    "per-file-ignores: {'*.md': [ci.bravo]}\n"
)


def test_config_command_json_values_and_sources(cli, project):
    root = project(FULL)
    cfg = str((root / "recordlint.yaml").resolve())
    result = cli("config", "--format", "json")
    assert result.exit_code == 0, result
    data = result.json()
    assert Path(data["file"]).resolve() == Path(cfg)
    settings = data["settings"]
    assert {k: v["value"] for k, v in settings.items()} == {
        "select": ["ci."],
        "extend-select": ["ci.charlie"],
        "ignore": ["ci.alpha"],
        "severity": {"ci-b": "info"},
        "fail-on": "error",
        "rules": [str(root / "packs" / "ci.yaml")],
        "exclude": ["drafts/*"],
        "model": "blank",
        "per-file-ignores": {"*.md": ["ci.bravo"]},
    }
    assert {Path(v["source"]).resolve() for v in settings.values()} == {Path(cfg)}


def test_config_command_defaults(cli, tmp_path, monkeypatch):
    root = repo(tmp_path)
    monkeypatch.chdir(root)
    data = cli("config", "--format", "json").json()
    assert data["file"] is None
    assert data["settings"]["fail-on"] == {"value": "warning", "source": "default"}
    assert data["settings"]["select"] == {"value": [], "source": "default"}
    assert data["settings"]["model"] == {"value": None, "source": "default"}


def test_config_command_mixes_default_and_file_sources(cli, project):
    root = project("fail-on: info\n")
    data = cli("config", "--format", "json").json()
    cfg = Path(data["file"])
    assert cfg.resolve() == (root / "recordlint.yaml").resolve()
    assert data["settings"]["fail-on"] == {"value": "info", "source": data["file"]}
    assert data["settings"]["ignore"]["source"] == "default"


def test_config_command_text(cli, project):
    project("fail-on: info\nignore: [ci.alpha]\n")
    result = cli("config", "note.txt")
    assert result.exit_code == 0, result
    lines = result.stdout.splitlines()
    assert lines[0].startswith("config file: ") and lines[0].endswith("recordlint.yaml")
    cfg = lines[0][len("config file: "):]
    by_key = {line.split()[0]: line for line in lines[1:]}
    assert set(by_key) == {"select", "extend-select", "ignore", "severity", "fail-on", "rules", "exclude",
                           "model", "per-file-ignores"}
    assert '"info"' in by_key["fail-on"] and by_key["fail-on"].endswith(f"({cfg})")
    assert '["ci.alpha"]' in by_key["ignore"] and by_key["ignore"].endswith(f"({cfg})")
    assert by_key["select"].endswith("(default)")
    assert by_key["model"].endswith("(default)")


def test_config_command_text_without_a_file(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(repo(tmp_path))
    result = cli("config")
    assert result.stdout.splitlines()[0] == "config file: (none found)"


def test_result_for_a_file_does_not_depend_on_argument_order(cli, tmp_path, monkeypatch):
    # pre-commit passes staged files in any order; a file must be checked the same
    # way whether or not it happens to come first on the command line.
    root = repo(tmp_path)
    write(root / "recordlint.yaml", BASE + "select: [ci.bravo]\n")
    write(root / "sub" / ".recordlint.yaml", "rules: [../packs/ci.yaml]\nselect: [ci.charlie]\n")
    write(root / "a.txt", TERMS)
    write(root / "sub" / "b.txt", TERMS)
    monkeypatch.chdir(root)

    def per_file(*paths):
        result = check_json(cli, *paths)
        return {Path(f["path"]).as_posix(): [x["rule"] for x in f["findings"]] for f in result.json()["files"]}

    assert per_file("a.txt", "sub/b.txt") == per_file("sub/b.txt", "a.txt")


# --- values that name no rule ------------------------------------------------------------------

def test_config_select_naming_no_rule_blames_the_config_file_not_the_command_line(cli, project):
    # The user typed no --select: the one-line error must name the file and the key.
    project("rules: [packs/ci.yaml]\nselect: [ci.bravoo]\n")
    result = cli("check", "note.txt")
    assert result.exit_code == 2
    line = one_line_error(result.stderr)
    assert "ci.bravoo" in line
    assert "recordlint.yaml" in line and "select" in line
    assert "--select" not in line


@pytest.mark.parametrize("text", [
    BASE + "severity: {ci.bravoo: error}\n",
    BASE + "per-file-ignores: {'*.txt': [ci.bravoo]}\n",
])
def test_config_rule_names_that_match_nothing_are_not_ignored_silently(cli, project, text):
    # A typo in a rule id would otherwise silently leave the severity or the ignore off.
    project(text)
    result = cli("check", "note.txt")
    assert result.exit_code == 2, result
    line = one_line_error(result.stderr)
    assert "ci.bravoo" in line and "recordlint.yaml" in line


# --- as documented in the README ------------------------------------------------------------------

def test_wrong_type_error_names_file_line_and_key(cli, project):
    # README: "An unknown key or a value of the wrong type stops the run (exit 2) with the file, line and key".
    root = project("rules: [packs/ci.yaml]\nselect: 5\n")
    line = one_line_error(cli("check", "note.txt").stderr)
    assert f"{root / 'recordlint.yaml'}:2" in line
    assert "'select'" in line


def test_exclude_applies_to_files_named_on_the_command_line(cli, project):
    project(BASE + "exclude: ['drafts/*']\n", {"drafts/d.txt": TERMS, "note.txt": TERMS})
    result = cli("check", "--format", "json", "drafts/d.txt", "note.txt")
    assert [Path(f["path"]).as_posix() for f in result.json()["files"]] == ["note.txt"]


def test_severity_prefix_beats_category(cli, project):
    project(BASE + "severity:\n  ci-b: info\n  ci.b: error\n")
    got = {f["rule"]: f["severity"] for f in check_json(cli, "note.txt").json()["files"][0]["findings"]}
    assert got == {"ci.alpha": "info", "ci.bravo": "error", "ci.charlie": "info"}


def test_readme_example_config_is_valid(tmp_path):
    from recordlint.config import read_config, resolve

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in readme.split("```yaml\n")[1:] if b.startswith("# recordlint.yaml")]
    assert blocks, "README has no recordlint.yaml example"
    cfg = write(repo(tmp_path) / "recordlint.yaml", blocks[0].split("```")[0])
    data = read_config(cfg)
    assert set(data) == {"select", "extend-select", "ignore", "severity", "fail-on", "rules", "exclude", "model",
                         "per-file-ignores"}
    settings = resolve({}, config=str(cfg))
    assert settings.sources["per-file-ignores"] == str(cfg)


def test_cli_extend_select_adds_to_the_config_selection(cli, project):
    project("rules: [packs/ci.yaml]\nselect: [ci.bravo]\n")
    assert rules_of(check_json(cli, "--extend-select", "ci.charlie", "note.txt")) == ["ci.bravo", "ci.charlie"]


def test_config_command_shows_command_line_overrides(cli, tmp_path, monkeypatch):
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "recordlint.yaml").write_text("select: [jargon]\nfail-on: error\n", encoding="utf-8")
    monkeypatch.chdir(root)
    shown = cli("config", "--format", "json", "--select", "vagueness", str(root))
    assert shown.exit_code == 0, shown
    settings = shown.json()["settings"]
    assert settings["select"] == {"value": ["vagueness"], "source": "command line"}
    assert settings["fail-on"]["source"].endswith("recordlint.yaml")
    assert settings["ignore"]["source"] == "default"
