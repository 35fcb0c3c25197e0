"""The site's root page, ``site/index.html``: choose a language.

Where it sits: written by ``site_gen.build`` next to ``site/kk/`` and ``site/ru/``. Without
JavaScript it is a plain choice of two links. With JavaScript it goes straight to the
reader's remembered language (every page stores it in localStorage), Kazakh otherwise.
nginx (deploy/nginx) may answer ``/`` from ``Accept-Language`` before this page is needed.
Rendered with Jinja2 autoescape and StrictUndefined, like all our own templates. Its script
is a file (``themes/assets/javascripts/jarshy-root.js``, copied into ``kk/``): the site's
policy runs no inline script.
"""

from __future__ import annotations

from jinja2 import Environment, StrictUndefined

from ..content.model import ContentSet
from .strings import STRINGS

_TEMPLATE = """<!doctype html>
<html lang="kk">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{ company_kk }} · {{ company_ru }}</title>
<script src="kk/assets/javascripts/jarshy-root.js"></script>
<style>
@font-face { font-family: "Jarshy Sans";
             src: url("kk/assets/fonts/{{ font }}") format("truetype"); }
body { font-family: "Jarshy Sans", "Noto Sans", sans-serif; margin: 0; min-height: 100vh;
       display: flex; align-items: center; justify-content: center; background: #f5f6fa; }
main { text-align: center; padding: 2rem; }
h1 { font-weight: 400; font-size: 1.4rem; color: #333; }
a { display: block; margin: 1rem auto; padding: 1rem 2rem; max-width: 18rem; border-radius: 6px;
    background: #3f51b5; color: #fff; text-decoration: none; font-size: 1.2rem; }
a:focus, a:hover { background: #303f9f; }
</style>
</head>
<body>
<main>
<h1><span lang="kk">{{ choose_kk }}</span> · <span lang="ru">{{ choose_ru }}</span></h1>
<a href="kk/" hreflang="kk" lang="kk">{{ name_kk }}</a>
<a href="ru/" hreflang="ru" lang="ru">{{ name_ru }}</a>
</main>
</body>
</html>
"""

_env = Environment(autoescape=True, undefined=StrictUndefined)


def root_page(content: ContentSet, font: str = "NotoSans-Regular.ttf") -> str:
    company = content.settings.company
    return _env.from_string(_TEMPLATE).render(
        company_kk=company.get("kk", ""), company_ru=company.get("ru", ""),
        choose_kk=STRINGS["kk"]["choose_language"], choose_ru=STRINGS["ru"]["choose_language"],
        name_kk=STRINGS["kk"]["language_name"], name_ru=STRINGS["ru"]["language_name"],
        font=font)
