"""SRT and WebVTT sidecars: they parse with standard libraries and keep the cues' text and times."""

from __future__ import annotations

import datetime as dt
import itertools
import io

import pytest
import srt
import webvtt

from repackage.subtitles import Cue, chunk_cues, to_srt, to_vtt, wrap

CUES = (
    Cue(0.0, 2.8, "L’OTAN divisée sur l’envoi de soldats en Ukraine"),
    Cue(2.8, 9.6, "« Rien ne doit être exclu. Nous ferons tout ce qu’il faut »\nEmmanuel Macron"),
    Cue(9.6, 3723.456, "Fish & chips <b>not</b> a tag --> still text"),
)


def _seconds(td: dt.timedelta) -> float:
    return td.total_seconds()


def test_srt_parses_with_times_and_text():
    parsed = list(srt.parse(to_srt(CUES)))
    expected = chunk_cues(CUES)  # the three-line quote cue is written as two cues
    assert [p.index for p in parsed] == list(range(1, len(expected) + 1)) and len(expected) == 4
    for cue, p in zip(expected, parsed):
        assert _seconds(p.start) == pytest.approx(cue.start, abs=0.0005)
        assert _seconds(p.end) == pytest.approx(cue.end, abs=0.0005)
        assert " ".join(p.content.split()) == " ".join(cue.text.split())


def test_vtt_parses_with_times_and_escaped_text():
    captions = webvtt.from_buffer(io.StringIO(to_vtt(CUES, lang="fr")))
    assert len(captions) == len(chunk_cues(CUES))
    for cue, c in zip(chunk_cues(CUES), captions):
        assert c.start_in_seconds + c.start_time.milliseconds / 1000 == pytest.approx(cue.start, abs=0.0005)
        assert c.end_in_seconds + c.end_time.milliseconds / 1000 == pytest.approx(cue.end, abs=0.0005)
    raw = to_vtt(CUES)
    assert raw.startswith("WEBVTT\n\n")
    assert "Fish &amp; chips &lt;b&gt;not&lt;/b&gt; a tag --&gt; still" in raw
    assert all(" --> " not in line or line[:2].isdigit() for line in raw.splitlines())  # only timings
    assert "01:02:03.456" in raw  # hours are written out


def test_lines_wrap_without_breaking_french_no_break_spaces():
    text = "Rien ne doit être exclu\u202f! Nous ferons tout ce qu’il faut pour que la Russie ne puisse pas gagner\u00a0»"
    lines = wrap(text)
    assert all(len(line) <= 42 for line in lines)
    assert " ".join(lines) == text  # only ordinary spaces became line breaks
    assert not any(line.startswith(("!", "»")) for line in lines)


def test_a_word_longer_than_a_line_is_kept_whole():
    word = "Anticonstitutionnellement" * 2
    assert wrap(f"un {word} mot") == ["un", word, "mot"]


def test_cue_times_must_run_forward():
    with pytest.raises(ValueError):
        Cue(3.0, 3.0, "x")
    with pytest.raises(ValueError):
        Cue(-0.1, 1.0, "x")


LONG = Cue(3.0, 17.0, "« " + " ".join(f"mot{i} de la citation" for i in range(30)) + " »\nEmmanuel Macron")


def _ascii_words(text: str) -> str:
    import re
    return " ".join(re.split(r"[ \t\n]+", text.strip()))


@pytest.mark.parametrize("fmt", ["srt", "vtt"])
def test_long_cues_are_split_into_two_line_chunks_that_share_the_time(fmt):
    cues = (CUES[0], LONG)
    if fmt == "srt":
        parsed = [(_seconds(p.start), _seconds(p.end), p.content) for p in srt.parse(to_srt(cues))]
    else:
        parsed = [(c.start_in_seconds + c.start_time.milliseconds / 1000, c.end_in_seconds + c.end_time.milliseconds / 1000,
                   c.text) for c in webvtt.from_buffer(io.StringIO(to_vtt(cues)))]
    assert len(wrap(LONG.text)) > 2 and len(parsed) > 2
    assert all(len(text.splitlines()) <= 2 and all(len(line) <= 42 for line in text.splitlines())
               for _, _, text in parsed)
    chunks = parsed[1:]
    assert chunks[0][0] == pytest.approx(LONG.start, abs=0.001) and chunks[-1][1] == pytest.approx(LONG.end, abs=0.001)
    assert all(a[1] == pytest.approx(b[0], abs=0.001) for a, b in itertools.pairwise(chunks))  # contiguous
    assert _ascii_words(" ".join(text for _, _, text in chunks)) == _ascii_words(LONG.text)
    sizes = [len(text.replace("\n", "")) for _, _, text in chunks]
    durations = [end - start for start, end, _ in chunks]
    for size, duration in zip(sizes, durations):  # time in proportion to characters
        assert duration == pytest.approx((LONG.end - LONG.start) * size / sum(sizes), abs=0.002)


def test_short_cues_are_left_whole():
    assert chunk_cues(CUES[:1]) == list(CUES[:1])
