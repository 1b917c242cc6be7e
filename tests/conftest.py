"""Shared fixtures: one spaCy pipeline per session, fixture packs, a CLI runner.

Building the default pipeline takes about a second, so it is built once and
`recordlint.pipeline.build_pipeline` is patched in CLI tests to hand back the
same object (for the default model only; `--model NAME` still goes through
the real loader).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import SHARED_PACKS, pack


@pytest.fixture(scope="session")
def nlp():
    from recordlint.pipeline import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def context_yaml() -> Path:
    from recordlint.ruleset.loader import builtin_rules_dir

    path = builtin_rules_dir() / "context.yaml"
    assert path.is_file(), path
    return path


@pytest.fixture(scope="session")
def fixture_ruleset(context_yaml):
    """Our own fixture packs plus the built-in context cues, without the built-in rules."""
    from recordlint.ruleset import load_ruleset

    return load_ruleset([pack(name) for name in SHARED_PACKS] + [str(context_yaml)], builtin=False)


@pytest.fixture(scope="session")
def lint(nlp, fixture_ruleset):
    """lint(text, *rule_ids) -> findings from only those fixture rules (a Linter is cached per selection)."""
    from recordlint.engine.linter import Linter

    linters: dict[tuple[str, ...], Linter] = {}

    def run(text: str, *rule_ids: str):
        if rule_ids not in linters:
            rules = [fixture_ruleset.get(rid) for rid in rule_ids]
            assert all(rules), f"unknown fixture rule in {rule_ids}"
            linters[rule_ids] = Linter(fixture_ruleset, nlp, rules)
        return next(linters[rule_ids].lint_texts([text]))

    return run


class CliResult:
    """What a CliRunner run printed, with stdout and stderr apart."""

    def __init__(self, result) -> None:
        self.raw = result
        self.exit_code = result.exit_code
        self.stdout = result.stdout
        self.stderr = result.stderr
        self.output = result.output

    def json(self) -> dict:
        return json.loads(self.stdout)

    def __repr__(self) -> str:
        return f"<exit {self.exit_code}\nstdout:\n{self.stdout}\nstderr:\n{self.stderr}>"


@pytest.fixture
def cli(nlp, monkeypatch):
    """cli(*args, input=None, env=None) runs `recordlint ...` in-process with the shared pipeline."""
    import recordlint.pipeline as pipeline
    from recordlint.cli import main

    real_build = pipeline.build_pipeline

    def build(model=None):
        if not model or model == pipeline.DEFAULT_MODEL:
            return nlp
        return real_build(model)

    monkeypatch.setattr(pipeline, "build_pipeline", build)

    def run(*args, input=None, env=None) -> CliResult:
        runner = CliRunner()
        result = runner.invoke(main, [str(a) for a in args], input=input, env=env)
        # An unhandled exception would also give exit 1; never mistake it for "findings".
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"unhandled {result.exception!r}\n{result.output}") from result.exception
        return CliResult(result)

    return run


@pytest.fixture
def note(tmp_path):
    """note(text, name='note.txt') writes a UTF-8 note and returns its path."""

    def write(text: str | bytes, name: str = "note.txt") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_bytes(text.encode("utf-8"))
        return path

    return write
