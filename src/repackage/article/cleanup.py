"""Whitespace, Unicode and mojibake repairs applied to every input text.

Typographic characters stay as they are: ’ « » – — … and the no-break spaces
French typography puts before ; : ! ? and inside « ». What goes:

- ``\\r\\n`` and ``\\r`` line ends, Unicode line/paragraph separators;
- byte order marks, zero-width spaces, soft hyphens, stray control characters;
- tabs and exotic spaces (en/em/thin/hair spaces) -> one ordinary space;
- runs of spaces -> one space; a run holding a no-break space keeps it
  (``"Russie \\u00a0;"`` -> ``"Russie\\u00a0;"``); spaces at line ends;
- UTF-8 text that was decoded as cp1252 and saved again ("Ã©tÃ©", "lâ€™OTAN")
  is decoded back when that round trip is clean;
- everything ends up in NFC.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u00ad\u2060\u180e"), None)
_LINE_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n\n", "\x0b": "\n", "\x0c": "\n\n", "\x85": "\n"})
_PLAIN_SPACES = re.compile(r"[\t\u2000-\u2006\u2008-\u200a\u205f\u3000]")
#: Zero-width joiners and direction marks between two letters of an alphabet
#: (not emoji sequences, not scripts that use joiners): "Gue\u200drre" -> "Guerre".
_IN_WORD_INVISIBLE = re.compile(r"(?<=[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff])[\u200c\u200d\u200e\u200f]+(?=[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff])")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SPACE_RUN = re.compile(r"[ \u00a0\u202f\u2007]{2,}")
_NO_BREAK = "\u00a0\u202f\u2007"
#: A UTF-8 lead byte then a continuation byte, both shown as cp1252: "Ã©", "â€™", "Â«".
_MOJIBAKE = re.compile("[\u00c2-\u00ef][\u00a0-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")


def _collapse(match: re.Match[str]) -> str:
    run = match.group(0)
    return next((ch for ch in run if ch in _NO_BREAK), " ")


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Undo UTF-8 -> cp1252 -> UTF-8 double encoding when it is clearly there."""
    if len(_MOJIBAKE.findall(text)) < 3:
        return text, False
    try:
        fixed = text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text, False
    if len(_MOJIBAKE.findall(fixed)) >= len(_MOJIBAKE.findall(text)):
        return text, False
    return fixed, True


def normalise_text(text: str) -> tuple[str, list[str]]:
    """Cleaned text and human-readable notes of the repairs that change content."""
    notes: list[str] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_BREAKS)
    text, fixed = repair_mojibake(text)
    if fixed:
        notes.append("repaired double-encoded UTF-8 (mojibake such as “Ã©” for “é”)")
    text = unicodedata.normalize("NFC", _IN_WORD_INVISIBLE.sub("", text.translate(_INVISIBLE)))
    text = _CONTROLS.sub("", text)
    text = _PLAIN_SPACES.sub(" ", text)
    lines = [_SPACE_RUN.sub(_collapse, line).strip(" " + _NO_BREAK) for line in text.split("\n")]
    return "\n".join(lines), notes


def clean_inline(text: str) -> str:
    """One line of text from a structured source (HTML, JSON): same rules, no newlines."""
    cleaned, _ = normalise_text(text)
    return " ".join(part for part in cleaned.split("\n") if part).strip()
