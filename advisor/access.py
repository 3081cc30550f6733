"""Who the user is and what they may see: roles from data/roles.toml (or
$ADVISOR_ROLES), login from [auth] in .streamlit/secrets.toml."""

import hashlib
import importlib.util
import json
import os
import time
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from advisor import audit, db, disclosure

ROLES = ("rådgiver", "leder", "sekretariat")
# The pages (files in pages/) each role may open.
PAGES = {
    "rådgiver": {"overview", "monthly_load", "departments", "waiting_times", "repeat_contacts", "caseworker_changes",
                 "glossary", "data_import", "registrations", "dialogue_meeting", "annual_report"},
    "leder": {"overview", "monthly_load", "departments", "waiting_times", "repeat_contacts", "caseworker_changes", "glossary",
              "dialogue_meeting"},
    "sekretariat": {"overview", "monthly_load", "glossary"},
}
AUTH_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")
SESSION_HOURS = 10  # a working day: a login older than this is ended


SECTIONS = {"login": {"required", "group_claim", "session_hours"}, "disclosure": {"k"}, "users": None, "groups": None}
ENTRY_KEYS = {"role", "departments"}


class BrokenConfig(Exception):
    """The configuration cannot be trusted; the app shows this (Danish) and nothing else."""


def roles_file() -> Path:
    return Path(os.environ.get("ADVISOR_ROLES") or db.DATA / "roles.toml")


def config(path: Path | None = None) -> dict:
    """The roles file, checked: anything it does not say clearly stops the app
    (BrokenConfig), so a mistake never gives anyone more than was meant."""
    path = path or roles_file()
    try:
        cfg = tomllib.loads(path.read_text())
    except FileNotFoundError:
        raise BrokenConfig(f"Rollefilen {path.name} findes ikke. Appen starter ikke uden roller.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise BrokenConfig(f"Rollefilen {path.name} kan ikke læses ({e}). Appen starter ikke, før den er rettet.") from None
    if problem := roles_problem(cfg):
        raise BrokenConfig(f"Rollefilen {path.name}: {problem} Appen starter ikke, før den er rettet.")
    return cfg


def roles_problem(cfg: dict) -> str | None:
    """What is wrong with a roles file, in Danish, or None."""
    for section, value in cfg.items():
        if section not in SECTIONS:
            return f"ukendt afsnit [{section}]. Afsnittene er {', '.join(f'[{s}]' for s in SECTIONS)}."
        if not isinstance(value, dict):
            return f"[{section}] skal være et afsnit."
        allowed = SECTIONS[section]
        if allowed is not None and (unknown := sorted(set(value) - allowed)):
            return f"[{section}] har ukendte nøgler: {', '.join(unknown)}."
    k = cfg.get("disclosure", {}).get("k", disclosure.DEFAULT_K)
    if not isinstance(k, int) or isinstance(k, bool) or k < disclosure.MINIMUM_K:
        return f"[disclosure] k skal være et helt tal på mindst {disclosure.MINIMUM_K}."
    hours = cfg.get("login", {}).get("session_hours", SESSION_HOURS)
    if not isinstance(hours, (int, float)) or isinstance(hours, bool) or not 0 < hours <= 24:
        return "[login] session_hours skal være et antal timer mellem 0 og 24."
    for section in ("users", "groups"):
        for name, entry in cfg.get(section, {}).items():
            if not isinstance(entry, dict):
                return f"{name} i [{section}] skal have role (og evt. departments)."
            if unknown := sorted(set(entry) - ENTRY_KEYS):
                return f"{name} i [{section}] har ukendte nøgler: {', '.join(unknown)} (kun role og departments)."
            if entry.get("role") not in ROLES:
                return f"{name} i [{section}] har en ukendt rolle: {entry.get('role')!r}. Rollerne er {', '.join(ROLES)}."
            departments = entry.get("departments")
            if "departments" in entry and (not isinstance(departments, list) or not departments
                                           or not all(isinstance(d, str) and d.strip() for d in departments)):
                return (f"{name} i [{section}] har departments = {departments!r}: skriv mindst én forvaltning, "
                        "eller udelad departments for alle forvaltninger.")
    return None


@dataclass(frozen=True)
class Access:
    role: str
    departments: tuple[str, ...] | None = None  # None: every department
    user: str | None = None
    demo: bool = False  # no login configured: everyone is the adviser
    k: int = disclosure.DEFAULT_K

    @property
    def protected(self) -> bool:
        """Leaders and the secretariat see aggregates with disclosure control."""
        return self.role != "rådgiver"

    def may_open(self, page: str) -> bool:
        return page in PAGES[self.role]


def read_secrets(secrets, files: list[str] | None = None) -> dict:
    """st.secrets as a dict; empty when there is no secrets file at all. A
    secrets file that exists but cannot be read stops the app (BrokenConfig):
    it may hold the [auth] that keeps it closed."""
    try:
        return secrets.to_dict()
    except Exception:
        if files is None:
            from streamlit import config as streamlit_config

            files = streamlit_config.get_option("secrets.files")
        broken = [f for f in files if Path(f).exists()]
        if broken:
            raise BrokenConfig(f"{Path(broken[0]).name} kan ikke læses. Appen starter ikke, før filen er rettet "
                               "(login og nøgler står i den).") from None
        return {}


def login_configured(secrets: Mapping) -> bool:
    return "auth" in secrets


def auth_problem(secrets: Mapping, cfg: dict) -> str | None:
    """Why the app must refuse to start, or None. A broken login never falls open."""
    auth = secrets.get("auth")
    if auth is None:
        if cfg.get("login", {}).get("required"):
            return ("Login er påkrævet (roles.toml: [login] required = true), men der er ingen [auth] i "
                    ".streamlit/secrets.toml. Appen starter ikke uden login.")
        return None
    missing = [key for key in AUTH_KEYS if not str(auth.get(key, "")).strip()]
    if missing:
        return ("Login er sat op i .streamlit/secrets.toml, men [auth] mangler " + ", ".join(missing)
                + ". Appen starter ikke, før login virker.")
    not_urls = [key for key in ("redirect_uri", "server_metadata_url") if not str(auth[key]).startswith(("http://", "https://"))]
    if not_urls:
        return "I [auth] skal " + " og ".join(not_urls) + " være fulde adresser (http:// eller https://)."
    if importlib.util.find_spec("authlib") is None:
        return "Login kræver pakken Authlib, som ikke er installeret."
    if len(str(auth["cookie_secret"])) < 16:
        return "I [auth] skal cookie_secret være en lang, tilfældig tekst (mindst 16 tegn)."
    return None


def resolve(user: Mapping, cfg: dict) -> Access | None:
    """The access of a logged-in user: by e-mail first, then by group; None if none."""
    k = disclosure.threshold(cfg.get("disclosure", {}).get("k"))
    email = str(user.get("email") or "").strip().lower()
    users = {name.lower(): entry for name, entry in cfg.get("users", {}).items()}
    groups = user.get(cfg.get("login", {}).get("group_claim", "groups")) or []
    entry = users.get(email) or next((cfg["groups"][g] for g in groups if g in cfg.get("groups", {})), None)
    if entry is None:
        return None
    departments = entry.get("departments")
    return Access(entry["role"], tuple(departments) if departments else None, email or None, False, k)


def session_id(user: Mapping) -> str | None:
    """One login: its identity token's issuer, subject and time of issue."""
    if not user.get("iat"):
        return None
    text = json.dumps([str(user.get("iss", "")), str(user.get("sub") or user.get("email") or ""), str(user["iat"])])
    return hashlib.sha256(text.encode()).hexdigest()


def session_problem(user: Mapping, cfg: dict, database: Path, now: float | None = None) -> str | None:
    """Why a login no longer opens anything, in Danish, or None: it was ended
    by logging out (a copied cookie dies with it), or it is older than a
    working day ([login] session_hours, 10 unless set), or it cannot be told
    apart from other logins."""
    session = session_id(user)
    if session is None:
        return "Log ind igen."
    hours = cfg.get("login", {}).get("session_hours", SESSION_HOURS)
    if (now or time.time()) - float(user["iat"]) > hours * 3600:
        return f"Du har været logget ind i mere end {hours:g} timer. Log ind igen."
    if audit.revoked(database, session):
        return "Du er logget ud. Log ind igen."
    return None


def without_login(cfg: dict) -> Access:
    return Access("rådgiver", None, None, True, disclosure.threshold(cfg.get("disclosure", {}).get("k")))
