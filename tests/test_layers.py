"""The stages import only from the layers below them (pyproject.toml [tool.importlinter],
DESIGN.md): cli > batch > pipeline > output > render > plan > speech | templating | editorial
> article > models | config | subtitles > errors, fsutil, resources. A cycle such as
templating importing the renderer, or the manifest importing the pipeline, fails here."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from _paths import ROOT

LINT = (
    "import sys; from importlinter.cli import lint_imports; "
    "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, no_logo=True))"
)


def _lint(project: Path) -> subprocess.CompletedProcess:
    # lint_imports puts the working directory first on sys.path, so the package
    # analysed is the one under `project`.
    return subprocess.run([sys.executable, "-c", LINT], cwd=project, capture_output=True, text=True, timeout=300)


def test_the_layers_contract_holds():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_an_import_up_the_layers_breaks_the_contract(tmp_path):
    """The contract has teeth: templating importing the renderer (the cycle issue 8 removed) is refused."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(ROOT / "src" / "repackage", tmp_path / "repackage",
                    ignore=shutil.ignore_patterns("__pycache__"))
    model = tmp_path / "repackage" / "templating" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\nfrom repackage.render import image  # noqa\n",
                     encoding="utf-8")
    result = _lint(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "repackage.templating is not allowed to import repackage.render" in result.stdout
    assert "repackage.templating.model -> repackage.render.image" in result.stdout
