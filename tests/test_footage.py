"""Footage (issue 9): the seed's Macron quote found in test footage and cut
into a 9:16 clip that follows the face or falls back to a blurred fill.

The footage fixtures (tests/data/speech/footage-*-fr.mp4, made by
scripts/make_speech_fixtures.py) speak the quote between other sentences
with an espeak-ng voice whose true timings are in footage-fr.words.json. One
shows a real face (NASA's public-domain astronaut portrait) gliding from
side to side, the other none. Whisper base hears this robot French with
about half its words wrong: matching must still find the quote, and the
article's two other card quotes (never spoken) must not be found.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from repackage.cli import main
from repackage.footage import FOUND_SCORE, find_quote, plan_footage, words_of
from repackage.footage import faces
from repackage.footage.plan import CUE_CHARS, caption_cues, cut_span
from repackage.pipeline import load_story
from repackage.render import video
from repackage.speech import Word, transcribe

from _paths import ROOT, SEED
from _schema import assert_valid_manifest
from _speech import SPEECH_DATA

FACE = SPEECH_DATA / "footage-face-fr.mp4"
NOFACE = SPEECH_DATA / "footage-noface-fr.mp4"
TRUTH = json.loads((SPEECH_DATA / "footage-fr.words.json").read_text(encoding="utf-8"))
MACRON = TRUTH["quote"]


def _plan(story, footage: Path, transcript):
    return plan_footage(story, footage, transcript, video_info=video.probe(footage), sample_frames=video.sample_frames)


def _w(text: str, start: float, end: float) -> Word:
    return Word(text, start, end, 0.9)


def _words(spec: str, start: float = 0.0, step: float = 0.3, pause_after: str = ".") -> list[Word]:
    """Words 0.3 s apart; a 0.6 s pause after a word ending a sentence."""
    out, t = [], start
    for token in spec.split():
        out.append(_w(token, t, t + step - 0.05))
        t += step + (0.6 if token.endswith(pause_after) else 0.0)
    return out


# --------------------------------------------------------------------------- matching, pure


def test_words_are_compared_without_case_accents_punctuation_and_with_numbers_spelled():
    assert words_of("L’OTAN, « Écoutez » !", "fr") == ["l", "otan", "ecoutez"]
    assert words_of("le 26 février 2024", "fr") == words_of("le vingt-six février deux mille vingt-quatre", "fr")
    assert words_of("in 2024", "en") == words_of("in two thousand and twenty-four", "en")


def test_a_quote_heard_with_digits_and_without_accents_scores_full():
    heard = _words("Bonjour. Le 26 fevrier nous avons dit non. Merci.")
    m = find_quote("Le vingt-six février, nous avons dit « non »", heard, "fr")
    assert m.found and m.score == 1.0
    assert (heard[m.first].text, heard[m.last].text) == ("Le", "non.")


def test_a_misheard_quote_is_found_where_it_is_spoken_and_an_absent_one_is_not():
    heard = _words("Merci d'être venus. Il y a une droite exclue. Nous ferons tout ce qu'il faut pour "
                   "que l'aussi ne puisse pas gagner cette guerre. Je vous remercie.")
    quote = ("Rien ne doit être exclu. Nous ferons tout ce qu’il faut pour que la Russie ne puisse pas "
             "gagner cette guerre")
    m = find_quote(quote, heard, "fr")
    assert m.found and FOUND_SCORE <= m.score < 1
    assert heard[m.last].text == "guerre."
    absent = find_quote("Les propos d’Emmanuel Macron sur un éventuel envoi de militaires sont un élément "
                        "important et nouveau", heard, "fr")
    assert not absent.found and absent.score < FOUND_SCORE / 2


def test_forty_minutes_of_the_articles_own_words_never_pass_for_a_quote_but_the_quote_is_found_in_them():
    import random

    story = load_story(SEED)
    vocab = " ".join(x.text for x in story.sentences).split()
    rng = random.Random(1)
    words = [_w(rng.choice(vocab), 0.4 * i, 0.4 * i + 0.3) for i in range(6000)]  # 40 min, same topic, no quote
    for q in story.card_quotes:
        m = find_quote(q.text, words, "fr")
        assert not m.found and m.score < FOUND_SCORE - 0.05, (q.speaker, m.score)
    quote = story.card_quotes[0].text
    spoken = [_w(t, 0.0, 0.0) for t in quote.split()]
    at = 3000
    mixed = words[:at] + spoken + words[at:]
    mixed = [_w(w.text, 0.4 * i, 0.4 * i + 0.3) for i, w in enumerate(mixed)]
    m = find_quote(quote, mixed, "fr")
    assert m.found and m.score == 1.0 and (m.first, m.last) == (at, at + len(spoken) - 1)


def test_the_cut_reaches_the_heard_sentence_edges_and_pads_into_silence_only():
    heard = _words("Bonjour. Il y a une droite exclue. Nous ferons tout. Merci.")
    # matched: "droite" .. "tout." (the quote's first words were misheard)
    first = next(i for i, w in enumerate(heard) if w.text == "droite")
    last = next(i for i, w in enumerate(heard) if w.text == "tout.")
    start, end = cut_span(heard, first, last, duration=20.0)
    il = next(w for w in heard if w.text == "Il")
    tout = heard[last]
    assert il.start - 0.25 - 1e-9 <= start < il.start  # back to the sentence start, plus padding
    assert heard[0].end < start  # never into the previous sentence
    assert tout.end < end <= tout.end + 0.25 + 1e-9
    assert end < heard[last + 1].start


def test_captions_are_the_articles_words_verbatim_in_short_timed_cues():
    quote = "Rien ne doit être exclu. Nous ferons tout ce qu’il faut pour que la Russie ne puisse pas gagner cette guerre"
    heard = _words("Il y a une droite exclue. Nous ferons tout ce qu'il faut pour que l'aussi ne puisse pas "
                   "gagner cette guerre.", start=10.0)
    cues = caption_cues(quote, heard, 9.8, heard[-1].end + 0.2)
    assert " ".join(c.text for c in cues) == quote
    assert cues[0].text == "Rien ne doit être exclu."  # a sentence ends its cue
    assert all(len(c.text) <= CUE_CHARS for c in cues)
    assert not any(c.text.endswith((" la", " que", " de")) for c in cues)  # no cue ends on a linking word
    assert cues[0].start == 0.0 and all(a.end == b.start for a, b in zip(cues, cues[1:]))
    nous = next(w for w in heard if w.text == "Nous")
    assert cues[1].start == pytest.approx(nous.start - 9.8, abs=0.01)


def test_the_window_follows_a_smoothed_face_and_ignores_one_wild_detection():
    times = tuple(k / 4 for k in range(20))
    centres = [100 + 10 * k for k in range(20)]
    centres[7] = 600  # a false hit far away
    centres[3] = centres[12] = None  # missed
    track = faces.FaceTrack(times, tuple(centres), (None,) * 20)
    lefts = faces.crop_lefts(track, frame_width=640, crop_width=202)
    assert len(lefts) == 20 and all(0 <= x <= 640 - 202 for x in lefts)
    assert abs(lefts[7] + 101 - 170) < 25  # the outlier does not swing the window
    assert all(b >= a - 2 for a, b in zip(lefts, lefts[1:]))  # follows the face's steady move right
    none = faces.FaceTrack(times, (None,) * 17 + (300, 300, 300), (None,) * 20)
    assert faces.crop_lefts(none, 640, 202) is None  # a face in 15 % of the samples: blurred fill


# --------------------------------------------------------------------------- real footage


@pytest.fixture(scope="module")
def story():
    return load_story(SEED)


@pytest.fixture(scope="module")
def heard(asr_models):
    return transcribe(FACE, engine="faster-whisper", lang="fr")


@pytest.fixture(scope="module")
def asr_models() -> Path:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "prepare-asr-model"), "--quiet"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return Path(proc.stdout.strip())


@pytest.mark.parametrize("engine", ["faster-whisper", "openai-whisper"])
def test_the_macron_quote_is_found_at_its_true_time_and_the_others_are_not(asr_models, story, heard, engine):
    transcript = heard if engine == "faster-whisper" else transcribe(FACE, engine=engine, lang="fr")
    plan = _plan(story, FACE, transcript)
    by_speaker = {q.speaker: q for q in plan.quotes}
    assert len(plan.quotes) == len(story.card_quotes) == 3
    macron = by_speaker["Emmanuel Macron"]
    assert macron.found and macron.score >= FOUND_SCORE
    assert abs(macron.start - MACRON["start"]) <= 0.5 and abs(macron.end - MACRON["end"]) <= 0.5
    for name in ("Olaf Scholz", "Dmitri Peskov"):
        assert not by_speaker[name].found and by_speaker[name].score < FOUND_SCORE and by_speaker[name].clip is None
    assert [j.quote_index for j in plan.jobs] == [macron.index]  # nothing cut from a guess
    job = plan.jobs[0]
    assert " ".join(c.text for c in job.cues) == story.card_quotes[macron.index].text
    assert job.speaker == "Emmanuel Macron" and job.speaker_role == "président français"


def test_the_planned_window_keeps_the_moving_face_inside(asr_models, story, heard):
    job = _plan(story, FACE, heard).jobs[0]
    assert job.mode == "face" and job.crop_width == 202
    lefts = [job.crop_left_at(t) for t in np.arange(0, job.duration, 1.0)]
    assert max(lefts) - min(lefts) > 150  # the face crosses the frame, so must the window
    checked = 0
    for t in np.arange(0.5, job.duration, 1.0):
        frame = video.extract_frame(FACE, job.start + t)
        found = faces.detect(frame)
        if not found:
            continue
        x, _, w, _ = found[0]
        left = job.crop_left_at(t)
        assert left - 4 <= x and x + w <= left + job.crop_width + 4, (t, x, w, left)
        checked += 1
    assert checked >= 0.7 * int(job.duration)


@pytest.fixture(scope="module")
def run_face(asr_models, tmp_path_factory):
    out = tmp_path_factory.mktemp("footage")
    res = CliRunner().invoke(main, [str(SEED), "-o", str(out), "--formats", "review", "--footage", str(FACE),
                                    "--footage-credit", "Élysée", "-q"])
    assert res.exit_code == 0, res.output
    folder = Path(res.stdout.strip().splitlines()[-1])
    return folder, json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def test_one_vertical_h264_aac_clip_for_the_quote_found_with_every_score_reported(run_face):
    folder, manifest = run_face
    assert_valid_manifest(manifest)
    report = manifest["footage"]
    assert [q["found"] for q in report["quotes"]] == [True, False, False]
    assert all(0 <= q["score"] <= 1 for q in report["quotes"])
    clips = [a for a in manifest["assets"] if a["kind"] == "clip"]
    assert [c["path"] for c in clips] == ["clips/footage-quote-0.mp4"] == [report["quotes"][0]["clip"]]
    info = video.probe(folder / clips[0]["path"])
    assert (info["video"]["width"], info["video"]["height"]) == (1080, 1920)
    assert info["video"]["codec"] == "h264" and info["audio"]["codec"] == "aac"
    cut = report["quotes"][0]["end"] - report["quotes"][0]["start"]
    assert abs(info["duration"] - cut) < 0.15 and abs(info["audio"]["duration"] - cut) < 0.15
    srt = (folder / "clips/footage-quote-0.srt").read_text(encoding="utf-8")
    assert "Rien ne doit être exclu." in srt
    page = (folder / "review.html").read_text(encoding="utf-8")
    assert "Quotes in the footage" in page and "not found in the footage" in page
    assert f"{report['quotes'][1]['score']:.2f}" in page


def test_the_face_is_in_the_clip_and_the_source_sound_is_kept(run_face):
    folder, manifest = run_face
    mp4 = folder / "clips/footage-quote-0.mp4"
    seen = 0
    for t in (1.0, 4.0, 7.0, 10.0):
        frame = video.extract_frame(mp4, t)
        found = faces.detect(frame)
        seen += bool(found)
        if found:  # a face the size of the window's subject, in the upper half
            x, y, w, h = found[0]
            assert w > 250 and y + h / 2 < 960
    assert seen >= 3
    samples = video.decode_audio_samples(mp4)
    assert float(np.sqrt(np.mean(samples ** 2))) > 0.01  # speech, not silence


def test_without_a_face_the_whole_frame_sits_over_a_blurred_fill(asr_models, story, tmp_path):
    from repackage.render.footage import render_footage_clip

    transcript = transcribe(NOFACE, engine="faster-whisper", lang="fr")
    plan = _plan(story, NOFACE, transcript)
    assert [q.found for q in plan.quotes] == [True, False, False]
    job = plan.jobs[0]
    assert job.mode == "blur" and not job.crop_lefts
    assets = render_footage_clip(job, tmp_path, preview=True)
    mp4 = tmp_path / assets[0].path
    t = 6.0  # after the lower third has gone
    out = video.extract_frame(mp4, t).astype(np.float32)
    src = video.extract_frame(NOFACE, job.start + t)
    h, w = out.shape[:2]
    fh = round(w * src.shape[0] / src.shape[1])
    band = out[(h - fh) // 2 + 4:(h + fh) // 2 - 4]
    import cv2

    expected = cv2.resize(src, (w, fh), interpolation=cv2.INTER_AREA)[4:-4].astype(np.float32)
    top = band[: fh // 3]  # above the captions
    assert np.median(np.abs(top - expected[: fh // 3])) < 6  # the whole frame, scaled to fit
    fill = out[round(0.19 * h): (h - fh) // 2 - 8]  # between the credits and the frame
    lap = cv2.Laplacian(cv2.cvtColor(fill.astype(np.uint8), cv2.COLOR_RGB2GRAY), cv2.CV_32F)
    assert float(lap.var()) < 5  # blurred, not a copy of the frame
    assert fill.mean() > 5  # the picture's colours, not black bars


# --------------------------------------------------------------------------- errors


def _one_line_exit_2(res) -> str:
    assert res.exit_code == 2, res.output
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in res.output, res.stderr
    return lines[0]


def _run(out: Path, *args: str):
    return CliRunner().invoke(main, [str(SEED), "-o", str(out), "--formats", "none", "-q", *args])


def test_missing_or_unreadable_footage_is_one_line_and_nothing_is_written(tmp_path):
    out = tmp_path / "out"
    line = _one_line_exit_2(_run(out, "--footage", str(tmp_path / "nope.mp4")))
    assert "nope.mp4" in line and "no such file" in line
    bad = tmp_path / "bad.mp4"
    bad.write_text("not a video", encoding="utf-8")
    line = _one_line_exit_2(_run(out, "--footage", str(bad)))
    assert "bad.mp4" in line and "cannot read" in line
    assert not out.exists()


def test_footage_without_sound_or_speech_is_one_line_and_nothing_is_written(asr_models, tmp_path):
    mute = tmp_path / "mute.mp4"
    subprocess.run([video.ffmpeg_exe(), "-v", "error", "-i", str(NOFACE), "-an", "-c:v", "copy", str(mute)], check=True)
    out = tmp_path / "out"
    line = _one_line_exit_2(_run(out, "--footage", str(mute)))
    assert "mute.mp4" in line and "no audio" in line
    silent = tmp_path / "silent.mp4"
    subprocess.run([video.ffmpeg_exe(), "-v", "error", "-i", str(NOFACE), "-f", "lavfi", "-i",
                    "anullsrc=r=16000:cl=mono", "-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac",
                    "-shortest", str(silent)], check=True)
    line = _one_line_exit_2(_run(out, "--footage", str(silent)))
    assert "silent.mp4" in line and "no speech" in line
    assert not out.exists()


def test_a_missing_model_is_one_line_before_anything_is_transcribed(tmp_path, monkeypatch):
    monkeypatch.setenv("REPACKAGE_ASR_MODEL_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    out = tmp_path / "out"
    line = _one_line_exit_2(_run(out, "--footage", str(FACE), "--asr-model", "small"))
    assert "small" in line and "--asr-model" in line
    assert not out.exists()


def test_plan_prints_the_footage_decisions_without_drawing(asr_models, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["plan", str(SEED), "--formats", "none", "--footage", str(FACE), "-q"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)["footage"]
    assert [q["found"] for q in data["quotes"]] == [True, False, False]
    clip = data["clips"][0]
    assert clip["mode"] == "face" and clip["size"] == "1080x1920" and clip["crop"]
    assert clip["cues"][0]["text"] == "Rien ne doit être exclu."
    assert list(tmp_path.iterdir()) == []  # nothing written
