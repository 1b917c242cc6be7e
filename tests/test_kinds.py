"""Each check kind, using our own fixture packs (never the built-in packs' tuning)."""

from __future__ import annotations

from helpers import pack, spans_ok

LOWER = "fx-kinds.phrase-lower"
LEMMA = "fx-kinds.phrase-lemma"
DATA = "fx-kinds.phrase-data"
PATTERN = "fx-kinds.pattern"
LEXICON = "fx-kinds.pattern-lexicon"
ACRONYM = "fx-kinds.acronym"
ABSENCE = "fx-kinds.absence"


def texts(findings):
    return [f.text for f in findings]


# --- phrase ------------------------------------------------------------------

def test_phrase_lower_matches_case_insensitively_on_whole_tokens(lint):
    text = "The Service User declined. SERVICE USER again. The service users' room."
    found = lint(text, LOWER)
    assert texts(found) == ["Service User", "SERVICE USER"]
    spans_ok(text, found)


def test_phrase_lower_does_not_match_inflections_or_inside_words(lint):
    assert lint("Two placements ended. The replacement arrived.", LOWER) == []


def test_phrase_suggestions_are_per_term_with_rule_default_as_fallback(lint):
    found = lint("The service user left the placement for respite.", LOWER)
    got = {f.text: f.suggestions for f in found}
    assert got == {
        "service user": ("person", "Mr or Ms Name"),
        "placement": ("home",),
        "respite": ("a short break",),  # term with no suggestions: the rule's own list
    }
    by_text = {f.text: f for f in found}
    assert by_text["placement"].message == "'placement' is system language; try 'home'"
    assert by_text["service user"].rule == LOWER
    assert by_text["service user"].category == "fx-phrase-lower"
    assert by_text["service user"].severity.label == "warning"


def test_phrase_lemma_matches_inflected_forms(lint):
    text = "She absconded on Friday. He absconds often. They abscond."
    found = lint(text, LEMMA)
    assert texts(found) == ["absconded", "absconds", "abscond"]
    assert all(f.suggestions == ("left without saying where she was going",) for f in found)
    spans_ok(text, found)


def test_phrase_lemma_rule_with_default_severity_is_warning(lint):
    (finding,) = lint("She absconded.", LEMMA)
    assert finding.severity.label == "warning"


def test_phrase_terms_from_data_file(lint):
    found = lint("We will ascertain the date, then commence the plan.", DATA)
    assert {f.text: f.suggestions for f in found} == {
        "ascertain": ("find out",),
        "commence": ("start", "begin"),
    }
    assert found[1].message == "'commence' is officialese; plainer: 'start'"
    assert all(f.severity.label == "info" for f in found)


def test_minimal_team_north_rule_works_verbatim(cli, note):
    path = note("He goes to sleepover club on Fridays.\nHe spends Friday night at Oak House.\n")
    result = cli("check", "--rules", pack("sleepover.yaml"), "--select", "team-north",
                 "--format", "json", path)
    assert result.exit_code == 1, result
    (finding,) = result.json()["files"][0]["findings"]
    assert finding["rule"] == "team-north.sleepover"
    assert finding["category"] == "jargon"
    assert finding["severity"] == "warning"
    assert finding["text"] == "sleepover club"
    assert finding["message"] == "Say what the break is instead of 'sleepover club'"
    assert finding["suggestions"] == ["a night at Oak House"]
    assert (finding["line"], finding["column"]) == (1, 12)


def test_minimal_team_north_rule_passes_its_own_pass_example(cli, note):
    path = note("He spends Friday night at Oak House.\n")
    result = cli("check", "--rules", pack("sleepover.yaml"), "--select", "team-north.sleepover", path)
    assert result.exit_code == 0, result


# --- pattern -----------------------------------------------------------------

def test_pattern_token_patterns(lint):
    text = "She presented as confused. Both children presented well. He presented the award."
    found = lint(text, PATTERN)
    assert texts(found) == ["presented as", "presented well"]
    assert all(f.suggestions == ("seemed",) for f in found)
    assert found[0].message == "'presented as' is clinical shorthand"
    spans_ok(text, found)


def test_pattern_lexicon_expands_inside_in_list(lint):
    text = "Amy was tearful. Ben seemed withdrawn. Cal was quiet. Dee was happy."
    assert texts(lint(text, LEXICON)) == ["was tearful", "seemed withdrawn", "was quiet"]


def test_lexicon_is_expanded_at_load_time(fixture_ruleset):
    rule = fixture_ruleset.get(LEXICON)
    (pattern,) = rule.options["patterns"]
    assert pattern[1] == {"LOWER": {"IN": ["tearful", "withdrawn", "quiet"]}}


# --- acronym -----------------------------------------------------------------

def test_acronym_flags_unknown_acronym_shape(lint):
    (finding,) = lint("The XYZQ panel met on Tuesday.", ACRONYM)
    assert finding.text == "XYZQ"
    assert finding.suggestions == ()
    assert finding.message == "'XYZQ' is an unexplained acronym (what it stands for)"


def test_acronym_suggestion_is_the_expansion(lint):
    (finding,) = lint("Discussed the CIN plan.", ACRONYM)
    assert finding.text == "CIN"
    assert finding.suggestions == ("Child in Need",)
    assert finding.message == "'CIN' is an unexplained acronym (Child in Need)"


def test_acronym_allowlist_not_flagged(lint):
    assert lint("Saw his GP at the NHS walk-in centre.", ACRONYM) == []


def test_acronym_definition_before_use_suppresses_later_uses_only(lint):
    text = "The CIN plan was late. Child in Need (CIN) review today. The CIN plan continues."
    found = lint(text, ACRONYM)
    assert [(f.text, f.start) for f in found] == [("CIN", 4)]


def test_acronym_definition_acronym_first_form(lint):
    text = "The CIN plan was late. CIN (Child in Need) review today. The CIN plan continues."
    found = lint(text, ACRONYM)
    assert [(f.text, f.start) for f in found] == [("CIN", 4)]


def test_acronym_definition_of_another_acronym_does_not_explain_this_one(lint):
    text = "Child in Need (CIN) review. The CPP ends."
    assert texts(lint(text, ACRONYM)) == ["CPP"]


def test_acronym_plural(lint):
    text = "Both CPPs were reviewed."
    (finding,) = lint(text, ACRONYM)
    assert finding.text == "CPPs"
    assert finding.suggestions == ("Child Protection Plan",)
    spans_ok(text, [finding])


def test_acronym_all_caps_shouting_line_not_flagged(lint):
    assert texts(lint("She wrote BRB and left the room.", ACRONYM)) == ["BRB"]
    assert lint("SHE WROTE BRB AND LEFT THE MEETING EARLY", ACRONYM) == []


def test_acronym_heading_of_ordinary_words_not_flagged(lint):
    assert lint("HOME VISIT NOTES", ACRONYM) == []


def test_acronym_capitalised_ordinary_words_for_emphasis_not_flagged(lint):
    # Ordinary English words written in capitals for emphasis are not acronyms.
    assert lint("She SHOUTED at him.", ACRONYM) == []
    assert lint("He was VERY upset.", ACRONYM) == []


# --- absence -----------------------------------------------------------------

def test_absence_fires_with_trigger_and_no_evidence(lint):
    (finding,) = lint("Home visit. The kitchen was tidy.", ABSENCE)
    assert (finding.start, finding.end, finding.line, finding.column, finding.text) == (0, 0, 1, 1, "")
    assert finding.message == "Recorded 'Home visit' but no words from the child"
    assert finding.rule == ABSENCE and finding.category == "fx-absence"


def test_absence_note_level_finding_points_at_note_start_even_if_trigger_is_late(lint):
    text = "Notes typed up.\n\nLater I visited the flat and checked the fridge."
    (finding,) = lint(text, ABSENCE)
    assert (finding.start, finding.line, finding.column) == (0, 1, 1)
    assert "'visited'" in finding.message


def test_absence_silent_with_evidence(lint):
    assert lint("Home visit. Tyler told me he likes school.", ABSENCE) == []


def test_absence_evidence_anywhere_in_note(lint):
    assert lint("Home visit.\nKitchen tidy.\nLater Tyler said he was hungry.", ABSENCE) == []


def test_absence_quotes_count_as_evidence_by_default(lint):
    assert lint('Home visit. Tyler: "I want my dad".', ABSENCE) == []


def test_absence_silent_without_trigger(lint):
    assert lint("Phoned the school office about attendance.", ABSENCE) == []


def test_absence_veto(lint):
    assert lint("Home visit. No answer at the door.", ABSENCE) == []
