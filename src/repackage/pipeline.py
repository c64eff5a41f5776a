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

import contextlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from repackage.config import Config
from repackage.errors import ConfigError, FaultError, MediaError, RenderError, RepackageError, TemplateError
from repackage.fsutil import sha256_file, write_text
from repackage.models import Article, Asset, Failure, Skipped, Story
from repackage.output.manifest import story_json, write_outputs  # noqa: F401  story_json: part of the front door (repackage story --json)

if TYPE_CHECKING:
    from repackage.plan.article import RenderPlan

Progress = Callable[[str], None]


@dataclass(frozen=True)
class RunResult:
    story: Story
    out_dir: Path  # OUT/<slug>
    assets: tuple[Asset, ...]
    failures: tuple[Failure, ...] = ()
    manifest_path: Path | None = None
    skipped: tuple[Skipped, ...] = ()

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0


def load_story(path: str | os.PathLike, config: Config = Config()) -> Story:
    """Read an article file and build its Story; no file is written."""
    from repackage.article import read_article

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
    """Refuse unusable media before anything is rendered or written.

    Photos are decoded once here (whatever the formats asked for), so a
    corrupt file is reported as bad input and not discovered mid-render.
    """
    for p in (*config.photos, *([config.music] if config.music else [])):
        path = Path(p)
        if not path.exists():
            raise MediaError("no such file", path=str(path))
        if path.is_dir():
            raise MediaError("is a directory, expected a media file", path=str(path))
        if path.stat().st_size == 0:
            raise MediaError("file is empty", path=str(path))
    if config.photos:
        from repackage.render.image import load_photo

        for p in config.photos:
            load_photo(p)  # raises MediaError naming the file
    if config.voiceover and "clips" in config.formats:
        _check_voiceover(config)
    if config.music and "clips" in config.formats:
        from repackage.render.video import check_audio

        try:
            check_audio(config.music)  # raises MediaError naming the file
        except MediaError:
            raise
        except RenderError:
            pass  # ffmpeg itself is missing: the clip stage reports it as a failed output


def _check_voiceover(config: Config) -> None:
    """The voice-over file is there and holds audio, and the speech engine and
    model are installed: MediaError / SpeechError before anything is done."""
    from repackage.speech.locate import check_engine, locate_model

    path = Path(config.voiceover)
    if not path.exists():
        raise MediaError("voice-over not found", path=str(path))
    if path.is_dir():
        raise MediaError("is a directory, expected a voice-over audio or video file", path=str(path))
    if path.stat().st_size == 0:
        raise MediaError("voice-over file is empty", path=str(path))
    from repackage.render.video import check_media_audio

    try:
        check_media_audio(path, "voice-over")
    except MediaError:
        raise
    except RenderError:
        pass  # ffmpeg itself is missing: the clip stage reports it
    check_engine(config.asr_engine)
    locate_model(config.asr_engine, config.asr_model)


def load_voice(story: Story, config: Config, progress: Progress | None = None):
    """The voice-over of ``config`` transcribed and spelled as the article
    (``speech.voiceover.Voiceover``), or None when there is none or no clip is made."""
    if not config.voiceover or "clips" not in config.formats:
        return None
    from repackage.speech.voiceover import load_voiceover

    say = progress or (lambda _msg: None)
    art = story.article
    text = "\n\n".join(x for x in (art.headline, art.dek or "", art.text) if x)
    state = {"shown": -1}

    def tick(done: float, total: float) -> None:
        pct = int(100 * done / total) if total > 0 else 100
        if pct // 25 > state["shown"]:
            state["shown"] = pct // 25
            say(f"transcribing the voice-over: {pct}% ({done:.0f} of {total:.0f} s)")

    say(f"loading {config.asr_engine} model {config.asr_model}")
    lang = story.lang if story.lang and story.lang != "und" else None
    voice = load_voiceover(config.voiceover, text, engine=config.asr_engine, model=config.asr_model,
                           lang=lang, progress=tick)
    say(f"voice-over: {voice.duration:.1f} s, {len(voice.words)} words, "
        f"{voice.matched:.0%} found in the article")
    return voice


def _check_requests(config: Config) -> None:
    """Refuse missing or broken templates, brands and sizes before rendering."""
    if "cards" in config.formats:
        from repackage.plan.cards import check_card_request

        check_card_request(
            templates=config.card_templates,
            sizes=config.sizes,
            templates_dir=config.templates_dir,
            brand=config.brand,
        )
    if "clips" in config.formats:
        from repackage.plan.clip import check_clip_request

        check_clip_request(
            template=config.clip_template,
            size=config.clip_size,
            templates_dir=config.templates_dir,
            brand=config.brand,
        )


def repackage(path: str | os.PathLike, config: Config = Config(), progress: Progress | None = None) -> RunResult:
    """Run the whole job for one article. Raises RepackageError on bad input."""
    say = progress or (lambda _msg: None)
    story = prepare(path, config, say)
    voice = load_voice(story, config, say)  # before anything is written: a silent file is bad input
    out_root = Path(config.out)
    created_root = not out_root.exists()
    stage = make_stage(out_root, story.slug)
    try:
        from repackage.plan.article import plan_article

        plan = plan_article(story, config, voice=voice)
        results = [render_job(story, kind, stage, config, say, plan=plan) for kind in render_jobs(config)]
        result = publish(story, stage, results, config, source_path=Path(path), progress=say)
    except BaseException as exc:
        shutil.rmtree(stage, ignore_errors=True)
        if created_root:
            with contextlib.suppress(OSError):
                out_root.rmdir()  # only if empty: leave no trace of a failed run
        # The disk or the machine failed, not the input: stop, change nothing, say so (exit 1).
        where = str(out_root / story.slug)
        if isinstance(exc, OSError):
            why = exc.strerror or str(exc)
            raise FaultError(f"cannot write the output: {why}; nothing was changed", path=where) from None
        if isinstance(exc, FaultError):
            raise FaultError(f"{exc.message}; nothing was changed", path=where) from None
        raise
    return result


# The steps of ``repackage`` as separate calls, for batch runs that spread
# one article's render jobs over several processes or machines: ``prepare``
# builds the Story once; each ``render_job`` draws one kind of output into a
# folder of its own (any worker that can reach the output storage); then
# ``publish`` gathers them in a staging folder, writes story.json, copy.txt,
# manifest.json and review.html and renames the folder into place.


@dataclass(frozen=True)
class JobResult:
    """What one render job made: its assets (paths relative to the folder it
    drew into), the outputs that failed and those left out on purpose."""

    kind: str
    assets: tuple[Asset, ...] = ()
    failures: tuple[Failure, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    footage: dict | None = None  # the footage job's report: every card quote's score, found or not


def render_jobs(config: Config) -> tuple[str, ...]:
    """The render jobs ``config`` asks for, in order: ``"cards"``, ``"clips"``,
    then ``"footage"`` when footage is given (whatever the formats)."""
    kinds = tuple(kind for kind in RENDER_KINDS if kind in config.formats)
    return kinds + (("footage",) if config.footage else ())


RENDER_KINDS = ("cards", "clips")


def prepare(path: str | os.PathLike, config: Config = Config(), progress: Progress | None = None) -> Story:
    """Read the article, build its Story and check media and templates; nothing written."""
    say = progress or (lambda _msg: None)
    story = load_story(path, config)
    check_request(config)
    say(
        f"read {path}: {len(story.sentences)} sentences, {len(story.quotes)} quotes "
        f"({len(story.card_quotes)} for cards), {len(story.captions)} captions, lang {story.lang}"
    )
    return story


def check_request(config: Config) -> None:
    """Refuse unusable media, templates, brands and sizes before anything is drawn."""
    _check_media(config)
    _check_requests(config)
    if config.footage:
        check_footage(config)


def check_footage(config: Config) -> None:
    """Refuse, before anything is drawn, footage that is missing, unreadable,
    without picture or sound, and a speech engine or model that is missing
    (MediaError / SpeechError: exit 2)."""
    from repackage.speech import check_engine, locate_model

    path = Path(config.footage)
    if not path.is_file():
        raise MediaError("no such file" if not path.exists() else "is a directory, expected a video file",
                         path=str(path))
    if path.stat().st_size == 0:
        raise MediaError("file is empty", path=str(path))
    from repackage.render.video import check_footage as probe_footage

    probe_footage(path)
    check_engine(config.asr_engine)
    locate_model(config.asr_engine, config.asr_model)


def footage_job(story: Story, out: Path, config: Config, progress: Progress | None = None) -> JobResult:
    """Transcribe the footage, find the card quotes in it, cut one clip per quote found.

    Bad footage, no speech, a missing engine or model raise (exit 2); a clip
    that fails to render is a failure of the run (exit 1), the others are kept.
    """
    from repackage.render.footage import render_footage_clip

    say = progress or (lambda _msg: None)
    footage = Path(config.footage)
    plan = plan_footage_job(story, config, say)
    for q in plan.quotes:
        state = "found" if q.found else "not found"
        say(f"footage: quote:{q.index} ({q.speaker}) {state}, score {q.score:.2f}"
            + (f", {q.start:.2f}-{q.end:.2f} s" if q.found else ""))
    assets: list[Asset] = []
    failures: list[Failure] = []
    rendered: set[str] = set()
    for job in plan.jobs:
        try:
            assets += render_footage_clip(job, out, preview=config.preview, progress=say)
            rendered.add(job.name)
        except (MediaError, FaultError):
            raise
        except RepackageError as exc:
            failures.append(Failure("footage", str(exc)))
    report = plan.to_dict()
    report["source"] = footage.name
    for q in report["quotes"]:
        if q["clip"] and Path(q["clip"]).stem not in rendered:
            q["clip"] = None
    report.pop("clips")
    return JobResult("footage", tuple(assets), tuple(failures), (), report)


def make_stage(out_root: Path, slug: str) -> Path:
    """A hidden staging folder in ``out_root`` (created if needed), readable by colleagues."""
    try:
        out_root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RenderError(f"cannot create output folder: {exc.strerror}", path=str(out_root)) from None
    stage = Path(tempfile.mkdtemp(prefix=f".tmp-{slug}-", dir=out_root))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(stage, 0o777 & ~umask)  # mkdtemp makes 0700; colleagues must read it
    return stage


def publish(
    story: Story,
    stage: Path,
    results: list[JobResult] | tuple[JobResult, ...],
    config: Config,
    *,
    source_path: Path,
    final_dir: Path | None = None,
    manifest_extra: dict | None = None,
    progress: Progress | None = None,
) -> RunResult:
    """Write the story files and manifest into ``stage`` and rename it into place.

    ``final_dir`` defaults to ``OUT/<slug>`` (or ``<slug>-2``... when another
    article holds that name); ``manifest_extra`` adds top-level keys to
    manifest.json (a batch run records what an update superseded). On error
    the caller removes ``stage``.
    """
    say = progress or (lambda _msg: None)
    assets = [a for r in results for a in r.assets]
    failures = [f for r in results for f in r.failures]
    skipped = [k for r in results for k in r.skipped]
    footage = next((r.footage for r in results if getattr(r, "footage", None)), None)
    if final_dir is None:
        final_dir = _output_dir(stage.parent, story.slug, sha256_file(source_path), say)

    write_outputs(story, stage, assets, failures, config, source_path=Path(source_path), skipped=skipped,
                  footage=footage)
    if manifest_extra:
        manifest_path = stage / "manifest.json"
        data = json.loads(manifest_path.read_text(encoding="utf-8"))
        data.update(manifest_extra)
        write_text(manifest_path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    _swap_into_place(stage, final_dir)
    say(f"wrote {final_dir}")
    return RunResult(story, final_dir, tuple(assets), tuple(failures), final_dir / "manifest.json", tuple(skipped))


def render_job(story: Story, kind: str, out: Path, config: Config, progress: Progress | None = None,
               plan: "RenderPlan | None" = None, *, voice=None) -> JobResult:
    """Draw one kind of output (``"cards"``, ``"clips"`` or ``"footage"``) of ``plan`` into ``out``.

    ``plan`` defaults to planning that kind for ``story`` here (a batch
    worker), with ``voice``, the voice-over already transcribed
    (:func:`load_voice`; when ``config.voiceover`` is set and it is not given,
    the clip job transcribes it). The renderers draw the plan's jobs and
    decide nothing; what the plan left out is in the result's ``skipped``. A
    failed output is recorded in the result; bad input (the user's media,
    templates or options) raises.
    """
    from repackage.plan.article import plan_article

    say = progress or (lambda _msg: None)
    if kind == "footage":
        say("cutting quote clips from the footage")
        return footage_job(story, out, config, say)
    if kind not in RENDER_KINDS:
        raise ValueError(f"unknown render job {kind!r}; expected one of {', '.join(RENDER_KINDS)}, footage")
    assets: list[Asset] = []
    failures: list[Failure] = []
    skipped: list[Skipped] = []
    try:
        if plan is None:
            if kind == "clips" and voice is None and config.voiceover:
                voice = load_voice(story, config, say)
            plan = plan_article(story, config, kinds=(kind,), voice=voice)
        skipped = [k for k in plan.skipped() if k.stage == kind]
        if kind in plan.failures:
            failures.append(Failure(kind, plan.failures[kind]))
        elif kind == "cards" and plan.cards is not None:
            from repackage.render.cards import render_card_plan

            say("rendering cards")
            assets += render_card_plan(plan.cards, out, image_format=config.image_format, progress=say)
        elif kind == "clips" and plan.clip is not None:
            from repackage.render.clips import render_clip_plan

            say("rendering clip")
            assets += render_clip_plan(plan.clip, plan.clip_template, story, out, progress=say)
    except (MediaError, TemplateError, ConfigError, FaultError):
        raise  # the user's media, templates or options (exit 2), or the machine failing (exit 1)
    except RepackageError as exc:
        failures.append(Failure(kind, str(exc)))
    return JobResult(kind, tuple(assets), tuple(failures), tuple(skipped))


def plan_article_file(path: str | os.PathLike, config: Config = Config()) -> "RenderPlan":
    """The RenderPlan for the article at ``path``: every card and clip job with all
    decisions made. Reads the article, templates and media (a voice-over is
    transcribed); draws and writes nothing."""
    from repackage.plan.article import plan_article

    story = load_story(path, config)
    check_request(config)
    return plan_article(story, config, voice=load_voice(story, config))


def plan_outputs(path: str | os.PathLike, config: Config = Config()) -> dict:
    """What ``repackage plan`` prints: the RenderPlan's JSON, and the footage plan when footage is given."""
    from repackage.plan.article import plan_article

    story = load_story(path, config)
    check_request(config)
    out = plan_article(story, config, voice=load_voice(story, config)).to_dict()
    if config.footage:
        out["footage"] = plan_footage_outputs(story, config)
    return out


def plan_footage_outputs(story: Story, config: Config) -> dict:
    """The footage plan as JSON-ready data: every card quote's score, and the clip jobs (cut, window, cues)."""
    check_footage(config)
    return plan_footage_job(story, config).to_dict()


def plan_footage_job(story: Story, config: Config, progress: Progress | None = None):
    """Transcribe ``config.footage`` and plan its quote clips (``footage.FootagePlan``).

    MediaError when no speech is heard in it (nothing to look for the quotes in)."""
    from repackage.footage import plan_footage
    from repackage.render import video
    from repackage.speech import transcribe

    say = progress or (lambda _msg: None)
    footage = Path(config.footage)
    say(f"transcribing {footage.name} ({config.asr_engine}, model {config.asr_model})")
    transcript = transcribe(footage, engine=config.asr_engine, model=config.asr_model,
                            lang=config.lang or (story.lang if story.lang != "und" else None))
    if not transcript.words:
        raise MediaError("no speech heard in the footage: nothing to find the quotes in", path=str(footage))
    return plan_footage(story, footage, transcript, video_info=video.probe(footage),
                        sample_frames=video.sample_frames, footage_credit=config.footage_credit,
                        brand=config.brand)


def _output_dir(out_root: Path, slug: str, source_sha: str, say: Progress) -> Path:
    """``OUT/<slug>``, or ``OUT/<slug>-2``... when another article has that slug.

    A re-run of the same article (same bytes) replaces its own folder; two
    different articles with the same headline never overwrite each other.
    """
    n = 1
    while True:
        candidate = out_root / (slug if n == 1 else f"{slug}-{n}")
        manifest = candidate / "manifest.json"
        if not candidate.exists():
            return candidate
        try:
            owner = json.loads(manifest.read_text(encoding="utf-8"))["article"].get("sha256")
        except (OSError, ValueError, KeyError, TypeError):
            owner = None
        if owner == source_sha:
            return candidate
        if n == 1:
            say(f"{candidate} holds another article with the same headline; writing beside it")
        n += 1


def _swap_into_place(stage: Path, final_dir: Path) -> None:
    """Replace ``final_dir`` with ``stage`` so readers see old or new, never half."""
    old = None
    if final_dir.exists():
        old = final_dir.with_name(f".old-{final_dir.name}-{os.getpid()}")
        os.replace(final_dir, old)
    try:
        os.replace(stage, final_dir)
    except BaseException:
        if old is not None:
            os.replace(old, final_dir)  # put the previous output back
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
