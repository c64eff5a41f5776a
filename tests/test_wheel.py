"""A non-editable install (the wheel) ships templates/, assets/ and the
example, and renders the same cards as the source checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import numpy as np
from PIL import Image

from _paths import ROOT, SEED

RENDER = """
import sys, repackage
from pathlib import Path
from repackage.config import Config
from repackage.pipeline import repackage as run
print(repackage.__file__)
res = run(sys.argv[1], Config(out=Path(sys.argv[2]), formats=("cards",), card_templates=("quote-classic",), sizes=("1080x1350",)))
print(res.out_dir)
"""


def _render(tmp, pythonpath: str | None, article: str, out: str) -> tuple[str, str]:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    proc = subprocess.run(
        [sys.executable, "-c", RENDER, article, out], cwd=tmp, env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    module, out_dir = proc.stdout.strip().splitlines()[-2:]
    return module, out_dir


def test_wheel_carries_data_and_renders_same_cards(tmp_path):
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(wheel_dir), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = wheel_dir.glob("repackage-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "repackage/_data/templates/quote-classic/template.toml",
        "repackage/_data/templates/template.schema.json",
        "repackage/_data/assets/brand/brand.toml",
        "repackage/_data/assets/fonts/fonts.toml",
        "repackage/_data/assets/fonts/OFL.txt",
        "repackage/_data/examples/otan-ukraine-fr.txt",
        "repackage/schemas/manifest.schema.json",
    ):
        assert needed in names, needed
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)

    module, wheel_out = _render(tmp_path, str(site), str(SEED), str(tmp_path / "from-wheel"))
    assert module.startswith(str(site)), module  # really the installed copy
    _, src_out = _render(tmp_path, None, str(SEED), str(tmp_path / "from-src"))

    from _schema import assert_valid_manifest

    for manifest in (tmp_path / "from-wheel").glob("*/manifest.json"):  # written outside this process
        assert_valid_manifest(json.loads(manifest.read_text(encoding="utf-8")))
    cards = sorted(p.name for p in (tmp_path / "from-wheel").glob("*/cards/*.png"))
    assert cards and cards == sorted(p.name for p in (tmp_path / "from-src").glob("*/cards/*.png"))
    for name in cards:
        a = np.asarray(Image.open(next((tmp_path / "from-wheel").glob(f"*/cards/{name}"))).convert("RGB"))
        b = np.asarray(Image.open(next((tmp_path / "from-src").glob(f"*/cards/{name}"))).convert("RGB"))
        assert a.shape == b.shape and np.array_equal(a, b), name
