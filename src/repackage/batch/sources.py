"""What a batch run reads: files, folders, globs, RSS/Atom feeds and ninjs files.

``collect_sources`` turns the command line's SOURCE arguments into a list of
:class:`SourceItem`, one per article, each with a stable ``key`` the ledger
tracks it by (the file's absolute path, or the feed entry's id). A feed entry
is written as a small text article (headline, then its paragraphs) under
``OUT/.batch/feeds/`` so that every later stage reads a file like any other.
A source that does not exist, a glob that matches nothing or a feed that
cannot be read is bad input (``ArticleError``, exit 2) and stops the run
before anything is rendered.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from repackage.errors import ArticleError
from repackage.fsutil import write_text

ARTICLE_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".json")
FEED_EXTENSIONS = (".rss", ".atom", ".xml")
# Never articles, even in a folder of them.
NOT_ARTICLES = {"readme.md", "readme.txt", "license.txt", "license.md", "sources.md", "changelog.md"}
_GLOB_MAGIC = re.compile(r"[*?[]")


@dataclass(frozen=True)
class SourceItem:
    """One article of a batch: ``path`` is what the pipeline reads."""

    key: str  # what the ledger knows the article by
    path: Path
    origin: str  # the SOURCE argument it came from (file, folder, glob, feed)


def is_feed_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def collect_sources(sources: list[str] | tuple[str, ...], feeds_dir: Path, *, exclude: Path | None = None) -> list[SourceItem]:
    """Expand SOURCE arguments into articles, in order, each article once.

    ``exclude`` (the output folder) is never scanned when a source folder
    contains it. Raises ``ArticleError`` for a source that yields nothing
    readable.
    """
    items: list[SourceItem] = []
    seen: set[str] = set()
    skip = exclude.resolve() if exclude is not None else None

    def add(item: SourceItem) -> None:
        if item.key not in seen:
            seen.add(item.key)
            items.append(item)

    for source in sources:
        if is_feed_url(source):
            for item in read_feed(source, feeds_dir):
                add(item)
            continue
        path = Path(source)
        if path.is_dir():
            found = _scan_folder(path, skip)
            if not found:
                raise ArticleError("no article files in this folder "
                                   f"(looked for {', '.join(ARTICLE_EXTENSIONS + FEED_EXTENSIONS)})", path=source)
            for f in found:
                for item in _file_items(f, source, feeds_dir):
                    add(item)
        elif path.is_file():
            for item in _file_items(path, source, feeds_dir):
                add(item)
        elif _GLOB_MAGIC.search(source):
            matches = sorted(Path(m) for m in glob.glob(source, recursive=True))
            files = [m for m in matches if m.is_file() and not _inside(m, skip)]
            if not files:
                raise ArticleError("no file matches this pattern", path=source)
            for f in files:
                for item in _file_items(f, source, feeds_dir):
                    add(item)
        else:
            raise ArticleError("no such file, folder or feed", path=source)
    return items


def _inside(path: Path, folder: Path | None) -> bool:
    if folder is None:
        return False
    try:
        path.resolve().relative_to(folder)
        return True
    except ValueError:
        return False


def scan_folder(folder: Path, skip: Path | None = None) -> list[Path]:
    """Article and feed files under ``folder`` (recursively), sorted; hidden
    files and folders, README/LICENSE files and anything under ``skip`` left out."""
    return _scan_folder(folder, skip.resolve() if skip is not None else None)


def _scan_folder(folder: Path, skip: Path | None) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _inside(Path(root) / d, skip))
        for name in sorted(files):
            p = Path(root) / name
            if (name.startswith(".") or name.lower() in NOT_ARTICLES or name.endswith("~")
                    or p.suffix.lower() not in ARTICLE_EXTENSIONS + FEED_EXTENSIONS):
                continue
            found.append(p)
    return found


def _looks_like_feed(path: Path) -> bool:
    if path.suffix.lower() in (".rss", ".atom"):
        return True
    if path.suffix.lower() != ".xml":
        return False
    try:
        head = path.read_bytes()[:4096].decode("utf-8", "replace").lower()
    except OSError:
        return False
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def _file_items(path: Path, origin: str, feeds_dir: Path) -> list[SourceItem]:
    if _looks_like_feed(path):
        return read_feed(str(path), feeds_dir)
    return [SourceItem(key=str(path.resolve()), path=path.resolve(), origin=origin)]


def read_feed(source: str, feeds_dir: Path) -> list[SourceItem]:
    """Each entry of an RSS or Atom feed (a file or a URL), written as a text article."""
    import feedparser

    parsed = feedparser.parse(source)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        why = f": {reason}" if reason else ""
        raise ArticleError(f"not a readable RSS/Atom feed, or a feed with no entries{why}", path=source)
    items = []
    for entry in parsed.entries:
        ident = entry.get("id") or entry.get("link") or entry.get("title") or ""
        key = f"feed:{ident}" if ident else f"feed:{source}#{len(items)}"
        text = _entry_text(entry)
        name = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16] + ".txt"
        dest = feeds_dir / name
        if not dest.exists() or dest.read_text(encoding="utf-8") != text:
            write_text(dest, text)  # only when changed: the ledger compares content
        items.append(SourceItem(key=key, path=dest.resolve(), origin=source))
    return items


def _entry_text(entry) -> str:
    """A feed entry as the plain-text article format: headline, blank line, paragraphs."""
    title = " ".join(str(entry.get("title", "")).split())
    bodies = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    body = max(bodies, key=len) if bodies else entry.get("summary", "") or entry.get("description", "")
    paragraphs = _html_paragraphs(body)
    return "\n\n".join([title] + paragraphs) + "\n"


def _html_paragraphs(markup: str) -> list[str]:
    if not markup.strip():
        return []
    if "<" not in markup:
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", markup) if p.strip()]
    import lxml.html

    root = lxml.html.fromstring(f"<div>{markup}</div>")
    blocks = root.xpath(".//p|.//li|.//blockquote|.//h2|.//h3")
    texts = [" ".join(b.text_content().split()) for b in blocks] if blocks else [" ".join(root.text_content().split())]
    return [t for t in texts if t]
