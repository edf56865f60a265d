"""Site content the coordinator edits: the legal pages and the emergency numbers.

Part of ``core`` because it knows no domain: three pages in the footer of
every page (imprint, privacy notice, accessibility statement) and the
emergency box in the header. Both are translated like other content
(``core.translation``) and edited in the admin (``admin.py``).
"""
