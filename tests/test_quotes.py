"""Quotes and speakers: verbatim parts, the right speaker, no titles or scare quotes.

Articles are built directly (the readers are tested elsewhere): shared articles
are split on blank lines, page furniture dropped and a paragraph broken
mid-sentence healed, as the text reader does.
"""

from __future__ import annotations

import random
import re
from itertools import pairwise
from pathlib import Path

import pytest

from repackage.editorial import calibration
from repackage.editorial.nlp import whole_utterance
from repackage.editorial.quotes import extract_quotes
from repackage.editorial.sentences import split_sentences
from repackage.models import CARD_MIN_CONFIDENCE, Article, Quote

from _paths import SHARED_ARTICLES as SHARED  # noqa: E402  (the development articles, read in place)
DATA = Path(__file__).resolve().parent / "data" / "quotes"
_FURNITURE = re.compile(
    r"(Crédit|Retrouvez|OTAN : ces deux pays)\b.*"
    r"|(\w+, )?\w+ \d{1,2}, \d{4}"  # Tuesday, June 19, 2018
    r"|\d{1,2} \w+ \d{4}"  # 25 mars 2017
)
from _paths import needs_shared  # noqa: E402,F811


def load(path: Path, lang: str) -> Article:
    blocks = [b.strip() for b in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if b.strip()]
    paragraphs: list[str] = []
    for block in blocks[1:]:
        if _FURNITURE.fullmatch(block):
            continue
        if paragraphs and re.search(r"[a-zé]$", paragraphs[-1]) and not paragraphs[-1].startswith("—"):
            paragraphs[-1] += " " + block  # a sentence broken across two paragraphs
        else:
            paragraphs.append(block)
    return Article(headline=blocks[0], paragraphs=tuple(paragraphs), lang=lang)


def quotes_of(article: Article) -> tuple[Quote, ...]:
    return extract_quotes(article, split_sentences(article))


def quote_starting(quotes: tuple[Quote, ...], start: str) -> Quote:
    found = [q for q in quotes if q.text.startswith(start)]
    assert len(found) == 1, f"{start!r}: {[q.text[:40] for q in quotes]}"
    return found[0]


def shared(name: str) -> Article:
    return load(SHARED / name, "en" if "-en-" in name else "fr")


# --- the seed -------------------------------------------------------------------------


@needs_shared
def test_seed_quotes_verbatim_with_speakers_and_roles() -> None:
    quotes = quotes_of(shared("otan-ukraine-fr.txt"))
    assert [(q.text, q.speaker, q.role) for q in quotes] == [
        (
            "Rien ne doit être exclu. Nous ferons tout ce qu’il faut pour que la Russie ne puisse pas "
            "gagner cette guerre. La défaite de la Russie est indispensable à la sécurité et à la "
            "stabilité en Europe",
            "Emmanuel Macron",
            "président français",
        ),
        (
            "Une fois de plus, lors d’un très bon débat, il a été dit que ce qui a été convenu dès le "
            "début entre nous et les uns avec les autres vaut aussi pour l’avenir. En un mot, il n’y "
            "aura pas de troupes au sol, pas de soldats en Ukraine qui soient envoyés par les pays "
            "européens ou d’autres États de l’Otan",
            "Olaf Scholz",
            "chancelier allemand",
        ),
        (
            "Les propos d’Emmanuel Macron sur un éventuel envoi de militaires sont un élément important "
            "et nouveau dans le discours du président français",
            "Dmitri Peskov",
            "porte-parole du président russe",
        ),
    ]
    macron, scholz, peskov = quotes
    assert macron.attribution == "a déclaré le dirigeant français"
    assert scholz.attribution == "a assuré le chancelier allemand"
    assert (macron.evidence, scholz.evidence, peskov.evidence) == ("after/role", "after/role", "after/name")
    assert peskov.confidence >= macron.confidence >= CARD_MIN_CONFIDENCE  # all three go on cards
    assert all(q.marks == "«»" for q in quotes)


# --- every shared article: verbatim, plausible, nothing invented ----------------------


def assert_well_formed(article: Article, quote: Quote) -> None:
    text = article.text
    pieces = [text[p.start : p.end] for p in quote.parts]
    assert quote.text == " ".join(pieces)
    for piece in pieces:
        assert piece == piece.strip() and piece
        assert piece[0] not in '«»“”"' and piece[-1] not in '«»“”"'
    assert all(a.end <= b.start for a, b in pairwise(quote.parts))
    sentences = split_sentences(article)
    for p in quote.parts:
        covering = [s.index for s in sentences if s.span.start <= p.start and p.end <= s.span.end]
        assert covering and covering[0] in quote.sentence_indices
    assert 0.0 <= quote.confidence <= 1.0
    if quote.speaker is None:
        assert quote.confidence == 0.0 and quote.role is None
    else:
        outside = text[: quote.span.start] + text[quote.span.end :]
        assert quote.speaker in outside, "the speaker must be named outside the quote"
        assert quote.attribution and quote.attribution in text


@needs_shared
@pytest.mark.parametrize(
    "path", sorted(SHARED.glob("*.txt")) if SHARED.is_dir() else [], ids=lambda p: p.stem
)
def test_every_shared_article_gives_verbatim_quotes(path: Path) -> None:
    article = shared(path.name)
    quotes = quotes_of(article)
    assert len([q for q in quotes if q.attributed]) >= 2  # each article has two quoted speakers
    for quote in quotes:
        assert_well_formed(article, quote)


ACLU = "Union américaine pour les libertés civiles (ACLU)"

SPEAKERS = [
    ("wikinews-fr-01-traite-de-rome-60-ans.txt", "Nous nous sommes arrêtés", "Paolo Gentiloni"),
    ("wikinews-fr-01-traite-de-rome-60-ans.txt", "nous avons appris la leçon", "Paolo Gentiloni"),
    ("wikinews-fr-01-traite-de-rome-60-ans.txt", "Prouvez aujourd’hui", "Donald Tusk"),
    ("wikinews-fr-01-traite-de-rome-60-ans.txt", "il y aura un 100e anniversaire", "Jean-Claude Juncker"),
    ("wikinews-fr-01-traite-de-rome-60-ans.txt", "il y a des signatures qui durent", "Jean-Claude Juncker"),
    ("wikinews-fr-01-traite-de-rome-60-ans.txt", "Il y en a qui veulent quitter", "François Hollande"),
    ("wikinews-fr-02-macron-ouvriers-gms.txt", "Il y en a certains", "Emmanuel Macron"),
    ("wikinews-fr-02-macron-ouvriers-gms.txt", "le président est en train", "Christian Chavagneux"),
    ("wikinews-fr-03-andromede-collision-galaxies.txt", "Notre galaxie n'a pas connu", "François Hammer"),
    ("wikinews-fr-03-andromede-collision-galaxies.txt", "Ils ont scruté", "François Hammer"),
    ("wikinews-fr-03-andromede-collision-galaxies.txt", "Mais la fusion", "François Hammer"),
    ("wikinews-fr-04-rallye-monte-carlo-spectateur.txt", "Nous avons été pris", "Hayden Paddon"),
    ("wikinews-fr-04-rallye-monte-carlo-spectateur.txt", "Ce n’était pas un bon endroit", "Romain Degeer"),
    ("wikinews-fr-04-rallye-monte-carlo-spectateur.txt", "vraisemblablement", None),  # "selon une source"
    ("wikinews-fr-05-festival-deauville.txt", "Nous sommes tristes", "Société Dark Star"),
    (
        "wikinews-fr-05-festival-deauville.txt",
        "Nous rendons d'abord hommage",
        "Service de presse du festival",
    ),
    ("wikinews-fr-06-deces-jean-christophe-averty.txt", "télé [qui] était", "Gilles Jacob"),
    ("wikinews-fr-06-deces-jean-christophe-averty.txt", "Le public français", "Jean-Christophe Averty"),
    ("wikinews-fr-07-cour-appel-decret-immigration.txt", "Le gouvernement n'a pas fait", None),  # "les juges"
    ("wikinews-fr-07-cour-appel-decret-immigration.txt", "ON SE VOIT AU TRIBUNAL", "Donald Trump"),
    ("wikinews-fr-07-cour-appel-decret-immigration.txt", "Aucun étranger", "Tom Cotton"),
    ("wikinews-fr-07-cour-appel-decret-immigration-scraped.txt", "ON SE VOIT AU TRIBUNAL", "Donald Trump"),
    # "... par l'Union américaine pour les libertés civiles (ACLU) : « ... » a-t-elle déclaré."
    ("wikinews-fr-07-cour-appel-decret-immigration.txt", "Les tentatives erratiques", ACLU),
    ("wikinews-fr-07-cour-appel-decret-immigration-scraped.txt", "Les tentatives erratiques", ACLU),
    ("wikinews-fr-08-coree-du-sud-destitution-park.txt", "Les violations par Mme Park", "Lee Jung-mi"),
    ("wikinews-fr-08-coree-du-sud-destitution-park.txt", "La présidente Park", "Bae Soo-rok"),
    ("wikinews-en-01-world-cup-2018-day-five.txt", "I think we have learned", "Hernan Dario Gomez"),
    ("wikinews-en-01-world-cup-2018-day-five.txt", "In the first half", "Harry Kane"),
    ("wikinews-en-01-world-cup-2018-day-five.txt", "We were playing", "Nabil Maaloul"),
    ("wikinews-en-02-ozone-warming-crops.txt", "The climate projections", "Colette Heald"),
    ("wikinews-en-02-ozone-warming-crops.txt", "nobody has looked", "Colette Heald"),
    ("wikinews-en-02-ozone-warming-crops.txt", "An air-quality cleanup", "Colette Heald"),
    # right after "... due to the Clean Air Act.": a title word ending the sentence before
    ("wikinews-en-02-ozone-warming-crops.txt", "Despite an increase", "Colette Heald"),
    ("wikinews-en-03-italy-religious-schools-taxes.txt", "because the users", None),  # "The city reasoned"
    ("wikinews-en-03-italy-religious-schools-taxes.txt", "a discussion table", "Claudio De Vincenti"),
    ("wikinews-en-03-italy-religious-schools-taxes.txt", "many schools will", "Toccafondi"),
    ("wikinews-en-03-italy-religious-schools-taxes.txt", "We face a dangerous sentence", "Nunzio Galantino"),
    ("wikinews-en-04-sensitive-document-ottawa.txt", "I'm told two things", "John Baird"),
    ("wikinews-en-04-sensitive-document-ottawa.txt", "We take document security", "Sujata Raisinghani"),
    ("wikinews-en-04-sensitive-document-ottawa.txt", "This government is so consumed", "Paul Dewar"),
]


@needs_shared
@pytest.mark.parametrize(("name", "start", "speaker"), SPEAKERS)
def test_shared_article_speakers(name: str, start: str, speaker: str | None) -> None:
    assert quote_starting(quotes_of(shared(name)), start).speaker == speaker


@needs_shared
@pytest.mark.parametrize(
    ("name", "term"),
    [
        ("wikinews-fr-02-macron-ouvriers-gms.txt", "fainéants"),
        ("wikinews-fr-07-cour-appel-decret-immigration.txt", "politisé"),
        ("wikinews-fr-07-cour-appel-decret-immigration.txt", "malavisée"),
        ("wikinews-fr-05-festival-deauville.txt", "La cinquième vague"),
        ("wikinews-fr-03-andromede-collision-galaxies.txt", "jumelle de la Voie Lactée"),
        ("wikinews-fr-01-traite-de-rome-60-ans.txt", "déclaration de Rome"),
        ("wikinews-en-03-italy-religious-schools-taxes.txt", "dangerous"),
        ("wikinews-en-04-sensitive-document-ottawa.txt", "approved security cabinets"),
        ("wikinews-en-04-sensitive-document-ottawa.txt", "and Emergency"),
    ],
)
def test_scare_quotes_and_titles_in_shared_articles_are_not_quotes(name: str, term: str) -> None:
    assert term not in [q.text for q in quotes_of(shared(name))]


@needs_shared
def test_roles_come_from_the_article() -> None:
    quotes = quotes_of(shared("wikinews-fr-01-traite-de-rome-60-ans.txt"))
    assert quote_starting(quotes, "Prouvez").role == "président du Conseil européen"
    quotes = quotes_of(shared("wikinews-en-01-world-cup-2018-day-five.txt"))
    assert quote_starting(quotes, "I think we have learned").role == "Panama coach"


@needs_shared
def test_pronoun_after_the_same_speaker_continues_them_with_its_calibrated_confidence() -> None:
    quotes = quotes_of(shared("wikinews-fr-08-coree-du-sud-destitution-park.txt"))
    named = quote_starting(quotes, "Je suis prêt")
    pronoun = quote_starting(quotes, "La présidente Park")
    assert pronoun.speaker == named.speaker == "Bae Soo-rok"
    assert (named.evidence, pronoun.evidence) == ("after/name", "after/pronoun-continuing")
    for q in (named, pronoun):
        assert q.confidence == calibration.probability(q.evidence)
    assert pronoun.attribution == "poursuit-il"


@needs_shared
def test_organisation_pronoun_attribution_is_the_pronoun_confidence() -> None:
    quotes = quotes_of(shared("wikinews-fr-07-cour-appel-decret-immigration.txt"))
    aclu = quote_starting(quotes, "Les tentatives erratiques")
    assert (aclu.attribution, aclu.evidence, aclu.role) == ("a-t-elle déclaré", "after/pronoun-organisation", None)
    assert aclu.confidence == calibration.probability(aclu.evidence)


@needs_shared
def test_quote_after_a_sentence_ending_in_a_title_word_is_kept() -> None:
    quotes = quotes_of(shared("wikinews-en-02-ozone-warming-crops.txt"))
    quote = quote_starting(quotes, "Despite an increase")
    assert quote.text.endswith("regulations, and air quality policy.")
    assert quote.attribution == "Heald told" and quote.speaker == "Colette Heald"
    assert quote.evidence == "previous/surname"  # the cue is in the sentence before


# --- written test articles: tricky attribution ------------------------------------------


FRENCH = [
    # quote before its attribution; speaker only by role after the first mention
    (
        "Cette réforme est juste et nécessaire. Elle protège ceux qui travaillent",
        "Claire Dubois",
        "ministre du Travail",
    ),
    ("Personne ne croit à ces promesses", "Marc Lefèvre", "secrétaire général du syndicat Force unie"),
    # incise inside the marks: one quote, two parts, pronoun attribution
    ("Nous ne signerons rien, tant que le gouvernement n’aura pas retiré son texte.", "Marc Lefèvre", None),
    # a quote running over two paragraphs: one quote per paragraph, one speaker
    ("Les salariés paieront la note. Les chômeurs aussi.", "Marc Lefèvre", None),
    (
        "Et pendant ce temps, les grandes entreprises ne contribuent pas. C’est inacceptable.",
        "Marc Lefèvre",
        None,
    ),
    # a name inside the quote is not its speaker
    ("Claire Dubois n’a jamais rencontré un chômeur de sa vie", "Sophie Martin", "députée de l’opposition"),
    # pronoun pointing back to "la ministre"
    ("Je n’ai aucune leçon à recevoir", "Claire Dubois", None),
    # two speakers alternating
    ("Le dialogue reste ouvert", "Claire Dubois", None),
    ("Le dialogue est rompu", "Marc Lefèvre", None),
    ("Nous verrons bien", "Claire Dubois", None),
]

ENGLISH = [
    ("This stadium will bring jobs to every neighbourhood,", "Linda Park", None),
    # split by its attribution: one quote, two parts
    ("We will build it, and we will build it on time.", "Linda Park", None),
    # over two paragraphs, attributed by pronoun at the end: one quote per paragraph
    ("The mayor has promised jobs before. The numbers in her report do not add up.", "David Okafor", None),
    ("Nobody in this city believes the stadium will pay for itself,", "David Okafor", None),
    (
        "David Okafor has never supported a single project in this city,",
        "Maria Lopez",
        "council spokesperson",
    ),
    ("The vote is on Friday,", "Linda Park", None),
    ("Then we will see who has the numbers,", "David Okafor", None),
    ("will not be rushed into a decision on this", "Maria Lopez", None),
]


@pytest.mark.parametrize(
    ("name", "lang", "expected"),
    [("reforme-chomage-fr.txt", "fr", FRENCH), ("stadium-vote-en.txt", "en", ENGLISH)],
)
def test_written_articles_speakers_and_verbatim_text(name: str, lang: str, expected: list) -> None:
    article = load(DATA / name, lang)
    quotes = quotes_of(article)
    assert [q.text for q in quotes] == [text for text, _, _ in expected]
    for quote, (_, speaker, role) in zip(quotes, expected, strict=True):
        assert quote.speaker == speaker, quote.text
        if role is not None:
            assert quote.role == role
        assert_well_formed(article, quote)


def test_quote_split_by_attribution_has_two_parts_and_the_pronoun_attribution() -> None:
    quotes = quotes_of(load(DATA / "stadium-vote-en.txt", "en"))
    split = quote_starting(quotes, "We will build it")
    assert len(split.parts) == 2 and split.attribution == "she said"
    first = quote_starting(quotes, "The mayor has promised")
    second = quote_starting(quotes, "Nobody in this city")
    assert len(first.parts) == len(second.parts) == 1
    assert first.attribution == second.attribution == "he said"
    assert first.speaker == second.speaker == "David Okafor"


def test_french_incise_is_left_out_of_the_quote() -> None:
    article = load(DATA / "reforme-chomage-fr.txt", "fr")
    quote = quote_starting(quotes_of(article), "Nous ne signerons rien")
    assert "a-t-il ajouté" not in quote.text
    assert quote.attribution == "a-t-il ajouté"
    assert [article.text[p.start : p.end] for p in quote.parts] == [
        "Nous ne signerons rien,",
        "tant que le gouvernement n’aura pas retiré son texte.",
    ]


def test_book_titles_and_scare_quotes_are_not_quotes() -> None:
    fr = [q.text for q in quotes_of(load(DATA / "reforme-chomage-fr.txt", "fr"))]
    en = [q.text for q in quotes_of(load(DATA / "stadium-vote-en.txt", "en"))]
    assert "Le travail et ses promesses oubliées" not in fr and "punitive" not in fr
    assert "Building Cities That Work" not in en and "vanity project" not in en


# --- small cases ------------------------------------------------------------------------


def article(text: str, lang: str) -> Article:
    return Article(headline="Titre", paragraphs=tuple(text.split("\n\n")), lang=lang)


def test_names_inside_a_quote_are_never_its_speaker() -> None:
    a = article(
        "« Emmanuel Macron et Olaf Scholz se trompent sur toute la ligne », a-t-on entendu dans la salle.",
        "fr",
    )
    (quote,) = quotes_of(a)
    assert quote.speaker is None


def test_organisation_is_not_chosen_when_a_person_speaks() -> None:
    a = article(
        "Le Kremlin a réagi lundi. « Ces propos sont très dangereux pour la paix », a déclaré Dmitri Peskov, "
        "porte-parole du Kremlin.",
        "fr",
    )
    (quote,) = quotes_of(a)
    assert quote.speaker == "Dmitri Peskov" and quote.role == "porte-parole du Kremlin"


def test_title_case_titles_and_single_quotes_without_attribution() -> None:
    a = article(
        'She reread "War and Peace" last summer. Fans call it ‘the best novel ever written by anyone’ today.',
        "en",
    )
    assert quotes_of(a) == ()


def test_single_quotes_with_an_attribution_are_speech() -> None:
    a = article("Mayor Linda Park opened the bridge. ‘It is a great day for the city,’ she said.", "en")
    (quote,) = quotes_of(a)
    assert quote.speaker == "Linda Park" and quote.marks == "‘’"


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        (
            "Le Parlement a adopté la loi. « Nous continuerons le combat jusqu’au bout », a déclaré Marie Dupont.",
            "fr",
            "Marie Dupont",
        ),
        (
            "Le Parlement a adopté la loi. « Nous continuerons le combat jusqu’au bout de cette réforme. »",
            "fr",
            None,
        ),
        (
            'The Senate passed the bill. "We will keep fighting until the very end," said Mary Smith.',
            "en",
            "Mary Smith",
        ),
        (
            'Protesters marched after the show, "We will keep fighting until the very end," said Mary Smith.',
            "en",
            "Mary Smith",
        ),
        (
            'The crowd sang the last words. "We will keep fighting until the very end of this campaign."',
            "en",
            None,
        ),
    ],
)
def test_title_word_before_the_quote_sentence_or_clause_does_not_drop_it(
    text: str, lang: str, speaker: str | None
) -> None:
    (quote,) = quotes_of(article(text, lang))
    assert quote.speaker == speaker
    assert quote.text.startswith(("Nous continuerons", "We will keep fighting"))


def test_title_word_right_before_the_mark_still_makes_a_title() -> None:
    fr = "La ministre a cité le livre « Nous continuerons le combat jusqu’au bout » hier soir."
    en = 'She read the book "We will keep fighting until the very end" last summer.'
    titled = 'He starred in a film titled "We will keep fighting until the very end" last year.'
    assert quotes_of(article(fr, "fr")) == ()
    assert quotes_of(article(en, "en")) == ()
    assert quotes_of(article(titled, "en")) == ()


def test_speech_verb_attribution_is_speech_whatever_precedes_the_quote() -> None:
    a = article(
        "La ministre a défendu la loi « Nous continuerons le combat jusqu’au bout », a déclaré Marie Dupont.",
        "fr",
    )
    (quote,) = quotes_of(a)
    assert quote.speaker == "Marie Dupont" and quote.attribution == "a déclaré Marie Dupont"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "La ministre du Travail, Claire Dubois, a présenté la réforme mardi. Selon elle, « cette "
            "réforme protège ceux qui travaillent et ceux qui cherchent un emploi ».",
            "Claire Dubois",
        ),
        (
            "Le syndicaliste Marc Lefèvre a quitté la salle. Selon lui, « le gouvernement n’a rien "
            "compris à la situation des chômeurs ».",
            "Marc Lefèvre",
        ),
    ],
)
def test_selon_elle_and_selon_lui_resolve_like_other_pronouns(text: str, speaker: str) -> None:
    (quote,) = quotes_of(article(text, "fr"))
    assert quote.speaker == speaker
    assert quote.attribution in ("Selon elle", "Selon lui")
    assert quote.evidence == "before/pronoun-recent"  # the antecedent is in the sentence before


def test_selon_elle_skips_a_person_of_the_other_gender() -> None:
    a = article(
        "Le ministre Paul Durand a rencontré la députée Sophie Martin. Le ministre est reparti seul. "
        "Selon elle, « rien n’a été décidé pendant cette réunion de deux heures ».",
        "fr",
    )
    (quote,) = quotes_of(a)
    assert quote.speaker == "Sophie Martin"


QUOTE = "« Nous condamnons fermement cette attaque contre les civils »"


@pytest.mark.parametrize(
    ("text", "speaker", "evidence"),
    [
        # the organisation, named with a determiner of the pronoun's gender
        (f"L'Union européenne a publié un communiqué mardi. {QUOTE}, a-t-elle déclaré.", "Union européenne", "after/pronoun-organisation"),
        (f"La nouvelle est saluée par la Commission européenne : {QUOTE} a-t-elle déclaré.", "Commission européenne", "after/pronoun-organisation"),
        (f"La Commission a publié un rapport. Selon elle, {QUOTE}.", "Commission", "before/pronoun-organisation"),
        # "il" cannot be "la Commission": the person is meant
        (f"Le ministre Paul Durand a rencontré la Commission européenne. {QUOTE}, a-t-il déclaré.", "Paul Durand", "after/pronoun-recent"),
        # a person, then an organisation of the same gender: either could be meant
        (f"Claire Dubois a rencontré la Commission européenne. {QUOTE}, a-t-elle déclaré.", None, None),
        # the words after the name may hold its verb: no name to print
        (f"La Commission européenne condamne fermement l'attaque. {QUOTE}, a-t-elle déclaré.", None, None),
        # a plural or an unnamed thing is no antecedent
        (f"Les associations ont publié un communiqué. {QUOTE}, a-t-elle déclaré.", None, None),
    ],
)
def test_pronoun_standing_for_an_organisation(text: str, speaker: str | None, evidence: str | None) -> None:
    (quote,) = quotes_of(article(text, "fr"))
    assert (quote.speaker, quote.evidence) == (speaker, evidence)
    assert quote.confidence == (calibration.probability(evidence) if evidence else 0.0)


def test_unattributed_quote_is_kept_without_speaker() -> None:
    a = article("« Nous ne reculerons devant rien pour la paix » : le slogan a fait le tour du pays.", "fr")
    (quote,) = quotes_of(a)
    assert quote.speaker is None and quote.confidence == 0.0 and quote.attribution is None


def test_name_and_colon_before_a_quote() -> None:
    a = article(
        "Le sénateur Tom Cotton a voté contre. Tom Cotton : « Aucun étranger n'a de droit d'entrée ici ».",
        "fr",
    )
    (quote,) = quotes_of(a)
    assert quote.speaker == "Tom Cotton" and quote.attribution == "Tom Cotton :"


def test_guillemets_with_inner_no_break_spaces() -> None:
    a = article("«\u202fNous irons jusqu’au bout de cette réforme\u202f», a affirmé Claire Dubois.", "fr")
    (quote,) = quotes_of(a)
    assert quote.text == "Nous irons jusqu’au bout de cette réforme" and quote.speaker == "Claire Dubois"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("„Wir schaffen das, ganz sicher und ohne Zweifel“, sagte die Kanzlerin Angela Merkel.", "de"),
        ("«Es una decisión histórica para todo el país», dijo el presidente.", "es"),
        ('قال الوزير: "هذه خطوة مهمة جدا للبلاد كلها". وأضاف أن العمل مستمر.', "ar"),
        ("他说：“我们会继续努力工作。”然后离开了。", "zh"),
    ],
)
def test_other_languages_find_quotes_without_attribution(text: str, lang: str) -> None:
    a = article(text, lang)
    quotes = quotes_of(a)
    assert len(quotes) == 1
    assert quotes[0].speaker is None
    assert_well_formed(a, quotes[0])


def test_article_without_quotes() -> None:
    assert quotes_of(article("Il pleut. Rien d'autre.", "fr")) == ()
    assert quotes_of(Article(headline="H", paragraphs=(), lang="fr")) == ()


def test_random_mark_soup_never_crashes_and_stays_verbatim() -> None:
    rng = random.Random(7)
    pieces = [
        "«", "»", "“", "”", '"', "‘", "’", "„", "(", ")", "[", "]", ", a-t-il dit,", " a déclaré ",
        "Marie Curie", " said", " she", ". ", "! ", "? ", "…", "M.", "Mr.", "l’", "\u202f", "\n", "—",
        "Nous irons", " la ministre", " selon ", " according to ", "Il ", "il y a", " de ", "3.5",
    ]  # fmt: skip
    for lang in ("fr", "en", "de", "xx"):
        for _ in range(150):
            paragraphs = tuple(
                "".join(rng.choice(pieces) for _ in range(rng.randint(1, 25))).strip() or "x"
                for _ in range(rng.randint(1, 4))
            )
            a = Article(headline="H", paragraphs=paragraphs, lang=lang)
            for quote in quotes_of(a):
                assert quote.text == " ".join(a.text[p.start : p.end] for p in quote.parts)
                assert 0.0 <= quote.confidence <= 1.0


# --- a clause presenting the quote with a colon ----------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        # no speech verb: the subject opening the presenting clause speaks
        ("Mercredi, Lionel Messi a posté sur Instagram : « C'était un grand plaisir de jouer avec toi ».", "fr", "Lionel Messi"),
        # another name inside a prepositional adjunct ("à", "après") is no rival
        ("L'attaquant de Barcelone, Luis Suárez, a consacré un message à Neymar après Lionel Messi : « Je te souhaite le meilleur ».", "fr", "Luis Suárez"),
        # a fronted adverbial holding a name does not stop the search for the subject
        ('During Prime Minister\'s Questions, Rishi Sunak defended the record of the government as a "formal update" from Suella Braverman is forthcoming: "We are working as quickly as possible."', "en", "Rishi Sunak"),
        # a genitive makes the clause a report of another's words: nothing decided
        ("Le Monde a publié la lettre de Jean Dupont : « Je quitte mes fonctions ce soir ».", "fr", None),
        ("The Times published the letter of Paul Martin: \"I resign tonight, and I will not come back to this office.\"", "en", None),
        # a subject that is not a name (a document, a thing) is no speaker
        ("Des captures d'écran montrent des messages envoyés par Paul Martin : « Tu viens ce soir ? »", "fr", None),
    ],
)
def test_a_colon_presents_the_quote_of_the_clause_subject(text: str, lang: str, speaker: str | None) -> None:
    (quote,) = quotes_of(article(text, lang))
    assert quote.speaker == speaker
    if speaker:
        assert quote.evidence.startswith("colon/")


def test_a_lower_case_quote_set_off_after_its_speech_verb_is_a_whole_utterance() -> None:
    a = article(
        "Xi Jinping said during a conference in Beijing, \"great scientific capacity is a must for China\".", "en"
    )
    (said,) = quotes_of(a)
    assert said.speaker == "Xi Jinping" and said.whole
    # the same words woven into the reporter's own noun phrase are no clause of their own
    assert not whole_utterance("great scientific capacity is a must for China", "en")


def test_french_present_tense_read_as_a_participle_still_makes_a_clause() -> None:
    a = article(
        "François Hollande a confié, depuis la Corrèze, que « tout cela me conduit à justifier l'état d'urgence ». "
        "Vladimir Poutine a ajouté qu'« c’est mauvais à la fin, ça détruit la famille ».",
        "fr",
    )
    assert all(q.whole for q in quotes_of(a))


def test_a_participle_apposition_is_crossed_to_the_role_subject() -> None:
    a = article(
        "Montpellier gagne et son capitaine, Mickaël Guigou, marque quatre buts.\n\n"
        "En conférence de presse, le capitaine montpelliérain, élu meilleur joueur, se dit fier de son équipe : "
        "« Je crois que l'équipe s'est donné les moyens de gagner ».",
        "fr",
    )
    (quote,) = quotes_of(a)
    assert (quote.speaker, quote.evidence) == ("Mickaël Guigou", "before/role")


def test_a_role_word_used_as_a_verb_is_no_role() -> None:
    a = article(
        "L'entraîneur parisien, Staffan Olsson, juge que le résultat doit servir de réveil. "
        "« La plus grande différence était dans l'attitude », a-t-il expliqué.",
        "fr",
    )
    (quote,) = quotes_of(a)
    assert quote.speaker == "Staffan Olsson" and quote.role == "entraîneur parisien"


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        ("« C'était la panique totale », ont confié des témoins.", "fr", "témoins"),
        ("« J'ai entendu quatre coups de feu », témoigne pour sa part un lycéen qui a pu se mettre à l'abri.", "fr", "lycéen"),
        ('"The water came up in minutes," said a resident of the lower town.', "en", "resident of the lower town"),
        ('"The water came up in minutes," said, for her part, a witness.', "en", "witness"),
        # no person noun, or a spokesperson for no one: anonymous
        ("« Le site restera fermé jusqu'à nouvel ordre », précise un communiqué.", "fr", None),
        ("« Le site restera fermé jusqu'à nouvel ordre », a indiqué un porte-parole.", "fr", None),
    ],
)
def test_an_unnamed_speaker_is_the_description_as_written(text: str, lang: str, speaker: str | None) -> None:
    (quote,) = quotes_of(article(text, lang))
    assert quote.speaker == speaker
    if speaker:
        assert quote.evidence == "after/description"


def test_an_attribution_inside_the_marks_names_a_speaker_of_the_cast() -> None:
    a = article(
        "Benoît Hamon était en campagne à Mugron, dans les Landes.\n\n"
        "« J'entretiens avec lui une relation de confiance, confiait d'ailleurs Hamon en 2010. "
        "J'écoute ses conseils. »\n\n"
        # a pronoun inside the marks is left alone: the speaker may be quoting someone
        "« Le pays est une montagne, disait-il souvent. Nous la gravirons. »",
        "fr",
    )
    hamon, other = quotes_of(a)
    assert (hamon.speaker, hamon.evidence) == ("Benoît Hamon", "inside/surname")
    assert not (other.evidence or "").startswith("inside/")


@pytest.mark.parametrize(
    ("text", "lang", "start", "speaker"),
    [
        # a stressed pronoun after the auxiliary stresses the subject before it
        ("Le PNF a lui indiqué à l'AFP que « le parquet a ouvert une enquête préliminaire ce matin ».", "fr",
         "le parquet", "PNF"),
        # the antecedent of a relative pronoun subject speaks
        ("C'est le cas de Cyprien, qui commente « Ne nous mettez pas tous dans le même panier ».", "fr",
         "Ne nous", "Cyprien"),
        # a second complement of the same verb, joined by "et que"
        ("Marisol Touraine a précisé qu'« un kit gratuit est disponible pour tous » existe déjà et que "
         "« sur l'année 2016, 2362 demandes ont été satisfaites ».", "fr", "sur l'année", "Marisol Touraine"),
        # a participle introducing the next quote is no attribution of the one before
        ("Marisol Touraine a annoncé avoir « saisi immédiatement les services du ministère », ajoutant que "
         "« ce travail s'inscrira dans la réflexion engagée ».", "fr", "saisi", "Marisol Touraine"),
        ("Marisol Touraine a annoncé avoir « saisi immédiatement les services du ministère », ajoutant que "
         "« ce travail s'inscrira dans la réflexion engagée ».", "fr", "ce travail", "Marisol Touraine"),
        # an adverbial between the subject and its verb
        ("Marisol Touraine a par conséquent annoncé : « Nous agirons dans les six mois ».", "fr", "Nous", "Marisol Touraine"),
        # a prepositional adverbial set off by commas is crossed; a particle glued to a surname is a name
        ('General Suleiman al-Amr, in remarks to al-Ikhbariya television, said "All those who were wounded '
         'have been taken to hospital."', "en", "All those", "Suleiman al-Amr"),
        # the possessor of a document, past its adjectives
        ('PC World\'s recent analysis of its own traffic concluded, "Usually, Internet Explorer is the second browser."',
         "en", "Usually", "PC World"),
        # a classifier noun before an organisation's name, and the name cut before its parenthesis
        ("Un porte-parole de l'entreprise RTE (Réseau de transport d'électricité) a expliqué que « la fréquence "
         "demeure sous les 50 hertz depuis des semaines ».", "fr", "la fréquence", "RTE"),
        # a byline after a pull quote
        ('"So far, it\'s the Internet: 1, Scientology: 0. But it\'s a long game." - Matthew Ingram', "en",
         "So far", "Matthew Ingram"),
    ],
)
def test_attribution_shapes(text: str, lang: str, start: str, speaker: str) -> None:
    assert quote_starting(quotes_of(article(text, lang)), start).speaker == speaker


def test_a_quote_that_is_only_the_subject_of_the_reporters_clause_is_no_utterance() -> None:
    a = article(
        "Marisol Touraine a précisé qu'« un kit disponible gratuitement pour assurer la vaccination obligatoire » "
        "existe déjà.",
        "fr",
    )
    (quote,) = quotes_of(a)
    assert quote.speaker == "Marisol Touraine" and not quote.whole
    assert not whole_utterance("un kit disponible gratuitement pour assurer la vaccination", "fr")


def test_a_role_nobody_holds_is_the_person_the_text_is_about_but_never_a_card() -> None:
    a = article(
        "Emmanuel Macron a nié mardi toute responsabilité. « Je n'ai pas pris connaissance de cela », "
        "a confié le candidat d'En marche à la présidentielle.\n\n"
        # a full description of someone unnamed stays that description
        "« La liberté de la presse doit être défendue », a déclaré le secrétaire général de la CGT du livre.",
        "fr",
    )
    macron, cgt = quotes_of(a)
    assert (macron.speaker, macron.evidence) == ("Emmanuel Macron", "after/role-salient")
    assert not calibration.explicit(macron.evidence)
    assert cgt.speaker == "secrétaire général de la CGT du livre"


def test_a_typed_quote_mark_glued_to_the_comma_before_it_still_opens_the_quote() -> None:
    a = article(
        'Emeritus Professor John Burrows chairs the panel. '
        'Professor Burrows also said kits would be available for schools," For example, schools can run their '
        'own flag discussions and referendums". People were encouraged to send designs.',
        "en",
    )
    (quote,) = quotes_of(a)
    assert quote.text == "For example, schools can run their own flag discussions and referendums"
    assert quote.speaker == "John Burrows"
    # a closing mark after a comma, inside an open quote, still closes it
    (closed,) = quotes_of(article('"We will rebuild," the mayor said, "and we will do it fast."', "en"))
    assert closed.text.startswith("We will rebuild,")


def test_a_bare_organisation_noun_is_the_organisation_that_spoke_last_but_never_a_card() -> None:
    a = article(
        "Selon Greenpeace, « les deux incendies récents montrent que la sûreté se dégrade ». "
        "« Tout cela s'inscrit dans un contexte de dégradation grave », fustige encore l'association.",
        "fr",
    )
    _, second = quotes_of(a)
    assert (second.speaker, second.evidence) == ("Greenpeace", "after/organisation-salient")
    assert not calibration.explicit(second.evidence)
    # a person speaking last is no antecedent for "l'association"
    b = article(
        "« Les deux incendies montrent que la sûreté se dégrade », a déclaré Yannick Jadot. "
        "« Tout cela s'inscrit dans un contexte grave », fustige encore l'association.",
        "fr",
    )
    assert quotes_of(b)[1].speaker is None


@pytest.mark.parametrize(
    ("text", "lang", "speaker", "role"),
    [
        # a title is a role: "the governor" is the one person titled Governor, not the mayor named first
        ('Mayor John Smith met Governor Ann Lee on Monday. "The money will arrive next week," the governor said.',
         "en", "Ann Lee", "Governor"),
        # a title before a trailing name is not part of the name
        ("« Nous n'avons rien à cacher à la justice », a affirmé l'avocat de l'ancien ministre, Me Jean Dupont.",
         "fr", "Jean Dupont", "avocat de l'ancien ministre"),
        # a media classifier before the outlet's name
        ("Selon le quotidien Le Monde, « le gouvernement prépare un remaniement pour la rentrée ».", "fr",
         "Le Monde", None),
        # an age and a non-restrictive relative between the name and its verb
        ('Smith, 54, who has led the union since 2015, told reporters: "We are ready to strike if needed."', "en",
         "Smith", None),
        # a role nobody holds, after a sentence naming someone with another role: nobody is guessed
        ("Le président Emmanuel Macron a reçu Olaf Scholz. « La France et l'Allemagne avancent ensemble », "
         "a déclaré le chancelier allemand.", "fr", None, None),
    ],
)
def test_titles_media_and_long_subjects(text: str, lang: str, speaker: str | None, role: str | None) -> None:
    (quote,) = quotes_of(article(text, lang))
    assert (quote.speaker, quote.role) == (speaker, role)


@pytest.mark.parametrize(
    ("text", "lang", "start", "speaker"),
    [
        # a name heading its clause takes the floor even when nothing proves it a person
        ('Anna Lopez, a nurse, described the scene. "People were lying in the corridors," Lopez said. '
         'Her colleague Mark Chen agreed. "We had never seen anything like it," he said.', "en", "We had", None),
        # a coordinated antecedent: the pronoun may mean either
        ("Pierre Durand et sa femme Claire sont arrivés. « Nous avons tout perdu dans l'incendie », a-t-elle raconté.",
         "fr", "Nous avons", None),
        # the subject of the nearest speech verb, not the sentence's first name
        ('Johnson told the BBC that Smith had said: "I will never resign from this post."', "en", "I will", "Smith"),
        # a name inside a noun phrase ("a unique New Zealand flag") does not take the floor
        ("Prime Minister John Key said the flag had a strong rationale. Mr Key promoted the campaign for a unique "
         'New Zealand flag this year. Of the process, he said, "In the end I will have one vote like everyone else."',
         "en", "In the end", "John Key"),
    ],
)
def test_pronouns_and_subjects_do_not_guess(text: str, lang: str, start: str, speaker: str | None) -> None:
    assert quote_starting(quotes_of(article(text, lang)), start).speaker == speaker


def test_a_pronoun_goes_back_to_a_subject_not_to_the_object_of_a_verb() -> None:
    a = article(
        'Mayor Lisa Grant thanked Fire Chief Tom Ellis. "Without his crews, we would have lost the street," she said.',
        "en",
    )
    (quote,) = quotes_of(a)
    assert quote.speaker == "Lisa Grant"


def test_a_trailing_name_takes_its_role_from_the_role_noun_not_the_words_before() -> None:
    (quote,) = quotes_of(article("« Il faut agir vite », a estimé mardi sur franceinfo la maire de Nantes, Johanna Rolland.", "fr"))
    assert (quote.speaker, quote.role) == ("Johanna Rolland", "maire de Nantes")
