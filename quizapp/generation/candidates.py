"""Answer candidates: the things in a sentence worth asking about, each with a type.

General rules find years and dates, numbers with units, capitalised names (typed by the domain
lists, acronym expansions, head words such as "Agency" or "River", and context such as "in X"),
acronyms with their expansions ("European Space Agency (ESA)"), lists "X, Y and Z" and short
noun phrases introduced by "such as", "known as" and the like. Offsets are absolute, so a
candidate can be blanked out of its sentence exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .lexicon import (
    CONNECTIVES,
    MONTHS,
    SPELLED_NUMBERS,
    STOPWORDS,
    DomainEntry,
    domain_index,
    given_names,
    name_key,
    nationalities,
)
from .sentences import Sentence
from .wordclass import AUXILIARIES, PLURAL, verb_forms

#: internal category -> public answer type (``types.ANSWER_TYPES``).
ANSWER_TYPE = {
    "year": "year",
    "date": "year",
    "decade": "year",
    "century": "year",
    "number": "number",
    "organisation": "organisation",
    "company": "company",
    "person": "person",
    "place": "place",
    "country": "place",
    "celestial": "place",
    "mission": "mission",
    "demonym": "term",
    "name": "term",
    "term": "term",
}
NAMED = frozenset({"organisation", "company", "person", "place", "country", "celestial", "mission"})
TIME = frozenset({"year", "date", "decade", "century"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible answer: a span of a sentence with its type and identity."""

    text: str  # how it reads as an option, e.g. "the European Space Agency"
    start: int  # absolute span blanked in the stem (may include "(ESA)")
    end: int
    category: str
    tag: str  # finer kind within the category, e.g. "telescope", "country"
    canonical: str  # identity: two candidates with the same canonical are the same thing
    sentence: int
    value: float | None = None
    plural: bool = False
    list_id: int | None = None
    aliases: tuple[str, ...] = ()
    #: The head noun of a lower-case noun phrase ("cells" of "white blood cells").
    head: str = ""

    @property
    def answer_type(self) -> str:
        return ANSWER_TYPE[self.category]

    @property
    def is_phrase(self) -> bool:
        """Found by the noun-phrase chunker (``phrases``), not by a naming or typing rule."""
        return self.category == "term" and self.tag != "term"


_TOKEN = re.compile(r"[^\W_](?:[\w'.\-]*[^\W_])?")
_MONTH = "|".join(MONTHS)
_DATE = re.compile(
    rf"\b(?:(?:\d{{1,2}} )?(?:{_MONTH})(?: \d{{1,2}})?,? (?:1\d{{3}}|20\d{{2}})|"
    rf"(?:{_MONTH}) \d{{1,2}}(?:st|nd|rd|th)?)\b"
)
_DECADE = re.compile(r"\b(?:the )?(?:(?:early|mid|late)[- ])?((?:1\d|20)\d0)s\b")
_CENTURY = re.compile(
    r"\b(?:the )?(?:(?:early|mid|late)[- ])?(\d{1,2})(?:st|nd|rd|th)"
    r"(?: and \d{1,2}(?:st|nd|rd|th))?"
    r"[- ]centur(?:y|ies)\b"
    r"(?: (?:BCE|BC|CE|AD)\b)?"  # round 5: "by _____ BCE" cut the era off the century
)
_YEAR = re.compile(
    r"(?<![\w$£€.,-])(1\d{3}|20\d{2})"
    r"(?![\w%]|,\d|\.\d| ?°| degrees?\b)"  # "1500 °C" is a temperature (round 23)
    r"(?: (?:BC|AD|BCE|CE)\b)?"
)
#: An adjective before a plural unit: "130 astronomical units", "300 nautical miles".
_UNIT_ADJECTIVE = r"[a-z]{3,12}(?:al|ic|ar) (?=[a-z]{2,15}s\b)"
#: A number with its range ("10-20", "300–600"), scale, unit and rate ("$40 per barrel").
_NUMBER = re.compile(
    r"(?<![\w.,$£€-])(?:(?:[Aa]bout|[Aa]round|[Aa]pproximately|[Oo]ver|[Nn]early|[Aa]lmost|[Ss]ome"
    r"|[Rr]oughly) )?"
    r"(?:(?:US|A|C|NZ|HK)?[$£€])?"  # "US$100,000": the currency code stays with its figure
    r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:(?: ?[-–—] ?| to )\d+(?:\.\d+)?(?![\d,]))?"
    r"(?: ?(?:%|percent|per cent))?(?: (?:hundred|thousand|million|billion|trillion))?"
    r"(?:(?: |-)(?:square |cubic |" + _UNIT_ADJECTIVE + r")?(?!per\b)([a-z]{1,15}))?"
    r"(?: per (?:square |cubic )?[a-z]{3,15})?(?![\w])"
)
#: A spelled-out count with up to two modifiers before its plural noun ("four main models").
_SPELLED = re.compile(
    r"\b(" + "|".join(SPELLED_NUMBERS) + r")(?: (hundred|thousand|million|billion))?"
    r"((?: [a-z][a-z-]{2,15}){0,2}) ([a-z][a-z-]{2,15}s)\b"
)
_ACRONYM = re.compile(r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z]{2,}")
_PAREN = re.compile(r" ?\(([^()]{1,60})\)")
_TERM_INTRO = re.compile(
    r"\b(?:such as|including|like|known as|called|named|termed|referred to as|"
    r"(?:emergence|development|use|study|discovery|invention) of)\s+"
)
_LOWER_WORD = re.compile(r"[a-z][a-z-]*[a-z]")

_NAME_JOINERS = frozenset({"of", "de", "da", "del", "der", "di", "du", "von", "van", "la", "le"})
_DAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
_MONTH_WORDS = frozenset(month.lower() for month in MONTHS)
_ORG_HEADS = frozenset(
    [
        "agency",
        "administration",
        "organisation",
        "organization",
        "institute",
        "institution",
        "university",
        "college",
        "council",
        "committee",
        "commission",
        "association",
        "society",
        "party",
        "church",
        "academy",
        "bank",
        "union",
        "foundation",
        "office",
        "department",
        "ministry",
        "army",
        "navy",
        "court",
        "board",
        "group",
        "school",
        "league",
        "federation",
        "parliament",
        "senate",
        "congress",
        "assembly",
        "service",
        "corps",
        "laboratory",
        "laboratories",
        "centre",
        "center",
        "observatory",
        "museum",
        "library",
    ]
)
_COMPANY_HEADS = frozenset(
    [
        "inc",
        "ltd",
        "corp",
        "corporation",
        "company",
        "co",
        "llc",
        "plc",
        "motors",
        "airlines",
        "technologies",
        "systems",
    ]
)
_PLACE_HEADS = frozenset(
    [
        "river",
        "sea",
        "ocean",
        "mountains",
        "mountain",
        "mount",
        "island",
        "islands",
        "lake",
        "valley",
        "bay",
        "desert",
        "forest",
        "basin",
        "street",
        "square",
        "park",
        "city",
        "county",
        "province",
        "state",
        "kingdom",
        "empire",
        "republic",
        "peninsula",
        "gulf",
        "coast",
        "strait",
        "canal",
        "palace",
        "castle",
        "bridge",
        "airport",
        "region",
        "plain",
        "plains",
        "hills",
        "falls",
        "channel",
        "cathedral",
        "abbey",
    ]
)
_MISSION_HEADS = frozenset(
    [
        "mission",
        "missions",
        "program",
        "programme",
        "project",
        "telescope",
        "probe",
        "rover",
        "rovers",
        "station",
        "satellite",
        "spacecraft",
        "shuttle",
        "lander",
        "orbiter",
        "rocket",
    ]
)
_PERSON_TITLES = frozenset(
    [
        "king",
        "queen",
        "pope",
        "saint",
        "st",
        "sir",
        "president",
        "emperor",
        "empress",
        "duke",
        "duchess",
        "count",
        "countess",
        "lord",
        "lady",
        "prince",
        "princess",
        "general",
        "dr",
        "doctor",
        "professor",
        "bishop",
        "archbishop",
        "cardinal",
        "chancellor",
        "mr",
        "mrs",
        "ms",
        "captain",
        "admiral",
        "tsar",
        "czar",
        "sultan",
        "caliph",
    ]
)
_PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "near", "across", "throughout", "to"})
_PERSON_VERBS = frozenset(
    [
        "said",
        "wrote",
        "argued",
        "proposed",
        "discovered",
        "invented",
        "founded",
        "died",
        "was",
        "born",
        "led",
        "described",
        "married",
        "claimed",
        "stated",
        "believed",
        "suggested",
        "published",
        "developed",
    ]
)

#: Class nouns that say a name is a thing, whatever its verb: "the journal PLoS Pathogens
#: published" is no person.
_THING_NOUNS = frozenset(
    """journal journals newspaper newspapers magazine magazines periodical review publisher
    film book novel album series band company firm ship vessel station channel network""".split()
)


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _is_cap(word: str) -> bool:
    """A capitalised word of Latin script: a Greek or Cyrillic title quoted in the text
    ("Περί ύλης ιατρικής") is no name a student could type or tell apart (round 25)."""
    return word[:1].isupper() and word[:1] < "\u0250"


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "s'")) and len(word) > 3 else word


def initials_match(acronym: str, expansion: str) -> bool:
    """True when ``acronym`` can be read off the capital initials of ``expansion``."""
    letters = [c for c in acronym if c.isupper()]
    words = [w for w in re.split(r"[\s-]+", expansion) if w]
    initials = [w[0].upper() for w in words if w.lower() not in {"of", "the", "and", "for", "de"}]
    if len(letters) < 2 or not initials or letters[0] != initials[0]:
        return False
    position = 0
    for letter in letters:
        while position < len(initials) and initials[position] != letter:
            position += 1
        if position == len(initials):
            return False
        position += 1
    return len(initials) - len(letters) <= 1


@dataclass(slots=True)
class RawName:
    """A capitalised name found in a sentence, before its identity is resolved."""

    text: str
    start: int  # of the name itself (after any determiner)
    end: int
    span_start: int  # with the determiner
    span_end: int  # with a parenthetical "(ESA)"
    determiner: str  # "the" or ""
    prev_word: str
    next_word: str
    paren: str | None
    sentence_start: bool


#: What makes a number after a name a figure of its own, not part of the name ("in the United
#: States 90% of ...", round 20), unlike "Apollo 11" or "Windows 95".
_FIGURE_GOES_ON = re.compile(r"%| ?percent\b| ?per cent\b|[.,]\d")


def _name_runs(sentence: Sentence) -> list[list[tuple[str, int, int]]]:
    """Runs of capitalised tokens (with "of", numbers) joined by single spaces or hyphens."""
    tokens = _tokens(sentence.text)
    runs: list[list[tuple[str, int, int]]] = []
    i = 0
    while i < len(tokens):
        word = tokens[i][0]
        if not _is_cap(word) or word.lower() in _MONTH_WORDS or word.lower() in _DAYS:
            i += 1
            continue
        run = [tokens[i]]
        j = i + 1
        while j < len(tokens):
            gap = sentence.text[run[-1][2] : tokens[j][1]]
            initial = gap == ". " and len(run[-1][0]) == 1 and run[-1][0].isupper()
            if (gap != " " and not initial) or "'s" in run[-1][0][-2:]:
                break
            nxt = tokens[j][0]
            if _is_cap(nxt) and nxt.lower() not in _MONTH_WORDS:
                run.append(tokens[j])
            elif (
                nxt.isdigit()
                and len(nxt) <= 3
                and not nxt.startswith("0")
                and not _FIGURE_GOES_ON.match(sentence.text, tokens[j][2])
            ):
                run.append(tokens[j])
                j += 1
                break
            elif (
                nxt in _NAME_JOINERS
                and j + 1 < len(tokens)
                and sentence.text[tokens[j][2] : tokens[j + 1][1]] == " "
                and (
                    _is_cap(tokens[j + 1][0])
                    or (
                        tokens[j + 1][0] == "the"
                        and j + 2 < len(tokens)
                        and _is_cap(tokens[j + 2][0])
                    )
                )
            ) or (
                nxt == "the"
                and run[-1][0] == "of"
                and j + 1 < len(tokens)
                and _is_cap(tokens[j + 1][0])
            ):
                run.append(tokens[j])
            else:
                break
            j += 1
        runs.append(run)
        i = max(j, i + 1)
    return runs


#: Words for what a person did that open a sentence before the name ("Architect Henry Klutho").
_OCCUPATIONS = frozenset(
    """architect archaeologist archeologist astronomer biologist chemist composer economist
    engineer entrepreneur explorer historian inventor journalist mathematician merchant
    novelist painter philosopher photographer physicist poet sculptor writer""".split()
)


def _described(word: str) -> bool:
    """A nationality or an occupation written before a name, not part of it."""
    return word in nationalities() or word.lower() in _OCCUPATIONS


#: An adverb opening a sentence before a name ("Initially BSkyB provided ...", fit-split reading
#: 56): its suffix says it is no part of the name ("Sally", "Italy" are too short to be taken).
#: Prepositions the stop words lack, capitalised at a sentence's start ("Like Maududi, Qutb
#: ..." made the key "Like Maududi", fit-split reading 59), and the pronouns of prayer
#: capitalised anywhere ("united in Thee, in Thy Church" made "Thy Church", reading 62).
_NOT_NAME_OPENERS = frozenset(
    """like unlike despite via amid whereas per towards toward except besides including thy
    thee thou thine""".split()
)
_OPENING_ADVERB = re.compile(r"\w{3,}(?:ally|ently|antly|ously|ively|ately|edly|ingly|fully)")


def _trim_run(run: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Drop capitalised function words, connectives and adverbs at the start ("The",
    "However", "Initially")."""
    while run and (
        run[0][0].lower() in STOPWORDS
        or run[0][0].lower() in CONNECTIVES
        or run[0][0].lower() in _NAME_JOINERS
        or run[0][0].lower() in _NOT_NAME_OPENERS
        or _OPENING_ADVERB.fullmatch(run[0][0].lower())
    ):
        run = run[1:]
    while run and run[-1][0].lower() in _NAME_JOINERS | {"the"}:
        run = run[:-1]
    if len(run) > 2 and _described(run[0][0]) and run[1][0].lower() in given_names():
        run = run[1:]  # "American Timothy Dexter", "Architect Henry John Klutho" (reading 48)
    if all(token[0].isdigit() for token in run):
        return []  # "About 40 percent": a capitalised opener before a number is no name
    return run


_HEAD_AFTER_NAME = re.compile(
    r" (?:launch vehicles?|space (?:station|telescope)|(?:mission|program|programme|project|"
    r"telescope|probe|rovers?|spacecraft|satellites?|rockets?|lander|orbiter|shuttle)s?)\b"
)


def _extend_with_head(text: str, start: int, end: int) -> int:
    """Take in a lower-case head noun after a name: "Mars rovers", "Artemis program"."""
    match = _HEAD_AFTER_NAME.match(text, end)
    if match and name_key(text[start : match.end()]) in domain_index():
        return match.end()
    if match and not text[start:end].isupper():
        return match.end()
    return end


#: A name ending in a letter ("Killer T", "Helper T") names the noun after it: the letter is
#: a class of cells or receptors, not the end of the name. "World War I" ends in a numeral.
_LETTER_NAME = re.compile(r"\w\s[A-HJ-UWYZ]$")
_LETTER_NOUN = re.compile(
    r" (?:cells?|lymphocytes?|receptors?|antigens?|genes?|proteins?|chains?)\b"
)


def raw_names(sentence: Sentence) -> list[RawName]:
    """Capitalised names of one sentence with their determiner and parenthetical."""
    text = sentence.text
    names: list[RawName] = []
    first_word = _TOKEN.search(text)
    first_start = first_word.start() if first_word else 0
    last_end = 0
    for run in _name_runs(sentence):
        run = _trim_run(run)
        if not run:
            continue
        start, end = run[0][1], run[-1][2]
        name = text[start:end]
        if start < last_end:
            continue
        if name.endswith(("'s", "s'")):
            end -= 2
            name = name[:-2]
        elif _LETTER_NAME.search(name) and (noun := _LETTER_NOUN.match(text, end)):
            end = noun.end()  # "Killer T cells", not "Killer T" before "cells" (round 32)
            name = text[start:end]
        elif start != first_start or name_key(name) in domain_index():
            end = _extend_with_head(text, start, end)
            name = text[start:end]
        if len(name) < 2:
            continue
        before = text[max(0, start - 4) : start]
        determiner = "the" if before.lower() == "the " and not _modifies_noun(text, end) else ""
        span_start = start - 4 if determiner else start
        span_end = end
        paren = None
        paren_match = _PAREN.match(text, end)
        if paren_match:
            paren = paren_match.group(1).strip()
            span_end = paren_match.end()
        last_end = span_end
        prev = text[:span_start].split()
        after = text[span_end:].split()
        names.append(
            RawName(
                text=name,
                start=start,
                end=end,
                span_start=span_start,
                span_end=span_end,
                determiner=determiner,
                prev_word=prev[-1].lower().strip(",;:(") if prev else "",
                next_word=after[0].lower().strip(",;:.)") if after else "",
                paren=paren,
                sentence_start=run[0][1] == first_start or start == first_start,
            )
        )
    return names


_WORD_AFTER = re.compile(r"\s+([a-z]+)\b\s*([a-z]+|[,.;:])?")
#: Words after a noun that show it is the head of its phrase ("the Lucas–Lehmer test is").
_AFTER_HEAD = AUXILIARIES | frozenset({"of", "for", "in", "on", "at", "to", "with", ",", ".", ";"})


def _modifies_noun(text: str, end: int) -> bool:
    """The name ending at ``end`` stands before the noun its "the" belongs to: "The Lucas–Lehmer
    test is fast" is "the test", so the key is "Lucas–Lehmer" and not "the Lucas–Lehmer", which
    left "_____ test is fast" (round 13). A verb after the name ("the Normans settled") does
    not count: the noun must be followed by a verb, a preposition or a stop."""
    match = _WORD_AFTER.match(text, end)
    if match is None:
        return False
    noun, then = match.group(1), match.group(2)
    return (
        noun not in STOPWORDS
        and not noun.endswith(("ed", "ly"))
        and then is not None
        and then in _AFTER_HEAD
    )


class AliasMap:
    """Which names are the same thing: domain lists plus acronyms defined in the article."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.domain = domain_index()

    def find(self, key: str) -> str:
        entry = self.domain.get(key)
        root = key if entry is None else name_key(entry.name)
        while root in self.parent and self.parent[root] != root:
            root = self.parent[root]
        return root

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            keep, drop = sorted((root_a, root_b), key=lambda k: (-len(k), k))
            self.parent[drop] = keep
            self.parent.setdefault(keep, keep)

    def same(self, a: str, b: str) -> bool:
        return self.find(name_key(a)) == self.find(name_key(b))

    def names_of(self, canonical: str) -> set[str]:
        """Every known name key that resolves to ``canonical`` (domain aliases included)."""
        names = {k for k in self.parent if self.find(k) == canonical}
        names.add(canonical)
        entry = self.domain.get(canonical)
        if entry is not None:
            names.update(name_key(n) for n in (entry.name, *entry.aliases))
        return names


def learn_acronyms(names: list[RawName], aliases: AliasMap, acronyms: dict[str, str]) -> None:
    """Record "European Space Agency (ESA)" and "ESA (European Space Agency)" pairs."""
    for raw in names:
        if not raw.paren:
            continue
        inner = raw.paren
        if _ACRONYM.fullmatch(inner) and initials_match(inner, raw.text):
            aliases.union(name_key(raw.text), name_key(inner))
            acronyms[name_key(inner)] = raw.text
        elif _ACRONYM.fullmatch(raw.text) and initials_match(raw.text, inner):
            aliases.union(name_key(raw.text), name_key(inner))
            acronyms[name_key(raw.text)] = inner


def _head_category(words: list[str]) -> str | None:
    lowered = [w.lower().rstrip(".") for w in words]
    last = lowered[-1]
    if last in _COMPANY_HEADS:
        return "company"
    if last in _ORG_HEADS or (
        len(lowered) > 2 and lowered[-2] in _ORG_HEADS and lowered[-1] != "s"
    ):
        return "organisation"
    if last in _MISSION_HEADS or re.fullmatch(r"\d{1,3}", last):
        return "mission" if last not in {"station"} or "space" in lowered else "place"
    if last in _PLACE_HEADS or lowered[0] in {"mount", "lake", "cape", "fort", "port"}:
        return "place"
    if lowered[0] in _PERSON_TITLES and len(lowered) > 1:
        return "person"
    if len(words) > 1 and re.fullmatch(r"[A-Z]\.", words[-2]):
        return "person"  # initials before a surname: "J. F. D. Shrewsbury", "John F. Kennedy"
    return None


def classify(raw: RawName, entry: DomainEntry | None, expansion: str | None) -> tuple[str, str]:
    """(category, tag) of a capitalised name, from the domain lists, head words and context."""
    if entry is not None:
        return entry.category, entry.tag
    words = (expansion or raw.text).split()
    head = _head_category(words)
    if head is not None:
        return head, head
    if raw.next_word in _PERSON_VERBS and len(words) >= 2 and raw.prev_word not in _THING_NOUNS:
        return "person", "person"
    if raw.prev_word in _PLACE_PREPOSITIONS and len(words) <= 2:
        return "place", "place"
    return "name", "name"


def _plural(text: str) -> bool:
    last = text.split()[-1].lower() if text.split() else ""
    return last.endswith("s") and not last.endswith(("ss", "us", "is", "'s")) and len(last) > 3


def names_to_candidates(
    sentence: Sentence,
    names: list[RawName],
    aliases: AliasMap,
    acronyms: dict[str, str],
    seen_mid_sentence: set[str],
) -> list[Candidate]:
    """Type and identify the raw names of a sentence."""
    found: list[Candidate] = []
    domain = aliases.domain
    for raw in names:
        key = name_key(raw.text)
        entry = domain.get(key)
        expansion = acronyms.get(key)
        if expansion and entry is None:
            entry = domain.get(name_key(expansion))
        if (
            raw.sentence_start
            and entry is None
            and " " not in raw.text
            and key not in seen_mid_sentence
        ):
            continue
        if raw.text.lower() in STOPWORDS:
            continue
        category, tag = classify(raw, entry, expansion)
        shown = f"{raw.determiner} {raw.text}".strip() if raw.determiner else raw.text
        accepted = {raw.text}
        if raw.paren and aliases.same(raw.paren, raw.text):
            accepted.add(raw.paren)
        if expansion:
            accepted.add(expansion)
        offset = sentence.start
        found.append(
            Candidate(
                text=shown,
                start=offset + raw.span_start,
                end=offset + raw.span_end,
                category=category,
                tag=tag,
                canonical=aliases.find(key),
                sentence=sentence.index,
                plural=_plural(raw.text) and category in {"mission", "name", "demonym"},
                aliases=tuple(sorted(accepted)),
            )
        )
    return found


def _year_value(text: str) -> float | None:
    match = re.search(r"\d{3,4}", text)
    return float(match.group()) if match else None


def time_candidates(sentence: Sentence) -> list[Candidate]:
    """Dates, decades, centuries and years; later patterns never overlap earlier ones."""
    text, offset = sentence.text, sentence.start
    found: list[Candidate] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], category: str, value: float | None) -> None:
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        shown = match.group()
        found.append(
            Candidate(
                text=shown,
                start=offset + start,
                end=offset + end,
                category=category,
                tag=category,
                canonical=f"{category}:{shown.lower()}",
                sentence=sentence.index,
                value=value,
                plural=category == "century" and shown.endswith("ies"),
            )
        )

    for match in _DATE.finditer(text):
        add(match, "date", _year_value(match.group()))
    for match in _DECADE.finditer(text):
        add(match, "decade", float(match.group(1)))
    for match in _CENTURY.finditer(text):
        add(match, "century", float(match.group(1)))
    for match in _YEAR.finditer(text):
        if _looks_like_quantity(text, match.end()):
            continue
        add(match, "year", float(match.group(1)))
    return found


def _looks_like_quantity(text: str, end: int) -> bool:
    """ "1500 soldiers" is a number, "in 1500" a year."""
    following = text[end : end + 20].split()
    if not following:
        return False
    word = following[0].strip(",.;:")
    return word.islower() and word not in STOPWORDS and word.endswith("s") and len(word) > 3


#: Words after a number that are no unit but the start of a longer phrase ("3 main bus
#: companies", "4 separate"): the key would stop before its noun.
_NOT_UNITS = frozenset(
    """main major new other different separate additional distinct large small big key
    principal primary further more less most least related affiliated similar several""".split()
)


#: ... and any word shaped like an adjective ("30 silent film studios", "21 diverse
#: problems"; fit-split reading 39): the noun it describes comes after it. "percent" is a unit.
_ADJECTIVE_UNIT = re.compile(
    r"(?!(?:per)?cent$)[a-z]{3,}(?:ent|ant|ive|ous|ful|ic|ical|erse|ish|able|ible)"
)


#: Words a number labels rather than counts ("article 36", "section 4", "Route 66").
_LABELLED_BY = re.compile(
    r"\b(?:articles?|sections?|chapters?|paragraphs?|clauses?|pages?|figures?|tables?|"
    r"volumes?|rules?|routes?|highways?|flights?|channels?|platforms?|rooms?|no\.|nos?\.)\s+\Z",
    re.IGNORECASE,
)


def number_candidates(sentence: Sentence, taken: list[tuple[int, int]]) -> list[Candidate]:
    """Numbers with their unit ("5.5 million square kilometres", "40%", "three moons")."""
    text, offset = sentence.text, sentence.start
    found: list[Candidate] = []
    for match in _NUMBER.finditer(text):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        if _LABELLED_BY.search(text, max(0, start - 12), start):
            continue  # "appeal to the article 36 justification": a label, not a quantity
        unit = match.group(3)
        if unit and (
            unit in STOPWORDS
            or unit in {"th", "st", "nd", "rd"}
            or unit in _NOT_UNITS
            or (unit.endswith("ly") and len(unit) > 4)
            or _ADJECTIVE_UNIT.fullmatch(unit)
        ):
            end = match.start(3) - 1  # "4 generally", "3 main", "$40,000 annually": no unit
            unit = None
        if _SPACE_GROUPED.search(text, max(0, start - 4), start) or _SPACE_GROUP_NEXT.match(
            text, match.end(1)
        ):
            continue  # "162 584 mln EUR": a number grouped by spaces is one number (round 13)
        shown = text[start:end].strip()
        value = float(match.group(1).replace(",", "") + (match.group(2) or ""))
        if not unit and "%" not in shown and "percent" not in shown and value < 10:
            continue  # a bare small number is rarely worth a question
        found.append(_number(sentence, offset + start, offset + start + len(shown), shown, value))
    for match in _SPELLED.finditer(text):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        modifiers = match.group(3).split()
        if match.group(4) in STOPWORDS or any(word in STOPWORDS for word in modifiers):
            continue
        if modifiers and modifiers[-1].endswith("ed") and match.group(4) in verb_forms():
            continue  # "every six produced leaves the cycle": a participle, then the verb
        if match.group(1) in _MULTIPLIERS and _QUANTITY_BEFORE.search(
            text, max(0, start - 12), start
        ):
            continue  # "several hundred named prizes": the blank would split the figure
        value = float(SPELLED_NUMBERS[match.group(1)])
        found.append(_number(sentence, offset + start, offset + end, match.group(), value))
    return found


_SPACE_GROUPED = re.compile(r"\d \Z")
_SPACE_GROUP_NEXT = re.compile(r" \d{3}\b")
_MULTIPLIERS = frozenset({"hundred", "thousand", "million", "billion", "dozen"})
_QUANTITY_BEFORE = re.compile(
    r"\b(?:several|a few|few|many|some|a|one|"
    + "|".join(word for word, number in SPELLED_NUMBERS.items() if number <= 10)
    + r") \Z",
    re.IGNORECASE,
)


def _number(sentence: Sentence, start: int, end: int, shown: str, value: float) -> Candidate:
    return Candidate(
        text=shown,
        start=start,
        end=end,
        category="number",
        tag="number",
        canonical=f"number:{shown.lower()}",
        sentence=sentence.index,
        value=value,
        plural=_plural(shown),
    )


_NP_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


_PARTICIPLE = re.compile(r"[a-z]{3,}ing")


def _noun_phrase_after(text: str, pos: int, limit: int = 4) -> tuple[int, int] | None:
    """The run of up to ``limit`` content words from ``pos`` (stops at punctuation/stopwords)."""
    end = pos
    words = 0
    previous = ""
    for match in _NP_WORD.finditer(text, pos):
        if text[end : match.start()].strip():
            break
        if match.group().lower() in STOPWORDS or words == limit:
            break
        if _PARTICIPLE.fullmatch(match.group()) and PLURAL.fullmatch(previous):
            break  # "the use of steam turbines starting in ...": the verb of a clause
        end = match.end()
        words += 1
        previous = match.group()
    if words == 0:
        return None
    return pos, end


_NAME_NUMBER = re.compile(r" \d{1,2}\b(?![.,]\d)")


def term_candidates(sentence: Sentence, taken: list[tuple[int, int]]) -> list[Candidate]:
    """Short lower-case noun phrases introduced by "such as", "known as", "emergence of"..."""
    text, offset = sentence.text, sentence.start
    found: list[Candidate] = []
    for intro in _TERM_INTRO.finditer(text):
        pos = intro.end()
        items: list[Candidate] = []
        closed = False
        for _ in range(8):
            span = _noun_phrase_after(text, pos)
            if span is None:
                break
            start, end = span
            numbered = _NAME_NUMBER.match(text, end)
            if numbered:
                end = numbered.end()  # "interleukin 1": the number is part of the name
            phrase = text[start:end]
            if _good_term(text, phrase, start, end, taken):
                items.append(_term(sentence, offset + start, offset + end, phrase))
            rest = re.match(r",? (?:and|or) |, ", text[end:])
            if not rest:
                break
            closed = "and" in rest.group() or "or" in rest.group()
            pos = end + rest.end()
            if closed:
                span = _noun_phrase_after(text, pos)
                if span and _good_term(text, text[span[0] : span[1]], *span, taken):
                    items.append(
                        _term(sentence, offset + span[0], offset + span[1], text[span[0] : span[1]])
                    )
                break
        else:
            closed = False
        # An open run ("A, B, C" with no "and") is not a list: keep only its first item.
        found.extend(items if closed or len(items) <= 1 else items[:1])
    return found


def _good_term(text: str, phrase: str, start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    """A lower-case noun phrase, not a verb with its object, not already taken."""
    if not phrase[:1].islower() or any(s < end and start < e for s, e in taken):
        return False
    words = phrase.split()
    if words[0].endswith("ing") and len(words) > 1 and words[0] not in {"remote", "sensing"}:
        return False
    if len(words) == 1 and (words[0].endswith("ly") or len(words[0]) < 4):
        return False
    after = text[end : end + 8].split()
    return not (after and after[0] in {"the", "a", "an", "their", "its", "our", "his", "her"})


def _term(sentence: Sentence, start: int, end: int, phrase: str) -> Candidate:
    return Candidate(
        text=phrase,
        start=start,
        end=end,
        category="term",
        tag="term",
        canonical=f"term:{phrase.lower()}",
        sentence=sentence.index,
        plural=_plural(phrase),
        head=phrase.split()[-1].lower(),
    )


_LIST_GAP = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")


def _range_ends(text: str, group: list[Candidate]) -> bool:
    """ "between 24 and 80 rows": the two ends of one range, not a list of two figures."""
    return (
        len(group) == 2
        and group[0].answer_type == "number"
        and text[max(0, group[0].start - 8) : group[0].start].lower().endswith("between ")
    )


def link_lists(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Give candidates joined by ", " / " and " (same answer type) a shared ``list_id``."""
    ordered = sorted(candidates, key=lambda c: c.start)
    linked: list[Candidate] = []
    group: list[Candidate] = []

    def flush() -> None:
        # A list ends with "and"/"or" ("X, Y and Z"); "the First World War, Curie" is not one.
        closed = len(group) >= 2 and re.search(
            r"\b(?:and|or)\b", text[group[-2].end : group[-1].start]
        )
        if closed and not _range_ends(text, group):
            list_id = group[0].start
            linked.extend(replace(c, list_id=list_id) for c in group)
        else:
            linked.extend(group)
        group.clear()

    for cand in ordered:
        if group:
            prev = group[-1]
            gap = text[prev.end : cand.start]
            if (
                cand.start >= prev.end
                and _LIST_GAP.fullmatch(gap)
                and cand.answer_type == prev.answer_type
            ):
                group.append(cand)
                continue
            flush()
        group.append(cand)
    flush()
    return linked
