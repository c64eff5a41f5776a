"""The shape of a language's knowledge, and how verb forms come from lemmas.

A language module (``fr.py``, ``en.py``, ...) fills a :class:`QuoteRules`
with plain data. Speech verbs are listed once, by lemma ("déclarer", "say");
the forms an attribution uses ("a déclaré", "déclare-t-il", "said", "says")
are generated here (:func:`french_forms`, :func:`english_forms`), with the
irregular ones written out in the language module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class QuoteRules:
    """Word lists for finding and attributing direct quotes in one language.

    All words are lower case; look-ups lower-case the text first.
    """

    #: speech verbs in every form an attribution uses ("déclaré", "said"),
    #: generated from the language's lemmas (see :func:`forms`)
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
    #: prepositions that make a name a complement of a noun ("la lettre de X",
    #: "the words of X"): a clause holding one reports someone else's words
    genitives: frozenset[str] = frozenset()
    #: adverbial phrases between a speech verb and its subject ("pour sa
    #: part", "de son côté", "for her part"), lower case, straight apostrophes
    adverbials: tuple[str, ...] = ()
    #: nouns for people the article may leave unnamed ("témoin", "witness"),
    #: beside the role heads: "a déclaré un témoin" is spoken by "témoin"
    person_nouns: frozenset[str] = frozenset()
    #: stressed pronouns that may follow an auxiliary ("le PNF a lui indiqué")
    stressed_pronouns: frozenset[str] = frozenset()
    #: relative pronouns that can be the subject of a speech verb ("qui", "who")
    relatives: frozenset[str] = frozenset()
    #: coordinating conjunctions ("et", "and")
    conjunctions: frozenset[str] = frozenset()
    #: common nouns that classify an organisation's name ("l'entreprise RTE")
    classifiers: frozenset[str] = frozenset()
    #: words that open a reported clause ("que", "that")
    complementisers: frozenset[str] = frozenset()
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
    #: documents that speak for their author ("statement", "communiqué")
    document_words: frozenset[str] = frozenset()
    #: endings of present participles (", ajoutant que", ", adding that")
    participle_endings: tuple[str, ...] = ()
    #: words before a gerund ("en disant", "by saying")
    gerund_markers: frozenset[str] = frozenset()
    #: Indefinite determiners: a noun phrase they open brings in someone new.
    indefinites: frozenset[str] = frozenset()
    #: Definite determiners: a noun phrase they open is someone known.
    definites: frozenset[str] = frozenset()
    #: Nouns for someone speaking for an organisation ("porte-parole", "spokesman").
    spokes_words: frozenset[str] = frozenset()




def french_forms(lemma: str) -> set[str]:
    """The third-person forms of a regular French verb an attribution uses:
    présent, passé composé participle (m/f, sg/pl), imparfait, passé simple,
    futur, conditionnel, participe présent. "-er" and "-ir" (finir) verbs;
    stem changes ("rappelle", "répète", "commençait") are included."""
    out = {lemma}
    if lemma.endswith("er"):
        stem = lemma[:-2]
        soft = stem + ("e" if stem.endswith("g") else "")  # partageait
        soft = soft[:-1] + "ç" if soft.endswith("c") else soft  # commençait
        presents = {stem}
        if stem.endswith(("el", "et")):
            presents.add(stem + stem[-1])  # rappelle, jette
        for k in range(len(stem) - 1, 0, -1):  # répète, lève
            if stem[k] in "ée" and all(ch not in "aeiouyéèêë" for ch in stem[k + 1 :]):
                presents.add(stem[:k] + "è" + stem[k + 1 :])
                break
        for p in presents:
            out |= {p + "e", p + "ent", p + "era", p + "erait"}
        out |= {stem + e for e in ("é", "ée", "és", "ées", "èrent")}
        out |= {soft + e for e in ("ait", "aient", "a", "ant")}
        out |= {lemma + "a", lemma + "ait"}
    elif lemma.endswith("ir"):
        stem = lemma[:-2]
        out |= {stem + e for e in ("it", "issent", "i", "ie", "is", "ies", "issait", "issaient", "issant")}
        out |= {lemma + "a", lemma + "ait"}
    return out


def english_forms(lemma: str) -> set[str]:
    """-s, -ed and -ing forms of a regular English verb ("state" -> "states",
    "stated", "stating"; "reply" -> "replies", "replied"; "admit" ->
    "admitted")."""
    out = {lemma}
    vowels = "aeiou"
    if lemma.endswith("y") and lemma[-2:-1] not in vowels:
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
        return out
    out.add(lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) else "s"))
    if lemma.endswith("e"):
        out |= {lemma + "d", lemma[:-1] + "ing"}
        return out
    short = (
        len(lemma) >= 3
        and lemma[-1] not in vowels + "wxy"
        and lemma[-2] in vowels
        and lemma[-3] not in vowels
    )
    out |= {lemma + "ed", lemma + "ing"}
    if short:
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # admitted, regretted
    return out


def forms(lemmas: str, conjugate: Callable[[str], set[str]], irregular: dict[str, str]) -> frozenset[str]:
    """Every form of the space-separated ``lemmas``: regular ones from
    ``conjugate``, irregular ones from ``irregular`` (lemma -> its forms)."""
    out: set[str] = set()
    for lemma in lemmas.split():
        out |= {lemma, *irregular[lemma].split()} if lemma in irregular else conjugate(lemma)
    return frozenset(out)
