"""Short references people can read out: applications and accommodation requests carry one."""

import secrets


def new_reference():
    """A short, non-guessable application reference (80 random bits), e.g. K7Q2-M9XD-4HTA-P3WZ."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))
