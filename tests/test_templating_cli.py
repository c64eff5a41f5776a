"""``repackage templates list | check | preview | schema`` in-process with CliRunner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from repackage.cli import templates as cli_templates
from repackage.cli.templates import templates, watch_and_render
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


# ---------------------------------------------------------------- missing folders, repackage.toml, errors


def test_a_missing_templates_folder_is_an_error_not_ok(tmp_path):
    missing = str(tmp_path / "nonexistent")
    res = CliRunner().invoke(templates, ["--templates-dir", missing, "check"], catch_exceptions=False)
    assert res.exit_code == 2
    assert "templates folder not found" in res.output and "OK" not in res.output
    res = CliRunner().invoke(templates, ["--templates-dir", missing, "list"], catch_exceptions=False)
    assert res.exit_code == 2
    assert res.output.startswith("repackage: error: ") and "templates folder not found" in res.output


def test_a_missing_brand_file_fails_the_check(tmp_path):
    res = CliRunner().invoke(templates, ["--brand", str(tmp_path / "brand.toml"), "check"], catch_exceptions=False)
    assert res.exit_code == 2 and "brand.toml: file not found" in res.output


def _config_with_templates(tmp_path: Path) -> Path:
    folder = tmp_path / "our-templates"
    shutil.copytree(ROOT / "templates" / "headline", folder / "headline")
    toml = folder / "headline" / "template.toml"
    toml.write_text(toml.read_text().replace("max_size = 128", 'max_size = "huge"'))
    brand = tmp_path / "brand.toml"
    brand.write_text((ROOT / "assets" / "brand" / "brand.toml").read_text().replace(
        'outlet = "Repackage News"', 'outlet = "Our News"'))
    config = tmp_path / "repackage.toml"
    config.write_text('templates_dir = "our-templates"\nbrand = "brand.toml"\n')
    return config


def test_templates_commands_read_templates_dir_and_brand_from_repackage_toml(tmp_path, monkeypatch):
    config = _config_with_templates(tmp_path)
    res = CliRunner().invoke(templates, ["--config", str(config), "check"], catch_exceptions=False)
    assert res.exit_code == 2
    assert "our-templates/headline/template.toml: layers[2].max_size: expected a whole number" in res.output
    res = CliRunner().invoke(templates, ["--config", str(config), "list"], catch_exceptions=False)
    assert res.output.split()[:2] == ["headline", "BROKEN"]
    monkeypatch.chdir(tmp_path)  # ./repackage.toml is read without --config
    res = CliRunner().invoke(templates, ["check"], catch_exceptions=False)
    assert res.exit_code == 2 and "our-templates/headline/template.toml" in res.output
    # a flag wins over the file
    res = CliRunner().invoke(templates, ["--templates-dir", str(ROOT / "templates"), "check", "quote-classic"],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output


def test_the_brand_from_repackage_toml_is_used_by_preview(tmp_path, monkeypatch):
    monkeypatch.setattr(cli_templates, "load_story", lambda path: seed_story())
    config = _config_with_templates(tmp_path)
    seen = {}
    real = cli_templates.load_template

    def spy(name, **kwargs):
        seen.update(kwargs)
        return real(name, **kwargs)

    monkeypatch.setattr(cli_templates, "load_template", spy)
    res = CliRunner().invoke(templates, ["--config", str(config), "--templates-dir", str(ROOT / "templates"),
                                         "preview", "quote-classic", "--out", str(tmp_path / "p.png")],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert seen["brand"] == (tmp_path / "brand.toml").resolve()


def test_a_broken_repackage_toml_is_reported(tmp_path):
    config = tmp_path / "repackage.toml"
    config.write_text('templates_dri = "x"\n')
    res = CliRunner().invoke(templates, ["--config", str(config), "check"], catch_exceptions=False)
    assert res.exit_code == 2
    assert "repackage: error: " in res.output and "templates_dri: unknown setting" in res.output


def test_preview_item_past_the_last_is_an_error_not_item_1(tmp_path, monkeypatch):
    monkeypatch.setattr(cli_templates, "load_story", lambda path: seed_story())
    out = tmp_path / "p.png"
    res = run("preview", "quote-classic", "--item", "5", "--out", str(out))
    assert res.exit_code == 2
    assert res.output.strip() == "repackage: error: --item 5: the story has 3 quotes for this template (use 1..3)"
    assert not out.exists()
    assert run("preview", "quote-classic", "--item", "3", "--out", str(out)).exit_code == 0
    res = run("preview", "headline", "--item", "2", "--out", str(out))
    assert res.exit_code == 2 and "the story has 1 headline card for this template" in res.output
    res = run("preview", "clip-default", "--scene", "caption", "--item", "9", "--out", str(out))
    assert res.exit_code == 2 and "the story has 5 captions" in res.output


def test_preview_errors_carry_the_cli_prefix(tmp_path, monkeypatch):
    monkeypatch.setattr(cli_templates, "load_story", lambda path: seed_story())
    res = run("preview", "cover", "--size", "1200x675", "--out", str(tmp_path / "p.png"))
    assert res.exit_code == 2
    assert res.output == "repackage: error: cover offers 1080x1920, not 1200x675\n"
    res = run("preview", "quote-clasic")
    assert res.exit_code == 2 and res.output.startswith("repackage: error: no template 'quote-clasic'")


def test_list_is_an_aligned_table_ending_with_a_newline():
    res = run("list")
    assert res.exit_code == 0 and res.output.endswith("\n") and not res.output.endswith("\n\n")
    lines = res.output.splitlines()
    starts = {line.index(" 1.") for line in lines}  # the version column
    assert len(starts) == 1, lines


def test_preview_of_an_unknown_clip_scene_is_a_usage_error(tmp_path):
    from click.testing import CliRunner

    from repackage.cli import main

    res = CliRunner().invoke(main, ["templates", "preview", "clip-default", "--scene", "nope", "--out", str(tmp_path / "p.png")])
    assert res.exit_code == 2
    assert "--scene nope: clip-default has the scenes" in res.output
    assert not (tmp_path / "p.png").exists()
