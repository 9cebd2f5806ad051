"""Which numbers to call: the emergency number and the same-day line, by country.

Pure: the locale's environment variables are passed in, never read here.
"""

from __future__ import annotations

from collections.abc import Mapping

from .finding import Contacts

EU = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "NO",
        "IS",
        "LI",
        "CH",
    ]
)
"""The EU, the EEA and Switzerland: 112 everywhere."""
NUMBERS: dict[str, tuple[str, str]] = {
    "GB": ("999", "111"),
    "US": ("911", ""),
    "CA": ("911", ""),
    "AU": ("000", ""),
    "NZ": ("111", ""),
}
"""Country → (emergency number, non-emergency urgent line or "")."""
FALLBACK = "112"
"""The emergency number when the country is not known: it works across Europe
and on most mobile phones elsewhere."""


def country(env: Mapping[str, str]) -> str:
    """The two-letter country of the locale (``LC_ALL``, ``LC_MESSAGES``, then
    ``LANG``, as the C library reads them), or "" when none is set."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        territory = value.split(".")[0].split("@")[0].partition("_")[2]
        return territory.upper() if len(territory) == 2 and territory.isalpha() else ""
    return ""


def default_number(where: str) -> str:
    """The emergency number for a country code ("" or unknown: 112)."""
    if where in NUMBERS:
        return NUMBERS[where][0]
    return FALLBACK


def contacts(number: str, env: Mapping[str, str]) -> Contacts:
    """Who to call: ``number`` as the person confirmed it (or, when "", the
    locale's), and the locale's same-day line where it has one."""
    where = country(env)
    emergency = number or default_number(where)
    line = NUMBERS.get(where, ("", ""))[1]
    if line == emergency:
        line = ""
    return Contacts(emergency, line)
