"""Personal data beyond IINs and phones: e-mail and home addresses, medical and disciplinary
words in Kazakh and Russian. Each is a warning at its line and column that
``personal_data: consent`` silences; warnings do not hold an item back (the gate counts
errors only)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_gen.content import check
from site_gen.content.details import find_details
from site_gen.content.gate import publishable

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("text", "kind", "found"), [
    ("Хат жазыңыз: a.nurlanova@mail.kz", "email", "a.nurlanova@mail.kz"),
    ("Иванов проживает по адресу ул. Абая", "address", "проживает по адресу"),
    ("ул. Сатпаева 12, кв. 45", "address", "кв. 45"),
    ("Абай көшесі, 7-үй, 12-пәтер", "address", "12-пәтер"),
    ("тұрғылықты мекенжайы: Павлодар", "address", "тұрғылықты мекенжайы:"),
    ("Оған «жүрек ишемиясы» диагнозы қойылды", "medical", "диагнозы"),
    ("Слесарь две недели на больничном", "medical", "больничном"),
    ("Ол ауруханаға жатқызылды", "medical", "ауруханаға жатқызылды"),
    ("Жүргізушіге сөгіс берілді", "disciplinary", "сөгіс"),
    ("Мастеру объявлен выговор", "disciplinary", "выговор"),
    ("Ол жұмыстан шығарылды", "disciplinary", "жұмыстан шығарылды"),
    ("Причина увольнения не названа", "disciplinary", "увольнения"),
])
def test_each_kind_is_found_as_written(text: str, kind: str, found: str) -> None:
    [detail] = find_details(text)
    assert (detail.kind, detail.text) == (kind, found)
    assert detail.col == text.index(found) + 1


@pytest.mark.parametrize("text", [
    "120 көп пәтерлі үйге жылу есептегіштері орнатылды",  # flats as a count, not an address
    "кернеуі 110 кВ. 12 желі",  # kilovolts, not a flat
    "Тұмауға қарсы егу 20 қарашада басталады",  # a campaign, not someone's illness
    "Не публикуйте домашний адрес сотрудника",  # the rule itself names no address
    "Травматизм за год снизился на 12 %",  # statistics, no person
])
def test_ordinary_words_are_not_findings(text: str) -> None:
    assert list(find_details(text)) == []


def write(root: Path, body: str, extra: str = "") -> Path:
    shutil.copytree(REPO / "tests" / "fixtures" / "bad" / "kazakh-file-name", root)
    page = root / "news" / "жаңалық.kk.md"
    text = page.read_text(encoding="utf-8").replace("status: approved\n",
                                                    f"status: approved\n{extra}")
    page.write_text(text + body + "\n", encoding="utf-8")
    return page


def test_a_detail_is_a_warning_at_its_line_and_the_item_still_goes_out(tmp_path: Path) -> None:
    root = tmp_path / "content"
    page = write(root, "Бригадир А. Омаровқа сөгіс жарияланды.")
    content, diagnostics, _ = check(root)
    [found] = [d for d in diagnostics if d.code == "personal-details"]
    assert found.severity == "warning"
    assert (found.path, found.line) == ("content/news/жаңалық.kk.md",
                                        page.read_text("utf-8").count("\n"))
    assert found.message == "'сөгіс' looks like a disciplinary detail (personal data)"
    assert found.hint.endswith("add 'personal_data: consent' when the person agreed in writing")
    assert len(publishable(content, diagnostics).content.items) == 1


def test_consent_silences_the_warning(tmp_path: Path) -> None:
    root = tmp_path / "content"
    write(root, "Жазу үшін: omarov@zharyq.example.kz", extra="personal_data: consent\n")
    _, diagnostics, _ = check(root)
    assert [d for d in diagnostics if d.code.startswith("personal")] == []
