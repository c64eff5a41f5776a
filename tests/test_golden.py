"""The Story for the seed and the English example equals its hand-checked golden file.

On a deliberate change: run scripts/update_golden.py and read the diff.
"""

import json

import pytest

from golden_util import GOLDEN, golden_json
from _paths import ROOT


@pytest.mark.parametrize("name", list(GOLDEN))
def test_story_matches_golden(name):
    expected = json.loads((ROOT / "tests" / "golden" / f"{name}.story.json").read_text(encoding="utf-8"))
    actual = json.loads(golden_json(GOLDEN[name]))
    for key in expected:  # compare section by section for a readable failure
        assert actual[key] == expected[key], f"{name}: '{key}' differs from the golden file"
    assert actual.keys() == expected.keys()
