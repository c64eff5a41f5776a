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
elsewhere (``Emmanuel Macron``). Entities are ranked by mentions, presence in
the headline and being a quote speaker.

``hashtag_for(entity)``: people by surname (``#Macron``, ``#DeBruyne``; East
Asian names written family name first keep the whole name, ``#ParkGeunHye``),
others in CamelCase with accents kept (``#ÉtatsUnis``, ``#OTAN``);
punctuation and apostrophes are removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from repackage.models import Article, Entity, Quote, Sentence, Span

#: Longest hashtag worth posting; longer names get no tag.
MAX_HASHTAG_CHARS = 24

_MONTHS = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "January February March April May June July August September October November December"
)
_DAYS = (
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
)
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
#: Capitalised common nouns: a mention made only of these is no name.
_COMMON_CAPS = frozenset(
    """
    Chef État États Etat Cour Gouvernement Conseil Parlement Sénat Assemblée Commission
    Union Église Government Court Council Parliament Senate Church Group Groupe
    Protection Man Match Award Constitution Internet Web
    """.split()
)

#: Lower-case words allowed between two capitalised words of one name.
_PARTICLES = frozenset(
    """
    de du des d la le von van der den di da dos del of the al bin ben
    """.split()
)
#: Particles that belong to a surname (``De Bruyne``, ``Ben Mustapha``).
_SURNAME_PARTICLES = frozenset(
    """
    de du des la le von van der den di da del dos al bin ben
    """.split()
)

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


def extract_entities(
    article: Article, sentences: tuple[Sentence, ...], quotes: tuple[Quote, ...]
) -> tuple[Entity, ...]:
    """Ranked entities of the article, most important first, each with its hashtag
    (``None`` when no good tag can be made)."""
    quoted = _quoted_ranges(article.text, quotes)
    mentions = [m for s in sentences for m in _mentions_in(s, quoted)]
    mid_sentence = {m.text for m in mentions if not m.initial}
    kept = [m for m in mentions if _keep(m, mid_sentence)]
    quoted_names = [name for q in quotes if q.speaker and (name := _speaker_name(q.speaker))]
    speakers = {n for n in quoted_names if _looks_like_person(n)}
    people = speakers | {m.text for m in kept if m.titled or _has_first_name(m.text)}
    names = [m.text for m in kept] + quoted_names
    counts = _merge_surnames(names, people)
    first_seen = {name: i for i, name in reversed(list(enumerate(names)))}
    entities = [Entity(name, _kind(name, people), count) for name, count in counts.items()]
    entities = [replace(e, hashtag=hashtag_for(e)) for e in entities]
    return tuple(
        sorted(entities, key=lambda e: (-_score(e, article.headline, speakers), first_seen[e.text]))
    )


def hashtags(entities: tuple[Entity, ...], n: int) -> tuple[str, ...]:
    """The first ``n`` distinct hashtags of ranked ``entities``."""
    tags: list[str] = []
    for entity in entities:
        tag = entity.hashtag
        if len(tags) < n and tag and tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(tag)
    return tuple(tags)


def hashtag_for(entity: Entity) -> str | None:
    """``#Macron``, ``#OTAN``, ``#ÉtatsUnis``, or None if the tag would be unusable."""
    words = entity.text.split()
    if entity.kind == "person":
        words = _surname(words)
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
    + "|".join(re.escape(p) for p in sorted(_MULTIWORD_PLACES | _MULTIWORD_ORGS, key=len, reverse=True))
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
    mentions: list[_Mention] = []
    for run, titled in _runs(tokens, sentence.text):
        for part in _split_run(run):
            initial = bool(tokens) and part[0].start == tokens[0].start
            mentions.append(_Mention(sentence.text[part[0].start : part[-1].end], initial, titled))
    return mentions


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
    """The name in a quote's speaker as the article gives it, without a role
    glued before it ("Environment Minister John Baird" -> "John Baird");
    None if it holds no name."""
    sentence = Sentence(0, speaker, Span(0, len(speaker)), 0)
    mentions = _mentions_in(sentence, [])
    return mentions[-1].text if mentions else None


def _looks_like_person(name: str) -> bool:
    """Capitalised words (and particles) only, none an organisation word."""
    words = name.split()
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


def _is_nationality(word: str) -> bool:
    folded = word.casefold()
    return any(
        re.fullmatch(re.escape(stem) + r"(?:e|ne|s|es|nes|ns)?", folded) for stem in _NATIONALITY_STEMS
    )


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and bool(re.fullmatch(r"[A-Z][A-Z0-9&]*[A-Z]|[A-Z]+", letters))


# --------------------------------------------------------------------------
# Merging, kinds, ranking
# --------------------------------------------------------------------------


def _merge_surnames(names: list[str], people: set[str]) -> dict[str, int]:
    """Count mentions, folding a lone surname into the one person's full name ending with it."""
    full_names = [n for n in dict.fromkeys(names) if len(n.split()) >= 2 and n in people]
    counts: dict[str, int] = {}
    for name in names:
        owners = [f for f in full_names if f.split()[-1] == name]
        target = owners[0] if len(name.split()) == 1 and len(owners) == 1 else name
        counts[target] = counts.get(target, 0) + 1
    return counts


def _kind(name: str, people: set[str]) -> str:
    words = name.split()
    if name in people:
        return "person"
    if name in _MULTIWORD_ORGS:
        return "org"
    if name in _PLACES or name in _MULTIWORD_PLACES or name.replace(".", "") in _PLACE_ACRONYMS:
        return "place"
    if any(w in _PLACE_WORDS for w in words):
        return "place"
    if any(w.casefold() in _ORG_WORDS_FOLDED for w in words) or _is_acronym(name):
        return "org"
    return "other"


def _score(entity: Entity, headline: str, speakers: set[str]) -> float:
    """Mentions, plus bonuses for being in the headline, speaking, being a named thing."""
    score = float(entity.count)
    forms = {entity.text}
    if entity.kind == "person":
        forms.add(entity.text.split()[-1])
    if any(re.search(r"(?<!\w)" + re.escape(f) + r"(?!\w)", headline) for f in forms):
        score += 3.0
    if entity.text in speakers:
        score += 2.0
    if entity.kind in ("person", "place", "org"):
        score += 0.5
    return score
