"""Plain-text and Markdown readers.

Plain text: the first line is the headline, then blank-line separated
blocks. Inside a block each line is its own paragraph, unless the block is
hard-wrapped at a fixed width (then its lines are one paragraph); sentences
broken across lines or paragraphs are re-joined by :mod:`.heal`.

Markdown: ``#`` and setext headings, ``>`` block quotes (each becomes a
paragraph), list items, emphasis, links (their text is kept), images,
inline code and HTML tags (removed), reference definitions, rules and
fences (dropped). A block's lines form one paragraph, as Markdown renders it.
"""

from __future__ import annotations

import re

from ..models import Article
from .assemble import Line, build_article
from .cleanup import normalise_text
from .registry import ReadContext

# --- plain text ------------------------------------------------------------------------


def text_lines(text: str) -> list[Line]:
    """Non-blank lines numbered by blank-line block."""
    lines, block, previous_blank = [], 0, False
    for raw in text.split("\n"):
        if not raw.strip():
            previous_blank = True
            continue
        if previous_blank and lines:
            block += 1
        previous_blank = False
        lines.append(Line(raw.strip(), block))
    return lines


# --- Markdown: inline ------------------------------------------------------------------

_ESCAPABLE = "\\`*_{}[]()#+-.!>~|"
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
_PLACEHOLDER_BASE = 0xE000  # private use area: escaped characters survive the markup passes

_INLINE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"!\[[^\]]*\]\[[^\]]*\]"), ""),
    (re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"<!--.*?-->"), ""),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), ""),  # inline HTML tags
    (re.compile(r"(?<![\w`])`([^`]+)`(?![\w`])"), r"\1"),  # code spans, not don`t
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
)
_WHOLE_EMPHASIS = re.compile(r"^(\*\*|__|\*|_)(?=\S)(.+)(?<=\S)\1$")


def strip_inline(text: str) -> str:
    """Markdown inline markup -> plain text (escaped characters kept literally)."""
    protected = _ESCAPE_RE.sub(lambda m: chr(_PLACEHOLDER_BASE + _ESCAPABLE.index(m.group(1))), text)
    for pattern, replacement in _INLINE_RULES:
        protected = pattern.sub(replacement, protected)
    restored = "".join(
        _ESCAPABLE[ord(ch) - _PLACEHOLDER_BASE] if _PLACEHOLDER_BASE <= ord(ch) < _PLACEHOLDER_BASE + len(_ESCAPABLE) else ch
        for ch in protected
    )
    return re.sub(r"\s{2,}", " ", restored.rstrip("\\")).strip()


# --- Markdown: blocks ------------------------------------------------------------------

_ATX = re.compile(r"^ {0,3}#{1,6}(?:\s+(?P<title>.*?))?(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)\s*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)")
_QUOTE = re.compile(r"^ {0,3}>\s?")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+")
_HTML_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")


def _line_kind(raw: str) -> tuple[str, str] | None:
    """(kind, content) of one Markdown line; None for lines that carry no text."""
    if _RULE.match(raw) or _REF_DEF.match(raw) or _HTML_COMMENT_LINE.match(raw):
        return None
    if m := _ATX.match(raw):
        return "heading", m["title"] or ""
    if _QUOTE.match(raw):
        content = raw
        while _QUOTE.match(content):
            content = _QUOTE.sub("", content, count=1)
        return "quote", content
    if m := _ITEM.match(raw):
        return "item", raw[m.end() :]
    return "text", raw


def markdown_lines(text: str) -> list[Line]:
    """Lines of a Markdown document with markup removed, numbered by block."""
    raw_lines = text.split("\n")
    lines: list[Line] = []
    block, in_fence, new_block, underline = 0, False, False, False
    for i, raw in enumerate(raw_lines):
        if underline:  # the ==== or ---- under a setext heading
            underline = False
            continue
        if _FENCE.match(raw):
            in_fence, new_block = not in_fence, True
            continue
        kind_content = ("text", raw) if in_fence else _line_kind(raw)
        if kind_content is None or not kind_content[1].strip():
            new_block = True
            continue
        kind, content = kind_content
        if kind == "text" and (new_block or not lines) and _is_setext(raw_lines, i):
            kind, underline = "heading", True
        if new_block and lines:
            block += 1
        new_block = kind == "heading"  # a heading stands alone
        emphasised = bool(_WHOLE_EMPHASIS.match(content.strip()))
        lines.append(Line(strip_inline(content), block, kind, emphasised))
    return [line for line in lines if line.text]


def _is_setext(raw_lines: list[str], i: int) -> bool:
    """A one-line paragraph underlined with ``===`` or ``---``."""
    return i + 1 < len(raw_lines) and bool(_SETEXT.match(raw_lines[i + 1]))


_MARKDOWN_SIGNS = (
    re.compile(r"^ {0,3}#{1,6}\s+\S"),
    re.compile(r"\[[^\]]+\]\((?:https?://|/)[^)]*\)"),
    re.compile(r"^\S.*\n {0,3}=+\s*$", re.M),
)


def looks_like_markdown(text: str) -> bool:
    """A heading first, a Markdown link, or a setext title: this "text" is Markdown."""
    first = next((line for line in text.split("\n") if line.strip()), "")
    if _MARKDOWN_SIGNS[0].match(first):
        return True
    return bool(_MARKDOWN_SIGNS[1].search(text) or _MARKDOWN_SIGNS[2].search(text[:2000]))


# --- readers ---------------------------------------------------------------------------


def sniff_markdown(head: str, extension: str) -> bool:
    """A ``.txt`` (or extension-less) file that is really Markdown."""
    return extension in ("", ".txt", ".text") and looks_like_markdown(head)


def parse_text(text: str, ctx: ReadContext) -> Article:
    """Plain-text article -> Article."""
    cleaned, notes = normalise_text(text)
    draft = ctx.draft("text", grouping="text", notes=notes)
    return build_article(text_lines(cleaned), draft, lang=ctx.lang)


def parse_markdown(text: str, ctx: ReadContext) -> Article:
    """Markdown article -> Article."""
    cleaned, notes = normalise_text(text)
    draft = ctx.draft("markdown", grouping="markdown", notes=notes)
    return build_article(markdown_lines(cleaned), draft, lang=ctx.lang)
