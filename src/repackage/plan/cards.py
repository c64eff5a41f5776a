"""Story + card templates + photo -> CardPlan: which cards to draw, with what text.

Pure but for the font files read to fit the texts: nothing is drawn or written here. Each ``CardJob`` names its template,
canvas size, the slot values to print (already typeset for the story's
language: only spaces, apostrophes and quotation marks change, never a word),
the alt text and the file name. One card per *attributed* quote, one headline
card, one caption slide per caption, one cover; whatever a template offers.

``CardPlan.to_dict()`` is the ``cards`` part of what ``repackage plan`` prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Mapping, Sequence

import os
import tomllib
from pathlib import Path

from ..editorial.typography import display_quote, typeset
from ..errors import ConfigError, TemplateError
from ..models import Quote, Story
from ..templating import load_brand, load_template, parse_size, template_names
from ..templating.files import display_path
from ..templating.model import Brand, Size, Template, format_size
from ..templating.registry import require_templates_folder
from ..templating.spec import SIZE_RE
from ..templating.typeset import TextLayout
from .fit import NO_SIZE, fit_layers, layouts_dict
from ..lang import months

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
    #: layer key -> its text as fitted in its box (size, lines): what the renderer draws
    layouts: Mapping[str, TextLayout] = field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict:
        d = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "layouts"}
        d["size"] = format_size(self.size)
        d["values"] = dict(self.values)
        d["text"] = layouts_dict(self.layouts)
        return d


@dataclass(frozen=True)
class SkippedJob:
    """A card left out on purpose: ``reason`` is one of ``plan.fit``'s codes
    (``does_not_fit``, ``required_missing``, ``size_not_offered``)."""

    template: str
    role: str
    size: str
    reason: str
    message: str
    name: str = ""  # the file name the card would have had
    layer: str = ""  # the layer concerned, when one is


@dataclass(frozen=True)
class CardPlan:
    """The card jobs of one article, and the cards left out."""

    cards: tuple[CardJob, ...]
    skipped: tuple[SkippedJob, ...] = ()
    photo: str | None = None
    photo_credit: str | None = None  # as given by the caller (--photo-credit), before any fallback
    templates: Mapping[str, Template] = field(default_factory=dict, compare=False, repr=False)  # by name

    def to_dict(self) -> dict:
        return {"photo": self.photo, "photo_credit": self.photo_credit, "cards": [j.to_dict() for j in self.cards],
                "skipped": [asdict(s) for s in self.skipped]}


def plan_cards(story: Story, templates: Sequence[Template], brand: Brand, *,
               sizes: Sequence[Size] | None = None, photo: str | None = None,
               photo_credit: str | None = None) -> CardPlan:
    """Every card ``templates`` can make for ``story``, at ``sizes`` (each template's default when None).

    ``photo_credit`` credits ``photo`` on the cards that show it; without it
    they carry the article's photo credit (the photo the article's credit line
    describes is the one producers usually pass), and without either no photo
    credit is printed: none is ever made up. ``CardJob.photo_credit_from``
    says which it was.

    Each card's texts are fitted in their boxes here (``CardJob.layouts``); a
    card whose text does not fit even at the template's smallest size (a
    quote is never cut) or whose required value is empty is a ``SkippedJob``.
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
            skipped.append(SkippedJob(template.name, template.role or "", wanted, NO_SIZE,
                                      f"template offers {offered}, not {wanted}"))
            continue
        with_photo = photo is not None and template.uses_photo()
        base = story_values(story, brand, with_photo=with_photo, photo_credit=photo_credit)
        credit_from = photo_credit_for(story, photo_credit, with_photo=with_photo)[1]
        for role, extra in _items(story, template.role or ""):
            for size in chosen:
                job = _job(story, brand, template, role, size, {**base, **extra}, with_photo, credit_from)
                variant = template.variant(size)
                where = f"{template.name} {format_size(variant.size)}"
                layouts, skip = fit_layers(variant.layers, variant.size, job.values, job.lang, role=role, where=where)
                if skip is not None:
                    skipped.append(SkippedJob(template.name, role, format_size(size), skip.reason, skip.message,
                                              job.name, skip.layer))
                else:
                    jobs.append(replace(job, layouts=layouts))
    by_name = {t.name: t for t in templates if t.kind == "card"}
    return CardPlan(tuple(jobs), tuple(skipped), photo, photo_credit, by_name)


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
        return f"{first} {months('fr')[day.month - 1]} {day.year}"
    if _base(lang) == "en":
        return f"{months('en')[day.month - 1]} {day.day}, {day.year}"
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


# --------------------------------------------------------------------------- requests


def plan_card_request(story: Story, *, templates: Sequence[str] | None = None,
                      sizes: Sequence[str | Size] | None = None, photo: str | os.PathLike | None = None,
                      photo_credit: str | None = None, templates_dir: str | os.PathLike | None = None,
                      brand: Brand | str | os.PathLike | None = None) -> CardPlan:
    """The cards of a request (template names, sizes, folders as the CLI gives them), with their
    filled slots and fitted texts; nothing drawn. Bad input raises as ``check_card_request``."""
    brand_obj, cards, wanted = _prepare(templates, sizes, templates_dir, brand)
    return plan_cards(story, cards, brand_obj, sizes=wanted, photo=str(photo) if photo else None,
                      photo_credit=photo_credit)


def check_card_request(templates: Sequence[str] | None = None, sizes: Sequence[str | Size] | None = None,
                       templates_dir: str | os.PathLike | None = None,
                       brand: Brand | str | os.PathLike | None = None) -> None:
    """Refuse a card request that cannot be honoured, without drawing anything.

    Raises ``TemplateError`` for a missing templates folder or brand file, an
    unknown template name, a clip template named as a card template, or a
    template with errors (every problem of every selected template, in one
    error), and ``ConfigError`` for a malformed size or a size that none of
    the selected card templates offers. ``plan_card_request`` (and so
    ``render_cards``) makes the same checks first; call this before starting any output to fail early.
    """
    _prepare(templates, sizes, templates_dir, brand)


def _prepare(names: Sequence[str] | None, sizes: Sequence[str | Size] | None,
             templates_dir: str | os.PathLike | None,
             brand: Brand | str | os.PathLike | None) -> tuple[Brand, list[Template], list[Size] | None]:
    """(brand, card templates, sizes) for a request, or the error that makes it bad input."""
    wanted = _sizes(sizes)
    brand_obj = brand if isinstance(brand, Brand) else load_brand(brand)
    base = require_templates_folder(templates_dir)
    cards = _card_templates(names, base, brand_obj)
    if wanted:
        offered = {s for t in cards for s in t.sizes}
        missing = [format_size(s) for s in wanted if s not in offered]
        if missing:
            listed = ", ".join(sorted({format_size(s) for s in offered}, key=lambda x: parse_size(x)))
            which = ", ".join(t.name for t in cards)
            raise ConfigError(f"no selected card template offers {' or '.join(missing)} "
                              f"(templates {which} offer {listed})")
    return brand_obj, cards, wanted


def _sizes(sizes: Sequence[str | Size] | None) -> list[Size] | None:
    if sizes is None:
        return None
    out = []
    for s in sizes:
        if isinstance(s, str):
            if not SIZE_RE.match(s.strip().lower()):
                raise ConfigError(f"size must look like 1080x1350, not {s!r}")
            out.append(parse_size(s.strip().lower()))
        else:
            out.append((int(s[0]), int(s[1])))
    return out or None


def _card_templates(names: Sequence[str] | None, templates_dir: Path, brand: Brand) -> list[Template]:
    """The named templates (all card templates when None or empty), every problem raised at once.

    Naming a clip template is an error; when all are wanted, clip templates
    are left to the clip stage (a broken one included).
    """
    every = not names
    loaded: list[Template] = []
    problems: list[str] = []
    for name in (template_names(templates_dir) if every else list(dict.fromkeys(names))):
        try:
            template = load_template(name, templates_dir=templates_dir, brand=brand)
        except TemplateError as exc:
            if every and _declared_kind(templates_dir, name) == "clip":
                continue
            problems += exc.problems or [str(exc)]
            continue
        if template.kind != "card":
            if not every:
                problems.append(f"{name!r} is a {template.kind} template, not a card template")
            continue
        loaded.append(template)
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        raise TemplateError(f"card templates cannot be used ({count})", None, problems)
    if not loaded:
        shown = display_path(templates_dir)
        raise TemplateError("no card template in this folder", shown, [f"{shown}: no card template in this folder"])
    return loaded


def _declared_kind(templates_dir: Path, name: str) -> str | None:
    """The ``kind`` a template's TOML declares, even when the template has errors."""
    try:
        kind = tomllib.loads((templates_dir / name / "template.toml").read_text(encoding="utf-8")).get("kind")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return kind if isinstance(kind, str) else None
