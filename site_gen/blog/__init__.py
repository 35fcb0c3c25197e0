"""The first head's blog: the letter form page, the letters endpoint and the office's tools.

Flow: the staged blog page (``page``) shows the rules, the form and the published answers;
the form posts a letter as JSON (``letters``: the format and its checks) to
``site-gen letters serve`` (``server``), which keeps it in SQLite (``store``) under a number
such as ``2026-0042``; ``site-gen letters list|export`` shows the office what is due when
(``office``: the first reply in 3 working days, the official answer in 15, counted with
``site_gen.content.holidays``), ``letters remind`` mails the office weekly (``remind``).
The writer looks a letter up with its number and secret code, and a report meeting's page
counts its questions, through the same service (``lookup``, ``meeting``).
"""
