from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)


def current_code(secret: str) -> str:
    """The code an authenticator app would show right now."""
    counters = list(yield_hotp_counters_from_time())
    now = counters[len(counters) // 2]
    return format_hotp_value(hotp_value(secret, now))
