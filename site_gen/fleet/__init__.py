"""The fleet: screens' heartbeats, central proof of play and the monitor owners' page.

``store`` (SQLite), ``app`` (the WSGI service on waitress, ``site-gen fleet serve``),
``page`` (the kk/ru fleet page), ``watch`` (e-mail when a screen goes silent and comes back).
The player's side is ``signage.heartbeat``.
"""
