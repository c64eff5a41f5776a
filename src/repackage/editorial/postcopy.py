"""Copy to paste into each platform, and alt text for every image, in the article's language.

Wording comes from per-language templates (French and English); any other
language gets the English wording around the article's own words. Names,
quotes and captions are inserted verbatim; everything that gets posted (the
copy for each platform and every alt text) is then typeset for the language
(``typography.typeset``), which only changes spaces and punctuation and
leaves hashtags alone.

* TikTok (≤ 2,200 characters): the hook, a call to action, then 3–5
  hashtags. The call to action is the article's own unless it names a
  platform ("Retrouvez l’actualité sur notre compte TikTok", "Follow us on
  Instagram"), which reads wrong inside a post: then the neutral default of
  the language ("Plus d’infos en bio"). The article's own stays for the clip
  outro.
* Instagram (≤ 2,200 characters): the hook, 2–3 caption lines, the credits
  line ("Photo : Kenzo Tribouillard / AFP · Source : Le Devoir"), hashtags.
* X (≤ 280 characters as X counts them, see ``x_length``): the hook, the
  first caption when it fits, and 1–3 hashtags.

Alt text (≤ 1,000 characters, for screen readers): ``quote:N`` for each card
quote (``N`` indexes ``Story.card_quotes``, the attributed quotes, in order):
"Citation d’Emmanuel Macron, président français : « … »" with the elision
d’/de chosen by the name's first letter (elided before a vowel only, never
before h, which may be aspirated). A speaker that is an organisation, not a
person, is named as the article names it, with its determiner ("Citation de
l’Automobile club de Monaco", "Citation de la société Dark Star", "Quote from
the U.S. Department of Agriculture"), or when the article gives it none,
after a dash ("Citation — Service de presse du festival : « … »"). The quote's
words are shown as on the cards (``typography.display_quote``). ``headline``
for the headline card;
``caption:N`` for caption slide ``N`` (``Story.captions`` index). Quotes too
long for the limit are cut at a word boundary with "…" in the alt text only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from repackage.editorial.entities import looks_like_person
from repackage.editorial.typography import display_quote, typeset
from repackage.models import AltText, Article, Caption, PostCopy, Quote

TIKTOK_MAX = 2200
INSTAGRAM_MAX = 2200
X_MAX = 280
ALT_MAX = 1000
#: X counts every URL as this many characters, whatever its length.
X_URL_LENGTH = 23

_URL_RE = re.compile(r"https?://\S+|www\.\S+")
#: Platforms a call to action may name; such a CTA stays out of post copy.
_PLATFORM_RE = re.compile(
    r"(?i:\b(?:tik\s?tok|instagram|insta|facebook|youtube|snapchat|threads|linkedin|bluesky|twitter|whatsapp"
    r"|telegram|twitch|pinterest|mastodon)\b)|(?<![\w.])X(?![\w.])"
)
_VOWELS = frozenset("aeiouàâäéèêëîïôöùûüœæAEIOUÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ")


@dataclass(frozen=True)
class Wording:
    """The fixed words of the copy in one language."""

    default_cta: str
    photo: str  # "Photo : {credit}"
    source: str  # "Source : {source}"
    quote_alt: str  # "Citation {of_speaker}{role} : {quote}"
    quote_alt_bare: str  # "Citation — {name}{role} : {quote}" (an organisation without determiner)
    of_speaker: str  # "de {name}" (French elides it: "d’Emmanuel")
    of_determiner: dict[str, str]  # the article's determiner -> "of" + it ("le" -> "du ")
    quote_marks: tuple[str, str]
    headline_alt: str  # "Titre : {headline}"
    caption_alt: str  # "Diapositive {n} sur {total} : {text}"


WORDINGS: dict[str, Wording] = {
    "fr": Wording(
        default_cta="Plus d’infos en bio",
        photo="Photo : {credit}",
        source="Source : {source}",
        quote_alt="Citation {of_speaker}{role} : {quote}",
        quote_alt_bare="Citation — {name}{role} : {quote}",
        of_speaker="de {name}",
        of_determiner={"le": "du ", "la": "de la ", "les": "des ", "l’": "de l’", "l'": "de l’"},
        quote_marks=("« ", " »"),
        headline_alt="Titre : {headline}",
        caption_alt="Diapositive {n} sur {total} : {text}",
    ),
    "en": Wording(
        default_cta="More at the link in bio",
        photo="Photo: {credit}",
        source="Source: {source}",
        quote_alt="Quote from {of_speaker}{role}: {quote}",
        quote_alt_bare="Quote — {name}{role}: {quote}",
        of_speaker="{name}",
        of_determiner={"the": "the "},
        quote_marks=("“", "”"),
        headline_alt="Headline: {headline}",
        caption_alt="Slide {n} of {total}: {text}",
    ),
}


def wording(lang: str) -> Wording:
    """The wording for ``lang`` (``fr-CA`` -> ``fr``); English when unknown."""
    return WORDINGS.get(_base(lang), WORDINGS["en"])


def build_post_copy(
    article: Article,
    hook: Caption,
    captions: tuple[Caption, ...],
    card_quotes: tuple[Quote, ...],
    hashtags: tuple[str, ...],
) -> PostCopy:
    """Platform copy and alt texts for one story."""
    lang = article.lang
    return PostCopy(
        tiktok=_tiktok(hook.text, post_cta(article), hashtags, lang),
        instagram=_instagram(hook.text, captions, credits_line(article), hashtags, lang),
        x=_x_post(hook.text, captions, hashtags, lang),
        hashtags=hashtags,
        alt_texts=alt_texts(article, captions, card_quotes),
    )


def post_cta(article: Article) -> str:
    """The call to action for post copy: the article's own unless it names a
    platform ("notre compte TikTok", "Follow us on Instagram"), else the
    neutral default of the article's language."""
    cta = (article.cta or "").strip()
    if not cta or _PLATFORM_RE.search(cta):
        return wording(article.lang).default_cta
    return cta


def credits_line(article: Article) -> str | None:
    """"Photo : Kenzo Tribouillard / AFP · Source : Le Devoir", or None without credits."""
    words = wording(article.lang)
    parts = []
    if photo := article.credits.photo_credit():
        parts.append(words.photo.format(credit=photo))
    if article.credits.source:
        parts.append(words.source.format(source=article.credits.source))
    return " · ".join(parts) or None


def alt_texts(article: Article, captions: tuple[Caption, ...], card_quotes: tuple[Quote, ...]) -> tuple[AltText, ...]:
    """Alt text for each quote card, the headline card and each caption slide."""
    lang = article.lang
    words = wording(lang)
    out = [AltText(f"quote:{i}", quote_alt(q, lang, article.text)) for i, q in enumerate(card_quotes)]
    headline = words.headline_alt.format(headline=article.headline)
    if article.credits.source:
        headline += f" — {article.credits.source}"
    out.append(AltText("headline", _fit(typeset(headline, lang), ALT_MAX)))
    for i, caption in enumerate(captions):
        text = words.caption_alt.format(n=i + 1, total=len(captions), text=caption.text)
        out.append(AltText(f"caption:{i}", _fit(typeset(text, lang), ALT_MAX)))
    return tuple(out)


def quote_alt(quote: Quote, lang: str, article_text: str = "") -> str:
    """"Citation d’Emmanuel Macron, président français : « Rien ne doit être exclu. … »".

    An organisation speaks "de l’Automobile club de Monaco" when
    ``article_text`` names it with a determiner, else after a dash (see the
    module doc)."""
    words = wording(lang)
    name = quote.speaker or ""
    role = f", {quote.role}" if quote.role else ""
    of_org = _of_organisation(name, words, article_text) if name and not looks_like_person(name) else None
    if of_org is not None or not name or looks_like_person(name):
        of_speaker = of_org or words.of_speaker.format(name=name)
        if of_org is None and _base(lang) == "fr" and name[:1] in _VOWELS:
            of_speaker = f"d’{name}"
        frame = words.quote_alt.format(of_speaker=of_speaker, role=role, quote="{quote}")
    else:
        frame = words.quote_alt_bare.format(name=name, role=role, quote="{quote}")
    opening, closing = words.quote_marks
    shown = display_quote(quote.text, lang)
    room = ALT_MAX - len(frame) + len("{quote}") - len(opening) - len(closing)
    return typeset(frame.replace("{quote}", opening + _cut_words(shown, room) + closing), lang)


def _of_organisation(name: str, words: Wording, article_text: str) -> str | None:
    """"de l’Automobile club de Monaco": the organisation as the article names
    it, with its determiner and "of"; None when the article gives it none."""
    determiners = "|".join(re.escape(d) for d in sorted(words.of_determiner, key=len, reverse=True))
    pattern = rf"(?i:(?<!\w)({determiners})(?:(?<=[’'])|\s+)({re.escape(name)}))(?!\w)"
    m = re.search(pattern, article_text)
    if not m:
        return None
    return words.of_determiner[m.group(1).casefold()] + m.group(2)


def x_length(text: str) -> int:
    """Length of ``text`` as X counts it: every URL 23, everything else 1 per code point."""
    return len(_URL_RE.sub("x" * X_URL_LENGTH, text))


# --------------------------------------------------------------------------
# Platforms
# --------------------------------------------------------------------------


def _tiktok(hook: str, cta: str, hashtags: tuple[str, ...], lang: str) -> str:
    text = "\n\n".join(p for p in (hook, cta, " ".join(hashtags[:5])) if p)
    return _fit(typeset(text, lang), TIKTOK_MAX)


def _instagram(
    hook: str, captions: tuple[Caption, ...], credits: str | None, hashtags: tuple[str, ...], lang: str
) -> str:
    lines = [c.text for c in captions[:3]]
    while True:
        blocks = [hook, "\n".join(lines), credits or "", " ".join(hashtags)]
        text = typeset("\n\n".join(b for b in blocks if b), lang)
        if len(text) <= INSTAGRAM_MAX or not lines:
            return _fit(text, INSTAGRAM_MAX)
        lines.pop()


def _x_post(hook: str, captions: tuple[Caption, ...], hashtags: tuple[str, ...], lang: str) -> str:
    """The longest of: hook + first caption + up to 3 tags, ..., hook + 1 tag, hook."""
    bodies = [f"{hook}\n\n{captions[0].text}", hook] if captions else [hook]
    for body in bodies:
        for n in range(min(3, len(hashtags)), 0, -1):
            text = typeset(f"{body}\n\n{' '.join(hashtags[:n])}", lang)
            if x_length(text) <= X_MAX:
                return text
    return _fit(typeset(hook, lang), X_MAX)


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def _cut_words(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit``, else its longest word prefix + "…"."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"


def _fit(text: str, limit: int) -> str:
    """Guard a platform limit: whole words only, marked with "…" when cut."""
    return _cut_words(text, limit)


def _base(lang: str) -> str:
    return (lang or "und").split("-")[0].lower()
