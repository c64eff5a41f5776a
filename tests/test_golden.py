"""The Story and the plan for the seed and the English example equal their hand-checked golden files.

On a deliberate change: run scripts/update_golden.py and read the diff.
"""

import json

import pytest

from golden_util import GOLDEN, golden_json, golden_plan_json
from _paths import ROOT


@pytest.mark.parametrize("name", list(GOLDEN))
def test_story_matches_golden(name):
    expected = json.loads((ROOT / "tests" / "golden" / f"{name}.story.json").read_text(encoding="utf-8"))
    actual = json.loads(golden_json(GOLDEN[name]))
    for key in expected:  # compare section by section for a readable failure
        assert actual[key] == expected[key], f"{name}: '{key}' differs from the golden file"
    assert actual.keys() == expected.keys()


@pytest.mark.parametrize("name", list(GOLDEN))
def test_plan_matches_golden(name):
    """Every card (template, size, filled slots) and the clip timeline, read by hand once."""
    expected = json.loads((ROOT / "tests" / "golden" / f"{name}.plan.json").read_text(encoding="utf-8"))
    actual = json.loads(golden_plan_json(GOLDEN[name]))
    assert actual["cards"] == expected["cards"], f"{name}: the cards differ from the golden plan"
    assert actual["clip"] == expected["clip"], f"{name}: the clip differs from the golden plan"
