"""Wrong options that look right: same type, same form, and not true according to the article.

Years come from near the key ("numeric:near-year"), numbers from near its value with the same
unit ("numeric:near-number"), names from the article's other names of the same kind ("article")
and then from the curated domain lists ("domain:agencies", ...). A name is never offered when it
is the key under another name, sits in the key's sentence (e.g. co-listed "NASA, ESA and ..."), or
is mentioned elsewhere together with what the question is about (so it may be true as well).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

from .article import Article
from .candidates import NAMED, Candidate
from .lexicon import SPELLED_NUMBERS, article_for, domain_entries, name_key, nationalities
from .nametype import (
    BELIEF,
    CELESTIAL,
    CITY,
    COUNTRY,
    DOCUMENT,
    EVENT,
    GROUP,
    GROUP_ADJECTIVES,
    HEAD_WORDS,
    LANGUAGES,
    MISSION,
    NATIONALITY,
    PERSON,
    PLACE,
    REGION,
    STATE,
    context_role,
    context_type,
    fine_type,
    same_subkind,
    surnames_of,
    takes_the,
)
from .phrases import generic_fault, noun_phrase_fault, phrase_head, plain_phrase
from .places import MIN_POPULATION, Place, gazetteer, neighbours
from .quality import (
    _YEAR_IN,
    TITLES,
    clause_fragment,
    given_names,
    looks_like_person,
    lower_words,
    number_of,
    person_shaped,
    two_names,
)

#: A topic named in more sentences than this is too common to rule distractors out by.
_TOPIC_LIMIT = 40
#: How far down a pool to look for a good distractor before giving up (keeps runs linear).
_SCAN_LIMIT = 80
_LATEST_YEAR = 2035
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def seed_of(*parts: object) -> int:
    """A stable integer from the parts (never Python's salted ``hash``)."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def excluded_canonicals(article: Article, key: Candidate) -> set[str]:
    """Things that must not be offered as wrong answers for ``key``'s sentence."""
    same_sentence = article.candidates[key.sentence]
    excluded = {c.canonical for c in same_sentence}
    topics = [
        c.canonical
        for c in same_sentence
        if c.category in NAMED
        and c.canonical != key.canonical
        and (key.list_id is None or c.list_id != key.list_id)
    ]
    for topic in topics:
        mentioned = article.mentions.get(topic, ())
        if len(mentioned) > _TOPIC_LIMIT:
            continue
        for index in mentioned:
            excluded.update(
                c.canonical for c in article.candidates[index] if c.category == key.category
            )
    examples = _examples_by_class(article)
    for kind_of_thing in examples.get(key.canonical, ()):
        excluded.update(examples[kind_of_thing])
    return excluded


#: "missions such as X", "projects like NASA's X", "agencies including X": X is an example of
#: a class the article names.
_EXAMPLE_OF = re.compile(
    r"\b([a-z]{4,}) (?:such as|like|including) (?:the )?(?:[A-Z][\w-]* ?){0,3}(?:'s )?$"
)
_EXAMPLE_LOOKBEHIND = 60


def _examples_by_class(article: Article) -> dict[str, set[str]]:
    """Names the article gives as examples of a class ("collaborative missions such as ..."),
    by class, and each name's classes: two examples of one class are both right in a blank
    that the article opens with that class, so neither may be the other's wrong answer."""
    cached = article.__dict__.get("_examples_by_class")
    if cached is not None:
        return cached
    by_class: dict[str, set[str]] = {}
    for cands in article.candidates:
        for cand in cands:
            if cand.category not in NAMED:
                continue
            lead = article.norm[max(0, cand.start - _EXAMPLE_LOOKBEHIND) : cand.start]
            first = _list_start(cands, cand)
            if first is not cand:
                lead = article.norm[max(0, first.start - _EXAMPLE_LOOKBEHIND) : first.start]
            match = _EXAMPLE_OF.search(lead)
            if match:
                by_class.setdefault(f"class:{match.group(1)}", set()).add(cand.canonical)
    cached = dict(by_class)
    for kind_of_thing, members in by_class.items():
        for member in members:
            cached.setdefault(member, set()).add(kind_of_thing)
    article.__dict__["_examples_by_class"] = cached
    return cached


def _list_start(cands: list[Candidate], cand: Candidate) -> Candidate:
    """The first item of ``cand``'s list ("X, Y and Z"), or ``cand`` itself."""
    if cand.list_id is None:
        return cand
    return next(c for c in cands if c.list_id == cand.list_id)


def _rotated(items: list, seed: int) -> Iterator:
    if not items:
        return
    start = seed % len(items)
    for i in range(min(len(items), _SCAN_LIMIT)):
        yield items[(start + i) % len(items)]


def _pool_list(article: Article, category: str) -> list[Candidate]:
    cache = article.__dict__.setdefault("_pool_lists", {})
    if category not in cache:
        cache[category] = list(article.pools.get(category, {}).values())
    return cache[category]


_WORD_OF_THREE = re.compile(r"[^\W\d_]{3,}")


#: Categories whose candidates are names (a fine type is worked out for each).
_NAME_CATEGORIES = (*sorted(NAMED), "name", "demonym")
#: Fine types the curated lists may fill in for, whatever the article is about; other lists
#: (space agencies, astronauts) only serve a key that is itself on them.
_GENERAL_DOMAIN_TYPES = frozenset({COUNTRY, REGION, NATIONALITY})


def _surnames(article: Article) -> frozenset[str]:
    """Last words of the people the article names in full (worked out once per article)."""
    cached = article.__dict__.get("_surnames")
    if cached is None:
        ordinary = lower_words(article)
        people = [
            cand.text
            for category in _NAME_CATEGORIES
            for cand in article.pools.get(category, {}).values()
            if looks_like_person(cand.text, ordinary)
        ]
        cached = surnames_of(people)
        article.__dict__["_surnames"] = cached
    return cached


def name_type(article: Article, text: str, category: str) -> str:
    """The fine type (``nametype``) of a name of the article, remembered per article: from
    its own words first, else from what the article writes around its mentions. A lone word
    the article also writes in lower case ("Parade", "Father", "Close") has none."""
    bare = _LEADING_ARTICLE.sub("", text)
    if " " not in bare and bare.lower() in lower_words(article):
        return ""
    words = bare.split()
    if len(words) == 2 and words[0] in nationalities() and words[1] in lower_words(article):
        return ""  # "Soviet spacecraft", "American astronauts": a description, no name
    found = _own_type(article, text, category)
    if category in _CONTEXT_CATEGORIES and (
        not found or (category == "person" and not looks_like_person(text, lower_words(article)))
    ):
        # a class noun before a mention ("the 1971 film Get Carter") outweighs "X was" alone
        found = _context_types(article).get(name_key(text), "") or found
    if found in {MISSION, CELESTIAL} and not _about_space(article):
        return ""  # "the Spirit" of a sermon is no Mars rover
    return found


def _about_space(article: Article) -> bool:
    """The article names three or more things of the curated spaceflight lists."""
    cached = article.__dict__.get("_about_space")
    if cached is None:
        domain = article.aliases.domain
        cached = (
            len(
                {
                    c.canonical
                    for category in ("mission", "celestial", "organisation", "company")
                    for c in article.pools.get(category, {}).values()
                    if c.canonical in domain
                }
            )
            >= 3
        )
        article.__dict__["_about_space"] = cached
    return cached


#: Categories whose type may come from the context (the others' category says what they are).
_CONTEXT_CATEGORIES = frozenset({"name", "place", "person"})


def _own_type(article: Article, text: str, category: str) -> str:
    """The fine type a name's own words give it (and GeoNames), remembered per article."""
    cache = article.__dict__.setdefault("_fine_types", {})
    memo = (text, category)
    found = cache.get(memo)
    if found is None:
        ordinary = lower_words(article)
        bare = _LEADING_ARTICLE.sub("", text)
        person = looks_like_person(text, ordinary) or (
            " " not in bare
            and bare in _surnames(article)
            and person_shaped(bare, ordinary)
            and bare.lower() not in given_names()
            and category in {"person", "name"}
        )
        found = fine_type(text, category, person, ordinary)
        if found in {"", PLACE} and category in {"name", "place"}:
            gazetteer_type = _gazetteer_type(article, bare)
            if gazetteer_type in {CITY, STATE} and text != bare:
                gazetteer_type = ""  # "the Seminole": a people, not Seminole in Oklahoma
            found = gazetteer_type or found
        if not found and category in {"name", "demonym"} and _people_plural(article, bare):
            found = GROUP
        cache[memo] = found
    return found


def _people_plural(article: Article, bare: str) -> bool:
    """A group of people named in the plural ("Protestants", "Orthodox Christians", "the
    Walloons"): capitalised words whose last drops its "s" into a word the article writes
    capitalised and never in lower case ("Protestant", "Walloon"; not "School" of "Private
    Schools", nor "Roots" or "Cheers")."""
    words = bare.split()
    last = words[-1] if words else ""
    if not (1 <= len(words) <= 2 and len(last) > 3 and last.endswith("s")):
        return False
    if not all(w[:1].isupper() for w in words) or last.endswith(("ss", "us", "is")):
        return False
    capitalised = article.__dict__.get("_capitalised")
    if capitalised is None:
        capitalised = frozenset(re.findall(r"\b[A-Z][a-z]+\b", article.norm))
        article.__dict__["_capitalised"] = capitalised
    singular = last[:-1]
    if (
        len(words) == 2
        and words[0].lower() not in GROUP_ADJECTIVES
        and words[0] not in nationalities()
    ):
        return False  # "Hurricane Frances", "Examination Boards": not a people
    return (
        singular in capitalised
        and singular.lower() not in lower_words(article)
        and singular.lower() not in HEAD_WORDS
        and singular.lower() not in given_names()
        and singular not in gazetteer()
    )


_GAZETTEER_TYPES = {"city": CITY, "country": COUNTRY, "state": STATE}


def _gazetteer_type(article: Article, bare: str) -> str:
    """City, country or US state when GeoNames knows the name, nothing says it is an ordinary
    word ("Reading", "Nice" written in lower case elsewhere), and, for a city or a state, the
    article names another place of its country: "Milan" among Turing machines, or "Conway"
    and "Levin" of theorems, are not taken for towns."""
    place = _gazetteer_place(article, bare)
    if place is None:
        return ""
    if place.kind != "country" and _gazetteer_regions(article)[place.region] < 2:
        return ""
    if place.kind != "country" and bare in _institution_firsts(article):
        return ""
    return _GAZETTEER_TYPES[place.kind]


_INSTITUTION = re.compile(
    r"\b([A-Z][\w'-]+) (?:College|University|Institute|School|Hospital|Academy|Seminary)\b"
)


def _institution_firsts(article: Article) -> frozenset[str]:
    """One-word names the article writes before "College", "Institute", ... in a third or more
    of their mentions: "Radcliffe" of "Radcliffe College" is the college, not the Lancashire
    town, so towns are no wrong options for it (round 34); "Warsaw" of one "Warsaw University"
    stays the city. Found once per article."""
    cached = article.__dict__.get("_institution_firsts")
    if cached is None:
        firsts = Counter(_INSTITUTION.findall(article.norm))
        words = Counter(re.findall(r"\b[A-Z][\w'-]+", article.norm))
        cached = frozenset(name for name, n in firsts.items() if 3 * n >= words[name])
        article.__dict__["_institution_firsts"] = cached
    return cached


def _gazetteer_place(article: Article, bare: str) -> Place | None:
    words = bare.split()
    ordinary = lower_words(article)
    if not words or any(not w[:1].isupper() or w.lower() in ordinary for w in words):
        return None
    return gazetteer().get(bare)


def _gazetteer_regions(article: Article) -> Counter[str]:
    """How many of the article's names GeoNames places in each country (once per article)."""
    cached = article.__dict__.get("_gazetteer_regions")
    if cached is None:
        cached = Counter()
        for category in ("name", "place", "country"):
            for cand in article.pools.get(category, {}).values():
                place = _gazetteer_place(article, _bare(cand.text))
                if place is not None and place.kind != "country":
                    cached[place.region] += 1
        article.__dict__["_gazetteer_regions"] = cached
    return cached


def _region_named(article: Article, place: Place) -> bool:
    """The article names another place of the key's country (or continent): the key is that
    place, not a namesake elsewhere ("Victoria" the state, not the city in Hong Kong)."""
    regions = article.__dict__.get("_regions")
    if regions is None:
        regions = Counter(
            _region(c.text) for kind in (CITY, COUNTRY, STATE) for c in _typed_pool(article, kind)
        )
        article.__dict__["_regions"] = regions
    return regions[place.region] >= 3


def _named(article: Article) -> frozenset[str]:
    """Name keys of everything the article names (worked out once per article)."""
    cached = article.__dict__.get("_named")
    if cached is None:
        cached = frozenset(
            name_key(c.text) for pool in article.pools.values() for c in pool.values()
        )
        article.__dict__["_named"] = cached
    return cached


def _region(text: str) -> str:
    place = gazetteer().get(_bare(text))
    return place.region if place else ""


def _context_types(article: Article) -> dict[str, str]:
    """Name keys -> the fine type a class noun or role before one of its mentions gives it
    ("two new neighbourhoods: X and Y", "graphic designer X"); names given two kinds by
    their mentions get none. Worked out once per article, one pass over its candidates."""
    cached = article.__dict__.get("_context_types")
    if cached is None:
        found: dict[str, str] = {}
        for cands in article.candidates:
            for cand in cands:
                if cand.category not in {"name", "place", "person"}:
                    continue
                first = _list_start(cands, cand)
                sentence = article.sentences[cand.sentence]
                lead = article.norm[max(sentence.start, first.start - 60) : first.start]
                kind = context_type(lead)
                if not kind:
                    continue
                key = name_key(cand.text)
                found[key] = kind if found.get(key, kind) == kind else "?"
        by_list = _list_types(article, found)
        for key, kind in by_list.items():
            found[key] = kind if found.get(key, kind) == kind else "?"
        cached = {k: v for k, v in found.items() if v != "?"}
        article.__dict__["_context_types"] = cached
    return cached


#: A role right after a name, in brackets ("James Bryant Conant (president, 1933–1953)") or
#: in an apposition ("Leonard Goldenson, the president of ABC").
_ROLE_AFTER = re.compile(r"\s*(?:\(|,\s+(?:an?|the)\s+)([a-z]+)\b")


#: Roles an apposition gives ("Christian Whiton, an official in the administration"), which
#: before a name are adjectives as often ("official", fit-split reading 40).
_ROLES_AFTER = frozenset(
    """official officer adviser advisor aide activist entrepreneur spokesman spokeswoman
    economist diplomat""".split()
)


def person_roles(article: Article) -> dict[str, str]:
    """Name keys of people -> the role the article gives them ("actors A, B and C", "Conant
    (president, 1933–1953)"); people given two roles get none. Round 34: three actors were
    offered as the president who reinvigorated a university. Built once per article."""
    cached = article.__dict__.get("_person_roles")
    if cached is None:
        found: dict[str, str] = {}
        for cands in article.candidates:
            for cand in cands:
                if cand.category not in {"name", "person"}:
                    continue
                first = _list_start(cands, cand)
                sentence = article.sentences[cand.sentence]
                role = context_role(
                    article.norm[max(sentence.start, first.start - 60) : first.start]
                )
                # the span blanked may hold the brackets already ("Conant (president, ...)")
                after = _ROLE_AFTER.match(article.norm, cand.start + len(cand.text))
                if not role and after:
                    word = after.group(1)
                    role = context_role(word) or (word if word in _ROLES_AFTER else "")
                if role:
                    key = name_key(cand.text)
                    found[key] = role if found.get(key, role) == role else "?"
        cached = {k: v for k, v in found.items() if v != "?"}
        article.__dict__["_person_roles"] = cached
    return cached


#: Two dated things further apart than this share of the older one's age belong to different
#: eras: a wrong option from another era is ruled out by the stem's own date. Eras narrow as
#: they near today: 1192 and 1066 are one (the Normans), 1925 and 1977 are not.
ERA_SHARE = 0.4
#: ... but never narrower than this many years.
MIN_ERA_GAP = 25
#: The kinds of names that belong to a time: people, events and documents (places do not).
_DATED_TYPES = frozenset({PERSON, EVENT, DOCUMENT})


def _years_of(article: Article, sentence: int) -> tuple[int, ...]:
    """The years a sentence dates itself by: its years and dates, and its decades and
    centuries taken at their middle ("the 1920s" as 1925, "the 16th century" as 1550)."""
    found = []
    for cand in article.candidates[sentence]:
        if cand.value is None:
            continue
        if cand.category in {"year", "date"}:
            found.append(int(cand.value))
        elif cand.category == "decade":
            found.append(int(cand.value) + 5)
        elif cand.category == "century":
            found.append(int(cand.value) * 100 - 50)
    return tuple(found)


def name_eras(article: Article) -> dict[str, tuple[int, ...]]:
    """Name keys -> every year of the sentences naming that name. Built once per article."""
    cached = article.__dict__.get("_name_eras")
    if cached is None:
        found: dict[str, set[int]] = {}
        for cands in article.candidates:
            for cand in cands:
                if cand.category == "name" or cand.category in NAMED:
                    years = _years_of(article, cand.sentence)
                    if years:
                        found.setdefault(name_key(cand.text), set()).update(years)
        cached = article.__dict__["_name_eras"] = {k: tuple(v) for k, v in found.items()}
    return cached


def _key_years(article: Article, sentence: int) -> tuple[int, ...]:
    """The years of the key's sentence, or else of the sentence before it in its paragraph
    ("The first Warsaw President was _____." after "In 1695, ..."; round 43)."""
    years = _years_of(article, sentence)
    if years or sentence == 0:
        return years
    before = article.sentences[sentence - 1]
    same = before.paragraph == article.sentences[sentence].paragraph
    return _years_of(article, sentence - 1) if same else ()


def _other_era(article: Article, key_years: tuple[int, ...], option: str) -> bool:
    """The article dates the option never or only in another era (``ERA_SHARE``) than the
    key's sentence (``key_years``, from ``_key_years``): Norman battles of the 11th century
    offered for a 16th-century war, a 19th-century scientist as a 1695 mayor, Chaucer as an
    11th-century patron (rounds 43 and 45). The stem's date rules such an option out."""
    option_years = name_eras(article).get(name_key(option), ())
    return not option_years or all(
        abs(k - o) > max(MIN_ERA_GAP, ERA_SHARE * (_LATEST_YEAR - min(k, o)))
        for k in key_years
        for o in option_years
    )


def _opens_with_the(text: str) -> bool:
    """ "the Chinese" (a people) rather than "Chinese" (a language or an adjective)."""
    return text.lower().startswith("the ")


def _other_role(article: Article, key: str, option: str) -> bool:
    """The article gives the key a role and the option none or another: an actor, or a
    guitarist the article lists without a role, offered for a president (round 34)."""
    roles = person_roles(article)
    mine = roles.get(name_key(key))
    return bool(mine) and roles.get(name_key(option)) != mine


def _list_types(article: Article, context: dict[str, str]) -> dict[str, str]:
    """Untyped names -> the one type the other items of a list they are in have ("Roots,
    Happy Days and the Love Boat" where "Happy Days" is a series elsewhere)."""
    found: dict[str, str] = {}
    for cands in article.candidates:
        lists: dict[int, list[Candidate]] = {}
        for cand in cands:
            if cand.list_id is not None:
                lists.setdefault(cand.list_id, []).append(cand)
        for items in lists.values():
            typed = {
                c.canonical: _own_type(article, c.text, c.category)
                or context.get(name_key(c.text), "")
                for c in items
            }
            kinds = set(typed.values()) - {"", "?"}
            if len(kinds) != 1:
                continue
            kind = kinds.pop()
            if kind in {NATIONALITY, GROUP, BELIEF}:
                continue  # "Wacca Pilatka ... the British": an adjective or a people is no peer
            ordinary = lower_words(article)
            for c in items:
                words = _bare(c.text).split()
                if (
                    typed[c.canonical]
                    or c.category not in _CONTEXT_CATEGORIES
                    or len(words) < 2
                    or all(w.lower() in ordinary for w in words)
                ):
                    continue  # "Parade", "Urban Development": pieces of a name cut at "and"
                key = name_key(c.text)
                found[key] = kind if found.get(key, kind) == kind else "?"
    return found


def _typed_pool(article: Article, fine: str) -> list[Candidate]:
    """The article's names of one fine type, in text order (built once per article)."""
    cache = article.__dict__.get("_typed_pools")
    if cache is None:
        cache = {}
        for category in _NAME_CATEGORIES:
            for cand in article.pools.get(category, {}).values():
                kind = name_type(article, cand.text, cand.category)
                if kind:
                    cache.setdefault(kind, []).append(cand)
        for members in cache.values():
            members.sort(key=lambda c: c.start)
        article.__dict__["_typed_pools"] = cache
    return cache.get(fine, [])


def _split_pool(
    article: Article, fine: str, plural: bool, tag: str
) -> tuple[list[Candidate], list[Candidate]]:
    """The typed pool's names of one plurality, with the key's tag and without (memoised, so
    a long article does not filter its whole pool once per key)."""
    cache = article.__dict__.setdefault("_split_pools", {})
    memo = (fine, plural, tag)
    if memo not in cache:
        pool = [c for c in _typed_pool(article, fine) if c.plural == plural]
        cache[memo] = ([c for c in pool if c.tag == tag], [c for c in pool if c.tag != tag])
    return cache[memo]


@cache
def _domain_typed(fine: str) -> tuple[tuple[str, str, str], ...]:
    """(display name, canonical key, origin) of the curated entries of one fine type."""
    return tuple(
        (e.name, name_key(e.name), e.origin)
        for e in domain_entries()
        if fine_type(e.name, e.category, e.category == "person", frozenset()) == fine
    )


def _in_domain(article: Article, fine: str) -> bool:
    """The article names something of this fine type that a curated list holds (NASA for
    organisations): the article is about that list's field, so the list may fill in."""
    cache = article.__dict__.setdefault("_in_domain", {})
    if fine not in cache:
        domain = article.aliases.domain
        cache[fine] = any(c.canonical in domain for c in _typed_pool(article, fine))
    return cache[fine]


def _list_type(article: Article, key: Candidate) -> str:
    """The one fine type the other items of the key's list ("Maududi and Sayyid Qutb") have,
    when the key's own words do not tell ("" when they have none or several)."""
    if key.list_id is None:
        return ""
    kinds = {
        name_type(article, c.text, c.category)
        for c in article.candidates[key.sentence]
        if c.list_id == key.list_id and c is not key
    } - {""}
    return kinds.pop() if len(kinds) == 1 else ""


def key_kind(article: Article, key: Candidate) -> str:
    """The fine type options for ``key`` must have: its own, or its list's."""
    return name_type(article, key.text, key.category) or _list_type(article, key)


def option_kind(article: Article, text: str) -> str:
    """The fine type of an option as the generator typed it: an article's name with the
    category it was found with, a GeoNames place, or a curated list's entry."""
    wanted = name_key(text)
    for category in _NAME_CATEGORIES:
        cand = article.pools.get(category, {}).get(article.aliases.find(wanted))
        if cand is not None and name_key(cand.text) == wanted:
            return name_type(article, cand.text, cand.category)
    for category in _NAME_CATEGORIES:
        for cand in _by_key(article).get(wanted, ()):
            if cand.category == category:
                return name_type(article, cand.text, cand.category)
    kind = name_type(article, text, "place")
    if kind:
        return kind
    return _domain_types_by_key().get(wanted, "")


def _by_key(article: Article) -> dict[str, list[Candidate]]:
    cached = article.__dict__.get("_names_by_key")
    if cached is None:
        cached = {}
        for category in _NAME_CATEGORIES:
            for cand in article.pools.get(category, {}).values():
                cached.setdefault(name_key(cand.text), []).append(cand)
        article.__dict__["_names_by_key"] = cached
    return cached


@cache
def _domain_types_by_key() -> dict[str, str]:
    found: dict[str, str] = {}
    for entry in domain_entries():
        found.setdefault(
            name_key(entry.name),
            fine_type(entry.name, entry.category, entry.category == "person", frozenset()),
        )
    return found


def _titled(text: str) -> bool:
    """A person named with a title or a regnal number ("King Hugo", "Duke of Brunswick",
    "Henry II"): a monarch among commoners stands apart."""
    words = _bare(text).split()
    return bool(words) and (
        words[0].lower().rstrip(".") in TITLES
        or (len(words) >= 2 and _ROMAN_NUMERAL.fullmatch(words[-1]) is not None)
    )


_ROMAN_NUMERAL = re.compile(r"[IVX]{1,5}")
#: Titles of one standing: a lord's wrong answers are lords and knights, a king's monarchs.
_TITLE_GROUPS = {
    **dict.fromkeys("king queen emperor empress tsar czar sultan caliph pope".split(), "ruler"),
    **dict.fromkeys("lord lady sir duke duchess earl baron count prince princess".split(), "peer"),
    **dict.fromkeys("president senator governor chancellor".split(), "office"),
    **dict.fromkeys("general colonel admiral captain".split(), "officer"),
    **dict.fromkeys("bishop archbishop cardinal".split(), "cleric"),
    # fit-split reading 49: "St Cuthbert" offered as an honorary freeman beside King Harald V
    **dict.fromkeys("saint st".split(), "saint"),
}


def _title_group(text: str) -> str:
    """The standing of a person's opening title ("peer" for "Lord Cromer"; "ruler" for a
    regnal number, "Henry II"), "" for none."""
    words = _bare(text).split()
    if not words:
        return ""
    group = _TITLE_GROUPS.get(words[0].lower().rstrip("."), "")
    if not group and len(words) >= 2 and _ROMAN_NUMERAL.fullmatch(words[-1]):
        return "ruler"
    return group


def _title_only(text: str) -> bool:
    """A title with no name of its own ("Duke of Apulia", "the King of France")."""
    words = _bare(text).split()
    return len(words) >= 3 and words[0].lower() in TITLES and words[1] == "of"


def _said_like_key(key: str, option: str, ordinary: frozenset[str]) -> str:
    """The option with "the" where its name takes one and the key's slot has none: the key
    "the Kingdom of Prussia" or "Duke William II of Normandy" fills a bare slot, so "Republic of
    Poland" is offered as "the Republic of Poland" (``nametype.takes_the``). A key that takes
    "the" but was written without it stands after a "the" of the stem: nothing is added."""
    if option.split(" ", 1)[0].lower() == "the" or not takes_the(option, ordinary):
        return option
    key_opening = key.split(" ", 1)[0].lower()
    return f"the {option}" if key_opening == "the" or not takes_the(key, ordinary) else option


#: Fine types of places: a one-word given name offered among them is read as a person.
_PLACE_TYPES = frozenset({CITY, PLACE, STATE, REGION, COUNTRY})


def name_distractors(
    article: Article, key: Candidate, count: int, seed: int
) -> list[tuple[str, str]]:
    """Names of the key's fine type (``nametype``): the article's first, then, for countries,
    regions and nationalities (or a type of which the article names a listed thing), the
    curated lists'. None when the
    key's type cannot be told: a name offered against names of another kind is the commonest
    fault judges found in multiple choice (issue 10), so such a key is asked another way."""
    key_type = key_kind(article, key)
    if not key_type or not _own_type(article, key.text, key.category):
        return []
    excluded = excluded_canonicals(article, key)
    chosen: list[tuple[str, str]] = []
    seen = set(excluded) | {key.canonical}
    wordy = bool(_WORD_OF_THREE.search(key.text))
    ordinary = lower_words(article)
    person = key_type == PERSON
    key_words = len(_bare(key.text).split())
    key_titled = _titled(key.text)
    key_years = _key_years(article, key.sentence) if key_type in _DATED_TYPES else ()

    def same_kind(text: str, category: str) -> bool:
        """The key's fine type and, for people, the key's form (a surname for a surname, a
        full name for a full name); never the key or a chosen option under another name."""
        if name_type(article, text, category) != key_type:
            return False
        if not same_subkind(key.text, text, key_type):
            return False  # round 5: a launcher for a probe, a galaxy for a planet
        if person and (key_words == 1) != (len(_bare(text).split()) == 1):
            return False
        if person and key_titled != _titled(text):
            return False  # "Queen Elizabeth II" among executives: the stem rules her out
        if person and _title_group(key.text) != _title_group(text):
            return False  # "Queen Elizabeth" and "President Wilson" among lords (reading 50)
        if person and _title_only(key.text) != _title_only(text):
            return False  # "the Duke of Apulia" among named dukes stands apart (round 13)
        if person and not person_shaped(text, ordinary):
            return False
        if person and _other_role(article, key.text, text):
            return False
        if key_years and _other_era(article, key_years, text):
            return False
        if key_type == NATIONALITY and _opens_with_the(key.text) != _opens_with_the(text):
            return False  # "the Chinese" (a people) offered for "English" (a language), round 35
        if key_type == NATIONALITY and key.text in LANGUAGES and text not in LANGUAGES:
            return False  # "Australian" offered for "English" as a medium of education
        if key_type in _PLACE_TYPES and text.lower() in given_names():
            return False  # "Elizabeth" (who granted a charter) among places (reading 58)
        if clause_fragment(text):
            return False
        return not two_names([key.text, text, *(t for t, _ in chosen)])

    def take(text: str, canonical: str, category: str, origin: str) -> bool:
        if wordy and not _WORD_OF_THREE.search(text):
            return False  # "Jr", "pH" or "25" against "the Black Death": a fragment, no name
        if not same_kind(text, category):
            return False
        if origin == "article" and _own_type(article, text, category) != key_type:
            return False  # typed only by what surrounds it: "Cyprus" as a person (round 26)
        resolved = article.aliases.find(canonical)
        if resolved in seen or canonical in seen:
            return False
        if name_key(text) in {name_key(a) for a in key.aliases} | {name_key(key.text)}:
            return False
        seen.add(resolved)
        seen.add(canonical)
        chosen.append((_said_like_key(key.text, text, ordinary), origin))
        return len(chosen) >= count

    same_tag, other_tag = _split_pool(article, key_type, key.plural, key.tag)
    ordered = [*_rotated(same_tag, seed), *_rotated(other_tag, seed)]
    place = gazetteer().get(_bare(key.text)) if key_type in _GAZETTEER_TYPES.values() else None
    if place is not None:
        # nearest first: the article's places of the key's own country (or continent) first,
        # then GeoNames' nearest in size there, then the article's others
        near_pool = [c for c in ordered if _region(c.text) == place.region]
        far_pool = [c for c in ordered if _region(c.text) != place.region]
        for cand in near_pool:
            if _outsized(place, cand.text):
                continue
            if take(cand.text, cand.canonical, cand.category, "article"):
                return chosen
        for near in neighbours(place, seed) if _region_named(article, place) else ():
            if name_key(near.name) in _named(article):
                continue  # named somewhere in the article: it may be right as well
            if take(near.name, name_key(near.name), "place", "knowledge:geonames"):
                return chosen
        ordered = far_pool
    for cand in ordered:
        if take(cand.text, cand.canonical, cand.category, "article"):
            return chosen
    if key_type == NATIONALITY:
        for name in _rotated(nationalities(), seed):
            if name_key(name) not in _named(article) and take(
                name, name_key(name), "demonym", "knowledge:nationalities"
            ):
                return chosen
    if key_type in _GENERAL_DOMAIN_TYPES or _in_domain(article, key_type):
        for name, canonical, origin in _rotated(_domain_typed(key_type), seed):
            if take(name, canonical, "", origin):
                return chosen
    return chosen


#: A city this many times the key city's size is no wrong answer beside it.
OUTSIZED = 10


def _outsized(place: Place, text: str) -> bool:
    """A city of the key's country far larger than the key: Sydney among "the regional cities
    of Geelong, Ballarat and Bendigo", Edinburgh among Newcastle's suburbs (fit-split reading
    39). A reader rules it out by size alone."""
    other = gazetteer().get(_bare(text))
    return (
        place.kind == "city"
        and other is not None
        and other.kind == "city"
        and other.population > OUTSIZED * max(place.population, MIN_POPULATION)
    )


def _near_offsets(seed: int, spread: list[int]) -> list[int]:
    ordered = sorted(spread, key=lambda offset: seed_of(seed, offset))
    return ordered


def year_distractors(
    article: Article, key: Candidate, count: int, seed: int
) -> list[tuple[str, str]]:
    """Years (or decades, centuries, dates) near the key's, in the key's own format."""
    if key.value is None:
        return []
    stated = {c.value for c in article.candidates[key.sentence] if c.value is not None}
    value = int(key.value)
    if key.category == "decade":
        spread, unit = [-30, -20, -10, 10, 20, 30], 1
    elif key.category == "century":
        spread, unit = [-3, -2, -1, 1, 2, 3], 1
    elif key.category == "date":
        # "February 1872" for a Civil War battle of February 1864 (fit-split reading 50): a
        # dated event's wrong dates stay within a few years of it
        spread, unit = [-3, -2, -1, 1, 2, 3], 1
    elif round_unit := _round_year_unit(article, key):
        spread, unit = [-3, -2, -1, 1, 2, 3], round_unit
    else:
        spread, unit = [-12, -9, -7, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 8, 11], 1
    bounds = _year_bounds(article, key) if key.category in {"year", "date"} else ()
    side = _open_side(article, key)
    found: list[tuple[str, str]] = []
    for offset in _near_offsets(seed, spread):
        if offset * side < 0:
            continue
        new = value + offset * unit
        if new in stated or new <= 0 or (key.category in {"year", "date"} and new > _LATEST_YEAR):
            continue
        if any((new > bound) != (value > bound) or new == bound for bound in bounds):
            continue
        text = _replace_number(key.text, str(value), str(new))
        if key.category == "century":
            text = _fix_ordinal(text, new)
        if text == key.text:
            continue
        found.append((text, "numeric:near-year"))
        if len(found) == count:
            break
    return found


_ABOUT = re.compile(r"\b(?:around|about|circa|c\.|ca\.|approximately|roughly)\s+$", re.IGNORECASE)


def _round_year_unit(article: Article, key: Candidate) -> int:
    """The step for wrong years of a round key year, 0 for a year that is not round.
    "beginning around 1700" (a round year given as rough) or "By 1700" (a century's first
    year): wrong years a few years off (1697, 1705, 1708) left the key the only round one
    (fit-split readings 47 and 50), so they go by decades, or by half-centuries for a rough
    century year."""
    if key.category != "year" or key.value is None or int(key.value) % 10:
        return 0
    rough = _ABOUT.search(article.norm[max(0, key.start - 16) : key.start]) is not None
    century = int(key.value) % 100 == 0
    if not (rough or century):
        return 0
    return 50 if rough and century else 10


#: A year that bounds a claim on one side only: what held "by 1977" also held by 1978, and
#: what happened "after 1980" also happened after 1975 (round 31: "By _____, GM's cars
#: reflected the crisis" offered 1978 and 1983). Wrong years go on the side that is false.
#: "until" is left to both sides: "not until 1823 that it was first called" is false for
#: any other year.
_EARLIER_ONLY = re.compile(r"\b(?:by|before|since)\s+(?:the\s+)?$", re.IGNORECASE)
_LATER_ONLY = re.compile(r"\bafter\s+(?:the\s+)?$", re.IGNORECASE)


def _open_side(article: Article, key: Candidate) -> int:
    """-1 when only earlier years are false, 1 when only later ones are, 0 for either."""
    before = article.norm[max(0, key.start - 12) : key.start]
    if _EARLIER_ONLY.search(before):
        return -1
    return 1 if _LATER_ONLY.search(before) else 0


def _year_bounds(article: Article, key: Candidate) -> tuple[int, ...]:
    """Years a wrong year must not cross: the other years of the key's sentence and the
    article's title. Under "1973 oil crisis", "the embargo was lifted in _____" is never
    "March 1971" (round 13): every option stays on the key's side of each of them."""
    title = article.layout.title or ""
    years = {int(y) for y in _YEAR_IN.findall(title)}
    years |= {
        int(c.value)
        for c in article.candidates[key.sentence]
        if c.category in {"year", "date"} and c.value is not None
    }
    years.discard(int(key.value or 0))
    return tuple(sorted(years))


def _replace_number(text: str, old: str, new: str) -> str:
    return re.sub(rf"(?<!\d){re.escape(old)}(?!\d)", new, text, count=1)


def _fix_ordinal(text: str, number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return re.sub(r"(\d+)(?:st|nd|rd|th)", lambda m: f"{m.group(1)}{suffix}", text, count=1)


def _format_like(template: str, value: float) -> str:
    """``value`` written as the key's figure is: with its thousands commas and its decimals
    ("1,427.9" among "2,499" and "1,071" stood apart, fit-split reading 48)."""
    decimals = len(template.split(".")[1]) if "." in template else 0
    if decimals == 0:
        return f"{value:,.0f}" if "," in template else str(round(value))
    return f"{value:,.{decimals}f}" if "," in template else f"{value:.{decimals}f}"


#: How far a wrong number is from the key, tried in a seeded order: never four times it or a
#: quarter of it ("100 years" of service for 25, a household of 10.2 people for 2.55 read as
#: absurd), and three times it (last) only when the others round to too few options: tripled,
#: it offered "some 90%" for a population share of 30 % and $112.8 billion beside $37.6 billion
#: (rounds 16 and 17). Half and double come after the nearer ones: judges marked "about 1010
#: million years" beside 505 ("the key doubled") and a median age of 71.0 beside 35.5 (rounds
#: 25 and 27), so they fill in only when the nearer ones round to too few.
_FACTORS = [0.5, 2.0, 1.5, 0.75, 1.25, 0.6, 1.75, 3.0]
_NEAR = [2, 3, 4, 5, 6]
_FALLBACK = [0, 1]
#: Degrees added to a temperature, one per factor above ("97.5 °C" was offered for a summer
#: record of 32.5 °C in a review of the fit split).
_DEGREE_STEPS = [-8, 8, 4, -4, 2, -6, 6, 12]
_DEGREES_AFTER = re.compile(r"\s?(?:°|degrees?\b)")


def _degree_unit(value: float) -> float:
    """The size of one degree step, growing with the temperature: a half below 10, one below
    100, five below 1,000, fifty from there ("1500 °C" was offered beside 1501 and 1508, round
    23; "115 °F", a record, beside 75 °F with steps of ten)."""
    size = abs(value)
    return 0.5 if size < 10 else 1.0 if size < 100 else 5.0 if size < 1000 else 50.0


_PER_HUNDRED = re.compile(r"\b(?:every|per|each)\s+100\b")


def _per_hundred(article: Article, key: Candidate, value: float) -> bool:
    """A ratio to a hundred near a hundred: "For every 100 females there were 91.3 males".
    Half of it, "45.6 males", is absurd (fit-split reading 48); wrong ratios go by steps."""
    sentence = article.sentences[key.sentence]
    return 50 <= value <= 200 and value != 100 and bool(_PER_HUNDRED.search(sentence.text))


_AGE_AFTER = re.compile(r"\s+(?:of age|old)\b")


def _age(article: Article, key: Candidate) -> bool:
    """A person's age ("living alone who was 65 years of age or older"): "98 years" and "114
    years" beside 65 are absurd (fit-split reading 55); wrong ages go by steps, like ratios."""
    return bool(re.fullmatch(r"\d{1,3} years", key.text)) and bool(
        _AGE_AFTER.match(article.norm, key.end)
    )


def _in_degrees(article: Article, key: Candidate) -> bool:
    """The key is in degrees (a temperature or an angle): its unit is a degree sign or
    "degrees"."""
    return (
        "°" in key.text or "degree" in key.text or bool(_DEGREES_AFTER.match(article.norm, key.end))
    )


#: Angles a reader knows: a wrong angle is one of these, not the key moved by a few degrees
#: (round 34: pistons "balanced at 180°" offered 190°, 210° and 160°).
_ANGLES = (30, 45, 60, 90, 120, 135, 180, 270, 360)
_TEMPERATURE_AFTER = re.compile(r"\s?(?:°|degrees?)\s?(?:C|F|K|Celsius|Fahrenheit)\b")


def _angle(article: Article, key: Candidate) -> bool:
    """The key is an angle: degrees with no temperature scale, a multiple of 15 up to 360."""
    value = number_of(key.text)
    return (
        value is not None
        and value == int(value)
        and 0 < value <= 360
        and value % 15 == 0
        and _in_degrees(article, key)
        and not _TEMPERATURE_AFTER.search(article.norm, key.start, key.end + 12)
    )


def _angle_distractors(
    key: Candidate, number: str, stated: set[str], count: int
) -> list[tuple[str, str]]:
    """The known angles nearest the key by ratio, none the sentence states elsewhere."""
    value = float(number)
    near = sorted(
        (a for a in _ANGLES if a != value and str(a) not in stated),
        key=lambda a: abs(math.log(a / value)),
    )
    return [(_replace_number(key.text, number, str(a)), "rule:angle") for a in near[:count]]


_NUMERAL = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def _impossible(text: str, is_percent: bool) -> bool:
    """A scaled option no reader would take: a share over 100 % ("60-120%" of a population) or
    a range whose ends met when rounded ("2-2%"); round 13."""
    values = [float(n.replace(",", "")) for n in _NUMERAL.findall(text)]
    if is_percent and any(v > 100 for v in values):
        return True
    return len(values) >= 2 and values[0] >= values[1] and bool(_RANGE_DASH.search(text))


_RANGE_DASH = re.compile(r"\d\s*[-–]\s*\d")


def _scaled_rest(rest: str, factor: float) -> str:
    """The end of a range ("10-20" -> "20-40") scaled like its start: the range keeps its shape."""
    return _NUMERAL.sub(
        lambda m: _format_like(m.group(), float(m.group().replace(",", "")) * factor), rest
    )


_UPPER = re.compile(r"\s*(?:to|-|–|and)\s*(?:about |around |nearly )?(\d[\d,]*(?:\.\d+)?)")
_OUT_OF = re.compile(r"\s*(?:out )?of (?:the |its |their )?(?:then |original |\w+ )?(\d[\d,]*)\b")
_LOWER = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:to|-|–)\s*$")


def _range_bounds(article: Article, key: Candidate) -> tuple[float, float]:
    """The bounds the stem sets on a number it gives a range for: "_____ to 35,000" keeps
    every option below 35,000, "between 8 and _____" above 8, "_____ of the 12 member states"
    at most 12 (issue 10, pattern 2)."""
    low, high = float("-inf"), float("inf")
    after = _UPPER.match(article.norm, key.end)
    if after:
        high = float(after.group(1).replace(",", ""))
    whole = _OUT_OF.match(article.norm, key.end)
    if whole:
        high = float(whole.group(1).replace(",", "")) + 0.5  # "11 of the then 12 states"
    before = _LOWER.search(article.norm, max(0, key.start - 20), key.start)
    if before:
        low = float(before.group(1).replace(",", ""))
    value = number_of(key.text)
    if value is None or not low < value < high:
        return float("-inf"), float("inf")  # not a range around the key after all
    return low, high


def number_distractors(
    article: Article, key: Candidate, count: int, seed: int
) -> list[tuple[str, str]]:
    """The key's number scaled up or down, with the same unit and format."""
    match = _NUMERAL.search(key.text)
    stated = {flat_num(c.text) for c in article.candidates[key.sentence] if c.category == "number"}
    found: list[tuple[str, str]] = []
    seen = {key.text}
    if match and _far_year(article, key):
        return _far_year_distractors(key, count, seed)
    if match and _angle(article, key):
        return _angle_distractors(key, match.group(), stated, count)
    if match:
        number = match.group()
        value = float(number.replace(",", ""))
        is_percent = "%" in key.text or "percent" in key.text or "per cent" in key.text
        low, high = _range_bounds(article, key)
        others = _other_figures(article, key, value)
        # temperatures, ratios to a hundred and ages differ by steps, not ratios: 32.5 °C is
        # never "97.5 °C", 91.3 males per 100 females never 45.6, an age of 65 never 114
        by_steps = (
            _in_degrees(article, key) or _per_hundred(article, key, value) or _age(article, key)
        )
        primes = _prime_key(article, key, value)
        order = [*_near_offsets(seed, _NEAR), *_FALLBACK, len(_FACTORS) - 1]
        for factor in order:
            if factor == len(_FACTORS) - 1 and len(found) >= count:
                break  # tripled only when the others round to too few ("10-20": "30-60")
            if by_steps:
                new_value = value + _DEGREE_STEPS[factor] * _degree_unit(value)
            else:
                new_value = _round_like(value * _FACTORS[factor], number)
            if (is_percent and new_value >= 100 > value) or new_value == value or new_value <= 0:
                continue  # "about 100%" (all of it) beside "about 80%": fit-split reading 43
            if not low < new_value < high:
                continue
            if any((new_value > other) != (value > other) for other in others):
                continue  # "out of _____, 833,500 were ...": never 707,348 (round 17)
            if value == int(value) and new_value != int(new_value) and "." not in number:
                new_value = round(new_value)
                if new_value == value or new_value <= 0:
                    continue
            if primes:
                new_value = _nearest_prime(new_value)
            text = key.text[: match.start()] + _format_like(number, new_value)
            text += _scaled_rest(key.text[match.end() :], new_value / value)
            if text in seen or flat_num(text) in stated or _impossible(text, is_percent):
                continue
            if new_value == 1 and re.match(r"1 [a-z]+s\b", text):
                continue  # "1 weeks"
            seen.add(text)
            found.append((text, new_value))
        return [(text, "numeric:near-number") for text, _ in _around(found, value, count)]
    words = key.text.split()
    for word in _nearest_spelled(words[0].lower(), seed)[:count]:
        found.append((" ".join([word, *words[1:]]), "numeric:near-number"))
    return found


_PRIME_TALK = re.compile(r"\bprim(?:es?|ality)\b", re.IGNORECASE)


def _prime_key(article: Article, key: Candidate, value: float) -> bool:
    """A prime the sentence talks about as a prime ("one of its prime factors is 641"): even
    or composite numbers beside it are no options a reader weighs (round 18)."""
    return (
        key.text.replace(",", "").isdigit()
        and value > 3
        and _is_prime(int(value))
        and _PRIME_TALK.search(article.sentences[key.sentence].text) is not None
    )


def _is_prime(number: int) -> bool:
    return number > 1 and all(number % factor for factor in range(2, math.isqrt(number) + 1))


def _nearest_prime(value: float) -> int:
    """The prime closest to ``value``, the smaller one on a tie."""
    number = max(2, round(value))
    for step in range(number):
        for candidate in (number - step, number + step):
            if _is_prime(candidate):
                return candidate
    return number


_YEAR_WORD_BEFORE = re.compile(r"\b(?:by|until|till|before|after|around|year|in) $", re.IGNORECASE)


def _far_year(article: Article, key: Candidate) -> bool:
    """A year past those the year pattern reads ("by 2100"): scaled like a count it gave 3700
    and 6300, absurd for a forecast (round 16)."""
    return bool(
        re.fullmatch(r"2[1-9]\d\d", key.text)
        and _YEAR_WORD_BEFORE.search(article.norm, max(0, key.start - 8), key.start)
    )


def _far_year_distractors(key: Candidate, count: int, seed: int) -> list[tuple[str, str]]:
    """Years a quarter-century or more from a far year ("by 2100": 2050, 2075, 2150)."""
    year = int(key.text)
    offsets = _near_offsets(seed, [-75, -50, -25, 25, 50, 100])
    return [(str(year + offset), "numeric:near-year") for offset in offsets[:count]]


def _other_figures(article: Article, key: Candidate, value: float) -> list[float]:
    """The other figures of the key's sentence: a wrong figure stays on the key's side of each,
    as wrong years do (``_year_bounds``), so the stem never rules it out ("averaged _____"
    after "as high as 25 million", "(_____ vs 25 nm)" for the smaller of two sizes)."""
    figures = []
    for cand in article.candidates[key.sentence]:
        if cand.category == "number" and cand.start != key.start:
            other = number_of(cand.text)
            if other is not None and other != value:
                figures.append(other)
    if "%" in key.text:  # a share the analysis joined to a range or left out ("to 60% in 2005")
        sentence = article.sentences[key.sentence]
        for match in _PERCENT.finditer(article.norm, sentence.start, sentence.end):
            if not key.start <= match.start() < key.end:
                figures.append(float(match.group(1)))
    return figures


_PERCENT = re.compile(r"(\d+(?:\.\d+)?) ?%")


def _around(found: list[tuple[str, float]], value: float, count: int) -> list[tuple[str, float]]:
    """The first ``count`` options in seeded order, but with one below and one above the key when
    there are both: a key smaller than all three of its options, each a multiple of it ($37.6
    billion among $56.4, $75.2 and $112.8 billion), is the odd one out (round 16)."""
    chosen = found[:count]
    if count < 2 or len(chosen) < count or value <= 0:
        return chosen
    if all(v > value for _, v in found) or all(v < value for _, v in found):
        # the stem leaves one side only ("compared to 13.5 in 1970" for 17.4): the nearest
        return sorted(found, key=lambda option: abs(math.log(option[1] / value)))[:count]
    for side in (lambda v: v < value, lambda v: v > value):
        if not any(side(v) for _, v in chosen):
            other = next((option for option in found[count:] if side(option[1])), None)
            if other is not None:
                chosen[-1] = other
    return chosen


def _nearest_spelled(word: str, seed: int) -> list[str]:
    """Spelled-out counts nearest ``word`` by ratio ("fifty": forty, thirty, twenty): "fifty
    inventions" among six, seven and eight stands out, and "a ring of forty atoms" for three is
    absurd as a false statement (judged blind, round 7)."""
    spelled = [w for w in _rotated(list(SPELLED_NUMBERS), seed) if w not in _SCALE_WORDS]
    value = SPELLED_NUMBERS.get(word)
    if value is None:
        return [w for w in spelled if w != word]
    others = [w for w in spelled if SPELLED_NUMBERS[w] != value]
    return sorted(others, key=lambda w: abs(math.log(SPELLED_NUMBERS[w] / value)))


_SCALE_WORDS = frozenset({"hundred", "thousand"})


def _round_like(value: float, key_number: str) -> float:
    """``value`` rounded as coarsely as the key is ("150,000": to ten thousands), so a round
    key does not stand alone among 112,500, 187,500 and 262,500 (judged blind, round 7)."""
    digits = key_number.replace(",", "")
    if "." in digits or not digits.isdigit():
        return value
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros == 0 or zeros >= len(digits):
        return value
    rounded = float(round(value / 10**zeros) * 10**zeros)
    return rounded if rounded > 0 else value


def flat_num(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


def _bare(text: str) -> str:
    return _LEADING_ARTICLE.sub("", text)


def _term_pools(article: Article) -> dict[tuple, list[Candidate]]:
    """The article's terms bucketed by (plural, words), by (plural, head) and by (plural, ending
    of the head), built once, so finding a distractor never scans the whole article."""
    cache = article.__dict__.get("_term_pools")
    if cache is None:
        cache = {}
        for cand in _pool_list(article, "term"):
            bare = _bare(cand.text)
            words = len(bare.split())
            head = cand.head or bare.split()[-1].lower()
            cache.setdefault(("head", cand.plural, head), []).append(cand)
            cache.setdefault(("ending", cand.plural, head[-3:], words), []).append(cand)
            cache.setdefault(("size", cand.plural, words), []).append(cand)
        article.__dict__["_term_pools"] = cache
    return cache


def _nested(a: str, b: str) -> bool:
    """One phrase's words are all in the other ("space collaboration" in "international space
    collaboration"): the longer may be true as well, so it is no wrong answer."""
    words_a, words_b = set(a.split()), set(b.split())
    return words_a <= words_b or words_b <= words_a


def _with_determiner(key: Candidate, bare: str) -> str:
    """A distractor opened the way the key is ("a storm" -> "an earthquake", "the cell")."""
    first = key.text.split(" ", 1)[0]
    if first in {"a", "an"} and key.text != first:
        return f"{article_for(bare)} {bare}"
    if first.lower() == "the" and " " in key.text:
        return f"{first} {bare}"
    return bare


def _fit_option(article: Article, cand: Candidate, capitalised: bool) -> bool:
    """Whatever the key: a clean, specific noun phrase (worked out once per phrase)."""
    cache = article.__dict__.setdefault("_fit_options", {})
    memo = (cand.canonical, capitalised)
    fit = cache.get(memo)
    if fit is None:
        bare = _bare(cand.text)
        lowered = bare.lower()
        fit = (
            (not cand.is_phrase or plain_phrase(bare, capitalised))
            and generic_fault(lowered) is None
            and (
                not bare[:1].islower()
                or noun_phrase_fault(lowered, article.verbs, article.nouns) is None
            )
        )
        cache[memo] = fit
    return fit


def _determiner_style(text: str) -> str:
    """ "a" (a/an), "the" or "": a distractor must have been written with the key's kind of
    determiner in the article, so "a storm" never gets "an international cooperation"."""
    first = text.split(" ", 1)[0].lower() if " " in text else ""
    return "a" if first in {"a", "an"} else first if first == "the" else ""


def _kind_of_thing(cand: Candidate) -> bool:
    """Named as one of a kind: an item of a list or introduced by "such as", "called"..."""
    return cand.list_id is not None or cand.tag == "term"


def term_distractors(
    article: Article, key: Candidate, count: int, seed: int
) -> list[tuple[str, str]]:
    """Other noun phrases of the article of the same plurality, opened with the key's
    determiner: first those whose head has the key's ending ("-tion", "-ism"), then any of about
    the key's length. Never one on the key's own head noun ("international cooperation" for
    "peaceful cooperation" may be true as well), never a generic or ungrammatical phrase."""
    excluded = excluded_canonicals(article, key)
    key_bare = _bare(key.text).lower()
    size = len(key_bare.split())
    head = key.head or key_bare.split()[-1]
    key_heads = {head, phrase_head(key_bare), key_bare.split()[-1]}
    pools = _term_pools(article)
    buckets = (
        pools.get(("ending", key.plural, head[-3:], size), []),
        pools.get(("size", key.plural, size), []),
        pools.get(("size", key.plural, size + 1), []) if size < 3 else [],
    )
    found: list[tuple[str, str]] = []
    seen = {key.canonical, key_bare}
    capitalised = _bare(key.text)[:1].isupper()
    key_style = _determiner_style(key.text)
    for bucket in buckets:
        for cand in _rotated(bucket, seed):
            bare = _bare(cand.text)
            lowered = bare.lower()
            if (
                cand.canonical in seen
                or lowered in seen
                or cand.canonical in excluded
                or cand.sentence == key.sentence
                or (key.list_id is not None and cand.list_id == key.list_id)
                or _nested(lowered, key_bare)
                or not _fit_option(article, cand, capitalised)
                or abs(len(lowered.split()) - size) > 1
                or {phrase_head(lowered), lowered.split()[-1]} & key_heads
                or _determiner_style(cand.text) != key_style
                or (not _kind_of_thing(cand) and (key.list_id is not None or " " not in lowered))
            ):
                continue
            seen.update({cand.canonical, lowered})
            found.append((_with_determiner(key, bare), "article"))
            if len(found) == count:
                return found
    return found


def distractors(article: Article, key: Candidate, count: int, seed: int) -> list[tuple[str, str]]:
    """``count`` wrong options for ``key`` with their origins; fewer when none are good enough."""
    if key.category in {"year", "date", "decade", "century"}:
        return year_distractors(article, key, count, seed)
    if key.category == "number":
        return number_distractors(article, key, count, seed)
    if key.category in {"term"}:
        return term_distractors(article, key, count, seed)
    return name_distractors(article, key, count, seed)
