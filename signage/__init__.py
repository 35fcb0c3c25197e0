"""Jarshy signage: the bundle format, the pure scheduler and the kiosk player.

Reads only the bundle (``site/signage/bundle.json``); never imports ``site_gen``.
"""

__version__ = "0.1.0"
