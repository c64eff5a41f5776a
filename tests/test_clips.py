"""render_clips end to end: the MP4, its sidecars and cover, as a viewer and a platform get them.

The shipped templates are used with a shorter ``[timing]`` (copied to a temp
folder) so that each render lasts a few seconds; one render is full size.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest
import srt
import webvtt
from PIL import Image

from _clip_story import SEED, make_photo, seed_story, short_story
from repackage import clipplan, clips
from repackage.article import read_article
from repackage.editorial import build_story
from repackage.editorial.typography import plain
from repackage.errors import MediaError
from repackage.render import image as cards
from repackage.render import video
from repackage.templating import load_template

pytestmark = pytest.mark.slow

SHORT_TIMING = """[timing]
chars_per_second = 40.0
min_scene = 1.5
max_scene = 2.5
target_min = 4.0
target_max = 12.0
hook_scene = 1.5
outro_scene = 1.2
"""


def _short_templates(root: Path, *, without_music: bool = False) -> Path:
    for name in ("clip-default", "clip-photo"):
        shutil.copytree(Path(clips.__file__).parents[2] / "templates" / name, root / name)
        toml = root / name / "template.toml"
        text = re.sub(r"\[timing\]\n(?:[a-z_]+ = [0-9.]+\n)+", SHORT_TIMING, toml.read_text(encoding="utf-8"))
        if without_music:
            text = re.sub(r'^music = .*\n', "", text, flags=re.M)
        toml.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    """clip-default, full size 1080x1920, with the template's music bed."""
    root = tmp_path_factory.mktemp("full")
    templates = _short_templates(root / "templates")
    story = seed_story()
    messages: list[str] = []
    assets = clips.render_clips(story, root / "out", templates_dir=templates, progress=messages.append)
    template = load_template("clip-default", templates_dir=templates)
    plan, _ = clips.plan_and_draw(story, template)
    return {"assets": assets, "out": root / "out", "plan": plan, "template": template, "story": story,
            "messages": messages}


@pytest.fixture(scope="module")
def photo_preview(tmp_path_factory):
    """clip-photo preview over a bright photo, without any music."""
    root = tmp_path_factory.mktemp("photo")
    templates = _short_templates(root / "templates", without_music=True)
    photo = make_photo(root / "photo.jpg")
    assets = clips.render_clips(short_story(), root / "out", template="clip-photo", photos=[photo],
                                preview=True, templates_dir=templates)
    template = load_template("clip-photo", templates_dir=templates)
    plan, arts = clips.plan_and_draw(short_story(), template, photos=[photo], preview=True)
    return {"assets": assets, "out": root / "out", "plan": plan, "arts": arts, "photo": photo}


def _mid(frame: int, fps: int) -> float:
    """A time safely inside frame ``frame`` (seeking to its exact start may land on the next)."""
    return (frame + 0.5) / fps


def _by_kind(assets, kind, suffix=""):
    return next(a for a in assets if a.kind == kind and a.path.endswith(suffix))


def test_full_size_clip_meets_platform_specs(full):
    clip = _by_kind(full["assets"], "clip")
    mp4 = full["out"] / clip.path
    info = video.probe(mp4)
    v, a = info["video"], info["audio"]
    assert (v["width"], v["height"], v["fps"]) == (1080, 1920, 30)
    assert (v["codec"], v["profile"], v["pix_fmt"]) == ("h264", "High", "yuv420p")
    plan = full["plan"]
    assert v["frames"] == plan.frames
    assert info["duration"] == pytest.approx(plan.duration, abs=1 / plan.fps)
    assert (a["codec"], a["sample_rate"], a["channels"]) == ("aac", 48000, 2)
    assert a["duration"] == pytest.approx(plan.duration, abs=0.05)
    assert (clip.width, clip.height, clip.codec, clip.template) == (1080, 1920, "h264", "clip-default")
    assert clip.duration == pytest.approx(info["duration"])
    assert clip.alt_text


def _top_level_boxes(path: Path) -> list[str]:
    boxes, data = [], path.read_bytes()
    pos = 0
    while pos + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if size == 1:
            size = struct.unpack(">Q", data[pos + 8:pos + 16])[0]
        boxes.append(kind.decode("latin-1"))
        if size < 8:
            break
        pos += size
    return boxes


def test_moov_comes_before_mdat_for_streaming(full):
    boxes = _top_level_boxes(full["out"] / _by_kind(full["assets"], "clip").path)
    assert "moov" in boxes and "mdat" in boxes
    assert boxes.index("moov") < boxes.index("mdat")


def test_loudness_is_minus_14_lufs(full):
    mp4 = full["out"] / _by_kind(full["assets"], "clip").path
    run = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(mp4), "-map", "0:a", "-af", "ebur128",
                          "-f", "null", "-"], capture_output=True, text=True, check=True)
    integrated = float(re.findall(r"I:\s+(-?[\d.]+) LUFS", run.stderr.rsplit("Summary:", 1)[1])[0])
    assert integrated == pytest.approx(-14.0, abs=1.0)


def _layer_region(plan, role: str, slot: str) -> tuple[tuple[int, int, int, int], np.ndarray]:
    """The box of a scene's text layer and how it should look: the layer drawn by the
    card renderer over the scene's background."""
    scene = plan.scene(role)
    pl = next(p for p in scene.layers if p.is_text and p.layer.slot == slot)
    canvas = cards.render_background(scene.background, plan.size).convert("RGBA")
    placed = cards.render_layer(pl.layer, plan.size, scene.values, plan.lang)
    canvas.alpha_composite(placed.image, (placed.x, placed.y))
    x, y, w, h = pl.box
    return pl.box, np.asarray(canvas.convert("RGB")).astype(int)[y:y + h, x:x + w]


def test_frames_at_caption_times_show_that_caption(full):
    plan = full["plan"]
    mp4 = full["out"] / _by_kind(full["assets"], "clip").path
    captions = [s for s in plan.scenes if s.kind == "caption"]
    assert len(captions) >= 2
    cues = {c.text: c for c in plan.cues}
    for scene, other in ((captions[0], captions[1]), (captions[1], captions[0])):
        (x, y, w, h), expected = _layer_region(plan, scene.role, "caption")
        cue = cues[scene.subtitle]
        shown = video.extract_frame(mp4, (cue.start + cue.end) / 2).astype(int)[y:y + h, x:x + w]
        assert np.abs(shown - expected).mean() < 4, scene.role
        other_cue = cues[other.subtitle]
        elsewhere = video.extract_frame(mp4, (other_cue.start + other_cue.end) / 2).astype(int)[y:y + h, x:x + w]
        assert np.abs(elsewhere - expected).mean() > 4 * max(1.0, np.abs(shown - expected).mean()), scene.role


def test_subtitles_parse_and_match_the_plan(full):
    plan, out = full["plan"], full["out"]
    srt_cues = list(srt.parse((out / _by_kind(full["assets"], "subtitles", ".srt").path).read_text(encoding="utf-8")))
    vtt_cues = list(webvtt.read(str(out / _by_kind(full["assets"], "subtitles", ".vtt").path)))
    assert len(srt_cues) == len(vtt_cues) == len(plan.cues)
    for cue, s, v in zip(plan.cues, srt_cues, vtt_cues):
        assert s.start.total_seconds() == pytest.approx(cue.start, abs=0.001)
        assert s.end.total_seconds() == pytest.approx(cue.end, abs=0.001)
        assert " ".join(s.content.split()) == " ".join(cue.text.split())
        assert " ".join(v.text.split()) == " ".join(cue.text.split())
    scene = next(s for s in plan.scenes if s.kind == "quote")
    quote = full["story"].quotes[int(scene.role.split(":")[1])]
    cue = next(c for c in plan.cues if c.text == scene.subtitle)
    assert plain(quote.text) in plain(" ".join(cue.text.split()))  # verbatim, typography aside
    assert cue.text.splitlines()[-1] == quote.speaker == "Emmanuel Macron"


def test_text_is_inside_the_safe_zone_and_legible(full):
    plan = full["plan"]
    assert clipplan.unsafe_layers(plan) == []
    clip = _by_kind(full["assets"], "clip")
    assert clip.extra["unsafe_text"] == []
    checked = [v for layers in clip.extra["legibility"].values() for v in layers.values()]
    assert len(checked) >= len(plan.scenes)
    assert all(v["ratio"] >= v["required"] for v in checked)


def test_cover_is_the_hook_frame(full):
    cover = _by_kind(full["assets"], "cover")
    image = Image.open(full["out"] / cover.path)
    assert image.format == "JPEG" and image.size == (1080, 1920) == (cover.width, cover.height)
    plan = full["plan"]
    (x, y, w, h), expected = _layer_region(plan, "hook", "hook")
    assert np.abs(np.asarray(image.convert("RGB")).astype(int)[y:y + h, x:x + w] - expected).mean() < 4


def test_every_file_is_in_place_and_nothing_half_written(full):
    out = full["out"]
    names = sorted(p.name for p in (out / "clips").iterdir())
    assert names == sorted(Path(a.path).name for a in full["assets"])
    assert not any(n.startswith(".tmp-") for n in names)
    assert any("frames (100 %)" in m for m in full["messages"])


def test_preview_is_small_fast_and_silent_without_music(photo_preview):
    clip = _by_kind(photo_preview["assets"], "clip")
    info = video.probe(photo_preview["out"] / clip.path)
    v = info["video"]
    assert (v["width"], v["height"], v["fps"]) == (540, 960, 15)
    assert info["audio"] is None
    assert clip.path.endswith("-preview.mp4")


def test_photo_scenes_move_and_words_appear_one_by_one(photo_preview):
    plan = photo_preview["plan"]
    mp4 = photo_preview["out"] / _by_kind(photo_preview["assets"], "clip").path
    caption = plan.scene("caption:0")
    assert caption.ken_burns is not None and caption.photo == photo_preview["photo"]
    t0 = _mid(caption.start + plan.transition_frames + 1, plan.fps)
    t1 = _mid(caption.end - plan.transition_frames - 1, plan.fps)
    x, y, w, h = (round(v / 2) for v in next(p.box for p in caption.layers if p.layer.slot == "caption"))
    early = video.extract_frame(mp4, t0).astype(int)
    late = video.extract_frame(mp4, t1).astype(int)
    ink = lambda f: int((f[y:y + h, x:x + w].min(axis=2) > 235).sum())  # noqa: E731 - white text pixels
    assert ink(early) < ink(late)  # later words revealed
    sky = (slice(int(0.15 * 960), int(0.25 * 960)), slice(20, 500))
    assert np.abs(early[sky] - late[sky]).mean() > 1  # the photo zooms


def test_bright_photo_text_gets_a_scrim_until_it_passes_wcag(photo_preview):
    arts, plan = photo_preview["arts"], photo_preview["plan"]
    reached = {(s.role, key): v for s, art in zip(plan.scenes, arts) for key, v in art.legibility.items()}
    assert reached and all(v["ratio"] >= v["required"] for v in reached.values())
    quote = plan.scene("quote:0")
    assert reached[("quote:0", "quote")]["scrim"] > 0  # white text over the bright sky needs one
    mp4 = photo_preview["out"] / _by_kind(photo_preview["assets"], "clip").path
    frame = video.extract_frame(mp4, _mid(quote.end - plan.transition_frames - 1, plan.fps))
    x, y, w, h = (round(v / 2) for v in next(p.box for p in quote.layers if p.layer.slot == "quote"))
    lum = cards.luminance(frame[y:y + h, x:x + w])
    text = lum >= np.percentile(lum, 99)  # the white letters
    rows, cols = np.nonzero(text)
    ink = (slice(rows.min(), rows.max() + 1), slice(cols.min(), cols.max() + 1))  # the lines of text
    halo = cv2.dilate(text.astype(np.uint8), np.ones((7, 7), np.uint8)).astype(bool)  # glyph edges
    behind = lum[ink][~halo[ink]]  # the brightest background between the letters counts
    ratio = cards.contrast_ratio(float(np.median(lum[text])), float(np.percentile(behind, 99)))
    assert ratio >= reached[("quote:0", "quote")]["required"]


def test_missing_photo_or_music_is_bad_input(tmp_path: Path):
    with pytest.raises(MediaError, match="photo not found"):
        clips.render_clips(short_story(), tmp_path, photos=[tmp_path / "nope.jpg"])
    with pytest.raises(MediaError, match="music file not found"):
        clips.render_clips(short_story(), tmp_path, music=tmp_path / "nope.mp3")
    assert not (tmp_path / "clips").exists()


def test_a_caption_too_long_for_its_box_is_left_out_never_cut(tmp_path: Path):
    templates = _short_templates(tmp_path / "templates")
    long = "Une légende " * 60
    story = short_story(captions=("Allies rejected sending troops.", long.strip()))
    plan, arts = clips.plan_and_draw(story, load_template("clip-default", templates_dir=templates))
    roles = [s.role for s in plan.scenes]
    assert "caption:0" in roles and "caption:1" not in roles
    assert any("caption:1" in n and "does not fit" in n for n in plan.notes)
    assert len(arts) == len(plan.scenes)


@pytest.mark.parametrize("name", ["clip-default", "clip-photo"])
def test_every_shipped_template_and_size_draws_the_seed_legibly(name, tmp_path: Path):
    """The seed as the reader and editorial stages make it, in every size a template offers."""
    story = build_story(read_article(SEED))
    template = load_template(name)
    photos = [make_photo(tmp_path / "photo.jpg")] if template.uses_photo() else []
    for size in template.sizes:
        plan, arts = clips.plan_and_draw(story, template, size=size, photos=photos, preview=True)
        assert [s.kind for s in plan.scenes][0] == "hook" and plan.scenes[-1].kind == "outro", size
        assert "caption" in [s.kind for s in plan.scenes] and "quote" in [s.kind for s in plan.scenes], size
        assert not [n for n in plan.notes if n.startswith("left out")], (size, plan.notes)
        reached = [v for art in arts for v in art.legibility.values()]
        assert reached and all(v["ratio"] >= v["required"] for v in reached), size
