"""Captions and hook: short, in article order, traceable word for word, never invented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _paths import ROOT, SEED, SHARED_ARTICLES, shared_path

from repackage.article import read_article
from repackage.editorial import build_story, plain
from repackage.editorial.captions import compress, make_hook
from repackage.editorial.sentences import split_sentences
from repackage.models import Article, Caption, Story

ARTICLES = sorted(SHARED_ARTICLES.glob("*.txt"))
DATA = ROOT / "tests" / "data" / "articles"
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


def test_seed_hook_fits_by_dropping_only_its_context_tail(seed: Story) -> None:
    """No safe cut of the headline fits 60 characters, nor does the lead
    sentence (64); the last resort before the whole headline drops the
    trailing context phrase "face à la Russie", which restricts nothing."""
    hook = seed.hook
    assert hook.sources == () and len(hook.text) <= 60
    assert plain(hook.text).lower() + " face à la russie" in plain(seed.article.headline).lower()


def test_context_tail_cut_never_drops_a_restrictive_complement() -> None:
    from repackage.editorial.captions import _cut_context_tail

    assert _cut_context_tail("Le conseil municipal vote la gratuité des vélos pour les moins de 25 ans", "fr", 60) is None
    assert _cut_context_tail("NATO allies split on sending troops to Ukraine amid rising tension", "en", 50) == (
        "NATO allies split on sending troops to Ukraine"
    )


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


def headline_forms(headline: str) -> set[str]:
    """The headline, and without its kicker: what a hook longer than its limit may be."""
    rest = headline.split(" : ", 1)[-1]
    return {plain(headline), plain(rest[:1].upper() + rest[1:])}


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_every_article_gives_traceable_captions_and_a_short_or_whole_hook(path: Path) -> None:
    story = build_story(read_article(path))
    assert story.captions, "at least one caption"
    assert story.hook.text
    if len(story.hook.text) > 60:  # the documented last resort: the whole headline, never cut inside
        assert story.hook.sources == () and plain(story.hook.text) in headline_forms(story.article.headline)
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
    story = build_story(read_article(shared_path("wikinews-en-02-ozone-warming-crops.txt")))
    assert story.hook.sources == ()
    assert story.hook.text.startswith("Scientists analyse effects of global warming")
    assert story.hook.text.endswith("on crops"), "cutting after the comma dropped ozone and crops"
    assert all("yesterday" not in c.text for c in story.captions), "relative days go stale"


# --- captions stand alone (no pronoun handed to the wrong person) ---------------------


def story_of(name: str) -> Story:
    return build_story(read_article(shared_path(name)))


def caption_sentence(story: Story, caption: Caption) -> int:
    return caption.sources[0]


def test_selon_lui_only_right_after_the_senator_it_refers_to() -> None:
    """fr-07: "Selon lui, la cour d'appel est « malavisée »" is Tom Cotton's view.
    It once followed the Trump caption, handing Cotton's words to Trump."""
    story = story_of("wikinews-fr-07-cour-appel-decret-immigration.txt")
    texts = [plain(c.text) for c in story.captions]
    for i, text in enumerate(texts):
        if text.startswith("Selon lui"):
            assert i > 0 and "Tom Cotton" in texts[i - 1], texts
            assert "Trump" not in texts[i - 1]
            previous, current = story.captions[i - 1], story.captions[i]
            assert caption_sentence(story, previous) == caption_sentence(story, current) - 1


def test_a_pronoun_caption_after_a_quote_is_skipped() -> None:
    """The sentence before "Selon lui" is a quote (no caption): "lui" would then
    point at whoever the previous caption names."""
    article = Article(
        headline="Le Sénat rejette la réforme des retraites",
        paragraphs=(
            "Le Sénat a rejeté mardi la réforme des retraites par 180 voix contre 150.",
            "Le ministre du Travail Jean Dupont a immédiatement réagi sur la radio publique.",
            "« Ce vote est une faute grave envers les salariés de ce pays », a déclaré Marie Durand.",
            "Selon lui, le texte reviendra devant les députés avant la fin de l’année.",
        ),
        lang="fr",
    )
    story = build_story(article)
    assert not any(plain(c.text).startswith("Selon lui") for c in story.captions)


@pytest.mark.parametrize(
    ("name", "dangling"),
    [
        ("wikinews-fr-03-andromede-collision-galaxies.txt", "Celle-ci"),
        ("wikinews-fr-08-coree-du-sud-destitution-park.txt", "C'est la première fois"),
        ("wikinews-fr-04-rallye-monte-carlo-spectateur.txt", "il décède dans la nuit"),
        ("wikinews-fr-04-rallye-monte-carlo-spectateur.txt", "Il s'agit d'un photographe"),
        ("wikinews-fr-06-deces-jean-christophe-averty.txt", "il avait signé un accord"),  # after a quote
        ("wikinews-en-03-italy-religious-schools-taxes.txt", "It is also encouraging"),
    ],
)
def test_captions_with_an_unresolved_subject_are_skipped(name: str, dangling: str) -> None:
    story = story_of(name)
    dangling = dangling.casefold()
    assert any(dangling in plain(s.text).casefold() for s in story.sentences), "the sentence is in the article"
    assert not any(dangling in plain(c.text).casefold() for c in story.captions)


def test_demonstrative_subjects_never_open_a_caption() -> None:
    opaque = re.compile(r"^(?:Celle-ci|Celui-ci|Ceux-ci|Cela|Ça|C'est|Il s'agit|This (?:is|was)|It )")
    for path in ARTICLES:
        for caption in build_story(read_article(path)).captions:
            assert not opaque.match(plain(caption.text)), (path.name, caption.text)


def test_a_pronoun_subject_is_kept_right_after_its_referent() -> None:
    """Averty: "Entré à l'ORTF en 1952, il y fit …" follows the caption of the
    sentence before, whose subject is Jean-Christophe Averty."""
    story = story_of("wikinews-fr-06-deces-jean-christophe-averty.txt")
    texts = [plain(c.text) for c in story.captions]
    i = next(k for k, t in enumerate(texts) if t.startswith("Entré à l'ORTF"))
    assert texts[i - 1].startswith("Jean-Christophe Averty")
    assert story.captions[i - 1].sources[0] == story.captions[i].sources[0] - 1


# --- the hook never changes what the headline says ---------------------------------


@pytest.mark.parametrize(
    ("path", "kept"),
    [
        (DATA / "municipales-fr.ninjs.json", "pour les moins de 25 ans"),
        ("wikinews-en-03-italy-religious-schools-taxes.txt", "from religious schools"),
        ("wikinews-fr-07-cour-appel-decret-immigration.txt", "du décret sur l'immigration"),
        ("wikinews-fr-03-andromede-collision-galaxies.txt", "La galaxie Andromède"),
    ],
    ids=["municipales", "italy", "fr-07", "andromede"],
)
def test_hook_keeps_the_complements_that_carry_meaning(path: Path | str, kept: str) -> None:
    story = build_story(read_article(path if isinstance(path, Path) else shared_path(path)))
    assert story.hook.sources == ()
    assert kept in plain(story.hook.text)


def test_hook_never_falls_back_to_a_detail_further_down() -> None:
    """Corée: the headline does not fit 60 characters and the lead sentence
    cannot be cut to fit; "Une élection présidentielle est prévue pour le 5
    mai." (sentence 3) must not become the hook."""
    story = story_of("wikinews-fr-08-coree-du-sud-destitution-park.txt")
    assert story.hook.sources == ()
    assert plain(story.hook.text) == plain(story.article.headline)
    assert "destitution" in story.hook.text


def test_hook_drops_only_a_trailing_time_adverbial() -> None:
    story = build_story(read_article(DATA / "tram-council-en.html"))
    assert story.hook.text == "Council approves Riverside tram extension"


def hook_of(headline: str, *paragraphs: str, lang: str = "fr", max_chars: int = 60) -> Caption:
    article = Article(headline=headline, paragraphs=paragraphs, lang=lang)
    return make_hook(article, split_sentences(article), (), (), max_chars=max_chars)


def test_hook_uses_the_lead_sentence_when_it_fits() -> None:
    hook = hook_of(
        "Le conseil régional adopte un plan de rénovation des lycées publics de toute la région",
        "Le conseil régional a voté un plan de 300 millions.",
        "Les travaux commenceront à la rentrée prochaine dans douze lycées.",
    )
    assert hook == Caption("Le conseil régional a voté un plan de 300 millions.", (0,))


def test_hook_never_uses_sentence_one_when_sentence_zero_is_a_statement() -> None:
    hook = hook_of(
        "Le conseil régional adopte un plan de rénovation des lycées publics de toute la région",
        "Le conseil régional a voté un plan de 300 millions d’euros pour rénover quarante lycées de la région.",
        "Les travaux commenceront à la rentrée.",
    )
    assert hook.sources == ()
    assert hook.text == "Le conseil régional adopte un plan de rénovation des lycées publics de toute la région"


def test_hook_cuts_the_headline_at_a_clause_boundary_before_giving_up() -> None:
    hook = hook_of(
        "La ministre défend sa réforme des retraites, mais les syndicats appellent à la grève générale",
        "« Nous irons jusqu’au bout », a déclaré la ministre devant les députés réunis en séance.",
    )
    assert hook == Caption("La ministre défend sa réforme des retraites", ())


def test_hook_drops_a_relative_day_from_the_headline() -> None:
    hook = hook_of("Le Parlement européen adopte la directive sur les plateformes, ce vendredi", max_chars=62)
    assert hook.text == "Le Parlement européen adopte la directive sur les plateformes"


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


def test_hook_falls_back_to_the_lead_sentence_when_the_headline_cannot_be_cut() -> None:
    article = Article(
        headline="Lacommissionparlementaireextraordinairerendaujourdhuisesconclusionsdéfinitives attendues",
        paragraphs=("La commission a rendu son rapport sur la réforme.", "Le vote aura lieu en juin."),
        lang="fr",
    )
    sentences = split_sentences(article)
    hook = make_hook(article, sentences, (), (), max_chars=60)
    assert hook.sources, "a sentence, not the headline"
    assert hook.text == sentences[hook.sources[0]].text


# --- compressing long lead sentences, cut-only ----------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # several lead-in phrases in a row, then a clause cut keeping the head (Rome, sentence 1)
            ("À l'occasion de cet anniversaire d'une UE en pleine crise, notamment à cause du Brexit, qui sera "
            "lancé mercredi 29, les chefs d’État et de gouvernement des 27 pays membres se sont réunis en "
            "Italie, à Rome, après avoir été accueillis par Paolo Gentiloni, le chef du gouvernement du pays, "
            "dans la salle même où le traité fut signé le 25 mars 1957."),
            "Les chefs d’État et de gouvernement des 27 pays membres se sont réunis en Italie, à Rome.",
        ),
        (  # date, time, lead-ins, a description before a name, a verb in a series (rallye)
            ("Jeudi 19 janvier, à 20h30, lors de la première spéciale du rallye de Monte Carlo Entrevaux - "
            "Val-de-Chalvagne - Ubraye (Alpes-de-Haute-Provence, France), à hauteur du hameau de Rouaine, le "
            "Néo-Zélandais de Hyundai, Hayden Paddon, est sorti de la route dans un virage à gauche enneigé, "
            "a tapé la montagne sur sa gauche et effectué un tonneau, percutant violemment un spectateur."),
            "Hayden Paddon est sorti de la route dans un virage à gauche enneigé, percutant violemment un spectateur.",
        ),
        (  # a long lead-in with restrictive relative clauses inside it (fr-07)
            ("À la suite de l'injonction émise par un juge de l'État de Washington qui suspendait temporairement "
            "le décret présidentiel 13769 qui limite l'immigration, la Cour fédérale d'appel de San Francisco a "
            "confirmé le gel dans un verdict unanime."),
            "La Cour fédérale d'appel de San Francisco a confirmé le gel dans un verdict unanime.",
        ),
        (  # a participial incise, a relative clause between commas, a trailing participle (Andromède)
            ("Cette étude, accompagnée des deux vidéos réalisées par l'équipe de François Hammer et publiées "
            "par l'Observatoire de Paris, apportent également une explication sur l'apparence d'Andromède, qui "
            "est l'objet céleste le plus éloigné de la Terre visible à l'œil nu, situé à 2,5 millions "
            "d'années-lumière."),
            "Cette étude apportent également une explication sur l'apparence d'Andromède.",
        ),
        (  # a quotation after a colon goes with its clause (the quote has its own card)
            ("À l'inverse, le sénateur républicain Tom Cotton dénonce le verdict : « Aucun étranger n'a de "
            "droit constitutionnel d'entrée aux États-Unis et les tribunaux n'ont pas à remettre en question "
            "les décisions sensibles du président sur la sécurité nationale »."),
            "Le sénateur républicain Tom Cotton dénonce le verdict.",
        ),
        (  # a trailing relative clause goes, with the closing mark of the quotation it holds
            ("Ce résultat apporte de nouveaux éléments sur l'histoire de notre plus proche voisine, que les "
            "scientifiques ont longtemps considérée comme une « jumelle de la Voie Lactée »."),
            "Ce résultat apporte de nouveaux éléments sur l'histoire de notre plus proche voisine.",
        ),
        (  # a relative day in the middle of the sentence goes stale: it goes first
            ("Le conseil municipal de Lyon a adopté jeudi soir la gratuité des vélos partagés pour les habitants "
            "de moins de 25 ans, une mesure promise pendant la campagne."),
            "Le conseil municipal de Lyon a adopté la gratuité des vélos partagés pour les habitants de moins de 25 ans.",
        ),
        (
            ("The scientists found reduction of crop yields by 2050 exceeded 10% of 2000 levels, substantially "
            "decreasing food security, in all cases examined."),
            "The scientists found reduction of crop yields by 2050 exceeded 10% of 2000 levels in all cases examined.",
        ),
    ],
)
def test_long_lead_sentences_are_cut_down_to_their_main_clause(sentence: str, expected: str) -> None:
    lang = "en" if sentence.startswith("The ") else "fr"
    out = compress(sentence, lang, 110)
    assert out == expected
    assert_in_order(out, sentence)


def test_a_sentence_without_a_main_verb_is_not_made_a_caption_by_cutting() -> None:
    """Andromède: "Un résultat qui apporte …, que les scientifiques …" has no
    verb of its own ("qui apporte" is a relative clause): cutting its tail
    would print a noun phrase as if it were a statement."""
    sentence = (
        "Un résultat qui apporte de nouveaux éléments sur l'histoire de notre plus proche voisine, que les "
        "scientifiques ont longtemps considéré comme une « jumelle de la Voie Lactée »."
    )
    assert compress(sentence, "fr", 110) is None


def test_a_cut_never_leaves_only_the_lead_in() -> None:
    sentence = (
        "À l'occasion de cet anniversaire d'une UE en pleine crise, notamment à cause du Brexit, qui sera "
        "lancé mercredi 29, les chefs d’État des 27 pays membres se sont réunis en Italie."
    )
    for limit in range(30, 160, 5):
        out = compress(sentence, "fr", limit)
        assert out is None or "réunis" in out, (limit, out)


@pytest.mark.parametrize(
    "sentence",
    [
        "Si le budget est rejeté par les élus, la ville devra emprunter 40 millions d’euros auprès des banques.",
        "Selon les trois magistrats, la Maison-Blanche n'a pas démontré que le décret protège la sécurité nationale.",
        "Le patron a précisé que les ouvriers ne pouvaient pas être embauchés, à moins de suivre une formation.",
    ],
)
def test_conditions_and_attributions_in_front_are_never_cut(sentence: str) -> None:
    for limit in range(40, len(sentence), 5):
        out = compress(sentence, "fr", limit)
        assert out is None or out.startswith(sentence.split(",")[0][:12]), (limit, out)
        assert out is None or "à moins de" in out or "à moins de" not in sentence


def test_lead_facts_make_it_into_the_captions() -> None:
    rallye = story_of("wikinews-fr-04-rallye-monte-carlo-spectateur.txt")
    assert any(c.sources == (0,) and "spectateur" in c.text for c in rallye.captions)
    court = story_of("wikinews-fr-07-cour-appel-decret-immigration.txt")
    assert any(c.sources == (0,) and "a confirmé le gel" in c.text for c in court.captions)
    rome = story_of("wikinews-fr-01-traite-de-rome-60-ans.txt")
    assert any(c.sources == (1,) and "se sont réunis" in c.text for c in rome.captions)


@pytest.mark.parametrize(
    "name",
    [
        "wikinews-fr-07-cour-appel-decret-immigration.txt",
        "wikinews-fr-08-coree-du-sud-destitution-park.txt",
        "wikinews-fr-04-rallye-monte-carlo-spectateur.txt",
        "wikinews-fr-01-traite-de-rome-60-ans.txt",
    ],
)
def test_articles_that_had_few_captions_now_get_five(name: str) -> None:
    assert len(story_of(name).captions) == 5
