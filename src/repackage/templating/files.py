"""Reading template and brand files: TOML, problems, safe paths, brand references."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from ..errors import TemplateError
from .spec import BRAND_REF_RE, closest, join_key


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) in a template or brand file."""

    file: str  # as shown to the user
    key: str  # key path: layers[2].max_size ("" for the whole file)
    message: str  # the expectation: "expected a number, got 'big'"
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        where = f"{self.file}: {self.key}: " if self.key else f"{self.file}: "
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}{prefix}{self.message}"


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when inside it, else absolute."""
    path = Path(os.path.abspath(path))
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def raise_if_errors(problems: Iterable[Problem], path: Path, what: str) -> None:
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        count = f"{len(errors)} problem{'s' if len(errors) > 1 else ''}"
        raise TemplateError(f"invalid {what} ({count})", display_path(path), [str(p) for p in errors])


_TOML_POS = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")


def read_toml(path: Path) -> dict:
    """Parse ``path``; raise TemplateError naming the line and column of a syntax error."""
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise TemplateError("file not found", shown, [f"{shown}: file not found"]) from None
    except OSError as exc:
        raise TemplateError(f"cannot read: {exc.strerror}", shown, [f"{shown}: cannot read: {exc.strerror}"]) from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        problem = f"{shown}: not UTF-8 text (save the file as UTF-8)"
        raise TemplateError("not UTF-8", shown, [problem]) from None
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_POS.match(str(exc))
        where, msg = (f"line {m['line']}, column {m['col']}", m["msg"]) if m else ("", str(exc))
        problem = f"{shown}: {where}: TOML syntax error: {msg}" if where else f"{shown}: TOML syntax error: {msg}"
        raise TemplateError("TOML syntax error", shown, [problem]) from None


def resolve_file(value: str, roots: tuple[Path, ...], key: str, report: Callable[[str, str], None]) -> Path | None:
    """The file ``value`` names, looked up in ``roots`` in order.

    A path that is absolute, climbs out with ``..`` or is a symlink leading
    outside every root is refused; so is a path that names no file.
    """
    rel = Path(value)
    if rel.is_absolute() or ".." in rel.parts or value.startswith(("/", "\\")):
        report(key, f"path {value!r} must stay inside the template folder or assets/ (no absolute paths, no '..')")
        return None
    for root in roots:
        candidate = root / rel
        if not candidate.exists():
            continue
        real = candidate.resolve()
        if not any(real.is_relative_to(r.resolve()) for r in roots):
            report(key, f"path {value!r} leads outside the template folder and assets/ (symbolic link to {real})")
            return None
        if not real.is_file():
            report(key, f"path {value!r} is not a file")
            return None
        return real
    names = " or ".join(display_path(r) + "/" for r in roots)
    report(key, f"file {value!r} not found in {names}")
    return None


def substitute_brand_refs(data: Any, key: str, lookup: Callable[[str], str | None],
                          known: tuple[str, ...], report: Callable[[str, str], None]) -> Any:
    """A copy of ``data`` with every ``{brand.x.y}`` replaced by its value."""
    if isinstance(data, dict):
        return {k: substitute_brand_refs(v, join_key(key, k), lookup, known, report) for k, v in data.items()}
    if isinstance(data, list):
        return [substitute_brand_refs(v, f"{key}[{i}]", lookup, known, report) for i, v in enumerate(data)]
    if not isinstance(data, str) or "{brand." not in data:
        return data

    def repl(m: re.Match) -> str:
        value = lookup(m.group(1))
        if value is None:
            close = closest(m.group(1), known)
            hint = f" (did you mean '{{brand.{close}}}'?)" if close else ""
            report(key, f"unknown brand reference {m.group(0)!r}{hint}")
            return m.group(0)
        return value

    return BRAND_REF_RE.sub(repl, data)
