"""What makes a question one a teacher can use unchanged: the tests behind the audit checks of
issue 10's failure patterns, and the quality estimate the ranking sorts by.

Each test here is pure and small, looks at one question (or one option) against its stem and the
article, and names one pattern blind judges flagged:

1. options of another type than the key (people offered as cities, a TV show as a person);
2. options the stem rules out, or a key that is the odd one out (by size, form or length);
3. one thing under two names ("Trevithick" and "Richard Trevithick");
4. a broken surface (a blank that splits a token, a clause fragment as an option);
5. an ambiguous true/false statement (a pronoun with nothing to point to, a swap in an aside);
6. not worth asking (a long sentence marked true, an opinion as a fact, a trivial count);
7. words unfit for a school class.

``quality`` turns the question's ranking score and the softer signals (stem length, where the
distractors came from) into the estimate that is stored with each question: 0 (a teacher would
drop it) to 1 (use as it is).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations, pairwise
from pathlib import Path

from .article import Article
from .lexicon import SPELLED_NUMBERS, STOPWORDS, given_names
from .wordclass import (
    ADVERBS,
    AUXILIARIES,
    CLOSED_WORDS,
    PLURAL,
    PREPOSITIONS,
    verb_forms,
    verb_like,
)

BLANK = "_____"
DATA = Path(__file__).resolve().parent / "data"
_NUMERAL = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
_ROMAN = re.compile(r"[IVX]{1,5}")
_INITIAL = re.compile(r"[A-Z]\.?")

# --- 1. the type of an option ---------------------------------------------------------------------

#: Heads of names that are not people: organisations, companies, places, works, events, things.
NOT_PERSON_HEADS = frozenset(
    """agency administration organisation organization institute institution university college
    council committee commission association society party church academy bank union foundation
    office department ministry army navy court board group school league federation parliament
    senate congress assembly service corps laboratory laboratories centre center observatory
    museum library inc ltd corp corporation company co llc plc motors airlines technologies
    systems river sea ocean mountains mountain mount island islands lake valley bay desert forest
    basin street square park city county province state states kingdom empire republic peninsula
    gulf coast strait canal palace castle bridge airport region plain plains hills falls channel
    cathedral abbey mission program programme project telescope probe rover station satellite
    spacecraft shuttle rocket network networks pictures films studios records press news radio
    television channel hospital theatre theatres theater hall house tower building stadium
    war wars revolution battle treaty act law laws dictionary book books bible gospel review
    times journal magazine show awards award prize games cup day week movement era age period
    dynasty industries entertainment communications media group airways railway railways
    electric motors bros brothers sisters line lines street avenue road way""".split()
)
#: Words that open a phrase that is a clause fragment rather than a name ("Suppose I", "Yes").
_CLAUSE_WORDS = frozenset(
    "yes no suppose if when while although because let please resign wise thus hence".split()
)


def lower_words(article: Article) -> frozenset[str]:
    """Words the article writes in lower case: a capitalised word among them is an ordinary
    word ("Hospital", "Pictures"), not a surname. Worked out once per article."""
    cached = article.__dict__.get("_lower_words")
    if cached is None:
        cached = frozenset(re.findall(r"(?<![\w-])[a-z][a-z']+(?![\w-])", article.norm))
        article.__dict__["_lower_words"] = cached
    return cached


def person_shaped(text: str, ordinary: frozenset[str]) -> bool:
    """``text`` reads as a person's name: capitalised words (initials, a title, a numeral
    allowed), no head word of an organisation, place or work, no "the", and at least one
    word that the article never writes in lower case (a name, not "General Hospital")."""
    words = text.replace("'s", "").split()
    if not words or words[0].lower() in {"the", "a", "an"} or len(words) > 5:
        return False
    named = 0
    for index, word in enumerate(words):
        bare = word.strip(".,")
        low = bare.lower()
        if _INITIAL.fullmatch(bare) or _ROMAN.fullmatch(bare):
            continue
        if index == 0 and low in TITLES and bare[:1].isupper():
            continue  # "Queen Elizabeth II", "General Lee": a title, not a head word
        if low in {"de", "da", "van", "von", "der", "di", "du", "la", "le", "of", "jr", "sr"}:
            continue
        if not bare[:1].isupper() or low in NOT_PERSON_HEADS or low in _CLAUSE_WORDS:
            return False
        if low not in ordinary:
            named += 1
    return named > 0


#: Words that open a person's name as a title ("Queen Elizabeth II", "Sir Isaac Newton").
TITLES = frozenset(
    """king queen pope saint st sir president emperor empress duke duchess lord lady prince
    princess dr doctor professor bishop archbishop cardinal chancellor mr mrs ms captain admiral
    tsar czar sultan caliph senator governor judge general colonel""".split()
)


def looks_like_person(text: str, ordinary: frozenset[str]) -> bool:
    """Surely a person: a person-shaped name of two words or more that opens with a given name
    or a title ("Paul Rand", "Queen Elizabeth II"); not "Wonder Woman" or "Kung Fu". A lone
    word ("Juno", "Gandhi") or an acronym may be anything, so it is not surely a person."""
    words = text.split()
    if len(words) < 2 or not person_shaped(text, ordinary):
        return False
    first = words[0].strip(".,").lower()
    return first in given_names() or first in TITLES


def clause_fragment(text: str) -> bool:
    """An option that is a piece of a clause, not a thing: "Suppose I", "Yes", "Resign"."""
    words = text.split()
    return bool(words) and (
        words[0].lower() in _CLAUSE_WORDS or (len(words) <= 2 and words[-1] in {"I", "me"})
    )


# --- 2. options the stem rules out, or a key that stands apart ------------------------------------


def number_of(text: str) -> float | None:
    """The first number written in ``text`` ("$4.5 million" -> 4.5), if any."""
    match = _NUMERAL.search(text)
    return float(match.group().replace(",", "")) if match else None


def count_of(text: str) -> float | None:
    """The number ``text`` opens with, in figures or spelled out ("fifty inventions": 50)."""
    first = text.split(maxsplit=1)[0].lower() if text.strip() else ""
    spelled = SPELLED_NUMBERS.get(first)
    return float(spelled) if spelled is not None else number_of(text)


def odd_one_out(key: str, options: tuple[str, ...] | list[str]) -> bool:
    """The key stands apart from the wrong options, so a student can pick it without reading.

    By size: numbers whose key lies beyond all the wrong options by more than twice their
    widest gap (10, 11, 12 against 8); by length: a key more than twice as long, in words, as
    every wrong option (or half as long)."""
    wrong = [o for o in options if o != key]
    if len(wrong) < 2:
        return False
    values = [count_of(o) for o in wrong]
    mine = count_of(key)
    if mine is not None and all(v is not None for v in values):
        ordered = sorted(v for v in values if v is not None)
        spread = max((b - a for a, b in pairwise(ordered)), default=0.0)
        gap = ordered[0] - mine if mine < ordered[0] else mine - ordered[-1]
        if gap > 0 and spread > 0 and gap >= 2 * spread:
            return True
    if _alone(key, wrong, lambda o: o.lower().startswith("the ")) or _alone(
        key, wrong, lambda o: o[:1].isupper()
    ):
        return True
    key_words = len(key.split())
    lengths = [len(o.split()) for o in wrong]
    return (key_words >= 3 and all(2 * n < key_words for n in lengths)) or (
        all(n >= 4 for n in lengths) and all(key_words * 2 < n for n in lengths)
    )


def _alone(key: str, wrong: list[str], form) -> bool:
    """The key alone has (or alone lacks) a form: the only option with "the", or capitalised."""
    mine = form(key)
    return all(form(o) != mine for o in wrong)


_YEAR_IN = re.compile(r"(?<![\d,.$£€])(1\d{3}|20\d{2})(?![\d%])")
#: Words that tie the blank's date to another date of the stem ("after", "until", "by").
_ORDER_WORDS = re.compile(
    r"\b(?:after|before|until|till|since|by|later|earlier|then|when|following|prior to|"
    r"took effect|from|to)\b",
    re.IGNORECASE,
)


def year_in(text: str) -> int | None:
    match = _YEAR_IN.search(text)
    return int(match.group(1)) if match else None


#: A century: "the 18th century", or "in the 18th" standing for one.
_CENTURY_IN = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)(?= century\b)|\bin the (\d{1,2})(?:st|nd|rd|th)\b"
)


def _centuries(text: str) -> set[str]:
    return {a or b for a, b in _CENTURY_IN.findall(text)}


def ruled_out_years(stem: str, key: str, options: tuple[str, ...] | list[str]) -> bool:
    """A wrong year lies on the other side of a year the stem states than the key does: "In
    April 1970 Congress passed an act that took effect on _____" rules out 1966. A wrong
    century the stem gives to something else is ruled out too ("The wars of religion in _____
    and the Revolution in the 18th" offered "the 18th century", round 34)."""
    if BLANK in stem and _centuries(key):
        stated = _centuries(stem.replace(BLANK, " ")) - _centuries(key)
        return any(_centuries(option) & stated for option in options if option != key)
    mine = year_in(key)
    if mine is None or BLANK not in stem:
        return False
    stated = [int(y) for y in _YEAR_IN.findall(stem.replace(BLANK, " "))]
    if not stated or not _ORDER_WORDS.search(stem):
        return False
    for option in options:
        if option == key:
            continue
        other = year_in(option)
        if other is None:
            continue
        for year in stated:
            if (mine - year) * (other - year) < 0 or (other == year != mine):
                return True
    return False


def echoes_stem_figure(stem: str, key: str, options: tuple[str, ...] | list[str]) -> bool:
    """A wrong count the stem states for something else: "has _____, ... would be expected to
    create a six membraned chloroplast" offered "six membranes" (round 34), an option the stem
    itself rules out."""
    if count_of(key) is None or BLANK not in stem:
        return False
    words = re.findall(r"[\w.,]+", stem.replace(BLANK, " "))
    stated = {count_of(w.strip(".,")) for w in words if w.strip(".,")} - {None}
    return any(count_of(o) in stated for o in options if o != key and count_of(o) is not None)


_OF_PLACE = re.compile(r" of ((?:the )?[A-Z][\w'-]+(?: [A-Z][\w'-]+)*)$")


def ruled_out_by_place(stem: str, key: str, options: tuple[str, ...] | list[str]) -> bool:
    """A wrong option whose title ties them to a place the stem names: "King Ethelred II of
    England" for who "conquered England" (round 34), a duke of Normandy for who drove someone
    to Normandy. ("the Siege of Warsaw" for what razed Warsaw may stand.)"""
    body = stem.replace(BLANK, " ")
    for option in options:
        match = _OF_PLACE.search(option)
        titled = option.split(" ", 1)[0].lower() in TITLES
        if (
            option != key
            and titled
            and match
            and re.search(rf"\b{re.escape(match.group(1))}\b", body)
        ):
            return True
    return False


#: Capitalised words that name a kind of institution, place or event, not which one.
_INSTITUTION_WORDS = frozenset(
    """university college institute school church society company council court museum
    library academy hospital party union association department ministry agency avenue
    street road square bridge revolution war battle""".split()
)


@lru_cache(maxsize=4096)
def _name_words_of(text: str) -> frozenset[str]:
    """The capitalised words of a name that say which one it is, singular ("Huguenots" ->
    "huguenot"). Cached: ``ruled_out_by_name`` and ``named_alone`` read the same stem, title
    and options for every multiple-choice draft."""
    words = {w.lower() for w in re.findall(r"\b[A-Z][a-z]{3,}\b", text)}
    return frozenset(w[:-1] if w.endswith("s") else w for w in words) - _INSTITUTION_WORDS


def ruled_out_by_name(
    stem: str, key: str, options: tuple[str, ...] | list[str], title: str = ""
) -> bool:
    """A wrong option named after something the stem names apart from the key: "the Radcliffe
    Institute" where men attended _____ "for every woman studying at Radcliffe" (round 39),
    "the French Huguenot Church" for what the Huguenots rioted against (fit-split reading 39).
    A word the key shares is no clue ("Harvard" in "Harvard College"), nor one of the title's
    when the key has a title word too ("the Warsaw Uprising" beside "the University of
    Warsaw"). A key without the title's words beside options with them is given away: Harvard
    "has an intense athletic rivalry with _____" offered Harvard's own schools (round 41)."""
    key_words = _name_words_of(key)
    title_words = _name_words_of(title) if key_words & _name_words_of(title) else frozenset()
    stem_words = _name_words_of(stem.replace(BLANK, " ")) - title_words
    return any(
        (_name_words_of(option) - key_words) & stem_words for option in options if option != key
    )


def named_alone(stem: str, key: str, options: tuple[str, ...] | list[str], title: str = "") -> bool:
    """The key is the only option named after something the stem names: "owned by _____, a
    subsidiary of ... The Walt Disney Company" with "the Disney-ABC Television Group" among
    groups and organisations with no "Disney" (fit-split reading 57). The title's words are
    in every stem's article, so they are no clue."""
    stem_words = _name_words_of(stem.replace(BLANK, " ")) - _name_words_of(title)
    if not _name_words_of(key) & stem_words:
        return False
    return not any(_name_words_of(option) & stem_words for option in options if option != key)


def keeps_order(value: int, key_value: int, stated: list[int]) -> bool:
    """A year ``value`` sits on the same side of every stated year as the key's."""
    return all((key_value - y) * (value - y) > 0 or key_value == y for y in stated)


# --- 3. one thing under two names -----------------------------------------------------------------


#: American spellings said the British way, so "the Great Theater" and "the Great Theatre"
#: are one name (round 26).
_SPELLINGS = {"theater": "theatre", "center": "centre", "harbor": "harbour"}


def _name_words(text: str) -> frozenset[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    return frozenset(
        _SPELLINGS.get(w, w) for w in words if w not in {"the", "a", "an", "of", "and"}
    )


def two_names(options: tuple[str, ...] | list[str]) -> bool:
    """Two options that may be one thing: one's words all inside the other's ("Trevithick" in
    "Richard Trevithick", "Blue Network" in "the NBC Blue Network"), or two people who share a
    surname ("Frederick III" and "Frederick the Great" share none; "John Smith" and
    "Adam Smith" do: a student cannot tell which one the article means)."""
    for a, b in combinations(options, 2):
        if number_of(a) is not None or number_of(b) is not None:
            continue
        wa, wb = _name_words(a), _name_words(b)
        if wa and wb and (wa <= wb or wb <= wa):
            return True
        la, lb = a.split(), b.split()
        if (
            len(la) >= 2
            and len(lb) >= 2
            and la[-1] == lb[-1]
            and la[-1][:1].isupper()
            and a[:1].isupper()
            and b[:1].isupper()
        ):
            return True
    return False


# --- 4. a broken surface --------------------------------------------------------------------------

#: A blank glued to a token ("#_____", "_____-02", "4:_____") or to a quote's punctuation.
_GLUED = re.compile(
    r"[\w#:/⁄'’\-–—]" + re.escape(BLANK) + r"|" + re.escape(BLANK) + r"[\w\-:/⁄'–—]"
)
_BETWEEN = re.compile(r"\bbetween\s+\S+\s+to\b", re.IGNORECASE)
_QUOTED_BLANK = re.compile(r'"' + re.escape(BLANK) + r'[.,;:!?]*"?[.,;:!?]*$')


#: A blank followed by a full stop inside the stem: a sentence cut in two ("_____. Presents").
_BLANK_STOP = re.compile(re.escape(BLANK) + r"\.\s+\S")


def broken_surface(stem: str) -> bool:
    """The stem does not read: a blank that splits a token, "between 8 to _____", a quotation
    reduced to its blank, doubled punctuation, a slip of the source ("can considered")."""
    return any(pattern.search(stem) for pattern in _BROKEN_STEM)


#: A variable's power whose superscript a copy lost: "7n2 + 15n" for 7n² + 15n (round 35).
_LOST_POWER = re.compile(r"\b\d+[a-z]\d\b(?=\s*[-+=·×*/)])")
#: A stem ending on a preposition and a participle with no noun: "made available to
#: underprivileged." (the noun came after ", but deserving ...", cut away; round 35).
_BARE_PARTICIPLE_END = re.compile(r"\b(?:to|for|among|of|with)\s+[a-z]+ed\s*\.$")


#: A modal before a past participle with no "be" or "have" between: the source's own slip
#: ("it can considered a ...", round 38). "-eed" verbs ("may exceed") are bare.
_MODAL_PARTICIPLE = re.compile(
    r"\b(?:can|could|may|might|must|shall|should|will|would|cannot)\s+(?:not\s+)?"
    r"[a-z]{3,}(?<!e)ed\b"
)
#: "there are lot of": the source lost the "a" of "a lot of" (round 36).
_BARE_LOT = re.compile(r"\b(?:is|are|was|were|be)\s+lot\s+of\b", re.IGNORECASE)


#: Capitalised words that open a sentence's adverbial, not its subject ("In London, the ...").
_OPENING_WORDS = (
    r"(?:In|On|At|By|For|From|During|After|Before|Since|Under|With|Through|Despite|Although|"
    r"When|While|As|Like|Unlike|Of|To|According|Following|Until|Within|Between|Around|About|"
    r"Over|Among|Throughout|Upon|If|Because|Though|Once|Today|Later|Here|There|Then|Also|"
    r"However|Thus|Instead|Meanwhile|Nevertheless|Further|Furthermore|Moreover|Still|Yet|Now|"
    r"Overall|Therefore|Hence|Indeed|Finally|[A-Z][a-z]+ly)\b"
)
#: Slips of the source a stem would copy (fit-split readings 39 and 40): a blank glued to an
#: abbreviation's dot ("_____.a." for "p.a."), a quotation closed twice ("'Metro: _____.'."),
#: "recognised one of" with its "as" lost, "however" with one comma ("clear, however that"),
#: a comma between a short subject and its verb ("Parliament elections, take place"), a
#: capital after a semicolon ("...; It has been converted to").
_SOURCE_SLIPS = re.compile(
    re.escape(BLANK) + r"\.[a-z]"
    r"|[.!?]['’\"]\.$"
    r"|\b(?:recogni[sz]ed|regarded|described)\s+one\s+of\b"
    r"|,\s+however\s+(?:that|the|a|an|it|this|they|there)\b"
    r"|(?:^|\barticle, |\bthat )[A-Z][\w'-]*(?: [a-z][\w'-]*){0,2},"
    r" (?:take|takes|took|is|are|was|were|has|have|had)\b"
    r"|;\s+(?:It|Its|They|This|These|He|She|There)\s"
    r"|\bso-called,"  # "the so-called, speed-up theorem" (fit-split reading 43)
    # fit-split reading 44: "citing to the channel's inability", "platform in to achieve"
    r"|\bciting to\b|\bin to (?:achieve|reach|become|make|be)\b"
    # fit-split readings 58, 61, 63 and 64: "to ensure whether Paramount was", "mostly due
    # of", "was used a basis for" (its "as" lost)
    r"|\bensure whether\b|\bdue of\b|\b(?:is|was|are|were|be|been) used a\b"
    # fit-split reading 46: 'students"Its', "branded Open.... now", "pharmacy, however, they"
    r'|[a-z]["”][A-Z]|[A-Za-z]\.{4}|[a-z], however, (?:they|he|she|it|we|there|this|these)\b'
    # fit-split readings 50, 53 and 54: "_____ of Australian pears and third of apples"
    r"|\b(?:and|or) (?:third|quarter|fifth|tenth) of\b"
    # fit-split reading 57: "the board of Pharmaceutical Specialties", a name's head in
    # lower case
    r"|\b(?:board|committee|council|department|ministry|institute|society|association|"
    r"bureau|agency|commission|academy|federation|foundation) of (?:the )?[A-Z][a-z]+ [A-Z]"
    # fit-split reading 49: "relative to others empires such as"
    r"|\bothers (?!as\b|is\b|was\b|has\b|does\b)[a-z]{3,}(?<![sui]s)s\b"
    # fit-split readings 48 and 51: "_____, former lead guitarist of Duran Duran was born",
    # an apposition the source never closed
    r"|(?:^|\? )(?:_____|(?!" + _OPENING_WORDS + r")[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}), "
    r"(?!and\b|or\b|but\b|which\b|who\b|"
    r"whose\b|where\b|when\b|while\b|however\b)[a-z][^,;]{8,}? (?:was|is|were|are)\b"
    # fit-split reading 56: "one key figure in the plans for what would come to be known as
    # _____, was a geographer", "The Grainger Market itself, was opened": one comma between a
    # subject with no verb or clause of its own and its verb
    r"|(?:^|\barticle, (?!is it true)|\bis it true that )"
    r"(?:(?!\b(?:is|are|was|were|has|have|had|that|which|who|while|where|when|if|because)\b)"
    r"[^,;]){10,}, (?:was|is|were|are|has|had|have)\b(?! it true)"
)
#: A blank inside a name: beside its "&" ("_____ & Sisters", "Several D_____&B": fit-split
#: reading 52, round 44) or after a title's capitalised small word ("the earliest movie ... is
#: On _____." with key "the Night of the Fire": fit-split reading 50).
_BLANK_IN_NAME = re.compile(
    r"&\s*" + re.escape(BLANK) + r"|" + re.escape(BLANK) + r"\s*&"
    r"|[a-z,] (?:On|In|Of|At|For|To|And|The|A|An|From|With) " + re.escape(BLANK)
)


#: Doubled or stray end punctuation ("...,.", "..", '."."').
_DOUBLED_MARK = re.compile(r'[.,;:]\s*"?[.]$|\.\.$|,\.|\.\s*"\.')
#: Brackets emptied, or left around the blank alone.
_EMPTY_BRACKET = re.compile(r"\(\s*\)|\(\s*" + re.escape(BLANK) + r"\s*\)")


#: A stem ending in "and." or "or.": what followed was a bracket or a mark cut away ("the
#: product of the two Gaussian primes and.", round 32).
_OPEN_AND = re.compile(r"\b(?:and|or)\s*\.$")


#: A power of ten whose exponent a copy from a web page put beside it: "2 · 1017" for 2·10^17
#: (round 9); "a subscript on its line" is mended in ``text.normalise``.
_LOST_EXPONENT = re.compile(r"\d\s*[·×]\s*10\d{1,2}\b")


#: Each of these found in a stem makes it one that does not read (``broken_surface``).
_BROKEN_STEM = (
    _GLUED,
    _BLANK_STOP,
    _BETWEEN,
    _QUOTED_BLANK,
    _DOUBLED_MARK,
    _EMPTY_BRACKET,
    _LOST_EXPONENT,
    _OPEN_AND,
    _LOST_POWER,
    _BARE_PARTICIPLE_END,
    _MODAL_PARTICIPLE,
    _BARE_LOT,
    _SOURCE_SLIPS,
    _BLANK_IN_NAME,
)


def broken_option(option: str) -> bool:
    """An option that does not read on its own: stray punctuation, an open bracket or quote,
    a digit run glued to a word ("1 selection" from "#1 selection")."""
    if not option.strip() or option != option.strip():
        return True
    if option.count('"') % 2 or option.count("(") != option.count(")"):
        return True
    return bool(re.search(r"^[,.;:'\-]|[,;:'\-]$", option)) or clause_fragment(option)


# --- 5. ambiguous true/false ----------------------------------------------------------------------

#: Pronouns that need someone or something named before them.
_POINTING = re.compile(
    r"\b(?:he|she|him|his|her|hers|they|them|their|theirs|this|these|those)\b", re.IGNORECASE
)
_NAMED_BEFORE = re.compile(r"[A-Z][a-z]+")
_PERSONAL = frozenset({"he", "she", "him", "his", "her", "hers"})


#: An opening comparison names something the pronoun after it is not: in "Like cnidarians,
#: their bodies are jelly" "their" is the paragraph's subject, not the cnidarians.
_COMPARISON_LEAD = re.compile(
    r"^(?:(?:according to the article, )?(?:is it true that )?)"
    r"(?:like|unlike|as with|as in|compared (?:with|to))\b[^,]*,\s*",
    re.IGNORECASE,
)


#: A name after "the" is a thing ("the Union", "the Allegheny Mountains"), not someone "he"
#: or "him" could be, unless it is a title ("the Pope", "the King of France") (round 31).
_THE_NAME = re.compile(r"\b[Tt]he ([A-Z][\w'-]*)(?: (?:of )?[A-Z][\w'-]*)*")


def _unless_title(match: re.Match[str]) -> str:
    return match.group() if match.group(1).lower() in TITLES else ""


def dangling_pronoun(statement: str, blank_person: bool = True) -> bool:
    """A pronoun with nothing before it in the statement to point to ("during his term",
    "these reforms"): "this"/"these"/"those" always point back out of the statement; "he" or
    "his" is fine after a name (or the blank) of its own statement, "they" or "their" after a
    name or a plural noun (not one named only in an opening comparison: "Like cnidarians, their
    bodies ...")."""
    match = _POINTING.search(statement)
    if match is None:
        return False
    word = match.group().lower()
    if word in {"this", "these", "those"}:
        return True
    before = _COMPARISON_LEAD.sub("", statement[: match.start()])
    if word in _PERSONAL:
        before = _THE_NAME.sub(_unless_title, before)  # "every state in the Union ... by him"
        if not blank_person:
            before = before.replace(BLANK, "")  # "every state in _____ was mapped by him"
    if BLANK in before or _NAMED_BEFORE.search(before, 1):
        return False
    plural = word in {"they", "them", "their", "theirs"}
    return not (plural and re.search(r"[a-z]{3,}s\b", before))


#: Nouns that name something an earlier sentence told ("The results showed"): without what
#: they point to, a stem does not say which results (round 31). "the results of" says it
#: itself. "the idea" and "the loss" (round 31 too) are left: refusing them cost 4 keys that
#: people asked about, and recall sits on its floor.
_POINTING_NOUN = re.compile(
    r"\b[Tt]he (?:results|findings|proposal|survey)\b"
    r"(?! (?:of|that|which|for|about|on|between|in|from|suffered|caused|made)\b)"
)


#: ... and, as the subject of a clause, nouns for a group the paragraph named before ("The
#: couple left for the Far East", "the group announced"; fit-split reading 39). In other
#: places they are often named by what follows ("within the group", "on a closed system").
_POINTING_SUBJECT = re.compile(r"(?:^|, |\bthat )[Tt]he (?:couple|group|system) (?!of\b)[a-z]")


def pointing_noun(statement: str) -> bool:
    """ "the results", "the findings", "the couple left" with nothing in the statement to say
    which."""
    return bool(_POINTING_NOUN.search(statement) or _POINTING_SUBJECT.search(statement))


_IT = re.compile(r"\b(its|it)\b(?:\s+(\w+))?", re.IGNORECASE)
#: What follows a dummy "it" ("it is thought", "it was not until", "it took years").
_DUMMY_IT_NEXT = frozenset(
    """is was has had seems seemed appears appeared became becomes takes took would will may
    might can could should must remains remained""".split()
)
#: "it had control over", "it has offices in": "has"/"had" with a noun after is no dummy's
#: "it has been said" (fit-split reading 57).
_ACTING_IT = re.compile(
    r"it ha[sd] (?!been\b|become\b|not\b|no\b|to\b|already\b|long\b)[a-z]+", re.I
)
_OPENING_BREAK = re.compile(r",\s*|\s*[—–]\s*")
#: What the main clause after a leading phrase opens with when a pronoun in that phrase
#: points ahead to it ("Under its contract with X, ABC will ...", "As it grew, the city ...").
_MAIN_SUBJECT = re.compile(r"(?:[A-Z]|the |a |an )")


def _lead_segment(segment: str) -> bool:
    """An opening phrase that names nothing: "From 2000 to 2007", "Operating since 1793",
    "In the _____ election", "71% of"."""
    words = segment.split()
    if not words:
        return True
    first = words[0].lower().strip("'\"")
    return (
        first in PREPOSITIONS
        or first.endswith(("ing", "ed"))
        or first[:1].isdigit()
        or first in {"according", "never", "once", "although", "though", "while", "as"}
    )


def dangling_it(statement: str, blank_thing: bool = True) -> bool:
    """ "its", or "it" doing something, before anything it could point to: "From 2000 to 2007
    it killed ...", "Operating since 1793, its lecture theatre was ...", "In the _____
    election—its first foray—it won" all mean something named in an earlier sentence (round
    25). Anything named or a thing's blank before it, a noun outside an opening phrase ("The
    city and its suburbs", "The header is small, as it ..."), or a main clause the pronoun
    points ahead to ("Under its contract with X, ABC will ...") gives it a referent."""
    match = _IT.search(statement)
    if match is None:
        return False
    next_word = (match.group(2) or "").lower()
    if match.group(1).lower() == "it" and (
        (next_word in _DUMMY_IT_NEXT and not _ACTING_IT.match(statement, match.start()))
        or statement[match.end(1) : match.end(1) + 1] == "'"
    ):
        return False
    before = statement[: match.start()]
    if (blank_thing and BLANK in before) or _NAMED_BEFORE.search(before, 1):
        return False
    segments = _OPENING_BREAK.split(before)
    while len(segments) > 1 and _lead_segment(segments[0]):
        segments.pop(0)  # only a phrase a comma or a dash closes is an opening phrase
    if any(
        word.isalpha() and word.lower() not in CLOSED_WORDS
        for segment in segments
        for word in segment.split()
    ):
        return False
    ahead = _OPENING_BREAK.search(statement, match.end())
    return not (ahead and _MAIN_SUBJECT.match(statement, ahead.end()))


#: An aside inside the statement: a comparison, a bracket, a "like"/"unlike" phrase.
_ASIDE_OPEN = re.compile(r"\b(?:than|like|unlike|as well as|such as|compared with|compared to)\b")


def in_aside(statement: str, start: int) -> bool:
    """The character at ``start`` lies in a side comparison or bracket, not in the main claim:
    changing it makes the statement false without touching what it asserts."""
    head = statement[:start]
    if head.count("(") > head.count(")"):
        return True
    opened = [m.end() for m in _ASIDE_OPEN.finditer(head)]
    if not opened:
        return False
    between = head[opened[-1] :]
    return "," not in between and ";" not in between


# --- 6. not worth asking --------------------------------------------------------------------------

#: A claim made in someone's voice, or a thesis, rather than a fact of the article.
OPINION = re.compile(
    r"\b(?:argues?|argued|believes?|believed|claims?|claimed|contends?|contended|suggests?|"
    r"suggested|asserts?|asserted|maintains?|insists?|thinks?|thought|feels?|opines?|should|"
    r"must|ought|arguably|perhaps|considered|regarded as|seen as|viewed as|criticized|"
    r"criticised|best|worst|greatest|important|importance|significant)\b",
    re.IGNORECASE,
)
#: Words of a true statement copied whole beyond which it tests reading, not knowing.
MAX_TRUE_WORDS = 25
_SMALL_COUNT = re.compile(r"^(?:two|three|both)\b", re.IGNORECASE)


_YEARLIKE = re.compile(r"(?<![\d,.$£€])(1[0-9]\d\d|20\d\d)(?![\d,.%])")
_PARTICIPLE = re.compile(r"\d\S*\s+(?:[a-z]+\s+)?[a-z]{3,}ed$")


def misread_number(key: str) -> bool:
    """A "number" key that is not a count: a year read as one ("1942 films", whose wrong options
    would be "2428 films"), or a number cut before its noun ("over 232 affiliated")."""
    return bool(_YEARLIKE.search(key) or _PARTICIPLE.search(key))


def trivial_count(key: str) -> bool:
    """A small spelled-out count ("two companies"): the stem usually says it anyway."""
    return bool(_SMALL_COUNT.match(key))


# --- 7. words unfit for a school class ------------------------------------------------------------

UNFIT_WORDS = frozenset(
    """buxom sexy sexual sexually porn pornography pornographic erotic nude nudity naked
    masturbation orgasm prostitute prostitution whore slut bitch bastard fuck fucking shit crap
    damn dick cock pussy cunt rape raped raping rapist nigger faggot fag retard retarded
    cocaine heroin""".split()
)


def unfit_words(*texts: str) -> bool:
    """Any of ``texts`` holds a word a teacher would not put in front of a class."""
    return any(w.lower() in UNFIT_WORDS for text in texts for w in _WORD.findall(text))


# --- the estimate ---------------------------------------------------------------------------------

#: Stem words past which a stem reads as a paragraph, not a question.
LONG_STEM = 30
MAX_STEM = 45


def stem_words(stem: str) -> int:
    return len(stem.split())


def quality(score: float, kind: str, stem: str, origins: dict[str, str]) -> float:
    """The estimate stored with each question, from 0 (drop it) to 1 (use it as it is).

    It starts from the ranking's score (how worth asking the key is, ``priors``; on the fit
    articles, kept questions scored 0.5–0.6 had a key people asked about 42 % of the time, those
    at 0.8 or more 55 %) and takes off for what judges found makes a question weaker without
    making it wrong: a stem over ``LONG_STEM`` words, wrong options taken from the curated
    lists rather than the article (less close to the topic), a true/false statement (easy to
    guess), a stem whose subject is a definite thing only the paragraph names ("The network
    began ..."); matching and ordering are capped at ``LISTED_KIND``. Kept questions all pass
    every audit check, so the estimate ranks usable questions, weakest first for review; the
    ranking keeps the best by it."""
    value = score
    words = stem_words(stem)
    if words > LONG_STEM:
        value -= 0.01 * (words - LONG_STEM)
    if any(origin.startswith("domain") for origin in origins.values()):
        value -= 0.05
    if kind == "true_false":
        value -= 0.05
    if kind in {"matching", "ordering"}:
        value = min(value, LISTED_KIND)  # judged weakest: items of mixed kinds, minor dates
    body = _without_prefix(stem)
    if kind not in {"matching", "ordering"} and unanchored_statement(body.replace(BLANK, "X")):
        value -= UNANCHORED  # round 3: "The network began ...": which network?
    if kind not in {"matching", "ordering"} and pointing_matches(body):
        value -= POINTING  # round 5: "... defied this idiom": which idiom?
    return round(min(1.0, max(0.0, value)), 3)


#: The most a matching or ordering question is estimated at: its items are paired by rules
#: that often tie a minor name to a date (judges accepted none in round 3).
LISTED_KIND = 0.6
#: Taken off a question whose stem opens with a definite thing only the paragraph names.
UNANCHORED = 0.05
#: Taken off a question whose stem speaks of "this ..." further on (``pointing_out``).
POINTING = 0.1
_PREFIX = re.compile(
    r"^(?:According to the article, (?:is it true that )?|Which of these belong in the blank\? |"
    r"(?:In what year|How many [^?]{1,40}|What percentage)\? )+"
)


def _without_prefix(stem: str) -> str:
    """The stem without the fixed words the generator puts before the article's statement."""
    return _PREFIX.sub("", stem)


# --- round 2 (second blind judging): what the stem gives away, where the blank falls ------------


#: A blank in brackets right after a figure with its unit: the conversion of a stated figure.
_CONVERTED_BLANK = re.compile(
    r"\d[\d,.]*\s*[^\s\d()]{1,8}\s*\(\s*(?:about |approximately |c\. |[^()]{1,20}? )?"
    + re.escape(BLANK)
    # "1.5 m (_____ 11 in)", "1.5 m (4 ft _____ in)": a compound unit too (rounds 13, 15)
    + r"(?:\s*[^\s()]{1,8}){0,3}\s*\)"
)


def bracket_beside_blank(stem: str) -> bool:
    """A bracket touches the blank: "_____ (0.66 ft)", "(the Sejm) _____"; or the blank is the
    conversion of a figure the stem states ("less than 9 °C (_____ °F)", round 3)."""
    return bool(
        re.search(re.escape(BLANK) + r"\s*\(|\)\s*" + re.escape(BLANK), stem)
        or _CONVERTED_BLANK.search(stem)
    )


#: Openers that point back to the sentence before ("Shortly thereafter", "Also", "Still") when
#: they are not cut off (``stems.strip_connectives`` cuts them when a comma follows).
BACK_POINTING = re.compile(
    r"^(?:shortly thereafter|thereafter|afterwards|also|still|instead|meanwhile|subsequently|"
    r"consequently|accordingly|likewise|otherwise|besides|nevertheless|nonetheless|in turn|"
    r"in response|by then|at that time|at the time|as a result|for this reason|even so|"
    r"soon afterwards?|soon after(?=,)|in addition(?! to\b)|"
    # round 13: "All of this set the stage for ...": all of what?
    r"(?:all|much|most|some|none|part|because|as a result) of this|all this|"
    # round 25: "The same thing can occur at depths ...": the same as what?
    r"the same (?:thing|things|is true|applies|holds|happens|goes|can|may|occurs)|"
    # round 27: "The new concept found little resonance": new beside what?
    r"the new (?:concept|idea|approach|method|technique|system|design|process|theory|model))\b"
    r"(?! of\b)"
    # round 35 (fit split): "_____ has grown ever since.": since what?
    r"|\bever since\W*$"
    # round 36: "Only _____ later, ...": later than what? "Much went for arms": much of what?
    r"|^(?:only |just |some )?" + re.escape(BLANK) + r" (?:later|earlier|afterwards?)\b"
    r"|^(?:much|most|many|few|several) (?:went|was|were|is|are|had|has|came)\b"
    # round 49: "One engine was still known to be operating in 1820": one of which engines?
    # fit-split reading 56: "At the time of its opening in _____ it was said ..." (of what?)
    r"|^at the time of (?:its|their|his|her)\b"
    # fit-split reading 60: "The oldest is claimed to have been set up in _____" (of what?)
    r"|^the (?:oldest|largest|biggest|earliest|latest|smallest|highest|longest|newest|"
    r"greatest|tallest|youngest|first|second|third|last) (?:is|was|are|were|has|had)\b"
    r"|^one (?!example\b)(?-i:[a-z]+) (?:was|were|is|are|had|has|remained|remains|still)\b"
    # fit-split reading 43: "Days later, still in ...", "within 30 days, ... had been sold":
    # later than what, within 30 days of what?
    r"|^(?:(?:a few|several|some|two|three|\d+) )?(?:hours|days|weeks|months|years) later\b"
    r"|^within (?:\d+|a few|two|three) (?:hours|days|weeks|months)\b(?! (?:of|after)\b)",
    re.IGNORECASE,
)
#: A definite reference that needs the previous sentence: "these risks", "these regulations".
_THESE = re.compile(r"\bthese\s+[\"“'‘]?(?:[a-z]|" + re.escape(BLANK) + ")", re.IGNORECASE)


#: "both parties" with no two parties named before it (round 25).
_BOTH = re.compile(r"\bboth (?:parties|sides|countries|nations|groups|men|women)\b", re.IGNORECASE)


#: Words that point back from inside the sentence (round 42): "The second two are the
#: largest" (two of what?), "expressed likewise in base q" (like what?), "the latter was".
_POINTING_INSIDE = re.compile(
    r"\b[Tt]he (?:first|second|third|last) (?:two|three|four|five|few)"
    r"(?= (?:are|were|is|was|have|had|can|could|do|did)\b|[,;.])"
    r"|\b[Tt]he latter\b(?! (?:half|part|years?|stages?|century|of which)\b)"
    r"|\b[Tt]he former(?= (?:is|was|are|were|has|had)\b|[,;.])"
    r"|\blikewise\b"
    # round 43: "more than double that figure" (which?), "produced in this way" (which way?
    # cut out, it left "90% of the electric power is produced" claiming all of it)
    r"|\bthat (?:figure|number|amount|total|sum|rate|level)\b"
    r"|\bin (?:this|that) (?:way|manner|fashion)\b"
    # fit-split reading 54: "programs during that time" (which time? a year elsewhere in the
    # stem does not say)
    r"|\bduring (?:that|this) (?:time|period)\b"
    # fit-split reading 48: "was born here in _____" (where?), "Here _____ force acts"
    r"|\b[Hh]ere\b(?! and there\b)"
    # "the result of such interactions" (round 7), "could qualify for such funding" (fit-split
    # reading 49): such things as were said before; not "such X as Y"
    r"|\b[Ss]uch (?!that\b|as\b|al\b)(?!(?:\S+ ){1,3}as\b)"
)


#: "_____ was one of several men studying ...": the blank is one of many the sentence does
#: not name, so any of the others fits it too (fit-split reading 43).
_ONE_OF_MANY = re.compile(
    re.escape(BLANK) + r" (?:was|is|were|are|became|remains) (?:one of|among) "
    r"(?:several|many|a number of|numerous)\b"
    # fit-split readings 56 and 61: "NewcastleGateshead also holds an annual _____." beside
    # the paragraph's other annual events: "also" says there are others, and any of them fits
    r"|\balso (?:holds|hosts|has|have|had|held|hosted|includes|included|features|contains|"
    r"offers|boasts) (?:an? |the )?(?:[a-z]+ )?" + re.escape(BLANK) + r"\W*$"
)


def one_of_many(stem_body: str) -> bool:
    """The blank is said to be one of several things the stem does not name, or one more
    besides them ("also holds an annual _____.")."""
    return _ONE_OF_MANY.search(stem_body) is not None


def points_back(stem_body: str) -> bool:
    """The stem opens with a connective that needs the previous sentence, or speaks of
    "these"/"those" things, or of "both parties" or "both sides", that only the paragraph
    names, or says "likewise" or "the latter" of something before it."""
    both = _BOTH.search(stem_body)
    unnamed_pair = both is not None and " and " not in stem_body[: both.start()]
    return bool(
        BACK_POINTING.search(stem_body)
        or _THESE.search(stem_body)
        or _POINTING_INSIDE.search(stem_body)
        or unnamed_pair
    )


#: Words of the stem outside its blank a fill-in or choice stem needs to test something. At
#: 2, "Cyanobacteria are considered _____." and "_____ was established in 1816." were kept,
#: which fit many answers (round 42, fit-split reading 43); 4 took keys people ask about.
MIN_CONTEXT_WORDS = 3
_FUNCTION = frozenset(
    """the a an of in on at by for to from with and or but as is are was were be been has have
    had its it their his her such this that these those which who than into over under
    according article there about around some nearly almost approximately roughly
    include includes included including
    """.split()  # round 34: "There are about _____." says nothing; round 49: "Famous
    # musicians include _____." (born where?)
)


#: A clause that cannot stand alone, cut from the end of a sentence ("... in countries where
#: class sizes are ..."): with no comma, no main clause follows it.
_SUBORDINATE_ONLY = re.compile(
    r"(?:where|whereas|although|though|because|unless|whenever|wherever|if|whom|whose|which|"
    r"due to|despite|in spite of)\b",
    re.IGNORECASE,
)


#: A name and its description, with no verb: "_____, the oldest exhibition site in Warsaw."
#: (a sentence cut at its list of things, round 16).
_APPOSITION_ONLY = re.compile(
    r"(?:" + re.escape(BLANK) + r"|(?:the )?[A-Z][\w'’.-]*(?: (?:of|the|and|de|[A-Z][\w'’.-]*))*), "
    r"(?:an?|the) (?![^,;:]*\b(?:is|are|was|were|has|have"
    r"|had|will|would|can|could|may|might|does|do|did)\b)[^,;:]*[.?]"
)
_APPOSITION_HEAD = re.compile(
    r", (?:an?|the) ((?:[\w'’-]+ )*?[\w'’-]+)(?= (?:of|in|on|at|near|for|from|with|by)\b|[.?]?$)"
)


def said_with_copula(body: str) -> str:
    """ "X, the oldest exhibition site in Warsaw" said as the sentence it stands for, "X is the
    oldest exhibition site in Warsaw": cut from a longer sentence, a name and its description
    have no verb (judged a fragment in round 16). Refusing such stems cost recall."""
    if not _apposition_only(body if body.endswith((".", "?")) else body + "."):
        return body
    if re.search(r"\b(?:and|or)\b", body.split(", ", 1)[1]):
        return body  # "X, the Y or other bodies" is a list, not a name and what it is
    head = _APPOSITION_HEAD.search(body)
    noun = head.group(1).rsplit(" ", 1)[-1] if head else ""
    plural = noun.endswith("s") and not noun.endswith(("ss", "us", "is"))
    return body.replace(", ", " are " if plural else " is ", 1)


def _apposition_only(stem_body: str) -> bool:
    """The stem is a name (or the blank) and its description only, with no verb: not "In
    England, the ..." nor "Institutionally, the ...", whose opening is no name."""
    if not _APPOSITION_ONLY.fullmatch(stem_body):
        return False
    first = stem_body.split(maxsplit=1)[0].lower().rstrip(",")
    return first not in PREPOSITIONS and not first.endswith("ly")  # "In England, the ..."


def statement_fragment(statement: str) -> bool:
    """A true/false statement that is no sentence: one subordinate clause, or a name with only
    its description ("Zachęta National Gallery of Art, the oldest exhibition site in Warsaw")."""
    return (
        subordinate_only(statement)
        or _apposition_only(statement)
        or _verbless_ing(statement)
        or _CUT_LIST_END.search(statement) is not None
    )


#: A statement ending on a list with no "and" or "or" before its last item: "services of Holy
#: Communion, baptism, weddings, funerals, ordination?" was cut in the middle of its list
#: (fit-split reading 59).
_CUT_LIST_END = re.compile(r"(?:, (?!and\b|or\b|etc\b)[\w'-]+(?: [\w'-]+){0,2}){3,}[?.]$")


def _verbless_ing(statement: str) -> bool:
    """ "transforming the 18th century public portico" (fit-split reading 55): a participle
    phrase cut off its clause, with no verb of its own to be true or false."""
    words = re.findall(r"[a-z]+", statement.lower())
    if not words or not words[0].endswith("ing"):
        return False
    return not any(_finite_verb(word) for word in words[1:])


def _finite_verb(word: str) -> bool:
    """A word that may say what a clause claims: an auxiliary or a verb form, not a
    participle in "-ing" (which needs one of those beside it)."""
    return word in AUXILIARIES or (verb_like(word) and not word.endswith("ing"))


#: ... and for a true/false statement, which has no key to lose, time clauses too ("is it
#: true that when the double expansion group is duplicated?", round 36). In a fill-in stem
#: "when" also opens main clauses people ask about ("When _____ took office, ...").
_SUBORDINATE_TIME = re.compile(r"(?:when|while|until|once|after|before)\b", re.IGNORECASE)


def subordinate_only(stem_body: str, statement: bool = False) -> bool:
    """The stem is one subordinate clause ("Where school class sizes are typically _____."):
    it opens with a subordinating word and no comma leads on to a main clause."""
    opens = _SUBORDINATE_ONLY.match(stem_body) or (statement and _SUBORDINATE_TIME.match(stem_body))
    return bool(opens) and "," not in stem_body


#: A stem that is only the naming phrase left after a semicolon: "Now known as _____." (round 27).
_NAMING_ONLY = re.compile(
    r"(?:(?:now|later|then|also|still|formerly|once|today)\s+)?"
    r"(?:known|called|named|renamed|nicknamed|dubbed|titled)\s+(?:as\s+)?"
    + re.escape(BLANK)
    + r"\W*$",
    re.IGNORECASE,
)


_LIKENESS = re.compile(r"(?:Like|Unlike|As with|As in)\b")


def _likeness_only(stem_body: str) -> bool:
    """ "Like in other regional organisations such as _____, or the World Trade Organisation."
    (fit-split reading 47): a likeness whose main clause was cut off; nothing after its comma
    says anything."""
    if not _LIKENESS.match(stem_body):
        return False
    rest = stem_body.partition(",")[2].replace(BLANK, " ")
    return not any(_finite_verb(word) for word in re.findall(r"[a-z]+", rest))


def fragment_stem(stem_body: str) -> bool:
    """A stem with nothing to test outside its blank: "On October 6, 1973, _____.", "The
    European Space Agency's _____.", "... has _____.": fewer than ``MIN_CONTEXT_WORDS`` content
    words outside the blank, or a blank that is the whole clause (after a comma or a
    possessive at the end) or the whole object of a bare "has"."""
    if BLANK not in stem_body:
        return False
    if subordinate_only(stem_body) or _apposition_only(stem_body) or _NAMING_ONLY.match(stem_body):
        return True
    if _likeness_only(stem_body):
        return True
    outside = stem_body.replace(BLANK, " ")
    words = [w.lower() for w in re.findall(r"[\w'’]+", outside)]
    content = [w for w in words if w not in _FUNCTION]
    if len(content) < MIN_CONTEXT_WORDS:
        return True
    tail = re.escape(BLANK) + r"\W*$"
    return bool(
        re.search(r"\b(?:has|have|had)\s+" + tail, stem_body)
        or re.search(r",\s*" + tail, stem_body)
        or (re.search(r"'s\s+" + tail, stem_body) and len(content) < 5)
    )


#: A key of several capitalised words, and what after the blank shows its name goes on
#: ("into _____ on Abortion and Sexuality"); a weekday or a month after "on" or "of" does not.
_CAPITALISED_KEY = re.compile(r"(?:the )?[A-Z][a-z]+(?: (?:of )?[A-Z][\w'-]*)+$")
_NAME_RUNS_ON = re.compile(
    r" (?:on|of|for) (?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|"
    r"February|March|April|May|June|July|August|September|October|November|December)\b)"
    r"[A-Z][a-z]"
)


#: A blank whose key stops before the noun it belongs to ("_____ pair genome" with key
#: "150,000 base") or starts inside a name ("Newton's First _____").


#: "just", "well" before a blank whose key opens with "over", "under": "just over" cut.
_DEGREE_BEFORE = re.compile(r"\b(?:just|well|slightly|far|a little) $")
_BOUND_FIRST = re.compile(r"(?:over|under|above|below|about|around|more|less|fewer) ")
#: One capitalised word, or a phrase after "one" or "a", and a plural noun with its verb right
#: after the blank.
_MODIFIER_KEY = re.compile(r"(?:the )?[A-Z][a-z]+")
_PHRASE_KEY = re.compile(r"[a-z][\w-]*(?: [a-z][\w-]*)*")
_ONE_BEFORE = re.compile(r"(?:^|\s)(?:[Oo]ne|[Aa]n?) $")
_PLURAL_SUBJECT = re.compile(r" [a-z]{3,}s (?:are|were|have|had)\b")


def splits_compound(stem: str, key: str, nouns: frozenset[str]) -> bool:
    """The blank cuts a compound: the key is a number phrase whose last word runs on into a
    noun after the blank, or one capitalised word naming what the plural subject after the
    blank belongs to ("_____ members are elected"), or a bound cut from its degree ("just
    _____" with key "over 311,800"), or a capitalised key right after a capitalised word of
    the same name in mid-sentence, or a name of several capitalised words that goes on after
    the blank with "on", "of" or "for" and another capital."""
    at = stem.find(BLANK)
    if at < 0:
        return False
    after = stem[at + len(BLANK) :]
    before = stem[:at]
    nxt = re.match(r" ([a-z][a-z-]+)\b", after)
    if nxt and number_of(key) is not None and re.search(r"[a-z]$", key):
        word = nxt.group(1)
        if word in nouns and word not in _FUNCTION:
            return True
    # round 45: "_____ members are elected directly" with key "Council": one word naming what
    # the plural after the blank belongs to, so the blank holds half of "Council members"
    if _PLURAL_SUBJECT.match(after) and (
        _MODIFIER_KEY.fullmatch(key) or (_PHRASE_KEY.fullmatch(key) and _ONE_BEFORE.search(before))
    ):
        return True
    # fit-split reading 64: "and just _____ in private schools" with key "over 311,800"
    if _DEGREE_BEFORE.search(before) and _BOUND_FIRST.match(key):
        return True
    prev = re.search(r"(?<=[a-z,;] )([A-Z][\w'-]*) $", before)
    if prev and key[:1].isupper() and not prev.group(1).endswith("'s"):
        return True
    # fit-split reading 52: "organized into _____ on Abortion and Sexuality" with key "the
    # Taskforce of United Methodists": the name runs on past the blank
    named = _CAPITALISED_KEY.match(key) is not None
    return named and _NAME_RUNS_ON.match(after) is not None


def whole_sentence(statement: str, sentence: str) -> bool:
    """A true statement that is the whole source sentence (nothing cut away) and long enough
    that it tests reading rather than knowing."""
    norm = lambda t: " ".join(_WORD.findall(t.lower()))  # noqa: E731
    return len(statement.split()) > WHOLE_SENTENCE_WORDS and norm(statement) == norm(sentence)


#: Words of a true statement copied whole from its sentence above which it is not kept.
WHOLE_SENTENCE_WORDS = 12

#: "each year", "every year", "annually": a year swapped in a statement of a yearly event
#: is not clearly false.
YEARLY = re.compile(r"\b(?:each|every) year\b|\bannual(?:ly)?\b|\byearly\b", re.IGNORECASE)
#: A state that lasts ("held a 58% stake", "owned", "employed"): true of one year, it may be
#: true of the next, so a year swapped in does not make the statement false (fit-split reading
#: 53: "in 1942, Noble held a 58% ownership stake" for 1951).
LASTING = re.compile(
    r"\b(?:held|holds|owned|owns|controlled|employed|housed|numbered|remained|lived)\b"
)


# --- round 3: true/false built on the main claim, stems that stand alone ------------------------

#: Words of a true/false statement (either answer) past which it tests reading, not knowing.
MAX_TF_WORDS = 24
#: The categories a false statement may swap: a person for a person, a date or a number for
#: another. Places, countries and other names cannot be typed well enough: "the most populous
#: city in the Jesmond" or "a Mexico" for a country is false on its face or not false at all.
TF_SWAP_CATEGORIES = frozenset({"person", "year", "date", "decade", "century", "number"})
#: ... and these when the article names the swapped value as one of the same category.
TF_SWAP_KNOWN = frozenset({"organisation", "company", "mission"})
#: A statement that stops where a list or a quotation would begin ("... were", "... include").
_OPEN_END = re.compile(
    r"\b(?:is|are|was|were|be|been|include|includes|included|including|as follows|such as|"
    r"namely|the following|following|and|or|but|when|while|that|which|who|where|whether|"
    r"because|if|than|as|of|with|by|to|for|from|in|on|at)\W*$",
    re.IGNORECASE,
)


def unanchored_statement(statement: str) -> bool:
    """A true/false statement whose subject is "the <thing>" (or "this"/"such") that only the
    paragraph names: "the network is part of the Big Three", "the transaction was approved":
    a student cannot tell which network or transaction is meant. A subject that names
    something ("the joint development of Juno") or dates it is anchored."""
    words = statement.strip().split()
    if (
        words
        and words[0].lower() in _PRONOUN_SUBJECTS
        and (len(words) < 2 or words[1].lower() != "of")
    ):
        return True  # "most are concentrated in ...", "others use ...": most of what?
    if not words or words[0].lower() not in {"the", "this", "that", "such"}:
        return False
    if len(words) > 1 and (words[1][:1].isupper() or words[1][:1].isdigit()):
        return False
    for word in words[1:9]:
        bare = word.strip(",;:()\"'")
        if bare.lower() in _VERBS or (bare.endswith("ed") and len(bare) > 4):
            return True  # the subject ends here, and nothing in it is named
        if bare[:1].isupper() or bare[:1].isdigit():
            return False
    return True


_PRONOUN_SUBJECTS = frozenset("most others some many several both all each few".split())
_VERBS = frozenset(
    """is are was were be been has have had will would can could may might must shall should
    became become remained remains began begins led leads took takes made makes""".split()
)


def open_ended(statement: str) -> bool:
    """The statement stops where what it announces would follow ("three teachings were?")."""
    return bool(_OPEN_END.search(statement.rstrip("?. ")))


#: A swap inside a range or a list: "the 1979–77 season", "Word, Sacrament and Puigcerdà".
def swap_in_series(statement: str, swapped: str) -> bool:
    """The swapped value sits in a range ("1979–77") or is one item of a list ("X, Y and Z"):
    the statement is then broken, or false in a detail rather than in its main claim."""
    at = statement.find(swapped)
    if at < 0:
        return False
    before, after = statement[:at], statement[at + len(swapped) :]
    if re.search(r"\d[–—-]$", before) or re.match(r"[–—-]\d", after):
        return True
    if re.search(r"\bfrom\s+$", before) and re.match(r"\s+to\s", after):
        return True  # "from _ to the ISS": one end of a span
    if re.search(r"\bfrom\s+[^,]{1,40}\s+to\s+$", before):
        return True
    # "Tallin, _ and Oster", "Tallin, Oster and _", "_, Oster and Brim": one item of a list
    after_item = re.match(r"\s*,|\s+(?:and|or)\s", after)
    return bool(
        (re.search(r",\s+$", before) and after_item)
        or re.search(r",\s+[A-Z\d][^,]{0,30}\s(?:and|or)\s+$", before)
        or re.match(r",\s+[A-Z\d][^,]{0,30}?(?:,|\s(?:and|or)\s+[A-Z\d])", after)
    )


#: Words of a stem (without its fixed prefix) past which it is cut when a clause can go.
TRIM_STEM = 25

#: Wiki marks left in copied text: "[when?]", "[citation needed]", "[original research?]", "[3]".
WIKI_MARK = re.compile(r"\s*\[(?:\d{1,3}|[a-z][a-z ,'?]{2,40}\??)\]")


def wiki_marks(text: str) -> bool:
    """``text`` still holds a wiki mark ("[when?]", "[12]")."""
    return bool(WIKI_MARK.search(text))


#: A time counted from an event the stem does not state ("ten years later", "the next year").
RELATIVE_TIME = re.compile(
    r"\b(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|some|few|many)\s+"
    r"(?:years?|months?|weeks?|days?|decades?|centuries)\s+(?:later|earlier|afterwards?|before)"
    r"|the (?:following|next|same|previous) (?:year|month|day|decade|season)|that (?:year|time)"
    r"|last year|this year)\b",
    re.IGNORECASE,
)


#: "this" or "that" standing for something the stem does not state ("_____ does this", "this
#: meant that ..."): a pronoun, not a determiner, so nothing in the stem says what it is.
POINTING_THIS = re.compile(
    r"^(?:\S+\s+){0,5}?(?:this|that)\s*(?:[,.;:?]|$)|^(?:\S+\s+){0,5}?this\s+(?:is|was|has|had|"
    r"does|did|led|meant|made|allowed|caused|resulted|means|became|gave)\b"
    r"|(?:does|did|do) this\W*$"
    # "Camp would instead support ...", "at the same time": an alternative or a moment said
    # before (round 13)
    r"|\binstead\b(?! of\b)|\bat the same time\b(?! as\b)",
    re.IGNORECASE,
)


def unanchored_time(stem_body: str) -> bool:
    """A time counted from an event the stem does not date ("Ten years later, ...", "last
    year"): unless the stem states a year or asks for one (its blank), it has no anchor."""
    match = RELATIVE_TIME.search(stem_body)
    if match is None:
        return False
    return not (_YEAR_IN.search(stem_body) or BLANK in stem_body[: match.start()])


_DURATION = re.compile(r"\b(?:years?|months?|decades?|centuries|weeks?|days?)\b", re.IGNORECASE)


def duration_given(stem: str, key: str) -> bool:
    """A duration key ("three years") whose stem states the span it lasted ("ruled for _____,
    from 1512 to 1514"): the two dates settle the answer."""
    if not _DURATION.search(key):
        return False
    return len(_YEAR_IN.findall(stem.replace(BLANK, " "))) >= 2


#: The list right after a blank, set off by a dash or a colon ("_____ – admission, expansion,
#: exhaust, compression").
_LIST_AFTER_BLANK = re.compile(r"\s*(?:[–—:]|-\s)\s*([^.;()]+)")
_LIST_SEPARATOR = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def count_listed(stem: str, key: str) -> bool:
    """A count key ("four events") with the list it counts right after the blank: the stem
    shows the answer (round 22)."""
    words = key.lower().split()
    count = SPELLED_NUMBERS.get(words[0]) if words else None
    if count is None and words and words[0].isdigit():
        count = int(words[0])
    at = stem.find(BLANK)
    if not count or count > 12 or at < 0:
        return False
    listed = _LIST_AFTER_BLANK.match(stem, at + len(BLANK))
    if listed is None:
        return False
    items = [item for item in _LIST_SEPARATOR.split(listed.group(1)) if item.strip()]
    return len(items) == count


# --- round 5: a blank that keeps whole phrases, a stem that reads when filled in -----------------

#: A determiner or preposition left before the blank that an option repeats: "of the _____"
#: filled with "the European Union" reads "of the the European Union".
_DOUBLED = re.compile(
    r"\b(?:the|a|an)\s+(?:the|a|an)\b|\b(of|in|on|at|to|for|from|by|with|and)\s+\1\b",
    re.IGNORECASE,
)


def doubled_word(stem: str, option: str) -> bool:
    """The stem filled with ``option`` repeats a word across the blank's edge ("the the", "a
    the", "of of"): the key or option starts with what the stem already says before it."""
    at = stem.find(BLANK)
    if at < 0:
        return False
    words = option.split()
    if not words:
        return False
    before = stem[:at].split()[-1:]
    after = stem[at + len(BLANK) :].split()[:1]
    return bool(
        _DOUBLED.search(" ".join([*before, words[0]]))
        or _DOUBLED.search(" ".join([words[-1], *after]))
        or _determiner_across(stem[:at], words[0])
        or _noun_repeated(words[-1], after[0] if after else "")
    )


def _noun_repeated(last: str, after: str) -> bool:
    """ "the mainlines of _____ railroads" with "... and Union Pacific Railroad": the key's
    last noun said again after the blank, once or in the plural (fit-split reading 58)."""
    last, after = last.lower(), after.lower().rstrip(".,;:")
    return len(last) > 3 and after in {last, f"{last}s", f"{last}es"}


#: "the crashed _____": a determiner and one lowercase word (an adjective or participle) just
#: before the blank.
_DETERMINER_WORD_BEFORE = re.compile(r"\b(?:the|a|an)\s+[a-z][a-z-]*\s*$", re.IGNORECASE)


def _determiner_across(before: str, first_word: str) -> bool:
    """Round 9: "returned by the crashed _____" filled with "the Apollo 1" reads "the crashed
    the Apollo 1": the stem's determiner already governs the blank through its adjective."""
    return first_word.lower() in {"the", "a", "an"} and bool(_DETERMINER_WORD_BEFORE.search(before))


#: An era or a unit that belongs to a date left outside the blank ("by _____ BCE").
_ERA_AFTER = re.compile(re.escape(BLANK) + r"\s+(?:BCE|BC|CE|AD|B\.C\.|A\.D\.)(?![\w])")
#: An ordinal left before the blank: "its 40th _____" (key "Army"), "the Second _____".
ORDINAL_BEFORE = re.compile(
    r"(?:\b\d{1,3}(?:st|nd|rd|th)|(?<=[a-z,;] )(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|"
    r"Eighth|Ninth|Tenth))\s+$"
)


_NOT_NOUNS = _FUNCTION | STOPWORDS | {"cannot", "itself", "themselves", "himself", "herself"}


def noun_after_blank(article: Article, word: str) -> bool:
    """``word``, right after a "the ..." key, is a common noun the "the" belongs to ("the
    Plowshares organization", "the Sandgate area"), not a verb ("the Council reviews")."""
    if word in _NOT_NOUNS or word in article.verbs or word in verb_forms():
        return False
    if word in ADVERBS or word in PREPOSITIONS or word.endswith(("ed", "ly", "ing")):
        return False
    # a word in -s may be a verb ("the Council reviews"): a noun only if the article says so
    return word in article.nouns or not word.endswith("s")


#: Adjective endings: a key ending in such a word that the article never uses as a noun, with
#: a noun right after the blank, has left its head noun outside ("The Rankine cycle is _____
#: underpinning ..." with key "the fundamental thermodynamic").
_ADJECTIVE_END = re.compile(r"(?<![A-Za-z])[a-z]{2,}(?:ic|ical|ous|ive|ful|less|able|ible)$")
_WORD_AFTER = re.compile(r"\s+([a-z][a-z-]+)\b")


def headless_key(article: Article, stem: str, key: str) -> bool:
    """The blank ends inside a noun phrase: the key's last word is an adjective, the word
    after the blank the noun it describes."""
    last = _ADJECTIVE_END.search(key.rstrip())
    at = stem.find(BLANK)
    if last is None or at < 0 or last.group() in article.nouns:
        return False
    after = _WORD_AFTER.match(stem, at + len(BLANK))
    if after is None:
        return False
    word = after.group(1)
    return not (
        word in CLOSED_WORDS
        or word in article.verbs
        or word in verb_forms()
        or word.endswith(("ly", "ed"))
    )


#: What follows a gerund that takes an object or a particle: the blank stopped half way
#: through the phrase ("the difficulty of sealing _____ the rotors", "_____ down protein
#: synthesis" with key "shutting").
_OBJECT_AFTER = frozenset("the a an its their his her this these those".split())
_PARTICLE_AFTER = frozenset("down up off out away back over".split())


def participle_tail_key(stem: str, key: str) -> bool:
    """The key ends in an "-ing" word that belongs with what follows the blank, not with the
    key (round 42): "the use of _____ in the late part of the 19th century" with key "steam
    turbines starting", "is _____ the rotors" with "the difficulty of sealing", "such as
    _____ down protein synthesis" with "shutting"."""
    words = key.split()
    at = stem.find(BLANK)
    after = _WORD_AFTER.match(stem, at + len(BLANK)) if at >= 0 else None
    if not words or after is None or not re.fullmatch(r"[a-z]{3,}ing", words[-1]):
        return False
    following = after.group(1)
    if len(words) == 1:
        return following in _PARTICLE_AFTER
    after_plural = bool(PLURAL.fullmatch(words[-2])) and following in PREPOSITIONS
    return following in _OBJECT_AFTER or after_plural


_WORD_BEFORE = re.compile(r"(?:^|\s)([a-z][a-z-]+) \Z")
_FIGURE_OPENING = re.compile(r"(?:about|around|over|under|some|nearly|almost|approximately)?\s*\d")
#: Endings of adjectives the article also writes after "the" ("the important", "the inner"),
#: which ``Article.nouns`` therefore holds.
_ADJECTIVE_SHAPED = re.compile(r"(?:ant|ent|al|ic|ous|ive|ful|less|able|ible|like|ary|er)\Z")


def tailless_key(article: Article, stem: str, key: str) -> bool:
    """The blank starts inside a compound: a common-noun key right after a noun of its
    phrase, or after a word the article writes with the key's first word again and again
    ("deserving high _____" with key "school graduates", "some chloroplast _____" with key
    "DNAs", round 29). The word left before the blank is half the answer, and the key no
    phrase a student would give. An adjective before a noun phrase ("important _____", key
    "protein complexes") reads whole and is kept; so is a figure ("proteins _____", key
    "about 45 nm")."""
    at = stem.find(BLANK)
    before = _WORD_BEFORE.search(stem[:at]) if at > 0 else None
    if before is None or not key[:1].islower() or _FIGURE_OPENING.match(key):
        return False
    first = key.split(" ", 1)[0]
    word = before.group(1)
    if first in {"the", "a", "an"} or word in STOPWORDS or word in CLOSED_WORDS:
        return False
    if word in SPELLED_NUMBERS or word in verb_forms() or word in article.verbs:
        return False
    if _ADJECTIVE_SHAPED.search(word):
        return False
    return word in article.nouns or lower_text(article).count(f"{word} {first}") >= 2


def lower_text(article: Article) -> str:
    """The article's normalised text in lower case, worked out once per article: drafts are
    checked by the thousand, and lowering a 1 MB text for each was most of a check's cost."""
    cached = article.__dict__.get("_lower_text")
    if cached is None:
        cached = article.__dict__["_lower_text"] = article.norm.lower()
    return cached


#: Edges a blank cannot stand at inside a phrase: after a capitalised adjective opening the
#: stem ("Evaporative _____ use the rejected heat", key "cooling towers"), before the particle
#: of a name going on past it ("_____ y Beaumont received patents", key "Jerónimo de Ayanz"),
#: after an intensifier ("sees very _____, and winters are mild", key "little cold weather";
#: fit-split reading 45).
_SPLIT_EDGES = re.compile(
    r"^[A-Z][a-z]+(?:ive|al|ous|ic|ary|ent|ant|ful) "
    + re.escape(BLANK)
    + r"|"
    + re.escape(BLANK)
    + r" (?:y|bin|ibn|de|da|del|von|van|der) [A-Z]"
    + r"|\b(?:very|too|quite|rather|extremely) "
    + re.escape(BLANK)
)


def split_phrase(stem_body: str) -> bool:
    """The blank cuts a phrase the key belongs to: an era after it ("by _____ BCE" with key
    "the 2nd century"), an ordinal before it ("its 40th _____" with key "Army"), or one of
    ``_SPLIT_EDGES``."""
    at = stem_body.find(BLANK)
    return at >= 0 and bool(
        _ERA_AFTER.search(stem_body)
        or ORDINAL_BEFORE.search(stem_body[:at])
        or _SPLIT_EDGES.search(stem_body)
    )


#: "and" and a plural right after the blank: with a key ending "of <noun>", the "and" joins
#: a second noun of the key's phrase ("involved _____ and tasks between" with key "the
#: division of functions", round 43).
_AND_PLURAL_AFTER = re.compile(re.escape(BLANK) + r" and [a-z]{3,}s\b(?! (?:were|are|is|was)\b)")


#: "the legislative and _____": an adjective before "and" with no noun of its own.
_ADJECTIVE_AND_BLANK = re.compile(
    r"\b(?:the|a|an|its|their) [a-z]+(?:ive|al|ic|ous|ary|ory|ful|less|able|ible) (?:and|or) "
    + re.escape(BLANK)
)


def split_coordination(stem: str, key: str) -> bool:
    """The blank stops inside "of A and B": the key has A, the stem keeps "and B"; or an
    adjective before "and _____" shares the key's noun ("sets the legislative and _____" with
    key "political agenda", fit-split reading 58)."""
    phrase = re.sub(r"^(?:the|a|an) ", "", key)
    if _ADJECTIVE_AND_BLANK.search(stem) and len(phrase.split()) >= 2 and phrase[:1].islower():
        return True
    return bool(re.search(r"\bof [a-z]+$", key)) and bool(_AND_PLURAL_AFTER.search(stem))


#: A key cut from a list at a comma before a lower-case word: "the Annual Conferences, and
#: actions" is no name.
_LIST_TAIL = re.compile(r",\s+(?:and|or)\s+[a-z]")


def fragment_key(key: str) -> bool:
    """A key that is not a whole phrase: it runs on past a comma into the next clause, or it
    ends on the determiner and adjective of a second noun ("The Standard Industrial
    Classification and the newer", round 15)."""
    return bool(
        _LIST_TAIL.search(key)
        or _CUT_SECOND_NOUN.search(key)
        or _ERA_FIRST.match(key)
        or _SENTENCE_BREAK.search(key)
        or _OTHER_FIRST.match(key)
    )


#: "Other basic immune mechanisms", "Such devices": a key that points back at what an earlier
#: sentence listed, so anything else of the kind fits (round 32).
_OTHER_FIRST = re.compile(r"(?:[Oo]ther|[Aa]nother|[Ss]uch|[Ss]imilar)\s")


#: A key that runs over a sentence end the splitter took for an initial ("exchanging by
#: _____ description applies", key "B. This", round 31).
_SENTENCE_BREAK = re.compile(r"\.\s+(?:This|These|That|Those|The|It|Its|In|A|An|They|He|She)$")


#: Verbs that take "to" and a verb after them ("testosterone seem to be"): a key ending in one
#: ran past its noun into the clause's verb (round 31: "such as _____ to be immunosuppressive",
#: key "testosterone seem").
_RAISING_VERB = re.compile(
    r"\b(?:seem|seems|seemed|appear|appears|appeared|tend|tends|tended|prove|proved)$"
)


#: A reflexive right after the blank: the key ran past its noun into the verb the reflexive
#: is the object of ("in which _____ themselves off", key "infected cells seal"; round 39).
_REFLEXIVE_AFTER = re.compile(re.escape(BLANK) + r" (?:themselves|itself|himself|herself)\b")


def verb_tail_key(stem: str, key: str) -> bool:
    """The key ends in "seem" or "appear" and the stem goes on with "to" after the blank, or
    in a verb whose reflexive object follows the blank."""
    raising = bool(_RAISING_VERB.search(key)) and f"{BLANK} to " in stem
    if raising or (" " in key.strip() and bool(_REFLEXIVE_AFTER.search(stem))):
        return True
    # "the high speed of _____ well with" with key "turbine rotation matches": a noun is not
    # followed by "well", its verb is
    return bool(re.search(r" [a-z]{3,}(?<!s)s$", key)) and bool(_WELL_AFTER.search(stem))


_WELL_AFTER = re.compile(re.escape(BLANK) + r" well\b(?! as\b)")


def options_run_on(stem: str, options: tuple[str, ...] | list[str]) -> bool:
    """A select-all blank with a word after it that options ending in a lower-case word run
    into: "instruct _____ students" with "7,200 undergraduates" (round 40), "as _____ Asian"
    with "94.0% white". A function word or a verb after the blank reads on from any option."""
    if BLANK not in stem:
        return False
    after = re.match(r" ([A-Za-z][\w-]*)", stem[stem.find(BLANK) + len(BLANK) :])
    if after is None:
        return False
    word = after.group(1)
    if word.lower() in CLOSED_WORDS or word.lower() in verb_forms() or word.endswith(("ing", "ed")):
        return False
    return any(re.search(r"\s[a-z][\w-]*$", option) for option in options)


#: A key ending in a lone letter ("Killer T") with a small word after the blank ("_____
#: cells"): the letter belongs to the noun left outside (round 32). I, V and X are numerals
#: ("World War I").
_LETTER_END = re.compile(r"(?:^|\s)[A-HJ-UWYZ]$")
_SMALL_WORD_AFTER_BLANK = re.compile(re.escape(BLANK) + r" [a-z]")


def letter_tail_key(stem: str, key: str) -> bool:
    """The key ends in a letter whose noun the stem keeps after the blank."""
    return bool(_LETTER_END.search(key)) and bool(_SMALL_WORD_AFTER_BLANK.search(stem))


#: A key that opens with the era of the date before it ("the 2nd century _____ writer", key
#: "BCE Greek", round 17).
_ERA_FIRST = re.compile(r"(?:BCE|BC|CE|AD)\b")


_CUT_SECOND_NOUN = re.compile(
    r"\b(?:and|or) (?:the|a|an) (?:newer|older|earlier|later|larger|smaller|greater|higher|lower"
    r"|wider|longer|shorter|bigger|former|latter|first|second|last|main|other|new|old)$"
)


def glued_words(text: str, glued: frozenset[str]) -> bool:
    """``text`` holds two words a dash of the source kept apart ("the Adriatic-fell" from
    "the Adriatic—fell"): normalised to a hyphen, they read as one made-up word."""
    return any(token in glued for token in re.findall(r"[^\W_]+-[^\W_]+", text.lower()))


def dash_glued(article: Article) -> frozenset[str]:
    """The word pairs the article joins with an em dash (punctuation, unlike the en dash of
    "Disney–ABC" or "2–3"), lower-cased and written with a hyphen as the normalised text has
    them. Worked out once per article."""
    cached = article.__dict__.get("_dash_glued")
    if cached is None:
        text = article.text
        dashed = "\u2014" in text or "\u2015" in text
        pairs = re.findall(r"([^\W\d_]+)[\u2014\u2015]([^\W\d_]+)", text) if dashed else []
        cached = frozenset(f"{a}-{b}".lower() for a, b in pairs)
        article.__dict__["_dash_glued"] = cached
    return cached


def unbalanced(stem: str) -> bool:
    """The stem was cut inside a bracket or a quotation ("... (OAPEC.", '... such as X, "are
    known'): its brackets or straight quotes do not pair up."""
    depth = 0
    for char in stem:
        depth += char == "("
        depth -= char == ")"
        if depth < 0:
            return True
    return depth != 0 or stem.count('"') % 2 == 1


#: References that point out of the stem: "this model", "such a concept", "any such
#: agreements", "the following account", "the latter", "the aforementioned". "such ... as"
#: ("such talented filmmakers as X") and "the following year" (a time, judged elsewhere) are
#: not references.
_POINTING_OUT = re.compile(
    r"\bthis\s+(?!year\b)[a-z]+"
    r"|\bsuch\s+(?!as\b|that\b)(?!(?:[a-z-]+\s+){0,3}as\b)[a-z]+"
    r"|\bthe\s+following\b(?!\s+(?:year|month|day|week|decade|season|century|morning)s?\b)"
    r"|\b(?:the\s+)?(?:aforementioned|aforesaid|above-mentioned)\b|\bthe\s+above\b",
    re.IGNORECASE,
)
#: Openings that lean on the sentence before (the fit split, round 32): "According to the
#: same statistics", "The largest, the Theatre Royal ...", "Most are members of ...". Matched
#: at the start only, so they cost one anchored match per stem.
_LEANING_OPENING = re.compile(
    r"(?:according\s+to|in|by|from|under|during)\s+the\s+same\s+"
    r"(?!(?:time|year|day|period|way|name|age|as)\b)"
    r"(?!(?:[a-z-]+\s+){0,3}as\b)[a-z]+"
    r"|the\s+[a-z]+est,"
    r"|(?:most|many|some|several|both|few)\s+(?:are|were|have|had)\b",
    re.IGNORECASE,
)


def _named_before(stem_body: str, match: re.Match) -> bool:
    """ "this"/"such" points to a noun the stem itself names before it ("the first aviation
    community ... numerous such communities"), or the words sit inside a quotation."""
    if stem_body[: match.start()].count('"') % 2 or stem_body[: match.start()].count("'") % 2:
        return True
    noun = match.group().split()[-1].lower()
    if noun in {"a", "an", "is", "was"} or len(noun) < 3:
        return False
    stem = noun[:-1] if noun.endswith("s") else noun
    return bool(re.search(rf"\b{re.escape(stem)}", stem_body[: match.start()], re.IGNORECASE))


_LATTER = re.compile(r"\bthe\s+(?:latter|former)\b", re.IGNORECASE)


_POINTING_HINTS = ("this", "such", "following", "latter", "former", "above", "afore")


def pointing_matches(stem_body: str) -> list[re.Match]:
    """The references of ``stem_body`` that point out of it (see ``pointing_out``)."""
    opening = _LEANING_OPENING.match(stem_body)
    found = [opening] if opening is not None else []
    low = stem_body.lower()
    if not any(word in low for word in _POINTING_HINTS):
        return found  # most stems: no word that could point out, no costlier search
    found += [m for m in _POINTING_OUT.finditer(stem_body) if not _named_before(stem_body, m)]
    latter = _LATTER.search(stem_body)
    if latter is not None and not re.search(
        r"\b(?:and|or)\b", stem_body[: latter.start()], re.IGNORECASE
    ):
        found.append(latter)
    return sorted(found, key=lambda m: m.start())


#: References that only lower the estimate (``quality``), not fail the audit: "such" with a
#: noun ("such a concept") reads as vague rather than broken, and "this"/"these" with a noun
#: are said as "the" when the stem is made (``stems.definite_for_this``).
_SOFT_REFERENCES = ("such", "this", "these")


_PRONOUN_VERBS = frozenset({"is", "was", "are", "were", "has", "had", "means", "meant"})
#: Function words that may still follow "this" as a determiner ("this same", "these other").
_DETERMINER_FOLLOWERS = frozenset(
    {"one", "other", "same", "very", "own", "more", "most", "many", "much", "only", "further"}
)


_OBJECT_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our"})


#: What may follow "this" + a verb when "this" is the verb's subject: an object's determiner
#: ("this set the stage") or an object pronoun ("this makes it the largest", round 37).
_OBJECT_OPENERS = _OBJECT_DETERMINERS | {"it", "them", "him", "us", "me"}


def this_as_pronoun(words: str) -> bool:
    """ "this"/"these" stands for a thing named before, not before a noun: "this is", "improved
    this to", "these in turn" (the word after it is a verb of being or a function word), "this
    set the stage" (a verb, then its object's determiner; "this set of rules" is a noun)."""
    parts = words.lower().split()
    if len(parts) < 2 or parts[0] not in {"this", "these"}:
        return False
    follower = parts[1].strip(",.;:")
    then = parts[2] if len(parts) > 2 else ""
    if follower in verb_forms() and then in _OBJECT_OPENERS:
        return True  # "all of this set the stage", "this makes it the largest" (round 37)
    return follower in _PRONOUN_VERBS or (
        follower in STOPWORDS and follower not in _DETERMINER_FOLLOWERS
    )


def pointing_out(stem_body: str) -> bool:
    """The stem rests on something outside it: "this" as a pronoun ("and this is who ...",
    "improved this to"),
    "the following", "the above", "the aforementioned", or "the latter"/"the former" with no
    pair named before it."""
    return any(
        not _soft_reference(m.group(), stem_body[m.start() : m.start() + 60])
        for m in pointing_matches(stem_body)
    )


def _soft_reference(words: str, onwards: str) -> bool:
    """``words`` (the match) is a soft reference unless, read with what follows it
    (``onwards``), "this" is a pronoun ("this makes it the largest", round 37)."""
    return words.lower().startswith(_SOFT_REFERENCES) and not this_as_pronoun(onwards.lower())


# --- round 5: worth asking -----------------------------------------------------------------------

#: Words that make a figure a bound rather than a value: "over 8 %" is also true if 10 % died,
#: so a wrong option on one side of it (or a true/false swap of it) may be true as well.
_BOUND_WORDS = (
    r"(?:over|more than|at least|nearly|almost|up to|under|fewer than|less than|above|below|"
    r"exceeding|in excess of|upwards of|as many as|as much as|as few as|no more than|"
    r"no less than|not more than|not less than|just over|just under|well over|well under|"
    r"as long as|as high as|as low as|as little as|as large as|as early as|as late as)"
)
_BOUND_LEAD = re.compile(r"^" + _BOUND_WORDS + r"\s", re.IGNORECASE)
_BOUND_BEFORE = re.compile(r"\b" + _BOUND_WORDS + r"\s*[$£€]?$", re.IGNORECASE)
_BOUND_AFTER = re.compile(
    r"^\s*(?:\+|(?:or|and) (?:more|less|fewer|above|over|below|under|up)\b|plus\b)", re.IGNORECASE
)


#: A figure closing a range: another figure and "to" (or a dash) right before it.
_RANGE_BEFORE = re.compile(
    r"\d[\d,.]*\s*(?:%|percent|per cent)?\s*(?:to|\u2013|\u2014|-)\s*[$£€]?$"
)


def bounded_figure(before: str, key: str, after: str = "") -> bool:
    """The figure ``key`` is a bound: it opens with "over", "nearly", "up to" ..., or the words
    right before it ("more than _____") or after it ("_____ or more", "_____+") make it one; or
    it closes a range ("7 to _____ percent"), which a swap changes only in a detail."""
    if not figure_like(key):
        return False
    return bool(
        _BOUND_LEAD.match(key.strip())
        or _BOUND_BEFORE.search(before)
        or _BOUND_AFTER.match(after)
        or (_RANGE_BEFORE.search(before) is not None and _DIGIT_LEAD.match(key) is not None)
    )


_DIGIT_LEAD = re.compile(r"[$£€]?\d")


_NUMBER_WORD = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen|dozens|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|"
    r"billions?|half)\b",
    re.IGNORECASE,
)


def figure_like(key: str) -> bool:
    """``key`` is a figure: it holds digits or a number word ("five million passengers")."""
    return number_of(key) is not None or bool(_NUMBER_WORD.search(key))


def bounded_blank(stem: str, key: str) -> bool:
    """The blank of ``stem`` holds a bounded figure (``bounded_figure``)."""
    at = stem.find(BLANK)
    if at < 0:
        return False
    return bounded_figure(stem[:at], key, stem[at + len(BLANK) :])


#: A true statement copied from its sentence keeps at most this many fewer words than it (a
#: dropped "Yet," or "Moreover,") and still counts as the whole sentence copied.
COPIED_SLACK = 3
#: ... from this many words on (below it, no statement is made at all).
COPIED_MIN_WORDS = 6


def copied_sentence(statement: str, sentence: str) -> bool:
    """Round 5: a true statement that is its source sentence copied (all of it, bar a
    connective or two): judges mark it "whole sentence copied and marked true" whatever its
    length; a true statement must be a clause cut from a longer sentence."""
    norm = lambda t: " ".join(_WORD.findall(t.lower()))  # noqa: E731
    mine, source = norm(statement), norm(sentence)
    words, total = len(mine.split()), len(source.split())
    return words >= COPIED_MIN_WORDS and mine in source and total - words <= COPIED_SLACK


#: A count this small may be spelt out in the list that follows it in the statement.
LISTED_COUNT = 12
_LIST_AFTER = re.compile(r"\s(?:and|or)\s+\S|^[\w\s-]{0,40}[:,]\s+(?:the\s+)?[A-Z]")


def count_contradicted(statement: str, swapped: str, original_value: float | None) -> bool:
    """Round 5: a small count swapped in front of the list it counts ("the fifty sources ...
    are primary law, secondary law and supplementary law") is false on its face: the list in
    the same statement shows the true count."""
    if original_value is None or original_value > LISTED_COUNT:
        return False
    at = statement.find(swapped)
    if at < 0:
        return False
    return bool(_LIST_AFTER.search(statement[at + len(swapped) :]))
