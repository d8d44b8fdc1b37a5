/* conflictmap: the offline event map (Leaflet, with its own grid clustering).
 *
 * Article text is untrusted: everything read from the data blob reaches the page through
 * textContent / DOM nodes, never innerHTML, and links are set only for http(s) URLs.
 * window.conflictmapReady becomes true once the basemap and every event layer are drawn.
 */
(function () {
  "use strict";
  var cm = (window.conflictmap = window.conflictmap || {});
  var DAY_MS = 86400000;
  var TIME_PRECISION = { 1: "day", 2: "week", 3: "month or vaguer" };

  /* ---- readiness: a count of drawing tasks still running ---- */
  var pending = 0;
  var readyWanted = false;
  function task() {
    var done = false;
    pending += 1;
    return function () {
      if (done) return;
      done = true;
      pending -= 1;
      checkReady();
    };
  }
  function checkReady() {
    if (!readyWanted || pending !== 0 || window.conflictmapReady) return;
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        mark("conflictmap-ready");
        window.conflictmapReady = true;
        document.documentElement.setAttribute("data-conflictmap-ready", "true");
      });
    });
  }
  function mark(name) {
    if (window.performance && performance.mark) performance.mark(name);
  }
  cm.mark = mark;
  cm.markReady = function () {
    readyWanted = true;
    checkReady();
  };

  /* ---- small helpers ---- */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  cm.safeUrl = function (url) {
    if (typeof url !== "string") return null;
    return /^https?:\/\/[^\s<>"'`]+$/i.test(url) ? url : null;
  };
  var dayCache = {};
  function dayNumber(iso) {
    if (!iso) return null;
    var day = dayCache[iso];
    if (day === undefined) {
      var p = iso.split("-");
      day = dayCache[iso] = Date.UTC(+p[0], +p[1] - 1, +p[2]) / DAY_MS;
    }
    return day;
  }
  cm.isoDay = function (day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  };
  cm.readJSON = function (id) {
    return JSON.parse(document.getElementById(id).textContent);
  };
  function column(table, name) {
    var col = table.columns[name];
    if (!col) return function () { return null; };
    if (Array.isArray(col)) return function (i) { return col[i]; };
    if (!col.codes) return function () { return col.values[0]; };
    return function (i) { return col.values[col.codes[i]]; };
  }

  /* ---- the data store: events as columns, plus typed arrays for the event layers ---- */
  // Day numbers of a date column (NaN where missing); coded columns decode each value once.
  function dayColumn(table, name, n) {
    var out = new Float64Array(n).fill(NaN);
    var col = table.columns[name];
    if (!col) return out;
    if (Array.isArray(col)) {
      for (var i = 0; i < n; i++) if (col[i]) out[i] = dayNumber(col[i]);
      return out;
    }
    var days = col.values.map(function (v) { return v ? dayNumber(v) : NaN; });
    if (!col.codes) return out.fill(days[0]); // one value for every event
    for (var j = 0; j < n; j++) out[j] = days[col.codes[j]];
    return out;
  }
  // Web Mercator in [0, 1] (Leaflet's EPSG:3857): times 256 * 2^zoom it is map.project().
  var MAX_LATITUDE = 85.0511287798;
  function mercatorY(lat) {
    var s = Math.sin(Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * Math.PI / 180);
    return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
  }

  cm.prepare = function (blob) {
    mark("conflictmap-data-parsed");
    var ev = blob.events;
    var n = ev.count;
    var typeIndex = Object.create(null); // type names are article-derived text
    blob.types.forEach(function (t, i) { typeIndex[t.name] = i; });
    var date = dayColumn(ev, "date", n);
    var d0 = dayColumn(ev, "date_start", n);
    var d1 = dayColumn(ev, "date_end", n);
    var lat = ev.columns.lat, lon = ev.columns.lon;
    var x = new Float64Array(n), y = new Float64Array(n), type = new Uint16Array(n);
    var minDay = Infinity, maxDay = -Infinity;
    var eventType = column(ev, "event_type");
    var perType = blob.types.map(function () { return 0; });
    for (var i = 0; i < n; i++) {
      var a = d0[i] === d0[i] ? d0[i] : date[i];
      var b = d1[i] === d1[i] ? d1[i] : date[i];
      if (a === a && b !== b) b = a;
      if (b === b && a !== a) a = b;
      d0[i] = a;
      d1[i] = b;
      if (a < minDay) minDay = a;
      if (b > maxDay) maxDay = b;
      x[i] = lon[i] / 360 + 0.5;
      y[i] = mercatorY(lat[i]);
      var t = typeIndex[eventType(i) || "Unknown"];
      type[i] = t;
      perType[t] += 1;
    }
    // The events of each type, as index arrays.
    var byType = perType.map(function (count) { return new Int32Array(count); });
    var filled = perType.map(function () { return 0; });
    for (var k = 0; k < n; k++) byType[type[k]][filled[type[k]]++] = k;
    // The page filters' flags (country, confidence, exact places): keep[i] is 1 while
    // event i passes them all; approx and confidence are read once for them.
    var approxOf = column(ev, "approximate"), confOf = column(ev, "confidence");
    var approx = new Uint8Array(n), conf = new Float64Array(n);
    for (var m = 0; m < n; m++) {
      approx[m] = approxOf(m) ? 1 : 0;
      var c = confOf(m);
      conf[m] = typeof c === "number" ? c : 1;
    }
    var store = {
      blob: blob, count: n, types: blob.types, byType: byType, x: x, y: y, lat: lat, lon: lon,
      d0: d0, d1: d1, minDay: minDay === Infinity ? null : minDay,
      maxDay: maxDay === -Infinity ? null : maxDay, articleIndex: null,
      approx: approx, confidence: conf, keep: new Uint8Array(n).fill(1),
    };
    store.get = function (i, name) { return column(ev, name)(i); };
    store.column = function (name) { return column(ev, name); };
    return store;
  };

  // An event's article: `ref` is its row in the articles table, or an id (see maps/blob.py).
  function articleRow(store, ref) {
    if (typeof ref === "number") return ref;
    if (!store.articleIndex) {
      store.articleIndex = {};
      store.blob.articles.id.forEach(function (aid, i) { store.articleIndex[aid] = i; });
    }
    return store.articleIndex[ref];
  }
  function articleId(store, ref) {
    return typeof ref === "number" ? store.blob.articles.id[ref] : ref;
  }
  function article(store, ref) {
    var table = store.blob.articles;
    var i = articleRow(store, ref);
    if (i === undefined) return null;
    var get = function (name) { return column({ columns: table }, name)(i); };
    return { title: get("title"), source: get("source"), published: get("published"), url: get("url") };
  }

  /* ---- popup: built from DOM nodes, every value as text ---- */
  function highlighted(sentence, spans) {
    var box = el("blockquote", "cm-sentence");
    var at = 0;
    (spans || []).forEach(function (span) {
      if (span[0] < at) return;
      box.appendChild(document.createTextNode(sentence.slice(at, span[0])));
      box.appendChild(el("mark", "cm-" + span[2], sentence.slice(span[0], span[1])));
      at = span[1];
    });
    box.appendChild(document.createTextNode(sentence.slice(at)));
    return box;
  }
  function findSpans(sentence, trigger, place) {
    var spans = [];
    var lower = sentence.toLowerCase();
    var t = trigger ? sentence.indexOf(trigger) : -1;
    if (t >= 0) spans.push([t, t + trigger.length, "trigger"]);
    var p = place ? lower.indexOf(place.toLowerCase()) : -1;
    if (p >= 0 && !(t >= 0 && p < t + trigger.length && t < p + place.length)) {
      spans.push([p, p + place.length, "place"]);
    }
    return spans.sort(function (x, y) { return x[0] - y[0]; });
  }
  function articleLine(info, fallbackId) {
    var line = el("div", "cm-article");
    if (!info) {
      line.textContent = "article " + fallbackId;
      return line;
    }
    var url = cm.safeUrl(info.url);
    var title = info.title || info.url || "untitled article";
    if (url) {
      var link = el("a", "cm-link", title);
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer nofollow";
      line.appendChild(link);
    } else {
      line.appendChild(el("span", "cm-title-text", title));
    }
    var meta = [info.source, info.published].filter(Boolean).join(", ");
    if (meta) line.appendChild(el("span", "cm-meta", " — " + meta));
    return line;
  }
  function row(table, name, value) {
    if (value === null || value === undefined || value === "") return;
    var tr = el("tr");
    tr.appendChild(el("th", null, name));
    tr.appendChild(el("td", null, value));
    table.appendChild(tr);
  }
  cm.popupContent = function (store, i) {
    var get = function (name) { return store.get(i, name); };
    var box = el("div", "cm-popup");
    box.setAttribute("data-event-id", get("id") || "");
    var label = get("label");
    box.appendChild(el("h4", null, label));
    var table = el("table", "cm-facts");
    row(table, "Type", [get("event_type"), get("sub_event_type")].filter(Boolean).join(" · "));
    var start = get("date_start");
    var end = get("date_end");
    var when = get("date") || "";
    if ((start || end) && (start || when) !== (end || when)) when = (start || when) + " – " + (end || when);
    var tp = get("time_precision");
    if (when) row(table, "Date", when + (tp ? " (precision: " + (TIME_PRECISION[tp] || tp) + ")" : ""));
    var gp = get("geo_precision");
    var place = get("location");
    var country = get("country");
    var exactness = get("approximate") ? "approximate: " : "precision: ";
    if (place) row(table, "Place", place + (country ? ", " + country : "") + (gp ? " (" + exactness + (store.blob.geo_precision[gp] || gp) + ")" : get("approximate") ? " (approximate)" : ""));
    var actors = [get("actor1"), get("actor2")].filter(Boolean).join(" → ");
    row(table, "Actors", actors);
    var fatalities = get("fatalities");
    var ftext = get("fatalities_text");
    if (fatalities || ftext) row(table, "Fatalities", String(fatalities || 0) + (ftext && ftext !== String(fatalities) ? " (“" + ftext + "”)" : ""));
    (get("counts") || []).forEach(function (pair) { row(table, pair[0], pair[1]); });
    row(table, "Modality", get("modality"));
    row(table, "Confidence", get("confidence"));
    row(table, "Typed by", get("coding_reason"));
    row(table, "Placed by", get("location_reason"));
    box.appendChild(table);
    var sentence = get("sentence") || "";
    box.appendChild(highlighted(sentence, get("highlights")));
    var ownArticle = articleId(store, get("article_id"));
    box.appendChild(articleLine(article(store, get("article_id")), ownArticle));
    var sources = get("sources") || [];
    if (sources.length > 1) {
      box.appendChild(el("div", "cm-other-head", "Also reported by"));
      var list = el("ul", "cm-others");
      sources.forEach(function (src) {
        if (src.article_id === ownArticle && src.sentence === sentence) return;
        var item = el("li");
        item.appendChild(articleLine(article(store, src.article_id), src.article_id));
        item.appendChild(highlighted(src.sentence || "", findSpans(src.sentence || "", src.trigger, place)));
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    return box;
  };

  var POPUP_LIST_MAX = 25;
  cm.popupList = function (store, indices) {
    if (indices.length === 1) return cm.popupContent(store, indices[0]);
    var box = el("div", "cm-popup-list");
    box.appendChild(el("div", "cm-list-head", indices.length + " events here"));
    indices.slice(0, POPUP_LIST_MAX).forEach(function (i) { box.appendChild(cm.popupContent(store, i)); });
    if (indices.length > POPUP_LIST_MAX) {
      box.appendChild(el("div", "cm-list-more", "… and " + (indices.length - POPUP_LIST_MAX) + " more (zoom the time filter in to see them)"));
    }
    return box;
  };

  /* ---- offline vector basemap (Natural Earth) on a canvas below everything ---- */
  cm.basemap = function (map, data, colors) {
    var done = task();
    map.getContainer().classList.add("cm-offline");
    map.getContainer().style.background = colors.ocean;
    var pane = map.createPane("cmBasemap");
    pane.style.zIndex = 150;
    var labelPane = map.createPane("cmLabels");
    labelPane.style.zIndex = 380;
    labelPane.style.pointerEvents = "none";
    var renderer = L.canvas({ pane: "cmBasemap", padding: 0.3 });
    var scale = data.scale;
    function decode(flat) {
      var out = new Array(flat.length / 2);
      var x = 0, y = 0;
      for (var i = 0, j = 0; i < flat.length; i += 2, j++) {
        x += flat[i];
        y += flat[i + 1];
        out[j] = [y / scale, x / scale];
      }
      return out;
    }
    function polygons(list) { return list.map(function (rings) { return rings.map(decode); }); }
    var common = { renderer: renderer, pane: "cmBasemap", interactive: false };
    function build(layers) {
      return L.layerGroup([
        L.polygon(polygons(layers.land), L.extend({ color: colors.coast, weight: 0.7, fillColor: colors.land, fillOpacity: 1 }, common)),
        L.polygon(polygons(layers.lakes), L.extend({ color: colors.coast, weight: 0.5, fillColor: colors.lakes, fillOpacity: 1 }, common)),
        L.polyline(layers.borders.map(decode), L.extend({ color: colors.borders, weight: 0.8, dashArray: "3 2" }, common)),
      ]);
    }
    // Two levels of detail: the light overview at low zooms, the 1:50m layers (decoded
    // on first use) closer in.
    var overviewMax = data.overview ? data.overview_max_zoom : -1;
    var levels = { overview: null, detail: null };
    var group = L.layerGroup().addTo(map);
    function showLevel() {
      var name = map.getZoom() <= overviewMax ? "overview" : "detail";
      if (!levels[name]) levels[name] = build(name === "overview" ? data.overview : data.layers);
      var other = levels[name === "overview" ? "detail" : "overview"];
      if (other && group.hasLayer(other)) group.removeLayer(other);
      if (!group.hasLayer(levels[name])) group.addLayer(levels[name]);
    }
    map.on("zoomend", showLevel);
    showLevel();
    var byZoom = {};
    data.labels.forEach(function (lab) {
      var icon = L.divIcon({ className: "cm-label cm-label-" + lab[4], html: "", iconSize: null });
      var marker = L.marker([lab[2], lab[1]], { icon: icon, pane: "cmLabels", interactive: false, keyboard: false });
      marker.on("add", function () { marker.getElement().textContent = lab[0]; });
      (byZoom[lab[3]] = byZoom[lab[3]] || []).push(marker);
    });
    var labelGroups = Object.keys(byZoom).map(function (z) { return [+z, L.layerGroup(byZoom[z])]; });
    function showLabels() {
      var zoom = map.getZoom();
      labelGroups.forEach(function (pair) {
        if (pair[0] <= zoom) map.addLayer(pair[1]);
        else map.removeLayer(pair[1]);
      });
    }
    map.on("zoomend", showLabels);
    showLabels();
    map.attributionControl.addAttribution(data.attribution);
    done();
    return group;
  };

  /* ---- places: light polygons for areas, dots for cities ---- */
  cm.placesLayer = function (map, store, options) {
    var layer = L.geoJSON(store.blob.places, {
      style: function (f) {
        var c = f.properties.color;
        return { color: c, weight: 1.2, opacity: 0.8, fillColor: c, fillOpacity: options.fillOpacity, dashArray: "5 4" };
      },
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, { radius: 5, color: f.properties.color, weight: 2, fillColor: "#ffffff", fillOpacity: 1 });
      },
      onEachFeature: function (f, layer) {
        var p = f.properties;
        var tip = function () {
          var box = el("div", "cm-place-tip");
          box.appendChild(el("strong", null, p.name));
          box.appendChild(el("span", null, " " + [p.kind, p.country].filter(Boolean).join(", ")));
          return box;
        };
        var area = f.geometry.type !== "Point" && f.geometry.type !== "MultiPoint";
        var labelled = area && options.labelKinds.indexOf(p.kind) >= 0;
        layer.bindTooltip(labelled ? function () { return el("span", null, p.name); } : tip, {
          permanent: labelled, direction: labelled ? "center" : "top", sticky: !labelled,
          className: labelled ? "cm-area-label" : "cm-place-tooltip", offset: labelled ? [0, -22] : [0, -4],
        });
      },
    });
    layer.addTo(map);
    cm.places = layer;
    return layer;
  };

  /* ---- event layers: one grid-clustered layer per event type ----
   * On every view change the layer buckets the events of its type that are in the time
   * window and near the view into square cells of CELL_PX screen pixels (one pass over
   * typed arrays) and draws one small element per cell: a cluster bubble with its event
   * count (a click zooms to its events), or, when all its events are at one point, the
   * event marker (a click opens the popup; several events there get a count badge and a
   * list). At the map's last zoom level events are grouped by pixel only. Only cells in
   * the view (plus a margin) are drawn, as plain elements in one container of the marker
   * pane: Leaflet markers cost too much to add and remove by the thousand. */
  var CELL_PX = 60;
  var MARGIN = 0.25; // of the view size, each side
  var MARKER_PX = 24;
  var TYPE_OFFSET_PX = 10; // each type's markers this far from the point, in its direction
  function clusterSize(count) {
    return count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 42 : 48;
  }
  // What a drawn cell is to the outside: `cmIndices` (a marker) or `cmBounds` (a cluster).
  function Cell(latlng) { this.latlng = latlng; }
  Cell.prototype.getLatLng = function () { return this.latlng; };

  var EventLayer = L.Layer.extend({
    options: { pane: "markerPane" },
    initialize: function (store, typeIndex) {
      var type = store.types[typeIndex];
      this.cmType = type;
      this.cmStore = store;
      this.cmClass = "cm-t" + typeIndex;
      this.cmIndices = store.byType[typeIndex];
      this.cmTotal = this.cmIndices.length;
      this.cmShown = this.cmTotal;
      this.cmWindow = null; // [firstDay, lastDay] or null: everything
      this.cmCells = [];
      // Each type sits at its own small offset around the point, so that events of several
      // types at one place (a city, a sea) stay visible side by side.
      var n = store.types.length;
      var angle = 2 * Math.PI * typeIndex / n - Math.PI / 2;
      this.cmDx = n > 1 ? Math.round(TYPE_OFFSET_PX * Math.cos(angle)) : 0;
      this.cmDy = n > 1 ? Math.round(TYPE_OFFSET_PX * Math.sin(angle)) : 0;
      this.on("click", this.cmClick, this);
    },
    onAdd: function (map) {
      this.cmBox = L.DomUtil.create("div", "cm-events", this.getPane());
      this.addInteractiveTarget(this.cmBox); // the map routes clicks inside it to this layer
      this.cmUpdate();
    },
    onRemove: function () {
      this.removeInteractiveTarget(this.cmBox);
      L.DomUtil.remove(this.cmBox);
      this.cmBox = null;
      this.cmCells = [];
    },
    getEvents: function () {
      var events = { moveend: this.cmUpdate };
      if (this._zoomAnimated) events.zoomanim = this.cmAnimateZoom;
      return events;
    },
    // The drawn cells (as Leaflet layers are listed by a group).
    getLayers: function () { return this.cmCells.slice(); },
    setWindow: function (d0, d1, everything) {
      this.cmWindow = everything ? null : [d0, d1];
      this.refresh();
    },
    // Recount the events that pass the time window and the page filters, and redraw.
    refresh: function () {
      var s = this.cmStore, a = s.d0, b = s.d1, keep = s.keep, idx = this.cmIndices;
      var w = this.cmWindow, shown = 0;
      for (var k = 0; k < idx.length; k++) {
        var i = idx[k];
        if (keep[i] && (!w || (a[i] <= w[1] && b[i] >= w[0]))) shown++;
      }
      this.cmShown = shown;
      if (this.cmMap) this.cmMap.fire("cm:update");
      this.cmUpdate();
    },
    // The cells of the events in the window near the view, at the current zoom.
    cmBucket: function () {
      var map = this._map;
      var zoom = map.getZoom();
      var scale = 256 * Math.pow(2, zoom);
      var last = zoom >= map.getMaxZoom();
      var cell = last ? 1 : CELL_PX;
      var view = map.getPixelBounds();
      var size = view.getSize();
      var cx0 = Math.floor((view.min.x - size.x * MARGIN) / cell);
      var cx1 = Math.floor((view.max.x + size.x * MARGIN) / cell);
      var cy0 = Math.floor((view.min.y - size.y * MARGIN) / cell);
      var cy1 = Math.floor((view.max.y + size.y * MARGIN) / cell);
      var s = this.cmStore, xs = s.x, ys = s.y, d0 = s.d0, d1 = s.d1, idx = this.cmIndices;
      var keep = s.keep, approx = s.approx;
      var w = this.cmWindow, w0 = w ? w[0] : 0, w1 = w ? w[1] : 0;
      var rows = cy1 - cy0 + 1;
      var cells = new Map();
      for (var k = 0; k < idx.length; k++) {
        var i = idx[k];
        if (!keep[i] || (w && !(d0[i] <= w1 && d1[i] >= w0))) continue;
        var px = xs[i] * scale, py = ys[i] * scale;
        var cx = Math.floor(px / cell), cy = Math.floor(py / cell);
        if (cx < cx0 || cx > cx1 || cy < cy0 || cy > cy1) continue;
        var key = (cx - cx0) * rows + cy - cy0; // unique within the view
        var c = cells.get(key);
        if (c === undefined) {
          cells.set(key, { count: 1, sx: px, sy: py, x0: px, x1: px, y0: py, y1: py, first: i, list: [i], exact: !approx[i] });
          continue;
        }
        c.count += 1;
        if (!approx[i]) c.exact = true;
        c.sx += px;
        c.sy += py;
        if (px < c.x0) c.x0 = px;
        if (px > c.x1) c.x1 = px;
        if (py < c.y0) c.y0 = py;
        if (py > c.y1) c.y1 = py;
        if (c.list) {
          if (last || (xs[i] === xs[c.first] && ys[i] === ys[c.first])) c.list.push(i);
          else c.list = null; // several points: a cluster
        }
      }
      return { cells: cells, zoom: zoom };
    },
    cmUpdate: function () {
      var map = this._map;
      if (!map || !this.cmBox) return;
      var result = this.cmBucket();
      var s = this.cmStore, self = this;
      var drawn = [];
      var items = document.createDocumentFragment();
      result.cells.forEach(function (c) {
        var cell, item;
        if (c.list) {
          cell = new Cell(L.latLng(s.lat[c.first], s.lon[c.first]));
          cell.cmIndices = c.list;
          item = self.cmMarkerElement(c.count, MARKER_PX, !c.exact);
        } else {
          cell = new Cell(map.unproject([c.sx / c.count, c.sy / c.count], result.zoom));
          cell.cmBounds = L.latLngBounds(map.unproject([c.x0, c.y0], result.zoom), map.unproject([c.x1, c.y1], result.zoom));
          cell.cmCount = c.count;
          item = self.cmClusterElement(c.count);
        }
        item.cmCell = drawn.length;
        cell.cmElement = item;
        L.DomUtil.setPosition(item, map.latLngToLayerPoint(cell.latlng).round());
        drawn.push(cell);
        items.appendChild(item);
      });
      this.cmCells = drawn;
      this.cmBox.replaceChildren(items);
    },
    cmItem: function (className, size) {
      var item = el("div", className + " " + this.cmClass + " leaflet-interactive leaflet-zoom-animated");
      item.style.width = item.style.height = size + "px";
      item.style.marginLeft = -size / 2 + this.cmDx + "px";
      item.style.marginTop = -size / 2 + this.cmDy + "px";
      return item;
    },
    // A marker is hollow when all its events are at approximate places.
    cmMarkerElement: function (count, size, hollow) {
      var item = this.cmItem("cm-marker" + (count > 1 ? " cm-multi" : "") + (hollow ? " cm-hollow" : ""), size);
      item.appendChild(el("i", "fa-solid " + this.cmType.icon));
      if (count > 1) item.appendChild(el("b", "cm-badge", count));
      return item;
    },
    cmClusterElement: function (count) {
      var item = this.cmItem("cm-cluster", clusterSize(count));
      item.appendChild(el("span", null, count));
      return item;
    },
    cmAnimateZoom: function (e) {
      var map = this._map;
      this.cmCells.forEach(function (cell) {
        L.DomUtil.setPosition(cell.cmElement, map._latLngToNewLayerPoint(cell.latlng, e.zoom, e.center).round());
      });
    },
    // A click on a drawn cell (routed by the map), or fired with `{layer: cell}`.
    cmClick: function (e) {
      var cell = e.layer;
      if (!cell && e.originalEvent) {
        var node = e.originalEvent.target;
        while (node && node !== this.cmBox && node.cmCell === undefined) node = node.parentNode;
        cell = node && this.cmCells[node.cmCell];
      }
      var map = this._map || this.cmMap;
      if (!cell || !map) return;
      if (cell.cmBounds) {
        map.fitBounds(cell.cmBounds, { padding: [40, 40], maxZoom: map.getMaxZoom() });
        return;
      }
      L.popup({ maxWidth: 380, minWidth: 260, maxHeight: 420, offset: [this.cmDx, this.cmDy - 22], className: "cm-event-popup",
                autoPanPaddingTopLeft: [10, cm.belowTitle(map)] })
        .setLatLng(cell.getLatLng())
        .setContent(cm.popupList(this.cmStore, cell.cmIndices))
        .openOn(map);
    },
  });
  // Pixels from the map's top to below the title bar (which lies over the map, above the
  // popup pane): a popup opening there is panned into view below it, never under it.
  cm.belowTitle = function (map) {
    var title = document.getElementById("cm-title");
    if (!title) return 10;
    var top = map.getContainer().getBoundingClientRect().top;
    return Math.max(10, Math.ceil(title.getBoundingClientRect().bottom - top) + 10);
  };
  cm.eventLayers = [];
  cm.eventLayer = function (map, store, typeIndex) {
    var done = task();
    mark("conflictmap-markers-" + typeIndex);
    var layer = new EventLayer(store, typeIndex);
    layer.cmMap = map;
    layer.addTo(map);
    cm.eventLayers.push(layer);
    done();
    return layer;
  };

  /* ---- histogram: events per day (at most HIST_BINS bars), stacked by type ---- */
  var HIST_BINS = 120, SVG = "http://www.w3.org/2000/svg";
  cm.histogram = function (store) {
    var min = store.minDay, days = store.maxDay - min + 1;
    var bins = Math.min(days, HIST_BINS), width = days / bins;
    var counts = store.types.map(function () { return new Float64Array(bins); });
    var totals = new Float64Array(bins);
    store.byType.forEach(function (indices, k) {
      for (var j = 0; j < indices.length; j++) {
        var day = store.d0[indices[j]];
        if (day !== day) continue;
        var b = Math.min(bins - 1, Math.floor((day - min) / width));
        counts[k][b] += 1;
        totals[b] += 1;
      }
    });
    var top = Math.max.apply(null, Array.prototype.slice.call(totals)) || 1;
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "cm-hist");
    svg.setAttribute("viewBox", "0 0 " + bins + " 100");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("aria-label", "Events per day");
    var bars = [];
    for (var b = 0; b < bins; b++) {
      var y = 100;
      for (var k = 0; k < counts.length; k++) {
        if (!counts[k][b]) continue;
        var h = counts[k][b] / top * 100;
        y -= h;
        var rect = document.createElementNS(SVG, "rect");
        rect.setAttribute("class", "cm-t" + k);
        rect.setAttribute("x", b + 0.1);
        rect.setAttribute("y", y);
        rect.setAttribute("width", 0.8);
        rect.setAttribute("height", h);
        svg.appendChild(rect);
        bars.push({ rect: rect, first: min + b * width, last: min + (b + 1) * width - 1 });
      }
    }
    // Bars outside the window [a, b] (day numbers) are dimmed.
    svg.cmWindow = function (a, b) {
      bars.forEach(function (bar) { bar.rect.classList.toggle("cm-out", bar.last < a || bar.first > b); });
    };
    return svg;
  };

  /* ---- time filter: two range inputs (days) over a histogram, and a play button ---- */
  cm.timeFilter = function (map, store, options) {
    if (store.minDay === null) return null;
    var min = store.minDay, max = store.maxDay, span = max - min;
    var control = L.control({ position: options.position || "bottomleft" });
    var from, to, label, play, hist, timer = null;
    function apply() {
      var a = +from.value, b = +to.value;
      if (a > b) { var t = a; a = b; b = t; }
      label.textContent = cm.isoDay(min + a) + " – " + cm.isoDay(min + b);
      var everything = a === 0 && b === span;
      hist.cmWindow(min + a, min + b);
      cm.eventLayers.forEach(function (g) { g.setWindow(min + a, min + b, everything); });
    }
    var scheduled = null;
    function schedule() {
      if (scheduled) clearTimeout(scheduled);
      scheduled = setTimeout(function () { scheduled = null; apply(); }, 60);
    }
    function stop() {
      if (timer) clearInterval(timer);
      timer = null;
      play.textContent = "▶";
      play.title = "Play";
    }
    function start() {
      var width = +to.value - +from.value;
      if (width >= span) width = Math.max(1, Math.round(span / 10));
      var step = Math.max(1, Math.round(span / 60));
      from.value = 0;
      to.value = width;
      apply();
      play.textContent = "❚❚";
      play.title = "Pause";
      timer = setInterval(function () {
        if (+to.value >= span) { stop(); return; }
        from.value = Math.min(span - width, +from.value + step);
        to.value = Math.min(span, +from.value + width);
        apply();
      }, options.interval || 700);
    }
    control.onAdd = function () {
      var box = el("div", "cm-timefilter leaflet-bar");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      play = el("button", "cm-play", "▶");
      play.type = "button";
      play.title = "Play";
      play.addEventListener("click", function () { if (timer) stop(); else start(); });
      var sliders = el("div", "cm-sliders");
      hist = cm.histogram(store);
      sliders.appendChild(hist);
      from = el("input", "cm-from");
      to = el("input", "cm-to");
      [from, to].forEach(function (input, k) {
        input.type = "range";
        input.min = 0;
        input.max = span;
        input.step = 1;
        input.value = k === 0 ? 0 : span;
        input.setAttribute("aria-label", k === 0 ? "From date" : "To date");
        input.addEventListener("input", function () { stop(); schedule(); });
        sliders.appendChild(input);
      });
      label = el("div", "cm-range-label", cm.isoDay(min) + " – " + cm.isoDay(max));
      box.appendChild(play);
      box.appendChild(sliders);
      box.appendChild(label);
      return box;
    };
    control.addTo(map);
    cm.setTimeWindow = function (startIso, endIso) {
      stop();
      from.value = Math.max(0, Math.min(span, dayNumber(startIso) - min));
      to.value = Math.max(0, Math.min(span, dayNumber(endIso) - min));
      apply();
    };
    return control;
  };


  /* ---- place labels: the events' main places by name (blob.labels, busiest first, each
   * from its own zoom), offline, in a pane above the areas and below markers and popups.
   * Redrawn after each move: labels in view, greedily, none over an earlier one. ---- */
  var LABEL_MAX = 300, LABEL_CHAR_PX = 7, LABEL_H = 16;
  var PlaceLabels = L.Layer.extend({
    // `below`: pixels from the point to the label's top, clear of the markers drawn there.
    initialize: function (labels, below) { this.cmLabels = labels; this.cmBelow = below; },
    onAdd: function (map) {
      var pane = map.getPane("cmPlaceLabels") || map.createPane("cmPlaceLabels");
      pane.style.zIndex = 450;
      pane.style.pointerEvents = "none";
      this.cmBox = L.DomUtil.create("div", "cm-place-labels", pane);
      this.cmUpdate();
    },
    onRemove: function () { L.DomUtil.remove(this.cmBox); this.cmBox = null; },
    getEvents: function () {
      var self = this;
      return { moveend: this.cmUpdate, zoomstart: function () { if (self.cmBox) self.cmBox.style.display = "none"; } };
    },
    cmUpdate: function () {
      var map = this._map;
      if (!map || !this.cmBox) return;
      var zoom = map.getZoom(), size = map.getSize(), below = this.cmBelow, placed = [];
      var items = document.createDocumentFragment();
      for (var k = 0; k < this.cmLabels.length && placed.length < LABEL_MAX; k++) {
        var lab = this.cmLabels[k];
        if (lab[3] > zoom) continue;
        var pt = map.latLngToContainerPoint([lab[2], lab[1]]);
        var w = String(lab[0]).length * LABEL_CHAR_PX + 6;
        var box = { x0: pt.x - w / 2, x1: pt.x + w / 2, y0: pt.y + below, y1: pt.y + below + LABEL_H };
        if (box.x1 < 0 || box.x0 > size.x || box.y1 < 0 || box.y0 > size.y) continue;
        if (placed.some(function (o) { return box.x0 < o.x1 && o.x0 < box.x1 && box.y0 < o.y1 && o.y0 < box.y1; })) continue;
        placed.push(box);
        var at = map.containerPointToLayerPoint(pt);
        var item = el("div", "cm-place-label", lab[0]);
        item.style.left = Math.round(at.x) + "px";
        item.style.top = Math.round(at.y + below) + "px";
        items.appendChild(item);
      }
      this.cmBox.replaceChildren(items);
      this.cmBox.style.display = "";
    },
  });
  cm.placeLabels = function (map, store) {
    var labels = store.blob.labels || [];
    if (!labels.length) return null;
    var below = MARKER_PX / 2 + (store.types.length > 1 ? TYPE_OFFSET_PX : 0) + 2;
    var layer = new PlaceLabels(labels, below).addTo(map);
    cm.labels = layer;
    return layer;
  };

  /* ---- page filters: country, minimum confidence, exact places only. They set
   * store.keep; each event layer then recounts and redraws what passes. ---- */
  cm.filterState = { countries: null, minConfidence: 0, exactOnly: false };
  cm.setFilters = function (store, changes) {
    var f = L.extend(cm.filterState, changes || {});
    var country = store.column("country"), allowed = null;
    if (f.countries) {
      allowed = Object.create(null);
      f.countries.forEach(function (c) { allowed[c] = true; });
    }
    for (var i = 0; i < store.count; i++) {
      store.keep[i] = (!allowed || allowed[country(i) || ""]) && store.confidence[i] >= f.minConfidence && !(f.exactOnly && store.approx[i]) ? 1 : 0;
    }
    cm.eventLayers.forEach(function (layer) { layer.refresh(); });
  };
  // [[code ("" for none), events]] of the events' place countries, sorted by code.
  function countries(store) {
    var country = store.column("country"), counts = Object.create(null);
    for (var i = 0; i < store.count; i++) {
      var c = country(i) || "";
      counts[c] = (counts[c] || 0) + 1;
    }
    return Object.keys(counts).sort().map(function (c) { return [c, counts[c]]; });
  }
  function filterPanel(store) {
    var box = el("details", "cm-filters");
    box.appendChild(el("summary", null, "Filters"));
    var list = el("div", "cm-countries");
    var checks = countries(store).map(function (pair) {
      var line = el("label", "cm-filter-row");
      var check = el("input", "cm-country");
      check.type = "checkbox";
      check.checked = true;
      check.value = pair[0];
      line.appendChild(check);
      line.appendChild(el("span", null, pair[0] || "no country"));
      line.appendChild(el("span", "cm-legend-count", pair[1]));
      list.appendChild(line);
      return check;
    });
    function countriesChanged() {
      var chosen = checks.filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
      cm.setFilters(store, { countries: chosen.length === checks.length ? null : chosen });
    }
    checks.forEach(function (c) { c.addEventListener("change", countriesChanged); });
    box.appendChild(el("div", "cm-filter-head", "Country"));
    box.appendChild(list);
    var conf = el("input", "cm-min-confidence");
    conf.type = "range";
    conf.min = 0;
    conf.max = 1;
    conf.step = 0.05;
    conf.value = 0;
    conf.setAttribute("aria-label", "Minimum confidence");
    var confText = el("span", "cm-confidence-value", "0.00");
    conf.addEventListener("input", function () {
      confText.textContent = (+conf.value).toFixed(2);
      cm.setFilters(store, { minConfidence: +conf.value });
    });
    var confLine = el("label", "cm-filter-row");
    confLine.appendChild(el("span", null, "Min. confidence"));
    confLine.appendChild(conf);
    confLine.appendChild(confText);
    box.appendChild(confLine);
    var exact = el("input", "cm-exact-only");
    exact.type = "checkbox";
    exact.addEventListener("change", function () { cm.setFilters(store, { exactOnly: exact.checked }); });
    var exactLine = el("label", "cm-filter-row");
    exactLine.appendChild(exact);
    exactLine.appendChild(el("span", null, "Exact places only"));
    box.appendChild(exactLine);
    return box;
  }

  /* ---- the one legend: symbol, name, events shown / total per type; its checkboxes
   * show and hide the layers (there is no separate layer control) ---- */
  cm.legend = function (map, store, options) {
    var control = L.control({ position: options.position || "bottomright" });
    var rows = [], total = null;
    function row(box, layer, symbol, name) {
      var line = el("label", "cm-legend-row");
      var check = el("input", "cm-legend-check");
      check.type = "checkbox";
      check.checked = map.hasLayer(layer);
      check.addEventListener("change", function () {
        if (check.checked) map.addLayer(layer); else map.removeLayer(layer);
        update();
      });
      line.appendChild(check);
      line.appendChild(symbol);
      line.appendChild(el("span", "cm-legend-name", name));
      box.appendChild(line);
      return line;
    }
    control.onAdd = function () {
      var box = el("div", "cm-legend");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      var head = el("div", "cm-legend-title", options.title || "Events");
      total = el("span", "cm-total");
      head.appendChild(total);
      box.appendChild(head);
      cm.eventLayers.forEach(function (group, k) {
        var symbol = el("span", "cm-marker cm-legend-symbol cm-t" + k);
        symbol.appendChild(el("i", "fa-solid " + group.cmType.icon));
        var line = row(box, group, symbol, group.cmType.name);
        var count = el("span", "cm-legend-count");
        line.appendChild(count);
        rows.push({ group: group, line: line, count: count });
      });
      if (options.places && cm.places) {
        rows.push({ group: cm.places, line: row(box, cm.places, el("span", "cm-legend-area"), options.places) });
      }
      if (options.approximate && store.approx.indexOf(1) >= 0) {
        var key = el("div", "cm-legend-key");
        key.appendChild(el("span", "cm-marker cm-hollow cm-legend-symbol"));
        key.appendChild(el("span", "cm-legend-name", options.approximate));
        box.appendChild(key);
      }
      if (store.count) box.appendChild(filterPanel(store));
      return box;
    };
    function update() {
      rows.forEach(function (r) {
        if (r.count) r.count.textContent = r.group.cmShown === r.group.cmTotal ? String(r.group.cmTotal) : r.group.cmShown + " / " + r.group.cmTotal;
        r.line.classList.toggle("cm-off", !map.hasLayer(r.group));
      });
      // Events on the map: types switched on, in the time window, passing the filters.
      var shown = 0;
      cm.eventLayers.forEach(function (g) { if (map.hasLayer(g)) shown += g.cmShown; });
      if (total) total.textContent = shown === store.count ? " · " + store.count : " · " + shown + " of " + store.count;
    }
    control.addTo(map);
    map.on("cm:update", update);
    update();
    return control;
  };

  /* ---- per-type colours as CSS custom properties ---- */
  cm.typeStyles = function (store) {
    var css = store.types.map(function (t, k) {
      return ".cm-t" + k + "{--cm-color:" + (/^#[0-9a-f]{6}$/i.test(t.color) ? t.color : "#444444") + "}";
    }).join("\n");
    var style = el("style", null, css);
    document.head.appendChild(style);
  };
})();
