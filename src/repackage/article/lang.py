"""Language identification without a model: scripts first, then stopwords.

``detect_language`` answers with an ISO 639-1 code or ``"und"`` when the text
is too short or too ambiguous to tell. Two steps:

1. **Script.** Letters are counted per writing system. When most letters are
   Arabic, Hebrew, Cyrillic, Greek, Georgian, Armenian, Thai, Hangul, kana or
   Han, the script (plus a few tell-tale letters, e.g. Ukrainian ``і ї є ґ``)
   decides.
2. **Latin-script languages** (fr, en, de, es, it, pt, nl) are scored by their
   most frequent function words. A word shared by several languages ("de",
   "la", "in") counts for each of them, split evenly, so distinctive words
   decide. A few letters (``ñ``, ``ß``, ``ã``) add a small bonus.

Deliberately small and predictable: a news article has hundreds of function
words, so this is reliable for whole articles and honest ("und") for scraps.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

UNDETERMINED = "und"

#: Characters scanned at most; a language shows in its first pages.
_MAX_CHARS = 20_000
#: Fewer letters than this in the dominant script: too short to say.
_MIN_SCRIPT_LETTERS = 3
#: Fewer words than this in Latin script: too short to say.
_MIN_WORDS = 3

_STOPWORDS: dict[str, frozenset[str]] = {
    "fr": frozenset(
        """le la les l de des du d un une et en à au aux que qu qui ne n pas est sont a ont il
        elle ils elles nous vous on ce cette ces c son sa ses leur leurs dans sur pour par avec
        plus mais ou où se s été être avoir comme tout tous aussi lui y selon entre après avant
        depuis très sans sous chez dont même si donc car ainsi alors encore déjà fait cet j m
        était ont aussi être contre""".split()
    ),
    "en": frozenset(
        """the of and to in a is that for on with as was by at it from be are this have has
        had not but or an were which they he she his her their been will would who said its
        also after than more about over into when we you our could can there what them these
        those did does do if some such no""".split()
    ),
    "de": frozenset(
        """der die das und in zu den von mit ist des sich dem nicht ein eine als auch es an er
        sie im für auf dass wie bei nach aus wird werden hat haben sind war wurde noch nur oder
        aber vor zur zum einen einer eines über so um durch man ich wir ihr sein seine ihre
        kein keine sagte""".split()
    ),
    "es": frozenset(
        """el la los las de del y en que a un una por con para es se no al lo su sus como más
        pero fue ha han sido este esta entre sobre también ya muy sin hasta desde donde cuando
        porque dijo según le les e o ni hay está están""".split()
    ),
    "it": frozenset(
        """il lo la i gli le di del della dei delle e è in che a un una per con non si da al
        alla sono ha hanno come più ma anche ne nel nella questo questa stato essere tra fra
        dopo ci su sul sulla degli dal dalla dello cui l d un sua suo""".split()
    ),
    "pt": frozenset(
        """o a os as de do da dos das e em no na nos nas que um uma para por com não se é ao à
        mais como mas foi ser são tem pelo pela seu sua também já entre sobre quando muito até
        isso ele ela disse após está""".split()
    ),
    "nl": frozenset(
        """de het een en van in is op te dat die voor met zijn niet aan er om ook als bij door
        maar werd worden was naar over uit dan nog wel geen deze dit hij zij ze wordt heeft
        hebben tot al kan onder na zo""".split()
    ),
}

#: Latin-script languages scored by stopwords.
WESTERN_LANGUAGES = frozenset(_STOPWORDS)

#: Every ISO 639-1 code: a --lang outside this list is a typo, not a language.
ISO_639_1 = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da
    de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz
    ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln
    lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi
    pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti
    tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu""".split()
)

#: Letters that point to one Latin-script language (bonus per occurrence).
_LETTER_HINTS: dict[str, str] = {
    "ñ": "es", "¿": "es", "¡": "es",
    "ã": "pt", "õ": "pt",
    "ß": "de", "ä": "de", "ö": "de", "ü": "de",
    "œ": "fr", "ê": "fr", "è": "fr", "ç": "fr",
    "ì": "it", "ò": "it",
}
_LETTER_HINT_WEIGHT = 0.3
_LETTER_HINT_CAP = 3.0

_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def _word_weights() -> dict[str, dict[str, float]]:
    """word -> {lang: weight}; a word shared by k languages weighs 1/k each."""
    owners: dict[str, list[str]] = {}
    for lang, words in _STOPWORDS.items():
        for word in words:
            owners.setdefault(word, []).append(lang)
    return {w: {lang: 1 / len(langs) for lang in langs} for w, langs in owners.items()}


_WEIGHTS = _word_weights()


def _script_of(ch: str) -> str | None:
    """Writing system of one letter, or None for characters we don't classify."""
    cp = ord(ch)
    if cp < 0x0250 or 0x1E00 <= cp <= 0x1EFF:
        return "latin"
    ranges = (
        (0x0370, 0x03FF, "greek"), (0x1F00, 0x1FFF, "greek"),
        (0x0400, 0x052F, "cyrillic"),
        (0x0530, 0x058F, "armenian"),
        (0x0590, 0x05FF, "hebrew"),
        (0x0600, 0x06FF, "arabic"), (0x0750, 0x077F, "arabic"),
        (0xFB50, 0xFDFF, "arabic"), (0xFE70, 0xFEFF, "arabic"),
        (0x0E00, 0x0E7F, "thai"),
        (0x10A0, 0x10FF, "georgian"),
        (0x1100, 0x11FF, "hangul"), (0x3130, 0x318F, "hangul"), (0xAC00, 0xD7AF, "hangul"),
        (0x3040, 0x30FF, "kana"),
        (0x3400, 0x4DBF, "han"), (0x4E00, 0x9FFF, "han"), (0xF900, 0xFAFF, "han"),
    )
    for lo, hi, name in ranges:
        if lo <= cp <= hi:
            return name
    return None


def _script_counts(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            script = _script_of(ch)
            if script:
                counts[script] += 1
    return counts


def _arabic_script_language(text: str) -> str:
    """Arabic, Persian or Urdu, from letters only one of them uses."""
    urdu = sum(text.count(c) for c in "ٹڈڑںے")
    persian = sum(text.count(c) for c in "پچژگیک")
    arabic = sum(text.count(c) for c in "يكة")
    if urdu >= 2:
        return "ur"
    if persian > 2 * arabic and persian >= 2:
        return "fa"
    return "ar"


def _cyrillic_language(text: str) -> str:
    lower = text.lower()
    ukrainian = sum(lower.count(c) for c in "іїєґ")
    russian = sum(lower.count(c) for c in "ыэё")
    serbian = sum(lower.count(c) for c in "ђћџљњј")
    if serbian >= 2 and russian == 0:
        return "sr"
    if ukrainian > russian:
        return "uk"
    if russian == 0 and lower.count("ъ") >= 3:
        return "bg"
    return "ru"


def _cjk_language(counts: Counter[str]) -> str:
    if counts["hangul"] >= counts["han"] + counts["kana"]:
        return "ko"
    if counts["kana"] >= 2 or counts["kana"] > 0.05 * (counts["han"] + counts["kana"]):
        return "ja"
    return "zh"


def _non_latin_language(text: str, counts: Counter[str], script: str) -> str:
    if script == "arabic":
        return _arabic_script_language(text)
    if script == "cyrillic":
        return _cyrillic_language(text)
    if script in ("hangul", "kana", "han"):
        return _cjk_language(counts)
    return {"greek": "el", "hebrew": "he", "armenian": "hy", "georgian": "ka", "thai": "th"}[script]


def _stopword_scores(words: list[str]) -> dict[str, float]:
    scores: dict[str, float] = dict.fromkeys(_STOPWORDS, 0.0)
    for word in words:
        for lang, weight in _WEIGHTS.get(word, {}).items():
            scores[lang] += weight
    return scores


def _letter_bonus(text: str) -> Counter[str]:
    """Small per-language bonus from tell-tale letters, capped."""
    bonus: Counter[str] = Counter()
    for ch in text.lower():
        lang = _LETTER_HINTS.get(ch)
        if lang:
            bonus[lang] += _LETTER_HINT_WEIGHT
    return Counter({lang: min(v, _LETTER_HINT_CAP) for lang, v in bonus.items()})


def _latin_language(text: str) -> str:
    words = _WORD_RE.findall(text.lower())
    if len(words) < _MIN_WORDS:
        return UNDETERMINED
    evidence = _stopword_scores(words)
    # Function words must be there on their own: letters only break ties.
    if max(evidence.values()) < 1.5 or max(evidence.values()) / len(words) < 0.08:
        return UNDETERMINED
    bonus = _letter_bonus(text)
    scores = {lang: value + bonus[lang] for lang, value in evidence.items()}
    (best, s1), (_, s2) = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)[:2]
    return best if s1 >= 1.3 * s2 else UNDETERMINED


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text`` ("fr", "en", "ar", ...) or ``"und"`` when unsure."""
    sample = unicodedata.normalize("NFC", text[:_MAX_CHARS])
    counts = _script_counts(sample)
    total = sum(counts.values())
    if total < _MIN_SCRIPT_LETTERS:
        return UNDETERMINED
    script, n = counts.most_common(1)[0]
    if script == "kana" or script == "han":
        script = "han" if counts["han"] >= counts["kana"] else "kana"
        n = counts["han"] + counts["kana"]
    if n < 0.5 * total:
        return UNDETERMINED
    if script != "latin":
        return _non_latin_language(sample, counts, script)
    return _latin_language(sample)


def normalise_tag(tag: str | None) -> str | None:
    """"fr-CA", "fr_FR", "FR" -> "fr"; None or empty -> None."""
    if not tag:
        return None
    primary = re.split(r"[-_]", tag.strip())[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None
