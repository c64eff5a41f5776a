"""Entities and hashtags, platform copy within each platform's limits, alt text per image."""

from __future__ import annotations

import re

import pytest
from _paths import ROOT, SEED, SHARED_ARTICLES, shared_path

from repackage.article import read_article
from repackage.editorial import build_story, plain
from repackage.editorial.entities import extract_entities, hashtag_for
from repackage.editorial.postcopy import ALT_MAX, post_cta, quote_alt, x_length
from repackage.editorial.sentences import split_sentences
from repackage.models import Article, Credits, Entity, Quote, Span, Story

OZONE = "wikinews-en-02-ozone-warming-crops.txt"
TAG = re.compile(r"#\w+")


@pytest.fixture(scope="module")
def seed() -> Story:
    return build_story(read_article(SEED))


@pytest.fixture(scope="module")
def english() -> Story:
    return build_story(read_article(shared_path(OZONE)))


def tags_in(text: str) -> list[str]:
    return TAG.findall(text)


# --- entities and hashtags ---------------------------------------------------------


def test_seed_hashtags_name_the_story(seed: Story) -> None:
    tags = seed.post_copy.hashtags
    assert {"#OTAN", "#Ukraine", "#Macron"} <= set(tags)
    assert len(tags) == 5 and len(set(tags)) == 5
    assert all(re.fullmatch(r"#\w+", t) for t in tags)


def test_seed_entities_are_the_people_places_and_organisations(seed: Story) -> None:
    kinds = {e.text: e.kind for e in seed.entities}
    assert kinds["Emmanuel Macron"] == "person"
    assert kinds["Olaf Scholz"] == "person"
    assert kinds["Ukraine"] == "place"
    assert kinds["OTAN"] == "org"
    for word in ("Cependant", "Ce", "Les", "Chef", "allemand", "allemande", "Du"):
        assert word not in kinds


def entities_of(paragraphs: tuple[str, ...], headline: str = "Titre", lang: str = "fr") -> dict[str, Entity]:
    article = Article(headline=headline, paragraphs=paragraphs, lang=lang)
    return {e.text: e for e in extract_entities(article, split_sentences(article), ())}


def test_nationality_adjectives_days_and_sentence_starts_are_no_entities() -> None:
    found = entities_of(
        (
            "Mardi, les Allemands ont voté. Cependant, le gouvernement allemand hésite.",
            "Swedish captain Andreas Granqvist scored on Monday in June.",
        )
    )
    assert "Andreas Granqvist" in found
    for word in ("Mardi", "Allemands", "Cependant", "Swedish", "Monday", "June", "Les"):
        assert word not in found


def test_elided_articles_are_cut_and_surnames_join_full_names() -> None:
    found = entities_of(
        ("L’OTAN se réunit. Le président Emmanuel Macron parle à l’OTAN. Puis Macron part.",)
    )
    assert found["OTAN"].hashtag == "#OTAN"
    assert found["Emmanuel Macron"].count == 2
    assert "Macron" not in found


@pytest.mark.parametrize(
    ("text", "kind", "tag"),
    [
        ("Emmanuel Macron", "person", "#Macron"),
        ("Le Devoir", "org", "#LeDevoir"),
        ("Kevin De Bruyne", "person", "#DeBruyne"),
        ("Park Geun-hye", "person", "#ParkGeunHye"),
        ("États-Unis", "place", "#ÉtatsUnis"),
        ("l’OTAN", "org", "#OTAN"),
        ("GM&S", "org", "#GMS"),
        ("Massachusetts Institute of Technology and Colorado State University", "org", None),
    ],
)
def test_hashtag_forms(text: str, kind: str, tag: str | None) -> None:
    assert hashtag_for(Entity(text, kind)) == tag


def test_names_inside_quotes_are_not_entities() -> None:
    found = entities_of(("« ON SE VOIT AU TRIBUNAL, Poutine ! », a écrit Donald Trump.",))
    assert "Donald Trump" in found
    assert not {"ON", "TRIBUNAL", "Poutine"} & set(found)


# --- platform copy -----------------------------------------------------------------


def test_tiktok_is_hook_cta_and_three_to_five_hashtags(seed: Story) -> None:
    tiktok = seed.post_copy.tiktok
    assert len(tiktok) <= 2200
    assert plain(tiktok).startswith(plain(seed.hook.text))
    assert "Plus d’infos en bio" in tiktok
    assert 3 <= len(tags_in(tiktok)) <= 5


def test_a_cta_naming_a_platform_stays_out_of_the_post_copy(seed: Story) -> None:
    """"Retrouvez l’actualité sur notre compte TikTok" inside the TikTok post reads wrong."""
    assert "TikTok" in seed.article.cta
    copy = seed.post_copy
    for text in (copy.tiktok, copy.instagram, copy.x):
        assert "compte TikTok" not in text
    ferry = build_story(read_article(ROOT / "tests/data/articles/harbour-ferry-en-ninjs2.json"))
    assert "Instagram" in ferry.article.cta and "Instagram" not in ferry.post_copy.tiktok
    assert "More at the link in bio" in ferry.post_copy.tiktok


@pytest.mark.parametrize(
    ("cta", "lang", "expected"),
    [
        ("Retrouvez l’actualité sur notre compte TikTok", "fr", "Plus d’infos en bio"),
        ("Follow us on Instagram for live travel updates.", "en", "More at the link in bio"),
        ("Suivez-nous sur X et Facebook", "fr", "Plus d’infos en bio"),
        ("Abonnez-vous à notre newsletter pour suivre la vie municipale.", "fr",
         "Abonnez-vous à notre newsletter pour suivre la vie municipale."),
        ("Sign up for our morning newsletter to get the latest council news.", "en",
         "Sign up for our morning newsletter to get the latest council news."),
        (None, "fr", "Plus d’infos en bio"),
    ],
)
def test_post_cta_keeps_only_platform_neutral_calls_to_action(cta: str | None, lang: str, expected: str) -> None:
    article = Article(headline="Titre", paragraphs=("Un paragraphe.",), lang=lang, cta=cta)
    assert post_cta(article) == expected


def test_instagram_has_caption_lines_credits_and_hashtags(seed: Story) -> None:
    insta = plain(seed.post_copy.instagram)
    assert len(seed.post_copy.instagram) <= 2200
    assert "Photo : Kenzo Tribouillard / AFP · Source : Le Devoir" in insta
    lines = [plain(c.text) for c in seed.captions]
    assert 2 <= sum(line in insta for line in lines) <= 3
    assert tags_in(insta) == list(seed.post_copy.hashtags)


def test_x_post_fits_and_has_one_to_three_hashtags(seed: Story, english: Story) -> None:
    for story in (seed, english):
        assert x_length(story.post_copy.x) <= 280
        assert 1 <= len(tags_in(story.post_copy.x)) <= 3
        assert plain(story.post_copy.x).startswith(plain(story.hook.text))


def test_x_counts_urls_as_23() -> None:
    url = "https://example.org/" + "a" * 80
    assert x_length(f"Lire {url} maintenant") == len("Lire ") + 23 + len(" maintenant")


def test_french_copy_is_typeset(seed: Story) -> None:
    assert "Photo\u00a0: Kenzo" in seed.post_copy.instagram
    assert "'" not in seed.post_copy.tiktok


def test_alt_texts_are_typeset_like_the_cards() -> None:
    """Rome's caption alt texts kept "l'UE"; the ozone quote ended on the comma
    the source left before its attribution."""
    rome = build_story(read_article(shared_path("wikinews-fr-01-traite-de-rome-60-ans.txt")))
    alts = [a.text for a in rome.post_copy.alt_texts]
    assert any("l’UE" in a for a in alts) and not any("'" in a for a in alts)
    ottawa = build_story(read_article(shared_path("wikinews-en-04-sensitive-document-ottawa.txt")))
    baird = next(a.text for a in ottawa.post_copy.alt_texts if "Baird" in a.text)
    assert baird.endswith("under access to information”")


def test_english_article_gets_english_copy(english: Story) -> None:
    copy = english.post_copy
    assert "More at the link in bio" in copy.tiktok
    for french in ("Citation", "Diapositive", "Titre", "Plus d’infos"):
        assert all(french not in a.text for a in copy.alt_texts)
        assert french not in copy.tiktok + copy.instagram + copy.x
    assert any(a.text.startswith("Quote from Colette Heald") for a in copy.alt_texts)


def test_default_cta_in_the_articles_language() -> None:
    article = Article(
        headline="Le conseil municipal adopte le budget",
        paragraphs=("Le conseil municipal de Lyon a adopté mardi son budget pour l’année prochaine.",),
        lang="fr",
    )
    assert "Plus d’infos en bio" in build_story(article).post_copy.tiktok


def test_other_languages_fall_back_to_english_wording_with_original_text() -> None:
    article = Article(
        headline="Berlin beschließt neuen Haushalt",
        paragraphs=("Der Berliner Senat hat am Dienstag den Haushalt für das kommende Jahr beschlossen.",),
        lang="de",
        credits=Credits(source="Tagesspiegel"),
    )
    story = build_story(article)
    assert "More at the link in bio" in story.post_copy.tiktok
    assert "Source: Tagesspiegel" in story.post_copy.instagram
    assert "Headline: Berlin beschließt neuen Haushalt" in story.post_copy.alt_texts[0].text


# --- alt text ----------------------------------------------------------------------


def test_every_card_quote_caption_and_the_headline_have_alt_text(seed: Story) -> None:
    targets = [a.target for a in seed.post_copy.alt_texts]
    expected = [f"quote:{i}" for i in range(len(seed.card_quotes))] + ["headline"]
    expected += [f"caption:{i}" for i in range(len(seed.captions))]
    assert targets == expected
    assert all(len(a.text) <= ALT_MAX for a in seed.post_copy.alt_texts)


def test_quote_alt_text_names_the_speaker_with_the_right_elision(seed: Story) -> None:
    alts = {a.target: a.text for a in seed.post_copy.alt_texts}
    by_speaker = {q.speaker: alts[f"quote:{i}"] for i, q in enumerate(seed.card_quotes)}
    assert by_speaker["Emmanuel Macron"].startswith("Citation d’Emmanuel Macron")
    assert by_speaker["Olaf Scholz"].startswith("Citation d’Olaf Scholz")
    assert by_speaker["Dmitri Peskov"].startswith("Citation de Dmitri Peskov")
    for i, quote in enumerate(seed.card_quotes):
        assert quote.text in alts[f"quote:{i}"]


@pytest.mark.parametrize(
    ("name", "speaker", "expected"),
    [
        ("wikinews-fr-04-rallye-monte-carlo-spectateur.txt", "Automobile club de Monaco",
         "Citation de l’Automobile club de Monaco\u00a0: «\u00a0Le spectateur"),
        ("wikinews-fr-05-festival-deauville.txt", "Société Dark Star",
         "Citation de la société Dark Star\u00a0: «\u00a0Nous sommes tristes"),
        ("wikinews-fr-05-festival-deauville.txt", "Service de presse du festival",
         "Citation — Service de presse du festival\u00a0: «\u00a0Nous rendons"),
        ("wikinews-en-02-ozone-warming-crops.txt", "U.S. Department of Agriculture",
         "Quote from the U.S. Department of Agriculture: “Ground-level ozone"),
    ],
)
def test_organisations_are_named_as_the_article_names_them(name: str, speaker: str, expected: str) -> None:
    article = read_article(shared_path(name))
    sentence = next(s for s in split_sentences(article) if expected.rsplit("\u00a0", 1)[-1].rsplit("“", 1)[-1] in s.text)
    words = expected.rsplit("\u00a0", 1)[-1].rsplit("“", 1)[-1]
    start = article.text.index(words, sentence.span.start)
    end = article.text.index("»" if article.lang == "fr" else "\"", start)
    quote = Quote(article.text[start:end].strip(), (Span(start, end),), speaker=speaker, confidence=0.9)
    assert quote_alt(quote, article.lang, article.text).startswith(expected)


def test_a_person_is_never_given_a_determiner() -> None:
    text = "Le maire, Jean Moulin, a parlé. « Nous tiendrons », a dit Jean Moulin."
    start = text.index("Nous")
    quote = Quote("Nous tiendrons", (Span(start, start + 14),), speaker="Jean Moulin", role="maire")
    assert quote_alt(quote, "fr", text).startswith("Citation de Jean Moulin, maire\u00a0: «\u00a0Nous tiendrons")


def test_long_quotes_are_cut_in_alt_text_only_at_a_word_boundary() -> None:
    words = [f"mot{i}" for i in range(400)]
    text = " ".join(words)
    quote = Quote(text, (Span(0, len(text)),), speaker="Hayden Paddon", role="pilote")
    alt = quote_alt(quote, "fr")
    assert len(alt) <= ALT_MAX
    assert alt.startswith("Citation de Hayden Paddon, pilote")
    shown = alt.split("«\u00a0", 1)[1].split("…", 1)[0]
    assert text.startswith(shown) and shown.split()[-1] in words
    assert alt.endswith("…\u00a0»")
