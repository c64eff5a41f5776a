"""Speech: both Whisper engines on the committed narrations, the model
preparation, and the errors a user sees when an engine or model is missing.

The narrations in tests/data/speech/ are espeak-ng robot voices (see
scripts/make_speech_fixtures.py) with the synthesiser's own word timings as
truth. Whisper base hears robot French badly: the bounds below are set from
what both engines measured (French WER 0.51-0.55, English 0.13-0.18, median
word-start error 0.04-0.10 s), with a margin, not from what we would like.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from repackage.cli import main
from repackage.errors import MediaError, SpeechError
from repackage.speech import ENGINES, Transcript, locate_model, transcribe
from repackage.speech.engines import load_engine

from _paths import ROOT
from _speech import SPEECH_DATA, median_abs_error, start_errors, truth, wer

FR_AUDIO = SPEECH_DATA / "narration-fr.m4a"
EN_AUDIO = SPEECH_DATA / "narration-en.opus"
FR_VIDEO = SPEECH_DATA / "narration-fr.mp4"


@pytest.fixture(scope="session")
def asr_models() -> Path:
    """Whisper base for both engines, prepared by the project's script (cached
    between runs; scripts/setup --dev has already run it)."""
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "prepare-asr-model"), "--quiet"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return Path(proc.stdout.strip())


_RESULTS: dict = {}


def _transcribed(engine: str, media: Path, lang: str | None) -> tuple[Transcript, list[tuple[float, float]]]:
    """One transcription per (engine, file, language) for the whole session, with its progress calls."""
    key = (engine, media, lang)
    if key not in _RESULTS:
        calls: list[tuple[float, float]] = []
        t = transcribe(media, engine=engine, lang=lang, progress=lambda d, n: calls.append((d, n)))
        _RESULTS[key] = (t, calls)
    return _RESULTS[key]


def _check_words_are_sane(t: Transcript) -> None:
    words = t.words
    assert words
    for a, b in zip(words, words[1:]):
        assert a.start <= a.end and a.start <= b.start + 1e-6
    assert words[-1].end <= t.duration + 0.5
    assert all(0.0 <= w.probability <= 1.0 for w in words)
    assert all(w.text == w.text.strip() and w.text for w in words)


# --------------------------------------------------------------------------- the model


def test_prepared_model_is_where_the_engines_look(asr_models):
    assert locate_model("faster-whisper", "base") == asr_models / "faster-whisper" / "base"
    assert locate_model("openai-whisper", "base") == asr_models / "openai-whisper" / "base.pt"


def test_converted_checkpoint_has_every_openai_whisper_key(asr_models):
    torch = pytest.importorskip("torch")
    import whisper
    from whisper.model import ModelDimensions, Whisper

    path = asr_models / "openai-whisper" / "base.pt"
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    expected = Whisper(ModelDimensions(**checkpoint["dims"])).state_dict()
    assert set(checkpoint["model_state_dict"]) == set(expected)
    for name, tensor in checkpoint["model_state_dict"].items():
        assert tuple(tensor.shape) == tuple(expected[name].shape), name
    whisper.load_model(str(path), device="cpu")  # strict load: raises on a missing or extra key
    heads = json.loads(path.with_suffix(".json").read_text())["alignment_heads"]
    assert heads and all(0 <= layer < 6 and 0 <= head < 8 for layer, head in heads)


def test_conversion_splits_the_fused_attention_matrices(asr_models):
    torch = pytest.importorskip("torch")
    from repackage.speech.convert import read_ctranslate2

    ct2 = read_ctranslate2(asr_models / "faster-whisper" / "base" / "model.bin")
    sd = torch.load(asr_models / "openai-whisper" / "base.pt", map_location="cpu", weights_only=True)["model_state_dict"]
    fused = ct2["decoder/layer_2/self_attention/linear_0/weight"]
    n = fused.shape[1]
    for i, part in enumerate(("query", "key", "value")):
        assert np.array_equal(sd[f"decoder.blocks.2.attn.{part}.weight"].numpy(), fused[i * n:(i + 1) * n])
    kv = ct2["decoder/layer_2/attention/linear_1/weight"]
    assert np.array_equal(sd["decoder.blocks.2.cross_attn.value.weight"].numpy(), kv[n:])
    assert "decoder.blocks.2.attn.key.bias" not in sd


def test_converter_refuses_a_file_that_is_not_a_whisper_model(tmp_path):
    from repackage.speech.convert import ConversionError, read_ctranslate2

    bad = tmp_path / "model.bin"
    bad.write_bytes(b"\x06\x00\x00\x00\x0c\x00NotWhisper\x00\x00" + b"\x00" * 16)
    with pytest.raises(ConversionError):
        read_ctranslate2(bad)
    bad.write_bytes(b"\x06\x00")
    with pytest.raises(ConversionError):
        read_ctranslate2(bad)


def test_prepare_script_is_a_no_op_when_the_model_is_there(asr_models):
    before = (asr_models / "openai-whisper" / "base.pt").stat().st_mtime_ns
    started = time.monotonic()
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "prepare-asr-model")], capture_output=True, text=True)
    assert proc.returncode == 0
    assert "already" in proc.stderr
    assert time.monotonic() - started < 20
    assert (asr_models / "openai-whisper" / "base.pt").stat().st_mtime_ns == before


# --------------------------------------------------------------------------- real transcription


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
def test_french_narration_words_and_timings(asr_models, engine):
    t, calls = _transcribed(engine, FR_AUDIO, "fr")
    ref = truth("narration-fr")
    assert t.engine == engine and t.language == "fr"
    assert t.duration == pytest.approx(ref["duration"], abs=0.15)
    _check_words_are_sane(t)
    assert wer(ref["text"], t.text) <= 0.65  # measured 0.51 (faster-whisper), 0.55 (openai-whisper)
    pairs = start_errors(ref["words"], t.words)
    assert len(pairs) >= 0.45 * len(ref["words"])  # measured 28 and 24 of 43
    assert median_abs_error(pairs) <= 0.2  # measured 0.045 and 0.041 s
    late = [abs(r - h) for r, h in pairs if r > ref["duration"] - 5]
    assert late and max(late) <= 0.5  # no drift towards the end
    assert calls and calls[-1][0] == pytest.approx(t.duration, abs=1.0)  # progress reached the end
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
def test_english_narration_language_detected_words_and_timings(asr_models, engine):
    t, _ = _transcribed(engine, EN_AUDIO, None)
    ref = truth("narration-en")
    assert t.language == "en"  # no --lang: detected
    _check_words_are_sane(t)
    assert wer(ref["text"], t.text) <= 0.3  # measured 0.13 and 0.18
    for name in ("Macron", "Ukraine", "Russia", "chancellor", "soldiers"):
        assert name.lower() in t.text.lower()
    pairs = start_errors(ref["words"], t.words)
    assert len(pairs) >= 0.75 * len(ref["words"])  # measured 35 of 38
    assert median_abs_error(pairs) <= 0.2  # measured 0.10 s


@pytest.mark.slow
def test_video_footage_is_transcribed_from_its_audio_track(asr_models):
    t, _ = _transcribed("faster-whisper", FR_VIDEO, "fr")
    ref = truth("narration-fr")
    assert wer(ref["text"], t.text) <= 0.65
    pairs = start_errors(ref["words"], t.words)
    assert median_abs_error(pairs) <= 0.2
    audio_only, _ = _transcribed("faster-whisper", FR_AUDIO, "fr")
    assert t.duration == pytest.approx(audio_only.duration, abs=0.15)


def test_audio_is_decoded_by_the_project_to_16k_mono_float(asr_models):
    from repackage.render.video import decode_audio_samples

    samples = decode_audio_samples(EN_AUDIO)
    assert samples.dtype == np.float32 and samples.ndim == 1
    assert len(samples) / 16000 == pytest.approx(truth("narration-en")["duration"], abs=0.15)
    assert 0.05 < float(np.abs(samples).max()) <= 1.0


def test_openai_whisper_never_calls_its_downloader(asr_models, monkeypatch):
    pytest.importorskip("whisper")
    import whisper

    def no_download(*args, **kwargs):
        raise AssertionError("whisper tried to download a model")

    monkeypatch.setattr(whisper, "_download", no_download)
    load_engine.cache_clear()
    try:
        engine = load_engine("openai-whisper", locate_model("openai-whisper", "base").resolve(), 1)
        # the sidecar's alignment heads were applied, not whisper's all-upper-half default
        assert engine.model.alignment_heads.to_dense().sum().item() == 8
    finally:
        load_engine.cache_clear()


# --------------------------------------------------------------------------- the command


def _cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.slow
def test_transcribe_command_writes_srt_vtt_and_json(asr_models, tmp_path):
    import srt
    import webvtt

    res = _cli("transcribe", str(EN_AUDIO), "-o", str(tmp_path / "en.srt"), "--lang", "en")
    assert res.exit_code == 0, res.output
    subs = list(srt.parse((tmp_path / "en.srt").read_text(encoding="utf-8")))
    assert len(subs) >= 2 and all(a.end <= b.start for a, b in zip(subs, subs[1:]))
    assert "Ukraine" in subs[0].content
    assert "transcribing narration-en.opus: " in res.stderr  # progress on stderr, the path on stdout
    assert res.stdout.strip() == str(tmp_path / "en.srt")

    res = _cli("transcribe", str(EN_AUDIO), "-o", str(tmp_path / "en.vtt"), "--lang", "en", "-q")
    assert res.exit_code == 0 and res.stderr == ""
    captions = webvtt.read(str(tmp_path / "en.vtt"))
    assert len(captions) == len(subs)

    res = _cli("transcribe", str(EN_AUDIO), "-o", str(tmp_path / "en.json"), "--lang", "en", "-q")
    data = json.loads((tmp_path / "en.json").read_text(encoding="utf-8"))
    assert data["language"] == "en" and data["engine"] == "faster-whisper"
    words = [w for s in data["segments"] for w in s["words"]]
    assert {"text", "start", "end", "probability"} <= set(words[0])
    assert len(words) >= 30
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en.json", "en.srt", "en.vtt"]  # no temp files left


def test_unknown_output_extension_is_a_usage_error_and_writes_nothing(tmp_path):
    res = _cli("transcribe", str(EN_AUDIO), "-o", str(tmp_path / "en.docx"))
    assert res.exit_code == 2 and ".srt" in res.output
    assert list(tmp_path.iterdir()) == []


def _one_line_exit_2(res) -> str:
    assert res.exit_code == 2, res.output
    lines = res.stderr.strip().splitlines()
    assert lines[-1].startswith("repackage: error: ") and "Traceback" not in res.output
    return lines[-1]


def test_missing_model_says_where_to_put_it_without_downloading(tmp_path, monkeypatch):
    monkeypatch.setenv("REPACKAGE_ASR_MODEL_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for engine in ENGINES:
        started = time.monotonic()
        line = _one_line_exit_2(_cli("transcribe", str(EN_AUDIO), "--asr-engine", engine))
        assert time.monotonic() - started < 5  # no hang, no download
        assert str(tmp_path / "models" / engine) in line and "scripts/prepare-asr-model" in line
        assert "--asr-model PATH" in line


def test_model_dir_variable_comes_before_the_cache(asr_models, tmp_path, monkeypatch):
    mine = tmp_path / "faster-whisper" / "base"
    mine.mkdir(parents=True)
    for f in (asr_models / "faster-whisper" / "base").iterdir():
        (mine / f.name).symlink_to(f)
    monkeypatch.setenv("REPACKAGE_ASR_MODEL_DIR", str(tmp_path))
    assert locate_model("faster-whisper", "base") == mine
    assert locate_model("faster-whisper", str(mine)) == mine  # a path is used as given


def test_model_path_that_is_not_a_model_is_named(tmp_path):
    line = _one_line_exit_2(_cli("transcribe", str(EN_AUDIO), "--asr-model", str(tmp_path)))
    assert str(tmp_path) in line and "model.bin" in line
    line = _one_line_exit_2(_cli("transcribe", str(EN_AUDIO), "--asr-engine", "openai-whisper",
                                 "--asr-model", str(tmp_path / "nothing.pt")))
    assert "nothing.pt" in line


@pytest.mark.parametrize("engine,module", [("faster-whisper", "faster_whisper"), ("openai-whisper", "whisper")])
def test_missing_engine_says_what_to_install(asr_models, monkeypatch, engine, module):
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    load_engine.cache_clear()
    try:
        with pytest.raises(SpeechError) as err:
            transcribe(EN_AUDIO, engine=engine)
        line = _one_line_exit_2(_cli("transcribe", str(EN_AUDIO), "--asr-engine", engine))
    finally:
        load_engine.cache_clear()
    assert "pip install" in str(err.value) and engine in line and "scripts/setup --speech" in line
    if engine == "openai-whisper":
        assert "--no-deps" in line and "torch==2.13.0" in line


def test_media_errors_name_the_file(asr_models, tmp_path):
    line = _one_line_exit_2(_cli("transcribe", str(tmp_path / "missing.m4a")))
    assert "missing.m4a: no such file" in line
    text = tmp_path / "notes.m4a"
    text.write_text("not audio", encoding="utf-8")
    line = _one_line_exit_2(_cli("transcribe", str(text)))
    assert "notes.m4a" in line and "cannot read" in line
    with pytest.raises(MediaError):
        transcribe(text)


@pytest.mark.parametrize("engine", ["faster-whisper", "openai-whisper"])
def test_silence_gives_no_words_and_a_video_without_audio_is_named(asr_models, tmp_path, engine):
    """Whisper writes words over silence ("You", "Merci"); none may reach a caption."""
    silence = tmp_path / "silence.wav"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono",
                    "-t", "6", str(silence)], check=True)
    t = transcribe(silence, engine=engine, lang="en")
    assert t.words == () and t.duration == pytest.approx(6.0, abs=0.1)
    spoken = transcribe(EN_AUDIO, engine=engine, lang="en")
    assert len(spoken.words) > 20  # the loudness gate keeps real speech
    mute = tmp_path / "mute.mp4"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=160x90:rate=10",
                    "-t", "2", "-an", str(mute)], check=True)
    line = _one_line_exit_2(_cli("transcribe", str(mute), "--asr-engine", engine))
    assert "mute.mp4" in line and "no audio" in line


def test_unknown_engine_is_refused():
    with pytest.raises(SpeechError, match="unknown speech engine"):
        transcribe(EN_AUDIO, engine="whisper.cpp")


# --------------------------------------------------------------------------- alignment to the article's words


def test_alignment_keeps_the_texts_spelling_and_times_misheard_names():
    from repackage.speech import Word
    from repackage.speech.align import align_text

    heard = [Word("The", 0.0, 0.2, 0.9), Word("German", 0.2, 0.6, 0.9), Word("Chancellor", 0.6, 1.2, 0.9),
             Word("OF", 1.3, 1.5, 0.3), Word("COS", 1.5, 2.1, 0.3), Word("rejected", 2.5, 3.0, 0.9),
             Word("idea.", 3.4, 3.8, 0.9)]
    text = "The German chancellor Olaf Scholz rejected the idea."
    out = align_text(text, heard)
    assert [w.text for w in out] == text.split()
    assert [text[a:b] for a, b in (w.span for w in out)] == text.split()
    by = {w.text: w for w in out}
    assert by["chancellor"].matched and by["chancellor"].start == 0.6
    # "Olaf Scholz" was heard as "OF COS": the two names share that span
    assert not by["Olaf"].matched and by["Olaf"].start == 1.3 and by["Scholz"].end == 2.1
    assert by["Olaf"].end == by["Scholz"].start
    # "the" was not heard at all: it sits in the gap between its neighbours
    assert 3.0 <= by["the"].start <= by["the"].end <= 3.4
    assert all(a.start <= b.start for a, b in zip(out, out[1:]))


def test_alignment_of_elisions_and_punctuation_only_words():
    from repackage.speech import Word
    from repackage.speech.align import align_text

    heard = [Word("L", 0.0, 0.1, 1), Word("'OTAN", 0.1, 0.5, 1), Word("est", 0.5, 0.7, 1), Word("divisée.", 0.7, 1.2, 1)]
    out = align_text("L’OTAN — est divisée.", heard)
    assert [(w.text, w.start, w.end, w.matched) for w in out] == [
        ("L’OTAN", 0.0, 0.5, True), ("—", 0.5, 0.5, False), ("est", 0.5, 0.7, True), ("divisée.", 0.7, 1.2, True)]
    with pytest.raises(ValueError):
        align_text("L’OTAN", [])


@pytest.mark.slow
@pytest.mark.parametrize("name,media,lang", [("narration-fr", FR_AUDIO, "fr"), ("narration-en", EN_AUDIO, "en")])
def test_every_article_word_gets_the_voices_time(asr_models, name, media, lang):
    """The voice-over timing target: article words within 0.3 s of the true
    starts (median), and no drift by the end of the narration."""
    from repackage.speech.align import align_text

    ref = truth(name)
    t, _ = _transcribed("faster-whisper", media, lang)
    out = align_text(ref["text"], t.words)
    assert [w.span[0] for w in out] == [w["char"] for w in ref["words"]]
    errors = [abs(a.start - w["start"]) for a, w in zip(out, ref["words"])]
    assert np.median(errors) <= 0.3  # measured 0.06 s (French), 0.10 s (English)
    last_third = errors[2 * len(errors) // 3:]
    assert np.median(last_third) <= 0.3
    assert "Scholz" in [w.text for w in out]  # as the text spells it, whatever was heard


def test_voice_words_take_the_articles_spelling_only_where_it_is_the_same_word():
    from repackage.speech import Word
    from repackage.speech.align import spell_as_article

    def said(*items):
        return [Word(t, i * 0.5, i * 0.5 + 0.4, 0.9) for i, t in enumerate(items)]

    article = "Intro nobody reads. The German chancellor Olaf Scholz rejected the idea. Later text."
    out = spell_as_article(article, said("The", "German", "Chancellor", "OF", "COS", "rejected", "the", "idea."))
    assert [w.text for w in out] == ["The", "German", "chancellor", "Olaf", "Scholz", "rejected", "the", "idea."]
    assert (out[3].start, out[4].end) == (1.5, 2.4) and out[3].from_article and out[3].probability == 0.0
    assert not any(w.text in ("Intro", "Later") for w in out)  # nothing read is never timed
    # a different sentence read in place of the article's keeps what the voice said
    out = spell_as_article(article, said("The", "German", "chancellor", "was", "not", "convinced", "at", "all."))
    assert [w.text for w in out][3:] == ["was", "not", "convinced", "at", "all."]
    # short words keep their accents as heard: "à" is not "a"
    out = spell_as_article("Il a parlé à Paris.", said("Il", "à", "parlé", "à", "Paris."))
    assert [w.text for w in out] == ["Il", "à", "parlé", "à", "Paris."]


@pytest.mark.slow
def test_transcribe_with_the_article_spells_names_as_the_article(asr_models, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("NATO split over troops for Ukraine\n\n" + truth("narration-en")["text"]
                       + "\n\nThe United States agreed with Berlin.\n", encoding="utf-8")
    res = _cli("transcribe", str(EN_AUDIO), "--article", str(article), "-o", str(tmp_path / "en.json"), "-q")
    assert res.exit_code == 0, res.output
    data = json.loads((tmp_path / "en.json").read_text(encoding="utf-8"))
    text = " ".join(s["text"] for s in data["segments"])
    assert "Olaf Scholz" in text and "Emmanuel Macron" in text  # heard as "OF COS" and "The manual Macron"
    assert "United States" not in text  # not read, so not in the transcript
    starts = [w["start"] for s in data["segments"] for w in s["words"]]
    assert starts == sorted(starts)
