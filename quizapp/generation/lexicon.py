"""Small word lists that stand in for a part-of-speech tagger, and the domain name lists.

The name lists live in ``data/*.txt`` (one entity per line, "=" between names of the same thing,
an optional "[tag]"); each file gives one category. They are read once and cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")

#: data file stem -> (category, origin label used in ``distractor_origins``).
DATA_FILES: dict[str, tuple[str, str]] = {
    "agencies": ("organisation", "domain:agencies"),
    "missions": ("mission", "domain:missions"),
    "launchers": ("mission", "domain:launchers"),
    "companies": ("company", "domain:companies"),
    "celestial": ("celestial", "domain:celestial"),
    "countries": ("country", "domain:countries"),
    "people": ("person", "domain:people"),
    "demonyms": ("demonym", "domain:demonyms"),
}

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "so",
        "yet",
        "for",
        "of",
        "in",
        "on",
        "at",
        "to",
        "from",
        "by",
        "with",
        "without",
        "within",
        "into",
        "onto",
        "upon",
        "about",
        "above",
        "below",
        "over",
        "under",
        "between",
        "among",
        "through",
        "during",
        "before",
        "after",
        "since",
        "until",
        "till",
        "against",
        "across",
        "along",
        "around",
        "behind",
        "beyond",
        "near",
        "off",
        "out",
        "up",
        "down",
        "as",
        "than",
        "then",
        "that",
        "this",
        "these",
        "those",
        "there",
        "here",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "why",
        "how",
        "whether",
        "if",
        "while",
        "although",
        "though",
        "because",
        "unless",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "done",
        "doing",
        "have",
        "has",
        "had",
        "having",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "it",
        "its",
        "they",
        "them",
        "their",
        "theirs",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "we",
        "us",
        "our",
        "ours",
        "you",
        "your",
        "yours",
        "i",
        "me",
        "my",
        "mine",
        "not",
        "no",
        "nor",
        "only",
        "also",
        "very",
        "too",
        "more",
        "most",
        "less",
        "least",
        "much",
        "many",
        "some",
        "any",
        "each",
        "every",
        "all",
        "both",
        "either",
        "neither",
        "such",
        "other",
        "another",
        "same",
        "own",
        "just",
        "even",
        "still",
        "again",
        "further",
        "once",
        "ever",
        "never",
        "always",
        "often",
        "one",
    ]
)

#: Words that start a sentence which points back to something said before it.
PRONOUN_STARTS = frozenset(
    [
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "they",
        "them",
        "their",
        "he",
        "she",
        "his",
        "her",
        "him",
        "we",
        "our",
        "us",
        "i",
        "my",
        "such",
        "another",
        "both",
        "either",
        "neither",
        "here",
        "there",
    ]
)

#: Sentence-opening connectives that make no sense out of context; stripped from stems.
CONNECTIVES = (
    "moreover",
    "furthermore",
    "additionally",
    "however",
    "similarly",
    "in addition",
    "thus",
    "therefore",
    "hence",
    "consequently",
    "nevertheless",
    "nonetheless",
    "also",
    "meanwhile",
    "indeed",
    "in fact",
    "for example",
    "for instance",
    "in conclusion",
    "in particular",
    "as a result",
    "yet",
    "instead",
    "still",
    "finally",
    # round 2: openers that point back to the sentence before ("Shortly thereafter, ...")
    "shortly thereafter",
    "shortly afterwards",
    "thereafter",
    "afterwards",
    "subsequently",
    "at that time",
    "at the time",
    "by then",
    "in response",
    "likewise",
    "besides",
    "accordingly",
    "overall",
    "notably",
    "importantly",
    "in contrast",
    "on the other hand",
    "ultimately",
    "in turn",
    "lastly",
    "first",
    "firstly",
    "second",
    "secondly",
    "third",
    "thirdly",
    "in short",
    "in summary",
    "to summarise",
    "to summarize",
    "as such",
    "at the same time",
    "by contrast",
    "conversely",
    "otherwise",
    "afterwards",
    "subsequently",
    "later",
    "then",
    "so",
    "and",
    "but",
)

HEDGE = re.compile(
    r"\b(?:may|might|could|would|should|(?:is|are|was|were) (?:expected|likely|set|poised|"
    r"projected|predicted|hoped|planned|supposed) to|promis(?:e|es|ed|ing) to|aim(?:s|ed)? to|"
    r"hope(?:s|d)? to|plan(?:s|ned)? to|intend(?:s|ed)? to|seek(?:s)? to|possibly|perhaps|"
    r"potentially|probably|reportedly|allegedly)\b",
    re.IGNORECASE,
)

#: Words before a figure that make it an estimate ("about 1800", "some 2,000 birds").
ESTIMATE_BEFORE = re.compile(
    r"\b(?:about|around|approximately|roughly|nearly|almost|over|some|more than|less than|"
    r"fewer than|up to|at least|an estimated|estimated)\s*$",
    re.IGNORECASE,
)

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

SPELLED_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "thousand": 1000,
}

ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]


@dataclass(frozen=True, slots=True)
class DomainEntry:
    """One entity from a data file: its display name, other names, category and tag."""

    name: str
    aliases: tuple[str, ...]
    category: str
    tag: str
    origin: str


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The comparison form of a name: lower case, no leading "the", no possessive, plain spaces."""
    key = name.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    key = re.sub(r"'s\b", "", key)
    key = re.sub(r"[^\w\s-]", " ", key)
    key = re.sub(r"\s+", " ", key).strip()
    key = re.sub(r"^(?:the|a|an) ", "", key)
    return key


def _parse_line(line: str, category: str, origin: str) -> DomainEntry | None:
    line = line.split("#", 1)[0].strip()
    if not line:
        return None
    tag = category
    tagged = re.search(r"\[(\w+)\]\s*$", line)
    if tagged:
        tag = tagged.group(1)
        line = line[: tagged.start()].strip()
    names = [part.strip() for part in line.split("=") if part.strip()]
    return DomainEntry(names[0], tuple(names[1:]), category, tag, origin)


@cache
def domain_entries() -> tuple[DomainEntry, ...]:
    """Every entity of every data file, in file order."""
    entries: list[DomainEntry] = []
    for stem, (category, origin) in DATA_FILES.items():
        for line in (DATA / f"{stem}.txt").read_text(encoding="utf-8").splitlines():
            entry = _parse_line(line, category, origin)
            if entry is not None:
                entries.append(entry)
    return tuple(entries)


@cache
def domain_index() -> dict[str, DomainEntry]:
    """name_key of every name and alias -> its entry (the first file wins on a clash)."""
    index: dict[str, DomainEntry] = {}
    for entry in domain_entries():
        for name in (entry.name, *entry.aliases):
            index.setdefault(name_key(name), entry)
    return index


@cache
def domain_first_words() -> frozenset[str]:
    """First words of lower-case domain names ("the moon"), to find them without capitals."""
    return frozenset(key.split()[0] for key in domain_index())


@cache
def given_names() -> frozenset[str]:
    """First names (``data/given_names.txt``), lower-cased."""
    text = (DATA / "given_names.txt").read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(word.lower() for line in lines for word in line.split())


@cache
def nationalities() -> tuple[str, ...]:
    """Nationality and language adjectives (``data/nationalities.txt``), in file order."""
    lines = (DATA / "nationalities.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def article_for(word: str) -> str:
    """ "a" or "an" for the word that follows, by its sound as far as spelling tells."""
    lowered = word.lower()
    if re.match(r"(?:eu|uni|use|usu|one|once|ur[aeiou])", lowered):
        return "a"
    if re.match(r"(?:hour|honest|honou?r|heir)", lowered):
        return "an"
    if word[:1].isdigit():
        return "an" if re.match(r"(?:8|11|18|80)", word) else "a"
    if word.isupper() and len(word) > 1:
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    return "an" if lowered[:1] in "aeiou" else "a"
