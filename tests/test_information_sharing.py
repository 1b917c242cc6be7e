"""The information-sharing pack: each missing part of a record of sharing is its own finding.

The notes are written for these tests (fictional people and places).
"""

from __future__ import annotations

import pytest

from helpers import spans_ok
from recordlint.engine.linter import Linter
from recordlint.ruleset import load_ruleset

PARTS = ("what", "who", "why", "consent", "confirmed")
RULES = tuple(f"information-sharing.{p}" for p in PARTS)


@pytest.fixture(scope="module")
def sharing(nlp):
    ruleset = load_ruleset()
    linter = Linter(ruleset, nlp, [ruleset.get(r) for r in RULES])

    def run(text: str) -> dict[str, list[str]]:
        findings = next(linter.lint_texts([text]))
        spans_ok(text, findings)
        out: dict[str, list[str]] = {}
        for f in findings:
            assert f.category == "information-sharing"
            out.setdefault(f.rule.split(".")[1], []).append(f.text)
        return out

    return run


COMPLETE = [
    # email to a school, with consent and a reply
    "Home visit to Jayden (7) and his mum, Leanne Carr. After the visit I emailed Mrs Patel, the designated "
    "safeguarding lead at Oakfield Primary, a copy of the safety plan so that staff know who may collect Jayden. "
    "Ms Carr agreed to this before I sent it. Mrs Patel replied at 16:40 to confirm she had received and read "
    "the plan and will brief his class teacher.",
    # police, without telling the parent because it was not safe
    "Jayden told me Dad hit him with a belt on Saturday. At 15:10 I told PC Amir Khan of the Child Abuse "
    "Investigation Team what Jayden said, because a crime may have been committed. I did not tell Mr Carr or "
    "Ms Carr first: my manager and PC Khan agreed that warning them could put Jayden at risk. PC Khan gave the "
    "crime reference 44/1032/25 and read back the details.",
    # a referral, with the young person's agreement and confirmation of receipt
    "I referred Keisha (15) to CAMHS for an assessment of her low mood, with the school's attendance figures and "
    "her own account attached. Keisha and her mum agreed to the referral. The CAMHS duty worker, Sam Reid, "
    "confirmed receipt by email on 4 June.",
    # adult services: GP, with consent
    "With Mr Okafor's consent I emailed Dr Shah at Riverside Surgery a summary of today's falls assessment, to "
    "ask her to review his blood pressure tablets. Dr Shah replied the same day and has booked a review.",
]


@pytest.mark.parametrize("text", COMPLETE, ids=["school", "police", "referral", "gp"])
def test_a_complete_record_gets_no_finding(sharing, text):
    assert sharing(text) == {}


def test_a_bare_sharing_note_gets_one_finding_per_missing_part(nlp):
    ruleset = load_ruleset()
    linter = Linter(ruleset, nlp, [ruleset.get(r) for r in RULES])
    text = "Visit completed. MASH informed."
    findings = next(linter.lint_texts([text]))
    assert sorted(f.rule for f in findings) == sorted(RULES)
    assert {f.text for f in findings} == {"MASH informed"}, "every finding is anchored on the sharing phrase"
    assert len({(f.start, f.end) for f in findings}) == 1
    messages = {f.rule.split(".")[1]: f.message for f in findings}
    assert "what was shared" in messages["what"]
    assert "who received it" in messages["who"]
    assert "why it was shared" in messages["why"]
    assert "knew or agreed" in messages["consent"] and "not safe" in messages["consent"]
    assert "received and understood" in messages["confirmed"]
    assert {f.severity.label for f in findings if f.rule != "information-sharing.confirmed"} == {"warning"}


# Each note below is complete but for one part.
ONE_MISSING = {
    "what": "I emailed Mrs Patel, the DSL at Oakfield Primary, so that staff can watch Jayden at pick-up. "
            "Ms Carr agreed. Mrs Patel replied to confirm she had it.",
    "who": "Ms Carr agreed to this at the visit. I then emailed the school a copy of the safety plan so that "
           "staff know who may collect Jayden. The school office replied to confirm receipt.",
    "why": "I emailed Mrs Patel, the DSL at Oakfield Primary, a copy of the safety plan. Ms Carr agreed. "
           "Mrs Patel replied to confirm she had received it.",
    "consent": "I emailed Mrs Patel, the DSL at Oakfield Primary, a copy of the safety plan so that staff know "
               "who may collect Jayden. Mrs Patel replied to confirm she had received it.",
    "confirmed": "I emailed Mrs Patel, the DSL at Oakfield Primary, a copy of the safety plan so that staff know "
                 "who may collect Jayden. Ms Carr agreed.",
}


@pytest.mark.parametrize("part", PARTS)
def test_only_the_missing_part_is_reported(sharing, part):
    found = sharing(ONE_MISSING[part])
    assert list(found) == [part], found
    assert found[part] in (["emailed Mrs Patel"], ["emailed the school"])


NOT_SHARING = [
    # a meeting that is only mentioned
    "Core group meeting held at Oakfield Primary with the health visitor, the school nurse and Ms Carr. "
    "Actions agreed and minutes to follow.",
    "Strategy discussion with police and health at 10:00. Decision: section 47 enquiries.",
    # plans to share later
    "I will share the safety plan with the school tomorrow and ask Mrs Patel to confirm she has it.",
    "The chronology will be sent to the police once Ms Carr has seen it.",
    # information that came in, not out
    "A MASH referral was received from Oakfield Primary on Monday about a bruise on Jayden's arm.",
    "The school shared their attendance figures with me: 84% this term.",
    "Jayden was referred by his GP in March.",
    # someone else's sharing
    "Ms Carr told the school she is moving to Leeds in the summer.",
    "Reece told his teacher that his stepdad pushed him.",
    "The school informed the police on Friday.",
    # other senses
    "Her father passed on last year and she still misses him.",
    "He was sent to school without breakfast twice this week.",
    "Ms Carr referred to the school meeting several times.",
    # supervision inside the team
    "I told my manager about the visit and we agreed the next steps.",
    # the person's own words
    'Keisha said "I told the police everything" and cried.',
    # nothing shared
    "I did not tell the school, as Ms Carr asked me not to and there are no safeguarding concerns.",
]


@pytest.mark.parametrize("text", NOT_SHARING)
def test_what_is_not_a_sharing_event(sharing, text):
    assert sharing(text) == {}


def test_each_event_in_a_note_is_checked_on_its_own(sharing):
    text = ("I told the police what Jayden said on Monday, because a crime may have been committed; "
            "I spoke to PC 4471 at the front desk. Ms Carr was not told as it was not safe. "
            "PC 4471 gave the log number 1123.\n\n"
            "On Tuesday I sent the strategy minutes to the school.")
    found = sharing(text)
    assert found == {"who": ["sent the strategy minutes to the school"],
                     "why": ["sent the strategy minutes to the school"]}


def test_one_finding_per_part_for_one_event_told_twice(sharing):
    found = sharing("I informed the school and the GP.")
    assert all(len(texts) == 1 for texts in found.values()), found


def test_the_pack_runs_by_default_and_by_category_from_the_cli(cli, note):
    path = note("Home visit. Jayden was tired. TOC form sent.\n")
    result = cli("check", "--isolated", "--format", "json", path)
    assert result.exit_code == 1
    rules = {f["rule"] for f in result.json()["files"][0]["findings"] if f["category"] == "information-sharing"}
    assert {"information-sharing.who", "information-sharing.why"} <= rules
    only = cli("check", "--isolated", "--format", "json", "--select", "information-sharing", path)
    assert {f["category"] for f in only.json()["files"][0]["findings"]} == {"information-sharing"}
    ignored = cli("check", "--isolated", "--format", "json", "--ignore", "information-sharing.confirmed", path)
    assert "information-sharing.confirmed" not in {f["rule"] for f in ignored.json()["files"][0]["findings"]}


@pytest.mark.parametrize("part", PARTS)
def test_explain_shows_the_principle(cli, part):
    result = cli("rules", "explain", f"information-sharing.{part}")
    assert result.exit_code == 0
    why = result.stdout.split("Why it matters\n", 1)[1].splitlines()[0]
    assert why.strip() and "(the rule gives no 'why')" not in why
    assert "sharing-events.yaml" in result.stdout, "the trigger file and its sources are named"
