"""Copy to paste into each platform, and alt text for every image, in the article's language.

Wording comes from per-language templates (French and English); any other
language gets the English wording around the article's own words. Names,
quotes and captions are inserted verbatim; the assembled copy is then typeset
for the language (``typography.typeset``), which only changes spaces and
punctuation and leaves hashtags alone.

* TikTok (≤ 2,200 characters): the hook, the call to action (the article's
  own, else a neutral default such as "Plus d’infos en bio"), then 3–5
  hashtags.
* Instagram (≤ 2,200 characters): the hook, 2–3 caption lines, the credits
  line ("Photo : Kenzo Tribouillard / AFP · Source : Le Devoir"), hashtags.
* X (≤ 280 characters as X counts them, see ``x_length``): the hook, the
  first caption when it fits, and 1–3 hashtags.

Alt text (≤ 1,000 characters, for screen readers): ``quote:N`` for each card
quote (``N`` indexes ``Story.card_quotes``, the attributed quotes, in order):
"Citation d’Emmanuel Macron, président français : « … »" with the elision
d’/de chosen by the name's first letter (elided before a vowel only, never
before h, which may be aspirated); ``headline`` for the headline card;
``caption:N`` for caption slide ``N`` (``Story.captions`` index). Quotes too
long for the limit are cut at a word boundary with "…" in the alt text only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from repackage.editorial.typography import typeset
from repackage.models import AltText, Article, Caption, PostCopy, Quote

TIKTOK_MAX = 2200
INSTAGRAM_MAX = 2200
X_MAX = 280
ALT_MAX = 1000
#: X counts every URL as this many characters, whatever its length.
X_URL_LENGTH = 23

_URL_RE = re.compile(r"https?://\S+|www\.\S+")
_VOWELS = frozenset("aeiouàâäéèêëîïôöùûüœæAEIOUÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ")


@dataclass(frozen=True)
class Wording:
    """The fixed words of the copy in one language."""

    default_cta: str
    photo: str  # "Photo : {credit}"
    source: str  # "Source : {source}"
    quote_alt: str  # "Citation {of_speaker}{role} : {quote}"
    of_speaker: str  # "de {name}" (French elides it: "d’Emmanuel")
    quote_marks: tuple[str, str]
    headline_alt: str  # "Titre : {headline}"
    caption_alt: str  # "Diapositive {n} sur {total} : {text}"


WORDINGS: dict[str, Wording] = {
    "fr": Wording(
        default_cta="Plus d’infos en bio",
        photo="Photo : {credit}",
        source="Source : {source}",
        quote_alt="Citation {of_speaker}{role} : {quote}",
        of_speaker="de {name}",
        quote_marks=("« ", " »"),
        headline_alt="Titre : {headline}",
        caption_alt="Diapositive {n} sur {total} : {text}",
    ),
    "en": Wording(
        default_cta="More at the link in bio",
        photo="Photo: {credit}",
        source="Source: {source}",
        quote_alt="Quote from {of_speaker}{role}: {quote}",
        of_speaker="{name}",
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
    words = wording(lang)
    cta = (article.cta or words.default_cta).strip()
    return PostCopy(
        tiktok=_tiktok(hook.text, cta, hashtags, lang),
        instagram=_instagram(hook.text, captions, credits_line(article), hashtags, lang),
        x=_x_post(hook.text, captions, hashtags, lang),
        hashtags=hashtags,
        alt_texts=alt_texts(article, captions, card_quotes),
    )


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
    words = wording(article.lang)
    out = [AltText(f"quote:{i}", quote_alt(q, article.lang)) for i, q in enumerate(card_quotes)]
    headline = words.headline_alt.format(headline=article.headline)
    if article.credits.source:
        headline += f" — {article.credits.source}"
    out.append(AltText("headline", _fit(_space(headline, article.lang), ALT_MAX)))
    for i, caption in enumerate(captions):
        text = words.caption_alt.format(n=i + 1, total=len(captions), text=caption.text)
        out.append(AltText(f"caption:{i}", _fit(_space(text, article.lang), ALT_MAX)))
    return tuple(out)


def quote_alt(quote: Quote, lang: str) -> str:
    """"Citation d’Emmanuel Macron, président français : « Rien ne doit être exclu. … »"."""
    words = wording(lang)
    name = quote.speaker or ""
    of_speaker = words.of_speaker.format(name=name)
    if _base(lang) == "fr" and name[:1] in _VOWELS:
        of_speaker = f"d’{name}"
    role = f", {quote.role}" if quote.role else ""
    frame = _space(words.quote_alt.format(of_speaker=of_speaker, role=role, quote="{quote}"), lang)
    opening, closing = (_space(m, lang) for m in words.quote_marks)
    room = ALT_MAX - len(frame) + len("{quote}") - len(opening) - len(closing)
    return frame.replace("{quote}", opening + _cut_words(quote.text, room) + closing)


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


def _space(text: str, lang: str) -> str:
    """French spacing in template text (« », colons); other languages unchanged."""
    if _base(lang) != "fr":
        return text
    return text.replace("« ", "«\u00a0").replace(" »", "\u00a0»").replace(" :", "\u00a0:")


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
