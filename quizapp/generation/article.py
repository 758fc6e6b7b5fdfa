"""Everything the rules need to know about one article, worked out once.

Built once per text (and cached, so ``audit`` on many questions of the same text is cheap): the
layout, sentences, candidates per sentence, which names are the same thing, and in which
sentences each thing is mentioned. Every lookup the checks and distractors make is a dict or set
lookup, so the generator grows linearly with the text.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from .candidates import (
    AliasMap,
    Candidate,
    learn_acronyms,
    link_lists,
    names_to_candidates,
    number_candidates,
    raw_names,
    term_candidates,
    time_candidates,
)
from .lexicon import name_key
from .phrases import phrase_candidates
from .sentences import Sentence, sentences
from .text import Layout, layout
from .wordclass import article_word_roles

_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


def flat(text: str) -> str:
    """Lower case, plain single spaces: the form in which statements are compared."""
    return _SPACES.sub(" ", text).strip().lower()


def words_of(text: str) -> list[str]:
    return _WORDS.findall(text.lower())


@dataclass
class Article:
    """One analysed text."""

    text: str
    norm: str
    layout: Layout
    sha256: str
    sentences: list[Sentence]
    candidates: list[list[Candidate]]  # per sentence
    aliases: AliasMap
    #: canonical -> indexes of the sentences that mention it.
    mentions: dict[str, set[int]] = field(default_factory=dict)
    #: category -> canonical -> first candidate of that thing in the article.
    pools: dict[str, dict[str, Candidate]] = field(default_factory=dict)
    #: every sentence, flattened, to tell whether a statement is stated verbatim.
    flat_sentences: set[str] = field(default_factory=set)
    #: sentence start offset -> sentence
    by_start: dict[int, Sentence] = field(default_factory=dict)
    #: Words the article uses as verbs ("they foster", "to forge the"): no phrase ends in one.
    verbs: frozenset[str] = frozenset()
    #: Words the article uses as nouns ("the X", "of X"): a known verb not among them opens no
    #: noun phrase.
    nouns: frozenset[str] = frozenset()
    #: Name keys seen capitalised mid-sentence: a statement opening with one keeps its capital.
    mid_names: frozenset[str] = frozenset()

    @property
    def words(self) -> int:
        return len(self.text.split())

    def sentence_at(self, start: int) -> Sentence | None:
        return self.by_start.get(start)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in taken)


def _sentence_candidates(
    sentence: Sentence,
    names: list[Candidate],
    verbs: frozenset[str] = frozenset(),
    nouns: frozenset[str] | None = None,
) -> list[Candidate]:
    """Merge a sentence's candidates, earlier kinds winning where spans overlap."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    relative = sentence.start
    for cand in names:
        chosen.append(cand)
        taken.append((cand.start - relative, cand.end - relative))
    for cand in time_candidates(sentence):
        span = (cand.start - relative, cand.end - relative)
        if not _overlaps(span, taken):
            chosen.append(cand)
            taken.append(span)
    for cand in number_candidates(sentence, taken):
        chosen.append(cand)
        taken.append((cand.start - relative, cand.end - relative))
    for cand in term_candidates(sentence, taken):
        span = (cand.start - relative, cand.end - relative)
        if not _overlaps(span, taken):
            chosen.append(cand)
            taken.append(span)
    chosen.extend(phrase_candidates(sentence, taken, verbs, nouns))
    return chosen


def analyse(text: str, title: str | None = None) -> Article:
    """Analyse ``text``: layout, sentences, candidates, aliases, mentions and pools."""
    norm, structure = layout(text, title)
    found = sentences(norm, structure.blocks)
    aliases = AliasMap()
    acronyms: dict[str, str] = {}
    raw_per_sentence = [raw_names(sentence) for sentence in found]
    seen_mid: set[str] = set()
    for raws in raw_per_sentence:
        learn_acronyms(raws, aliases, acronyms)
        seen_mid.update(name_key(raw.text) for raw in raws if not raw.sentence_start)
    roles = article_word_roles(norm)
    article = Article(
        text=text,
        norm=norm,
        layout=structure,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        sentences=found,
        candidates=[],
        aliases=aliases,
        verbs=roles[0],
        nouns=roles[1],
        mid_names=frozenset(seen_mid),
    )
    mentions: dict[str, set[int]] = defaultdict(set)
    pools: dict[str, dict[str, Candidate]] = defaultdict(dict)
    for sentence, raws in zip(found, raw_per_sentence, strict=True):
        names = names_to_candidates(sentence, raws, aliases, acronyms, seen_mid)
        cands = link_lists(
            norm, _sentence_candidates(sentence, names, article.verbs, article.nouns)
        )
        article.candidates.append(cands)
        for cand in cands:
            mentions[cand.canonical].add(sentence.index)
            pools[cand.category].setdefault(cand.canonical, cand)
        article.flat_sentences.add(flat(sentence.text))
        article.by_start[sentence.start] = sentence
    article.mentions = dict(mentions)
    article.pools = dict(pools)
    return article


@lru_cache(maxsize=8)
def analyse_cached(text: str, title: str | None = None) -> Article:
    """``analyse`` remembered for the last few texts (``audit`` is called once per question)."""
    return analyse(text, title)
