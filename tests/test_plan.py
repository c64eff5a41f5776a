"""Story + templates -> card jobs: the right text on the right card."""

from __future__ import annotations

import json

from repackage.editorial.typography import plain
from repackage.plan.cards import plan_cards, written_date
from repackage.templating import load_brand, load_template

from _story_factory import MACRON, english_story, seed_story

BRAND = load_brand()
CARDS = [load_template(n, brand=BRAND) for n in ("quote-classic", "quote-photo", "headline", "caption-slide", "cover")]


def jobs_of(plan, template):
    return [j for j in plan.cards if j.template == template]


def test_one_quote_card_per_attributed_quote_with_its_speaker():
    story = seed_story()
    plan = plan_cards(story, CARDS, BRAND)
    quotes = jobs_of(plan, "quote-classic")
    attributed = [q for q in story.quotes if q.speaker]
    assert len(story.quotes) == 4 and len(attributed) == 3
    assert [j.role for j in quotes] == ["quote:0", "quote:1", "quote:2"]
    for job, quote in zip(quotes, attributed):
        assert plain(job.values["quote"]) == plain(quote.text)  # verbatim: only typography may differ
        assert job.values["speaker"] == quote.speaker
        assert job.values["speaker_role"] == quote.role
    assert not any("Cette option" in j.values.get("quote", "") for j in plan.cards)


def test_quote_keeps_every_letter_and_gets_french_spacing():
    job = jobs_of(plan_cards(seed_story(), CARDS[:1], BRAND), "quote-classic")[0]
    assert job.values["quote"].replace("\u202f", " ").replace("\u00a0", " ") == MACRON.replace("\u00a0", " ")
    assert [c for c in job.values["quote"] if c.isalnum()] == [c for c in MACRON if c.isalnum()]


def test_credit_line_names_the_photographer_only_when_the_card_shows_the_photo():
    story = seed_story()
    without = plan_cards(story, CARDS, BRAND)
    with_photo = plan_cards(story, CARDS, BRAND, photo="photo.jpg")
    assert {plain(j.values["credits"]) for j in without.cards} == {"Source : Le Devoir"}
    photo_jobs = [j for j in with_photo.cards if j.uses_photo]
    assert {j.template for j in photo_jobs} == {"quote-photo", "cover"}
    for job in photo_jobs:
        assert plain(job.values["credits"]) == "Photo : Kenzo Tribouillard / AFP · Source : Le Devoir"
        assert job.creator == "Kenzo Tribouillard / AFP"
        assert "Kenzo Tribouillard / AFP" in job.copyright
    for job in with_photo.cards:
        if not job.uses_photo:
            assert job.values["photo_credit"] == "" and job.creator == BRAND.outlet


def test_caption_slides_are_numbered():
    story = seed_story()
    slides = jobs_of(plan_cards(story, CARDS, BRAND), "caption-slide")
    assert [j.values["caption_index"] for j in slides] == ["1", "2", "3", "4", "5"]
    assert {j.values["caption_count"] for j in slides} == {"5"}
    assert [plain(j.values["caption"]) for j in slides] == [plain(c.text) for c in story.captions]
    assert [j.name for j in slides][:2] == ["caption-slide-1-1080x1350", "caption-slide-2-1080x1350"]


def test_sizes_and_templates_that_do_not_offer_them():
    plan = plan_cards(seed_story(), CARDS, BRAND, sizes=[(1200, 675), (1080, 1080)])
    assert {j.size for j in jobs_of(plan, "headline")} == {(1200, 675), (1080, 1080)}
    assert {j.size for j in jobs_of(plan, "caption-slide")} == {(1080, 1080)}
    assert jobs_of(plan, "cover") == []
    assert [(s.template, s.reason) for s in plan.skipped] == [
        ("cover", "template offers 1080x1920, not 1200x675, 1080x1080")]


def test_alt_text_from_the_story_else_made_of_the_card_words():
    story = seed_story()
    plan = plan_cards(story, CARDS, BRAND)
    alts = {j.role: j.alt_text for j in plan.cards}
    assert alts["quote:0"] == f"Citation d’Emmanuel Macron : « {MACRON} »"
    assert alts["quote:1"].startswith("Citation de Olaf Scholz : « Une fois de plus")
    assert alts["cover"] == f"Couverture : {jobs_of(plan, 'cover')[0].values['headline']}"
    assert alts["caption:2"] == jobs_of(plan, "caption-slide")[2].values["caption"]


def test_values_in_english():
    story = english_story()
    plan = plan_cards(story, CARDS, BRAND)
    headline = jobs_of(plan, "headline")[0]
    assert headline.values["date"] == "February 27, 2024"
    assert headline.values["cta"] == BRAND.cta["en"]
    assert headline.values["hashtags"] == "#NATO #Ukraine"
    assert headline.values["credits"] == "Source: Wikinews"
    assert jobs_of(plan, "quote-classic")[0].alt_text == f"Quote from Olaf Scholz: “{story.quotes[0].text}”"


def test_written_dates():
    assert written_date("2024-03-01", "fr") == "1er mars 2024"
    assert written_date("2024-02-26T10:00:00+01:00", "fr") == "26 février 2024"
    assert written_date("hier", "fr") is None


def test_plan_is_pure_and_serialisable():
    story = seed_story()
    a, b = plan_cards(story, CARDS, BRAND), plan_cards(story, CARDS, BRAND)
    assert a == b
    data = json.loads(json.dumps(a.to_dict(), ensure_ascii=False))
    assert data["cards"][0]["size"] == "1080x1350" and data["cards"][0]["values"]["speaker"] == "Emmanuel Macron"


def test_photo_credit_given_with_the_photo_wins_over_the_article_credit():
    """Any --photo used to be credited to the article's photographer."""
    story = seed_story()
    plan = plan_cards(story, CARDS, BRAND, photo="photo.jpg", photo_credit="Jane Doe / Reuters")
    photo_jobs = [j for j in plan.cards if j.uses_photo]
    assert photo_jobs
    for job in photo_jobs:
        assert job.values["photo_credit"] == "Jane Doe / Reuters"
        assert plain(job.values["credits"]) == "Photo : Jane Doe / Reuters · Source : Le Devoir"
        assert "Tribouillard" not in job.values["credits"] and "Tribouillard" not in job.copyright
        assert job.creator == "Jane Doe / Reuters" and job.photo_credit_from == "flag"
    for job in plan.cards:
        if not job.uses_photo:  # a card that does not show the photo credits no photographer
            assert job.values["photo_credit"] == "" and job.photo_credit_from == "none"
    assert plan.to_dict()["photo_credit"] == "Jane Doe / Reuters"


def test_without_a_given_credit_the_article_photo_credit_is_used_and_said_so():
    plan = plan_cards(seed_story(), CARDS, BRAND, photo="photo.jpg")
    photo_jobs = [j for j in plan.cards if j.uses_photo]
    assert {j.values["photo_credit"] for j in photo_jobs} == {"Kenzo Tribouillard / AFP"}
    assert {j.photo_credit_from for j in photo_jobs} == {"article"}


def test_no_credit_anywhere_prints_none_and_invents_none():
    from dataclasses import replace

    from repackage.models import Credits

    story = seed_story()
    story = replace(story, article=replace(story.article, credits=Credits(source="Le Devoir")))
    plan = plan_cards(story, CARDS, BRAND, photo="photo.jpg", photo_credit="  ")
    for job in (j for j in plan.cards if j.uses_photo):
        assert job.values["photo_credit"] == "" and job.photo_credit_from == "none"
        assert plain(job.values["credits"]) == "Source : Le Devoir"
        assert job.creator == BRAND.outlet and "photo ©" not in job.copyright


def test_headline_and_cover_never_repeat_the_headline_as_the_hook():
    """The hook is a shortened headline: under the full headline it says the same thing twice."""
    from dataclasses import replace

    story = english_story()  # has a dek
    by_template = {t.name: t for t in CARDS}
    for name in ("headline", "cover"):
        template = by_template[name]
        slots = {layer.slot for layer in template.variant().layers if getattr(layer, "slot", None)}
        fallbacks = {getattr(layer, "fallback", None) for layer in template.variant().layers}
        assert "hook" not in slots and "hook" not in fallbacks, name
        assert "dek" in slots, name
    no_dek = replace(story, article=replace(story.article, dek=None))
    for job in plan_cards(no_dek, [by_template["headline"], by_template["cover"]], BRAND).cards:
        assert job.values["dek"] == ""
