"""Closed-class English words and common verbs: what the noun-phrase chunker needs instead of a
part-of-speech tagger.

Nouns and adjectives are an open class and cannot be listed; everything around them can. A run
of words that are none of these (no determiner, preposition, pronoun, auxiliary, conjunction,
adverb or known verb form) is, most of the time, a noun phrase. Only general English words are
listed here: nothing from any particular subject.
"""

from __future__ import annotations

from functools import cache

#: Words that open a noun phrase and are not part of the answer ("the", "its", "several").
DETERMINERS = frozenset(
    """a an the this that these those each every some any no several many much few fewer
    various all both either neither another such certain most more less least enough
    whose what which whatever""".split()
)
POSSESSIVES = frozenset("my your his her its our their".split())
PREPOSITIONS = frozenset(
    """of in on at to for from by with without within into onto upon about above below over under
    between among amongst through throughout during before after since until till against
    across along alongside around behind beyond near off out up down as than via per despite
    toward towards inside outside unlike like except including amid amidst beneath beside
    besides underneath past following concerning regarding according due""".split()
)
CONJUNCTIONS = frozenset(
    """and or but nor so yet if while although though because unless whereas whether when
    where why how who whom then once thereby hence thus therefore whereby wherein""".split()
)
PRONOUNS = frozenset(
    """i me we us you he him she it they them one ones itself themselves himself herself
    ourselves myself yourself there here someone something anyone anything everyone
    everything nobody nothing none others""".split()
)
AUXILIARIES = frozenset(
    """is are was were be been being am do does did done doing have has had having will
    would shall should can could may might must cannot""".split()
)
#: Adverbs and particles that do not end in "-ly" (those are caught by their ending).
ADVERBS = frozenset(
    """not also very too only just even still again further once ever never always often
    sometimes usually already soon later now today yet almost nearly rather quite well
    instead perhaps thus therefore however indeed then first second third finally last
    mostly mainly largely especially more most less least away back forward together
    else elsewhere otherwise long far much twice""".split()
)
#: Nouns and adjectives that end in "-ly" (everything else ending in "-ly" is an adverb).
LY_CONTENT = frozenset(
    """family supply assembly monopoly anomaly italy july ally rally reply fly belly jelly
    lily holy ugly early daily weekly monthly yearly likely friendly elderly lonely lovely
    silly deadly costly orderly manly timely hourly quarterly homily butterfly dragonfly
    firefly melancholy oily woolly jolly bully gully hilly curly""".split()
)

#: Irregular past tenses and participles (the regular "-ed" is recognised by its ending).
_IRREGULAR = """arose arisen ate eaten became begun began bore borne born beat beaten bent bound
bit bitten blew blown broke broken bred brought built burnt bought caught chose chosen clung
came dealt dug drew drawn drank drunk drove driven fell fallen fed felt fought found fled flew
flown forbade forbidden forgot forgotten forgave forgiven froze frozen got gotten gave given
went gone grew grown hung heard hid hidden held kept knew known laid led left lent lay lain lit
lost made meant met paid proved proven rode ridden rang rung rose risen ran said saw seen sought
sold sent set shook shaken shone shot shown showed shrank shrunk sang sung sank sunk sat slept
slid spoke spoken spent spun spread sprang sprung stood stole stolen stuck stung struck strove
swore sworn swept swam swum swung took taken taught tore torn told thought threw thrown
understood undertook undertaken woke woken wore worn wove woven won wound wrote written
withdrew withdrawn overcame overtook overthrew overthrown occurred occurring occurs referred
referring preferred preferring permitted permitting controlled controlling admitted admitting
committed committing transferred transferring compelled expelled propelled""".split()

#: Common verbs (base forms). Their "-s", "-ed" and "-ing" forms are derived.
_VERBS = """accept achieve acquire act adapt add adopt affect agree aim allow alter announce
appear apply argue arrange arrive ask assume attach attack attempt attend attract avoid award
base become begin believe belong bring build buy call carry cause change choose claim close
collect combine come compete complete comprise concern conclude conduct confirm connect
consider consist constitute construct contain continue contribute control convert create
cross cut deal decide declare decline decrease define defeat deliver demonstrate deny depend
derive describe design destroy determine develop die differ discover display distinguish
divide do draw drive drop earn emerge employ enable encourage end enter establish estimate
examine exist expand expect explain explore express extend face fail fall feature feel fight
fill find finish fly focus follow force form found gain generate get give go govern grant grow
happen help hold identify ignore illustrate improve include increase indicate influence
inform inherit introduce invade invent involve issue join keep kill know lack last lead learn
leave lie limit link live locate lose maintain make manage mark mean measure meet mention
move name need note observe obtain occupy occur offer open operate oppose order organise
organize own participate pass pay perform permit place plan play point possess predict
prefer prepare present preserve prevent produce promote propose protect prove provide publish
purchase pursue put raise reach read receive recognise recognize record reduce refer reflect
refuse regard reject relate release rely remain remove replace report represent require
resemble resist respond rest result retain return reveal rise rule run save say see seek seem
sell send serve set settle share show sign spend spread stand start state stay stop store
study succeed suffer suggest supply support surround survive suspect take teach tend term
threaten throw transfer transform travel treat try turn undergo understand unite use vary
view want win wish work write yield""".split()


def _inflections(verb: str) -> set[str]:
    """The "-s", "-ed" and "-ing" forms of a regular verb, spelt by the usual rules."""
    forms = set()
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(verb + "es")
    elif verb.endswith("y") and verb[-2:-1] not in set("aeiou"):
        forms.add(verb[:-1] + "ies")
    else:
        forms.add(verb + "s")
    if verb.endswith("e"):
        forms.update({verb + "d", verb[:-1] + "ing"})
    elif verb.endswith("y") and verb[-2:-1] not in set("aeiou"):
        forms.update({verb[:-1] + "ied", verb + "ing"})
    else:
        forms.update({verb + "ed", verb + "ing"})
        if (
            len(verb) <= 4
            and verb[-1] in "bdgmnprt"
            and verb[-2] in "aeiou"
            and verb[-3] not in "aeiou"
        ):
            forms.update({verb + verb[-1] + "ed", verb + verb[-1] + "ing"})
    return forms


@cache
def verb_forms() -> frozenset[str]:
    """Every listed verb form: base forms, irregular pasts and the derived inflections."""
    forms = set(_VERBS) | set(_IRREGULAR)
    for verb in _VERBS:
        forms |= _inflections(verb)
    return frozenset(forms)


@cache
def base_verbs() -> frozenset[str]:
    return frozenset(_VERBS)


@cache
def irregular_participles() -> frozenset[str]:
    return frozenset(_IRREGULAR)


#: Verbs that link a subject to what it is ("X is a Y", "X became a Y").
COPULAS = frozenset("is are was were became becomes remains remained".split())
