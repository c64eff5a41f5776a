"""Article readers: an input file (text, Markdown, HTML, ninjs JSON) -> ``Article``.

    article = read_article("otan-ukraine-fr.txt")
    article.headline, article.paragraphs, article.credits.photo_credit(), article.lang

Readers are registered in :mod:`repackage.article.registry`; the shared
clean-up (credits, bylines, dates, teasers, calls to action, healing broken
sentences) lives in :mod:`repackage.article.assemble`. Every problem with the
input is an :class:`~repackage.errors.ArticleError` carrying the path.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ArticleError, ConfigError
from ..models import Article
from .lang import ISO_639_1, UNDETERMINED, detect_language, normalise_tag
from .registry import ReadContext, Reader, choose_reader, get_reader, readers, register_reader
from .source import DEFAULT_MAX_BYTES, load

__all__ = [
    "DEFAULT_MAX_BYTES",
    "UNDETERMINED",
    "ArticleError",
    "Reader",
    "ReadContext",
    "detect_language",
    "parse_article_text",
    "read_article",
    "readers",
    "register_reader",
]


def _language_override(lang: str | None) -> str | None:
    """The caller's ``lang=`` as an ISO 639-1 code ("fr-CA" -> "fr"); ConfigError if not one."""
    if not lang:
        return None
    code = normalise_tag(lang)
    if code is None:
        raise ConfigError(f"language {lang!r} is not a language code (expected e.g. fr, en, de)")
    if code not in ISO_639_1:
        raise ConfigError(f"language {lang!r} is not a known ISO 639-1 code (expected e.g. fr, en, de)")
    return code


def read_article(path: str | os.PathLike, *, lang: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read an article file; the reader is chosen by content, then extension.

    ``lang`` overrides the declared or detected language. Files over
    ``max_bytes`` are refused before being read.
    """
    override = _language_override(lang)
    decoded = load(path, max_bytes)
    reader = choose_reader(decoded.text, Path(path).suffix)
    ctx = ReadContext(source_path=str(path), encoding=decoded.encoding, lang=override, notes=decoded.notes)
    return reader.parse(decoded.text, ctx)


def parse_article_text(
    text: str, *, fmt: str = "text", lang: str | None = None, source_path: str | None = None
) -> Article:
    """Parse article text already in memory.

    ``fmt`` names a registered reader ("text", "markdown", "html", "ninjs") or
    is "auto" to choose as :func:`read_article` does (using ``source_path``'s
    extension when given).
    """
    override = _language_override(lang)
    if not text.strip():
        raise ArticleError("text is empty", path=source_path)
    if fmt == "auto":
        reader = choose_reader(text, Path(source_path).suffix if source_path else "")
    else:
        reader = get_reader(fmt)
    return reader.parse(text, ReadContext(source_path=source_path, lang=override))

