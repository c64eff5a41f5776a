"""Reading an article file safely: checks, size limit, encoding detection.

Every user mistake becomes an :class:`ArticleError` with one clear message;
nothing here lets a traceback through for a bad path or a bad file.

Decoding order: a byte order mark (UTF-8, UTF-16, UTF-32) when there is one,
then strict UTF-8 (after removing a few stray NUL bytes, with a note), then
a file mixing UTF-8 and cp1252 lines, read line by line, then BOM-less UTF-16 (every other byte NUL), then cp1252
when it reads as a Western language, then detection with charset-normalizer. NUL bytes anywhere else, or
decoded text full of control characters, mean a binary file.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import ArticleError
from .lang import WESTERN_LANGUAGES, detect_language

DEFAULT_MAX_BYTES = 10_000_000

BINARY_MESSAGE = (
    "looks like a binary file, not an article (expected text, Markdown, HTML or ninjs JSON)"
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Share of control characters above which decoded "text" is really binary.
_MAX_CONTROL_SHARE = 0.01
_ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")


@dataclass(frozen=True)
class Decoded:
    """Text of a file, the encoding it was read with, and repairs made while decoding."""

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


def _size(n: int) -> str:
    """"20.0 MB", "3.4 kB"."""
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n / 1_000:.1f} kB"


def _limit(n: int) -> str:
    """"10 MB", "500 kB"."""
    return f"{n / 1_000_000:g} MB" if n >= 1_000_000 else f"{n / 1_000:g} kB"


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of ``path`` after checking it is a readable, non-empty, not-too-big file."""
    where = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ArticleError("no such file", path=where) from None
    except OSError as exc:
        raise ArticleError(f"cannot read file ({exc.strerror or exc})", path=where) from None
    if stat.S_ISDIR(info.st_mode):
        raise ArticleError("is a directory, expected an article file", path=where)
    if not stat.S_ISREG(info.st_mode):
        raise ArticleError("is not a regular file, expected an article file", path=where)
    if info.st_size > max_bytes:
        raise ArticleError(
            f"file is {_size(info.st_size)}; articles over {_limit(max_bytes)} are refused",
            path=where,
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise ArticleError(f"cannot read file ({exc.strerror or exc})", path=where) from None
    if len(data) > max_bytes:  # grew since stat
        raise ArticleError(f"file is over {_limit(max_bytes)}; articles over {_limit(max_bytes)} are refused", path=where)
    return data


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _ALLOWED_CONTROLS)
    return controls > _MAX_CONTROL_SHARE * max(len(text), 1)


def _bom_less_utf16(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when every other byte is NUL (ASCII-heavy UTF-16)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nul = data[0::2].count(0) / (len(data) // 2)
    odd_nul = data[1::2].count(0) / (len(data) // 2)
    if odd_nul > 0.9 and even_nul < 0.1:
        return "utf-16-le"
    if even_nul > 0.9 and odd_nul < 0.1:
        return "utf-16-be"
    return None


def _detect(data: bytes) -> tuple[str, str] | None:
    """Decode a legacy 8-bit file; None when nothing plausible.

    cp1252 (a superset of latin-1 for text) comes first when it reads as one
    of the Western languages we know: charset-normalizer alone misreads short
    French texts as Polish codepages. Anything else is charset-normalizer's call.
    """
    from charset_normalizer import from_bytes

    western = _try(data, "cp1252")
    if western is not None and detect_language(western) in WESTERN_LANGUAGES:
        return western, "cp1252"
    best = from_bytes(data).best()
    if best is None:
        return None
    text = _try(data, best.encoding)
    return (text, best.encoding.replace("_", "-")) if text is not None else None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode_bytes(data: bytes, where: str | None = None) -> Decoded:
    """Text and encoding of ``data``; ArticleError for binary or empty content."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try(data, encoding)
            if text is None or _looks_binary(text):
                raise ArticleError(BINARY_MESSAGE, path=where)
            return _checked(text.removeprefix("\ufeff"), encoding, where)
    data, notes = _strip_stray_nul(data)
    text = _try(data, "utf-8")
    if text is not None and not _looks_binary(text):
        return _checked(text, "utf-8", where, notes)
    if (mixed := _mixed_utf8_cp1252(data)) is not None:
        text, n = mixed
        note = f"read {n} line{'s' if n > 1 else ''} as cp1252: the file mixes UTF-8 and cp1252"
        return _checked(text, "utf-8+cp1252", where, (*notes, note))
    if (damaged := _damaged_utf8(data)) is not None:
        text, bad = damaged
        note = f"replaced {bad} invalid UTF-8 byte{'s' if bad > 1 else ''} with “\ufffd”"
        return _checked(text, "utf-8", where, (*notes, note))
    if b"\x00" in data:
        encoding = _bom_less_utf16(data)
        text = _try(data, encoding) if encoding else None
        if text is None or _looks_binary(text):
            raise ArticleError(BINARY_MESSAGE, path=where)
        return _checked(text, encoding, where)
    detected = _detect(data)
    if detected is None or _looks_binary(detected[0]):
        raise ArticleError(BINARY_MESSAGE, path=where)
    return _checked(*detected, where)


_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u2060"), None)


def _checked(text: str, encoding: str, where: str | None, notes: tuple[str, ...] = ()) -> Decoded:
    if not text.translate(_INVISIBLE).strip():
        raise ArticleError("file is empty", path=where)
    return Decoded(text=text, encoding=encoding, notes=notes)


#: At most this many NUL bytes (and one per 50 bytes) are taken for stray
#: corruption in a text file and removed; more mean a binary file.
_MAX_STRAY_NUL = 8


def _strip_stray_nul(data: bytes) -> tuple[bytes, tuple[str, ...]]:
    """``data`` without a few stray NUL bytes (a copy-paste or transfer glitch), and a note.

    UTF-16 (every other byte NUL) and binary files keep theirs and are
    judged as before.
    """
    n = data.count(b"\x00")
    if not n or n > _MAX_STRAY_NUL or n * 50 > len(data) or _bom_less_utf16(data):
        return data, ()
    return data.replace(b"\x00", b""), (f"removed {n} stray NUL byte{'s' if n > 1 else ''} (\\x00)",)


def _mixed_utf8_cp1252(data: bytes) -> tuple[str, int] | None:
    """Text of a file whose lines are partly UTF-8, partly cp1252 (pasted from two
    sources), and the number of cp1252 lines; None unless both kinds are there.

    A file whose only bad bytes are an incomplete character at its very end is
    truncated UTF-8, not mixed (``_damaged_utf8`` handles it).
    """
    if b"\x00" in data:
        return None
    lines = data.split(b"\n")
    out, cp1252, utf8_multibyte = [], 0, False
    for i, line in enumerate(lines):
        try:
            text = line.decode("utf-8")
            utf8_multibyte = utf8_multibyte or any(ord(ch) > 0x7F for ch in text)
        except UnicodeDecodeError as exc:
            if i == len(lines) - 1 and exc.start >= len(line.rstrip()) - 3 and exc.reason == "unexpected end of data":
                return None
            if any(ord(ch) > 0x7F and ch != "\ufffd" for ch in line.decode("utf-8", errors="replace")):
                return None  # valid UTF-8 letters beside the bad bytes: damaged UTF-8, not cp1252
            text = _try(line, "cp1252")
            if text is None:
                return None
            cp1252 += 1
        out.append(text)
    if not cp1252 or not utf8_multibyte:
        return None
    text = "\n".join(out)
    return (text, cp1252) if not _looks_binary(text) else None


def _damaged_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 text with a few corrupt bytes: (text with U+FFFD, count); else None.

    A cp1252 file has next to no valid multi-byte UTF-8 sequences, so more
    valid sequences than invalid bytes means UTF-8 with damage, which reads
    far better with a few replacement characters than as cp1252 mojibake.
    """
    if b"\x00" in data:
        return None
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if bad <= 0 or multibyte <= bad or _looks_binary(text):
        return None
    return text, bad


def load(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Read and decode an article file, or raise ArticleError saying what is wrong."""
    p = Path(path)
    data = read_bytes(p, max_bytes)
    if not data.strip():
        raise ArticleError("file is empty", path=str(p))
    return decode_bytes(data, where=str(p))
