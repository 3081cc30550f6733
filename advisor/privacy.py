"""CPR numbers and pseudonyms.

A CPR number (ten digits whose first six form a date, in any writing: see
CPR_PATTERN) is never stored, logged or shown. This module is the one place
that knows what a CPR number looks like: the importer, the audit log, error
messages and reports all ask it. The citizen column of the adviser's log is
replaced by an HMAC-SHA256 pseudonym; the key lives outside the database: in
$ADVISOR_PSEUDONYM_KEY or in .streamlit/secrets.toml ([advisor] pseudonym_key).
"""

import bisect
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
CPR_MASK = "[CPR-nummer]"

# A CPR number is ten digits whose first six form a date (ddmmyy), written
# any way a person or Word writes it: with hyphens, dashes, slashes, dots,
# underscores, ordinary, non-breaking or thin spaces, or nothing, between any
# of the digits (010203-1234, 010203–1234, 010203 - 1234, 01 02 03 12 34,
# 01.02.03-1234, 0102031234). The separators between two digits are at most
# three characters, so that two numbers far apart in a text are not read as one.
SEPARATORS = "-‐‑‒–—―−/._ \t\u00a0\u2007\u2009\u200a\u202f\u205f\u3000"
_SEP = f"[{re.escape(SEPARATORS)}]{{0,3}}"
CPR_PATTERN = re.compile(r"(?<!\d)\d" + f"(?:{_SEP}\\d){{9}}" + r"(?![\d])")
# A number typed into Excel loses its leading zero: 0102031234 becomes
# 102031234. Only a cell that is nine digits and nothing else is read so (nine
# digits inside a text, a hash's hex digits say, are too often something else).
_NINE = re.compile(r"(?:^|(?<=\x00))\d{9}(?=\x00|$)")


_ANY_DIGIT = re.compile(r"\d")


def _is_date(digits: str) -> bool:
    dd, mm, yy = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    for century in (1900, 2000):
        try:
            dt.date(century + yy, mm, dd)
            return True
        except ValueError:
            pass
    return False


def _digits(match: str) -> str:
    return "".join(c for c in match if c.isdigit())


def _cpr_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in CPR_PATTERN.finditer(text) if _is_date(_digits(m[0]))]
    spans += [m.span() for m in _NINE.finditer(text) if _is_date("0" + m[0])]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def has_cpr(text) -> bool:
    """True if `text` holds a CPR number in any writing (numbers are read as text)."""
    if text is None:
        return False
    return bool(_cpr_spans(str(text)))


def mask_cpr(text) -> str:
    """The text with every CPR number replaced by [CPR-nummer]."""
    text = "" if text is None else str(text)
    for start, end in reversed(_cpr_spans(text)):
        text = text[:start] + CPR_MASK + text[end:]
    return text


def cpr_cells(values: list[str]) -> set[int]:
    """The positions of the cells that hold a CPR number. One regular-expression
    pass over the whole column (cells joined by a character no separator
    matches), so a million cells take a fraction of a second."""
    joined = "\x00".join(values)
    if not _ANY_DIGIT.search(joined):
        return set()
    starts, position = [], 0
    for value in values:
        starts.append(position)
        position += len(value) + 1
    return {bisect.bisect_right(starts, start) - 1 for start, _ in _cpr_spans(joined)}


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
    """The same citizen written several ways gets one pseudonym: 010203-1234,
    010203 1234, 010203–1234 and 0102031234 are one citizen (the CPR number's
    ten digits); other keys ignore case and repeated spaces."""
    value = " ".join(value.split()).lower()
    spans = _cpr_spans(value)
    if not spans:
        return value
    out, last = [], 0
    for start, end in spans:
        digits = _digits(value[start:end])
        out += [value[last:start], digits.zfill(10)]
        last = end
    return "".join(out + [value[last:]]).strip()


def pseudonym(value: str, secret: bytes) -> str:
    digest = hmac.new(secret, normalise_citizen(value).encode(), hashlib.sha256).digest()
    return "".join(LETTERS[b % len(LETTERS)] for b in digest[:16])


# ---------------------------------------------------------------------------
# Short texts the app stores (an agreement of a dialogue meeting): never a
# citizen. Refused, with a Danish message, when the text holds a CPR number,
# an e-mail address, a phone number, or what reads as a person's name: one of
# the common Danish first names followed by a capitalised word ("Jens
# Hansen"), any word after a form of address ("fru hansen", "hr. Jensen"),
# or a capitalised word after "borger(en)", "ansøger(en)" or "klager(en)"
# ("borgeren Ahmed"). Organisation words are never names.
# The first names: Danmarks Statistik's most common names, men and women.
FIRST_NAMES = frozenset(["peter", "jens", "lars", "michael", "henrik", "thomas", "søren", "jan", "christian", "martin", "niels", "anders", "morten", "jesper", "mads", "rasmus", "per", "hans", "jørgen", "kim", "ole", "mikkel", "frederik", "kasper", "poul", "bent", "erik", "john", "jacob", "jakob", "brian", "carsten", "torben", "steen", "flemming", "allan", "simon", "nicolai", "christoffer", "lasse", "claus", "bo", "kristian", "daniel", "tobias", "alexander", "mathias", "emil", "william", "lucas", "oliver", "noah", "victor", "magnus", "oscar", "malthe", "aksel", "carl", "valdemar", "johan", "karl", "knud", "kurt", "leif", "preben", "svend", "tommy", "finn", "arne", "ib", "mohammed", "mohamed", "ahmed", "ali", "omar", "hassan", "anne", "kirsten", "hanne", "mette", "helle", "susanne", "lene", "maria", "marianne", "inge", "lone", "camilla", "pia", "louise", "charlotte", "bente", "tina", "jette", "gitte", "karen", "ida", "julie", "signe", "cecilie", "emma", "sofie", "freja", "laura", "anna", "clara", "ella", "alma", "karla", "josefine", "mathilde", "nanna", "rikke", "line", "maja", "birgitte", "dorthe", "else", "eva", "ulla", "lis", "ruth", "grethe", "birthe", "lisbeth", "tove", "ingrid", "kamilla", "sara", "sarah", "nadia", "fatima", "aisha", "amina", "malene", "heidi", "trine", "janne", "sanne", "stine", "katrine", "tanja", "vibeke", "winnie", "jane", "annette"])
_CAPITALISED = r"[A-ZÆØÅÄÖÜÉ][a-zæøåäöüé]+(?:-[A-ZÆØÅ][a-zæøåäöüé]+)?"
_NAME = re.compile(rf"\b({_CAPITALISED})\s+(?:[A-ZÆØÅ]\.\s*)?({_CAPITALISED})\b")
_ADDRESSED = re.compile(rf"\b(?:(?i:hr|fru|frk)(?:\.\s*|\s+)(\w+)|(?i:borger(?:en)?|ansøger(?:en)?|klager(?:en)?)\s+({_CAPITALISED}))\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"(?<![\d])(?:\+45[\s\u00a0]?)?\d{2}(?:[\s\u00a0.-]?\d{2}){3}(?![\d])")
# Words of the organisation and of the meeting that are capitalised in a
# sentence but are no one's name ("Jobcenter Syd", "Team Kontrol").
_NOT_NAMES = frozenset(["jobcenter", "borgerservice", "team", "kontrol", "ydelse", "familierådgivningen", "borger", "arbejdsmarked", "kultur", "børn", "sundhed", "omsorg", "teknik", "miljø", "udbetaling", "danmark", "skattestyrelsen", "region", "andet", "dialogmøde", "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"])


# The name found is not repeated in the message: it goes no further than the form.
NAMED = "ser ud til at nævne en person ved navn. Skriv aftalen om enheden, ikke om borgere eller medarbejdere"


def personal_text_problem(text: str) -> str | None:
    """Why `text` may not be stored, in Danish, or None: a CPR number, an
    e-mail address, a phone number or a person's name."""
    if has_cpr(text):
        return "indeholder noget, der ligner et CPR-nummer. Skriv aftalen uden oplysninger om borgere"
    if _EMAIL.search(text):
        return "indeholder en e-mailadresse. Skriv aftalen uden kontaktoplysninger"
    if _PHONE.search(text):
        return "indeholder et telefonnummer. Skriv aftalen uden kontaktoplysninger"
    for first, second in _NAME.findall(text):
        if first.lower() in FIRST_NAMES and second.lower() not in _NOT_NAMES:
            return NAMED
    for addressed, capitalised in _ADDRESSED.findall(text):
        name = addressed or capitalised
        if name.lower() not in _NOT_NAMES:
            return NAMED
    return None
