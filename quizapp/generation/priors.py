"""How worth asking a key is: priors on answer type, context and crowding, not on the words.

Readers asking about a paragraph go for names, dates and numbers that answer who/when/how many,
and for what a thing is "called"; they rarely ask for the article's own topic (everyone knows
it), a nationality adjective ("Norman conquest"), one item of a long list or one of many names
crowded into a sentence. Each rule below encodes one such reason; none looks at particular words
of any article, so they carry over to any text.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from .article import Article
from .candidates import Candidate
from .lexicon import STOPWORDS

#: Base worth by category: who/when/how-many answers first, generic terms and adjectives last.
CATEGORY_PRIOR = {
    "date": 1.0,
    "person": 0.95,
    "year": 0.9,
    "number": 0.9,
    "century": 0.8,
    "decade": 0.8,
    "organisation": 0.8,
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
_NAMING = re.compile(r"(?:called|known as|named|termed|referred to as|dubbed)\s+(?:the\s+)?$")
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
            per_paragraph[sentence.paragraph] += len(cands)
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


def crowding_worth(article: Article, key: Candidate) -> float:
    """Many candidates around the key make any one of them less likely to be the point."""
    per_paragraph, first, mentions = _paragraph_stats(article)
    sentence = article.sentences[key.sentence]
    in_sentence = len(article.candidates[key.sentence])
    worth = -0.03 * max(0, in_sentence - 3)
    worth -= 0.008 * max(0, per_paragraph[sentence.paragraph] - 10)
    worth -= 0.015 * min(8, key.sentence - first.get(sentence.paragraph, key.sentence))
    if mentions[(sentence.paragraph, key.canonical)] > 1:
        worth += 0.08  # what a paragraph keeps coming back to is what it is about
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


def role_worth(article: Article, key: Candidate) -> float:
    """Where the key sits in its sentence: the subject opening it is what the sentence is about;
    an aside in brackets, a possessor ("Newton's law") or a formula subscript ("O 2") is not."""
    norm = article.norm
    worth = 0.0
    if key.start == article.sentences[key.sentence].start:
        worth += 0.1
    if norm[key.start - 1 : key.start] == "(":
        worth -= 0.15
    if norm[key.end : key.end + 2] in {"'s", "s'"}:
        worth -= 0.15
    if key.category == "number" and _SUBSCRIPT.search(norm, max(0, key.start - 3), key.start):
        worth -= 0.6
    return worth


def key_worth(article: Article, key: Candidate) -> float:
    """How worth asking ``key`` is, about 0 (never) to 1.3 (a dated, named, "called" fact)."""
    return (
        CATEGORY_PRIOR[key.category]
        + context_worth(article, key)
        + crowding_worth(article, key)
        + topic_worth(article, key)
        + shape_worth(key)
        + role_worth(article, key)
    )


def list_worth(article: Article, items: list[Candidate]) -> float:
    """Worth of asking a whole list "X, Y and Z" at once: its best item, without the penalties
    for being one item of a list and for the crowding the list itself causes. A list of names
    ("which agencies took part?") is a real question; a list of generic terms much less so."""
    best = max(key_worth(article, item) for item in items)
    named = all(item.category in NAMED_LIKE | {"organisation", "mission"} for item in items)
    return best + 0.15 + 0.03 * (len(items) - 1) + (0.05 if named else -0.1)
