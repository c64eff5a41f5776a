"""The command line, in-process with click's CliRunner."""

from __future__ import annotations

import html
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from repackage import __version__
from repackage.cli import main

from _paths import ENGLISH, SEED


def run(*args: str, cwd: Path | None = None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args), catch_exceptions=False)
    with runner.isolated_filesystem(temp_dir=cwd):
        return runner.invoke(main, list(args), catch_exceptions=False)


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, cmd in group.commands.items():
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from _all_commands(cmd, prefix + (name,))


def test_version():
    res = run("--version")
    assert res.exit_code == 0
    assert __version__ in res.output


def test_every_command_has_help():
    res = run("--help")
    assert res.exit_code == 0 and "ARTICLE" in res.output
    for path, cmd in _all_commands(main):
        assert cmd.help, f"{' '.join(path)} has no help text"
        res = run(*path, "--help")
        assert res.exit_code == 0, path
        assert "Usage:" in res.output


def test_default_command_writes_story_and_manifest(tmp_path):
    out = tmp_path / "out"
    res = run(str(SEED), "-o", str(out), "--formats", "none", "--quiet")
    assert res.exit_code == 0, res.output
    dirs = [p for p in out.iterdir()]
    assert len(dirs) == 1 and not dirs[0].name.startswith(".")
    story = json.loads((dirs[0] / "story.json").read_text(encoding="utf-8"))
    manifest = json.loads((dirs[0] / "manifest.json").read_text(encoding="utf-8"))
    assert story["article"]["headline"].startswith("Guerre en Ukraine")
    assert manifest["schema"] == "repackage.manifest" and manifest["version"] == 1
    assert manifest["article"]["slug"] == dirs[0].name
    speakers = {q["speaker"] for q in manifest["quotes"]}
    assert {"Emmanuel Macron", "Olaf Scholz", "Dmitri Peskov"} <= speakers
    assert (dirs[0] / "copy.txt").read_text(encoding="utf-8").count("#OTAN") >= 1


def test_json_flag_prints_manifest(tmp_path):
    res = run("run", str(ENGLISH), "-o", str(tmp_path), "--formats", "none", "--json", "--quiet")
    assert res.exit_code == 0, res.output
    manifest = json.loads(res.stdout)
    assert manifest["article"]["lang"] == "en"


def test_story_command_text_and_json():
    res = run("story", str(SEED))
    assert res.exit_code == 0, res.output
    assert "Emmanuel Macron" in res.stdout and "Captions:" in res.stdout
    res = run("story", str(SEED), "--json")
    data = json.loads(res.stdout)
    texts = [q["text"] for q in data["quotes"]]
    assert any(t.startswith("Rien ne doit être exclu.") for t in texts)


@pytest.mark.parametrize(
    "make, problem",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: (d / "empty.txt").write_text("") and d / "empty.txt" or d / "empty.txt", "empty"),
        (lambda d: (d / "bin.txt").write_bytes(b"\x00\x01\x02\xff" * 100) and d / "bin.txt", "binary"),
    ],
)
def test_bad_input_is_one_line_exit_2_nothing_written(tmp_path, make, problem):
    src_dir = tmp_path / "in"
    src_dir.mkdir()
    path = make(src_dir)
    out = tmp_path / "out"
    res = run(str(path), "-o", str(out))
    assert res.exit_code == 2
    err = res.stderr.strip()
    assert len(err.splitlines()) == 1, err
    assert str(path) in err and problem in err
    assert "Traceback" not in res.output
    assert not out.exists() or not any(out.iterdir())


def test_config_file_then_flags(tmp_path):
    (tmp_path / "repackage.toml").write_text('captions = 3\nformats = "none"\nquiet = true\n')
    runner = CliRunner()
    import os

    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        res = runner.invoke(main, ["story", str(SEED), "--json"], catch_exceptions=False)
        assert len(json.loads(res.stdout)["captions"]) == 3
        res = runner.invoke(main, ["story", str(SEED), "--json", "--captions", "2"], catch_exceptions=False)
        assert len(json.loads(res.stdout)["captions"]) == 2
    finally:
        os.chdir(old)


def test_config_errors_name_file_and_key(tmp_path):
    cfg = tmp_path / "bad.toml"
    cfg.write_text('captons = 3\ncaptions = "many"\n')
    res = run("story", str(SEED), "--config", str(cfg))
    assert res.exit_code == 2
    assert f"{cfg}: captons: unknown setting; did you mean 'captions'?" in res.stderr
    assert f"{cfg}: captions: expected a whole number, got 'many'" in res.stderr


def test_bad_formats_flag_is_usage_error(tmp_path):
    res = run(str(SEED), "-o", str(tmp_path), "--formats", "cardz")
    assert res.exit_code == 2
    assert "did you mean 'cards'" in res.output


def test_missing_photo_is_bad_input_and_nothing_written(tmp_path):
    out = tmp_path / "out"
    res = run(str(SEED), "-o", str(out), "--photo", str(tmp_path / "nope.jpg"), "--quiet")
    assert res.exit_code == 2
    assert "nope.jpg: no such file" in res.stderr
    assert not out.exists() or not any(out.iterdir())


def test_rerun_replaces_folder_without_leftovers(tmp_path):
    for _ in range(2):
        res = run(str(SEED), "-o", str(tmp_path), "--formats", "review", "--quiet")
        assert res.exit_code == 0, res.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 1 and not names[0].startswith(".")
    folder = tmp_path / names[0]
    assert sorted(p.name for p in folder.iterdir()) == ["copy.txt", "manifest.json", "review.html", "story.json"]


def test_quiet_still_prints_output_folder(tmp_path):
    res = run(str(SEED), "-o", str(tmp_path), "--formats", "none", "--quiet")
    assert res.exit_code == 0
    assert res.stderr == ""
    (folder,) = tmp_path.iterdir()
    assert res.stdout.strip() == str(folder)


def test_output_is_readable_by_colleagues(tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        res = run(str(SEED), "-o", str(tmp_path), "--formats", "review", "--quiet")
    finally:
        os.umask(old)
    assert res.exit_code == 0
    (folder,) = tmp_path.iterdir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert stat.S_IMODE((folder / "review.html").stat().st_mode) == 0o644


def test_two_articles_with_one_headline_do_not_overwrite_each_other(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    text = SEED.read_text(encoding="utf-8")
    a.write_text(text, encoding="utf-8")
    b.write_text(text.replace("Ce mardi 27 février 2024", "Ce mercredi 28 février 2024"), encoding="utf-8")
    out = tmp_path / "out"
    for src in (a, b, a):  # the re-run of a replaces a's own folder
        assert run(str(src), "-o", str(out), "--formats", "none", "--quiet").exit_code == 0
    folders = sorted(p.name for p in out.iterdir())
    assert len(folders) == 2 and folders[1] == folders[0] + "-2"
    shas = {json.loads((out / f / "manifest.json").read_text())["article"]["sha256"] for f in folders}
    assert len(shas) == 2


def test_corrupt_photo_is_refused_even_without_cards(tmp_path):
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 20)
    out = tmp_path / "out"
    res = run(str(SEED), "-o", str(out), "--formats", "review", "--photo", str(photo))
    assert res.exit_code == 2
    assert str(photo) in res.stderr and "Traceback" not in res.output
    assert not out.exists() or not any(out.iterdir())


def test_quotes_print_with_the_marks_the_article_uses():
    res = run("story", str(ENGLISH))
    assert '"Nobody will lose their home to this project,"' in res.stdout and "«" not in res.stdout


@pytest.mark.parametrize(
    "args, problem",
    [
        (["--clip-size", "999x999"], "has no size 999x999"),
        (["--clip-template", "quote-classic"], "not a clip template"),
        (["--clip-template", "no-such-clip"], "no-such-clip"),
    ],
)
def test_bad_clip_request_is_bad_input(tmp_path, args, problem):
    out = tmp_path / "out"
    res = run(str(SEED), "-o", str(out), "--formats", "clips", *args)
    assert res.exit_code == 2, res.output
    assert problem in res.stderr and "Traceback" not in res.output
    assert not out.exists() or not any(out.iterdir())


def test_music_that_is_not_audio_is_bad_input(tmp_path):
    music = tmp_path / "bed.mp3"
    music.write_bytes(bytes(range(256)) * 40)
    out = tmp_path / "out"
    res = run(str(SEED), "-o", str(out), "--formats", "clips", "--music", str(music))
    assert res.exit_code == 2, res.output
    assert str(music) in res.stderr
    assert not out.exists() or not any(out.iterdir())


def test_plan_lists_cards_and_clip_timeline_and_writes_nothing(tmp_path):
    import os

    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        res = run("plan", str(SEED), "--card-template", "quote-classic", "--size", "1080x1350")
    finally:
        os.chdir(old)
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    quotes = [c for c in data["cards"]["cards"] if c["role"].startswith("quote:")]
    assert {c["values"]["speaker"] for c in quotes} == {"Emmanuel Macron", "Olaf Scholz", "Dmitri Peskov"}
    assert all(c["size"] == "1080x1350" and c["template"] == "quote-classic" for c in data["cards"]["cards"])
    clip = data["clip"]
    assert clip["size"] == "1080x1920" and 15 <= clip["duration"] <= 40
    assert clip["scenes"][0]["role"] == "hook" and clip["scenes"][-1]["role"] == "outro"
    ends = [s["start"] + s["duration"] for s in clip["scenes"]]
    assert abs(ends[-1] - clip["duration"]) < 1 / clip["fps"] + 1e-6
    assert list(tmp_path.iterdir()) == []


def _tone(path, seconds: float = 3.0):
    import subprocess

    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"sine=frequency=330:duration={seconds}", "-ar", "44100", str(path)],
        check=True,
    )
    return path


def test_run_makes_a_clip_with_the_users_music_listed_in_the_manifest(tmp_path):
    from repackage.render.video import probe

    music = _tone(tmp_path / "bed.mp3")
    out = tmp_path / "out"
    res = run(str(SEED), "-o", str(out), "--formats", "clips", "--preview", "--music", str(music), "--quiet")
    assert res.exit_code == 0, res.output
    folder = Path(res.stdout.strip())
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    clips = [a for a in manifest["assets"] if a["mime"] == "video/mp4"]
    assert len(clips) == 1
    info = probe(folder / clips[0]["path"])
    assert info["video"]["codec"] == "h264" and info["audio"]["codec"] == "aac"
    assert info["audio"]["sample_rate"] == 48000
    assert abs(info["duration"] - clips[0]["duration"]) < 0.1
    kinds = sorted(a["path"].rsplit(".", 1)[1] for a in manifest["assets"])
    assert kinds == ["jpg", "mp4", "srt", "vtt"]
    assert manifest["failures"] == []


def test_missing_ffmpeg_fails_the_clip_but_keeps_the_cards(tmp_path, monkeypatch):
    import repackage.render.video as video
    from repackage.errors import RenderError

    def missing(name: str) -> str:
        raise RenderError(f"{name} not found: install it with `apt-get install ffmpeg`")

    monkeypatch.setattr(video, "_binary", missing)
    out = tmp_path / "out"
    res = run(str(SEED), "-o", str(out), "--formats", "cards,clips", "--card-template", "headline")
    assert res.exit_code == 1, res.output
    assert "ffmpeg not found" in res.stderr
    folder = Path(res.stdout.strip())
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert [f["stage"] for f in manifest["failures"]] == ["clips"]
    assert any(a["kind"] == "card" for a in manifest["assets"])


def test_failed_run_leaves_no_empty_output_folder(tmp_path):
    out = tmp_path / "new" / "out"
    res = run(str(SEED), "-o", str(out), "--clip-size", "999x999")
    assert res.exit_code == 2
    assert not out.exists()


def test_a_quote_too_long_for_its_card_is_listed_as_left_out(tmp_path):
    long_quote = " ".join(["Nous continuerons à défendre cette réforme devant chaque assemblée du pays."] * 25)
    article = tmp_path / "long.txt"
    article.write_text(
        "La ministre défend sa réforme\n\n"
        "La ministre du Travail, Marie Dupont, a présenté mardi sa réforme devant les députés.\n\n"
        f"« {long_quote} », a déclaré Marie Dupont.\n\n"
        "Le texte sera examiné en commission la semaine prochaine.\n",
        encoding="utf-8",
    )
    res = run(str(article), "-o", str(tmp_path / "out"), "--formats", "cards,review",
              "--card-template", "quote-classic", "--size", "1080x1350", "--quiet")
    assert res.exit_code == 0, res.output
    folder = Path(res.stdout.strip())
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert not [a for a in manifest["assets"] if a.get("role", "").startswith("quote")]
    assert [k["stage"] for k in manifest["skipped"]] == ["cards"]
    assert "quote:0" in manifest["skipped"][0]["message"]
    assert manifest["skipped"][0]["role"] == "quote:0"
    (quote,) = manifest["quotes"]
    assert quote["on_cards"] is False and quote["left_off"].startswith("did not fit: ")
    page = html.unescape((folder / "review.html").read_text(encoding="utf-8"))
    checks = page[page.index('id="checks"'):page.index("</section>", page.index('id="checks"'))]
    assert "quote 0 not on cards: did not fit" in checks


def _setting_options():
    """(command path, click option, setting) for every option that sets a Config setting."""
    import click

    from repackage.cli import main
    from repackage.config import SETTING

    def walk(group, path):
        for name, cmd in group.commands.items():
            if isinstance(cmd, click.Group):
                yield from walk(cmd, path + [name])
            yield path + [name], cmd
    # Options that share a setting's name but are not that setting: the transcript
    # file and spoken language of `transcribe`, the PNG `templates preview` writes.
    other = {("transcribe", "out"), ("transcribe", "lang"), ("templates preview", "out")}
    for path, cmd in walk(main, []):
        for p in cmd.params:
            if isinstance(p, click.Option) and p.name in SETTING and (" ".join(path), p.name) not in other:
                yield path, p, SETTING[p.name]


def test_every_setting_option_takes_its_default_and_help_from_the_config_table():
    """Defaults are defined once (config.SETTINGS over Config): no option repeats one."""
    from repackage.config import SETTINGS, Config, load_config

    seen = set()
    for path, option, setting in _setting_options():
        where = f"{' '.join(path)} {option.opts}"
        seen.add(setting.key)
        assert option.default is None, f"{where}: its default must be the table's, not the option's"
        assert option.help.startswith(setting.help), where
        shown = setting.default_text()
        assert option.help.endswith(f"  [default: {shown}]" if shown else setting.help), where
        if setting.low is not None:
            assert (option.type.min, option.type.max) == (setting.low, setting.high), where
    assert {"out", "lang", "formats", "captions", "templates_dir", "brand", "sizes", "image_format",
            "clip_template", "clip_size", "photos", "photo_credit", "music", "preview", "quiet"} <= seen
    # The table's defaults are Config's, and a file with no settings gives them.
    assert {s.key: s.default for s in SETTINGS} == {s.key: getattr(Config(), s.key) for s in SETTINGS}
    assert SETTINGS[3].key == "captions" and "[default: 5]" in SETTINGS[3].cli_help() and Config().captions == 5
    assert load_config(cwd=Path("/nonexistent-folder")) == Config()


def test_the_table_validates_repackage_toml_with_the_ranges_the_cli_enforces(tmp_path):
    from repackage.config import SETTING, load_config

    (tmp_path / "repackage.toml").write_text("captions = 13\n", encoding="utf-8")
    with pytest.raises(Exception, match="captions: expected a number from 1 to 12"):
        load_config(cwd=tmp_path)
    res = CliRunner().invoke(main, ["story", "--captions", "13", "x.txt"])
    assert res.exit_code == 2 and "1<=x<=12" in res.output and SETTING["captions"].high == 12
