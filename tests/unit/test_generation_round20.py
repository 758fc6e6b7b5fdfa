"""Round 20 of issue 10: what the nineteenth blind sample showed, pinned with our own sentences."""

from __future__ import annotations

from quizapp.generation import generate
from quizapp.generation.article import analyse
from quizapp.generation.distractors import number_distractors
from quizapp.generation.quality import number_of
from quizapp.generation.stems import BLANK as B
from quizapp.generation.stems import true_false_stem
from tests.unit.test_generation_round17 import _figure_key

FILLER = "The committee met again in the spring and wrote a long report on the matter. "


def _blanks(text: str) -> dict[str, str]:
    """Each fill-in or multiple-choice key with its stem."""
    bank = generate(f"Notes on the town\n\n{text} {FILLER * 6}\n")
    return {
        str(q.answer): q.stem for q in bank.questions if q.kind in {"fill_blank", "multiple_choice"}
    }


def test_a_list_whose_last_name_describes_the_noun_after_it_is_asked_by_its_first_item():
    keys = _blanks(
        "Several field ciphers, such as Playfair and the Vigenère square method, "
        "were broken by hand in 1917."
    )
    assert "Playfair and the Vigenère" not in keys  # would leave "_____ square method"
    assert keys["Playfair"].startswith("Several field ciphers, such as _____ and the Vigenère")


def test_a_short_contrast_is_not_cut_from_the_claim_after_its_dash():
    keys = _blanks("90,000 people lived in Lyon, but in 1950 – only 40,000.")
    contrasts = [stem for stem in keys.values() if "but in 1950" in stem]
    assert contrasts, keys
    assert all("but in 1950 – only" in stem for stem in contrasts), contrasts


def test_a_prime_the_sentence_calls_prime_gets_primes_as_wrong_options():
    text = "Factors\n\nThe smallest prime factor of the number is 211, found by hand."
    article, key = _figure_key(text, "211")
    for seed in range(20):
        wrong = [int(t) for t, _ in number_distractors(article, key, 3, seed)]
        assert len(wrong) == 3
        assert all(all(n % f for f in range(2, n)) for n in wrong), (seed, wrong)


def test_a_figure_in_a_sentence_not_about_primes_keeps_its_scaled_options():
    text = "Harbours\n\nThe harbour held 211 boats in the summer of that year."
    article, key = _figure_key(text, "211")
    wrong = [int(t.split()[0]) for t, _ in number_distractors(article, key, 3, 7)]
    assert any(n % 2 == 0 for n in wrong), wrong  # scaled, not pushed to primes


def test_a_common_word_opening_a_true_false_statement_is_lower_cased():
    ordinary = frozenset({"example", "forest"})
    stem = true_false_stem("Examples include the forest.", ordinary=ordinary)
    assert "that examples include" in stem
    assert "that environmentalists are" in true_false_stem(
        "Environmentalists are worried about the forest.", ordinary=ordinary
    )
    assert "that none of the" in true_false_stem("None of the boats sank.", ordinary=ordinary)
    assert "that Lyon is" in true_false_stem("Lyon is a city.", ordinary=ordinary)


def _candidate_texts(text: str) -> set[str]:
    return {c.text for cands in analyse(text).candidates for c in cands}


def test_a_currency_code_stays_with_its_figure():
    texts = _candidate_texts("Prizes\n\nThe team was awarded a US$250,000 grant in that year.")
    assert any(t.startswith("US$250,000") for t in texts), texts
    assert not any(t.startswith("250,000") for t in texts), texts  # never "US$_____"


def test_a_percentage_after_a_name_is_no_part_of_the_name():
    texts = _candidate_texts("Power\n\nIn the United States 90% of the power comes from steam.")
    assert "the United States" in texts and "90%" in texts, texts
    assert not any("States 90" in t for t in texts), texts
    assert "Apollo 11" in _candidate_texts("Flights\n\nApollo 11 landed on the Moon in 1969.")


def test_a_spelled_count_before_a_participle_and_a_verb_is_no_figure():
    texts = _candidate_texts(
        "Sugars\n\nOne out of every six produced leaves the cycle. The cell made four new copies."
    )
    assert "six produced leaves" not in texts, texts
    assert "four new copies" in texts, texts


def test_a_key_that_restates_most_of_the_title_is_not_asked_to_fill_in():
    from quizapp.generation.checks import _title_in_key

    crisis = analyse("1973 oil crisis\n\nThe embargo caused an oil crisis in the winter.")
    assert _title_in_key(crisis, "an oil crisis")
    assert not _title_in_key(crisis, "the embargo")
    long_title = analyse(
        "Advancing together: the future of international collaboration among space agencies\n\n"
        "NASA worked with international space agencies on the rovers."
    )
    assert not _title_in_key(long_title, "international space agencies")  # 3 of 7 words


def test_a_list_whose_last_item_a_relative_clause_describes_is_not_one_key():
    keys = _blanks(
        "Some examples of garden pathogens include viruses, the soil bacterium Erwinia and "
        "the fungal parasites that cause mildew and rot."
    )
    assert "Erwinia and the fungal parasites" not in keys, keys  # "_____ that cause mildew"


def test_a_stem_word_sharing_seven_of_ten_letters_with_the_key_gives_it_away():
    from quizapp.generation.checks import shares_word_stem

    assert shares_word_stem(["geologists"], ["in", "geological", "surveys"])
    assert not shares_word_stem(["government"], ["the", "governor"])


def test_a_rate_keeps_the_word_after_per():
    from quizapp.generation.questions import unsplit_number

    text = "Speeds\n\nThe train kept a speed of 80 kilometres per second on the line."
    article, key = _figure_key(text, "80")
    assert unsplit_number(article, key).text == "80 kilometres per second"


def test_a_term_with_its_number_is_one_key():
    texts = _candidate_texts(
        "Signals\n\nThe cells release signalling proteins such as interleukin 2 in a fever."
    )
    assert "interleukin 2" in texts, texts


def test_a_name_opening_with_a_possessive_after_the_is_blanked_whole():
    keys = _blanks(
        "The town is home to the Sailors' Rest and the Fishermen's Memorial Hall, "
        "the oldest building on the quay."
    )
    assert "Memorial Hall" not in keys, keys  # never "the Fishermen's _____"
    assert keys["Fishermen's Memorial Hall"].startswith("The town is home to the Sailors' Rest")


def test_two_modifiers_of_one_noun_are_not_cut_apart():
    from quizapp.generation.stems import focus, statement

    text = (
        "Networks\n\nThe Lakeland Network was a program of coordinated, evolving projects "
        "run by the county council to link its schools."
    )
    article = analyse(text)
    sentence = article.sentences[0]
    stmt = statement(sentence, is_prose=True)
    start = text.index("The Lakeland Network")
    cut = focus(article.norm, stmt, start, start + len("The Lakeland Network"))
    assert article.norm[cut.body_start : cut.body_end].rstrip(".").endswith("to link its schools")


def test_a_list_whose_last_item_goes_on_with_of_is_asked_by_its_first_item():
    keys = _blanks(
        "The merchants fled, taking the goods by boat into Corsica and the north of Italy, "
        "whence they spread inland."
    )
    assert "Corsica and the north" not in keys, keys
    assert "_____ and the north of Italy" in keys["Corsica"], keys


def test_a_count_whose_list_follows_the_blank_is_not_asked():
    from quizapp.generation.quality import count_listed

    stem = f"The cycle also comprises {B} – admission, expansion, exhaust, compression."
    assert count_listed(stem, "four events")
    assert not count_listed(stem, "three events")
    assert not count_listed(f"The cycle also comprises {B} in every engine.", "four events")


def test_a_four_digit_temperature_is_no_year_and_its_options_differ_by_tens():
    text = "Engines\n\nGas turbines have turbine entry temperatures of 1500 °C in service."
    article, key = _figure_key(text, "1500")
    assert key.category == "number"
    wrong = [number_of(t) for t, _ in number_distractors(article, key, 3, 3)]
    assert len(wrong) == 3 and all(abs(w - 1500) >= 50 for w in wrong), wrong
    summer = "Weather\n\nThe summer record in the town was 32.5 °C in that year."
    article, key = _figure_key(summer, "32.5")
    wrong = [number_of(t) for t, _ in number_distractors(article, key, 3, 3)]
    assert all(abs(w - 32.5) <= 12 for w in wrong), wrong


def test_this_before_a_verb_and_its_object_stays_a_pronoun():
    from quizapp.generation.stems import definite_for_this

    assert definite_for_this("All of this set the stage for the plan.").startswith("All of this")
    assert definite_for_this("This set of rules is old.") == "The set of rules is old."


def test_options_lose_their_the_after_a_the_the_stem_keeps():
    from quizapp.generation.questions import fitted_options

    text = (
        "Palaces\n\nThe 17th century Ujazdów Castle houses an art centre. "
        "The Saxon Palace and the Brühl Palace stood nearby."
    )
    article = analyse(text)
    key = next(c for cands in article.candidates for c in cands if c.text == "Ujazdów Castle")
    wrong = [("the Saxon Palace", "article"), ("the Brühl Palace", "article")]
    assert [t for t, _ in fitted_options(article, key, wrong)] == ["Saxon Palace", "Brühl Palace"]
    keep = analyse("Palaces\n\nIt lies in the traces of Ujazdów Castle, by the Saxon Palace.")
    key = next(c for cands in keep.candidates for c in cands if c.text == "Ujazdów Castle")
    assert fitted_options(keep, key, wrong) == wrong  # "the traces of": another phrase's "the"
