"""`identifier`: numbers and codes that identify a person, found by a regular expression and
confirmed by a named `check` written in code (a check digit, an allocation rule, a real date).

Example: ten digits in 3-3-4 groups are only an NHS number when their modulus 11
check digit is right, so a made-up number in training material that fails the
check is not reported, and the rule can stay quiet on "NHS number field".

The expression is compiled when the pack loads. When it has a named group
`id`, that group is what the check sees and what the finding covers ("DOB:
[[3 May 2016]]"); otherwise the whole match. Matches are widened to whole
tokens for `unless` and `exceptions`, but the finding covers the identifier's
own characters ("JT 45 12 88 B" of "... B.").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable

from recordlint.engine.kinds.base import Candidate, Check, ParseEnv
from recordlint.ruleset.schema import FieldError, as_bool, as_str, as_str_list, compile_regex


# --- the named checks ---------------------------------------------------------------------

def nhs_mod11(text: str) -> bool:
    """An NHS number: ten digits whose last is the modulus 11 check digit of the first nine
    (weights 10 down to 2; 11 - remainder, 11 → 0, 10 → never valid). Placeholders made of
    one repeated digit, and the test range 999 000 0000 to 999 999 9999 (never issued), are
    not NHS numbers of real people."""
    digits = re.sub(r"[\s-]", "", text)
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1 or digits.startswith("999"):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


_NI = re.compile(r"([A-Z])([A-Z])\s?(\d{2})\s?(\d{2})\s?(\d{2})\s?([A-D])")
_NI_NOT_FIRST = set("DFIQUV")
_NI_NOT_SECOND = set("DFIOQUV")
_NI_NOT_PREFIX = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


def ni_number(text: str) -> bool:
    """A National Insurance number by HMRC's allocation rules (NIM39110): two prefix letters,
    six digits, a suffix A-D; the first letter not D, F, I, Q, U or V, the second not D, F,
    I, O, Q, U or V, and the prefix not BG, GB, KN, NK, NT, TN or ZZ."""
    m = _NI.fullmatch(text.strip().upper())
    if not m:
        return False
    first, second = m.group(1), m.group(2)
    return (first not in _NI_NOT_FIRST and second not in _NI_NOT_SECOND
            and first + second not in _NI_NOT_PREFIX)


# Outward codes by the Royal Mail / ONS format rules (A9, A99, AA9, AA99, A9A, AA9A), then the inward code.
_POSTCODE = re.compile(
    r"(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])\s?[0-9][ABD-HJLNP-UW-Z]{2}")


def uk_postcode(text: str) -> bool:
    """A full UK postcode (outward and inward code) in a shape Royal Mail allocates."""
    return _POSTCODE.fullmatch(text.strip().upper()) is not None or text.strip().upper() in ("GIR 0AA", "GIR0AA")


# Ofcom's numbers reserved for TV and radio drama (national number after the 0, then three more
# digits): safe in training material, never a real line.
_DRAMA_PREFIXES = ("1134960", "1144960", "1154960", "1164960", "1174960", "1184960", "1214960", "1314960",
                   "1414960", "1514960", "1614960", "2079460", "2896496", "2920180", "1632960", "7700900")


def uk_phone(text: str) -> bool:
    """A UK number a person can be reached on: a geographic (01, 02) or mobile (07) number of
    ten digits after the 0 or +44 (nine for a few 01 numbers). Non-geographic 03, 08 and 09
    numbers belong to organisations (a council's contact centre) and Ofcom's drama numbers
    are made up, so neither is personal data."""
    digits = re.sub(r"[^\d+]", "", text)
    if digits.startswith("+44"):
        digits = digits[3:]
        if digits.startswith("0"):  # "+44 (0)7700 ..."
            digits = digits[1:]
    elif digits.startswith("0044"):
        digits = digits[4:]
    elif digits.startswith("0"):
        digits = digits[1:]
    else:
        return False
    if not digits.isdigit() or digits[:1] not in ("1", "2", "7"):
        return False
    if not (len(digits) == 10 or (len(digits) == 9 and digits.startswith("1"))):
        return False
    if digits.startswith("70") or digits.startswith("76"):  # personal numbering and pagers
        return False
    return not any(digits.startswith(prefix) and len(digits) == len(prefix) + 3 for prefix in _DRAMA_PREFIXES)


_ROLE_MAILBOXES = frozenset("""admin enquiries enquiry info information contact contactus hello office reception
mash duty dutyteam referrals referral safeguarding frontdoor front.door firstcontact first.contact
noreply no-reply donotreply do-not-reply postmaster webmaster support help helpdesk team
complaints feedback press media accounts finance hr recruitment careers""".split())
# RFC 2606 and RFC 6761: names reserved for documentation and examples.
_EXAMPLE_DOMAINS = re.compile(r"(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost)$", re.I)


def email(text: str) -> bool:
    """An email address of a person: not a shared role mailbox (mash@, duty@, info@, ...)
    and not at a domain reserved for examples (example.com, .test, .invalid)."""
    local, _, domain = text.strip().rpartition("@")
    if not local or "." not in domain:
        return False
    if _EXAMPLE_DOMAINS.search(domain):
        return False
    return local.lower() not in _ROLE_MAILBOXES


_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def date(text: str) -> bool:
    """A real calendar date, written 3/5/2016, 03.05.16, 3 May 2016, 3rd May 2016 or May 3, 2016,
    not in the future (the year of two-digit forms is read as the latest that is not)."""
    text = text.strip().rstrip(".,")
    today = dt.date.today()
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})", text)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
    else:
        m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})", text) or \
            re.fullmatch(r"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", text)
        if not m:
            return False
        a, b, year = m.group(1), m.group(2), m.group(3)
        day_text, month_text = (a, b) if a.isdigit() else (b, a)
        month = _MONTHS.get(month_text[:3].lower())
        if month is None or (len(month_text) > 3 and not _full_month(month_text)):
            return False
        day = int(day_text)
    if len(year) == 2:
        year_number = 2000 + int(year)
        if year_number > today.year:
            year_number -= 100
    else:
        year_number = int(year)
    try:
        when = dt.date(year_number, month, day)
    except ValueError:
        return False
    return dt.date(1880, 1, 1) <= when <= today


_FULL_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december", "sept")


def _full_month(word: str) -> bool:
    return word.lower() in _FULL_MONTHS


CHECKS: dict[str, Callable[[str], bool]] = {
    "nhs-mod11": nhs_mod11,
    "ni-number": ni_number,
    "uk-postcode": uk_postcode,
    "uk-phone": uk_phone,
    "email": email,
    "date": date,
}


class IdentifierCheck(Check):
    kind = "identifier"
    fields = frozenset({"regex", "ignorecase", "check", "suggestions"})

    @classmethod
    def parse(cls, raw: dict[str, Any], env: ParseEnv) -> dict[str, Any]:
        if raw.get("regex") is None:
            raise FieldError("regex", "is required: a regular expression for the identifier")
        flags = re.IGNORECASE if as_bool(raw.get("ignorecase"), "ignorecase", False) else 0
        pattern = compile_regex(as_str(raw["regex"], "regex", required=True), "regex", flags)
        check = as_str(raw.get("check"), "check")
        if check and check not in CHECKS:
            raise FieldError("check", f"unknown check {check!r}; expected one of {', '.join(CHECKS)}")
        return {"pattern": pattern, "check": check, "group": "id" if "id" in pattern.groupindex else 0,
                "suggestions": as_str_list(raw.get("suggestions"), "suggestions")}

    def __init__(self, rule, compiler) -> None:
        super().__init__(rule, compiler)
        opts = rule.options
        self.pattern, self.group, self.suggestions = opts["pattern"], opts["group"], opts["suggestions"]
        self.valid = CHECKS[opts["check"]] if opts["check"] else None

    def find(self, ctx):
        doc = ctx.doc
        for m in self.pattern.finditer(ctx.text):
            c0, c1 = m.span(self.group)
            if c0 < 0 or c1 <= c0:
                continue
            value = m.group(self.group)
            if self.valid is not None and not self.valid(value):
                continue
            while c1 > c0 and ctx.text[c1 - 1].isspace():
                c1 -= 1
            span = doc.char_span(c0, c1, alignment_mode="expand")
            if span is not None and len(span):
                # the finding is on the identifier itself, even inside a token ("B" of "B.")
                yield Candidate(span.start, span.end, self.suggestions, {"match": ctx.text[c0:c1]}, (c0, c1))
