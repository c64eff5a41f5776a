"""The front door for image cards: ``render_cards(story, out_dir, ...)``.

Loads the brand and the card templates, plans the cards (``repackage.plan.cards``),
draws each one (``repackage.render.image``) and writes it under
``out_dir/cards/`` as PNG and/or JPEG with its alt text, credit and copyright
embedded. A card that cannot be made as its template asks (a quote too long
for the box even at the smallest size, a required value missing) is skipped
and the reason reported through ``progress`` and the ``repackage.render.cards``
logger; the others are still written.

A request that cannot be honoured at all (missing templates folder or brand
file, unknown or broken template, a size no selected template offers) is bad
input: ``check_card_request`` and ``render_cards`` raise ``TemplateError`` or
``ConfigError`` before anything is drawn or written.
"""

from __future__ import annotations

import logging
import os
import tomllib
from pathlib import Path
from typing import Callable, Sequence

from ..errors import ConfigError, TemplateError
from ..models import Asset, Story
from ..plan.cards import CardJob, RenderPlan, plan_cards
from ..render.image import CardMeta, CardNotRendered, CardRender, compose_card, load_photo, save_card
from ..templating import (
    Brand, Size, Template, format_size, load_brand, load_template, parse_size, template_names,
)
from ..templating.files import display_path
from ..templating.registry import require_templates_folder
from ..templating.spec import SIZE_RE

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
    brand_obj, cards, wanted = _prepare(templates, sizes, templates_dir, brand)
    picture = load_photo(photo) if photo is not None else None
    plan = plan_cards(story, cards, brand_obj, sizes=wanted, photo=str(photo) if photo else None,
                      photo_credit=photo_credit)
    by_name = {t.name: t for t in cards}
    out = Path(out_dir)
    assets: list[Asset] = []
    total = len(plan.cards)
    for skipped in plan.skipped:
        _report(progress, f"card template {skipped.template} skipped: {skipped.reason}", skipped=True)
        if on_skip is not None:
            on_skip(f"{skipped.template}: {skipped.reason}", skipped.role)
    for done, job in enumerate(plan.cards, start=1):
        try:
            render = compose_card(by_name[job.template], job.size, job.values,
                                  photo=picture if job.uses_photo else None, lang=job.lang)
        except CardNotRendered as exc:
            _report(progress, f"card {done}/{total} skipped ({job.role}, {job.name}): {exc.message}", skipped=True)
            if on_skip is not None:
                on_skip(f"{job.name} ({job.role}): {exc.message}", job.role)
            continue
        written = _write(render, job, out, image_format)
        assets += written
        _report(progress, f"card {done}/{total}: {', '.join(a.path for a in written)}")
    return assets


def plan_card_request(story: Story, *, templates: Sequence[str] | None = None,
                      sizes: Sequence[str | Size] | None = None, photo: str | os.PathLike | None = None,
                      photo_credit: str | None = None, templates_dir: str | os.PathLike | None = None,
                      brand: Brand | str | os.PathLike | None = None) -> RenderPlan:
    """The cards ``render_cards`` would draw, with their filled slots; nothing drawn."""
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
    the selected card templates offers. ``render_cards`` makes the same
    checks first; call this before starting any output to fail early.
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
