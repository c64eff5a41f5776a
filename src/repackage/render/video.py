"""Video stage: frame compositing, ffmpeg encoding, audio beds, probing.

This is the only module of ``repackage`` that imports moviepy or runs
ffmpeg/ffprobe, so their API changes touch one file.

How a clip is made, and why it is fast (see ``benchmarks/RESULTS.md``):

* Everything that does not change from frame to frame is prepared once per
  scene: the background is rendered once at the Ken Burns maximum zoom, each
  text layer once as a premultiplied sprite cropped to its ink.
* Frames are composed directly in planar YUV 4:2:0 (BT.709, limited range),
  the format x264 encodes: half the bytes of RGB to warp, blend and pipe, and
  no colour conversion left for ffmpeg.
* Per frame, OpenCV does the only full-canvas work in C: one bilinear affine
  warp of the pre-scaled background for Ken Burns (sub-pixel, so slow zooms do
  not judder), one weighted add for crossfades. Sprites are blended over their
  own small region only. A scene whose background is still and whose text has
  finished its entrance is composed once and reused for every later frame.
* Raw frames go to one ffmpeg process through its stdin, from a writer
  thread fed by a small pool of reusable buffers, so composing the next frame
  overlaps with x264 encoding the previous ones. Memory is bounded by the
  pool, not by the clip length.
* moviepy prepares the music bed (``AudioFileClip`` + ``AudioLoop`` + fades +
  volume, written to a WAV of the clip's exact length); ffmpeg measures it
  (``ebur128``: integrated loudness, true peak) and the encode applies the
  gain to −14 LUFS while muxing (a bed whose peaks would pass −1 dBTP is
  limited and re-measured first),
  in the same process as the video (no ``-shortest``: both streams have the
  exact clip duration).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import math
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Sequence

import cv2
import numpy as np
from PIL import Image

from ..errors import FaultError, MediaError, RenderError
from ..fsutil import atomic_path

ProgressFn = Callable[[int, int], None]

_STDERR_TAIL_LINES = 12
_POOL_SIZE = 3



@contextlib.contextmanager
def _single_threaded_cv2() -> Iterator[None]:
    """OpenCV on one thread while x264 keeps the cores busy (more threads only contend)."""
    before = cv2.getNumThreads()
    cv2.setNumThreads(1)
    try:
        yield
    finally:
        cv2.setNumThreads(before)


# --------------------------------------------------------------------------- binaries


def _binary(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise RenderError(f"{name} not found: install it with `apt-get install ffmpeg`")
    return path


def ffmpeg_exe() -> str:
    """Path of the ``ffmpeg`` binary on PATH, or a RenderError saying how to install it."""
    return _binary("ffmpeg")


def ffprobe_exe() -> str:
    """Path of the ``ffprobe`` binary on PATH, or a RenderError saying how to install it."""
    return _binary("ffprobe")


def _tail(text: str, lines: int = _STDERR_TAIL_LINES) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _run(args: Sequence[str], what: str, path: str | os.PathLike | None = None) -> subprocess.CompletedProcess:
    """Run an ffmpeg/ffprobe command; a failure becomes a RenderError with stderr's tail."""
    proc = subprocess.run(list(args), stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RenderError(f"{what} failed (exit {proc.returncode}):\n{_tail(proc.stderr)}",
                          str(path) if path else None)
    return proc


# --------------------------------------------------------------------------- probing


def _ratio(text: str | None) -> float | None:
    if not text or text in ("0/0", "N/A"):
        return None
    num, _, den = text.partition("/")
    return float(num) / float(den or 1)


def probe(path: str | os.PathLike) -> dict:
    """What ffprobe says about a media file, as plain values.

    Keys: ``duration`` (s), ``size_bytes``, ``format``, ``video`` (``codec``,
    ``profile``, ``pix_fmt``, ``width``, ``height``, ``fps``, ``frames``,
    ``duration``) and ``audio`` (``codec``, ``sample_rate``, ``channels``,
    ``duration``); ``video``/``audio`` are None when the stream is absent.
    """
    proc = _run([ffprobe_exe(), "-v", "error", "-print_format", "json", "-show_format",
                 "-show_streams", str(path)], "ffprobe", path)
    data = json.loads(proc.stdout)
    fmt = data.get("format", {})
    out: dict = {
        "duration": float(fmt["duration"]) if "duration" in fmt else None,
        "size_bytes": int(fmt.get("size", 0)),
        "format": fmt.get("format_name"),
        "video": None,
        "audio": None,
    }
    for s in data.get("streams", []):
        duration = float(s["duration"]) if "duration" in s else None
        if s.get("codec_type") == "video" and out["video"] is None:
            out["video"] = {
                "codec": s.get("codec_name"),
                "profile": s.get("profile"),
                "pix_fmt": s.get("pix_fmt"),
                "width": s.get("width"),
                "height": s.get("height"),
                "fps": _ratio(s.get("avg_frame_rate")) or _ratio(s.get("r_frame_rate")),
                "frames": int(s["nb_frames"]) if s.get("nb_frames", "").isdigit() else None,
                "duration": duration,
            }
        elif s.get("codec_type") == "audio" and out["audio"] is None:
            out["audio"] = {
                "codec": s.get("codec_name"),
                "sample_rate": int(s.get("sample_rate", 0)),
                "channels": s.get("channels"),
                "duration": duration,
            }
    return out


def check_audio(path: str | os.PathLike) -> None:
    """Refuse a music file ffmpeg cannot read or that has no audio (MediaError).

    A missing ffprobe is not the file's fault: it stays a RenderError that
    says how to install ffmpeg.
    """
    _probe_media(path, "music file")


def check_media_audio(path: str | os.PathLike, what: str) -> None:
    """Refuse a ``what`` (e.g. "voice-over") file ffmpeg cannot read or without audio (MediaError)."""
    _probe_media(path, what)


def _probe_media(path: str | os.PathLike, what: str) -> dict:
    """``probe(path)`` for a user's media file: a file ffprobe cannot read (or
    without audio) is a MediaError; a missing ffprobe is a RenderError."""
    ffprobe_exe()  # RenderError("ffprobe not found: ...") before anything is blamed on the file
    try:
        info = probe(path)
    except RenderError:
        raise MediaError(f"cannot read the {what}: not a media file ffmpeg can read", str(path)) from None
    if info["audio"] is None:
        raise MediaError(f"the {what} holds no audio stream", str(path))
    return info


def check_footage(path: str | os.PathLike) -> dict:
    """Refuse footage ffmpeg cannot read, or without a picture or sound (MediaError)."""
    info = _probe_media(path, "footage")
    if info["video"] is None or not info["video"].get("width"):
        raise MediaError("the footage holds no video stream", str(path))
    return info


def extract_frame(path: str | os.PathLike, t: float) -> np.ndarray:
    """The frame shown at ``t`` seconds, as an RGB uint8 array (H, W, 3)."""
    info = probe(path)["video"]
    if info is None:
        raise RenderError("no video stream", str(path))
    # ffmpeg's -ss gives the first frame whose timestamp is >= the time asked;
    # the frame on screen at t started at or before t, so seek just before it.
    index = math.floor(t * info["fps"] + 1e-6)
    start = max(0.0, (index - 0.25) / info["fps"])
    proc = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-ss", f"{start:.6f}", "-i", str(path), "-frames:v", "1",
         "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"],
        stdin=subprocess.DEVNULL, capture_output=True,
    )
    w, h = info["width"], info["height"]
    if proc.returncode != 0 or len(proc.stdout) < w * h * 3:
        raise RenderError(f"cannot extract the frame at {t:.3f}s:\n{_tail(proc.stderr.decode(errors='replace'))}",
                          str(path))
    return np.frombuffer(proc.stdout[: w * h * 3], np.uint8).reshape(h, w, 3)


# --------------------------------------------------------------------------- footage frames


#: Frames sampled for face detection are at most this wide (faces stay well above the detector's minimum).
SAMPLE_WIDTH = 960


def sample_frames(path: str | os.PathLike, start: float, duration: float, fps: float,
                  max_width: int = SAMPLE_WIDTH) -> list[tuple[float, np.ndarray]]:
    """Frames of ``path`` from ``start`` for ``duration`` s at ``fps`` a second, as
    ``(seconds after start, RGB array)``, scaled down to at most ``max_width``
    wide (face detection looks at these). MediaError when nothing can be read."""
    info = probe(path)["video"]
    if info is None:
        raise MediaError("the footage holds no video stream", str(path))
    w, h = info["width"], info["height"]
    if w > max_width:
        w, h = max_width, 2 * round(h * max_width / w / 2)
    out = []
    for k, frame in enumerate(_frames(path, start, duration, fps, (w, h))):
        out.append((round(k / fps, 3), frame.copy()))
    if not out:
        raise MediaError(f"no picture could be read from {start:.2f} s", str(path))
    return out


def read_frames(path: str | os.PathLike, start: float, duration: float, fps: float,
                count: int) -> Iterator[np.ndarray]:
    """Exactly ``count`` RGB frames of ``path`` from ``start`` at ``fps`` (source size):
    the last frame repeats if the file ends early. Each array is reused: copy to keep."""
    last = None
    n = 0
    for frame in _frames(path, start, duration, fps, None):
        if n == count:
            break
        last = frame
        n += 1
        yield frame
    if last is None:
        raise MediaError(f"no picture could be read from {start:.2f} s", str(path))
    while n < count:
        n += 1
        yield last


def _frames(path: str | os.PathLike, start: float, duration: float, fps: float,
            size: tuple[int, int] | None) -> Iterator[np.ndarray]:
    """RGB frames decoded by one ffmpeg process (constant ``fps``, optionally scaled to ``size``)."""
    info = probe(path)["video"]
    if info is None:
        raise MediaError("the footage holds no video stream", str(path))
    w, h = size or (info["width"], info["height"])
    vf = f"fps={fps:g}" + (f",scale={w}:{h}:flags=area" if size else "")
    args = [ffmpeg_exe(), "-nostdin", "-v", "error", "-ss", f"{max(0.0, start):.3f}", "-i", str(path),
            "-t", f"{duration:.3f}", "-map", "0:v:0", "-vf", vf, "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]
    with tempfile.TemporaryFile() as errlog:
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errlog)
        assert proc.stdout is not None
        frame_bytes = w * h * 3
        buf = np.empty((h, w, 3), np.uint8)
        view = memoryview(buf).cast("B")
        try:
            while True:
                got = 0
                while got < frame_bytes:
                    n = proc.stdout.readinto(view[got:])
                    if not n:
                        break
                    got += n
                if got < frame_bytes:
                    break
                yield buf
        finally:
            proc.stdout.close()
            if proc.poll() is None:
                proc.kill()
            code = proc.wait()
        if code > 0:
            errlog.seek(0)
            raise MediaError(f"cannot decode the footage: {_tail(errlog.read().decode(errors='replace'), 1)}",
                             str(path))


def encode_footage_clip(frames: Iterator[np.ndarray], size: tuple[int, int], fps: float, count: int,
                        dest: str | os.PathLike, *, audio: tuple[str | os.PathLike, float, float] | None,
                        settings: EncodeSettings | None = None, progress: ProgressFn | None = None) -> Path:
    """Encode ``count`` RGB frames (``size``) to an H.264 MP4 at ``dest``, with the
    audio of ``audio = (file, start, duration)`` as AAC (the source's sound, kept
    as it is). BT.709, limited range, +faststart; written atomically."""
    dest = Path(dest)
    settings = settings or EncodeSettings()
    w, h = size
    rate = f"{fps:g}"
    with atomic_path(dest) as tmp, tempfile.TemporaryFile() as errlog:
        args = [ffmpeg_exe(), "-hide_banner", "-nostats", "-loglevel", "error", "-y",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}", "-r", rate, "-i", "pipe:0"]
        if audio is not None:
            src, start, duration = audio
            args += ["-ss", f"{start:.3f}", "-t", f"{duration:.3f}", "-i", str(src),
                     "-map", "0:v:0", "-map", "1:a:0", "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2"]
        args += ["-vf", "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p",
                 "-c:v", "libx264", "-preset", settings.preset, "-crf", str(settings.crf),
                 "-profile:v", settings.profile, "-r", rate, "-fps_mode", "cfr",
                 "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
                 "-movflags", "+faststart", str(tmp)]
        proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errlog)
        _widen_pipe(proc.stdin)
        failure = None
        try:
            done = 0
            for frame in frames:
                if done == count:
                    break
                try:
                    proc.stdin.write(memoryview(np.ascontiguousarray(frame)).cast("B"))
                except (BrokenPipeError, OSError) as exc:
                    failure = exc
                    break
                done += 1
                if progress is not None:
                    progress(done, count)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        finally:
            with contextlib.suppress(BrokenPipeError, OSError):
                proc.stdin.close()
        code = proc.wait()
        if code < 0:
            raise FaultError(f"ffmpeg was killed by signal {-code} while encoding the clip", str(dest))
        if failure is not None or code != 0:
            errlog.seek(0)
            detail = _tail(errlog.read().decode(errors="replace")) or str(failure)
            raise RenderError(f"ffmpeg failed (exit {code}) while encoding the footage clip:\n{detail}", str(dest))
    return dest


# --------------------------------------------------------------------------- speech audio


def decode_audio_samples(path: str | os.PathLike, sample_rate: int = 16000) -> np.ndarray:
    """The first audio stream of ``path`` as mono float32 samples in [-1, 1] at ``sample_rate``.

    This is what speech engines take (16 kHz mono for Whisper); decoding here
    keeps them from shelling out to ffmpeg on their own. MediaError when the
    file cannot be read or holds no audio; RenderError when ffmpeg is missing.
    """
    return _decode_f32(path, "media file", "audio", 1, sample_rate)


def _decode_f32(path: str | os.PathLike, what: str, label: str, channels: int, sample_rate: int) -> np.ndarray:
    """The first audio stream of ``path`` as float32 samples, ``channels``
    interleaved; MediaError naming ``label`` when ffmpeg cannot decode it."""
    exe = ffmpeg_exe()
    _probe_media(path, what)
    proc = subprocess.run(
        [exe, "-nostdin", "-v", "error", "-i", str(path), "-map", "0:a:0", "-vn", "-ac", str(channels),
         "-ar", str(int(sample_rate)), "-f", "f32le", "-acodec", "pcm_f32le", "pipe:1"],
        stdin=subprocess.DEVNULL, capture_output=True, check=False,
    )
    if proc.returncode != 0:
        first = (proc.stderr.decode(errors="replace").strip().splitlines() or ["no audio decoded"])[-1]
        raise MediaError(f"cannot decode the {label}: {first}", str(path))
    usable = len(proc.stdout) // (4 * channels) * (4 * channels)
    return np.frombuffer(proc.stdout[:usable], np.float32).copy()


# --------------------------------------------------------------------------- audio


@dataclass(frozen=True)
class Loudness:
    """EBU R128 measurement of a track (ffmpeg ``ebur128``)."""

    integrated: float  # LUFS
    true_peak: float  # dBTP


@dataclass(frozen=True)
class MusicBed:
    """A music track prepared for one clip: exact length, looped, faded, measured."""

    wav: Path
    duration: float
    loudness: Loudness | None  # as prepared, before normalisation; None: silent, left as is
    target_lufs: float
    gain_db: float = 0.0  # linear gain the encode applies to reach the target


#: Highest true peak allowed after normalisation; louder peaks are limited.
PEAK_CEILING = -1.0


def measure_loudness(path: str | os.PathLike) -> Loudness | None:
    """Integrated loudness and true peak of the first audio stream; None when silent."""
    proc = _run([ffmpeg_exe(), "-hide_banner", "-nostats", "-i", str(path), "-map", "0:a:0",
                 "-af", "ebur128=peak=true", "-f", "null", "-"], "loudness measurement", path)
    summary = proc.stderr.rsplit("Summary:", 1)[-1]
    integrated = re.search(r"I:\s*(-?[\d.]+|-inf)\s*LUFS", summary)
    peak = re.search(r"True peak:\s*Peak:\s*(-?[\d.]+|-inf)\s*dBFS", summary)
    if integrated is None or peak is None:
        raise RenderError(f"ebur128 printed no measurement:\n{_tail(proc.stderr)}", str(path))
    if "inf" in integrated.group(1) or float(integrated.group(1)) <= -70.0:
        return None  # below the absolute gate: silence
    return Loudness(float(integrated.group(1)), float(peak.group(1)))


def integrated_loudness(path: str | os.PathLike) -> float | None:
    """Integrated loudness (LUFS) of the first audio stream, None when silent."""
    measured = measure_loudness(path)
    return measured.integrated if measured else None


#: Shortest music accepted: shorter files cannot be looped into a bed.
MIN_MUSIC_SECONDS = 0.5


def _use_ffmpeg_in_moviepy(exe: str) -> None:
    """Point moviepy at ``exe``, whatever FFMPEG_BINARY says and whenever moviepy was imported.

    moviepy reads the binary once, into ``moviepy.config`` and into each of its
    reader/writer modules (``from moviepy.config import FFMPEG_BINARY``), so
    each of those names is set.
    """
    import importlib

    for name in ("moviepy.config", "moviepy.audio.io.readers", "moviepy.audio.io.ffmpeg_audiowriter",
                 "moviepy.video.io.ffmpeg_reader", "moviepy.video.io.ffmpeg_writer",
                 "moviepy.video.io.ffmpeg_tools"):
        with contextlib.suppress(ImportError):
            module = importlib.import_module(name)
            if hasattr(module, "FFMPEG_BINARY"):
                module.FFMPEG_BINARY = exe


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


def decode_music(music: str | os.PathLike, workdir: str | os.PathLike) -> tuple[Path, float]:
    """Decode ``music`` to a 48 kHz stereo PCM WAV with ffmpeg; return it and its length (s).

    Decoding first gives the exact sample count: MP3 and AAC carry encoder
    padding that ffmpeg's decoders drop but moviepy's reader keeps (a gap
    of silence at every loop seam). MediaError when the file cannot be
    decoded or is shorter than ``MIN_MUSIC_SECONDS``; RenderError when
    ffmpeg itself is missing.
    """
    exe = ffmpeg_exe()
    _probe_media(music, "music file")
    wav = Path(workdir) / "music-decoded.wav"
    proc = subprocess.run([exe, "-v", "error", "-y", "-i", str(music), "-map", "0:a:0", "-vn",
                           "-ac", "2", "-ar", "48000", "-c:a", "pcm_s16le", "-f", "wav", str(wav)],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False)
    if proc.returncode != 0 or not wav.is_file():
        first = (proc.stderr.strip().splitlines() or ["no audio decoded"])[-1]
        raise MediaError(f"cannot decode the music file: {first}", str(music))
    import wave

    try:
        with wave.open(str(wav)) as w:
            seconds = w.getnframes() / w.getframerate()
    except (wave.Error, EOFError, ZeroDivisionError) as exc:
        raise MediaError(f"cannot decode the music file: {_one_line(exc)}", str(music)) from None
    if seconds < MIN_MUSIC_SECONDS:
        raise MediaError(f"music is {seconds:.2f} s long; at least {MIN_MUSIC_SECONDS:g} s needed", str(music))
    return wav, seconds


def prepare_music(music: str | os.PathLike, duration: float, workdir: str | os.PathLike, *,
                  volume: float = 1.0, fade_in: float = 0.5, fade_out: float = 1.0,
                  target_lufs: float = -14.0) -> MusicBed:
    """Loop or trim ``music`` to ``duration`` seconds, fade it, and measure it.

    ffmpeg first decodes the music to PCM (:func:`decode_music`: exact
    length, so loops are seamless whatever the format); moviepy then does
    the clip arithmetic (``AudioLoop``, ``AudioFadeIn``/``Out``,
    ``MultiplyVolume``) and writes a 48 kHz WAV of exactly ``duration``
    seconds; ffmpeg measures it, and the encode applies the gain that brings
    it to ``target_lufs`` (see :func:`encode_video`). MediaError for a file
    that is missing, unreadable or too short; RenderError when ffmpeg is
    missing or moviepy fails (one line, no traceback).
    """
    music = Path(music)
    if not music.is_file():
        raise MediaError("music file not found", str(music))
    exe = ffmpeg_exe()
    decoded, _seconds = decode_music(music, workdir)
    os.environ["FFMPEG_BINARY"] = exe  # for a first import of moviepy.config
    try:
        from moviepy import AudioFileClip, afx
    except ImportError as exc:
        raise RenderError(f"moviepy is not installed: {_one_line(exc)}") from None
    _use_ffmpeg_in_moviepy(exe)
    wav = Path(workdir) / "music.wav"
    clip = None
    try:
        clip = AudioFileClip(str(decoded), fps=48000)
        shaped = clip.with_effects([afx.AudioLoop(duration=duration)]) if clip.duration < duration \
            else clip.subclipped(0, duration)
        effects = [afx.MultiplyVolume(volume)]
        if fade_in > 0:
            effects.append(afx.AudioFadeIn(min(fade_in, duration / 2)))
        if fade_out > 0:
            effects.append(afx.AudioFadeOut(min(fade_out, duration / 2)))
        shaped = shaped.with_effects(effects).with_duration(duration)
        # (a larger write buffersize loses audio across AudioLoop's seams in moviepy 2.2)
        shaped.write_audiofile(str(wav), fps=48000, nbytes=2, codec="pcm_s16le", logger=None)
    except (OSError, ValueError, IndexError, KeyError, RuntimeError, AttributeError) as exc:
        # the decoded WAV is ours: a failure past this point is not the user's file
        raise RenderError(f"moviepy could not prepare the music bed: {_one_line(exc)}", str(music)) from None
    finally:
        if clip is not None:
            with contextlib.suppress(Exception):
                clip.close()
    return _normalised(wav, duration, target_lufs)


def _normalised(wav: Path, duration: float, target_lufs: float) -> MusicBed:
    """Measure the bed; when a plain gain to the target would clip, limit it now.

    A linear gain is exact, so it is left for the encode (``gain_db``). When
    it would push true peaks past ``PEAK_CEILING``, a limiter is needed, and
    limiting lowers loudness: the gain is then applied here with the limiter
    and corrected from a new measurement until the bed is within 0.3 LU.
    """
    measured = measure_loudness(wav)
    if measured is None:
        return MusicBed(wav, duration, None, target_lufs)
    gain = target_lufs - measured.integrated
    if measured.true_peak + gain <= PEAK_CEILING:
        return MusicBed(wav, duration, measured, target_lufs, gain_db=gain)
    limited_wav = wav.with_name("music-limited.wav")
    limiter = f"alimiter=limit={10 ** (PEAK_CEILING / 20):.4f}:level=disabled"
    for _ in range(4):
        _run([ffmpeg_exe(), "-v", "error", "-y", "-i", str(wav), "-af", f"volume={gain:.2f}dB,{limiter}",
              "-c:a", "pcm_s16le", str(limited_wav)], "music limiter", wav)
        limited = measure_loudness(limited_wav)
        if limited is None or abs(target_lufs - limited.integrated) <= 0.3:
            break
        gain += target_lufs - limited.integrated
    return MusicBed(limited_wav, duration, measured, target_lufs, gain_db=0.0)


def decode_stereo(path: str | os.PathLike, what: str = "media file", sample_rate: int = 48000) -> np.ndarray:
    """The first audio stream of ``path`` as float32 stereo samples, shape (n, 2)."""
    return _decode_f32(path, what, what, 2, sample_rate).reshape(-1, 2)


def duck_envelope(n: int, sample_rate: int, spans: Sequence[tuple[float, float]], duck_db: float,
                  ramp: float) -> np.ndarray:
    """Gain per sample (1 = full, ``10 ** (duck_db / 20)`` under speech): down over
    ``ramp`` s before each span of speech, back up over ``ramp`` s after it."""
    low = 10 ** (duck_db / 20)
    env = np.ones(n, np.float32)
    r = max(ramp, 1.0 / sample_rate)
    for a, b in spans:
        i0, i1 = max(0, int((a - r) * sample_rate)), min(n, int(math.ceil((b + r) * sample_rate)))
        if i1 <= i0:
            continue
        t = np.arange(i0, i1, dtype=np.float64) / sample_rate
        depth = np.interp(t, [a - r, a, b, b + r], [0.0, 1.0, 1.0, 0.0])
        np.minimum(env[i0:i1], (1 - (1 - low) * depth).astype(np.float32), out=env[i0:i1])
    return env


def mix_voiceover(voice: str | os.PathLike, duration: float, speech: Sequence[tuple[float, float]],
                  workdir: str | os.PathLike, *, bed: MusicBed | None = None, duck_db: float = -12.0,
                  ramp: float = 0.25, target_lufs: float = -14.0) -> MusicBed:
    """The clip's sound: the voice-over brought to ``target_lufs``, over the
    music bed (as prepared by :func:`prepare_music`, at its own loudness)
    ducked by ``duck_db`` during ``speech`` (spans in s, ramps of ``ramp`` s),
    ``duration`` s long, measured and limited like a bed. MediaError for a
    voice file ffmpeg cannot read."""
    import wave

    rate = 48000
    n = round(duration * rate)
    voice_pcm = decode_stereo(voice, "voice-over", rate)[:n]
    if len(voice_pcm) < n:
        voice_pcm = np.concatenate([voice_pcm, np.zeros((n - len(voice_pcm), 2), np.float32)])
    work = Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    loud = measure_loudness(voice)
    gain = 10 ** ((target_lufs - loud.integrated) / 20) if loud else 1.0
    mix = voice_pcm * np.float32(gain)
    if bed is not None:
        with wave.open(str(bed.wav)) as w:
            raw = np.frombuffer(w.readframes(w.getnframes()), "<i2").reshape(-1, w.getnchannels())
        music = raw.astype(np.float32)[:n] / 32768 * np.float32(10 ** (bed.gain_db / 20))
        if music.shape[1] == 1:
            music = np.repeat(music, 2, axis=1)
        env = duck_envelope(len(music), rate, speech, duck_db, ramp)
        mix[: len(music)] += music * env[:, None]
    peak = float(np.abs(mix).max()) if mix.size else 0.0
    if peak > 0.98:  # keep the PCM from clipping; the limiter below restores the loudness
        mix *= np.float32(0.98 / peak)
    wav = work / "voice-mix.wav"
    with wave.open(str(wav), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.round(mix * 32767).astype("<i2").tobytes())
    return _normalised(wav, duration, target_lufs)


def _audio_args(bed: MusicBed) -> list[str]:
    """Output options that encode the bed as AAC 48 kHz stereo, with its gain to the target."""
    gain = ["-af", f"volume={bed.gain_db:.2f}dB"] if bed.gain_db else []
    # the "fast" coder halves the AAC encoder's time; at 160 kb/s a music bed loses nothing audible
    return [*gain, "-c:a", "aac", "-aac_coder", "fast", "-b:a", "160k", "-ar", "48000", "-ac", "2"]


def encode_audio(wav: str | os.PathLike, dest: str | os.PathLike, bitrate: str = "96k") -> Path:
    """Encode a WAV as AAC in an .m4a (used to ship the generated music bed)."""
    with atomic_path(dest) as tmp:
        _run([ffmpeg_exe(), "-v", "error", "-y", "-i", str(wav), "-c:a", "aac", "-b:a", bitrate,
              "-movflags", "+faststart", str(tmp)], "audio encode", dest)
    return Path(dest)


# --------------------------------------------------------------------------- colour

# Frames are composed directly in planar YUV 4:2:0 (I420), ITU-R BT.709,
# limited range, the format x264 encodes: half the bytes of RGB to warp,
# blend and pipe, no conversion in ffmpeg, and the stream is tagged BT.709 so
# players show the colours the templates ask for. Blending is linear, so it
# works in YUV as in RGB.
_KR, _KB = 0.2126, 0.0722
_KG = 1 - _KR - _KB


def _yuv(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Full-resolution float Y, U, V (limited range) of an RGB array."""
    r, g, b = (rgb[..., i].astype(np.float32) for i in range(3))
    luma = _KR * r + _KG * g + _KB * b
    y = 16 + luma * (219 / 255)
    u = 128 + (b - luma) * (224 / 255) / (2 * (1 - _KB))
    v = 128 + (r - luma) * (224 / 255) / (2 * (1 - _KR))
    return y, u, v


def _half(plane: np.ndarray) -> np.ndarray:
    """Average of each 2x2 block (chroma subsampling); sizes must be even."""
    return (plane[0::2, 0::2] + plane[1::2, 0::2] + plane[0::2, 1::2] + plane[1::2, 1::2]) / 4


def _u8(plane: np.ndarray) -> np.ndarray:
    return np.clip(plane + 0.5, 0, 255).astype(np.uint8)


def rgb_to_i420(rgb: np.ndarray) -> np.ndarray:
    """An (H, W, 3) RGB array (even sizes) as an I420 buffer of shape (H * 3 / 2, W)."""
    h, w = rgb.shape[:2]
    y, u, v = _yuv(rgb)
    return np.concatenate([_u8(y).ravel(), _u8(_half(u)).ravel(), _u8(_half(v)).ravel()]).reshape(h * 3 // 2, w)


def i420_to_rgb(buf: np.ndarray) -> np.ndarray:
    """The RGB (H, W, 3) array of an I420 buffer (chroma upsampled by repetition)."""
    h, w = buf.shape[0] * 2 // 3, buf.shape[1]
    y, u, v = (p.astype(np.float32) for p in planes(buf))
    u = np.repeat(np.repeat(u, 2, axis=0), 2, axis=1)
    v = np.repeat(np.repeat(v, 2, axis=0), 2, axis=1)
    luma = (y - 16) * (255 / 219)
    pb, pr = (u - 128) * (255 / 224), (v - 128) * (255 / 224)
    r = luma + 2 * (1 - _KR) * pr
    b = luma + 2 * (1 - _KB) * pb
    g = (luma - _KR * r - _KB * b) / _KG
    return _u8(np.stack([r, g, b], axis=-1)).reshape(h, w, 3)


def planes(buf: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Views of the Y (H, W), U and V (H/2, W/2) planes of an I420 buffer."""
    h, w = buf.shape[0] * 2 // 3, buf.shape[1]
    flat = buf.reshape(-1)
    y = flat[: h * w].reshape(h, w)
    u = flat[h * w: h * w * 5 // 4].reshape(h // 2, w // 2)
    v = flat[h * w * 5 // 4:].reshape(h // 2, w // 2)
    return y, u, v


def yuv_color(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    y, u, v = _yuv(np.array([[rgb]], np.uint8))
    return int(_u8(y)[0, 0]), int(_u8(u)[0, 0]), int(_u8(v)[0, 0])


def _even(n: float) -> int:
    return 2 * round(n / 2)


# --------------------------------------------------------------------------- frames


@dataclass(frozen=True)
class Motion:
    """How a sprite enters its scene: ``none``, ``fade``, ``slide`` (up + fade) or
    ``words`` (word-by-word reveal), starting ``delay`` s after the scene starts."""

    kind: str = "fade"
    delay: float = 0.0
    duration: float = 0.35

    def __post_init__(self) -> None:
        if self.kind not in ("none", "fade", "slide", "words"):
            raise ValueError(f"unknown text motion {self.kind!r}")


@dataclass(frozen=True, eq=False)
class Sprite:
    """A pre-rendered layer, cropped to its ink, as premultiplied I420 planes.

    ``planes`` are Y (h, w), U and V (h/2, w/2), each multiplied by alpha;
    ``alphas`` the alpha at luma and chroma resolution. ``x``, ``y``, ``w``
    and ``h`` are even so chroma lines up. ``words`` are (x0, y0, x1, y1)
    boxes in sprite coordinates, in reading order, that the ``words`` motion
    reveals one after another.
    """

    planes: tuple[np.ndarray, np.ndarray, np.ndarray]
    alphas: tuple[np.ndarray, np.ndarray]
    x: int
    y: int
    motion: Motion = field(default_factory=lambda: Motion("none"))
    words: tuple[tuple[int, int, int, int], ...] = ()
    #: (start, end) s into the scene: drawn only then (a subtitle cue); None: always
    window: tuple[float, float] | None = None
    #: (start, end) s into the scene of each of ``words``: only the word being
    #: spoken is drawn (a karaoke highlight over the plain cue)
    word_times: tuple[tuple[float, float], ...] = ()

    @classmethod
    def from_image(cls, image: Image.Image, x: int, y: int, *, motion: Motion | None = None,
                   words: Sequence[tuple[int, int, int, int]] = (), scale: float = 1.0,
                   window: tuple[float, float] | None = None,
                   word_times: Sequence[tuple[float, float]] = ()) -> "Sprite | None":
        """Sprite of an RGBA image placed at (x, y); None when it has no ink.

        ``scale`` resizes image, position and word boxes (preview renders).
        ``window`` and ``word_times``: see the fields.
        """
        image = image.convert("RGBA")
        if scale != 1.0:
            w, h = max(1, round(image.width * scale)), max(1, round(image.height * scale))
            image = image.resize((w, h), Image.LANCZOS)
            x, y = round(x * scale), round(y * scale)
            words = [tuple(round(v * scale) for v in box) for box in words]
        bbox = image.getchannel("A").getbbox()
        if bbox is None:
            return None
        # grow the ink box to even coordinates on the canvas (x + bbox[0] even, size even)
        x0 = bbox[0] - (x + bbox[0]) % 2
        y0 = bbox[1] - (y + bbox[1]) % 2
        x1, y1 = x0 + _even(bbox[2] - x0 + 1), y0 + _even(bbox[3] - y0 + 1)
        padded = Image.new("RGBA", (x1 - x0, y1 - y0), (0, 0, 0, 0))
        padded.paste(image.crop((max(0, x0), max(0, y0), x1, y1)), (max(0, -x0), max(0, -y0)))
        arr = np.asarray(padded).astype(np.float32)
        alpha = arr[..., 3] / 255
        y_, u, v = _yuv(arr[..., :3])
        alpha_c = _half(alpha)
        prem = (_u8(y_ * alpha), _u8(_half(u * alpha)), _u8(_half(v * alpha)))
        shifted = tuple((a - x0, b - y0, c - x0, d - y0) for a, b, c, d in words)
        return cls(planes=prem, alphas=(_u8(alpha * 255), _u8(alpha_c * 255)), x=x + x0, y=y + y0,
                   motion=motion or Motion("none"), words=shifted, window=window,
                   word_times=tuple(tuple(t) for t in word_times))

    @property
    def settles(self) -> float:
        """Seconds into the scene after which this sprite no longer changes."""
        moving = 0.0 if self.motion.kind == "none" else self.motion.delay + self.motion.duration
        return max(moving, self.window[1] if self.window else 0.0)

    def draw(self, frame: np.ndarray, t: float, slide_px: int, strength: float = 1.0) -> None:
        """Blend this sprite onto an I420 ``frame`` (in place) as it looks ``t`` s into its scene,
        at ``strength`` (0..1) of its opacity (a transition fading its scene's text)."""
        m = self.motion
        if self.window is not None and not self.window[0] <= t < self.window[1]:
            return
        progress = 1.0 if m.kind == "none" else min(1.0, max(0.0, (t - m.delay) / m.duration))
        if progress <= 0.0 or strength <= 0.0:
            return
        eased = 1 - (1 - progress) ** 3  # ease-out cubic
        prem, alphas, dy = self.planes, self.alphas, 0
        opacity = min(1.0, strength)
        if m.kind in ("fade", "slide") and progress < 1.0:
            opacity *= eased
            if m.kind == "slide":
                dy = _even((1 - eased) * slide_px)
        elif m.kind == "words" and progress < 1.0:
            prem, alphas = self._reveal(progress)
        if self.word_times:
            now = next((i for i, (a, b) in enumerate(self.word_times) if a <= t < b), None)
            if now is None or now >= len(self.words):
                return
            prem, alphas = self._only(self.words[now])
        if opacity < 1.0:
            prem = tuple(cv2.convertScaleAbs(p, alpha=opacity) for p in prem)
            alphas = tuple(cv2.convertScaleAbs(a, alpha=opacity) for a in alphas)
        for i, (dst, src) in enumerate(zip(planes(frame), prem)):
            k = 1 if i == 0 else 2
            _blend(dst, src, alphas[0 if i == 0 else 1], self.x // k, (self.y + dy) // k)

    def _only(self, box: tuple[int, int, int, int]) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
        """Planes and alphas with only the word in ``box`` kept."""
        x0, y0, x1, y1 = box
        keep = np.zeros(self.alphas[0].shape, np.uint8)
        keep[max(0, y0):max(0, y1), max(0, x0):max(0, x1)] = 1
        keep_c = keep[0::2, 0::2]
        return ((self.planes[0] * keep, self.planes[1] * keep_c, self.planes[2] * keep_c),
                (self.alphas[0] * keep, self.alphas[1] * keep_c))

    def _reveal(self, progress: float) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
        """Planes and alphas with only the first words shown (all if no word boxes)."""
        if not self.words:
            return self.planes, self.alphas
        shown = math.ceil(progress * len(self.words))
        keep = np.zeros(self.alphas[0].shape, np.uint8)
        for x0, y0, x1, y1 in self.words[:shown]:
            keep[max(0, y0):max(0, y1), max(0, x0):max(0, x1)] = 1
        keep_c = keep[0::2, 0::2]
        prem = (self.planes[0] * keep, self.planes[1] * keep_c, self.planes[2] * keep_c)
        return prem, (self.alphas[0] * keep, self.alphas[1] * keep_c)


def _blend(plane: np.ndarray, prem: np.ndarray, alpha: np.ndarray, x: int, y: int) -> None:
    """plane = plane * (1 - alpha) + prem over the sprite's region, clipped to the plane."""
    ph, pw = plane.shape
    h, w = alpha.shape
    x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + w, pw), min(y + h, ph)
    if x0 >= x1 or y0 >= y1:
        return
    sx, sy = x0 - x, y0 - y
    region = plane[y0:y1, x0:x1]
    inv = cv2.bitwise_not(alpha[sy:sy + y1 - y0, sx:sx + x1 - x0])
    cv2.multiply(region, inv, dst=region, scale=1 / 255)
    cv2.add(region, prem[sy:sy + y1 - y0, sx:sx + x1 - x0], dst=region)


@dataclass(frozen=True)
class KenBurns:
    """Slow zoom and pan over a scene: zoom factors and pan as fractions of the canvas."""

    zoom_from: float = 1.0
    zoom_to: float = 1.08
    pan: tuple[float, float] = (0.0, -0.02)

    @property
    def max_zoom(self) -> float:
        return max(self.zoom_from, self.zoom_to, 1.0)


@dataclass(frozen=True, eq=False)
class SceneFrames:
    """One scene on the timeline: frames ``[start, start + frames)``.

    ``background`` is an I420 buffer (see :func:`rgb_to_i420`) at canvas size,
    or at canvas size times ``ken_burns.max_zoom`` when the background moves.
    """

    start: int
    frames: int
    background: np.ndarray
    sprites: tuple[Sprite, ...] = ()
    ken_burns: KenBurns | None = None

    @property
    def end(self) -> int:
        return self.start + self.frames


@dataclass(frozen=True)
class ProgressBar:
    color: tuple[int, int, int]  # RGB
    height: int  # px
    position: str = "top"  # top | bottom


@dataclass(frozen=True, eq=False)
class Timeline:
    """Everything the frame compositor needs, in output pixels and frames."""

    size: tuple[int, int]  # (width, height), both even
    fps: int
    frames: int
    scenes: tuple[SceneFrames, ...]
    transition: str = "crossfade"  # cut | crossfade | slide
    transition_frames: int = 0
    progress_bar: ProgressBar | None = None

    def __post_init__(self) -> None:
        if self.size[0] % 2 or self.size[1] % 2:
            raise RenderError(f"clip size {self.size[0]}x{self.size[1]} must have even width and height")

    @property
    def duration(self) -> float:
        return self.frames / self.fps

    def new_frame(self) -> np.ndarray:
        return np.empty((self.size[1] * 3 // 2, self.size[0]), np.uint8)


class _SceneDrawer:
    """Draws the frames of one scene; caches the composite once nothing moves."""

    def __init__(self, scene: SceneFrames, size: tuple[int, int], fps: int):
        self.scene, self.size, self.fps = scene, size, fps
        self._static: np.ndarray | None = None
        self._slide_px = round(0.025 * size[1])
        self.settle_frame = max((s.settles for s in scene.sprites), default=0.0) * fps

    def frame(self, k: int, scratch: np.ndarray) -> np.ndarray:
        """Frame ``k`` of the scene; the result must be treated as read-only."""
        if self.scene.ken_burns is None and k >= self.settle_frame:
            if self._static is None:
                self._static = self._compose(k, np.empty_like(scratch))
            return self._static
        return self._compose(k, scratch)

    def _compose(self, k: int, out: np.ndarray) -> np.ndarray:
        self._draw_background(k, out)
        self.draw_sprites(out, k)
        return out

    def background(self, k: int, scratch: np.ndarray) -> np.ndarray:
        """Frame ``k`` of the scene's background alone (read-only result)."""
        if self.scene.ken_burns is None:
            return self.scene.background
        self._draw_background(k, scratch)
        return scratch

    def draw_sprites(self, out: np.ndarray, k: int, strength: float = 1.0) -> None:
        """Blend the scene's layers, as they are at frame ``k``, onto ``out`` at ``strength``."""
        t = k / self.fps
        for sprite in self.scene.sprites:
            sprite.draw(out, t, self._slide_px, strength)

    def _draw_background(self, k: int, out: np.ndarray) -> None:
        kb, bg = self.scene.ken_burns, self.scene.background
        if kb is None:
            np.copyto(out, bg)
            return
        w, h = self.size
        p = k / max(1, self.scene.frames - 1)
        zoom = kb.zoom_from + (kb.zoom_to - kb.zoom_from) * p
        half_w, half_h = w / (2 * zoom), h / (2 * zoom)
        # window centre in canvas units, kept inside the canvas
        cx = min(max(w / 2 + kb.pan[0] * w * p, half_w), w - half_w)
        cy = min(max(h / 2 + kb.pan[1] * h * p, half_h), h - half_h)
        s = bg.shape[1] / w  # source pixels per canvas unit
        a = s / zoom
        tx, ty = s * (cx - half_w), s * (cy - half_h)
        flags = cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP
        for i, (dst, src) in enumerate(zip(planes(out), planes(bg))):
            if i == 0:
                m = np.array([[a, 0.0, tx], [0.0, a, ty]])
            else:  # chroma sample i sits at luma 2i + 0.5
                m = np.array([[a, 0.0, (0.5 * a + tx - 0.5) / 2], [0.0, a, (0.5 * a + ty - 0.5) / 2]])
            cv2.warpAffine(src, m, (dst.shape[1], dst.shape[0]), dst=dst, flags=flags,
                           borderMode=cv2.BORDER_REPLICATE)


def background_frames(scene: SceneFrames, size: tuple[int, int], indices: Sequence[int]) -> list[np.ndarray]:
    """The scene's background alone (no sprites) at the given frame indices, as RGB."""
    drawer = _SceneDrawer(SceneFrames(scene.start, scene.frames, scene.background, (), scene.ken_burns), size, 1)
    scratch = np.empty((size[1] * 3 // 2, size[0]), np.uint8)
    return [i420_to_rgb(drawer.frame(k, scratch)) for k in indices]


def iter_frames(timeline: Timeline, pool: "queue.Queue[np.ndarray] | None" = None) -> Iterator[np.ndarray]:
    """Yield every frame of the timeline as an I420 buffer (H * 3 / 2, W) uint8.

    With a ``pool``, each frame is written into a buffer taken from it (the
    consumer puts buffers back once done with them); without, one buffer is
    reused, so the consumer must use each frame before asking for the next.
    """
    drawers = [_SceneDrawer(s, timeline.size, timeline.fps) for s in timeline.scenes]
    scratch = [timeline.new_frame() for _ in range(2)]
    own = timeline.new_frame()
    bar = _BarPainter(timeline)
    active = 0
    for f in range(timeline.frames):
        while active < len(drawers) - 1 and f >= drawers[active].scene.end:
            active += 1
        out = pool.get() if pool is not None else own
        current = drawers[active]
        nxt = drawers[active + 1] if active + 1 < len(drawers) else None
        ka = f - current.scene.start
        if nxt is not None and f >= nxt.scene.start and timeline.transition == "crossfade":
            _crossfade(out, current, nxt, ka, f - nxt.scene.start, timeline, scratch)
        elif nxt is not None and f >= nxt.scene.start:
            b = nxt.frame(f - nxt.scene.start, scratch[1])
            _transition(out, current.frame(ka, scratch[0]), b, timeline, f - nxt.scene.start)
        else:
            np.copyto(out, current.frame(ka, scratch[0]))
        bar.paint(out, (f + 1) / timeline.frames)
        yield out


def _crossfade(out: np.ndarray, a: _SceneDrawer, b: _SceneDrawer, ka: int, j: int, timeline: Timeline,
               scratch: Sequence[np.ndarray]) -> None:
    """Frame ``j`` of a crossfade from scene ``a`` (at its frame ``ka``) to ``b``.

    Only the backgrounds cross. The outgoing text fades out during the
    first half, the incoming text fades in during the second half (on top
    of its own entrance), so two scenes' texts are never on screen together.
    """
    weight = (j + 1) / (timeline.transition_frames + 1)
    cv2.addWeighted(a.background(ka, scratch[0]), 1 - weight, b.background(j, scratch[1]), weight, 0, dst=out)
    a.draw_sprites(out, ka, 1 - 2 * weight)
    b.draw_sprites(out, j, 2 * weight - 1)


def _transition(out: np.ndarray, a: np.ndarray, b: np.ndarray, timeline: Timeline, j: int) -> None:
    """Frame ``j`` of the transition from scene frame ``a`` to ``b`` (I420 buffers)."""
    weight = (j + 1) / (timeline.transition_frames + 1)
    if timeline.transition == "slide":
        w = timeline.size[0]
        eased = 1 - (1 - weight) ** 3
        dx = min(w, max(2, _even(eased * w)))
        for i, (o, pa, pb) in enumerate(zip(planes(out), planes(a), planes(b))):
            d = dx if i == 0 else dx // 2
            width = o.shape[1]
            o[:, : width - d] = pa[:, d:]
            o[:, width - d:] = pb[:, :d]
    else:  # crossfade: one weighted add over all three planes at once
        cv2.addWeighted(a, 1 - weight, b, weight, 0, dst=out)


class _BarPainter:
    """Paints the progress bar into I420 frames."""

    def __init__(self, timeline: Timeline):
        self.bar = timeline.progress_bar
        if self.bar is not None:
            h = timeline.size[1]
            self.height = max(2, _even(self.bar.height))
            self.top = 0 if self.bar.position == "top" else h - self.height
            self.yuv = yuv_color(self.bar.color)

    def paint(self, frame: np.ndarray, fraction: float) -> None:
        if self.bar is None:
            return
        y, u, v = planes(frame)
        width = _even(y.shape[1] * fraction)
        y[self.top:self.top + self.height, :width] = self.yuv[0]
        for plane, value in ((u, self.yuv[1]), (v, self.yuv[2])):
            plane[self.top // 2:(self.top + self.height) // 2, :width // 2] = value


# --------------------------------------------------------------------------- encoding


@dataclass(frozen=True)
class EncodeSettings:
    """x264 settings. ``draft`` is the fast low-quality preview."""

    preset: str = "veryfast"
    crf: int = 20
    profile: str = "high"
    pix_fmt: str = "yuv420p"

    @classmethod
    def draft(cls) -> "EncodeSettings":
        return cls(preset="ultrafast", crf=30)


def video_args(settings: EncodeSettings, fps: int) -> list[str]:
    """x264 output options (shared with the benchmark's encode-only floor)."""
    return ["-c:v", "libx264", "-preset", settings.preset, "-crf", str(settings.crf),
            "-profile:v", settings.profile, "-pix_fmt", settings.pix_fmt, "-r", str(fps),
            "-fps_mode", "cfr", "-colorspace", "bt709", "-color_primaries", "bt709",
            "-color_trc", "bt709", "-color_range", "tv"]


def raw_input_args(size: tuple[int, int], fps: int) -> list[str]:
    """Input options describing the raw I420 frames we pipe."""
    return ["-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", f"{size[0]}x{size[1]}", "-r", str(fps)]


def encode_video(timeline: Timeline, dest: str | os.PathLike, *, music: MusicBed | None = None,
                 settings: EncodeSettings = EncodeSettings(), progress: ProgressFn | None = None) -> Path:
    """Compose every frame of ``timeline`` and encode it to an MP4 at ``dest``.

    H.264 (``settings``), CFR at the timeline's fps, ``+faststart``; the music
    bed, if any, is normalised and muxed as AAC 48 kHz stereo. Written
    atomically. ``progress(done, total)`` is called as frames are encoded.
    """
    dest = Path(dest)
    with atomic_path(dest) as tmp, tempfile.TemporaryFile() as errlog:
        args = [ffmpeg_exe(), "-hide_banner", "-nostats", "-loglevel", "error", "-y",
                *raw_input_args(timeline.size, timeline.fps), "-i", "pipe:0"]
        if music is not None:
            args += ["-i", str(music.wav), "-map", "0:v:0", "-map", "1:a:0", *_audio_args(music)]
        args += [*video_args(settings, timeline.fps), "-movflags", "+faststart", str(tmp)]
        proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errlog)
        _widen_pipe(proc.stdin)
        try:
            with _single_threaded_cv2():
                failure = _pump(timeline, proc, progress)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        code = proc.wait()
        if code < 0:  # killed from outside (OOM killer, an operator): the machine's fault, not the clip's
            raise FaultError(f"ffmpeg was killed by signal {-code} while encoding the clip", str(dest))
        if failure is not None or code != 0:
            errlog.seek(0)
            detail = _tail(errlog.read().decode(errors="replace")) or str(failure)
            raise RenderError(f"ffmpeg failed (exit {code}) while encoding the clip:\n{detail}", str(dest))
    return dest


def _widen_pipe(stream) -> None:
    """Let the pipe hold 1 MiB instead of 64 KiB: a frame crosses in a few writes, not dozens."""
    with contextlib.suppress(OSError, AttributeError):
        fcntl.fcntl(stream.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)


def _pump(timeline: Timeline, proc: subprocess.Popen, progress: ProgressFn | None) -> BaseException | None:
    """Feed frames to ffmpeg's stdin from a writer thread; return the writer's error."""
    pool: queue.Queue[np.ndarray] = queue.Queue()
    for _ in range(_POOL_SIZE):
        pool.put(timeline.new_frame())
    todo: queue.Queue[np.ndarray | None] = queue.Queue(maxsize=_POOL_SIZE)
    errors: list[BaseException] = []
    stdin = proc.stdin
    assert stdin is not None

    def writer() -> None:
        done = 0
        while (frame := todo.get()) is not None:
            try:
                if not errors:
                    stdin.write(memoryview(frame).cast("B"))
                    done += 1
                    if progress is not None:
                        progress(done, timeline.frames)
            except (BrokenPipeError, OSError) as exc:
                errors.append(exc)
            finally:
                pool.put(frame)

    thread = threading.Thread(target=writer, name="ffmpeg-writer", daemon=True)
    thread.start()
    try:
        for frame in iter_frames(timeline, pool):
            todo.put(frame)
            if errors:
                break
    finally:
        todo.put(None)
        thread.join()
        with contextlib.suppress(BrokenPipeError, OSError):
            stdin.close()
    return errors[0] if errors else None


def encode_raw_file(raw: str | os.PathLike, size: tuple[int, int], fps: int, dest: str | os.PathLike,
                    settings: EncodeSettings = EncodeSettings()) -> Path:
    """Encode raw I420 frames from a file with the same x264 settings (benchmark floor)."""
    _run([ffmpeg_exe(), "-hide_banner", "-nostats", "-loglevel", "error", "-y",
          *raw_input_args(size, fps), "-i", str(raw), *video_args(settings, fps),
          "-movflags", "+faststart", str(dest)], "ffmpeg", dest)
    return Path(dest)


def save_scene_frame(timeline: Timeline, scene: int, dest: str | os.PathLike, *, quality: int = 90) -> Path:
    """Write scene ``scene`` once its text has settled, without progress bar, as a JPEG (cover)."""
    drawer = _SceneDrawer(timeline.scenes[scene], timeline.size, timeline.fps)
    k = min(timeline.scenes[scene].frames - 1, math.ceil(drawer.settle_frame))
    frame = i420_to_rgb(drawer.frame(k, timeline.new_frame()))
    with atomic_path(dest) as tmp:
        Image.fromarray(frame).save(tmp, "JPEG", quality=quality, optimize=True, progressive=True)
    return Path(dest)
