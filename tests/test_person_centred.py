"""The person-centred pack: labels, blaming wording, unnamed parents, and one finding per phrase
where the jargon pack also matches (`supersedes: [jargon]`).

The notes are written for these tests (fictional people and places).
"""

from __future__ import annotations

import pytest

from helpers import spans_ok
from recordlint.engine.linter import Linter
from recordlint.ruleset import load_ruleset
from recordlint.selection import select_rules


@pytest.fixture(scope="module")
def builtin():
    return load_ruleset()


@pytest.fixture(scope="module")
def lint(nlp, builtin):
    """lint(text, select=..., ignore=...) -> [(rule, text)] with the built-in packs."""
    linters: dict = {}

    def run(text: str, select=(), ignore=()):
        key = (tuple(select), tuple(ignore))
        if key not in linters:
            linters[key] = Linter(builtin, nlp, select_rules(builtin.rules, tuple(select), tuple(ignore)))
        findings = next(linters[key].lint_texts([text]))
        spans_ok(text, findings)
        return findings

    return run


def pairs(findings, category=None):
    return [(f.rule, f.text) for f in findings if category is None or f.category == category]


# --- labels ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,label,suggestion", [
    ("The LAC was settled at school and ate all her lunch.", "The LAC", "the child's name"),
    ("I saw the CIN child after school on Tuesday.", "the CIN child", "the child's name"),
    ("We have three LAC children placed in the borough.", "LAC children", "children in care"),
    ("The service user declined her lunch at 12:30.", "service user", "the person's name"),
    ("The client said she wants to stay at home.", "The client", "the person's name"),
    ("Her husband is the main carer for the cared-for person.", "the cared-for person", "the person's name"),
])
def test_labels_in_place_of_people(lint, text, label, suggestion):
    found = [f for f in lint(text, select=["person-centred"]) if f.rule == "person-centred.labels"]
    assert [f.text for f in found] == [label]
    assert found[0].suggestions[0] == suggestion
    assert label in found[0].message and "label in place of a person" in found[0].message


@pytest.mark.parametrize("text", [
    "The LAC review is on Friday at 10:00.",
    "The CIN plan was reviewed with Ms Carr.",
    "Kayden's brother has a CP plan.",
    "Amara has been in care since March and is settled at school.",
    'She wrote "I hate being called the LAC" on her worksheet.',
])
def test_acronyms_naming_meetings_and_plans_are_not_labels(lint, text):
    assert pairs(lint(text, select=["person-centred.labels"])) == []


def test_the_case_as_a_person(lint):
    text = "The case said she did not want to go home. I visited the case at her nan's flat."
    assert pairs(lint(text, select=["person-centred.the-case"])) == [
        ("person-centred.the-case", "The case said"), ("person-centred.the-case", "visited the case")]
    quiet = "The case was closed in May. In the case of a fire the alarm sounds. The case was allocated to me."
    assert lint(quiet, select=["person-centred.the-case"]) == []


# --- one finding per phrase: labels stay jargon; blame and exploitation wording is person-centred ------

@pytest.mark.parametrize("text,jargon,label", [
    ("The LAC was settled at school.", ("jargon.acronym", "LAC"), ("person-centred.labels", "The LAC")),
    ("The service user declined lunch.", ("jargon.care-language", "service user"),
     ("person-centred.labels", "service user")),
])
def test_a_label_in_both_packs_is_reported_once_as_jargon(lint, text, jargon, label):
    found = pairs(lint(text))
    covering = [p for p in found if p[1] in label[1] or label[1] in p[1]]
    assert covering == [jargon]  # as the corpus guidelines class it; the jargon entry carries the same advice
    # without the jargon pack the person-centred finding is there
    assert label in pairs(lint(text, ignore=["jargon"]))


@pytest.mark.parametrize("text,person_centred,jargon_alone", [
    ("Kayla (15) is involved in CSE with men from the town.", ("person-centred.exploitation", "involved in CSE"),
     ("jargon.care-language", "involved in CSE")),
    ("The family are hard to reach.", ("person-centred.blaming", "hard to reach"),
     ("jargon.care-language", "hard to reach")),
])
def test_a_phrase_in_both_packs_is_reported_once_as_person_centred(lint, text, person_centred, jargon_alone):
    found = lint(text)
    covering = [p for p in pairs(found) if p[1] in person_centred[1] or person_centred[1] in p[1]]
    assert covering == [person_centred]
    # without the person-centred pack the jargon finding is there, unchanged
    assert jargon_alone in pairs(lint(text, ignore=["person-centred"]))


def test_superseding_never_changes_other_jargon_findings(lint):
    text = ("Home visit. The LAC was settled. Discussed the CIN plan and the TAF with Ms Carr. "
            "The service user declined lunch. She is hard to reach. Placement stable, contact going well.")
    with_pc = lint(text)
    without = lint(text, ignore=["person-centred"])
    pc_spans = [(f.start, f.end) for f in with_pc if f.category == "person-centred" and f.start != f.end]

    def overlapped(f):
        return any(f.start < e and s < f.end for s, e in pc_spans)

    jargon_with = [(f.rule, f.start, f.end) for f in with_pc if f.category == "jargon"]
    jargon_without = [(f.rule, f.start, f.end) for f in without if f.category == "jargon" and not overlapped(f)]
    assert jargon_with == jargon_without
    assert len(jargon_with) < len([f for f in without if f.category == "jargon"])


# --- was not brought -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,span", [
    ("The baby did not attend her six-week check.", "baby did not attend"),
    ("Both children failed to attend the eye clinic.", "children failed to attend"),
    ("Riley (9) did not attend the dentist again.", "Riley (9) did not attend"),
    ("Noah did not attend nursery on Monday or Tuesday.", "did not attend nursery"),
])
def test_did_not_attend_for_a_child(lint, text, span):
    found = [f for f in lint(text) if f.category == "person-centred"]
    assert [f.text for f in found] == [span]
    assert found[0].suggestions[0] == "was not brought"


@pytest.mark.parametrize("text", [
    "Ms Carr did not attend the core group.",
    "Mr Lowe (74) did not attend his outpatient appointment.",
    "Ms Carr did not attend the school meeting.",
    "Dad failed to attend his probation appointment.",
    "The baby was not brought to her six-week check.",
])
def test_adults_who_did_not_attend_are_not_flagged(lint, text):
    assert [f for f in lint(text) if f.category == "person-centred"] == []


def test_dna_is_reported_once_jargon_first_then_person_centred_once_spelled_out(lint):
    # jargon.acronym's advice for DNA already says "was not brought": the person-centred rule gives way
    found = lint("Riley DNA school x2 last week.")
    assert [p for p in pairs(found) if "DNA" in p[1]] == [("jargon.acronym", "DNA")]
    # once the note spells DNA out, jargon is quiet about it and person-centred speaks
    text = "Riley (9) did not attend (DNA) school on Monday. Riley DNA school again on Tuesday."
    found = lint(text)
    assert pairs(found, "person-centred") == [("person-centred.not-brought", "Riley (9) did not attend"),
                                              ("person-centred.not-brought", "DNA school")]
    assert [p for p in pairs(found, "jargon") if "DNA" in p[1]] == []
    # and alone, the rule reports the acronym too
    assert pairs(lint("Riley DNA school x2.", select=["person-centred"])) == [
        ("person-centred.not-brought", "DNA school")]


# --- blaming wording -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,span,words", [
    ("Staff say Kyle is attention seeking when he climbs on tables.", "attention seeking",
     "needs attention or connection"),
    ("Tyler kicked off when his phone was taken.", "kicked off", "say what happened"),
    ("The family are hard to reach.", "hard to reach", "what was tried"),
    ("This looks like disguised compliance.", "disguised compliance", "what the family agreed"),
    ("Chloe (14) is putting herself at risk by going to parties.", "putting herself at risk", "is being exploited"),
    ("Kayla (15) is involved in CSE.", "involved in CSE", "is being sexually exploited"),
    ("He is involved in county lines.", "involved in county lines", "criminally exploited"),
])
def test_blaming_wording_gets_a_suggestion(lint, text, span, words):
    found = [f for f in lint(text, select=["person-centred"]) if f.start != f.end]
    assert [f.text for f in found] == [span]
    assert words in " ".join(found[0].suggestions)


@pytest.mark.parametrize("text", [
    "The match kicked off at 3pm and Tyler scored.",
    "Mr Lyle is putting himself at risk of falls by climbing on chairs.",
    'Tyler said "I kicked off because they took my phone".',
    "Kayla (15) is being sexually exploited by men from the town.",
    "CSE screening tool completed today.",
    "I tried to visit three times; no one answered and two letters have had no reply.",
])
def test_everyday_senses_and_good_practice_are_not_flagged(lint, text):
    assert [f for f in lint(text, select=["person-centred"]) if f.start != f.end] == []


# --- parents who are never named ---------------------------------------------------------------------

UNNAMED = "person-centred.parent-unnamed"


def test_mum_throughout_without_a_name_is_one_info_finding(lint):
    text = ("Home visit at 16:00. Mum answered the door. Mum said the children were at school. "
            "I asked Mum about the rent arrears and Dad came in from work.")
    (finding,) = [f for f in lint(text) if f.rule == UNNAMED]
    assert finding.severity.label == "info" and finding.start == finding.end == 0
    assert finding.message.startswith("'Mum' is used 4 times but the parent is never named")


@pytest.mark.parametrize("text", [
    "Home visit. Mum (Leanne Carr) answered. Mum said the children were at school. I asked Mum about rent.",
    "Present: Ms Harper (mother) and Jasmine. Mum said Jasmine sleeps well. Mum made tea. Mum smiled.",
    "Home visit to see Oliver (13) and his mum, Gemma Price. Mum said he stays up. Mum was tired. Mum laughed.",
    "Visit to Leanne Carr, Jayden's mum, at home. Mum said he sleeps well. Mum was tired. Mum laughed.",
    "Mum said she is tired. Mum made tea.",
    "Life-story work with Tia. We looked at photos of her mum, her dad and one of her mum as a girl.",
    'Jasmine said "Mum is nice, Mum reads to me, Mum loves me".',
])
def test_a_named_parent_or_a_passing_mention_is_no_finding(lint, text):
    assert [f for f in lint(text) if f.rule == UNNAMED] == []


def test_explain_shows_the_principle_for_every_rule(cli, builtin):
    for rule in (r for r in builtin.rules if r.pack == "person-centred"):
        result = cli("rules", "explain", rule.id)
        assert result.exit_code == 0
        assert "Why it matters\n  Person-centred" in result.stdout, rule.id
        assert "Sources of its word lists" in result.stdout
