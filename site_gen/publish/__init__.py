"""``site-gen publish``: the long-running service that follows the content repository and
rebuilds the site and the signage bundle on each push and at each moment the output changes
by itself (``site_gen.publish.service``)."""
