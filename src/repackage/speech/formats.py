"""A Transcript as subtitles (SRT, WebVTT) or JSON: pure text, no I/O."""

from __future__ import annotations

import json

from ..subtitles import Cue, to_srt, to_vtt
from .models import Transcript

FORMATS = {".srt": "srt", ".vtt": "vtt", ".json": "json", ".txt": "txt"}

#: A cue stays at least this long on screen (a one-word segment can be shorter).
MIN_CUE = 0.2


def cues(transcript: Transcript) -> list[Cue]:
    """One cue per segment, at the segment's times (kept from overlapping the next)."""
    out: list[Cue] = []
    segs = [s for s in transcript.segments if s.text]
    for i, s in enumerate(segs):
        start = max(0.0, s.start, out[-1].end if out else 0.0)
        end = max(s.end, start + MIN_CUE)
        if i + 1 < len(segs):
            end = min(end, max(segs[i + 1].start, start + MIN_CUE))
        out.append(Cue(start, end, s.text))
    return out


def _clock(seconds: float) -> str:
    m, s = divmod(seconds, 60)
    return f"{int(m):02d}:{s:05.2f}"


def render(transcript: Transcript, fmt: str) -> str:
    """``transcript`` as ``srt``, ``vtt``, ``json`` or ``txt`` (timed lines)."""
    if fmt == "srt":
        return to_srt(cues(transcript))
    if fmt == "vtt":
        return to_vtt(cues(transcript), lang=transcript.language or None)
    if fmt == "json":
        return json.dumps(transcript.to_dict(), ensure_ascii=False, indent=1) + "\n"
    if fmt == "txt":
        return "".join(f"[{_clock(s.start)} -> {_clock(s.end)}] {s.text}\n" for s in transcript.segments if s.text)
    raise ValueError(f"unknown transcript format {fmt!r}")
