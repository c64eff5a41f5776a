"""Story + clip template + media -> ClipPlan: what a clip shows, and when.

Pure: no pixels, no files read. The plan says which scenes the clip has
(hook, one per caption, one quote, outro), how many frames each lasts, which
template layers each shows with which Story values, where those layers sit on
the canvas, and the subtitle cues (the burned-in text and its on-screen
times). ``repackage.render.clips`` draws and encodes a plan.

Timing rules (all numbers come from the template's ``[timing]``):

* a text scene lasts its reading time, ``characters / chars_per_second``,
  kept within ``[min_scene, max_scene]``; the hook at least ``hook_scene``,
  the outro (call to action and handle) at least ``outro_scene``. A quote is
  never cut, so a quote scene may last up to ``quote_max_scene`` (17.5 s
  when the template does not say); a quote that needs longer is not used.
* scenes overlap by the transition (``crossfade``/``slide``; ``cut`` = 0);
* to land within ``[target_min, target_max]``: if too long, caption scenes
  are dropped from the end (at least one stays), then the quote, then every
  scene is shortened evenly (never below ``min_scene``); if too short, text
  scenes are stretched evenly up to their maximum. Each such change is noted
  in ``ClipPlan.notes`` (a scene dropped, with its reason, in ``ClipPlan.skipped``).
* a subtitle cue runs from the middle of the transition into its scene to
  the middle of the transition out of it: where a crossfade is half way, the
  incoming text is the one a viewer reads.

With a voice-over (``voice``, a ``speech.voiceover.Voiceover``) the voice
drives the clip instead (see :func:`voice_timing`): the clip lasts as long as
the narration plus the outro; each stretch of the voice that reads an
article sentence a scene shows (the headline for the hook, a caption's or a
quote's source sentences) is that scene's, scenes follow in the order the
voice reads them and are cut where it moves on; a voice that reads
something else is shared out evenly in time over the scenes; scenes the
voice never reaches are left out. Subtitle cues are the spoken words, a few at a time (the template's
``[subtitles] words``), from the first word's start; each cue keeps the time
of every word for a karaoke highlight. Text layers of a spoken scene that
reach into the ``[subtitles]`` box are cut to end above it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping, Sequence

from ..editorial.typography import typeset
from ..errors import ConfigError, RenderError, TemplateError
from ..models import Story
from ..plan.cards import photo_credit_for, quote_values, story_values
from ..templating import load_template, parse_size
from ..templating.typeset import TextLayout, layer_text
from ..subtitles import Cue
from ..speech.align import tokens
from ..speech.voiceover import Voiceover
from ..templating.model import (
    Audio, Background, Box, KenBurns, Layer, LogoLayer, ProgressBar, Size, Subtitles, Template, TextLayer, Timing,
    format_size,
)
from .fit import CLIP_TOO_LONG, TOO_LONG_TO_READ, Skip, fit_layers, layouts_dict

#: Preview: half the size, half the frame rate (``ClipPlan.preview``).
PREVIEW_SCALE = 0.5
PREVIEW_FPS = 15

#: Per scene kind, the slots whose text is the scene's message: what the
#: subtitles carry (in layer order) and what its reading time counts. Labels
#: such as the outlet, a caption counter or the small headline under a
#: caption are not read out.
SUBTITLE_SLOTS: dict[str, tuple[str, ...]] = {
    "hook": ("hook", "headline", "dek"),
    "caption": ("caption",),
    "quote": ("quote", "speaker"),
    "outro": ("cta",),
}

#: What the outro's reading time counts: the call to action and the handle
#: it points to (the subtitle carries the call to action only).
OUTRO_READ_SLOTS = ("cta", "handle")

#: What the apps' interfaces cover on a 9:16 canvas (scaled from 1080x1920):
#: TikTok the top 250 px, the bottom 420 px and the right 170 px; Reels the
#: top 14 %, the bottom 35 % and 6 % on each side.
TIKTOK_SAFE = {"top": 250, "bottom": 420, "right": 170, "height": 1920, "width": 1080}
REELS_SAFE = {"top": 0.14, "bottom": 0.35, "sides": 0.06}

SCENE_KINDS = ("hook", "caption", "quote", "outro")

#: With a voice-over: the last scene before the outro holds this long after the last word.
VOICE_TAIL = 0.4
#: ... a cue stays up at most this long after its last word when nothing follows it at once.
CUE_HOLD = 0.6
#: At least this share of the spoken words must be found in the article for the
#: scenes to follow what the voice reads; below, the voice is shared out evenly.
MIN_VOICE_MATCH = 0.3
#: A cue holds at most this many characters (about one subtitle line and a half).
CUE_CHARS = 32


@dataclass(frozen=True)
class SpokenCue:
    """Words of the voice-over on screen together: ``text`` from ``start`` to
    ``end`` (s on the clip's timeline), ``words`` the (start, end) of each of
    its words (the karaoke highlight), in ``scene`` (index in ``ClipPlan.scenes``)."""

    start: float
    end: float
    text: str
    words: tuple[tuple[float, float], ...]
    scene: int


@dataclass(frozen=True)
class PlannedLayer:
    """One template layer of a scene, placed on the canvas."""

    layer: Layer
    box: tuple[int, int, int, int]  # left, top, width, height in canvas pixels

    @property
    def is_text(self) -> bool:
        return isinstance(self.layer, TextLayer)


@dataclass(frozen=True)
class PlannedScene:
    kind: str  # hook | caption | quote | outro
    role: str  # "hook", "caption:2", "quote:0" (index in story.card_quotes, as for cards and alt texts), "outro"
    start: int  # first frame on the clip's timeline
    frames: int
    background: Background
    photo: Path | None  # the user's photo shown as background, if any
    ken_burns: KenBurns | None  # None: the background does not move
    layers: tuple[PlannedLayer, ...]
    values: Mapping[str, str]  # slot -> Story value for this scene
    subtitle: str
    #: text layer key -> its text fitted in its box at the template size: what the renderer draws
    layouts: Mapping[str, TextLayout] = field(default_factory=dict, compare=False, repr=False)

    @property
    def end(self) -> int:
        return self.start + self.frames


@dataclass(frozen=True)
class ClipPlan:
    template: str
    template_version: str
    size: Size
    fps: int
    frames: int
    scenes: tuple[PlannedScene, ...]
    cues: tuple[Cue, ...]
    transition: str  # cut | crossfade | slide
    transition_frames: int
    text_motion: str  # none | fade | slide | words
    text_duration: float
    progress_bar: ProgressBar | None
    audio: Audio
    music: Path | None  # the user's music, else the template's bed, else None (silent clip)
    lang: str
    notes: tuple[str, ...] = ()
    photo_credit_from: str = "none"  # where the printed photo credit comes from: flag | article | none
    skipped: tuple[Skip, ...] = ()  # scenes left out, and why
    preview: bool = False  # drawn at PREVIEW_SCALE, encoded as a fast draft
    voice: Voiceover | None = None  # the voice-over that times the clip, if any
    spoken: tuple[SpokenCue, ...] = ()  # its words as burned-in cues (empty without a voice-over)
    subtitles: Subtitles = Subtitles()  # how the template draws them
    voice_timing: str = "none"  # none | sentences (scenes follow what the voice says) | even

    @property
    def duration(self) -> float:
        return self.frames / self.fps

    def scene(self, role: str) -> PlannedScene:
        return next(s for s in self.scenes if s.role == role)

    def to_dict(self) -> dict:
        """The timeline as JSON-ready data (``repackage plan``)."""
        return {
            "template": self.template, "template_version": self.template_version,
            "size": format_size(self.size), "fps": self.fps, "frames": self.frames,
            "duration": round(self.duration, 3), "transition": self.transition,
            "music": str(self.music) if self.music else None, "lang": self.lang,
            "scenes": [{"role": s.role, "start": round(s.start / self.fps, 3),
                        "duration": round(s.frames / self.fps, 3), "photo": str(s.photo) if s.photo else None,
                        "ken_burns": s.ken_burns is not None, "text": s.subtitle,
                        "layouts": layouts_dict(s.layouts)} for s in self.scenes],
            "skipped": [k.to_dict() for k in self.skipped],
            "subtitles": [{"start": c.start, "end": c.end, "text": c.text} for c in self.cues],
            "notes": list(self.notes), "photo_credit_from": self.photo_credit_from,
            "preview": self.preview,
            **({"voiceover": {**self.voice.to_dict(), "timing": self.voice_timing,
                              "burned_in": self.subtitles.layer is not None,
                              "highlight": self.subtitles.highlight}} if self.voice else {}),
        }


@dataclass(frozen=True)
class _Draft:
    """A scene before frames are assigned."""

    kind: str
    role: str
    values: Mapping[str, str]
    seconds: float
    longest: float  # the most this scene may be stretched to


def reading_seconds(text: str, timing: Timing) -> float:
    return len(" ".join(text.split())) / timing.chars_per_second


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _shown(kind: str, scene_layers: Sequence[Layer], values: Mapping[str, str], lang: str,
           slots: Sequence[str] | None = None) -> list[str]:
    """What the scene's message layers (or ``slots``) display (see ``SUBTITLE_SLOTS``), in order."""
    out = []
    wanted = SUBTITLE_SLOTS[kind] if slots is None else slots
    for layer in scene_layers:
        if isinstance(layer, TextLayer) and layer.slot in wanted:
            text = layer_text(layer, values, lang)
            if text:
                out.append(text)
    return out


def _drafts(story: Story, template: Template, size: Size, lang: str, skip: frozenset[str]) -> tuple[list[_Draft], list[Skip]]:
    timing = template.clip.timing
    scenes = template.variant(size).scenes
    base = story_values(story, template.brand, with_photo=False)
    drafts, notes = [], []

    def add(kind: str, role: str, values: dict[str, str], low: float, high: float) -> None:
        if kind not in scenes or role in skip:
            return
        text = " ".join(_shown(kind, scenes[kind].layers, values, lang))
        seconds = _clamp(reading_seconds(text, timing), low, high)
        drafts.append(_Draft(kind, role, values, seconds, max(seconds, high)))

    add("hook", "hook", base, timing.hook_scene, max(timing.hook_scene, timing.max_scene))
    for i, caption in enumerate(story.captions):
        add("caption", f"caption:{i}", {**base, "caption": typeset(caption.text, lang)},
            timing.min_scene, timing.max_scene)
    if "quote" in scenes and story.card_quotes:
        limit = max(timing.quote_max_scene, timing.min_scene)
        for index, quote in enumerate(story.card_quotes):  # the first card quote readable in time
            values = {**base, **quote_values(quote, lang)}
            text = " ".join(_shown("quote", scenes["quote"].layers, values, lang))
            if f"quote:{index}" not in skip and reading_seconds(text, timing) <= limit:
                add("quote", f"quote:{index}", values, timing.min_scene, limit)
                break
        else:
            notes.append(Skip("quote", TOO_LONG_TO_READ,
                              "no quote scene: every attributed quote takes longer to read than the scene allows"))
    if "outro" in scenes and "outro" not in skip:  # read: the call to action and the handle under it
        text = " ".join(_shown("outro", scenes["outro"].layers, base, lang, OUTRO_READ_SLOTS))
        seconds = _clamp(reading_seconds(text, timing), timing.outro_scene,
                         max(timing.outro_scene, timing.max_scene))
        drafts.append(_Draft("outro", "outro", base, seconds, seconds))
    return drafts, notes


def _total(drafts: Sequence[_Draft], overlap: float) -> float:
    return sum(d.seconds for d in drafts) - overlap * max(0, len(drafts) - 1)


def _fit_length(drafts: list[_Draft], timing: Timing, overlap: float) -> tuple[list[_Draft], list[Skip], list[str]]:
    """Drop, shorten or stretch scenes so the clip lands in the target range: (scenes, dropped, notes)."""
    notes, dropped = [], []
    while _total(drafts, overlap) > timing.target_max:
        captions = [d for d in drafts if d.kind == "caption"]
        quote = [d for d in drafts if d.kind == "quote"]
        if len(captions) > 1:
            victim = captions[-1]
        elif quote:
            victim = quote[0]
        else:
            break
        drafts = [d for d in drafts if d is not victim]
        dropped.append(Skip(victim.role, CLIP_TOO_LONG, f"dropped {victim.role} to stay under {timing.target_max:g} s"))
    total = _total(drafts, overlap)
    if total > timing.target_max:
        drafts = _rescale(drafts, total - timing.target_max, shrink=True, floor=timing.min_scene)
        notes.append(f"shortened scenes to stay under {timing.target_max:g} s")
    elif total < timing.target_min:
        drafts = _rescale(drafts, timing.target_min - total, shrink=False, floor=timing.min_scene)
        if _total(drafts, overlap) < timing.target_min - 1e-6:
            notes.append(f"clip is shorter than {timing.target_min:g} s: the story has little text")
    return drafts, dropped, notes


def _rescale(drafts: list[_Draft], amount: float, *, shrink: bool, floor: float) -> list[_Draft]:
    """Take ``amount`` seconds off (or add them to) the scenes, evenly, within their limits."""
    drafts = list(drafts)
    for _ in range(len(drafts)):
        room = [(d.seconds - floor) if shrink else (d.longest - d.seconds) for d in drafts]
        open_ = [i for i, r in enumerate(room) if r > 1e-9]
        if amount <= 1e-9 or not open_:
            break
        share = amount / len(open_)
        for i in open_:
            step = min(share, room[i])
            drafts[i] = replace(drafts[i], seconds=drafts[i].seconds + (-step if shrink else step))
            amount -= step
    return drafts


def _photo_for(background: Background, photos: Sequence[Path], used: int) -> Path | None:
    if background.photo and photos:
        return photos[used % len(photos)]
    return None


def plan_clip(story: Story, template: Template, *, size: Size | None = None, photos: Sequence[str | Path] = (),
              music: str | Path | None = None, fps: int | None = None,
              skip: frozenset[str] = frozenset(), photo_credit: str | None = None,
              voice: Voiceover | None = None, preview: bool = False) -> ClipPlan:
    """The clip ``template`` makes of ``story`` (see the module doc for the rules).

    ``voice``: a voice-over whose timing drives the clip (see :func:`voice_timing`).

    ``photo_credit`` is the credit given with ``photos``, printed on every
    scene that shows one; without it, a single photo carries the article's
    photo credit (as on cards) and several photos none (see
    :func:`clip_photo_credit`). Photos the template has no place for are
    named in ``notes``. ``fps`` overrides the template's (``preview``: 15 fps
    unless given); ``skip`` names scene roles to leave out (``"quote:0"``,
    ``"caption:3"``).

    Every scene's texts are fitted in their boxes (``PlannedScene.layouts``):
    a caption or quote whose text does not fit even at the template's
    smallest size is never cut, the clip is planned without it and
    ``ClipPlan.skipped`` says so, as it says which scenes were dropped to
    keep the clip short and why no quote is shown. Raises ConfigError for a
    size the template lacks, TemplateError for a template that is not a
    clip template and RenderError when the hook or outro does not fit.
    """
    skip = frozenset(skip)
    left_out: list[Skip] = []
    while True:
        plan = _plan_once(story, template, size=size, photos=photos, music=music,
                          fps=fps or (PREVIEW_FPS if preview else None), skip=skip, photo_credit=photo_credit,
                          voice=voice)
        problem = None
        fitted = []
        for scene in plan.scenes:
            layouts, problem = fit_layers([pl.layer for pl in scene.layers], plan.size, scene.values, plan.lang,
                                          role=scene.role, where=f"{plan.template} {scene.role}")
            if problem is not None:
                break
            fitted.append(replace(scene, layouts=layouts))
        if problem is None:
            return replace(plan, scenes=tuple(fitted), skipped=tuple(left_out) + plan.skipped, preview=preview)
        if scene.kind not in ("caption", "quote") or scene.role in skip:
            raise RenderError(problem.message)
        skip |= {scene.role}
        left_out.append(problem)


def _plan_once(story: Story, template: Template, *, size: Size | None, photos: Sequence[str | Path],
               music: str | Path | None, fps: int | None, skip: frozenset[str],
               photo_credit: str | None, voice: Voiceover | None = None) -> ClipPlan:
    """The timeline without ``skip``, before any text is fitted."""
    if template.kind != "clip" or template.clip is None:
        raise TemplateError(f"{template.name} is a {template.kind} template, not a clip template",
                            str(template.path))
    size = size or template.default_size
    if size not in template.sizes:
        sizes = ", ".join(format_size(s) for s in template.sizes)
        raise ConfigError(f"template {template.name} has no size {format_size(size)} (it has {sizes})")
    clip = template.clip
    fps = fps or clip.fps
    lang = story.lang or story.article.lang
    transition = clip.transition.type if clip.transition.duration > 0 else "cut"
    t_frames = 0 if transition == "cut" else round(clip.transition.duration * fps)
    drafts, skipped = _drafts(story, template, size, lang, skip)
    if not drafts:
        raise TemplateError(f"{template.name}: no scene to show (the template needs at least one of "
                            f"{', '.join(SCENE_KINDS)})", str(template.path))
    groups: list[list[tuple]] = []
    how = "none"
    dropped: list[Skip] = []
    if voice is None:
        drafts, dropped, fit_notes = _fit_length(drafts, clip.timing, t_frames / fps)
    else:
        drafts, groups, how, fit_notes = voice_timing(drafts, voice, story, fps, t_frames)
    photos = [Path(p) for p in photos]
    credit, credit_from, credit_notes = clip_photo_credit(story, photos, photo_credit)
    scenes = _place(story, drafts, template, size, fps, t_frames, photos, lang, credit)
    shown = [s for s in scenes if s.photo is not None]
    if not shown:
        credit_from = "none"
    frames = scenes[-1].end
    bar = clip.progress_bar if clip.progress_bar.enabled else None
    spoken: tuple[SpokenCue, ...] = ()
    cues = _cues(scenes, t_frames, fps)
    subtitles = clip.subtitles.for_size(size)
    if voice is not None:
        spoken = _spoken_cues(groups, scenes, fps, t_frames, subtitles.words)
        cues = tuple(Cue(c.start, c.end, c.text) for c in spoken)
        if subtitles.layer is not None:
            scenes, band_notes = _clear_band(scenes, subtitles.layer, size, {c.scene for c in spoken})
            fit_notes += band_notes
    return ClipPlan(
        template=template.name, template_version=template.version, size=size, fps=fps, frames=frames,
        scenes=scenes, cues=cues, transition=transition, transition_frames=t_frames,
        text_motion=clip.motion.text, text_duration=clip.motion.text_duration, progress_bar=bar,
        audio=clip.audio, music=Path(music) if music else clip.audio.music, lang=lang,
        notes=tuple(fit_notes + credit_notes + _unused_photo_notes(template, size, photos, shown)),
        photo_credit_from=credit_from, skipped=tuple(skipped + dropped),
        voice=voice, spoken=spoken, subtitles=subtitles, voice_timing=how,
    )


def clip_photo_credit(story: Story, photos: Sequence[Path], photo_credit: str | None) -> tuple[str | None, str, list[str]]:
    """(credit to print on the scenes that show a photo, where it comes from, notes).

    One ``photo_credit`` cannot tell whose each of several photos is: it is
    printed on all of them (the user vouches for it). Without it, one photo
    gets the article's photo credit, as on cards (``plan.photo_credit_for``);
    several photos get none, rather than the article's photographer on
    photos that may not be theirs. ``None``: print no photo credit.
    """
    if not photos:
        return None, "none", []
    given = (photo_credit or "").strip()
    if len(photos) > 1 and not given:
        note = (f"{len(photos)} photos and no --photo-credit: no photo credit printed "
                "(the article's credit may not be theirs)")
        return None, "none", [note]
    credit, source = photo_credit_for(story, given or None, with_photo=True)
    return (credit or None), source, []


def _unused_photo_notes(template: Template, size: Size, photos: Sequence[Path],
                        shown: Sequence[PlannedScene]) -> list[str]:
    used = {s.photo for s in shown}
    unused = [p for p in photos if p not in used]
    if not unused:
        return []
    kinds = list(dict.fromkeys(s.kind for s in shown))
    where = f"shows a photo on the {' and '.join(kinds)} only" if kinds else "shows no photo"
    return [f"photo {p.name} not used: {template.name} {where}" for p in unused]


def _place(story: Story, drafts: Sequence[_Draft], template: Template, size: Size, fps: int, t_frames: int,
           photos: Sequence[Path], lang: str, photo_credit: str | None = None) -> tuple[PlannedScene, ...]:
    """Scenes on the timeline; ``photo_credit`` (see :func:`clip_photo_credit`) on those showing a photo."""
    variant = template.variant(size)
    out, start, used = [], 0, 0
    captions = [d for d in drafts if d.kind == "caption"]
    for d in drafts:
        scene = variant.scenes[d.kind]
        frames = max(round(d.seconds * fps), t_frames + 1)
        photo = _photo_for(scene.background, photos, used)
        used += photo is not None
        moving = photo is not None or scene.background.image is not None
        kb = template.clip.motion.ken_burns if moving else None
        values = dict(d.values)
        if d.kind == "caption":  # "2/3" counts the captions this clip shows
            values.update(caption_index=str(captions.index(d) + 1), caption_count=str(len(captions)))
        if photo is not None and photo_credit:  # credit the photo where it is on screen
            credited = story_values(story, template.brand, with_photo=True, photo_credit=photo_credit)
            values.update({k: v for k, v in credited.items() if k in ("photo_credit", "credits")})
        layers = tuple(PlannedLayer(layer, layer.box.pixels(size)) for layer in scene.layers)
        out.append(PlannedScene(
            kind=d.kind, role=d.role, start=start, frames=frames, background=scene.background,
            photo=photo, ken_burns=kb, layers=layers, values=values,
            subtitle="\n".join(_shown(d.kind, scene.layers, values, lang)),
        ))
        start += frames - t_frames
    return tuple(out)


def _cues(scenes: Sequence[PlannedScene], t_frames: int, fps: int) -> tuple[Cue, ...]:
    cues = []
    last = len(scenes) - 1
    for i, s in enumerate(scenes):
        if not s.subtitle:
            continue
        start = s.start + (t_frames / 2 if i > 0 else 0)
        end = s.end - (t_frames / 2 if i < last else 0)
        cues.append(Cue(start / fps, end / fps, s.subtitle))
    return tuple(cues)


def safe_zone(size: Size) -> tuple[int, int, int, int] | None:
    """(left, top, right, bottom) of the area neither TikTok's nor Reels' interface
    covers, for 9:16 canvases; None for other shapes."""
    w, h = size
    if w * 16 != h * 9:
        return None
    sx, sy = w / TIKTOK_SAFE["width"], h / TIKTOK_SAFE["height"]
    return (math.ceil(REELS_SAFE["sides"] * w),
            math.ceil(max(TIKTOK_SAFE["top"] * sy, REELS_SAFE["top"] * h)),
            math.floor(w - max(TIKTOK_SAFE["right"] * sx, REELS_SAFE["sides"] * w)),
            math.floor(h - max(TIKTOK_SAFE["bottom"] * sy, REELS_SAFE["bottom"] * h)))


def unsafe_layers(plan: ClipPlan) -> list[str]:
    """Text and logo layers of the plan that reach under an app's interface (empty when all are safe)."""
    zone = safe_zone(plan.size)
    if zone is None:
        return []
    left, top, right, bottom = zone
    out = []
    for scene in plan.scenes:
        for pl in scene.layers:
            x, y, w, h = pl.box
            shown = pl.is_text or isinstance(pl.layer, LogoLayer)
            if shown and (x < left or y < top or x + w > right or y + h > bottom):
                out.append(f"{scene.role}: layer {pl.layer.index} ({pl.layer.slot or 'text'}) box {pl.box}")
    band = plan.subtitles.layer
    if plan.spoken and band is not None:
        x, y, w, h = band.box.pixels(plan.size)
        if x < left or y < top or x + w > right or y + h > bottom:
            out.append(f"subtitles: box {(x, y, w, h)}")
    return out


# --------------------------------------------------------------------------- voice-over timing


def _where_said(story: Story, voice: Voiceover) -> tuple[list[int | None], float]:
    """For each spoken word, the article sentence it reads (-1: the headline; None:
    not found in the article), and the share of spoken words found."""
    import difflib
    import re

    head = story.article.headline
    ref_text = head + "\n\n" + story.article.text
    offset = len(head) + 2
    ref: list[tuple[str, int]] = []
    for m in re.finditer(r"\S+", ref_text):
        ref += [(tok, m.start()) for tok in tokens(m.group(0))]
    hyp: list[tuple[str, int]] = []
    for j, w in enumerate(voice.words):
        hyp += [(tok, j) for tok in tokens(w.text)]
    where: list[int | None] = [None] * len(voice.words)
    spans = [(s.span.start, s.span.end, s.index) for s in story.sentences]
    sm = difflib.SequenceMatcher(a=[t for t, _ in ref], b=[t for t, _ in hyp], autojunk=False)
    for block in sm.get_matching_blocks():
        if block.size < 2:  # a lone common word ("the") matched far away is no evidence
            continue
        for k in range(block.size):
            char = ref[block.a + k][1]
            j = hyp[block.b + k][1]
            if char < offset:
                where[j] = -1
            else:
                pos = char - offset
                where[j] = next((i for a, b, i in spans if a <= pos < b), where[j])
    found = sum(x is not None for x in where) / max(1, len(where))
    return where, found


def _scene_of_sentence(drafts: Sequence[_Draft], story: Story) -> dict[int, int]:
    """Article sentence index (-1: headline) -> index in ``drafts`` of the scene that shows it."""
    owner: dict[int, int] = {}
    for k, d in enumerate(drafts):
        kind, _, index = d.role.partition(":")
        if kind == "hook":
            owner.setdefault(-1, k)
        elif kind == "caption":
            for i in story.captions[int(index)].sources:
                owner.setdefault(i, k)
        elif kind == "quote":
            for i in story.card_quotes[int(index)].sentence_indices:
                owner.setdefault(i, k)
    return owner


def voice_timing(drafts: list[_Draft], voice: Voiceover, story: Story, fps: int,
                 t_frames: int) -> tuple[list[_Draft], list[list[tuple]], str, list[str]]:
    """Scene lengths from the voice: (drafts kept, in the voice's order; the spoken
    words of each; "sentences" | "even"; notes).

    Each spoken word is found in the article (``_where_said``); a run of words
    read from a sentence that a scene shows (the headline for the hook, a
    caption's source sentences, a quote's) goes to that scene, other runs stay
    with the scene before them (the first with the first scene). Scenes come
    in the order the voice reaches them; one the voice never reaches is left
    out. When less than ``MIN_VOICE_MATCH`` of the spoken words are found in
    the article, or none of them in a scene's sentence, the voice is shared
    out evenly in time over the scenes, in story order. A cut falls where one
    run ends and the next begins (the middle of the crossfade there); the last
    spoken scene ends ``VOICE_TAIL`` after the last word; the outro follows
    with its own reading time.
    """
    body = [d for d in drafts if d.kind != "outro"]
    outro = [d for d in drafts if d.kind == "outro"]
    if not body:
        body, outro = outro, []
    words = voice.words
    notes: list[str] = []
    where, found = _where_said(story, voice)
    owner = _scene_of_sentence(body, story)
    scene_of = [owner.get(w) if w is not None else None for w in where]
    how = "sentences"
    if found < MIN_VOICE_MATCH or not any(k is not None for k in scene_of):
        how = "even"
        n = min(len(body), len(words))
        end = max(voice.speech_end, 1e-6)
        scene_of = [min(n - 1, int((w.start + w.end) / 2 / end * n)) for w in words]
        notes.append(f"the voice-over does not read the story's scenes ({found:.0%} of its words found in the "
                     f"article): scenes shared out evenly over it")
    # runs of words per scene, in the voice's order; unplaced words and returns stay with the run before
    order: list[int] = []
    groups: dict[int, list] = {}
    current: int | None = None
    for w, k in zip(words, scene_of):
        if k is not None and k not in groups:
            current = k
            order.append(k)
            groups[k] = []
        if current is None:  # words before any scene is recognised: the first scene's
            current = next(x for x in scene_of if x is not None)
            order.append(current)
            groups[current] = []
        groups[current].append(w)
    for k, d in enumerate(body):
        if k not in groups:
            notes.append(f"dropped {d.role}: the voice-over does not read it")
    kept = [body[k] for k in order]
    spoken = [groups[k] for k in order]
    half = t_frames / 2
    starts = [0] + [round((a[-1].end + b[0].start) / 2 * fps - half) for a, b in zip(spoken, spoken[1:])]
    body_end = round((voice.speech_end + VOICE_TAIL) * fps)
    if outro:  # the crossfade into the outro is centred VOICE_TAIL after the last word
        starts.append(max(round(body_end - half), starts[-1] + t_frames + 1))
    out: list[_Draft] = []
    for k, d in enumerate(kept + outro):
        if k + 1 < len(starts):
            frames = max(starts[k + 1] - starts[k] + t_frames, t_frames + 1)
        elif outro:
            frames = max(round(d.seconds * fps), t_frames + 1)
        else:
            frames = max(body_end - starts[k], t_frames + 1)
        out.append(replace(d, seconds=frames / fps, longest=frames / fps))
    return out, [[(w.text, w.start, w.end) for w in g] for g in spoken] + [[] for _ in outro], how, notes


def _chunks(words: Sequence[tuple], most: int) -> list[list[tuple]]:
    """Words in groups of at most ``most`` words and about ``CUE_CHARS`` characters, never across a sentence end."""
    out: list[list[tuple]] = []
    current: list[tuple] = []
    for w in words:
        length = len(" ".join(x[0] for x in current + [w]))
        if current and (len(current) >= most or length > CUE_CHARS):
            out.append(current)
            current = []
        current.append(w)
        if w[0].rstrip("»”\"')").endswith((".", "!", "?", "…", ",", ";", ":")) and len(current) >= 2:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def _spoken_cues(groups: Sequence[Sequence[tuple]], scenes: Sequence[PlannedScene], fps: int, t_frames: int,
                 most: int) -> tuple[SpokenCue, ...]:
    """The voice's words as cues, each inside its scene (up to the crossfade's middle)."""
    cues: list[SpokenCue] = []
    for k, (words, scene) in enumerate(zip(groups, scenes)):
        if not words:
            continue
        limit = (scene.end - (t_frames / 2 if k < len(scenes) - 1 else 0)) / fps
        chunks = _chunks(words, most)
        for n, chunk in enumerate(chunks):
            start = chunk[0][1]
            follow = chunks[n + 1][0][1] if n + 1 < len(chunks) else None
            hold = chunk[-1][2] + CUE_HOLD
            end = min(limit, follow if follow is not None and follow - chunk[-1][2] < CUE_HOLD else hold)
            if end <= start:
                continue
            times = [(w[1], chunk[i + 1][1] if i + 1 < len(chunk) else w[2]) for i, w in enumerate(chunk)]
            cues.append(SpokenCue(round(start, 3), round(end, 3), " ".join(w[0] for w in chunk),
                                  tuple((round(a, 3), round(max(a, b), 3)) for a, b in times), k))
    # one cue at a time, even where a scene cut (on a frame) falls a hair after the next word starts
    return tuple(replace(c, end=min(c.end, n.start)) if n.start > c.start else c
                 for c, n in zip(cues, cues[1:] + [cues[-1]])) if cues else ()


def _clear_band(scenes: Sequence[PlannedScene], band: TextLayer, size: Size,
                spoken: set[int]) -> tuple[tuple[PlannedScene, ...], list[str]]:
    """Spoken scenes with their text layers cut to end above the subtitle box (left
    out when too little is left), and notes for required layers that cannot be:
    they keep their box, under the subtitles (a template to fix)."""
    bx, by, bw, bh = band.box.pixels(size)
    gap = round(0.02 * size[1])
    out, notes = [], []
    for k, scene in enumerate(scenes):
        if k not in spoken:
            out.append(scene)
            continue
        layers = []
        for pl in scene.layers:
            x, y, w, h = pl.box
            overlaps = x < bx + bw and bx < x + w and y < by + bh and by < y + h
            if not (pl.is_text and overlaps):
                layers.append(pl)
                continue
            height = by - gap - y
            if height < 0.02 * size[1]:
                if pl.layer.required:
                    layers.append(pl)
                    notes.append(f"{scene.role}: the subtitles box covers {pl.layer.slot or 'text'} "
                                 f"(the template should keep them apart)")
                continue
            box = Box(x / size[0], y / size[1], w / size[0], height / size[1])
            layer = replace(pl.layer, box=box)
            layers.append(PlannedLayer(layer, layer.box.pixels(size)))
        out.append(replace(scene, layers=tuple(layers)))
    return tuple(out), notes


# --------------------------------------------------------------------------- requests


def check_clip_request(*, template: str = "clip-default", size: str | tuple[int, int] | None = None,
                       templates_dir: str | Path | None = None, brand: str | Path | None = None) -> Template:
    """The clip template of a request; refuses, before anything is rendered, a
    template that is missing, broken or not a clip template, or a size it does
    not offer (TemplateError / ConfigError: bad input)."""
    tpl = load_template(template, templates_dir=templates_dir, brand=brand)
    if tpl.kind != "clip":
        raise ConfigError(f"template {tpl.name} is a {tpl.kind} template, not a clip template")
    wanted = request_size(size)
    if wanted is not None and wanted not in tpl.sizes:
        sizes = ", ".join(format_size(s) for s in tpl.sizes)
        raise ConfigError(f"clip template {tpl.name} has no size {format_size(wanted)} (it has {sizes})")
    return tpl


def plan_clip_request(story: Story, *, template: str = "clip-default", size: str | tuple[int, int] | None = None,
                      photos: Sequence[str | Path] = (), music: str | Path | None = None, preview: bool = False,
                      photo_credit: str | None = None, templates_dir: str | Path | None = None,
                      brand: str | Path | None = None, voice: Voiceover | None = None) -> tuple[ClipPlan, Template]:
    """(the clip a request makes: scenes, timings, fitted texts, subtitles; its template). Nothing drawn.

    ``voice``: the voice-over already transcribed (``speech.voiceover``) that times the clip."""
    tpl = check_clip_request(template=template, size=size, templates_dir=templates_dir, brand=brand)
    return plan_clip(story, tpl, size=request_size(size), photos=list(photos), music=music, preview=preview,
                     photo_credit=photo_credit, voice=voice), tpl


def request_size(size: str | tuple[int, int] | None) -> tuple[int, int] | None:
    return parse_size(size) if isinstance(size, str) else size
