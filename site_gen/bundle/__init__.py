"""ContentSet → the signage bundle: ``site/signage/bundle.json`` + media + ``manifest.json``.

Flow: ``site_gen.content.check`` → **here** → the site build copies nothing more; players
fetch the folder over plain HTTP (``signage.sync``) and read it with ``signage.bundle``.
The format itself (dataclasses, JSON, hashing) belongs to :mod:`signage.bundle`; this
module only decides *what* goes in. See ``docs/bundle.md``.
"""

from .writer import DEFAULT_WINDOW_DAYS, build_bundle, select_items, write_bundle

__all__ = ["DEFAULT_WINDOW_DAYS", "build_bundle", "select_items", "write_bundle"]
