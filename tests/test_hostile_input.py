"""Hostile and broken input: each gives correct output or one clear error
(exit 2), never a traceback, a Python warning or a half-written file.

The cases and what must happen are declared once in ``tests/reliability.py``
(which also generates ``docs/reliability.md``); this module builds each input,
runs the command line in-process and checks the declared outcome.
"""

from __future__ import annotations

import json
import logging
import re
import struct
import subprocess
import warnings
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from repackage.cli import main

import reliability
from _paths import ROOT, SEED
from _schema import assert_valid_manifest

SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_SLUG = "guerre-en-ukraine-l-otan-divisee-sur-l-envoi-de-ses-soldats"

ARABIC = (
    "رئيس البلدية يتخلى عن مشروع الترام\n\n"
    "أعلن رئيس بلدية المدينة يوم الاثنين التخلي عن مشروع الترام بسبب نقص الميزانية. "
    "وقال المجلس إن المشروع كان سيكلف ثلاثمائة مليون يورو.\n\n"
    "« لا يمكننا دفع ثمن هذا المشروع اليوم »، قال رئيس البلدية.\n"
)
CHINESE = (
    "市长放弃有轨电车项目\n\n市长周一宣布，由于预算不足，放弃通往城北的有轨电车项目。该项目原计划耗资三亿欧元。\n\n"
    "“我们今天无法负担这个项目，”市长说。\n"
)
HTML_SCRIPT = (
    "<!doctype html><html lang=fr><head><title>Le maire renonce au tramway</title><script>alert(1)</script></head>"
    "<body><h1>Le maire <script>alert(2)</script>renonce au tramway</h1>"
    "<p>Le maire de Lille, Martine Aubry, a annoncé lundi l'abandon du projet de tramway vers le nord de la ville, "
    "faute de budget.</p><p>Le projet devait relier la gare au quartier de la Madeleine, pour 300 millions d'euros. "
    "Les travaux devaient commencer en 2026.</p><img src=x onerror=alert(3)><style>p{color:red}</style></body></html>"
)


def _article(tmp: Path, case_id: str) -> tuple[Path, list[str]]:
    """The input file for an article case and any extra command-line arguments."""
    path, extra = tmp / f"{case_id}.txt", []
    data: bytes
    if case_id == "empty":
        data = b""
    elif case_id == "whitespace-only":
        data = b"  \n\t\n \r\n   \n"
    elif case_id == "binary":
        data = bytes((i * 7919) % 256 for i in range(20_000))
    elif case_id == "truncated-utf8":
        data = (SEED_TEXT.rstrip() + " Fin de l’article é").encode("utf-8")[:-1]
    elif case_id == "mixed-encodings":
        head, _, tail = SEED_TEXT.partition("\n\nCependant")
        data = head.encode("utf-8") + ("\n\nCependant" + tail).encode("cp1252", errors="strict")
    elif case_id == "20-megabytes":
        block = (SEED_TEXT + "\n\n").encode("utf-8")
        data = block * (20_000_000 // len(block) + 1)
    elif case_id == "5000-char-sentence":
        words = "le conseil municipal a voté la délibération sur le budget du tramway".split()
        body = " ".join(words[i % len(words)] for i in range(800))[:5000].rsplit(" ", 1)[0]
        data = f"Une très longue phrase au conseil\n\nLe maire a dit que {body}.\n".encode("utf-8")
    elif case_id == "no-punctuation":
        para = " ".join(["le conseil municipal de Lille a voté lundi soir le budget de la ville"] * 12)
        data = f"Le conseil vote le budget\n\n{para}\n\n{para}\n".encode("utf-8")
    elif case_id == "only-quotes":
        data = "Des citations\n\n« Nous y arriverons. »\n\n« Il faut agir vite. »\n\n« Jamais nous ne céderons. »\n".encode()
    elif case_id == "unbalanced-guillemet":
        data = ("Le maire parle\n\nLe maire de Lille, Martine Aubry, a déclaré : « Nous ne céderons pas sur le tramway, "
                "a-t-elle dit lundi.\n\nLe conseil votera en mars. Les travaux commenceront en 2026.\n").encode()
        extra = ["--lang", "fr"]
    elif case_id == "unbalanced-double-quote":
        data = ('The mayor speaks\n\nThe mayor, Jane Smith, said: "We will not give up on the tram, she said on Monday.'
                "\n\nThe council votes in March. Work starts in 2026.\n").encode()
    elif case_id == "html-with-script":
        path, data = tmp / "page.html", HTML_SCRIPT.encode("utf-8")
    elif case_id == "right-to-left":
        data = ARABIC.encode("utf-8")
    elif case_id == "cjk":
        data = CHINESE.encode("utf-8")
    elif case_id == "emoji-headline":
        data = ("🚋🚫💸\n\nLe maire de Lille, Martine Aubry, a annoncé lundi l'abandon du projet de tramway. "
                "Le projet devait coûter 300 millions d'euros.\n").encode("utf-8")
    elif case_id == "zero-width-and-controls":
        text = SEED_TEXT.replace("Guerre", "Gue\u200brre", 1).replace("Ukraine", "U\u200dkrai\u2060ne", 1)
        text = text.replace("OTAN", "O\u00adTA\u200cN\u0007", 1)
        data = text.encode("utf-8")
    elif case_id == "stray-nul":
        data = SEED_TEXT.replace("L’OTAN est divisée", "L’OTAN est\x00 divisée", 1).encode("utf-8")
    elif case_id == "unknown-lang":
        data, extra = SEED_TEXT.encode("utf-8"), ["--lang", "xx"]
    else:  # pragma: no cover - a row without an input is a bug in this file
        raise AssertionError(f"no input for {case_id}")
    path.write_bytes(data)
    return path, extra


def run_cli(args: list[str]):
    """The CLI in-process; (result, Python warnings raised, log records at WARNING or above)."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(logging.WARNING)
    logging.getLogger().addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = CliRunner().invoke(main, args)
    finally:
        logging.getLogger().removeHandler(handler)
    return result, [str(w.message) for w in caught], records


def check_clean_run(result, caught, case: reliability.Case, out: Path) -> Path | None:
    """The declared exit code; one clean error line or a complete output folder; nothing half-written."""
    stderr = result.stderr
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), \
        f"{case.id}: traceback: {result.exception!r}"
    assert "Traceback" not in stderr and "Warning" not in stderr, stderr
    assert caught == [], f"{case.id}: Python warnings {caught}"
    assert result.exit_code == case.exit, (case.id, result.exit_code, stderr)
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".")] if out.exists() else []
    assert leftovers == [], f"{case.id}: staging left behind: {leftovers}"
    if case.exit == 2:
        lines = stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("repackage: error: "), stderr
        assert case.outcome in lines[0], (case.outcome, lines[0])
        assert not out.exists() or not any(out.iterdir()), f"{case.id}: wrote {list(out.iterdir())}"
        return None
    (folder,) = [p for p in out.iterdir()]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert_valid_manifest(manifest)
    for entry in manifest["assets"]:
        assert (folder / entry["path"]).stat().st_size == entry["bytes"]
    return folder


# hostile-review-page runs in a real browser: test_review_browser.py
@pytest.mark.parametrize("case", [c for c in reliability.cases("article") if c.id != "hostile-review-page"],
                         ids=lambda c: c.id)
def test_hostile_article(case, tmp_path):
    article, extra = _article(tmp_path, case.id)
    out = tmp_path / "out"
    result, caught, _ = run_cli([str(article), "-o", str(out), "--formats", "review", *extra])
    folder = check_clean_run(result, caught, case, out)
    if folder is None:
        return
    story = json.loads((folder / "story.json").read_text(encoding="utf-8"))
    art = story["article"]
    text = art["text"]
    for q in story["quotes"]:  # every quote verbatim, whatever the input
        assert " ".join(text[p["start"]:p["end"]] for p in q["parts"]) == q["text"]
    assert "\x00" not in json.dumps(story)
    page = (folder / "review.html").read_text(encoding="utf-8")
    assert page.count("<script") == 1  # the page's own
    checks = {
        "truncated-utf8": lambda: "\ufffd" in json.dumps(art, ensure_ascii=False) and any("invalid UTF-8" in h for h in art["healed"]),
        "mixed-encodings": lambda: "Cependant, cet avis du Chef d’État français" in text
        and any("cp1252" in h for h in art["healed"]) and folder.name == SEED_SLUG,
        "5000-char-sentence": lambda: all(len(c["text"]) <= 110 for c in story["captions"]),
        "only-quotes": lambda: story["quotes"] and not any(q["speaker"] for q in story["quotes"]),
        "html-with-script": lambda: "alert" not in json.dumps(story) and art["headline"] == "Le maire renonce au tramway",
        "right-to-left": lambda: story["lang"] == "ar" and folder.name.startswith("story-"),
        "cjk": lambda: story["lang"] == "zh" and folder.name.startswith("story-"),
        "emoji-headline": lambda: art["headline"] == "🚋🚫💸" and re.fullmatch(r"story-[0-9a-f]{8}", folder.name),
        "zero-width-and-controls": lambda: folder.name == SEED_SLUG
        and art["headline"].startswith("Guerre en Ukraine : l’OTAN") and "\u0007" not in text,
        "stray-nul": lambda: any("NUL" in h for h in art["healed"]) and "L’OTAN est divisée" in text,
    }
    if case.id in checks:
        assert checks[case.id](), case.outcome


# ------------------------------------------------------------------ media


def _png_claiming(width: int, height: int) -> bytes:
    """A valid PNG header claiming ``width``×``height`` with almost no data (a decompression bomb)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + chunk(b"IEND", b"")


def _ffmpeg(*args: str) -> None:
    from repackage.render.video import ffmpeg_exe

    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", *args], check=True, capture_output=True, timeout=60)


def _media(tmp: Path, case_id: str) -> list[str]:
    photo_args = ["--formats", "cards", "--card-template", "quote-photo", "--size", "1080x1350"]
    clip_args = ["--formats", "clips", "--preview"]
    if case_id == "corrupt-image":
        good = tmp / "good.jpg"
        Image.new("RGB", (1600, 1200), (40, 90, 160)).save(good, quality=90)
        bad = tmp / "photo.jpg"
        bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
        return ["--photo", str(bad), *photo_args]
    if case_id == "100-megapixel-photo":
        big = tmp / "big.jpg"
        Image.linear_gradient("L").resize((10_000, 10_000)).convert("RGB").save(big, quality=70)
        return ["--photo", str(big), *photo_args]
    if case_id == "decompression-bomb":
        bomb = tmp / "bomb.png"
        bomb.write_bytes(_png_claiming(100_000, 100_000))
        return ["--photo", str(bomb), *photo_args]
    if case_id == "photo-extension-lies":
        liar = tmp / "photo.jpg"
        Image.new("RGB", (1600, 1200), (200, 90, 60)).save(liar, format="PNG")
        return ["--photo", str(liar), *photo_args]
    if case_id == "text-named-jpg":
        liar = tmp / "photo.jpg"
        liar.write_text("this is not a photo\n" * 50, encoding="utf-8")
        return ["--photo", str(liar), *photo_args]
    if case_id == "music-extension-lies":
        liar = tmp / "music.mp3"
        liar.write_text("this is not music\n" * 50, encoding="utf-8")
        return ["--music", str(liar), *clip_args]
    if case_id == "video-without-audio":
        silent_video = tmp / "video.mp4"
        _ffmpeg("-f", "lavfi", "-i", "color=c=black:s=64x64:d=1", "-c:v", "libx264", "-pix_fmt", "yuv420p", str(silent_video))
        return ["--music", str(silent_video), *clip_args]
    if case_id == "audio-without-speech":
        silence = tmp / "silence.wav"
        _ffmpeg("-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo", "-t", "60", str(silence))
        return ["--music", str(silence), *clip_args]
    raise AssertionError(f"no input for {case_id}")  # pragma: no cover


@pytest.mark.slow
@pytest.mark.parametrize("case", reliability.cases("media"), ids=lambda c: c.id)
def test_bad_media(case, tmp_path):
    args = _media(tmp_path, case.id)
    out = tmp_path / "out"
    result, caught, records = run_cli([str(SEED), "-o", str(out), "--quiet", *args])
    folder = check_clean_run(result, caught, case, out)
    if case.exit == 2:
        assert str(tmp_path) in result.stderr  # the line names the file
    if folder is None:
        return
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    kinds = {a["kind"] for a in manifest["assets"]}
    if case.id == "audio-without-speech":
        clip = next(a for a in manifest["assets"] if a["kind"] == "clip")
        loudness = clip["extra"]["loudness_lufs"]
        assert loudness is None or loudness < -40  # silence stays silence, never NaN
        assert "NaN" not in (folder / "manifest.json").read_text(encoding="utf-8")
    else:
        assert "card" in kinds and manifest["failures"] == []
        card = next(a for a in manifest["assets"] if a["kind"] == "card")
        assert "photo_crop" in card["extra"]  # the photo was really used


def test_large_photo_is_decoded_downscaled(tmp_path):
    from repackage.render.image import PHOTO_MAX_SIDE, load_photo

    big = tmp_path / "wide.jpg"
    Image.new("RGB", (12_000, 8_000), (90, 120, 30)).save(big, quality=60)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a DecompressionBombWarning would fail here
        photo = load_photo(big)
    assert max(photo.size) == PHOTO_MAX_SIDE and photo.size[0] / photo.size[1] == pytest.approx(1.5, abs=0.01)


# ------------------------------------------------------------------ templates


def _template_folder(tmp: Path, case_id: str) -> Path:
    """A templates folder holding one shipped template broken as the case says."""
    import shutil

    root = tmp / "templates"
    root.mkdir()
    name = "clip-default" if case_id == "huge-duration" else "headline"
    shutil.copytree(ROOT / "templates" / name, root / name)
    toml = root / name / "template.toml"
    text = toml.read_text(encoding="utf-8")
    if case_id == "path-traversal":
        text += '\n[[layers]]\ntype = "image"\nbox = [0.1, 0.1, 0.1, 0.1]\nsrc = "../../etc/passwd"\n'
    elif case_id == "absolute-path":
        text = text.replace('[background]\n', '[background]\nimage = "/etc/passwd"\n', 1)
    elif case_id == "symlink-out":
        secret = tmp / "secret.png"
        Image.new("RGB", (8, 8)).save(secret)
        (root / name / "bg.png").symlink_to(secret)
        text = text.replace('[background]\n', '[background]\nimage = "bg.png"\n', 1)
    elif case_id == "huge-canvas":
        text = re.sub(r"^sizes = .*$", 'sizes = ["99999x99999"]', text, count=1, flags=re.M)
    elif case_id == "huge-font":
        text = text.replace("max_size = 128", "max_size = 5000", 1)
    elif case_id == "huge-duration":
        text = re.sub(r"^max_scene = .*$", "max_scene = 100000.0", text, count=1, flags=re.M)
    toml.write_text(text, encoding="utf-8")
    assert toml.read_text(encoding="utf-8") != (ROOT / "templates" / name / "template.toml").read_text(encoding="utf-8")
    return root


@pytest.mark.parametrize("case", [c for c in reliability.cases("template") if c.exit is not None], ids=lambda c: c.id)
def test_broken_template_is_refused(case, tmp_path):
    folder = _template_folder(tmp_path, case.id)
    result, caught, _ = run_cli(["templates", "--templates-dir", str(folder), "check"])
    assert caught == [] and "Traceback" not in result.stderr
    assert result.exit_code == case.exit, result.output
    assert case.outcome in result.stderr + result.stdout, result.stderr + result.stdout
    # and a run that uses it writes nothing
    out = tmp_path / "out"
    run, caught, _ = run_cli([str(SEED), "-o", str(out), "--templates-dir", str(folder), "--formats",
                              "clips" if case.id == "huge-duration" else "cards", "--quiet"])
    assert run.exit_code == 2 and caught == [] and not out.exists(), run.stderr


def test_no_shell_anywhere_in_the_source():
    """No template or article value can reach a shell: every subprocess takes an argument list."""
    assert reliability.by_id("no-shell").group == "template"
    offenders = []
    for path in (ROOT / "src").rglob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"shell\s*=\s*True|os\.system\(|os\.popen\(", line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []
    calls = sum(p.read_text(encoding="utf-8").count("subprocess.") for p in (ROOT / "src").rglob("*.py"))
    assert calls > 0  # the check looks where the subprocesses are


# ------------------------------------------------------------------ the page of record


def test_reliability_doc_is_current():
    assert reliability.DOC.read_text(encoding="utf-8") == reliability.render(), \
        "docs/reliability.md is stale: run .venv/bin/python tests/reliability.py"


def test_every_declared_case_is_run_somewhere():
    tests_dir = Path(__file__).parent
    sources = "".join(p.read_text(encoding="utf-8") for p in tests_dir.glob("test_*.py"))
    for case in reliability.CASES:
        if (case.group in ("article", "media") and case.id != "hostile-review-page") or (case.group == "template" and case.exit is not None):
            continue  # parametrized above from the table itself
        assert f'"{case.id}"' in sources, f"no test runs {case.id}"


def test_quiet_means_quiet_even_when_cards_are_left_out(tmp_path):
    """Skipped cards are listed in the manifest and on the review page, not dumped raw
    on stderr. A real process: under pytest a logging handler always exists."""
    import sys

    article = tmp_path / "long-headline.txt"
    article.write_text("Un titre " + "très " * 40 + "long\n\nLe maire de Lille, Martine Aubry, a annoncé lundi "
                       "l'abandon du projet de tramway. Le projet devait coûter 300 millions d'euros.\n", encoding="utf-8")

    def run(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "repackage", str(article), "-o", str(tmp_path / "out"),
                               "--formats", "cards", "--card-template", "caption-slide", "--size", "1080x1350",
                               *extra], capture_output=True, text=True, timeout=300)

    quiet = run("--quiet")
    assert quiet.returncode == 0 and quiet.stderr == "", quiet.stderr
    (folder,) = (tmp_path / "out").iterdir()
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["skipped"]
    loud = run()
    skipped_lines = [line for line in loud.stderr.splitlines() if "skipped" in line]
    assert skipped_lines and all(line.startswith("repackage: ") for line in skipped_lines), loud.stderr
