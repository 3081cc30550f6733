"""Who the user is and what they may see: roles from data/roles.toml (or
$ADVISOR_ROLES), login from [auth] in .streamlit/secrets.toml."""

import importlib.util
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from advisor import db, disclosure

ROLES = ("rådgiver", "leder", "sekretariat")
# The pages (files in pages/) each role may open.
PAGES = {
    "rådgiver": {"overview", "monthly_load", "departments", "waiting_times", "repeat_contacts", "caseworker_changes",
                 "glossary", "data_import", "registrations", "dialogue_meeting"},
    "leder": {"overview", "monthly_load", "departments", "waiting_times", "repeat_contacts", "caseworker_changes", "glossary",
              "dialogue_meeting"},
    "sekretariat": {"overview", "monthly_load", "glossary"},
}
AUTH_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")


def roles_file() -> Path:
    return Path(os.environ.get("ADVISOR_ROLES") or db.DATA / "roles.toml")


def config(path: Path | None = None) -> dict:
    return tomllib.loads((path or roles_file()).read_text())


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


def read_secrets(secrets) -> dict:
    """st.secrets as a dict; empty when there is no secrets.toml at all."""
    try:
        return secrets.to_dict()
    except Exception:  # Streamlit raises when no secrets file exists
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
    unknown = sorted({entry.get("role") for entry in [*cfg.get("users", {}).values(), *cfg.get("groups", {}).values()]} - set(ROLES))
    if unknown:
        return f"roles.toml nævner ukendte roller: {', '.join(map(str, unknown))}. Rollerne er {', '.join(ROLES)}."
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


def without_login(cfg: dict) -> Access:
    return Access("rådgiver", None, None, True, disclosure.threshold(cfg.get("disclosure", {}).get("k")))
