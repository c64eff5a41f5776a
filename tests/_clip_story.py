"""Stories for the clip tests, built by hand from ``repackage.models``.

``seed_story()`` carries the texts of the reference article
(``examples/otan-ukraine-fr.txt``): its headline, body, the three attributed
quotes with the speakers the article names (each found verbatim in the body),
the credits, and short captions taken from its sentences.
``short_story()`` is a tiny English story for fast, short renders.
"""

from __future__ import annotations

from pathlib import Path

from repackage.models import Credits, Story

from _story_factory import SEED, _seed_paragraphs as seed_paragraphs, make_story  # noqa: F401

MACRON = ("Rien ne doit être exclu. Nous ferons tout ce qu’il faut pour que la Russie ne puisse pas "
          "gagner cette guerre. La défaite de la Russie est indispensable à la sécurité et à la stabilité en Europe")
PESKOV = ("Les propos d’Emmanuel Macron sur un éventuel envoi de militaires sont un élément important et "
          "nouveau dans le discours du président français")
SEED_CAPTIONS = (
    "L’OTAN est divisée sur l’envoi de ses soldats au sol en Ukraine.",
    "Emmanuel Macron ne veut pas exclure l’envoi de troupes occidentales en Ukraine.",
    "Du côté de l’Allemagne, le chancelier Olaf Scholz s’y est radicalement opposé.",
)


def seed_story() -> Story:
    """The reference French story (Le Devoir, photo Kenzo Tribouillard / AFP)."""
    paragraphs = seed_paragraphs()
    scholz = next(p[p.index("«") + 1:p.index("»")].strip() for p in paragraphs if "Une fois de plus" in p)
    return make_story(
        headline="Guerre en Ukraine : l’OTAN divisée sur l’envoi de ses soldats en renfort au pays face à la Russie",
        paragraphs=paragraphs,
        quotes=[(MACRON, "Emmanuel Macron", "président français"),
                (scholz, "Olaf Scholz", "chancelier allemand"),
                (PESKOV, "Dmitri Peskov", "porte-parole du président russe")],
        captions=SEED_CAPTIONS,
        hook="L’OTAN divisée sur l’envoi de soldats en Ukraine",
        lang="fr",
        credits=Credits(source="Le Devoir", photographer="Kenzo Tribouillard", agency="AFP"),
        slug="otan-ukraine",
        hashtags=("#OTAN", "#Ukraine", "#Macron"),
    )


def short_story(captions: tuple[str, ...] = ("Allies rejected sending troops.", "Moscow took note."),
                quote: str = "No troops will be sent.") -> Story:
    """A tiny English story: short texts give the shortest scenes."""
    paragraphs = ["Allies rejected sending troops.", f"“{quote}”, said Olaf Scholz.", "Moscow took note."]
    return make_story(
        headline="Allies reject troops for Ukraine",
        paragraphs=paragraphs,
        quotes=[(quote, "Olaf Scholz", "German chancellor")],
        captions=captions,
        hook="No troops for Ukraine",
        lang="en",
        credits=Credits(source="Wikinews"),
        slug="short",
    )


def make_photo(path: Path, size: tuple[int, int] = (1600, 1200), seed: int = 3) -> Path:
    """A deterministic photo-like JPEG: bright sky, sun, layered hills, fine texture.

    Its bright sky puts white text to the test (the renderer must darken
    behind it), and its detail shows any judder of the Ken Burns motion.
    """
    import numpy as np
    from PIL import Image, ImageFilter

    w, h = size
    rng = np.random.default_rng(seed)
    y = np.linspace(0, 1, h)[:, None, None]
    sky = (1 - y) * np.array([250, 236, 205]) + y * np.array([120, 160, 210])
    img = np.broadcast_to(sky, (h, w, 3)).copy()
    xx, yy = np.meshgrid(np.arange(w), np.arange(h))
    sun = ((xx - 0.7 * w) ** 2 + (yy - 0.3 * h) ** 2) < (0.07 * h) ** 2
    img[sun] = (255, 250, 235)
    for i, (level, colour) in enumerate(((0.55, (70, 95, 80)), (0.68, (45, 70, 55)), (0.8, (30, 45, 38)))):
        ridge = level * h + 0.06 * h * np.sin(np.arange(w) / w * (4 + 3 * i) * np.pi + i) \
            + np.cumsum(rng.normal(0, 1.5, w))
        img[yy > ridge[None, :]] = colour
    texture = rng.normal(0, 9, (h, w, 1))
    out = Image.fromarray(np.clip(img + texture, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))
    out.save(path, "JPEG", quality=90)
    return path
