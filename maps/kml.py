"""KML for Google Earth: one folder per event type, a placemark per event, and a folder
of the areas (polygons) the events happened in.

The placemark's balloon is HTML like the map's popup. Article text is untrusted: it is
HTML-escaped into the balloon, and the balloon is XML-escaped into the KML by the XML
writer, so `<script>` in an article stays text at both levels. Only http(s) links are kept.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from xml.etree import ElementTree as ET

import geopandas as gpd
from shapely.geometry import MultiPolygon

from geo.io import atomic_write
from maps.escape import escape_html, safe_url
from maps.frames import json_values, point_coordinates
from maps.precision import precision_words
from maps.styles import event_symbols, place_color

KML_NS = "http://www.opengis.net/kml/2.2"

# Properties copied into each placemark's ExtendedData (the rest are in the balloon).
EXTENDED = [
    "id", "label", "event_type", "sub_event_type", "cameo", "date", "date_start", "date_end",
    "place_id", "location", "country", "actor1", "actor2", "fatalities", "modality",
    "confidence", "articles",
]  # fmt: skip


AREA_COLOR = place_color("derived")
TIME_PRECISION: dict[object, str] = {1: "day", 2: "week", 3: "month or vaguer"}
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def article_line(source: Mapping[str, object]) -> str:
    """Linked title, then outlet and publication date (as in the map's popup)."""
    title = escape_html(source.get("title") or source.get("url") or "untitled article")
    url = safe_url(source.get("url"))
    link = f'<a href="{escape_html(url)}">{title}</a>' if url else title
    meta = ", ".join(escape_html(v) for v in (source.get("source"), source.get("published")) if v)
    return link + (f" — {meta}" if meta else "")


def _when(record: Mapping[str, object]) -> str:
    when = str(record.get("date") or "")
    start, end = record.get("date_start"), record.get("date_end")
    if (start or end) and (start or when) != (end or when):
        when = f"{start or when} – {end or when}"
    precision = record.get("time_precision")
    return f"{when} (precision: {TIME_PRECISION.get(precision, precision)})" if precision else when


def _place(record: Mapping[str, object]) -> str:
    text = str(record.get("location") or "")
    if text and record.get("country"):
        text += f", {record['country']}"
    precision = record.get("geo_precision")
    if text and precision:
        words = precision_words(precision) if isinstance(precision, int) else str(precision)
        text += f" (precision: {words})"
    return text


def popup_html(record: Mapping[str, object]) -> str:
    """The balloon of one event, with the rows of the map's popup; every value escaped."""
    counts = json.loads(str(record.get("counts") or "{}"))
    fatalities, ftext = record.get("fatalities"), record.get("fatalities_text")
    facts = [
        ("Type", " · ".join(str(v) for v in (record.get("event_type"),
                                              record.get("sub_event_type")) if v)),
        ("Date", _when(record)),
        ("Place", _place(record)),
        ("Actors", " → ".join(str(a) for a in (record.get("actor1"), record.get("actor2")) if a)),
        ("Fatalities", f"{fatalities or 0}" + (f" (“{ftext}”)" if ftext and ftext != str(
            fatalities) else "") if fatalities or ftext else ""),
        *((str(k), str(v)) for k, v in counts.items()),
        ("Modality", str(record.get("modality") or "")),
    ]  # fmt: skip
    rows = "".join(
        f"<tr><th>{escape_html(k)}</th><td>{escape_html(v)}</td></tr>" for k, v in facts if v
    )
    sources = json.loads(str(record.get("sources") or "[]"))
    parts = [f"<h4>{escape_html(record.get('label'))}</h4>", f"<table>{rows}</table>"]
    if sources:
        first, others = sources[0], sources[1:]
        parts.append(f"<blockquote>{escape_html(first.get('sentence') or '')}</blockquote>")
        parts.append(f"<div>{article_line(first)}</div>")
        if others:
            items = "".join(
                f"<li>{article_line(s)}<br><i>{escape_html(s.get('sentence') or '')}</i></li>"
                for s in others
            )
            parts.append(f"<div>Also reported by</div><ul>{items}</ul>")
    return "".join(parts)


def _kml_color(hex_rgb: str) -> str:
    """`#rrggbb` -> KML's `aabbggrr`."""
    r, g, b = hex_rgb[1:3], hex_rgb[3:5], hex_rgb[5:7]
    return f"ff{b}{g}{r}"


def _style_id(index: int) -> str:
    return f"type-{index}"


def _placemark(
    folder: ET.Element, record: Mapping[str, object], lon: float, lat: float, style: str
) -> None:
    mark = ET.SubElement(folder, "Placemark", id=f"event-{record['id']}")
    title = f"{record['label']} — {record['date']}" if record.get("date") else record["label"]
    ET.SubElement(mark, "name").text = str(title)
    ET.SubElement(mark, "description").text = popup_html(record)
    start, end = record.get("date_start"), record.get("date_end")
    if start and end and start != end:
        span = ET.SubElement(mark, "TimeSpan")
        ET.SubElement(span, "begin").text = str(start)
        ET.SubElement(span, "end").text = str(end)
    elif record.get("date"):
        ET.SubElement(ET.SubElement(mark, "TimeStamp"), "when").text = str(record["date"])
    ET.SubElement(mark, "styleUrl").text = f"#{style}"
    data = ET.SubElement(mark, "ExtendedData")
    for key in EXTENDED:
        if record.get(key) is not None:
            item = ET.SubElement(data, "Data", name=key)
            ET.SubElement(item, "value").text = str(record[key])
    if not (math.isnan(lon) or math.isnan(lat)):  # KML allows a Placemark without geometry
        point = ET.SubElement(mark, "Point")
        ET.SubElement(point, "coordinates").text = f"{round(lon, 6)},{round(lat, 6)}"


def _ring(parent: ET.Element, tag: str, coords: Iterable[Sequence[float]]) -> None:
    ring = ET.SubElement(ET.SubElement(parent, tag), "LinearRing")
    ET.SubElement(ring, "coordinates").text = " ".join(
        f"{round(x, 6)},{round(y, 6)}" for x, y, *_ in coords
    )


def _area_placemark(folder: ET.Element, record: Mapping[str, object], area: MultiPolygon) -> None:
    """One area (a MultiPolygon) as a placemark named after its place."""
    mark = ET.SubElement(folder, "Placemark", id=f"area-{record['id']}")
    ET.SubElement(mark, "name").text = str(record.get("name") or record["id"])
    ET.SubElement(mark, "styleUrl").text = "#area"
    data = ET.SubElement(mark, "ExtendedData")
    for key in ("id", "kind", "country"):
        if record.get(key) is not None:
            ET.SubElement(ET.SubElement(data, "Data", name=key), "value").text = str(record[key])
    multi = ET.SubElement(mark, "MultiGeometry")
    for polygon in area.geoms:
        shape = ET.SubElement(multi, "Polygon")
        _ring(shape, "outerBoundaryIs", polygon.exterior.coords)
        for hole in polygon.interiors:
            _ring(shape, "innerBoundaryIs", hole.coords)


def _areas_folder(doc: ET.Element, areas: gpd.GeoDataFrame) -> None:
    style = ET.SubElement(doc, "Style", id="area")
    ET.SubElement(ET.SubElement(style, "LineStyle"), "color").text = _kml_color(AREA_COLOR)
    poly = ET.SubElement(style, "PolyStyle")
    ET.SubElement(poly, "color").text = "33" + _kml_color(AREA_COLOR)[2:]
    folder = ET.SubElement(doc, "Folder")
    ET.SubElement(folder, "name").text = "Areas"
    columns = [c for c in areas.columns if c != areas.geometry.name]
    for row, area in zip(areas[columns].to_dict("records"), areas.geometry, strict=True):
        _area_placemark(folder, row, area)


def kml_document(
    events: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame | None = None,
    name: str = "conflictmap events",
) -> bytes:
    """The KML bytes of an events frame (schema columns, Point geometry) and of the areas
    (places frame rows with MultiPolygon geometry), if given."""
    root = ET.Element("kml", xmlns=KML_NS)
    doc = ET.SubElement(root, "Document")
    ET.SubElement(doc, "name").text = name
    columns = [c for c in events.columns if c != events.geometry.name]
    values = [json_values(events[c]) for c in columns]
    records = [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]
    xy = list(zip(*(values.tolist() for values in point_coordinates(events)), strict=True))
    types = sorted({str(r["event_type"]) for r in records})
    symbols = event_symbols(types)
    for index, event_type in enumerate(types):
        style = ET.SubElement(doc, "Style", id=_style_id(index))
        icon_style = ET.SubElement(style, "IconStyle")
        ET.SubElement(icon_style, "color").text = _kml_color(symbols[event_type].color)
    for index, event_type in enumerate(types):
        folder = ET.SubElement(doc, "Folder")
        ET.SubElement(folder, "name").text = event_type
        for record, (lon, lat) in zip(records, xy, strict=True):
            if record["event_type"] == event_type:
                _placemark(folder, record, lon, lat, _style_id(index))
    if areas is not None and len(areas):
        _areas_folder(doc, areas)
    _drop_invalid_xml_chars(root)
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _drop_invalid_xml_chars(root: ET.Element) -> None:
    """Remove the characters XML 1.0 forbids (C0 controls but tab and newlines)."""
    for element in root.iter():
        if element.text:
            element.text = _XML_INVALID.sub("", element.text)
        for key, value in element.attrib.items():
            element.attrib[key] = _XML_INVALID.sub("", value)


def write_kml(
    path: str | Path, events: gpd.GeoDataFrame, areas: gpd.GeoDataFrame | None = None
) -> Path:
    """Write the events (and the areas) as KML, atomically."""
    return atomic_write(path, kml_document(events, areas))
