"""`recordlint rules ...`: list, explain, test and start rules.

Only click is imported here at module level, so `recordlint --help` stays fast;
each command imports what it needs when it runs.
"""

from __future__ import annotations

import click

from recordlint.clikit import guard as _guard, warn as _warn


def _pack_options(command):
    """--rules, --config and --isolated, as `check` has them: the packs come from the config file's
    `rules:` (found from the working folder upward), unless --rules is given, which replaces them."""
    command = click.option("--isolated", is_flag=True, help="Ignore every config file.")(command)
    command = click.option("--config", "config_path", metavar="PATH", default=None,
                           help="Use this config file; skip discovery.")(command)
    return click.option(
        "--rules", "rule_paths", multiple=True, metavar="PATH",
        help="Extra rule pack file or folder, or a Vale style folder (repeatable).")(command)


def _settings(rule_paths, config_path, isolated, model=None):
    from pathlib import Path

    from recordlint.config import resolve

    given = {"rules": tuple(rule_paths)} if rule_paths else {}
    if model:
        given["model"] = model
    return resolve(given, config=config_path, isolated=isolated, start=Path.cwd())


def _pack_paths(rule_paths, config_path, isolated) -> tuple[str, ...]:
    return tuple(_settings(rule_paths, config_path, isolated).rules)


def _load(rule_paths, config_path, isolated):
    from recordlint.ruleset import load_ruleset

    return load_ruleset(_pack_paths(rule_paths, config_path, isolated), warn=_warn)


@click.group()
def rules() -> None:
    """List, explain, test and start rules (built-in packs, plugins and --rules packs)."""


@rules.command("list")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@_pack_options
def list_rules(output_format, rule_paths, config_path, isolated) -> None:
    """Every active rule: id, category, severity, kind, pack, source file and description.

    JSON is {"rules": [...]}, one object per rule.
    """

    def run() -> int:
        import json

        from recordlint.ruleinfo import as_dict, location, summary

        ruleset = _load(rule_paths, config_path, isolated)
        if output_format == "json":
            click.echo(json.dumps({"rules": [as_dict(ruleset, r) for r in ruleset.rules]}, indent=2,
                                  ensure_ascii=False))
            return 0
        rows = [(r.id, r.category, r.severity.label, r.kind, r.pack, location(r)) for r in ruleset.rules]
        header = ("RULE", "CATEGORY", "SEVERITY", "KIND", "PACK", "SOURCE")
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
        line = "  ".join(f"{{:<{w}}}" for w in widths) + "  {}"
        click.echo(line.format(*header))
        for rule, row in zip(ruleset.rules, rows):
            click.echo(line.format(*row))
            text = summary(rule)
            if text:
                click.echo(f"    {text}")
        packs = len({r.pack for r in ruleset.rules})
        tail = f"{len(ruleset.rules)} rule(s) from {packs} pack(s)"
        if ruleset.disabled:
            tail += f"; disabled: {', '.join(sorted(ruleset.disabled))}"
        click.echo(tail)
        return 0

    _guard(run)


@rules.command("explain")
@click.argument("rule_id", metavar="RULE")
@_pack_options
def explain_rule(rule_id, rule_paths, config_path, isolated) -> None:
    """What RULE looks for, why it matters, what to write instead, its examples and sources."""

    def run() -> int:
        import difflib

        from recordlint.errors import RecordlintError
        from recordlint.ruleinfo import explain

        ruleset = _load(rule_paths, config_path, isolated)
        rule = ruleset.get(rule_id)
        if rule is None:
            if rule_id in ruleset.disabled:
                raise RecordlintError(f"rule {rule_id} is disabled by {ruleset.disabled[rule_id]}")
            close = difflib.get_close_matches(rule_id, [r.id for r in ruleset.rules], n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else " (see recordlint rules list)"
            raise RecordlintError(f"no rule {rule_id!r}{hint}")
        for line in explain(ruleset, rule):
            click.echo(line)
        return 0

    _guard(run)


@rules.command("test")
@click.argument("paths", nargs=-1, metavar="[PATH ...]")
@_pack_options
@click.option("--model", default=None, metavar="NAME",
              help="An installed spaCy pipeline (default: the config's, else blank English); "
                   "rules that `require` a parser are skipped without one.")
@click.option("--verbose", "-v", is_flag=True, help="Also list every rule that passed.")
def test_rules(paths, rule_paths, config_path, isolated, model, verbose) -> None:
    """Run rules' own examples: each `flag` example must get a finding from its rule, each `pass` example none.

    With PATHs (pack files or folders), tests the rules they define or `extend`; without, every
    rule: the built-in packs, installed plugins and the configured (or --rules) packs. Failures
    name the rule and the example. Exit status: 0 all pass, 1 a failure or a rule that does not
    load, 2 usage error.
    """

    def run() -> int:
        from pathlib import Path

        from recordlint import pipeline
        from recordlint.errors import RecordlintError, RulePackError
        from recordlint.ruleset import load_ruleset
        from recordlint.ruletest import check_ruleset, rules_from

        for path in paths:
            if not Path(path).exists():
                raise RecordlintError(f"{path}: no such rule pack file or folder")
        errors: list[RulePackError] = []
        settings = _settings(rule_paths, config_path, isolated, model)
        ruleset = load_ruleset(tuple(paths) + tuple(settings.rules), warn=_warn, errors=errors)
        chosen = rules_from(ruleset, paths) if paths else list(ruleset.rules)
        for err in errors:
            click.echo(f"ERROR {err}")
        if not chosen and not errors:
            click.echo("no rules to test")
            return 0
        nlp = pipeline.build_pipeline(settings.model)
        caps = pipeline.capabilities(nlp)
        skipped = [r for r in chosen if set(r.requires) - caps]
        failures = check_ruleset(ruleset, nlp, chosen)
        failed_ids = {f.rule for f in failures}
        for rule in chosen:
            if rule in skipped:
                need = ", ".join(sorted(set(rule.requires) - caps))
                click.echo(f"SKIP {rule.id}: needs {need}, which this pipeline lacks (use --model)")
            elif verbose and rule.id not in failed_ids:
                count = len(rule.examples.flag) + len(rule.examples.pass_)
                click.echo(f"ok   {rule.id} ({count} example(s))")
        for failure in failures:
            click.echo(f"FAIL {failure}")
        examples = sum(len(r.examples.flag) + len(r.examples.pass_) for r in chosen if r not in skipped)
        tested = len(chosen) - len(skipped)
        summary = f"{tested} rule(s), {examples} example(s): {len(failures)} failure(s)"
        if errors:
            summary += f", {len(errors)} rule(s) or pack(s) that do not load"
        if skipped:
            summary += f"; {len(skipped)} skipped"
        click.echo(summary)
        return 1 if failures or errors else 0

    _guard(run)


@rules.command("new")
@click.argument("rule_id", metavar="ID")
@click.option("--kind", "kind_name", required=True, metavar="KIND",
              help="phrase, pattern, acronym, absence, missing, identifier, existence, substitution, occurrence, "
                   "conditional, or a plugin's kind.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Write the pack to this file instead of stdout.")
@click.option("--force", is_flag=True, help="Overwrite --output if it exists.")
def new_rule(rule_id, kind_name, output, force) -> None:
    """Write a commented skeleton pack holding one rule ID of the given kind.

    The skeleton of every built-in kind loads and passes `recordlint rules test` as written.
    """

    def run() -> int:
        from pathlib import Path

        from recordlint.engine.kinds import kinds
        from recordlint.errors import RecordlintError
        from recordlint.ruleset.loader import _ID
        from recordlint.skeletons import skeleton

        if not _ID.match(rule_id):
            raise RecordlintError(f"rule id {rule_id!r}: use letters, digits, '.', '-' or '_', "
                                  "e.g. team-north.sleepover")
        available = kinds()
        if kind_name not in available:
            raise RecordlintError(f"--kind {kind_name}: must be one of {', '.join(available)}")
        cls = available[kind_name]
        text = skeleton(rule_id, kind_name, getattr(cls, "template", "") or None, cls.fields)
        if output is None:
            click.echo(text, nl=False)
            return 0
        target = Path(output)
        if target.exists() and not force:
            raise RecordlintError(f"{output}: already exists (use --force to overwrite)")
        try:
            target.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise RecordlintError(f"{output}: cannot write: {exc.strerror or exc}") from None
        click.echo(f"wrote {output}; test it with: recordlint rules test {output}", err=True)
        return 0

    _guard(run)


@rules.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the rule-pack format (with any installed plugins' kinds)."""

    def run() -> int:
        import json

        from recordlint.engine.kinds import BUILTIN_KINDS, kinds
        from recordlint.ruleset.jsonschema import rule_pack_schema

        available = kinds()
        plugin_kinds = {}
        for name in available:
            if name not in BUILTIN_KINDS:
                plugin_kinds[name] = available[name].fields
        click.echo(json.dumps(rule_pack_schema(plugin_kinds), indent=2, ensure_ascii=False))
        return 0

    _guard(run)
