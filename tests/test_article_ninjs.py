"""ninjs reader: IPTC News in JSON 1.x (flat fields) and 2.x (lists with roles)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from repackage.article import parse_article_text, read_article
from repackage.errors import ArticleError
from repackage.models import Credits

DATA = Path(__file__).parent / "data" / "articles"


def test_ninjs_1x_item() -> None:
    a = read_article(DATA / "municipales-fr.ninjs.json")
    assert a.source_format == "ninjs"
    assert a.headline == "Lyon : le conseil municipal vote la gratuité des vélos partagés pour les moins de 25 ans"
    assert a.dek == "La mesure, adoptée jeudi soir, coûtera 3,4 millions d’euros par an à la métropole."
    assert a.byline == "Camille Roussel"  # "Par Camille Roussel (AFP)"
    assert (a.date, a.date_text) == ("2024-03-15", "2024-03-15T09:12:00+01:00")  # versioncreated
    assert a.lang == "fr"  # "fr-FR"
    assert a.credits == Credits(source="AFP", photographer="Jeff Pachoud", agency="AFP", raw=("AFP", "Jeff Pachoud/AFP"))
    assert a.paragraphs == (
        "Le conseil municipal de Lyon a adopté jeudi soir la gratuité des vélos partagés pour les habitants de "
        "moins de 25 ans, une mesure promise pendant la campagne.",
        "« C’est une question de justice sociale autant que de climat », a déclaré l’adjointe aux mobilités, "
        "Hélène Marchand, devant les élus.",
        "L’opposition a dénoncé un coût mal évalué. « Personne ne sait qui paiera la facture dans trois ans », "
        "a estimé le conseiller Bruno Vasseur.",
        "La gratuité doit entrer en vigueur le 1er juin.",
    )
    assert [(d.reason, d.text) for d in a.dropped] == [("read-also", "Lire aussi : Vélo en ville, les chiffres de l’année")]


def test_ninjs_2x_item() -> None:
    a = read_article(DATA / "harbour-ferry-en-ninjs2.json")
    assert a.headline == "Harbour ferry strike called off after late pay offer"  # role "main", not "short"
    assert a.dek == "Crews accepted a 6% rise on Tuesday, hours before the first walkout."
    assert a.byline == "Owen Pritchard"
    assert a.date == "2024-04-02"
    assert a.lang == "en"
    assert (a.credits.source, a.credits.photographer, a.credits.agency) == ("Harbour News Agency", "Lena Ortiz", "AP")
    assert a.paragraphs[-1] == "\"This is a fair deal and our members can be proud of it,\" said union organiser Grace Mensah."
    assert a.cta == "Follow us on Instagram for live travel updates."
    assert len(a.paragraphs) == 3


@pytest.mark.parametrize(
    ("by", "byline", "date", "source"),
    [
        ("By Sarah Lee, February 12, 2024", "Sarah Lee", "2024-02-12", None),
        ("By Sarah Lee | Reuters", "Sarah Lee", None, "Reuters"),
        ("Par Marie Dupont, le 12 février 2024", "Marie Dupont", "2024-02-12", None),
        ("Par Marie Dupont (AFP)", "Marie Dupont", None, "AFP"),
    ],
)
def test_byline_field_with_a_date_or_an_agency(by: str, byline: str, date: str | None, source: str | None) -> None:
    item = {"headline": "Ferry strike called off", "byline": by, "body_text": "The union accepted a 6% rise."}
    a = parse_article_text(json.dumps(item), fmt="ninjs")
    assert (a.byline, a.date, a.credits.source) == (byline, date, source)


def test_versioncreated_wins_over_a_byline_date() -> None:
    item = {
        "headline": "Ferry strike called off",
        "byline": "By Sarah Lee, February 12, 2024",
        "versioncreated": "2024-02-13T08:00:00Z",
        "body_text": "The union accepted a 6% rise.",
    }
    assert parse_article_text(json.dumps(item), fmt="ninjs").date == "2024-02-13"


def test_summary_that_is_an_excerpt_of_the_body_is_not_a_dek() -> None:
    item = {
        "headline": "Ferry strike called off",
        "description_text": "A strike by harbour ferry crews planned for Wednesday has been",
        "body_text": "A strike by harbour ferry crews planned for Wednesday has been called off.\n\nThe union accepted a 6% rise.",
    }
    a = parse_article_text(json.dumps(item), fmt="ninjs")
    assert a.dek is None
    assert a.paragraphs == ("A strike by harbour ferry crews planned for Wednesday has been called off.", "The union accepted a 6% rise.")


def test_ninjs_is_sniffed_in_a_file_not_named_json(tmp_path: Path) -> None:
    path = tmp_path / "item.ninjs"
    path.write_text(json.dumps({"headline": "Ferry strike called off", "body_text": "The union accepted a 6% rise."}), encoding="utf-8")
    assert read_article(path).source_format == "ninjs"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"headline": "x", ', "invalid JSON: Expecting property name enclosed in double quotes (line 1, column 19)"),
        ("[1, 2]", "not a ninjs article"),
        ('{"uri": "urn:x"}', "not a ninjs article"),
        ('{"headline": 5, "body_text": "A body."}', "not a ninjs article"),
        ('{"headline": "Ferry strike", "body_html": "<p> </p>"}', "no article text found"),
    ],
)
def test_bad_json_items(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "item.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ArticleError) as err:
        read_article(path)
    assert err.value.message.startswith(message)
    assert err.value.path == str(path)
