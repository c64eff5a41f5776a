"""Stories built by hand from ``repackage.models`` for card tests.

The seed story uses the text of the seed article, ``examples/otan-ukraine-fr.txt``: its headline, body paragraphs,
its three attributed quotes with the speakers the article names, and credits.
Quote spans are found in the article text, so every quote is verbatim.
"""

from __future__ import annotations

from pathlib import Path

from repackage.models import (
    AltText, Article, Caption, Credits, PostCopy, Quote, Sentence, Span, Story,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "otan-ukraine-fr.txt"

MACRON = (
    "Rien ne doit être exclu. Nous ferons tout ce qu’il faut pour que la Russie ne puisse pas "
    "gagner cette guerre. La défaite de la Russie est indispensable à la sécurité et à la stabilité en Europe"
)
SCHOLZ_START = "Une fois de plus, lors d’un très bon débat"
PESKOV_START = "Les propos d’Emmanuel Macron sur un éventuel envoi"


def _seed_paragraphs() -> list[str]:
    blocks = [b.strip() for b in SEED.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    body = [b for b in blocks[3:] if not b.startswith("Retrouvez")]
    healed: list[str] = []
    for block in body:  # the scraped page breaks one sentence over two paragraphs
        if healed and healed[-1].endswith("évoquée par"):
            healed[-1] = f"{healed[-1]} {block}"
        else:
            healed.append(block)
    return healed


def _quote_in(paragraph: str) -> str:
    return paragraph[paragraph.index("«") + 1 : paragraph.index("»")].strip()


def make_story(
    *,
    headline: str,
    paragraphs: list[str],
    quotes: list[tuple[str, str | None, str | None]],
    captions: list[str],
    hook: str,
    lang: str,
    credits: Credits = Credits(),
    dek: str | None = None,
    date: str | None = None,
    alt_texts: tuple[AltText, ...] = (),
    hashtags: tuple[str, ...] = (),
    slug: str = "story",
) -> Story:
    """A Story whose quotes are verbatim substrings of its article text."""
    article = Article(headline=headline, paragraphs=tuple(paragraphs), lang=lang, dek=dek,
                      credits=credits, date=date)
    text = article.text
    built = []
    for quote, speaker, role in quotes:
        start = text.index(quote)
        built.append(Quote(text=quote, parts=(Span(start, start + len(quote)),), speaker=speaker,
                           role=role, confidence=0.9 if speaker else 0.0))
    sentences = tuple(Sentence(i, p, Span(s.start, s.end), i)
                      for i, (p, s) in enumerate(zip(article.paragraphs, article.paragraph_spans())))
    return Story(
        article=article, slug=slug, lang=lang, sentences=sentences, quotes=tuple(built),
        captions=tuple(Caption(c, (0,)) for c in captions), hook=Caption(hook, (0,)), entities=(),
        post_copy=PostCopy(tiktok=hook, instagram=hook, x=hook, hashtags=hashtags, alt_texts=alt_texts),
    )


def seed_story() -> Story:
    """The reference French story (Le Devoir, photo Kenzo Tribouillard / AFP)."""
    paragraphs = _seed_paragraphs()
    scholz = next(_quote_in(p) for p in paragraphs if SCHOLZ_START in p)
    peskov = next(_quote_in(p) for p in paragraphs if PESKOV_START in p)
    return make_story(
        headline="Guerre en Ukraine : l’OTAN divisée sur l’envoi de ses soldats en renfort au pays face à la Russie",
        paragraphs=paragraphs,
        quotes=[
            (MACRON, "Emmanuel Macron", "président français"),
            (scholz, "Olaf Scholz", "chancelier allemand"),
            ("Cette option qui, n’avait jusque-là jamais été évoquée, divise les alliés", None, None),
            (peskov, "Dmitri Peskov", "porte-parole du président russe"),
        ],
        captions=[
            "L’OTAN est divisée sur l’envoi de ses soldats au sol en Ukraine.",
            "Emmanuel Macron a déclaré qu’il ne fallait pas exclure l’idée d’envoyer des troupes occidentales en Ukraine.",
            "Cet avis du Chef d’État français n’est pas partagé par les alliés de l’OTAN.",
            "Du côté de l’Allemagne, le chancelier Olaf Scholz s’y est radicalement opposé.",
            "Les propos du président français ne sont pas passés inaperçus du Kremlin.",
        ],
        hook="L’OTAN divisée sur l’envoi de soldats en Ukraine",
        lang="fr",
        credits=Credits(source="Le Devoir", photographer="Kenzo Tribouillard", agency="AFP",
                        raw=("Crédit : Le Devoir / Photo Kenzo Tribouillard AFP",)),
        date="2024-02-26",
        hashtags=("#OTAN", "#Ukraine", "#Macron", "#Russie"),
        alt_texts=(
            AltText("quote:0", f"Citation d’Emmanuel Macron : « {MACRON} »"),
            AltText("headline", "Titre : Guerre en Ukraine : l’OTAN divisée sur l’envoi de ses soldats"),
        ),
        slug="otan-ukraine",
    )


def english_story(quote: str = "We will not send troops to Ukraine, and that has been agreed from the start.",
                  *, speaker: str | None = "Olaf Scholz", role: str | None = "German chancellor",
                  lang: str = "en") -> Story:
    """A short English story whose single quote is ``quote`` (any language, any length)."""
    paragraphs = [
        "NATO allies rejected on Tuesday the idea of sending ground troops to Ukraine.",
        f"“{quote}”, said {speaker or 'one official'}.",
        "The Kremlin said the debate marked a new and important element.",
    ]
    return make_story(
        headline="NATO allies reject sending troops to Ukraine",
        paragraphs=paragraphs,
        quotes=[(quote, speaker, role)],
        captions=[
            "NATO allies rejected the idea of sending ground troops to Ukraine.",
            "The Kremlin said the debate marked a new and important element.",
        ],
        hook="NATO allies say no to troops in Ukraine",
        lang=lang,
        credits=Credits(source="Wikinews", photographer="Jane Doe", agency="Reuters"),
        dek="Germany and the United Kingdom rule out ground troops after Paris floated the idea.",
        date="2024-02-27",
        hashtags=("#NATO", "#Ukraine"),
        slug="nato-troops",
    )


def long_quote(n: int = 600) -> str:
    """A quote of about ``n`` characters, cut at a word boundary (no trailing space)."""
    source = (MACRON + ". " + "Nous ne laisserons pas la Russie gagner cette guerre, car la sécurité de "
              "l’Europe tout entière en dépend, et nos alliés le savent. ") * 4
    cut = source[:n]
    return cut[: cut.rfind(" ")].rstrip(",. ")


ARABIC_QUOTE = "لن نرسل أي جنود إلى أوكرانيا، وهذا ما اتفقنا عليه منذ البداية مع حلفائنا في أوروبا"
EMOJI_QUOTE = "We stand with Ukraine 🇺🇦💪 and we will not give up 🙏🏽, ever! 🎉👍🏽 Together we are stronger ❤️"


def arabic_story() -> Story:
    """A story written in Arabic (lang 'ar'), headline and captions included."""
    paragraphs = [
        "رفض حلفاء الناتو يوم الثلاثاء فكرة إرسال قوات برية إلى أوكرانيا.",
        f"«{ARABIC_QUOTE}»، قال المستشار الألماني أولاف شولتس.",
        "وقال الكرملين إن النقاش يمثل عنصرا جديدا ومهما.",
    ]
    return make_story(
        headline="حلفاء الناتو يرفضون إرسال قوات إلى أوكرانيا",
        paragraphs=paragraphs,
        quotes=[(ARABIC_QUOTE, "أولاف شولتس", "المستشار الألماني")],
        captions=["رفض حلفاء الناتو فكرة إرسال قوات برية إلى أوكرانيا.",
                  "وقال الكرملين إن النقاش يمثل عنصرا جديدا ومهما."],
        hook="الناتو يرفض إرسال قوات إلى أوكرانيا",
        lang="ar",
        credits=Credits(source="ويكي الأخبار"),
        date="2024-02-27",
        slug="nato-ar",
    )
