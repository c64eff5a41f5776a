"""Captions and hook: short, in article order, traceable word for word, never invented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _paths import SHARED_ARTICLES

from repackage.article import read_article
from repackage.editorial import build_story
from repackage.editorial.captions import compress, make_hook
from repackage.editorial.sentences import split_sentences
from repackage.models import Article, Caption, Story

SEED = SHARED_ARTICLES / "otan-ukraine-fr.txt"
ARTICLES = sorted(SHARED_ARTICLES.glob("*.txt"))
LEADING_DATE = re.compile(
    r"^(?:Ce |Le |On )?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|Yesterday|Hier)\b",
    re.IGNORECASE,
)


def words(text: str) -> list[str]:
    """Words as a reader sees them, whatever the apostrophes or spaces."""
    return re.findall(r"\w+", text.replace("’", "'"))


def assert_traceable(caption: Caption, story: Story) -> None:
    """Every word of the caption is in its source sentences (the first word in any case)."""
    assert caption.sources, caption
    source = " ".join(story.sentences[i].text for i in caption.sources)
    available = set(words(source))
    folded = {w.casefold() for w in available}
    for k, word in enumerate(words(caption.text)):
        assert word in available or (k == 0 and word.casefold() in folded), (word, caption.text, source)


def assert_in_order(text: str, source: str) -> None:
    """The caption's words appear in its source in the same order (only cuts were made)."""
    pos = 0
    haystack = [w.casefold() for w in words(source)]
    for word in words(text):
        assert word.casefold() in haystack[pos:], (word, text)
        pos = haystack.index(word.casefold(), pos) + 1


@pytest.fixture(scope="module")
def seed() -> Story:
    return build_story(read_article(SEED))


# --- the seed ----------------------------------------------------------------------


def test_seed_has_five_short_captions_in_article_order(seed: Story) -> None:
    assert len(seed.captions) == 5
    assert all(len(c.text) <= 110 for c in seed.captions)
    firsts = [c.sources[0] for c in seed.captions]
    assert firsts == sorted(firsts) and len(set(firsts)) == 5


def test_seed_captions_are_traceable_cuts_of_their_sentences(seed: Story) -> None:
    for caption in seed.captions:
        assert_traceable(caption, seed)
        source = " ".join(seed.sentences[i].text for i in caption.sources)
        assert_in_order(caption.text, source)


def test_seed_captions_leave_out_teaser_cta_and_leading_dates(seed: Story) -> None:
    dropped = [d.text for d in seed.article.dropped if d.reason in ("teaser", "call-to-action")]
    assert len(dropped) == 2
    for caption in seed.captions:
        assert not LEADING_DATE.match(caption.text), caption.text
        assert "26 février 2024" not in caption.text and "27 février 2024" not in caption.text
        for line in dropped:
            assert line[:25] not in caption.text


def test_seed_captions_read_as_sentences(seed: Story) -> None:
    for caption in seed.captions:
        assert caption.text[0].isupper(), caption.text
        assert caption.text.endswith((".", "!", "?")), caption.text
        assert "…" not in caption.text and "  " not in caption.text


def test_seed_captions_leave_quotes_to_the_quote_cards(seed: Story) -> None:
    quoted = {i for q in seed.quotes for i in q.sentence_indices}
    assert quoted, "the seed's three quotes are in known sentences"
    for caption in seed.captions:
        assert not set(caption.sources) & quoted, caption.text


def test_seed_captions_carry_macrons_statement_without_its_date(seed: Story) -> None:
    statement = next(s for s in seed.sentences if "a déclaré qu’il ne fallait pas exclure" in s.text)
    assert statement.text.startswith("Ce lundi 26 février 2024,")
    caption = next(c for c in seed.captions if statement.index in c.sources)
    assert caption.text.startswith("Emmanuel Macron")
    assert "exclure" in caption.text and "troupes occidentales" in caption.text


def test_seed_hook_is_the_headline_without_its_kicker(seed: Story) -> None:
    hook = seed.hook
    assert hook.sources == ()
    assert len(hook.text) <= 60
    assert not hook.text.startswith("Guerre en Ukraine")
    headline = seed.article.headline
    assert hook.text.startswith("L’OTAN divisée")
    assert hook.text[1:] in headline


def test_captions_never_repeat_the_hook(seed: Story) -> None:
    hook_words = {w.casefold() for w in words(seed.hook.text) if len(w) > 3}
    for caption in seed.captions:
        mine = {w.casefold() for w in words(caption.text) if len(w) > 3}
        assert len(mine & hook_words) < 0.6 * len(mine), caption.text


def test_fewer_shorter_captions_on_request() -> None:
    story = build_story(read_article(SEED), n_captions=3, max_caption_chars=80)
    assert len(story.captions) == 3
    assert all(len(c.text) <= 80 for c in story.captions)


# --- every shared article --------------------------------------------------------


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_every_article_gives_traceable_captions_and_a_short_hook(path: Path) -> None:
    story = build_story(read_article(path))
    assert story.captions, "at least one caption"
    assert len(story.hook.text) <= 60 and story.hook.text
    firsts = [c.sources[0] for c in story.captions]
    assert firsts == sorted(firsts)
    dropped = [d.text for d in story.article.dropped]
    for caption in story.captions:
        assert len(caption.text) <= 110
        assert_traceable(caption, story)
        assert not LEADING_DATE.match(caption.text), caption.text
        assert not caption.text.startswith(("—", "–", "-")), caption.text
        assert all(line[:25] not in caption.text for line in dropped if len(line) > 25)


def test_english_article_hook_and_captions() -> None:
    story = build_story(read_article(SHARED_ARTICLES / "wikinews-en-02-ozone-warming-crops.txt"))
    assert story.hook.sources == ()
    assert story.hook.text.startswith("Scientists analyse effects of global warming")
    assert all("yesterday" not in c.text for c in story.captions), "relative days go stale"


# --- compression rules -------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("Ce mardi 27 février 2024, plusieurs pays européens se sont prononcés contre.", "fr",
         "Plusieurs pays européens se sont prononcés contre."),
        ("Cependant, cet avis n’est pas partagé par les alliés.", "fr", "Cet avis n’est pas partagé par les alliés."),
        ("On Monday, the council voted to close the bridge.", "en", "The council voted to close the bridge."),
        ("However, the plan failed.", "en", "The plan failed."),
        ("L’Union américaine pour les libertés civiles (ACLU) a salué la décision.", "fr",
         "L’Union américaine pour les libertés civiles a salué la décision."),
        ("Yesterday, Sweden defeated South Korea 1 – 0 in Nizhny Novgorod.", "en",
         "Sweden defeated South Korea 1 – 0 in Nizhny Novgorod."),
    ],
)
def test_always_dropped_openers_and_parentheticals(sentence: str, lang: str, expected: str) -> None:
    assert compress(sentence, lang, 110) == expected


def test_optional_cuts_happen_only_when_needed() -> None:
    sentence = "Du côté de l’Allemagne, le chancelier Olaf Scholz s’y est radicalement opposé."
    assert compress(sentence, "fr", 110) == sentence
    assert compress(sentence, "fr", 60) == "Le chancelier Olaf Scholz s’y est radicalement opposé."


def test_apposition_and_trailing_list_cuts() -> None:
    sentence = (
        "Lors d’une conférence internationale, le président français, Emmanuel Macron a déclaré "
        "qu’il ne fallait pas exclure l’envoi de troupes, notamment en Ukraine."
    )
    out = compress(sentence, "fr", 80)
    assert out == "Emmanuel Macron a déclaré qu’il ne fallait pas exclure l’envoi de troupes."


def test_attribution_tail_is_cut_when_too_long() -> None:
    sentence = "The bridge will cost twice the planned amount, according to the city auditor's report."
    assert compress(sentence, "en", 60) == "The bridge will cost twice the planned amount."


def test_a_sentence_that_cannot_fit_is_skipped_not_truncated() -> None:
    sentence = "La Cour constitutionnelle sud-coréenne confirme la destitution de la présidente déchue."
    assert compress(sentence, "fr", 40) is None


def test_quotations_are_never_cut_into() -> None:
    quote = "« nous irons, quoi qu’il en coûte, jusqu’au bout »"
    sentence = f"Cependant, il a lancé {quote} devant les élus réunis à Paris, selon son entourage."
    out = compress(sentence, "fr", 95)
    assert out == f"Il a lancé {quote} devant les élus réunis à Paris."
    assert compress(f"Il a lancé {quote}.", "fr", 40) is None


def test_participial_incise_is_cut_whole_and_words_are_never_split() -> None:
    sentence = "Les ministres, réunis depuis lundi soir à Bruxelles, ont finalement trouvé un accord budgétaire."
    assert compress(sentence, "fr", 80) == "Les ministres ont finalement trouvé un accord budgétaire."
    for limit in range(40, 100, 7):
        out = compress(sentence, "fr", limit)
        if out is not None:
            assert len(out) <= limit
            assert_in_order(out, sentence)
            assert set(words(out)) <= set(words(sentence))


def test_hook_keeps_a_kicker_that_names_the_speaker() -> None:
    article = Article(
        headline="Macron : « Rien ne doit être exclu »",
        paragraphs=("Le président a parlé lundi à Paris devant les dirigeants européens.",),
        lang="fr",
    )
    hook = make_hook(article, split_sentences(article), (), ())
    assert hook.text == "Macron : « Rien ne doit être exclu »"
    assert hook.sources == ()


def test_hook_falls_back_to_a_sentence_when_the_headline_cannot_be_cut() -> None:
    article = Article(
        headline="Lacommissionparlementaireextraordinairerendaujourdhuisesconclusionsdéfinitives attendues",
        paragraphs=("La commission a rendu son rapport sur la réforme.", "Le vote aura lieu en juin."),
        lang="fr",
    )
    sentences = split_sentences(article)
    hook = make_hook(article, sentences, (), (), max_chars=60)
    assert hook.sources, "a sentence, not the headline"
    assert hook.text == sentences[hook.sources[0]].text
