"""Story + card templates + photo -> RenderPlan: which cards to draw, with what text.

Pure: no file is read or written here. Each ``CardJob`` names its template,
canvas size, the slot values to print (already typeset for the story's
language: only spaces, apostrophes and quotation marks change, never a word),
the alt text and the file name. One card per *attributed* quote, one headline
card, one caption slide per caption, one cover; whatever a template offers.

``RenderPlan.to_dict()`` is what ``--dry-run`` prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Mapping, Sequence

from ..editorial.typography import display_quote, typeset
from ..models import Quote, Story
from ..templating.model import Brand, Size, Template, format_size

#: "Photo" / "Source" labels of the credit line, per language.
CREDIT_LABELS: dict[str, tuple[str, str]] = {
    "fr": ("Photo : ", "Source : "),
    "en": ("Photo: ", "Source: "),
    "es": ("Foto: ", "Fuente: "),
    "de": ("Foto: ", "Quelle: "),
    "it": ("Foto: ", "Fonte: "),
    "pt": ("Foto: ", "Fonte: "),
    "ar": ("تصوير: ", "المصدر: "),
}
CREDIT_SEPARATOR = " · "

_MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}

_FALLBACK_ALT = {
    "fr": {"quote": "Citation de {speaker} : « {quote} »", "cover": "Couverture : {headline}",
           "headline": "{headline}", "caption": "{caption}"},
    "en": {"quote": "Quote from {speaker}: “{quote}”", "cover": "Cover: {headline}",
           "headline": "{headline}", "caption": "{caption}"},
}


@dataclass(frozen=True)
class CardJob:
    """One card to draw."""

    template: str
    template_version: str
    role: str  # "quote:0" (index in story.card_quotes), "headline", "caption:2", "cover"
    size: Size
    values: Mapping[str, str]  # slot -> text as printed
    lang: str
    uses_photo: bool  # the card shows the user's photo
    alt_text: str
    name: str  # file name without extension, under cards/
    credit: str  # the credit line (also in the file's metadata)
    creator: str  # who made the picture: photographer when a photo is shown, else the outlet
    copyright: str
    photo_credit_from: str = "none"  # where the photo credit printed comes from: flag | article | none


@dataclass(frozen=True)
class SkippedJob:
    template: str
    role: str
    size: str
    reason: str


@dataclass(frozen=True)
class RenderPlan:
    cards: tuple[CardJob, ...]
    skipped: tuple[SkippedJob, ...] = ()
    photo: str | None = None
    photo_credit: str | None = None  # as given by the caller (--photo-credit), before any fallback

    def to_dict(self) -> dict:
        cards = []
        for job in self.cards:
            d = asdict(job)
            d["size"] = format_size(job.size)
            d["values"] = dict(job.values)
            cards.append(d)
        return {"photo": self.photo, "photo_credit": self.photo_credit, "cards": cards,
                "skipped": [asdict(s) for s in self.skipped]}


def plan_cards(story: Story, templates: Sequence[Template], brand: Brand, *,
               sizes: Sequence[Size] | None = None, photo: str | None = None,
               photo_credit: str | None = None) -> RenderPlan:
    """Every card ``templates`` can make for ``story``, at ``sizes`` (each template's default when None).

    ``photo_credit`` credits ``photo`` on the cards that show it; without it
    they carry the article's photo credit (the photo the article's credit line
    describes is the one producers usually pass), and without either no photo
    credit is printed: none is ever made up. ``CardJob.photo_credit_from``
    says which it was.
    """
    jobs: list[CardJob] = []
    skipped: list[SkippedJob] = []
    for template in templates:
        if template.kind != "card":
            continue
        chosen = [s for s in (sizes or [template.default_size]) if s in template.sizes]
        if not chosen:
            wanted = ", ".join(format_size(s) for s in sizes or ())
            offered = ", ".join(format_size(s) for s in template.sizes)
            skipped.append(SkippedJob(template.name, template.role or "", wanted,
                                      f"template offers {offered}, not {wanted}"))
            continue
        with_photo = photo is not None and template.uses_photo()
        base = story_values(story, brand, with_photo=with_photo, photo_credit=photo_credit)
        credit_from = photo_credit_for(story, photo_credit, with_photo=with_photo)[1]
        for role, extra in _items(story, template.role or ""):
            for size in chosen:
                jobs.append(_job(story, brand, template, role, size, {**base, **extra}, with_photo, credit_from))
    return RenderPlan(tuple(jobs), tuple(skipped), photo, photo_credit)


def _items(story: Story, role: str) -> list[tuple[str, dict[str, str]]]:
    """(role, role-specific values) for each card a template of ``role`` makes."""
    lang = story.lang
    if role == "quote":
        return [(f"quote:{i}", quote_values(q, lang)) for i, q in enumerate(story.card_quotes)]
    if role == "caption":
        n = len(story.captions)
        return [(f"caption:{i}", {"caption": typeset(c.text, lang), "caption_index": str(i + 1),
                                  "caption_count": str(n)}) for i, c in enumerate(story.captions)]
    if role in ("headline", "cover"):
        return [(role, {})]
    return []


def quote_values(quote: Quote, lang: str) -> dict[str, str]:
    """The quote exactly as the Story has it (typeset for display, without a
    trailing comma the source left inside the marks), its speaker and role."""
    return {"quote": display_quote(quote.text, lang), "speaker": quote.speaker or "",
            "speaker_role": typeset(quote.role, lang) if quote.role else ""}


def photo_credit_for(story: Story, photo_credit: str | None, *, with_photo: bool) -> tuple[str, str]:
    """(photo credit to print, where it comes from: "flag" | "article" | "none").

    The credit given with the photo wins; else the article's photo credit;
    else nothing. A card that does not show the photo credits no photographer.
    """
    if not with_photo:
        return "", "none"
    given = (photo_credit or "").strip()
    if given:
        return given, "flag"
    from_article = story.article.credits.photo_credit()
    if from_article:
        return from_article, "article"
    return "", "none"


def story_values(story: Story, brand: Brand, *, with_photo: bool, photo_credit: str | None = None) -> dict[str, str]:
    """Slot values shared by every card of a story.

    ``photo_credit``: the credit given with the user's photo (see ``photo_credit_for``).
    """
    art, lang = story.article, story.lang
    photo_credit = photo_credit_for(story, photo_credit, with_photo=with_photo)[0]
    return {
        "headline": typeset(art.headline, lang),
        "dek": typeset(art.dek, lang) if art.dek else "",
        "hook": typeset(story.hook.text, lang) if story.hook.text else "",
        "source": art.credits.source or "",
        "photo_credit": photo_credit,
        "credits": credit_line(photo_credit, art.credits.source, lang),
        "outlet": brand.outlet,
        "handle": brand.handle or "",
        "date": written_date(art.date, lang) or art.date_text or "",
        "cta": typeset(art.cta or brand.cta_for(lang) or "", lang),
        "hashtags": " ".join(story.post_copy.hashtags[:3]),
    }


def credit_line(photo_credit: str | None, source: str | None, lang: str) -> str:
    """'Photo : Kenzo Tribouillard / AFP · Source : Le Devoir' (only the parts known)."""
    photo_label, source_label = CREDIT_LABELS.get(_base(lang), CREDIT_LABELS["en"])
    parts = []
    if photo_credit:
        parts.append(photo_label + photo_credit)
    if source:
        parts.append(source_label + source)
    return typeset(CREDIT_SEPARATOR.join(parts), lang) if parts else ""


def written_date(iso: str | None, lang: str) -> str | None:
    """'2024-02-26' -> '26 février 2024' (fr) / 'February 26, 2024' (en); None if not ISO."""
    if not iso:
        return None
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return None
    if _base(lang) == "fr":
        first = "1er" if day.day == 1 else str(day.day)
        return f"{first} {_MONTHS['fr'][day.month - 1]} {day.year}"
    if _base(lang) == "en":
        return f"{_MONTHS['en'][day.month - 1]} {day.day}, {day.year}"
    return day.isoformat()


def _base(lang: str) -> str:
    return (lang or "").split("-")[0].lower()


def alt_text(story: Story, role: str, values: Mapping[str, str]) -> str:
    """The Story's alt text for ``role``, else a plain one made of the card's own words."""
    for alt in story.post_copy.alt_texts:
        if alt.target == role:
            return alt.text
    kind = role.split(":")[0]
    wording = _FALLBACK_ALT.get(_base(story.lang), _FALLBACK_ALT["en"])[kind]
    return wording.format(**{k: values.get(k, "") for k in ("speaker", "quote", "headline", "caption")})


def _job(story: Story, brand: Brand, template: Template, role: str, size: Size,
         values: dict[str, str], with_photo: bool, credit_from: str) -> CardJob:
    _, _, index = role.partition(":")
    number = f"-{int(index) + 1}" if index else ""
    credits = story.article.credits
    photo_credit = values["photo_credit"]
    creator = photo_credit or brand.outlet
    rights = f"© {brand.outlet}" + (f"; photo © {photo_credit}" if photo_credit else "")
    return CardJob(
        template=template.name,
        template_version=template.version,
        role=role,
        size=size,
        values=values,
        lang=story.lang,
        uses_photo=with_photo,
        alt_text=alt_text(story, role, values),
        name=f"{template.name}{number}-{format_size(size)}",
        credit=values["credits"] or (credits.source or ""),
        creator=creator,
        copyright=rights,
        photo_credit_from=credit_from,
    )
