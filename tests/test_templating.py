"""Template loading and validation: what a designer sees when a file is wrong."""

from __future__ import annotations

import json
import os
import shutil
import tomllib
from pathlib import Path

import jsonschema
import pytest

from repackage.errors import TemplateError
from repackage.templating import (
    LogoLayer, RectLayer, TextLayer, check_templates, json_schema, list_templates, load_brand,
    load_template, safe_zone_warnings, template_names,
)
from repackage.templating.schema import json_schema_text

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "templates"
BROKEN = Path(__file__).resolve().parent / "data" / "templates"
SHIPPED_CARDS = ("quote-classic", "quote-photo", "headline", "caption-slide", "cover")


def problems_of(name: str) -> list[str]:
    with pytest.raises(TemplateError) as info:
        load_template(name, templates_dir="templates")
    return info.value.problems


@pytest.fixture
def in_data(monkeypatch):
    """Run from tests/data so problem lines start 'templates/<name>/template.toml'."""
    monkeypatch.chdir(BROKEN.parent)


# ---------------------------------------------------------------- broken templates: exact messages

@pytest.mark.parametrize("name, expected", [
    ("wrong-type", ["templates/wrong-type/template.toml: layers[2].max_size: expected a whole number, got 'big'"]),
    ("unknown-key", ["templates/unknown-key/template.toml: layers[1].max_sise: unknown key (did you mean 'max_size'?)"]),
    ("missing-key", [
        "templates/missing-key/template.toml: version: required key is missing",
        "templates/missing-key/template.toml: layers[0].box: required key is missing",
    ]),
    ("path-escape", [
        "templates/path-escape/template.toml: background.image: path '../../secrets/photo.jpg' must stay "
        "inside the template folder or assets/ (no absolute paths, no '..')",
    ]),
    ("toml-syntax", ["templates/toml-syntax/template.toml: line 7, column 12: TOML syntax error: Invalid value"]),
    ("bad-colour", [
        "templates/bad-colour/template.toml: background.color: expected a colour like '#0B1F33', "
        "'#0B1F3380' or '{brand.colors.accent}', got '#0B1F3'",
        "templates/bad-colour/template.toml: layers[0].color: expected a colour like '#0B1F33', "
        "'#0B1F3380' or '{brand.colors.accent}', got 'blue'",
    ]),
    ("box-outside", [
        "templates/box-outside/template.toml: layers[0].box: expected 4 numbers like "
        "[0.08, 0.16, 0.84, 0.5] with values in 0..1, got [0.08, 0.1, 1.2, 0.5]",
    ]),
    ("box-past-edge", [
        "templates/box-past-edge/template.toml: layers[0].box: the box runs past the right edge of the "
        "canvas (x + w = 1.2, must be ≤ 1)",
        "templates/box-past-edge/template.toml: layers[1].box: the box runs past the bottom edge of the "
        "canvas (with anchor 'center' its bottom edge is at 1.005, must be ≤ 1)",
    ]),
    ("wrong-name", [
        "templates/wrong-name/template.toml: layers[0].color: unknown brand reference "
        "'{brand.colors.acent}' (did you mean '{brand.colors.accent}'?)",
        "templates/wrong-name/template.toml: name: expected 'wrong-name' (the folder name), got 'quote-clasic'",
    ]),
])
def test_broken_template_reports_every_problem_exactly(in_data, name, expected):
    assert problems_of(name) == expected


def test_error_names_the_file_and_counts_problems(in_data):
    with pytest.raises(TemplateError) as info:
        load_template("bad-colour", templates_dir="templates")
    assert info.value.path == "templates/bad-colour/template.toml"
    assert info.value.message == "invalid template (2 problems)"
    assert str(info.value).splitlines() == info.value.problems


def test_unknown_template_suggests_a_name():
    with pytest.raises(TemplateError) as info:
        load_template("quote-clasic")
    assert "no template 'quote-clasic'" in str(info.value)
    assert "did you mean 'quote-classic'?" in str(info.value)


def _copy_template(tmp_path: Path, name: str = "quote-classic") -> Path:
    folder = tmp_path / "templates" / name
    shutil.copytree(SHIPPED / name, folder)
    return folder


def test_symlink_leading_out_of_the_folder_is_refused(tmp_path, monkeypatch):
    secret = tmp_path / "outside" / "secret.png"
    secret.parent.mkdir()
    secret.write_bytes(b"not really a png")
    folder = _copy_template(tmp_path)
    os.symlink(secret, folder / "bg.png")
    toml = folder / "template.toml"
    toml.write_text(toml.read_text().replace('[background]\n', '[background]\nimage = "bg.png"\n'))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(TemplateError) as info:
        load_template("quote-classic", templates_dir="templates")
    assert info.value.problems == [
        f"templates/quote-classic/template.toml: background.image: path 'bg.png' leads outside the "
        f"template folder and assets/ (symbolic link to {secret.resolve()})"
    ]


def test_absolute_path_is_refused(tmp_path, monkeypatch):
    folder = _copy_template(tmp_path)
    toml = folder / "template.toml"
    toml.write_text(toml.read_text().replace('[background]\n', '[background]\nimage = "/etc/hostname"\n'))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(TemplateError) as info:
        load_template("quote-classic", templates_dir="templates")
    assert info.value.problems == [
        "templates/quote-classic/template.toml: background.image: path '/etc/hostname' must stay inside "
        "the template folder or assets/ (no absolute paths, no '..')"
    ]


def test_missing_artwork_is_reported(tmp_path, monkeypatch):
    folder = _copy_template(tmp_path)
    toml = folder / "template.toml"
    toml.write_text(toml.read_text().replace('[background]\n', '[background]\nimage = "texture.png"\n'))
    monkeypatch.chdir(tmp_path)
    problems = pytest.raises(TemplateError, load_template, "quote-classic", templates_dir="templates").value.problems
    assert len(problems) == 1
    assert problems[0].startswith("templates/quote-classic/template.toml: background.image: file 'texture.png' not found in ")


def test_artwork_inside_the_folder_and_assets_resolves(tmp_path):
    folder = _copy_template(tmp_path)
    (folder / "texture.png").write_bytes((ROOT / "assets" / "logos" / "repackage-news-light.png").read_bytes())
    toml = folder / "template.toml"
    toml.write_text(toml.read_text().replace(
        '[background]\n', '[background]\nimage = "texture.png"\n'
    ).replace('id = "mark"\ntype = "rect"', 'id = "mark"\ntype = "image"\nsrc = "logos/repackage-news-dark.png"'
              ).replace('color = "{brand.colors.accent}"\n\n[[layers]]\ntype = "text"\nslot = "quote"',
                        '\n[[layers]]\ntype = "text"\nslot = "quote"', 1))
    t = load_template(folder)
    assert t.variant().background.image == (folder / "texture.png").resolve()
    assert t.variant().layers[0].src == (ROOT / "assets" / "logos" / "repackage-news-dark.png").resolve()


def test_override_of_unknown_layer_and_size(tmp_path, monkeypatch):
    folder = _copy_template(tmp_path)
    toml = folder / "template.toml"
    toml.write_text(toml.read_text() + '\n[sizes_override."1080x1080".layers.qoute]\nmax_size = 60\n'
                    '\n[sizes_override."720x720".layers.quote]\nmax_size = 60\n')
    monkeypatch.chdir(tmp_path)
    problems = pytest.raises(TemplateError, load_template, "quote-classic", templates_dir="templates").value.problems
    assert problems == [
        "templates/quote-classic/template.toml: sizes_override.\"1080x1080\".layers.qoute: no layer has this id "
        "(did you mean 'quote'?)",
        "templates/quote-classic/template.toml: sizes_override.\"720x720\": size not listed in sizes "
        "(1080x1350, 1080x1080, 1080x1920, 1200x675)",
    ]


def test_card_only_and_clip_only_keys(tmp_path, monkeypatch):
    folder = _copy_template(tmp_path)
    toml = folder / "template.toml"
    toml.write_text(toml.read_text().replace('role = "quote"\n', 'fps = 30\n'))
    monkeypatch.chdir(tmp_path)
    problems = pytest.raises(TemplateError, load_template, "quote-classic", templates_dir="templates").value.problems
    assert problems == [
        "templates/quote-classic/template.toml: role: required key is missing (card templates need it)",
        "templates/quote-classic/template.toml: fps: only clip templates have this key",
    ]


def test_unknown_slot_in_literal_text(tmp_path, monkeypatch):
    folder = _copy_template(tmp_path, "caption-slide")
    toml = folder / "template.toml"
    toml.write_text(toml.read_text().replace("{caption_index}/{caption_count}", "{caption_idx}/{caption_count}"))
    monkeypatch.chdir(tmp_path)
    problems = pytest.raises(TemplateError, load_template, "caption-slide", templates_dir="templates").value.problems
    assert problems == ["templates/caption-slide/template.toml: layers[1].text: unknown slot '{caption_idx}' "
                        "(did you mean '{caption_index}'?)"]


# ---------------------------------------------------------------- what a loaded template holds

def test_defaults_merge_brand_then_template_then_layer():
    brand = load_brand()
    t = load_template("quote-classic", brand=brand)
    layers = {x.id: x for x in t.variant().layers}
    quote, speaker, credits = layers["quote"], layers["speaker"], layers["credits"]
    # brand [defaults.text]: line_height; template [defaults.text]: font sans, colour text
    assert credits.style.line_height == 1.25  # layer wins over brand's 1.15
    assert speaker.style.line_height == brand.text_defaults["line_height"]
    assert speaker.style.font == "sans"  # template default
    assert quote.style.font == brand.fonts["quote"]  # layer, through a brand reference
    assert speaker.style.color == brand.colors["accent"]
    assert quote.style.color == brand.colors["text"]


def test_size_override_changes_only_that_size():
    t = load_template("quote-classic")
    base = {x.id: x for x in t.variant((1080, 1350)).layers}
    wide = {x.id: x for x in t.variant((1200, 675)).layers}
    assert base["quote"].style.max_size == 88 and wide["quote"].style.max_size == 60
    assert (wide["quote"].box.x, wide["quote"].box.w) == (0.06, 0.88)
    assert wide["quote"].style.font == base["quote"].style.font  # untouched keys stay
    assert "rule" in base and "rule" not in wide  # visible = false hides it


def test_layer_kinds_and_logo_from_brand():
    brand = load_brand()
    t = load_template("headline", brand=brand)
    kinds = {type(x) for x in t.variant().layers}
    assert kinds == {TextLayer, RectLayer, LogoLayer}
    logo = next(x for x in t.variant().layers if isinstance(x, LogoLayer))
    assert logo.variant == "dark" and logo.path == brand.logo_dark


def test_every_shipped_template_loads_and_checks_clean():
    names = template_names()
    assert set(SHIPPED_CARDS) <= set(names)
    errors = [p for p in check_templates() if p.severity == "error"]
    assert errors == []
    for name in SHIPPED_CARDS:
        t = load_template(name)
        assert t.kind == "card" and t.role and t.version
        assert safe_zone_warnings(t) == [], name


def test_list_templates():
    infos = {i.name: i for i in list_templates()}
    assert infos["cover"].sizes == ((1080, 1920),)
    assert infos["quote-classic"].sizes[0] == (1080, 1350)
    assert all(i.error is None for i in infos.values())


def test_list_marks_broken_templates():
    infos = {i.name: i for i in list_templates(BROKEN)}
    assert infos["wrong-type"].error == "1 problem(s); run 'repackage templates check wrong-type'"


# ---------------------------------------------------------------- safe zones

def test_safe_zone_warnings_for_text_under_the_app_buttons(tmp_path, monkeypatch):
    folder = _copy_template(tmp_path, "cover")
    toml = folder / "template.toml"
    toml.write_text(toml.read_text().replace("box = [0.08, 0.625, 0.76, 0.022]", "box = [0.08, 0.85, 0.9, 0.04]"))
    monkeypatch.chdir(tmp_path)
    warnings = [str(p) for p in check_templates(["cover"], templates_dir="templates")]
    assert warnings == [
        "templates/cover/template.toml: layers[4].box: warning: at 1080x1920 the box enters the bottom 420 px "
        "that TikTok covers with the app's captions and buttons",
        "templates/cover/template.toml: layers[4].box: warning: at 1080x1920 the box enters the right 170 px "
        "that TikTok covers with the app's captions and buttons",
        "templates/cover/template.toml: layers[4].box: warning: at 1080x1920 the box enters the bottom 672 px "
        "that Reels covers with the app's captions and buttons",
        "templates/cover/template.toml: layers[4].box: warning: at 1080x1920 the box enters the right 65 px "
        "that Reels covers with the app's captions and buttons",
    ]


# ---------------------------------------------------------------- JSON Schema

def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((SHIPPED / "template.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_shipped_schema_is_generated_from_the_validator():
    assert (SHIPPED / "template.schema.json").read_text(encoding="utf-8") == json_schema_text()
    assert json.loads(json_schema_text()) == json_schema()


@pytest.mark.parametrize("name", template_names(SHIPPED))
def test_every_shipped_template_is_valid_against_the_schema(name):
    data = tomllib.loads((SHIPPED / name / "template.toml").read_text(encoding="utf-8"))
    assert [e.message for e in _validator().iter_errors(data)] == []


# Problems JSON Schema cannot see: arithmetic on boxes, the folder name, brand values.
SCHEMA_BLIND = {"box-past-edge", "wrong-name"}


@pytest.mark.parametrize("name", sorted(p.name for p in BROKEN.iterdir() if p.name != "toml-syntax"))
def test_schema_and_validator_agree_on_broken_templates(name):
    data = tomllib.loads((BROKEN / name / "template.toml").read_text(encoding="utf-8"))
    schema_rejects = any(True for _ in _validator().iter_errors(data))
    with pytest.raises(TemplateError):
        load_template(BROKEN / name)
    assert schema_rejects == (name not in SCHEMA_BLIND)


# ---------------------------------------------------------------- one pass, fonts, anchors

def test_every_problem_is_reported_in_one_pass(tmp_path, monkeypatch):
    """A '..' path (a schema error) must not hide the symlink and slot errors until a second run."""
    secret = tmp_path / "outside" / "secret.png"
    secret.parent.mkdir()
    secret.write_bytes(b"not really a png")
    folder = _copy_template(tmp_path)
    os.symlink(secret, folder / "bg.png")
    toml = folder / "template.toml"
    toml.write_text(toml.read_text().replace(
        '[background]\n', '[background]\nimage = "bg.png"\n'
    ).replace(
        'id = "mark"\ntype = "rect"\nbox = [0.08, 0.085, 0.11, 0.009]\ncolor = "{brand.colors.accent}"',
        'id = "mark"\ntype = "image"\nbox = [0.08, 0.085, 0.11, 0.009]\nsrc = "../../etc/passwd"',
    ) + '\n[[layers]]\ntype = "text"\ntext = "{nope}"\nbox = [0.08, 0.02, 0.5, 0.04]\n')
    monkeypatch.chdir(tmp_path)
    problems = pytest.raises(TemplateError, load_template, "quote-classic", templates_dir="templates").value.problems
    shown = "templates/quote-classic/template.toml"
    assert problems == [
        f"{shown}: layers[0].src: path '../../etc/passwd' must stay inside the template folder or assets/ "
        "(no absolute paths, no '..')",
        f"{shown}: layers[7].text: unknown slot '{{nope}}'",
        f"{shown}: background.image: path 'bg.png' leads outside the template folder and assets/ "
        f"(symbolic link to {secret.resolve()})",
    ]


def _with_quote_font(tmp_path: Path, font: str) -> Path:
    folder = _copy_template(tmp_path)
    toml = folder / "template.toml"
    toml.write_text(toml.read_text().replace('font = "{brand.fonts.quote}"', f'font = "{font}"'))
    return folder


def test_a_font_file_in_the_template_folder_checks_and_renders(tmp_path):
    from repackage.plan.cards import plan_cards
    from repackage.render.image import compose_card
    from _story_factory import seed_story

    folder = _with_quote_font(tmp_path, "MyFont.ttf")
    shutil.copy(ROOT / "assets" / "fonts" / "NotoSans-BoldItalic.ttf", folder / "MyFont.ttf")
    assert [p for p in check_templates(templates_dir=tmp_path / "templates") if p.severity == "error"] == []
    template = load_template(folder)
    for job in plan_cards(seed_story(), [template], template.brand, sizes=list(template.sizes)).cards[:4]:
        render = compose_card(template, job.size, job.values, lang=job.lang)
        fonts_used = {run.font for line in render.layouts["quote"].lines for run in line.runs}
        assert str((folder / "MyFont.ttf").resolve()) in fonts_used


def test_a_font_file_in_assets_resolves_too(tmp_path):
    folder = _with_quote_font(tmp_path, "fonts/NotoSerif-Italic.ttf")
    quote = next(x for x in load_template(folder).variant().layers if x.id == "quote")
    assert quote.style.font == str((ROOT / "assets" / "fonts" / "NotoSerif-Italic.ttf").resolve())


@pytest.mark.parametrize("font, message", [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     "path '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf' must stay inside the template folder or assets/"),
    ("../../fonts/Evil.ttf", "path '../../fonts/Evil.ttf' must stay inside the template folder or assets/"),
    ("Missing.otf", "file 'Missing.otf' not found in "),
    ("/etc/passwd", "expected a font file ending in .ttf, .otf or .ttc, got '/etc/passwd'"),
    ("Helvetica", "unknown font family 'Helvetica' (use one of display, mono, sans, serif, "),
    ("sanss", "(did you mean 'sans'?)"),
])
def test_font_paths_and_families_are_checked_like_every_template_path(tmp_path, monkeypatch, font, message):
    _with_quote_font(tmp_path, font)
    monkeypatch.chdir(tmp_path)
    problems = pytest.raises(TemplateError, load_template, "quote-classic", templates_dir="templates").value.problems
    assert len(problems) == 1 and problems[0].startswith("templates/quote-classic/template.toml: layers[1].font: ")
    assert message in problems[0]


def test_font_symlink_leading_outside_is_refused(tmp_path):
    outside = tmp_path / "outside.ttf"
    shutil.copy(ROOT / "assets" / "fonts" / "NotoSans-Bold.ttf", outside)
    folder = _with_quote_font(tmp_path, "Link.ttf")
    os.symlink(outside, folder / "Link.ttf")
    problems = pytest.raises(TemplateError, load_template, folder).value.problems
    assert len(problems) == 1 and "leads outside the template folder and assets/" in problems[0]


def test_the_renderer_refuses_absolute_and_unchecked_font_paths(tmp_path, monkeypatch):
    from repackage.templating import fonts

    bundled = str(ROOT / "assets" / "fonts" / "NotoSans-Bold.ttf")
    shutil.copy(bundled, tmp_path / "Here.ttf")
    with pytest.raises(TemplateError, match="no absolute paths"):
        fonts.resolve_chain(str(tmp_path / "Here.ttf"), "regular")
    assert fonts.resolve_chain(bundled, "regular")[0].path == bundled  # absolute, but inside assets/
    monkeypatch.chdir(tmp_path)  # the working directory is not a font folder
    with pytest.raises(TemplateError, match="font file not found: Here.ttf"):
        fonts.resolve_chain("Here.ttf", "regular")
    assert fonts.resolve_chain("fonts/NotoSans-Bold.ttf", "regular")[0].path == bundled
    assert fonts.resolve_chain(fonts.FontFile(bundled), "regular")[0].path == bundled


def _centred_quote(tmp_path: Path) -> Path:
    folder = _copy_template(tmp_path)
    toml = folder / "template.toml"
    toml.write_text(toml.read_text().replace(
        'slot = "quote"\nbox = [0.08, 0.13, 0.84, 0.53]', 'slot = "quote"\nbox = [0.5, 0.395, 0.84, 0.53]\nanchor = "center"'))
    return folder


def test_a_layer_anchor_applies_to_its_size_override_boxes(tmp_path, monkeypatch):
    """The shipped overrides give top-left boxes; with the layer centred they land off the canvas."""
    _centred_quote(tmp_path)
    monkeypatch.chdir(tmp_path)
    problems = pytest.raises(TemplateError, load_template, "quote-classic", templates_dir="templates").value.problems
    shown = "templates/quote-classic/template.toml"
    assert f"{shown}: sizes_override.\"1080x1920\".layers.quote.box: the box runs past the left edge of the canvas " \
        "(with anchor 'center', kept from the layer, its left edge is at -0.3, must be ≥ 0)" in problems
    assert {p.split(": ")[1] for p in problems} == {
        f'sizes_override."{size}".layers.quote.box' for size in ("1080x1080", "1080x1920", "1200x675")}


def test_check_and_render_agree_on_anchored_overrides(tmp_path):
    from repackage.plan.cards import plan_cards
    from repackage.render.image import compose_card
    from _story_factory import seed_story

    folder = _centred_quote(tmp_path)
    toml = folder / "template.toml"
    text = toml.read_text()
    # one override keeps the centre anchor (centre coordinates), the others say top-left again
    text = text.replace('[sizes_override."1080x1080".layers.quote]\nbox = [0.08, 0.14, 0.84, 0.50]',
                        '[sizes_override."1080x1080".layers.quote]\nbox = [0.5, 0.39, 0.84, 0.50]')
    text = text.replace('[sizes_override."1080x1920".layers.quote]\n',
                        '[sizes_override."1080x1920".layers.quote]\nanchor = "top-left"\n')
    text = text.replace('[sizes_override."1200x675".layers.quote]\n',
                        '[sizes_override."1200x675".layers.quote]\nanchor = "top-left"\n')
    toml.write_text(text)
    template = load_template(folder)  # the check passes ...
    story = seed_story()
    for job in plan_cards(story, [template], template.brand, sizes=list(template.sizes)).cards:
        compose_card(template, job.size, job.values, lang=job.lang)  # ... and so does every render
    quote = {size: next(x for x in template.variant(size).layers if x.id == "quote") for size in template.sizes}
    assert quote[(1080, 1080)].box.top_left() == pytest.approx((0.08, 0.14))
    assert quote[(1080, 1920)].box.top_left() == pytest.approx((0.08, 0.175))


# ---------------------------------------------------------------- templates/README.md

README = (SHIPPED / "README.md").read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    """The README's fenced code blocks whose fence names ``lang`` ("" for none), list-item indent removed."""
    blocks, current, fence_lang, indent = [], None, None, 0
    for line in README.splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            if current is None:
                current, fence_lang, indent = [], stripped[3:], len(line) - len(line.lstrip())
            else:
                if fence_lang == lang:
                    blocks.append("\n".join(current) + "\n")
                current = None
        elif current is not None:
            current.append(line[indent:])
    return blocks


def test_readme_toml_blocks_are_valid_toml():
    blocks = _blocks("toml")
    assert len(blocks) >= 5
    for block in blocks:
        tomllib.loads(block)


def test_readme_format_example_is_a_valid_template_and_brand_block_a_valid_brand(tmp_path):
    example = next(b for b in _blocks("toml") if b.startswith("#:schema") and "kind = " in b)
    folder = tmp_path / "quote-classic"
    folder.mkdir()
    (folder / "template.toml").write_text(example, encoding="utf-8")
    template = load_template(folder)
    assert template.name == "quote-classic" and template.sizes[0] == (1080, 1350)
    brand_block = next(b for b in _blocks("toml") if b.startswith("outlet = "))
    (tmp_path / "brand.toml").write_text(brand_block, encoding="utf-8")
    brand = load_brand(tmp_path / "brand.toml")
    assert brand.colors["accent"] == "#F2B134" and brand.logo_dark is not None


def test_shipped_templates_name_the_schema_on_their_first_line():
    for name in SHIPPED_CARDS:
        first = (SHIPPED / name / "template.toml").read_text(encoding="utf-8").splitlines()[0]
        assert first == "#:schema ./../template.schema.json"
        assert (SHIPPED / name / first.split()[-1]).resolve() == (SHIPPED / "template.schema.json").resolve()


def test_readme_commands_run(tmp_path, monkeypatch):
    """Every `repackage templates ...` line of the README works as written (options in the right place)."""
    import shlex

    from click.testing import CliRunner
    from PIL import Image

    from repackage.cli import main

    ours = tmp_path / "our-templates"
    shutil.copytree(SHIPPED, ours)
    shutil.copy(ROOT / "assets" / "brand" / "brand.toml", tmp_path / "our-brand.toml")
    Image.new("RGB", (1600, 1200), (40, 60, 80)).save(tmp_path / "photo.jpg")
    monkeypatch.chdir(tmp_path)
    lines = [line.split("#")[0].strip() for block in _blocks("") for line in block.splitlines()]
    commands = [line for line in lines if line.startswith("repackage ") and "templates" in line.split()]
    assert len(commands) >= 8 and any("--templates-dir ~/our-templates" in c for c in commands)
    for command in commands:
        args = shlex.split(command.replace("~/", f"{tmp_path}/"))[1:]
        args = [a for a in args if a != "--watch"]
        res = CliRunner().invoke(main, args, catch_exceptions=False)
        assert res.exit_code == 0, (command, res.output)
