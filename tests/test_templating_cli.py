"""``repackage templates list | check | preview | schema`` in-process with CliRunner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from repackage import cli_templates
from repackage.cli_templates import templates, watch_and_render
from repackage.templating.schema import json_schema_text

from _story_factory import seed_story

ROOT = Path(__file__).resolve().parent.parent
BROKEN = Path(__file__).resolve().parent / "data" / "templates"


def run(*args: str):
    return CliRunner().invoke(templates, list(args), catch_exceptions=False)


def test_list_shows_each_template_with_kind_version_sizes_description():
    res = run("list")
    assert res.exit_code == 0
    lines = {line.split()[0]: line for line in res.output.splitlines()}
    assert "card" in lines["quote-classic"] and "1.0.0" in lines["quote-classic"]
    assert "1080x1350,1080x1080,1080x1920,1200x675" in lines["quote-classic"]
    assert "Cover frame for vertical clips" in lines["cover"]


def test_check_shipped_templates_passes():
    res = run("check")
    assert res.exit_code == 0
    assert "templates: OK" in res.output


def test_check_prints_every_problem_and_exits_2(monkeypatch):
    monkeypatch.chdir(BROKEN.parent)
    res = CliRunner().invoke(templates, ["--templates-dir", "templates", "check"], catch_exceptions=False)
    assert res.exit_code == 2
    assert "templates/unknown-key/template.toml: layers[1].max_sise: unknown key (did you mean 'max_size'?)" in res.output
    assert "templates/toml-syntax/template.toml: line 7, column 12: TOML syntax error: Invalid value" in res.output
    assert "error(s)" in res.output


def test_check_one_name():
    assert run("check", "headline").exit_code == 0
    res = run("check", "headlin")
    assert res.exit_code == 2 and "did you mean 'headline'?" in res.output


def test_check_warnings_do_not_fail(tmp_path):
    folder = tmp_path / "cover"
    shutil.copytree(ROOT / "templates" / "cover", folder)
    toml = folder / "template.toml"
    toml.write_text(toml.read_text().replace("box = [0.08, 0.625, 0.76, 0.022]", "box = [0.08, 0.85, 0.76, 0.04]"))
    res = CliRunner().invoke(templates, ["--templates-dir", str(tmp_path), "check"], catch_exceptions=False)
    assert res.exit_code == 0
    assert "warning: at 1080x1920 the box enters the bottom 420 px that TikTok covers" in res.output
    assert "OK (2 warning(s))" in res.output


def test_bad_brand_file_is_reported(tmp_path):
    brand = tmp_path / "brand.toml"
    brand.write_text('outlet = "X"\n[colors]\naccent = "yellow"\n')
    res = CliRunner().invoke(templates, ["--brand", str(brand), "check"], catch_exceptions=False)
    assert res.exit_code == 2
    assert "colors.accent: expected a colour like '#0B1F33'" in res.output


def test_schema_command_prints_the_shipped_schema():
    assert run("schema").output == json_schema_text()


def test_preview_renders_the_bundled_example(tmp_path):
    out = tmp_path / "p.png"
    res = run("preview", "quote-classic", "--out", str(out))
    assert res.exit_code == 0, res.output
    assert res.output.strip() == f"wrote {out}"
    assert Image.open(out).size == (1080, 1350)


def test_preview_size_and_clip_scene(tmp_path, monkeypatch):
    monkeypatch.setattr(cli_templates, "load_story", lambda path: seed_story())
    out = tmp_path / "wide.png"
    assert run("preview", "headline", "--size", "1200x675", "--out", str(out)).exit_code == 0
    assert Image.open(out).size == (1200, 675)
    res = run("preview", "cover", "--size", "1200x675", "--out", str(out))
    assert res.exit_code == 2 and "cover offers 1080x1920, not 1200x675" in res.output
    res = run("preview", "headline", "--size", "big")
    assert res.exit_code == 2 and "expected WIDTHxHEIGHT" in res.output
    clip = tmp_path / "clip.png"
    assert run("preview", "clip-default", "--scene", "quote", "--out", str(clip)).exit_code == 0
    assert Image.open(clip).size == (1080, 1920)


def test_watch_rerenders_when_a_file_changes_and_stops_on_ctrl_c(tmp_path):
    watched = tmp_path / "template.toml"
    watched.write_text("a")
    renders: list[int] = []
    echoed: list[str] = []
    sleeps = iter(range(5))

    def render() -> Path:
        renders.append(1)
        return tmp_path / "out.png"

    def sleep(_seconds: float) -> None:
        step = next(sleeps)
        if step == 1:  # the designer saves the file
            watched.write_text("b")
            os.utime(watched, ns=(watched.stat().st_mtime_ns + 10**9,) * 2)
        if step == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        watch_and_render(lambda: [watched], render, echo=echoed.append, sleep=sleep)
    assert len(renders) == 2  # once at start, once after the save; not on idle polls
    assert echoed == [f"wrote {tmp_path / 'out.png'}"] * 2


def test_watch_shows_template_errors_and_ctrl_c_exits_cleanly(tmp_path, monkeypatch):
    monkeypatch.setattr(cli_templates, "load_story", lambda path: seed_story())
    folder = tmp_path / "quote-classic"
    shutil.copytree(ROOT / "templates" / "quote-classic", folder)
    toml = folder / "template.toml"
    toml.write_text(toml.read_text().replace("max_size = 88", 'max_size = "big"'))
    polls = iter(range(3))

    def sleep(_seconds: float) -> None:
        if next(polls) == 0:  # the designer fixes the file
            toml.write_text(toml.read_text().replace('max_size = "big"', "max_size = 88"))
            os.utime(toml, ns=(toml.stat().st_mtime_ns + 10**9,) * 2)
        else:
            raise KeyboardInterrupt

    monkeypatch.setattr(cli_templates.time, "sleep", sleep)
    out = tmp_path / "p.png"
    res = CliRunner().invoke(templates, ["--templates-dir", str(tmp_path), "preview", "quote-classic", "--watch",
                                         "--out", str(out)], catch_exceptions=False)
    assert res.exit_code == 0
    assert res.output.splitlines() == [
        f"{toml}: layers[1].max_size: expected a whole number, got 'big'",
        f"wrote {out}",
        "stopped watching",
    ]
