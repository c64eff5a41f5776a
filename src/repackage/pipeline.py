"""The library's front door: ``repackage(path, config) -> RunResult``.

Stages: read the article, build the Story (faithfulness checked), render the
cards and clips that ``config.formats`` asks for, then write ``story.json``,
``copy.txt``, ``manifest.json`` and ``review.html``.

Everything for one article is written into a staging folder beside the final
one and renamed into place at the end, so a run that fails on bad input
leaves nothing behind and a crash never leaves a half-finished folder that a
later run (or the platform team's scheduler) takes for done.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from repackage.config import Config
from repackage.errors import MediaError, RenderError, RepackageError
from repackage.models import Article, Asset, Story, to_dict

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Failure:
    """An output that could not be made; the rest of the run went on."""

    stage: str  # "cards" | "clips" | ...
    message: str


@dataclass(frozen=True)
class RunResult:
    story: Story
    out_dir: Path  # OUT/<slug>
    assets: tuple[Asset, ...]
    failures: tuple[Failure, ...] = ()
    manifest_path: Path | None = None

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0


def load_story(path: str | os.PathLike, config: Config = Config()) -> Story:
    """Read an article file and build its Story; no file is written."""
    from repackage.article import read_article
    from repackage.editorial import build_story

    article = read_article(path, lang=config.lang)
    return story_from_article(article, config)


def story_from_article(article: Article, config: Config = Config()) -> Story:
    from repackage.editorial import build_story

    return build_story(
        article,
        n_captions=config.captions,
        max_caption_chars=config.caption_chars,
        hook_chars=config.hook_chars,
        n_hashtags=config.hashtags,
    )


def _check_media(config: Config) -> None:
    """Refuse unusable media before anything is rendered or written."""
    for p in (*config.photos, *([config.music] if config.music else [])):
        path = Path(p)
        if not path.exists():
            raise MediaError("no such file", path=str(path))
        if path.is_dir():
            raise MediaError("is a directory, expected a media file", path=str(path))
        if path.stat().st_size == 0:
            raise MediaError("file is empty", path=str(path))


def repackage(path: str | os.PathLike, config: Config = Config(), progress: Progress | None = None) -> RunResult:
    """Run the whole job for one article. Raises RepackageError on bad input."""
    say = progress or (lambda _msg: None)
    story = load_story(path, config)
    _check_media(config)
    say(
        f"read {path}: {len(story.sentences)} sentences, {len(story.quotes)} quotes "
        f"({len(story.card_quotes)} attributed), {len(story.captions)} captions, lang {story.lang}"
    )

    out_root = Path(config.out)
    final_dir = out_root / story.slug
    try:
        out_root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RenderError(f"cannot create output folder: {exc.strerror}", path=str(out_root)) from None
    stage = Path(tempfile.mkdtemp(prefix=f".tmp-{story.slug}-", dir=out_root))
    try:
        assets, failures = _render_all(story, stage, config, say)
        from repackage.manifest import write_outputs

        write_outputs(story, stage, assets, failures, config, source_path=Path(path))
        _swap_into_place(stage, final_dir)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    say(f"wrote {final_dir}")
    return RunResult(story, final_dir, tuple(assets), tuple(failures), final_dir / "manifest.json")


def _render_all(story: Story, out: Path, config: Config, say: Progress) -> tuple[list[Asset], list[Failure]]:
    assets: list[Asset] = []
    failures: list[Failure] = []
    if "cards" in config.formats:
        say("rendering cards")
        try:
            from repackage.cards import render_cards

            assets += render_cards(
                story,
                out,
                templates=config.card_templates,
                sizes=config.sizes,
                photo=config.photos[0] if config.photos else None,
                templates_dir=config.templates_dir,
                brand=config.brand,
                image_format=config.image_format,
                progress=say,
            )
        except MediaError:
            raise  # the user's photo or music is unusable: bad input, exit 2
        except RepackageError as exc:
            failures.append(Failure("cards", str(exc)))
    if "clips" in config.formats:
        say("rendering clip")
        try:
            from repackage.clips import render_clips

            assets += render_clips(
                story,
                out,
                template=config.clip_template,
                size=config.clip_size,
                photos=config.photos,
                music=config.music,
                preview=config.preview,
                templates_dir=config.templates_dir,
                brand=config.brand,
                progress=say,
            )
        except MediaError:
            raise  # the user's photo or music is unusable: bad input, exit 2
        except RepackageError as exc:
            failures.append(Failure("clips", str(exc)))
    return assets, failures


def _swap_into_place(stage: Path, final_dir: Path) -> None:
    """Replace ``final_dir`` with ``stage`` so readers see old or new, never half."""
    old = None
    if final_dir.exists():
        old = final_dir.with_name(f".old-{final_dir.name}-{os.getpid()}")
        os.replace(final_dir, old)
    os.replace(stage, final_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def story_json(story: Story) -> str:
    return json.dumps(to_dict(story), ensure_ascii=False, indent=2) + "\n"
