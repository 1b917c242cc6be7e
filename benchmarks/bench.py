#!/usr/bin/env python
"""Benchmark recordlint: throughput per process and command-line start-up time.

Measures, for the default pipeline (blank English + sentencizer + lookup
lemmatizer) with all built-in rules:

* words/s linting a corpus of notes in one process (build once, then lint),
  beside words/s of a bare ``spacy.blank("en")`` tokenising the same notes;
* median wall time of ``recordlint check NOTE`` in a fresh process, against
  the median wall time of ``python -c "import spacy; spacy.blank('en')"``;
* median wall time of ``recordlint --help``, and whether importing the CLI
  module pulls in spaCy (it should not).

The corpus is generated deterministically (seeded ``random.Random``) from many
sentence templates, names, places, dates and numbers, so that tokens vary and
spaCy's tokeniser cache does not flatter the result; or it is read from
``--input FILE`` (notes separated by blank lines).

Uses only the standard library and recordlint's Python API. Always exits 0:
it is a benchmark, not a test.

    python benchmarks/bench.py
    python benchmarks/bench.py --size-mb 2 --repeat 11 --json
    python benchmarks/bench.py --input my-notes.txt
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_WORDS_PER_SEC = 150_000
TARGET_STARTUP_RATIO = 1.3

# ---------------------------------------------------------------------------
# Corpus generation
# ---------------------------------------------------------------------------

FIRST_NAMES = [
    "Aaliyah", "Aiden", "Alfie", "Amara", "Amelia", "Archie", "Aria", "Arlo", "Ava", "Bella",
    "Bilal", "Callum", "Chloe", "Daisy", "Darcy", "Declan", "Eden", "Elijah", "Ella", "Elsie",
    "Erin", "Ethan", "Evie", "Farah", "Finley", "Freya", "George", "Grace", "Hamza", "Harper",
    "Harrison", "Hollie", "Ibrahim", "Isla", "Ivy", "Jack", "Jacob", "Jayden", "Jessica", "Kacey",
    "Kai", "Keira", "Kian", "Layla", "Leo", "Lexi", "Lily", "Logan", "Lucas", "Maisie",
    "Maryam", "Mason", "Mia", "Mohammed", "Nathan", "Niamh", "Noah", "Olivia", "Oscar", "Phoebe",
    "Poppy", "Reggie", "Riley", "Rosie", "Ruby", "Samir", "Sienna", "Sofia", "Stanley", "Summer",
    "Teddy", "Theo", "Tia", "Tyler", "Willow", "Yusuf", "Zac", "Zara", "Zoe", "Zainab",
]
ADULT_FEMALE = ["Barbara", "Carol", "Doreen", "Edna", "Eileen", "Gladys", "Irene", "Jean", "Joan", "Margaret",
                "Maureen", "Patricia", "Pauline", "Rita", "Sandra", "Sheila", "Valerie", "Winifred"]
ADULT_MALE = ["Alan", "Brian", "Colin", "Dennis", "Frank", "Gordon", "Harold", "Kenneth", "Norman", "Raymond",
              "Ronald", "Stanley", "Wilfred", "Trevor", "Derek", "Cyril"]
SURNAMES = [
    "Adeyemi", "Ahmed", "Ali", "Armstrong", "Bailey", "Baker", "Bennett", "Begum", "Brooks", "Campbell",
    "Chowdhury", "Clarke", "Collins", "Cooper", "Davies", "Doyle", "Edwards", "Evans", "Fletcher", "Foster",
    "Green", "Hall", "Harper", "Hughes", "Hussain", "Jackson", "James", "Jones", "Kaur", "Kelly",
    "Khan", "Kowalski", "Lewis", "Lowe", "Mensah", "Mitchell", "Morgan", "Murphy", "Nowak", "Okafor",
    "Owen", "Patel", "Phillips", "Price", "Quinn", "Reid", "Roberts", "Robinson", "Shah", "Singh",
    "Smith", "Taylor", "Thomas", "Turner", "Walker", "Ward", "Watson", "White", "Williams", "Wright",
]
STREETS = [
    "Acacia Avenue", "Alder Close", "Ash Grove", "Beech Road", "Birch Lane", "Bridge Street",
    "Canal Walk", "Castle View", "Cedar Court", "Chapel Row", "Church Lane", "Clifton Road",
    "Elm Drive", "Fern Way", "Gladstone Terrace", "Harbour View", "Hawthorn Crescent", "High Street",
    "Holly Bank", "Kingsway", "Larch Gardens", "Maple Rise", "Mill Lane", "Oak Street",
    "Orchard Close", "Park Road", "Primrose Hill", "Queen's Parade", "Rowan Place", "Station Road",
    "Sycamore Way", "Tower Mews", "Victoria Street", "Willow Walk", "Windsor Court", "York Road",
]
TOWNS = [
    "Ashford", "Barnsley", "Bedford", "Bolton", "Bradford", "Carlisle", "Chesterfield", "Colchester",
    "Crewe", "Darlington", "Derby", "Doncaster", "Exeter", "Gloucester", "Grimsby", "Halifax",
    "Hartlepool", "Huddersfield", "Ipswich", "Kettering", "Lancaster", "Lincoln", "Luton", "Mansfield",
    "Newport", "Northampton", "Oldham", "Peterborough", "Preston", "Reading", "Rochdale", "Rotherham",
    "Stockport", "Sunderland", "Swindon", "Telford", "Wakefield", "Warrington", "Wigan", "Worcester",
]
SCHOOL_WORDS = ["Brookfield", "Hillcrest", "Oakwood", "Riverside", "St Anne's", "St Mark's", "Meadowbank",
                "Greenacre", "Westfield", "Fairview", "Highfield", "Springwood", "Northgate", "Parkside"]
SCHOOL_KINDS = ["Primary School", "Academy", "Infant School", "Junior School", "High School", "Nursery"]
AGENCIES = ["Brightwell Homecare", "Castle Care Services", "Helping Hands Homecare", "Community Mental Health Team",
            "the district nursing team", "the health visiting service", "the housing office", "the GP surgery",
            "the school nurse", "the youth offending service", "Women's Aid", "the drug and alcohol service",
            "the local children's centre", "the hospital discharge team", "the police safeguarding unit"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TOYS = ["a toy digger", "a jigsaw", "his tablet", "her tablet", "a football", "some building bricks", "a doll",
        "felt-tip pens", "a colouring book", "a toy kitchen", "a remote-control car", "a board game", "a skipping rope"]
ROOMS = ["the living room", "the kitchen", "the back bedroom", "the front room", "the garden", "the hallway",
         "the bathroom", "the dining room", "the main bedroom", "the landing"]
FOODS = ["milk", "bread", "pasta", "cereal", "tinned soup", "fruit", "yoghurts", "eggs", "rice", "baked beans",
         "frozen pizza", "cheese", "chicken", "potatoes", "nappies"]
FEELINGS = ["happy", "sad", "scared", "worried", "cross", "bored", "lonely", "safe", "excited", "tired", "fed up"]
ACTIVITIES = ["football", "swimming", "drawing", "cooking", "dancing", "reading", "gaming", "Lego", "Minecraft",
              "singing", "cycling", "going to the park", "baking", "gardening", "watching cartoons"]
RELATIVES = ["Mum", "Dad", "Nan", "Grandad", "his aunt", "her aunt", "his uncle", "her stepdad", "her older sister",
             "his older brother", "the foster carer"]

# Sentence templates, for children's and adults' services. Some are good
# recording and some poor (jargon, vague words, opinion stated as fact, no
# voice), so the rules have work to do. {c...} slots are the child, {a...} the
# adult, {p...} the parent; other slots are drawn afresh for each sentence.
CHILD_OPENINGS = [
    "Home visit to {house} {street}, {town}, on {day} {date} {month} {year}, {time} to {time2}.",
    "Unannounced visit to {house} {street} on {date} {month} {year} at {time}.",
    "HV to see {child} ({age}) and {child2} ({age2}) at the family home.",
    "Visit to {school} on {day} {date} {month} at {time} to see {child} (aged {age}).",
    "Joint visit with the health visitor to {house} {street} on {day} {date} {month}, {time}.",
    "CIN visit completed on {date}/{month_num}/{year} to see {child} and {child2}.",
    "Session with {child} at {school}, {day} {date} {month} {year}, {time} to {time2}.",
    "Strategy discussion held on {date} {month} {year} at {time} with the police and {agency}.",
    "Telephone call from {agency} on {date} {month} {year} at {time} about {child}.",
    "Administrative call, {day} {date} {month} {year}, {time}. No direct contact with the child or family.",
    "Visit to {child} at {carer_name}'s foster home in {town}, {day} {date} {month}, {time} to {time2}.",
]
CHILD_BODY = [
    "Present: {parent} (mother), {child} (aged {age}), {child2} (aged {age2}) and me.",
    "I saw {child} on {c_obj} own in {room} for {minutes} minutes.",
    "{child} told me, \"I like it when {relative} takes me to {activity} on {day}s.\"",
    "{child} said {c_subj} feels \"{feeling}\" when {relative} is not at home.",
    "When I asked about school, {child} said, \"{school_short} is {feeling_adj} because of {friend}.\"",
    "{child} showed me {toy} and said it was a present from {relative}.",
    "{child2} played with {toy} in {room} and laughed when {parent} joined in.",
    "The kitchen had {food}, {food2} and {food3} in the cupboards and the fridge was clean.",
    "There were {count} bags of rubbish by the back door and a smell of {smell} in {room}.",
    "{child}'s attendance this term is {percent}%, with {count} unauthorised absences since {date} {month}.",
    "{parent} said she has been attending {agency} every {day} since {month}.",
    "{parent} told me she had {count} hours of sleep last night because {child2} was poorly.",
    "{parent} is manipulative and is not prioritising the children.",
    "Mum is not engaging and is hostile to professionals.",
    "Dad is aggressive and controlling and the home is chaotic.",
    "Both children presented as fine and engaged well with me.",
    "No concerns were observed and the home conditions were appropriate.",
    "There were some issues in the kitchen and the children seemed ok.",
    "{parent} was advised that the case will be escalated to the TM if things do not improve.",
    "Discussed the CIN plan and the S47 outcome with {parent}.",
    "Contact with Dad is to remain supervised at the family centre on {day}s.",
    "The LAC review is booked for {date} {month} at {time} at {town} town hall.",
    "In my professional opinion {child} needs a follow-up visit, because {c_subj} described shouting {count} times.",
    "{teacher} from {school} said {child} has been late {count} times this half-term and seems tired.",
    "{child} is a happy {c_noun} and there are no concerns about {c_obj} at school.",
    "The bedroom {child} shares with {child2} had a bunk bed with clean bedding and {count} boxes of toys.",
    "{child2} (aged {age2}) cried when {parent} left the room and settled when she came back.",
    "I spoke with the housing officer, {staff}, who confirmed the repair to the boiler is booked for {date} {month}.",
    "The police attended on {date} {month} at {time} after a neighbour reported shouting at {house} {street}.",
    "{parent} has attended {count} of the {count2} parenting sessions offered since {month}.",
    "{child} drew a picture of {c_poss} family and put {relative} next to {c_obj}self.",
    "{child} weighed {kg}.{digit} kg at the clinic on {date} {month}, up from {kg2}.{digit2} kg in {month2}.",
    "{child} asked me whether {c_subj} could see {relative} more often, and whether {friend} could come too.",
    "{child} would not talk about home today; {c_subj} turned away and went back to {c_poss} game.",
    "{carer_name} said {child} has been sleeping through since {date} {month} and eats well at breakfast.",
    "Mum states she is not using and the children are her priority.",
    "The home was cluttered and the children's presentation was poor.",
]
ADULT_OPENINGS = [
    "Review visit to {a_title} {a_first} {surname} (aged {a_age}) at {house} {street}, {day} {date} {month}.",
    "Visited {a_title} {a_first} {surname} at home re the package of care.",
    "Annual care and support review for {a_title} {surname} at {house} {street}, {town}, {date} {month} {year}.",
    "Hospital discharge visit to {a_title} {a_first} {surname} on {day} {date} {month} at {time}.",
    "Telephone review with {a_title} {surname} on {date} {month} {year}, {time} to {time2}.",
    "Administrative call to {agency}, {day} {date} {month}, {time}. No direct contact with {a_title} {surname}.",
]
ADULT_BODY = [
    "{a_title} {surname} told me, \"I want to stay in my own home, I have lived here {years} years.\"",
    "{a_title} {surname} would like the {time} call moved to {time2} because {a_subj} is not ready for bed.",
    "{a_title} {surname} described falling in the {room_plain} on {date} {month}; {a_subj} was not hurt.",
    "I observed {a_title} {surname} walk from the chair to the kitchen with a frame in about {count} minutes.",
    "{a_title} {surname} is non-compliant with medication and is attention seeking.",
    "SU presented as low in mood but engaged well with the assessment.",
    "Completed an MCA and {a_subj} appears to have capacity; DoLS is not required at this stage.",
    "The DN is visiting {count} times a week for pressure care and the OT will assess for a bath board.",
    "Carers from {agency} report that {a_subj} refuses support at times.",
    "{relative_adult} visits every {day} and does the shopping online on {day2}s.",
    "In my view the support meets {a_title} {surname}'s needs, because {a_subj} manages meals and medication.",
    "{a_title} {surname} said {a_subj} feels \"{feeling}\" in the evenings since {a_poss} wife died in {month}.",
    "There were {count} unopened blister packs in the kitchen dated from {date} {month}.",
    "The daughter is not engaging with services and is unreliable.",
    "{a_title} {surname} has some memory issues and is often confused.",
    "The property was in a poor state and there were some hygiene issues.",
    "No safeguarding concerns identified at this visit.",
    "{a_title} {surname} showed me the pendant alarm and pressed it; the call centre answered in {count} seconds.",
    "{a_title} {surname} asked whether {a_subj} could go to the day centre in {town} on {day}s.",
    "The POC was increased to {count} calls a week from {date} {month}.",
    "{a_title} {surname} declined a bath board, saying, \"I've managed for {years} years without one.\"",
]
SHARED_BODY = [
    "Some progress has been made and the situation should improve soon.",
    "Things seem a bit better at the moment.",
    "The family are known to services and there is a long history of concerns.",
    "I phoned {agency} at {time} and left a message for {staff} to call me back by {day}.",
    "{staff} from {agency} emailed on {date} {month} to say the referral was accepted.",
    "A letter was sent on {date} {month} confirming the meeting on {day2} {date2} {month2} at {time}.",
]
CHILD_CLOSINGS = [
    "Actions: I will phone {staff} at {agency} by {day} {date} {month} and visit again on {day2} {date2} {month}.",
    "Next HV soon. Continue to monitor.",
    "Next home visit booked for {day} {date} {month} at {time}; I will see {child} alone first.",
    "I will write to {parent} by {date} {month} to confirm what was agreed today.",
    "Case to be discussed in supervision and a decision made soon.",
    "No further action at this time; case to be closed on {date}/{month_num}/{year}.",
]
ADULT_CLOSINGS = [
    "Plan: review the POC in a few weeks and discuss with TM.",
    "I will ask {agency} to move the evening call to {time2} by {date} {month} and tell {a_title} {surname} by phone.",
    "Actions: referral to occupational therapy sent on {date} {month}; review booked for {day} {date2} {month2}.",
    "Case to be discussed in supervision and a decision made soon.",
]


def _time(rng: random.Random) -> str:
    """A 24-hour clock time, e.g. '16:35'."""
    return f"{rng.randint(8, 20):02d}:{rng.choice(['00', '05', '10', '15', '20', '30', '40', '45', '50', '55'])}"


def _note_slots(rng: random.Random) -> dict[str, object]:
    """The people and places of one note, fixed for the whole note."""
    girl = rng.random() < 0.5
    woman = rng.random() < 0.6
    school_word = rng.choice(SCHOOL_WORDS)
    child, child2, friend = rng.sample(FIRST_NAMES, 3)
    return {
        "child": child, "child2": child2, "friend": friend,
        "age": rng.randint(3, 16), "age2": rng.randint(1, 12),
        "c_subj": "she" if girl else "he", "c_obj": "her" if girl else "him",
        "c_poss": "her" if girl else "his", "c_noun": "girl" if girl else "boy",
        "parent": f"Ms {rng.choice(SURNAMES)}",
        "carer_name": f"{rng.choice(['Mrs', 'Mr', 'Ms'])} {rng.choice(SURNAMES)}",
        "a_first": rng.choice(ADULT_FEMALE if woman else ADULT_MALE), "surname": rng.choice(SURNAMES),
        "a_title": rng.choice(["Mrs", "Ms", "Miss"]) if woman else "Mr", "a_age": rng.randint(65, 97),
        "a_subj": "she" if woman else "he", "a_poss": "her" if woman else "his",
        "relative_adult": rng.choice(["Her daughter", "His son", "Her niece", "The neighbour", "A nephew"]),
        "house": rng.randint(1, 240), "street": rng.choice(STREETS), "town": rng.choice(TOWNS),
        "school": f"{school_word} {rng.choice(SCHOOL_KINDS)}", "school_short": school_word,
        "teacher": f"{rng.choice(['Mrs', 'Mr', 'Ms', 'Miss'])} {rng.choice(SURNAMES)}",
        "year": rng.randint(2019, 2025),
    }


def _sentence_slots(rng: random.Random) -> dict[str, object]:
    """Dates, times, numbers and things drawn afresh for each sentence."""
    month_index = rng.randrange(12)
    food, food2, food3 = rng.sample(FOODS, 3)
    return {
        "staff": f"{rng.choice(ADULT_FEMALE + ADULT_MALE + FIRST_NAMES)} {rng.choice(SURNAMES)}",
        "agency": rng.choice(AGENCIES),
        "day": rng.choice(DAYS), "day2": rng.choice(DAYS),
        "date": rng.randint(1, 28), "date2": rng.randint(1, 28),
        "month": MONTHS[month_index], "month2": MONTHS[(month_index + rng.randint(1, 3)) % 12],
        "month_num": f"{month_index + 1:02d}",
        "time": _time(rng), "time2": _time(rng),
        "minutes": rng.choice([5, 10, 15, 20, 25, 30, 40, 45]),
        "count": rng.randint(2, 12), "count2": rng.randint(6, 14), "years": rng.randint(5, 60),
        "percent": rng.randint(55, 99), "kg": rng.randint(3, 60), "kg2": rng.randint(3, 60),
        "digit": rng.randint(0, 9), "digit2": rng.randint(0, 9),
        "room": rng.choice(ROOMS), "room_plain": rng.choice(["kitchen", "bathroom", "bedroom", "hallway", "garden"]),
        "toy": rng.choice(TOYS), "food": food, "food2": food2, "food3": food3,
        "smell": rng.choice(["damp", "cigarettes", "cannabis", "urine", "bleach", "dog food"]),
        "feeling": rng.choice(FEELINGS), "feeling_adj": rng.choice(["good", "boring", "fun", "hard", "alright"]),
        "activity": rng.choice(ACTIVITIES), "relative": rng.choice(RELATIVES),
    }


def generate_note(rng: random.Random) -> str:
    """One children's or adults' note: an opening, 4–12 body sentences in 1–4 paragraphs, and a closing."""
    adults = rng.random() < 0.4
    openings, body, closings = ((ADULT_OPENINGS, ADULT_BODY, ADULT_CLOSINGS) if adults
                                else (CHILD_OPENINGS, CHILD_BODY, CHILD_CLOSINGS))
    templates = [rng.choice(openings)] + rng.sample(body + SHARED_BODY, rng.randint(4, 12)) + [rng.choice(closings)]
    note = _note_slots(rng)
    filled = [t.format(**note, **_sentence_slots(rng)) for t in templates]
    opening, middle, closing = filled[0], filled[1:-1], filled[-1]
    cuts = sorted(rng.sample(range(1, len(middle)), rng.randint(0, min(3, len(middle) - 1))))
    paragraphs = [opening]
    paragraphs += [" ".join(middle[a:b]) for a, b in zip([0] + cuts, cuts + [len(middle)])]
    paragraphs.append(closing)
    return "\n\n".join(paragraphs) if rng.random() < 0.5 else "\n".join(paragraphs)


def generate_corpus(size_bytes: int, seed: int) -> list[str]:
    """Notes totalling at least `size_bytes` of UTF-8 text, the same for the same seed."""
    rng = random.Random(seed)
    notes, total = [], 0
    while total < size_bytes:
        note = generate_note(rng)
        notes.append(note)
        total += len(note.encode("utf-8"))
    return notes


def read_corpus(path: Path) -> list[str]:
    """Notes from a text file, separated by one or more blank lines."""
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    notes, current = [], []
    for line in text.split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            notes.append("\n".join(current))
            current = []
    if current:
        notes.append("\n".join(current))
    return notes


def count_words(notes: list[str]) -> int:
    """Whitespace-separated words over all notes."""
    return sum(len(text.split()) for text in notes)


# ---------------------------------------------------------------------------
# In-process throughput
# ---------------------------------------------------------------------------


def measure_throughput(notes: list[str], warmup: list[str]) -> dict[str, object]:
    """Build the default linter once, then time linting every note; also bare spaCy tokenising."""
    import spacy

    from recordlint.engine.linter import Linter
    from recordlint.findings import Record
    from recordlint.pipeline import build_pipeline
    from recordlint.ruleset import load_ruleset

    words = count_words(notes)

    t0 = time.perf_counter()
    ruleset = load_ruleset()
    nlp = build_pipeline()
    linter = Linter(ruleset, nlp)
    build_s = time.perf_counter() - t0

    # Warm up lazy initialisation on different notes, so the timed pass gets no cache hits from it.
    list(linter.lint(Record(f"w{i}", t) for i, t in enumerate(warmup)))

    t0 = time.perf_counter()
    reports = list(linter.lint(Record(str(i), t) for i, t in enumerate(notes)))
    lint_s = time.perf_counter() - t0
    findings = sum(len(r.findings) for r in reports)
    by_category: dict[str, int] = {}
    for report in reports:
        for f in report.findings:
            by_category[f.category] = by_category.get(f.category, 0) + 1

    blank = spacy.blank("en")
    for _ in blank.pipe(warmup):
        pass
    t0 = time.perf_counter()
    for _ in blank.pipe(notes):
        pass
    blank_s = time.perf_counter() - t0

    return {
        "notes": len(notes),
        "words": words,
        "bytes": sum(len(t.encode("utf-8")) for t in notes),
        "rules": len(linter.rules),
        "build_seconds": build_s,
        "lint_seconds": lint_s,
        "lint_words_per_sec": words / lint_s if lint_s else float("inf"),
        "blank_seconds": blank_s,
        "blank_words_per_sec": words / blank_s if blank_s else float("inf"),
        "findings": findings,
        "findings_by_category": dict(sorted(by_category.items())),
    }


# ---------------------------------------------------------------------------
# Start-up (fresh process) timings
# ---------------------------------------------------------------------------


def recordlint_command() -> list[str]:
    """The recordlint executable beside this interpreter, else `python -m recordlint`."""
    exe = Path(sys.executable).parent / ("recordlint.exe" if os.name == "nt" else "recordlint")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "recordlint"]


def time_commands(commands: dict[str, list[str]], repeat: int) -> dict[str, dict[str, object]]:
    """Median (and min/max) wall time of each command over `repeat` runs.

    Each command runs once untimed first (to warm the disk cache), then the
    commands are run in turn, round-robin, so that drift in machine load
    affects all of them alike and their ratio stays fair.
    """
    run = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    codes = {name: subprocess.run(cmd, **run).returncode for name, cmd in commands.items()}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            t0 = time.perf_counter()
            subprocess.run(cmd, **run)
            times[name].append(time.perf_counter() - t0)
    return {name: {"median": statistics.median(ts), "min": min(ts), "max": max(ts),
                   "returncode": codes[name], "command": commands[name]}
            for name, ts in times.items()}


def cli_imports_spacy() -> bool | None:
    """Whether `import recordlint.cli` imports spaCy, checked in a fresh interpreter (None if it failed)."""
    code = "import sys, recordlint.cli; print('spacy' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    out = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not out:
        return None
    return out[-1] == "True"


def measure_startup(note: str, repeat: int) -> dict[str, object]:
    """Time `recordlint check NOTE`, spaCy-blank start-up and `recordlint --help` in fresh processes."""
    cli = recordlint_command()
    with tempfile.TemporaryDirectory(prefix="recordlint-bench-") as tmp:
        path = Path(tmp) / "note.txt"
        path.write_text(note + "\n", encoding="utf-8")
        timed = time_commands({
            "check": cli + ["check", str(path)],
            "spacy_blank": [sys.executable, "-c", "import spacy; spacy.blank('en')"],
            "help": cli + ["--help"],
            "python_bare": [sys.executable, "-c", "pass"],
        }, repeat)
    check, spacy_blank, help_, python = (timed[k] for k in ("check", "spacy_blank", "help", "python_bare"))
    ratio = check["median"] / spacy_blank["median"] if spacy_blank["median"] else float("inf")
    return {
        "check_one_note": check,
        "spacy_blank": spacy_blank,
        "help": help_,
        "python_bare": python,
        "check_vs_spacy_ratio": ratio,
        "cli_imports_spacy": cli_imports_spacy(),
        "note_words": len(note.split()),
    }


# ---------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------


def summarise(results: dict) -> str:
    """A plain-text summary table with targets and pass/miss marks."""
    tp, st = results["throughput"], results["startup"]

    def mark(ok: bool | None) -> str:
        return "n/a" if ok is None else ("ok" if ok else "MISS")

    rows = [
        ("Lint throughput (words/s, 1 process)", f"{tp['lint_words_per_sec']:,.0f}",
         f">= {TARGET_WORDS_PER_SEC:,}", mark(tp["lint_words_per_sec"] >= TARGET_WORDS_PER_SEC)),
        ("spaCy blank tokenise (words/s)", f"{tp['blank_words_per_sec']:,.0f}", "", ""),
        ("Lint / tokenise speed", f"{tp['lint_words_per_sec'] / tp['blank_words_per_sec']:.2f}x", "", ""),
        ("Build linter (ruleset + pipeline)", f"{tp['build_seconds'] * 1000:,.0f} ms", "", ""),
        ("recordlint check 1 note (median)", f"{st['check_one_note']['median'] * 1000:,.0f} ms", "", ""),
        ("python -c spacy.blank('en') (median)", f"{st['spacy_blank']['median'] * 1000:,.0f} ms", "", ""),
        ("check / spaCy-blank start-up", f"{st['check_vs_spacy_ratio']:.2f}x",
         f"<= {TARGET_STARTUP_RATIO}x", mark(st["check_vs_spacy_ratio"] <= TARGET_STARTUP_RATIO)),
        ("recordlint --help (median)", f"{st['help']['median'] * 1000:,.0f} ms", "", ""),
        ("python -c pass (median)", f"{st['python_bare']['median'] * 1000:,.0f} ms", "", ""),
        ("import recordlint.cli loads spaCy", {True: "yes", False: "no", None: "error"}[st["cli_imports_spacy"]],
         "no", mark(None if st["cli_imports_spacy"] is None else not st["cli_imports_spacy"])),
    ]
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    w2 = max(len(r[2]) for r in rows)
    lines = [
        f"recordlint benchmark  (Python {platform.python_version()}, spaCy {results['spacy_version']}, "
        f"recordlint {results['recordlint_version']}, {platform.machine()})",
        f"corpus: {results['corpus']}; {tp['notes']:,} notes, {tp['words']:,} words, "
        f"{tp['bytes'] / 1e6:.2f} MB; {tp['rules']} rules; {tp['findings']:,} findings "
        f"({', '.join(f'{k} {v:,}' for k, v in tp['findings_by_category'].items())})",
        f"start-up: median of {results['repeat']} runs each; one note of {st['note_words']} words",
        "",
        f"{'measure'.ljust(w0)}  {'result'.rjust(w1)}  {'target'.ljust(w2)}  status",
        f"{'-' * w0}  {'-' * w1}  {'-' * w2}  ------",
    ]
    lines += [f"{a.ljust(w0)}  {b.rjust(w1)}  {c.ljust(w2)}  {d}" for a, b, c, d in rows]
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, metavar="FILE",
                        help="notes to lint, separated by blank lines (default: generate a corpus)")
    parser.add_argument("--size-mb", type=float, default=1.0,
                        help="size of the generated corpus in MB (default: 1.0)")
    parser.add_argument("--seed", type=int, default=20250301, help="random seed for the generated corpus")
    parser.add_argument("--repeat", type=int, default=7, help="runs per start-up measurement (default: 7)")
    parser.add_argument("--skip-startup", action="store_true", help="only measure in-process throughput")
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the summary (or JSON). Always returns 0."""
    args = parse_args(argv)
    if args.input:
        notes = read_corpus(args.input)
        corpus = str(args.input)
    else:
        notes = generate_corpus(int(args.size_mb * 1_000_000), args.seed)
        corpus = f"generated (seed {args.seed})"
    if not notes:
        print("bench: no notes to lint", file=sys.stderr)
        return 0
    warmup = generate_corpus(20_000, args.seed + 1)

    import spacy

    import recordlint

    results: dict[str, object] = {
        "corpus": corpus,
        "repeat": args.repeat,
        "python_version": platform.python_version(),
        "spacy_version": spacy.__version__,
        "recordlint_version": recordlint.__version__,
        "throughput": measure_throughput(notes, warmup),
    }
    if not args.skip_startup:
        # A typical note from the middle of the corpus for the fresh-process check.
        sample = sorted(notes, key=len)[len(notes) // 2]
        results["startup"] = measure_startup(sample, max(1, args.repeat))
    tp = results["throughput"]
    results["targets"] = {
        "words_per_sec": {"target": TARGET_WORDS_PER_SEC,
                          "met": tp["lint_words_per_sec"] >= TARGET_WORDS_PER_SEC},
    }
    if "startup" in results:
        st = results["startup"]
        results["targets"]["startup_ratio"] = {"target": TARGET_STARTUP_RATIO,
                                               "met": st["check_vs_spacy_ratio"] <= TARGET_STARTUP_RATIO}
        results["targets"]["cli_without_spacy"] = {"met": st["cli_imports_spacy"] is False}

    if args.json:
        print(json.dumps(results, indent=2))
    elif "startup" in results:
        print(summarise(results))
    else:
        print(f"{tp['notes']:,} notes, {tp['words']:,} words: lint {tp['lint_words_per_sec']:,.0f} words/s "
              f"(target >= {TARGET_WORDS_PER_SEC:,}); spaCy blank {tp['blank_words_per_sec']:,.0f} words/s; "
              f"{tp['findings']:,} findings")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as exc:  # a benchmark reports, it does not fail the build
        print(f"bench: error: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(0)
