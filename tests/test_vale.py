"""Vale rule files and the regex kinds behind them: existence, substitution, occurrence, conditional."""

from __future__ import annotations

import textwrap

import pytest

from helpers import FIXTURES, one_line_error, spans_ok
from recordlint.errors import RulePackError
from recordlint.ruleset import load_ruleset
from recordlint.ruleset.vale import convert_message

STYLE = FIXTURES / "vale" / "CareStyle"
BROKEN = FIXTURES / "vale" / "Broken"
SKIPPED = {"CareStyle.Order": "sequence", "CareStyle.Spelling": "spelling", "CareStyle.Headings": "heading"}


@pytest.fixture(scope="module")
def style():
    warnings: list[str] = []
    ruleset = load_ruleset([str(STYLE)], builtin=False, warn=warnings.append)
    return ruleset, warnings


@pytest.fixture
def vale_lint(nlp, context_yaml, tmp_path):
    """vale_lint({"Name.yml": yaml}, text) -> findings of those Vale rules (folder `Fx`), plus warnings."""
    from recordlint.engine.linter import Linter

    def run(files: dict[str, str], text: str, warnings: list[str] | None = None):
        folder = tmp_path / "Fx"
        folder.mkdir(exist_ok=True)
        for name, body in files.items():
            (folder / name).write_text(textwrap.dedent(body), encoding="utf-8")
        ruleset = load_ruleset([str(folder), str(context_yaml)], builtin=False,
                               warn=(warnings if warnings is not None else []).append)
        findings = next(Linter(ruleset, nlp).lint_texts([text]))
        spans_ok(text, findings)
        return findings

    return run


# --- loading and mapping ---------------------------------------------------------

def test_style_folder_becomes_a_pack_of_rules(style):
    ruleset, _ = style
    by_id = {r.id: r for r in ruleset.rules}
    assert set(by_id) == {"CareStyle.Jargon", "CareStyle.Shouting", "CareStyle.Terms", "CareStyle.Exclaim",
                          "CareStyle.Signed", "CareStyle.Acronyms"}
    assert {r.pack for r in ruleset.rules} == {"CareStyle"}
    assert {r.category for r in ruleset.rules} == {"carestyle"}
    kinds = {rid: r.kind for rid, r in by_id.items()}
    assert kinds == {"CareStyle.Jargon": "existence", "CareStyle.Shouting": "existence",
                     "CareStyle.Terms": "substitution", "CareStyle.Exclaim": "occurrence",
                     "CareStyle.Signed": "occurrence", "CareStyle.Acronyms": "conditional"}
    severities = {rid: r.severity.label for rid, r in by_id.items()}
    assert severities["CareStyle.Jargon"] == "warning"
    assert severities["CareStyle.Shouting"] == "error"
    assert severities["CareStyle.Terms"] == "info"  # level: suggestion
    assert by_id["CareStyle.Jargon"].link == "https://example.org/care-style/jargon"
    assert by_id["CareStyle.Jargon"].unless == ()  # Vale has no unless
    assert by_id["CareStyle.Jargon"].path == str(STYLE / "Jargon.yml")
    info = ruleset.pack_info[str(STYLE / "Jargon.yml")]
    assert (info.name, info.format) == ("CareStyle", "vale")


def test_messages_get_recordlint_placeholders(style):
    ruleset, _ = style
    assert ruleset.get("CareStyle.Jargon").message == "Avoid '{match}': say what you mean."
    assert ruleset.get("CareStyle.Terms").message == "Use '{suggestions}' instead of '{match}'."


@pytest.mark.parametrize("vale_type,message,expected", [
    ("existence", "Avoid '%s'.", "Avoid '{match}'."),
    ("substitution", "Use '%s' instead of '%s'.", "Use '{suggestions}' instead of '{match}'."),
    ("substitution", "Prefer '%s'.", "Prefer '{suggestions}'."),
    ("existence", "Braces {like} this and 100%% of '%s'", "Braces {{like}} this and 100% of '{match}'"),
    ("conditional", "'%s' has no definition.", "'{match}' has no definition."),
])
def test_convert_message(vale_type, message, expected):
    assert convert_message(message, vale_type) == expected
    expected.format(match="m", suggestions="s")  # always a valid template


def test_unsupported_types_are_skipped_with_one_warning_each(style):
    ruleset, warnings = style
    assert len(warnings) == len(SKIPPED)
    for rule_id, word in SKIPPED.items():
        (line,) = [w for w in warnings if rule_id in w]
        assert "\n" not in line and word in line and "skipped" in line
        assert ruleset.get(rule_id) is None
    assert ruleset.warnings == warnings


def test_check_through_the_cli_warns_in_one_line_each_and_finds(cli, note):
    text = ("Going forward the service user will have a contact session!!\n"
            "Great! Lovely! Super!\nMum met the IRO and her GP.\n")
    result = cli("check", "--format", "json", "--select", "CareStyle", "--rules", STYLE, note(text))
    assert result.exit_code == 1, result
    assert "Traceback" not in result.stderr
    warning_lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(warning_lines) == 3 and all(w.startswith("recordlint: warning: ") for w in warning_lines)
    findings = result.json()["files"][0]["findings"]
    got = {(f["rule"], f["text"]) for f in findings}
    assert got == {
        ("CareStyle.Signed", ""),  # min: 1 and no 'Signed:' → note-level
        ("CareStyle.Jargon", "Going forward"),
        ("CareStyle.Terms", "service user"),
        ("CareStyle.Terms", "contact session"),
        ("CareStyle.Shouting", "!!"),
        ("CareStyle.Exclaim", "!"),  # the third '!' of five, past max: 2
        ("CareStyle.Acronyms", "IRO"),  # GP is an exception
    }
    by_rule = {f["rule"]: f for f in findings}
    assert by_rule["CareStyle.Jargon"]["message"] == "Avoid 'Going forward': say what you mean."
    terms = [f for f in findings if f["rule"] == "CareStyle.Terms"]
    assert terms[0]["message"] == "Use 'person or people' instead of 'service user'."
    assert terms[0]["suggestions"] == ["person", "people"]
    assert by_rule["CareStyle.Exclaim"]["line"] == 2 and by_rule["CareStyle.Exclaim"]["column"] == 6
    assert by_rule["CareStyle.Shouting"]["severity"] == "error"


def test_rules_test_runs_the_examples_in_vale_files(cli):
    result = cli("rules", "test", STYLE)
    assert result.exit_code == 0, result
    assert "6 rule(s)" in result.stdout and "0 failure(s)" in result.stdout


def test_rules_list_shows_vale_rules(cli):
    result = cli("rules", "list", "--format", "json", "--rules", STYLE)
    assert result.exit_code == 0, result
    rows = {r["id"]: r for r in result.json()["rules"]}
    assert rows["CareStyle.Terms"]["kind"] == "substitution"
    assert rows["CareStyle.Terms"]["pack"] == "CareStyle"
    assert rows["CareStyle.Terms"]["source"].endswith("Terms.yml")


def test_a_single_vale_file_takes_its_folder_as_pack(tmp_path):
    ruleset = load_ruleset([str(STYLE / "Terms.yml")], builtin=False)
    assert [r.id for r in ruleset.rules] == ["CareStyle.Terms"]


# --- errors ----------------------------------------------------------------------

def test_bad_regex_is_a_load_error_naming_file_line_rule_and_field(cli, note):
    path = BROKEN / "BadRegex.yml"
    result = cli("check", "--rules", path, note("Going forward.\n"))
    assert result.exit_code == 2, result
    message = one_line_error(result.stderr)
    assert message.startswith(f"recordlint: error: {path}:4: rule Broken.BadRegex: field 'tokens[1]': "), message
    assert "bad regular expression '(unclosed'" in message


def test_bad_level_names_the_field(tmp_path):
    with pytest.raises(RulePackError) as info:
        load_ruleset([str(BROKEN / "BadLevel.yml")], builtin=False)
    err = info.value
    assert (err.rule, err.field, err.line) == ("Broken.BadLevel", "level", 3)


def test_rules_test_lists_every_broken_vale_rule(cli):
    result = cli("rules", "test", BROKEN)
    assert result.exit_code == 1, result
    errors = [line for line in result.stdout.splitlines() if line.startswith("ERROR ")]
    assert len(errors) == 2
    assert any("Broken.BadRegex" in e and "tokens[1]" in e for e in errors)
    assert any("Broken.BadLevel" in e and "'level'" in e for e in errors)


def test_exceptions_regex_error_names_the_vale_field(tmp_path):
    folder = tmp_path / "Fx"
    folder.mkdir()
    (folder / "Bad.yml").write_text("extends: existence\nmessage: m\ntokens: [a]\nexceptions:\n  - '[z'\n")
    with pytest.raises(RulePackError) as info:
        load_ruleset([str(folder)], builtin=False)
    assert info.value.field == "exceptions[0]" and info.value.line == 4


@pytest.mark.parametrize("body,word", [
    ("extends: substitution\nmessage: m\nPOS: NN\nswap: {a: b}\n", "POS"),
    ("extends: conditional\nmessage: m\nfirst: a\nsecond: b\nin: headings\n", "'in'"),
    ("extends: script\nmessage: m\nscript: x\n", "script"),
    ("extends: frobnicate\nmessage: m\n", "unknown Vale type"),
])
def test_unsupported_settings_skip_the_rule_with_a_warning(tmp_path, body, word):
    folder = tmp_path / "Fx"
    folder.mkdir()
    (folder / "Rule.yml").write_text(body)
    warnings: list[str] = []
    ruleset = load_ruleset([str(folder)], builtin=False, warn=warnings.append)
    assert ruleset.rules == []
    assert len(warnings) == 1 and word in warnings[0] and "Fx.Rule" in warnings[0]


def test_unknown_keys_are_ignored_with_a_warning(vale_lint):
    warnings: list[str] = []
    found = vale_lint({"Odd.yml": "extends: existence\nmessage: m\ntokens: [alpha]\nflavour: mint\n"},
                      "An alpha day.", warnings)
    assert [f.text for f in found] == ["alpha"]
    assert len(warnings) == 1 and "'flavour'" in warnings[0]


# --- existence ---------------------------------------------------------------------

def test_existence_tokens_are_whole_words_and_case_sensitive_by_default(vale_lint):
    rule = {"W.yml": "extends: existence\nmessage: \"'%s'\"\ntokens: [contact]\n"}
    found = vale_lint(rule, "contact, contacts, Contact, recontact.")
    assert [f.text for f in found] == ["contact"]
    assert found[0].message == "'contact'"


def test_existence_ignorecase_and_nonword(vale_lint):
    found = vale_lint({"W.yml": "extends: existence\nmessage: m\nignorecase: true\nnonword: true\ntokens: [tact]\n"},
                      "Tact and contact.")
    assert [f.text for f in found] == ["Tact", "contact"]  # nonword: inside words too (widened to the token)


def test_existence_raw_pieces_are_joined(vale_lint):
    rule = {"R.yml": "extends: existence\nmessage: m\nraw:\n  - '\\b(?:very|really)'\n  - '\\s+'\n  - 'good\\b'\n"}
    found = vale_lint(rule, "A very good day, a really  good one, a good one.")
    assert [f.text for f in found] == ["very good", "really  good"]


def test_existence_go_style_inline_flags_in_a_token(vale_lint):
    found = vale_lint({"F.yml": "extends: existence\nmessage: m\ntokens: ['(?i)as per', 'ASAP']\n"},
                      "As per the plan, asap. ASAP.")
    assert [f.text for f in found] == ["As per", "ASAP"]


def test_existence_exceptions_inside_the_match_or_around_it(vale_lint):
    rule = {"E.yml": """\
        extends: existence
        message: m
        ignorecase: true
        tokens: ['\\w+ concerns']
        exceptions: [no concerns, concerns about]
        """}
    found = vale_lint(rule, "Mum has no concerns. School raised concerns about attendance. Dad has concerns.")
    assert [f.text for f in found] == ["raised concerns", "has concerns"]


def test_existence_action_replace_gives_suggestions(vale_lint):
    rule = {"A.yml": "extends: existence\nmessage: m\ntokens: [utilise]\naction:\n  name: replace\n  params: [use]\n"}
    (finding,) = vale_lint(rule, "We will utilise the room.")
    assert finding.suggestions == ("use",)


# --- substitution ------------------------------------------------------------------

def test_substitution_skips_text_already_right_and_offers_alternatives(vale_lint):
    rule = {"S.yml": """\
        extends: substitution
        message: "Use '%s' instead of '%s'."
        ignorecase: true
        swap:
          e-?mail: email
          LAC: child in care|looked-after child
        """}
    found = vale_lint(rule, "I sent an e-mail and an Email to the LAC team.")
    assert [f.text for f in found] == ["e-mail", "LAC"]
    assert found[0].message == "Use 'email' instead of 'e-mail'."
    assert found[1].suggestions == ("child in care", "looked-after child")


def test_substitution_longest_key_wins(vale_lint):
    rule = {"S.yml": "extends: substitution\nmessage: m\nswap:\n  contact: family time\n"
                     "  contact session: family time session\n"}
    (finding,) = vale_lint(rule, "The contact session went well.")
    assert finding.text == "contact session" and finding.suggestions == ("family time session",)


# --- occurrence --------------------------------------------------------------------

def test_occurrence_min_with_none_is_a_note_level_finding(vale_lint):
    rule = {"M.yml": "extends: occurrence\nmessage: Sign the note.\nscope: raw\nmin: 1\ntoken: 'Signed:'\n"}
    (finding,) = vale_lint(rule, "Visited Amy.")
    assert (finding.start, finding.end, finding.line, finding.column) == (0, 0, 1, 1)
    assert vale_lint(rule, "Visited Amy. Signed: JS") == []


def test_occurrence_scope_sentence_gives_one_finding_per_sentence(vale_lint):
    rule = {"C.yml": "extends: occurrence\nmessage: m\nscope: sentence\nmax: 2\ntoken: ','\n"}
    text = "Apples, pears, plums, figs. Eggs, ham. Tea, milk, sugar, bread, jam."
    found = vale_lint(rule, text)
    assert len(found) == 2
    assert [text[:f.start].count(".") for f in found] == [0, 2]  # first and third sentences


def test_occurrence_scope_paragraph(vale_lint):
    rule = {"P.yml": "extends: occurrence\nmessage: '{count} times'\nscope: paragraph\nmax: 1\ntoken: '\\bI\\b'\n"}
    text = "I went. I saw.\n\nI left.\n"
    (finding,) = vale_lint(rule, text)
    assert finding.start == text.index("I saw")
    assert finding.message == "{count} times"  # Vale messages are text: braces are not placeholders


def test_occurrence_needs_max_or_min(tmp_path):
    folder = tmp_path / "Fx"
    folder.mkdir()
    (folder / "N.yml").write_text("extends: occurrence\nmessage: m\ntoken: a\n")
    with pytest.raises(RulePackError, match="field 'max'"):
        load_ruleset([str(folder)], builtin=False)


# --- conditional -------------------------------------------------------------------

ACRONYMS = {"A.yml": """\
    extends: conditional
    message: "'%s' is not defined"
    first: '\\b([A-Z]{3,5})\\b'
    second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'
    exceptions: [NHS]
    """}


def test_conditional_with_a_capture_group_accepts_only_defined_strings(vale_lint):
    text = "The Independent Reviewing Officer (IRO) met the SENCO. The IRO and the NHS."
    found = vale_lint(ACRONYMS, text)
    assert [f.text for f in found] == ["SENCO"]
    assert found[0].message == "'SENCO' is not defined"


def test_conditional_definition_later_in_the_note_counts(vale_lint):
    assert vale_lint(ACRONYMS, "The IRO came. Independent Reviewing Officer (IRO).") == []


def test_conditional_without_a_group_is_a_presence_check(vale_lint):
    rule = {"P.yml": "extends: conditional\nmessage: m\nfirst: '\\bsee attached\\b'\nsecond: 'Attachments:'\n"}
    assert [f.text for f in vale_lint(rule, "Please see attached.")] == ["see attached"]
    assert vale_lint(rule, "Please see attached.\nAttachments: plan.pdf") == []


# --- the regex kinds in a recordlint pack ------------------------------------------

def test_regex_kinds_in_a_native_pack(nlp, context_yaml, tmp_path):
    from recordlint.engine.linter import Linter

    path = tmp_path / "native.yaml"
    path.write_text(textwrap.dedent("""\
        pack: fx-re
        rules:
          - id: fx-re.asper
            category: fx-re
            message: "'{match}'"
            kind: existence
            tokens: [as per]
            ignorecase: true
          - id: fx-re.swap
            category: fx-re
            message: "'{suggestion}' for '{match}'"
            kind: substitution
            swap: {placement: home}
    """), encoding="utf-8")
    ruleset = load_ruleset([str(path), str(context_yaml)], builtin=False)
    text = 'As per plan he moved placement. She said "as per usual".'
    found = next(Linter(ruleset, nlp).lint_texts([text]))
    assert [(f.rule, f.text) for f in found] == [("fx-re.asper", "As per"), ("fx-re.swap", "placement")]
    assert found[1].message == "'home' for 'placement'"


@pytest.mark.parametrize("field,value", [
    ("tokens", "['a(']"), ("raw", "['[']"), ("exclude", "['(?<=a+)b']"),
])
def test_native_regex_errors_name_the_field(tmp_path, field, value):
    path = tmp_path / "bad.yaml"
    extra = "tokens: [ok]\n    " if field != "tokens" else ""
    path.write_text(f"pack: fx\nrules:\n  - id: fx.r\n    category: fx\n    message: m\n    kind: existence\n"
                    f"    {extra}{field}: {value}\n", encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_ruleset([str(path)], builtin=False)
    assert info.value.field.startswith(field) and "bad regular expression" in str(info.value)
    assert info.value.line == (7 if field == "tokens" else 8)
