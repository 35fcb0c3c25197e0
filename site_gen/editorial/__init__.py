"""The editorial workflow: ``site-gen new``, the pre-publication checklist, the content plan
and the period report, with their messages in English, Kazakh and Russian.

Flow: ``site_gen.content.check`` → ContentSet → **here** (pure functions returning data)
→ ``site_gen/commands/{new,check,plan,report}.py`` format the data for the editor.
"""
