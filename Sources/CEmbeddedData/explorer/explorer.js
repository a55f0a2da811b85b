// Rhizome's graph explorer: one page over the server's own JSON API. No libraries and nothing fetched
// from elsewhere, so it works offline; the force-directed layout below is the page's own.
'use strict';

const $ = (selector) => document.querySelector(selector);
const KEY_STORAGE = 'rhizome.apiKey';

// ---- State ----------------------------------------------------------------------------------------
const graph = { nodes: new Map(), edges: new Map() };   // keyed by the server's ids, so merges dedupe
const view = { x: 0, y: 0, scale: 1, autoFit: true };    // screen = world × scale + (x, y)
const ui = {
  selected: null, hovered: null,          // { kind: 'node' | 'edge', id } clicked; the node under the pointer
  highlighted: new Set(),                 // node ids supporting the answer or the chosen citation
  hiddenTypes: new Set(), minWeight: 0,   // the filters
  note: '',                               // what the status line says when nothing is loading
  context: null, references: new Map(), contextDrawn: Promise.resolve(),   // the last question's context event
};
let alpha = 0;               // the layout's temperature: forces scale with it and it cools to 0

// ---- Small DOM helpers -----------------------------------------------------------------------------
// el('a', { class: 'x', onclick: f }, 'text', child): attributes, listeners and children in one call.
function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === false || value == null) continue;
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? '' : value);
  }
  element.append(...present(children));
  return element;
}

// Children as given: nested lists flattened, and null or false (a part left out) dropped.
const present = (children) => children.flat(Infinity).filter((child) => child != null && child !== false);

// Text with every occurrence of the terms wrapped in <mark>; built from text nodes, never as HTML.
function marked(text, terms) {
  const words = terms.filter((term) => term && term.length > 1).map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (!words.length) return [text];
  return text.split(new RegExp(`(${words.join('|')})`, 'gi')).map((part, index) => (index % 2 ? el('mark', {}, part) : part));
}

function setStatus(text, isError = false) {
  $('#status').textContent = text;
  $('#status').classList.toggle('error', isError);
}

// ---- The API ---------------------------------------------------------------------------------------
// Every request goes through here, so the key is always sent and a failure carries the server's message.
async function request(path, options = {}) {
  const key = localStorage.getItem(KEY_STORAGE);
  const response = await fetch(path, { ...options, headers: { ...options.headers, ...(key ? { 'X-API-Key': key } : {}) } });
  if (response.ok) return response;
  const body = await response.json().catch(() => null);   // every error is {"error": {status, message}}, but a proxy's may not be
  if (response.status === 401) $('#key-form').hidden = false;
  throw new Error(body?.error?.message ?? `${response.status} ${response.statusText}`);
}

const getJSON = async (path) => (await request(path)).json();

// Names go into paths and queries with encodeURIComponent: the server does not read `+` as a space.
function graphURL({ entity = null, depth = $('#depth').value, maxNodes = $('#max-nodes').value } = {}) {
  return `/graph?${entity ? `entity=${encodeURIComponent(entity)}&depth=${depth}&` : ''}max_nodes=${maxNodes}`;
}

let statusTicket = 0;
// Runs a job while the status line says what is loading. A failure shows its message there and the job
// gives undefined, so callers only check for a result.
async function loading(label, job) {
  const ticket = ++statusTicket;
  setStatus(`${label}…`);
  try {
    const result = await job();
    if (ticket === statusTicket) setStatus(ui.note);
    return result;
  } catch (error) {
    setStatus(error.message, true);   // and the job gives undefined
  }
}

// Entity sources and edges name documents by path, while the text route takes an id: so the document
// list is read once to map one to the other, and each document's chunks once when first needed.
let documentsPromise = null;
const chunksByDocument = new Map();
function documentList(refresh = false) {
  if (!documentsPromise || refresh) documentsPromise = getJSON('/documents').catch((error) => { documentsPromise = null; throw error; });
  return documentsPromise;
}
async function documentByPath(path) {
  const document = (await documentList()).find((candidate) => candidate.path === path);
  if (!document) throw new Error(`no document at ${path}`);
  return document;
}
async function documentChunks(path) {
  const { id } = await documentByPath(path);
  if (!chunksByDocument.has(id)) {
    const chunks = getJSON(`/documents/${encodeURIComponent(id)}?text=true`).then((body) => new Map(body.chunks.map((c) => [c.id, c])));
    chunks.catch(() => chunksByDocument.delete(id));   // a failed read is tried again next time
    chunksByDocument.set(id, chunks);
  }
  return chunksByDocument.get(id);
}

// ---- The graph model ---------------------------------------------------------------------------------
function nodeByName(name) {
  const wanted = name.toLowerCase();
  const nodes = [...graph.nodes.values()];
  return nodes.find((node) => node.name === name)
    ?? nodes.find((node) => node.name.toLowerCase() === wanted || node.aliases?.some((alias) => alias.toLowerCase() === wanted)) ?? null;
}

// Adds a /graph answer to what is drawn (or replaces it), matching nodes and edges by id.
function mergeGraph(data, { replace = false } = {}) {
  if (replace) [graph.nodes, graph.edges, ui.highlighted, ui.selected] = [new Map(), new Map(), new Set(), null];
  for (const node of data.nodes) {
    const known = graph.nodes.get(node.id);
    graph.nodes.set(node.id, known ? Object.assign(known, node) : placeNew(node, data.edges, data.nodes.length));
  }
  for (const edge of data.edges) {
    if (graph.nodes.has(edge.source_id) && graph.nodes.has(edge.target_id)) graph.edges.set(edge.id, { ...graph.edges.get(edge.id), ...edge });
  }
  refreshFilters();
  recomputeVisibility();
  if (replace) { alpha = 1; for (let i = 0; i < 120; i++) tick(); }   // settle most of it before the first frame
  view.autoFit = true;
  reheat(replace ? 0.3 : 0.6);
}

// A number in [0, 1) from a node id: start positions come from it rather than Math.random, so the same
// graph lays out the same way every time (and a test's screenshot is the same picture).
function jitter(id, salt) {
  let hash = Math.imul(id ^ (salt * 0x9e3779b9), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return ((hash ^ (hash >>> 16)) >>> 0) / 4294967296;
}

// A new node starts beside a neighbour already drawn, so an expansion grows out of the node it came from.
function placeNew(node, edges, count) {
  const link = edges.find((e) => (e.source_id === node.id && graph.nodes.has(e.target_id)) || (e.target_id === node.id && graph.nodes.has(e.source_id)));
  const anchor = link ? graph.nodes.get(link.source_id === node.id ? link.target_id : link.source_id) : { x: 0, y: 0 };
  const [angle, distance] = [jitter(node.id, 1) * 2 * Math.PI, link ? 20 + jitter(node.id, 2) * 20 : Math.sqrt(jitter(node.id, 2) * (count + 1)) * 25];
  return Object.assign(node, { x: anchor.x + distance * Math.cos(angle), y: anchor.y + distance * Math.sin(angle), vx: 0, vy: 0 });
}

// Applies the type and weight filters: flags on each node and edge that the layout and drawing read.
function recomputeVisibility() {
  for (const node of graph.nodes.values()) Object.assign(node, { visible: !ui.hiddenTypes.has(node.type), edgeCount: 0, shownEdges: 0 });
  for (const edge of graph.edges.values()) {
    edge.a = graph.nodes.get(edge.source_id);
    edge.b = graph.nodes.get(edge.target_id);
    edge.visible = edge.a.visible && edge.b.visible && edge.weight >= ui.minWeight;
    edge.a.edgeCount++; edge.b.edgeCount++;
    if (edge.visible) { edge.a.shownEdges++; edge.b.shownEdges++; }
  }
  // A node whose every edge fell under the weight bar would float alone; hide it unless it is selected.
  for (const node of graph.nodes.values()) {
    if (ui.minWeight > 0 && node.edgeCount > 0 && node.shownEdges === 0 && !isSelected('node', node.id)) node.visible = false;
  }
}

const visibleNodes = () => [...graph.nodes.values()].filter((node) => node.visible);
const visibleEdges = () => [...graph.edges.values()].filter((edge) => edge.visible);
const isSelected = (kind, id) => ui.selected?.kind === kind && ui.selected.id === id;
const radius = (node) => 5 + 2.5 * Math.log2(1 + (node.degree ?? 0));   // in world units
// Zoomed far out, nodes shrink less than the layout does, so they stay visible and clickable.
const screenRadius = (node) => radius(node) * Math.max(view.scale, 0.6);

// ---- Layout: a small force simulation --------------------------------------------------------------
// Every pair of nodes repels (strength ∝ 1/distance), each edge is a spring toward a rest length, and a
// weak pull toward the origin keeps separate components together. Velocities are damped and every force
// scales with `alpha`, which cools each tick, so the layout comes to rest instead of jittering forever.
const FORCES = { repulsion: 500, spring: 0.15, gravity: 0.03, friction: 0.6, cooling: 0.98, reach: 500 };

function tick() {
  const nodes = visibleNodes();
  // Every pair: O(n²), which a few hundred nodes afford; pairs farther than `reach` are skipped.
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const [a, b] = [nodes[i], nodes[j]];
      let [dx, dy] = [a.x - b.x, a.y - b.y];
      if (dx === 0 && dy === 0) [dx, dy] = [jitter(a.id, 3) - 0.5, jitter(b.id, 3) - 0.5];   // split twins
      const d2 = dx * dx + dy * dy;
      if (d2 > FORCES.reach ** 2) continue;
      const push = (FORCES.repulsion * alpha) / Math.max(d2, 25);
      a.vx += dx * push; a.vy += dy * push;
      b.vx -= dx * push; b.vy -= dy * push;
    }
  }
  for (const { a, b, visible } of graph.edges.values()) {
    if (!visible || a === b) continue;
    const [dx, dy] = [b.x - a.x, b.y - a.y];
    const distance = Math.hypot(dx, dy) || 1;
    // Hubs get longer springs so their many neighbours have room around them.
    const rest = 30 + 2.5 * Math.sqrt(Math.max(a.shownEdges, b.shownEdges)) + radius(a) + radius(b);
    const pull = (2 * FORCES.spring * alpha * (distance - rest)) / distance;
    // Split the pull by degree so a hub is not dragged about by each of its leaves.
    const shareA = b.shownEdges / (a.shownEdges + b.shownEdges);
    a.vx += dx * pull * shareA; a.vy += dy * pull * shareA;
    b.vx -= dx * pull * (1 - shareA); b.vy -= dy * pull * (1 - shareA);
  }
  for (const node of nodes) {
    // A node with no edge has nothing holding it, so it gets a stronger pull than the rest.
    const gravity = FORCES.gravity * alpha * (node.shownEdges ? 1 : 4);
    node.vx = (node.vx - node.x * gravity) * FORCES.friction;
    node.vy = (node.vy - node.y * gravity) * FORCES.friction;
    if (node.pinned) { node.vx = 0; node.vy = 0; }
    node.x += node.vx; node.y += node.vy;
  }
  alpha = alpha * FORCES.cooling < 0.004 ? 0 : alpha * FORCES.cooling;
}

let frameRequested = false;
function requestDraw() {
  if (!frameRequested) requestAnimationFrame(frame);
  frameRequested = true;
}

// One animation frame: a layout step while it is warm (following it with the view until the user
// zooms or pans), then a redraw. Frames stop once the layout is at rest.
function frame() {
  frameRequested = false;
  if (alpha > 0) {
    tick();
    if (view.autoFit) fitView();
    requestDraw();
  }
  draw();
}

function reheat(value) {
  alpha = Math.max(alpha, value);
  requestDraw();
}

// ---- Drawing ---------------------------------------------------------------------------------------
const canvas = $('#graph');
const TYPE_COLOURS = { person: '#d1495b', organization: '#2e86ab', location: '#3c9d5d', event: '#e39b2d', concept: '#6c5ce7' };
const PALETTE = ['#00798c', '#edae49', '#8d6a9f', '#c25e00', '#4f6d7a', '#9c3d54', '#2f9c95', '#7a8b3a'];
const HIGHLIGHT = '#ff8c00';

// Other types get a palette colour from a hash of their name, so a type keeps its colour across views.
function typeColour(type = '') {
  let hash = 0;
  for (const char of type) hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  return TYPE_COLOURS[type.toLowerCase()] ?? PALETTE[hash % PALETTE.length];
}

const toScreen = (node) => ({ x: node.x * view.scale + view.x, y: node.y * view.scale + view.y });

// Keeps the canvas's pixels matched to its CSS size and the screen's density, so lines stay sharp.
function resizeCanvas() {
  canvas.width = Math.round(canvas.clientWidth * (window.devicePixelRatio || 1));
  canvas.height = Math.round(canvas.clientHeight * (window.devicePixelRatio || 1));
  if (view.autoFit) fitView();
  requestDraw();
}

function fitView(nodes = visibleNodes()) {
  if (!nodes.length) return;
  const xs = nodes.flatMap((node) => [node.x - radius(node), node.x + radius(node)]);
  const ys = nodes.flatMap((node) => [node.y - radius(node), node.y + radius(node)]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // Labels hang to the right of their nodes: leave that side more room.
  const [width, height, margin, labelRoom] = [canvas.clientWidth, canvas.clientHeight, 40, 110];
  view.scale = Math.min(1.6, (width - 2 * margin - labelRoom) / Math.max(maxX - minX, 1), (height - 2 * margin) / Math.max(maxY - minY, 1));
  view.x = (width - labelRoom) / 2 - ((minX + maxX) / 2) * view.scale;
  view.y = height / 2 - ((minY + maxY) / 2) * view.scale;
}

function draw() {
  const context = canvas.getContext('2d');
  const ratio = window.devicePixelRatio || 1;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, canvas.clientWidth, canvas.clientHeight);
  // While something is highlighted, the rest is drawn faint so the support stands out.
  const dimming = ui.highlighted.size > 0;
  const lit = (node) => ui.highlighted.has(node.id) || isSelected('node', node.id);
  drawEdges(context, dimming, lit);
  drawNodes(context, dimming, lit);
  drawLabels(context, dimming, lit);
}

function drawEdges(context, dimming, lit) {
  for (const edge of visibleEdges()) {
    const [a, b, chosen] = [toScreen(edge.a), toScreen(edge.b), isSelected('edge', edge.id)];
    const glowing = dimming && lit(edge.a) && lit(edge.b);
    context.strokeStyle = chosen ? HIGHLIGHT : glowing ? 'rgba(255,140,0,0.7)' : dimming ? 'rgba(120,130,150,0.2)' : 'rgba(90,100,120,0.55)';
    context.lineWidth = chosen ? 3.5 : Math.min(1.3 + Math.log2(edge.weight || 1), 6);
    context.beginPath();
    context.moveTo(a.x, a.y); context.lineTo(b.x, b.y);
    context.stroke();
  }
}

function circle(context, x, y, r) {
  context.beginPath();
  context.arc(x, y, r, 0, 2 * Math.PI);
  return context;
}
function drawNodes(context, dimming, lit) {
  for (const node of visibleNodes()) {
    const [{ x, y }, r] = [toScreen(node), screenRadius(node)];
    context.globalAlpha = dimming && !lit(node) ? 0.25 : 1;
    context.fillStyle = typeColour(node.type);
    context.strokeStyle = '#ffffff';
    context.lineWidth = 1.5;
    circle(context, x, y, r).fill();
    context.stroke();
    if (!lit(node) && node !== ui.hovered) continue;
    context.strokeStyle = isSelected('node', node.id) ? '#222' : HIGHLIGHT;   // a ring: selected dark, support orange
    context.lineWidth = 3;
    circle(context, x, y, r + 3).stroke();
  }
  context.globalAlpha = 1;
}

// Labels in order of importance (selected, hovered, highlighted, then by degree), each skipped where it
// would overlap one already drawn, so a dense graph stays readable.
function drawLabels(context, dimming, lit) {
  const rank = (node) => (isSelected('node', node.id) ? 1e9 : 0) + (node === ui.hovered ? 1e8 : 0) + (lit(node) ? 1e7 : 0) + (node.degree ?? 0);
  const nodes = visibleNodes().sort((a, b) => rank(b) - rank(a));
  context.font = `12px ${getComputedStyle(document.body).fontFamily}`;   // the page's stack, CJK fonts included
  context.textBaseline = 'middle';
  context.lineJoin = 'round';
  const taken = [];
  for (const node of nodes) {
    const text = node.name.length > 32 ? `${node.name.slice(0, 31)}…` : node.name;
    const { x, y } = toScreen(node);
    const box = { x: x + screenRadius(node) + 4, y: y - 8, w: context.measureText(text).width, h: 16 };
    if (rank(node) < 1e7 && taken.some((t) => box.x < t.x + t.w && t.x < box.x + box.w && box.y < t.y + t.h && t.y < box.y + box.h)) continue;
    taken.push(box);
    context.globalAlpha = dimming && !lit(node) ? 0.45 : 1;
    context.lineWidth = 3;
    context.strokeStyle = 'rgba(255,255,255,0.9)';   // a halo keeps the text readable over edges
    context.strokeText(text, box.x, y);
    context.fillStyle = '#1d2330';
    context.fillText(text, box.x, y);
  }
  context.globalAlpha = 1;
}

// ---- Pointer: pan, zoom, drag, click, double-click ---------------------------------------------------
function pointerPosition(event) {
  const rect = canvas.getBoundingClientRect();
  return { x: event.clientX - rect.left, y: event.clientY - rect.top };
}
function nodeAt({ x, y }) {
  const near = (node) => Math.hypot(toScreen(node).x - x, toScreen(node).y - y) <= Math.max(screenRadius(node), 5) + 3;
  return visibleNodes().reverse().find(near) ?? null;   // the last drawn is on top
}
function edgeAt({ x, y }) {
  let [best, bestDistance] = [null, 6];   // within 6 px of the line
  for (const edge of visibleEdges()) {
    const [a, b] = [toScreen(edge.a), toScreen(edge.b)];
    const t = Math.max(0, Math.min(1, ((x - a.x) * (b.x - a.x) + (y - a.y) * (b.y - a.y)) / ((b.x - a.x) ** 2 + (b.y - a.y) ** 2 || 1)));
    const distance = Math.hypot(x - (a.x + t * (b.x - a.x)), y - (a.y + t * (b.y - a.y)));
    if (distance < bestDistance) [best, bestDistance] = [edge, distance];
  }
  return best;
}

let gesture = null;   // the press in progress: what it started on and whether it has moved
function onPointerDown(event) {
  canvas.setPointerCapture(event.pointerId);
  const point = pointerPosition(event);
  gesture = { node: nodeAt(point), start: point, last: point, moved: false };
}

function onPointerMove(event) {
  const point = pointerPosition(event);
  if (!gesture) {
    const hovered = nodeAt(point);
    if (hovered !== ui.hovered) { ui.hovered = hovered; requestDraw(); }
    canvas.style.cursor = hovered ? 'pointer' : edgeAt(point) ? 'help' : 'grab';
    return;
  }
  // A press that has not moved 3 px is still a click.
  gesture.moved = gesture.moved || Math.hypot(point.x - gesture.start.x, point.y - gesture.start.y) > 3;
  if (!gesture.moved) return;
  view.autoFit = false;
  if (gesture.node) {   // a dragged node follows the pointer and the rest of the layout reacts
    Object.assign(gesture.node, { pinned: true, x: (point.x - view.x) / view.scale, y: (point.y - view.y) / view.scale });
    reheat(0.3);
  } else {
    view.x += point.x - gesture.last.x;
    view.y += point.y - gesture.last.y;
    requestDraw();
  }
  gesture.last = point;
}

function onPointerUp(event) {
  if (!gesture) return;
  const { node, moved } = gesture;
  gesture = null;
  if (node) node.pinned = false;
  if (moved) return;
  const edge = node ? null : edgeAt(pointerPosition(event));
  if (node) selectNode(node.name);
  else if (edge) selectEdge(edge);
  else clearSelection();
}
function onDoubleClick(event) {
  const node = nodeAt(pointerPosition(event));
  if (node) expand(node);
}

// Zooms about the pointer, so the point under it stays put.
function onWheel(event) {
  event.preventDefault();
  const point = pointerPosition(event);
  const scale = Math.min(8, Math.max(0.05, view.scale * Math.exp(-event.deltaY * 0.0015)));
  view.x = point.x - ((point.x - view.x) * scale) / view.scale;
  view.y = point.y - ((point.y - view.y) * scale) / view.scale;
  Object.assign(view, { scale, autoFit: false });
  requestDraw();
}

// ---- Loading parts of the graph --------------------------------------------------------------------
async function showBestConnected() {
  const data = await loading('Loading the best-connected entities', () => getJSON(graphURL()));
  if (!data) return;
  ui.note = data.note ?? `${data.nodes.length} entities`;
  mergeGraph(data, { replace: true });
  showHint();
  setStatus(ui.note);
}

// A picked search result: its neighbourhood replaces the drawing, and its details open.
async function openEntity(name) {
  const data = await loading(`Loading the neighbourhood of ${name}`, () => getJSON(graphURL({ entity: name })));
  if (!data) return;
  ui.note = data.note ?? `${data.nodes.length} entities around ${name}`;
  mergeGraph(data, { replace: true });
  await selectNode(name);
}

// A double-clicked node: its neighbourhood joins what is drawn.
async function expand(node) {
  const before = graph.nodes.size;
  const data = await loading(`Expanding ${node.name}`, () => getJSON(graphURL({ entity: node.name })));
  if (!data) return;
  mergeGraph(data);
  ui.note = `${graph.nodes.size - before} entities added around ${node.name}${data.note ? ` (${data.note})` : ''}`;
  setStatus(ui.note);
}

// ---- Filters: a checkbox per type present, and a slider up to the heaviest edge ------------------------
function refreshFilters() {
  const counts = new Map();
  for (const node of graph.nodes.values()) counts.set(node.type, (counts.get(node.type) ?? 0) + 1);
  $('#type-filters').replaceChildren(...[...counts].sort((a, b) => b[1] - a[1]).map(([type, count]) => el('label', { class: 'type-filter' },
    el('input', { type: 'checkbox', value: type, checked: !ui.hiddenTypes.has(type), onchange: onFilterChange }),
    el('span', { class: 'swatch', style: `background:${typeColour(type)}` }), `${type} `, el('small', {}, String(count)))));
  const heaviest = Math.max(1, ...[...graph.edges.values()].map((edge) => edge.weight));
  $('#min-weight').max = String(Math.ceil(heaviest));
  if (ui.minWeight > heaviest) onFilterChange({ target: Object.assign($('#min-weight'), { value: '0' }) });
}

function onFilterChange({ target }) {
  if (target.type === 'range') ui.minWeight = Number(target.value);
  else if (target.checked) ui.hiddenTypes.delete(target.value);
  else ui.hiddenTypes.add(target.value);
  $('#weight-value').textContent = String(ui.minWeight);
  recomputeVisibility();
  reheat(0.3);
}

// ---- The side panel ----------------------------------------------------------------------------------
let detailsTicket = 0;   // a slow answer for an earlier click must not replace a later one
function details(...children) {
  $('#details').replaceChildren(...present(children));
  $('#details').scrollTop = 0;
}
const showHint = () => details(el('p', { class: 'hint' }, 'Click a node or an edge to see what the documents say about it.'));
function clearSelection() {
  ++detailsTicket;
  [ui.selected, ui.highlighted] = [null, new Set()];
  recomputeVisibility();
  requestDraw();
  showHint();
}

// A passage: its document, then the chunk's text, fetched by document path and chunk id.
function passage(title, path, chunkId, terms, heading = []) {
  const body = el('blockquote', {}, el('span', { class: 'hint' }, 'Loading the passage…'));
  documentChunks(path).then((chunks) => {
    const chunk = chunks.get(chunkId);
    body.replaceChildren(...(chunk ? marked(chunk.text, terms) : [el('span', { class: 'hint' }, 'This passage is no longer in the store.')]));
  }).catch((error) => body.replaceChildren(el('span', { class: 'error' }, error.message)));
  return el('figure', { class: 'passage' },
    el('figcaption', {}, el('strong', {}, title || path), heading.length ? ` › ${heading.join(' › ')}` : '', el('small', {}, path)), body);
}

// A name in a panel: selects it if it is drawn, else opens its neighbourhood.
const nameButton = (name) => el('button', { type: 'button', class: 'link', onclick: () => (nodeByName(name) ? selectNode(name) : openEntity(name)) }, name);

async function selectNode(name) {
  const ticket = ++detailsTicket;
  const node = nodeByName(name);
  ui.selected = node ? { kind: 'node', id: node.id } : null;
  requestDraw();
  const entity = await loading(`Loading ${name}`, () => getJSON(`/entities/${encodeURIComponent(name)}`));
  if (!entity || ticket !== detailsTicket) return;
  const [aliases, relations] = [(entity.aliases ?? []).filter((alias) => alias !== entity.name), entity.relations ?? []];
  details(
    el('h2', {}, entity.name),
    el('p', { class: 'meta' }, el('span', { class: 'badge', style: `background:${typeColour(entity.type)}` }, entity.type),
      ` degree ${node?.degree ?? relations.length}`),
    aliases.length ? el('p', { class: 'meta' }, `Also called: ${aliases.join(', ')}`) : null,
    el('p', { class: 'description' }, entity.description),
    relations.length ? el('h3', {}, `Relations (${relations.length})`) : null,
    el('ul', { class: 'relations' }, relations.slice(0, 40).map((relation) => el('li', {},
      nameButton(relation.entity), el('small', {}, ` ${relation.keywords.join(', ')} · weight ${relation.weight}`)))),
    el('h3', {}, `Passages (${entity.sources.length})`),
    entity.sources.map((source) => passage(source.document_title, source.document_path, source.chunk_id, [entity.name, ...aliases])));
}

async function selectEdge(edge) {
  ++detailsTicket;
  ui.selected = { kind: 'edge', id: edge.id };
  requestDraw();
  const passages = [];
  try {   // the edge lists chunk ids and document paths, not which chunk is in which document
    for (const path of edge.documents ?? []) {
      const { title } = await documentByPath(path);
      for (const chunk of (await documentChunks(path)).values()) {
        if (edge.chunks.includes(chunk.id)) passages.push(passage(title, path, chunk.id, [edge.source, edge.target, ...edge.keywords], chunk.heading_path));
      }
    }
  } catch (error) { setStatus(error.message, true); }
  if (!isSelected('edge', edge.id)) return;
  details(
    el('h2', {}, nameButton(edge.source), ' — ', nameButton(edge.target)),
    el('p', { class: 'meta' }, `weight ${edge.weight}`),
    el('p', { class: 'keywords' }, edge.keywords.map((keyword) => el('span', { class: 'chip' }, keyword))),
    el('p', { class: 'description' }, edge.description),
    el('h3', {}, `Passages (${passages.length})`),
    passages.slice(0, 8),
    passages.length > 8 ? el('p', { class: 'hint' }, `and ${passages.length - 8} more`) : null);
}

// ---- Search --------------------------------------------------------------------------------------------
let [searchTicket, searchTimer] = [0, 0];
// An empty box lists the best-connected entities.
async function search() {
  const text = $('#search').value.trim();
  const ticket = ++searchTicket;
  const path = text ? `/entities?search=${encodeURIComponent(text)}&limit=20` : '/entities?limit=20';
  const found = await loading(text ? `Searching for ${text}` : 'Loading entities', () => getJSON(path));
  if (!found || ticket !== searchTicket) return;
  const items = found.map((entity) => el('li', { 'data-name': entity.name, tabindex: 0, onclick: () => openEntity(entity.name),
    onkeydown: (event) => event.key === 'Enter' && openEntity(entity.name) },
  el('span', { class: 'swatch', style: `background:${typeColour(entity.type)}` }), el('span', { class: 'name' }, entity.name),
  el('small', {}, `${entity.type} · ${entity.degree}`)));
  $('#search-results').replaceChildren(...(items.length ? items : [el('li', { class: 'hint' }, 'No entity matches.')]));
}

function onSearchInput() {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(search, 250);   // one request per pause in typing, not per key
}
function onSearchKey(event) {
  const first = $('#search-results li[data-name]');
  if (event.key !== 'Enter' || !first) return;
  event.preventDefault();
  openEntity(first.dataset.name);
}

// ---- Asking a question -----------------------------------------------------------------------------
// Reads a text/event-stream body as { event, data } objects as they arrive.
async function* serverSentEvents(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    // Line ends may be CRLF or CR; a CR at the very end waits, as the LF after it may be in the next piece.
    buffer = (buffer + read.value).replace(/\r\n|\r(?=.)/gs, '\n');
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const event = parseEvent(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (event) yield event;
    }
  }
}

function parseEvent(block) {
  let event = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    const [field, value] = line.includes(':') ? [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).replace(/^ /, '')] : [line, ''];
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);   // a line starting with ':' is a comment: its field is ''
  }
  return data.length ? { event, data: JSON.parse(data.join('\n')) } : null;
}

// EventSource cannot POST, so the stream is read from fetch's body.
async function ask(event) {
  event.preventDefault();
  const query = $('#question').value.trim();
  if (!query) return;
  $('#ask').disabled = true;
  const [meta, text, sources] = [el('p', { class: 'meta' }), el('div', { class: 'answer-text' }, el('span', { class: 'hint' }, 'Retrieving…')), el('ol', { class: 'sources' })];
  $('#answer').replaceChildren(meta, text, sources);
  let answer = '';
  setStatus('Asking…');
  try {
    const body = JSON.stringify({ query, mode: $('#mode').value });
    const response = await request('/query/stream', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    for await (const { event: name, data } of serverSentEvents(response)) {
      if (name === 'context') {
        receiveContext(data, meta);
        text.replaceChildren(el('span', { class: 'hint' }, 'Answering…'));
      } else if (name === 'token') {
        answer += data.text;
        text.replaceChildren(...withCitations(answer));
      } else if (name === 'references') {
        sources.replaceChildren(...data.map((reference) => el('li', {},
          el('a', { class: 'citation', 'data-ref': reference.id, href: '#' }, `[${reference.id}]`), ` ${reference.document_title || reference.document_path}`)));
      } else if (name === 'done') {
        setStatus(`Answered by ${data.generator}`);
      } else if (name === 'error') {
        throw new Error(data.message);
      }
    }
  } catch (error) {
    setStatus(error.message, true);
    $('#answer').append(el('p', { class: 'error' }, error.message));
  } finally {
    $('#ask').disabled = false;
  }
}

function receiveContext(context, meta) {
  ui.context = context;
  ui.references = new Map(context.references.map((reference) => [reference.id, reference]));
  meta.textContent = `${context.entities.length} entities, ${context.relations.length} relations and ${context.chunks.length} passages retrieved (${context.mode})`;
  ui.contextDrawn = drawContext(context);
}

// `[n]` and `[n, m]` become citation links; the rest stays text.
function withCitations(answer) {
  const parts = [];
  let last = 0;
  for (const match of answer.matchAll(/\[(\d+(?:\s*,\s*\d+)*)\]/g)) {
    parts.push(answer.slice(last, match.index));
    for (const number of match[1].split(/\s*,\s*/)) parts.push(el('a', { class: 'citation', 'data-ref': number, href: '#' }, `[${number}]`));
    last = match.index + match[0].length;
  }
  parts.push(answer.slice(last));
  return parts;
}

// Draws the context's entities (and the endpoints of its relations) into the graph where they are
// missing. Each missing one is fetched with its neighbourhood, of which only the edges to entities
// already drawn or in the context are kept: they bring the chunk ids that tie a citation to the graph.
async function drawContext(context) {
  const wanted = new Map(context.entities.map((entity) => [entity.id, entity.name]));
  for (const relation of context.relations) wanted.set(relation.source_id, relation.source).set(relation.target_id, relation.target);
  const missing = [...wanted].filter(([id]) => !graph.nodes.has(id)).slice(0, 40);
  const views = await Promise.all(missing.map(([, name]) => getJSON(graphURL({ entity: name, depth: 1, maxNodes: 50 })).catch(() => null)));
  const keep = new Set([...graph.nodes.keys(), ...wanted.keys()]);
  const addition = { nodes: [], edges: [] };
  for (const part of views.filter(Boolean)) {
    addition.nodes.push(...part.nodes.filter((node) => wanted.has(node.id)));
    addition.edges.push(...part.edges.filter((edge) => keep.has(edge.source_id) && keep.has(edge.target_id)));
  }
  // Relations the neighbourhoods did not bring (cut by max_nodes) are still drawn, without passages.
  const brought = new Set(addition.edges.map((edge) => edge.id));
  const unbrought = context.relations.filter((relation) => !graph.edges.has(relation.id) && !brought.has(relation.id));
  addition.edges.push(...unbrought.map((relation) => ({ ...relation, chunks: [], documents: [] })));
  if (addition.nodes.length || addition.edges.length) mergeGraph(addition);
  ui.highlighted = new Set([...wanted.keys()].filter((id) => graph.nodes.has(id)));
  requestDraw();
}

// The supporting nodes of a reference: context entities whose chunks include its chunk, and the
// endpoints of context relations whose chunks do. A passage naming none of them lights the whole context.
function supportOf(reference) {
  const support = new Set();
  const cites = (item) => item?.chunks?.includes(reference.chunk_id);
  for (const entity of ui.context.entities) if (cites(graph.nodes.get(entity.id))) support.add(entity.id);
  for (const relation of ui.context.relations) if (cites(graph.edges.get(relation.id))) support.add(relation.source_id).add(relation.target_id);
  if (!support.size) for (const entity of ui.context.entities) support.add(entity.id);
  return new Set([...support].filter((id) => graph.nodes.has(id)));
}

async function showReference(number) {
  const reference = ui.references.get(number);
  if (!reference) return setStatus(`The answer cites [${number}], which is not among its references`, true);
  ++detailsTicket;
  await ui.contextDrawn;
  ui.selected = null;
  ui.highlighted = supportOf(reference);
  const names = [...ui.highlighted].map((id) => graph.nodes.get(id).name);
  if (names.length && !view.autoFit) fitView();   // bring the support back into view after a pan or zoom
  requestDraw();
  details(
    el('h2', {}, `Reference [${number}]`),
    el('p', { class: 'meta' }, `Supported in the graph by: ${names.join(', ') || 'no drawn entity'}`),
    passage(reference.document_title, reference.document_path, reference.chunk_id, names, reference.heading_path ?? []));
}

function onCitationClick(event) {
  const citation = event.target.closest('.citation');
  if (!citation) return;
  event.preventDefault();
  showReference(Number(citation.dataset.ref));
}

// ---- Documents --------------------------------------------------------------------------------------
async function loadDocuments() {
  const documents = await loading('Loading documents', () => documentList(true));
  if (!documents) return;
  chunksByDocument.clear();   // a fresh list may come with changed documents
  $('#documents-count').textContent = `(${documents.length})`;
  $('#documents').replaceChildren(...documents.map((document) => el('li', { class: 'document', 'data-id': document.id, title: document.path },
    el('span', { class: 'name' }, document.title || document.path),
    el('small', {}, el('span', { class: `badge status-${document.status}` }, document.status), ` ${document.chunk_count} chunks`))));
}

// ---- The API key: asked for after a 401, kept in localStorage, sent as X-API-Key -----------------------
function onKeySubmit(event) {
  event.preventDefault();
  const key = $('#api-key').value.trim();
  if (key) localStorage.setItem(KEY_STORAGE, key);
  else localStorage.removeItem(KEY_STORAGE);
  $('#key-form').hidden = true;
  start();
}

// ---- Start -----------------------------------------------------------------------------------------
const start = () => { showBestConnected(); search(); loadDocuments(); };

function wire() {
  const listeners = [['#search', 'input', onSearchInput], ['#search', 'keydown', onSearchKey], ['#min-weight', 'input', onFilterChange],
    ['#reset', 'click', showBestConnected], ['#ask-form', 'submit', ask], ['#answer', 'click', onCitationClick],
    ['#details', 'click', onCitationClick], ['#key-form', 'submit', onKeySubmit], ['#graph', 'pointerdown', onPointerDown],
    ['#graph', 'pointermove', onPointerMove], ['#graph', 'pointerup', onPointerUp], ['#graph', 'dblclick', onDoubleClick]];
  for (const [selector, type, listener] of listeners) $(selector).addEventListener(type, listener);
  canvas.addEventListener('wheel', onWheel, { passive: false });   // passive listeners cannot stop the page scrolling
  canvas.addEventListener('pointerleave', () => { if (!gesture && ui.hovered) { ui.hovered = null; requestDraw(); } });
  new ResizeObserver(resizeCanvas).observe(canvas);
}

// For tests and the console: what is drawn, and where.
window.explorer = {
  nodeCount: () => visibleNodes().length,
  edgeCount: () => visibleEdges().length,
  selectNode: (name) => selectNode(name),
  nodeScreenPosition(name) {   // page coordinates, for a real mouse click
    const [node, rect] = [nodeByName(name), canvas.getBoundingClientRect()];
    return node?.visible ? { x: rect.left + window.scrollX + toScreen(node).x, y: rect.top + window.scrollY + toScreen(node).y } : null;
  },
  highlighted: () => [...ui.highlighted].map((id) => graph.nodes.get(id)?.name).filter(Boolean),
  selected: () => (ui.selected?.kind === 'node' ? graph.nodes.get(ui.selected.id)?.name ?? null : null),
  settled: () => alpha === 0,
};

wire();
start();
