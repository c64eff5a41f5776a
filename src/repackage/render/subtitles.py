"""SubRip (.srt) and WebVTT (.vtt) sidecars for clips: pure text, no I/O.

A clip's cues are the texts burned into it, with the times they are on
screen (see ``repackage.clipplan``). Lines are wrapped at about 42
characters, the usual subtitle limit; no-break spaces (French « », « ? »)
keep their neighbours together.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from typing import Sequence

LINE_LENGTH = 42


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


def to_srt(cues: Sequence[Cue]) -> str:
    """SubRip text: numbered cues, ``HH:MM:SS,mmm --> HH:MM:SS,mmm``."""
    blocks = []
    for number, cue in enumerate(cues, start=1):
        times = f"{_timestamp(cue.start, ',')} --> {_timestamp(cue.end, ',')}"
        blocks.append("\n".join([str(number), times, *wrap(cue.text)]))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _vtt_escape(line: str) -> str:
    return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_vtt(cues: Sequence[Cue], lang: str | None = None) -> str:
    """WebVTT text: ``WEBVTT`` header, ``HH:MM:SS.mmm --> HH:MM:SS.mmm`` cues.

    ``lang`` is recorded as a header note (WebVTT has no standard language
    header; players take the language from the ``<track srclang>``).
    """
    head = "WEBVTT" + (f"\n\nNOTE language: {lang}" if lang else "")
    blocks = [head]
    for number, cue in enumerate(cues, start=1):
        times = f"{_timestamp(cue.start, '.')} --> {_timestamp(cue.end, '.')}"
        blocks.append("\n".join([str(number), times, *(_vtt_escape(x) for x in wrap(cue.text))]))
    return "\n\n".join(blocks) + "\n"
