"""A small declarative description of TOML tables, used twice.

The same spec objects validate a parsed template (collecting every problem
with its key path and what was expected) and produce the JSON Schema shipped
as ``templates/template.schema.json``, so the two cannot drift apart.

Checks that JSON Schema cannot express (a box that runs past the canvas edge,
a path that leaves the template folder, a brand reference that names no brand
value) are made by the loader on top of these.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from typing import Any, Mapping

COLOR_RE = re.compile(r"^#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})$")
BRAND_REF_RE = re.compile(r"\{brand\.([A-Za-z0-9_.-]+)\}")
SIZE_RE = re.compile(r"^([1-9][0-9]{1,4})x([1-9][0-9]{1,4})$")
#: Canvas sides a template may declare (as ``--size`` accepts): a template
#: cannot make the renderer allocate gigapixels.
MIN_SIDE, MAX_SIDE = 16, 8192
_COLOR_OR_REF = r"^(?:#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})|\{brand\.[A-Za-z0-9_.-]+\})$"
_SAFE_PATH = r"^(?![/\\])(?![A-Za-z]:)(?!.*(?:^|[/\\])\.\.(?:[/\\]|$)).+$"

Issue = tuple[str, str]  # (key path, expectation)


def show(value: Any) -> str:
    """A value as a designer wrote it in TOML: 'big', true, 3.5, [0.1, 2]."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if isinstance(value, dict):
        return "a table"
    return str(value)


def closest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The choice ``word`` was most likely meant to be, if any is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = closest(word, choices)
    return f" (did you mean {close!r}?)" if close else ""


def join_key(base: str, name: str | int) -> str:
    if isinstance(name, int):
        return f"{base}[{name}]"
    part = name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", name) else f'"{name}"'
    return f"{base}.{part}" if base else part


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass(frozen=True)
class Spec:
    """Base of every value spec."""

    description: str = ""

    def check(self, value: Any, key: str) -> list[Issue]:  # pragma: no cover - abstract
        raise NotImplementedError

    def schema(self, defs: dict) -> dict:  # pragma: no cover - abstract
        raise NotImplementedError

    def _with_description(self, out: dict) -> dict:
        if self.description:
            out["description"] = self.description
        return out


@dataclass(frozen=True)
class Str(Spec):
    choices: tuple[str, ...] = ()
    non_empty: bool = False

    def check(self, value: Any, key: str) -> list[Issue]:
        if not isinstance(value, str):
            return [(key, f"expected a string, got {show(value)}")]
        if self.choices and value not in self.choices:
            options = ", ".join(repr(c) for c in self.choices)
            return [(key, f"expected one of {options}, got {show(value)}{did_you_mean(value, self.choices)}")]
        if self.non_empty and not value.strip():
            return [(key, "expected a non-empty string")]
        return []

    def schema(self, defs: dict) -> dict:
        out: dict = {"type": "string"}
        if self.choices:
            out["enum"] = list(self.choices)
        if self.non_empty:
            out["minLength"] = 1
        return self._with_description(out)


@dataclass(frozen=True)
class Num(Spec):
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False

    def check(self, value: Any, key: str) -> list[Issue]:
        if not _is_number(value):
            return [(key, f"expected a {'whole ' if self.integer else ''}number, got {show(value)}")]
        if self.integer and not isinstance(value, int):
            return [(key, f"expected a whole number, got {show(value)}")]
        if self.minimum is not None and value < self.minimum:
            return [(key, f"expected a number ≥ {self.minimum:g}, got {show(value)}")]
        if self.maximum is not None and value > self.maximum:
            return [(key, f"expected a number ≤ {self.maximum:g}, got {show(value)}")]
        return []

    def schema(self, defs: dict) -> dict:
        out: dict = {"type": "integer" if self.integer else "number"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return self._with_description(out)


@dataclass(frozen=True)
class Bool(Spec):
    def check(self, value: Any, key: str) -> list[Issue]:
        if not isinstance(value, bool):
            return [(key, f"expected true or false, got {show(value)}")]
        return []

    def schema(self, defs: dict) -> dict:
        return self._with_description({"type": "boolean"})


@dataclass(frozen=True)
class Color(Spec):
    """'#RGB', '#RRGGBB', '#RRGGBBAA' or a brand reference '{brand.colors.accent}'."""

    def check(self, value: Any, key: str) -> list[Issue]:
        if isinstance(value, str) and (COLOR_RE.match(value) or BRAND_REF_RE.fullmatch(value)):
            return []
        return [(key, f"expected a colour like '#0B1F33', '#0B1F3380' or '{{brand.colors.accent}}', got {show(value)}")]

    def schema(self, defs: dict) -> dict:
        return self._with_description({"type": "string", "pattern": _COLOR_OR_REF})


@dataclass(frozen=True)
class SizeStr(Spec):
    """A canvas size 'WIDTHxHEIGHT' in pixels."""

    def check(self, value: Any, key: str) -> list[Issue]:
        if isinstance(value, str) and (m := SIZE_RE.match(value)):
            if all(MIN_SIDE <= int(side) <= MAX_SIDE for side in m.groups()):
                return []
            return [(key, f"each side must be {MIN_SIDE}..{MAX_SIDE} pixels, got {show(value)}")]
        return [(key, f"expected a size like '1080x1350', got {show(value)}")]

    def schema(self, defs: dict) -> dict:
        return self._with_description({"type": "string", "pattern": SIZE_RE.pattern})


@dataclass(frozen=True)
class PathStr(Spec):
    """A relative file path; where it may point is checked by the loader."""

    extra: tuple[str, ...] = ()  # special words accepted as well ("photo")

    def check(self, value: Any, key: str) -> list[Issue]:
        if not isinstance(value, str) or not value.strip():
            return [(key, f"expected a file path, got {show(value)}")]
        if value in self.extra:
            return []
        if not re.match(_SAFE_PATH, value):
            return [(key, f"path {value!r} must stay inside the template folder or assets/ "
                          "(no absolute paths, no '..')")]
        return []

    def schema(self, defs: dict) -> dict:
        pattern = _SAFE_PATH
        if self.extra:
            pattern = "^(?:" + "|".join(re.escape(e) for e in self.extra) + ")$|" + _SAFE_PATH
        return self._with_description({"type": "string", "pattern": pattern})


@dataclass(frozen=True)
class Vec(Spec):
    """A fixed-length list of numbers, each within [minimum, maximum]."""

    length: int = 2
    minimum: float | None = None
    maximum: float | None = None
    example: str = "[0.5, 0.5]"

    def check(self, value: Any, key: str) -> list[Issue]:
        ok = (
            isinstance(value, list)
            and len(value) == self.length
            and all(_is_number(v) for v in value)
            and all(self.minimum is None or v >= self.minimum for v in value)
            and all(self.maximum is None or v <= self.maximum for v in value)
        )
        if ok:
            return []
        rng = ""
        if self.minimum is not None and self.maximum is not None:
            rng = f" with values in {self.minimum:g}..{self.maximum:g}"
        return [(key, f"expected {self.length} numbers like {self.example}{rng}, got {show(value)}")]

    def schema(self, defs: dict) -> dict:
        item: dict = {"type": "number"}
        if self.minimum is not None:
            item["minimum"] = self.minimum
        if self.maximum is not None:
            item["maximum"] = self.maximum
        return self._with_description(
            {"type": "array", "items": item, "minItems": self.length, "maxItems": self.length}
        )


@dataclass(frozen=True)
class Field:
    spec: Spec
    required: bool = False


@dataclass(frozen=True)
class Table(Spec):
    """A TOML table with known keys; unknown keys are errors with a hint."""

    fields: Mapping[str, Field] = field(default_factory=dict)
    values: Spec | None = None  # a map: any key allowed, each value checked by this spec
    key_spec: Spec | None = None  # for maps: what keys must look like

    def check(self, value: Any, key: str) -> list[Issue]:
        if not isinstance(value, dict):
            return [(key, f"expected a table, got {show(value)}")]
        issues: list[Issue] = []
        for name, f in self.fields.items():
            if f.required and name not in value:
                issues.append((join_key(key, name), "required key is missing"))
        for name, item in value.items():
            sub = join_key(key, name)
            if name in self.fields:
                issues += self.fields[name].spec.check(item, sub)
            elif self.values is not None:
                if self.key_spec is not None:
                    issues += [(sub, msg) for _, msg in self.key_spec.check(name, sub)]
                issues += self.values.check(item, sub)
            else:
                issues.append((sub, f"unknown key{did_you_mean(name, tuple(self.fields))}"))
        return issues

    def partial(self) -> "Table":
        """The same table with every key optional (defaults, overrides)."""
        return replace(self, fields={n: Field(f.spec, False) for n, f in self.fields.items()})

    def schema(self, defs: dict) -> dict:
        out: dict = {"type": "object"}
        if self.fields:
            out["properties"] = {n: f.spec.schema(defs) for n, f in self.fields.items()}
        required = [n for n, f in self.fields.items() if f.required]
        if required:
            out["required"] = required
        if self.values is not None:
            out["additionalProperties"] = self.values.schema(defs)
            if self.key_spec is not None:
                out["propertyNames"] = {k: v for k, v in self.key_spec.schema(defs).items() if k != "description"}
        else:
            out["additionalProperties"] = False
        return self._with_description(out)


@dataclass(frozen=True)
class ArrayOf(Spec):
    item: Spec = field(default_factory=Spec)
    min_items: int = 0

    def check(self, value: Any, key: str) -> list[Issue]:
        if not isinstance(value, list):
            return [(key, f"expected a list, got {show(value)}")]
        if len(value) < self.min_items:
            return [(key, f"expected at least {self.min_items} item(s), got {len(value)}")]
        issues: list[Issue] = []
        for i, item in enumerate(value):
            issues += self.item.check(item, join_key(key, i))
        return issues

    def schema(self, defs: dict) -> dict:
        out: dict = {"type": "array", "items": self.item.schema(defs)}
        if self.min_items:
            out["minItems"] = self.min_items
        return self._with_description(out)


@dataclass(frozen=True)
class Tagged(Spec):
    """A table whose ``tag`` key (e.g. ``type``) picks which Table applies."""

    tag: str = "type"
    variants: Mapping[str, Table] = field(default_factory=dict)

    def check(self, value: Any, key: str) -> list[Issue]:
        if not isinstance(value, dict):
            return [(key, f"expected a table, got {show(value)}")]
        names = tuple(self.variants)
        if self.tag not in value:
            return [(join_key(key, self.tag), f"required key is missing (one of {', '.join(map(repr, names))})")]
        kind = value[self.tag]
        if kind not in self.variants:
            return Str(choices=names).check(kind, join_key(key, self.tag))
        return self.variants[kind].check(value, key)

    def schema(self, defs: dict) -> dict:
        names = list(self.variants)
        branches = [
            {"if": {"properties": {self.tag: {"const": n}}}, "then": t.schema(defs)}
            for n, t in self.variants.items()
        ]
        return self._with_description({
            "type": "object",
            "required": [self.tag],
            "properties": {self.tag: {"enum": names}},
            "allOf": branches,
        })


@dataclass(frozen=True)
class Named(Spec):
    """A spec emitted once under ``$defs`` and referenced where it is used."""

    name: str = ""
    spec: Spec = field(default_factory=Spec)

    def check(self, value: Any, key: str) -> list[Issue]:
        return self.spec.check(value, key)

    def schema(self, defs: dict) -> dict:
        if self.name not in defs:
            defs[self.name] = {}  # placeholder first: a spec may refer to itself
            defs[self.name] = self.spec.schema(defs)
        return {"$ref": f"#/$defs/{self.name}"}
