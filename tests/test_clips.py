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
from repackage.plan import clip as clipplan
from repackage.render import clips
from repackage.article import read_article
from repackage.editorial import build_story
from repackage.editorial.typography import plain
from repackage.errors import MediaError
from repackage.render import image as cards
from repackage import subtitles
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
quote_max_scene = 6.0
"""


def _short_templates(root: Path, *, without_music: bool = False) -> Path:
    for name in ("clip-default", "clip-photo"):
        shutil.copytree(Path(clips.__file__).parents[3] / "templates" / name, root / name)
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
    chunks = subtitles.chunk_cues(plan.cues)  # cues of more than two lines are written in two-line parts
    assert len(srt_cues) == len(vtt_cues) == len(chunks) >= len(plan.cues)
    assert all(len(s.content.splitlines()) <= 2 for s in srt_cues)
    for cue, s, v in zip(chunks, srt_cues, vtt_cues):
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
    pl = next(p for p in quote.layers if p.layer.slot == "quote")
    placed = cards.render_layer(pl.layer, plan.size, quote.values, plan.lang)
    bx0, by0, bx1, by1 = placed.image.getchannel("A").getbbox()  # the lines of text, not the empty box above
    x, y, w, h = (round(v / 2) for v in (placed.x + bx0, placed.y + by0, bx1 - bx0, by1 - by0))
    lum = cards.luminance(frame[y:y + h, x:x + w])
    text = lum >= 0.6 * lum.max()  # the white letters (the box is mostly text now, not a top percentile)
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


def test_clip_asset_says_where_its_photo_credit_comes_from(full, photo_preview):
    assert _by_kind(full["assets"], "clip").extra["photo_credit_from"] == "none"  # no photo, no photographer
    clip = _by_kind(photo_preview["assets"], "clip")
    assert clip.extra["photo_credit_from"] == photo_preview["plan"].photo_credit_from
    assert clip.extra["photo_credit_from"] in ("article", "none")


def test_mid_transition_frames_never_show_two_scenes_text(full):
    plan = full["plan"]
    mp4 = full["out"] / _by_kind(full["assets"], "clip").path
    first, second = plan.scene("caption:0"), plan.scene("caption:1")
    assert plan.transition == "crossfade" and second.start < first.end

    def glyphs(scene):
        pl = next(p for p in scene.layers if p.is_text and p.layer.slot == "caption")
        placed = cards.render_layer(pl.layer, plan.size, scene.values, plan.lang)
        mask = np.zeros(plan.size[::-1], bool)
        alpha = np.asarray(placed.image.getchannel("A")) > 200
        mask[placed.y:placed.y + alpha.shape[0], placed.x:placed.x + alpha.shape[1]] = alpha
        return mask

    a, b = glyphs(first), glyphs(second)
    only_a, only_b = a & ~cv2.dilate(b.astype(np.uint8), np.ones((9, 9))).astype(bool), \
        b & ~cv2.dilate(a.astype(np.uint8), np.ones((9, 9))).astype(bool)
    around = ~cv2.dilate((a | b).astype(np.uint8), np.ones((25, 25))).astype(bool)
    for f in range(second.start, first.end):
        frame = video.extract_frame(mp4, _mid(f, plan.fps)).astype(float).mean(axis=2)
        ys, xs = np.nonzero(a | b)
        box = (slice(ys.min(), ys.max() + 1), slice(xs.min(), xs.max() + 1))
        ground = np.median(frame[box][around[box]])
        ink_a, ink_b = frame[only_a].mean() - ground, frame[only_b].mean() - ground
        assert not (ink_a > 25 and ink_b > 25), (f, ink_a, ink_b)


def test_clip_photo_keeps_text_off_the_face(tmp_path: Path):
    pytest.importorskip("cv2")
    from test_cards import painted_face

    photo = tmp_path / "portrait.jpg"
    painted_face(size=(1200, 2400), at=(600, 1150), r=150).save(photo)
    template = load_template("clip-photo")
    plan, arts = clips.plan_and_draw(seed_story(), template, photos=[photo])
    timeline = clips.build_timeline(plan, arts)
    for scene, frames in zip(plan.scenes, timeline.scenes):
        backgrounds = video.background_frames(frames, timeline.size, (0, frames.frames // 2, frames.frames - 1))
        faces = [f for bg in backgrounds for f in cards.detect_faces(Image.fromarray(bg))]
        assert faces, scene.role  # the painted face is found in every scene
        for pl in scene.layers:
            placed = cards.render_layer(pl.layer, plan.size, scene.values, plan.lang) if pl.is_text else None
            if placed is None:
                continue
            x0, y0, x1, y1 = placed.image.getchannel("A").getbbox()
            ink = (placed.x + x0, placed.y + y0, placed.x + x1, placed.y + y1)
            for fx, fy, fw, fh in faces:
                apart = ink[2] <= fx or fx + fw <= ink[0] or ink[3] <= fy or fy + fh <= ink[1]
                assert apart, (scene.role, pl.layer.slot, ink, (fx, fy, fw, fh))


def test_captions_on_highlight_bars_are_measured_on_the_bars_and_get_no_scrim(photo_preview):
    plan, arts = photo_preview["plan"], photo_preview["arts"]
    captions = [(s, art) for s, art in zip(plan.scenes, arts) if s.kind == "caption"]
    assert captions
    for scene, art in captions:
        caption = art.legibility["caption"]
        assert caption["scrim"] == 0.0 and caption["ratio"] >= caption["required"], scene.role
        # no scrim sprite (the grey box seen before the word-by-word reveal): one sprite per drawn layer
        assert len(art.sprites) == sum(1 for k in art.legibility), scene.role
