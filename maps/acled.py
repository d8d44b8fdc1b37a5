"""The events frame in ACLED's CSV layout: ACLED's columns in ACLED's order, then ours.

Country names and ISO 3166 numeric codes come from the CLDR data that Babel ships;
ACLED's regions from the table below (no network, no gazetteer). docs/schema.md gives
each column's correspondence.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from functools import cache

import geopandas as gpd
import numpy as np
import pandas as pd
from babel import Locale
from babel.core import get_global

from maps.frames import point_coordinates

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip

# Our columns after ACLED's: every schema column not already carried under an ACLED name.
EXTRA_COLUMNS = [
    "label", "cameo", "date_start", "date_end", "place_id", "country_code",
    "location_reason", "actor1_country", "actor2_country", "fatalities_text", "counts",
    "modality", "confidence", "coding_reason", "article_id", "articles", "sentence_start",
    "sentence_end", "trigger", "trigger_start", "trigger_end", "sources",
]  # fmt: skip

DISORDER_TYPES = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

# ACLED's regions (UN M49 sub-regions as ACLED groups them), by ISO 3166-1 alpha-2 code.
_REGIONS = {
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW IO TF",
    "Southern Africa": "BW SZ LS NA ZA",
    "Northern Africa": "DZ LY MA SD TN EH",
    "Middle East": "BH EG IQ IR IL JO KW LB OM PS QA SA SY TR AE YE",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK MO JP KP KR MN TW",
    "Europe": "AL AD AT AX BY BE BA BG HR CY CZ DK EE FO FI FR DE GI GR GG VA HU IS IE IM "
    "IT JE XK LV LI LT LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB",
    "Caribbean": "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC "
    "SX TT TC VI",
    "Central America": "BZ CR SV GT HN MX NI PA",
    "South America": "AR BO BR CL CO EC FK GF GY PY PE SR UY VE GS BV",
    "North America": "BM CA GL PM US UM",
    "Oceania": "AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV VU WF "
    "CX CC HM",
    "Antarctica": "AQ",
}


@cache
def _country_tables() -> tuple[dict[str, int], dict[str, str], dict[str, str]]:
    """ISO2 -> (ISO 3166 numeric, English name, ACLED region)."""
    numeric: dict[str, int] = {}
    for code, targets in get_global("territory_aliases").items():
        if code.isdigit() and len(targets) == 1 and len(targets[0]) == 2:
            numeric.setdefault(targets[0], int(code))
    names = {k: v for k, v in Locale("en").territories.items() if len(k) == 2 and k.isalpha()}
    region = {iso2: name for name, codes in _REGIONS.items() for iso2 in codes.split()}
    return numeric, names, region


def iso_numeric(iso2: str | None) -> int | None:
    """ISO 3166-1 numeric code (ACLED's `iso`) of an ISO2 country code."""
    return _country_tables()[0].get(iso2.upper()) if isinstance(iso2, str) else None


def country_name(iso2: str | None) -> str | None:
    """English country name (ACLED's `country`)."""
    return _country_tables()[1].get(iso2.upper()) if isinstance(iso2, str) else None


def acled_region(iso2: str | None) -> str | None:
    """ACLED's region of a country."""
    return _country_tables()[2].get(iso2.upper()) if isinstance(iso2, str) else None


def interaction(inter1: float | None, inter2: float | None) -> int | None:
    """ACLED's interaction code: both inter codes, lower first; `x0` for a sole actor."""
    codes = sorted(int(c) for c in (inter1, inter2) if c is not None and not pd.isna(c))
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) == 2 else 0)


def _year(day: object) -> int | None:
    return int(day[:4]) if isinstance(day, str) and day else None


def _tags(counts: str | None) -> str:
    parsed = json.loads(counts) if isinstance(counts, str) and counts else {}
    return "; ".join(f"{k}={v}" for k, v in sorted(parsed.items()))


def _source_fields(sources: str | None) -> tuple[str, int | None]:
    """ACLED `source` (outlet names) and `timestamp` (latest publication, Unix seconds).

    The timestamp is derived from the articles, never from the clock, so exports are
    byte-for-byte reproducible.
    """
    records = json.loads(sources) if isinstance(sources, str) and sources else []
    names = sorted({r["source"] for r in records if r.get("source")})
    published = [r["published"] for r in records if r.get("published")]
    stamp = None
    if published:
        day = date.fromisoformat(max(published))
        stamp = int(datetime.combine(day, time(), tzinfo=UTC).timestamp())
    return "; ".join(names), stamp


def acled_frame(events: gpd.GeoDataFrame) -> pd.DataFrame:
    """The events frame (schema columns) as an ACLED-style table with our extra columns."""
    lon, lat = (np.round(values, 6) for values in point_coordinates(events))
    iso2 = events["country"]
    source_fields = [_source_fields(s) for s in events["sources"]]
    inter = zip(events["inter1"], events["inter2"], strict=True)
    civilian = (events["event_type"] == "Violence against civilians") | (events["inter2"] == 7)
    out = pd.DataFrame(
        {
            "event_id_cnty": events["id"],
            "event_date": events["date"],
            "year": pd.array([_year(d) for d in events["date"]], "Int64"),
            "time_precision": events["time_precision"],
            "disorder_type": events["event_type"].map(DISORDER_TYPES),
            "event_type": events["event_type"],
            "sub_event_type": events["sub_event_type"],
            "actor1": events["actor1"],
            "assoc_actor_1": None,
            "inter1": events["inter1"],
            "actor2": events["actor2"],
            "assoc_actor_2": None,
            "inter2": events["inter2"],
            "interaction": pd.array([interaction(a, b) for a, b in inter], "Int64"),
            "civilian_targeting": np.where(civilian.fillna(False), "Civilian targeting", ""),
            "iso": pd.array([iso_numeric(c) for c in iso2], "Int64"),
            "region": [acled_region(c) for c in iso2],
            "country": [country_name(c) for c in iso2],
            "admin1": events["admin1"],
            "admin2": None,
            "admin3": None,
            "location": events["location"],
            "latitude": lat,
            "longitude": lon,
            "geo_precision": events["geo_precision"],
            "source": [s for s, _ in source_fields],
            "source_scale": None,
            "notes": events["sentence"],
            "fatalities": events["fatalities"],
            "tags": [_tags(c) for c in events["counts"]],
            "timestamp": pd.array([t for _, t in source_fields], "Int64"),
        },
        index=events.index,
    )
    extras = events.rename(columns={"country": "country_code"})
    table = pd.concat([out, extras[EXTRA_COLUMNS]], axis=1).reset_index(drop=True)
    return table.apply(_disarm_formulas)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _disarm_formulas(column: pd.Series) -> pd.Series:
    """Text cells a spreadsheet would run as a formula get a leading apostrophe (OWASP)."""
    if not pd.api.types.is_string_dtype(column.dtype):
        return column
    return column.map(
        lambda v: f"'{v}" if isinstance(v, str) and v.startswith(_FORMULA_START) else v
    )
