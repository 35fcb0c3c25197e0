"""The last good copies (``site_gen.lastgood``) without a site build: what is kept, and that a
copy is read back through the same loader and gate as an editor's file."""

from __future__ import annotations

import shutil
from pathlib import Path

from site_gen.content import check, publishable
from site_gen.lastgood import CONTENT, restore, save

REPO = Path(__file__).resolve().parents[2]
WATER = "announcements/2026-11-23-su-azhyratu"
TITLE_KK = "Шұғыл: 23–24 қарашада тұрмыстық корпуста су болмайды"


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text("utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), "utf-8")


def test_a_kept_copy_is_read_back_and_held_to_todays_rules(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(REPO / "content", root)
    gated = publishable(*check(root)[:2])
    state = tmp_path / ".site.last-good"
    kept = save(state, tmp_path / ".none", [(item, root) for item in gated.content.items])
    approved = [i for i in gated.content.items if any(v.approved for v in i.versions.values())]
    assert kept == len(approved) < len(gated.content.items)  # drafts are not kept
    assert (state / CONTENT / f"{WATER}.ru.md").read_bytes() == (root / f"{WATER}.ru.md"
                                                                 ).read_bytes()
    assert (state / CONTENT / "images/substation.png").is_file()  # a front-matter picture

    _edit(root / f"{WATER}.kk.md", TITLE_KK, "Жаңа тақырып")
    _edit(root / f"{WATER}.ru.md", "date: 2026-11-23", "date: 2026-11-32")
    now = publishable(*check(root)[:2])
    back = restore(state, now.left_out, now.content)
    assert [left.key for left in back.held_back] == [WATER] and back.left_out == ()
    (item,) = back.items
    assert item.versions["kk"].title == TITLE_KK and set(item.versions) == {"kk", "ru"}

    # The kept copy itself now breaks a rule (personal data): it is not put back.
    _edit(state / CONTENT / f"{WATER}.kk.md", "## ", "Байланыс: 850714300127\n\n## ")
    back = restore(state, now.left_out, now.content)
    assert back.items == () and [left.key for left in back.left_out] == [WATER]


def test_withdrawn_consent_takes_the_item_down_instead_of_putting_the_old_copy_back(
        tmp_path: Path) -> None:
    """Published with a number and the person's consent; the consent is withdrawn (the editor
    deletes the line): the new edit's personal-data error is not answered with the older copy,
    which carries the very number that must come down."""
    root = tmp_path / "content"
    shutil.copytree(REPO / "content", root)
    for lang in ("kk", "ru"):
        _edit(root / f"{WATER}.{lang}.md", "status: approved",
              "personal_data: consent\nstatus: approved")
        _edit(root / f"{WATER}.{lang}.md", "\n## ", "\nБайланыс: 850714300127\n\n## ")
    gated = publishable(*check(root)[:2])
    assert WATER in {item.key for item in gated.content.items}  # with consent: published
    state = tmp_path / ".site.last-good"
    save(state, tmp_path / ".none", [(item, root) for item in gated.content.items])

    for lang in ("kk", "ru"):
        _edit(root / f"{WATER}.{lang}.md", "personal_data: consent\n", "")
    now = publishable(*check(root)[:2])
    back = restore(state, now.left_out, now.content)
    assert back.items == () and [left.key for left in back.left_out] == [WATER]


def test_a_picture_swapped_for_a_link_after_check_is_not_kept(tmp_path: Path) -> None:
    """The copies are read through the content gate too: a link put in a picture's place
    between check and save (to a secret outside content/) is not copied into the state."""
    root = tmp_path / "content"
    shutil.copytree(REPO / "content", root)
    gated = publishable(*check(root)[:2])
    secret = tmp_path / "secret.key"
    secret.write_text("PRIVATE", "utf-8")
    (root / "images/substation.png").unlink()
    (root / "images/substation.png").symlink_to(secret)
    state = tmp_path / ".site.last-good"
    save(state, tmp_path / ".none", [(item, root) for item in gated.content.items])
    assert (state / CONTENT / f"{WATER}.kk.md").is_file()
    assert not (state / CONTENT / "images/substation.png").exists()


def test_a_number_pasted_by_mistake_keeps_the_clean_copy_on_the_air(tmp_path: Path) -> None:
    """The other side of withdrawn consent: the published copy had no personal data, the new
    edit pastes an IIN in: the clean copy stays (held back), the number goes nowhere."""
    root = tmp_path / "content"
    shutil.copytree(REPO / "content", root)
    gated = publishable(*check(root)[:2])
    state = tmp_path / ".site.last-good"
    save(state, tmp_path / ".none", [(item, root) for item in gated.content.items])
    _edit(root / f"{WATER}.kk.md", "\n## ", "\nБайланыс: 850714300127\n\n## ")
    now = publishable(*check(root)[:2])
    back = restore(state, now.left_out, now.content)
    assert [left.key for left in back.held_back] == [WATER]
    (item,) = back.items
    assert "850714300127" not in item.versions["kk"].source.read_text("utf-8")
