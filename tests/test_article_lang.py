"""Language identification: scripts, stopwords, honesty on scraps, overrides."""

from __future__ import annotations

import pytest

from _paths import SEED
from repackage.article import detect_language, parse_article_text, read_article

SAMPLES = {
    "fr": "Le président a déclaré qu’il ne fallait rien exclure pour la sécurité de l’Europe.",
    "en": "The president said that nothing should be ruled out for the security of Europe.",
    "de": "Der Präsident sagte, dass für die Sicherheit Europas nichts ausgeschlossen werden dürfe.",
    "es": "El presidente dijo que no se debe descartar nada para la seguridad de Europa.",
    "it": "Il presidente ha detto che non si deve escludere nulla per la sicurezza dell’Europa.",
    "pt": "O presidente disse que nada deve ser descartado para a segurança da Europa.",
    "nl": "De president zei dat niets mag worden uitgesloten voor de veiligheid van Europa.",
    "ar": "قال الرئيس إنه لا ينبغي استبعاد أي شيء من أجل أمن أوروبا.",
    "fa": "رئیس جمهور گفت که برای امنیت اروپا نباید هیچ چیزی را کنار گذاشت.",
    "he": "הנשיא אמר כי אין לשלול דבר למען ביטחון אירופה.",
    "ru": "Президент заявил, что ничего нельзя исключать ради безопасности Европы.",
    "uk": "Президент заявив, що нічого не можна виключати заради безпеки Європи.",
    "el": "Ο πρόεδρος είπε ότι τίποτα δεν πρέπει να αποκλειστεί για την ασφάλεια της Ευρώπης.",
    "zh": "总统表示，为了欧洲的安全，不应排除任何可能。",
    "ja": "大統領は、ヨーロッパの安全のために何も排除すべきではないと述べた。",
    "ko": "대통령은 유럽의 안보를 위해 어떤 것도 배제해서는 안 된다고 말했다.",
}


@pytest.mark.parametrize(("lang", "text"), SAMPLES.items(), ids=SAMPLES.keys())
def test_one_sentence_is_enough(lang: str, text: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    "text",
    ["", "OK", "xkq zzv bnm qwrt plokj", "12345 678 — 90", "Emmanuel Macron", "Paris, Berlin, Madrid"],
    ids=["empty", "word", "gibberish", "digits", "name", "places"],
)
def test_unsure_is_und(text: str) -> None:
    assert detect_language(text) == "und"


def test_latin_names_in_an_arabic_article_do_not_make_it_latin() -> None:
    text = "قال إيمانويل ماكرون (Emmanuel Macron) إن حلف الناتو (NATO) منقسم بشأن إرسال قوات إلى أوكرانيا."
    assert detect_language(text) == "ar"


def test_article_language_is_detected_and_can_be_overridden() -> None:
    assert read_article(SEED).lang == "fr"
    assert read_article(SEED, lang="fr-CA").lang == "fr"
    assert read_article(SEED, lang="EN").lang == "en"


def test_undetermined_article_still_reads() -> None:
    a = parse_article_text("Zxq vbn\n\nQwrt plokj mnbv xkq zzv.\n")
    assert a.lang == "und"
    assert a.paragraphs == ("Qwrt plokj mnbv xkq zzv.",)
