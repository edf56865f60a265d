"""Cross-language, typo-tolerant search over the directory.

``text`` turns text into search terms, ``index`` writes the posting tables,
``updates`` runs it once for each write that changed what the search shows,
``query`` finds and ranks offers. The index is our
own (a term vocabulary, one-deletion variants and postings), so the same
code is fast on SQLite and PostgreSQL alike.
"""
