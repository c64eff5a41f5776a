"""Text fitting, wrapping, shaping, fallback and drawing (templating/typeset.py, templating/fonts.py, render/text.py)."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from repackage.errors import RenderError, TemplateError
from repackage.templating import fonts
from repackage.render.text import draw_layout, render_layout
from repackage.templating.typeset import (
    TextStyle,
    fit_text,
    font_chain,
    missing_glyphs,
    raqm_available,
)

NBSP, NNBSP = "\u00a0", "\u202f"

SHORT = "Rien n'est exclu"
LONG = (
    "« Rien n'est exclu », a déclaré mardi le secrétaire général de l'OTAN, qui estime que "
    "la guerre pourrait durer encore des années si rien ne change sur le terrain."
)
ONE_WORD = "Anticonstitutionnellement"
QUOTE_600 = (
    "Nous devons nous préparer à une guerre longue, parce que la Russie ne montre aucun signe "
    "de vouloir arrêter ses attaques, a expliqué le secrétaire général devant les ministres "
    "réunis à Bruxelles. Les alliés ont promis des munitions, des défenses aériennes et des "
    "chars, mais les livraisons prennent du retard et l'Ukraine paie ce retard chaque jour "
    "sur le front. Il faut produire plus, plus vite, et ensemble : c'est la seule manière de "
    "montrer à Moscou que le temps ne joue pas en sa faveur et que notre soutien durera "
    "aussi longtemps qu'il le faudra pour une paix juste."
)
MULTI_SCRIPT = "Привет Γειά שלום مرحبا 🎉🇫🇷👍🏽"

STYLES = {
    "plain": TextStyle(font="serif", min_size=20, max_size=96, max_lines=12),
    "decorated": TextStyle(
        font="sans", weight="bold", min_size=20, max_size=96, max_lines=12, align="center",
        valign="middle", highlight="#E6007ECC", stroke_width=3, stroke_color="#000000", shadow="#000000A0",
    ),
    "right-bottom": TextStyle(
        font="display", weight="black", min_size=20, max_lines=12, align="right", valign="bottom", case="upper"
    ),
}


def words_of(layout) -> list[str]:
    return " ".join(line.text for line in layout.lines).split()


def alpha_box(image: Image.Image) -> tuple[int, int, int, int] | None:
    return image.getchannel("A").getbbox()


def inside(inner, outer) -> bool:
    return inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


# --- fitting -----------------------------------------------------------------------------


@pytest.mark.parametrize("style_name", list(STYLES))
@pytest.mark.parametrize("text", [SHORT, LONG, ONE_WORD, QUOTE_600], ids=["short", "long", "one-word", "600-chars"])
def test_layout_and_pixels_stay_inside_the_box(text: str, style_name: str) -> None:
    box = (900, 700)
    layout = fit_text(text, *box, STYLES[style_name], lang="fr")
    assert layout.fits
    assert inside(layout.bbox, (0, 0, *box))
    for line in layout.lines:
        assert inside((line.x, line.y, line.x + line.width, line.y + line.height), layout.bbox)
    image = render_layout(layout)
    assert image.size == box and image.mode == "RGBA"
    drawn = alpha_box(image)
    assert drawn is not None, "nothing was drawn"
    assert inside(drawn, layout.bbox)


def test_random_styles_and_boxes_keep_every_promise() -> None:
    """Seeded sweep over styles, boxes and texts: inside the box, words intact, size maximal."""
    rng = random.Random(7)
    words = (LONG + " " + QUOTE_600).split() + ["مرحبا", "שלום", "🎉", "👍🏽", "Привет", f"«{NBSP}Rien", f"exclu{NBSP}»"]
    for _ in range(40):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 50)))
        style = TextStyle(
            font=rng.choice(["sans", "serif", "display", "mono"]),
            weight=rng.choice(["regular", "bold", "black", "italic", "bold-italic", "light"]),
            min_size=rng.randint(10, 30), max_size=rng.randint(31, 150), max_lines=rng.randint(1, 10),
            align=rng.choice(["left", "center", "right"]), valign=rng.choice(["top", "middle", "bottom"]),
            line_height=rng.choice([0.9, 1.15, 1.4]), letter_spacing=rng.choice([0.0, 0.05, -0.02]),
            highlight=rng.choice([None, "#000000AA"]), stroke_width=rng.choice([0, 2, 5]),
            shadow=rng.choice([None, "#00000080"]), case=rng.choice(["none", "upper"]),
        )
        box = (rng.randint(150, 1000), rng.randint(80, 900))
        layout = fit_text(text, *box, style, lang=rng.choice([None, "fr", "ar"]))
        assert layout.text.split() == words_of(layout) == layout.text.split()
        assert len(layout.text.split()) == len(text.split())
        if not layout.fits:
            assert layout.size == style.min_size
            continue
        assert inside(layout.bbox, (0, 0, *box)), (text, style, box)
        drawn = alpha_box(render_layout(layout))
        assert drawn is None or inside(drawn, layout.bbox), (text, style, box)
        if layout.size < style.max_size:
            bigger = replace(style, min_size=layout.size + 1, max_size=layout.size + 1)
            assert not fit_text(text, *box, bigger, lang=layout.lang).fits, (text, style, box)


def test_draw_layout_touches_only_its_box_on_a_card() -> None:
    card = Image.new("RGB", (1080, 1350), "#203040")
    before = card.copy()
    layout = fit_text(LONG, 900, 500, STYLES["decorated"], lang="fr")
    draw_layout(card, layout, (90, 400))
    changed = ImageChops.difference(card, before).getbbox()
    assert changed is not None
    assert inside(changed, (90, 400, 990, 900))


def test_draw_layout_on_rgba_composites_and_clips_at_the_edge() -> None:
    card = Image.new("RGBA", (400, 300), (10, 20, 30, 255))
    layout = fit_text("Kiev", 300, 200, TextStyle(color="#FF0000"))
    draw_layout(card, layout, (250, 200))  # box hangs off the right and bottom edges
    red = [px for px in card.getdata() if px[0] > 200 and px[1] < 60]
    assert red, "the visible part of the text is drawn"
    assert all(px[3] == 255 for px in card.getdata()), "opaque card stays opaque"


def test_colour_override_and_alpha() -> None:
    layout = fit_text("OTAN", 400, 200, TextStyle(color="#FFFFFF80"))
    pixels = render_layout(layout).getdata()
    assert max(px[3] for px in pixels) <= 0x80
    override = render_layout(layout, color="#00FF00").getdata()
    assert any(px[1] == 255 and px[0] == 0 and px[3] == 255 for px in override)


def test_shorter_text_gets_a_larger_size() -> None:
    style = TextStyle(min_size=12, max_size=200)
    short = fit_text(SHORT, 900, 700, style)
    long = fit_text(LONG, 900, 700, style)
    longest = fit_text(QUOTE_600, 900, 700, style)
    assert short.size > long.size > longest.size


def test_size_is_the_largest_that_fits() -> None:
    style = TextStyle(font="serif", min_size=12, max_size=200, max_lines=8)
    layout = fit_text(LONG, 700, 500, style)
    bigger = TextStyle(font="serif", min_size=layout.size + 1, max_size=layout.size + 1, max_lines=8)
    assert not fit_text(LONG, 700, 500, bigger).fits


@pytest.mark.parametrize("max_lines", [1, 2, 3, 5])
def test_max_lines_is_respected(max_lines: int) -> None:
    layout = fit_text(LONG, 900, 900, TextStyle(min_size=8, max_size=200, max_lines=max_lines))
    assert layout.fits
    assert len(layout.lines) <= max_lines


def test_fewer_lines_allowed_means_smaller_text() -> None:
    one = fit_text(LONG, 900, 900, TextStyle(min_size=8, max_size=200, max_lines=1))
    four = fit_text(LONG, 900, 900, TextStyle(min_size=8, max_size=200, max_lines=4))
    assert one.size < four.size


@pytest.mark.parametrize("text", [SHORT, LONG, QUOTE_600, MULTI_SCRIPT, "  espaces   multiples\tet\ttabs  "])
def test_no_word_is_cut_or_lost(text: str) -> None:
    for width in (250, 480, 900):
        layout = fit_text(text, width, 1400, TextStyle(min_size=16, max_size=80, max_lines=40))
        assert words_of(layout) == text.split()
        assert layout.text.split() == text.split()


def test_text_is_kept_verbatim_including_decomposed_accents() -> None:
    decomposed = "de\u0301clare\u0301 a\u0300 l'OTAN"
    layout = fit_text(decomposed, 900, 300, TextStyle(max_size=60))
    assert layout.text == decomposed
    assert missing_glyphs(decomposed, TextStyle()) == set()


def test_word_too_wide_at_min_size_reports_no_fit_and_keeps_the_word() -> None:
    layout = fit_text(f"Une {ONE_WORD} décision", 200, 400, TextStyle(min_size=40, max_size=60))
    assert not layout.fits
    assert layout.size == 40
    assert ONE_WORD in [line.text for line in layout.lines]
    assert words_of(layout) == ["Une", ONE_WORD, "décision"]


def test_too_many_lines_at_min_size_reports_no_fit() -> None:
    layout = fit_text(QUOTE_600, 300, 100, TextStyle(min_size=30, max_size=60, max_lines=3))
    assert not layout.fits
    assert words_of(layout) == QUOTE_600.split()


def test_newlines_force_breaks() -> None:
    layout = fit_text("Premier paragraphe\nSecond", 900, 600, TextStyle(max_size=40))
    assert [line.text for line in layout.lines] == ["Premier paragraphe", "Second"]


def test_empty_text_is_an_empty_fitting_layout() -> None:
    layout = fit_text("   ", 400, 300, TextStyle())
    assert layout.fits and layout.lines == ()
    assert alpha_box(render_layout(layout)) is None


# --- line breaking -------------------------------------------------------------------------


def test_balanced_breaks_avoid_a_lone_last_word() -> None:
    text = "The alliance will keep supporting Ukraine for as long as it takes"
    size = 40
    font = ImageFont.truetype(str(Path(font_chain(TextStyle())[0])), size)
    # Wide enough for everything but the last word on one line: a greedy
    # wrapper would leave "takes" alone on line two.
    width = int(font.getlength(text.rsplit(" ", 1)[0])) + 8
    assert font.getlength(text) > width
    layout = fit_text(text, width, 400, TextStyle(min_size=size, max_size=size, max_lines=2))
    assert layout.fits and len(layout.lines) == 2
    first, last = layout.lines
    assert len(last.text.split()) >= 4
    assert last.advance > 0.6 * first.advance


def test_no_line_ends_with_a_one_letter_word_when_avoidable() -> None:
    text = "Le secrétaire général a salué à Bruxelles y compris les efforts à venir de la France"
    for width in range(260, 700, 40):
        layout = fit_text(text, width, 2000, TextStyle(min_size=30, max_size=30, max_lines=20))
        for line in layout.lines[:-1]:
            assert len(line.text.split()[-1]) > 1 or not line.text.split()[-1].isalpha(), (width, line.text)


def test_french_no_break_spaces_glue_punctuation() -> None:
    text = f"«{NBSP}Rien n'est exclu{NBSP}», a-t-il dit{NNBSP}: «{NBSP}la guerre{NNBSP}?{NBSP}»"
    for width in range(140, 700, 20):
        layout = fit_text(text, width, 2000, TextStyle(min_size=28, max_size=28, max_lines=30))
        for line in layout.lines:
            assert not line.text.startswith(("»", "?", ":")), (width, line.text)
            assert not line.text.endswith("«"), (width, line.text)
        joined = " ".join(line.text for line in layout.lines)
        assert f"«{NBSP}Rien" in joined and f"exclu{NBSP}»" in joined and f"guerre{NNBSP}?" in joined


# --- alignment --------------------------------------------------------------------------------


def test_vertical_alignment() -> None:
    box = (800, 600)
    top = fit_text(SHORT, *box, TextStyle(max_size=60, valign="top"))
    middle = fit_text(SHORT, *box, TextStyle(max_size=60, valign="middle"))
    bottom = fit_text(SHORT, *box, TextStyle(max_size=60, valign="bottom"))
    assert top.bbox[1] == 0
    assert abs(middle.bbox[1] - (box[1] - middle.bbox[3])) <= 1
    assert box[1] - bottom.bbox[3] <= 1


@pytest.mark.parametrize("valign", ["top", "middle", "bottom"])
def test_text_with_room_to_spare_reaches_max_size_whatever_the_alignment(valign: str) -> None:
    style = TextStyle(
        font="serif", weight="bold-italic", max_size=70, highlight="#FFE14D", valign=valign, letter_spacing=0.02
    )
    layout = fit_text("Sous-titre : « la guerre peut durer des années »", 960, 260, style, lang="fr")
    assert layout.size == 70
    assert inside(layout.bbox, (0, 0, 960, 260))


def test_horizontal_alignment() -> None:
    box_w = 900
    left = fit_text(LONG, box_w, 700, TextStyle(max_size=60, align="left"))
    right = fit_text(LONG, box_w, 700, TextStyle(max_size=60, align="right"))
    center = fit_text(LONG, box_w, 700, TextStyle(max_size=60, align="center"))
    assert all(line.pen_x == pytest.approx(0, abs=2) for line in left.lines)
    assert all(line.pen_x + line.advance == pytest.approx(box_w, abs=2) for line in right.lines)
    for line in center.lines:
        assert line.pen_x == pytest.approx(box_w - line.pen_x - line.advance, abs=1)


def test_letter_spacing_widens_lines() -> None:
    plain = fit_text("Sommet", 900, 300, TextStyle(min_size=50, max_size=50))
    spaced = fit_text("Sommet", 900, 300, TextStyle(min_size=50, max_size=50, letter_spacing=0.2))
    assert spaced.lines[0].advance == pytest.approx(plain.lines[0].advance + 5 * 0.2 * 50, abs=1.5)


def test_letter_spacing_leaves_arabic_joined() -> None:
    plain = fit_text("مرحبا بكم", 900, 300, TextStyle(min_size=50, max_size=50), lang="ar")
    spaced = fit_text("مرحبا بكم", 900, 300, TextStyle(min_size=50, max_size=50, letter_spacing=0.2), lang="ar")
    assert spaced.lines[0].advance == pytest.approx(plain.lines[0].advance, abs=0.5)
    assert ImageChops.difference(render_layout(plain), render_layout(spaced)).getbbox() is None


def test_highlight_bar_is_drawn_behind_each_line() -> None:
    style = TextStyle(max_size=60, highlight="#FFDD00", color="#000000", highlight_padding=0.3)
    layout = fit_text(LONG, 900, 700, style)
    image = render_layout(layout)
    for line in layout.lines:
        probe = (round(line.pen_x) - 3, line.baseline - 5)  # left padding, beside the first glyph
        assert image.getpixel(probe)[:3] == (0xFF, 0xDD, 0x00)


# --- case -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "lang", "text", "expected"),
    [
        ("upper", "fr", "« Rien n'est exclu », a déclaré l'OTAN", "« RIEN N'EST EXCLU », A DÉCLARÉ L'OTAN"),
        ("lower", "fr", "Le Sommet de l'OTAN", "le sommet de l'otan"),
        ("title", "fr", "le sommet de l'OTAN à « la haye »", "Le Sommet De L'OTAN À « La Haye »"),
        ("upper", "tr", "istanbul zirvesi", "İSTANBUL ZİRVESİ"),
        ("upper", "el", "Αθήνα και Κίεβο", "ΑΘΗΝΑ ΚΑΙ ΚΙΕΒΟ"),
        ("none", "fr", "Rien n'est exclu", "Rien n'est exclu"),
    ],
)
def test_case_transforms(case: str, lang: str, text: str, expected: str) -> None:
    layout = fit_text(text, 1200, 600, TextStyle(case=case, max_size=40), lang=lang)
    assert layout.text == expected
    assert " ".join(line.text for line in layout.lines) == expected


# --- scripts, fallback, emoji --------------------------------------------------------------------


def test_raqm_is_available_here() -> None:
    assert raqm_available()


@pytest.mark.parametrize("family", ["sans", "serif", "display", "mono"])
@pytest.mark.parametrize("weight", ["regular", "bold", "black", "italic"])
def test_every_family_covers_latin_cyrillic_greek_arabic_hebrew_emoji(family: str, weight: str) -> None:
    style = TextStyle(font=family, weight=weight)
    sample = MULTI_SCRIPT + " Ça déjà vu ? « Œuvre » — 1 200 € … ★ → ✓ 1️⃣ 👨‍👩‍👧"
    assert missing_glyphs(sample, style) == set()


def test_characters_no_font_covers_are_reported() -> None:
    unassigned = "\U0010fffd"  # private use: no font anywhere covers it
    assert missing_glyphs(f"OTAN {unassigned}", TextStyle()) == {unassigned}


def test_scripts_outside_the_bundle_use_an_installed_system_font() -> None:
    if fonts.system_face(ord("न")) is None:
        pytest.skip("no fontconfig or no installed font covers Devanagari here")
    assert missing_glyphs("नमस्ते दुनिया", TextStyle()) == set()
    layout = fit_text("नमस्ते दुनिया", 900, 200, TextStyle(max_size=60))
    assert all(Path(run.font).parent != fonts.fonts_dir() for run in layout.lines[0].runs)
    assert alpha_box(render_layout(layout)) is not None


def test_emoji_are_drawn_in_colour_at_text_size() -> None:
    layout = fit_text("Sommet 🎉🇫🇷👍🏽", 900, 300, TextStyle(min_size=60, max_size=60, color="#FFFFFF"))
    assert layout.fits
    emoji_runs = [run for line in layout.lines for run in line.runs if run.emoji]
    assert emoji_runs and all(Path(run.font).name == "NotoColorEmoji.ttf" for run in emoji_runs)
    image = render_layout(layout)
    colourful = [px for px in image.getdata() if px[3] > 200 and max(px[:3]) - min(px[:3]) > 80]
    assert len(colourful) > 200
    assert inside(alpha_box(image), layout.bbox)
    assert layout.lines[0].height < 60 * 1.6, "emoji scaled to the text size, not drawn at 109 px"


def test_fallback_runs_use_the_font_that_covers_them() -> None:
    layout = fit_text("NATO שלום مرحبا", 1200, 300, TextStyle(font="serif", max_size=48))
    fonts_by_text = {run.text.strip(): Path(run.font).name for line in layout.lines for run in line.runs}
    assert fonts_by_text["NATO"].startswith("NotoSerif-")
    assert fonts_by_text["שלום"].startswith("NotoSansHebrew-")
    assert fonts_by_text["مرحبا"].startswith("NotoSansArabic-")


def _ink(image: Image.Image) -> Image.Image:
    """The drawn coverage of an image, cropped to its ink."""
    mask = image.getchannel("A") if image.mode == "RGBA" else image
    return mask.crop(mask.getbbox())


def _naive_render(text: str, font_path: str, size: int) -> Image.Image:
    """Characters drawn left to right one after another, with no shaping."""
    font = ImageFont.truetype(font_path, size, layout_engine=ImageFont.Layout.BASIC)
    image = Image.new("L", (int(font.getlength(text)) + 2 * size, 3 * size), 0)
    ImageDraw.Draw(image).text((size, 2 * size), text, font=font, fill=255, anchor="ls")
    return image


def _same_drawing(a: Image.Image, b: Image.Image) -> bool:
    if abs(a.width - b.width) > 1 or abs(a.height - b.height) > 1:
        return False
    size = (min(a.width, b.width), min(a.height, b.height))
    diff = ImageChops.difference(a.crop((0, 0, *size)), b.crop((0, 0, *size)))
    return sum(diff.getdata()) / (size[0] * size[1]) < 12


def test_hebrew_reads_right_to_left() -> None:
    word = "שלום"
    layout = fit_text(word, 600, 200, TextStyle(min_size=64, max_size=64), lang="he")
    assert layout.fits and layout.lines[0].rtl
    drawn = _ink(render_layout(layout))
    hebrew_font = next(path for path in font_chain(TextStyle()) if "Hebrew" in path)
    assert _same_drawing(drawn, _ink(_naive_render(word[::-1], hebrew_font, 64)))
    assert not _same_drawing(drawn, _ink(_naive_render(word, hebrew_font, 64)))


def test_arabic_is_shaped_and_right_aligned() -> None:
    text = "لا شيء مستبعد"
    style = TextStyle(font="sans", min_size=64, max_size=64, align="left")
    layout = fit_text(text, 900, 200, style, lang="ar")
    assert layout.fits and layout.lines[0].rtl
    image = render_layout(layout)
    assert inside(alpha_box(image), layout.bbox)
    line = layout.lines[0]
    assert line.x + line.width == pytest.approx(900, abs=6), "'left' means start: right for Arabic"
    arabic_font = next(path for path in font_chain(style) if "Arabic" in path)
    drawn = _ink(image)
    assert not _same_drawing(drawn, _ink(_naive_render(text, arabic_font, 64)))
    assert not _same_drawing(drawn, _ink(_naive_render(text[::-1], arabic_font, 64)))


def test_bidi_orders_runs_inside_a_line() -> None:
    ltr = fit_text("Hello مرحبا world", 1200, 200, TextStyle(max_size=48)).lines[0]
    xs = {run.text.strip(): run.x for run in ltr.runs}
    assert not ltr.rtl
    assert xs["Hello"] < xs["مرحبا"] < xs["world"]
    rtl = fit_text("قال NATO اليوم", 1200, 200, TextStyle(max_size=48), lang="ar").lines[0]
    xs = {run.text.strip(): run.x for run in rtl.runs}
    assert rtl.rtl
    assert xs["اليوم"] < xs["NATO"] < xs["قال"]


def test_rtl_without_raqm_raises_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "raqm_available", lambda: False)
    with pytest.raises(RenderError, match="libraqm.*libfribidi"):
        fit_text("نص لم يُقَس من قبل", 600, 200, TextStyle())


# --- registry and errors ------------------------------------------------------------------------


def test_font_chain_maps_families_weights_and_fallbacks() -> None:
    chain = [Path(p).name for p in font_chain(TextStyle(font="sans", weight="bold"))]
    assert chain[0] == "NotoSans-Bold.ttf"
    assert chain[-1] == "NotoColorEmoji.ttf"
    assert {"NotoSansArabic-Bold.ttf", "NotoSansHebrew-Bold.ttf"} <= set(chain)
    assert Path(font_chain(TextStyle(font="serif", weight="black"))[0]).name == "NotoSerif-Bold.ttf"
    assert Path(font_chain(TextStyle(font="serif", weight="italic"))[0]).name == "NotoSerif-Italic.ttf"
    assert all(Path(p).is_file() for p in font_chain(TextStyle(font="display")))


def test_font_given_as_a_path() -> None:
    path = font_chain(TextStyle(font="mono"))[0]
    assert font_chain(TextStyle(font=path))[0] == path
    assert fit_text("OTAN", 400, 200, TextStyle(font=path)).fits


def test_unknown_font_family_is_a_clear_error() -> None:
    with pytest.raises(TemplateError, match=r"unknown font family 'sanss'.*sans.*did you mean 'sans'"):
        fit_text("OTAN", 400, 200, TextStyle(font="sanss"))
    with pytest.raises(TemplateError, match="font file not found"):
        fit_text("OTAN", 400, 200, TextStyle(font="nowhere/missing.ttf"))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weight": "heavy"}, "weight must be one of"),
        ({"align": "justify"}, "align must be one of"),
        ({"color": "red"}, "color: invalid colour"),
        ({"shadow": "#00000G"}, "shadow: invalid colour"),
        ({"min_size": 50, "max_size": 40}, "min_size <= max_size"),
        ({"max_lines": 0}, "max_lines must be >= 1"),
    ],
)
def test_invalid_style_values_are_named(kwargs: dict, message: str) -> None:
    with pytest.raises(TemplateError, match=message):
        TextStyle(**kwargs)


def test_box_must_have_a_size() -> None:
    with pytest.raises(RenderError, match="positive size"):
        fit_text("OTAN", 0, 100, TextStyle())


def test_emoji_font_is_the_systems_and_its_absence_is_reported_not_drawn(monkeypatch) -> None:
    """The 11 MB colour emoji font is not bundled: the system's "Noto Color
    Emoji" is used; without it emoji are missing glyphs, never boxes."""
    from repackage.templating import fonts

    chain = fonts.resolve_chain("sans", "regular")
    emoji = [face for face in chain if face.emoji]
    assert len(emoji) == 1 and not Path(emoji[0].path).is_relative_to(fonts.fonts_dir())
    assert missing_glyphs("🎉👍🏽", TextStyle()) == set()

    fonts._resolve_chain.cache_clear()
    monkeypatch.setattr(fonts, "system_font_file", lambda family: None)  # not installed
    monkeypatch.setattr(fonts, "system_face", lambda cp: None)  # and no other system font
    try:
        assert not any(face.emoji for face in fonts.resolve_chain("sans", "regular"))
        assert "🎉" in missing_glyphs("Bravo 🎉", TextStyle())
    finally:
        fonts._resolve_chain.cache_clear()
