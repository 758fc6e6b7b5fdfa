"""The kind of thing a name is, finely enough that every option of a question is the same kind.

A candidate's category ("person", "place", "name"...) says how it was found; the fine type here
says what it is: a person, a country, a region, a settlement or site, an organisation, a company,
an event, a period, a document, a building or site, a nationality or language, a religion or
ideology, a group of people. Multiple choice and select-all offer only options of the key's own
fine type, and a key whose type cannot be told gets no options at all (it is asked as a fill in
the blank instead): judges rated wrong-type options the main loss of multiple choice (issue 10).

Everything is read from the name's own words (head nouns, titles, given names, the country and
nationality lists) and from how the article writes its other names, so it stays deterministic
and needs no model.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicon import domain_entries, name_key, nationalities
from .quality import TITLES

#: Fine types. "" is "cannot tell": such a key gets no options.
PERSON = "person"
COUNTRY = "country"
REGION = "region"
PLACE = "place"
CITY = "city"
STATE = "state"
WATER = "water"
DISTRICT = "district"
NEIGHBOURHOOD = "neighbourhood"
PARTY = "party"
CONFERENCE = "conference"
DENOMINATION = "denomination"
SITE = "site"
STREET = "street"
PARK = "park"
ORGANISATION = "organisation"
BODY = "body"
SCHOOL = "school"
CHURCH = "church"
COMPANY = "company"
EVENT = "event"
PERIOD = "period"
DOCUMENT = "document"
NATIONALITY = "nationality"
BELIEF = "belief"
GROUP = "group"
MISSION = "mission"
CELESTIAL = "celestial"

_LEAD = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_ROMAN = re.compile(r"[IVX]{1,5}")

#: Head words (last word, lower case) -> fine type.
_HEADS: dict[str, str] = {}
for _type, _words in (
    (
        EVENT,
        """war wars revolution battle siege intifada crisis uprising rebellion revolt massacre
        riots riot festival games olympics election elections summit expedition
        crusade campaign invasion occupation coup strike protest protests mela pride
        championship cup tournament""",
    ),
    (PERIOD, "age era period renaissance enlightenment reformation reconstruction dynasty"),
    (
        DOCUMENT,
        """act acts treaty charter constitution declaration bill doctrine rules law laws
        convention agreement accord report manifesto edict decree code directive regulation
        regulations amendment resolution protocol proclamation statute""",
    ),
    (
        BODY,
        """agency administration council committee commission office department ministry court
        board parliament senate congress assembly government cabinet bureau""",
    ),
    (SCHOOL, "institute institution university college academy school seminary"),
    (CHURCH, "church churches denomination diocese synod"),
    (PARTY, "party"),
    (CONFERENCE, "conference conferences"),
    (
        ORGANISATION,
        """organisation organization association society union foundation group
        league federation service corps brotherhood movement front trust club orchestra band
        team army navy regiment""",
    ),
    (
        COMPANY,
        """inc ltd corp corporation company co llc plc motors airlines technologies systems
        studios studio records pictures entertainment communications broadcasting""",
    ),
    (
        SITE,
        """bridge tower hall mosque cathedral abbey chapel theatre theater museum stadium castle
        palace market quayside station airport harbour harbor port library gallery hospital
        building center centre monument arena""",
    ),
    (STREET, "street road avenue lane way drive crescent row boulevard st ave rd"),
    (PARK, "park parks gardens garden common green"),
    (WATER, "river sea ocean lake bay canal gulf strait channel creek"),
    (DISTRICT, "county province borough shire parish prefecture territory"),
    (NEIGHBOURHOOD, "district quarter neighbourhood neighborhood"),
    (PLACE, "mountains mountain island islands valley desert forest coast"),
    (CITY, "city town village"),
    (COUNTRY, "republic kingdom empire emirate sultanate caliphate state"),
):
    for _word in _words.split():
        _HEADS[_word] = _type

#: Head words of names: alone, one is a common noun ("Society", "the Commission").
HEAD_WORDS = frozenset(_HEADS)

#: First words that make a region of a continent or country ("North Africa", "Western Asia").
_COMPASS = frozenset(
    """north south east west northern southern eastern western central northeast northwest
    southeast southwest upper lower greater""".split()
)
_CONTINENTS = frozenset(
    "africa asia europe america americas oceania antarctica arctic caucasus balkans".split()
)
_DENOMINATIONS = frozenset(
    """anglican presbyterian methodist baptist lutheran catholic protestant orthodox calvinist
    evangelical pentecostal episcopalian quaker mormon sunni shia shiite sufi""".split()
)
#: First words of a people named in two words ("French Catholics", "Orthodox Christians").
GROUP_ADJECTIVES = frozenset(
    "orthodox catholic protestant roman eastern western northern southern".split()
)
_DIRECTIONS = frozenset("east west north south orient occident".split())
_BELIEF = re.compile(r"^[A-Z][a-z]+(?:ism|ity|anity)$")
_BELIEFS = frozenset(
    "islam christianity judaism hinduism buddhism sikhism protestantism catholicism".split()
)
_NATIONALITY = re.compile(r"^[A-Z][a-z]+(?:ese|ian|ish|ic|an|i)$")
_PEOPLE_PLURAL = re.compile(r"^(?:the\s+)?[A-Z][a-z]+(?:ans|ese|ians|ites|ists|s)$")

#: The category found by ``candidates`` -> fine type, when it settles it.
_CATEGORY_TYPE = {
    "person": PERSON,
    "country": COUNTRY,
    "company": COMPANY,
    "organisation": ORGANISATION,
    "mission": MISSION,
    "celestial": CELESTIAL,
    "demonym": NATIONALITY,
}


#: Last words of states named after a people or a quality ("the Polish Republic", "the Roman
#: Empire", "the Soviet Union"): such a name is said with "the".
_STATE_HEADS = frozenset(word for word, kind in _HEADS.items() if kind == COUNTRY) - {
    "state"
} | frozenset("union commonwealth confederation federation khanate dynasty".split())


def _by_word(*kinds: tuple[str, str]) -> dict[str, str]:
    """Word -> the sub-kind it names, from (sub-kind, its words) pairs."""
    return {word: kind for kind, words in kinds for word in words.split()}


#: Words of an event's name that say what kind of event it is, and that it is said with "the"
#: as its last word ("the Davidian Revolution", "the Ouseburn Festival"). A festival is never
#: offered beside a war (fit-split reading 50: "the Industrial Revolution" and "the English
#: Civil War" for "a family oriented weekend festival").
_EVENT_SUBKINDS = _by_word(
    ("festival", "festival fair carnival show parade hoppings mela exhibition expo games"),
    (
        "conflict",
        """revolution revolutions war wars battle siege uprising rebellion revolt crusade
        invasion conquest massacre riot""",
    ),
    ("contest", "championship cup league tournament olympics"),
)


#: Heads of bodies always said with "the" ("the Conciliation Committee", "the Methodist
#: Church"): a false statement "Conciliation Committee can interpret the Treaties" read as
#: broken (fit-split reading, round 30).
_BODY_HEADS = frozenset(
    "committee council tribunal commission court parliament assembly senate congress church".split()
)


def takes_the(name: str, ordinary: frozenset[str] = frozenset()) -> bool:
    """A name said with "the" in running text: "the Kingdom of Prussia", "the Duke of Apulia",
    "the University of Chicago", "the Polish Republic", "the United States", "the Davidian
    Revolution", "the Legislative Council", and, when its first word is one the article
    writes in lower case (``ordinary``), "the National Museum"; not "Prussia", "Duke William
    II of Normandy", "Harvard University" or "Central Park" (round 13: "annexed by Republic
    of Poland", "In 1066, Duke of Apulia conquered England")."""
    words = name.split()
    if len(words) < 2 or not words[0][:1].isupper():
        return False
    first, last = words[0].lower(), words[-1].lower()
    if len(words) >= 3 and words[1] == "of" and (first in HEAD_WORDS or first in TITLES):
        return True
    if words[-2] == "of":
        return False
    if first == "united" or last in _STATE_HEADS or last in _EVENT_SUBKINDS or last in _BODY_HEADS:
        return True
    return first in ordinary and _HEADS.get(last) in {SITE, ORGANISATION, SCHOOL}


@cache
def _domain_types() -> dict[str, str]:
    """Names of the curated lists (countries, people, nationalities...) -> fine type."""
    types: dict[str, str] = {}
    for entry in domain_entries():
        fine = _CATEGORY_TYPE.get(entry.category, entry.category)
        if entry.category == "country" and entry.tag == "region":
            fine = REGION
        for name in (entry.name, *entry.aliases):
            types.setdefault(name_key(name), fine)
    for name in nationalities():
        types.setdefault(name_key(name), NATIONALITY)
    return types


def fine_type(text: str, category: str, person: bool, ordinary: frozenset[str]) -> str:
    """The fine type of a name as written ("" when it cannot be told).

    ``person`` says the name surely reads as a person's (``quality.looks_like_person``, or a
    surname of a person the article names in full); ``ordinary`` holds the words the article
    writes in lower case."""
    bare = _LEAD.sub("", text).strip()
    words = bare.split()
    if not words:
        return ""
    if words[-1].rstrip(".") in {"St", "Mt", "Ft"} or words[-1].lower() in {"of", "and", "the"}:
        return ""  # "the Church of St": a name cut short
    lowered = [w.lower().rstrip(".,") for w in words]
    ordinary_only = all(w in ordinary or w in _HEADS for w in lowered)
    if len(words) == 1 and (lowered[0] in _HEADS or (text != bare and ordinary_only)):
        return ""  # "Church", "the Commission", "the Spirit": a common word, no name
    known = _domain_types().get(name_key(text)) or _domain_types().get(name_key(bare))
    if known:
        if known in {MISSION, CELESTIAL} and ordinary_only:
            return ""  # "the Spirit" of a sermon is no Mars rover
        return known
    last, first = lowered[-1], lowered[0]
    if person:
        return PERSON
    if len(words) >= 2 and _ROMAN.fullmatch(words[-1]) and words[0][:1].isupper():
        return PERSON  # "Henry II", "Louis XIV"
    if "of" in lowered[1:]:
        # "the Age of Imperialism", "King of England", "Members of the European Parliament":
        # what comes before "of" says what the name is
        head = lowered[lowered.index("of", 1) - 1]
        if head in TITLES:
            return PERSON
        return _HEADS.get(head, "")
    if last in _HEADS:
        return _HEADS[last]
    if len(words) <= 3 and first in _COMPASS and last in _CONTINENTS:
        return REGION
    if len(words) == 1 and first in _CONTINENTS:
        return REGION
    if len(words) == 1 and first in _COMPASS | _DIRECTIONS:
        return ""  # "the West": a direction or a side, not a place to offer others for
    if len(words) == 1 and (first in _BELIEFS or (_BELIEF.match(bare) and first.endswith("ism"))):
        return BELIEF
    if len(words) == 1 and _NATIONALITY.match(bare):
        return ""  # "Anglican", "Presbyterian": an adjective, not surely a nationality
    if len(words) == 1 and first in _DENOMINATIONS:
        return DENOMINATION  # "Protestant", "Anglican": not offered among "-isms"
    if category == "person":
        return PERSON if _proper_person(words, ordinary) else ""
    if len(words) == 1 and last.endswith("shire"):
        return DISTRICT  # "Bedfordshire"
    if category in {"place", "celestial"}:
        # found after "in"/"at" only, with no head word and not in GeoNames: "in Tibet",
        # "in Oireachtas", "in Welsh", "in the Temple" are too mixed to offer one for another
        return ""
    if category in _CATEGORY_TYPE:
        return _CATEGORY_TYPE[category]
    return ""


def _proper_person(words: list[str], ordinary: frozenset[str]) -> bool:
    """Named as a person by the sentence around it ("X said"): believed when every word is a
    capitalised name the article never writes in lower case and none is an acronym."""
    return 2 <= len(words) <= 4 and all(
        w[:1].isupper() and not (w.isupper() and len(w) > 1) and w.lower() not in ordinary
        for w in words
        if w.lower() not in {"de", "da", "van", "von", "der", "di", "du", "la", "le"}
    )


def compatible(key_type: str, option_type: str) -> bool:
    """An option may stand beside the key: the same fine type (a city is not a country)."""
    return bool(key_type) and key_type == option_type


def surnames_of(people: list[str]) -> frozenset[str]:
    """Last words of the article's full personal names ("Gandhi" of "Mahatma Gandhi"): a lone
    word among them is a person too, named by surname."""
    found = set()
    for name in people:
        words = name.split()
        if len(words) >= 2 and not _ROMAN.fullmatch(words[-1]):
            found.add(words[-1].strip(".,"))
    return frozenset(found)


WORK = "work"

#: Class nouns and roles written just before a name ("the city of X", "dramas such as X",
#: "graphic designer X"): the kind of thing the name is when its own words do not tell.
_CLASS_NOUNS: dict[str, str] = {}
for _type, _words in (
    (
        PERSON,
        """president presidents king queen emperor pope prince princess author authors writer
        writers poet poets novelist director directors designer designers architect architects
        actor actors actress singer singers theologian theologians historian historians
        philosopher philosophers scientist scientists engineer engineers inventor mayor
        minister governor general chancellor professor economist economists journalist
        broadcaster composer composers painter painters sculptor filmmakers filmmaker
        anchor host leader leaders founder chairman ceo explorer missionary bishop lawyer
        attorney judge senator mathematician mathematicians physicist chemist biologist
        astronomer theorist theorists scholar scholars sons son daughter daughters wife
        husband brother sister father mother""",
    ),
    (CITY, "city cities town towns village villages capital"),
    (COUNTRY, "country countries nation nations"),
    (
        NEIGHBOURHOOD,
        """neighbourhood neighbourhoods neighborhood neighborhoods district districts suburb
        suburbs quarters""",
    ),
    (
        COMPANY,
        """company companies firm firms corporation corporations retailer retailers
        manufacturer manufacturers brand brands""",
    ),
    (
        WORK,
        """series show shows drama dramas sitcom sitcoms program programs programme programmes
        film films movie movies novel novels book books album albums song songs magazine
        magazines newspaper newspapers journal journals periodical periodicals opera operas
        play plays essay essays poem poems""",
    ),
    (BELIEF, "religion religions ideology ideologies doctrine"),
    (ORGANISATION, "union unions organisation organisations organization"),
    (PARTY, "party parties"),
):
    for _word in _words.split():
        _CLASS_NOUNS[_word] = _type

_LEAD_CLASS = re.compile(
    r"\b([a-z]+),?(?: \(?(?:such as|like|including|called|named|known as|as|of|primarily|"
    r"mainly|namely))?[\s,:(]*(?:the )?$"
)


#: Languages whose names are also adjectives of a people: when a key is one of these, so is
#: every wrong option ("Australian" is no medium of education beside "English"; round 35).
LANGUAGES = frozenset(
    """English French German Spanish Portuguese Italian Dutch Danish Swedish Norwegian Finnish
    Icelandic Irish Welsh Scottish Gaelic Polish Czech Slovak Hungarian Romanian Bulgarian
    Greek Russian Ukrainian Serbian Croatian Slovene Albanian Turkish Arabic Hebrew Persian
    Hindi Urdu Bengali Punjabi Tamil Nepali Chinese Mandarin Cantonese Japanese Korean
    Vietnamese Thai Malay Indonesian Tagalog Filipino Swahili Latin Armenian Georgian
    Lithuanian Latvian Estonian Catalan Basque Afrikaans Zulu Yoruba Amharic""".split()
)

#: Person class nouns that say how someone is related, not what they do.
_KIN = frozenset("sons son daughter daughters wife husband brother sister father mother".split())


def context_role(lead: str) -> str:
    """The role a person's noun just before a name gives it, singular ("actors X, Y" ->
    "actor", "President X" -> "president"); "" for none or a kinship word."""
    match = _LEAD_CLASS.search(lead[-60:].lower())
    word = match.group(1) if match else ""
    if _CLASS_NOUNS.get(word) != PERSON or word in _KIN:
        return ""
    return role_word(word)


def role_word(word: str) -> str:
    """One spelling per role: "actors", "actress" -> "actor"; "presidents" -> "president"."""
    word = word.lower()
    if word in {"actress", "actresses"}:
        return "actor"
    if word.endswith("s") and not word.endswith("ss") and word[:-1] in _CLASS_NOUNS:
        return word[:-1]
    return word


def context_type(lead: str) -> str:
    """The fine type a class noun or role just before a name gives it ("" if none)."""
    match = _LEAD_CLASS.search(lead[-60:].lower())
    return _CLASS_NOUNS.get(match.group(1), "") if match else ""


# --- round 5: the kind of thing within a fine type ------------------------------------------------

#: Tags of the curated lists -> the sub-kind a stem tells apart (round 5: "observational
#: astronomy" rules out every option but the one telescope; "joint development by NASA, ESA"
#: rules out a launcher family; "icy moons like" rules out a planet; "beyond Earth, including
#: the Moon" rules out a galaxy). Tags that name one kind of flight share a sub-kind.
_TAG_SUBKINDS = {
    "crewed": "crewed flight",
    "probe": "robotic mission",
    "rover": "robotic mission",
    "mission": "robotic mission",
    "telescope": "telescope",
    "station": "station",
    "launcher": "launcher",
    "programme": "programme",
    # round 27: "aims to return humans to the Moon ... a new era" rules out Mercury and Gemini
    "ended": "past programme",
    "planet": "planet",
    "dwarf": "planet",
    "moon": "moon",
    "star": "star",
    "galaxy": "galaxy",
    "small": "small body",
    "region": "region of space",
}
#: Head words of armed forces: an army is not offered among football associations and unions
#: (round 5: "European Union and Polish Football Association absurd for a 1944 army").
_MILITARY_WORDS = frozenset(
    """army armies navy regiment regiments corps brigade brigades battalion battalions division
    divisions legion legions militia militias fleet force forces guard guards wehrmacht
    luftwaffe""".split()
)


@cache
def _domain_tags() -> dict[str, str]:
    """name_key of every curated name and alias -> its tag (the first file wins)."""
    tags: dict[str, str] = {}
    for entry in domain_entries():
        for name in (entry.name, *entry.aliases):
            tags.setdefault(name_key(name), entry.tag)
    return tags


#: Sites by what they are for: a bridge is not offered among museums, nor a tower among
#: galleries (round 25 and 26: "the Semitic Museum" for "a pedestrian bridge", "Gunpowder
#: Tower" for a museum of independence).
_SITE_SUBKINDS = _by_word(
    ("museum", "museum gallery"),
    ("library", "library archive archives"),  # round 40: "the Sackler Museum is not a library"
    ("theatre", "theatre theater opera"),
    ("bridge", "bridge"),
    ("tower", "tower monument"),
    ("palace", "palace castle"),
    ("place of worship", "mosque cathedral abbey chapel"),
    ("sports ground", "stadium arena pavilion"),
    ("transport", "station airport harbour harbor port"),
    ("hospital", "hospital"),
)


def _site_subkind(text: str) -> str:
    """The site's own head word decides: the last one before "of" ("the Palace of Culture"),
    else the first one after it."""
    front, _, back = text.lower().partition(" of ")
    heads = [_SITE_SUBKINDS[w] for w in _words_of(front) if w in _SITE_SUBKINDS]
    if heads:
        return heads[-1]
    return next((_SITE_SUBKINDS[w] for w in _words_of(back) if w in _SITE_SUBKINDS), "")


def _words_of(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text)


#: The last word of an organisation's name (before any "of") that says what kind it is: a
#: league is never offered beside a university guide or a college (fit-split reading 48: "the
#: most successful team in the history of _____" offered "the Times Good University Guide").
_ORGANISATION_SUBKINDS = _by_word(
    ("league", "league leagues conference championship cup"),
    ("school", "university college school institute academy"),
    ("publication", "guide journal magazine gazette review times post"),
    # fit-split reading 49: courts offered for what "the legislature" is composed of
    ("court", "court courts tribunal"),
    # fit-split reading 57: "Country Music Association Awards" offered as a network's owner
    ("award", "award awards prize prizes"),
)


def subkind(text: str, fine: str) -> str:
    """The kind of thing a name of fine type ``fine`` is, finer than the type ("" when it
    cannot be told): a telescope, a probe or a launcher among missions; a planet, a moon or a
    galaxy among celestial bodies; an armed force or a civil body among organisations.

    Options of one fine type can still be told apart by a stem's words ("observational
    astronomy", "icy moons like", "a 1944 army", "is a pedestrian bridge"), so options must
    share the key's sub-kind whenever both are known."""
    if fine in {MISSION, CELESTIAL}:
        return _TAG_SUBKINDS.get(_domain_tags().get(name_key(text), ""), "")
    if fine == ORGANISATION:
        words = [w.lower().strip(".,'") for w in text.split()]
        if set(words) & _MILITARY_WORDS:
            return "armed force"
        head = words[: words.index("of")] if "of" in words[1:] else words
        return _ORGANISATION_SUBKINDS.get(head[-1] if head else "", "civil body")
    if fine == SITE:
        return _site_subkind(text)
    if fine == EVENT:
        words = [w.lower().strip(".,'") for w in text.split()]
        return next((_EVENT_SUBKINDS[w] for w in words if w in _EVENT_SUBKINDS), "")
    return ""


def same_subkind(key: str, option: str, fine: str) -> bool:
    """``option`` may stand beside ``key``: their sub-kinds agree, or one cannot be told."""
    mine, other = subkind(key, fine), subkind(option, fine)
    if fine == SITE and mine:
        return mine == other  # "Sever Hall" may be anything: not beside a bridge
    return not mine or not other or mine == other
