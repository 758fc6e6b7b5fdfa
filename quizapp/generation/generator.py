"""The pipeline: normalise -> sentences -> candidates -> questions -> distractors -> checks ->
ranking -> de-duplication. Generates more than it keeps and keeps the best.
"""

from __future__ import annotations

import re

from .article import Article, analyse
from .checks import passes_checks
from .numeric import numeric_questions
from .questions import (
    Builder,
    Draft,
    blank_questions,
    matching_questions,
    ordering_questions,
    select_questions,
    true_false_questions,
)
from .ranking import choose
from .stems import statement
from .types import GeneratedBank, UnusableText
from .validate import check_usable


def _drafts(article: Article, generator: str) -> list[Draft]:
    builder = Builder(article, generator)
    drafts: list[Draft] = []
    blocks = article.layout.blocks
    for sentence, cands in zip(article.sentences, article.candidates, strict=True):
        if not cands:
            continue
        stmt = statement(sentence, is_prose=blocks[sentence.paragraph].kind == "paragraph")
        if stmt is None:
            continue
        for cand in cands:
            drafts.extend(blank_questions(builder, stmt, cand))
        drafts.extend(select_questions(builder, stmt, cands))
        drafts.extend(true_false_questions(builder, stmt, cands))
        drafts.extend(numeric_questions(builder, stmt, cands))
    drafts.extend(matching_questions(builder))
    drafts.extend(ordering_questions(builder))
    return drafts


def generate_bank(text: str, title: str | None, generator: str) -> GeneratedBank:
    """Run the whole pipeline on ``text``."""
    check_usable(text)
    article = analyse(text, title)
    drafts = _drafts(article, generator)
    kept = choose(
        drafts,
        article.words,
        lambda d: passes_checks(article, d.question),
        _paragraph_words(article),
    )
    if not kept:
        raise UnusableText(
            "No good questions could be made from this text; try a longer article with more "
            "facts such as names, dates and numbers."
        )
    found_title = _clean_title(title or article.layout.title or _fallback_title(text))
    return GeneratedBank(
        generator=generator,
        title=found_title,
        sha256=article.sha256,
        words=article.words,
        sections=article.layout.sections,
        questions=tuple(d.question for d in kept),
    )


def _paragraph_words(article: Article) -> dict[int, int]:
    """Words of each prose block, by block index (the ``paragraph`` of its sentences)."""
    return {
        index: len(article.norm[block.start : block.end].split())
        for index, block in enumerate(article.layout.blocks)
        if block.kind in {"paragraph", "bullet"}
    }


def _clean_title(title: str) -> str:
    """A title reads as a name, not a sentence: drop one trailing full stop (keep "...")."""
    title = title.strip()
    if title.endswith(".") and not title.endswith(".."):
        return title[:-1].rstrip()
    return title


def _fallback_title(text: str) -> str:
    words = re.findall(r"\S+", text)[:8]
    return " ".join(words).rstrip(".,;:") + ("…" if len(words) == 8 else "")
