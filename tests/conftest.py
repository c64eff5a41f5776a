"""Suite-wide checks. Every manifest.json any test writes (through the
library, the CLI or the pipeline) is validated against the JSON Schema shipped
in the package, at the moment it is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import repackage.output.manifest as manifest_module

from _schema import assert_valid_manifest


@pytest.fixture(autouse=True)
def _every_written_manifest_is_valid(monkeypatch):
    real = manifest_module.write_text

    def checked(dest, text):
        if Path(dest).name == "manifest.json":
            assert_valid_manifest(json.loads(text))
        return real(dest, text)

    monkeypatch.setattr(manifest_module, "write_text", checked)
    yield
