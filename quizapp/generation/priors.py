"""How worth asking a key is: priors on answer type, context and crowding, not on the words.

Readers asking about a paragraph go for names, dates and numbers that answer who/when/how many,
and for what a thing is "called"; they rarely ask for the article's own topic (everyone knows
it), a nationality adjective ("Norman conquest"), one item of a long list or one of many names
crowded into a sentence. Each rule below encodes one such reason; none looks at particular words
of any article, so they carry over to any text.

Where the sizes come from: the rules were found, and their sizes set, by studying which keys the
people behind SQuAD asked about in the 16 articles ``benchmarks/bench_generation.py`` measures
on. The benchmark's figures are therefore somewhat optimistic for new text; the README gives a
cross-validated estimate (sizes refitted with each article left out in turn).
"""

from __future__ import annotations

import math
import re
from collections import Counter

from .article import Article, words_of
from .candidates import TIME, Candidate
from .lexicon import STOPWORDS
from .wordclass import COPULAS, PREPOSITIONS

#: A question with a key is kept only when its key is worth at least this much. (0.58 until
#: matching and ordering dated only events, which took 5 recalled keys, and round 43's rules
#: took 2 more; 0.577 gives them back with 20 more questions, and key precision stays 0.53.)
MIN_KEY_WORTH = 0.577
#: A whole list asked at once ("which of these ...?") needs less: it has several keys, so one
#: of them is more likely to be what a reader would ask about.
LIST_KEY_WORTH = 0.55
#: Worth added to a list of lower-case terms ("X, Y and Z"), on top of its best item.
LIST_OF_TERMS = -0.1
#: ... and more taken off when the chunker found its items: its list boundaries are the least sure.
CHUNKED_LIST = -0.1
#: Base worth by category: who/when/how-many answers first, generic terms and adjectives last.
CATEGORY_PRIOR = {
    "date": 1.1,
    "person": 0.95,
    "year": 0.8,
    "number": 0.9,
    "century": 0.7,
    "decade": 0.7,
    "organisation": 0.85,
    "mission": 0.75,
    "company": 0.7,
    "place": 0.7,
    "name": 0.7,
    "celestial": 0.65,
    "country": 0.6,
    "term": 0.65,
    "demonym": 0.2,
}
#: Words right before a key that mark it as the answer to "what is it called / who did it".
_NAMING = re.compile(
    r"(?:called|known as|(?<!nick)named|termed|referred to as|dubbed)\s+(?:the\s+)?$"
)  # a nickname is no name of a thing: ``subject_worth``
_AGENT = re.compile(r"\b(?:by|as)\s+(?:the\s+)?$")
_LOWER = re.compile(r"[a-z][a-z-]*")
_LOOKBEHIND = 24
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
#: A lone capital (or two) right before a number: a chemical formula ("O 2", "CO 2").
_SUBSCRIPT = re.compile(r"(?<![A-Za-z])[A-Z][a-z]?[A-Z]?\s?$")
NAMED_LIKE = frozenset({"name", "organisation", "company", "place", "country", "person"})


def _paragraph_stats(article: Article) -> tuple[Counter[int], dict[int, int], Counter[tuple]]:
    """Candidates per paragraph, each paragraph's first sentence, and mentions per paragraph.

    Worked out once per article and kept on it, so scoring a key stays a few dict lookups."""
    cached = article.__dict__.get("_paragraph_stats")
    if cached is None:
        per_paragraph: Counter[int] = Counter()
        first: dict[int, int] = {}
        mentions: Counter[tuple] = Counter()
        for sentence, cands in zip(article.sentences, article.candidates, strict=True):
            per_paragraph[sentence.paragraph] += sum(1 for c in cands if not c.is_phrase)
            first.setdefault(sentence.paragraph, sentence.index)
            for canonical in {c.canonical for c in cands}:
                mentions[(sentence.paragraph, canonical)] += 1
        cached = (per_paragraph, first, mentions)
        article.__dict__["_paragraph_stats"] = cached
    return cached


def _adjective_use(article: Article, key: Candidate) -> bool:
    """A lone capitalised word qualifying a common noun ("Norman conquest", "Roman law")."""
    if key.category not in {"name", "demonym", "country", "place"} or " " in key.text.strip():
        return False
    following = _LOWER.match(article.norm, key.end + 1)
    return (
        article.norm[key.end : key.end + 1] == " "
        and following is not None
        and following.group() not in STOPWORDS
    )


def context_worth(article: Article, key: Candidate) -> float:
    """What the words around the key say: "called X" and "by X" invite a question."""
    before = article.norm[max(0, key.start - _LOOKBEHIND) : key.start].lower()
    worth = 0.0
    if _NAMING.search(before):
        worth += 0.3
    elif _AGENT.search(before):
        worth += 0.12
    if key.list_id is not None or before.endswith(("and ", "or ")):
        worth -= 0.15  # one item of a list is a weak question on its own
    if article.norm[key.end : key.end + 1] in {",", ".", ";", ":", ")"}:
        worth += 0.05  # a whole phrase, not the start of a longer one
    if _adjective_use(article, key):
        worth -= 0.35
    return worth


#: A paragraph holding more names, numbers and dates than this is a record of them...
CROWDED_PARAGRAPH = 8
#: ... and each one more (up to ``CROWDED_MAX``) takes this much off every key of it, phrases too.
CROWDED_STEP = 0.01
CROWDED_MAX = 20


def paragraph_crowding(named_keys: int) -> float:
    """Readers ask about five things a paragraph; the more it names, the less each is asked."""
    return -CROWDED_STEP * min(CROWDED_MAX, max(0, named_keys - CROWDED_PARAGRAPH))


#: Worth taken off per sentence a key (a phrase) comes after its paragraph's first.
LATE_IN_PARAGRAPH = 0.015
LATE_PHRASE = 0.012


def crowding_worth(article: Article, key: Candidate) -> float:
    """Many candidates around the key make any one of them less likely to be the point."""
    per_paragraph, first, mentions = _paragraph_stats(article)
    sentence = article.sentences[key.sentence]
    in_sentence = sum(1 for c in article.candidates[key.sentence] if not c.is_phrase)
    worth = -0.03 * max(0, in_sentence - 3)
    worth += paragraph_crowding(per_paragraph[sentence.paragraph])
    worth -= LATE_IN_PARAGRAPH * min(8, key.sentence - first.get(sentence.paragraph, key.sentence))
    if mentions[(sentence.paragraph, key.canonical)] > 1:
        worth += 0.08  # what a paragraph keeps coming back to is what it is about
    return worth


#: Worth taken off a date per doubling of the dates in its sentence.
DATES_IN_SENTENCE = 0.2


def _dates_per_sentence(article: Article) -> list[int]:
    """Distinct dates (years, decades, centuries) of each sentence, counted once per article."""
    cached = article.__dict__.get("_dates_per_sentence")
    if cached is None:
        cached = [
            len({c.canonical for c in found if c.category in TIME}) for found in article.candidates
        ]
        article.__dict__["_dates_per_sentence"] = cached
    return cached


def dates_crowding(article: Article, key: Candidate) -> float:
    """A sentence listing four dates is a record, not a point: readers ask about one of them, so
    each is less likely to be the one asked."""
    if key.category not in TIME:
        return 0.0
    dates = _dates_per_sentence(article)[key.sentence]
    return -DATES_IN_SENTENCE * math.log2(dates) if dates > 1 else 0.0


#: A sentence stating this many figures (numbers, not dates) or more is a statistic.
STATISTIC_FIGURES = 3
#: Worth taken off a date of a statistic: "As of 2010, there were 366,273 households, 11.8 %
#: of them vacant, 23.9 % with children": the date frames the figures, it is not the point.
STATISTIC_DATE = 0.15


def _figures_per_sentence(article: Article) -> list[int]:
    """Distinct figures (numbers, not dates) of each sentence, counted once per article."""
    cached = article.__dict__.get("_figures_per_sentence")
    if cached is None:
        cached = [
            len({c.canonical for c in found if c.category == "number" and not c.is_phrase})
            for found in article.candidates
        ]
        article.__dict__["_figures_per_sentence"] = cached
    return cached


def statistic_sentence(article: Article, sentence: int) -> bool:
    """The sentence is a statistic: it states ``STATISTIC_FIGURES`` figures or more."""
    return _figures_per_sentence(article)[sentence] >= STATISTIC_FIGURES


def statistic_date(article: Article, key: Candidate) -> float:
    """Round 5, numeric trivia: the date of a statistical sentence only frames it.

    (Demoting the figures of such sentences, their ranges' closing ends or physical measures
    was measured too: every variant cost recall on both the fit and the measuring articles,
    whose readers ask those figures, so figures keep their worth.)"""
    if key.category in TIME and statistic_sentence(article, key.sentence):
        return -STATISTIC_DATE
    return 0.0


#: Worth taken off a name that is the article's own subject (its title): a blank for it is
#: answered by the title alone, and the sentence's real fact is left in the stem.
TITLE_KEY = 0.3
#: Worth taken off a nickname or epithet ("nicknamed the Heroic City"): flowery, not a fact.
EPITHET = 0.3
_EPITHET_LEAD = re.compile(
    r"\b(?:nicknamed?|nicknames?|epithets?|sobriquets?|(?:honorary |the )?titles? of|mottos?|"
    r"slogans?)\s+(?:is\s+|was\s+|as\s+)?(?:the\s+)?[\"\u201c']?$",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(r"\s*(?:\(.*\)|,.*)$")


def _title_names(article: Article) -> frozenset[str]:
    """The words of the article's title without its qualifier ("Fresno" of "Fresno,
    California", "Sky" of "Sky (United Kingdom)"), lower-cased (cached)."""
    cached = article.__dict__.get("_title_names")
    if cached is None:
        heading = _QUALIFIER.sub("", article.layout.title or "")
        cached = frozenset(w.lower() for w in re.findall(r"[^\W\d_]+", heading) if len(w) > 2)
        article.__dict__["_title_names"] = cached
    return cached


def subject_worth(article: Article, key: Candidate) -> float:
    """Round 5, pattern 4: a name key that is (part of) the article's subject, or an epithet
    ("the Heroic City"), is not what a teacher asks about the sentence."""
    if key.category in TIME | {"number"}:
        return 0.0
    worth = 0.0
    title = _title_names(article)
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", _DETERMINER.sub("", key.text))]
    if title and words and all(w in title for w in words):
        worth -= TITLE_KEY
    before = article.norm[max(0, key.start - 40) : key.start]
    if _EPITHET_LEAD.search(before):
        worth -= EPITHET
    return worth


def topic_worth(article: Article, key: Candidate) -> float:
    """The article's recurring topics are known to everyone: asking for them teaches nothing."""
    mentioned = len(article.mentions.get(key.canonical, ()))
    share = mentioned / max(1, len(article.sentences))
    worth = -0.07 * math.log1p(mentioned)
    if share > 0.05 and mentioned > 3:
        worth -= 0.2
    return worth


def shape_worth(key: Candidate) -> float:
    """Very long keys are hard to give and grade; a lone generic word or a bare acronym (the
    thing is better asked by its full name) is rarely the point; a number is clearer with its
    unit."""
    bare = _DETERMINER.sub("", key.text)
    tokens = len(bare.split())
    worth = 0.0
    if tokens > 5:
        worth -= 0.3
    elif tokens == 1 and key.category in {"name", "term"}:
        worth -= 0.05
    if key.category in NAMED_LIKE and len(bare) > 1 and bare.isupper():
        worth -= 0.15
    if key.category == "number" and not re.search(r"[a-z%]", key.text):
        worth -= 0.05
    return worth


def _counts_a_list(article: Article, key: Candidate) -> bool:
    """ "divided into two stages: ..." asks for a count whose items follow; the items are the
    point, not how many there are."""
    after = article.norm[key.end : key.end + 2]
    return key.category == "number" and (after[:1] in {":", "-", "\u2013", "\u2014"})


#: A key inside a bracketed aside is a detail, not what the sentence says.
ASIDE = 0.15


def _inside_brackets(article: Article, key: Candidate) -> bool:
    """The key sits in a bracketed aside of its sentence."""
    sentence = article.sentences[key.sentence]
    if "(" not in sentence.text:
        return False
    before = article.norm[sentence.start : key.start]
    return before.count("(") > before.count(")")


_COPULAS = COPULAS | {"be", "been"}
#: A key right after "is"/"was"/"became" is what its sentence states.
AFTER_COPULA = 0.15


def _word_before(article: Article, key: Candidate) -> str:
    """The word right before the key (its determiner is part of its span), lower-cased."""
    before = article.norm[max(0, key.start - _LOOKBEHIND) : key.start].split()
    return before[-1].lower() if before else ""


def role_worth(article: Article, key: Candidate) -> float:
    """Where the key sits in its sentence: the subject opening it is what the sentence is about;
    an aside in brackets, a possessor ("Newton's law") or a formula subscript ("O 2") is not."""
    norm = article.norm
    worth = 0.0
    if key.start == article.sentences[key.sentence].start:
        worth += 0.1
    elif _word_before(article, key) in _COPULAS:
        worth += AFTER_COPULA  # "the capital is Warsaw": the key is what the sentence states
    if norm[key.start - 1 : key.start] == "(":
        worth -= 0.15
    elif _inside_brackets(article, key):
        worth -= ASIDE
    if norm[key.end : key.end + 2] in {"'s", "s'"}:
        worth -= 0.15
    if key.category == "number" and _SUBSCRIPT.search(norm, max(0, key.start - 3), key.start):
        worth -= 0.6
    return worth


def key_worth(article: Article, key: Candidate) -> float:
    """How worth asking ``key`` is, about 0 (never) to 1.3 (a dated, named, "called" fact)."""
    if key.is_phrase:
        return phrase_worth(article, key)
    return (
        CATEGORY_PRIOR[key.category]
        + context_worth(article, key)
        + crowding_worth(article, key)
        + dates_crowding(article, key)
        + statistic_date(article, key)
        + topic_worth(article, key)
        + subject_worth(article, key)
        + shape_worth(key)
        + role_worth(article, key)
        - (0.15 if _counts_a_list(article, key) else 0.0)
    )


def list_worth(article: Article, items: list[Candidate]) -> float:
    """Worth of asking a whole list "X, Y and Z" at once: its best item, without the penalties
    for being one item of a list and for the crowding the list itself causes. A list of names
    ("which agencies took part?") is a real question; a list of generic terms much less so."""
    best = max(key_worth(article, item) for item in items)
    named = all(
        item.category in NAMED_LIKE | {"organisation", "mission", "celestial"} for item in items
    )
    chunked = any(item.is_phrase for item in items)
    kind = 0.1 if named else LIST_OF_TERMS + (CHUNKED_LIST if chunked else 0.0)
    return best + 0.15 + 0.03 * (len(items) - 1) + kind


#: Base worth of a lower-case noun phrase: below a name or a date, since most phrases of a
#: paragraph are not what a reader would ask about; the rules below lift the likely ones.
PHRASE_BASE = 0.525
#: What the word before a phrase makes of it (see ``phrases``): a preposition's object or a
#: definition's generic class ("is a type of ...") is less often the point than a verb's object.
ROLE_WORTH = {
    "subject": -0.02,
    "object": 0.0,
    "complement": 0.0,
    "predicate": -0.04,
    "np": 0.0,
    "definition": -0.06,
    "pp": -0.09,
}
#: Words before a phrase that make it the answer to "how / by what / than what".
_PHRASE_LEAD = re.compile(r"\b(?:by|than|into|as)\s+(?:the\s+|a\s+|an\s+)?$")
#: Determiners that make a phrase vague ("some cells", "its role") rather than a definite answer.
_VAGUE_LEAD = re.compile(
    r"\b(?:his|her|its|their|our|my|your|some|many|each|most|all|no|any|more|these|those|this|"
    r"such|several|few|various|other)\s+$"
)
#: Modifiers that say little about which thing is meant ("the new concept", "other units").
_VAGUE_MODIFIERS = frozenset(
    """new other small large big main major important certain different similar same further
    subsequent inner outer various several particular general specific common whole entire
    following previous latter former early late good great high low next best dominant
    individual complete key primary original modern recent significant""".split()
)
#: General English nouns that name no particular thing ("the largest proportion", "a type").
_GENERIC_HEADS = frozenset(
    """way ways part parts type types kind kinds form forms number numbers amount use uses
    role roles area areas time times case cases example examples result results effect effects
    process method methods concept thing things aspect aspects feature features set group
    groups level levels range rate degree extent proportion majority member members variety
    side point points place places fact idea ideas basis addition order presence lack""".split()
)
_QUOTE_LEAD = re.compile(r"[\"\u201c\u2018(]\s*$")


def _phrase_recurrence(article: Article, key: Candidate) -> int:
    """How many sentences of the key's paragraph mention the phrase (it is what they discuss)."""
    sentence = article.sentences[key.sentence]
    indexes = article.mentions.get(key.canonical, ())
    return sum(1 for i in indexes if article.sentences[i].paragraph == sentence.paragraph)


#: Worth taken off a phrase after "some", "its", "these" ...: it points back or stays vague.
VAGUE_LEAD = 0.1


def phrase_worth(article: Article, key: Candidate) -> float:
    """Worth of a lower-case noun phrase found by the chunker: its role, its length (a lone
    generic word is rarely the point, two or three words name a specific thing), whether it is
    named ("called X", in quotes), vague ("some X") or recurring, and how late in its paragraph
    it comes (readers ask most about what a paragraph opens with)."""
    per_paragraph, first, _ = _paragraph_stats(article)
    sentence = article.sentences[key.sentence]
    before = article.norm[max(0, key.start - _LOOKBEHIND) : key.start].lower()
    words = len(_DETERMINER.sub("", key.text).split())
    worth = PHRASE_BASE + ROLE_WORTH.get(key.tag, 0.0)
    worth += {1: -0.08, 2: 0.02, 3: 0.05}.get(words, 0.0)
    if _NAMING.search(before):
        worth += 0.15
    elif _QUOTE_LEAD.search(before):
        worth += 0.1
    elif _PHRASE_LEAD.search(before):
        worth += 0.05
    if _VAGUE_LEAD.search(before):
        worth -= VAGUE_LEAD
    worth += 0.07 * math.log(max(1, _phrase_recurrence(article, key)))
    position = key.sentence - first.get(sentence.paragraph, key.sentence)
    worth -= LATE_PHRASE * min(8, position)
    worth += 0.006 * min(14, len(key.head))
    worth -= 0.0015 * min(30, len(article.norm[sentence.start : key.start].split()))
    if key.list_id is not None:
        worth -= 0.05
    if _is_dominant_topic(article, key):
        worth -= 0.2
    worth += paragraph_crowding(per_paragraph[sentence.paragraph])
    if _word_after(article, key) in _PREPOSITION_AFTER:
        worth -= PHRASE_BEFORE_PREPOSITION
    if _echoes_paragraph_opening(article, key):
        worth += PHRASE_ECHOES_OPENING
    if _mentions_title(article, key):
        worth += 0.03  # about the article's subject itself: "the immune response" in "Immunity"
    if _DETERMINER.sub("", key.text)[:1].isupper():
        worth += subject_worth(article, key)  # a name opening its sentence ("Warsaw has ...")
    if _EXAMPLES_AFTER.match(article.norm, key.end):
        worth -= GIVEN_BY_EXAMPLES
    return worth + _vagueness(key)


#: A phrase followed by its examples ("simple unicellular organisms such as bacteria"): the
#: examples name the class, and many wordings of it fit the blank (round 16).
GIVEN_BY_EXAMPLES = 0.1
_EXAMPLES_AFTER = re.compile(r",? (?:such as|like|including|e\.g\.)\b")


#: A phrase followed by a preposition ("the division of functions") is usually cut short of
#: what a reader would ask for, or is only the frame of the fact.
PHRASE_BEFORE_PREPOSITION = 0.125
_PREPOSITION_AFTER = PREPOSITIONS | {"of", "by", "in", "on", "at", "as", "than", "into", "like"}
#: A phrase taking up a word of its paragraph's opening sentence continues what the paragraph
#: is about, so a reader is more likely to ask about it.
PHRASE_ECHOES_OPENING = 0.075


def _word_after(article: Article, key: Candidate) -> str:
    """The lower-case word right after the key, or "" after punctuation or a capital."""
    if article.norm[key.end : key.end + 1] != " ":
        return ""
    match = _LOWER.match(article.norm, key.end + 1)
    return match.group() if match else ""


def _content_words(article: Article) -> list[frozenset[str]]:
    """Each sentence's words of four letters or more that are no stopwords (cached)."""
    cached = article.__dict__.get("_content_words")
    if cached is None:
        cached = [
            frozenset(w for w in words_of(s.text) if len(w) > 3 and w not in STOPWORDS)
            for s in article.sentences
        ]
        article.__dict__["_content_words"] = cached
    return cached


def _echoes_paragraph_opening(article: Article, key: Candidate) -> bool:
    """A word of the key appears in its paragraph's first sentence (and the key is not in it)."""
    _, first, _ = _paragraph_stats(article)
    opening = first.get(article.sentences[key.sentence].paragraph, key.sentence)
    if opening == key.sentence:
        return False
    opening_words = _content_words(article)[opening]
    return any(word.strip(",.;:()\"'") in opening_words for word in key.text.lower().split())


def _is_dominant_topic(article: Article, key: Candidate) -> bool:
    """The phrase runs through the whole article ("international collaboration" in an article
    about it): a blank for it is answered by the title alone."""
    mentioned = len(article.mentions.get(key.canonical, ()))
    return mentioned > 3 and mentioned / max(1, len(article.sentences)) > 0.03


def _mentions_title(article: Article, key: Candidate) -> bool:
    """A word of the key (four letters or more) is a word of the article's title."""
    title = article.__dict__.get("_title_words")
    if title is None:
        heading = article.layout.title or ""
        title = {w for w in _LOWER.findall(heading.lower()) if len(w) > 3}
        article.__dict__["_title_words"] = title
    return any(w in title for w in _LOWER.findall(key.text.lower()))


def _vagueness(key: Candidate) -> float:
    """A phrase opened by a vague modifier or headed by a generic noun names no particular
    thing, so a blank for it has many right answers."""
    words = _DETERMINER.sub("", key.text).lower().split()
    worth = 0.0
    if words and words[0] in _VAGUE_MODIFIERS:
        worth -= 0.06
    if key.head in _GENERIC_HEADS and len(words) <= 2:
        worth -= 0.08
    return worth
