"""HSDS identifiers for records that have no UUID of their own.

HSDS wants a UUID on every object, also on those our tables keep as a field
or a link row (an address, a spoken language, an offer's topic). They are
derived with UUID v5 from the owning record's id, so the same object has the
same id in every response, on every machine, and across exports.
"""

from __future__ import annotations

import hashlib
import uuid

# Fixed namespace for the API's own derived identifiers.
HSDS_NAMESPACE = uuid.UUID("3b0f4a5e-8c1d-4e7a-9f26-5d8c2b71a0e4")

TOPICS_TAXONOMY_ID = uuid.uuid5(HSDS_NAMESPACE, "taxonomy:topics")
TARGET_GROUPS_TAXONOMY_ID = uuid.uuid5(HSDS_NAMESPACE, "taxonomy:target-groups")


def derived_id(owner_id: uuid.UUID | str, kind: str) -> str:
    """The id of a part of the record ``owner_id`` (e.g. its address): ``uuid5(owner_id, kind)``.

    Written out here rather than through ``uuid.uuid5``, which builds two UUID
    objects per call: a full export derives about ten ids per offer.
    """
    # SHA-1 because UUID v5 prescribes it: this is an identifier, not a secret.
    owner = (
        bytes.fromhex(owner_id.replace("-", "")) if isinstance(owner_id, str) else owner_id.bytes
    )
    sha1 = hashlib.sha1(owner + kind.encode(), usedforsecurity=False)
    digest = bytearray(sha1.digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    hex_digits = digest.hex()
    return "-".join(
        (hex_digits[:8], hex_digits[8:12], hex_digits[12:16], hex_digits[16:20], hex_digits[20:])
    )


def target_group_term_id(slug: str) -> uuid.UUID:
    """Target groups have integer keys; their term id comes from the stable slug."""
    return uuid.uuid5(HSDS_NAMESPACE, f"target-group:{slug}")
