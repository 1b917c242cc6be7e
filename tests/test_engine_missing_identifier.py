"""Engine pieces added for the information-sharing, person-centred and personal-data packs.

The `missing` and `identifier` kinds, `supersedes` / `defers_to`, pack and rule
`formats`, `absence`'s `min_triggers`, `"@lexicon"` items in phrase lists, and
the compiler's shared and gated specs, fixed-word patterns and sentence filter.
Every pack here is written for the test; none of the built-in packs' tuning.
"""

from __future__ import annotations

import textwrap

import pytest

from helpers import one_line_error, spans_ok
from recordlint.engine.linter import Linter
from recordlint.errors import RulePackError
from recordlint.ruleset import load_ruleset


def write(tmp_path, body: str, name: str = "pack.yaml"):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def linter_for(tmp_path, nlp, body: str, *, explicit=None, extra: dict[str, str] | None = None, rules=None):
    for name, text in (extra or {}).items():
        write(tmp_path, text, name)
    ruleset = load_ruleset([str(write(tmp_path, body))], builtin=False)
    chosen = ruleset.rules if rules is None else [ruleset.get(r) for r in rules]
    return Linter(ruleset, nlp, chosen, explicit=explicit if explicit is not None else {r.id for r in chosen})


def lint_one(linter, text: str, fmt: str = "text"):
    from recordlint.findings import Record

    (report,) = linter.lint([Record("n", text, format=fmt)])
    spans_ok(text, report.findings)
    return report.findings


# --- missing ---------------------------------------------------------------------------------------

MISSING = """\
pack: fx-missing
lexicons:
  agencies: [school, police, gp]
rules:
  - id: fx-missing.why
    category: fx-sharing
    kind: missing
    message: "'{trigger}' does not say {looked_for}"
    looked_for: "why"
    trigger:
      phrases: [told the school, told the police]
      patterns:
        - [{LOWER: emailed}, {LOWER: the}, {LOWER: {IN: "@agencies"}}]
    evidence: [because, so that]
    scope: sentence
    after: 1
  - id: fx-missing.who
    category: fx-sharing
    kind: missing
    message: "'{trigger}' does not say {looked_for}"
    looked_for: "who"
    trigger:
      phrases: [told the school, told the police]
      patterns:
        - [{LOWER: emailed}, {LOWER: the}, {LOWER: {IN: "@agencies"}}]
    evidence:
      patterns:
        - [{LOWER: {IN: [mrs, mr, pc]}}, {IS_TITLE: true}]
    scope: paragraph
  - id: fx-missing.told
    category: fx-sharing
    kind: missing
    message: "'{trigger}': {looked_for}"
    looked_for: "say whether Mum knew"
    trigger: [told the school, told the police]
    evidence: [mum agreed, mum knows]
    scope: note
"""


@pytest.fixture
def missing(tmp_path, nlp):
    return linter_for(tmp_path, nlp, MISSING)


def by_rule(findings):
    out: dict[str, list[str]] = {}
    for f in findings:
        out.setdefault(f.rule, []).append(f.text)
    return out


def test_missing_reports_each_missing_part_on_the_same_trigger(missing):
    found = lint_one(missing, "I told the school on Monday.")
    assert by_rule(found) == {"fx-missing.why": ["told the school"], "fx-missing.who": ["told the school"],
                              "fx-missing.told": ["told the school"]}
    assert len({(f.start, f.end) for f in found}) == 1, "all three stand on one phrase"
    messages = {f.rule: f.message for f in found}
    assert messages["fx-missing.why"] == "'told the school' does not say why"
    assert messages["fx-missing.told"] == "'told the school': say whether Mum knew"


def test_missing_complete_record_has_no_finding(missing):
    text = "I told the school, Mrs Khan, because Amy was hurt. Mum agreed."
    assert lint_one(missing, text) == []


def test_missing_sentence_scope_with_after(missing):
    # the reason in the next sentence counts (after: 1); two sentences on does not
    assert "fx-missing.why" not in by_rule(lint_one(missing, "I told the school. It was because Amy was hurt."))
    late = "I told the school. Amy was hurt. It was because of the bruise."
    assert by_rule(lint_one(missing, late))["fx-missing.why"] == ["told the school"]
    # a reason before the trigger does not count (before: 0)
    early = "It was because Amy was hurt. I told the school."
    assert by_rule(lint_one(missing, early))["fx-missing.why"] == ["told the school"]


def test_missing_paragraph_scope(missing):
    same = "I told the school.\nMrs Khan took the call."
    assert "fx-missing.who" not in by_rule(lint_one(missing, same))
    apart = "I told the school.\n\nMrs Khan took the call."
    assert by_rule(lint_one(missing, apart))["fx-missing.who"] == ["told the school"]


def test_missing_note_scope(missing):
    text = "Mum agreed to the plan on Monday.\n\nLater I told the police because of the threats, PC Ray."
    assert lint_one(missing, text) == []


def test_missing_one_finding_per_rule_per_scope(missing):
    text = "I told the school and then told the police."
    found = by_rule(lint_one(missing, text))
    assert found["fx-missing.why"] == ["told the school"]
    assert found["fx-missing.told"] == ["told the school"]
    # in another sentence window the second trigger is its own event
    text = "I told the school. Amy cried.\nI told the police."
    assert by_rule(lint_one(missing, text))["fx-missing.why"] == ["told the school", "told the police"]


def test_missing_unless_applies_to_the_trigger(missing):
    assert lint_one(missing, 'Amy said "I told the school" and laughed.') == []


def test_missing_triggers_from_token_patterns_with_lexicons(missing):
    found = by_rule(lint_one(missing, "I emailed the GP on Friday."))
    assert found["fx-missing.why"] == ["emailed the GP"]


TRIGGER_FILE = """\
description: shared triggers
sources:
  X: "a source"
trigger:
  phrases: [passed on]
  patterns:
    - [{LOWER: referred}, {IS_TITLE: true}, {LOWER: to}, {LOWER: {IN: "@agencies"}}]
exceptions:
  phrases: [father passed on]
"""

SHARED = """\
pack: fx-shared
lexicons:
  agencies: [camhs, school]
rules:
  - id: fx-shared.one
    category: fx-sharing
    kind: missing
    message: "'{trigger}': {looked_for}"
    looked_for: "one"
    trigger_from: data/triggers.yaml
    evidence: [because]
  - id: fx-shared.two
    category: fx-sharing
    kind: missing
    message: "'{trigger}': {looked_for}"
    looked_for: "two"
    trigger_from: data/triggers.yaml
    evidence: [agreed]
    scope: note
"""


def test_trigger_from_file_is_shared_and_its_exceptions_apply(tmp_path, nlp):
    linter = linter_for(tmp_path, nlp, SHARED, extra={"data/triggers.yaml": TRIGGER_FILE})
    one, two = linter.span_checks
    assert one.trigger_key == two.trigger_key, "one registration for both rules"
    assert one.not_trigger_key == two.not_trigger_key
    found = lint_one(linter, "I referred Amy to CAMHS. Mum agreed.")
    assert by_rule(found) == {"fx-shared.one": ["referred Amy to CAMHS"]}
    assert lint_one(linter, "Her father passed on last year.") == []
    assert by_rule(lint_one(linter, "I passed on the details."))["fx-shared.two"] == ["passed on"]
    assert linter.rules[0].data_files, "rules explain names the trigger file"


def test_missing_evidence_is_matched_only_where_a_trigger_is(tmp_path, nlp):
    linter = linter_for(tmp_path, nlp, SHARED, extra={"data/triggers.yaml": TRIGGER_FILE})
    check = linter.span_checks[0]
    doc = nlp("Mum agreed because she was worried.")
    hits = linter.compiler.run(doc)
    assert check.evidence_key not in hits, "no trigger: evidence never matched"
    doc = nlp("I passed on the plan because Mum agreed.")
    hits = linter.compiler.run(doc)
    assert hits[check.trigger_key] and hits[check.evidence_key]


@pytest.mark.parametrize("body,field,words", [
    ("    evidence: [because]\n", "trigger", "required"),
    ("    trigger: [told the school]\n", "evidence", "required"),
    ("    trigger: [x]\n    evidence: [y]\n    scope: page\n", "scope", "page"),
    ("    trigger: [x]\n    evidence: [y]\n    scope: note\n    after: 2\n", "after", "sentence"),
    ("    trigger: [\"@nowhere\"]\n    evidence: [y]\n", "trigger", "@nowhere"),
])
def test_missing_field_errors_name_file_rule_and_field(cli, note, tmp_path, body, field, words):
    head = "pack: fx-bad\nrules:\n  - id: fx-bad.rule\n    category: fx-bad\n    kind: missing\n    message: m\n"
    path = write(tmp_path, head + body)
    result = cli("check", "--rules", path, note("Some text.\n"))
    assert result.exit_code == 2, result
    message = one_line_error(result.stderr)
    assert f"{path}:" in message and "rule fx-bad.rule" in message and f"field '{field}" in message
    assert words in message


def test_missing_trigger_file_is_a_one_line_error(cli, note, tmp_path):
    head = "pack: fx-bad\nrules:\n  - id: fx-bad.rule\n    category: fx-bad\n    kind: missing\n    message: m\n"
    path = write(tmp_path, head + "    trigger_from: data/nope.yaml\n    evidence: [y]\n")
    result = cli("check", "--rules", path, note("Some text.\n"))
    assert result.exit_code == 2
    assert "nope.yaml: no such file" in one_line_error(result.stderr)
    bad = write(tmp_path, "trigger: [x]\nextra: 1\n", "data/bad.yaml")
    path = write(tmp_path, head + f"    trigger_from: data/{bad.name}\n    evidence: [y]\n")
    result = cli("check", "--rules", path, note("Some text.\n"))
    assert "trigger_from[data/bad.yaml].extra" in one_line_error(result.stderr)


# --- identifier ------------------------------------------------------------------------------------

IDENTIFIER = """\
pack: fx-id
rules:
  - id: fx-id.nhs
    category: fx-data
    kind: identifier
    unless: []
    message: "'{match}' is an NHS number"
    regex: '(?<!\\d)(?P<id>\\d{3}([ -]?)\\d{3}\\2\\d{4})(?!\\d)'
    check: nhs-mod11
    suggestions: ["remove it"]
  - id: fx-id.dob
    category: fx-data
    kind: identifier
    ignorecase: true
    message: "'{match}' is a date of birth"
    regex: '\\bdob:?\\s*(?P<id>\\d{1,2}/\\d{1,2}/\\d{4})'
    check: date
  - id: fx-id.plain
    category: fx-data
    kind: identifier
    message: "'{match}' is a case number"
    regex: 'CASE-\\d{4}'
"""


def test_identifier_checks_the_candidate_and_flags_the_named_group(tmp_path, nlp):
    linter = linter_for(tmp_path, nlp, IDENTIFIER)
    text = "NHS 401 023 2137 and 401 023 2138. DOB: 14/03/2016, dob 31/02/2016. Ref CASE-0042."
    found = lint_one(linter, text)
    assert [(f.rule, f.text) for f in found] == [
        ("fx-id.nhs", "401 023 2137"), ("fx-id.dob", "14/03/2016"), ("fx-id.plain", "CASE-0042")]
    assert found[0].suggestions == ("remove it",)
    assert found[0].message == "'401 023 2137' is an NHS number"


def test_identifier_unless_empty_flags_quoted_numbers(tmp_path, nlp):
    linter = linter_for(tmp_path, nlp, IDENTIFIER, rules=["fx-id.nhs"])
    assert [f.text for f in lint_one(linter, 'Mum read out "401 023 2137" to me.')] == ["401 023 2137"]


@pytest.mark.parametrize("body,field,words", [
    ("    check: nhs-mod11\n", "regex", "required"),
    ("    regex: '(unclosed'\n", "regex", "bad regular expression"),
    ("    regex: '\\d+'\n    check: luhn\n", "check", "luhn"),
])
def test_identifier_field_errors(cli, note, tmp_path, body, field, words):
    head = "pack: fx-bad\nrules:\n  - id: fx-bad.rule\n    category: fx-bad\n    kind: identifier\n    message: m\n"
    path = write(tmp_path, head + body)
    result = cli("check", "--rules", path, note("Some text.\n"))
    assert result.exit_code == 2, result
    message = one_line_error(result.stderr)
    assert "rule fx-bad.rule" in message and f"field '{field}'" in message and words in message


def test_identifier_checks_in_the_schema_are_the_checks_in_code():
    from recordlint.engine.kinds.identifier import CHECKS
    from recordlint.ruleset.jsonschema import KIND_FIELDS

    assert KIND_FIELDS["identifier"]["check"]["enum"] == list(CHECKS)


# --- supersedes and defers_to ----------------------------------------------------------------------

OVERLAP = """\
pack: fx-over
rules:
  - id: fx-over.jargon
    category: fx-jargon
    kind: phrase
    message: "jargon '{match}'"
    terms: [service user, lac, dna]
  - id: fx-over.other
    category: fx-jargon
    kind: phrase
    message: "other '{match}'"
    terms: [hub]
  - id: fx-over.label
    category: fx-person
    kind: phrase
    supersedes: [fx-jargon]
    message: "label '{match}'"
    terms: [the service user, the lac, the hub]
  - id: fx-over.brought
    category: fx-person
    kind: phrase
    supersedes: [fx-jargon]
    defers_to: [fx-over.jargon]
    message: "brought '{match}'"
    terms: [dna school]
"""


def test_supersedes_keeps_one_finding_per_phrase_across_categories(tmp_path, nlp):
    linter = linter_for(tmp_path, nlp, OVERLAP)
    found = lint_one(linter, "The service user is at the hub. Jo is LAC.")
    assert [(f.rule, f.text) for f in found] == [
        ("fx-over.label", "The service user"), ("fx-over.label", "the hub"), ("fx-over.jargon", "LAC")]


def test_defers_to_beats_supersedes(tmp_path, nlp):
    linter = linter_for(tmp_path, nlp, OVERLAP)
    assert [(f.rule, f.text) for f in lint_one(linter, "Riley DNA school.")] == [("fx-over.jargon", "DNA")]


def test_superseding_only_involves_rules_that_ran(tmp_path, nlp):
    alone = linter_for(tmp_path, nlp, OVERLAP, rules=["fx-over.brought"])
    assert [f.text for f in lint_one(alone, "Riley DNA school.")] == ["DNA school"]
    jargon = linter_for(tmp_path, nlp, OVERLAP, rules=["fx-over.jargon"])
    assert [f.text for f in lint_one(jargon, "The service user left.")] == ["service user"]


def test_equal_claims_keep_the_longer_span(tmp_path, nlp):
    body = """\
    pack: fx-mutual
    rules:
      - id: fx-mutual.a
        category: fx-a
        kind: phrase
        supersedes: [fx-b]
        message: "a"
        terms: [red]
      - id: fx-mutual.b
        category: fx-b
        kind: phrase
        supersedes: [fx-a]
        message: "b"
        terms: [red bus]
    """
    linter = linter_for(tmp_path, nlp, body)
    assert [f.rule for f in lint_one(linter, "A red bus.")] == ["fx-mutual.b"]


@pytest.mark.parametrize("value", ["[ALL]", "['not a selector']", "{a: b}"])
def test_bad_supersedes_is_a_load_error(tmp_path, value):
    body = f"pack: fx-bad\nrules:\n  - id: fx-bad.r\n    category: c\n    kind: phrase\n    message: m\n" \
           f"    terms: [x]\n    supersedes: {value}\n"
    with pytest.raises(RulePackError) as err:
        load_ruleset([str(write(tmp_path, body))], builtin=False)
    assert "supersedes" in str(err.value)


# --- formats ---------------------------------------------------------------------------------------

FORMATS = """\
pack: fx-formats
formats: [markdown, docx]
rules:
  - id: fx-formats.secret
    category: fx-secret
    kind: phrase
    message: "secret '{match}'"
    terms: [codeword]
  - id: fx-formats.everywhere
    category: fx-secret
    kind: phrase
    formats: [text, markdown, docx]
    message: "word '{match}'"
    terms: [password]
"""


def test_pack_formats_limit_rules_unless_named(tmp_path, nlp):
    linter = linter_for(tmp_path, nlp, FORMATS, explicit=frozenset())
    text = "The codeword and the password."
    assert [f.rule for f in lint_one(linter, text, "markdown")] == ["fx-formats.secret", "fx-formats.everywhere"]
    assert [f.rule for f in lint_one(linter, text, "docx")] == ["fx-formats.secret", "fx-formats.everywhere"]
    assert [f.rule for f in lint_one(linter, text, "text")] == ["fx-formats.everywhere"]
    named = linter_for(tmp_path, nlp, FORMATS, explicit={"fx-formats.secret"})
    assert [f.rule for f in lint_one(named, text, "text")] == ["fx-formats.secret", "fx-formats.everywhere"]


def test_formats_are_read_from_the_pack_and_shown(tmp_path):
    ruleset = load_ruleset([str(write(tmp_path, FORMATS))], builtin=False)
    assert ruleset.get("fx-formats.secret").formats == ("markdown", "docx")
    assert ruleset.get("fx-formats.everywhere").formats == ("text", "markdown", "docx")
    from recordlint.ruleinfo import as_dict, explain

    assert as_dict(ruleset, ruleset.get("fx-formats.secret"))["formats"] == ["markdown", "docx"]
    assert any("On by default for markdown, docx" in line for line in explain(ruleset, ruleset.get("fx-formats.secret")))


@pytest.mark.parametrize("line,field", [("formats: [pdf]\n", "formats"), ("formats: []\n", "formats")])
def test_bad_pack_formats(tmp_path, line, field):
    body = line + "pack: fx-bad\nrules:\n  - id: fx-bad.r\n    category: c\n    kind: phrase\n    message: m\n" \
                  "    terms: [x]\n"
    with pytest.raises(RulePackError) as err:
        load_ruleset([str(write(tmp_path, body))], builtin=False)
    assert f"field '{field}'" in str(err.value) and ":1:" in str(err.value)


def test_explicit_selection_names_rules_but_all_does_not():
    from recordlint.ruleset.schema import Rule
    from recordlint.findings import Severity
    from recordlint.selection import explicitly_selected

    rules = [Rule("pd.nhs", "personal-data", Severity.ERROR, "m", "phrase", "pd", "x"),
             Rule("pc.lab", "person-centred", Severity.ERROR, "m", "phrase", "pc", "x")]
    assert explicitly_selected(rules, ("ALL",)) == frozenset()
    assert explicitly_selected(rules, ("ALL", "personal-data")) == {"pd.nhs"}
    assert explicitly_selected(rules, ("pc.",)) == {"pc.lab"}
    assert explicitly_selected(rules, ("pd.nhs",)) == {"pd.nhs"}


def test_cli_formats_follow_select_extend_select_and_config(cli, note, tmp_path):
    pack = write(tmp_path, FORMATS, "packs/fx.yaml")
    text = "The codeword.\n"
    md, txt = note(text, "a.md"), note(text, "b.txt")

    def rules(*args):
        result = cli("check", "--isolated", "--rules", pack, "--format", "json", *args)
        return [(Path(f["path"]).name, g["rule"]) for f in result.json()["files"] for g in f["findings"]
                if g["category"] == "fx-secret"]

    from pathlib import Path

    assert rules(md, txt) == [("a.md", "fx-formats.secret")]
    assert rules("--select", "fx-secret", md, txt) == [("a.md", "fx-formats.secret"), ("b.txt", "fx-formats.secret")]
    assert rules("--extend-select", "fx-formats.secret", txt) == [("b.txt", "fx-formats.secret")]
    assert rules("--select", "ALL", txt) == []
    config = write(tmp_path, f"rules: [{pack}]\nselect: [fx-secret]\n", "cfg/recordlint.yaml")
    result = cli("check", "--config", config, "--format", "json", txt)
    assert [g["rule"] for f in result.json()["files"] for g in f["findings"]] == ["fx-formats.secret"]


# --- absence: min_triggers and {count} -------------------------------------------------------------

ABSENCE = """\
pack: fx-count
rules:
  - id: fx-count.mum
    category: fx-person
    severity: info
    kind: absence
    message: "'{trigger}' {count} times"
    min_triggers: 3
    quotes_are_evidence: false
    trigger:
      phrases: [mum]
    exceptions: [her mum]
    evidence:
      patterns:
        - [{LOWER: mum}, {ORTH: "("}, {IS_TITLE: true}]
"""


def test_absence_min_triggers_counts_accepted_triggers(tmp_path, nlp):
    linter = linter_for(tmp_path, nlp, ABSENCE)
    (finding,) = lint_one(linter, "Mum came. Mum sat. Mum left. Mum rang.")
    assert finding.message == "'Mum' 4 times" and finding.start == finding.end == 0
    assert lint_one(linter, "Mum came. Mum sat.") == []
    assert lint_one(linter, "Mum came. Mum sat. I saw her mum.") == [], "exceptions do not count"
    assert lint_one(linter, 'Mum came. Mum sat. Amy said "mum is kind".') == [], "quoted ones do not count"
    assert lint_one(linter, "Mum (Sara Khan) came. Mum sat. Mum left.") == []


def test_min_triggers_must_be_positive(tmp_path):
    with pytest.raises(RulePackError) as err:
        load_ruleset([str(write(tmp_path, ABSENCE.replace("min_triggers: 3", "min_triggers: 0")))], builtin=False)
    assert "min_triggers" in str(err.value)


def test_lexicon_items_expand_in_phrase_lists(tmp_path, nlp):
    body = """\
    pack: fx-lex
    lexicons:
      roles: [dsl, head teacher]
    rules:
      - id: fx-lex.roles
        category: fx-lex
        kind: absence
        message: "no role"
        trigger: [told the school]
        evidence: ["@roles", senco]
    """
    ruleset = load_ruleset([str(write(tmp_path, body))], builtin=False)
    assert ruleset.get("fx-lex.roles").options["evidence"].phrases == ("dsl", "head teacher", "senco")


# --- compiler: fixed-word patterns and the sentence filter give the same matches -------------------

SAMPLES = [
    "His mum said the LAC review is on Friday. Her dad (Mr Bell) came.",
    "Mum, Sara Khan, rang. The mother said no. Riley (9) did not attend school.",
    "I emailed the school (Oakfield). Dad, Tom, agreed. The case was closed.",
]
PATTERNS = [
    [{"LOWER": {"IN": ["his", "her", "the"]}}, {"LOWER": {"IN": ["mum", "dad", "mother"]}}],
    [{"LOWER": {"IN": ["mum", "dad"]}}, {"ORTH": "("}, {"IS_TITLE": True}],
    [{"LOWER": {"IN": ["mum", "dad"]}}, {"ORTH": ","}, {"IS_TITLE": True}, {"ORTH": ","}],
    [{"IS_TITLE": True}, {"ORTH": "("}, {"LIKE_NUM": True}, {"ORTH": ")"}, {"LOWER": "did"}, {"LOWER": "not"},
     {"LOWER": "attend"}],
    [{"LOWER": "the"}, {"LOWER": "case"}, {"LOWER": {"IN": ["was", "is"]}}, {"LOWER": "closed"}],
    [{"LOWER": "emailed"}, {"OP": "{0,2}"}, {"LOWER": "school"}],
]


def test_compiled_patterns_match_exactly_as_a_plain_matcher(nlp):
    from spacy.matcher import Matcher

    from recordlint.engine.compiler import Compiler

    compiler = Compiler(nlp)
    for i, pattern in enumerate(PATTERNS):
        compiler.add_patterns(f"p{i}", [pattern])
    assert compiler._used, "the fixed-word pattern became phrases"
    for text in SAMPLES:
        doc = nlp(text)
        hits = compiler.run(doc)
        for i, pattern in enumerate(PATTERNS):
            plain = Matcher(nlp.vocab)
            plain.add("p", [pattern])
            assert sorted((s, e) for _, s, e in plain(doc)) == sorted(hits.get(f"p{i}", [])), (text, pattern)


def test_required_word_sets_are_exact_requirements_only():
    from recordlint.engine.compiler import required_word_sets

    pattern = [{"LOWER": {"IN": ["a", "b"]}}, {"ORTH": "("}, {"LOWER": "x", "OP": "?"}, {"IS_TITLE": True},
               {"TEXT": {"REGEX": "^d"}}, {"LOWER": "multi word"}]
    assert required_word_sets(pattern) == [frozenset({"a", "b"}), frozenset({"("})]


# --- skeletons -------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["missing", "identifier"])
def test_new_skeleton_of_the_new_kinds_passes_its_examples(cli, tmp_path, kind):
    target = tmp_path / f"{kind}.yaml"
    assert cli("rules", "new", f"team-west.{kind}", "--kind", kind, "--output", target).exit_code == 0
    tested = cli("rules", "test", "-v", target)
    assert tested.exit_code == 0, tested
    assert f"ok   team-west.{kind}" in tested.stdout
