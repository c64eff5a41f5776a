"""build_story end to end: the seed's story, every shared article, slugs, limits."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from _paths import SEED, SHARED_ARTICLES, shared_path

from repackage import editorial
from repackage.article import read_article
from repackage.editorial import build_story, findings, plain, slugify
from repackage.errors import ConfigError
from repackage.models import Article, to_dict

ARTICLES = sorted(SHARED_ARTICLES.glob("*.txt"))


def test_public_api_is_exported() -> None:
    for name in ("build_story", "slugify", "check_faithfulness", "findings", "typeset", "plain",
                 "display_caption", "display_quote"):
        assert callable(getattr(editorial, name))


def test_seed_story_carries_speakers_captions_hook_and_copy() -> None:
    story = build_story(read_article(SEED))
    assert story.lang == "fr"
    assert story.slug.startswith("guerre-en-ukraine-l-otan-divisee")
    assert [q.speaker for q in story.card_quotes] == ["Emmanuel Macron", "Olaf Scholz", "Dmitri Peskov"]
    assert story.captions and story.hook.text and story.post_copy.hashtags
    assert findings(story) == []


def test_build_story_is_deterministic() -> None:
    article = read_article(SEED)
    assert to_dict(build_story(article)) == to_dict(build_story(article))


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_every_shared_article_builds_a_faithful_story(path: Path) -> None:
    story = build_story(read_article(path))
    assert findings(story) == []
    assert story.slug and len(story.slug) <= 60
    assert len(story.hook.text) <= 60 or plain(story.hook.text).casefold() in plain(story.article.headline).casefold()
    assert len(story.post_copy.tiktok) <= 2200 and len(story.post_copy.instagram) <= 2200


@pytest.mark.parametrize("path", [p for p in ARTICLES if "-fr-" in p.name or p.name.startswith("otan")], ids=lambda p: p.stem)
def test_everything_posted_from_a_french_story_is_typeset(path: Path) -> None:
    """Rome once posted "l'UE" and « » with plain spaces; captions and hook are
    display text in the Story, and so are the post copy and every alt text."""
    story = build_story(read_article(path))
    copy = story.post_copy
    posted = [story.hook.text, *(c.text for c in story.captions), copy.tiktok, copy.instagram, copy.x]
    posted += [a.text for a in copy.alt_texts]
    for text in posted:
        assert "'" not in text, text
        assert "« " not in text and " »" not in text, text
        assert " :" not in text, text


def test_rome_captions_show_typographic_apostrophes_and_keep_their_provenance() -> None:
    story = build_story(read_article(shared_path("wikinews-fr-01-traite-de-rome-60-ans.txt")))
    first = story.captions[0]
    assert "l’UE" in first.text
    source = story.sentences[first.sources[0]].text
    assert "l'UE" in source and plain(first.text) == plain(source).replace(" aujourd'hui", "")


def test_scraped_twins_tell_the_same_story() -> None:
    for stem in ("wikinews-fr-01-traite-de-rome-60-ans", "wikinews-fr-07-cour-appel-decret-immigration"):
        clean = build_story(read_article(shared_path(f"{stem}.txt")))
        scraped = build_story(read_article(shared_path(f"{stem}-scraped.txt")))
        assert [c.text for c in scraped.captions] == [c.text for c in clean.captions]
        assert scraped.hook == clean.hook


def test_an_article_without_quotes_or_credits_still_gets_a_story() -> None:
    article = Article(
        headline="Council approves new budget",
        paragraphs=(
            "The city council of Leeds approved its budget for next year on Tuesday.",
            "The vote was 31 to 12, after a debate that lasted four hours.",
        ),
        lang="en",
    )
    story = build_story(article)
    assert story.quotes == () and story.card_quotes == ()
    assert story.hook.text == "Council approves new budget" and story.hook.sources == ()
    assert [c.sources for c in story.captions] == [(0,), (1,)]
    assert "Source" not in story.post_copy.instagram


@pytest.mark.parametrize(
    ("lang", "headline", "paragraph"),
    [
        ("zh", "北约在乌克兰问题上存在分歧" * 6, "法国总统马克龙表示，不应排除任何可能。德国总理朔尔茨表示反对。"),
        ("ar", "الناتو منقسم بشأن إرسال قوات إلى أوكرانيا", "قال الرئيس الفرنسي إنه لا ينبغي استبعاد أي شيء. وأضاف أن هزيمة روسيا ضرورية."),
        ("de", "Nato uneins über Bodentruppen", "Der französische Präsident schließt nichts aus. Berlin widerspricht."),
    ],
)
def test_other_scripts_and_languages_give_a_faithful_story(lang: str, headline: str, paragraph: str) -> None:
    story = build_story(Article(headline=headline, paragraphs=(paragraph,), lang=lang))
    assert findings(story) == []
    assert 0 < len(story.hook.text) <= 60
    assert story.captions and all(len(c.text) <= 110 for c in story.captions)


def test_an_empty_article_gives_an_empty_but_valid_story() -> None:
    story = build_story(Article(headline="", paragraphs=(), lang="und"))
    assert story.captions == () and story.hook.text == "" and findings(story) == []


def test_unusable_limits_are_refused_with_every_reason() -> None:
    with pytest.raises(ConfigError) as info:
        build_story(read_article(SEED), max_caption_chars=10, hook_chars=5, n_captions=-1)
    message = str(info.value)
    assert "caption length" in message and "hook length" in message and "captions must be" in message


def test_zero_captions_on_request() -> None:
    assert build_story(read_article(SEED), n_captions=0).captions == ()


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Guerre en Ukraine : l’OTAN divisée", "guerre-en-ukraine-l-otan-divisee"),
        ("Œuvres d’art : 77 % des musées", "oeuvres-d-art-77-des-musees"),
        ("  --Hello, World!--  ", "hello-world"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_slugify_cuts_between_words_and_stays_ascii() -> None:
    slug = slugify("Guerre en Ukraine : l’OTAN divisée sur l’envoi de ses soldats en renfort au pays face à la Russie")
    assert len(slug) <= 60 and slug.isascii()
    assert slug == "guerre-en-ukraine-l-otan-divisee-sur-l-envoi-de-ses-soldats"  # "-en" would pass 60
    assert slugify("x" * 100, max_len=20) == "x" * 20


def test_slugify_gives_distinct_stable_slugs_to_non_latin_headlines() -> None:
    arabic, chinese = slugify("الناتو منقسم بشأن أوكرانيا"), slugify("北约在乌克兰问题上存在分歧")
    assert arabic.startswith("story-") and chinese.startswith("story-")
    assert arabic != chinese and arabic == slugify("الناتو منقسم بشأن أوكرانيا")


def test_a_story_with_a_tampered_caption_is_never_returned(monkeypatch: pytest.MonkeyPatch) -> None:
    from repackage.editorial import story as story_module
    from repackage.errors import FaithfulnessError

    real = story_module.select_captions

    def inventive(*args: object, **kwargs: object) -> tuple:
        captions = real(*args, **kwargs)
        return (dataclasses.replace(captions[0], text="Vladimir Poutine a tout décidé."),) + captions[1:]

    monkeypatch.setattr(story_module, "select_captions", inventive)
    with pytest.raises(FaithfulnessError, match="invented name 'Poutine'"):
        build_story(read_article(SEED))


def test_the_story_carries_the_cast_the_attribution_resolved_against() -> None:
    article = Article(
        headline="Réforme des retraites : le gouvernement tient bon",
        paragraphs=(
            "La ministre du Travail, Claire Dubois, a défendu le texte mardi. « Nous irons jusqu'au bout », "
            "a-t-elle déclaré.",
            "Le syndicat CGT a dénoncé un passage en force. « Ce texte est injuste pour les salariés », "
            "a indiqué la CGT dans un communiqué.",
            "« C'était la panique totale au guichet ce matin », ont confié des témoins.",
        ),
        lang="fr",
    )
    story = build_story(article)
    cast = {m.name: m for m in story.cast}
    dubois = cast["Claire Dubois"]
    assert (dubois.kind, dubois.gender, dubois.quotes) == ("person", "f", 1)
    assert any("ministre du Travail" in r for r in dubois.roles)
    assert all(story.article.text[s.start : s.end] == "Claire Dubois" for s in dubois.mentions)
    assert cast["CGT"].kind == "organisation" and cast["CGT"].quotes == 1
    assert cast["témoins"].kind == "unnamed"
    assert to_dict(story)["cast"][0]["name"] in cast
