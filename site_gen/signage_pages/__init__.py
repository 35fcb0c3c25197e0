"""The site's "On the screens today" pages (Бүгін экрандарда / Сегодня на экранах).

A staging extension (``site_gen.stage.extensions``): for each language it adds
``screens.md`` with, per screen, today's playlists and a thumbnail of every slide drawn by
the player's renderer, so an editor sees what each monitor shows without walking to it.
"""
