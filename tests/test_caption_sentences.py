"""Every caption a grammatical sentence, on every article of the annotated dev set.

How it is checked (``nlp.is_sentence``): a capital first, terminal punctuation
last, and a finite verb with its subject: by spaCy's parse where a model is
installed (French, the default install), else, and when a small model's
parse misses an obvious sentence, by its tags and then by rules (a finite
form after a subject; English has only the rules unless ``en_core_web_sm``
is installed). Provenance: every caption names its source sentences and is
made of their words, in their order (only deletions; no word added).
The dev articles are third-party texts read in place from ../shared.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _paths import EVAL_DEV

from repackage.article import read_article
from repackage.editorial import build_story, plain
from repackage.editorial.captions import compress
from repackage.editorial.nlp import finite_clause, is_sentence
from repackage.models import Story

DEV_ARTICLES = sorted((EVAL_DEV / "articles").glob("*.txt")) if (EVAL_DEV / "articles").is_dir() else []
needs_dev = pytest.mark.skipif(not DEV_ARTICLES, reason="../shared/eval-dev is not beside this checkout")


def words(text: str) -> list[str]:
    return [w.casefold() for w in re.findall(r"\w+", plain(text).replace("’", "'"))]


def only_deletions(text: str, source: str) -> bool:
    """Are ``text``'s words a subsequence of ``source``'s?"""
    it = iter(words(source))
    return all(any(w == s for s in it) for w in words(text))


@pytest.fixture(scope="module")
def stories() -> dict[str, Story]:
    return {p.name: build_story(read_article(p)) for p in DEV_ARTICLES}


@needs_dev
def test_dev_set_is_there(stories: dict[str, Story]) -> None:
    assert len(stories) >= 32
    assert sum(len(s.captions) for s in stories.values()) >= 4 * len(stories)


@needs_dev
@pytest.mark.parametrize("path", DEV_ARTICLES, ids=lambda p: p.stem)
def test_every_caption_is_a_sentence_made_of_its_sources_by_deletion(path: Path, stories: dict[str, Story]) -> None:
    story = stories[path.name]
    lines = list(story.captions) + ([story.hook] if story.hook.sources else [])
    for caption in lines:
        text = caption.text
        assert text[:1].isupper() or text[:1] in "«“\"", text
        assert text.rstrip("»”\" ")[-1:] in ".!?…", text
        assert is_sentence(text, story.lang), f"no finite verb with its subject: {text!r}"
        assert caption.sources, text
        source = " ".join(story.sentences[i].text for i in caption.sources)
        assert only_deletions(text, source), (text, source)
    if not story.hook.sources:  # from the headline: its words, in its order
        assert only_deletions(story.hook.text, story.article.headline), story.hook.text


# --- the check itself, and the cuts it stopped --------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Une fusillade a éclaté dans le lycée Alexis de Tocqueville à Grasse.", "fr", True),
        ("On dénombre huit blessés, dont le proviseur.", "fr", True),
        ("Libération a, jeudi 9 mars.", "fr", True),  # a verb and a subject: the cut check refuses it, not this
        ("Jean Vannier, paléontologue au laboratoire de géologie du CNRS, à Lyon.", "fr", False),
        ("Une découverte rare et exceptionnelle.", "fr", False),
        ("Pilgrims at Mecca's Grand Mosque in 2008.", "en", False),
        ("Tunisia won a penalty kick in the 33rd minute.", "en", True),
        ("FAST comprises about 4,500 panels and spans a diameter of 500 meters.", "en", True),
        ("the council voted.", "en", False),  # no capital
        ("The council voted", "en", False),  # no final punctuation
    ],
)
def test_is_sentence(text: str, lang: str, expected: bool) -> None:
    assert is_sentence(text, lang) is expected


def test_rule_path_needs_a_finite_verb_outside_a_relative_clause() -> None:
    assert finite_clause("Police arrested and questioned the student.", "en")
    assert not finite_clause("Other sites such as Gawker.com.", "en")
    assert not finite_clause("À l'occasion de cet anniversaire, qui sera lancé mercredi.", "fr")


@pytest.mark.parametrize(
    ("sentence", "lang", "never"),
    [
        (  # the verb's participle is after the incise: cutting there strands the auxiliary
            "En effet, Libération a, jeudi 9 mars, présenté aux principaux candidats à la présidentielle six "
            "propositions d'engagements sur la moralisation de la vie publique, en particulier pour davantage de "
            "transparence : interdiction de toucher une rémunération privée pour un parlementaire.",
            "fr",
            "Libération a, jeudi 9 mars.",
        ),
        (  # the quotation is what "told" says
            'On Wednesday, Home Secretary Suella Braverman told GB News: "It\'s clear that we have an '
            'unsustainable situation in towns and cities around our country because of the numbers arriving".',
            "en",
            "Home Secretary Suella Braverman told GB News.",
        ),
        (
            "Durant la conférence de presse, Nadal a déclaré à propos de son poignet : « Il est pas cassé, mais "
            "si je continue à jouer, mon poignet se brisera en quelques jours ».",
            "fr",
            "Nadal a déclaré à propos de son poignet.",
        ),
        (  # the relative clause loses its verb
            "Malaysia and Indonesia have maintained a policy of turning away boats of migrants which, according "
            "to AFP, the Untied Nations and United States have both criticised.",
            "en",
            "which.",
        ),
        (  # the main clause's verb is after the lead-in
            "Though YouTube is complying with the Church of Scientology's requests to take down the video, other "
            "sites such as Gawker.com have stated that they will keep hosting the video.",
            "en",
            "other sites.",
        ),
    ],
)
def test_cuts_that_leave_no_sentence_are_refused(sentence: str, lang: str, never: str) -> None:
    for limit in range(40, 115, 5):
        out = compress(sentence, lang, limit)
        assert out is None or not out.endswith(never), (limit, out)


def test_a_speech_verb_with_its_object_may_lose_the_quotation() -> None:
    sentence = (
        "Daniel Floret, ancien président du Comité technique des vaccinations, estime même qu'elle est "
        "impossible : « il est totalement impossible que l’État puisse en six mois proposer ce vaccin »."
    )
    assert compress(sentence, "fr", 110) == (
        "Daniel Floret, ancien président du Comité technique des vaccinations, estime même qu'elle est impossible."
    )


def test_negation_and_exceptions_are_never_cut() -> None:
    sentence = (
        "Tous les principaux candidats à la présidentielle ont répondu aux six engagements soumis par "
        "Libération, sauf François Fillon."
    )
    for limit in range(40, 130, 5):
        out = compress(sentence, "fr", limit)
        assert out is None or "sauf François Fillon" in out, (limit, out)


def test_two_main_clauses_give_two_sentences() -> None:
    from repackage.editorial.captions import _clauses

    sentence = "L’alerte attentat a été déclenchée, mais la piste terroriste a finalement été écartée."
    assert _clauses(sentence, (), "fr") == [
        "L’alerte attentat a été déclenchée.",
        "La piste terroriste a finalement été écartée.",
    ]
    assert _clauses("Police arrested the student, and the school suspended him.", (), "en") == [
        "Police arrested the student.",
        "The school suspended him.",
    ]
    # "et" joining two verb phrases of one subject is no place to split
    assert _clauses("Le maire a signé le décret, et a quitté la salle.", (), "fr") == []
