"""Command line. Thin: each command parses its options and calls the library.

``repackage ARTICLE`` runs the whole job (the ``run`` command is the default);
``repackage story ARTICLE`` prints the Story; ``repackage templates ...``
lists, checks and previews templates. Library errors become one line on stderr
and an exit code: 0 ok, 1 some outputs failed (or the run stopped on a full
disk, a killed ffmpeg, SIGINT or SIGTERM, changing nothing), 2 bad input or usage.
"""

from __future__ import annotations

import contextlib
import json
import signal
import sys
from pathlib import Path
from typing import Any

import click

from repackage import __version__
from repackage.cli.options import setting_option
from repackage.config import Config, load_config, parse_formats, parse_size
from repackage.errors import RepackageError
from repackage.models import Story


class DefaultGroup(click.Group):
    """A group where ``tool FILE`` means ``tool run FILE`` (as in sqlite-utils)."""

    default_command = "run"

    #: Command groups imported only when used: ``templates`` draws cards
    #: (Pillow, numpy), which ``repackage story`` never needs.
    lazy_commands = {"templates": ("repackage.cli.templates", "templates")}

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        known = (*self.commands, *self.lazy_commands, "--help", "-h", "--version")
        if args and args[0] not in known:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in self.lazy_commands:
            import importlib

            module, attr = self.lazy_commands[name]
            self.add_command(getattr(importlib.import_module(module), attr), name)
        return super().get_command(ctx, name)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, so it unwinds like Ctrl-C."""


def _exit_on_sigterm() -> None:
    """A scheduler's SIGTERM unwinds like Ctrl-C: staging folders, temporary
    files and ffmpeg children are cleaned up on the way out (exit 1)."""

    def handler(signum: int, frame: object) -> None:
        raise _Terminated()

    with contextlib.suppress(ValueError):  # not in the main thread (embedded use)
        signal.signal(signal.SIGTERM, handler)


def _interrupted(exc: KeyboardInterrupt) -> None:
    name = "SIGTERM" if isinstance(exc, _Terminated) else "SIGINT"
    click.echo(f"repackage: error: interrupted by {name}; nothing was written (a previous output is unchanged)", err=True)
    sys.exit(1)


def _fail(exc: RepackageError) -> None:
    click.echo(f"repackage: error: {exc}", err=True)
    sys.exit(exc.exit_code)


def _progress(quiet: bool):
    if quiet:
        return None
    return lambda msg: click.echo(f"repackage: {msg}", err=True)


def _formats(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    try:
        return parse_formats(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _size(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is None:
        return None
    try:
        if isinstance(value, tuple):
            return tuple(parse_size(v) for v in value) or None
        return parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _load_config(config_path: Path | None) -> Config:
    try:
        return load_config(config_path)
    except RepackageError as exc:
        _fail(exc)
        raise  # unreachable


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="repackage")
def main() -> None:
    """Turn a news article into what gets posted with it: captions and post
    copy, quote cards and other image cards, a vertical clip, a manifest and a
    review page.

    \b
    repackage ARTICLE            run everything for one article (same as `repackage run`)
    repackage story ARTICLE      print the Story: captions, quotes, post copy
    repackage plan ARTICLE       print the plan it renders: cards, clip timeline, what is left out (JSON)
    repackage transcribe MEDIA   timed words from a voice-over or footage (Whisper)
    repackage templates check    validate the templates designers edit
    repackage batch SOURCE...    many articles (files, folders, globs, feeds), skipping unchanged ones
    repackage watch FOLDER       render articles as they arrive in FOLDER

    Settings come from defaults, then ./repackage.toml (or --config), then flags.
    """
    _exit_on_sigterm()


ARTICLE = click.argument("article", type=click.Path(path_type=Path, dir_okay=True, exists=False))
CONFIG = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    help="Settings file (default: ./repackage.toml if present).",
)
LANG = setting_option("lang")
QUIET = setting_option("quiet", "-q", "--quiet", is_flag=True)


def render_options(f):
    """The options shared by ``run`` and ``plan`` (what to make, from what)."""
    options = [
        LANG,
        setting_option("formats", callback=_formats, metavar="LIST"),
        setting_option("captions"),
        setting_option("photos", "--photo", "photos", multiple=True, type=click.Path(path_type=Path)),
        setting_option("photo_credit"),
        setting_option("music", type=click.Path(path_type=Path)),
        setting_option("voiceover", type=click.Path(path_type=Path), metavar="MEDIA"),
        setting_option("asr_engine"),
        setting_option("asr_model", metavar="NAME|PATH"),
        setting_option("templates_dir", type=click.Path(path_type=Path)),
        setting_option("brand", type=click.Path(path_type=Path)),
        setting_option("card_templates", "--card-template", "card_templates", multiple=True),
        setting_option("sizes", "--size", "sizes", multiple=True, callback=_size),
        setting_option("image_format"),
        setting_option("clip_template"),
        setting_option("clip_size", callback=_size),
        setting_option("preview", is_flag=True),
        CONFIG,
        QUIET,
    ]
    for option in reversed(options):
        f = option(f)
    return f


def footage_options(f):
    """``--footage`` and what goes with it (``run`` and ``plan``, one article at a time)."""
    options = [
        setting_option("footage", type=click.Path(path_type=Path)),
        setting_option("footage_credit", metavar="TEXT"),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _config_from(config_path: Path | None, flags: dict[str, Any]) -> Config:
    flags["card_templates"] = flags.get("card_templates") or None
    flags["photos"] = flags.get("photos") or None
    return _load_config(config_path).with_overrides(**flags)


@main.command("run")
@ARTICLE
@setting_option("out", "-o", "--out", type=click.Path(path_type=Path, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON on stdout.")
@render_options
@footage_options
def run_cmd(article: Path, config_path: Path | None, as_json: bool, **flags: Any) -> None:
    """Make every output for ARTICLE (text, Markdown, HTML or ninjs JSON)."""
    from repackage.pipeline import repackage

    cfg = _config_from(config_path, flags)
    try:
        result = repackage(article, cfg, progress=_progress(cfg.quiet))
    except RepackageError as exc:
        _fail(exc)
        return
    except KeyboardInterrupt as exc:
        _interrupted(exc)
        return
    if as_json:
        click.echo(result.manifest_path.read_text(encoding="utf-8"), nl=False)
    else:
        click.echo(str(result.out_dir))
    for f in result.failures:
        click.echo(f"repackage: failed: {f.stage}: {f.message}", err=True)
    sys.exit(result.exit_code)


@main.command("plan")
@ARTICLE
@render_options
@footage_options
def plan_cmd(article: Path, config_path: Path | None, **flags: Any) -> None:
    """Print, as JSON, the plan `repackage ARTICLE` renders: every card with
    its template, size, filled slots and fitted text, the clip's scenes,
    timings, fitted text, subtitles and music, and each card or scene left
    out with its reason. Checks templates and media; draws and writes nothing."""
    from repackage.pipeline import plan_outputs

    cfg = _config_from(config_path, flags)
    try:
        data = plan_outputs(article, cfg)
    except RepackageError as exc:
        _fail(exc)
        return
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@main.command("story")
@ARTICLE
@LANG
@click.option("--json", "as_json", is_flag=True, help="Print the Story as JSON.")
@setting_option("captions")
@CONFIG
@QUIET
def story_cmd(article: Path, config_path: Path | None, as_json: bool, **flags: Any) -> None:
    """Print the Story for ARTICLE: captions with their sources, quotes with
    speakers, hashtags and post copy. Writes nothing."""
    from repackage.pipeline import load_story, story_json

    cfg = _load_config(config_path).with_overrides(**flags)
    try:
        story = load_story(article, cfg)
    except RepackageError as exc:
        _fail(exc)
        return
    click.echo(story_json(story) if as_json else format_story(story), nl=not as_json)


@main.command("transcribe")
@click.argument("media", type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the transcript to OUT: .srt, .vtt, .json (every word timed) or .txt, by its extension. "
                   "Default: timed lines on stdout.")
@click.option("--lang", help="Spoken language (fr, en, ...); detected when not given.")
@setting_option("asr_engine")
@setting_option("asr_model", metavar="NAME|PATH")
@click.option("--article", type=click.Path(path_type=Path), metavar="ARTICLE",
              help="The article the voice reads: words are spelled as it has them (names, accents), "
                   "misheard names put right.")
@QUIET
def transcribe_cmd(media: Path, out: Path | None, lang: str | None, asr_engine: str | None, asr_model: str | None,
                   article: Path | None, quiet: bool | None) -> None:
    """Transcribe the speech in MEDIA (audio or video) with Whisper, every word
    timed. Runs offline: the model must be on disk (see README, 'Speech')."""
    asr_engine = asr_engine or Config().asr_engine  # the settings table's defaults
    asr_model = asr_model or Config().asr_model
    from repackage.fsutil import write_text
    from repackage.speech import transcribe
    from repackage.speech.formats import FORMATS, render

    fmt = "txt"
    if out is not None:
        fmt = FORMATS.get(out.suffix.lower(), "")
        if not fmt:
            raise click.BadParameter(f"{out}: use a .srt, .vtt, .json or .txt file name", param_hint="'-o'")
    say = _progress(bool(quiet))
    state = {"shown": -1}

    def progress(done: float, total: float) -> None:
        if say is None or total <= 0:
            return
        pct = int(100 * done / total)
        if pct // 10 > state["shown"]:  # at most one line per tenth
            state["shown"] = pct // 10
            say(f"transcribing {media.name}: {pct}% ({done:.0f} of {total:.0f} s)")

    try:
        reference = None
        if article is not None:
            from repackage.article import read_article
            from repackage.speech.align import respell_transcript

            art = read_article(article, lang=lang)
            reference = "\n\n".join(x for x in (art.headline, art.dek or "", art.text) if x)
        if say:
            say(f"loading {asr_engine} model {asr_model}")
        transcript = transcribe(media, engine=asr_engine, model=asr_model, lang=lang or (art.lang if article and art.lang != "und" else None), progress=progress)
        if reference is not None:
            transcript = respell_transcript(transcript, reference)
    except RepackageError as exc:
        _fail(exc)
        return
    text = render(transcript, fmt)
    if out is None:
        click.echo(text, nl=False)
        return
    write_text(out, text)
    if say:
        say(f"{len(transcript.words)} words in {transcript.language or '?'} -> {out}")
    click.echo(str(out))


def format_story(story: Story) -> str:
    """The Story as text an editor reads in a terminal."""
    art = story.article
    out = [art.headline, "=" * min(len(art.headline), 80)]
    meta = [f"lang {story.lang}"]
    if art.date or art.date_text:
        meta.append(art.date or art.date_text or "")
    if not art.credits.is_empty():
        c = art.credits
        meta.append(" / ".join(x for x in (c.source, c.photo_credit() and f"photo {c.photo_credit()}") if x))
    out += [" · ".join(meta), "", f"Hook: {story.hook.text}", "", "Captions:"]
    for i, c in enumerate(story.captions, 1):
        out.append(f"  {i}. {c.text}  [sentences {', '.join(map(str, c.sources))}]")
    out += ["", "Quotes:"]
    if not story.quotes:
        out.append("  (none)")
    for q in story.quotes:
        who = f"{q.speaker}" + (f", {q.role}" if q.role else "") if q.speaker else "UNATTRIBUTED (not used on cards)"
        opener, closer = (q.marks[0], q.marks[-1]) if len(q.marks) >= 2 else ("“", "”")
        out.append(f"  {opener}{q.text}{closer}")
        out.append(f"      — {who}  (confidence {q.confidence:.2f})")
    pc = story.post_copy
    out += ["", f"Hashtags: {' '.join(pc.hashtags)}", "", "TikTok:", _indent(pc.tiktok), "", "Instagram:", _indent(pc.instagram), "", "X:", _indent(pc.x)]
    if art.cta:
        out += ["", f"Call to action (outro): {art.cta}"]
    if art.dropped:
        out += ["", "Left out of the story:"] + [f"  [{d.reason}] {d.text}" for d in art.dropped]
    return "\n".join(out)


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


def _register_batch_commands() -> None:
    from repackage.cli.batch import batch_cmd, watch_cmd

    main.add_command(batch_cmd)
    main.add_command(watch_cmd)


_register_batch_commands()
