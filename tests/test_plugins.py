"""Packs and check kinds from installed packages: entry points `recordlint.rules` and `recordlint.checks`.

The example plugin under examples/plugin/ is pip-installed (offline when
hatchling is importable, as with the test extras) into a temporary folder that
is put on PYTHONPATH, and driven through the real CLI in a subprocess. Error
paths use small fake distributions (a *.dist-info folder on sys.path).
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import textwrap
import uuid
from pathlib import Path

import pytest

from helpers import PYTHON, one_line_error
from recordlint.ruleset import load_ruleset

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "plugin"
NOTE = ("Amy was seen at the hub today. Mum said that she had been trying to get the children to school on time "
        "every day this week but that the bus had been late on three mornings and that she had no money for a "
        "taxi so they had walked instead.\n")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """examples/plugin installed with pip into a fresh folder (not into the test venv)."""
    target = tmp_path_factory.mktemp("plugin-site")
    command = [PYTHON, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target)]
    if importlib.util.find_spec("hatchling") is not None:
        command += ["--no-build-isolation", "--no-index"]  # offline: the backend is already here
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}
    proc = subprocess.run([*command, str(EXAMPLE)], capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, f"pip install failed:\n{proc.stdout}\n{proc.stderr}"
    assert list(target.glob("recordlint_example_plugin-*.dist-info")), list(target.iterdir())
    return target


def run_cli(site: Path, *args, cwd: Path, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """The real CLI in a fresh interpreter, with the plugin's folder on PYTHONPATH."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])),
           "COLUMNS": "200", "NO_COLOR": "1"}
    env.pop("RECORDLINT_NO_PLUGINS", None)
    env.update(extra_env or {})
    return subprocess.run([PYTHON, "-m", "recordlint", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=300)


# --- the example plugin, end to end ------------------------------------------------------

def test_example_plugin_rules_and_check_kind_work_through_the_cli(installed, tmp_path):
    listed = run_cli(installed, "rules", "list", "--format", "json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    rules = {r["id"]: r for r in json.loads(listed.stdout)["rules"]}
    assert rules["example.hub"]["origin"] == "plugin example (recordlint-example-plugin 0.1.0)"
    assert rules["example.hub"]["source"].startswith(str(installed))
    assert rules["example.long-sentence"]["kind"] == "long-sentence"  # the plugin's own check kind
    assert "jargon.acronym" in rules  # built-ins still there

    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    checked = run_cli(installed, "check", "--format", "json", "--select", "example", note, cwd=tmp_path)
    assert checked.returncode == 1, checked.stderr
    found = json.loads(checked.stdout)["files"][0]["findings"]
    by_rule = {f["rule"]: f for f in found}
    assert set(by_rule) == {"example.hub", "example.long-sentence"}
    assert by_rule["example.hub"]["text"] == "the hub"
    assert by_rule["example.hub"]["suggestions"] == ["the Oakfield Family Hub"]  # from the package's data file
    assert by_rule["example.long-sentence"]["message"] == "This sentence has 43 words; split it (at most 30)"
    assert by_rule["example.long-sentence"]["text"].startswith("Mum said")


def test_example_plugin_rules_pass_rules_test(installed, tmp_path):
    result = run_cli(installed, "rules", "test", "-v", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok   example.hub (2 example(s))" in result.stdout
    assert "ok   example.long-sentence (2 example(s))" in result.stdout


def test_example_plugin_explain_and_new(installed, tmp_path):
    explained = run_cli(installed, "rules", "explain", "example.hub", cwd=tmp_path)
    assert explained.returncode == 0, explained.stderr
    assert "plugin example (recordlint-example-plugin 0.1.0)" in explained.stdout
    assert "places.yaml" in explained.stdout and "LOCAL: Fictional team style guide" in explained.stdout
    skeleton = run_cli(installed, "rules", "new", "team.long", "--kind", "long-sentence", cwd=tmp_path)
    assert skeleton.returncode == 0, skeleton.stderr
    assert "kind: long-sentence" in skeleton.stdout and "    max_words: 30" in skeleton.stdout


def test_plugins_can_be_switched_off(installed, tmp_path):
    result = run_cli(installed, "rules", "list", "--format", "json", cwd=tmp_path,
                     extra_env={"RECORDLINT_NO_PLUGINS": "1"})
    assert result.returncode == 0, result.stderr
    assert not [r for r in json.loads(result.stdout)["rules"] if r["id"].startswith("example.")]


def test_example_plugin_in_process(installed, monkeypatch, cli, note):
    monkeypatch.syspath_prepend(str(installed))
    assert "example.hub" in {r.id for r in load_ruleset().rules}
    assert "example.hub" not in {r.id for r in load_ruleset(builtin=False).rules}  # plugins follow builtin
    assert "example.hub" in {r.id for r in load_ruleset(builtin=False, plugins=True).rules}
    result = cli("check", "--format", "json", "--select", "example.hub", note("At the hub.\n"))
    assert result.exit_code == 1, result
    assert [f["rule"] for f in result.json()["files"][0]["findings"]] == ["example.hub"]


# --- fake distributions for the error paths ---------------------------------------------------

@pytest.fixture
def fake_dist(tmp_path, monkeypatch):
    """fake_dist(entry_points_txt, {relative path: text}) → a module prefix unique to this test."""
    site = tmp_path / "site"
    prefix = f"fxplug_{uuid.uuid4().hex[:8]}"

    def make(entry_points: str, files: dict[str, str] | None = None, dist: str = "fx-plugin") -> str:
        info = site / f"{dist.replace('-', '_')}-0.1.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n", encoding="utf-8")
        (info / "entry_points.txt").write_text(textwrap.dedent(entry_points).replace("PFX", prefix),
                                               encoding="utf-8")
        for rel, text in (files or {}).items():
            path = site / rel.replace("PFX", prefix)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).replace("PFX", prefix), encoding="utf-8")
        return prefix

    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delenv("RECORDLINT_NO_PLUGINS", raising=False)
    return make


CHECK_CLASS = """\
    from recordlint.engine.kinds import Candidate, Check

    class Shout(Check):
        kind = "shout"
        fields = frozenset({"word"})

        @classmethod
        def parse(cls, raw, env):
            return {"word": raw.get("word", "HELLO")}

        def find(self, ctx):
            for tok in ctx.doc:
                if tok.text == self.rule.options["word"]:
                    yield Candidate(tok.i, tok.i + 1)
"""

USES_SHOUT = """\
pack: fx
rules:
  - id: fx.shout
    category: fx
    message: "'{match}'"
    kind: shout
    word: HEY
"""


def test_a_plugin_pack_module_that_does_not_exist_is_one_line(fake_dist, cli, note):
    prefix = fake_dist("[recordlint.rules]\nteam = PFX_missing.packs\n")
    result = cli("check", note("text\n"))
    assert result.exit_code == 2
    message = one_line_error(result.stderr)
    assert "plugin team (fx-plugin 0.1)" in message and f"{prefix}_missing.packs" in message


def test_a_plugin_pack_value_must_be_a_module(fake_dist, cli):
    fake_dist("[recordlint.rules]\nteam = PFX.packs:FOLDER\n")
    result = cli("rules", "list")
    assert result.exit_code == 2
    assert "must name a package or module" in one_line_error(result.stderr)


def test_a_plugin_pack_clashing_with_a_builtin_id_names_both_files(fake_dist, cli):
    fake_dist("[recordlint.rules]\nteam = PFX\n", {
        "PFX/__init__.py": "",
        "PFX/team.yaml": "pack: team\nrules:\n  - {id: jargon.acronym, category: x, message: m, kind: phrase,"
                         " terms: [a]}\n"})
    result = cli("rules", "list")
    assert result.exit_code == 2
    message = one_line_error(result.stderr)
    assert "team.yaml" in message and "jargon.yaml" in message and "duplicate" in message


def test_a_plugin_kind_is_used_by_a_local_pack(fake_dist, cli, note, tmp_path):
    fake_dist("[recordlint.checks]\nshout = PFX.checks:Shout\n", {"PFX/__init__.py": "", "PFX/checks.py": CHECK_CLASS})
    path = tmp_path / "shout.yaml"
    path.write_text(USES_SHOUT, encoding="utf-8")
    result = cli("check", "--format", "json", "--select", "fx", "--rules", path, note("Oh HEY there.\n"))
    assert result.exit_code == 1, result
    assert [f["text"] for f in result.json()["files"][0]["findings"]] == ["HEY"]


def test_plugin_kinds_are_imported_only_when_used(fake_dist, cli, note, tmp_path):
    prefix = fake_dist("[recordlint.checks]\nshout = PFX.checks:Shout\n",
                       {"PFX/__init__.py": "", "PFX/checks.py": "raise ImportError('broken plugin')\n"})
    assert cli("rules", "list").exit_code == 0  # nothing uses `shout`: the plugin is never imported
    path = tmp_path / "shout.yaml"
    path.write_text(USES_SHOUT, encoding="utf-8")
    result = cli("check", "--rules", path, note("text\n"))
    assert result.exit_code == 2
    message = one_line_error(result.stderr)
    assert message.startswith(f"recordlint: error: {path}:6: rule fx.shout: field 'kind': ")
    assert "plugin shout (fx-plugin 0.1)" in message and "broken plugin" in message
    assert f"{prefix}.checks:Shout" in message


@pytest.mark.parametrize("body,words", [
    ("class Shout:\n    kind = 'shout'\n", "subclass of recordlint.engine.kinds.Check"),
    (CHECK_CLASS.replace('kind = "shout"', 'kind = "yell"'), "must equal the entry point name"),
])
def test_a_bad_plugin_kind_class_is_one_line(fake_dist, cli, note, tmp_path, body, words):
    fake_dist("[recordlint.checks]\nshout = PFX.checks:Shout\n", {"PFX/__init__.py": "", "PFX/checks.py": body})
    path = tmp_path / "shout.yaml"
    path.write_text(USES_SHOUT, encoding="utf-8")
    result = cli("check", "--rules", path, note("text\n"))
    assert result.exit_code == 2
    assert words in one_line_error(result.stderr)


def test_a_plugin_kind_whose_parse_raises_is_one_line(fake_dist, cli, note, tmp_path):
    body = CHECK_CLASS.replace('return {"word": raw.get("word", "HELLO")}', 'raise ValueError("no words today")')
    fake_dist("[recordlint.checks]\nshout = PFX.checks:Shout\n", {"PFX/__init__.py": "", "PFX/checks.py": body})
    path = tmp_path / "shout.yaml"
    path.write_text(USES_SHOUT, encoding="utf-8")
    result = cli("check", "--rules", path, note("text\n"))
    assert result.exit_code == 2
    message = one_line_error(result.stderr)
    assert "rule fx.shout" in message and "ValueError: no words today" in message


def test_a_plugin_cannot_replace_a_builtin_kind(fake_dist, cli, note):
    fake_dist("[recordlint.checks]\nphrase = PFX.checks:Nope\n",
              {"PFX/__init__.py": "", "PFX/checks.py": "raise ImportError('must never be imported')\n"})
    result = cli("rules", "test", "--rules", str(Path(__file__).parent / "fixtures" / "packs" / "sleepover.yaml"))
    assert result.exit_code == 0, result


def test_two_packages_offering_one_kind_is_an_error_naming_both(fake_dist, cli, tmp_path):
    fake_dist("[recordlint.checks]\nshout = PFX.one:Shout\n", dist="fx-one")
    fake_dist("[recordlint.checks]\nshout = PFX.two:Shout\n", dist="fx-two")
    result = cli("rules", "list")
    assert result.exit_code == 2
    message = one_line_error(result.stderr)
    assert "fx-one 0.1" in message and "fx-two 0.1" in message and "'shout'" in message
