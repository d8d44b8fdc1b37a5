"""The SQLite schema of the embedded store, and the codes stored in it."""

from __future__ import annotations

SCHEMA_VERSION = "1"

KINDS = ("country", "admin1", "admin2", "city", "sea", "region", "landmark", "derived")
AREAL_KINDS = ("country", "admin1", "sea", "region", "derived")

# names.match: how a normalised name points at a place (lower is a better match).
MATCH_NAME, MATCH_ALIAS, MATCH_DEMONYM, MATCH_LANDMARK = 0, 1, 2, 3
MATCH_LABELS = {
    MATCH_NAME: "exact",
    MATCH_ALIAS: "alias",
    MATCH_DEMONYM: "demonym",
    MATCH_LANDMARK: "landmark",
}

COORD_SCALE = 100_000  # places.lat/lon are integers: degrees * COORD_SCALE (1.1 m)
FUZZY_MIN_POPULATION = 15_000
IMPORTANCE_SCALE = 10_000  # places.importance is an integer: prior weight * IMPORTANCE_SCALE

DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
-- pid: the GeoNames id for GeoNames rows, negative for Natural Earth / supplement rows,
-- whose stable id is in `key` (ne:<layer>:<key> or sup:<slug>).
CREATE TABLE places (
    pid INTEGER PRIMARY KEY,
    key TEXT,
    name TEXT NOT NULL,
    kind INTEGER NOT NULL,  -- index into KINDS
    feature_code TEXT,
    country TEXT,
    admin1 TEXT,
    population INTEGER NOT NULL,
    lat INTEGER NOT NULL,  -- degrees * COORD_SCALE
    lon INTEGER NOT NULL,
    importance INTEGER NOT NULL  -- prior weight * IMPORTANCE_SCALE
);
CREATE UNIQUE INDEX places_key ON places (key) WHERE key IS NOT NULL;
CREATE TABLE admin1 (code TEXT PRIMARY KEY, name TEXT NOT NULL, pid INTEGER) WITHOUT ROWID;
CREATE TABLE names (
    norm TEXT NOT NULL,
    pid INTEGER NOT NULL,
    match INTEGER NOT NULL,
    PRIMARY KEY (norm, pid)
) WITHOUT ROWID;
-- Names of notable places (countries, regions, seas, towns >= FUZZY_MIN_POPULATION): the
-- vocabulary of typo-tolerant (fuzzy) lookup.
CREATE TABLE fuzzy (norm TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE geoms (
    pid INTEGER PRIMARY KEY,
    minx REAL NOT NULL, miny REAL NOT NULL, maxx REAL NOT NULL, maxy REAL NOT NULL,
    shape BLOB NOT NULL  -- gazetteer.geomcodec encoding
);
"""

# The build's scratch tables: same layout with plain text kinds and float coordinates.
STAGING_DDL = (
    DDL.replace("kind INTEGER", "kind TEXT")
    .replace(",\n    PRIMARY KEY (norm, pid)\n) WITHOUT ROWID;", "\n);")
    .replace("lat INTEGER", "lat REAL")
    .replace("lon INTEGER", "lon REAL")
    .replace("importance INTEGER", "importance REAL")
)
