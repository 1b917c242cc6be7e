"""The shared `unless` conditions and `exceptions`, on our own fixture rules.

Every case is linted twice: by `fx-unless.none` (same term, `unless: []`),
which must flag it, and by the rule with only the condition under test,
which must not. So removing the condition makes the finding appear.
"""

from __future__ import annotations

import pytest

NONE = "fx-unless.none"

CASES = [
    # condition, text that the condition must block
    ("quoted", 'Mum said "the house is chaotic" and laughed.'),
    ("quoted", "Mum said “the house is chaotic” and laughed."),
    ("quoted", "Mum said ‘the house is chaotic’ and laughed."),
    ("quoted", "Mum said 'the house is chaotic' and laughed."),
    ("quoted", 'Mum said "the house is chaotic and walked off'),  # unbalanced: runs to line end
    ("quoted", 'He wrote "mornings are\nchaotic" on the card.'),  # straight quote across one line break
    ("attributed", "In my professional opinion the house is chaotic."),
    ("attributed", "The house is chaotic, I think."),
    ("hedged", "The house appeared chaotic."),
    ("hedged", "Mornings might be chaotic."),
    ("reported", "Mum said the house is chaotic."),
    ("reported", "According to school, mornings are chaotic."),
    ("specific", "Mornings were chaotic on Monday."),
    ("specific", "Mornings were chaotic at 8:15 when the bus came."),
    ("specific", "Mornings were chaotic twice this week."),
    ("evidenced", "The kitchen was chaotic because there were plates on every surface."),
    ("evidenced", "The kitchen was chaotic; I saw plates on every surface."),
    ("evidenced", "There were 14 plates and the kitchen was chaotic."),
]


@pytest.mark.parametrize("condition,text", CASES, ids=[f"{c}-{i}" for i, (c, _) in enumerate(CASES)])
def test_condition_blocks_and_removing_it_flags(lint, condition, text):
    assert [f.text for f in lint(text, NONE)] == ["chaotic"], "control rule (unless: []) must flag"
    assert lint(text, f"fx-unless.{condition}") == [], f"unless: [{condition}] must block"
    assert lint(text, "fx-unless.all") == []


@pytest.mark.parametrize("condition", ["quoted", "attributed", "hedged", "reported", "specific", "evidenced"])
def test_condition_does_not_block_a_plain_statement(lint, condition):
    text = "The house is chaotic."
    assert [f.text for f in lint(text, f"fx-unless.{condition}")] == ["chaotic"]


def test_default_unless_is_quoted(lint, fixture_ruleset):
    assert fixture_ruleset.get("fx-unless.default").unless == ("quoted",)
    assert lint('Mum said "the house is chaotic".', "fx-unless.default") == []
    assert [f.text for f in lint("The house is chaotic.", "fx-unless.default")] == ["chaotic"]


def test_unbalanced_quote_stops_at_end_of_line(lint):
    text = 'Mum said "the house is chaotic\nThe garden is chaotic too.'
    found = lint(text, "fx-unless.quoted")
    assert [(f.text, f.line) for f in found] == [("chaotic", 2)]


def test_apostrophes_are_not_quotes(lint):
    text = "Mum's house is chaotic and the boys' room isn't tidy."
    assert [f.text for f in lint(text, "fx-unless.quoted")] == ["chaotic"]


def test_quote_in_another_sentence_does_not_block(lint):
    text = 'He said "hello". The house is chaotic.'
    assert [f.text for f in lint(text, "fx-unless.quoted")] == ["chaotic"]


def test_hedge_in_another_clause_does_not_block(lint):
    text = "The garden seemed tidy but the house is chaotic."
    assert [f.text for f in lint(text, "fx-unless.hedged")] == ["chaotic"]


def test_attribution_in_another_sentence_does_not_block(lint):
    text = "I think we should meet. The house is chaotic."
    assert [f.text for f in lint(text, "fx-unless.attributed")] == ["chaotic"]


def test_specifics_before_the_match_do_not_count(lint):
    text = "On Monday the house was chaotic."
    assert [f.text for f in lint(text, "fx-unless.specific")] == ["chaotic"]


def test_quoted_applies_to_pattern_kind(lint):
    assert lint('She said "it was chaotic" to me.', "fx-unless.pattern-quoted") == []
    assert [f.text for f in lint("It was chaotic.", "fx-unless.pattern-quoted")] == ["was chaotic"]


def test_quoted_applies_to_acronym_kind(lint):
    assert lint('She wrote "I hate the CIN meetings" on the board.', "fx-unless.acronym-quoted") == []
    assert [f.text for f in lint("The CIN meeting.", "fx-unless.acronym-quoted")] == ["CIN"]


def test_unless_applies_to_absence_trigger(lint):
    # a hedged trigger does not make the rule apply; a plain one does
    assert lint("I may have visited the wrong flat.", "fx-unless.absence-hedged") == []
    (finding,) = lint("I visited the flat.", "fx-unless.absence-hedged")
    assert finding.start == 0


def test_exceptions_phrases_and_patterns(lint):
    assert [f.text for f in lint("Contact with Dad went well.", "fx-unless.exceptions")] == ["Contact"]
    assert lint("He made eye contact with me.", "fx-unless.exceptions") == []
    assert lint("There was no contact this week.", "fx-unless.exceptions") == []
    text = "He made eye contact. Contact with Dad went well."
    assert [(f.text, f.start) for f in lint(text, "fx-unless.exceptions")] == [("Contact", 21)]
