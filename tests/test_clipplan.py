"""ClipPlan: which scenes a clip shows, for how long, with which words, where (pure, fast)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from _clip_story import MACRON, PESKOV, SEED_CAPTIONS, seed_story, short_story
from repackage.plan.clip import plan_clip, safe_zone, unsafe_layers
from repackage.editorial.typography import plain
from repackage.errors import ConfigError, TemplateError
from repackage.models import Caption
from repackage.templating import TextLayer, load_template

CLIP_TEMPLATES = ("clip-default", "clip-photo")


@pytest.fixture(scope="module")
def default():
    return load_template("clip-default")


def _reading(text: str, cps: float) -> float:
    return len(" ".join(text.split())) / cps


def test_seed_clip_has_hook_captions_quote_outro_in_order(default):
    story = seed_story()
    plan = plan_clip(story, default)
    assert [s.kind for s in plan.scenes] == ["hook", "caption", "caption", "caption", "quote", "outro"]
    assert [s.role for s in plan.scenes if s.kind == "caption"] == ["caption:0", "caption:1", "caption:2"]
    for i, caption in enumerate(SEED_CAPTIONS):
        assert plain(plan.scene(f"caption:{i}").values["caption"]) == plain(caption)


def test_quote_scene_is_verbatim_with_the_speaker_the_article_names(default):
    story = seed_story()
    quote = plan_clip(story, default).scene("quote:0")
    assert story.quotes[0].text == MACRON
    assert plain(quote.values["quote"]) == plain(MACRON)  # typography only: spaces and marks
    assert quote.values["speaker"] == "Emmanuel Macron"
    assert quote.values["speaker_role"] == "président français"
    assert MACRON.split(". ")[0] in quote.subtitle.replace("\u00a0", " ")
    assert quote.subtitle.splitlines()[-1] == "Emmanuel Macron"


def test_unattributed_quotes_never_get_a_scene(default):
    story = short_story()
    anonymous = dataclasses.replace(story.quotes[0], speaker=None)
    plan = plan_clip(dataclasses.replace(story, quotes=(anonymous,)), default)
    assert "quote" not in [s.kind for s in plan.scenes]


def test_a_weakly_attributed_quote_gets_no_scene(default):
    story = short_story()
    weak = dataclasses.replace(story.quotes[0], confidence=0.6)  # a pronoun sentences away
    plan = plan_clip(dataclasses.replace(story, quotes=(weak,)), default)
    assert "quote" not in [s.kind for s in plan.scenes]


def test_a_quote_too_long_to_read_is_replaced_by_the_next_readable_one(default):
    story = seed_story()
    timing = default.clip.timing
    limit = timing.quote_max_scene
    slow = dataclasses.replace(default, clip=dataclasses.replace(
        default.clip, timing=dataclasses.replace(timing, chars_per_second=(len(PESKOV) + 30) / limit)))
    plan = plan_clip(story, slow)
    # with marks and speaker, only Peskov’s quote (the shortest) can be read within the limit
    assert [s.role for s in plan.scenes if s.kind == "quote"] == ["quote:2"]
    assert plan.scene("quote:2").values["speaker"] == "Dmitri Peskov"


def test_scene_lengths_follow_reading_time_within_limits(default):
    timing = default.clip.timing
    plan = plan_clip(seed_story(), default)
    for scene in plan.scenes:
        seconds = scene.frames / plan.fps
        if scene.kind == "caption":
            expected = min(max(_reading(scene.values["caption"], timing.chars_per_second), timing.min_scene),
                           timing.max_scene)
            assert seconds == pytest.approx(expected, abs=1 / plan.fps)
        if scene.kind == "quote":
            shown = scene.subtitle.replace("\n", " ")
            assert seconds >= _reading(shown, timing.chars_per_second) - 1 / plan.fps
    assert timing.target_min <= plan.duration <= timing.target_max


def test_long_stories_drop_captions_from_the_end_to_stay_under_the_target(default):
    timing = default.clip.timing
    long_caption = "Une phrase de légende assez longue pour durer presque sept secondes à lire à l’écran."
    story = dataclasses.replace(seed_story(), captions=tuple(Caption(f"{long_caption} ({i})", (0,)) for i in range(12)))
    plan = plan_clip(story, default)
    captions = [s.role for s in plan.scenes if s.kind == "caption"]
    assert captions == [f"caption:{i}" for i in range(len(captions))]  # the first ones, in order
    assert 1 <= len(captions) < 12
    assert plan.duration <= timing.target_max + 1 / plan.fps
    assert any("dropped caption:11" in n for n in plan.notes)
    counters = [(s.values["caption_index"], s.values["caption_count"]) for s in plan.scenes if s.kind == "caption"]
    assert counters == [(str(i + 1), str(len(captions))) for i in range(len(captions))]  # "2/3" of what is shown


def test_short_stories_are_stretched_towards_the_target(default):
    timing = default.clip.timing
    plan = plan_clip(short_story(), default)
    natural = sum(max(timing.min_scene, _reading(s.subtitle, timing.chars_per_second)) for s in plan.scenes)
    assert plan.duration > natural - plan.transition_frames / plan.fps * (len(plan.scenes) - 1)
    assert plan.duration >= timing.target_min - 1 / plan.fps or plan.notes
    for scene in plan.scenes:
        limit = timing.quote_max_scene if scene.kind == "quote" else timing.max_scene
        assert scene.frames / plan.fps <= max(limit, timing.outro_scene, timing.hook_scene) + 1 / plan.fps


def test_cues_follow_scenes_and_change_half_way_through_each_transition(default):
    plan = plan_clip(seed_story(), default)
    half = plan.transition_frames / 2 / plan.fps
    assert plan.transition == "crossfade" and plan.transition_frames > 0
    assert len(plan.cues) == len(plan.scenes)
    assert plan.cues[0].start == 0
    assert plan.cues[-1].end == pytest.approx(plan.duration)
    for cue, scene, nxt in zip(plan.cues, plan.scenes, plan.scenes[1:]):
        assert cue.text == scene.subtitle
        assert cue.end == pytest.approx(nxt.start / plan.fps + half)
        assert nxt.start == scene.end - plan.transition_frames  # scenes overlap by the transition
    for a, b in zip(plan.cues, plan.cues[1:]):
        assert a.end == pytest.approx(b.start)


def test_subtitles_carry_the_message_not_the_labels(default):
    plan = plan_clip(seed_story(), default)
    caption = plan.scene("caption:0")
    assert caption.subtitle == caption.values["caption"]
    assert plan.scene("outro").subtitle == plan.scene("outro").values["cta"]
    assert "REPACKAGE" not in plan.scene("hook").subtitle.upper().replace(plan.scene("hook").values["hook"].upper(), "")


def test_safe_zone_is_what_neither_tiktok_nor_reels_covers():
    # TikTok: top 250 px, bottom 420 px, right 170 px; Reels: top 14 %, bottom 35 %, sides 6 %
    assert safe_zone((1080, 1920)) == (65, 269, 910, 1920 - 672)
    assert safe_zone((540, 960)) == (33, 135, 455, 960 - 336)


@pytest.mark.parametrize("name", CLIP_TEMPLATES)
def test_shipped_templates_keep_text_inside_the_safe_zone(name):
    template = load_template(name)
    plan = plan_clip(seed_story(), template, size=(1080, 1920))
    assert unsafe_layers(plan) == []
    left, top, right, bottom = safe_zone(plan.size)
    boxes = [pl.box for s in plan.scenes for pl in s.layers if pl.is_text]
    assert boxes and all(left <= x and top <= y and x + w <= right and y + h <= bottom for x, y, w, h in boxes)


def test_a_text_box_under_the_app_ui_is_reported(default):
    plan = plan_clip(seed_story(), default)
    hook = plan.scenes[0]
    moved = [dataclasses.replace(pl, box=(pl.box[0], 1600, pl.box[2], 200)) if pl.is_text else pl for pl in hook.layers]
    broken = dataclasses.replace(plan, scenes=(dataclasses.replace(hook, layers=tuple(moved)), *plan.scenes[1:]))
    assert len(unsafe_layers(broken)) == sum(pl.is_text for pl in hook.layers)
    assert safe_zone((1080, 1080)) is None  # square feeds have no such UI band


def test_photos_are_used_in_turn_and_credited_only_where_shown(tmp_path: Path):
    template = load_template("clip-photo")
    photos = [tmp_path / "a.jpg", tmp_path / "b.jpg"]
    plan = plan_clip(seed_story(), template, photos=photos)
    shown = [s.photo for s in plan.scenes]
    assert shown == [photos[i % 2] for i in range(len(plan.scenes))]
    assert all(s.ken_burns is not None for s in plan.scenes)
    # two photos, no credit given: the article's photographer may not have taken them
    assert all("Tribouillard" not in s.values["credits"] and "Photo" not in s.values["credits"]
               for s in plan.scenes)
    assert plan.photo_credit_from == "none" and any("no photo credit" in n for n in plan.notes)
    one = plan_clip(seed_story(), template, photos=photos[:1])
    assert all("Kenzo Tribouillard" in s.values["credits"] for s in one.scenes)
    assert one.photo_credit_from == "article"
    given = plan_clip(seed_story(), template, photos=photos, photo_credit="Jane Roe / Reuters")
    assert all("Jane Roe / Reuters" in s.values["credits"] and "Tribouillard" not in s.values["credits"]
               for s in given.scenes)
    assert given.photo_credit_from == "flag"
    bare = plan_clip(seed_story(), template)
    assert all(s.photo is None and s.ken_burns is None for s in bare.scenes)
    assert all("Tribouillard" not in s.values.get("credits", "") for s in bare.scenes)


def test_default_template_moves_only_the_hook_photo(tmp_path: Path, default):
    plan = plan_clip(seed_story(), default, photos=[tmp_path / "a.jpg"])
    assert [s.kind for s in plan.scenes if s.ken_burns is not None] == ["hook"]
    assert plan.music == default.clip.audio.music and plan.music.is_file()


def test_music_given_by_the_user_replaces_the_bed(tmp_path: Path, default):
    plan = plan_clip(short_story(), default, music=tmp_path / "song.mp3")
    assert plan.music == tmp_path / "song.mp3"


def test_skipped_roles_are_left_out(default):
    plan = plan_clip(seed_story(), default, skip=frozenset({"caption:1", "quote:0"}))
    roles = [s.role for s in plan.scenes]
    assert "caption:1" not in roles and "quote:0" not in roles
    # the next attributed quote short enough to read in time takes its place
    story, timing = seed_story(), default.clip.timing
    readable = [f"quote:{i}" for i, q in enumerate(story.card_quotes)
                if i > 0 and q.speaker and _reading(q.text, timing.chars_per_second) <= timing.quote_max_scene]
    assert [r for r in roles if r.startswith("quote")] == readable[:1]


def test_preview_frame_rate_keeps_the_timing(default):
    full = plan_clip(seed_story(), default)
    draft = plan_clip(seed_story(), default, fps=15)
    assert draft.fps == 15
    assert draft.duration == pytest.approx(full.duration, abs=0.1 * len(full.scenes))


def test_wrong_size_or_kind_is_refused(default):
    with pytest.raises(ConfigError, match="720x1280"):
        plan_clip(seed_story(), default, size=(720, 1280))
    with pytest.raises(TemplateError, match="not a clip template"):
        plan_clip(seed_story(), load_template("quote-classic"))


def test_default_template_credits_the_hook_photo_and_the_source_on_the_outro(tmp_path: Path, default):
    for size in default.sizes:
        plan = plan_clip(seed_story(), default, size=size, photos=[tmp_path / "a.jpg"])
        hook, outro = plan.scene("hook"), plan.scene("outro")
        for scene in (hook, outro):
            assert "credits" in [getattr(pl.layer, "slot", None) for pl in scene.layers]
        assert "Photo" in hook.values["credits"] and "Tribouillard" in hook.values["credits"]
        assert "Source" in hook.values["credits"] and "Le Devoir" in hook.values["credits"]
        assert outro.values["credits"].startswith("Source") and "Le Devoir" in outro.values["credits"]
        assert "Tribouillard" not in outro.values["credits"]  # the outro shows no photo
        assert plan.photo_credit_from == "article"
        assert unsafe_layers(plan) == []
    assert plan_clip(seed_story(), default).photo_credit_from == "none"


def test_a_second_photo_the_template_cannot_show_is_named_in_the_notes(tmp_path: Path, default):
    plan = plan_clip(seed_story(), default, photos=[tmp_path / "a.jpg", tmp_path / "b.jpg"])
    assert "photo b.jpg not used: clip-default shows a photo on the hook only" in plan.notes
    assert not any("a.jpg" in n for n in plan.notes)
    assert not any("not used" in n for n in plan_clip(seed_story(), default, photos=[tmp_path / "a.jpg"]).notes)


@pytest.mark.parametrize("name", ["clip-default", "clip-photo"])
def test_no_clip_text_is_too_small_to_read_on_a_phone(name):
    """30 px at least for any text on a 1080 px wide canvas (template pixels scale with the width), 26 for credits."""
    template = load_template(name)
    for size in template.sizes:
        for kind, scene in template.variant(size).scenes.items():
            for layer in scene.layers:
                if not isinstance(layer, TextLayer):
                    continue
                px = layer.style.min_size * size[0] / 1080
                floor = 26 if layer.slot == "credits" else 30
                assert px >= floor - 0.5, (size, kind, layer.slot, px)


def test_the_outro_lasts_its_reading_time_and_quotes_their_template_maximum(default):
    timing = default.clip.timing
    assert timing.quote_max_scene == 15.0  # from [timing], not a constant in the code
    plan = plan_clip(seed_story(), default)
    outro = plan.scene("outro")
    read = " ".join(outro.values[k] for k in ("cta", "handle") if outro.values.get(k))
    expected = min(max(_reading(read, timing.chars_per_second), timing.outro_scene), timing.max_scene)
    assert outro.frames / plan.fps == pytest.approx(expected, abs=1 / plan.fps)
    assert outro.frames / plan.fps > timing.outro_scene  # a 46-character call to action and handle need more than 2.5 s
    cue = next(c for c in plan.cues if c.text == outro.subtitle)
    assert len(" ".join(cue.text.split())) / (cue.end - cue.start) <= timing.chars_per_second + 0.5
    longest = dataclasses.replace(default, clip=dataclasses.replace(
        default.clip, timing=dataclasses.replace(timing, quote_max_scene=2.0)))
    assert "quote" not in [s.kind for s in plan_clip(seed_story(), longest).scenes]
