"""Validation of manifest.json against the JSON Schema shipped in the package."""

from __future__ import annotations

import functools
from typing import Any

from repackage.output.manifest import manifest_schema


@functools.lru_cache(maxsize=1)
def _validator():
    import jsonschema

    schema = manifest_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def manifest_problems(data: Any) -> list[str]:
    """Every way ``data`` breaks the manifest schema ([] when valid)."""
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in _validator().iter_errors(data)]


def assert_valid_manifest(data: Any) -> None:
    problems = manifest_problems(data)
    assert not problems, "manifest.json breaks its schema:\n" + "\n".join(problems)
