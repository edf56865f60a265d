"""Cross-language, typo-tolerant search over the directory.

``text`` turns text into search terms, ``index`` keeps the posting tables in
step with the directory, ``query`` finds and ranks offers. The index is our
own (a term vocabulary, one-deletion variants and postings), so the same
code is fast on SQLite and PostgreSQL alike.
"""
