"""--voiceover: the voice drives the clip at planning.

Planning is tested on the true word timings of the committed 60 s narration
(tests/data/speech/voiceover-en.*, espeak-ng reading the English example
article): clip length, scene cuts, cues, the subtitle box. Then real
transcription with both engines (word starts against espeak's own timings,
no drift over the minute), the karaoke highlight drawn at its time, the
audio (voice in, music ducked) of a rendered clip, and the errors a user sees.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from repackage.plan import clip as clipplan
from repackage.cli import main
from repackage.render.clips import spoken_sprites
from repackage.pipeline import load_story
from repackage.render import video
from repackage.speech.align import SpokenWord, spell_as_article
from repackage.speech.models import Word
from repackage.speech.voiceover import Voiceover, load_voiceover
from repackage.templating import load_template

from _paths import ROOT
from _speech import SPEECH_DATA, median_abs_error, start_errors, truth

VOICE = SPEECH_DATA / "voiceover-en.opus"
SHORT_VOICE = SPEECH_DATA / "narration-en.opus"
ARTICLE = ROOT / "examples" / "riverton-tidal-barrier-en.txt"


@pytest.fixture(scope="module")
def story():
    return load_story(ARTICLE)


def _article_text(story) -> str:
    art = story.article
    return "\n\n".join(x for x in (art.headline, art.dek or "", art.text) if x)


@pytest.fixture(scope="module")
def true_voice(story) -> Voiceover:
    """The narration as a perfect recogniser would hear it: espeak's words and times."""
    meta = truth("voiceover-en")
    heard = [Word(w["word"], w["start"], w["end"], 1.0) for w in meta["words"]]
    words = spell_as_article(_article_text(story), heard)
    return Voiceover(VOICE, words, meta["duration"], "truth", "espeak", "en")


@pytest.fixture(scope="module")
def template():
    return load_template("clip-default")


# --------------------------------------------------------------------------- planning (pure)


def test_clip_lasts_as_long_as_the_voice_plus_the_outro(story, template, true_voice):
    plan = clipplan.plan_clip(story, template, voice=true_voice)
    outro = plan.scene("outro")
    timing = template.clip.timing
    assert true_voice.speech_end > timing.target_max  # 60 s of voice: longer than the template's 40 s target
    assert outro.start / plan.fps == pytest.approx(true_voice.speech_end + clipplan.VOICE_TAIL - plan.transition_frames / plan.fps / 2, abs=0.1)
    assert plan.duration == pytest.approx(outro.end / plan.fps)
    assert timing.outro_scene <= outro.frames / plan.fps <= timing.max_scene
    assert plan.voice_timing == "sentences"
    assert not [n for n in plan.notes if "shortened" in n or "dropped caption" in n and "voice" not in n]


def test_scenes_are_cut_where_the_narration_moves_on(story, template, true_voice):
    plan = clipplan.plan_clip(story, template, voice=true_voice)
    words = truth("voiceover-en")["words"]
    roles = [s.role for s in plan.scenes]
    assert roles[0] == "hook" and roles[-1] == "outro"

    def cut(role: str) -> float:  # middle of the crossfade into the scene
        s = plan.scene(role)
        return (s.start + plan.transition_frames / 2) / plan.fps

    def starts(first_words: str) -> float:
        seq = first_words.split()
        for i in range(len(words)):
            if [w["word"] for w in words[i:i + len(seq)]] == seq:
                return words[i]["start"]
        raise AssertionError(first_words)

    # the headline is read first, then the first caption's sentence
    assert starts("fight over costs") < cut("caption:0") <= starts("The Riverton city council") + 0.05
    # the mayor's quote is read before the engineer's caption: scenes follow the voice, not the story's order
    assert roles.index("quote:0") < roles.index("caption:1")
    assert cut("quote:0") == pytest.approx(starts("Every family"), abs=0.35)
    assert cut("caption:1") == pytest.approx(starts("The city's chief engineer"), abs=0.35)
    assert cut("caption:2") == pytest.approx(starts("Not everyone"), abs=0.35)
    assert not any("does not read" in n for n in plan.notes)  # every scene is read
    # a voice that stops after the first caption's sentence: the scenes it never reads are left out, and said so
    first = [w for w in true_voice.words if w.end <= starts("The barrier")]
    short = Voiceover(true_voice.path, tuple(first), 20.0, "truth", "espeak", "en")
    plan = clipplan.plan_clip(story, template, voice=short)
    assert [s.role for s in plan.scenes] == ["hook", "caption:0", "outro"]
    assert sorted(n.split(":")[0] for n in plan.notes if "does not read" in n) == \
        ["dropped caption"] * 3 + ["dropped quote"]


def test_cues_are_the_spoken_words_a_few_at_a_time_in_the_articles_spelling(story, template, true_voice):
    plan = clipplan.plan_clip(story, template, voice=true_voice)
    most = template.clip.subtitles.words
    assert plan.cues and len(plan.cues) == len(plan.spoken)
    spoken = [w for c in plan.spoken for w in c.text.split()]
    assert spoken == [w.text for w in true_voice.words]  # every word once, in order
    assert "Tomás" in spoken and "Lindqvist," in spoken  # the article's spelling
    by_start = {w.start: w for w in true_voice.words}
    for cue, srt in zip(plan.spoken, plan.cues):
        assert 1 <= len(cue.text.split()) <= most
        assert (srt.start, srt.end, srt.text) == (cue.start, cue.end, cue.text)
        assert cue.start == pytest.approx(cue.words[0][0]) and cue.start in {round(s, 3) for s in by_start}
        assert all(a <= b for a, b in cue.words)
        scene = plan.scenes[cue.scene]
        assert scene.start / plan.fps - 1e-6 <= cue.start < cue.end <= scene.end / plan.fps + 1e-6
    for a, b in zip(plan.spoken, plan.spoken[1:]):
        assert a.end <= b.start + 1e-6  # never two cues at once


@pytest.mark.parametrize("size", [(1080, 1920), (1080, 1080), (1920, 1080)])
def test_text_of_spoken_scenes_ends_above_the_subtitle_box(story, template, true_voice, size):
    plan = clipplan.plan_clip(story, template, voice=true_voice, size=size)
    band = plan.subtitles.layer.box.pixels(plan.size)
    assert plan.subtitles.layer == template.clip.subtitles.for_size(size).layer
    if size != (1080, 1920):  # sizes_override moves the box for the square and landscape canvases
        assert plan.subtitles.layer.box != template.clip.subtitles.layer.box
    spoken_scenes = {c.scene for c in plan.spoken}
    for k, scene in enumerate(plan.scenes):
        if k not in spoken_scenes:
            continue
        for pl in scene.layers:
            x, y, w, h = pl.box
            if pl.is_text and x < band[0] + band[2] and band[0] < x + w:
                assert y + h <= band[1] or y >= band[1] + band[3], (scene.role, pl.layer.slot)
    assert not [n for n in plan.notes if "subtitles box covers" in n]
    assert clipplan.unsafe_layers(plan) == []  # on 9:16 the box is inside TikTok's and Reels' safe zone
    # every cue fits its box at the template's sizes
    from repackage.render.image import render_layer
    for cue in plan.spoken:
        placed = render_layer(plan.subtitles.layer, plan.size, {"caption": cue.text}, "en")
        assert placed.layout.fits, cue.text


def test_a_voice_that_reads_something_else_is_shared_out_evenly(story, template):
    text = ("Welcome back to the weekly podcast where we talk about gardening tomatoes and cucumbers "
            "in small spaces. Today our guest explains how to water seedlings properly each morning.")
    words, t = [], 0.0
    for w in text.split():
        words.append(SpokenWord(w, t, t + 0.4, False, 0.9))
        t += 0.45
    voice = Voiceover(Path("other.m4a"), tuple(words), t + 0.5, "truth", "none", "en")
    plan = clipplan.plan_clip(story, template, voice=voice)
    assert plan.voice_timing == "even"
    body = [s for s in plan.scenes if s.kind != "outro"]
    assert len(body) >= 3
    lengths = [s.frames / plan.fps for s in body]
    assert max(lengths) - min(lengths) < 2.5  # about equal shares of ~14 s
    assert plan.scenes[-1].role == "outro"
    assert plan.duration == pytest.approx(t - 0.05 + clipplan.VOICE_TAIL + plan.scene("outro").frames / plan.fps
                                          - plan.transition_frames / plan.fps / 2, abs=0.15)


def test_plan_json_records_the_voiceover(story, template, true_voice):
    data = clipplan.plan_clip(story, template, voice=true_voice).to_dict()
    vo = data["voiceover"]
    assert vo["file"] == "voiceover-en.opus" and vo["timing"] == "sentences" and vo["highlight"] == "word"
    assert vo["alignment"]["matched"] > 0.9
    assert data["subtitles"][0]["text"].startswith("Riverton council")


# --------------------------------------------------------------------------- karaoke, drawn


def _ink(frame_rgb: np.ndarray, color: tuple[int, int, int], box) -> int:
    x0, y0, x1, y1 = box
    region = frame_rgb[y0:y1, x0:x1].astype(int)
    return int((np.abs(region - np.array(color)).sum(axis=2) < 60).sum())


def test_the_word_being_spoken_is_drawn_in_the_highlight_colour(story, template, true_voice):
    plan = clipplan.plan_clip(story, template, voice=true_voice)
    scene = plan.scenes[0]
    sprites = [s for s in spoken_sprites(plan, scene) if s is not None]
    cue = next(c for c in plan.spoken if c.scene == 0 and len(c.words) >= 3)
    lit = next(s for s in sprites if s.word_times and s.window[0] == pytest.approx(cue.start - scene.start / plan.fps))
    accent = (0xF2, 0xB1, 0x34)
    h, w = plan.size[1], plan.size[0]
    boxes = [(lit.x + a, lit.y + b, lit.x + c, lit.y + d) for a, b, c, d in lit.words]
    for k, (a, b) in enumerate(cue.words):
        frame = video.rgb_to_i420(np.zeros((h, w, 3), np.uint8))
        t = (a + b) / 2 - scene.start / plan.fps
        for s in sprites:
            s.draw(frame, t, 0)
        rgb = video.i420_to_rgb(frame)
        inks = [_ink(rgb, accent, box) for box in boxes]
        assert inks[k] > 200, (k, inks)  # the word being said is lit
        assert sum(inks) - inks[k] < 0.1 * inks[k], (k, inks)  # and no other
        white = _ink(rgb, (255, 255, 255), (boxes[0][0], boxes[0][1], boxes[-1][2], boxes[-1][3]))
        assert white > 500  # the rest of the cue stays on screen, plain
    # after the scene's last cue: no words, plain or lit
    last = [c for c in plan.spoken if c.scene == 0][-1]
    frame = video.rgb_to_i420(np.zeros((h, w, 3), np.uint8))
    for s in sprites:
        s.draw(frame, last.end - scene.start / plan.fps + 0.01, 0)
    assert video.i420_to_rgb(frame).max() == 0


def test_highlight_none_draws_plain_cues(story, tmp_path, true_voice):
    src = ROOT / "templates" / "clip-default"
    dst = tmp_path / "templates" / "clip-default"
    import shutil

    shutil.copytree(src, dst)
    toml = dst / "template.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('highlight = "word"', 'highlight = "none"'),
                    encoding="utf-8")
    tpl = load_template("clip-default", templates_dir=tmp_path / "templates")
    assert tpl.clip.subtitles.highlight == "none"
    plan = clipplan.plan_clip(story, tpl, voice=true_voice)
    sprites = [s for s in spoken_sprites(plan, plan.scenes[0]) if s is not None]
    assert sprites and not any(s.word_times for s in sprites)
    assert len(sprites) == len([c for c in plan.spoken if c.scene == 0])


# --------------------------------------------------------------------------- real transcription: timing


@pytest.fixture(scope="session")
def asr_models() -> Path:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "prepare-asr-model"), "--quiet"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return Path(proc.stdout.strip())


_VOICES: dict = {}


def _voice(engine: str, story) -> Voiceover:
    if engine not in _VOICES:
        _VOICES[engine] = load_voiceover(VOICE, _article_text(story), engine=engine, lang="en")
    return _VOICES[engine]


@pytest.mark.parametrize("engine", ["faster-whisper", "openai-whisper"])
def test_caption_words_start_with_the_voice_and_do_not_drift(engine, asr_models, story, template):
    if engine == "openai-whisper":
        pytest.importorskip("whisper")
    voice = _voice(engine, story)
    plan = clipplan.plan_clip(story, template, voice=voice)
    shown = [Word(text, a, b, 1.0) for c in plan.spoken for text, (a, b) in zip(c.text.split(), c.words)]
    true_words = truth("voiceover-en")["words"]
    pairs = start_errors(true_words, shown)
    assert len(pairs) >= 0.75 * len(true_words)  # most words recognised as said
    assert median_abs_error(pairs) <= 0.3
    # no drift: the last quarter of the minute is as well timed as the first
    quarter = true_words[-1]["start"] / 4
    first = [abs(r - h) for r, h in pairs if r < quarter]
    last = [abs(r - h) for r, h in pairs if r > 3 * quarter]
    assert len(first) > 10 and len(last) > 10
    assert statistics.median(first) <= 0.3 and statistics.median(last) <= 0.3
    slope = np.polyfit([r for r, _ in pairs], [h - r for r, h in pairs], 1)[0]
    assert abs(slope) < 0.005  # under 0.3 s over 60 s
    # names come out as the article spells them
    text = " ".join(c.text for c in plan.spoken)
    assert "Lindqvist" in text and "Achebe" in text


# --------------------------------------------------------------------------- the clip's sound


def _tone_level(samples: np.ndarray, rate: int, freq: float, start: float, end: float) -> float:
    """Amplitude of ``freq`` in [start, end) s (windowed DFT at that frequency)."""
    chunk = samples[int(start * rate):int(end * rate)].astype(np.float64)
    n = np.arange(len(chunk))
    win = np.hanning(len(chunk))
    return float(abs(np.sum(chunk * win * np.exp(-2j * np.pi * freq * n / rate))) / win.sum() * 2)


def _short_article(tmp_path: Path) -> Path:
    article = tmp_path / "nato.txt"
    article.write_text("NATO split over troops for Ukraine\n\n" + truth("narration-en")["text"] + "\n",
                       encoding="utf-8")
    return article


def test_voiceover_clip_has_the_voice_over_music_ducked_under_it(tmp_path, asr_models):
    music = tmp_path / "hum.wav"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=50:duration=8",
                    "-ac", "2", "-ar", "48000", str(music)], check=True)
    out = tmp_path / "out"
    res = CliRunner().invoke(main, [str(_short_article(tmp_path)), "--voiceover", str(SHORT_VOICE),
                                    "--music", str(music), "--formats", "clips,review", "--preview", "-q",
                                    "-o", str(out)])
    assert res.exit_code == 0, res.output
    folder = next(out.iterdir())
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    clip = next(a for a in manifest["assets"] if a["kind"] == "clip")
    vo = clip["extra"]["voiceover"]
    assert vo["file"] == SHORT_VOICE.name and vo["engine"] == "faster-whisper" and vo["model"] == "base"
    assert vo["duration"] == pytest.approx(truth("narration-en")["duration"], abs=0.2)
    assert 0.6 <= vo["alignment"]["matched"] <= 1.0
    review = (folder / "review.html").read_text(encoding="utf-8")
    assert "timed by the voice-over narration-en.opus" in review
    # the clip follows the voice (17 s), not the template's 15-40 s target with 2.5 s scenes
    speech_end = vo["speech_end"]
    assert clip["duration"] == pytest.approx(speech_end + clipplan.VOICE_TAIL + 2.5 - 0.2, abs=0.6)
    mp4 = folder / clip["path"]
    samples = video.decode_audio_samples(mp4, 16000)
    voice = video.decode_audio_samples(SHORT_VOICE, 16000)
    # the voice is in the mix: speech-band energy follows the narration
    spoken = _tone_level(samples, 16000, 50, 2.0, speech_end - 2.0)
    after = _tone_level(samples, 16000, 50, speech_end + 0.6, clip["duration"] - 1.2)
    ducked_db = 20 * np.log10(spoken / after)
    assert -14.5 <= ducked_db <= -9.5, ducked_db  # the template's -12 dB under the voice
    hp = lambda x: np.diff(x)  # noqa: E731 - drops the 50 Hz hum, keeps the voice
    rms = lambda x, a, b: float(np.sqrt(np.mean(hp(x[int(a * 16000):int(b * 16000)]) ** 2)))  # noqa: E731
    assert rms(samples, 2.0, speech_end - 2.0) > 10 * rms(samples, speech_end + 0.6, clip["duration"] - 1.2)
    assert rms(voice, 2.0, speech_end - 2.0) > 0  # (the narration itself is speech there)


# --------------------------------------------------------------------------- errors


def _run_error(tmp_path: Path, voice: Path, *extra: str) -> tuple[int, str, Path]:
    out = tmp_path / "out"
    res = CliRunner().invoke(main, [str(_short_article(tmp_path)), "--voiceover", str(voice), "--formats", "clips",
                                    "-q", "-o", str(out), *extra])
    return res.exit_code, res.output, out


def test_missing_voiceover_is_one_line_exit_2_nothing_written(tmp_path):
    code, output, out = _run_error(tmp_path, tmp_path / "nope.m4a")
    assert code == 2
    assert output.strip().splitlines() == [f"repackage: error: {tmp_path / 'nope.m4a'}: voice-over not found"]
    assert not out.exists()


def test_unreadable_voiceover_is_one_line_exit_2_nothing_written(tmp_path):
    bad = tmp_path / "vo.m4a"
    bad.write_text("not audio at all\n", encoding="utf-8")
    code, output, out = _run_error(tmp_path, bad)
    assert code == 2 and len(output.strip().splitlines()) == 1
    assert str(bad) in output and "voice-over" in output and "Traceback" not in output
    assert not out.exists()


def test_silent_voiceover_is_one_line_exit_2_nothing_written(tmp_path, asr_models):
    silent = tmp_path / "silent.m4a"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "4",
                    "-c:a", "aac", str(silent)], check=True)
    code, output, out = _run_error(tmp_path, silent)
    assert code == 2, output
    assert output.strip().splitlines() == [f"repackage: error: {silent}: no speech heard in the voice-over "
                                           "(silent, or not a voice)"]
    assert not out.exists()


def test_missing_model_is_one_line_exit_2_nothing_written(tmp_path, monkeypatch):
    monkeypatch.setenv("REPACKAGE_ASR_MODEL_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    code, output, out = _run_error(tmp_path, SHORT_VOICE, "--asr-model", "small")
    assert code == 2
    lines = output.strip().splitlines()
    assert len(lines) == 1 and "no faster-whisper model 'small' found" in lines[0] and "--asr-model PATH" in lines[0]
    assert not out.exists()


def test_plan_command_shows_the_clip_timed_by_the_voice(tmp_path, asr_models):
    res = CliRunner().invoke(main, ["plan", str(_short_article(tmp_path)), "--voiceover", str(SHORT_VOICE),
                                    "--formats", "clips", "-q"])
    assert res.exit_code == 0, res.output
    clip = json.loads(res.output)["clip"]
    vo = clip["voiceover"]
    assert vo["file"] == SHORT_VOICE.name and vo["timing"] == "sentences"
    assert clip["duration"] == pytest.approx(vo["speech_end"] + clipplan.VOICE_TAIL + 2.5 - 0.2, abs=0.6)
    assert clip["subtitles"][0]["start"] < 1.0 and "Scholz" in " ".join(c["text"] for c in clip["subtitles"])
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["batch", "watch"])
def test_batch_and_watch_refuse_a_voiceover(tmp_path, command):
    res = CliRunner().invoke(main, [command, str(tmp_path), "--voiceover", str(SHORT_VOICE), "-o", str(tmp_path / "o")])
    assert res.exit_code == 2 and "--voiceover reads one article" in res.output
    assert not (tmp_path / "o").exists()
