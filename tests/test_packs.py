"""Rule-pack validation: a bad pack stops the run with exit 2 and one line naming file, rule, field."""

from __future__ import annotations

import textwrap
import time

import pytest

from helpers import one_line_error, pack
from recordlint.errors import RulePackError
from recordlint.ruleset import load_ruleset

GOOD_RULE = """\
pack: fx-bad
rules:
  - id: fx-bad.first
    category: fx-bad
    message: "fine"
    kind: phrase
    terms: [alpha]
"""


def write_pack(tmp_path, body: str, name: str = "pack.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def rule_pack(**fields) -> str:
    """A one-rule pack; fields given as raw YAML lines, in order, after `id`."""
    lines = ["pack: fx-bad", "rules:", "  - id: fx-bad.rule"]
    lines += [f"    {key}: {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n"


BASE = {"category": "fx-bad", "message": '"m"', "kind": "phrase", "terms": "[alpha]"}


def bad(**changes) -> str:
    fields = {**BASE, **changes}
    return rule_pack(**{k: v for k, v in fields.items() if v is not None})


def run_bad(cli, note, path):
    result = cli("check", "--rules", path, note("Some text.\n"))
    assert result.exit_code == 2, result
    assert "Traceback" not in result.output
    assert result.stdout == ""
    return one_line_error(result.stderr)


# --- each validation error: file, rule, field, line --------------------------

FIELD_CASES = [
    (bad(colour="red"), "colour", 8, "not a field"),
    (bad(kind="regex"), "kind", 6, "regex"),
    (bad(severity="critical"), "severity", 8, "critical"),
    (bad(category='"Not A Category"'), "category", 4, "lower-case"),
    (bad(message=None), "message", 3, "required"),
    (bad(message='"bad {placeholder"'), "message", 5, "placeholder"),
    (bad(unless="[quoted, sarcastic]"), "unless", 8, "sarcastic"),
    (bad(requires="[telepathy]"), "requires", 8, "telepathy"),
    (bad(attr="SHAPEISH"), "attr", 8, "SHAPEISH"),
    (bad(terms=None), "terms", 3, "required"),
    (bad(kind="pattern", terms=None, patterns='[[{LOWER: {IN: "@nowhere"}}]]'), "patterns", 7, "@nowhere"),
    (bad(kind="pattern", terms=None, patterns="[bare]"), "patterns", 7, "token patterns"),
    (bad(kind="absence", terms=None, evidence="[said]"), "trigger", 3, "required"),
    (bad(examples="{flag: [x], fail: [y]}"), "examples.fail", 8, "not a known field"),
]


@pytest.mark.parametrize("body,field,line,words", FIELD_CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(FIELD_CASES)])
def test_rule_field_errors(cli, note, tmp_path, body, field, line, words):
    # `line` is the field's own line, or the rule's `id:` line for a missing field
    path = write_pack(tmp_path, body)
    message = run_bad(cli, note, path)
    assert message.startswith(f"recordlint: error: {path}:{line}: rule fx-bad.rule: field '{field}': "), message
    assert words in message


def test_bad_token_pattern_is_reported_at_load_with_rule_and_field(cli, note, tmp_path):
    path = write_pack(tmp_path, bad(kind="pattern", terms=None, patterns="[[{LOWERR: x}]]"))
    message = run_bad(cli, note, path)
    assert str(path) in message and "rule fx-bad.rule" in message and "field 'patterns'" in message
    assert "LOWERR" in message


def test_bad_token_pattern_operator(cli, note, tmp_path):
    path = write_pack(tmp_path, bad(kind="pattern", terms=None, patterns='[[{LOWER: x, OP: "%"}]]'))
    message = run_bad(cli, note, path)
    assert "rule fx-bad.rule" in message and "field 'patterns'" in message


def test_rule_pack_error_attributes(tmp_path):
    path = write_pack(tmp_path, bad(severity="critical"))
    with pytest.raises(RulePackError) as info:
        load_ruleset([str(path)], builtin=False)
    err = info.value
    assert (err.source, err.rule, err.field, err.line) == (str(path), "fx-bad.rule", "severity", 8)
    assert err.exit_code == 2
    assert "\n" not in str(err)


def test_unknown_top_level_key(cli, note, tmp_path):
    path = write_pack(tmp_path, "pack: fx-bad\nrulez: []\n")
    message = run_bad(cli, note, path)
    assert f"{path}:2" in message and "'rulez'" in message


def test_pack_must_be_a_mapping(cli, note, tmp_path):
    path = write_pack(tmp_path, "- just\n- a list\n")
    assert str(path) in run_bad(cli, note, path)


def test_pack_needs_a_name(cli, note, tmp_path):
    path = write_pack(tmp_path, GOOD_RULE.replace("pack: fx-bad\n", ""))
    assert "field 'pack'" in run_bad(cli, note, path)


def test_rule_needs_an_id(cli, note, tmp_path):
    path = write_pack(tmp_path, GOOD_RULE.replace("id: fx-bad.first", "name: fx-bad.first"))
    assert "field 'id'" in run_bad(cli, note, path)


def test_duplicate_id_across_two_packs_names_both_files(cli, note, tmp_path):
    first = write_pack(tmp_path, GOOD_RULE, "one.yaml")
    second = write_pack(tmp_path, GOOD_RULE.replace("pack: fx-bad", "pack: fx-other"), "two.yaml")
    result = cli("check", "--rules", first, "--rules", second, note("text\n"))
    assert result.exit_code == 2
    message = one_line_error(result.stderr)
    assert str(first) in message and str(second) in message
    assert "fx-bad.first" in message and "duplicate" in message


def test_duplicate_of_a_builtin_rule_id(cli, note, tmp_path):
    path = write_pack(tmp_path, GOOD_RULE.replace("fx-bad.first", "jargon.acronym"))
    message = run_bad(cli, note, path)
    assert "jargon.acronym" in message and "duplicate" in message and "jargon.yaml" in message


def test_yaml_syntax_error_names_the_line(cli, note, tmp_path):
    body = GOOD_RULE.replace("terms: [alpha]", "terms: [alpha\n  - id: fx-bad.second")
    path = write_pack(tmp_path, body)
    message = run_bad(cli, note, path)
    assert message.startswith(f"recordlint: error: {path}:8: invalid YAML"), message


def test_yaml_tab_indentation_error(cli, note, tmp_path):
    path = write_pack(tmp_path, "pack: fx-bad\nrules:\n\t- id: x\n")
    message = run_bad(cli, note, path)
    assert f"{path}:3" in message and "invalid YAML" in message


# --- hostile YAML ------------------------------------------------------------

BILLION_LAUGHS = """\
pack: fx-bad
lexicons:
  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
  i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
rules:
  - id: fx-bad.lol
    category: fx-bad
    message: "m"
    kind: pattern
    patterns:
      - [{LOWER: {IN: *i}}]
"""


def test_billion_laughs_is_refused_quickly(cli, note, tmp_path):
    path = write_pack(tmp_path, BILLION_LAUGHS)
    started = time.perf_counter()
    message = run_bad(cli, note, path)
    assert time.perf_counter() - started < 10
    assert str(path) in message and "alias" in message


def test_simple_alias_is_refused(tmp_path):
    body = GOOD_RULE.replace("terms: [alpha]", "terms: &t [alpha]\n    suggestions: *t")
    path = write_pack(tmp_path, body)
    with pytest.raises(RulePackError, match="alias"):
        load_ruleset([str(path)], builtin=False)


def test_python_object_tags_are_refused_and_never_run(cli, note, tmp_path):
    marker = tmp_path / "pwned"
    body = GOOD_RULE.replace('message: "fine"',
                             f'message: !!python/object/apply:os.system ["touch {marker}"]')
    path = write_pack(tmp_path, body)
    message = run_bad(cli, note, path)
    assert f"{path}:5" in message and "python/object" in message
    assert not marker.exists()


def test_bare_no_in_a_list_gives_the_boolean_hint(cli, note, tmp_path):
    path = write_pack(tmp_path, bad(terms="[yes, no, maybe]"))
    message = run_bad(cli, note, path)
    assert "field 'terms'" in message
    assert "quote words like 'no'" in message


def test_bare_no_in_a_pattern_list_gives_the_boolean_hint(cli, note, tmp_path):
    path = write_pack(tmp_path, bad(kind="pattern", terms=None, patterns="[[{LOWER: {IN: [no, never]}}]]"))
    message = run_bad(cli, note, path)
    assert "field 'patterns'" in message and "quote words like 'no'" in message


def test_bare_no_as_a_pattern_value_gives_the_boolean_hint(cli, note, tmp_path):
    path = write_pack(tmp_path, bad(kind="pattern", terms=None, patterns="[[{LOWER: no}, {LOWER: contact}]]"))
    message = run_bad(cli, note, path)
    assert "field 'patterns'" in message and "quote words like 'no'" in message


# --- data files --------------------------------------------------------------

def test_terms_from_must_stay_inside_the_pack_folder(cli, note, tmp_path):
    (tmp_path / "outside.yaml").write_text("terms: [alpha]\n", encoding="utf-8")
    inner = tmp_path / "packs"
    inner.mkdir()
    path = write_pack(inner, bad(terms=None, terms_from="../outside.yaml"))
    message = run_bad(cli, note, path)
    assert "field 'data'" in message or "terms_from" in message
    assert "inside the pack" in message


def test_missing_terms_from_file(cli, note, tmp_path):
    path = write_pack(tmp_path, bad(terms=None, terms_from="data/missing.yaml"))
    assert "missing.yaml" in run_bad(cli, note, path)


# --- good packs load ---------------------------------------------------------

def test_rules_folder_loads_every_top_level_pack(tmp_path):
    write_pack(tmp_path, GOOD_RULE, "one.yaml")
    write_pack(tmp_path, GOOD_RULE.replace("fx-bad", "fx-two"), "two.yml")
    write_pack(tmp_path, "not: a pack", "ignored.txt")
    ruleset = load_ruleset([str(tmp_path)], builtin=False)
    assert sorted(r.id for r in ruleset.rules) == ["fx-bad.first", "fx-two.first"]


def test_fixture_packs_load_with_builtins():
    ruleset = load_ruleset([pack("fx-kinds.yaml"), pack("sleepover.yaml")])
    ids = {r.id for r in ruleset.rules}
    assert {"team-north.sleepover", "fx-kinds.acronym", "jargon.acronym"} <= ids
    assert ruleset.cues, "built-in context cues are loaded with the built-in packs"
