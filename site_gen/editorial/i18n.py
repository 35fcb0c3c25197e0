"""Messages of ``site-gen`` in the editor's language: English, Kazakh or Russian.

Where it sits: at the edge. Commands build their text from English source strings
marked with ``tr._("...")`` / ``tr.ngettext(...)`` (or :func:`N_` for strings kept in
tables); :class:`Messages` looks each one up in the gettext catalogs under
``site_gen/locale/<lang>/LC_MESSAGES/messages.mo``. English is the reference: a string
missing from a catalog comes out in English (and ``tests/unit/test_i18n.py`` fails).

The catalogs are managed with Babel. After changing a marked string run::

    .venv/bin/python -m site_gen.editorial.i18n     # extract → update → compile

which rewrites ``messages.pot``, merges it into ``kk`` and ``ru`` ``messages.po`` and
compiles the ``.mo`` files (committed, so a fresh checkout needs no build step; the test
suite fails when a ``.mo`` no longer matches its ``.po``).

The language is chosen by ``--lang`` or, without it, by the locale (``LANGUAGE``,
``LC_ALL``, ``LC_MESSAGES``, ``LANG``, the same order as gettext), else English.
"""

from __future__ import annotations

import gettext
import os
from argparse import ArgumentParser
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
UI_LANGS: tuple[str, ...] = ("en", "kk", "ru")
CATALOG_LANGS: tuple[str, ...] = ("kk", "ru")
_ALIASES = {"kz": "kk", "kaz": "kk", "qaz": "kk", "rus": "ru", "eng": "en", "c": "en",
            "posix": "en"}
# Sources that hold marked strings (relative to the repository root).
SOURCES: tuple[str, ...] = (
    "site_gen/editorial",
    "site_gen/commands/new.py",
    "site_gen/commands/plan.py",
    "site_gen/commands/report.py",
    "site_gen/commands/check.py",
)


def N_(message: str) -> str:  # noqa: N802  # the gettext convention for "mark only"
    """Mark a string for the catalogs without translating it here."""
    return message


class Messages:
    """The catalog of one language; English passes through."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang if lang in UI_LANGS else "en"
        self._t: gettext.NullTranslations
        if self.lang == "en":
            self._t = gettext.NullTranslations()
        else:
            self._t = gettext.translation(DOMAIN, LOCALE_DIR, languages=[self.lang],
                                          fallback=True)

    def _(self, message: str, **values: object) -> str:
        """``message`` in this language, formatted with ``values`` (``{name}`` fields)."""
        text = self._t.gettext(message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        """The plural form for ``n``; ``{n}`` is always available in the template."""
        return self._t.ngettext(singular, plural, n).format(n=n, **values)


def choose_lang(option: str | None, environ: Mapping[str, str] | None = None) -> str:
    """``--lang`` when given, else the first locale variable that names en, kk or ru."""
    if option:
        return normalise_lang(option) or "en"
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if not value:
            continue
        for part in value.split(":"):
            lang = normalise_lang(part)
            if lang:
                return lang
        if var != "LANGUAGE":
            break  # the first set variable of LC_ALL, LC_MESSAGES, LANG decides
    return "en"


def normalise_lang(value: str) -> str | None:
    """``kk_KZ.UTF-8`` → ``kk``; ``None`` for a language we have no messages in."""
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    code = _ALIASES.get(code, code)
    return code if code in UI_LANGS else None


def add_lang_option(parser: ArgumentParser, help_text: str = "") -> None:
    """``--lang en|kk|ru`` for the language of the messages."""
    parser.add_argument("--lang", dest="ui_lang", metavar="LANG", default=None,
                        choices=UI_LANGS,
                        help=help_text or "language of the messages: en, kk or ru "
                        "(default: from the locale)")


# -- catalog maintenance (Babel) --------------------------------------------------------------

def _repo_root() -> Path:
    return LOCALE_DIR.parent.parent


def update_catalogs(root: Path | None = None) -> None:
    """Extract the marked strings, merge them into the kk/ru catalogs, compile them."""
    from babel.messages.frontend import CommandLineInterface

    base = root or _repo_root()
    pot = LOCALE_DIR / f"{DOMAIN}.pot"
    # Babel's command-line object is untyped; give its run() a type once.
    run: Callable[[list[str]], object] = CommandLineInterface().run
    sources: Sequence[str] = [str(base / s) for s in SOURCES]
    run(["pybabel", "-q", "extract", "--no-location", "--sort-output",
             "--project", "Jarshy", "--copyright-holder", "Jarshy",
             "-k", "_", "-k", "N_", "-k", "ngettext:1,2", "-o", str(pot), *sources])
    for lang in CATALOG_LANGS:
        po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        action = "update" if po.exists() else "init"
        extra = ["--no-fuzzy-matching", "--ignore-obsolete"] if action == "update" else []
        run(["pybabel", "-q", action, "-D", DOMAIN, "-i", str(pot), "-d", str(LOCALE_DIR),
                 "-l", lang, *extra])
    run(["pybabel", "-q", "compile", "-D", DOMAIN, "-d", str(LOCALE_DIR)])


if __name__ == "__main__":
    update_catalogs()
