"""Which reader handles which input: the one place readers are registered.

A reader is a function ``parse(text, ctx) -> Article`` plus the file
extensions it claims and an optional content sniffer. To support a new
format, write the function and add one :class:`Reader` to
:func:`_builtin_readers` (or call :func:`register_reader` from a plugin); no
editorial code changes.

Choice for a file: the first reader whose ``sniff`` accepts the start of the
content (HTML with a doctype, JSON that looks like ninjs, Markdown in a
``.txt``), else the reader claiming the extension, else plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..errors import ArticleError
from ..models import Article
from .assemble import Draft

#: Characters of content a sniffer sees.
SNIFF_CHARS = 4096


@dataclass(frozen=True)
class ReadContext:
    """Facts about the input that every reader needs."""

    source_path: str | None = None
    encoding: str = "utf-8"
    lang: str | None = None  # caller's override, ISO 639-1
    notes: tuple[str, ...] = ()  # repairs made before the reader ran (decoding)

    def draft(self, source_format: str, notes: list[str] | None = None, **fields: object) -> Draft:
        """A Draft for this input; ``notes`` are the reader's own repairs."""
        return Draft(
            source_format=source_format,
            source_path=self.source_path,
            encoding=self.encoding,
            notes=[*self.notes, *(notes or [])],
            **fields,
        )


ParseFn = Callable[[str, ReadContext], Article]
SniffFn = Callable[[str, str], bool]  # (start of content, lowercase extension) -> claim it?


@dataclass(frozen=True)
class Reader:
    """A registered input format; ``name`` is also ``Article.source_format``."""

    name: str
    parse: ParseFn
    extensions: tuple[str, ...] = ()
    sniff: SniffFn | None = None


def _builtin_readers() -> list[Reader]:
    from . import html, ninjs, text

    return [
        Reader("html", html.parse_html, (".html", ".htm", ".xhtml"), html.looks_like_html),
        Reader("ninjs", ninjs.parse_ninjs, (".json",), ninjs.looks_like_ninjs),
        Reader("markdown", text.parse_markdown, (".md", ".markdown", ".mdown", ".mkd"), text.sniff_markdown),
        Reader("text", text.parse_text, (".txt", ".text", "")),
    ]


_readers: list[Reader] = []


def readers() -> tuple[Reader, ...]:
    """Registered readers, in the order they are tried."""
    if not _readers:
        _readers.extend(_builtin_readers())
    return tuple(_readers)


def register_reader(reader: Reader, *, first: bool = True) -> None:
    """Add ``reader`` (replacing one of the same name); by default it is tried first."""
    current = [r for r in readers() if r.name != reader.name]
    _readers[:] = [reader, *current] if first else [*current, reader]


def get_reader(name: str) -> Reader:
    for reader in readers():
        if reader.name == name:
            return reader
    known = ", ".join(r.name for r in readers())
    raise ArticleError(f"unknown article format {name!r} (known: {known})")


def choose_reader(text: str, extension: str) -> Reader:
    """The reader for content ``text`` read from a file with ``extension`` (".txt")."""
    head, ext = text[:SNIFF_CHARS], extension.lower()
    for reader in readers():
        if reader.sniff and reader.sniff(head, ext):
            return reader
    for reader in readers():
        if ext in reader.extensions:
            return reader
    return get_reader("text")
