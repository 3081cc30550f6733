"""What a cell of the adviser's log may hold, and how it is cleaned.

A log comes out of Word and Excel, typed by hand: non-breaking and thin
spaces, zero-width characters, bidi marks, autocorrected dashes and pasted
text are normal. Every cell is cleaned the same way before anything else
looks at it (Unicode NFKC, invisible characters removed, every kind of space
a plain one), so that none of them can make a second citizen or topic, or a
valid department look invalid. Control characters (NUL included) are refused,
each with a Danish message, and so are letters from another alphabet in the
fields that must match the organisation's own names (a Cyrillic "а" that looks
like a Latin "a").
"""

import re
import unicodedata

# Zero-width characters and bidi controls: invisible, never meant.
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f"
                       "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c]")
# Any run of white space but a single plain space (which stays as it is).
_SPACE = "[\\s\u00a0\u2007\u2009\u200a\u202f\u205f\u3000]"
_SPACES = re.compile(f"(?: {_SPACE}+|(?! ){_SPACE}+)")
# Is there any such run at all? A fast first look: white space other than a plain space, or two spaces.
_ODD_SPACE = re.compile("[\t\n\r\x0b\x0c\x1c-\x1f\x85\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|  ")

# The longest text a field may hold (characters); a longer one is an error.
MAX_LENGTH = {"Løbenr.": 40, "Borger": 100, "Emne": 200}
DEFAULT_MAX_LENGTH = 100

SCRIPTS = {"CYRILLIC": "kyrillisk", "GREEK": "græsk", "ARMENIAN": "armensk", "CHEROKEE": "cherokee"}


def clean(value) -> str:
    """A cell as text: NFKC, no invisible characters, spaces folded, trimmed."""
    if value is None:
        return ""
    text = INVISIBLE.sub("", unicodedata.normalize("NFKC", str(value)))
    return _SPACES.sub(" ", text).strip()


def clean_column(values: list) -> list[str]:
    """clean() for a whole column at once: the cells joined by NUL, cleaned in
    one pass of each C-level step, split again (a million cells in well under
    a second, where a call per cell took many seconds)."""
    texts = ["" if v is None else str(v) for v in values]
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:  # a NUL inside a cell: cell by cell
        return [clean(t) for t in texts]
    joined = INVISIBLE.sub("", unicodedata.normalize("NFKC", joined))
    if _ODD_SPACE.search(joined):
        joined = _SPACES.sub(" ", joined)
    return _EDGES.sub("\x00", joined).strip(" ").split("\x00") if texts else []


_EDGES = re.compile(" \x00 ?|\x00 ")


def control_character(text: str) -> str | None:
    """A Danish description of the first control character in `text`, if any."""
    for char in text:
        if unicodedata.category(char) == "Cc":
            return f"indeholder et kontroltegn (U+{ord(char):04X}); skriv teksten uden det"
    return None


def foreign_letter(text: str) -> str | None:
    """A Danish description of the first letter that is not from the Latin
    alphabet, e.g. a Cyrillic look-alike in "Borgerservicе"."""
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            if not name.startswith("LATIN"):
                script = SCRIPTS.get(name.split(" ")[0], "ikke-latinsk")
                return (f"indeholder tegnet '{char}' ({script} bogstav, U+{ord(char):04X}), som ligner et "
                        "almindeligt bogstav; skriv navnet med almindelige bogstaver")
    return None


def max_length(label: str) -> int:
    return MAX_LENGTH.get(label, DEFAULT_MAX_LENGTH)


def too_long(label: str, text: str) -> str | None:
    limit = max_length(label)
    if len(text) > limit:
        return f"er {len(text)} tegn lang; højst {limit} tegn"
    return None


# An Excel formula that was never calculated: the workbook holds no value.
UNCALCULATED = "\uffff(formel uden værdi)"

# A date, or a date and a time: "31-01-2019", "2019-01-31 12:34", "31.01.2019 12.34.56".
DATE_TIME = re.compile(r"(\d{1,2}[-./]\d{1,2}[-./]\d{4}|\d{4}-\d{2}-\d{2})([ T]\d{1,2}[:.]\d{2}([:.]\d{2})?)?")
