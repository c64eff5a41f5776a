"""``repackage templates``: list, check and preview the templates designers edit.

``templates check`` prints every problem (``file: key: expectation``) and
exits 2 when there is an error; warnings (text in the zones TikTok or Reels
cover) do not fail. ``templates preview NAME --watch`` re-renders a PNG each
time a file of the template (or the brand file) changes, for a designer
editing TOML with the picture open beside it.

The templates folder and brand file come from ``--templates-dir`` /
``--brand``, else from ``repackage.toml`` (``--config`` or the one in the
current folder), else the shipped ones. Errors are printed as
``repackage: error: ...`` and exit 2, like the rest of the CLI.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable, Iterable

import click

from .. import resources
from ..errors import ConfigError, RepackageError, TemplateError
from ..models import Story
from ..plan.cards import plan_cards, quote_values, story_values
from ..render.image import CardNotRendered, CardRender, compose_card, compose_scene, save_card, CardMeta
from ..templating import Template, check_templates, format_size, list_templates, load_template, parse_size
from ..templating.brand import default_brand_path
from ..templating.schema import json_schema_text
from ..templating.spec import SIZE_RE

EXAMPLE_ARTICLE = "otan-ukraine-fr.txt"


def example_article() -> Path:
    """The bundled example article (the reference French story)."""
    return resources.examples_dir() / EXAMPLE_ARTICLE


def load_story(article: Path) -> Story:
    """Article file -> Story with the real pipeline (reader + editorial)."""
    from ..article import read_article
    from ..editorial import build_story

    return build_story(read_article(article))


@click.group("templates")
@click.option("--templates-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder of templates (default: templates_dir in repackage.toml, else the shipped templates/).")
@click.option("--brand", type=click.Path(path_type=Path, dir_okay=False),
              help="Brand file (default: brand in repackage.toml, else the shipped assets/brand/brand.toml).")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Settings file whose templates_dir and brand apply (default: ./repackage.toml if present).")
@click.pass_context
def templates(ctx: click.Context, templates_dir: Path | None, brand: Path | None, config_path: Path | None) -> None:
    """List, check and preview the templates designers edit.

    The templates folder and brand file come from --templates-dir and
    --brand, else from repackage.toml (templates_dir, brand), else the
    shipped ones; these options go right after `templates`:
    `repackage templates --templates-dir ~/our-templates check`.
    """
    ctx.obj = {"templates_dir": templates_dir, "brand": brand, "config_path": config_path, "loaded": False}


def _settings(obj: dict) -> dict:
    """``obj`` with templates_dir and brand completed from repackage.toml (flags win)."""
    if not obj.get("loaded"):
        from ..config import load_config

        try:
            config = load_config(obj.get("config_path"))
        except RepackageError as exc:
            _fail(exc)
        obj["templates_dir"] = obj["templates_dir"] or config.templates_dir
        obj["brand"] = obj["brand"] or config.brand
        obj["loaded"] = True
    return obj


def _fail(exc: RepackageError) -> None:
    """Print the error the way the rest of the CLI does ("repackage: error: ...") and exit 2 (or 1)."""
    problems = getattr(exc, "problems", None) or [str(exc)]
    for line in problems:
        for part in str(line).splitlines():
            click.echo(f"repackage: error: {part}", err=True)
    sys.exit(exc.exit_code)


@templates.command("list")
@click.pass_obj
def list_command(obj: dict) -> None:
    """Name, kind, version, sizes and description of every template."""
    obj = _settings(obj)
    try:
        infos = list_templates(obj["templates_dir"], brand=obj["brand"])
    except RepackageError as exc:
        _fail(exc)
    rows = []
    for i in infos:
        if i.error:
            rows.append((i.name, "BROKEN", "", "", i.error))
        else:
            rows.append((i.name, i.kind, i.version, ",".join(format_size(s) for s in i.sizes),
                         " ".join(i.description.split())))
    widths = [max(len(row[c]) for row in rows) for c in range(4)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row[:4], widths)) + "  " + row[4] for row in rows]
    click.echo("\n".join(line.rstrip() for line in lines))


@templates.command("check")
@click.argument("name", required=False)
@click.pass_obj
def check_command(obj: dict, name: str | None) -> None:
    """Validate every template (or NAME) and the brand file; exit 2 on errors."""
    obj = _settings(obj)
    problems = check_templates([name] if name else None, templates_dir=obj["templates_dir"], brand=obj["brand"])
    for p in problems:
        click.echo(str(p), err=p.severity == "error")
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    what = f"template {name}" if name else "templates"
    if errors:
        click.echo(f"{errors} error(s), {warnings} warning(s) in {what}", err=True)
        sys.exit(2)
    click.echo(f"{what}: OK" + (f" ({warnings} warning(s))" if warnings else ""))


def _size_option(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    if not SIZE_RE.match(value.strip().lower()):
        raise click.BadParameter(f"expected WIDTHxHEIGHT like 1080x1350, got {value!r}")
    return parse_size(value.strip().lower())


@templates.command("preview")
@click.argument("name")
@click.option("--article", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help=f"Article to fill the template with (default: the bundled {EXAMPLE_ARTICLE}).")
@click.option("--size", callback=_size_option, help="Canvas size WxH (default: the template's first size).")
@click.option("--photo", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Photo for templates that show one.")
@click.option("--photo-credit", help="Who took --photo (default: the article's photo credit, else none).")
@click.option("--item", type=click.IntRange(min=1), default=1, show_default=True,
              help="Which quote or caption to show (1 = first).")
@click.option("--scene", default="hook", show_default=True, help="Clip templates: which scene to show as a still.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="PNG to write (default: preview-NAME-WxH.png).")
@click.option("--watch", is_flag=True, help="Re-render whenever the template or brand files change (Ctrl-C to stop).")
@click.option("--interval", type=float, default=0.5, show_default=True, hidden=True, help="Polling interval in seconds.")
@click.pass_obj
def preview_command(obj: dict, name: str, article: Path | None, size: tuple[int, int] | None, photo: Path | None,
                    photo_credit: str | None, item: int, scene: str, out: Path | None, watch: bool, interval: float) -> None:
    """Render template NAME for an article to a PNG, and optionally keep it fresh."""
    obj = _settings(obj)
    article = article or example_article()
    if not article.exists():
        raise click.UsageError(f"no bundled example article at {article}; pass --article FILE")
    try:
        story = load_story(article)
    except RepackageError as exc:
        _fail(exc)

    def render_once() -> Path:
        template = load_template(name, templates_dir=obj["templates_dir"], brand=obj["brand"])
        target = out or Path(f"preview-{template.name}-{format_size(size or template.default_size)}.png")
        render = preview(template, story, size=size, photo=photo, item=item, scene=scene,
                         photo_credit=photo_credit)
        save_card(render.image, target, CardMeta(alt_text=f"Preview of template {template.name}"))
        return target

    if not watch:
        try:
            click.echo(f"wrote {render_once()}")
        except RepackageError as exc:
            _fail(exc)
        return
    watched = lambda: _watched_files(name, obj, article, photo)  # noqa: E731 - re-listed each poll
    try:
        watch_and_render(watched, render_once, interval=interval, echo=click.echo)
    except KeyboardInterrupt:
        click.echo("stopped watching")


def preview(template: Template, story: Story, *, size: tuple[int, int] | None = None,
            photo: Path | None = None, item: int = 1, scene: str = "hook",
            photo_credit: str | None = None) -> CardRender:
    """One picture of ``template`` filled with ``story``: a card, or a still of a clip scene.

    Raises ``ConfigError`` when ``item`` names a quote or caption the story does not have.
    """
    if size is not None and size not in template.sizes:
        offered = ", ".join(format_size(s) for s in template.sizes)
        raise TemplateError(f"{template.name} offers {offered}, not {format_size(size)}")
    if template.kind == "clip":
        scenes = template.variant(size or template.default_size).scenes
        if scene not in scenes:
            raise ConfigError(f"--scene {scene}: {template.name} has the scenes {', '.join(scenes)}")
        values = _scene_values(story, template, scene, item)
        return compose_scene(template, scene, size, values, photo=photo, lang=story.lang)
    plan = plan_cards(story, [template], template.brand, sizes=[size or template.default_size],
                      photo=str(photo) if photo else None, photo_credit=photo_credit)
    if not plan.cards:
        raise CardNotRendered(f"the story has nothing for a {template.role} card")
    _check_item(item, len(plan.cards), _ITEM_NAMES.get(template.role or "", "card"))
    job = plan.cards[item - 1]
    return compose_card(template, job.size, job.values, photo=photo if job.uses_photo else None, lang=job.lang)


_ITEM_NAMES = {"quote": "quote", "caption": "caption", "headline": "headline card", "cover": "cover"}


def _check_item(item: int, count: int, what: str) -> None:
    """``--item`` must name an item that exists: never a silent stand-in."""
    if item > count:
        plural = what if count == 1 else f"{what}s"
        raise ConfigError(f"--item {item}: the story has {count} {plural} for this template (use 1..{count})")


def _scene_values(story: Story, template: Template, scene: str, item: int) -> dict[str, str]:
    values = story_values(story, template.brand, with_photo=False)
    if scene == "caption":
        _check_item(item, len(story.captions), "caption")
        i = item - 1
        values.update(caption=story.captions[i].text, caption_index=str(i + 1), caption_count=str(len(story.captions)))
    elif scene == "quote":
        _check_item(item, len(story.card_quotes), "attributed quote")
        values.update(quote_values(story.card_quotes[item - 1], story.lang))
    elif item != 1:
        raise ConfigError(f"--item {item}: the {scene} scene shows one item (use --scene caption or quote)")
    return values


def _watched_files(name: str, obj: dict, article: Path, photo: Path | None) -> list[Path]:
    base = Path(obj["templates_dir"]) if obj["templates_dir"] else resources.templates_dir()
    folder = base / name if not Path(name).is_dir() else Path(name)
    brand = Path(obj["brand"]) if obj["brand"] else default_brand_path()
    files = [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []
    return [*files, brand, article, *([photo] if photo else [])]


def _snapshot(paths: Iterable[Path]) -> dict[Path, float]:
    out = {}
    for p in paths:
        try:
            out[p] = p.stat().st_mtime_ns
        except FileNotFoundError:
            out[p] = -1
    return out


def watch_and_render(files: Callable[[], list[Path]], render: Callable[[], Path], *, interval: float = 0.5,
                     echo: Callable[[str], None] = print, sleep: Callable[[float], None] | None = None) -> None:
    """Render now, then again whenever a file's modification time changes; until interrupted.

    Errors in the template are printed and watching goes on (the designer is
    mid-edit); KeyboardInterrupt propagates to the caller.
    """
    seen = None
    while True:
        current = _snapshot(files())
        if current != seen:
            seen = current
            try:
                echo(f"wrote {render()}")
            except RepackageError as exc:
                for line in getattr(exc, "problems", None) or [str(exc)]:
                    echo(line)
        (sleep or time.sleep)(interval)


@templates.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of template.toml (templates/template.schema.json is this output)."""
    click.echo(json_schema_text(), nl=False)
