/* civic-kg's network page: find, read and filter the graph pyvis draws (kg/views/html.py).
 *
 * Runs after pyvis's own script, whose top-level `var network` is window.network (drawn empty).
 * The graph is in #civic-kg-data: nodes and edges as vis takes them, each edge with its facts as
 * [evidence, date, confidence, url] (url is "" unless http or https). They go into vis DataSets,
 * the network draws DataViews of them, and the page's filters are those views' filter functions.
 * Everything shown is made with textContent: names and evidence are never read as HTML.
 * window.civicKg holds the sets, views and functions for tests and for the curious.
 */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("civic-kg-data").textContent);
  const $ = (id) => document.getElementById(id);
  const LABELLED = 25; // at most this many entities with most facts named at the opening zoom
  const LABEL_SCREEN_SIZE = 14; // their labels' size on screen at the opening zoom, in pixels
  const DIM = "#e4e4e4";
  const FONT_COLOUR = "#343434";
  const DIM_FONT = "#c4c4c4";

  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const incident = new Map(data.nodes.map((n) => [n.id, []]));
  for (const e of data.edges) {
    for (const end of new Set([e.from, e.to])) if (incident.has(end)) incident.get(end).push(e);
  }
  const state = { kindOff: new Set(), predicateOff: new Set(), since: "", until: "",
    minConfidence: null, hideEmpty: true };
  let shownFacts = new Map(); // edge id -> its facts the filters keep
  let degree = new Map(); // node id -> facts shown
  let fontSize = new Map(); // node id -> label size (the best connected are bigger: see label())
  let highlighted = null; // the node ids highlighted, or null

  /* ---- Names: the same key as kg/lang/tr/names.py name_key, which the CLI looks names up by ---- */
  const PY_SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  const STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, "g"); // Python's str.strip()
  const LAST_SUFFIX = /'[\p{L}\p{Nl}\p{No}]+$/u; // Python's '[^\W\d_]+$: a case suffix
  // the Turkish letters and apostrophes come from kg/lang/tr/text.py, in the page's data
  const ASCII = data.folding.ascii;
  const inClass = (chars) => chars.replace(/[\\\]^-]/g, "\\$&");
  const NON_ASCII = new RegExp(`[${inClass(Object.keys(ASCII).join(""))}]`, "g");
  const APOSTROPHE = new RegExp(`[${inClass(data.folding.apostrophes)}]`, "g");

  function nameKey(text) {
    let t = String(text).normalize("NFC").replace(/\r\n?/g, "\n").replace(/\u00a0/g, " ");
    t = t.replace(APOSTROPHE, "'").replace(STRIP, "").replace(LAST_SUFFIX, "");
    t = t.replace(/I/g, "ı").replace(/İ/g, "i").toLowerCase(); // Turkish lower case
    t = t.replace(NON_ASCII, (c) => ASCII[c]);
    t = t.normalize("NFKD").replace(/\p{Mn}/gu, ""); // other accents go
    return t.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  /* ---- Filters ---- */
  function factKept(fact) {
    const date = fact[1], confidence = fact[2];
    if (state.minConfidence !== null && (confidence === null || confidence < state.minConfidence)) {
      return false;
    }
    if (state.since || state.until) { // as ViewFilter: a date filter drops undated facts
      const day = (date || "").slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
      if ((state.since && day < state.since) || (state.until && day > state.until)) return false;
    }
    return true;
  }

  const kindShown = (id) => byId.has(id) && !state.kindOff.has(byId.get(id).kind);
  const nodeView = new vis.DataView(nodes, {
    filter: (n) => !state.kindOff.has(n.kind) && (!state.hideEmpty || degree.get(n.id) > 0),
  });
  const edgeView = new vis.DataView(edges, { filter: (e) => shownFacts.has(e.id) });

  function refresh() {
    shownFacts = new Map();
    degree = new Map();
    let facts = 0;
    for (const e of data.edges) {
      if (state.predicateOff.has(e.predicate) || !kindShown(e.from) || !kindShown(e.to)) continue;
      const kept = e.facts.filter(factKept);
      if (!kept.length) continue;
      shownFacts.set(e.id, kept);
      facts += kept.length;
      degree.set(e.from, (degree.get(e.from) || 0) + kept.length);
      degree.set(e.to, (degree.get(e.to) || 0) + kept.length);
    }
    nodeView.refresh();
    edgeView.refresh();
    const empty = data.nodes.filter((n) => !state.kindOff.has(n.kind) && !degree.get(n.id));
    let counts = `${nodeView.length} entities, ${facts} facts`;
    if (edgeView.length !== facts) counts += ` (${edgeView.length} edges)`;
    if (state.hideEmpty && empty.length) counts += ` · ${empty.length} without facts, listed below`;
    $("civic-kg-counts").textContent = counts + ".";
    listEmpty(state.hideEmpty ? empty : []);
  }

  function listEmpty(empty) {
    const box = $("civic-kg-empty");
    box.hidden = !empty.length;
    box.querySelector("summary").textContent = `Entities without facts (${empty.length})`;
    const items = empty.slice(0, 2000).map((n) => {
      const li = document.createElement("li");
      li.append(partyButton(n.id));
      return li;
    });
    if (empty.length > items.length) items.push(text("li", `… and ${empty.length - items.length} more`));
    box.querySelector("ul").replaceChildren(...items);
  }

  function bindFilters() {
    for (const key of document.querySelectorAll("#civic-kg-legend .civic-kg-key")) {
      key.addEventListener("click", () => {
        const on = key.getAttribute("aria-pressed") !== "true";
        key.setAttribute("aria-pressed", String(on));
        const [set, name] = key.dataset.kind !== undefined
          ? [state.kindOff, key.dataset.kind] : [state.predicateOff, key.dataset.predicate];
        if (on) set.delete(name); else set.add(name);
        refresh();
      });
    }
    const read = () => {
      state.since = $("civic-kg-since").value;
      state.until = $("civic-kg-until").value;
      const confidence = parseFloat($("civic-kg-confidence").value);
      state.minConfidence = Number.isNaN(confidence) ? null : confidence;
      state.hideEmpty = $("civic-kg-hide-empty").checked;
      refresh();
    };
    for (const id of ["civic-kg-since", "civic-kg-until", "civic-kg-confidence", "civic-kg-hide-empty"]) {
      $(id).addEventListener("input", read);
      $(id).addEventListener("change", read);
    }
  }

  /* ---- Find ---- */
  function matches(typed) {
    const key = nameKey(typed);
    if (!key) return [];
    const found = [];
    for (const n of data.nodes) {
      let rank = 4;
      for (const k of n.search) {
        if (k === key) rank = 0;
        else if (k.startsWith(key)) rank = Math.min(rank, 1);
        else if (`-${k}`.includes(`-${key}`)) rank = Math.min(rank, 2);
        else if (k.includes(key)) rank = Math.min(rank, 3);
      }
      if (rank < 4) found.push([rank, n]);
    }
    found.sort((a, b) => a[0] - b[0] || b[1].degree - a[1].degree
      || a[1].label.localeCompare(b[1].label, "tr"));
    return found.slice(0, 10);
  }

  function bindSearch() {
    const box = $("civic-kg-search"), list = $("civic-kg-matches");
    let found = [];
    box.addEventListener("input", () => {
      found = matches(box.value);
      list.replaceChildren(...found.map(([rank, n], i) => {
        const li = text("li", n.label + (rank === 0 || !n.aliases.length ? "" : ` (${n.aliases.join(", ")})`));
        if (i === 0) li.className = "civic-kg-first";
        li.addEventListener("mousedown", (event) => { event.preventDefault(); choose(n.id); });
        return li;
      }));
      list.hidden = !found.length;
      if (found.length && found[0][0] === 0) focusEntity(found[0][1].id); // the whole name: go
    });
    box.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && found.length) choose(found[0][1].id);
      if (event.key === "Escape") list.hidden = true;
    });
    box.addEventListener("blur", () => { list.hidden = true; });
    function choose(id) { list.hidden = true; focusEntity(id); }
  }

  function focusEntity(id) {
    if (nodeView.get(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1), animation: { duration: 300 } });
    } else {
      network.unselectAll();
    }
    showNode(id);
  }

  /* ---- Read: the side panel, neighbours highlighted ---- */
  function text(tag, content, className) {
    const element = document.createElement(tag);
    element.textContent = content;
    if (className) element.className = className;
    return element;
  }

  function partyButton(id) {
    const button = text("button", byId.has(id) ? byId.get(id).label : id, "civic-kg-party");
    button.type = "button";
    button.addEventListener("click", () => focusEntity(id));
    return button;
  }

  function factItem(fact, party) {
    const [evidence, date, confidence, url] = fact;
    const li = document.createElement("li");
    if (party) li.append(party, document.createElement("br"));
    li.append(text("span", `“${evidence}”`));
    const meta = [date || "undated"];
    if (confidence !== null) meta.push(`confidence ${confidence.toFixed(2)}`);
    const line = text("div", meta.join(" · "), "civic-kg-meta");
    if (/^https?:\/\//i.test(url)) { // as in Python: never a javascript: link
      const link = text("a", url);
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener";
      line.append(" · ", link);
    }
    li.append(line);
    return li;
  }

  function openPanel(children) {
    const panel = $("civic-kg-details");
    const close = text("button", "×", "civic-kg-close");
    close.type = "button";
    close.title = "Close";
    close.addEventListener("click", clearSelection);
    panel.replaceChildren(close, ...children);
    panel.style.top = `${Math.ceil($("civic-kg-header").getBoundingClientRect().bottom) + 4}px`;
    panel.hidden = false; // beside the network, under the header: the controls stay usable
  }

  function showNode(id) {
    const n = byId.get(id);
    if (!n) return;
    const parts = [text("h2", n.label), text("p", [n.type, n.subtype].filter(Boolean).join(" › ") || "entity")];
    if (n.aliases.length) parts.push(text("p", "Also: " + n.aliases.join(", ")));
    if (!nodeView.get(id)) parts.push(text("p", "Not drawn with the filters set.", "civic-kg-meta"));
    const byPredicate = new Map();
    for (const e of incident.get(id)) {
      for (const fact of shownFacts.get(e.id) || []) {
        if (!byPredicate.has(e.predicate)) byPredicate.set(e.predicate, []);
        byPredicate.get(e.predicate).push([e, fact]);
      }
    }
    const total = [...byPredicate.values()].reduce((sum, facts) => sum + facts.length, 0);
    parts.push(text("p", `${total} fact(s) shown`));
    for (const predicate of data.predicates.filter((p) => byPredicate.has(p))) {
      const facts = byPredicate.get(predicate);
      parts.push(text("h3", `${predicate} (${facts.length})`));
      const list = document.createElement("ul");
      for (const [e, fact] of facts) {
        const other = e.from === id ? e.to : e.from;
        const party = document.createElement("span");
        party.append(e.from === id ? "→ " : "← ", partyButton(other));
        list.append(factItem(fact, party));
      }
      parts.push(list);
    }
    parts.push(text("p", id, "civic-kg-iri"));
    openPanel(parts);
    highlight(new Set([id, ...incident.get(id).filter((e) => shownFacts.has(e.id))
      .flatMap((e) => [e.from, e.to])]));
  }

  function showEdge(edgeId) {
    const e = edges.get(edgeId);
    if (!e) return;
    const facts = shownFacts.get(edgeId) || [];
    const heading = document.createElement("h2");
    heading.append(partyButton(e.from), ` ${e.predicate} `, partyButton(e.to));
    const list = document.createElement("ul");
    list.append(...facts.map((fact) => factItem(fact, null)));
    openPanel([heading, text("p", `${facts.length} fact(s) shown`), list]);
    highlight(new Set([e.from, e.to]));
  }

  function highlight(ids) {
    highlighted = ids;
    nodes.update(data.nodes.map((n) => {
      const on = !ids || ids.has(n.id);
      return { id: n.id, color: on ? n.color : DIM, font: label(n.id, on) };
    }));
    edges.update(data.edges.map((e) => {
      const on = !ids || (ids.has(e.from) && ids.has(e.to));
      return { id: e.id, color: { color: e.color, opacity: on ? 1 : 0.15 },
        font: { color: on ? FONT_COLOUR : DIM_FONT } };
    }));
  }

  function clearSelection() {
    $("civic-kg-details").hidden = true;
    network.unselectAll();
    if (highlighted) highlight(null);
  }

  /* ---- Labels: the best connected named at the opening zoom, the rest on zooming in ---- */
  function label(id, on) {
    return { size: fontSize.get(id) || LABEL_SCREEN_SIZE, color: on ? FONT_COLOUR : DIM_FONT };
  }

  function sizeLabels() {
    // vis draws a label when its size times the zoom reaches drawThreshold (page options), and
    // never bigger on screen than maxVisible: big fonts for the hubs keep them named when zoomed
    // out. The best connected shown entities are named, each only where its label overlaps none
    // named before it (labels below their node, as vis draws them).
    const scale = Math.min(network.getScale() || 1, 1);
    const shown = new Set(nodeView.getIds());
    const candidates = data.nodes.filter((n) => n.degree > 0 && shown.has(n.id))
      .sort((a, b) => b.degree - a.degree || a.label.localeCompare(b.label, "tr"));
    const positions = network.getPositions(candidates.map((n) => n.id));
    const placed = [];
    const named = [];
    for (const n of candidates) {
      if (named.length >= LABELLED) break;
      const box = labelBox(n, positions[n.id], scale);
      if (placed.some((b) => boxesMeet(b, box))) continue;
      placed.push(box);
      named.push(n);
    }
    openingScale = scale;
    namedIds = named.map((n) => n.id);
    fontSize = new Map(namedIds.map((id) => [id, LABEL_SCREEN_SIZE / scale]));
    nodes.update(namedIds.map((id) => ({ id, font: label(id, true) })));
  }

  let openingScale = 1;
  let namedIds = [];
  function keepNamedLabelsReadable() {
    // zoomed in, the named entities' big fonts shrink back until they are as any other label
    // (14 px on screen); zoomed out past the opening zoom, they shrink with the rest, so the
    // labels that did not overlap there do not come to overlap
    const size = Math.min(LABEL_SCREEN_SIZE / openingScale,
      Math.max(LABEL_SCREEN_SIZE, LABEL_SCREEN_SIZE / (network.getScale() || 1)));
    if (!namedIds.length || fontSize.get(namedIds[0]) === size) return;
    for (const id of namedIds) fontSize.set(id, size);
    const dimmed = (id) => highlighted && !highlighted.has(id);
    nodes.update(namedIds.map((id) => ({ id, font: label(id, !dimmed(id)) })));
  }

  const measure = document.createElement("canvas").getContext("2d");
  function labelBox(n, position, scale) {
    // the label's box on screen: centred under the node, one line of text at its opening size
    const size = LABEL_SCREEN_SIZE;
    measure.font = `${size}px arial`;
    const width = measure.measureText(n.label).width;
    const at = network.canvasToDOM(position);
    const top = at.y + (n.size || 10) * scale + 2;
    return { left: at.x - width / 2, right: at.x + width / 2, top, bottom: top + size * 1.2 };
  }
  function boxesMeet(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  /* ---- Wiring ---- */
  function tooltip(item) {
    const box = document.createElement("div");
    box.className = "civic-kg-tooltip";
    box.innerHTML = item.tooltip; // escaped in Python
    return box;
  }
  function giveTitle(items, id) { // made on first hover: all up front costs a second at 10,000
    const item = items.get(id);
    if (item && !item.title) items.update({ id: id, title: tooltip(item) });
  }

  refresh();
  network.setData({ nodes: nodeView, edges: edgeView });
  bindFilters();
  bindSearch();
  network.on("hoverNode", (p) => giveTitle(nodes, p.node));
  network.on("hoverEdge", (p) => giveTitle(edges, p.edge));
  network.on("zoom", keepNamedLabelsReadable);
  network.on("animationFinished", keepNamedLabelsReadable);  // focusEntity zooms by animation
  network.on("click", (p) => {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
    else clearSelection();
  });
  const ready = () => {
    sizeLabels();
    network.once("afterDrawing", () => { document.body.dataset.civicKgReady = "true"; });
    network.redraw();
  };
  network.fit(); // every node has its position from Python: nothing to wait for
  ready();
  window.civicKg = { nodes, edges, nodeView, state, refresh, nameKey, showNode };
})();
