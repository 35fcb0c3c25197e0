"""`site-gen report`: the period report of the social-media regulation's Appendix 2.

A small content tree and a letters register made for the test; every count below is
worked out by hand from them (not by the report's own rules).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from site_gen.blog.letters import LetterIn
from site_gen.blog.store import LetterStore
from site_gen.cli import main
from site_gen.content import check
from site_gen.editorial.report import LettersSource, build_report

REPO = Path(__file__).resolve().parent.parent.parent
ZONE = ZoneInfo("Asia/Almaty")
OK = "checklist:\n  legal: ok\n  ethics: ok\n  editorial: ok\n  visuals: not-applicable\n" \
     "  consequences: ok\n"
CONCERN = OK.replace("consequences: ok", 'consequences: "concern: шағым түсуі мүмкін"')


def page(title: str, day: str, section: str, tags: str, extra: str = "",
         status: str = "approved", decision: str = "publish") -> str:
    return (f"---\ntitle: \"{title}\"\ndate: {day}\nsection: {section}\ntags: [{tags}]\n"
            f"status: {status}\ndecision: {decision}\napproved_by: \"А. Сейітова\"\n"
            f"{extra}---\n\nМәтін.\n")


# (path without .lang.md, kk text, ru text or None)
ITEMS = [
    # 1: published in the period, every block ok; information
    ("news/2026-08-10-a", page("Су туралы", "2026-08-10", "news", "су, қауіпсіздік", OK),
     page("О воде", "2026-08-10", "news", "вода, безопасность", OK)),
    # 2: published, education; a concern in the Russian file only
    ("news/2026-09-15-b",
     page("Оқу", "2026-09-15", "news", "су", "content_kind: education\n" + OK),
     page("Учёба", "2026-09-15", "news", "вода", "content_kind: education\n" + CONCERN)),
    # 3: published in Kazakh only, a legal explanation; no checklist answers recorded
    ("announcements/2026-10-01-c",
     page("Құқық", "2026-10-01", "announcements", "су", "content_kind: legal\n"), None),
    # 4: sent to rework on 21.11 (still in review)
    ("news/2026-11-20-d", page("Пысықтау", "2026-11-20", "news", "су",
                               "approved_at: 2026-11-21\n", "review", "rework"),
     page("Доработка", "2026-11-20", "news", "вода", "approved_at: 2026-11-21\n", "review",
          "rework")),
    # 5: rejected (approved, decision reject: not published), dated 02.12
    ("news/2026-12-02-e", page("Қабылданбады", "2026-12-02", "news", "су", "", "approved",
                               "reject"),
     page("Отклонено", "2026-12-02", "news", "вода", "", "approved", "reject")),
    # 6: published before the period: not counted
    ("news/2026-05-01-f", page("Көктем", "2026-05-01", "news", "су", OK),
     page("Весна", "2026-05-01", "news", "вода", OK)),
    # 7: the blog's answer to letter 2026-0003, published 16.11; every block ok
    ("pages/2026-11-16-zhauap", page("Жауап", "2026-11-16", "page", "асхана",
                                     'kind: answer\nletter: "2026-0003"\n' + OK),
     page("Ответ", "2026-11-16", "page", "столовая", 'kind: answer\nletter: "2026-0003"\n' + OK)),
]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's data files without people.yml (so approvals are not checked against
    git, and an item without recorded answers still loads) and the items above."""
    content = tmp_path_factory.mktemp("report") / "content"
    shutil.copytree(REPO / "content" / "_data", content / "_data",
                    ignore=shutil.ignore_patterns("people.yml", "holidays", "issues"))
    for stem, kk, ru in ITEMS:
        (content / stem).parent.mkdir(parents=True, exist_ok=True)
        (content / f"{stem}.kk.md").write_text(kk, encoding="utf-8")
        if ru is not None:
            (content / f"{stem}.ru.md").write_text(ru, encoding="utf-8")
    return content


def received(day: int, month: int = 11, year: int = 2026) -> datetime:
    return datetime(year, month, day, 10, 0, tzinfo=ZONE)


@pytest.fixture(scope="module")
def db(root: Path) -> Path:
    """Five letters of 2026, numbered in the order they came:
    0001 (20.06) before the period; 0002 (Mon 02.11) first reply 03.11, no official answer;
    0003 (Mon 09.11) answered only by the blog's answer of 16.11 (its first reply too, late:
    due 12.11); 0004 (10.11) a question for a meeting, forwarded 11.11; 0005 (Wed 30.12)
    nothing yet, its first reply not due before the period ends."""
    path = root.parent / "var" / "letters.sqlite3"
    store = LetterStore(path)

    def letter(text: str, meeting: str = "") -> LetterIn:
        return LetterIn(name="Айгүл", department="Қазандық", lang="kk", text=text,
                        meeting=meeting)

    store.add(letter("Маусымдағы хат."), received(20, 6))
    store.add(letter("Жалақы туралы."), received(2))
    store.add(letter("Асхана туралы."), received(9))
    store.add(letter("Кездесуге сұрақ.", "2026-12-18-esep"), received(10))
    store.add(letter("Жыл соңында."), received(30, 12))
    assert store.mark_replied("2026-0002", date(2026, 11, 3))
    assert store.mark_forwarded("2026-0004", date(2026, 11, 11))
    return path


@pytest.fixture(scope="module")
def report(root: Path, db: Path):  # type: ignore[no-untyped-def]  # the Report
    content, diagnostics, _ = check(root)
    assert not [d for d in diagnostics if d.severity == "error"]
    return build_report(content, date(2026, 7, 1), date(2026, 12, 31), None,
                        LettersSource(db, datetime(2027, 1, 15, 12, 0, tzinfo=ZONE)), "kk")


def test_publications_in_total_by_kind_and_language(report) -> None:  # type: ignore[no-untyped-def]
    assert report.items == 4  # items 1, 2, 3 and 7
    assert report.versions == 7  # 2 + 2 + 1 (Kazakh only) + 2
    assert report.by_lang == {"kk": 4, "ru": 3}
    assert {k: v for k, v in report.by_kind.items() if sum(v.values())} == {
        "information": {"kk": 2, "ru": 2},  # item 1 and the answer (the default kind)
        "legal": {"kk": 1, "ru": 0},
        "education": {"kk": 1, "ru": 1}}


def test_main_topics_are_the_published_tags(report) -> None:  # type: ignore[no-untyped-def]
    assert report.topics == {"kk": [("су", 3), ("асхана", 1), ("қауіпсіздік", 1)],
                             "ru": [("вода", 2), ("безопасность", 1), ("столовая", 1)]}


def test_checklist_compliance(report) -> None:  # type: ignore[no-untyped-def]
    c = report.compliance
    assert sorted(c.ok) == ["news/2026-08-10-a", "pages/2026-11-16-zhauap"]
    assert c.concern == ("news/2026-09-15-b",)
    assert c.not_recorded == ("announcements/2026-10-01-c",)


def test_items_sent_to_rework_or_rejected(report) -> None:  # type: ignore[no-untyped-def]
    assert [(d.item, d.decision, d.day.isoformat(), d.who, d.title)
            for d in report.decisions] == [
        ("news/2026-11-20-d", "rework", "2026-11-21", "А. Сейітова", "Пысықтау"),
        ("news/2026-12-02-e", "reject", "2026-12-02", "А. Сейітова", "Қабылданбады")]


def test_letters_by_outcome_topic_and_deadline(report) -> None:  # type: ignore[no-untyped-def]
    x = report.letters
    assert x.received == 4  # 0002-0005; 0001 came in June
    assert (x.replied, x.answered, x.published, x.forwarded, x.waiting) == (3, 1, 1, 1, 1)
    assert x.late_reply == ("2026-0003",)  # its first word came on 16.11, due 12.11
    assert x.late_answer == ("2026-0002",)  # no official answer, due in November
    assert x.topics == {"асхана": 1}  # the tags of the answer published in the blog
    assert x.meetings == {"2026-12-18-esep": 1}
    assert x.no_topic == 2  # 0002 and 0005


def _report(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["report", "--from", "2026-07-01", "--to", "2026-12-31", *args])
    said = capsys.readouterr()
    return code, said.out, said.err


def test_cli_markdown_with_every_part_and_the_blanks(
        root: Path, db: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JARSHY_TODAY", "2027-01-15")
    code, out, _ = _report(["--content", str(root), "--letters", str(db), "--lang", "en"],
                           capsys)
    assert code == 0
    assert "# Internal communications: report for 2026-07-01 – 2026-12-31" in out
    assert "4 items published in the period\n7 language versions in all" in out
    assert re.search(r"\| kk +\| су +\| +3 \|", out)
    assert "| every block answered ok (or not applicable) |     2 |" in out
    assert "| with a concern noted                        |     1 |" in out
    assert "| answers not recorded                        |     1 |" in out
    assert "| news/2026-12-02-e | Қабылданбады | reject   | А. Сейітова | 2026-12-02 |" in out
    assert "4 letters received in the period" in out
    assert "| first reply later than 3 working days      |       1 |" in out
    assert "Deadlines missed: 2026-0002, 2026-0003" in out
    assert "| questions for the report meeting 2026-12-18-esep |       1 |" in out
    blanks = ["Audience and reach", "Moderation of comments", "Risks",
              "Plans for the next period", "Overall assessment"]
    at = [out.index(f"\n## {b}\n\n_To be filled in by the editor: ") for b in blanks]
    assert at == sorted(at) and at[0] > out.index("## Letters to the head's blog")
    assert out.rstrip().endswith("_To be filled in by the editor: The editor's conclusion "
                                 "on the period._")


@pytest.mark.parametrize(("lang", "words"), [
    ("kk", ["барлығы 7 тілдік нұсқа", "## Негізгі тақырыптар", "## Тәуекелдер",
            "кезеңде 4 хат келді", "| асхана ", "## Пысықтауға жіберілген немесе қабылданбаған"]),
    ("ru", ["всего 7 языковых версий", "## Основные темы", "## Риски",
            "за период получено 4 письма", "| столовая ", "## Отправлено на доработку"]),
])
def test_cli_in_kazakh_and_russian(lang: str, words: list[str], root: Path, db: Path,
                                   capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JARSHY_TODAY", "2027-01-15")
    code, out, _ = _report(["--content", str(root), "--letters", str(db), "--lang", lang],
                           capsys)
    assert code == 0
    for w in words:
        assert w in out


def test_cli_csv_carries_the_same_facts(root: Path, db: Path,
                                        capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JARSHY_TODAY", "2027-01-15")
    code, out, _ = _report(["--content", str(root), "--letters", str(db), "--format", "csv"],
                           capsys)
    assert code == 0
    rows = {(r["table"], r["key"], r["language"]): r["count"]
            for r in csv.DictReader(io.StringIO(out))}
    assert rows[("tag", "су", "kk")] == "3"
    assert rows[("checklist", "concern", "")] == "1"
    assert rows[("decision", "news/2026-11-20-d", "")] == "rework"
    assert rows[("letters", "late-answer", "")] == "1"
    assert rows[("letters-meeting", "2026-12-18-esep", "")] == "1"


def test_without_a_register_no_letters_part(root: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _report(["--content", str(root), "--lang", "en"], capsys)
    assert code == 0 and "Letters to the head's blog" not in out and "## Risks" in out


def test_a_register_that_is_not_there(root: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.sqlite3"
    code, _, err = _report(["--content", str(root), "--letters", str(missing), "--lang", "en"],
                           capsys)
    assert code == 2 and not missing.exists()
    assert err == (f"site-gen: no letters database at '{missing}'; give the register the "
                   "letters service writes (var/letters.sqlite3)\n")
