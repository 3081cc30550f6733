"""CPR numbers and pseudonyms.

A CPR number (ddmmyy-nnnn, or ten digits whose first six form a date) is
never stored, logged or shown. The citizen column of the adviser's log is
replaced by an HMAC-SHA256 pseudonym; the key lives outside the database: in
$ADVISOR_PSEUDONYM_KEY or in .streamlit/secrets.toml ([advisor] pseudonym_key).
"""

import datetime as dt
import hashlib
import hmac
import os
import re
import secrets
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent
SECRETS = ROOT / ".streamlit" / "secrets.toml"
KEY_VARIABLE = "ADVISOR_PSEUDONYM_KEY"
# Letters only, so a pseudonym can never be mistaken for a CPR number.
LETTERS = "abcdefghjkmnpqrstuvwxyz"
CPR_PATTERN = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})[- ]?\d{4}(?!\d)")
CPR_MASK = "[CPR-nummer]"


def _is_date(dd: str, mm: str, yy: str) -> bool:
    for century in (1900, 2000):
        try:
            dt.date(century + int(yy), int(mm), int(dd))
            return True
        except ValueError:
            pass
    return False


def has_cpr(text) -> bool:
    if not isinstance(text, str):
        return False
    return any(_is_date(*m.groups()) for m in CPR_PATTERN.finditer(text))


def mask_cpr(text: str) -> str:
    """The text with every CPR number replaced by [CPR-nummer]."""
    return CPR_PATTERN.sub(lambda m: CPR_MASK if _is_date(*m.groups()) else m[0], text or "")


class MissingKey(RuntimeError):
    pass


def key(secrets_file: Path = SECRETS) -> bytes:
    value = os.environ.get(KEY_VARIABLE)
    if not value and secrets_file.exists():
        value = tomllib.loads(secrets_file.read_text()).get("advisor", {}).get("pseudonym_key")
    if not value:
        raise MissingKey(
            f"Der er ingen nøgle til pseudonymer. Sæt miljøvariablen {KEY_VARIABLE}, eller skriv "
            f"pseudonym_key under [advisor] i {secrets_file} (make run laver en lokal nøgle)."
        )
    return value.encode()


def ensure_local_key(secrets_file: Path = SECRETS) -> bool:
    """Create a random key in secrets.toml, readable by the owner only; True if created."""
    existing = secrets_file.read_text() if secrets_file.exists() else ""
    if os.environ.get(KEY_VARIABLE) or tomllib.loads(existing).get("advisor", {}).get("pseudonym_key"):
        return False
    secrets_file.parent.mkdir(parents=True, exist_ok=True)
    section = f'[advisor]\n# Key of the citizen pseudonyms. Keep it secret, keep it safe: without it\n# a new import cannot recognise earlier citizens.\npseudonym_key = "{secrets.token_urlsafe(32)}"\n'
    fd = os.open(secrets_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a") as f:
        f.write(("\n" if existing and not existing.endswith("\n") else "") + ("\n" if existing else "") + section)
    os.chmod(secrets_file, 0o600)
    return True


def normalise_citizen(value: str) -> str:
    """The same citizen written two ways gets one pseudonym: 010203-1234 = 0102031234."""
    value = " ".join(value.split()).lower()
    return value.replace("-", "") if has_cpr(value) else value


def pseudonym(value: str, secret: bytes) -> str:
    digest = hmac.new(secret, normalise_citizen(value).encode(), hashlib.sha256).digest()
    return "".join(LETTERS[b % len(LETTERS)] for b in digest[:16])
