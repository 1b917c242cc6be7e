"""What `recordlint rules list` and `rules explain` say about a rule."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from recordlint.ruleset.loader import RuleSet, read_yaml
from recordlint.ruleset.schema import MatchSpec, Rule, Term

SAMPLE = 12  # terms shown before "... and N more"


def shown_path(path: str) -> str:
    """A path relative to the working folder when it is inside it; as given otherwise."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def location(rule: Rule) -> str:
    where = shown_path(rule.path)
    return f"{where}:{rule.line}" if rule.line else where


def summary(rule: Rule) -> str:
    """One line on what the rule is for: its description, else the first sentence of `why`."""
    if rule.description:
        return " ".join(rule.description.split())
    text = " ".join(rule.why.split())
    for stop in (". ", "; "):
        depth = 0
        for i, ch in enumerate(text):
            depth += (ch == "(") - (ch == ")")
            if depth == 0 and text.startswith(stop, i):
                return text[:i] + "."
    return text


def origin(ruleset: RuleSet, rule: Rule) -> str:
    info = ruleset.pack_info.get(rule.path)
    return info.origin if info else ""


def _is_vale(ruleset: RuleSet, rule: Rule) -> bool:
    info = ruleset.pack_info.get(rule.path)
    return bool(info and info.format == "vale")


def as_dict(ruleset: RuleSet, rule: Rule) -> dict[str, Any]:
    """The `rules list --format json` entry of one rule; fields may be added, never renamed."""
    return {
        "id": rule.id,
        "category": rule.category,
        "severity": rule.severity.label,
        "kind": rule.kind,
        "pack": rule.pack,
        "source": rule.path,
        "line": rule.line,
        "origin": origin(ruleset, rule),
        "format": "vale" if _is_vale(ruleset, rule) else "recordlint",
        "description": rule.description or summary(rule),
        "why": rule.why,
        "link": rule.link,
        "unless": list(rule.unless),
        "requires": list(rule.requires),
        "examples": {"flag": len(rule.examples.flag), "pass": len(rule.examples.pass_)},
        "extended_by": list(rule.extended_by),
        "formats": list(rule.formats),
        "supersedes": list(rule.supersedes),
        "defers_to": list(rule.defers_to),
    }


def _quote_list(items, limit: int = SAMPLE) -> str:
    items = list(items)
    shown = ", ".join(f"'{i}'" for i in items[:limit])
    return shown + (f" ... and {len(items) - limit} more" if len(items) > limit else "")


def _spec(spec: MatchSpec) -> str:
    parts = []
    if spec.phrases:
        parts.append(_quote_list(spec.phrases))
    if spec.patterns:
        parts.append(f"{len(spec.patterns)} token pattern(s)")
    return "; ".join(parts)


def looks_for(rule: Rule) -> list[str]:
    """Plain lines on what the rule matches, by kind."""
    o = rule.options
    kind = rule.kind
    if kind == "phrase":
        terms: tuple[Term, ...] = o["terms"]
        how = {"LOWER": "any case", "LEMMA": "any inflection", "ORTH": "exact case"}[o["attr"]]
        return [f"{len(terms)} phrase(s), matched as whole words ({how}): "
                + _quote_list(t.phrase for t in terms)]
    if kind == "pattern":
        return [f"{len(o['patterns'])} spaCy token pattern(s):"] + [
            "  " + " ".join(_token(tok) for tok in pattern) for pattern in o["patterns"][:SAMPLE]]
    if kind == "acronym":
        return [f"acronyms the note does not spell out first: {len(o['expansions'])} known ones with their "
                f"expansions, and any other word of {o['min_length']}-{o['max_length']} capitals or digits "
                "that is not an ordinary word",
                f"never flagged ({len(o['allowlist'])}): " + _quote_list(sorted(o["allowlist"]))]
    if kind == "absence":
        lines = [f"a note with a trigger ({_spec(o['trigger'])})",
                 f"and none of the evidence ({_spec(o['evidence']) or 'none listed'}"
                 + ("; quotations count" if o["quotes_are_evidence"] else "") + ")"]
        if o.get("speech"):
            lines.append(f"reported speech by the person counts too ({len(o['speech']['verbs'])} verbs)")
        if o["veto"]:
            lines.append(f"does not apply when the note says: {_spec(o['veto'])}")
        if o.get("min_triggers", 1) > 1:
            lines.insert(0, f"(only when the trigger appears {o['min_triggers']} times or more)")
        return lines
    if kind == "missing":
        where = {"sentence": "the same sentence", "paragraph": "the same paragraph", "note": "the note"}[o["scope"]]
        if o["scope"] == "sentence" and (o["before"] or o["after"]):
            where += f" (with {o['before']} sentence(s) before and {o['after']} after)"
        lines = [f"a trigger ({_spec(o['trigger'])})",
                 f"with none of the evidence in {where} ({_spec(o['evidence'])}): {o['looked_for']}"]
        if o["not_trigger"]:
            lines.append(f"not a trigger where it overlaps: {_spec(o['not_trigger'])}")
        return lines
    if kind == "identifier":
        line = f"matches of the regular expression {o['pattern'].pattern}"
        if o["check"]:
            line += f", confirmed by the check '{o['check']}'"
        return [line]
    if kind == "existence":
        lines = [f"the regular expression {o['pattern'].pattern}"]
        if o["exclude"] is not None:
            lines.append(f"except matches holding {o['exclude'].pattern}")
        return lines
    if kind == "substitution":
        return [f"{len(o['replacements'])} expression(s) to replace (regular expression {o['pattern'].pattern})"]
    if kind == "occurrence":
        limits = " and ".join(x for x in (f"at most {o['max']}" if o["max"] else "",
                                          f"at least {o['min']}" if o["min"] else "") if x)
        return [f"matches of {o['pattern'].pattern}: {limits} per {'note' if o['scope'] == 'text' else o['scope']}"]
    if kind == "conditional":
        return [f"matches of {o['first'].pattern} that the note does not define with {o['second'].pattern}"]
    shown = ", ".join(f"{k}: {v}" if isinstance(v, (str, int, float, bool)) else k for k, v in sorted(o.items()))
    return [f"kind '{kind}' (from a plugin)" + (f", with {shown}" if shown else "")]


def _token(tok: dict) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in tok.items()) + "}"


def instead(rule: Rule) -> list[str]:
    """What to write instead: suggestions, per-term alternatives, expansions or swaps."""
    o = rule.options
    lines = []
    if rule.kind == "phrase":
        with_alt = [t for t in o["terms"] if t.suggestions]
        lines += [f"{t.phrase} → {' or '.join(t.suggestions)}" for t in with_alt[:SAMPLE]]
        if len(with_alt) > SAMPLE:
            lines.append(f"... and {len(with_alt) - SAMPLE} more")
    if rule.kind == "acronym":
        items = sorted(o["expansions"].items())
        lines += [f"{k} → {v}" for k, v in items[:SAMPLE]]
        if len(items) > SAMPLE:
            lines.append(f"... and {len(items) - SAMPLE} more")
    if rule.kind == "substitution":
        for options, _, key in list(o["replacements"].values())[:SAMPLE]:
            lines.append(f"{key} → {' or '.join(options)}")
    suggestions = o.get("suggestions") if isinstance(o, dict) else None
    if suggestions:
        lines.append("in general: " + " or ".join(suggestions))
    return lines


def sources(ruleset: RuleSet, rule: Rule) -> list[str]:
    """Where the rule's word lists come from: data files and their `sources:`, then the pack's."""
    lines = []
    for data_file in rule.data_files:
        lines.append(f"{shown_path(data_file)}")
        try:
            data = read_yaml(Path(data_file))
        except Exception:  # explain must not fail on a file the rule loaded a moment ago
            data = None
        if isinstance(data, dict) and isinstance(data.get("sources"), dict):
            used = _source_keys(rule)
            for key, text in data["sources"].items():
                if not used or str(key) in used:
                    lines.append(f"  {key}: {text}")
    info = ruleset.pack_info.get(rule.path)
    if info and info.sources:
        lines.append(f"pack {info.name}:")
        lines += [f"  {key}: {text}" for key, text in info.sources]
    return lines


def _source_keys(rule: Rule) -> set[str]:
    keys: set[str] = set()
    for term in rule.options.get("terms", ()) if isinstance(rule.options, dict) else ():
        if isinstance(term, Term) and term.source:
            keys.update(k.strip() for k in term.source.replace(";", ",").split(",") if k.strip())
    return keys


def explain(ruleset: RuleSet, rule: Rule) -> list[str]:
    """The text of `recordlint rules explain RULE`."""
    out = [f"{rule.id}  ({rule.category}, {rule.severity.label}, kind {rule.kind})",
           f"pack {rule.pack}: {location(rule)} [{origin(ruleset, rule) or 'unknown origin'}"
           + (", Vale style]" if _is_vale(ruleset, rule) else "]")]
    for where in rule.extended_by:
        out.append(f"changed by extend: {shown_path(where)}")
    if rule.description:
        out += ["", rule.description.strip()]
    out += ["", "What it looks for"] + [f"  {line}" for line in looks_for(rule)]
    if rule.unless:
        out.append("  Not flagged when (unless): " + ", ".join(rule.unless))
    if rule.exceptions:
        out.append("  Not flagged where it overlaps (exceptions): " + _spec(rule.exceptions))
    if rule.requires:
        out.append(f"  Needs a pipeline with: {', '.join(rule.requires)} (use --model)")
    if rule.formats:
        out.append(f"  On by default for {', '.join(rule.formats)} input only; on for every input when "
                   f"selected by name (--select {rule.category})")
    if rule.supersedes:
        out.append("  Replaces overlapping findings of: " + ", ".join(rule.supersedes))
    if rule.defers_to:
        out.append("  Gives way to overlapping findings of: " + ", ".join(rule.defers_to))
    out += ["", "Why it matters"]
    out.append(f"  {' '.join(rule.why.split())}" if rule.why else "  (the rule gives no 'why')")
    if rule.link:
        out.append(f"  {rule.link}")
    out += ["", "Message", f"  {rule.message}"]
    alternatives = instead(rule)
    if alternatives:
        out += ["", "What to write instead"] + [f"  {line}" for line in alternatives]
    out += ["", "Examples"]
    out += [f"  flags:  {e}" for e in rule.examples.flag]
    out += [f"  passes: {e}" for e in rule.examples.pass_]
    if not rule.examples.flag and not rule.examples.pass_:
        out.append("  (none: `rules test` will ask for at least one flag and one pass example)")
    src = sources(ruleset, rule)
    if src:
        out += ["", "Sources of its word lists"] + [f"  {line}" for line in src]
    return out
