"""Shapes across the antimeridian: cut at ±180° into parts within [-180, 180].

A polygon projected back from a local projection, or unioned across the date line, comes
with rings stepping from 170 to -170 or with longitudes beyond ±180; every consumer
(point-in-area tests, the map, GeoJSON) needs it cut (RFC 7946 §3.1.9).
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.affinity import translate
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry


def wrap_lon(lon: np.ndarray) -> np.ndarray:
    """Longitudes wrapped into [-180, 180] (180 stays 180)."""
    wrapped = (lon + 180.0) % 360.0 - 180.0
    return np.where((wrapped == -180.0) & (lon > 0), 180.0, wrapped)


def _unwrapped_ring(ring: np.ndarray) -> np.ndarray | None:
    """`ring` with each longitude step under 180°, or None if that does not close it.

    A step over 180° is either an antimeridian crossing (170 -> -170) or a long planar
    edge of a polygon already cut at ±180 (Natural Earth's Antarctica runs along the pole
    from 180 to -180, the Southern Ocean along 60°S for 225°). Read as crossings, the
    latter leave the ring open by 360°, so only rings that close are unwrapped.
    """
    lon = np.unwrap(ring[:, 0], discont=180.0, period=360.0)
    if abs(lon[-1] - lon[0]) > 1e-9:
        return None
    return np.column_stack([lon, ring[:, 1]])


def _continuous(poly: Polygon) -> Polygon:
    """`poly` with crossing rings unwrapped into longitudes beyond ±180, else as is."""
    rings = [shapely.get_coordinates(r) for r in (poly.exterior, *poly.interiors)]
    if not any(np.any(np.abs(np.diff(r[:, 0])) > 180.0) for r in rings):
        return poly
    closed = [r for r in (_unwrapped_ring(ring) for ring in rings) if r is not None]
    if len(closed) < len(rings):
        return poly
    shell, *holes = closed
    centre = shell[:, 0].mean()  # holes unwrap from their own first vertex: align them
    holes = [h - [360.0 * round((h[:, 0].mean() - centre) / 360.0), 0.0] for h in holes]
    return Polygon(shell, holes)


def split_antimeridian(geom: BaseGeometry) -> BaseGeometry:
    """`geom` cut at ±180° into parts within [-180, 180] (RFC 7946 §3.1.9).

    Polygons crossing the antimeridian may come with longitudes beyond ±180 or as rings
    stepping from 170 to -170; both are cut into the [-180, 180] window and its
    neighbours, shifted back by 360° and merged. Polygons already within [-180, 180]
    (every gazetteer polygon: Natural Earth cuts its shapes at 180) pass through.
    """
    if isinstance(geom, Point):
        return Point(float(wrap_lon(np.array([geom.x]))[0]), geom.y)
    if not isinstance(geom, Polygon | MultiPolygon):
        return geom
    parts = [_continuous(p) for p in shapely.get_parts(geom)]
    minx, miny, maxx, maxy = shapely.total_bounds(parts)
    if minx >= -180.0 and maxx <= 180.0:
        return geom
    whole = shapely.make_valid(MultiPolygon(parts))
    pieces = [
        translate(shapely.clip_by_rect(whole, west, miny, west + 360.0, maxy), xoff=-180.0 - west)
        for west in np.arange(-180.0 + 360.0 * np.floor((minx + 180.0) / 360.0), maxx, 360.0)
    ]
    polygons = shapely.get_parts(shapely.make_valid(shapely.union_all(pieces)))
    polygons = [p for p in polygons if isinstance(p, Polygon) and not p.is_empty]
    return polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)
