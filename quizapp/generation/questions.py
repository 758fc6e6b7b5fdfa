"""One rule per question kind: each turns a statement and its candidates into draft questions.

Rules only build; they do not judge. ``checks`` rejects what is wrong and ``ranking`` keeps the
best, so a rule may be generous.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from .article import Article
from .candidates import NAMED, TIME, Candidate
from .checks import passes_checks
from .distractors import _term_pools, distractors, name_type, seed_of
from .lexicon import ESTIMATE_BEFORE, STOPWORDS, name_key
from .nametype import HEAD_WORDS
from .phrases import fill_key_shape, phrase_head
from .priors import LIST_KEY_WORTH, MIN_KEY_WORTH, key_worth, list_worth, statistic_sentence
from .quality import bounded_figure, dash_glued, lower_words, noun_after_blank
from .stems import BLANK, Statement, body_text, cloze, focus, lower_first, true_false_stem
from .types import GeneratedQuestion, Source
from .wordclass import ADVERBS, PREPOSITIONS, VAGUE_MODIFIERS, verb_forms

KIND_DIFFICULTY = {
    "true_false": 0.2,
    "multiple_choice": 0.4,
    "multiple_select": 0.6,
    "fill_blank": 0.7,
    "matching": 0.5,
    "ordering": 0.55,
    "numeric": 0.65,
}


@dataclass(frozen=True, slots=True)
class Draft:
    """A question plus what ranking needs: its worth and the fact it tests."""

    question: GeneratedQuestion
    score: float
    fact: str  # identity of the fact: same fact + same kind = same question
    sentence: int
    #: Index of the paragraph (layout block) of the source sentence; -1 for article-wide kinds.
    paragraph: int = -1
    #: Worth of the key alone (``priors``), whatever the kind; None for kinds without one.
    key_worth: float | None = None


class Builder:
    """Makes ``GeneratedQuestion`` objects with stable ids and seeded option order."""

    def __init__(self, article: Article, generator: str) -> None:
        self.article = article
        self.generator = generator

    def question_id(self, kind: str, rule: str, key: str, start: int) -> str:
        raw = f"{self.generator}|{self.article.sha256}|{kind}|{rule}|{key}|{start}"
        return "q" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:12]

    def shuffled(self, items: list[str], qid: str) -> tuple[str, ...]:
        """Items in an order seeded by the article hash and the question id."""
        ordered = list(items)
        random.Random(f"{self.article.sha256}:{qid}").shuffle(ordered)
        return tuple(ordered)

    def source(self, stmt: Statement) -> Source:
        s = stmt.sentence
        return Source(self.article.text[s.start : s.end], s.start, s.end)

    def section(self, stmt: Statement) -> str | None:
        return stmt.sentence.section

    def make(
        self,
        *,
        kind: str,
        rule: str,
        key_text: str,
        stmt: Statement,
        stem: str,
        options: tuple[str, ...] | None,
        answer: object,
        accepted: tuple[str, ...],
        answer_type: str,
        difficulty: float,
        origins: dict[str, str],
    ) -> GeneratedQuestion:
        qid = self.question_id(kind, rule, key_text, stmt.sentence.start)
        if options is not None and kind not in {"matching"}:
            options = self.shuffled(list(options), qid)
        return GeneratedQuestion(
            id=qid,
            kind=kind,
            stem=stem,
            options=options,
            answer=answer,
            accepted=accepted,
            answer_type=answer_type,
            source=self.source(stmt),
            difficulty=round(min(1.0, max(0.0, difficulty)), 2),
            rule=rule,
            distractor_origins=origins,
            section=self.section(stmt),
        )


_DASHES = re.compile("[\u2013\u2014]")


def as_written(article: Article, key: Candidate) -> str:
    """A fill-in key with the article's own dashes ("30–75%", "Diffie–Hellman"): the teacher
    reads the key as the article prints it, and marking reads any dash as a space, so a
    student typing "30-75%" still scores. A key reworded from the text keeps its words."""
    if article.norm[key.start : key.end] != key.text:
        return key.text
    return shown(article)[key.start : key.end]


def shown(article: Article) -> str:
    """The normalised text with the article's own dashes back ("run\u2014the", not "run-the"):
    stems are cut from it, so a dash joining two words is shown as a dash (issue 10, round 2).
    Same length and offsets as ``article.norm``; worked out once per article."""
    cached = article.__dict__.get("_shown")
    if cached is None:
        cached = article.norm
        if _DASHES.search(article.text):
            chars = list(article.norm)
            for match in _DASHES.finditer(article.text):
                chars[match.start()] = match.group()
            cached = "".join(chars)
        article.__dict__["_shown"] = cached
    return cached


def accepted_forms(article: Article, key: Candidate) -> tuple[str, ...]:
    """The key as written (with the article's dashes and with plain ones), without "the",
    and its other names (acronym, expansion)."""
    forms: list[str] = [as_written(article, key), key.text]
    bare = re.sub(r"^(?:the|a|an)\s+", "", key.text, flags=re.IGNORECASE)
    forms.append(bare)
    forms.extend(key.aliases)
    entry = article.aliases.domain.get(key.canonical)
    if entry is not None:
        forms.extend([entry.name, *entry.aliases])
    if key.category == "number":
        digits = re.search(r"\d[\d,.]*", key.text)
        if digits:
            forms.append(digits.group())
    seen: dict[str, str] = {}
    for form in forms:
        seen.setdefault(form.lower(), form)
    return tuple(seen.values())


def _difficulty(kind: str, key: Candidate, origins: dict[str, str], stmt: Statement) -> float:
    base = KIND_DIFFICULTY[kind]
    if any(origin == "article" for origin in origins.values()):
        base += 0.1
    if any(origin.startswith("numeric") for origin in origins.values()):
        base += 0.05
    words = len(stmt.sentence.text.split())
    base += min(0.15, max(0.0, (words - 20) / 200))
    if key.category == "term":
        base += 0.05
    return base


def _worth(article: Article, key: Candidate, stmt: Statement) -> float:
    worth = key_worth(article, key)
    words = len(stmt.sentence.text.split())
    if words > 40:
        worth -= 0.1
    if stmt.hedged:
        worth -= 0.1
    return worth


def _blank_ok(article: Article, stmt: Statement, key: Candidate) -> bool:
    """The key lies inside the statement and is not preceded by "a"/"an" (agreement)."""
    if key.start < stmt.body_start or key.end > stmt.body_end:
        return False
    before = article.norm[max(stmt.body_start, key.start - 4) : key.start].lower()
    return not re.search(r"\ban?\s$", before)


_ARTICLE_LEAD = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _lower_term(key: Candidate) -> bool:
    """A common-noun key ("climate change"), not a name."""
    return key.category == "term" and _ARTICLE_LEAD.sub("", key.text)[:1].islower()


def _subject_blank(stmt: Statement, key: Candidate) -> bool:
    """The key opens the statement: "_____ has long captivated ..." reads badly for a phrase of
    three words or more."""
    long = len(_ARTICLE_LEAD.sub("", key.text).split()) >= 3
    return long and _lower_term(key) and key.start <= stmt.body_start


#: A modal or "continue(s) to" and a verb of vague effect right after a key: the key is the
#: subject of a forecast that would fit almost any subject ("_____ can contribute to a more
#: peaceful future", "as _____ continues to evolve"), not of a law or a fact ("then _____ will
#: experience an acceleration", a key people ask about).
_CLAIM_AFTER = re.compile(
    r"\s+(?:can|could|will|would|may|might|should|must|continues? to|(?:is|are) likely to)"
    r"(?:\s+(?:also|further|greatly|help\s+to|help))?\s+(?:contribute|evolve|grow|play|help|"
    r"shape|foster|promote|enhance|benefit|transform|drive|pave|open|strengthen|improve|"
    r"advance|support|inspire|serve)\b"
)


def open_subject(article: Article, stmt: Statement, key: Candidate) -> bool:
    """Round 34: a common-noun key that is the subject of a forecast or a claim ("As _____
    continues to evolve", "By promoting cooperation, _____ can contribute to a more peaceful
    future"), in a sentence with no name, date or number to pin it down: many of the article's
    phrases fit such a blank ("international collaboration" as well as "space diplomacy"), so
    a student who read the paragraph still cannot tell which one is wanted. A key that opens
    the statement is left to ``_subject_blank``: refusing it here as well took a key people ask
    about ("_____ must be designed to ensure that each side ...": "the contracts"), measured on
    squad-dev."""
    if not _lower_term(key) or key.list_id is not None or key.start <= stmt.body_start:
        return False
    if not _CLAIM_AFTER.match(article.norm, key.end):
        return False
    inside = [
        c for c in article.candidates[key.sentence] if stmt.body_start <= c.start < stmt.body_end
    ]
    return all(c.category == "term" for c in inside)


def named_members(article: Article, key: Candidate) -> bool:
    """Round 34: a plural common-noun key whose kind the article names members of ("in
    partnership with _____", key "international space agencies", in an article that names the
    European, Canadian and Italian Space Agency): a student answers with a member, which the
    paragraph also makes true."""
    if not (_lower_term(key) and key.plural and key.head):
        return False
    heads = _name_heads(article)
    return any(heads[form] >= 2 for form in _singular_forms(key.head))


#: A noun for people by what they do ("geologists", "workers", "managers", "historians").
_PEOPLE_HEAD = re.compile(r"(?:ists|ers|ians|ors)$")


def topic_people(article: Article, key: Candidate) -> bool:
    """Round 35: "_____ also study modern soils" (key "geologists") in an article called
    Geology: the people of the article's own subject, named by one word made from its title,
    are given away by it. ("injuries among _____", key "construction workers", was flagged too,
    but people ask about it: refusing two-word keys cost a recalled key, 546 -> 545.)"""
    words = _ARTICLE_LEAD.sub("", key.text).split()
    if not _lower_term(key) or len(words) != 1 or not _PEOPLE_HEAD.search(words[-1]):
        return False
    title = article.layout.title or ""
    stems = {w.lower()[:5] for w in re.findall(r"[^\W\d_]{4,}", title)}
    return words[0].lower()[:5] in stems


def _singular_forms(word: str) -> tuple[str, ...]:
    if word.endswith("ies"):
        return (word[:-3] + "y",)
    if word.endswith("es"):
        return (word[:-2], word[:-1])
    return (word[:-1],) if word.endswith("s") else ()


def _name_heads(article: Article) -> Counter[str]:
    """How many different names of the article end in each word ("agency": 3), built once."""
    heads = article.__dict__.get("_name_heads")
    if heads is None:
        names = {
            c.canonical: c.text
            for cands in article.candidates
            for c in cands
            if c.category not in TIME | {"number", "term"} and " " in c.text
        }
        heads = Counter(text.rsplit(" ", 1)[1].lower() for text in names.values())
        article.__dict__["_name_heads"] = heads
    return heads


def typeable_term(article: Article, key: Candidate) -> bool:
    """A common-noun key a student could type from memory: one to three words, no "of"
    phrase, not indefinite ("a profound historical significance"), not vague, and not built on
    a noun the article keeps using in many phrases ("space cooperation" in an article about
    cooperation: many words fit its blank)."""
    if not _lower_term(key):
        return not _vague_opening(key)
    if not fill_key_shape(key.text):
        return False
    return not topic_head(article, key)


def _vague_opening(key: Candidate) -> bool:
    """A common-noun phrase capitalised only because it opens its sentence, led by a vague
    modifier: "Detailed statistical investigation has not suggested ...", "Excellent job
    opportunities are expected" (round 39): many wordings fill its blank."""
    words = key.text.split()
    return (
        key.category == "term"
        and len(words) >= 2
        and words[0].lower() in VAGUE_MODIFIERS
        and all(word.islower() for word in words[1:])
    )


#: A head noun shared by this many different phrases of an article is what the article is about.
TOPIC_HEAD_PHRASES = 5


def topic_head(article: Article, key: Candidate) -> bool:
    """The key's head noun heads three or more different phrases of the article: the article
    is about it, so many phrases fit the blank and near-synonyms may all be true."""
    if not _lower_term(key):
        return False
    head = phrase_head(key.text)
    pools = _term_pools(article)
    sharing = {
        c.canonical for plural in (True, False) for c in pools.get(("head", plural, head), ())
    }
    return len(sharing) >= TOPIC_HEAD_PHRASES


def trimmed_term(article: Article, key: Candidate) -> Candidate | None:
    """A term key too long to type ("interesting abstract machine", "other civil
    disobedients") blanked without its leading modifiers ("interesting _____" with key
    "abstract machine"): the shortest blank that keeps the head and reads as a typeable term
    (issue 10, round 2: a term becomes a fill in the blank "if the blank is short and clean")."""
    if not _lower_term(key) or " of " in key.text or _ARTICLE_LEAD.match(key.text):
        return None
    words = key.text.split()
    for drop in range(1, len(words)):
        tail = " ".join(words[drop:])
        if len(words) - drop > 3 or not fill_key_shape(tail):
            continue
        trimmed = replace(
            key, text=tail, start=key.end - len(tail), canonical=name_key(tail), aliases=()
        )
        if not topic_head(article, trimmed):
            return trimmed
        return None
    return None


_NEXT_WORD = re.compile(r" ([a-z][a-z-]+)\b")
_LAST_WORD = re.compile(r"\s+[a-z][a-z-]*$")


def unsplit_number(article: Article, key: Candidate) -> Candidate:
    """A number key whose last word runs on into a noun ("1.4 million elementary" before
    "school teachers") keeps only its number: the blank no longer cuts the compound
    ("_____ school teachers" would leave "elementary" in the key; issue 10, round 2)."""
    if key.category != "number":
        return key
    following = _NEXT_WORD.match(article.norm, key.end)
    last = _LAST_WORD.search(key.text)
    if last is None or " per " in key.text:
        return key  # "9.81 meters per second": a rate's words are all its unit's
    runs_on = following is not None and following.group(1) in article.nouns
    if not runs_on and not no_unit(article, last.group().strip()):
        return key
    text = key.text[: last.start()]
    if not re.search(r"\d", text):
        return key
    return replace(key, text=text, end=key.start + len(text), canonical=name_key(text))


def no_unit(article: Article, word: str) -> bool:
    """A word after a number that is no unit of it: a verb, adverb or preposition ("article
    15 defines", "Articles 1 to 4 generally", "£13 billion towards"), so it stays out of the
    key and its wrong options ("45 defines")."""
    return (
        word in PREPOSITIONS
        or word in ADVERBS
        or (word.endswith("ly") and word not in article.nouns)
        or ((word in article.verbs or word in verb_forms()) and word not in article.nouns)
    )


_CAPITAL_BEFORE = re.compile(r"([A-Z][\w.'-]*) $")


def whole_name(article: Article, key: Candidate) -> Candidate:
    """A capitalised key that starts inside a name ("the All _____" with key "India Muslim
    League", "a Sunday _____") takes in the capitalised words before it in mid-sentence, so the
    blank does not cut the name; a possessive ("Newton's") stops it."""
    if not key.text[:1].isupper():
        return key
    start = key.start
    sentence_start = article.sentences[key.sentence].start
    for _ in range(3):
        match = _CAPITAL_BEFORE.search(article.norm, max(sentence_start, start - 30), start)
        if match is None or match.start() <= sentence_start:
            break
        word = match.group(1)
        if word.endswith("'s") and article.norm[: match.start()].endswith(("the ", "The ")):
            start = match.start()  # "the Children's Memorial Health Institute": one name
            break
        if word == "I" or word.endswith("'s"):
            break
        start = match.start()
    if start == key.start:
        return key
    text = article.norm[start : key.end]
    return replace(key, text=text, start=start, canonical=name_key(text), aliases=())


def typed_options(key: Candidate) -> bool:
    """Multiple choice needs wrong options provably of the key's kind (issue 10, round 2: the
    dominant loss). A term key's options are phrases harvested from elsewhere in the article
    ("an integral part", "launch" as a field of science), so a term is asked as a fill in the
    blank or a true/false statement instead; names, places, organisations, times and numbers
    keep multiple choice."""
    return key.category != "term"


def _proper_name(article: Article, key: Candidate) -> bool:
    """A name of a known kind, or one with a word the article never writes in lower case."""
    if name_type(article, key.text, key.category):
        return True
    ordinary = lower_words(article)
    return any(w.lower() not in ordinary for w in _ARTICLE_LEAD.sub("", key.text).split())


def _term_list_worth(article: Article, key: Candidate) -> float:
    """The first item of a list of terms ("the emergence of anti-satellite weapons and space
    debris threats") is worth what the whole list is: a list of terms is no longer asked as a
    select-all with harvested wrong options (round 2), so its first item is asked to fill in.
    So is the first of a list of names too few names of their kind could stand beside (issue
    10: a select-all is not padded with options of another kind)."""
    if key.list_id is None or key.category in TIME | {"number"}:
        return 0.0
    items = [c for c in article.candidates[key.sentence] if c.list_id == key.list_id]
    if not 2 <= len(items) <= MAX_SELECT_KEYS or items[0].start != key.start:
        return 0.0
    if not _lower_term(key) and (
        not _proper_name(article, key) or len(_select_options(article, items)) >= 2
    ):
        return 0.0  # asked as a select-all, or a list of common words ("President and ...")
    # on the scale of single keys: a list just worth a select-all is just worth a fill
    return list_worth(article, items) + MIN_KEY_WORTH - LIST_KEY_WORTH


_PAIR = re.compile(r"(?:,? and|,? or|,? nor) ")


def _pair_key(article: Article, key: Candidate) -> tuple[Candidate, bool] | None:
    """A list of two names that gets no select-all ("Dorotheenstadt and Friedrichstadt") is
    asked whole as a fill in the blank: both names are the answer, so neither the stem nor the
    key gives the other away, and the fact is asked as people ask it ("the two new
    neighbourhoods"). With the pair: whether its last item runs on past it."""
    items = [c for c in article.candidates[key.sentence] if c.list_id == key.list_id]
    if len(items) != 2:
        return None
    first, last = items
    joint = article.norm[first.end : last.start]
    if not _PAIR.fullmatch(joint.lstrip(",") if joint.startswith(",") else joint):
        return None
    text = article.norm[key.start : last.end]
    if "(" in text or "(" in last.text:
        return None  # glosses in brackets ("X (a carrier) and Y (a maker)"): no key to type
    pair = replace(
        key,
        text=text,
        end=last.end,
        canonical=name_key(text),
        aliases=(f"{last.text}{joint}{first.text}",),
        list_id=None,
    )
    return pair, _runs_on(article, last)


_FOLLOWING_WORD = re.compile(r" ([a-z][a-z-]+)\b")
_RELATIVES = frozenset({"that", "which", "who"})


def _runs_on(article: Article, item: Candidate) -> bool:
    """The item goes on past its end: a name said before the noun it describes ("the
    Diffie-Hellman key exchange", round 19) or a common noun with its "of" or relative clause
    ("the south of Europe", "the eukaryotic parasites that cause malaria", round 21). A key
    ending there would leave part of the item outside the blank."""
    following = _FOLLOWING_WORD.match(article.norm, item.end)
    if following is None:
        return False
    if item.text[:1].islower() and following.group(1) in _RELATIVES | {"of"}:
        return True
    return noun_after_blank(article, following.group(1))


_ORDINAL_BEFORE = re.compile(
    r"(?:\b\d{1,3}(?:st|nd|rd|th)|\b(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|"
    r"Ninth|Tenth)) $"
)


def with_ordinal(article: Article, key: Candidate) -> Candidate:
    """A key right after an ordinal of its name takes the ordinal in ("its 40th _____" with
    key "Army" becomes "its _____" with "40th Army"; "the Second _____" with "law of
    thermodynamics"): the blank does not split the name (round 5)."""
    if not article.norm[max(0, key.start - 3) : key.start - 1].endswith(("st", "nd", "rd", "th")):
        return key  # no ordinal before: the common case, without a search
    match = _ORDINAL_BEFORE.search(article.norm, max(0, key.start - 12), key.start)
    if match is None or not (key.text[:1].isupper() or match.group()[:1].isupper()):
        return key
    if match.start() <= article.sentences[key.sentence].start:
        return key
    text = article.norm[match.start() : key.end]
    return replace(key, text=text, start=match.start(), canonical=name_key(text), aliases=())


def the_outside(article: Article, key: Candidate) -> Candidate:
    """A "the ..." key before a common noun ("the Plowshares" of "the Plowshares
    organization") leaves its "the" in the stem: "The _____ organization" with key
    "Plowshares" reads, "_____ organization" with "the Plowshares" is a fragment (round 5)."""
    if not key.text.startswith(("the ", "The ")):
        return key
    following = _FOLLOWING_WORD.match(article.norm, key.end)
    if following is None or not noun_after_blank(article, following.group(1)):
        return key
    text = key.text[4:]
    return replace(key, text=text, start=key.start + 4, canonical=name_key(text), aliases=())


def unglued(article: Article, key: Candidate) -> Candidate | None:
    """A key that runs over a dash of the source ("the Adriatic—fell", a hyphen once
    normalised) stops before it; None when nothing of it is left (round 5)."""
    if not dash_glued(article):
        return key  # no words joined by a dash in the article (worked out once)
    dash = re.search(r"[^\W\d_][\u2014\u2015][^\W\d_]", article.text[key.start : key.end])
    if dash is None:
        return key
    text = key.text[: dash.start() + 1].rstrip()
    if not re.search(r"[^\W\d_]{2}", text):
        return None
    return replace(key, text=text, end=key.start + len(text), canonical=name_key(text), aliases=())


_CLAUSE_TAIL = re.compile(r",\s+(?:and|or)\s+[a-z]")


def without_clause_tail(key: Candidate) -> Candidate | None:
    """A key that runs past a comma into the next clause ("Abbassi Madani, and a
    charismatic") stops at the comma; None when nothing of it is left (round 5)."""
    tail = _CLAUSE_TAIL.search(key.text) if ", " in key.text else None
    if tail is None:
        return key
    text = key.text[: tail.start()].rstrip()
    if len(text) < 2:
        return None
    return replace(key, text=text, end=key.start + len(text), canonical=name_key(text), aliases=())


_BRACKET_TAIL = re.compile(r"\s*\([^()]*\)$")


def without_bracket_tail(key: Candidate) -> Candidate | None:
    """A key ending in a bracketed aside ("De Materia Medica (Concerning medical
    substances)") stops before it: the aside glosses the name, it is not part of the answer a
    student types or picks. None when nothing of it is left (round 5)."""
    tail = _BRACKET_TAIL.search(key.text)
    if tail is None or tail.start() == 0:
        return key
    text = key.text[: tail.start()]
    if not re.search(r"[^\W\d_]{2}", text):
        return None
    return replace(key, text=text, end=key.start + len(text), canonical=name_key(text), aliases=())


def whole_phrase(article: Article, key: Candidate) -> Candidate | None:
    """The key with the blank's edges on phrase boundaries: an ordinal of the name taken in,
    a "the" of the noun after it left out, a dash of the source or a clause after a comma
    not run over."""
    key = unglued(article, key)
    if key is not None:
        key = without_clause_tail(key)
    if key is not None:
        key = without_bracket_tail(key)
    if key is None:
        return None
    return the_outside(article, with_ordinal(article, key))


_DETERMINER_BEFORE = re.compile(r"\b(?:the|The|its|their|his|her|our|this|that)\s$")


#: A "the" with lower-case words between it and the blank: "The 17th century _____" takes
#: "Royal Ujazdów Castle", never "the Brühl Palace" (round 23).
_DETERMINED_SLOT = re.compile(r"\b[Tt]he (?:[a-z0-9][\w-]* ){1,3}$")


def _determined(article: Article, key: Candidate) -> bool:
    """A key without "the" whose slot has a "the" a few modifiers before it ("The 17th century
    _____"); not "the traces of _____" nor "the weavers joined _____", whose "the" belongs to
    another phrase."""
    if key.text.startswith(("the ", "The ")):
        return False
    slot = _DETERMINED_SLOT.search(article.norm, max(0, key.start - 30), key.start)
    if slot is None:
        return False
    between = slot.group().lower().split()[1:]
    return not any(
        word in STOPWORDS or word in PREPOSITIONS or word in verb_forms() or word in article.verbs
        for word in between
    )


def fitted_options(
    article: Article, key: Candidate, wrong: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Wrong options that read in the key's place: without "the" after a determiner the stem
    keeps ("of the _____" + "the European Union" read "the the"), and with the "the" the
    article gives a name when the key has one ("the Home Army", not "Home Army")."""
    before = article.norm[max(0, key.start - 7) : key.start]
    if _DETERMINER_BEFORE.search(before) or before.endswith("'s ") or _determined(article, key):
        if key.text.startswith("the "):
            return wrong
        return [(re.sub(r"^the ", "", text), origin) for text, origin in wrong]
    if not key.text.startswith(("the ", "The ")):
        return wrong
    fitted = []
    for text, origin in wrong:
        if text[:1].isupper() and " " in text and f"the {text}" in article.norm:
            text = f"the {text}"
        fitted.append((text, origin))
    return fitted


def blank_questions(builder: Builder, stmt: Statement, key: Candidate) -> list[Draft]:
    """fill_blank and multiple_choice on one key of one statement."""
    article = builder.article
    if not typeable_term(article, key):
        key = trimmed_term(article, key) or key
    named = whole_name(article, unsplit_number(article, key))
    key = whole_phrase(article, named)
    if key is None or not _blank_ok(article, stmt, key) or _subject_blank(stmt, key):
        return []
    if (
        open_subject(article, stmt, key)
        or named_members(article, key)
        or topic_people(article, key)
    ):
        return []
    list_worth_ = _term_list_worth(article, key)
    paired = _pair_key(article, key) if list_worth_ and not _lower_term(key) else None
    if paired is not None:
        pair, runs_on = paired
        if runs_on:
            # "such as _____ and the Diffie-Hellman key exchange": the first item alone, with
            # the standing of the list it opens
            list_worth_ = max(list_worth_, _worth(article, pair, stmt))
        else:
            key = pair
    # a key whose "the" stays in the stem is worth what the name with it is worth
    same_name = key.end == named.end and named.text.endswith(" " + key.text)
    worth = max(_worth(article, named if same_name else key, stmt), list_worth_)
    if worth < MIN_KEY_WORTH:
        return []  # ranking would never keep it: save building it and its distractors
    stmt = focus(article.norm, stmt, key.start, key.end)
    keep_case = _keeps_case(stmt, article.candidates[key.sentence])
    stem = cloze(shown(article), stmt, key.start, key.end, keep_case)
    accepted = accepted_forms(article, key)
    drafts: list[Draft] = []
    fact = f"{key.canonical}@{stmt.sentence.index}"
    fill = builder.make(
        kind="fill_blank",
        rule=f"fill.{key.category}",
        key_text=key.text,
        stmt=stmt,
        stem=stem,
        options=None,
        answer=as_written(article, key),
        accepted=accepted,
        answer_type=key.answer_type,
        difficulty=_difficulty("fill_blank", key, {}, stmt),
        origins={},
    )
    seed = seed_of(article.sha256, key.start, "mc")
    wrong = [] if not typed_options(key) else distractors(article, key, 3, seed)
    wrong = fitted_options(article, key, wrong)
    mc = None
    if len(wrong) == 3:
        origins = dict(wrong)
        mc = builder.make(
            kind="multiple_choice",
            rule=f"mc.{key.category}",
            key_text=key.text,
            stmt=stmt,
            stem=stem,
            options=(key.text, *origins),
            answer=key.text,
            accepted=accepted,
            answer_type=key.answer_type,
            difficulty=_difficulty("multiple_choice", key, origins, stmt),
            origins=origins,
        )
        if not passes_checks(article, mc):
            mc = None  # options of another kind: asked to fill in instead
    if typeable_term(article, key):
        # a name that would have been a multiple choice but has too few wrong options of its
        # own kind is asked to fill in, with the standing the multiple choice would have had:
        # the fact is kept, only the bad options go (issue 10)
        lift = 0.05 if typed_options(key) and mc is None else -0.05
        drafts.append(
            Draft(fill, worth + lift, fact, stmt.sentence.index, stmt.sentence.paragraph, worth)
        )
    if mc is not None:
        drafts.append(
            Draft(mc, worth + 0.05, fact, stmt.sentence.index, stmt.sentence.paragraph, worth)
        )
    return drafts


def true_false_questions(builder: Builder, stmt: Statement, keys: list[Candidate]) -> list[Draft]:
    """A true statement from the article, and a false one with one name or year swapped."""
    article = builder.article
    drafts: list[Draft] = []
    whole = stmt
    stmt = focus(article.norm, stmt, stmt.body_start, stmt.body_start)
    text = body_text(shown(article), stmt)
    if len(text.split()) > 40:
        return drafts
    true_q = builder.make(
        kind="true_false",
        rule="tf.true",
        key_text=text,
        stmt=stmt,
        stem=true_false_stem(
            text, _keeps_case(stmt, keys), article.mid_names, lower_words(article)
        ),
        options=None,
        answer=True,
        accepted=(),
        answer_type=keys[0].answer_type if keys else "term",
        difficulty=KIND_DIFFICULTY["true_false"],
        origins={},
    )
    drafts.append(Draft(true_q, 0.45, f"tf@{stmt.sentence.index}", stmt.sentence.index))
    for key in keys:
        if key.category not in NAMED | TIME | {"number"} or not _blank_ok(article, whole, key):
            continue
        stmt = focus(article.norm, whole, key.start, key.end)
        if key.category == "number" and key_worth(article, key) < MIN_KEY_WORTH:
            continue  # "O 2" -> "O 1": a formula's subscript is no number to swap
        if not _swappable_figure(article, key):
            continue  # round 5: another key of the sentence makes a clearer false statement
        wrong = distractors(article, key, 1, seed_of(article.sha256, key.start, "tf"))
        if not wrong:
            continue
        swapped, origin = wrong[0]
        if _near_rough_year(article, key, swapped) or _plural_owner(article, key, swapped):
            continue
        false_text = body_text(shown(article), stmt, key.start, key.end, swapped)
        false_q = builder.make(
            kind="true_false",
            rule=f"tf.swap_{key.category}",
            key_text=key.text,
            stmt=stmt,
            stem=true_false_stem(
                false_text, _keeps_case(stmt, keys), article.mid_names, lower_words(article)
            ),
            options=None,
            answer=False,
            accepted=(),
            answer_type=key.answer_type,
            difficulty=KIND_DIFFICULTY["true_false"] + 0.1,
            origins={swapped: origin},
        )
        drafts.append(Draft(false_q, 0.5, f"tf@{stmt.sentence.index}", stmt.sentence.index))
        break
    return drafts


_YEAR = re.compile(r"\b\d{3,4}\b")


def _plural_owner(article: Article, key: Candidate, swapped: str) -> bool:
    """ "the Court of Justice's duty" swapped to "European Union Treaties's duty" (fit-split
    reading 60): a plural name does not take the key's "'s"."""
    return article.norm.startswith("'s", key.end) and swapped.endswith("s")


def _near_rough_year(article: Article, key: Candidate, swapped: str) -> bool:
    """A rough year swapped for one within a decade of it ("around 1800" made "around 1798"):
    the false statement is still roughly true, and judges could not call it false (round 30)."""
    if key.category not in TIME or key.value is None:
        return False
    before = article.norm[max(0, key.start - 15) : key.start]
    year = _YEAR.search(swapped)
    rough = ESTIMATE_BEFORE.search(before) or ESTIMATE_BEFORE.search(key.text.split(" ", 1)[0])
    return bool(rough and year and abs(int(year.group()) - key.value) < 10)


def _swappable_figure(article: Article, key: Candidate) -> bool:
    """A figure or date whose swap makes a clearly false statement: not a bound ("over
    100,000": "over 75,000" stays true) and not one figure of a statistical sentence (which of
    its numbers is off is a detail, not the point)."""
    if key.category not in TIME | {"number"}:
        return True
    if statistic_sentence(article, key.sentence):
        return False
    before = article.norm[max(0, key.start - 30) : key.start]
    if key.category in TIME and _TIME_BOUND.search(before):
        return False  # "prior to October 2005" made "prior to October 2002" may still be true
    return not bounded_figure(before, key.text, article.norm[key.end : key.end + 12])


#: Words that make the date after them a bound rather than the time of an event (fit-split
#: reading 39).
_TIME_BOUND = re.compile(
    r"\b(?:prior to|before|after|until|till|by|since|as early as|as late as|no later than)"
    r"\s+(?:the\s+)?(?:(?:early|mid|late|end of|middle of)\s+)?$",
    re.IGNORECASE,
)


def _keeps_case(stmt: Statement, keys: list[Candidate]) -> bool:
    """True when the statement opens with a name, whose capital must stay."""
    return any(
        c.start <= stmt.body_start < c.end or c.start == stmt.body_start
        for c in keys
        if not c.is_phrase  # a common noun phrase opening the sentence is no name
    )


#: A longer list ("solvents including: acetone, methanol, ... formic acid") is a list to read,
#: not a question: ticking thirteen boxes tests patience rather than the article.
MAX_SELECT_KEYS = 6


def lone_word(article: Article, cand: Candidate) -> bool:
    """A one-word item that is a common word or a bare head noun ("Society", "Father"): a
    list split at an "and" inside a name, not a name of its own."""
    bare = _ARTICLE_LEAD.sub("", cand.text)
    return " " not in bare and (bare.lower() in lower_words(article) or bare.lower() in HEAD_WORDS)


def _select_options(article: Article, items: list[Candidate]) -> list[tuple[str, str]]:
    """The wrong options of a select-all on ``items`` (a list of the sentence)."""
    first = items[0]
    if any(lone_word(article, c) for c in items):
        return []  # "the General Board of Church and Society" cut into two "names"
    count = 3 if len(items) >= 3 else 2
    if first.answer_type == "number":
        wrong = _one_per_figure(article, items, count)
    else:
        wrong = distractors(article, first, count, seed_of(article.sha256, first.start, "ms"))
    return [(t, o) for t, o in wrong if all(not article.aliases.same(t, c.text) for c in items)]


def _one_per_figure(article: Article, items: list[Candidate], count: int) -> list[tuple[str, str]]:
    """Wrong figures for a list of figures, each from a different item ("4,400 fishes", "2,600
    birds"): three wrong counts of fishes beside one each of birds and mammals made every other
    item plainly right (round 16)."""
    wrong: list[tuple[str, str]] = []
    taken = {c.text for c in items}
    for item in [*items[1:], items[0]] * 2:
        seed = seed_of(article.sha256, item.start, "ms")
        for text, origin in distractors(article, item, 2, seed):
            if text not in taken:
                taken.add(text)
                wrong.append((text, origin))
                break
        if len(wrong) == count:
            break
    return wrong


def _uneven_figures(items: list[Candidate]) -> bool:
    """Figures of a list, some with their unit and some bare ("687 and 760 nm"): as options,
    the bare ones read as other things, and the one with its unit stands out."""
    if not any(c.answer_type == "number" for c in items):
        return False
    bare = {bool(re.fullmatch(r"[$£€]?[\d.,]+", c.text.strip())) for c in items}
    return len(bare) > 1


#: A singular verb right after the second of two names: that name is the subject of a new
#: clause, so "X and Y was ..." is no list (round 35, fit split). After three or more ("such as
#: X, Y, and Z has opened") the verb is the sentence's own.
_SINGULAR_VERB_AFTER = re.compile(r"\s+(?:was|is|has|does)\b")


def select_questions(builder: Builder, stmt: Statement, keys: list[Candidate]) -> list[Draft]:
    """multiple_select on a list "X, Y and Z" of names of one type."""
    article = builder.article
    groups: dict[int, list[Candidate]] = {}
    for key in keys:
        if key.list_id is not None:
            groups.setdefault(key.list_id, []).append(key)
    drafts: list[Draft] = []
    for items in groups.values():
        if not 2 <= len(items) <= MAX_SELECT_KEYS or not all(
            _blank_ok(article, stmt, c) for c in items
        ):
            continue
        first, last = items[0], items[-1]
        if len({c.canonical for c in items}) != len(items) or _uneven_figures(items):
            continue
        if len(items) == 2 and _SINGULAR_VERB_AFTER.match(article.norm, last.end):
            continue  # "broken away from X and Y was not founded until 1784": two clauses
        worth = list_worth(article, items)
        if worth < LIST_KEY_WORTH or not typed_options(first):
            continue  # ranking would never keep it: save its distractors
        wrong = _select_options(article, items)
        if len(wrong) < 2:
            continue
        short = focus(article.norm, stmt, first.start, last.end)
        stem = "Which of these belong in the blank? " + cloze(
            shown(article), short, first.start, last.end, _keeps_case(short, keys)
        )
        origins = dict(wrong)
        keys_text = [c.text for c in items]
        question = builder.make(
            kind="multiple_select",
            rule=f"ms.list_{first.category}",
            key_text="|".join(keys_text),
            stmt=stmt,
            stem=stem,
            options=(*keys_text, *origins),
            answer=keys_text,
            accepted=(),
            answer_type=first.answer_type,
            difficulty=_difficulty("multiple_select", first, origins, stmt),
            origins=origins,
        )
        drafts.append(
            Draft(
                question,
                worth,
                f"list:{first.list_id}",
                stmt.sentence.index,
                stmt.sentence.paragraph,
                worth,
            )
        )
    return drafts


def lower_label(text: str) -> str:
    return lower_first(text)


def key_in_label(label: str, key: str) -> bool:
    return name_key(key) in name_key(label)


__all__ = [
    "BLANK",
    "Builder",
    "Draft",
    "blank_questions",
    "select_questions",
    "true_false_questions",
]


def _whole(sentence) -> Statement:
    return Statement(sentence, sentence.start, sentence.end, False)


def year_pairs(article: Article) -> list[tuple[Candidate, Candidate]]:
    """(named thing, time) pairs: sentences with one time and a named thing right next to it.
    The article's own subject is dated too often to stand for one year ("Harvard University"
    beside 2012, round 13), so it is no item, nor is a word the article also writes in lower
    case ("City") or a bare "AD". Only what happens at one time is dated (``_dated_by``): a
    country, a person or a body beside a year made matching and ordering questions no reader
    could check ("Germany, Norway, Russia, England", fit-split reading 45; round 41)."""
    pairs: list[tuple[Candidate, Candidate]] = []
    subject = name_key(article.layout.title or "")
    ordinary = lower_words(article)
    for cands in article.candidates:
        times = [c for c in cands if c.category in TIME]
        if len(times) != 1 or (times[0].category == "date" and times[0].value is None):
            continue
        time = times[0]
        named = [
            c
            for c in cands
            if c.category in NAMED and c.list_id is None and _datable(c.text, ordinary)
        ]
        if not named:
            continue
        nearest = min(named, key=lambda c: (abs(c.start - time.start), c.start))
        if abs(nearest.start - time.start) > 60 or not _dated_by(article, nearest, time):
            continue
        if subject and name_key(nearest.text) in subject:
            continue
        pairs.append((nearest, time))
    return pairs


def _datable(text: str, ordinary: frozenset[str]) -> bool:
    bare = re.sub(r"^the ", "", text, flags=re.IGNORECASE)
    return len(bare) > 2 and bare.lower() not in ordinary


#: Head words of names of things that happen or are made at one time: what a year dates.
_EVENT_HEADS = frozenset(
    """battle war wars treaty uprising rising revolution rebellion revolt siege massacre
    confederation act charter declaration agreement accord convention conference congress
    election elections crisis strike expedition mission project programme program launch
    exhibition olympics games festival riot riots partition union""".split()
)


#: Verbs that say a year is when a thing began or was made ("was founded in 1636").
_MADE = re.compile(
    r"\b(?:founded|formed|established|built|opened|created|launched|completed|finished|"
    r"rebuilt|signed|incorporated|chartered|inaugurated|constructed|erected|invented)\b"
)


def _dated_by(article: Article, named: Candidate, time: Candidate) -> bool:
    """The year is when ``named`` happened: a mission or a name whose head says it happened
    ("the Battle of Warsaw", "the Warsaw Confederation"), or a thing the sentence says was
    founded, built or opened then. A person, a place or a body is named beside many years, so
    which one "the article gives" for it is anyone's guess (fit-split reading 45)."""
    words = re.findall(r"[A-Za-z]+", named.text.lower())
    if named.category == "mission" or any(w in _EVENT_HEADS for w in words):
        return True
    between = article.norm[min(named.end, time.end) : max(named.start, time.start)]
    return _MADE.search(between) is not None


def partner_pairs(article: Article) -> list[tuple[Candidate, list[Candidate]]]:
    """(mission, its organisations) from sentences naming one mission and one org or list."""
    pairs: list[tuple[Candidate, list[Candidate]]] = []
    for cands in article.candidates:
        missions = [c for c in cands if c.category == "mission" and c.list_id is None]
        orgs = [c for c in cands if c.category == "organisation"]
        if len(missions) != 1 or not orgs:
            continue
        lists = {c.list_id for c in orgs}
        if len(lists) != 1:
            continue
        names = {c.canonical for c in orgs}
        if len(names) != len(orgs) or _partners_unnamed(article, orgs):
            continue
        pairs.append((missions[0], orgs))
    return pairs


_MORE_PARTNERS = re.compile(
    r"\b(?:in (?:partnership|collaboration|cooperation) with|together with|jointly with"
    r"|with the help of|and other|among others)\b\s*",
    re.IGNORECASE,
)


def _partners_unnamed(article: Article, orgs: list[Candidate]) -> bool:
    """True when the sentence says the mission had partners it does not name ("developed by NASA
    in partnership with international space agencies"): matching it to "NASA" alone would be a
    half-truth (round 16)."""
    sentence = article.sentences[orgs[0].sentence]
    starts = {c.start for c in orgs}
    return any(
        sentence.start + m.end() not in starts for m in _MORE_PARTNERS.finditer(sentence.text)
    )


def _unique_pairs(pairs: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """Pairs with no left or right repeated (first wins), so matching has one answer."""
    lefts: set[str] = set()
    rights: set[str] = set()
    kept = []
    for left, right, sentence in pairs:
        if name_key(left) in lefts or right.lower() in rights:
            continue
        lefts.add(name_key(left))
        rights.add(right.lower())
        kept.append((left, right, sentence))
    return kept


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def matching_questions(builder: Builder) -> list[Draft]:
    """matching: event <-> year and mission <-> partner agencies, four pairs at most each."""
    article = builder.article
    by_year = [(n.text, t.text, t.sentence) for n, t in year_pairs(article)]
    by_partner = [
        (m.text, _join([o.text for o in orgs]), m.sentence) for m, orgs in partner_pairs(article)
    ]
    drafts: list[Draft] = []
    for rule, stem, pairs in (
        ("match.year", "Which year or period does the article give for each of these?", by_year),
        ("match.partners", "Which agencies does the article name for each of these?", by_partner),
    ):
        for chunk in _chunks(article, _unique_pairs(pairs), 4):
            chunk_start = chunk[0][2]
            cited = cited_passage(article, [sentence for _, _, sentence in chunk])
            if cited is None:
                continue
            stmt = _whole(article.sentences[chunk[0][2]])
            answer = [[left, right] for left, right, _ in chunk]
            question = builder.make(
                kind="matching",
                rule=rule,
                key_text="|".join(left for left, _, _ in chunk),
                stmt=stmt,
                stem=stem,
                options=None,
                answer=answer,
                accepted=(),
                answer_type="year" if rule == "match.year" else "organisation",
                difficulty=KIND_DIFFICULTY["matching"] + 0.05 * len(chunk),
                origins={},
            )
            options = builder.shuffled([right for _, right, _ in chunk], question.id)
            question = replace(question, options=options, source=cited)
            drafts.append(Draft(question, 0.9, f"{rule}:{chunk_start}", -1))
    return drafts


def _chunks(article: Article, items: list, size: int) -> Iterator[list]:
    """Runs of three to ``size`` items (their sentence index last): first within one paragraph,
    which then answers the whole question where it is cited (round 13: pairs gathered from
    the whole article could not be checked against the paragraph shown), then the items left
    over from across the article, as before, so no fact goes unasked."""
    by_paragraph: dict[int, list] = {}
    for item in items:
        by_paragraph.setdefault(article.sentences[item[-1]].paragraph, []).append(item)
    left_over: list = []
    for group in by_paragraph.values():
        runs = _runs_of(group, size)
        yield from runs
        left_over.extend(group[sum(len(run) for run in runs) :])
    yield from _near_runs(article, sorted(left_over, key=lambda item: item[-1]), size)


def _near_runs(article: Article, items: list, size: int) -> list[list]:
    """Runs of three to ``size`` items close enough to be cited as one passage (``cited_passage``),
    in the order of the article."""
    runs: list[list] = []
    run: list = []
    for item in items:
        if run and (len(run) == size or not _citable(article, run[0][-1], item[-1])):
            runs.append(run)
            run = []
        run.append(item)
    runs.append(run)
    return [run for run in runs if len(run) >= 3]


def _runs_of(items: list, size: int) -> list[list]:
    """Consecutive runs of ``size`` items, the last one shorter; none under three."""
    runs = [items[start : start + size] for start in range(0, len(items), size)]
    return [run for run in runs if len(run) >= 3]


MAX_CITED_CHARS = 2000


def cited_passage(article: Article, sentence_indexes: list[int]) -> Source | None:
    """The passage from the first to the last sentence a matching or ordering question rests on:
    it is cited as the question's source, so the feedback (and a teacher checking the question)
    shows every fact it asks about, not only the first (round 16: the built-in ordering cited
    Apollo 11's sentence alone, which dates neither of the other two items). Items too far apart
    to be read as one citation (about 300 words) give no question."""
    first, last = min(sentence_indexes), max(sentence_indexes)
    if not _citable(article, first, last):
        return None
    start, end = article.sentences[first].start, article.sentences[last].end
    return Source(article.text[start:end], start, end)


def _citable(article: Article, first: int, last: int) -> bool:
    """Sentences ``first`` to ``last`` are short enough to be cited as one passage."""
    return article.sentences[last].end - article.sentences[first].start <= MAX_CITED_CHARS


def ordering_questions(builder: Builder) -> list[Draft]:
    """ordering: three to five named things by their (distinct) years."""
    article = builder.article
    seen_years: set[float] = set()
    items: list[tuple[float, str, int]] = []
    lefts: set[str] = set()
    for named, time in year_pairs(article):
        if time.value is None or time.value in seen_years or name_key(named.text) in lefts:
            continue
        seen_years.add(time.value)
        lefts.add(name_key(named.text))
        items.append((time.value, named.text, named.sentence))
    drafts: list[Draft] = []
    for chunk in _chunks(article, items, 5):
        chunk_start = chunk[0][2]
        cited = cited_passage(article, [sentence for _, _, sentence in chunk])
        if cited is None:
            continue
        ordered = sorted(chunk)
        stmt = _whole(article.sentences[chunk[0][2]])
        labels = [label for _, label, _ in ordered]
        question = builder.make(
            kind="ordering",
            rule="order.year",
            key_text="|".join(labels),
            stmt=stmt,
            stem="In which order does the article date these, earliest first?",
            options=tuple(labels),
            answer=labels,
            accepted=(),
            answer_type="year",
            difficulty=KIND_DIFFICULTY["ordering"] + 0.05 * len(chunk),
            origins={},
        )
        drafts.append(Draft(replace(question, source=cited), 0.85, f"order:{chunk_start}", -1))
    return drafts
