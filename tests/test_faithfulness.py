"""The faithfulness gate: a Story tampered with in any way that misleads is refused, loudly."""

from __future__ import annotations

import dataclasses

import pytest
from _paths import SEED, SHARED_ARTICLES, shared_path

from repackage.article import read_article
from repackage.editorial import build_story, check_faithfulness, findings
from repackage.errors import FaithfulnessError
from repackage.models import AltText, Caption, Quote, Span, Story



@pytest.fixture(scope="module")
def story() -> Story:
    return build_story(read_article(SEED))


def with_quote(story: Story, index: int, **changes: object) -> Story:
    quotes = list(story.quotes)
    quotes[index] = dataclasses.replace(quotes[index], **changes)
    return dataclasses.replace(story, quotes=tuple(quotes))


def with_caption(story: Story, index: int, caption: Caption) -> Story:
    captions = list(story.captions)
    captions[index] = caption
    return dataclasses.replace(story, captions=tuple(captions))


def problems_of(story: Story) -> str:
    with pytest.raises(FaithfulnessError) as info:
        check_faithfulness(story)
    return str(info.value)


def test_the_seed_story_is_faithful(story: Story) -> None:
    assert findings(story) == []
    check_faithfulness(story)


def test_a_changed_quote_letter_is_caught(story: Story) -> None:
    quote = story.quotes[0]
    tampered = quote.text.replace("exclu", "exclus", 1)
    assert tampered != quote.text
    message = problems_of(with_quote(story, 0, text=tampered))
    assert "quote 0" in message and "differs from the article" in message
    assert quote.speaker in message


def test_a_wrong_quote_span_is_caught(story: Story) -> None:
    part = story.quotes[1].parts[0]
    shifted = (Span(part.start + 3, part.end + 3),) + story.quotes[1].parts[1:]
    message = problems_of(with_quote(story, 1, parts=shifted))
    assert "quote 1" in message and "differs from the article" in message


def test_a_span_outside_the_article_is_caught(story: Story) -> None:
    end = len(story.article.text)
    message = problems_of(with_quote(story, 0, parts=(Span(end - 5, end + 40),)))
    assert "outside the article text" in message


def test_a_speaker_the_article_does_not_name_is_caught(story: Story) -> None:
    message = problems_of(with_quote(story, 2, speaker="Vladimir Poutine"))
    assert "speaker 'Vladimir Poutine' does not occur in the article" in message


def test_a_caption_with_an_invented_name_is_caught(story: Story) -> None:
    caption = story.captions[0]
    invented = Caption(caption.text.replace("Emmanuel Macron", "Vladimir Poutine"), caption.sources)
    assert invented.text != caption.text
    message = problems_of(with_caption(story, 0, invented))
    assert "caption 0: invented name 'Vladimir'" in message
    assert "invented name 'Poutine'" in message


def test_a_caption_with_an_invented_number_is_caught(story: Story) -> None:
    caption = story.captions[1]
    invented = Caption(caption.text.rstrip(".") + " depuis 42 jours.", caption.sources)
    message = problems_of(with_caption(story, 1, invented))
    assert "caption 1: invented number '42'" in message
    assert "word 'jours'" in message


def test_a_caption_pointing_at_a_missing_sentence_is_caught(story: Story) -> None:
    count = len(story.sentences)
    message = problems_of(with_caption(story, 0, Caption(story.captions[0].text, (count + 3,))))
    assert f"source sentence {count + 3} does not exist" in message


def test_a_caption_without_sources_is_caught(story: Story) -> None:
    message = problems_of(with_caption(story, 2, Caption(story.captions[2].text, ())))
    assert "caption 2: has no source sentences" in message


def test_a_caption_from_the_wrong_sentence_is_caught(story: Story) -> None:
    caption = story.captions[0]
    wrong = (caption.sources[0] + 1,)
    assert "caption 0" in problems_of(with_caption(story, 0, Caption(caption.text, wrong)))


def test_the_hook_must_come_from_the_headline(story: Story) -> None:
    hook = Caption("Poutine menace l’OTAN", ())
    message = problems_of(dataclasses.replace(story, hook=hook))
    assert "hook: invented name 'Poutine'" in message and "the headline" in message


def test_an_alt_text_that_drops_the_speaker_is_caught(story: Story) -> None:
    bad = AltText("quote:0", "Citation : « Rien ne doit être exclu. »")
    alts = tuple(bad if a.target == "quote:0" else a for a in story.post_copy.alt_texts)
    tampered = dataclasses.replace(story, post_copy=dataclasses.replace(story.post_copy, alt_texts=alts))
    message = problems_of(tampered)
    assert "alt text quote:0: does not name the speaker 'Emmanuel Macron'" in message
    assert "alt text quote:0: does not carry the quote verbatim" in message


def test_every_problem_is_listed_at_once(story: Story) -> None:
    tampered = with_quote(story, 0, text=story.quotes[0].text + " !")
    tampered = with_caption(tampered, 0, Caption("Vladimir Poutine a 42 ans.", story.captions[0].sources))
    found = findings(tampered)
    assert len(found) >= 4
    assert any(f.startswith("quote 0") for f in found)
    assert sum(f.startswith("caption 0") for f in found) >= 3
    message = problems_of(tampered)
    assert all(f in message for f in found)


def test_an_unattributed_quote_only_needs_to_be_verbatim(story: Story) -> None:
    text = story.article.text
    start = text.index("Les pays membres")
    end = start + len("Les pays membres semblent vouloir")
    quote = Quote(text[start:end], (Span(start, end),), speaker=None)
    extended = dataclasses.replace(story, quotes=story.quotes + (quote,))
    assert findings(extended) == []


def test_typeset_alt_text_still_carries_the_quote() -> None:
    """Alt text is typeset ("EN JEU !", ’, no-break spaces): the check
    compares plain words, and still catches a changed one."""
    court = build_story(read_article(shared_path("wikinews-fr-07-cour-appel-decret-immigration.txt")))
    trump = next(i for i, q in enumerate(court.card_quotes) if q.text.endswith("JEU!"))
    alt = next(a for a in court.post_copy.alt_texts if a.target == f"quote:{trump}")
    assert "JEU !" in alt.text and findings(court) == []
    changed = AltText(alt.target, alt.text.replace("NATION", "NATURE"))
    alts = tuple(changed if a.target == alt.target else a for a in court.post_copy.alt_texts)
    bad = dataclasses.replace(court, post_copy=dataclasses.replace(court.post_copy, alt_texts=alts))
    assert f"alt text {alt.target}: does not carry the quote verbatim" in problems_of(bad)


def test_an_organisation_named_with_its_article_wording_counts_as_named() -> None:
    deauville = build_story(read_article(shared_path("wikinews-fr-05-festival-deauville.txt")))
    assert findings(deauville) == []
    alts = [a.text for a in deauville.post_copy.alt_texts if a.target.startswith("quote:")]
    assert any(a.startswith("Citation de la société Dark Star") for a in alts) or not any(
        q.speaker == "Société Dark Star" for q in deauville.card_quotes
    )
