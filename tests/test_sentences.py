"""Sentence splitting: abbreviations, numbers, quotes kept whole, paragraphs, scripts."""

from __future__ import annotations

import pytest

from repackage.editorial.sentences import find_enclosures, split_sentences, split_text
from repackage.models import Article


def sentences(text: str, lang: str = "fr") -> list[str]:
    return [text[a:b] for a, b in split_text(text, lang)]


# --- abbreviations, numbers, dates -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "M. Gentiloni et Mme Dupont sont arrivés avec MM. Durand et Martin.",
        "Le Dr. Martin et le Pr. Lefèvre habitent rue St. Jacques.",
        "Il est né en 63 av. J.-C. à Rome.",
        "Des villes, p. ex. Paris, ont voté.",
        "La voiture n° 4 et la voiture No. 5 ont abandonné.",
    ],
)
def test_french_abbreviations_do_not_end_sentences(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith met Mrs. Jones and Ms. Brown.",
        "Martin Luther King Jr. spoke in Washington.",
        "The U.S. Army and the U.K. Navy trained together.",
        "Crops, e.g. Wheat and Rice, suffer; i.e. Farmers lose.",
        "J. R. R. Tolkien wrote the book.",
        "It was Ali vs. Frazier on Jan. 5 at St. Mary's, see No. 5, p. 12.",
    ],
)
def test_english_abbreviations_do_not_end_sentences(text: str) -> None:
    assert sentences(text, "en") == [text]


def test_abbreviation_at_the_end_of_a_sentence_still_ends_it() -> None:
    text = "He lived in the U.S. The president agreed. It was 5 p.m. Then it rained."
    assert sentences(text, "en") == [
        "He lived in the U.S.",
        "The president agreed.",
        "It was 5 p.m.",
        "Then it rained.",
    ]


def test_etc_and_jc_end_a_sentence_before_a_capital() -> None:
    text = "Il aimait les pommes, les poires, etc. Il est né en 63 av. J.-C. Il est mort."
    assert sentences(text) == [
        "Il aimait les pommes, les poires, etc.",
        "Il est né en 63 av. J.-C.",
        "Il est mort.",
    ]


def test_numbers_dates_urls_and_emails_are_not_split() -> None:
    text = (
        "Le 26.02.2024, il a payé 3.5 euros, soit 1,5 % de plus, à 20h30. "
        "Voir www.example.org/a.b ou écrire à prenom.nom@example.fr. Fin."
    )
    assert sentences(text) == [
        "Le 26.02.2024, il a payé 3.5 euros, soit 1,5 % de plus, à 20h30.",
        "Voir www.example.org/a.b ou écrire à prenom.nom@example.fr.",
        "Fin.",
    ]


# --- punctuation runs and ellipses -----------------------------------------------


def test_ellipses_and_question_exclamation_runs() -> None:
    text = "Il hésita... Puis il partit… Vraiment ?! Oui ! Et toi ? non, pas moi."
    assert sentences(text) == [
        "Il hésita...",
        "Puis il partit…",
        "Vraiment ?!",
        "Oui !",
        "Et toi ? non, pas moi.",
    ]


def test_bracketed_ellipsis_is_an_elision_not_an_end() -> None:
    text = "Il a parlé de l'Europe [...] Nous verrons demain."
    assert sentences(text) == [text]


# --- quotations are never cut ------------------------------------------------------


def test_french_quote_with_attribution_is_one_sentence() -> None:
    text = (
        "« Rien ne doit être exclu. Nous ferons tout ce qu’il faut pour que la Russie ne puisse pas "
        "gagner cette guerre. La défaite de la Russie est indispensable à la sécurité et à la "
        "stabilité en Europe », a déclaré le dirigeant français. Le Kremlin a réagi."
    )
    assert sentences(text) == [text[: text.index(" Le Kremlin")], "Le Kremlin a réagi."]


def test_guillemets_with_narrow_no_break_spaces_are_one_sentence() -> None:
    text = "«\u202fC’est fini. Nous partons\u202f», a-t-il dit. Ensuite, rien."
    assert sentences(text) == ["«\u202fC’est fini. Nous partons\u202f», a-t-il dit.", "Ensuite, rien."]


def test_curly_and_straight_quotes_split_by_attribution_stay_whole() -> None:
    text = (
        "“We will win. Nothing will stop us,” she said. "
        '"We will win," he said, "and nothing will stop us. Never." The crowd cheered.'
    )
    assert sentences(text, "en") == [
        "“We will win. Nothing will stop us,” she said.",
        '"We will win," he said, "and nothing will stop us. Never."',
        "The crowd cheered.",
    ]


def test_quote_ending_with_its_own_punctuation_ends_the_sentence() -> None:
    text = "« Il y a 5 ans, c'était impossible. Avec 100 fois moins d'éléments ! » Un résultat inédit."
    assert sentences(text) == [
        "« Il y a 5 ans, c'était impossible. Avec 100 fois moins d'éléments ! »",
        "Un résultat inédit.",
    ]


def test_single_quotes_and_apostrophes() -> None:
    text = "‘We don’t stop. Ever,’ the players’ captain said. It’s over."
    assert sentences(text, "en") == ["‘We don’t stop. Ever,’ the players’ captain said.", "It’s over."]


def test_block_quote_paragraph_is_kept_whole() -> None:
    text = "« Nous sommes tristes. Une urgence est survenue. »\n\n— Société Dark Star"
    assert sentences(text) == ["« Nous sommes tristes. Une urgence est survenue. »", "— Société Dark Star"]


def test_quote_running_over_two_paragraphs_is_protected_in_each() -> None:
    text = "Il a dit : « Début. Toujours la citation.\n\n« Suite. Fin. » Puis le récit. Encore."
    assert sentences(text) == [
        "Il a dit : « Début. Toujours la citation.",
        "« Suite. Fin. »",
        "Puis le récit.",
        "Encore.",
    ]


def test_paragraph_reopened_with_closing_guillemet_is_protected() -> None:
    text = "» Suite de la citation. Fin. » Et après. Voilà."
    assert sentences(text) == ["» Suite de la citation. Fin. »", "Et après.", "Voilà."]


def test_parenthesised_sentence_is_kept_whole() -> None:
    text = "Il a démissionné. (Il est revenu. Puis reparti.) Après, rien."
    assert sentences(text) == ["Il a démissionné.", "(Il est revenu. Puis reparti.)", "Après, rien."]


def test_enclosures_ignore_apostrophes_and_inch_marks() -> None:
    paragraph = "L’OTAN a un écran de 5\" et l'Europe « hésite »."
    quotes = [e for e in find_enclosures(paragraph, "fr") if e.is_quote]
    assert [(paragraph[e.open], paragraph[e.close]) for e in quotes] == [("«", "»")]


# --- paragraphs and spans --------------------------------------------------------------


def test_no_sentence_crosses_a_paragraph_and_spans_slice_back() -> None:
    article = Article(
        headline="Titre",
        paragraphs=(
            "Premier paragraphe sans point final",
            "« Une citation ouverte. Qui continue",
            "dans le paragraphe suivant. » Fin du récit.",
        ),
        lang="fr",
    )
    result = split_sentences(article)
    para_spans = article.paragraph_spans()
    assert [s.index for s in result] == list(range(len(result)))
    for s in result:
        assert s.text == article.text[s.span.start : s.span.end] == s.text.strip()
        para = para_spans[s.paragraph]
        assert para.start <= s.span.start < s.span.end <= para.end
    assert [s.text for s in result] == [
        "Premier paragraphe sans point final",
        "« Une citation ouverte. Qui continue",
        "dans le paragraphe suivant. »",
        "Fin du récit.",
    ]


def test_split_text_treats_blank_lines_as_paragraph_breaks() -> None:
    text = "Une phrase sans point\n\n  \nUne autre. Et une troisième."
    assert sentences(text) == ["Une phrase sans point", "Une autre.", "Et une troisième."]


def test_empty_and_blank_text() -> None:
    assert split_text("", "fr") == []
    assert split_text("  \n\n ", "en") == []
    assert split_sentences(Article(headline="H", paragraphs=(), lang="fr")) == ()


# --- other languages ---------------------------------------------------------------


def test_german_ordinals_and_low_quotes() -> None:
    text = (
        "Er kam am 26. Februar 2024 an. Das war gut. "
        "„Wir schaffen das. Ganz sicher“, sagte Dr. Müller z.B. heute."
    )
    assert sentences(text, "de") == [
        "Er kam am 26. Februar 2024 an.",
        "Das war gut.",
        "„Wir schaffen das. Ganz sicher“, sagte Dr. Müller z.B. heute.",
    ]


def test_german_reversed_guillemets() -> None:
    text = "»Wir bleiben. Immer«, sagte sie. Dann ging sie."
    assert sentences(text, "de") == ["»Wir bleiben. Immer«, sagte sie.", "Dann ging sie."]


def test_spanish_inverted_marks() -> None:
    text = "¿Qué pasa? ¡Nada! El Sr. García llegó. Vale."
    assert sentences(text, "es") == ["¿Qué pasa?", "¡Nada!", "El Sr. García llegó.", "Vale."]


def test_arabic_question_mark_and_period() -> None:
    text = "هل هذا صحيح؟ نعم. هذا صحيح."
    assert sentences(text, "ar") == ["هل هذا صحيح؟", "نعم.", "هذا صحيح."]


def test_chinese_full_stops_need_no_space() -> None:
    text = "今天天气很好。我们去公园吧！“你好。”他说。你呢？"
    assert sentences(text, "zh") == ["今天天气很好。", "我们去公园吧！", "“你好。”他说。", "你呢？"]


def test_unknown_language_does_not_crash() -> None:
    assert sentences("Sawubona. Unjani? Ngiyaphila.", "zu") == ["Sawubona.", "Unjani?", "Ngiyaphila."]
