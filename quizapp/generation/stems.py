"""Turning an article sentence into a stand-alone statement, and that into stems.

A sentence is only usable when it makes sense on its own: leading connectives ("Moreover,") and
lead-in phrases that point back ("Through these efforts,") are dropped; a sentence whose subject
is an unresolved pronoun ("It", "They", "This") or that speaks in the author's voice ("we") is
skipped; a hedged claim ("may", "aims to") is marked "According to the article, ...".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import (
    CONNECTIVES,
    HEDGE,
    MONTHS,
    PRONOUN_STARTS,
    SPELLED_NUMBERS,
    STOPWORDS,
    name_key,
)
from .places import gazetteer
from .quality import TITLES, pointing_matches, said_with_copula, this_as_pronoun
from .sentences import Sentence
from .text import tidy_spaces
from .wordclass import CLOSED_WORDS, POSSESSIVES, PREPOSITIONS, verb_forms, verb_like

BLANK = "_____"
#: Opening words that are lower-cased inside a question even when a name follows them
#: ("... is it true that the Cold War era witnessed ...?").
_LOWER_OPENERS = frozenset({"the", "a", "an"})
ACCORDING = "According to the article, "
TF_PREFIX = "According to the article, is it true that "

#: Connectives that open a sentence with or without a comma ("Thus a virtual circuit is ...").
_ONE_WORD_CONNECTIVES = frozenset(c for c in CONNECTIVES if " " not in c)
_BARE_CONNECTIVES = (
    "and",
    "but",
    "also",
    "thus",
    "hence",
    "therefore",
    "consequently",
    "furthermore",
    "moreover",
    # fit-split reading 63: "However after 1945 anti-colonial movements began ..." (no comma);
    # not "however much they tried"
    r"however(?! (?:much|many|little|long|far|often|large|small|great|hard)\b)",
)
_CONNECTIVE = re.compile(
    r"(?:(?:"
    + "|".join(re.escape(c) for c in CONNECTIVES if c not in _BARE_CONNECTIVES)
    + r")\s*,\s+|(?:"
    + "|".join(_BARE_CONNECTIVES)
    + r"),?\s+)",
    re.IGNORECASE,
)
_POINTING_LEAD = re.compile(
    r"(?:through|by|amid|amidst|despite|given|in|with|during|after|before|because of|due to|"
    r"between|among|under|against|of|on|at|to|within|like|unlike|"
    r"as a result of|for|from|beyond|since|following)\s[^,]{0,50}?"
    r"\b(?:this|these|that|those|its|their|such)\b(?! as\b)[^,]{0,50}?,\s+",
    re.IGNORECASE,
)
_AUTHOR_VOICE = re.compile(r"\b(?:[Ww]e|I|[Yy]ou|[Ll]et's)\b")
_WORD = re.compile(r"[A-Za-z']+")
_MIN_WORDS, _MAX_WORDS = 6, 55

#: A sentence about the page's own pictures ("shown on the third timeline on the right", "as
#: the diagram below shows"): a quiz has not got them, so it is no fact to ask (judged blind,
#: round 7).
_FIGURE_REFERENCE = re.compile(
    r"\b(?:(?:shown|drawn|seen|pictured|timeline|figure|image|map|photo\w*|drawing|diagram|"
    r"panel|picture|chart|graph|table) (?:\w+ ){0,3}"
    r"?(?:on|at|to) the (?:right|left)\b(?! (?:of|bank|side|wing|hand)\b)"
    r"|(?:shown|pictured|illustrated|depicted) (?:here|above|below|at (?:right|left))\b"
    r"|(?:the|this) (?:figure|diagram|image|picture|photograph|illustration|map|chart) "
    r"(?:above|below|here|on the)\b|\b(?:see|cf\.) (?:figure|fig\.|diagram|image)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Statement:
    """The usable part of a sentence: absolute offsets of its body and whether it is hedged."""

    sentence: Sentence
    body_start: int  # absolute offset where the stand-alone statement begins
    body_end: int  # absolute offset (without the final full stop)
    hedged: bool


def first_words(text: str, count: int = 2) -> list[str]:
    return [w.lower() for w in _WORD.findall(text[:60])[:count]]


def starts_with_pronoun(text: str) -> bool:
    """True when ``text`` opens with a pronoun or "One such" that needs an antecedent, also
    behind an opening adverb without its comma ("Finally it spread ...") or as a bare count
    ("All three lacked tentacles", "Both were ...")."""
    words = first_words(text, 3)
    if not words:
        return False
    if words[0] in PRONOUN_STARTS - {"there", "here"}:
        return True
    if words[:2] == ["one", "such"]:
        return True
    if words[0] == "others" or (len(words) > 1 and words[0] in _QUANTIFIERS and words[1] == "such"):
        return True  # round 13: "Some such as DATAPAC were ...": some of what?
    if len(words) > 1 and _opening_adverb(words[0]) and words[1] in _SUBJECT_PRONOUNS:
        return True  # round 9: "Finally it spread to northwestern Russia in 1351"
    return _bare_count(words)


#: Pronouns that stand as a subject after an opening adverb ("Later they moved ...").
_SUBJECT_PRONOUNS = frozenset({"it", "they", "he", "she", "these", "those", "this"})
_QUANTIFIERS = frozenset({"some", "many", "several", "most", "few"})
_TIME_ADVERBS = frozenset({"then", "later", "soon", "eventually", "finally", "now", "again"})


def _opening_adverb(word: str) -> bool:
    return (
        word in _TIME_ADVERBS
        or word in _ONE_WORD_CONNECTIVES
        or (len(word) > 5 and word.endswith("ly"))
    )


def _bare_count(words: list[str]) -> bool:
    """ "All three apparently lacked ...", "Both were ...": a count of things named before, with
    no noun of its own (round 9). "All three species" and "Both parties" name theirs."""
    if words[0] == "all" and len(words) > 1 and words[1] in SPELLED_NUMBERS:
        rest = words[2:3]
    elif words[0] == "both":
        rest = words[1:2]
    else:
        return False
    return not rest or not (rest[0].endswith("s") and not rest[0].endswith(("ss", "ly", "us")))


def strip_connectives(text: str) -> int:
    """Characters to skip at the start of ``text`` for connectives and pointing lead-ins."""
    pos = 0
    for _ in range(3):
        match = _CONNECTIVE.match(text, pos)
        if not match:
            break
        pos = match.end()
    lead = _POINTING_LEAD.match(text, pos)
    if lead and len(text[lead.end() :].split()) >= _MIN_WORDS:
        rest = text[lead.end() :]
        if not starts_with_pronoun(rest):
            pos = lead.end()
    return pos


#: A sentence opening with "Whereas" sets itself against the sentence before: cut out, it is a
#: clause with nothing to contrast ("Whereas metals that corrode, such as iron, held little.").
_CONTRAST_ONLY = re.compile(r"whereas\b", re.IGNORECASE)


def statement(sentence: Sentence, is_prose: bool = True) -> Statement | None:
    """The stand-alone statement of ``sentence``, or None when it cannot stand alone."""
    text = sentence.text
    if not is_prose or text.endswith("?") or ("\n" in text.strip() and len(text) < 40):
        return None
    words = text.split()
    if not _MIN_WORDS <= len(words) <= _MAX_WORDS:
        return None
    if _AUTHOR_VOICE.search(text) or text.count('"') % 2 or _FIGURE_REFERENCE.search(text):
        return None
    if text.rstrip().endswith(":"):
        return None  # round 34: "In 1653 the poet asks the question:" and the question is gone
    skip = strip_connectives(text)
    body = text[skip:]
    if starts_with_pronoun(body) or len(body.split()) < _MIN_WORDS or _CONTRAST_ONLY.match(body):
        return None
    end = len(text.rstrip())
    while end > skip and text[end - 1] in ".!;:":
        end -= 1
    return Statement(
        sentence, sentence.start + skip, sentence.start + end, bool(HEDGE.search(body))
    )


#: Where a trailing clause or phrase that adds to the main claim begins: a stem stops there
#: when the blank lies before it (issue 10: stems were 23 words on average, 13 % over 35).
_TRAILING = re.compile(
    r",\s+(?!including\b)(?:which|who|whom|whose|where|while|whereas|although|though|with|"
    r"[a-z]{3,}ing|followed|as well as|and thus|thus|but|yet|"
    r"(?:in|of|by|during|after|through|under|for|from|to|on|at) (?:which|whom)|"
    r"and (?:it|its|he|she|they|his|her|their|all|both|each|many|most|some)\b|"
    r"and (?:was|is|were|are|has|had|later|also|then|became|remained|went))\b|\s+[-–—]\s+|;\s+"
)
_DASH = re.compile(r"\s+[-–—]\s+")
#: A relative clause: when a comma closes it, the sentence's main verb may come after it
#: ("the Agency's Ariane launch vehicles, which are used by many, benefit from ..."), so the
#: stem is not cut there (round 2: "The European Space Agency's _____." was a fragment).
_RELATIVE = re.compile(
    r",\s+(?:(?:in|of|by|during|after|through|under|for|from|to|on|at) )?"
    r"(?:which|who|whom|whose|where)\b"
)
#: A modifier after a determiner or preposition, then ", <word>ing": two modifiers of one noun
#: ("of coordinated, evolving projects"), not a clause to cut (round 22).
_OPEN_MODIFIER = re.compile(r"\b(?:a|an|the|of|for|with|by|in|on|to) [a-z]+(?:ed|al|ic)$")
_ING = re.compile(r",\s+[a-z]{3,}ing\b")
#: A short contrast at the end of what a cut would keep ("Warsaw had 1,300,000 people, but in
#: 1945"): its claim is in the part after the cut, so the cut leaves a fragment (round 19).
_OPEN_CONTRAST = re.compile(r",\s+(?:but|yet|while|whereas)(?:\s+[^\s,;]+){1,3}$")
#: A condition whose claim comes after the cut ("argues that if a person violates a law, and
#: then wins his case, then ...") and a list cut before its last item ("consider students'
#: _____, environment, and their learning goals"): the fit split, round 32.
_CONDITIONAL = re.compile(r"(?:^|\bthat\s+)(?:if|unless)\b", re.IGNORECASE)
#: ", partnering and construction management" to the end: an "-ing" word that is a list's
#: item, not a clause (round 34: "including _____." lost the list's other items).
_ING_ITEM = re.compile(
    r",\s+[a-z]+ing(?=,|\s+(?:and|or)\s)(?:,\s+[^,;]{1,40})*,?\s+(?:and|or)\s+[^,;]{1,40}$"
)
_LIST_SO_FAR = re.compile(r",\s+[^\s,;]+(?:\s+[^\s,;]+){0,2}$")
#: A statement kept after cutting has at least this many words.
_MIN_FOCUS_WORDS = 7


def _says_nothing_yet(head: str) -> bool:
    """``head`` (what a cut would keep) has no word that may be a verb outside its blank
    (``wordclass.verb_like``) and no copula to say it with: a cut there would leave "On _____,
    Syria and Egypt." (round 27)."""
    words = re.findall(r"[A-Za-z]+", head.replace(BLANK, " "))
    return not any(verb_like(w) for w in words if w.islower()) and said_with_copula(head) == head


#: Words that open the second half of a contrast, which cannot stand without the first.
_NO_MAIN_CLAUSE = frozenset({"whereas", "while", "although", "though", "but", "yet"})
#: Words after "; " that leave what follows no clause of its own to cut a stem to: function
#: words (but a determiner or a preposition of time or place opens one) and a contrast's half.
_NO_CUT_AFTER_SEMICOLON = (
    STOPWORDS - {"the", "a", "an", "in", "on", "at", "by", "during"}
) | _NO_MAIN_CLAUSE


def focus(norm: str, stmt: Statement, start: int, end: int) -> Statement:
    """The statement cut to the clause that holds [start, end): a clause after "; " when the
    span lies in it, and no trailing ", which ..." / ", with ..." / "; ..." after the span.
    Each part kept reads as a sentence of its own, so the stem stays self-contained."""
    body_start, body_end = stmt.body_start, stmt.body_end
    for match in re.finditer(r";\s+", norm[body_start:start]):
        rest = norm[body_start + match.end() : body_end]
        head = rest.split(" ", 1)[0].lower()
        if head in _NO_CUT_AFTER_SEMICOLON:
            continue  # round 36: "; whereas iron ... contained very little" is half a contrast
        if len(norm[body_start + match.end() : end].split()) >= 2:
            body_start = body_start + match.end()
            break
    for match in _TRAILING.finditer(norm, end, body_end):
        head = norm[body_start : match.start()]
        if head.count("(") > head.count(")"):
            continue  # round 5: a cut inside a bracket leaves it open ("... (OAPEC.")
        if _RELATIVE.match(norm, match.start()) and "," in norm[match.end() : body_end]:
            continue  # ", which ..., benefit from ...": an aside, the main verb comes after it
        if norm.startswith(", but", match.start()) and "not only" in norm[body_start:end]:
            continue  # "not only X, but also Y": the claim needs both halves
        if _DASH.match(norm, match.start()) and (
            len(_DASH.findall(norm, body_start, match.start())) % 2
            or _DASH.search(norm, match.end(), body_end)
        ):
            continue  # a dash of an aside ("Sadat – whose policies ... – did"): the verb follows
        if _OPEN_MODIFIER.search(norm, body_start, match.start()) and _ING.match(
            norm, match.start()
        ):
            continue  # "a program of coordinated, evolving projects": one noun phrase
        if _OPEN_CONTRAST.search(norm, body_start, match.start()):
            continue  # "..., but in 1945 – only 420,000": the contrast's claim comes after
        if _CONDITIONAL.search(norm, body_start, match.start()):
            continue  # "X argues that if a person violates a law, and then wins, ...": no claim
        if norm.startswith(", and", match.start()) and _LIST_SO_FAR.search(
            norm, body_start, match.start()
        ):
            continue  # "students' background knowledge, environment, and their goals": a list
        if _ING_ITEM.match(norm[match.start() : body_end]):
            continue  # "including design-build, partnering and construction management": a list
        if _says_nothing_yet(norm[body_start : match.start()]):
            continue  # "On October 6, 1973, Syria and Egypt, with support ...": the verb follows
        if len(norm[body_start : match.start()].split()) >= _MIN_FOCUS_WORDS:
            body_end = match.start()
            break
    if (body_start, body_end) == (stmt.body_start, stmt.body_end):
        return stmt
    return Statement(stmt.sentence, body_start, body_end, stmt.hedged)


def _spaces(text: str) -> str:
    """One space between words, none before punctuation."""
    return tidy_spaces(re.sub(r"\s+", " ", text)).strip()


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def lower_first(text: str) -> str:
    """Lower-case the first word when it is an ordinary word ("The" -> "the", not "NASA")."""
    match = _WORD.match(text)
    if match and match.group().lower() in STOPWORDS and not match.group().isupper():
        return text[:1].lower() + text[1:]
    return text


def body_text(
    norm: str, stmt: Statement, start: int | None = None, end: int | None = None, insert: str = ""
) -> str:
    """The statement, with the span [start, end) replaced by ``insert`` when given."""
    if start is None or end is None:
        return _spaces(norm[stmt.body_start : stmt.body_end])
    return _spaces(norm[stmt.body_start : start] + insert + norm[end : stmt.body_end])


#: A bracket right beside the blank: a unit conversion ("_____ (37 mi)") or a definition
#: ("_____ (firms engaged in ...)") that gives the key away (issue 10, round 2).
_BESIDE_BLANK = re.compile(
    r"\s*\([^()]{0,120}\)\s*(?=" + re.escape(BLANK) + r")"
    r"|(?<=" + re.escape(BLANK) + r")\s*\([^()]{0,120}\)"
)


_ASIDE = re.compile(r"\s*\([^()_]{0,200}\)")


def without_bracket_beside_blank(body: str) -> str:
    """``body`` without a bracketed aside right before or after its blank, and without any other
    bracketed aside: a conversion, an acronym or an alias there may give the key away ("_____
    was approached ... (renamed Walt Disney's Wonderful World)") and makes the stem longer."""
    body = _BESIDE_BLANK.sub(lambda m: " " if m.group()[:1].isspace() else "", body)
    return tidy_spaces(_ASIDE.sub("", body))


def closed_brackets(body: str) -> str:
    """``body`` cut before a bracket it opens after its blank and never closes
    ("... of _____ in the mid-1960s (particularly the manifesto Milestones, a.k.a"): a stem
    cut inside a bracket does not read (round 5). An unclosed one before the blank, or an
    unpaired quote (cut there, '... such as _____, "are known' leaves a fragment), is left
    for ``checks`` to reject."""
    depth, opened = 0, -1
    for at, char in enumerate(body):
        if char == "(":
            depth, opened = depth + 1, at if depth == 0 else opened
        elif char == ")" and depth:
            depth -= 1
    cut = opened if depth else -1
    if cut < 0 or BLANK not in body[:cut]:
        return body
    return body[:cut].rstrip(" ,;:-\u2013\u2014")


#: An adverbial that points out of the stem ("during this period", "Even in this case,", "in
#: this sense", an opening "Ten years later," or "Soon afterward,"): it adds nothing the stem
#: can anchor, so it is cut rather than the question dropped (round 5: "this ..." with
#: nothing to point to).
_POINTING_ADVERBIAL = re.compile(
    r"^(?:even\s+)?(?:in|at|during|by|for|from|of)\s+this\s+"
    r"(?:period|time|point|stage|era|manner|way|sense|case|respect|regard|context)\b,?\s+"
    r"|^(?:(?:soon|shortly|not long|immediately)\s+(?:after(?:wards?)?|thereafter)"
    r"|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|\d+)\s+"
    r"(?:years?|months?|weeks?|days?|decades?)\s+(?:later|earlier|afterwards?|prior to this)"
    r"|(?:at|during|by|around)\s+that\s+time),\s+"
    r"|,?\s+(?:even\s+)?(?:in|at|during|by|for|from|of)\s+this\s+"
    r"(?:period|time|point|stage|era|sense|case|respect|regard|context)\b(?=\W)"
    r"|,\s+(?:in|at|within|across)\s+this\s+(?:part|area|region|section|district)"
    r"(?:\s+of\s+[A-Z][\w-]*)?,(?=\s)"
    r"|\s+(?:in|within)\s+this\s+(?:field|discipline|subject)\b(?=[\s,])"
    # "The results showed that ..." (round 31): which results, the stem cannot say
    r"|^(?:the|these|its|their)\s+(?:results|findings|data|study|survey)\s+"
    r"(?:showed|show|suggested|suggest|indicated|indicate|revealed|found)\s+that\s+",
    re.IGNORECASE,
)


def without_pointing_adverbial(body: str) -> str:
    """``body`` without an adverbial that points to the text around it ("during this
    period"), its first letter a capital again when the stem opened with the adverbial."""
    cut = _POINTING_ADVERBIAL.sub("", body, count=1)
    if cut == body:
        return body
    return _capitalise(cut) if body[:1].isupper() else cut


#: Where a clause joined after the blank begins: "... for pharmacy professionals and this is
#: who regulates ...", "... formed in _____ to carry out work on such a merger".
_JOINED_CLAUSE = re.compile(r"(?:,\s*|\s+)(?:and|but|while|whereas|so|yet|to)\s+")


#: A verb whose "to" opens its own object, not a new clause: "as it only needs to contain
#: this code" must not be cut to "as it only needs." (round 31).
_TAKES_TO = re.compile(
    r"\b(?:needs?|needed|wants?|wanted|tries|tried|seems?|seemed|has|have|had|able|aims?|aimed"
    r"|began|begins?|continues?|continued|ought|used|going|likely|unable)$"
)


def _joins_words(body: str, join: re.Match) -> bool:
    """A bare "and" between two words of one phrase, or the "to" of "needs to contain", not
    two clauses: "the architectural and artistic remnant of this creativity" must not be cut
    to "the architectural" (round 9). A clause goes on with a function word or a verb ("and
    this is who ...", "and satisfies ...")."""
    if join.group().strip() == "to":
        return bool(_TAKES_TO.search(body, 0, join.start()))
    if "," in join.group() or join.group().strip() != "and":
        return False
    following = body[join.end() :].split(" ", 1)[0]
    return following.islower() and following not in STOPWORDS and following not in verb_forms()


def without_pointing_tail(body: str) -> str:
    """``body`` cut before a clause joined after the blank that points out of the stem ("and
    this is who ...", "to carry out work on such a merger"): the blank's clause stands alone,
    and the question is kept rather than dropped for a reference it does not need (round 5)."""
    at = body.find(BLANK)
    if at < 0:
        return body
    after = at + len(BLANK)
    pointing = next((m for m in pointing_matches(body) if m.start() >= after), None)
    if pointing is None:
        return body
    joins = [
        m
        for m in _JOINED_CLAUSE.finditer(body, after, pointing.start())
        if not _joins_words(body, m)
    ]
    if not joins or len(body[: joins[-1].start()].split()) < _MIN_FOCUS_WORDS:
        return body
    head = body[: joins[-1].start()].rstrip(" ,;:")
    if _says_nothing_yet(head):
        return body  # "The French Wars of Religion in _____ and ... destroyed": no verb yet
    return head


#: "this" or "these" before a noun, not as a pronoun ("this is", "this was") nor in a time
#: ("this year", which other checks judge).
#: "this year", "this time" and "to this day" (round 43: "to the day" is no English) stay;
#: so does "in this way", which ``quality.points_back`` refuses (which way?).
_THIS_NOUN = re.compile(
    r"\b([Tt]his|[Tt]hese)\s+(?!(?:year|time|day|way|manner)\b)(?=([A-Za-z][A-Za-z]+))"
)


def definite_for_this(body: str) -> str:
    """``body`` with "this heating and cooling" said as "the heating and cooling" (never "this"
    as a pronoun: "improved this to 65 million" must not become "improved the to").

    Cut out of its paragraph, a stem has nothing for "this" to point to, and judges mark it
    ungrammatical; the noun after it still names what the sentence speaks of, so "the" reads
    and the question is kept rather than dropped (round 5). Quoted words are left as written.
    """
    if "this" not in body.lower() and "these" not in body.lower():
        return body

    def definite(match: re.Match) -> str:
        if body[: match.start()].count('"') % 2 or this_as_pronoun(body[match.start() :][:60]):
            return match.group()  # quoted, or a pronoun: left for ``pointing_out`` to refuse
        return "The " if match.group(1)[0] == "T" else "the "

    return _THIS_NOUN.sub(definite, body)


def cloze(norm: str, stmt: Statement, start: int, end: int, keep_case: bool = True) -> str:
    """The statement with [start, end) blanked; "According to the article" when hedged. A
    bracket beside the blank is dropped: it would give the key away.

    ``keep_case`` is False when the first word is an ordinary word that may be lower-cased."""
    body = body_text(norm, stmt, start, end, BLANK)
    body = without_pointing_adverbial(closed_brackets(without_bracket_beside_blank(body)))
    body = definite_for_this(without_pointing_tail(body))
    before = paragraph_before(norm, stmt.sentence.start)
    body = city_named(named_in_full(body, before), before, norm)
    body = said_with_copula(body)
    if stmt.hedged:
        if not (keep_case or body.startswith(BLANK) or _titled_name(body)):
            body = body[:1].lower() + body[1:]
        return ACCORDING + _full_stop(body)
    return _capitalise(_full_stop(body))


#: Titles before a name, also written short ("Rev. Paul Stallsworth", "Gen. Zia").
_NAME_TITLES = TITLES | frozenset("rev fr gen col lt capt sgt sen gov prof".split())
_TITLED_NAME = re.compile(r"([A-Z][a-z]+)\.? (?:[A-Z]|_)")


def _titled_name(body: str) -> bool:
    """The statement opens with a title before a name, whose capital stays after "According to
    the article," (fit-split reading 47: "According to the article, rev. _____")."""
    found = _TITLED_NAME.match(body)
    return bool(found) and found.group(1).lower() in _NAME_TITLES


def _title_line(norm: str) -> str:
    """The text's first line when it is short enough to be a title ("" for a text pasted as
    one long line, which is never sliced or hashed whole for each stem)."""
    end = norm.find("\n", 0, 200)
    return norm[:end] if end >= 0 else ""


@lru_cache(maxsize=64)
def title_city(title: str) -> str | None:
    """The city an article is about, read off its title ("Warsaw", "Fresno, California"); not
    a title with a bracket ("Victoria (Australia)" is a state, not Hong Kong's Victoria)."""
    name = title.split(",")[0].strip()
    if not name or "(" in title or len(name.split()) > 4:
        return None
    place = gazetteer().get(name)
    return name if place is not None and place.kind == "city" else None


#: "the city" or "the city's", with the word after it (a compound's noun, "the city limits",
#: is left as written).
_THE_CITY = re.compile(r"\b[Tt]he city('s)?\b(?=(?:\s+([a-z]+))?)")
#: Nouns after "city" that could pass for verbs ("the city limits cover", "the city walls").
_CITY_COMPOUND = frozenset("limits walls gates council centre center state hall".split())


def _ends_phrase(word: str) -> bool:
    """A word after "the city" that ends its noun phrase: "in the city include", "the city in
    which", unlike the noun of "the city walls"."""
    return word in CLOSED_WORDS or word in verb_forms()


#: "was born here in 1745" in an article on a city (fit-split reading 48): here is the city.
_HERE = re.compile(r"\b(born|lived|died|buried|based|settled) here\b")
_CITY_WORD = re.compile(r"\b[A-Z][^\W\d_]+(?:\s+[A-Z][^\W\d_]+)?")
#: A name's first word that opens with a capital beyond A-Z: "Żelazowa" of "Żelazowa Wola",
#: whose "Wola" alone is no other city (a district of Warsaw, fit-split reading 48).
_NAME_HEAD = re.compile(r"(?<![^\W\d_])[^\W\d_a-zA-Z][^\W\d_]*\s+$")


def city_named(body: str, before: str, norm: str) -> str:
    """``body`` with "the city" (and "born here") said as the city the article is about ("In
    2006, _____ were registered in Warsaw"): cut out of its paragraph, "the city" does not say
    which, and the fit split's judges marked it every time (round 32). Left as written when
    the paragraph so far names another city ("the city's garrison" of Dyrrachium in an
    article on Normans)."""
    if "the city" not in body.lower() and not _HERE.search(body):
        return body
    city = title_city(_title_line(norm))
    if city is None:
        return body
    places = gazetteer()
    text = before + " " + body
    for match in _CITY_WORD.finditer(text):
        if _NAME_HEAD.search(text, max(0, match.start() - 30), match.start()):
            continue
        place = places.get(match.group())
        if place is not None and place.kind == "city" and match.group() not in city:
            return body

    def named(match: re.Match) -> str:
        after = None if match.group(1) else match.group(2)  # "the city's garrison": possessed
        if after and (after == "of" or after in _CITY_COMPOUND or not _ends_phrase(after)):
            return match.group()  # "the city of Newcastle", "the city limits", "the city walls"
        return city + ("'s" if match.group(1) else "")

    return _HERE.sub(rf"\1 in {city}", _THE_CITY.sub(named, body))


def paragraph_before(norm: str, start: int) -> str:
    """The text of the paragraph before ``start`` (back to the last blank line)."""
    return norm[norm.rfind("\n\n", 0, start) + 1 : start]


#: "the" and a noun of the stem that no "of ..." or clause after it defines: a lower-case one
#: ("the industry"), or a capitalised head standing for a name ("the Market").
_THE_NOUN = re.compile(
    r"\b([Tt])he ([a-z]{3,}|[A-Z][a-z]{2,})\b(?! of\b| that\b| which\b| who\b| [A-Z]|[-'’])"
)


def named_in_full(body: str, before: str) -> str:
    """``body`` with "the industry" said as the paragraph first named it, "the construction
    industry" ("the conjecture": "Goldbach's conjecture"), where an earlier sentence of the
    paragraph named it with a word in front (round 9); "the Market" said as the one "the ...
    Market" the paragraph named ("the Grainger Market", fit-split reading 64).

    Cut out of its paragraph, "the industry" does not say which: judges marked such stems
    ungrammatical in rounds 9 and 10 (nine of forty in one sample). Refusing them cost recall;
    the paragraph's own fuller name makes the stem say which, and the key is untouched."""
    if not before or "the " not in body.lower():
        return body
    done: set[str] = set()

    def fuller(match: re.Match) -> str:
        noun = match[2]
        if noun in done or noun.lower() in STOPWORDS or body[: match.start()].count('"') % 2:
            return match.group()  # quoted words stay as written
        if noun[:1].isupper() and re.search(rf"\b[A-Z]\w* {noun}\b", body):
            return match.group()  # the stem names its own "... Market"
        if compound_front(body, match.end()):
            return match.group()  # "the solar wind": "solar" is not the noun
        done.add(noun)
        name = _earlier_name(noun, before)
        if name is None or name.lower() in body.lower():
            return match.group()
        if name[:1].isupper() and name.split()[0].endswith("'s"):  # "Goldbach's conjecture"
            return name
        return f"{match[1]}he {name}"

    return _THE_NOUN.sub(fuller, body)


def _earlier_name(noun: str, before: str) -> str | None:
    """The last "<Name>'s noun" or "a/the <one or two words> noun" of ``before`` ("the steam
    turbine industry", "a working fluid"), its front words content words; None if the
    paragraph has none. The determiner in front makes sure the words are one noun phrase
    ("by using fluid" is not). Two different fuller names make it ambiguous: None (round 12:
    "the population" after "the European population" and "the postincident population")."""
    found: dict[str, str] = {}  # the same name in any case counts once
    unnamed = False  # a kind of it named in words ``_name_before`` cannot take
    at = before.find(f" {noun}")
    while at >= 0:
        end = at + 1 + len(noun)
        if (end == len(before) or not before[end].isalnum()) and not compound_front(before, end):
            name = _name_before(before, at, noun)
            if name:
                found[name.lower()] = name
            elif _modified(before, at):
                unnamed = True
        at = before.find(f" {noun}", end)
    if not found and not unnamed and noun[:1].isupper():
        found = {
            name.lower(): name for name in _NAMES_ENDING.findall(before) if _ends_in(name, noun)
        }
    return next(iter(found.values())) if len(found) == 1 and not unnamed else None


#: A proper name of up to three capitalised words and its capitalised head ("the Ottoman
#: Empire", "the Grainger Market"): what "the Empire" or "the Market" of a stem is when the
#: paragraph before names one such thing (fit-split reading 64).
_NAMES_ENDING = re.compile(r"(?<=\bthe )((?:[A-Z][\w'-]+ ){1,3}[A-Z][a-z]{2,})\b")


def _ends_in(name: str, noun: str) -> bool:
    """``name``'s head is ``noun`` ("Grainger Market" and "Market")."""
    return name.rsplit(" ", 1)[-1].lower() == noun.lower()


_NEXT_WORD = re.compile(r" ([a-z]+)\b")


def compound_front(text: str, end: int) -> bool:
    """The word ending at ``end`` stands before another noun of its phrase ("solar" in "the
    solar wind", "the primordial solar nebula"): a lower-case word follows that is neither a
    function word nor a verb. Such a word names nothing on its own, so neither "the solar"
    of a stem nor "the primordial solar" of the paragraph is a name to complete (round 25
    and 26: "the solar wind" became "the primordial solar wind")."""
    follows = _NEXT_WORD.match(text, end)
    if follows is None:
        return False
    word = follows[1]
    return word not in STOPWORDS and word not in CLOSED_WORDS and word not in verb_forms()


#: The few determiners before a fuller name of a noun ("the steam turbine industry", "its working
#: fluid"): not "some", "each" or "no", which do not name one thing.
_NAMING_DETERMINERS = frozenset({"the", "a", "an", "this", "these"}) | (
    POSSESSIVES - {"my", "your", "our"}
)


def _modified(before: str, at: int) -> bool:
    """The word before the noun at ``at`` is a content word ("a green algal derived
    chloroplast"): the paragraph speaks of a kind of it that ``_name_before`` cannot name, so a
    fuller name found elsewhere may not be the one meant (round 16: "this chloroplast" became
    "the original peridinin chloroplast", which the paragraph said was lost)."""
    words = before[max(0, at - 40) : at].split()
    if not words:
        return False
    word = words[-1].lower()
    return word.isalpha() and word not in STOPWORDS and word not in _NAMING_DETERMINERS


def _name_before(before: str, at: int, noun: str) -> str | None:
    """The name that ends with ``noun`` at offset ``at`` of ``before``, if one does."""
    words = before[max(0, at - 80) : at].split()[-4:]
    if words and words[-1].endswith("'s") and words[-1][:1].isupper():
        return f"{words[-1]} {noun}"
    for size in (2, 1):
        if len(words) < size + 1:
            continue
        determiner, front = words[-size - 1], words[-size:]
        if determiner.lower() not in _NAMING_DETERMINERS or not all(
            w.replace("-", "").isalpha() and w.lower() not in STOPWORDS and not w.endswith("ly")
            for w in front
        ):
            continue
        if len(front[-1]) < 4:
            continue
        if _OTHER_THING.search(" ".join(words[: -size - 1])):
            continue  # "based on the British program": another program (readings 48, 51)
        described = len(words) > size + 1 and words[-size - 2].lower() in _DESCRIBING_WORDS
        if determiner.lower() in {"a", "an"} and described:
            return None  # "turned Harvard into a modern research university": not "the university"
        return f"{' '.join(front)} {noun}"
    return None


#: Words before a fuller name that make it another thing than the one the stem speaks of:
#: "a game show based on the British program" is not "the program" ABC renewed.
_OTHER_THING = re.compile(
    r"\b(?:based on|version of|remake of|adaptation of|unlike|than|instead of|rather than)$"
)
#: A verb or preposition that makes "a ..." after it say what something is, not name a thing.
_DESCRIBING_WORDS = frozenset(
    "is was are were be been being into as become becomes became remain remains remained".split()
)


def _full_stop(body: str) -> str:
    """``body`` ended by one full stop: a comma or colon it was cut at goes, and an ending
    full stop ("... Communities.", an abbreviation) is not doubled (round 5: "School,.")."""
    body = body.rstrip(" ,;:")
    return body if body.endswith(".") else body + "."


#: Endings of common nouns and adjectives that open a sentence but name nothing
#: ("Environmentalists", "Imperialism", "Geopolitics", "Treaties"; round 20).
_COMMON_ENDINGS = ("ing", "ly", "ism", "isms", "ists", "ics", "ies", "tions", "ments", "ities")


def _ordinary_opener(low: str, ordinary: frozenset[str]) -> bool:
    """The sentence's first word is an ordinary word, lower-cased inside the question: a
    stopword, a word the article writes in lower case (or its singular: "Examples"), or a
    word with a common noun's ending."""
    return (
        low in STOPWORDS | PREPOSITIONS | {"none"}
        or low in ordinary
        or low.removesuffix("s") in ordinary
        or low.removesuffix("es") in ordinary
        or low.endswith(_COMMON_ENDINGS)
    )


_PLURAL_SUBJECT = re.compile(r"[A-Z][a-z]{3,}[^s]s (?:are|were)\b")


def _plural_subject(text: str) -> bool:
    """The statement opens with a plural noun and "are"/"were" ("Epoxides are ethers ..."): a
    class of things, lower-cased in the question even when the article never writes it in
    lower case (round 25: "is it true that Epoxides are"). Names the article capitalises
    mid-sentence ("Mongols were") are kept by the caller before this is asked."""
    return bool(_PLURAL_SUBJECT.match(text))


#: A compound written with a small letter after its hyphen ("Mid-ocean", "Long-term"): an
#: ordinary word opening the sentence, where names join capitals ("Anglo-Norman").
_LOWER_COMPOUND = re.compile(r"[A-Z][a-z]+-[a-z][a-z-]*")


#: A quotation that ends the statement with its own full stop: '... or die."' asked with "?".
_QUOTE_STOP = re.compile(r"[.!](['’\"”])$")


def true_false_stem(
    statement_text: str,
    keep_case: bool = False,
    names: frozenset[str] = frozenset(),
    ordinary: frozenset[str] | None = None,
) -> str:
    """ "According to the article, is it true that <statement>?"; the first word is lower-cased
    unless it begins a name (``keep_case``, or a word the article capitalises mid-sentence:
    ``names``, or, given the words the article writes in lower case (``ordinary``), a word
    that is neither one of them nor a stopword: not "that greenland signed ...") or is an
    acronym."""
    text = said_with_copula(definite_for_this(statement_text).rstrip(" .;:"))
    text = _QUOTE_STOP.sub(r"\1", text)  # '"Wise up or die."?' (fit-split reading 52)
    first = text.split(" ", 1)[0]
    bare = first.strip(",;:'\"")
    keep_case = keep_case or name_key(bare) in names
    low = bare.lower()
    if ordinary is not None and not _ordinary_opener(low, ordinary):
        keep_case = keep_case or not (_plural_subject(text) or _LOWER_COMPOUND.fullmatch(bare))
    acronym = len(first) > 1 and first[1:2].isupper()
    keep_case = keep_case or bare in MONTHS  # "July is the warmest month" ("may" is a verb too)
    if (not keep_case or first.lower() in _LOWER_OPENERS) and not acronym:
        text = text[:1].lower() + text[1:]
    return TF_PREFIX + text + "?"
