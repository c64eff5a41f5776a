"""Bad input: one clear ArticleError each, naming the file, never a traceback."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from repackage.article import parse_article_text, read_article
from repackage.errors import ArticleError, ConfigError

BINARY = "looks like a binary file, not an article (expected text, Markdown, HTML or ninjs JSON)"


def error_of(path: Path, **kwargs) -> ArticleError:
    with pytest.raises(ArticleError) as err:
        read_article(path, **kwargs)
    assert err.value.path == str(path)
    assert str(err.value) == f"{path}: {err.value.message}"
    return err.value


def test_missing_file(tmp_path: Path) -> None:
    assert error_of(tmp_path / "nope.txt").message == "no such file"


def test_directory(tmp_path: Path) -> None:
    assert error_of(tmp_path).message == "is a directory, expected an article file"


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \r\n", "\ufeff  \u00a0\n".encode("utf-8"), "\ufeff\n".encode("utf-16")])
def test_empty_or_blank_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert error_of(path).message == "file is empty"


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x04\x38",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 0 R /Filter /FlateDecode >>\nstream\nx\x9c\x00\x01\x02",
        bytes(range(256)) * 8,
        b"Headline\n\nSome text\x00with\x00many\x00NUL\x00bytes\x00in\x00it\x00and\x00more\x00\x00.\n",
    ],
    ids=["png", "pdf", "all-bytes", "many-nuls"],
)
def test_binary_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    assert error_of(path).message == BINARY


def test_a_stray_nul_byte_is_removed_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes("Le conseil vote le budget\n\nLe conseil municipal a voté\x00 lundi le budget de la ville.\n".encode())
    article = read_article(path)
    assert "a voté lundi" in article.text and "\x00" not in article.text
    assert "removed 1 stray NUL byte (\\x00)" in article.healed


def test_unknown_language_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("Le conseil vote le budget\n\nLe conseil municipal a voté lundi le budget.\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'xx' is not a known ISO 639-1 code"):
        read_article(path, lang="xx")
    assert read_article(path, lang="fr-CA").lang == "fr"


def test_twenty_megabyte_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: the size is there, the bytes are not
        fh.truncate(20_000_000)
    start = time.perf_counter()
    assert error_of(path).message == "file is 20.0 MB; articles over 10 MB are refused"
    assert time.perf_counter() - start < 0.5


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("Headline\n\n" + "A long sentence about the council. " * 100, encoding="utf-8")
    size_kb = path.stat().st_size / 1000
    assert error_of(path, max_bytes=1_000).message == f"file is {size_kb:.1f} kB; articles over 1 kB are refused"


@pytest.mark.parametrize(
    "content",
    [
        "Only a headline\n",
        "12345\n\n---- 678 ----\n\n999 / 1000\n",
        "Headline\n\nSuivez-nous sur Instagram\n\nPublicité\n",
    ],
    ids=["headline-only", "no-letters", "only-furniture"],
)
def test_no_article_text(tmp_path: Path, content: str) -> None:
    path = tmp_path / "article.txt"
    path.write_text(content, encoding="utf-8")
    assert error_of(path).message == "no article text found"


def test_html_page_without_a_story(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<!doctype html><html><body><nav>Menu</nav></body></html>", encoding="utf-8")
    assert error_of(path).message == "no article text found"


def test_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "item.json"
    path.write_text('{"headline": "Ferry strike",\n "body_text": }', encoding="utf-8")
    assert error_of(path).message == "invalid JSON: Expecting value (line 2, column 15)"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_special_file_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert error_of(fifo).message == "is not a regular file, expected an article file"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Headline\n\nBody text.\n", encoding="utf-8")
    path.chmod(0)
    assert error_of(path).message.startswith("cannot read file")


def test_text_in_memory_errors() -> None:
    with pytest.raises(ArticleError, match="text is empty"):
        parse_article_text("  \n ")
    with pytest.raises(ArticleError, match="unknown article format 'docx'"):
        parse_article_text("Headline\n\nBody.", fmt="docx")


def test_bad_language_override(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="'french' is not a language code"):
        parse_article_text("Headline\n\nBody text here.", lang="french")


def test_utf8_file_with_a_corrupt_byte_is_read_as_utf8(tmp_path: Path) -> None:
    text = "Élection à Genève\n\nLes électeurs genevois ont approuvé dimanche la réforme du système de santé.\n"
    data = bytearray(text.encode("utf-8"))
    data[data.index("santé".encode()) + 4] = 0xFF  # the second byte of "é"
    path = tmp_path / "geneve.txt"
    path.write_bytes(bytes(data))
    a = read_article(path)
    assert (a.encoding, a.headline) == ("utf-8", "Élection à Genève")
    assert a.paragraphs == ("Les électeurs genevois ont approuvé dimanche la réforme du système de sant\ufffd\ufffd.",)
    assert a.healed == ("replaced 2 invalid UTF-8 bytes with “\ufffd”",)
