"""What every lab uses and no concept: ``Lab`` and ``View`` (base), the static page
(page, ``core.js``, ``lab.css``), the house figure style, the self-check widget.

Nothing is imported here, so that a figure (``style``) never pulls in ipywidgets; import the
module you need (``from ftlib.labkit.base import Lab``).
"""
