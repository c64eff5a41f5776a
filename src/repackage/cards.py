"""The front door for image cards: ``render_cards(story, out_dir, ...)``.

Loads the brand and the card templates, plans the cards (``repackage.plan``),
draws each one (``repackage.render.image``) and writes it under
``out_dir/cards/`` as PNG and/or JPEG with its alt text, credit and copyright
embedded. A card that cannot be made as its template asks (a quote too long
for the box even at the smallest size, a required value missing) is skipped
and the reason reported through ``progress`` and the ``repackage.cards``
logger; the others are still written.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Callable, Sequence

from .errors import TemplateError
from .models import Asset, Story
from .plan import CardJob, plan_cards
from .render.image import CardMeta, CardNotRendered, CardRender, compose_card, load_photo, save_card
from .templating import Brand, Size, Template, load_brand, load_template, parse_size, template_names
from .templating.spec import SIZE_RE

log = logging.getLogger("repackage.cards")

Progress = Callable[[str], None]  # receives one short message per card
FORMATS = {"png": ((".png", "image/png"),), "jpeg": ((".jpg", "image/jpeg"),),
           "both": ((".png", "image/png"), (".jpg", "image/jpeg"))}


def render_cards(
    story: Story,
    out_dir: str | os.PathLike,
    *,
    templates: Sequence[str] | None = None,
    sizes: Sequence[str | Size] | None = None,
    photo: str | os.PathLike | None = None,
    templates_dir: str | os.PathLike | None = None,
    brand: Brand | str | os.PathLike | None = None,
    image_format: str = "png",
    progress: Progress | None = None,
) -> list[Asset]:
    """Draw every card the templates make for ``story``; return the files written.

    ``templates``: template names (default: every card template in
    ``templates_dir``). ``sizes``: "1080x1350" strings or (w, h) tuples
    (default: each template's first size). ``photo``: the story photo for
    templates that show one. ``image_format``: "png", "jpeg" or "both".
    ``progress(message)`` receives one line per card written or skipped.
    """
    if image_format not in FORMATS:
        raise TemplateError(f"image format must be png, jpeg or both, not {image_format!r}")
    brand_obj = brand if isinstance(brand, Brand) else load_brand(brand)
    cards = _card_templates(templates, templates_dir, brand_obj)
    picture = load_photo(photo) if photo is not None else None
    plan = plan_cards(story, cards, brand_obj, sizes=_sizes(sizes), photo=str(photo) if photo else None)
    by_name = {t.name: t for t in cards}
    out = Path(out_dir)
    assets: list[Asset] = []
    total = len(plan.cards)
    for skipped in plan.skipped:
        _report(progress, f"card template {skipped.template} skipped: {skipped.reason}", skipped=True)
    for done, job in enumerate(plan.cards, start=1):
        try:
            render = compose_card(by_name[job.template], job.size, job.values,
                                  photo=picture if job.uses_photo else None, lang=job.lang)
        except CardNotRendered as exc:
            _report(progress, f"card {done}/{total} skipped ({job.role}, {job.name}): {exc.message}", skipped=True)
            continue
        written = _write(render, job, out, image_format)
        assets += written
        _report(progress, f"card {done}/{total}: {', '.join(a.path for a in written)}")
    return assets


def _report(progress: Progress | None, message: str, *, skipped: bool = False) -> None:
    if skipped:
        log.warning("%s", message)
    if progress is not None:
        progress(message)


def _sizes(sizes: Sequence[str | Size] | None) -> list[Size] | None:
    if sizes is None:
        return None
    out = []
    for s in sizes:
        if isinstance(s, str):
            if not SIZE_RE.match(s.strip().lower()):
                raise TemplateError(f"size must look like 1080x1350, not {s!r}")
            out.append(parse_size(s.strip().lower()))
        else:
            out.append((int(s[0]), int(s[1])))
    return out


def _card_templates(names: Sequence[str] | None, templates_dir: str | os.PathLike | None,
                    brand: Brand) -> list[Template]:
    """The named templates (all card templates when None); naming a clip template is an error."""
    if names is None:
        loaded = [load_template(n, templates_dir=templates_dir, brand=brand) for n in template_names(templates_dir)]
        return [t for t in loaded if t.kind == "card"]
    loaded = [load_template(n, templates_dir=templates_dir, brand=brand) for n in names]
    for t in loaded:
        if t.kind != "card":
            raise TemplateError(f"{t.name!r} is a {t.kind} template, not a card template")
    return loaded


def _write(render: CardRender, job: CardJob, out: Path, image_format: str) -> list[Asset]:
    meta = CardMeta(alt_text=job.alt_text, title=job.values.get("headline", ""), credit=job.credit,
                    creator=job.creator, copyright=job.copyright, source=job.values.get("source", ""))
    assets = []
    for suffix, mime in FORMATS[image_format]:
        rel = f"cards/{job.name}{suffix}"
        save_card(render.image, out / rel, meta)
        assets.append(Asset(
            kind="card", path=rel, mime=mime, width=job.size[0], height=job.size[1],
            template=job.template, template_version=job.template_version, alt_text=job.alt_text,
            role=job.role, extra=_extra(render, job),
        ))
    return assets


def _extra(render: CardRender, job: CardJob) -> dict:
    """Facts worth a reviewer's eye: text sizes, contrast reached, how the photo was cropped."""
    extra: dict = {
        "text_sizes": {k: v.size for k, v in render.layouts.items()},
        "contrast": {k: {"ratio": v.ratio, "required": v.required, "scrim": v.scrim}
                     for k, v in render.legibility.items()},
        "credit": job.credit,
    }
    if render.photo_crop is not None:
        extra["photo_crop"] = {"box": list(render.photo_crop.box), "method": render.photo_crop.method,
                               "faces": len(render.photo_crop.faces)}
    return extra
