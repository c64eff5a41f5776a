"""Vertical clips for TikTok, Reels and Shorts: the front door of the video stage.

``render_clip_plan(plan, ...)`` draws one planned clip (``repackage.plan.clip``:
scenes, timings and fitted texts all decided there, no planning here), each
scene's background and layers once with
the same code as the cards (``repackage.render.image``), makes sure every
text is legible over what moves behind it, and hands the result to the frame
compositor and encoder (``repackage.render.video``). It writes, under
``out_dir/clips/``: ``<name>.mp4``, ``<name>.srt``, ``<name>.vtt`` and the
cover ``<name>.jpg``, each atomically, and returns their ``Asset``s.
``render_clips(story, out_dir, ...)`` plans a request and draws it.
"""

from __future__ import annotations

import functools
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Mapping, Sequence

import numpy as np
from PIL import Image, ImageFont

from ..plan import clip as clipplan
from ..plan.clip import ClipPlan, PlannedScene, check_clip_request, plan_clip_request  # noqa: F401  (re-exported)
from ..errors import MediaError
from ..fsutil import write_text
from ..models import Asset, Story
from ..render import image as cards
from .. import subtitles
from ..render import video
from ..render.text import render_layout
from ..speech.voiceover import Voiceover
from ..templating.style import parse_color
from ..templating.typeset import TextLayout
from ..templating import Layer, Template, TextLayer

MessageFn = Callable[[str], None]

#: Preview: half the size, half the frame rate (decided in the plan), fastest x264.
PREVIEW_SCALE, PREVIEW_FPS = clipplan.PREVIEW_SCALE, clipplan.PREVIEW_FPS

#: Slots that carry a scene's main text: they get the template's text motion
#: (``words`` included); other layers fade in with them.
MAIN_SLOTS = ("hook", "headline", "caption", "quote", "cta")
STAGGER = 0.08  # s between the entrances of a scene's layers
WORD_STEP = 0.12  # s between two words of a word-by-word reveal, at most
WORDS_SHARE = 0.45  # a word-by-word reveal takes at most this share of its scene
#: Where a detected face goes on a clip's photo, as a fraction of the height:
#: the upper part of the frame, above the text (templates keep text below).
FACE_Y = 0.3
FACE_BOTTOM = 0.36  # and their chins no lower (Ken Burns zooms them ~5 % further)


@dataclass(frozen=True)
class SceneArt:
    """A scene's pixels, drawn once: background and layer sprites (output size)."""

    background: np.ndarray
    sprites: tuple[video.Sprite, ...]
    legibility: Mapping[str, dict]  # text layer key -> {"ratio": reached, "required": WCAG minimum, "scrim": opacity}


def render_clips(story: Story, out_dir: str | Path, *, template: str = "clip-default",
                 size: str | tuple[int, int] | None = None, photos: Sequence[str | Path] = (),
                 music: str | Path | None = None, preview: bool = False,
                 templates_dir: str | Path | None = None, brand: str | Path | None = None,
                 progress: MessageFn | None = None, photo_credit: str | None = None,
                 voice: Voiceover | None = None) -> list[Asset]:
    """Render the clip ``template`` makes of ``story``; return its assets.

    ``photos`` are used in turn as backgrounds of the scenes that show a
    photo; ``music`` replaces the template's bed (looped or trimmed, faded,
    normalised to the template's loudness, −14 LUFS by default). With no
    music at all (no ``music`` and no bed in the template) the MP4 has no
    audio track rather than a silent one. ``preview`` renders a fast
    half-size, 15 fps draft (x264 ultrafast, CRF 30). ``progress`` receives
    short messages (about every 10 % of the frames). ``voice`` (from
    ``speech.voiceover.load_voiceover``) times the clip, its words are burned
    in as the template's ``[subtitles]`` say, and the sound is the voice over
    the music ducked under it (``[audio] duck``, ``duck_ramp``). Raises
    MediaError for unusable photos or music, TemplateError, ConfigError,
    RenderError otherwise.
    """
    photo_paths = [_media(p, "photo") for p in photos]
    music_path = _media(music, "music file") if music else None
    plan, tpl = clipplan.plan_clip_request(story, template=template, size=size, photos=photo_paths, music=music_path,
                                           preview=preview, photo_credit=photo_credit,
                                           templates_dir=templates_dir, brand=brand, voice=voice)
    return render_clip_plan(plan, tpl, story, out_dir, progress=progress)


def render_clip_plan(plan: ClipPlan, tpl: Template, story: Story, out_dir: str | Path, *,
                     progress: MessageFn | None = None) -> list[Asset]:
    """Draw and encode one planned clip as the plan has it (scenes, fitted texts, cues, music); no planning.

    ``story`` gives the clip's alt texts. Writes ``clips/<name>.mp4``, ``.srt``,
    ``.vtt`` and the cover ``.jpg`` under ``out_dir``; returns their assets.
    """
    say = progress or (lambda _msg: None)
    with tempfile.TemporaryDirectory(prefix="repackage-clip-") as work, ThreadPoolExecutor(1) as pool:
        # The music bed only needs the clip's length: prepare it while the
        # scenes are drawn (both cores are free until the encode starts).
        early = pool.submit(_music, plan, Path(work)) if plan.music else None
        arts = draw_scenes(plan)
        bed = early.result() if early else None
        if plan.voice is not None:
            bed = _voice_mix(plan, bed, Path(work) / "voice")
        out = Path(out_dir) / "clips"
        name = f"{tpl.name}-{plan.size[0]}x{plan.size[1]}" + ("-preview" if plan.preview else "")
        timeline = build_timeline(plan, arts, preview=plan.preview)
        say(f"clip {name}: {timeline.frames} frames, {timeline.duration:.1f} s")
        settings = video.EncodeSettings.draft() if plan.preview else video.EncodeSettings()
        mp4 = video.encode_video(timeline, out / f"{name}.mp4", music=bed, settings=settings,
                                 progress=_every_tenth(say, name))
    write_text(out / f"{name}.srt", subtitles.to_srt(plan.cues))
    write_text(out / f"{name}.vtt", subtitles.to_vtt(plan.cues, lang=plan.lang))
    cover_scene = next((i for i, s in enumerate(plan.scenes) if s.kind == "hook"), 0)
    video.save_scene_frame(timeline, cover_scene, out / f"{name}.jpg")
    return _assets(story, plan, arts, mp4, out, name, tpl, timeline)


def _music(plan: ClipPlan, work: Path) -> video.MusicBed:
    work.mkdir(parents=True, exist_ok=True)
    audio = plan.audio
    return video.prepare_music(plan.music, plan.duration, work, volume=audio.volume, fade_in=audio.fade_in,
                               fade_out=audio.fade_out, target_lufs=audio.loudness)


def speech_spans(plan: ClipPlan, bridge: float = 0.5) -> list[tuple[float, float]]:
    """When the voice-over speaks, as (start, end) s; pauses shorter than ``bridge`` s are bridged."""
    spans: list[list[float]] = []
    for w in plan.voice.words if plan.voice else ():
        if spans and w.start - spans[-1][1] < bridge:
            spans[-1][1] = max(spans[-1][1], w.end)
        else:
            spans.append([w.start, w.end])
    return [(a, b) for a, b in spans]


def _voice_mix(plan: ClipPlan, bed: video.MusicBed | None, work: Path) -> video.MusicBed:
    audio = plan.audio
    assert plan.voice is not None
    return video.mix_voiceover(plan.voice.path, plan.duration, speech_spans(plan), work, bed=bed,
                               duck_db=audio.duck, ramp=audio.duck_ramp, target_lufs=audio.loudness)


def _media(path: str | Path, what: str) -> Path:
    path = Path(path)
    if not path.is_file():
        raise MediaError(f"{what} not found", str(path))
    return path


def _every_tenth(say: MessageFn, name: str) -> video.ProgressFn:
    def report(done: int, total: int) -> None:
        if done == total or done % max(1, total // 10) == 0:
            say(f"clip {name}: {done}/{total} frames ({100 * done // total} %)")
    return report


# --------------------------------------------------------------------------- planning + drawing


def draw_scenes(plan: ClipPlan) -> list[SceneArt]:
    """Every scene of ``plan`` drawn once, at preview scale for a preview plan."""
    scale = PREVIEW_SCALE if plan.preview else 1.0
    return [draw_scene(plan, scene, scale) for scene in plan.scenes]


def draw_scene(plan: ClipPlan, scene: PlannedScene, scale: float = 1.0) -> SceneArt:
    """Draw one scene once: its background (pre-scaled for Ken Burns) and layer sprites.

    Layers are drawn at the template size and scaled by ``scale``. Each text
    layer gets a soft local scrim when the background behind it (at the
    start, middle and end of its motion) is not contrasted enough.
    """
    size, lang = plan.size, plan.lang
    zoom = max(scene.ken_burns.zoom_from, scene.ken_burns.zoom_to, 1.0) if scene.ken_burns else 1.0
    out_w, out_h = _even(size[0] * scale), _even(size[1] * scale)
    photo = cards.load_photo(scene.photo) if scene.photo else None
    big = cards.render_background(scene.background, (_even(out_w * zoom), _even(out_h * zoom)), photo,
                                  face_y=FACE_Y, face_bottom=FACE_BOTTOM)
    rgb = np.asarray(big.convert("RGB"))
    background = video.rgb_to_i420(rgb)
    behind = _backgrounds(rgb, background, scene, size)
    sprites: list[video.Sprite] = []
    legibility: dict[str, dict] = {}
    order = 0
    for layer in (pl.layer for pl in scene.layers):
        placed = cards.render_layer(layer, size, scene.values, lang, photo=photo, layouts=scene.layouts)
        if placed is None:
            continue
        motion = _motion(plan, scene, layer, order)
        order += 1
        words: list[tuple[int, int, int, int]] = []
        if placed.layout is not None:
            if motion.kind == "words":
                words = word_boxes(placed.layout)
            if isinstance(layer, TextLayer) and layer.contrast:
                scrim, reached = _legibility(behind, placed, size)
                if reached is not None:
                    legibility[cards.layer_key(layer)] = {"ratio": reached.ratio, "required": reached.required,
                                                          "scrim": reached.scrim}
                if scrim is not None:
                    fade = video.Motion("fade" if motion.kind != "none" else "none", motion.delay, plan.text_duration)
                    sprites.append(video.Sprite.from_image(scrim, 0, 0, motion=fade, scale=scale))
        sprites.append(video.Sprite.from_image(placed.image, placed.x, placed.y, motion=motion, words=words,
                                               scale=scale))
    sprites += spoken_sprites(plan, scene, scale)
    return SceneArt(background, tuple(s for s in sprites if s is not None), legibility)


def spoken_sprites(plan: ClipPlan, scene: PlannedScene, scale: float = 1.0) -> list[video.Sprite | None]:
    """The voice-over's cues of ``scene`` burned in: each cue's words in the
    template's ``[subtitles]`` box while they are spoken and, with
    ``highlight = "word"``, the word being spoken drawn over them in the
    highlight colour (karaoke). Nothing without a voice-over or a box."""
    layer = plan.subtitles.layer
    if layer is None or not plan.spoken:
        return []
    index = next(i for i, s in enumerate(plan.scenes) if s is scene)
    offset = scene.start / plan.fps
    out: list[video.Sprite | None] = []
    for cue in (c for c in plan.spoken if c.scene == index):
        placed = cards.render_layer(layer, plan.size, {"caption": cue.text}, plan.lang)
        if placed is None or placed.layout is None:
            continue
        window = (cue.start - offset, cue.end - offset)
        out.append(video.Sprite.from_image(placed.image, placed.x, placed.y, window=window, scale=scale))
        if plan.subtitles.highlight != "word":
            continue
        layout = placed.layout
        plain = replace(layout, style=replace(layout.style, shadow=None, highlight=None))
        lit = render_layout(plain, color=plan.subtitles.highlight_color)
        boxes = word_boxes(layout)
        if not boxes:
            continue
        n = len(cue.words)
        # one box per spoken word; when typesetting joined or split words, the nearest box
        picked = boxes if len(boxes) == n else [boxes[min(len(boxes) - 1, i * len(boxes) // n)] for i in range(n)]
        times = [(a - offset, b - offset) for a, b in cue.words]
        out.append(video.Sprite.from_image(lit, placed.x, placed.y, words=picked, window=window,
                                           word_times=times, scale=scale))
    return out


def _motion(plan: ClipPlan, scene: PlannedScene, layer: Layer, order: int) -> video.Motion:
    kind = plan.text_motion
    if kind == "none":
        return video.Motion("none")
    # after a crossfade's midpoint: the outgoing text has gone (see video._crossfade)
    crossing = plan.transition == "crossfade" and scene.start > 0
    delay = (plan.transition_frames / 2 / plan.fps if crossing else 0.0) + STAGGER * order
    is_main = isinstance(layer, TextLayer) and layer.slot in MAIN_SLOTS
    if kind == "words" and is_main:
        words = len(scene.values.get(layer.slot, "").split())
        span = min(WORD_STEP * words, WORDS_SHARE * scene.frames / plan.fps)
        return video.Motion("words", delay, max(span, plan.text_duration))
    if kind == "words" or (kind == "slide" and not isinstance(layer, TextLayer)):
        kind = "fade"
    return video.Motion(kind, delay, plan.text_duration)


def _even(n: float) -> int:
    return 2 * round(n / 2)


def _backgrounds(rgb: np.ndarray, background: np.ndarray, scene: PlannedScene,
                 size: tuple[int, int]) -> tuple[Image.Image, Image.Image]:
    """The worst backgrounds a text may sit on, at template size: (brightest,
    darkest) of the start, middle and end frames of a Ken Burns motion; the
    background itself twice when it does not move."""
    if scene.ken_burns is None:
        frames = [rgb]
    else:
        kb = scene.ken_burns
        moving = video.SceneFrames(0, scene.frames, background,
                                   ken_burns=video.KenBurns(kb.zoom_from, kb.zoom_to, tuple(kb.pan)))
        zoom = moving.ken_burns.max_zoom
        out_size = (_even(rgb.shape[1] / zoom), _even(rgb.shape[0] / zoom))
        frames = video.background_frames(moving, out_size, (0, scene.frames // 2, scene.frames - 1))
    out = []
    for extreme in (np.maximum, np.minimum):
        image = Image.fromarray(extreme.reduce(frames) if len(frames) > 1 else frames[0])
        out.append(image if image.size == tuple(size) else image.resize(size, Image.BILINEAR))
    return out[0], out[1]


def _legibility(behind: tuple[Image.Image, Image.Image], placed: cards.PlacedLayer,
                size: tuple[int, int]) -> tuple[Image.Image | None, cards.Legibility | None]:
    """(scrim overlay to put under the text or None, contrast reached or None for no ink).

    Light text is measured against the brightest background it will move
    over, dark text against the darkest.
    """
    layout = placed.layout
    assert layout is not None
    text_rgb = np.array([[parse_color(layout.style.color)[:3]]], np.uint8)
    light = float(cards.luminance(text_rgb)[0, 0]) >= 0.18  # lighter than mid grey
    canvas = (behind[0] if light else behind[1]).copy()
    if layout.style.highlight:
        on_bars = _contrast_on_bars(canvas, placed, text_rgb)
        if on_bars is not None and on_bars.ratio >= on_bars.required:
            return None, on_bars  # the bars carry the text: no scrim over the photo between them
    if layout.style.highlight:
        # The text sits on its own bars: measure against the bars over the
        # background (what ensure_legible does itself, but its highlight
        # path fails for bars that touch the box edge).
        canvas = canvas.convert("RGBA")
        canvas.alpha_composite(render_layout(layout, color="#00000000"), (placed.x, placed.y))
        canvas = canvas.convert("RGB")
        bare = replace(layout, style=replace(layout.style, highlight=None))
        placed = replace(placed, layout=bare)
    result = cards.ensure_legible(canvas, placed)
    if result is None or result.scrim <= 0:
        return None, result
    # The same soft scrim ensure_legible drew, as an RGBA overlay that stays
    # put on screen while the background moves under it.
    region = cards._ink_region(placed, size)
    probe = Image.new("RGB", size, (0, 0, 0))
    cards._local_scrim(probe, region, (255, 255, 255), result.scrim, pad=round(placed.layout.size * 0.45))
    shade = parse_color(result.scrim_color or "#000000")[:3]
    overlay = Image.new("RGBA", size, shade + (0,))
    overlay.putalpha(probe.getchannel("R"))
    return overlay, result


def _contrast_on_bars(canvas: Image.Image, placed: cards.PlacedLayer, text_rgb: np.ndarray) -> cards.Legibility | None:
    """Contrast of text on its own highlight bars (bar colour over the worst background under
    the bars, the photo between them left out); None when no bar is drawn."""
    layout = placed.layout
    assert layout is not None
    bars = render_layout(layout, color="#00000000")
    x0, y0 = max(0, placed.x), max(0, placed.y)
    x1, y1 = min(canvas.width, placed.x + bars.width), min(canvas.height, placed.y + bars.height)
    if x1 <= x0 or y1 <= y0:
        return None
    region = canvas.crop((x0, y0, x1, y1)).convert("RGBA")
    bars = bars.crop((x0 - placed.x, y0 - placed.y, x1 - placed.x, y1 - placed.y))
    region.alpha_composite(bars)
    under = np.asarray(bars.getchannel("A")) >= 128
    if not under.any():
        return None
    lum = cards.luminance(np.asarray(region.convert("RGB"))[under])
    text_lum = float(cards.luminance(text_rgb)[0, 0])
    worst = float(np.percentile(lum, 95 if text_lum >= float(np.median(lum)) else 5))
    ratio = cards.contrast_ratio(text_lum, worst)
    return cards.Legibility(round(ratio, 2), cards.required_contrast(layout, canvas.width), 0.0)


@functools.lru_cache(maxsize=32)
def _font(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=index)


def word_boxes(layout: TextLayout) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1, relative to the text box) of each word, in reading order.

    A word's box runs from the middle of the space before it to the middle
    of the space after it, over its line's height.
    """
    boxes: list[tuple[int, int, int, int]] = []
    spacing = layout.style.letter_spacing * layout.size
    pad = round(0.25 * layout.size)
    for line in layout.lines:
        cuts = []
        for run in line.runs:
            if run.emoji:
                continue
            font = _font(run.font, run.font_index, layout.size)
            full = font.getlength(run.text) + spacing * len(run.text)
            half_space = font.getlength(" ") / 2
            for i, ch in enumerate(run.text):
                if ch == " ":
                    before = font.getlength(run.text[:i]) + spacing * i
                    offset = full - before - half_space if run.rtl else before + half_space
                    cuts.append(run.x + offset)
        edges = [line.x - pad, *sorted(cuts), line.x + line.width + pad]
        top, bottom = line.y - pad, line.y + line.height + pad
        words = [(round(a), top, round(b), bottom) for a, b in zip(edges, edges[1:])]
        boxes += reversed(words) if line.rtl else words
    return boxes


# --------------------------------------------------------------------------- timeline + assets


def build_timeline(plan: ClipPlan, arts: Sequence[SceneArt], *, preview: bool = False) -> video.Timeline:
    """The compositor's view of a drawn plan, at output size."""
    scale = PREVIEW_SCALE if preview else 1.0
    w, h = _even(plan.size[0] * scale), _even(plan.size[1] * scale)
    scenes = []
    for scene, art in zip(plan.scenes, arts):
        kb = scene.ken_burns
        scenes.append(video.SceneFrames(
            start=scene.start, frames=scene.frames, background=art.background, sprites=art.sprites,
            ken_burns=video.KenBurns(kb.zoom_from, kb.zoom_to, tuple(kb.pan)) if kb else None,
        ))
    bar = None
    if plan.progress_bar is not None:
        color = parse_color(plan.progress_bar.color)[:3]
        bar = video.ProgressBar(color, max(1, round(plan.progress_bar.height * h)), plan.progress_bar.position)
    return video.Timeline(size=(w, h), fps=plan.fps, frames=plan.frames, scenes=tuple(scenes),
                          transition=plan.transition, transition_frames=plan.transition_frames, progress_bar=bar)


def _alt_text(story: Story, *targets: str) -> str:
    by_target = {a.target: a.text for a in story.post_copy.alt_texts}
    return next((by_target[t] for t in targets if by_target.get(t)), story.article.headline)


def _assets(story: Story, plan: ClipPlan, arts: Sequence[SceneArt], mp4: Path, out: Path, name: str,
            tpl: Template, timeline: video.Timeline) -> list[Asset]:
    info = video.probe(mp4)
    v, a = info["video"], info["audio"]
    loudness = video.integrated_loudness(mp4) if a else None
    legibility = {s.role: dict(art.legibility) for s, art in zip(plan.scenes, arts) if art.legibility}
    common = dict(template=tpl.name, template_version=tpl.version)
    rel = f"clips/{name}"
    clip = Asset(
        kind="clip", path=f"{rel}.mp4", mime="video/mp4", width=v["width"], height=v["height"],
        alt_text=_alt_text(story, "clip", "headline"), duration=info["duration"], codec=v["codec"], role="clip",
        extra={
            "fps": v["fps"], "profile": v["profile"], "pix_fmt": v["pix_fmt"], "frames": timeline.frames,
            "audio": a, "loudness_lufs": loudness, "scenes": [s.role for s in plan.scenes],
            "notes": list(plan.notes), "skipped": [k.to_dict() for k in plan.skipped], "legibility": legibility,
            "photo_credit_from": plan.photo_credit_from,
            "unsafe_text": clipplan.unsafe_layers(plan),
            **({"voiceover": plan.to_dict()["voiceover"]} if plan.voice else {}),
        },
        **common,
    )
    cover_w, cover_h = timeline.size
    return [
        clip,
        Asset(kind="subtitles", path=f"{rel}.srt", mime="application/x-subrip", role="subtitles",
              extra={"cues": len(plan.cues)}, **common),
        Asset(kind="subtitles", path=f"{rel}.vtt", mime="text/vtt", role="subtitles",
              extra={"cues": len(plan.cues)}, **common),
        Asset(kind="cover", path=f"{rel}.jpg", mime="image/jpeg", width=cover_w, height=cover_h,
              alt_text=_alt_text(story, "cover", "headline"), role="cover", **common),
    ]
