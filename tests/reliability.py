"""Every hostile input and fault the suite tries, with what must happen.

This table is the single source of ``docs/reliability.md``: the tests in
``test_hostile_input.py`` and ``test_faults.py`` run each row and assert the
exit code and message it declares, and ``test_reliability_doc_is_current``
checks that the page is this table. Regenerate the page after a change:

    .venv/bin/python tests/reliability.py
"""

from __future__ import annotations

import html
import sys
from dataclasses import dataclass
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "reliability.md"


@dataclass(frozen=True)
class Case:
    group: str  # article | media | template | fault | property
    id: str
    given: str  # what the tool is given
    exit: int | None  # exit code of `repackage` (None: library-level property)
    outcome: str  # what happens; for errors, a fragment of the one line on stderr


CASES: tuple[Case, ...] = (
    # ---- articles
    Case("article", "empty", "an empty file", 2, "file is empty"),
    Case("article", "whitespace-only", "spaces, tabs and blank lines only", 2, "file is empty"),
    Case("article", "binary", "random bytes named .txt", 2, "looks like a binary file"),
    Case("article", "truncated-utf8", "UTF-8 cut in the middle of a character", 0,
         "story made; the broken byte becomes U+FFFD, noted under repairs"),
    Case("article", "mixed-encodings", "UTF-8 lines followed by cp1252 lines", 0,
         "story made; each cp1252 line is read as cp1252 (no mojibake), noted under repairs"),
    Case("article", "20-megabytes", "20 MB of real text", 2, "articles over 10 MB are refused"),
    Case("article", "5000-char-sentence", "one sentence of 5,000 characters", 0,
         "story made; no caption is longer than the caption limit"),
    Case("article", "no-punctuation", "paragraphs with no punctuation at all", 0, "story made"),
    Case("article", "only-quotes", "paragraphs that are nothing but quotes", 0,
         "story made; no quote has a speaker, none is on a card"),
    Case("article", "unbalanced-guillemet", "a « never closed", 0, "story made; every quote is verbatim"),
    Case("article", "unbalanced-double-quote", 'a " never closed', 0, "story made; every quote is verbatim"),
    Case("article", "html-with-script", "an HTML page with <script> in its title, body and an onerror=", 0,
         "story made; no script text reaches the headline, captions or page"),
    Case("article", "right-to-left", "an Arabic article", 0, "story made, lang ar, slug story-<hash>"),
    Case("article", "cjk", "a Chinese article", 0, "story made, lang zh, slug story-<hash>"),
    Case("article", "emoji-headline", "a headline of emoji only", 0, "story made, slug story-<hash>"),
    Case("article", "zero-width-and-controls", "the seed with ZWSP, ZWJ, word joiner, soft hyphen and BEL inside words",
         0, "story made; slug and headline as for the clean seed"),
    Case("article", "stray-nul", "the seed with one NUL byte inside a sentence", 0,
         "story made; the NUL is removed and noted under repairs"),
    Case("article", "unknown-lang", "--lang xx", 2, "language 'xx' is not a known ISO 639-1 code"),
    Case("article", "hostile-review-page", "<script>, onerror= and javascript: in headline, quotes and credits", 0,
         "review page runs nothing (tested in Chromium: test_review_browser.py)"),
    # ---- media
    Case("media", "corrupt-image", "a JPEG cut in half as --photo", 2, "not a readable image"),
    Case("media", "100-megapixel-photo", "a 10,000×10,000 JPEG as --photo", 0,
         "cards made from the photo decoded downscaled; no DecompressionBombWarning"),
    Case("media", "decompression-bomb", "a tiny PNG claiming 100,000×100,000 pixels", 2,
         "photo claims 10000 MP (a decompression bomb?); photos over 160 MP are refused"),
    Case("media", "photo-extension-lies", "a PNG named photo.jpg", 0, "cards made (the format is read from the bytes)"),
    Case("media", "text-named-jpg", "a text file named photo.jpg", 2, "not a readable image"),
    Case("media", "music-extension-lies", "a text file named music.mp3", 2,
         "cannot read the music file: not a media file ffmpeg can read"),
    Case("media", "video-without-audio", "an MP4 with no audio stream as --music", 2,
         "the music file holds no audio stream"),
    Case("media", "audio-without-speech", "one minute of digital silence as --music", 0,
         "clip made; silence is not boosted (no NaN loudness)"),
    # ---- templates
    Case("template", "path-traversal", "an image layer src = \"../../etc/passwd\"", 2,
         "must stay inside the template folder or assets/"),
    Case("template", "absolute-path", "a background image at an absolute path", 2,
         "must stay inside the template folder or assets/"),
    Case("template", "symlink-out", "a symlink in the template folder pointing outside it", 2, "leads outside"),
    Case("template", "huge-canvas", "sizes = [\"99999x99999\"]", 2, "each side must be 16..8192 pixels"),
    Case("template", "huge-font", "max_size = 5000", 2, "expected a number ≤ 1000"),
    Case("template", "huge-duration", "timing.max_scene = 100000 s", 2, "expected a number ≤ 600"),
    Case("template", "no-shell", "any value reaching a subprocess", None,
         "no `shell=True` anywhere in src/: every subprocess takes an argument list"),
    # ---- properties (hypothesis)
    Case("property", "reader-never-crashes", "any text (hypothesis)", None,
         "the reader returns an Article or raises ArticleError, nothing else"),
    Case("property", "quotes-verbatim", "any text with quote marks (hypothesis)", None,
         "every quote part is the article text at its span"),
    Case("property", "fit-stays-in-box", "any string, any box (hypothesis)", None,
         "fitted text never leaves its box, or is refused"),
    # ---- faults
    Case("fault", "disk-full", "ENOSPC while a card is written", 1,
         "No space left on device; nothing was changed"),
    Case("fault", "disk-full-manifest", "ENOSPC while manifest.json is written", 1,
         "cannot write the output: No space left on device; nothing was changed"),
    Case("fault", "ffmpeg-killed", "ffmpeg killed (SIGKILL) mid-encode", 1,
         "ffmpeg was killed by signal 9 while encoding the clip; nothing was changed"),
    Case("fault", "sigterm", "SIGTERM during a run", 1,
         "interrupted by SIGTERM; nothing was written (a previous output is unchanged)"),
    Case("fault", "sigint", "Ctrl-C (SIGINT) during a run", 1,
         "interrupted by SIGINT; nothing was written (a previous output is unchanged)"),
    Case("fault", "rerun-after-fault", "the same command after each fault", 0,
         "succeeds and replaces the previous output"),
)


def cases(group: str) -> list[Case]:
    return [c for c in CASES if c.group == group]


def by_id(case_id: str) -> Case:
    return next(c for c in CASES if c.id == case_id)


_TITLES = {
    "article": "Hostile and broken articles",
    "media": "Bad media",
    "template": "Templates",
    "property": "Property-based tests (hypothesis)",
    "fault": "Faults during a run",
}


def _cell(text: str) -> str:
    """Table-cell text: markup shown as text, pipes escaped."""
    return html.escape(text, quote=False).replace("|", "\\|")


def render() -> str:
    out = [
        "# Reliability: what was tried and what happened",
        "",
        "Every row is run by the test suite (`tests/test_hostile_input.py`,",
        "`tests/test_faults.py`, `tests/test_review_browser.py`), which asserts the",
        "exit code and the outcome shown here; `tests/test_hostile_input.py` also",
        "checks that this page is generated from the same table",
        "(`tests/reliability.py`; regenerate with `.venv/bin/python tests/reliability.py`).",
        "",
        "For every case: no traceback, no Python warning on stderr, and no",
        "half-written file (a failed run leaves no `OUT/<slug>/` and no staging folder;",
        "a previous good output stays as it was). Exit codes: 0 everything made; 1 the",
        "story was made but some outputs failed; 2 bad input or usage (one line on",
        "stderr naming the file and the problem). A fault of the machine or an interruption",
        "also exits 1, with one line on stderr, and changes nothing on disk.",
    ]
    for group, title in _TITLES.items():
        out += ["", f"## {title}", "", "| case | given | exit | what happens |", "| --- | --- | --- | --- |"]
        for c in cases(group):
            code = "—" if c.exit is None else str(c.exit)
            outcome = _cell(c.outcome)
            if c.exit in (1, 2) and group == "template":
                outcome = f"refused (`templates check` lists every problem): “… {outcome}”"
            elif c.exit in (1, 2):
                outcome = f"stops with one line: “… {outcome}”"
            out.append(f"| `{c.id}` | {_cell(c.given)} | {code} | {outcome} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
    print(DOC, file=sys.stderr)
