"""English: everything the editorial code knows of the language, as data.

To teach the tool a new speech verb, add its base form to ``SPEECH_LEMMAS``
(an irregular verb also gets its forms in ``IRREGULAR``); a new role noun
goes in ``role_heads``; a title before names in ``lang.TITLES``.
"""

from __future__ import annotations

from .base import QuoteRules, english_forms, forms

#: Verbs that report speech or a stated view, by base form.
SPEECH_LEMMAS = (
    "say tell write add explain state note argue insist claim warn declare announce ask reply "
    "respond continue conclude tweet post recall admit acknowledge comment remark observe suggest "
    "urge vow promise stress emphasise emphasize reason predict describe counter retort answer "
    "confirm deny reveal report testify complain concede assert maintain contend caution boast "
    "joke quip shout scream whisper agree explain elaborate clarify recount "
    "speak read"
)

#: Forms of the irregular verbs above.
IRREGULAR = {
    "say": "says said saying",
    "tell": "tells told telling",
    "write": "writes wrote written writing",
    "speak": "speaks spoke spoken speaking",
    "read": "reads reading",
}

SPEECH_VERBS = forms(SPEECH_LEMMAS, english_forms, IRREGULAR)

_NOT_NAMES = (
    "the a an this that these those it he she they we i you but and or in on at his her "
    "their its there however meanwhile after before when while as if yet so then also "
    "since our my by for from with to of despite according just six five four three two "
    "one yesterday today monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november "
    "december during in"
)


#: Particles inside people's names ("Ludwig van Beethoven").
NAME_PARTICLES = frozenset("van von der den ter de da di del della dos das bin ben ibn al el".split())
#: Lower-case words linking the words of a name of a thing ("University of Sheffield").
NAME_LINKS = frozenset("of the".split())

MONTHS = (
    "January February March April May June July August September October November December"
).split()
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()

#: Abbreviations after which a period never ends a sentence (titles, mostly).
TITLE_ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Mx Dr Prof Jr Sr St Mt Ft Gen Gov Sen Rep Rev Hon Lt Col Capt Cmdr "
    "Sgt Cpl Maj Adm Pres Supt Insp Det Brig vs v cf approx ca Ave Blvd Rd".split()
)

#: Words that very often open a sentence.
SENTENCE_STARTERS = frozenset(
    "The This That These Those It He She They We I You But And In On At A An His Her "
    "Their Its There However Meanwhile After Before When While As If Yet So Then "
    "Also Since Our My".split()
)

RULES = QuoteRules(
        speech_verbs=SPEECH_VERBS,
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
        adverbials=("for his part", "for her part", "for their part", "for its part", "in turn", "in response", "in reply", "in fact", "once again", "as well", "for example", "in addition", "however"),
        person_nouns=frozenset(
            "witness student pupil resident neighbour neighbor passer-by bystander protester demonstrator parent mother father child expert specialist doctor nurse paramedic firefighter officer soldier worker employee farmer shopkeeper customer fan spectator survivor relative friend colleague member observer analyst diplomat teacher researcher user voter traveller traveler passenger".split()
        ),
        stressed_pronouns=frozenset("".split()),
        relatives=frozenset("who".split()),
        conjunctions=frozenset("and or but".split()),
        classifiers=frozenset("newspaper daily weekly magazine broadcaster network channel station website ministry department council prefecture police company firm group association organisation organization charity party union federation agency club institute foundation operator carrier manufacturer".split()),
        complementisers=frozenset("that".split()),
        genitives=frozenset("of".split()),
        prepositions=frozenset(
            "to by from with of for against at in on into about than as toward towards "
            "over under between after before since during despite among behind".split()
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
            "institute foundation service office board committee conference authority administration "
            "bureau corporation embassy".split()
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
        participle_endings=("ing",),
        gerund_markers=frozenset(["by", "while", "when"]),
        document_words=frozenset("statement letter report analysis message post tweet release memo communique".split()),
        indefinites=frozenset("a an some several".split()),
        definites=frozenset(["the"]),
        spokes_words=frozenset("spokesman spokeswoman spokesperson representative".split()),
        not_names=frozenset(_NOT_NAMES.split()),
        phrase_stops=frozenset("while who which when after before but because as and that".split()),
        modifiers_before_role=True,
    )

MONTH_ABBREVIATIONS = (("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
                       ("", "", "", "", "", "", "", "", "sept", "", "", ""))

#: Speech verbs that make a sentence without saying what ("responded on
#: Twitter: “…”"); the others need their object once a quotation is cut.
SPEECH_WITHOUT_OBJECT = forms(
    "respond reply comment testify tweet post continue joke quip shout scream whisper agree speak "
    "complain boast elaborate",
    english_forms,
    IRREGULAR,
)
