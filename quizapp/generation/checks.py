"""The automatic quality checks. ``audit`` names the checks a question fails.

Each check is a small function that looks at one question against the article it came from. The
generator runs every question through them and keeps only questions that pass them all, so these
checks are both a guard and a specification of what a good question is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise

from .article import Article, analyse_cached
from .candidates import NAMED, TIME, Candidate
from .distractors import excluded_canonicals, key_kind, option_kind
from .lexicon import HEDGE, STOPWORDS, name_key
from .nametype import HEAD_WORDS, same_subkind, subkind
from .phrases import (
    broad_phrase,
    fill_key_shape,
    generic_fault,
    noun_phrase_fault,
    phrase_head,
)
from .priors import statistic_sentence
from .quality import (
    _YEAR_IN,
    LASTING,
    MAX_STEM,
    MAX_TF_WORDS,
    MAX_TRUE_WORDS,
    OPINION,
    POINTING_THIS,
    TF_SWAP_CATEGORIES,
    TF_SWAP_KNOWN,
    TITLES,
    YEARLY,
    bounded_blank,
    bounded_figure,
    bracket_beside_blank,
    broken_option,
    broken_surface,
    clause_fragment,
    copied_sentence,
    count_contradicted,
    count_listed,
    dangling_it,
    dangling_pronoun,
    dash_glued,
    doubled_word,
    duration_given,
    echoes_stem_figure,
    fragment_key,
    fragment_stem,
    given_names,
    glued_words,
    headless_key,
    in_aside,
    keeps_order,
    letter_tail_key,
    looks_like_person,
    lower_text,
    lower_words,
    misread_number,
    named_alone,
    noun_after_blank,
    number_of,
    odd_one_out,
    one_of_many,
    open_ended,
    options_run_on,
    participle_tail_key,
    person_shaped,
    pointing_noun,
    pointing_out,
    points_back,
    ruled_out_by_name,
    ruled_out_by_place,
    ruled_out_years,
    split_coordination,
    split_phrase,
    splits_compound,
    statement_fragment,
    stem_words,
    subordinate_only,
    swap_in_series,
    tailless_key,
    trivial_count,
    two_names,
    unanchored_statement,
    unanchored_time,
    unbalanced,
    unfit_words,
    verb_tail_key,
    whole_sentence,
    year_in,
)
from .stems import ACCORDING, BLANK, TF_PREFIX, starts_with_pronoun
from .text import normalise
from .types import GeneratedQuestion
from .wordclass import CLOSED_WORDS, PLURAL, verb_like

_PREFIXES = (TF_PREFIX, ACCORDING, "Which of these belong in the blank? ")
_YEAR_SHAPE = re.compile(r"\d{3,4}")
_DIGITS = re.compile(r"\d")
_WORD = re.compile(r"[^\W_]+")  # words without punctuation


@lru_cache(maxsize=4096)
def _tokens(text: str) -> str:
    """Words of ``text``, lower-cased, between single spaces (with a space at each end)."""
    return " " + " ".join(_WORD.findall(normalise(text).lower())) + " "


def _contains(haystack: str, needle: str) -> bool:
    """Word-bounded, case-insensitive containment, ignoring punctuation and spacing."""
    wanted = _tokens(needle)
    return wanted != "  " and wanted in _tokens(haystack)


def stem_body(stem: str) -> str:
    """The stem without the fixed prefixes the generator puts in front of a statement."""
    body = stem
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if body.startswith(prefix):
                body = body[len(prefix) :]
                changed = True
    return body


def key_strings(question: GeneratedQuestion) -> list[str]:
    if question.kind in {"multiple_choice", "fill_blank"}:
        return [str(question.answer)]
    if question.kind in {"multiple_select", "ordering"}:
        return [str(item) for item in question.answer]
    if question.kind == "matching":
        return [str(pair[1]) for pair in question.answer]
    if question.kind == "numeric":
        return [
            f"{question.answer:g}" if isinstance(question.answer, float) else str(question.answer)
        ]
    return []


def key_candidate(article: Article, question: GeneratedQuestion, key: str) -> Candidate | None:
    """The candidate of the source sentence the key stands for, if the analysis found one."""
    sentence = article.sentence_at(question.source.start)
    if sentence is None:
        return None
    wanted = name_key(key)
    for cand in article.candidates[sentence.index]:
        if name_key(cand.text) == wanted:
            return cand
    return None


def _names_of(article: Article, text: str) -> set[str]:
    return article.aliases.names_of(article.aliases.find(name_key(text)))


# --- the checks -----------------------------------------------------------------------------------


def check_source(article: Article, q: GeneratedQuestion) -> bool:
    s = q.source
    return article.text[s.start : s.end] == s.sentence and s.end > s.start


def check_key_in_source(article: Article, q: GeneratedQuestion) -> bool:
    source = q.source.sentence
    if q.kind in {"multiple_choice", "fill_blank", "multiple_select", "numeric"}:
        return all(_contains(source, key) for key in key_strings(q))
    if q.kind == "true_false":
        statement = stem_body(q.stem).rstrip("?")
        if q.answer is True:
            return _contains(source, statement)
        if _contains(source, statement):
            return False
        swapped = list(q.distractor_origins)
        return bool(swapped) and all(not _contains(source, s) for s in swapped)
    if q.kind == "matching":
        return all(_stated_together(article, left, right) for left, right in q.answer)
    if q.kind == "ordering":
        return _ordering_true(article, q)
    return False


def _stated_together(article: Article, left: str, right: str) -> bool:
    canonical = article.aliases.find(name_key(left))
    indexes = article.mentions.get(canonical, ())
    parts = [p for p in re.split(r", | and ", right) if p]
    return any(
        _contains(article.sentences[i].text, left)
        and all(_contains(article.sentences[i].text, part) for part in parts)
        for i in indexes
    )


def _year_of(article: Article, label: str) -> float | None:
    canonical = article.aliases.find(name_key(label))
    for index in sorted(article.mentions.get(canonical, ())):
        times = [c for c in article.candidates[index] if c.category in TIME]
        if len(times) == 1 and _contains(article.sentences[index].text, label):
            return times[0].value
    return None


def _ordering_true(article: Article, q: GeneratedQuestion) -> bool:
    years = [_year_of(article, item) for item in q.answer]
    if any(y is None for y in years) or len(years) < 3:
        return False
    return all(a < b for a, b in pairwise(years))


def check_distractors_false(article: Article, q: GeneratedQuestion) -> bool:
    if q.kind not in {"multiple_choice", "multiple_select"} or not q.options:
        return True
    keys = key_strings(q)
    wrong = [o for o in q.options if o not in keys]
    source = q.source.sentence
    key = key_candidate(article, q, keys[0])
    excluded = (
        excluded_canonicals(article, key) if key is not None and key.category in NAMED else set()
    )
    for option in wrong:
        if _contains(source, option):
            return False
        canonical = article.aliases.find(name_key(option))
        if canonical in excluded:
            return False
        if q.kind == "multiple_choice" and BLANK in q.stem:
            filled = stem_body(q.stem).replace(BLANK, option).rstrip(".")
            mentioned = sorted(article.mentions.get(canonical, ()))[:50]
            if any(_contains(article.sentences[i].text, filled) for i in mentioned):
                return False
    return True


def check_leak(article: Article, q: GeneratedQuestion) -> bool:
    if q.kind in {"true_false", "matching", "ordering"}:
        return True
    stem = q.stem
    stem_words = _WORD.findall(stem_body(stem).lower())
    for key in key_strings(q):
        names = _names_of(article, key) | {name_key(key)} | {name_key(a) for a in q.accepted}
        if any(_contains(stem, name) for name in names if name):
            return False
        content = [w for w in _WORD.findall(key.lower()) if w not in STOPWORDS and len(w) > 3]
        if content and all(_contains(stem, w) for w in content):
            return False
        if _cognate_gives_away(q, content, stem_words) or _demonym_in_stem(key, stem_words):
            return False
        if completes_hundred(stem, key):
            return False
    return True


_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)")


def completes_hundred(stem: str, key: str) -> bool:
    """A share the stem's other shares add up to 100 % with: "_____, 3.3% black and 2.7%
    Asian" with key "94.0% white" (fit-split reading 46) is sums, not reading."""
    mine = _PERCENT.search(key)
    others = [float(m.group(1)) for m in _PERCENT.finditer(stem)]
    if mine is None or not others:
        return False
    return abs(float(mine.group(1)) + sum(others) - 100) <= 0.15


_DEMONYM_ENDINGS = ("an", "ian", "ese", "ish", "i", "ic", "n")


def _demonym_in_stem(key: str, stem_words: list[str]) -> bool:
    """A one-word place key whose people or language word stands in the stem ("In Tibetan
    Buddhism the teachers in _____" with key "Tibet", round 27): the stem names it."""
    words = _LEADING.sub("", key).split()
    if len(words) != 1 or not words[0][:1].isupper():
        return False
    place = words[0].lower()
    stems = {place, place.rstrip("aeiouy")}
    return any(
        word == f"{root}{ending}"
        for word in stem_words
        for root in stems
        for ending in _DEMONYM_ENDINGS
    )


def _cognate_gives_away(q: GeneratedQuestion, content: list[str], stem_words: list[str]) -> bool:
    """A one-word key beside a stem word of its root, or the one option of a multiple choice
    that shares a root with the stem (:func:`shares_word_stem`)."""
    if q.kind == "multiple_choice":
        wrong = [str(o).lower() for o in q.options or () if o != q.answer]
        return shares_word_stem(content, stem_words, same_too=True) and not any(
            shares_word_stem(_WORD.findall(option), stem_words, same_too=True) for option in wrong
        )
    return len(content) == 1 and shares_word_stem(content, stem_words)


def _shared_start(one: str, other: str) -> int:
    """How many letters two words share from their start."""
    pairs = zip(one, other, strict=False)
    return next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(one), len(other)))


def shares_word_stem(key_words: list[str], stem_words: list[str], same_too: bool = False) -> bool:
    """A key word and a different stem word of one root ("Stratigraphers" beside "stratigraphic
    units", "Institute of Oncology" beside "oncological"): the stem gives the key away (judged
    blind, round 7). One root: a shared start of at least 7 letters and 70 % of the shorter
    word ("government" and "governor" share only 6; "geologists" and "geological" share 7 of
    10, round 22). With ``same_too`` the same word counts as well: the one option of a multiple
    choice that repeats a stem word ("the Museum of Independence" after "struggles for
    independence", round 26) is the one a student picks without knowing."""
    for mine in (w for w in key_words if len(w) >= 7):
        for word in stem_words:
            if (word == mine and not same_too) or len(word) < 7:
                continue
            shared = _shared_start(mine, word)
            if shared >= 7 and shared >= 0.7 * min(len(mine), len(word)):
                return True
    return False


def check_pronoun_start(article: Article, q: GeneratedQuestion) -> bool:
    body = stem_body(q.stem)
    if q.kind in {"matching", "ordering"}:
        return True
    return not starts_with_pronoun(body) and not re.match(
        r"(?:moreover|furthermore|additionally|however|similarly)\b", body, re.IGNORECASE
    )


def check_hedge(article: Article, q: GeneratedQuestion) -> bool:
    if q.kind in {"matching", "ordering"}:
        return True
    hedged = HEDGE.search(normalise(q.source.sentence)) or HEDGE.search(q.stem)
    return not hedged or "according to the article" in q.stem.lower()


def check_stem_form(article: Article, q: GeneratedQuestion) -> bool:
    stem = q.stem
    blanks = stem.count(BLANK)
    if blanks > 1 or "  " in stem or not _opens_sentence(stem):
        return False
    if re.search(rf"\b(?:a|an|A|An) {re.escape(BLANK)}", stem):
        return False
    if q.kind == "true_false":
        return stem.endswith("?") and blanks == 0
    if q.kind == "fill_blank":
        return blanks == 1
    return stem.endswith("?") or blanks == 1


def _opens_sentence(stem: str) -> bool:
    """The stem opens as a sentence does: a capital, the blank, a figure ("1970 also saw
    ...", "29.7% of ...") or a quotation that opens with one of these (round 5)."""
    head = stem[1:] if stem.startswith('"') else stem
    return head[:1].isupper() or head[:1].isdigit() or head.startswith(BLANK)


def check_options(article: Article, q: GeneratedQuestion) -> bool:
    """The options and answer have the shape the kind needs."""
    options, answer = q.options, q.answer
    if q.kind == "multiple_choice":
        return options is not None and len(options) == 4 and answer in options
    if q.kind == "multiple_select":
        return (
            options is not None
            and isinstance(answer, list | tuple)
            and len(answer) >= 2
            and set(answer) < set(options)
        )
    if q.kind == "true_false":
        return isinstance(answer, bool)
    if q.kind == "fill_blank":
        return isinstance(answer, str) and bool(answer) and answer in q.accepted
    if q.kind == "matching":
        rights = [pair[1] for pair in answer]
        return len(answer) >= 3 and options is not None and sorted(options) == sorted(rights)
    if q.kind == "ordering":
        return options is not None and len(answer) >= 3 and sorted(options) == sorted(answer)
    if q.kind == "numeric":
        return options is None and isinstance(answer, int | float) and not isinstance(answer, bool)
    return False


def check_duplicate_options(article: Article, q: GeneratedQuestion) -> bool:
    if not q.options:
        return True
    seen: set[str] = set()
    for option in q.options:
        identity = article.aliases.find(name_key(option))
        if identity in seen or name_key(option) in seen:
            return False
        seen.add(identity)
        seen.add(name_key(option))
    return True


def _form(option: str) -> str:
    """A coarse shape: years, other numbers, or words (with plurality)."""
    if _YEAR_SHAPE.fullmatch(option.strip()):
        return "year"
    if _DIGITS.search(option):
        return "number:" + re.sub(r"[\d,.]+", "#", option.lower()).split("#")[-1].strip()
    return "words"


def check_distractor_form(article: Article, q: GeneratedQuestion) -> bool:
    if q.kind not in {"multiple_choice", "multiple_select"} or not q.options:
        return True
    keys = key_strings(q)
    key_form = _form(keys[0])
    key_forms = {_form(k) for k in keys}  # a list of figures may count several things
    key = key_candidate(article, q, keys[0])
    for option in q.options:
        if option in keys:
            continue
        if _form(option) not in key_forms and (key_form == "year" or key_form.startswith("number")):
            return False
        if key is not None and key.category in NAMED:
            known = article.aliases.domain.get(name_key(option))
            if known is not None and known.category != key.category:
                return False
    return True


_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _common(text: str) -> bool:
    """A lower-case option ("climate change", "the cell wall"), not a name or a number."""
    bare = _LEADING.sub("", text.strip())
    return bare[:1].islower()


def _term_texts(q: GeneratedQuestion) -> list[str]:
    """The common-noun options of a question about a term (the key for fill_blank)."""
    if q.answer_type != "term":
        return []
    if q.kind in {"multiple_choice", "multiple_select"} and q.options:
        return [o for o in q.options if _common(o)]
    if q.kind == "fill_blank":
        return [str(q.answer)] if _common(str(q.answer)) else []
    return []


def check_noun_phrase(article: Article, q: GeneratedQuestion) -> bool:
    """Every common-noun option is a clean noun phrase: no verb in it ("countries forge
    connections", "the distant galaxies promise"), no function word, no lone adjective."""
    return all(
        noun_phrase_fault(text, article.verbs, article.nouns) is None for text in _term_texts(q)
    )


def check_generic(article: Article, q: GeneratedQuestion) -> bool:
    """No option is a lone generic word or a vague phrase ("hope", "future", "diverse range")."""
    return all(generic_fault(text) is None for text in _term_texts(q))


def _style(text: str) -> str:
    first = text.split(" ", 1)[0].lower() if " " in text.strip() else ""
    return "a" if first in {"a", "an"} else "the" if first == "the" else ""


def check_determiners(article: Article, q: GeneratedQuestion) -> bool:
    """The options of a multiple_choice term question share the key's determiner style (all
    "the ...", all "a/an ..." or all bare), and a capital "The" only when the key has one."""
    if q.kind != "multiple_choice" or q.answer_type != "term" or not q.options:
        return True
    texts = _term_texts(q)
    if len(texts) != len(q.options):
        return True  # names among the options: their own determiners
    key_first = str(q.answer).split(" ", 1)[0]
    styles = {_style(t) for t in texts}
    capital = {t.split(" ", 1)[0] == "The" for t in texts if _style(t) == "the"}
    return len(styles) == 1 and (key_first == "The" or True not in capital)


def check_same_head(article: Article, q: GeneratedQuestion) -> bool:
    """No wrong option is built on a key's head noun ("international cooperation" against
    "peaceful cooperation"): such near-synonyms may be true as well."""
    if q.kind not in {"multiple_choice", "multiple_select"} or q.answer_type != "term":
        return True
    keys = [k for k in key_strings(q) if _common(k)]
    heads = {phrase_head(k) for k in keys} | {_LEADING.sub("", k).lower().split()[-1] for k in keys}
    for option in q.options or ():
        if option in keys or not _common(option):
            continue
        if {phrase_head(option), option.lower().split()[-1]} & heads:
            return False
    return True


def check_fill_key(article: Article, q: GeneratedQuestion) -> bool:
    """A fill_blank term key is something a student can type (``questions.fill_key_shape``:
    a specific term of one to three words, not a vague or generic phrase); its form without
    "the" is accepted too."""
    if q.kind != "fill_blank":
        return True
    answer = str(q.answer)
    bare = _LEADING.sub("", answer)
    if bare != answer and bare.lower() not in {a.lower() for a in q.accepted}:
        return False
    if one_of_many(q.stem):
        return False  # "_____ was one of several men ...": the others fit it too
    if not _term_texts(q):
        return True
    return fill_key_shape(answer)


def check_blank_subject(article: Article, q: GeneratedQuestion) -> bool:
    """A blank for a common-noun phrase of three words or more does not open the stem
    ("_____ has long captivated ...")."""
    if q.kind not in {"multiple_choice", "fill_blank"} or q.answer_type != "term":
        return True
    if not _common(str(q.answer)) or len(_LEADING.sub("", str(q.answer)).split()) < 3:
        return True
    return not stem_body(q.stem).startswith(BLANK)


def check_true_false_form(article: Article, q: GeneratedQuestion) -> bool:
    """ "... is it true that <statement>?": one final "?", a lower-case ordinary first word and
    a capital kept for a name ("that Curie ...", not "that curie ...")."""
    if q.kind != "true_false":
        return True
    if not q.stem.startswith(TF_PREFIX) or not q.stem.endswith("?") or q.stem[-2:-1] in ".;:,":
        return False
    body = q.stem[len(TF_PREFIX) :]
    words = _WORD.findall(body[:80])
    if not words or subordinate_only(body, statement=True):
        return False  # round 36: "is it true that when the group is duplicated?"
    first = words[0]
    if first[:1].isupper() and first.lower() in STOPWORDS and not first.isupper():
        return False  # "that The ..."
    for n in (1, 2, 3):
        opening = words[:n]
        if len(opening) < n or not all(w[:1].islower() for w in opening):
            break
        phrase = " ".join(opening)
        if name_key(phrase) in article.mid_names and phrase not in q.source.sentence:
            return False  # a name lower-cased: "that curie died ..."
    return True


# --- issue 10: what blind judges flagged (helpers in ``quality``) ---------------------------------


def _wrong_options(q: GeneratedQuestion) -> list[str]:
    keys = key_strings(q)
    return [o for o in q.options or () if o not in keys]


def swapped_key(article: Article, q: GeneratedQuestion) -> Candidate | None:
    """The candidate of the source that a false true/false statement replaced."""
    body = stem_body(q.stem)
    for cand in article.candidates[_sentence_index(article, q)]:
        if not _contains(body, cand.text):
            return cand
    return None


def _sentence_index(article: Article, q: GeneratedQuestion) -> int:
    sentence = article.sentence_at(q.source.start)
    return sentence.index if sentence is not None else 0


def check_option_type(article: Article, q: GeneratedQuestion) -> bool:
    """Pattern 1: every option is the same kind of thing as the key. A person's name is never
    offered for a thing and a thing never for a person; for a false true/false statement, the
    value swapped in is the same kind as the one it replaced."""
    ordinary = lower_words(article)
    if q.kind in {"multiple_choice", "multiple_select"} and q.options:
        keys = key_strings(q)
        key = key_candidate(article, q, keys[0])
        if key is None or key.category not in NAMED | {"name"}:
            return True
        people = {looks_like_person(o, ordinary) for o in q.options}
        if key.category == "person":
            return all(person_shaped(o, ordinary) for o in q.options) and (
                len(people) == 1 or not looks_like_person(keys[0], ordinary)
            )
        if key.category == "name":
            return len(people) == 1 and not any(clause_fragment(o) for o in q.options)
        return people == {False}
    if q.kind == "true_false" and q.answer is False and q.distractor_origins:
        original = swapped_key(article, q)
        if original is None or original.category not in NAMED | {"name"}:
            return True
        swapped = next(iter(q.distractor_origins))
        if looks_like_person(swapped, ordinary) != looks_like_person(original.text, ordinary):
            return False
        known = category_of(article, swapped)
        return known is None or known == original.category
    return True


def check_option_kind(article: Article, q: GeneratedQuestion) -> bool:
    """Pattern 1, by fine type (``nametype``): a name key's wrong options are all of the key's
    own kind (a city for a city, a person for a person, an event for an event), and a key whose
    kind cannot be told has no options at all."""
    if q.kind not in {"multiple_choice", "multiple_select"} or not q.options:
        return True
    keys = key_strings(q)
    key = key_candidate(article, q, keys[0])
    if key is None or key.category not in NAMED | {"name"}:
        return True
    wanted = key_kind(article, key)
    wrong = [o for o in q.options if o not in keys]
    return bool(wanted) and all(option_kind(article, o) == wanted for o in wrong)


def category_of(article: Article, text: str) -> str | None:
    """The category the article (or the curated lists) gives a name, if it names it.

    Round 2: a false statement that swaps a church into a list of museums or a country into
    an action only a person takes is false on its face; the value swapped in must be of the
    replaced value's category wherever the article says what it is."""
    canonical = article.aliases.find(name_key(text))
    for index in sorted(article.mentions.get(canonical, ()))[:5]:
        for cand in article.candidates[index]:
            if cand.canonical == canonical and cand.category != "name":
                return cand.category
    entry = article.aliases.domain.get(name_key(text))
    return entry.category if entry is not None else None


#: What in a multiple choice's stem rules a wrong option out: a year on the other side of a
#: stated one, or a century stated for something else; a count stated for something else; a
#: ruler of the place the stem names.
_STEM_RULES_OUT = (ruled_out_years, echoes_stem_figure, ruled_out_by_place)


def check_ruled_out(article: Article, q: GeneratedQuestion) -> bool:
    """Pattern 2: no wrong option is ruled out by what the stem states (a date, a century, a
    count, a place; ``_STEM_RULES_OUT``) or named after something else the stem names (read
    with the article's title, whose words every stem may hold), and the key is not the odd
    one out by size, length or form."""
    if q.kind not in {"multiple_choice", "multiple_select"} or not q.options:
        return True
    if q.kind == "multiple_select":
        return not _forms_apart(list(q.answer), q.options)
    key = str(q.answer)
    if odd_one_out(key, q.options):
        return False
    title = article.layout.title or ""
    if ruled_out_by_name(q.stem, key, q.options, title) or named_alone(
        q.stem, key, q.options, title
    ):
        return False
    return not any(rule(q.stem, key, q.options) for rule in _STEM_RULES_OUT)


#: A people named by one plural word, with or without "the" ("the Byzantines", "Arabs").
_PEOPLE = re.compile(r"(?:the )?[A-Z][a-z]+s")


def _forms_apart(keys: list[str], options: tuple[str, ...]) -> bool:
    """Round 36: the peoples "Arabs" and "Lombards" were the only options without "the"
    beside "the Armenians", "the Venetians": a form of a people's name that only the keys
    have, or only the wrong options have, tells them apart unread. (Agencies are written both
    ways by nature: "NASA" beside "the Canadian Space Agency".)"""
    peoples = [o for o in options if _PEOPLE.fullmatch(o)]
    wrong = [o for o in peoples if o not in keys]
    right = [o for o in peoples if o in keys]

    def forms(texts: list[str]) -> set[bool]:
        return {t.startswith("the ") for t in texts}

    return bool(wrong and right) and forms(right) != forms(wrong)


def check_two_names(article: Article, q: GeneratedQuestion) -> bool:
    """Pattern 3: no two options may be one thing under two names."""
    if q.kind not in {"multiple_choice", "multiple_select"} or not q.options:
        return True
    return not two_names(q.options)


def check_surface(article: Article, q: GeneratedQuestion) -> bool:
    """Pattern 4: the stem reads (no blank splitting a token, no "between 8 to _____"), and each
    option (and a fill_blank key) reads on its own."""
    if broken_surface(q.stem):
        return False
    texts = list(q.options or ()) if q.kind in {"multiple_choice", "multiple_select"} else []
    if q.kind == "fill_blank":
        texts.append(str(q.answer))
    return not any(broken_option(t) for t in texts)


#: "it" as the subject after an opening phrase ("largely developed in the 1930s, it has ...",
#: "in 2005 it investigated ..."): not the "it" of "it is thought that".
_IT_AFTER_OPENING = re.compile(
    r"(?:[^,]{3,80}, |(?:in|on|by|during|after|before|since|until) [\w'’-]+(?: [\w'’-]+)? )"
    r"it\b(?! (?:is|was) (?:thought|believed|said|estimated|likely|possible|clear|known)\b)",
    re.IGNORECASE,
)


def check_true_false_clear(article: Article, q: GeneratedQuestion) -> bool:
    """Pattern 5: a statement stands on its own (no pronoun with nothing to point to) and a
    false one is false in its main claim, not in an aside ("... larger than X")."""
    if q.kind != "true_false":
        return True
    body = stem_body(q.stem)
    if dangling_pronoun(body) or pointing_noun(body) or unanchored_statement(body):
        return False
    if unanchored_time(body):
        return False  # "the network's programs during that time" (fit-split reading 54)
    if open_ended(body):
        return False
    if _IT_AFTER_OPENING.match(body) or dangling_it(body, blank_thing=False):
        return False  # "in 2005 it investigated ...", "among its icons are ...": which "it"?
    if body.count("(") != body.count(")"):
        return False  # round 3: a statement cut inside a bracket ("(9:00 a.m. to 3:00 p.m?")
    if stem_words(body) > MAX_TF_WORDS:
        return False  # round 3: a long statement tests reading, whichever its answer
    if q.answer is False:
        original = _swapped_original(article, q, body)
        if original is not None and original.category not in TF_SWAP_CATEGORIES:
            # round 3: a place or a name swapped in is false on its face, unless the article
            # itself gives the swapped name the same category (an agency for an agency)
            swapped = next(iter(q.distractor_origins), "")
            if original.category not in TF_SWAP_KNOWN or (
                category_of(article, swapped) != original.category
            ):
                return False
        if original is not None and _topic(article, original):
            return False  # round 3: "Apple Inc made a name for itself ..." in an article on ABC
        if any(swap_in_series(body, swapped) for swapped in q.distractor_origins):
            return False  # round 3: "the 1979–77 season", one item of a list swapped
        if original is not None and count_contradicted(
            body, next(iter(q.distractor_origins), ""), original.value
        ):
            return False  # round 5: "the fifty sources ... are X, Y and Z": the list counts
        if original is not None and _flips_order(body, original, q.distractor_origins):
            return False  # round 3: "a colony in 1862, self-ruled in 1855": false on its face
        origins = q.distractor_origins.values()
        if any(o.startswith("numeric") for o in origins) and (
            _ORDERED.search(body) or YEARLY.search(body)
        ):
            return False  # "after 1066" still true of 1072; "from 1994 to 1993" false on its face
        if original is not None and original.category in TIME and LASTING.search(body):
            return False  # "in 1942, Noble held a 58% stake": he may have held it then too
        for swapped in q.distractor_origins:
            at = body.find(swapped)
            if at < 0 or in_aside(body, at):
                return False
    return True


def _topic(article: Article, cand: Candidate) -> bool:
    """The article's own subject (named in more than one sentence in twenty): a statement with
    it swapped for another name is false on its face."""
    mentioned = len(article.mentions.get(cand.canonical, ()))
    return mentioned > 3 and mentioned > 0.05 * len(article.sentences)


def _flips_order(body: str, original: Candidate, swapped: dict[str, str]) -> bool:
    """A swapped year lands on the other side of another year the statement states than the
    true one: the dates contradict each other, so the statement is false on its face."""
    mine, other = year_in(original.text), year_in(next(iter(swapped), ""))
    if mine is None or other is None:
        return False
    stated = [int(y) for y in _YEAR_IN.findall(body.replace(str(other), " "))]
    return not keeps_order(other, mine, stated)


def _swapped_original(article: Article, q: GeneratedQuestion, body: str) -> Candidate | None:
    """The name, date or number of the source that a false statement replaced: one missing
    from the statement whose place, the words right before it, holds the swapped value."""
    swapped = next(iter(q.distractor_origins), "")
    for cand in article.candidates[_sentence_index(article, q)]:
        if cand.is_phrase or _contains(body, cand.text):
            continue
        before = article.norm[max(0, cand.start - 40) : cand.start].split()[-2:]
        after = article.norm[cand.end : cand.end + 40].split()[:2]
        if _contains(body, " ".join([*before, swapped])) or _contains(
            body, " ".join([swapped, *after])
        ):
            return cand
    return None


def _swapped_inside_quotes(q: GeneratedQuestion, body: str) -> bool:
    swapped = next(iter(q.distractor_origins), "")
    return bool(swapped) and any(swapped in quoted for quoted in _quotations(body))


_ORDERED = re.compile(r"\b(?:after|before|until|since|by|from|between|later|earlier)\b", re.I)


_DEGREES_AFTER_BLANK = re.compile(re.escape(BLANK) + r" ?°")


def check_worth_asking(article: Article, q: GeneratedQuestion) -> bool:
    """Pattern 6: no long sentence copied whole and marked true, no opinion or thesis asked as
    true or false, no small count ("two companies") the stem as good as states."""
    if q.kind == "true_false":
        body = stem_body(q.stem)
        if OPINION.search(body):
            return False
        if q.answer is True and whole_sentence(body.rstrip("?"), q.source.sentence):
            return False  # round 2: a whole sentence copied and marked true
        if q.answer is True and copied_sentence(body.rstrip("?"), q.source.sentence):
            return False  # round 5: ... whatever its length, a connective dropped or not
        if q.answer is False and _swaps_a_statistic(article, q):
            return False  # round 5: "year swap in a dense GDP statistic"
        if q.answer is False and _swapped_inside_quotes(q, body):
            return False  # round 14: a quoted title rewritten ("King of Cyprus and Calabria")
        return q.answer is False or len(body.split()) <= MAX_TRUE_WORDS
    if q.kind in {"multiple_choice", "fill_blank"} and duration_given(q.stem, str(q.answer)):
        return False  # round 3: "ruled for _____, from 1512 to 1514"
    if q.kind in {"multiple_choice", "fill_blank"} and count_listed(q.stem, str(q.answer)):
        return False  # round 22: "comprises _____ – admission, expansion, exhaust, compression"
    if q.kind == "fill_blank" and _title_in_key(article, str(q.answer)):
        return False  # round 13: "_____ appear even in ..." with key "Immune systems"
    if q.kind in {"multiple_choice", "fill_blank"} and q.answer_type == "number":
        degrees = _DEGREES_AFTER_BLANK.search(q.stem) is not None  # "_____ °C": no year
        return not trivial_count(str(q.answer)) and (degrees or not misread_number(str(q.answer)))
    if q.kind == "numeric" and q.settings.get("unit") not in (None, "", "%"):
        # round 3: "How many films? ... the _____ films" with key 1942: a year read as a count
        return not misread_number(f"{q.answer} {q.settings['unit']}")
    return True


def _title_in_key(article: Article, key: str) -> bool:
    """A key to type that is the article's title ("Immune systems" under "Immune system"): the
    title, always on show, gives it away. (Any key holding a title word: recall 550 -> 518.)"""
    title = [
        w.rstrip("s")
        for w in _WORD.findall((article.layout.title or "").lower())
        if w not in STOPWORDS
    ]
    words = [w.rstrip("s") for w in _WORD.findall(key.lower()) if w not in STOPWORDS]
    if not title or not words:
        return False
    # or a key of two words or more restates most of the title ("an oil crisis" under "1973
    # oil crisis", round 20); "international space agencies" is three words of a title of eight
    restated = len(words) >= 2 and set(words) <= set(title) and 2 * len(words) >= len(title)
    return words == title or restated


def _swaps_a_statistic(article: Article, q: GeneratedQuestion) -> bool:
    """A false statement made by swapping a figure or a date of a statistical sentence (one
    of several figures): which of them is off is a minor detail, not the sentence's point."""
    sentence = _sentence_index(article, q)
    original = _swapped_original(article, q, stem_body(q.stem))
    return (
        original is not None
        and original.category in TIME | {"number"}
        and statistic_sentence(article, sentence)
    )


def check_bounded_key(article: Article, q: GeneratedQuestion) -> bool:
    """Round 5, pattern 2: a figure that is a bound ("over 8 %", "more than _____", "_____ or
    more") gets no wrong options and no true/false swap: "over 8 %" is also true if 10 % died,
    and "over 2,500 years" is not ruled out by "over 2,000 years". It is asked to fill in."""
    if q.kind in {"multiple_choice", "multiple_select"} and q.options:
        return not any(bounded_blank(q.stem, key) for key in key_strings(q)[:1])
    if q.kind == "true_false" and q.answer is False:
        body = stem_body(q.stem)
        for swapped in q.distractor_origins:
            at = body.find(swapped)
            if at >= 0 and bounded_figure(body[:at], swapped, body[at + len(swapped) :]):
                return False
    return True


def check_stem_length(article: Article, q: GeneratedQuestion) -> bool:
    """Pattern 7: a stem is a question, not a paragraph: at most ``MAX_STEM`` words."""
    return stem_words(stem_body(q.stem)) <= MAX_STEM


def check_fit_words(article: Article, q: GeneratedQuestion) -> bool:
    """Pattern 7: no word unfit for a school class in the stem, options or key."""
    return not unfit_words(q.stem, *(str(o) for o in q.options or ()), *key_strings(q))


#: A key that cannot be the "he" or "his" after it: a thing ("the Union", "a vessel").
_THING = re.compile(r"(?:the|a|an) |[a-z]")


#: The numeric kind's prompts. ``quality.without_prefix`` also drops "What percentage?"; used
#: here it would refuse one more dangling "it" (a Steam engine question) and take recall under
#: its floor, so that step waits until recall has room (round 25).
_NUMERIC_PROMPT = re.compile(r"^(?:How many [^?]{1,40}|In what year)\? ")


def check_dangling_reference(article: Article, q: GeneratedQuestion) -> bool:
    """Pattern 5 for every kind with a stem from the article: no "he"/"his"/"they" before any
    name the pronoun could point to, no "its" or acting "it" before anything at all."""
    if q.kind in {"matching", "ordering", "true_false"}:
        return True
    body = stem_body(q.stem)
    key = str(q.answer) if q.kind in {"fill_blank", "multiple_choice"} else ""
    person = not (q.answer_type in {"place", "organisation", "company"} or _THING.match(key))
    thing = q.answer_type not in {"year", "number"}
    return not (
        dangling_pronoun(re.sub(r"\bth(?:is|ese|ose)\b", "", body), blank_person=person)
        or pointing_noun(body)
        or dangling_it(_NUMERIC_PROMPT.sub("", body), blank_thing=thing)
    )


# --- issue 10, round 2 ----------------------------------------------------------------------------

_BLANK_KINDS = {"multiple_choice", "fill_blank", "multiple_select"}


def check_bracket_beside_blank(article: Article, q: GeneratedQuestion) -> bool:
    """Round 2, pattern 2: no bracket touches the blank ("_____ (37 mi)", "_____ (firms
    engaged in ...)"): a conversion or a definition beside the blank gives the key away."""
    return q.kind not in _BLANK_KINDS or not bracket_beside_blank(q.stem)


def check_points_back(article: Article, q: GeneratedQuestion) -> bool:
    """Round 2, pattern 5: the stem does not open with a connective that needs the sentence
    before ("Shortly thereafter", "Also", "Still") nor speak of "these"/"those" things."""
    if q.kind in {"matching", "ordering"}:
        return True
    body = _NUMERIC_PROMPT.sub("", stem_body(q.stem))
    return not (
        points_back(body)
        or unanchored_time(body)
        or POINTING_THIS.search(body)
        or _another_thing(q)
        or bare_subject(article, body)
    )


#: "The subdivision was annexed", "The theater was built", "The service started": a bare
#: "the" and one noun as the subject, right before its verb.
_BARE_SUBJECT = re.compile(
    r"[Tt]he ([a-z]{3,})(?:'s)? (?:is|was|are|were|has|had|have|became|began|can|could|will|"
    r"would|also|[a-z]{2,}ed)\b"
)
_NOT_NOUNS = frozenset("first second third last next newly".split())


def bare_subject(article: Article, body: str) -> bool:
    """The stem's subject is "the" and one noun that an earlier sentence said which one of
    (fit-split readings 43 and 44: "The subdivision was annexed to the City in _____", "The
    label was discontinued by _____"). What the article is about, which its title or first
    paragraph names ("The city" of Warsaw, "The network" of ABC), needs no earlier sentence."""
    found = _BARE_SUBJECT.match(body)
    if found is None:
        return False
    noun = found.group(1)
    if noun in _NOT_NOUNS or noun in CLOSED_WORDS or noun.endswith("est"):
        return False
    return re.search(rf"\b{noun}", _opening(article)) is None


def _opening(article: Article) -> str:
    """The title and the article's first paragraph, lower-cased: what the article is about.
    Worked out once per article (``questions.shown`` keeps its text the same way)."""
    cached = article.__dict__.get("_opening")
    if cached is None:
        first = article.sentences[0].paragraph if article.sentences else -1
        lead = " ".join(s.text for s in article.sentences if s.paragraph == first)
        cached = article.__dict__["_opening"] = f"{article.layout.title or ''} {lead}".lower()
    return cached


def _another_thing(q: GeneratedQuestion) -> bool:
    """ "Apicomplexans are another _____." with key "group of chromalveolates": another one
    besides what the paragraph named before (round 42). "another _____" before a figure
    ("another 10%") is a count, which reads alone."""
    return f"another {BLANK}" in q.stem and not str(q.answer)[:1].isdigit()


def check_fragment_stem(article: Article, q: GeneratedQuestion) -> bool:
    """Round 2, pattern 4: outside its blank the stem is a real clause (enough content
    words, the blank not the whole clause), not "On October 6, 1973, _____." nor "... has
    _____."."""
    if q.kind == "true_false":
        return not statement_fragment(stem_body(q.stem))
    if q.kind not in _BLANK_KINDS:
        return True
    return not fragment_stem(stem_body(q.stem))


def check_compound_split(article: Article, q: GeneratedQuestion) -> bool:
    """Round 2, pattern 3: the blank does not cut a compound ("_____ pair genome" with key
    "150,000 base") nor start inside a name ("Newton's First _____")."""
    if q.kind not in {"multiple_choice", "fill_blank"}:
        return True
    return not (splits_compound(q.stem, str(q.answer), article.nouns) or _cuts_pair(article, q))


def _cuts_pair(article: Article, q: GeneratedQuestion) -> bool:
    """The key ends in "of <word>" or "<figure> <word>", and that word and the word after the
    blank are a pair the article writes again and again ("member state"): a key "status of
    member" before "state nationals", or "12 member" before "states", cuts it (a review of the
    fit split)."""
    after = re.match(r"\s([a-z]{3,})\b", q.stem.split(BLANK, 1)[1]) if BLANK in q.stem else None
    last = re.search(r"(?:\bof |^[\d.,]+ )([a-z]{3,})$", str(q.answer))
    if not after or not last or after.group(1) in STOPWORDS:
        return False
    if last.group()[:1].isdigit() and PLURAL.fullmatch(after.group(1)):
        return True  # "There were _____ units", key "149,025 housing"
    pair = f" {last.group(1)} {after.group(1)}"
    return lower_text(article).count(pair) >= 3


def check_term_options(article: Article, q: GeneratedQuestion) -> bool:
    """Round 2, pattern 1: a common-noun key gets no wrong options harvested from elsewhere in
    the article ("an integral part", "launch"): they are almost never the same kind of thing.
    Such a key is asked as a fill in the blank or a true/false statement."""
    if q.kind not in {"multiple_choice", "multiple_select"} or q.answer_type != "term":
        return True
    keys = [k for k in key_strings(q) if _common(k)]
    return not keys or all(o != "article" for o in q.distractor_origins.values())


# --- round 5: whole phrases in the blank, stems that read when filled in -------------------------


def _blank_fillers(q: GeneratedQuestion) -> list[str]:
    """What goes into the blank: every option of a choice question, the key of a fill in."""
    if BLANK not in q.stem or q.kind not in _BLANK_KINDS:
        return []
    if q.kind == "fill_blank":
        return [str(q.answer)]
    return [str(o) for o in q.options or ()]


def check_doubled_word(article: Article, q: GeneratedQuestion) -> bool:
    """Round 5, pattern 2: the stem filled with any option does not repeat a word across the
    blank's edge ("of the the War of Barbastro", "a the", "of of")."""
    return not any(doubled_word(q.stem, text) for text in _blank_fillers(q))


def modifier_key(article: Article, stem: str, key: str) -> bool:
    """A "the ..." key right before a lower-case noun of the stem ("_____ organization" with
    key "the Plowshares"): "the" belongs to the noun after the blank, so the key is a
    fragment of the phrase."""
    if not key.lower().startswith("the ") or BLANK not in stem:
        return False
    following = re.match(r"\s+([a-z][a-z-]+)\b", stem[stem.find(BLANK) + len(BLANK) :])
    return following is not None and noun_after_blank(article, following.group(1))


_CAPITAL_AFTER_BLANK = re.compile(r"\s+[A-Z]([\w-]*)")
_TIME_WORD = re.compile(r"\b(?:century|centuries|decade|years?|era|age|period)\Z")


def named_after_key(stem: str, key: str) -> bool:
    """A key ending in a lower-case word right before a capitalised word ("_____ Wimmera are
    Victoria's warmest regions" with key "The Mallee and upper"): the name after the blank
    is what the phrase names, so the key is half a phrase (round 25). So is a "the" phrase
    before a lone capital letter ("_____ P is often seen" with key "The complexity class");
    without "the" ("activate _____ D" with key "vitamin") the key should grow, not go."""
    words = key.split()
    if BLANK not in stem or not words or not words[-1][:1].islower() or _TIME_WORD.search(key):
        return False  # "The _____ Royal Ujazdów Castle" with "17th century" reads whole
    capital = _CAPITAL_AFTER_BLANK.match(stem, stem.find(BLANK) + len(BLANK))
    return capital is not None and (bool(capital.group(1)) or key.lower().startswith("the "))


def check_split_phrase(article: Article, q: GeneratedQuestion) -> bool:
    """Round 5, pattern 1: the key is a whole phrase: no era or ordinal of it left outside
    the blank ("by _____ BCE", "its 40th _____"), no "the" of the noun after the blank in the
    key ("_____ organization" with key "the Plowshares"), no clause after a comma in it."""
    if q.kind == "multiple_select" and q.options:
        return not options_run_on(q.stem, q.options)
    if q.kind not in {"multiple_choice", "fill_blank"} or BLANK not in q.stem:
        return True
    key = str(q.answer)
    return not (
        split_phrase(stem_body(q.stem))
        or _part_of_quoted_title(q.stem)
        or fragment_key(key)
        or verb_tail_key(q.stem, key)
        or participle_tail_key(q.stem, key)
        or split_coordination(q.stem, key)
        or letter_tail_key(q.stem, key)
        or modifier_key(article, q.stem, key)
        or headless_key(article, q.stem, key)
        or tailless_key(article, q.stem, key)
        or named_after_key(q.stem, key)
        or name_runs_on(q.stem, key)
        or glued_names(article, key)
    )


#: Ranks that open a name and are said alone too ("Count Ludwig ...", "The Count supported").
_RANKS = frozenset("count countess baron baroness earl marquis marquess viscount archduke".split())


def glued_names(article: Article, key: str) -> bool:
    """A key that is two names the source ran together without a comma: "the president of
    Harvard Joseph Willard" gave the key "Harvard Joseph Willard" (round 31). A given name
    opens the second, and the article names the first on its own, with no name after it
    ("Count" of "Count Ludwig von Nassau" is never on its own)."""
    words = key.split()
    for at in range(1, len(words) - 1):
        before = words[at - 1].lower()
        if words[at].lower() not in given_names() or before in given_names():
            continue
        if before in TITLES or before in _RANKS:
            continue
        first = " ".join(words[:at])
        alone = re.search(rf"\b{re.escape(first)}\b(?!\s+[A-Z])", article.norm)
        if first[:1].isupper() and alone is not None:
            return True
    return False


#: "of", "for" and their kin joining a name's head to the rest of it ("Centre for
#: Contemporary Art", "Institute of Oncology").
_NAME_RUNS_ON = re.compile(r"\s+(?:for|of|on|de|del|di|du|der|von|van)\s+(?:the\s+)?[A-Z]")


def name_runs_on(stem: str, key: str) -> bool:
    """A key ending in a name's head word ("Centre", "Institute") with "for"/"of" and a
    capitalised word after the blank: the name goes on past the blank ("houses _____ for
    Contemporary Art" with key "Centre"), so the key is a piece of it (round 27)."""
    words = _LEADING.sub("", key).split()
    if BLANK not in stem or not words or words[-1].lower() not in HEAD_WORDS:
        return False
    return bool(_NAME_RUNS_ON.match(stem, stem.find(BLANK) + len(BLANK)))


_QUOTED = re.compile(r'"([^"]{1,80})"|“([^”]{1,80})”')


def _part_of_quoted_title(stem: str) -> bool:
    """The blank takes one word of a quoted title ("proclaimed "Duke of _____ and Calabria""):
    whether "Apulia" or "Duke of Apulia" is wanted is anyone's guess (round 14)."""
    return any(BLANK in quoted and quoted.strip(" ,.") != BLANK for quoted in _quotations(stem))


def _quotations(text: str) -> list[str]:
    """What ``text`` quotes, between straight or curly double quotes."""
    return [match.group(1) or match.group(2) for match in _QUOTED.finditer(text)]


def check_glued_words(article: Article, q: GeneratedQuestion) -> bool:
    """Round 5, pattern 1: no key or option joins two words the source kept apart with a
    dash ("the Adriatic-fell")."""
    glued = dash_glued(article)
    if not glued:
        return True
    texts = [*key_strings(q), *(str(o) for o in q.options or ())]
    if q.kind == "true_false":
        texts.append(q.stem)
    return not any(glued_words(text, glued) for text in texts)


def check_unbalanced_stem(article: Article, q: GeneratedQuestion) -> bool:
    """Round 5, pattern 3: a stem cut inside a bracket or a quotation ("... (OAPEC.") does not
    read; its brackets and quotes pair up."""
    return q.kind in {"matching", "ordering"} or not unbalanced(stem_body(q.stem))


def check_pointing_out(article: Article, q: GeneratedQuestion) -> bool:
    """Round 5, pattern 4: the stem does not rely on what it does not state: "this heating
    and cooling", "such a concept", "the following four timelines", "the latter"."""
    body = _NUMERIC_PROMPT.sub("", stem_body(q.stem))  # "In what year? The largest, ..."
    return q.kind in {"matching", "ordering"} or not pointing_out(body)


# --- round 5: options the stem rules out --------------------------------------------------------


def check_option_subkind(article: Article, q: GeneratedQuestion) -> bool:
    """Round 5, pattern 1: every wrong option is the key's sub-kind (``nametype.subkind``)
    when both are known: a telescope among telescopes, a moon among moons, an army among
    armed forces. For select-all, the sub-kind of one of the keys."""
    if q.kind not in {"multiple_choice", "multiple_select"} or not q.options:
        return True
    keys = key_strings(q)
    key = key_candidate(article, q, keys[0])
    if key is None or key.category not in NAMED | {"name"}:
        return True
    fine = key_kind(article, key)
    wanted = {subkind(k, fine) for k in keys}
    if "" in wanted:
        return True
    wrong = [o for o in q.options if o not in keys]
    return all(any(same_subkind(k, o, fine) for k in keys) for o in wrong)


#: Words that make the blank the bound of what the stem lists ("bodies beyond _____, including
#: the Moon, Mars"): each wrong option must then stand in the same relation to every listed
#: item, which a name drawn by type almost never does ("beyond Saturn, including Mars").
_BOUND_BEFORE_BLANK = re.compile(
    r"\b(?:beyond|outside|other than|except|excluding|besides|apart from|aside from)\s+"
    + re.escape(BLANK)
    + r"\s*,?\s*(?:including|such as|like|as well as|from|to)\b",
    re.IGNORECASE,
)


def check_bound_blank(article: Article, q: GeneratedQuestion) -> bool:
    """Round 5, pattern 1: no options for a blank that bounds a list the stem states."""
    if q.kind not in {"multiple_choice", "multiple_select"} or not q.options:
        return True
    return not _BOUND_BEFORE_BLANK.search(q.stem)


#: Roles a person holds in a body or a place ("lead guitarist of _____", "the founder of
#: _____"): what fills the blank after one is the band, body or place, never a person. Kinship
#: and schooling words ("son of", "pupil of") are left out: a person follows them.
_ROLE_OF_BLANK = re.compile(
    r"\b(?:guitarist|drummer|bassist|vocalist|singer|frontman|keyboardist|member|members|"
    r"founder|founders|co-founder|leader|leaders|captain|president|mayor|governor|ceo|"
    r"chairman|chairwoman|headmaster|principal|owner|owners)\s+of\s+(?:the\s+)?" + re.escape(BLANK),
    re.IGNORECASE,
)


#: A vessel named after its kind ("carried by the ship _____"): actors were offered as the
#: ship's name (round 32).
_VESSEL_BLANK = re.compile(
    r"\b(?:ship|vessel|boat|steamer|steamship|yacht|frigate|galleon|submarine|spacecraft"
    r"|locomotive)\s+" + re.escape(BLANK),
    re.IGNORECASE,
)


def check_role_of_blank(article: Article, q: GeneratedQuestion) -> bool:
    """Round 5, pattern 1: no people offered after a role ("former lead guitarist of _____"
    with a band as the key and three people as wrong options) or as a ship's name: the stem
    rules them out."""
    if q.kind not in {"multiple_choice", "multiple_select"} or not q.options:
        return True
    if not (_ROLE_OF_BLANK.search(q.stem) or _VESSEL_BLANK.search(q.stem)):
        return True
    ordinary = lower_words(article)
    return not any(
        looks_like_person(o, ordinary) or option_kind(article, o) == "person"
        for o in q.options
        if o != q.answer  # a ship may bear a person's name ("John of London")
    )


#: A blank that holds an epithet: "nicknamed _____", "dubbed _____", "known as '_____'".
_EPITHET_BLANK = re.compile(
    r"\b(?:nicknamed|nicknames?|dubbed|epithet|sobriquet|moniker|byname)\b[^.;]{0,20}?"
    + re.escape(BLANK)
    + r"|\b(?:known|referred to|called)\s+(?:as\s+)?[\"'“‘]"
    + re.escape(BLANK),
    re.IGNORECASE,
)


def check_epithet_options(article: Article, q: GeneratedQuestion) -> bool:
    """Round 5, pattern 1: no options for an epithet ("the city is nicknamed _____"): the
    generator draws names of a type (a state, another city), never other epithets, so the
    stem's "nicknamed" rules every wrong option out. The epithet is asked as a fill-in."""
    if q.kind not in {"multiple_choice", "multiple_select"} or not q.options:
        return True
    return not _EPITHET_BLANK.search(q.stem)


# --- round 5: keys worth asking -------------------------------------------------------------------


def check_specific_fill_key(article: Article, q: GeneratedQuestion) -> bool:
    """Round 5, pattern 3: a fill-in key is specific (a name, a number, a date, a term of the
    article), not a broad phrase anyone could guess from the sentence's tone ("scientific
    research", "economic benefits", ``phrases.broad_phrase``)."""
    return q.kind != "fill_blank" or not broad_phrase(str(q.answer))


def check_key_year_in_stem(article: Article, q: GeneratedQuestion) -> bool:
    """Round 5, pattern 2: a key that holds a year ("October 1973", "the 1973 oil crisis") is
    not given away by the same year elsewhere in the stem ("... during the 1973 oil crisis,
    on _____"): the options or the typed answer then need only the year the stem shows.
    (A key that is the year alone is ``leak``'s case.)"""
    if q.kind not in {"multiple_choice", "fill_blank", "numeric"}:
        return True
    key_years = set(_YEAR_IN.findall(str(q.answer)))
    if not key_years:
        return True
    stem_years = set(_YEAR_IN.findall(stem_body(q.stem).replace(BLANK, " ")))
    return not key_years & stem_years


_ARITHMETIC = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*([·×*+])\s*(\d+(?:\.\d+)?)(?!\.?\d)")


def check_key_computed_in_stem(article: Article, q: GeneratedQuestion) -> bool:
    """Round 13: a number key is not the product or sum of figures the stem writes out ("the
    number _____ can be factored as 3 · 5"), and no true/false statement holds a sum or a
    product: arithmetic answers it, not the paragraph."""
    if q.kind == "true_false":
        return not _ARITHMETIC.search(q.stem)  # "is it true that 9 can be factored as 3 · 5?"
    if q.kind not in {"multiple_choice", "fill_blank", "numeric"}:
        return True
    value = number_of(str(q.answer))
    if value is None:
        return True
    body = stem_body(q.stem)
    for left, operator, right in _ARITHMETIC.findall(body):
        a, b = float(left), float(right)
        if abs((a + b if operator == "+" else a * b) - value) < 1e-9:
            return False
    in_words = q.kind == "multiple_choice"
    return not ratio_given(body, str(q.answer), value, in_words) and not continues_series(
        body, value
    )


#: Two or more figures listed just before the blank: "a = 3, 6, or _____".
_SERIES_BEFORE = re.compile(
    r"((?:\d+(?:\.\d+)?,\s*){1,}\d+(?:\.\d+)?),?\s+(?:and|or)\s+" + re.escape(BLANK)
)


def continues_series(body: str, value: float) -> bool:
    """Round 34: "the rows starting with a = 3, 6, or _____" gives 9 away by the step of the
    figures before it: no key may go on an even series the stem lists."""
    match = _SERIES_BEFORE.search(body)
    if match is None:
        return False
    figures = [float(f) for f in re.findall(r"\d+(?:\.\d+)?", match.group(1))] + [value]
    steps = {round(b - a, 9) for a, b in pairwise(figures)}
    return len(steps) == 1 and steps != {0}


#: Words that state a ratio, and the factor each stands for ("two-thirds the size of"); not
#: "double", "triple", which are mostly adjectives ("the double expansion group").
_RATIO_WORDS = {
    "half": 0.5,
    "twice": 2.0,
    "two-thirds": 2 / 3,
    "one-third": 1 / 3,
    "a third": 1 / 3,
    "three-quarters": 0.75,
    "a quarter": 0.25,
    "one-quarter": 0.25,
}
_RATIO_WORD = re.compile(r"\b(" + "|".join(map(re.escape, _RATIO_WORDS)) + r")\b", re.IGNORECASE)
_TIMES = re.compile(r"\btimes\b")
#: A figure, with its thousands written with commas ("20,000": fit-split reading 56).
_FIGURE = re.compile(
    r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w.])|(?<![\w.,])\d+(?:\.\d+)?(?![\w.]|,\d)"
)
#: How near a figure worked out from the stem must come to the key to give it away.
_RATIO_SLACK = 0.1


def ratio_given(body: str, key: str, value: float, in_words: bool = True) -> bool:
    """Round 34: "50 kilopascals, or 2.5 times the normal pressure of _____ kPa" settles the
    key (about 21) by division, and with the blank on "2.5 times" the same figures settle that:
    when the stem says "times" or a ratio in words ("two-thirds the size of ... 25 nm", round
    36), no two of its other figures may give the key by dividing or multiplying within
    ``_RATIO_SLACK``. A ratio in words is read for multiple choice only (``in_words``), where
    it rules the wrong options out: a fill in the blank on "around 17 nm" beside "two-thirds
    ... 25 nm" is still a fact people ask about (refusing it cost 2 recalled keys)."""
    ratios = [_RATIO_WORDS[w.lower()] for w in _RATIO_WORD.findall(body)] if in_words else []
    if not value or not (ratios or _TIMES.search(f"{body} {key}")):
        return False
    figures = [float(f.replace(",", "")) for f in _FIGURE.findall(body.replace(BLANK, " "))]
    figures = [f for f in figures if f and not 1000 <= f <= 2100] + ratios  # years: no factors
    for i, a in enumerate(figures):
        for b in figures[i + 1 :]:
            for worked in (a * b, a / b, b / a):
                if abs(worked - value) <= _RATIO_SLACK * value:
                    return True
    return False


#: Content words before and after the blank that make its frame ("_____ is a non-SI unit of
#: force": "non-si", "unit", "force"); what follows the blank is mostly what it says of it.
_FRAME_BEFORE = 2
_FRAME_AFTER = 3
#: Content words a frame needs before another sentence sharing it counts as saying the same
#: (two cost recall on squad-dev: frames like "city's population" recur in a paragraph).
_MIN_FRAME_WORDS = 3


_HYPHENATED = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def _content_words(text: str) -> list[str]:
    """Words of three letters or more that are not function words ("non-SI" kept whole)."""
    return [w for w in _HYPHENATED.findall(text.lower()) if w not in STOPWORDS and len(w) > 2]


def blank_frame(stem: str) -> list[str]:
    """The content words nearest the blank: what the stem says of whatever fills it."""
    at = stem.find(BLANK)
    if at < 0:
        return []
    before = _content_words(stem[:at])[-_FRAME_BEFORE:]
    return before + _content_words(stem[at + len(BLANK) :])[:_FRAME_AFTER]


def _paragraph_sentences(article: Article) -> dict[int, list[int]]:
    """Sentence indexes by paragraph, worked out once per article (the check stays linear)."""
    cached = article.__dict__.get("_paragraph_sentences")
    if cached is None:
        cached = {}
        for sentence in article.sentences:
            cached.setdefault(sentence.paragraph, []).append(sentence.index)
        article.__dict__["_paragraph_sentences"] = cached
    return cached


def rival_answers(article: Article, q: GeneratedQuestion) -> set[str]:
    """Names or terms of the key's category that another sentence of the same paragraph says
    the stem's frame of ("The kip is another non-SI unit of force" beside "_____ is a non-SI
    unit of force"): each fills the blank as truly as the key."""
    sentence = article.sentence_at(q.source.start)
    key = key_candidate(article, q, str(q.answer))
    frame = blank_frame(stem_body(q.stem))
    if sentence is None or key is None or len(frame) < _MIN_FRAME_WORDS:
        return set()
    rivals: set[str] = set()
    for index in _paragraph_sentences(article).get(sentence.paragraph, ()):
        other = article.sentences[index]
        if index == sentence.index:
            continue
        if not all(_contains(other.text, word) for word in frame):
            continue
        rivals.update(
            cand.canonical
            for cand in article.candidates[other.index]
            if cand.category == key.category
            and cand.canonical != key.canonical
            and not _contains(q.stem, cand.text)
        )
    return rivals


def check_rival_answer(article: Article, q: GeneratedQuestion) -> bool:
    """Round 5, pattern 4: the blank has one answer in its paragraph. A fill-in whose frame
    another sentence of the paragraph says of another item ("pound-force, metric slug, sthene,
    kip are also non-SI units") is ambiguous; as multiple choice it is fine when no option is
    such a rival (the rivals are kept out of the options)."""
    if q.kind not in {"fill_blank", "multiple_choice"}:
        return True
    rivals = rival_answers(article, q)
    if q.kind == "fill_blank":
        return not rivals
    wrong = [o for o in q.options or () if o != q.answer]
    return not any(article.aliases.find(name_key(o)) in rivals for o in wrong)


_BARE_NAME = re.compile(r"[Tt]he ([A-Z][a-z]+)")


def check_bare_institution_key(article: Article, q: GeneratedQuestion) -> bool:
    """Round 26: a key is not "the College" or "the Centre", a name's head word alone
    (``nametype.HEAD_WORDS``): as a key it says no more than "it", and students would write
    the name the paragraph gave it first."""
    if q.kind not in {"fill_blank", "multiple_choice"}:
        return True
    match = _BARE_NAME.fullmatch(str(q.answer))
    return not (match and match[1].lower() in HEAD_WORDS)


_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
_COORDINATOR = re.compile(r"\b(?:and|or)\b")


def check_respectively(article: Article, q: GeneratedQuestion) -> bool:
    """Round 26: "respectively" pairs two lists, so the stem keeps both ("called _____ and
    synclines, respectively" lost the list it pairs with when the sentence was cut)."""
    if q.kind in {"matching", "ordering"}:
        return True
    body = stem_body(q.stem)
    found = _RESPECTIVELY.search(body)
    if found is None:
        return True
    lists = 1 if q.kind == "multiple_select" else 0  # the blank of a select-all is a list
    before = body[: found.start()]
    if q.kind in {"fill_blank", "multiple_choice"}:
        before = before.replace(BLANK, str(q.answer))
    return lists + len(_COORDINATOR.findall(before)) >= 2


def check_has_verb(article: Article, q: GeneratedQuestion) -> bool:
    """Round 27: the stem (or the statement) says something: it has a word outside the blank
    that may be a verb (``wordclass.verb_like``, with the article's own verbs): "On _____,
    Syria and Egypt.", "The French Wars of Religion in _____." say nothing."""
    if q.kind in {"matching", "ordering"}:
        return True
    words = _WORD.findall(stem_body(q.stem).replace(BLANK, " "))
    return any(verb_like(w, article.verbs) for w in words if w.islower())


CHECKS: dict[str, Callable[[Article, GeneratedQuestion], bool]] = {
    "source_offsets": check_source,
    "key_not_in_source": check_key_in_source,
    "distractor_true": check_distractors_false,
    "leak": check_leak,
    "pronoun_start": check_pronoun_start,
    "hedge_unmarked": check_hedge,
    "stem_form": check_stem_form,
    "bad_options": check_options,
    "duplicate_option": check_duplicate_options,
    "distractor_form": check_distractor_form,
    "option_not_noun_phrase": check_noun_phrase,
    "generic_option": check_generic,
    "determiner_mismatch": check_determiners,
    "distractor_same_head": check_same_head,
    "vague_fill_key": check_fill_key,
    "blank_subject": check_blank_subject,
    "true_false_form": check_true_false_form,
    "option_type": check_option_type,
    "option_kind": check_option_kind,
    "options_ruled_out": check_ruled_out,
    "two_names": check_two_names,
    "broken_surface": check_surface,
    "true_false_unclear": check_true_false_clear,
    "dangling_reference": check_dangling_reference,
    "not_worth_asking": check_worth_asking,
    "bounded_key": check_bounded_key,
    "long_stem": check_stem_length,
    "unfit_words": check_fit_words,
    "bracket_beside_blank": check_bracket_beside_blank,
    "points_back": check_points_back,
    "fragment_stem": check_fragment_stem,
    "compound_split": check_compound_split,
    "harvested_term_options": check_term_options,
    "doubled_word": check_doubled_word,
    "split_phrase": check_split_phrase,
    "glued_words": check_glued_words,
    "unbalanced_stem": check_unbalanced_stem,
    "pointing_out": check_pointing_out,
    "option_subkind": check_option_subkind,
    "bound_blank": check_bound_blank,
    "role_of_blank": check_role_of_blank,
    "epithet_options": check_epithet_options,
    "broad_fill_key": check_specific_fill_key,
    "key_year_in_stem": check_key_year_in_stem,
    "key_computed_in_stem": check_key_computed_in_stem,
    "rival_answer": check_rival_answer,
    "bare_institution_key": check_bare_institution_key,
    "respectively_unpaired": check_respectively,
    "no_verb": check_has_verb,
}


def failed_checks(article: Article, question: GeneratedQuestion) -> list[str]:
    """Names of the checks ``question`` fails against an analysed article."""
    return [name for name, check in CHECKS.items() if not check(article, question)]


#: The checks that drafts fail most often, tried first by ``passes_checks`` (counted on the
#: benchmark's SQuAD text: two drafts in five fail, most of them one of these).
_OFTEN_FAILED = (
    "not_worth_asking",
    "true_false_unclear",
    "key_not_in_source",
    "leak",
    "broken_surface",
    "bounded_key",
    "option_type",
    "dangling_reference",
)
_CHECK_ORDER = tuple(
    CHECKS[name] for name in (*_OFTEN_FAILED, *(n for n in CHECKS if n not in _OFTEN_FAILED))
)


def passes_checks(article: Article, question: GeneratedQuestion) -> bool:
    """Whether ``question`` passes every check: ``not failed_checks(...)``, stopping at the
    first failure (generation asks this of thousands of drafts; two in five fail)."""
    return all(check(article, question) for check in _CHECK_ORDER)


def audit(question: GeneratedQuestion, text: str) -> list[str]:
    """Names of the automatic quality checks ``question`` fails on ``text`` (empty: all pass)."""
    return failed_checks(analyse_cached(text), question)
