"""Benchmark the question generator against what people asked about the same articles.

Data: 16 Wikipedia articles from the SQuAD 1.1 dev set (``../shared/eval/squad-dev`` next to the
repository, or ``--data DIR``). Each article becomes one text: the title, a blank line, then the
paragraphs joined by blank lines, exactly as a teacher would paste it. The generator runs on that
text and each generated question is tied to the paragraph that holds ``source.start``.

Why: SQuAD's crowd workers wrote questions about each paragraph and marked the answer spans. Those
spans show which facts people find worth asking about, so they are a cheap, independent stand-in
for "is this a sensible thing to quiz on?". We do not compare stems, only keys (the answers).

What is measured:

- key precision: the share of generated questions whose key matches (token F1 >= 0.5 after SQuAD
  normalisation: lower-case, drop punctuation and the articles a/an/the) any answer people gave to
  any question on the same paragraph. The key strings of a question are, by kind:
  multiple_choice and fill_blank the answer; multiple_select each key; matching the right-hand
  items; ordering the items; numeric the number with its unit. A question with several key
  strings counts as matched if any of them matches. true_false questions have no textual key:
  they are left out of precision and reported as a count of their own. Questions whose source
  lies outside every paragraph (e.g. the title) are scored and count as unmatched.
- recall: the share of people's questions whose majority answer (the most frequent string among
  the answers, ties going to the first) is matched (F1 >= 0.5) by a key string of some generated
  question from the same paragraph (same key-string rule).
- questions per 1,000 words (words = whitespace-separated tokens of the text).
- check failures: generated questions for which ``audit(question, text)`` is non-empty, with a
  count per check name.
- kinds: how many questions of each kind were generated.
- by key shape (``--by-shape``): precision for keys that are a date, another figure, a name or
  a lower-case phrase, and how many of people's answers only keys of that shape recall. It shows
  which facts people ask about: figures are the keys the blind judges most often call trivia.
- speed: ``generate`` on the built-in article (best of 5 after a warm-up), words per second on a
  ~1 MB text (the articles' texts repeated, cut at a paragraph boundary) and the time for 1 MB
  over the time for 0.5 MB (about 2.0 when the generator grows linearly).

Totals are pooled over all articles (micro-averaged), not averages of per-article figures.

The last line printed is one JSON object with the headline figures, for scripts to read.

Run: ``PYTHONPATH=. .venv/bin/python benchmarks/bench_generation.py [--quick] [--article NAME]
[--show-misses N] [--by-shape] [--data DIR]``.
"""

from __future__ import annotations

import argparse
import json
import re
import string
import sys
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

F1_THRESHOLD = 0.5
ONE_MB = 1_000_000
HALF_MB = 500_000
BUILTIN_RUNS = 5
DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "squad-dev"

#: name -> (comparison, threshold); a figure PASSes when ``comparison(value, threshold)``.
TARGETS: dict[str, tuple[str, float]] = {
    "key_precision": (">=", 0.5),
    "recall": (">=", 0.2),
    "questions_per_1000_words": ("<=", 30),
    "check_failures": ("<=", 0),
    "builtin_seconds": ("<", 0.3),
    "words_per_second": (">=", 20_000),
    "size_ratio": ("<=", 2.5),
}

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCTUATION = set(string.punctuation)


# --- SQuAD normalisation and token F1 -------------------------------------------------------------


def normalise(text: str) -> list[str]:
    """SQuAD's answer normalisation, returned as tokens."""
    text = "".join(ch for ch in text.lower() if ch not in _PUNCTUATION)
    return _ARTICLES.sub(" ", text).split()


def token_f1(a: Sequence[str], b: Sequence[str]) -> float:
    """Token-overlap F1 of two normalised answers; 0 when either is empty."""
    if not a or not b:
        return 0.0
    same = sum((Counter(a) & Counter(b)).values())
    if same == 0:
        return 0.0
    precision, recall = same / len(a), same / len(b)
    return 2 * precision * recall / (precision + recall)


def matches_any(tokens: Sequence[str], candidates: Iterable[Sequence[str]]) -> bool:
    return any(token_f1(tokens, other) >= F1_THRESHOLD for other in candidates)


def majority_answer(answers: Sequence[str]) -> str:
    """The most frequent answer string; ties go to the one given first."""
    return Counter(answers).most_common(1)[0][0]


def key_strings(question: Any) -> list[str] | None:
    """The textual key(s) of a question, or None for kinds without one (true_false)."""
    kind, answer = question.kind, question.answer
    if kind in ("multiple_choice", "fill_blank"):
        return [str(answer)]
    if kind in ("multiple_select", "ordering"):
        return [str(item) for item in answer]
    if kind == "matching":
        return [str(pair[1]) for pair in answer]
    if kind == "numeric":  # the figure as the article writes it, with its unit
        number = f"{answer:,}" if isinstance(answer, int) and answer >= 10000 else f"{answer:g}"
        return [f"{number} {question.settings.get('unit', '')}".strip()]
    return None


# --- Articles -------------------------------------------------------------------------------------


@dataclass
class Paragraph:
    start: int
    end: int
    #: (question, majority answer) for each of people's questions that has an answer.
    people: list[tuple[str, str]]
    #: Every answer people gave on this paragraph, normalised.
    all_answers: list[list[str]]


@dataclass
class Article:
    name: str
    title: str
    text: str
    paragraphs: list[Paragraph]
    #: Title then paragraph texts: the units the speed corpus is cut along.
    units: list[str]

    @property
    def words(self) -> int:
        return len(self.text.split())

    def paragraph_at(self, offset: int) -> int | None:
        """Index of the paragraph whose [start, end) holds ``offset``, if any."""
        index = bisect_right([p.start for p in self.paragraphs], offset) - 1
        if index >= 0 and offset < self.paragraphs[index].end:
            return index
        return None


def load_article(path: Path) -> Article:
    data = json.loads(path.read_text(encoding="utf-8"))
    title = data["title"]
    text, paragraphs = title + "\n\n", []
    for i, raw in enumerate(data["paragraphs"]):
        if i:
            text += "\n\n"
        start = len(text)
        text += raw["text"]
        people = [
            (qa["question"], majority_answer(qa["answers"])) for qa in raw["qas"] if qa["answers"]
        ]
        answers = [normalise(a) for qa in raw["qas"] for a in qa["answers"]]
        paragraphs.append(Paragraph(start, len(text), people, answers))
    units = [title] + [raw["text"] for raw in data["paragraphs"]]
    return Article(path.stem, title, text, paragraphs, units)


def load_articles(data_dir: Path) -> list[Article]:
    paths = sorted(data_dir.glob("*.json"))
    if not paths:
        raise SystemExit(f"no *.json articles in {data_dir} (use --data DIR)")
    return [load_article(path) for path in paths]


def select(articles: list[Article], name: str | None) -> list[Article]:
    if name is None:
        return articles
    wanted = name.lower().replace("_", " ")
    chosen = [a for a in articles if wanted in (a.title.lower(), a.name.lower().replace("_", " "))]
    if not chosen:
        names = ", ".join(a.name for a in articles)
        raise SystemExit(f"no article called {name!r}; choose one of: {names}")
    return chosen


# --- Scoring one article --------------------------------------------------------------------------


@dataclass
class ArticleResult:
    name: str
    words: int
    seconds: float
    error: str | None = None
    questions: int = 0
    true_false: int = 0
    scored: int = 0
    matched: int = 0
    people: int = 0
    recalled: int = 0
    check_failures: int = 0
    checks: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    unmatched_keys: list[str] = field(default_factory=list)
    missed_answers: list[str] = field(default_factory=list)
    #: key shape -> scored questions, matched questions, people's answers only it recalls.
    shape_scored: Counter[str] = field(default_factory=Counter)
    shape_matched: Counter[str] = field(default_factory=Counter)
    shape_only: Counter[str] = field(default_factory=Counter)
    #: paragraph -> (shape, key tokens) of each scored key, for ``shape_only``.
    shaped_keys: dict[int, list[tuple[str, list[str]]]] = field(default_factory=dict)


_DATE_KEY = re.compile(
    r"(?:(?:c\.|around|about|in|by|the|since) )?(?:(?:early|mid|late)[- ])?"
    r"(?:\d{1,2} )?(?:[A-Z][a-z]+ )?(?:\d{1,2}, )?\d{3,4}s?"
    r"|(?:the )?(?:early |mid-|late )?\d{1,2}(?:st|nd|rd|th)[- ]century"
)


def key_shape(key: str) -> str:
    """What a key is, by its look: a date (year, decade, century, dated day), another
    figure, a name (capitalised) or a lower-case phrase."""
    key = key.strip()
    if _DATE_KEY.fullmatch(key):
        return "date"
    if any(ch.isdigit() for ch in key):
        return "figure"
    bare = re.sub(r"^(?:the|a|an) ", "", key, flags=re.IGNORECASE)
    return "name" if bare[:1].isupper() else "phrase"


def score_article(article: Article, generate: Callable, audit: Callable) -> ArticleResult:
    started = time.perf_counter()
    try:
        bank = generate(article.text, article.title)
    except ValueError as exc:  # UnusableText is a ValueError
        seconds = time.perf_counter() - started
        return ArticleResult(article.name, article.words, seconds, error=str(exc))
    result = ArticleResult(article.name, article.words, time.perf_counter() - started)
    result.questions = len(bank.questions)
    keys_by_paragraph: dict[int, list[list[str]]] = {}
    for question in bank.questions:
        result.kinds[question.kind] += 1
        failed = audit(question, article.text)
        if failed:
            result.check_failures += 1
            result.checks.update(failed)
        score_question(article, question, result, keys_by_paragraph)
    score_recall(article, keys_by_paragraph, result)
    return result


def score_question(
    article: Article,
    question: Any,
    result: ArticleResult,
    keys_by_paragraph: dict[int, list[list[str]]],
) -> None:
    """Add one question to the precision counts and remember its keys for recall."""
    keys = key_strings(question)
    if keys is None:
        result.true_false += 1
        return
    result.scored += 1
    tokens = [normalise(key) for key in keys]
    index = article.paragraph_at(question.source.start)
    if index is None:
        result.unmatched_keys.append(f"{question.kind}: {' | '.join(keys)}  [outside paragraphs]")
        return
    keys_by_paragraph.setdefault(index, []).extend(tokens)
    shape = key_shape(keys[0])
    result.shape_scored[shape] += 1
    result.shaped_keys.setdefault(index, []).append((shape, tokens))
    answers = article.paragraphs[index].all_answers
    if any(matches_any(key, answers) for key in tokens):
        result.matched += 1
        result.shape_matched[shape] += 1
    else:
        result.unmatched_keys.append(f"{question.kind}: {' | '.join(keys)}  [para {index}]")


def score_recall(
    article: Article, keys_by_paragraph: dict[int, list[list[str]]], result: ArticleResult
) -> None:
    for index, paragraph in enumerate(article.paragraphs):
        keys = keys_by_paragraph.get(index, [])
        for asked, answer in paragraph.people:
            result.people += 1
            if matches_any(normalise(answer), keys):
                result.recalled += 1
                shapes = {
                    shape
                    for shape, tokens in result.shaped_keys.get(index, [])
                    if matches_any(normalise(answer), tokens)
                }
                if len(shapes) == 1:
                    result.shape_only[shapes.pop()] += 1
            else:
                result.missed_answers.append(f"{answer}  <- {asked}  [para {index}]")


# --- Speed ----------------------------------------------------------------------------------------


def best_time(run: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def time_builtin(generate: Callable) -> float:
    import quizapp.generation

    # quizapp/generation/__init__.py -> quizapp/ (works whether or not quizapp has an __init__)
    package = Path(quizapp.generation.__file__).resolve().parents[1]
    text = (package / "builtin_article.txt").read_text(encoding="utf-8")
    generate(text)  # warm-up: imports, compiled patterns, caches
    return best_time(lambda: generate(text), BUILTIN_RUNS)


def corpus(articles: Sequence[Article], min_chars: int) -> str:
    """The articles' texts repeated until at least ``min_chars``, cut after a paragraph."""
    units = [unit for article in articles for unit in article.units]
    parts: list[str] = []
    size = 0
    while size < min_chars:
        for unit in units:
            parts.append(unit)
            size += len(unit) + 2
            if size >= min_chars:
                break
    return "\n\n".join(parts)


def time_big(generate: Callable, text: str) -> float:
    """Seconds for one run on ``text``; a second run only when the first was quick."""
    seconds = best_time(lambda: generate(text, "Benchmark corpus"), 1)
    if seconds < 5:
        seconds = min(seconds, best_time(lambda: generate(text, "Benchmark corpus"), 1))
    return seconds


# --- Report ---------------------------------------------------------------------------------------


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def print_table(results: Sequence[ArticleResult]) -> None:
    header = (
        f"{'article':<20} {'words':>6} {'qs':>5} {'q/1kw':>6} {'tf':>4} {'prec':>11} "
        f"{'recall':>11} {'audit':>5} {'secs':>6}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        if r.error:
            print(f"{r.name:<20} {r.words:>6}  UnusableText: {r.error}")
            continue
        prec = f"{ratio(r.matched, r.scored):.2f} {r.matched:>3}/{r.scored:<3}"
        rec = f"{ratio(r.recalled, r.people):.2f} {r.recalled:>3}/{r.people:<3}"
        per_kw = 1000 * ratio(r.questions, r.words)
        print(
            f"{r.name[:20]:<20} {r.words:>6} {r.questions:>5} {per_kw:>6.1f} {r.true_false:>4} "
            f"{prec:>11} {rec:>11} {r.check_failures:>5} {r.seconds:>6.3f}"
        )


def print_misses(results: Sequence[ArticleResult], count: int) -> None:
    for r in results:
        print(f"\n== {r.name}: generated keys that matched nothing")
        for line in r.unmatched_keys[:count]:
            print(f"   {line}")
        print(f"== {r.name}: people's answers that were missed")
        for line in r.missed_answers[:count]:
            print(f"   {line}")


def print_by_shape(results: Sequence[ArticleResult]) -> None:
    scored, matched, only = Counter(), Counter(), Counter()
    for r in results:
        scored.update(r.shape_scored)
        matched.update(r.shape_matched)
        only.update(r.shape_only)
    print(f"\n{'key shape':<10} {'keys':>5} {'precision':>15} {'recalled only by it':>20}")
    for shape in ("date", "figure", "name", "phrase"):
        prec = f"{ratio(matched[shape], scored[shape]):.3f} {matched[shape]:>4}/{scored[shape]:<4}"
        print(f"{shape:<10} {scored[shape]:>5} {prec:>15} {only[shape]:>20}")
    print()


def verdict(name: str, value: float | None) -> str:
    if value is None:
        return "n/a"
    op, target = TARGETS[name]
    ok = {">=": value >= target, "<=": value <= target, "<": value < target}[op]
    return f"{'PASS' if ok else 'MISS'} (target {op} {target:g})"


def totals(results: Sequence[ArticleResult]) -> dict[str, Any]:
    def total(attr: str) -> int:
        return sum(getattr(r, attr) for r in results)

    kinds: Counter[str] = Counter()
    checks: Counter[str] = Counter()
    for r in results:
        kinds.update(r.kinds)
        checks.update(r.checks)
    return {
        "key_precision": ratio(total("matched"), total("scored")),
        "recall": ratio(total("recalled"), total("people")),
        "questions_per_1000_words": 1000 * ratio(total("questions"), total("words")),
        "check_failures": total("check_failures"),
        "questions": total("questions"),
        "true_false": total("true_false"),
        "kinds": dict(kinds.most_common()),
        "checks": dict(checks.most_common()),
        "errors": [r.name for r in results if r.error],
    }


def print_summary(figures: dict[str, Any], speed_note: str) -> None:
    print()
    rows = [
        ("key_precision", "key precision", "{:.3f}"),
        ("recall", "recall", "{:.3f}"),
        ("questions_per_1000_words", "questions per 1,000 words", "{:.1f}"),
        ("check_failures", "check failures", "{}"),
        ("builtin_seconds", "built-in article, seconds", "{:.3f}"),
        ("words_per_second", f"words per second ({speed_note})", "{:,.0f}"),
        ("size_ratio", "time 1 MB / time 0.5 MB", "{:.2f}"),
    ]
    for key, label, fmt in rows:
        value = figures.get(key)
        shown = fmt.format(value) if value is not None else "skipped"
        print(f"{label:<42} {shown:>10}   {verdict(key, value)}")
    counts = f"{figures['questions']} / {figures['true_false']}"
    print(f"{'questions / true_false (not scored)':<42} {counts:>10}")
    print(f"kinds: {', '.join(f'{k} {n}' for k, n in figures['kinds'].items()) or 'none'}")
    if figures["checks"]:
        print(f"failed checks: {', '.join(f'{k} {n}' for k, n in figures['checks'].items())}")
    if figures["errors"]:
        print(f"UnusableText on: {', '.join(figures['errors'])}")


def json_line(figures: dict[str, Any]) -> str:
    keys = (
        "key_precision",
        "recall",
        "questions_per_1000_words",
        "check_failures",
        "builtin_seconds",
        "words_per_second",
        "size_ratio",
        "questions",
        "kinds",
    )
    out = {key: figures.get(key) for key in keys}
    out = {k: round(v, 3) if isinstance(v, float) else v for k, v in out.items()}
    return json.dumps(out, sort_keys=False)


# --- Main -----------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="SQuAD article JSON dir")
    parser.add_argument("--quick", action="store_true", help="skip the 0.5 MB and 1 MB runs")
    parser.add_argument("--article", help="run one article (file stem or title)")
    parser.add_argument(
        "--show-misses", type=int, default=0, metavar="N", help="print N misses per article"
    )
    parser.add_argument(
        "--by-shape", action="store_true", help="precision and recall by the shape of the key"
    )
    return parser.parse_args(argv)


def measure_throughput(
    generate: Callable, articles: Sequence[Article], results: Sequence[ArticleResult], quick: bool
) -> tuple[dict[str, float | None], str]:
    speed: dict[str, float | None] = {}
    if quick:
        # Throughput of the article runs above: smaller texts, so only a rough stand-in.
        seconds = sum(r.seconds for r in results)
        words = sum(r.words for r in results)
        speed["words_per_second"] = words / seconds if seconds else None
        speed["size_ratio"] = None
        return speed, "article runs, --quick"
    half, full = corpus(articles, HALF_MB), corpus(articles, ONE_MB)
    half_seconds, full_seconds = time_big(generate, half), time_big(generate, full)
    print(
        f"speed: {len(half):,} chars in {half_seconds:.2f} s, "
        f"{len(full):,} chars ({len(full.split()):,} words) in {full_seconds:.2f} s"
    )
    speed["words_per_second"] = len(full.split()) / full_seconds if full_seconds else None
    speed["size_ratio"] = full_seconds / half_seconds if half_seconds else None
    return speed, "1 MB text"


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    from quizapp.generation import GENERATOR, audit, generate

    articles = load_articles(args.data)
    chosen = select(articles, args.article)
    print(f"generator {GENERATOR}; {len(chosen)} article(s) from {args.data}\n")
    builtin_seconds = time_builtin(generate)  # first, so it also warms up the article runs
    results = [score_article(article, generate, audit) for article in chosen]
    print_table(results)
    if args.show_misses:
        print_misses(results, args.show_misses)
    if args.by_shape:
        print_by_shape(results)
    figures = totals(results)
    speed, speed_note = measure_throughput(generate, articles, results, args.quick)
    figures.update(speed, builtin_seconds=builtin_seconds)
    print_summary(figures, speed_note)
    print(json_line(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
