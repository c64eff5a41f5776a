"""Per-language word lists used by the sentence splitter and the quote finder.

Everything language-specific lives here as plain data so that adding a
language means adding entries, not code. ``rules_for(lang)`` always returns a
usable value: unknown languages get the shared punctuation rules with empty
word lists (quotes are then found by their marks but never attributed).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --------------------------------------------------------------------------
# Sentence splitting
# --------------------------------------------------------------------------

#: Abbreviations after which a period never ends a sentence (case-sensitive,
#: written without the final period). Titles before names, mostly.
_TITLE_ABBREVIATIONS: dict[str, frozenset[str]] = {
    "fr": frozenset(
        "M MM Mme Mmes Mlle Mlles Me Mgr Dr Pr St Ste Sts Stes Cie cf "
        "ex av apr env hab tél réf éd coll chap vol art Gal Gén Col Cdt Lt Sgt".split()
    ),
    "en": frozenset(
        "Mr Mrs Ms Mx Dr Prof Jr Sr St Mt Ft Gen Gov Sen Rep Rev Hon Lt Col Capt Cmdr "
        "Sgt Cpl Maj Adm Pres Supt Insp Det Brig vs v cf approx ca Ave Blvd Rd".split()
    ),
    "de": frozenset(
        "Dr Prof Hr Hrn Fr Frl St bzw ca vgl usw sog ggf evtl inkl zzgl Str Abs "
        "Bd Jh geb gest Mio Mrd".split()
    ),
    "es": frozenset("Sr Sra Srta Sres Dr Dra Ud Uds Lic Ing Prof Av Gral Sto Sta pág cf aprox".split()),
    "it": frozenset("Sig Sigg Dott Prof Ing Avv Sen On Gen Mons pag cf ecc".split()),
}

#: Abbreviations that do not end a sentence only when a number follows
#: ("No. 5", "p. 12", "Jan. 26"); before a capitalised word they may.
_NUMBER_ABBREVIATIONS: frozenset[str] = frozenset(
    "No Nos no nos Nr nr n° N° nº p pp Vol vol Fig fig Art art Ch ch Sect sect "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
    "janv févr avr juil sept oct nov déc".split()
)

#: Words that very often open a sentence; used to decide ambiguous cases such
#: as "in the U.S. The president ..." (split) vs "U.S. Army" (no split).
_SENTENCE_STARTERS: dict[str, frozenset[str]] = {
    "fr": frozenset(
        "Le La Les L Il Elle Ils Elles On Un Une Des Ce Cet Cette Ces Mais Et En Au Aux "
        "Dans Pour Selon Cependant Toutefois Par Sur Depuis Après Avant Lors Alors "
        "Ainsi Enfin Puis Je Nous Vous C Cela Son Sa Ses Leur Leurs".split()
    ),
    "en": frozenset(
        "The This That These Those It He She They We I You But And In On At A An His Her "
        "Their Its There However Meanwhile After Before When While As If Yet So Then "
        "Also Since Our My".split()
    ),
    "de": frozenset(
        "Der Die Das Den Dem Des Er Sie Es Ich Wir Ihr Man Aber Und Doch Dann Auch "
        "Ein Eine Einer Dieser Diese Dieses Im In Am Nach Vor Bei Mit Seit".split()
    ),
    "es": frozenset(
        "El La Los Las Un Una Unos Unas Él Ella Ellos Pero Y En Con Por Para Según "
        "Sin Este Esta Estos Ese Esa Además También".split()
    ),
}


# --------------------------------------------------------------------------
# Quotes and speakers
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteRules:
    """Word lists for finding and attributing direct quotes in one language.

    All words are lower case; look-ups lower-case the text first.
    """

    #: speech verbs in the forms an attribution uses ("déclaré", "said")
    speech_verbs: frozenset[str] = frozenset()
    #: auxiliaries and fillers allowed between subject and speech verb
    #: ("a", "ont", "avait", "ainsi", "pour sa part" -> "pour", "sa", "part")
    verb_fillers: frozenset[str] = frozenset()
    #: words that introduce a source: "selon X", "according to X" (an
    #: anonymous source after them leaves the quote unattributed)
    source_markers: tuple[str, ...] = ()
    #: words that may introduce a speaker's view: "pour X, « ... »" (only
    #: when a name or role follows: "pour sa part" is no attribution)
    opinion_markers: tuple[str, ...] = ()
    #: subject pronouns -> "m", "f" or "p" (plural: never a single speaker)
    pronouns: dict[str, str] = field(default_factory=dict)
    #: words just before a quote that announce a title, not speech
    title_cues: frozenset[str] = frozenset()
    #: lower-case words allowed inside a Title Case title ("of", "de")
    function_words: frozenset[str] = frozenset()
    #: determiners (possibly elided) before a noun phrase
    determiners: frozenset[str] = frozenset()
    #: prepositions: a name right after one is not the subject of a clause
    prepositions: frozenset[str] = frozenset()
    #: words that end a noun phrase (relative pronouns, conjunctions, verbs)
    breakers: frozenset[str] = frozenset()
    #: head nouns of role descriptions ("président", "spokesperson")
    role_heads: frozenset[str] = frozenset()
    #: role heads that only say "a leader": matched against any known role
    generic_roles: frozenset[str] = frozenset()
    #: role words implying a gender (beyond the determiner)
    feminine_words: frozenset[str] = frozenset()
    masculine_words: frozenset[str] = frozenset()
    #: heads of organisation names ("Union", "Department"): an organisation speaks
    institution_words: frozenset[str] = frozenset()
    #: grammatical gender of institution words ("union" -> "f"), so that a
    #: pronoun ("a-t-elle déclaré") can point back to "l'Union ..."; a
    #: language whose organisations are "it" leaves it empty
    institution_genders: dict[str, str] = field(default_factory=dict)
    #: country name -> nationality adjective ("Allemagne" -> "allemand")
    nationalities: dict[str, str] = field(default_factory=dict)
    #: first-person words: a quote using them is someone speaking
    first_person: frozenset[str] = frozenset()
    #: capitalised words that never start a person's name ("Le", "Selon", "Monday")
    not_names: frozenset[str] = frozenset()
    #: words that stop a speaker's noun phrase ("tandis", "who")
    phrase_stops: frozenset[str] = frozenset()
    #: does the language put modifiers before a role noun ("Swedish captain")?
    modifiers_before_role: bool = False
    #: Indefinite determiners: a noun phrase they open brings in someone new.
    indefinites: frozenset[str] = frozenset()
    #: Nouns for someone speaking for an organisation ("porte-parole", "spokesman").
    spokes_words: frozenset[str] = frozenset()


#: Titles before a name, with the gender they imply ("" = unknown).
TITLES: dict[str, str] = {
    "M.": "m",
    "MM.": "m",
    "Mme": "f",
    "Mme.": "f",
    "Mmes": "f",
    "Mlle": "f",
    "Me": "",
    "Mr.": "m",
    "Mr": "m",
    "Mrs.": "f",
    "Mrs": "f",
    "Ms.": "f",
    "Ms": "f",
    "Miss": "f",
    "Dr.": "",
    "Dr": "",
    "Pr.": "",
    "Pr": "",
    "Prof.": "",
    "Sir": "m",
    "Dame": "f",
    "Lord": "m",
    "Lady": "f",
    "Herr": "m",
    "Frau": "f",
    "Sr.": "m",
    "Sra.": "f",
}

#: Elided French words glued to the next word by an apostrophe ("d’Emmanuel").
ELISIONS = frozenset("l d j m n s t c qu jusqu lorsqu puisqu quoiqu".split())

_FR_VERBS = (
    "déclaré affirmé assuré estimé souligné ajouté expliqué indiqué lancé martelé rappelé "
    "écrit tweeté dit réagi confié commenté précisé prévenu averti annoncé insisté "
    "répondu répliqué poursuivi conclu ironisé dénoncé regretté reconnu admis avoué "
    "raconté témoigné jugé observé noté relevé plaidé promis menacé lâché glissé "
    "déploré fustigé salué résumé tranché concédé détaillé déclarée affirmée rétorqué "
    "déclare affirme assure estime souligne ajoute explique indique lance martèle rappelle "
    "écrit tweete dit réagit confie commente précise prévient avertit annonce insiste "
    "répond réplique poursuit conclut ironise dénonce regrette reconnaît admet avoue "
    "raconte témoigne juge observe note relève plaide promet menace lâche glisse "
    "déplore fustige salue résume tranche concède détaille rétorque "
    "confiait déclarait expliquait affirmait ajoutait disait écrivait estimait "
    "déclara affirma assura ajouta expliqua lança écrivit répondit"
)

_EN_VERBS = (
    "said says say told tells wrote writes added adds explained explains "
    "stated states noted notes argued argues insisted insists claimed claims warned warns "
    "declared declares announced announces asked asks replied replies responded responds "
    "continued continues concluded concludes tweeted tweets posted recalled recalls "
    "admitted admits acknowledged acknowledges commented comments remarked remarks "
    "observed observes suggested suggests urged urges vowed vows promised promises "
    "stressed stresses emphasised emphasized emphasises emphasizes reasoned reasons "
    "predicted predicts described describes"
)

_FR_NOT_NAMES = (
    "le la les l un une des du de d ce cet cette ces mais et ou en au aux dans pour par sur "
    "selon cependant toutefois depuis après avant lors alors ainsi enfin puis il elle ils "
    "elles on nous vous je c cela son sa ses leur leurs lui à où quand comme si "
    "lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai "
    "juin juillet août septembre octobre novembre décembre malgré parmi vers chez entre "
    "inversement voila voilà bien dont qui que quoi pendant environ deux trois quatre "
    "cinq six sept huit neuf dix cent mille"
)
_EN_NOT_NAMES = (
    "the a an this that these those it he she they we i you but and or in on at his her "
    "their its there however meanwhile after before when while as if yet so then also "
    "since our my by for from with to of despite according just six five four three two "
    "one yesterday today monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november "
    "december during in"
)

RULES: dict[str, QuoteRules] = {
    "fr": QuoteRules(
        speech_verbs=frozenset(_FR_VERBS.split()),
        verb_fillers=frozenset(
            "a ont avait avaient aurait auraient a-t-il a-t-elle ainsi aussi également encore "
            "alors ensuite immédiatement pour sa son part quant à lui elle déjà enfin "
            "notamment toutefois cependant pourtant simplement lui-même elle-même".split()
        ),
        source_markers=("selon", "d'après", "d’après"),
        opinion_markers=("pour",),
        pronouns={"il": "m", "elle": "f", "lui": "m", "ils": "p", "elles": "p", "on": "p"},
        title_cues=frozenset(
            "livre roman film série émission titre intitulé intitulée intitulés intitulées "
            "chanson album ouvrage essai pièce opéra tableau loi journal magazine "
            "spectacle documentaire feuilleton baptisé baptisée nommé nommée surnommé "
            "surnommée appelé appelée dénommé dénommée".split()
        ),
        function_words=frozenset("le la les l de du des d un une et à au aux en sur".split()),
        determiners=frozenset("le la les l un une des ce cet cette son sa ses leur du au aux".split()),
        prepositions=frozenset(
            "à au aux de du des d par avec pour contre chez sans sur sous vers entre "
            "envers auprès dans en selon".split()
        ),
        breakers=frozenset(
            "qui que qu dont où tandis alors avant après lors et mais ou car a ont est sont "
            "était avait s se sera fut lorsque quand puis".split()
        ),
        role_heads=frozenset(
            "président présidente ministre chancelier chancelière porte-parole dirigeant "
            "dirigeante chef cheffe secrétaire directeur directrice patron patronne maire "
            "député députée sénateur sénatrice juge procureur procureure ambassadeur "
            "ambassadrice roi reine pape général générale gouverneur gouverneure commissaire "
            "conseiller conseillère avocat avocate entraîneur entraîneuse sélectionneur "
            "capitaine pilote journaliste journaliste-économiste astrophysicien "
            "astrophysicienne chercheur chercheuse scientifique professeur professeure auteur "
            "autrice leader candidat candidate élu élue vice-président vice-présidente "
            "responsable fondateur fondatrice économiste soldat militant militante "
            "syndicaliste opposant opposante homologue réalisateur réalisatrice acteur "
            "actrice écrivain écrivaine chanteur chanteuse photographe médecin policier "
            "policière témoin victime habitant habitante porte-voix autorité".split()
        ),
        generic_roles=frozenset("dirigeant dirigeante chef cheffe leader responsable autorité".split()),
        feminine_words=frozenset(
            "présidente chancelière dirigeante cheffe directrice patronne députée sénatrice "
            "procureure ambassadrice reine générale gouverneure conseillère avocate "
            "entraîneuse astrophysicienne chercheuse professeure autrice candidate élue "
            "vice-présidente fondatrice militante opposante réalisatrice actrice écrivaine "
            "chanteuse policière habitante la une".split()
        ),
        masculine_words=frozenset(
            "président chancelier dirigeant directeur patron député sénateur procureur "
            "ambassadeur roi gouverneur conseiller avocat entraîneur astrophysicien "
            "chercheur professeur candidat élu vice-président fondateur militant opposant "
            "réalisateur acteur chanteur policier habitant le un retraité".split()
        ),
        institution_words=frozenset(
            "gouvernement kremlin élysée maison-blanche commission conseil cour tribunal "
            "ministère parti société entreprise union club association agence armée "
            "police service observatoire université institut fédération comité "
            "automobile".split()
        ),
        institution_genders={
            **dict.fromkeys(
                "commission cour société entreprise union association agence armée police "
                "université fédération maison-blanche".split(),
                "f",
            ),
            **dict.fromkeys(
                "gouvernement kremlin élysée conseil tribunal ministère parti club service "
                "observatoire institut comité".split(),
                "m",
            ),
        },
        nationalities={
            "France": "français",
            "Allemagne": "allemand",
            "Russie": "russe",
            "Ukraine": "ukrainien",
            "États-Unis": "américain",
            "Royaume-Uni": "britannique",
            "Italie": "italien",
            "Espagne": "espagnol",
            "Belgique": "belge",
            "Chine": "chinois",
            "Japon": "japonais",
            "Canada": "canadien",
            "Corée du Sud": "sud-coréen",
            "Pologne": "polonais",
            "Suisse": "suisse",
            "Luxembourg": "luxembourgeois",
            "Pays-Bas": "néerlandais",
            "Portugal": "portugais",
            "Grèce": "grec",
            "Turquie": "turc",
            "Israël": "israélien",
            "Iran": "iranien",
            "Inde": "indien",
            "Brésil": "brésilien",
            "Mexique": "mexicain",
            "Québec": "québécois",
        },
        first_person=frozenset("je j me m moi nous notre nos on mon ma mes".split()),
        indefinites=frozenset("un une".split()),
        spokes_words=frozenset("porte-parole représentant représentante porte-voix".split()),
        not_names=frozenset(_FR_NOT_NAMES.split()),
        phrase_stops=frozenset(
            "tandis qui que qu alors avant après lors lorsque quand mais car puis dont où "
            "suite en sur lui-même elle-même".split()
        ),
    ),
    "en": QuoteRules(
        speech_verbs=frozenset(_EN_VERBS.split()),
        verb_fillers=frozenset(
            "has have had also then later again further previously recently once still has".split()
        ),
        source_markers=("according to",),
        opinion_markers=("for",),
        pronouns={"he": "m", "she": "f", "they": "p", "we": "p"},
        title_cues=frozenset(
            "book novel film movie series show titled entitled called named dubbed song "
            "album play opera painting act law bill newspaper magazine documentary "
            "episode memoir stamp words".split()
        ),
        function_words=frozenset("the a an of and in on at to for with from by or".split()),
        determiners=frozenset("the a an this that his her its their".split()),
        prepositions=frozenset(
            "to by from with of for against at in on into about than as toward towards "
            "over under between".split()
        ),
        breakers=frozenset(
            "who which that and but or while whereas because after before when as is was "
            "are were has have had will would".split()
        ),
        role_heads=frozenset(
            "president minister chancellor spokesperson spokesman spokeswoman leader chief "
            "secretary director head mayor senator representative judge prosecutor "
            "ambassador king queen pope general governor commissioner adviser advisor "
            "lawyer attorney coach manager captain driver journalist scientist researcher "
            "professor author coauthor co-author candidate official founder economist "
            "soldier activist undersecretary chairman chairwoman chair ceo analyst mp "
            "referee defender goalkeeper striker player actor actress director "
            "spokesperson witness resident member councillor councilor administrator "
            "editor curator instructor campaigner barrister superintendent inspector officer "
            "detective sergeant premier executive".split()
        ),
        generic_roles=frozenset("leader official head chief".split()),
        feminine_words=frozenset("spokeswoman chairwoman queen actress businesswoman".split()),
        masculine_words=frozenset("spokesman chairman king actor businessman".split()),
        institution_words=frozenset(
            "government kremlin commission council court ministry party company union "
            "club association agency army police department city municipality university "
            "institute foundation service office board committee conference".split()
        ),
        nationalities={
            "France": "French",
            "Germany": "German",
            "Russia": "Russian",
            "Ukraine": "Ukrainian",
            "United States": "American",
            "US": "American",
            "U.S.": "American",
            "United Kingdom": "British",
            "UK": "British",
            "Britain": "British",
            "Italy": "Italian",
            "Spain": "Spanish",
            "Belgium": "Belgian",
            "China": "Chinese",
            "Japan": "Japanese",
            "Canada": "Canadian",
            "Sweden": "Swedish",
            "England": "English",
            "Tunisia": "Tunisian",
            "Panama": "Panamanian",
            "Korea": "Korean",
            "South Korea": "South Korean",
            "Poland": "Polish",
            "Mexico": "Mexican",
        },
        first_person=frozenset("i me my mine we us our ours i'm i've we're we've".split()),
        indefinites=frozenset("a an".split()),
        spokes_words=frozenset("spokesman spokeswoman spokesperson representative".split()),
        not_names=frozenset(_EN_NOT_NAMES.split()),
        phrase_stops=frozenset("while who which when after before but because as and that".split()),
        modifiers_before_role=True,
    ),
}

_EMPTY = QuoteRules()


def quote_rules(lang: str) -> QuoteRules:
    """Quote rules for ``lang`` (``"fr-CA"`` -> ``"fr"``); empty rules if unknown."""
    return RULES.get(_base(lang), _EMPTY)


def title_abbreviations(lang: str) -> frozenset[str]:
    """Abbreviations never ending a sentence: those of ``lang`` plus English/French ones
    (articles quote foreign names and titles)."""
    base = _base(lang)
    return (
        _TITLE_ABBREVIATIONS.get(base, frozenset()) | _TITLE_ABBREVIATIONS["en"] | _TITLE_ABBREVIATIONS["fr"]
    )


def number_abbreviations() -> frozenset[str]:
    """Abbreviations that do not end a sentence when a number follows."""
    return _NUMBER_ABBREVIATIONS


def sentence_starters(lang: str) -> frozenset[str]:
    """Frequent sentence-opening words of ``lang`` (English if unknown)."""
    return _SENTENCE_STARTERS.get(_base(lang), _SENTENCE_STARTERS["en"])


def _base(lang: str) -> str:
    return (lang or "und").split("-")[0].split("_")[0].lower()
