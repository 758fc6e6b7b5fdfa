"""Closed-class English words and common verbs: what the noun-phrase chunker needs instead of a
part-of-speech tagger.

Nouns and adjectives are an open class and cannot be listed; everything around them can. A run
of words that are none of these (no determiner, preposition, pronoun, auxiliary, conjunction,
adverb or known verb form) is, most of the time, a noun phrase. Only general English words are
listed here: nothing from any particular subject.
"""

from __future__ import annotations

import re
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
    else elsewhere otherwise long far much twice somewhat meanwhile afterwards afterward
    moreover nevertheless nonetheless hence beforehand""".split()
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
_VERBS = """address accept achieve acquire act adapt add adopt affect agree aim allow alter announce
appear apply argue arrange arrive ask assume attach attack attempt attend attract avoid
award base become begin believe belong bring build buy call carry cause change choose
claim close collect combine come compete complete comprise concern conclude conduct
confirm connect consider consist constitute construct contain continue contribute
control convert create cross cut deal decide declare decline decrease define defeat
deliver demonstrate deny depend derive describe design destroy determine develop die
differ discover display distinguish divide do draw drive drop earn emerge employ enable
encourage end enter establish estimate examine exist expand expect explain explore
express extend face fail fall feature feel fight fill find finish fly focus follow force
form found gain generate get give go govern grant grow happen help hold identify ignore
illustrate improve include increase indicate influence inform inherit introduce invade
invent involve issue join keep kill know lack last lead learn leave lie limit link live
locate lose maintain make manage mark mean measure meet mention move name need note
observe obtain occupy occur offer open operate oppose order organise organize own
participate pass pay perform permit place plan play point possess predict prefer prepare
present preserve prevent produce promote propose protect prove provide publish purchase
pursue put raise reach read receive recognise recognize record reduce refer reflect
refuse regard reject relate release rely remain remove replace report represent require
resemble resist respond rest result retain return reveal rise rule run save say see seek
seem sell send serve set settle share show sign spend spread stand start state stay stop
store study succeed suffer suggest supply support surround survive suspect take teach
tend term threaten throw transfer transform travel treat try turn undergo understand
unite use vary view want win wish work write yield abandon abolish absorb accelerate
accommodate accompany accomplish accumulate accuse adjust administer admire admit
advance advise advocate afford aggravate alert align allocate alleviate amend amplify
analyse analyze anticipate appeal appoint appreciate approve argue arise arrest ascend
assemble assert assess assign assist associate assure attain attribute authorise
authorize automate await awaken bear beat beg behave bind blame block boost borrow
bother bounce break breathe breed broadcast bury calculate capture catch celebrate
characterise characterize cherish circulate cite clarify classify clean clear climb
cling coincide collaborate collapse colonise colonize combat command commence commit
communicate compare compel compensate compile complain complicate comply compose
compromise conceal concede conceive concentrate condemn confer confine conform confront
confuse conquer conserve consolidate consult consume contemplate contend contest
contradict convey convince cooperate coordinate cope correct correspond corrupt crave
creep criticise criticize crush cultivate dare deceive decorate dedicate deduce deem
defend defer defy delegate delete deliberate demolish denote depart depict deploy
deprive descend deserve detect deteriorate devastate devise devote diagnose dictate
diminish direct disappear discard discharge disclose discourage discuss dismiss disperse
displace dispose disrupt dissolve distribute disturb dive divert dominate donate dwell
eat educate elect elevate eliminate embark embody embrace emit emphasise emphasize
empower enact encircle encompass encounter endanger endorse endure enforce engage
enhance enjoy enlarge enlist enrich enrol enroll ensure entail entertain entitle
envisage envision equip eradicate erect escalate evacuate evaluate evoke evolve
exaggerate exceed excel exclude execute exert exhibit exile expel experiment expire
exploit expose facilitate fade fascinate favour favor feed fetch fit flee float flourish
forbid forge forget forgive formulate foster freeze frighten fulfil fulfill furnish
gather gauge glance glorify grab grasp greet guarantee guess halt handle hang harness
hate heal hear hesitate hide highlight hinder hire hurt illuminate imagine imitate
immerse impair implement imply impose impress imprison incorporate induce indulge infect
infer inhabit inhibit initiate inject injure innovate inquire insert insist inspect
inspire install instruct insure integrate intend intensify interact intercept interfere
interpret interrupt intervene intimidate intrigue invest investigate invite isolate
jeopardise jeopardize judge justify kneel knock lay lend lessen liberate listen look
lower magnify manufacture marry maximise maximize merge migrate minimise minimize
mitigate mobilise mobilize modify monitor motivate multiply narrow navigate negotiate
neglect nominate notify nourish nurture oblige obscure obey offend omit optimise
optimize originate outweigh overcome overlook oversee overthrow owe paint participate
pave penetrate perceive persist persuade pick plead please plunge pollute ponder portray
postpone practise pray precede preach prescribe presume pretend prevail prioritise
prioritize proceed proclaim procure prohibit prolong promise prompt pronounce propel
prosecute prosper provoke publicise punish push qualify radiate react realise realize
reap reassure rebel rebuild recall recommend reconcile recover recruit rectify redeem
redefine reduce refine regain register regret regulate rehearse reinforce reiterate
rejoice relax relieve relinquish relocate remark remember remind render renew renounce
repeat repel reshape reside resign resolve restore restrain restrict resume retire
retreat retrieve revise revive revolutionise revolutionize ride rob rotate ruin satisfy
scatter secure seize separate shine shoot shout shrink sing sink sit slow solve speak
specialise specialize specify speculate stabilise stabilize stimulate strengthen strip
strive submit subscribe substitute summarise summarize summon supervise suppress surpass
surrender sustain swallow swear sweep symbolise symbolize sympathise tackle tell
terminate testify think thrive tolerate train transcend transmit uncover undermine
undertake unfold unify unite unlock unravel uphold urge utilise utilize validate verify
wake wander warn wear weave weigh widen withdraw withstand""".split()


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


#: Verbs that are as often nouns ("a plant", "the launch"): only their "-ing" and "-ed" forms
#: are taken as verb forms ("fueling scientific progress", "pooled resources").
_NOUN_VERBS = """approach campaign care challenge charge chase comment commission contract count
cover crash cure debate decay delay delight demand deposit desire dispute double doubt drag
drain dream dress drink effect engineer escape exchange experience export fear figure
finance flood flow fold forecast fuel function fund guard guide harm head heat hit host
hunt import interview jump kick label land laugh launch lift load lobby master match
matter miss mount notice object orbit outline pack pioneer plant pledge pool pose
position pour practice praise print progress project pull question quote race rank rate
reform reign rent repair rescue reward ring rush sacrifice scan schedule score search
select shape shift sketch slide smell smile sort sound span spin split sponsor spur
squeeze stack steal stem stir stress stretch strike struggle supplement surge swim swing
talk taste tear test thank tie touch trace track trade transport trap trigger triumph
trust update upgrade value venture vote walk wash watch welcome witness wonder worry
wrap""".split()


@cache
def verb_forms() -> frozenset[str]:
    """Every listed verb form: base forms, irregular pasts and the derived inflections."""
    forms = set(_VERBS) | set(_IRREGULAR)
    for verb in _VERBS:
        forms |= _inflections(verb)
    for verb in _NOUN_VERBS:
        forms |= {f for f in _inflections(verb) if f.endswith(("ing", "ed"))}
    return frozenset(forms)


@cache
def base_verbs() -> frozenset[str]:
    return frozenset(_VERBS)


@cache
def irregular_participles() -> frozenset[str]:
    return frozenset(_IRREGULAR)


#: Verbs that link a subject to what it is ("X is a Y", "X became a Y").
COPULAS = frozenset("is are was were became becomes remains remained".split())
#: Every closed-class word listed above.
CLOSED_WORDS = (
    DETERMINERS | POSSESSIVES | PREPOSITIONS | CONJUNCTIONS | PRONOUNS | AUXILIARIES | ADVERBS
) | COPULAS


#: A word ending like a past tense or a present third person ("ranged", "covers", "houses").
_VERB_ENDING = re.compile(r"[a-z]{2,}(?:ed|s)\Z")


def verb_like(word: str, verbs: frozenset[str] = frozenset()) -> bool:
    """``word`` (lower case) may be a verb: a listed form, one of ``verbs`` (an article's own),
    or an open-class word with a verb's ending. Loose on purpose: it tells a clause from a
    verbless fragment ("On _____, Syria and Egypt."), not a verb from a plural noun."""
    return (
        word in verbs
        or word in verb_forms()
        or word in AUXILIARIES
        or word in COPULAS
        or (word not in CLOSED_WORDS and bool(_VERB_ENDING.match(word)))
    )


#: Nouns ending like verbs ("-ize", "-ise", "-ify", "-ate") that are not verbs.
_SUFFIX_NOUNS = frozenset(
    """size prize maize enterprise exercise expertise premise promise franchise merchandise
    compromise noise wise rise cruise precise concise otherwise likewise treatise paradise
    demise disguise reprise anise poise praise bruise surprise chemise clockwise
    climate senate state private rate date estate candidate delegate graduate primate
    magistrate mandate plate gate fate debate template substrate carbohydrate corporate
    adequate accurate appropriate separate ultimate intimate moderate immediate delicate
    desperate elaborate fortunate legitimate deliberate chocolate palate pirate sulfate
    sulphate nitrate phosphate carbonate hydrate silicate acetate electorate directorate
    protectorate consulate caliphate sultanate episcopate affiliate advocate associate
    aggregate alternate approximate certificate considerate duplicate estimate freight
    literate climate pirate prostate vertebrate invertebrate collate ornate innate
    proportionate subordinate syndicate temperate triplicate inmate playmate classmate""".split()
)
_VERB_SUFFIXES = ("ize", "ise", "yze", "yse", "ify")


def verb_by_suffix(word: str, strong_context: bool = False) -> bool:
    """A base form that only a verb has: "-ize", "-ise", "-ify" ("revolutionize", "clarify");
    "-ate" and "-en" only where the context already says verb (after "to" or a modal)."""
    if len(word) < 6 or word in _SUFFIX_NOUNS:
        return False
    if word.endswith(_VERB_SUFFIXES):
        return True
    return strong_context and word.endswith(("ate", "en"))


def base_forms(word: str) -> set[str]:
    """The base forms a word may be an inflection of ("fostering" -> {"foster", "fostere"})."""
    forms = {word}
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            forms.update({stem, stem + "e"})
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.add(stem[:-1])  # "planned" -> "plan"
            if ending in {"ed", "es"} and stem.endswith("i"):
                forms.add(stem[:-1] + "y")  # "applied" -> "apply"
    return forms


#: Abstract nouns of everyday English that name nothing in particular: a lone one is never a
#: good option or key ("hope", "future", "knowledge").
GENERIC_NOUNS = frozenset(
    """ability abilities access action actions activity activities advantage advantages
    aim aims approach area areas aspect aspects attempt attempts basis benefit benefits
    capability capabilities case cases challenge challenges chance change changes
    character circumstances concept concepts concern concerns condition conditions
    connection connections consequence consequences context contribution contributions
    course development developments difference differences direction effect effects effort
    efforts element elements end event events evidence example examples existence
    experience experiences extent fact facts factor factors feature features field fields
    focus form forms future goal goals growth help history hope hopes idea ideas impact
    impacts importance improvement improvements increase influence information interest
    interests issue issues kind kinds knowledge lack level levels life lives look matter
    matters means method methods need needs nature number numbers opportunity opportunities
    order outcome outcomes part parts past people period place places point points
    possibility possibilities potential power practice present problem problems process
    processes progress prospect prospects purpose purposes quality question questions range
    reason reasons relationship relationships resource resources result results role roles
    science sense situation society something source sources stage stages step steps
    success support system systems technology technologies thing things time times topic
    type types understanding use uses value values variety view views way ways work world
    year years job jobs task tasks item items size sizes amount amounts proportion
    proportions investigation investigations error errors estimate estimates definition
    definitions""".split()
    # round 34: "manages the job"; round 36: "two-thirds the size of"; round 39: "Detailed
    # statistical investigation has not suggested ..."
)

#: Modifiers that leave a generic noun generic ("diverse range", "new ways").
VAGUE_MODIFIERS = frozenset(
    """new other small large big main major important certain different similar same further
    inner outer various several particular general specific common whole entire following
    previous latter former early late good great high low next best individual complete key
    primary original modern recent significant diverse wide broad vast huge future successful
    profound immense crucial vital numerous many greater wider better detailed excellent
    analogous""".split()
)

#: A plural by its ending ("turbines", not "glass", "status" or "analysis").
PLURAL = re.compile(r"[a-z]{3,}(?<![sui]s)s")

_SUBJECT_PRONOUNS = frozenset("i we you he she it they".split())
_MODAL_WORDS = frozenset("can cannot could may might must shall should will would".split())
_OBJECT_WORDS = frozenset(
    """the a an this these those his her its their our my your each every some any no
    them it us him me""".split()
)
_CUE = re.compile(
    r"\b(to|can|cannot|could|may|might|must|shall|should|will|would|they|we|he|she|it|you|I|"
    r"the|a|an|of|its|their)"
    r" ([a-z][a-z-]+)(?: ([a-z]+))?",
    re.IGNORECASE,
)
_NOUN_CUES = frozenset("the a an of its their".split())


def article_word_roles(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(verbs, nouns): words the text itself uses as verbs, and words it uses as nouns.

    A verb: right after a modal or a subject pronoun ("they foster", "can escalate"), or after
    "to" when the word is a known verb, looks like one by its ending, or takes an object ("to
    forge the ties"). A noun (or at least no verb): right after "the", "a", "of", "its"... A
    word in the first set ends no noun phrase of the same text; a known verb never seen in the
    second set opens none ("foster collaboration")."""
    verbs: set[str] = set()
    nouns: set[str] = set()
    closed = CLOSED_WORDS
    for match in _CUE.finditer(text):
        cue, word = match.group(1).lower(), match.group(2)
        if not word.islower() or word in closed or word.endswith("ly"):
            continue
        if cue in _NOUN_CUES:
            nouns.add(word)
        elif cue != "to":
            if (
                cue in _MODAL_WORDS
                or (cue in _SUBJECT_PRONOUNS and cue != "it")
                or (cue == "it" and word.endswith("s") and not word.endswith("ss"))
            ):
                verbs.add(word)
        else:
            after = (match.group(3) or "").lower()
            if (
                word in base_verbs()
                or verb_by_suffix(word, strong_context=True)
                or (after in _OBJECT_WORDS and not word.endswith("s"))
            ):
                verbs.add(word)
    return frozenset(verbs), frozenset(nouns)


def article_verbs(text: str) -> frozenset[str]:
    """The words ``text`` uses as verbs (see ``article_word_roles``)."""
    return article_word_roles(text)[0]
