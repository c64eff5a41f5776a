"""Golden Story JSON: the hand-checked reference output for two articles."""

from __future__ import annotations

import json
from pathlib import Path

from repackage.models import to_dict
from repackage.pipeline import load_story

from _paths import ENGLISH, SEED

GOLDEN: dict[str, Path] = {"otan-ukraine-fr": SEED, "riverton-tidal-barrier-en": ENGLISH}


def golden_json(article: Path) -> str:
    data = to_dict(load_story(article))
    data["article"]["source_path"] = article.name  # machine-independent
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def golden_plan_json(article: Path) -> str:
    """``repackage plan ARTICLE`` as JSON, with paths of this checkout made relative."""
    from repackage.pipeline import plan_outputs

    root = str(Path(__file__).resolve().parent.parent) + "/"
    text = json.dumps(plan_outputs(article), ensure_ascii=False, indent=2) + "\n"
    return text.replace(root, "")
