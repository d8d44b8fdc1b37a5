"""Derived areas and reverse lookup, computed from the stored polygons.

"southern Caribbean", "northern Venezuela", "the Venezuelan coast", "off the coast of
Venezuela", "Colombia-Venezuela border": each becomes a `Candidate` of kind "derived" with a
polygon and a representative point. Geometry is cut in a Lambert azimuthal equal-area
projection centred on the place, so "southern" means south of the middle in metres, not in
degrees, and buffers are true distances.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import Any, Protocol

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from gazetteer.antimeridian import split_antimeridian
from gazetteer.lookup import PlaceLookup
from gazetteer.normalize import normalize_name
from gazetteer.places import Candidate


class AreaStore(PlaceLookup, Protocol):
    """What the area functions ask of the store (`gazetteer.store.Gazetteer`)."""

    def country(self, iso2: str) -> Candidate | None: ...
    def id_of(self, pid: int) -> str: ...
    def kind_of(self, pid: int) -> str: ...
    def importance_of(self, cand: Candidate) -> float: ...
    def areal_places(self, kinds: tuple[str, ...]) -> list[tuple[int, tuple[float, ...]]]: ...
    def locate_index(self) -> Any: ...
    def remember_derived(self, cand: Candidate, geom: BaseGeometry) -> Candidate: ...
    def derived_cached(self, place_id: str) -> Candidate | None: ...
    def remember_missing(self, place_id: str) -> None: ...
    def known_missing(self, place_id: str) -> bool: ...


COAST_KM = 25.0  # "the Venezuelan coast": land and water within 25 km of the coastline
OFFSHORE_KM = 100.0  # "off the coast of X": sea within 100 km of X's coast
BORDER_KM = 25.0  # "X-Y border": within 25 km of the shared boundary, on either side
COAST_SNAP = 0.03  # degrees (~3 km): locate() snaps points this close to a coast onto the land
_FAR = 5.0e7  # metres: "infinity" for half-plane clips

_DIRECTIONS = {
    "northern": (0.0, 1.0),
    "southern": (0.0, -1.0),
    "eastern": (1.0, 0.0),
    "western": (-1.0, 0.0),
    "north-eastern": (1.0, 1.0),
    "north-western": (-1.0, 1.0),
    "south-eastern": (1.0, -1.0),
    "south-western": (-1.0, -1.0),
}
QUALIFIERS = (*_DIRECTIONS, "central", "coast", "off-coast")
_DIRECTION_WORD = (
    r"(?P<dir>(?:north|south)[\s-]?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?|"
    r"east(?:ern)?|west(?:ern)?|central|centre of|center of|middle of)"
)
_DIRECTIONAL = re.compile(
    rf"^(?:the\s+)?{_DIRECTION_WORD}\s+(?:part\s+of\s+(?:the\s+)?)?(?P<base>.+)$"
)
_OFFSHORE = re.compile(
    r"^(?:waters\s+)?off\s+(?:the\s+)?(?:(?:coast|coasts|shores?)\s+of\s+(?:the\s+)?(?P<a>.+)|"
    r"(?P<b>.+?)\s+(?:coast|coastline|shore))$|^(?P<c>.+?)\s+(?:territorial\s+)?waters$"
)
_COAST = re.compile(
    r"^(?:the\s+)?(?:(?:coast|coastline|shores?)\s+of\s+(?:the\s+)?(?P<a>.+)|"
    r"(?P<b>.+?)\s+(?:coast|coastline|seaboard|shore))$"
)
_BORDER = re.compile(
    r"^(?:the\s+)?(?:border\s+(?:between|of)\s+(?:the\s+)?(?P<a1>.+?)\s+and\s+(?:the\s+)?(?P<b1>.+)|"
    r"(?P<a2>.+?)\s*(?:[–—/]|-(?=\S)|\s-\s)\s*(?P<b2>.+?)\s+(?:border|frontier|boundary)"
    r"(?:\s+(?:area|region|zone))?)$"
)


def canonical_qualifier(word: str) -> str | None:
    """'south' / 'Southern' / 'north east' / 'northeastern' -> 'southern', 'north-eastern'..."""
    w = normalize_name(word).replace(" ", "")
    if w in ("coast", "coastal"):
        return "coast"
    if w in ("offcoast", "offshore", "offthecoast"):
        return "off-coast"
    if w in ("central", "centreof", "centerof", "middleof", "centre", "center", "middle"):
        return "central"
    w = w.removesuffix("ern")
    for ns in ("north", "south"):
        for ew in ("east", "west"):
            if w == ns + ew:
                return f"{ns}-{ew}ern"
    return f"{w}ern" if w in ("north", "south", "east", "west") else None


# -- geometry helpers ------------------------------------------------------------------------
def _centre(geom: BaseGeometry) -> tuple[float, float]:
    """(lon, lat) centroid, correct for shapes split at the antimeridian (Russia, Fiji)."""
    minx, _, maxx, _ = geom.bounds
    if maxx - minx <= 180:
        c = geom.centroid
        return c.x, c.y
    shifted = shapely.transform(geom, lambda xy: np.where(xy < 0, xy + [360.0, 0.0], xy))
    c = shifted.centroid
    return (c.x - 360 if c.x > 180 else c.x), c.y


def _transformers(geom: BaseGeometry) -> tuple[Transformer, Transformer]:
    """WGS84 -> a Lambert azimuthal equal-area projection centred on `geom`, and back.

    Built as PROJ pipelines from their definition: `Transformer.from_crs` searches PROJ's
    database for the same operation, much more slowly, with the same coordinates.
    """
    lon, lat = _centre(geom)
    laea = f"+proj=laea +lat_0={lat:.4f} +lon_0={lon:.4f} +ellps=WGS84"
    degrees = "+proj=unitconvert +xy_in=deg +xy_out=rad"
    return (
        Transformer.from_pipeline(f"+proj=pipeline +step {degrees} +step {laea}"),
        Transformer.from_pipeline(f"+proj=pipeline +step +inv {laea} +step +inv {degrees}"),
    )


def _apply(geom: BaseGeometry, tr: Transformer) -> BaseGeometry:
    def fn(xy: np.ndarray) -> np.ndarray:
        if len(xy) == 1:  # pyproj tries its point path first: a 1-element array warns there
            return np.array([tr.transform(*xy[0])])
        x, y = tr.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geom, fn)


def _unprojected(geom: BaseGeometry, inv: Transformer) -> BaseGeometry | None:
    """A shape built in the local projection, back in WGS84 and cut at the antimeridian
    (the band off Alaska's Aleutians would otherwise wrap round the world)."""
    return _polygonal(shapely.make_valid(split_antimeridian(_apply(geom, inv))))


def _polygonal(geom: BaseGeometry) -> BaseGeometry | None:
    parts = [
        g
        for g in getattr(geom, "geoms", [geom])
        if g.geom_type in ("Polygon", "MultiPolygon") and not g.is_empty
    ]
    if not parts:
        return None
    out = shapely.union_all(parts) if len(parts) > 1 else parts[0]
    return None if out.is_empty else out


def directional_part(geom: BaseGeometry, qualifier: str) -> BaseGeometry | None:
    """The part of `geom` beyond its middle in a direction (equal-area), or its centre."""
    fwd, inv = _transformers(geom)
    proj = shapely.make_valid(_apply(geom, fwd))
    if qualifier == "central":
        minx, miny, maxx, maxy = proj.bounds
        w, h = (maxx - minx) / 4, (maxy - miny) / 4
        cut = proj.intersection(shapely.box(minx + w, miny + h, maxx - w, maxy - h))
    else:
        dx, dy = _DIRECTIONS[qualifier]
        norm = math.hypot(dx, dy)
        dx, dy = dx / norm, dy / norm
        coords = shapely.get_coordinates(proj)
        along = coords @ np.array([dx, dy])
        mid = (along.min() + along.max()) / 2
        px, py = -dy, dx  # perpendicular
        half_plane = Polygon(
            [
                (dx * mid + px * _FAR, dy * mid + py * _FAR),
                (dx * mid - px * _FAR, dy * mid - py * _FAR),
                (dx * (mid + _FAR) - px * _FAR, dy * (mid + _FAR) - py * _FAR),
                (dx * (mid + _FAR) + px * _FAR, dy * (mid + _FAR) + py * _FAR),
            ]
        )
        cut = proj.intersection(half_plane)
    cut = _polygonal(cut)
    return _unprojected(cut, inv) if cut is not None else None


def _neighbourhood(geom: BaseGeometry, pad: float) -> list[tuple[float, float, float, float]]:
    """Bounding boxes of `geom`'s parts grown by `pad` degrees, merged where they overlap.

    One box for the whole of a country that spans the antimeridian (the United States,
    Russia, Fiji) would go round the world and take in every country at its latitudes.
    """
    bounds = shapely.bounds(shapely.get_parts(geom)) + np.array([-pad, -pad, pad, pad])
    merged = shapely.get_parts(shapely.union_all(shapely.box(*bounds.T)))
    return [(a, b, c, d) for a, b, c, d in shapely.bounds(merged).tolist()]


def _neighbours_land(gz: AreaStore, geom: BaseGeometry, exclude: str, pad: float) -> BaseGeometry:
    """Union of the other countries' polygons within `pad` degrees of `geom`'s parts."""
    boxes = _neighbourhood(geom, pad)
    parts: list[BaseGeometry] = []
    for pid, (a, b, c, d) in gz.areal_places(("country",)):
        near = [box for box in boxes if a <= box[2] and c >= box[0] and b <= box[3] and d >= box[1]]
        if not near or (pid_id := gz.id_of(pid)) == exclude:
            continue
        if (g := gz.geometry(pid_id)) is not None:
            parts.extend(shapely.clip_by_rect(g, *box) for box in near)
    parts = [p for p in parts if not p.is_empty]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _buffered(geom: BaseGeometry, d: float) -> BaseGeometry:
    """`geom` grown (d > 0) or shrunk (d < 0) by |d| metres, part by part, in two steps.

    Growing (shrinking) by two discs in turn is the same as by one of the summed radius; the
    first step of d/4 smooths the small bays and capes that make one large buffer of a
    detailed outline slow in GEOS.
    """
    parts = shapely.get_parts(geom)
    return shapely.union_all(shapely.buffer(shapely.buffer(parts, d / 4), 3 * d / 4))


def _near(line: BaseGeometry, d: float) -> BaseGeometry:
    """A coarse area holding every point within `d` metres of `line` (and a little more).

    The line is simplified at d/5 first: no point of it moves further than that, so growing
    the coarse line by d + d/5 covers the true d-buffer, at a small part of its cost.
    """
    coarse = d / 5
    return shapely.union_all(shapely.buffer(shapely.get_parts(line.simplify(coarse)), d + coarse))


def coastal_band(
    gz: AreaStore, place_id: str, geom: BaseGeometry, offshore: bool
) -> BaseGeometry | None:
    """Land+sea within COAST_KM of the coastline, or sea within OFFSHORE_KM (offshore=True).

    The band is the place's grown outline (less the place, or less its inner core for a
    coast), kept where it is near the coastline (not a land border) and off the neighbours'
    land.
    """
    d = (OFFSHORE_KM if offshore else COAST_KM) * 1000
    fwd, inv = _transformers(geom)
    land = _neighbours_land(gz, geom, place_id, d / 80_000 + 1.0)
    # Kilometre-wide bands need no 1 km detail: grow simplified outlines (1/50 of the
    # width), then cut with the full-resolution land so no band reaches over it.
    tol = d / 50
    full = shapely.make_valid(_apply(geom, fwd))
    p_geom = full.simplify(tol)
    p_land = shapely.make_valid(_apply(land, fwd)) if not land.is_empty else land
    coastline = p_geom.boundary
    if not p_land.is_empty:
        coastline = coastline.difference(p_land.simplify(tol).buffer(3000))
    if coastline.is_empty or coastline.length < 1000:
        return None
    inner = full if offshore else _buffered(p_geom, -d)
    band = _buffered(p_geom, d).difference(inner).intersection(_near(coastline, d))
    if not p_land.is_empty:
        band = band.difference(p_land)
    band = _polygonal(shapely.make_valid(band))
    return _unprojected(band, inv) if band is not None else None


def border_band(a: BaseGeometry, b: BaseGeometry) -> BaseGeometry | None:
    """Both sides of the boundary shared by `a` and `b`, BORDER_KM deep."""
    both = shapely.union_all([a, b])
    fwd, inv = _transformers(both)
    pa, pb = (shapely.make_valid(_apply(g, fwd).simplify(BORDER_KM * 20)) for g in (a, b))
    d = BORDER_KM * 1000
    band = pa.buffer(d).intersection(pb.buffer(d)).intersection(shapely.union_all([pa, pb]))
    band = _polygonal(shapely.make_valid(band))
    return _unprojected(band, inv) if band is not None else None


def representative_point(geom: BaseGeometry) -> Point:
    """The (equal-area) centroid when it lies inside, else the nearest point of the area."""
    fwd, inv = _transformers(geom)
    proj = shapely.make_valid(_apply(geom, fwd))
    c = proj.centroid
    if not proj.contains(c):
        c = nearest_points(proj, c)[0]
    return split_antimeridian(_apply(c, inv))


# -- candidates ------------------------------------------------------------------------------
def _make(
    gz: AreaStore,
    pid: str,
    name: str,
    qualifier: str,
    base: Candidate,
    geom: BaseGeometry,
    country: str | None,
) -> Candidate:
    pt = representative_point(geom)
    cand = Candidate(
        id=pid,
        name=name,
        kind="derived",
        feature_code=qualifier,
        country=country,
        admin1=base.admin1 if base.kind == "admin1" else None,
        population=0,
        lat=round(pt.y, 5),
        lon=round(pt.x, 5),
        geonameid=None,
        score=round(0.55 * 0.9 + 0.45 * gz.importance_of(base), 4),
        match="derived",
        gazetteer=gz,
    )
    return gz.remember_derived(cand, geom)


def derived_area(gz: AreaStore, qualifier: str, place_id: str) -> Candidate | None:
    """A directional part, the coast or the offshore waters of an areal place.

    A town stands for the area of the same name in its country ("southern Gaza": Gaza city
    -> the Gaza Strip); None when there is none, or for a sea's coast.
    """
    q = canonical_qualifier(qualifier) if qualifier not in QUALIFIERS else qualifier
    if q is None:
        raise ValueError(f"unknown qualifier {qualifier!r}; use one of {', '.join(QUALIFIERS)}")
    did = f"derived:{q}:{place_id}"
    if (cached := gz.derived_cached(did)) is not None:
        return cached
    if gz.known_missing(did):  # computed before and found empty: never recompute a coast
        return None
    base = gz.get(place_id)
    geom = gz.geometry(place_id)
    if base is not None and geom is None and not place_id.startswith("derived:"):
        areal = _areal_namesake(gz, base)
        return derived_area(gz, q, areal.id) if areal is not None else None
    if base is None or geom is None:
        return None
    if q in ("coast", "off-coast"):
        if base.kind == "sea":
            return None
        area = coastal_band(gz, place_id, geom, offshore=q == "off-coast")
        label = f"coast of {base.name}" if q == "coast" else f"off the coast of {base.name}"
        country = base.country
    else:
        area = directional_part(geom, q)
        label = f"{q} {base.name}" if q != "central" else f"central {base.name}"
        country = base.country
    if area is None:
        gz.remember_missing(did)
        return None
    return _make(gz, did, label, q, base, area, country)


def border_area(gz: AreaStore, a_id: str, b_id: str) -> Candidate | None:
    """The border zone of two areal places, None when they do not touch."""
    a_id, b_id = sorted((a_id, b_id))
    did = f"derived:border:{a_id}+{b_id}"
    if (cached := gz.derived_cached(did)) is not None:
        return cached
    a, b = gz.get(a_id), gz.get(b_id)
    ga, gb = gz.geometry(a_id), gz.geometry(b_id)
    if a is None or b is None or ga is None or gb is None or ga.distance(gb) > 0.05:
        return None
    band = border_band(ga, gb)
    if band is None:
        return None
    return _make(gz, did, f"{a.name}–{b.name} border", "border", a, band, None)


def derived_from_id(gz: AreaStore, place_id: str) -> Candidate | None:
    """Recompute a derived area from its id (derived:<qualifier>:<base id>)."""
    if (cached := gz.derived_cached(place_id)) is not None:
        return cached
    parts = place_id.split(":", 2)
    if len(parts) != 3:
        return None
    _, qualifier, rest = parts
    if qualifier == "border" and "+" in rest:
        a, b = rest.split("+", 1)
        return border_area(gz, a, b)
    if qualifier not in QUALIFIERS:
        return None
    return derived_area(gz, qualifier, rest)


def _areal_namesake(gz: AreaStore, place: Candidate) -> Candidate | None:
    """The areal place (with a polygon) of the same name as a point place, same country."""
    areal = ("country", "admin1", "sea", "region")
    for cand in gz.candidates(place.name, place.country, areal, limit=10, fuzzy=False):
        if cand.country in (place.country, None) and gz.geometry(cand.id):
            return cand
    return None


def _areal_base(gz: AreaStore, text: str) -> Candidate | None:
    """The areal place (with a polygon) `text` names.

    The best match overall if it is areal; otherwise an areal place of that name in the same
    country ("Gaza" -> Gaza city -> the Gaza Strip, not Gaza province in Mozambique).
    """
    areal = ("country", "admin1", "sea", "region")
    top = gz.candidates(text, limit=1, fuzzy=False)
    if not top:
        return None
    if top[0].kind in areal and gz.geometry(top[0].id) is not None:
        return top[0]
    return _areal_namesake(gz, replace(top[0], name=text))


def parse_area_phrase(gz: AreaStore, text: str) -> list[Candidate] | None:
    """Candidates for phrases such as "southern Caribbean" or "off the coast of Venezuela".

    None when `text` is no such phrase; [] when it is one but names no known area.
    """
    phrase = " ".join(text.replace("\u2019", "'").split()).strip(" .,;:")
    low = phrase.casefold()
    if m := _BORDER.match(low):
        a_text, b_text = (m["a1"], m["b1"]) if m["a1"] else (m["a2"], m["b2"])
        a, b = _areal_base(gz, a_text), _areal_base(gz, b_text)
        if a and b and a.id != b.id and (c := border_area(gz, a.id, b.id)):
            return [c]
        return []
    if m := _OFFSHORE.match(low):
        base = _areal_base(gz, m["a"] or m["b"] or m["c"])
        return [c] if base and (c := derived_area(gz, "off-coast", base.id)) else []
    if m := _COAST.match(low):
        base = _areal_base(gz, m["a"] or m["b"])
        return [c] if base and (c := derived_area(gz, "coast", base.id)) else []
    if m := _DIRECTIONAL.match(low):
        q = canonical_qualifier(m["dir"])
        base = _areal_base(gz, m["base"])
        return [c] if q and base and (c := derived_area(gz, q, base.id)) else []
    return None


# -- reverse lookup --------------------------------------------------------------------------
class LocateIndex:
    """Bounding boxes of countries, admin-1 regions and seas; polygons decoded on demand."""

    def __init__(self, gz: AreaStore) -> None:
        self.gz = gz
        rows = gz.areal_places(("country", "admin1", "sea"))
        self.ids = [gz.id_of(pid) for pid, _ in rows]
        self.kinds = [gz.kind_of(pid) for pid, _ in rows]
        self.boxes = np.array([box for _, box in rows], dtype=np.float64).reshape(-1, 4)
        self.shapes: dict[int, BaseGeometry] = {}

    def shape(self, i: int) -> BaseGeometry:
        shape = self.shapes.get(i)
        if shape is None:
            shape = self.gz.geometry(self.ids[i])
            shapely.prepare(shape)
            self.shapes[i] = shape
        return shape

    def near(self, lon: float, lat: float, pad: float = 0.0) -> list[int]:
        """Indexes whose bounding box, grown by `pad` degrees, holds the point."""
        b = self.boxes
        hit = (b[:, 0] - pad <= lon) & (b[:, 2] + pad >= lon)
        hit &= (b[:, 1] - pad <= lat) & (b[:, 3] + pad >= lat)
        return np.nonzero(hit)[0].tolist()

    def containing(self, lon: float, lat: float) -> list[int]:
        return [i for i in self.near(lon, lat) if shapely.contains_xy(self.shape(i), lon, lat)]

    def nearest_land(self, lon: float, lat: float, kind: str, within: float) -> int | None:
        """The closest polygon of `kind` within `within` degrees (coastal towns, islets)."""
        point = shapely.Point(lon, lat)
        best = None
        for i in self.near(lon, lat, within):
            if self.kinds[i] == kind:
                d = self.shape(i).distance(point)
                if d <= within and (best is None or d < best[0]):
                    best = (d, i)
        return best[1] if best else None


def locate(gz: AreaStore, lon: float, lat: float) -> dict[str, Candidate | None]:
    """Country, admin-1 and the smallest sea containing the point (None where nothing does)."""
    if not (math.isfinite(lon) and math.isfinite(lat)) or abs(lat) > 90 or abs(lon) > 180:
        raise ValueError(f"not a WGS84 point: lon={lon}, lat={lat}")
    index = gz.locate_index()
    found: dict[str, Candidate | None] = {"country": None, "admin1": None, "sea": None}
    best_area: dict[str, float] = {}
    for i in index.containing(lon, lat):
        kind = index.kinds[i]
        area = index.shape(i).area
        if kind not in best_area or area < best_area[kind]:
            best_area[kind] = area
            found[kind] = gz.get(index.ids[i])
    for kind in ("country", "admin1"):  # towns on a coast the 1 km outline cuts off
        if found[kind] is None:
            i = index.nearest_land(lon, lat, kind, COAST_SNAP)
            found[kind] = gz.get(index.ids[i]) if i is not None else None
    if found["country"] is None and found["admin1"] is not None and found["admin1"].country:
        found["country"] = gz.country(found["admin1"].country)
    return found
