"""Image cards: ``draw_card(job, ...)`` draws one planned card; ``render_cards(story, out_dir, ...)``
plans (``repackage.plan.cards``) and draws them all.

Drawing does no planning: the plan chose each card's template, size and
values and fitted its texts (``CardJob.layouts``); a card that cannot be made
as its template asks (a quote too long for the box even at the smallest size,
a required value missing) is a ``SkippedJob`` of the plan, reported through
``progress`` and the ``repackage.render.cards`` logger. Each card is drawn
(``repackage.render.image``) and written under ``out_dir/cards/`` as PNG
and/or JPEG with its alt text, credit and copyright embedded.

A request that cannot be honoured at all (missing templates folder or brand
file, unknown or broken template, a size no selected template offers) is bad
input: ``check_card_request`` and ``render_cards`` raise ``TemplateError`` or
``ConfigError`` before anything is drawn or written.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Callable, Sequence

from PIL import Image

from ..errors import ConfigError
from ..models import Asset, Story
from ..plan.cards import CardJob, CardPlan, check_card_request, plan_card_request  # noqa: F401  (re-exported)
from ..render.image import CardMeta, CardRender, compose_card, load_photo, save_card
from ..templating import Brand, Size, Template

log = logging.getLogger("repackage.render.cards")

Progress = Callable[[str], None]  # receives one short message per card
OnSkip = Callable[[str, str], None]  # (message, role of the card left out: "quote:0", "headline", ...)
FORMATS = {"png": ((".png", "image/png"),), "jpeg": ((".jpg", "image/jpeg"),),
           "both": ((".png", "image/png"), (".jpg", "image/jpeg"))}


def render_cards(
    story: Story,
    out_dir: str | os.PathLike,
    *,
    templates: Sequence[str] | None = None,
    sizes: Sequence[str | Size] | None = None,
    photo: str | os.PathLike | None = None,
    photo_credit: str | None = None,
    templates_dir: str | os.PathLike | None = None,
    brand: Brand | str | os.PathLike | None = None,
    image_format: str = "png",
    progress: Progress | None = None,
    on_skip: OnSkip | None = None,
) -> list[Asset]:
    """Draw every card the templates make for ``story``; return the files written.

    ``templates``: template names (default: every card template in
    ``templates_dir``). ``sizes``: "1080x1350" strings or (w, h) tuples
    (default: each template's first size). ``photo``: the story photo for
    templates that show one; ``photo_credit``: who took it ("Jane Doe /
    Reuters"; default: the article's photo credit, else none is printed).
    ``image_format``: "png", "jpeg" or "both". ``progress(message)``
    receives one line per card written or skipped; ``on_skip(message)`` also
    receives each card left out (text that cannot fit, an empty required
    slot) with its role ("quote:0" indexes ``story.card_quotes``), so the
    caller can list them for the editor.

    Bad input is refused before anything is drawn or written: a missing
    templates folder or brand file, an unknown or broken template, a size no
    selected template offers (``TemplateError`` / ``ConfigError``; see
    ``check_card_request``), an unusable photo (``MediaError``).
    """
    if image_format not in FORMATS:
        raise ConfigError(f"image format must be png, jpeg or both, not {image_format!r}")
    plan = plan_card_request(story, templates=templates, sizes=sizes, photo=photo, photo_credit=photo_credit,
                             templates_dir=templates_dir, brand=brand)
    return render_card_plan(plan, out_dir, image_format=image_format, progress=progress, on_skip=on_skip)


def render_card_plan(plan: CardPlan, out_dir: str | os.PathLike, *, image_format: str = "png",
                     progress: Progress | None = None, on_skip: OnSkip | None = None) -> list[Asset]:
    """Draw every job of ``plan`` under ``out_dir/cards/``; report the cards the plan left out."""
    if image_format not in FORMATS:
        raise ConfigError(f"image format must be png, jpeg or both, not {image_format!r}")
    picture = load_photo(plan.photo) if plan.photo is not None else None
    for skipped in plan.skipped:
        if skipped.name:  # one card left out
            _report(progress, f"card skipped ({skipped.role}, {skipped.name}): {skipped.message}", skipped=True)
            message = f"{skipped.name} ({skipped.role}): {skipped.message}"
        else:  # a whole template left out
            _report(progress, f"card template {skipped.template} skipped: {skipped.message}", skipped=True)
            message = f"{skipped.template}: {skipped.message}"
        if on_skip is not None:
            on_skip(message, skipped.role)
    assets: list[Asset] = []
    total = len(plan.cards)
    for done, job in enumerate(plan.cards, start=1):
        written = draw_card(job, plan.templates[job.template], out_dir, image_format=image_format, photo=picture)
        assets += written
        _report(progress, f"card {done}/{total}: {', '.join(a.path for a in written)}")
    return assets


def draw_card(job: CardJob, template: Template, out_dir: str | os.PathLike, *, image_format: str = "png",
              photo: Image.Image | None = None) -> list[Asset]:
    """Draw one planned card as the plan fitted it and write it (PNG and/or JPEG); return its files."""
    render = compose_card(template, job.size, job.values, photo=photo if job.uses_photo else None,
                          lang=job.lang, layouts=job.layouts)
    return _write(render, job, Path(out_dir), image_format)


def _report(progress: Progress | None, message: str, *, skipped: bool = False) -> None:
    if skipped:
        log.warning("%s", message)
    if progress is not None:
        progress(message)


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
        "photo_credit_from": job.photo_credit_from,
    }
    if render.photo_crop is not None:
        extra["photo_crop"] = {"box": list(render.photo_crop.box), "method": render.photo_crop.method,
                               "faces": len(render.photo_crop.faces)}
    return extra
