"""Commented skeleton packs for `recordlint rules new ID --kind KIND`.

Each built-in kind's skeleton loads as written and passes `recordlint rules
test`, so an author starts from something that works. A plugin kind supplies
its own fields through its class's `template` (see engine/kinds/base.py); if
that text has no `examples:` block, placeholder examples are added, which the
author must replace.
"""

from __future__ import annotations

import re

# The kind's own fields and its examples, indented to sit inside a rule (4 spaces).
KIND_TEMPLATES: dict[str, str] = {
    "phrase": """\
    # terms: phrase → what to write instead. Matched on whole words, any case
    # (attr: LOWER); attr: LEMMA also matches inflections, attr: ORTH exact case.
    terms:
      going forward: ["from now on"]
      touch base: ["meet", "phone"]
    # terms_from: data/my-terms.yaml     # more terms from a file with `terms:`
    examples:
      flag:
        - "[[Going forward]], Mum will walk the children to school."
        - "I will [[touch base]] with Dad on Friday."
      pass:
        - "From now on, Mum will walk the children to school."
""",
    "pattern": """\
    # patterns: spaCy Matcher token patterns, written as spaCy writes them.
    # Quote words YAML reads as booleans: "no", "yes", "on", "off".
    patterns:
      - [{LOWER: {IN: [touch, touched, touching]}}, {LOWER: base}]
    suggestions: ["meet", "phone"]
    examples:
      flag:
        - "I will [[touch base]] with Dad on Friday."
        - "We [[touched base]] after the meeting."
      pass:
        - "I will phone Dad on Friday."
""",
    "acronym": """\
    # Listed acronyms (and unknown ones, by their shape) that the note does not
    # spell out first, e.g. "family support worker (FSW)".
    expansions:
      FSW: family support worker
    allowlist: [GP, NHS]          # never flagged
    # data: data/acronyms.yaml    # a file with acronyms: and allowlist:
    examples:
      flag:
        - "The [[FSW]] visited on Monday."
      pass:
        - "The family support worker (FSW) visited; the FSW will come back on Friday."
        - "Mum saw her GP."
""",
    "absence": """\
    # Note-level: fires when a trigger is present and no evidence is.
    trigger:
      phrases: [home visit]
    evidence:
      phrases: [said, told me, drew]
    veto:
      phrases: [no contact with]  # the rule does not apply at all
    quotes_are_evidence: true     # a quotation counts as evidence
    looked_for: "what the person said"
    examples:
      flag:
        - "Home visit. The house was tidy and warm."
      pass:
        - "Home visit. Amy said she likes her new school."
        - "Home visit. Amy: \\"I like my new school.\\""
""",
    "missing": """\
    # A trigger that needs evidence near it: one finding on the trigger when
    # none of the evidence is in its scope (sentence, paragraph or note).
    trigger:
      phrases: [referred to camhs, emailed the school]
    # trigger_from: data/triggers.yaml   # a file with trigger: (and exceptions:), shared by rules
    evidence:
      phrases: [because, so that, to ask]
    scope: sentence               # sentence, paragraph or note
    after: 1                      # also the next sentence (before: N for earlier ones)
    looked_for: "why it was shared"
    examples:
      flag:
        - "I [[emailed the school]] the plan. Mum was told."
      pass:
        - "I emailed the school the plan so that staff can watch for bruises."
        - "I emailed the school the plan. I did this because Jo was hurt at home."
""",
    "identifier": """\
    # A regular expression, confirmed by a check written in code: nhs-mod11,
    # ni-number, uk-postcode, uk-phone, email or date. A named group (?P<id>...)
    # is what the check sees and what the finding covers.
    regex: '\\b(?P<id>\\d{3}[ -]?\\d{3}[ -]?\\d{4})\\b'
    check: nhs-mod11
    unless: []                    # a number in quotation marks is still personal data
    suggestions: ["remove the number"]
    examples:
      flag:
        - "NHS number [[401 023 2137]] on file."
      pass:
        - "NHS number 401 023 2138 on file."     # the check digit is wrong
        - "The NHS number field is blank."
""",
    "existence": """\
    # tokens: regular expressions, matched as whole words (nonword: true drops
    # the word boundaries); raw: pieces joined into one expression.
    tokens:
      - as per
      - going forward
    ignorecase: true              # any case (default: exact case)
    # exclude: ['as per the court order']   # matches holding one are not flagged
    suggestions: ["say it plainly"]
    examples:
      flag:
        - "Visit arranged [[as per]] the plan."
      pass:
        - "Visit arranged as the plan says."
""",
    "substitution": """\
    # swap: regular expression → what to write instead; "a|b" offers both.
    swap:
      going forward: from now on
      in terms of: about|for
    ignorecase: true
    examples:
      flag:
        - "[[Going forward]], Mum will walk the children to school."
      pass:
        - "From now on, Mum will walk the children to school."
""",
    "occurrence": """\
    # Counts matches of `token` in each scope: text (the whole note),
    # paragraph or sentence. max: at most; min: at least (0: no limit).
    token: '\\band\\b'
    max: 3
    scope: sentence
    ignorecase: true
    examples:
      flag:
        - "Jo ate and drank and played and sang [[and]] slept."
      pass:
        - "Jo ate and drank. Then she played and sang."
""",
    "conditional": """\
    # A match of `first` needs `second` in the note. When `second` captures a
    # group, only the strings it captured count as defined.
    first: '\\b([A-Z]{3,5})\\b'
    second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'
    exclude: [NHS, GP]            # never flagged
    examples:
      flag:
        - "The [[FSW]] visited on Monday."
      pass:
        - "The Family Support Worker (FSW) visited; the FSW will come back."
""",
}

MESSAGES = {
    "phrase": "'{match}' is jargon; try '{suggestion}'",
    "pattern": "'{match}' is jargon; try '{suggestion}'",
    "acronym": "'{match}' is an unexplained acronym; spell out '{expansion}' the first time",
    "absence": "The note records a visit ('{trigger}') but not {looked_for}",
    "missing": "'{trigger}' does not say {looked_for}",
    "identifier": "'{match}' looks like an NHS number; remove it",
    "existence": "'{match}' is jargon; say it plainly",
    "substitution": "Use '{suggestion}' instead of '{match}'",
    "occurrence": "{count} uses of 'and' in one sentence; split it",
    "conditional": "'{match}' is not spelled out in this note",
}

_PLACEHOLDER_EXAMPLES = """\
    examples:                     # replace these: `rules test` checks them
      flag:
        - "A sentence the rule must flag, with the [[flagged words]] marked."
      pass:
        - "A sentence the rule must not flag."
"""


def pack_of(rule_id: str) -> str:
    return rule_id.split(".", 1)[0] if "." in rule_id else rule_id


def category_of(pack: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", pack.lower()).strip("-")
    return slug if slug[:1].isalpha() else "local"


def skeleton(rule_id: str, kind: str, plugin_template: str | None = None, plugin_fields=()) -> str:
    """A whole pack with one commented rule of this kind."""
    pack = pack_of(rule_id)
    if kind in KIND_TEMPLATES:
        body = KIND_TEMPLATES[kind]
    else:
        body = _indent(plugin_template or "".join(
            f"    # {name}: ...\n" for name in sorted(plugin_fields)) or "    # (this kind has no fields of its own)\n")
        if not re.search(r"^\s*examples\s*:", body, re.M):
            body += _PLACEHOLDER_EXAMPLES
    message = MESSAGES.get(kind, "'{match}': say what you mean")
    return f"""\
# A recordlint rule pack. Check notes with it:  recordlint check --rules THIS_FILE notes/
# Test its examples:                           recordlint rules test THIS_FILE
# The rule-writing guide is docs/rules.md.
pack: {pack}
rules:
  - id: {rule_id}
    category: {category_of(pack)}      # lower-case words joined by '-', e.g. jargon, vagueness
    severity: warning        # error, warning or info
    kind: {kind}
    message: "{message}"
    why: "The recording principle this rule serves, and why it matters to the person reading the record."
    # link: https://...                # where to read more
    # unless: [quoted]                 # default; also attributed, hedged, reported, specific, evidenced
    # exceptions: [phrases that never count]
    # requires: [dep]                  # pos, dep, lemma, ents: skip the rule on pipelines without them
{body}"""


def _indent(text: str) -> str:
    """A plugin's template, indented to 4 spaces whatever indentation it came with."""
    lines = text.splitlines()
    widths = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(widths) if widths else 0
    return "".join(f"    {line[cut:]}\n" if line.strip() else "\n" for line in lines)
