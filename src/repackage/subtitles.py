"""SubRip (.srt) and WebVTT (.vtt) sidecars for clips: pure text, no I/O.

A clip's cues are the texts burned into it, with the times they are on
screen (see ``repackage.plan.clip``). Lines are wrapped at about 42
characters, the usual subtitle limit; no-break spaces (French « », « ? »)
keep their neighbours together. A cue longer than two lines is written as
consecutive cues of at most two lines each (``MAX_LINES``), its time shared
in proportion to their characters.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from typing import Sequence

LINE_LENGTH = 42
MAX_LINES = 2


@dataclass(frozen=True)
class Cue:
    """One subtitle: ``text`` is on screen from ``start`` to ``end`` seconds."""

    start: float
    end: float
    text: str

    def __post_init__(self) -> None:
        if not (0 <= self.start < self.end):
            raise ValueError(f"cue times must satisfy 0 <= start < end, got {self.start}..{self.end}")


def _timestamp(seconds: float, separator: str) -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{separator}{ms:03d}"


def wrap(text: str, width: int = LINE_LENGTH) -> list[str]:
    """Lines of at most ``width`` characters (a longer single word stays whole).

    Only ASCII spaces break lines, so no-break spaces glue as in print.
    Each paragraph of ``text`` (separated by newlines) starts a new line.
    """
    lines: list[str] = []
    for paragraph in text.splitlines():
        paragraph = re.sub(r"[ \t]+", " ", paragraph).strip()
        if paragraph:
            lines += textwrap.wrap(paragraph, width=width, break_long_words=False, break_on_hyphens=False)
    return lines


def chunk_cues(cues: Sequence[Cue], width: int = LINE_LENGTH, max_lines: int = MAX_LINES) -> list[Cue]:
    """``cues`` with every cue of more than ``max_lines`` wrapped lines split
    into consecutive cues of at most ``max_lines`` lines, one after another
    without a gap, each lasting its share of the characters."""
    out: list[Cue] = []
    for cue in cues:
        lines = wrap(cue.text, width)
        if len(lines) <= max_lines:
            out.append(cue)
            continue
        chunks = ["\n".join(lines[i:i + max_lines]) for i in range(0, len(lines), max_lines)]
        weights = [sum(len(line) for line in chunk.splitlines()) for chunk in chunks]
        total, done, start = sum(weights), 0, cue.start
        for i, (chunk, weight) in enumerate(zip(chunks, weights)):
            done += weight
            end = cue.end if i == len(chunks) - 1 else cue.start + (cue.end - cue.start) * done / total
            out.append(Cue(start, end, chunk))
            start = end
    return out


def to_srt(cues: Sequence[Cue]) -> str:
    """SubRip text: numbered cues, ``HH:MM:SS,mmm --> HH:MM:SS,mmm`` (long cues split, see :func:`chunk_cues`)."""
    blocks = []
    for number, cue in enumerate(chunk_cues(cues), start=1):
        times = f"{_timestamp(cue.start, ',')} --> {_timestamp(cue.end, ',')}"
        blocks.append("\n".join([str(number), times, *wrap(cue.text)]))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _vtt_escape(line: str) -> str:
    return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_vtt(cues: Sequence[Cue], lang: str | None = None) -> str:
    """WebVTT text: ``WEBVTT`` header, ``HH:MM:SS.mmm --> HH:MM:SS.mmm`` cues.

    Long cues are split as in :func:`to_srt`. ``lang`` is recorded as a header note (WebVTT has no standard language
    header; players take the language from the ``<track srclang>``).
    """
    head = "WEBVTT" + (f"\n\nNOTE language: {lang}" if lang else "")
    blocks = [head]
    for number, cue in enumerate(chunk_cues(cues), start=1):
        times = f"{_timestamp(cue.start, '.')} --> {_timestamp(cue.end, '.')}"
        blocks.append("\n".join([str(number), times, *(_vtt_escape(x) for x in wrap(cue.text))]))
    return "\n\n".join(blocks) + "\n"
