"""Plain-text and Markdown readers: the seed, the shared articles, furniture, healing, encodings."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from _paths import SEED, SHARED_ARTICLES, needs_shared, shared_path
from repackage.article import Reader, parse_article_text, read_article, register_reader
from repackage.article import registry
from repackage.models import Article, Credits

DATA = Path(__file__).parent / "data" / "articles"
SEED_HEADLINE = "Guerre en Ukraine : l’OTAN divisée sur l’envoi de ses soldats en renfort au pays face à la Russie"
SEED_CTA = "Retrouvez l’actualité sur notre compte TikTok"


def blocks(path: Path) -> list[str]:
    """The file's blank-line separated blocks, as written."""
    return [b.strip() for b in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if b.strip()]


def article(text: str, **kwargs) -> Article:
    return parse_article_text(text, **kwargs)


# --- the seed -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed() -> Article:
    return read_article(SEED)


def test_seed_headline_credits_and_language(seed: Article) -> None:
    assert seed.headline == SEED_HEADLINE
    assert seed.credits == Credits(
        source="Le Devoir",
        photographer="Kenzo Tribouillard",
        agency="AFP",
        raw=("Crédit : Le Devoir / Photo Kenzo Tribouillard AFP",),
    )
    assert seed.lang == "fr"
    assert seed.source_format == "text" and seed.encoding == "utf-8"


def test_seed_teaser_is_dropped_not_dek_nor_paragraph(seed: Article) -> None:
    teaser = blocks(SEED)[1]
    assert teaser.startswith("OTAN : ces deux pays")
    assert [d.reason for d in seed.dropped if d.text == teaser] == ["teaser"]
    assert seed.dek is None
    assert not any("ces deux pays" in p for p in seed.paragraphs)


def test_seed_call_to_action_is_removed_and_kept_for_the_outro(seed: Article) -> None:
    assert seed.cta == SEED_CTA
    assert ("call-to-action", SEED_CTA) in [(d.reason, d.text) for d in seed.dropped]
    assert not any("TikTok" in p for p in seed.paragraphs)


def test_seed_broken_paragraph_is_healed(seed: Article) -> None:
    joined = [p for p in seed.paragraphs if "évoquée par Emmanuel Macron, notamment" in p]
    assert len(joined) == 1
    assert not any(p.startswith("Emmanuel Macron, notamment") for p in seed.paragraphs)
    assert len(seed.healed) == 1 and "évoquée par" in seed.healed[0]


def test_seed_paragraphs_are_the_body_blocks_verbatim(seed: Article) -> None:
    raw = blocks(SEED)
    broken = next(i for i, b in enumerate(raw) if b.endswith("évoquée par"))
    body = raw[3:-1]  # headline, teaser, credit before; the CTA after
    expected = body[: broken - 3] + [raw[broken] + " " + raw[broken + 1]] + body[broken - 1 :]
    assert list(seed.paragraphs) == expected


# --- every shared article ------------------------------------------------------------

def sources_table() -> dict[str, tuple[str, str]]:
    """file -> (lang, ISO date) from SOURCES.md, written by the people who made the files."""
    rows: dict[str, tuple[str, str]] = {}
    if not (SHARED_ARTICLES / "SOURCES.md").is_file():
        return rows  # no ../shared: the tests below have nothing to check (and are skipped)
    for line in (SHARED_ARTICLES / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 5 and cells[0].endswith(".txt") and re.fullmatch(r"\d{4}-\d{2}-\d{2}", cells[4]):
            rows[cells[0]] = (cells[1], cells[4])
    return rows


SOURCES = sources_table()
WIKINEWS = sorted(SHARED_ARTICLES.glob("wikinews-*.txt"))


@needs_shared
def test_sources_table_covers_every_wikinews_file() -> None:
    assert {p.name for p in WIKINEWS} == set(SOURCES)


@pytest.mark.parametrize("path", WIKINEWS, ids=lambda p: p.stem)
def test_shared_article_headline_date_and_language(path: Path) -> None:
    a = read_article(path)
    lang, date = SOURCES[path.name]
    assert a.headline == blocks(path)[0]
    assert a.date == date
    assert a.date_text == blocks(path)[1]
    assert a.lang == lang


@pytest.mark.parametrize("path", [p for p in WIKINEWS if "scraped" not in p.name], ids=lambda p: p.stem)
def test_clean_article_paragraphs_are_its_blocks(path: Path) -> None:
    """Headline, date line, then paragraphs: nothing dropped, joined or split (headings, ':' lead-ins, '— Speaker' lines)."""
    a = read_article(path)
    assert list(a.paragraphs) == blocks(path)[2:]
    assert a.dek is None and a.cta is None and a.healed == ()


@pytest.mark.parametrize("stem", ["wikinews-fr-01-traite-de-rome-60-ans", "wikinews-fr-07-cour-appel-decret-immigration"])
def test_scraped_twin_reads_like_its_clean_twin(stem: str) -> None:
    clean = read_article(shared_path(f"{stem}.txt"))
    scraped = read_article(shared_path(f"{stem}-scraped.txt"))
    assert scraped.paragraphs == clean.paragraphs
    assert (scraped.headline, scraped.date, scraped.lang) == (clean.headline, clean.date, clean.lang)
    assert scraped.credits.source == "Wikinews"
    assert scraped.cta == "Retrouvez toute l'actualité sur notre compte TikTok"
    assert len(scraped.healed) == 1


# --- Markdown -------------------------------------------------------------------------

def test_markdown_article() -> None:
    a = read_article(DATA / "budget-lille-fr.md")
    assert a.source_format == "markdown"
    assert a.headline == "Lille : le budget 2025 adopté après une nuit de débats"
    assert a.dek == "La majorité a fait passer un budget de 1,2 milliard d’euros, malgré la fronde de deux adjoints."
    assert (a.byline, a.date, a.date_text) == ("Sophie Leclerc", "2024-12-17", "mardi 17 décembre 2024")
    assert (a.credits.photographer, a.credits.agency) == ("Hugo Lefèvre", "Hans Lucas")
    assert a.cta == "Abonnez-vous à notre newsletter pour suivre la vie municipale."
    # a soft-wrapped paragraph with a link becomes one plain paragraph
    assert a.paragraphs[0] == (
        "Le conseil municipal de Lille a adopté dans la nuit de lundi à mardi le budget 2025, "
        "d’un montant de 1,2 milliard d’euros, par 41 voix contre 20."
    )
    # the block quote is a paragraph of its own, marks and words verbatim
    assert a.paragraphs[1] == "« Ce budget protège les services publics sans augmenter les impôts », a affirmé le maire, Arnaud Petit."
    assert "Deux adjoints de la majorité, Nadia Benali et Louis Verhaeghe, ont voté" in a.text
    for markup in ("*", "_", "[", "](", "**", "> ", "#", "!"):
        assert markup not in a.text
    assert ("read-also", "Lire aussi : Municipales : la majorité fragilisée") in [(d.reason, d.text) for d in a.dropped]


def test_markdown_is_sniffed_in_a_txt_file(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("# Titre de l’article\n\nLe maire a **annoncé** la [fermeture](https://x.org) du pont pour travaux.\n", encoding="utf-8")
    a = read_article(path)
    assert a.source_format == "markdown"
    assert a.paragraphs == ("Le maire a annoncé la fermeture du pont pour travaux.",)


def test_markdown_keeps_backticks_between_letters_and_escaped_characters() -> None:
    a = article("# Title\n\nThey don`t know, said the \\*official\\* `spokesman`.\n", fmt="markdown")
    assert a.paragraphs == ("They don`t know, said the *official* spokesman.",)


# --- header: dek, teaser, byline, date ------------------------------------------------------

BODY = (
    "Le conseil municipal de Grenoble a voté jeudi la fermeture de la piscine Jean-Bron pour deux ans de travaux.\n\n"
    "« Nous n’avions plus le choix », a expliqué l’adjoint aux sports, Marc Tessier, devant les élus.\n"
)


def test_standfirst_before_the_byline_is_the_dek() -> None:
    dek = "La piscine Jean-Bron fermera deux ans pour des travaux de mise aux normes."
    a = article(f"Grenoble ferme sa piscine\n\n{dek}\n\nPar Claire Morel\n\n{BODY}")
    assert a.dek == dek
    assert a.byline == "Claire Morel"
    assert not any(dek in p for p in a.paragraphs)


@pytest.mark.parametrize(
    "teaser",
    [
        "Piscine : les nageurs furieux ; la raison",
        "Grenoble : voici pourquoi la piscine ferme",
        "Swimmers are furious and here’s why",
        "Piscine Jean-Bron : ce qu’il faut savoir",
    ],
)
def test_clickbait_line_before_the_credit_is_a_teaser(teaser: str) -> None:
    a = article(f"Grenoble ferme sa piscine\n\n{teaser}\n\nCrédit : Le Dauphiné\n\n{BODY}")
    assert ("teaser", teaser) in [(d.reason, d.text) for d in a.dropped]
    assert a.dek is None
    assert a.credits.source == "Le Dauphiné"
    assert teaser not in a.text


def test_clickbait_line_opening_the_body_is_a_teaser() -> None:
    a = article(f"Grenoble ferme sa piscine\n\nPiscine : les nageurs furieux ; la raison\n\n{BODY}")
    assert [d.reason for d in a.dropped] == ["teaser"]
    assert a.paragraphs[0].startswith("Le conseil municipal de Grenoble")


def test_lede_after_the_date_is_body_not_dek() -> None:
    a = article(f"Grenoble ferme sa piscine\n\n14 mars 2024\n\n{BODY}")
    assert a.dek is None
    assert a.paragraphs[0].startswith("Le conseil municipal de Grenoble")
    assert a.date == "2024-03-14"


def test_kicker_between_headline_and_byline_is_furniture() -> None:
    a = article(f"Grenoble ferme sa piscine\n\nSports\n\nPar Claire Morel\n\n{BODY}")
    assert ("furniture", "Sports") in [(d.reason, d.text) for d in a.dropped]
    assert a.dek is None


@pytest.mark.parametrize(
    ("line", "byline", "date", "source"),
    [
        ("Par Jean Dupont", "Jean Dupont", None, None),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe", None, None),
        ("Par Jean-Pierre Martin, AFP", "Jean-Pierre Martin", None, "AFP"),
        ("By Jane Doe (Reuters)", "Jane Doe", None, "Reuters"),
        ("Par Jean Dupont | lundi 26 février 2024", "Jean Dupont", "2024-02-26", None),
        ("lundi 26 février 2024", None, "2024-02-26", None),
        ("Monday, July 28, 2014", None, "2014-07-28", None),
        ("26/02/2024", None, "2024-02-26", None),
        ("2024-02-26", None, "2024-02-26", None),
        ("1er mars 2024", None, "2024-03-01", None),
        ("Publié le 26/02/2024 à 10h30, mis à jour le 27/02/2024 à 08h00", None, "2024-02-26", None),
        ("By Sarah Lee, February 12, 2024", "Sarah Lee", "2024-02-12", None),
        ("By Sarah Lee | Reuters", "Sarah Lee", None, "Reuters"),
        ("By Sarah Lee | Reuters, February 12, 2024", "Sarah Lee", "2024-02-12", "Reuters"),
        ("Par Marie Dupont, le 12 février 2024", "Marie Dupont", "2024-02-12", None),
        ("Par Marie Dupont le 12 février 2024", "Marie Dupont", "2024-02-12", None),
        ("Par Marie Dupont (AFP)", "Marie Dupont", None, "AFP"),
        ("Par Marie Dupont (AFP), 12/02/2024 à 10h30", "Marie Dupont", "2024-02-12", "AFP"),
    ],
)
def test_byline_and_date_lines(line: str, byline: str | None, date: str | None, source: str | None) -> None:
    a = article(f"Grenoble ferme sa piscine\n\n{line}\n\n{BODY}")
    assert (a.byline, a.date, a.credits.source) == (byline, date, source)
    assert line not in a.text


def test_byline_date_is_recorded_as_written() -> None:
    a = article(f"Grenoble ferme sa piscine\n\nBy Sarah Lee, February 12, 2024\n\n{BODY}")
    assert (a.byline, a.date, a.date_text) == ("Sarah Lee", "2024-02-12", "February 12, 2024")
    assert [(d.reason, d.text) for d in a.dropped] == [("byline", "By Sarah Lee, February 12, 2024")]


def test_byline_with_agency_is_not_a_photo_credit() -> None:
    a = article(f"Grenoble ferme sa piscine\n\nBy Sarah Lee | Reuters\n\n{BODY}")
    assert a.credits.photographer is None and a.credits.source == "Reuters"
    assert [d.reason for d in a.dropped] == ["byline"]


LONG_BODY = "\n\n".join(
    f"Le conseil municipal a examiné le point numéro {n} de l’ordre du jour avant de passer au vote." for n in range(12)
)


@pytest.mark.parametrize(
    ("line", "byline", "date"),
    [
        ("By Sarah Lee, February 12, 2024", "Sarah Lee", "2024-02-12"),
        ("By Sarah Lee | Reuters", "Sarah Lee", None),
        ("Par Marie Dupont, le 12 février 2024", "Marie Dupont", "2024-02-12"),
        ("Par Marie Dupont (AFP)", "Marie Dupont", None),
        ("Par Marie Dupont", "Marie Dupont", None),  # a bare byline signing the end of the story
    ],
)
def test_byline_after_the_header_never_stays_in_the_paragraphs(line: str, byline: str, date: str | None) -> None:
    a = article(f"Grenoble ferme sa piscine\n\n{LONG_BODY}\n\n{line}\n")
    assert (a.byline, a.date) == (byline, date)
    assert line not in a.text and len(a.paragraphs) == 12
    assert ("byline", line) in [(d.reason, d.text) for d in a.dropped]


def test_signed_byline_in_the_middle_of_a_long_story_is_dropped() -> None:
    paragraphs = LONG_BODY.split("\n\n")
    text = "\n\n".join(paragraphs[:11] + ["Par Marie Dupont (AFP)"] + paragraphs[11:])
    a = article(f"Grenoble ferme sa piscine\n\n{text}\n")
    assert a.byline == "Marie Dupont" and "Marie Dupont" not in a.text


def test_reporter_of_a_byline_is_no_hashtag() -> None:
    from repackage.editorial.story import build_story

    for line in ("By Sarah Lee, February 12, 2024", "By Sarah Lee | Reuters"):
        a = article(
            f"Council backs new budget\n\n{line}\n\nThe city council approved the new budget on Monday after a "
            "long debate.\n\nThe mayor said the plan protects public services, and critics said taxes would rise."
        )
        assert "#Lee" not in build_story(a).post_copy.hashtags
        assert "Lee" not in a.text


@pytest.mark.parametrize(
    "line",
    ["By then, the council had already voted.", "Par la suite, le maire a quitté la salle.", "By Sunday, March 3, 2024"],
)
def test_prose_closing_a_story_is_not_a_byline(line: str) -> None:
    a = article(f"Grenoble ferme sa piscine\n\n{LONG_BODY}\n\n{line}\n")
    assert a.byline is None and a.paragraphs[-1] == line


def test_date_in_a_sentence_is_not_a_dateline() -> None:
    a = article("Grenoble ferme sa piscine\n\nCe lundi 26 février 2024, le conseil a voté la fermeture de la piscine.\n")
    assert a.date is None
    assert a.paragraphs == ("Ce lundi 26 février 2024, le conseil a voté la fermeture de la piscine.",)


# --- credits -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("line", "source", "photographer", "agency"),
    [
        ("Crédit : Le Devoir / Photo Kenzo Tribouillard AFP", "Le Devoir", "Kenzo Tribouillard", "AFP"),
        ("Photo : Ludovic Marin/AFP", None, "Ludovic Marin", "AFP"),
        ("Photo: Jane Roe / Reuters", None, "Jane Roe", "Reuters"),
        ("Crédit photo : Jane Roe / Reuters", None, "Jane Roe", "Reuters"),
        ("Credit: Jane Roe/AP", None, "Jane Roe", "AP"),
        ("Source : Le Monde", "Le Monde", None, None),
        ("(AFP)", "AFP", None, None),
        ("© Jane Roe / Getty Images", None, "Jane Roe", "Getty Images"),
        ("Photo : EPA-EFE", None, None, "EPA-EFE"),
        ("Photo: AP Photo/Evan Vucci", None, "Evan Vucci", "AP"),
        ("Kenzo Tribouillard / AFP", None, "Kenzo Tribouillard", "AFP"),
    ],
)
def test_credit_lines(line: str, source: str | None, photographer: str | None, agency: str | None) -> None:
    a = article(f"Grenoble ferme sa piscine\n\n{BODY}\n{line}\n")
    assert a.credits == Credits(source, photographer, agency, raw=(line,))
    assert ("credit", line) in [(d.reason, d.text) for d in a.dropped]
    assert line not in a.text


@pytest.mark.parametrize(
    "line",
    [
        "Photo : le maire devant la piscine fermée",  # a caption, not a credit
        "Credit Suisse a annoncé des pertes au premier trimestre.",
        "Par respect, la mairie a reporté la cérémonie.",
        "By 2050, the city expects its population to double.",
    ],
)
def test_prose_is_not_taken_for_a_credit_or_byline(line: str) -> None:
    a = article(f"Grenoble ferme sa piscine\n\n{line}\n\n{BODY}")
    assert a.credits.is_empty() and a.byline is None
    assert line in a.paragraphs


# --- calls to action and furniture ---------------------------------------------------------

@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Suivez-nous sur Instagram", "call-to-action"),
        ("Abonnez-vous pour lire la suite", "call-to-action"),
        ("Retrouvez toute l’actualité sur notre chaîne YouTube", "call-to-action"),
        ("Follow us on X for live updates", "call-to-action"),
        ("Subscribe to our channel", "call-to-action"),
        ("Sign up for our newsletter", "call-to-action"),
        ("Lire aussi : Les piscines ferment une à une", "read-also"),
        ("À lire aussi", "read-also"),
        ("Read more: Why pools are closing", "read-also"),
        ("Related: Pools in crisis", "read-also"),
        ("Advertisement", "furniture"),
        ("Publicité", "furniture"),
    ],
)
def test_furniture_lines_are_dropped(line: str, reason: str) -> None:
    a = article(f"Grenoble ferme sa piscine\n\n{BODY}\n{line}\n\nLa réouverture est prévue en 2026.\n")
    assert (reason, line) in [(d.reason, d.text) for d in a.dropped]
    assert line not in a.text
    assert a.paragraphs[-1] == "La réouverture est prévue en 2026."
    assert a.cta == (line if reason == "call-to-action" else None)


def test_first_call_to_action_is_the_cta() -> None:
    a = article(f"Grenoble ferme sa piscine\n\nSuivez-nous sur Instagram\n\n{BODY}\nAbonnez-vous à notre newsletter\n")
    assert a.cta == "Suivez-nous sur Instagram"
    assert [d.reason for d in a.dropped] == ["call-to-action", "call-to-action"]


def test_call_to_action_ending_a_paragraph_is_cut_off() -> None:
    a = article("Grenoble ferme sa piscine\n\nLa piscine fermera en mai. Suivez-nous sur Instagram pour la suite.\n")
    assert a.paragraphs == ("La piscine fermera en mai.",)
    assert a.cta == "Suivez-nous sur Instagram pour la suite."


def test_words_inside_a_quote_are_never_cut() -> None:
    text = "« Venez nager. Suivez-nous sur Instagram », a lancé le maître-nageur en riant."
    a = article(f"Grenoble ferme sa piscine\n\n{text}\n")
    assert a.paragraphs == (text,)
    assert a.cta is None


# --- healing ------------------------------------------------------------------------------

def test_paragraph_continuing_in_lowercase_is_joined() -> None:
    a = article("Titre de l’article\n\nLe maire a immédiatement réagi\n\nsur Twitter, où il a dénoncé la décision.\n")
    assert a.paragraphs == ("Le maire a immédiatement réagi sur Twitter, où il a dénoncé la décision.",)


def test_english_paragraph_broken_after_a_preposition_is_joined() -> None:
    a = article("Council votes\n\nThe plan was presented on Monday by\n\nMayor Jane Smith, who called it historic.\n")
    assert a.paragraphs == ("The plan was presented on Monday by Mayor Jane Smith, who called it historic.",)


@pytest.mark.parametrize(
    "text",
    [
        "Contexte\n\nLe gouvernement a présenté son plan lundi.",  # a subheading
        "Le maire a pris la parole :\n\n« Nous allons reconstruire », a-t-il dit.",  # a lead-in
        "« Nous ne céderons pas »\n\nLa ministre a quitté la salle.",  # a quote ending a paragraph
    ],
)
def test_legitimate_paragraph_breaks_survive(text: str) -> None:
    a = article(f"Titre de l’article\n\n{text}\n")
    assert list(a.paragraphs) == text.split("\n\n")
    assert a.healed == ()


def test_hard_wrapped_text_becomes_one_paragraph_per_block() -> None:
    body = (
        "The city council voted on Thursday to close the municipal pool\n"
        "for two years. Repairs to the roof and the heating system will\n"
        "cost an estimated four million euros, the mayor said after the\n"
        "vote.\n\n"
        "Swimmers will be sent to the pool in the next town."
    )
    a = article(f"Pool to close\n\n{body}\n")
    assert a.paragraphs[0] == (
        "The city council voted on Thursday to close the municipal pool for two years. Repairs to the roof and "
        "the heating system will cost an estimated four million euros, the mayor said after the vote."
    )
    assert len(a.paragraphs) == 2


def test_line_end_hyphen_is_removed_only_with_evidence() -> None:
    a = article(
        "Titre de l’article\n\n"
        "Le gouvernement a tranché. Selon le gouver-\nnement, la porte-\nparole a menti.\n"
    )
    assert a.paragraphs == ("Le gouvernement a tranché. Selon le gouvernement, la porte-parole a menti.",)


# --- normalisation and encodings -----------------------------------------------------------

def test_whitespace_and_unicode_are_normalised_typography_kept() -> None:
    decomposed = unicodedata.normalize("NFD", "Élysée")
    raw = f"Titre\r\n\r\nL’{decomposed} a\u200b répondu  :\u00a0 « non\u00a0».\t Fin.\r\n"
    a = article(raw)
    assert a.paragraphs == ("L’Élysée a répondu :\u00a0« non\u00a0». Fin.",)
    assert unicodedata.is_normalized("NFC", a.text)


def test_mojibake_is_repaired_and_noted() -> None:
    original = (SEED.read_text(encoding="utf-8"))
    garbled = original.encode("utf-8").decode("cp1252", errors="replace")
    assert "lâ€™OTAN" in garbled
    a = article(garbled)
    assert a.headline == SEED_HEADLINE
    assert any("mojibake" in note for note in a.healed)


@pytest.mark.parametrize(
    ("encoding", "recorded"),
    [("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16-le"), ("utf-16-be", "utf-16-be"), ("cp1252", "cp1252")],
)
def test_encodings_round_trip(tmp_path: Path, seed: Article, encoding: str, recorded: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = "\ufeff".encode("utf-16-be") + data  # with its byte order mark
    path = tmp_path / "seed.txt"
    path.write_bytes(data)
    a = read_article(path)
    assert a.encoding == recorded
    assert (a.headline, a.paragraphs, a.credits, a.cta) == (seed.headline, seed.paragraphs, seed.credits, seed.cta)


def test_latin1_file_is_read(tmp_path: Path) -> None:
    text = "Élection à Genève\n\nLes électeurs genevois ont approuvé dimanche la réforme du système de santé.\n"
    path = tmp_path / "geneve.txt"
    path.write_bytes(text.encode("latin-1"))
    a = read_article(path)
    assert a.headline == "Élection à Genève"
    assert a.paragraphs == ("Les électeurs genevois ont approuvé dimanche la réforme du système de santé.",)


# --- reader registry -----------------------------------------------------------------------

def test_a_new_reader_is_one_registration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_readers", list(registry.readers()))

    def parse_rst(text: str, ctx: registry.ReadContext) -> Article:
        title, _, body = text.partition("\n=====\n")
        return Article(headline=title.strip(), paragraphs=(body.strip(),), lang="en", source_format="rst", source_path=ctx.source_path)

    register_reader(Reader("rst", parse_rst, (".rst",)))
    path = tmp_path / "story.rst"
    path.write_text("Pool closes\n=====\nThe pool closes for two years.\n", encoding="utf-8")
    a = read_article(path)
    assert (a.source_format, a.headline, a.paragraphs) == ("rst", "Pool closes", ("The pool closes for two years.",))
    assert read_article(SEED).source_format == "text"  # the others still work


def test_teaser_and_dek_both_before_the_byline() -> None:
    teaser = "Piscine : les nageurs furieux ; la raison"
    dek = "La piscine Jean-Bron fermera deux ans pour des travaux de mise aux normes."
    a = article(f"Grenoble ferme sa piscine\n\n{teaser}\n\n{dek}\n\nPar Claire Morel\n\n{BODY}")
    assert (a.dek, a.byline) == (dek, "Claire Morel")
    assert [(d.reason, d.text) for d in a.dropped] == [("teaser", teaser), ("byline", "Par Claire Morel")]
    assert a.paragraphs[0].startswith("Le conseil municipal de Grenoble")


def test_metadata_after_body_paragraphs_makes_no_dek() -> None:
    first = "La piscine fermera deux ans."
    a = article(f"Grenoble ferme sa piscine\n\n{first}\n\nElle rouvrira en 2026.\n\nLes travaux coûteront quatre millions.\n\nPar Claire Morel\n\nLe maire a défendu le projet.\n")
    assert a.dek is None
    assert a.paragraphs[0] == first


def test_paragraph_starting_with_a_comma_continues_the_quote_before_it() -> None:
    a = article("Titre de l’article\n\n« Nous ne céderons pas »\n\n, a déclaré la ministre devant les députés.\n")
    assert a.paragraphs == ("« Nous ne céderons pas », a déclaré la ministre devant les députés.",)


def test_job_title_in_a_byline_is_not_a_source() -> None:
    a = article(f"Grenoble ferme sa piscine\n\nBy Priya Natarajan, Local Democracy Reporter\n\n{BODY}")
    assert a.byline == "Priya Natarajan"
    assert a.credits.source is None


@pytest.mark.parametrize("path", [SEED, *WIKINEWS], ids=lambda p: p.stem)
def test_one_paragraph_per_line_without_blank_lines_reads_the_same(path: Path) -> None:
    tight = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    a, expected = article(tight), read_article(path)
    assert (a.headline, a.paragraphs, a.credits, a.cta, a.date) == (
        expected.headline, expected.paragraphs, expected.credits, expected.cta, expected.date
    )
