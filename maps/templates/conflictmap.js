/* conflictmap: the offline event map (Leaflet + Leaflet.markercluster).
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
  var GEO_PRECISION = { 1: "town", 2: "part of a region", 3: "larger region" };

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
    return function (i) { return col.values[col.codes[i]]; };
  }

  /* ---- the data store: events as columns, one entry per marker ---- */
  cm.prepare = function (blob) {
    mark("conflictmap-data-parsed");
    var ev = blob.events;
    var n = ev.count;
    var typeIndex = {};
    blob.types.forEach(function (t, i) { typeIndex[t.name] = i; });
    var eventType = column(ev, "event_type");
    var date = column(ev, "date");
    var dateStart = column(ev, "date_start");
    var dateEnd = column(ev, "date_end");
    var store = {
      blob: blob, count: n, types: blob.types, byType: blob.types.map(function () { return []; }),
      d0: new Array(n), d1: new Array(n), minDay: null, maxDay: null, articleIndex: null,
    };
    for (var i = 0; i < n; i++) {
      var d = date(i);
      var a = dayNumber(dateStart(i) || d);
      var b = dayNumber(dateEnd(i) || d);
      if (a !== null && b === null) b = a;
      if (b !== null && a === null) a = b;
      store.d0[i] = a;
      store.d1[i] = b;
      if (a !== null) {
        if (store.minDay === null || a < store.minDay) store.minDay = a;
        if (store.maxDay === null || b > store.maxDay) store.maxDay = b;
      }
      var t = typeIndex[eventType(i) || "Unknown"];
      store.byType[t].push(i);
    }
    store.get = function (i, name) { return column(ev, name)(i); };
    store.column = function (name) { return column(ev, name); };
    return store;
  };

  function article(store, id) {
    var table = store.blob.articles;
    if (!store.articleIndex) {
      store.articleIndex = {};
      table.id.forEach(function (aid, i) { store.articleIndex[aid] = i; });
    }
    var i = store.articleIndex[id];
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
    if (place) row(table, "Place", place + (country ? ", " + country : "") + (gp ? " (precision: " + (GEO_PRECISION[gp] || gp) + ")" : ""));
    var actors = [get("actor1"), get("actor2")].filter(Boolean).join(" → ");
    row(table, "Actors", actors);
    var fatalities = get("fatalities");
    var ftext = get("fatalities_text");
    if (fatalities || ftext) row(table, "Fatalities", String(fatalities || 0) + (ftext && ftext !== String(fatalities) ? " (“" + ftext + "”)" : ""));
    (get("counts") || []).forEach(function (pair) { row(table, pair[0], pair[1]); });
    row(table, "Modality", get("modality"));
    box.appendChild(table);
    var sentence = get("sentence") || "";
    box.appendChild(highlighted(sentence, get("highlights")));
    box.appendChild(articleLine(article(store, get("article_id")), get("article_id")));
    var sources = get("sources") || [];
    if (sources.length > 1) {
      box.appendChild(el("div", "cm-other-head", "Also reported by"));
      var list = el("ul", "cm-others");
      sources.forEach(function (src) {
        if (src.article_id === get("article_id") && src.sentence === sentence) return;
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
    return layer;
  };

  /* ---- event layers: one marker cluster group per event type ---- */
  cm.eventLayers = [];
  cm.eventLayer = function (map, store, typeIndex) {
    var type = store.types[typeIndex];
    var cls = "cm-t" + typeIndex;
    // Each type sits at its own small offset around the point, so that events of several
    // types at one place (a city, a sea) stay visible side by side.
    var n = store.types.length;
    var angle = 2 * Math.PI * typeIndex / n - Math.PI / 2;
    var dx = n > 1 ? Math.round(10 * Math.cos(angle)) : 0;
    var dy = n > 1 ? Math.round(10 * Math.sin(angle)) : 0;
    var icon = L.divIcon({
      className: "cm-marker " + cls, html: '<i class="fa-solid ' + type.icon + '"></i>',
      iconSize: [24, 24], iconAnchor: [12 - dx, 12 - dy], popupAnchor: [dx, dy - 12],
    });
    var loading = false;
    var expected = -1;
    var queued = null;
    var readyTask = task();
    var group = L.markerClusterGroup({
      chunkedLoading: true, chunkInterval: 200, chunkDelay: 1, showCoverageOnHover: false,
      maxClusterRadius: 45, spiderfyOnMaxZoom: true, removeOutsideVisibleBounds: true,
      iconCreateFunction: function (cluster) {
        var count = 0;
        cluster.getAllChildMarkers().forEach(function (m) { count += m.cmIndices.length; });
        var size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 42 : 48;
        return L.divIcon({
          className: "cm-cluster " + cls, html: "<span>" + count + "</span>",
          iconSize: [size, size], iconAnchor: [size / 2 - dx, size / 2 - dy],
        });
      },
      // Also called for the (empty) add when the group joins the map: match the total.
      chunkProgress: function (processed, total) {
        if (loading && total === expected && processed >= total) finished();
      },
    });
    var lat = store.column("lat");
    var lon = store.column("lon");
    var all = store.byType[typeIndex];
    // One marker per point: events of this type at the same place share it (a city, a
    // sea reported again and again), which keeps the clustering work to distinct points.
    function markersFor(indices) {
      var byPoint = {};
      var out = [];
      indices.forEach(function (i) {
        var key = lat(i) + "," + lon(i);
        var m = byPoint[key];
        if (!m) {
          m = byPoint[key] = L.marker([lat(i), lon(i)], { icon: icon, keyboard: false });
          m.cmIndices = [];
          out.push(m);
        }
        m.cmIndices.push(i);
      });
      out.forEach(function (m) {
        if (m.cmIndices.length > 1) m.setIcon(countIcon(m.cmIndices.length));
      });
      return out;
    }
    function countIcon(count) {
      return L.divIcon({
        className: "cm-marker cm-multi " + cls,
        html: '<i class="fa-solid ' + type.icon + '"></i><b class="cm-badge">' + count + "</b>",
        iconSize: [24, 24], iconAnchor: [12 - dx, 12 - dy], popupAnchor: [dx, dy - 12],
      });
    }
    group.cmType = type;
    group.cmTotal = all.length;
    group.cmShown = all.length;
    group.on("click", function (e) {
      L.popup({ maxWidth: 380, minWidth: 260, maxHeight: 420, offset: [0, -10], className: "cm-event-popup" })
        .setLatLng(e.layer.getLatLng())
        .setContent(cm.popupList(store, e.layer.cmIndices))
        .openOn(map);
    });
    function finished() {
      loading = false;
      if (readyTask) { readyTask(); readyTask = null; }
      if (queued) { var next = queued; queued = null; load(next); }
    }
    function load(indices) {
      var list = markersFor(indices);
      loading = true;
      expected = list.length;
      group.clearLayers();
      group.cmShown = indices.length;
      map.fire("cm:update");
      var onMap = !!group._map;
      group.addLayers(list, true);
      if (!onMap || list.length === 0) finished();
    }
    group.setWindow = function (d0, d1, everything) {
      var indices = everything ? all : all.filter(function (i) {
        var a = store.d0[i];
        return a !== null && a <= d1 && store.d1[i] >= d0;
      });
      if (loading) queued = indices;
      else load(indices);
    };
    mark("conflictmap-markers-" + typeIndex);
    group.addTo(map);
    load(all);
    cm.eventLayers.push(group);
    return group;
  };

  /* ---- time filter: two range inputs (days) and a play button ---- */
  cm.timeFilter = function (map, store, options) {
    if (store.minDay === null) return null;
    var min = store.minDay, max = store.maxDay, span = max - min;
    var control = L.control({ position: options.position || "bottomleft" });
    var from, to, label, play, timer = null;
    function apply() {
      var a = +from.value, b = +to.value;
      if (a > b) { var t = a; a = b; b = t; }
      label.textContent = cm.isoDay(min + a) + " – " + cm.isoDay(min + b);
      var everything = a === 0 && b === span;
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

  /* ---- legend: symbol, name, events shown / total per type ---- */
  cm.legend = function (map, store, options) {
    var control = L.control({ position: options.position || "bottomright" });
    var counts = [];
    control.onAdd = function () {
      var box = el("div", "cm-legend");
      box.appendChild(el("div", "cm-legend-title", options.title || "Events"));
      cm.eventLayers.forEach(function (group, k) {
        var line = el("div", "cm-legend-row");
        var symbol = el("span", "cm-marker cm-legend-symbol cm-t" + k);
        symbol.appendChild(el("i", "fa-solid " + group.cmType.icon));
        line.appendChild(symbol);
        line.appendChild(el("span", "cm-legend-name", group.cmType.name));
        var count = el("span", "cm-legend-count");
        counts.push(count);
        line.appendChild(count);
        box.appendChild(line);
      });
      if (options.places) {
        var line = el("div", "cm-legend-row");
        line.appendChild(el("span", "cm-legend-area"));
        line.appendChild(el("span", "cm-legend-name", options.places));
        box.appendChild(line);
      }
      return box;
    };
    function update() {
      cm.eventLayers.forEach(function (group, k) {
        if (!counts[k]) return;
        counts[k].textContent = group.cmShown === group.cmTotal ? String(group.cmTotal) : group.cmShown + " / " + group.cmTotal;
        counts[k].parentNode.classList.toggle("cm-off", !map.hasLayer(group));
      });
    }
    control.addTo(map);
    map.on("cm:update overlayadd overlayremove", update);
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
