"""Display typography: French spacing rules, English curly quotes, never a letter changed."""

from __future__ import annotations

import re

import pytest

from repackage.editorial.typography import (
    display_caption,
    display_quote,
    plain,
    typeset,
)
from repackage.models import Caption

NBSP = "\u00a0"
NNBSP = "\u202f"

FRENCH_SAMPLES = [
    'Il a dit "Rien ne doit être exclu" : c\'est clair ; vraiment ? Oui ! Non !',
    "« Rien ne doit être exclu », a déclaré le dirigeant français.",
    "«Rien»; puis?! et 77 % de 1 000 000 personnes à 20:30...",
    "Voir https://example.org/a?b=1;c=2 et #Élysée, écrire à presse@example.fr ou @lemonde : merci !",
    "OTAN : ces deux pays très en colère contre la Russie ; la raison",
]
ENGLISH_SAMPLES = [
    'He said "we\'ll see" and left... It\'s the \'90s, \'quoted\' words.',
    "“Already curly,” she said; it’s fine: https://example.com/x?y=1 #NATO @bbc",
]


def letters(text: str) -> str:
    return re.sub(r"[^\w]", "", text)


def test_french_guillemets_get_no_break_spaces_inside() -> None:
    out = typeset("« Rien ne doit être exclu », a-t-il dit.", "fr")
    assert out.startswith("«" + NBSP + "Rien")
    assert "exclu" + NBSP + "»," in out


def test_french_straight_quotes_become_guillemets() -> None:
    assert typeset('Il a dit "bonjour" hier.', "fr") == f"Il a dit «{NBSP}bonjour{NBSP}» hier."


@pytest.mark.parametrize("mark", [";", "!", "?"])
def test_french_narrow_no_break_space_before_high_punctuation(mark: str) -> None:
    assert typeset(f"Vraiment{mark} oui", "fr") == f"Vraiment{NNBSP}{mark} oui"
    assert typeset(f"Vraiment {mark} oui", "fr") == f"Vraiment{NNBSP}{mark} oui"


def test_french_no_break_space_before_colon_but_not_in_times() -> None:
    assert typeset("OTAN : ces pays", "fr") == f"OTAN{NBSP}: ces pays"
    assert typeset("OTAN: ces pays", "fr") == f"OTAN{NBSP}: ces pays"
    assert typeset("à 20:30 précises", "fr") == "à 20:30 précises"


def test_french_runs_of_marks_take_one_space() -> None:
    assert typeset("Quoi?!", "fr") == f"Quoi{NNBSP}?!"


def test_french_apostrophe_numbers_and_ellipsis() -> None:
    out = typeset("l'OTAN compte 1 000 000 soldats, 77 % disent...", "fr")
    assert out == f"l’OTAN compte 1{NNBSP}000{NNBSP}000 soldats, 77{NNBSP}% disent…"


def test_urls_handles_and_hashtags_are_left_alone() -> None:
    text = "Lire https://example.org/a?b=1;c=2 puis #Élysée et @le_monde ; voilà"
    out = typeset(text, "fr")
    assert "https://example.org/a?b=1;c=2" in out
    assert "#Élysée" in out and "@le_monde" in out
    assert out.endswith(f"@le_monde{NNBSP}; voilà")


def test_english_curly_quotes_and_apostrophes() -> None:
    out = typeset('He said "we\'ll see" in the \'90s and \'left\'.', "en")
    assert out == "He said “we’ll see” in the ’90s and ‘left’."


def test_english_spacing_is_not_changed() -> None:
    text = "Result: fine; really? Yes!"
    assert typeset(text, "en") == text


def test_other_languages_only_get_apostrophes_and_ellipsis() -> None:
    assert typeset('Er sagte: "Geht\'s?" ...', "de") == 'Er sagte: "Geht’s?" …'


@pytest.mark.parametrize(("text", "lang"), [(t, "fr") for t in FRENCH_SAMPLES] + [(t, "en") for t in ENGLISH_SAMPLES])
def test_typeset_is_idempotent_and_never_changes_letters(text: str, lang: str) -> None:
    once = typeset(text, lang)
    assert typeset(once, lang) == once
    assert letters(once) == letters(text)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("OTAN : ces deux pays ; la raison ? Il l'a dit !", "fr"),
        ('Il a dit "bonjour" : voilà.', "fr"),
        ('He said "we\'ll see" and left...', "en"),
    ],
)
def test_plain_undoes_typeset_for_plain_input(text: str, lang: str) -> None:
    assert plain(typeset(text, lang)) == text


def test_plain_normalises_typographic_forms() -> None:
    assert plain(f"«{NBSP}Rien{NBSP}»{NBSP}: l’OTAN…") == '"Rien" : l\'OTAN...'
    assert plain("“curly” ‘single’") == "\"curly\" 'single'"


# --- display helpers for cards, clips and alt text -------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "shown"),
    [
        ("it's stuff that could be available under access to information,", "en",
         "it’s stuff that could be available under access to information"),
        ("Rien ne doit être exclu ;", "fr", "Rien ne doit être exclu"),
        ("Nous irons jusqu'au bout :", "fr", "Nous irons jusqu’au bout"),
        ("C'est une question de justice sociale", "fr", "C’est une question de justice sociale"),
        ("Vraiment ?", "fr", f"Vraiment{NNBSP}?"),
    ],
)
def test_display_quote_typesets_and_drops_the_attribution_comma(text: str, lang: str, shown: str) -> None:
    out = display_quote(text, lang)
    assert out == shown
    assert letters(out) == letters(text)
    assert display_quote(out, lang) == out


def test_display_caption_is_the_caption_typeset() -> None:
    caption = Caption("Le traité de Rome, qui a donné naissance à l'UE, a « 60 ans ».", (0,))
    assert display_caption(caption, "fr") == f"Le traité de Rome, qui a donné naissance à l’UE, a «{NBSP}60 ans{NBSP}»."
    assert display_caption(caption, "fr") == typeset(caption.text, "fr")
