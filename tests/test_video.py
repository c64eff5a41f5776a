"""The video engine: frame compositing (exact, no ffmpeg), encoding, audio beds, errors."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from repackage.errors import MediaError, RenderError
from repackage.render import video

W, H = 160, 288  # small 9:16 canvas: exact checks stay fast


def _solid(rgb: tuple[int, int, int], size: tuple[int, int] = (W, H)) -> np.ndarray:
    return video.rgb_to_i420(np.full((size[1], size[0], 3), rgb, np.uint8))


def _rgb_frames(timeline: video.Timeline) -> list[np.ndarray]:
    return [video.i420_to_rgb(f).astype(int) for f in video.iter_frames(timeline)]


def _timeline(scenes, frames, **kw) -> video.Timeline:
    return video.Timeline(size=(W, H), fps=30, frames=frames, scenes=tuple(scenes), **kw)


def test_colour_conversion_round_trips():
    rng = np.random.default_rng(0)
    colours = rng.integers(0, 256, (20, 3))
    for c in colours:
        back = video.i420_to_rgb(_solid(tuple(int(v) for v in c)))
        assert np.abs(back[H // 2, W // 2].astype(int) - c).max() <= 2


def test_cut_switches_scene_on_the_exact_frame():
    red, blue = _solid((220, 30, 30)), _solid((30, 30, 220))
    tl = _timeline([video.SceneFrames(0, 10, red), video.SceneFrames(10, 5, blue)], 15, transition="cut")
    frames = _rgb_frames(tl)
    assert frames[9][100, 80, 0] > 200 and frames[10][100, 80, 2] > 200


def test_crossfade_blends_the_two_scenes():
    red, blue = _solid((220, 30, 30)), _solid((30, 30, 220))
    t = 5
    tl = _timeline([video.SceneFrames(0, 10, red), video.SceneFrames(10 - t, 10, blue)], 15,
                   transition="crossfade", transition_frames=t)
    frames = _rgb_frames(tl)
    mid = frames[10 - t + t // 2][100, 80]  # weight 3/6 = 0.5
    assert np.abs(mid - np.array([125, 30, 125])).max() <= 3
    reds = [f[100, 80, 0] for f in frames[10 - t - 1:10 + 1]]
    assert reds == sorted(reds, reverse=True)  # red fades out steadily


def test_slide_pushes_the_next_scene_in_from_the_right():
    red, blue = _solid((220, 30, 30)), _solid((30, 30, 220))
    tl = _timeline([video.SceneFrames(0, 10, red), video.SceneFrames(6, 10, blue)], 16,
                   transition="slide", transition_frames=4)
    frame = _rgb_frames(tl)[7]
    assert frame[100, 2, 0] > 200 and frame[100, W - 3, 2] > 200  # old on the left, new on the right


def test_sprite_lands_where_placed_and_fades_in():
    text = Image.new("RGBA", (40, 20), (255, 255, 255, 255))
    sprite = video.Sprite.from_image(text, 50, 100, motion=video.Motion("fade", 0.0, 0.2))
    tl = _timeline([video.SceneFrames(0, 12, _solid((0, 0, 0)), (sprite,))], 12)
    frames = _rgb_frames(tl)
    inside = [f[110, 70].mean() for f in frames]
    assert inside[0] < inside[3] < inside[6] and inside[-1] > 245
    assert frames[-1][90, 70].mean() < 10 and frames[-1][110, 95].mean() < 10  # nothing outside its box


def test_static_frames_are_composed_once_and_reused():
    sprite = video.Sprite.from_image(Image.new("RGBA", (40, 20), (255, 200, 0, 255)), 10, 10)
    scene = video.SceneFrames(0, 30, _solid((10, 20, 30)), (sprite,))
    drawer = video._SceneDrawer(scene, (W, H), 30)
    scratch = np.empty_like(scene.background)
    assert drawer.frame(5, scratch) is drawer.frame(20, scratch)  # the cached composite


def test_word_reveal_shows_words_in_order():
    image = Image.new("RGBA", (60, 20), (0, 0, 0, 0))
    image.paste((255, 255, 255, 255), (0, 0, 20, 20))
    image.paste((255, 255, 255, 255), (40, 0, 60, 20))
    words = [(0, 0, 30, 20), (30, 0, 60, 20)]
    sprite = video.Sprite.from_image(image, 40, 100, motion=video.Motion("words", 0.0, 0.3), words=words)
    tl = _timeline([video.SceneFrames(0, 12, _solid((0, 0, 0)), (sprite,))], 12)
    frames = _rgb_frames(tl)
    first, second = (50, 110), (90, 110)  # (x, y) inside each word
    early = frames[2]
    assert early[first[1], first[0]].mean() > 200 and early[second[1], second[0]].mean() < 20
    assert frames[-1][second[1], second[0]].mean() > 200


def test_progress_bar_grows_with_the_clip():
    bar = video.ProgressBar((255, 255, 255), 6, "top")
    tl = _timeline([video.SceneFrames(0, 20, _solid((0, 0, 0)))], 20, progress_bar=bar)
    for i, frame in enumerate(_rgb_frames(tl)):
        lit = int((frame[2, :, 0] > 128).sum())
        assert abs(lit - W * (i + 1) / 20) <= 2
        assert frame[10, :, 0].max() < 30  # only the bar's rows


def test_ken_burns_zooms_in_smoothly_around_the_centre():
    bg = np.zeros((round(H * 1.2), round(W * 1.2), 3), np.uint8)
    bg[:, round(bg.shape[1] * 0.75)] = 255  # a vertical line at 3/4 of the width
    kb = video.KenBurns(1.0, 1.2, (0.0, 0.0))
    tl = _timeline([video.SceneFrames(0, 11, video.rgb_to_i420(bg), ken_burns=kb)], 11)
    positions = [float(np.argmax(f[H // 2, :, 0])) for f in _rgb_frames(tl)]
    assert positions[0] == pytest.approx(0.75 * W, abs=1.5)
    assert positions[-1] == pytest.approx(W / 2 + 0.25 * W * 1.2, abs=1.5)
    steps = np.diff(positions)
    assert (steps >= -0.01).all() and steps.max() <= 2  # outward, no jumps


def test_encoded_clip_is_h264_high_cfr_with_exact_frame_count(tmp_path: Path):
    tl = _timeline([video.SceneFrames(0, 20, _solid((200, 40, 40))), video.SceneFrames(16, 20, _solid((40, 40, 200)))],
                   36, transition="crossfade", transition_frames=4)
    calls: list[tuple[int, int]] = []
    out = video.encode_video(tl, tmp_path / "c.mp4", progress=lambda d, n: calls.append((d, n)))
    info = video.probe(out)
    v = info["video"]
    assert (v["codec"], v["profile"], v["pix_fmt"], v["width"], v["height"]) == ("h264", "High", "yuv420p", W, H)
    assert v["fps"] == 30 and v["frames"] == 36
    assert info["duration"] == pytest.approx(36 / 30, abs=1 / 30)
    assert info["audio"] is None  # no music, no audio track
    assert calls[-1] == (36, 36) and [d for d, _ in calls] == sorted(d for d, _ in calls)
    frame = video.extract_frame(out, 0.1).astype(int)
    assert np.abs(frame[H // 2, W // 2] - [200, 40, 40]).max() < 12  # BT.709 tagged, colours kept
    assert list(tmp_path.iterdir()) == [out]


def test_ffmpeg_failure_is_a_render_error_with_its_message_and_no_file(tmp_path: Path):
    tl = _timeline([video.SceneFrames(0, 5, _solid((0, 0, 0)))], 5)
    with pytest.raises(RenderError) as err:
        video.encode_video(tl, tmp_path / "c.mp4", settings=video.EncodeSettings(preset="no-such-preset"))
    assert "ffmpeg failed" in str(err.value) and "no-such-preset" in str(err.value)
    assert list(tmp_path.iterdir()) == []


def test_missing_ffmpeg_says_how_to_install_it(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(RenderError, match=r"ffmpeg not found: install it with `apt-get install ffmpeg`"):
        video.ffmpeg_exe()


def test_odd_sizes_are_refused():
    with pytest.raises(RenderError, match="even"):
        video.Timeline(size=(161, 288), fps=30, frames=1, scenes=())


def _tone(path: Path, seconds: float, freq: float = 440.0) -> Path:
    t = np.arange(int(seconds * 48000)) / 48000
    pcm = (0.3 * np.sin(2 * np.pi * freq * t) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(48000)
        w.writeframes(pcm.tobytes())
    return path


def _samples(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        data = np.frombuffer(w.readframes(w.getnframes()), "<i2").reshape(-1, w.getnchannels())
    return data.astype(float) / 32767


def test_music_is_looped_to_the_exact_length_and_faded(tmp_path: Path):
    bed = video.prepare_music(_tone(tmp_path / "tone.wav", 1.5), 4.0, tmp_path, fade_in=0.5, fade_out=1.0)
    samples = _samples(bed.wav)
    assert len(samples) == 4 * 48000
    assert np.abs(samples[:480]).max() < 0.02  # starts silent (fade in)
    assert np.abs(samples[-480:]).max() < 0.02  # ends silent (fade out)
    assert np.abs(samples[int(2.5 * 48000):int(2.6 * 48000)]).max() > 0.15  # looped: the tone goes on
    assert bed.loudness is not None and bed.loudness.integrated < -10


def test_music_is_normalised_to_the_target_and_its_peaks_held(tmp_path: Path):
    t = np.arange(4 * 48000) / 48000
    quiet = 0.02 * np.sin(2 * np.pi * 330 * t)
    quiet[::24000] = 0.9  # sharp clicks that a plain gain would clip
    source = tmp_path / "clicks.wav"
    with wave.open(str(source), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(48000)
        w.writeframes((quiet * 32767).astype("<i2").tobytes())
    bed = video.prepare_music(source, 3.0, tmp_path, fade_in=0.0, fade_out=0.0)
    assert bed.loudness.integrated < -30 and bed.loudness.true_peak > -6
    tl = _timeline([video.SceneFrames(0, 90, _solid((0, 0, 0)))], 90)
    out = video.encode_video(tl, tmp_path / "c.mp4", music=bed)
    measured = video.measure_loudness(out)
    assert measured.integrated == pytest.approx(-14.0, abs=1.0)
    assert measured.true_peak <= 0.0  # held near the -1 dBTP ceiling, not +20


def test_unreadable_music_is_a_media_error(tmp_path: Path):
    junk = tmp_path / "song.mp3"
    junk.write_bytes(b"not audio at all")
    with pytest.raises(MediaError):
        video.prepare_music(junk, 3.0, tmp_path)
    with pytest.raises(MediaError, match="not found"):
        video.prepare_music(tmp_path / "missing.mp3", 3.0, tmp_path)


def test_missing_ffmpeg_is_not_blamed_on_the_music(tmp_path: Path, monkeypatch):
    tone = _tone(tmp_path / "tone.wav", 1.0)
    monkeypatch.setenv("PATH", "/nonexistent")
    for call in (lambda: video.prepare_music(tone, 3.0, tmp_path), lambda: video.check_audio(tone)):
        with pytest.raises(RenderError, match=r"ff(mpeg|probe) not found: install it with `apt-get install ffmpeg`") as err:
            call()
        assert not isinstance(err.value, MediaError)


def test_unreadable_music_is_a_media_error_from_check_audio(tmp_path: Path):
    junk = tmp_path / "song.mp3"
    junk.write_bytes(b"not audio at all")
    with pytest.raises(MediaError, match="cannot read the music file"):
        video.check_audio(junk)


def _mp3(path: Path, seconds: float, freq: int = 440) -> Path:
    import subprocess
    subprocess.run([video.ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"sine=frequency={freq}:duration={seconds}", "-ar", "44100", str(path)], check=True)
    return path


def test_mp3_music_loops_without_a_gap_at_the_seams(tmp_path: Path):
    bed = video.prepare_music(_mp3(tmp_path / "x.mp3", 7), 20.0, tmp_path, fade_in=0.0, fade_out=0.0)
    samples = _samples(bed.wav)[:, 0]
    assert len(samples) == 20 * 48000
    win = 480  # 10 ms
    usable = samples[: len(samples) // win * win].reshape(-1, win)
    rms = np.sqrt((usable ** 2).mean(axis=1))
    assert rms.min() > 0.05, f"silent 10 ms window at {rms.argmin() * win / 48000:.3f} s"


def test_too_short_music_is_refused_in_one_line(tmp_path: Path):
    short = _tone(tmp_path / "blip.wav", 0.05)
    with pytest.raises(MediaError, match=r"music is 0\.05 s long; at least 0\.5 s needed") as err:
        video.prepare_music(short, 10.0, tmp_path)
    assert "\n" not in str(err.value)


def test_moviepy_uses_the_ffmpeg_we_found(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("FFMPEG_BINARY", "/nonexistent/ffmpeg")
    video.prepare_music(_tone(tmp_path / "tone.wav", 1.0), 2.0, tmp_path)
    from moviepy import config
    from moviepy.audio.io import readers
    assert readers.FFMPEG_BINARY == config.FFMPEG_BINARY == video.ffmpeg_exe()


def test_crossfade_never_shows_both_scenes_text():
    white = Image.new("RGBA", (40, 20), (255, 255, 255, 255))
    a = video.Sprite.from_image(white, 20, 100, motion=video.Motion("fade", 0.0, 0.1))
    b = video.Sprite.from_image(white, 100, 100, motion=video.Motion("fade", 0.0, 0.1))
    t = 12
    scenes = [video.SceneFrames(0, 30, _solid((0, 0, 0)), (a,)),
              video.SceneFrames(30 - t, 30, _solid((0, 0, 80)), (b,))]
    frames = _rgb_frames(_timeline(scenes, 48, transition="crossfade", transition_frames=t))
    shown_a = [f[110, 40].mean() > 30 for f in frames]
    shown_b = [f[110, 120].mean() > 60 for f in frames]
    assert not any(x and y for x, y in zip(shown_a, shown_b))
    assert shown_a[30 - t - 1] and shown_b[-1]  # each text shows outside the transition
    mid = frames[30 - t + t // 2]
    assert 10 < mid[60, 80, 2] < 70  # the backgrounds themselves do cross
