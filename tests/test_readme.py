"""The README's first two commands are the ones CI and new users run."""

import re

from _paths import ROOT


def _commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```(?:bash|sh)\n(.+?)\n```", text, flags=re.S)


def test_readme_opens_with_two_commands():
    cmds = _commands()
    assert len(cmds) >= 2
    assert "repackage examples/otan-ukraine-fr.txt" in cmds[0]
    assert "pytest" in cmds[1]


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1].strip() == _commands()[1].strip()
