"""The HSDS 3.0 read API of the public directory (Open Referral), under /api/hsds/.

``api.py`` holds the endpoints, ``schemas.py`` the query parameters,
``selectors.py`` the reads (public data only), ``serializers.py`` the mapping
of model objects to HSDS dicts, ``paging.py`` the page envelope and the
NDJSON stream, ``language.py`` the choice of the one language per request.
"""
