/**
 * The explorer page: pickers, panels and the ego drawing. It holds no graph: the worker
 * (worker.ts) owns it and answers each question by message, so loading 2M connections never
 * blocks this thread (decoding a snapshot of that size here would block it for about 0.4 s).
 */
import { drawEgo } from './ego-drawing.js';
import { EGO_FIRST_CAP, EGO_SECOND_CAP, type NetworkStats, type Reply, type Request, type SearchAnswer, type Source, type TargetAnswer, type ViewerAnswer } from './protocol.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const STORAGE_KEY = 'explorer';
/**
 * 1234567 → "1,234,567". Not `toLocaleString`: its first call builds an ICU number formatter, which
 * measured 30–120 ms on the main thread, the one long task left while a network loaded.
 */
const fmt = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

// ------------------------------------------------------------------ the worker, as promises

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
let nextId = 1;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; progress?: (phase: string, fraction: number | null) => void }>();
worker.addEventListener('message', (event: MessageEvent<Reply>) => {
  const reply = event.data;
  const entry = pending.get(reply.id);
  if (entry === undefined) return;
  if (reply.type === 'progress') entry.progress?.(reply.phase, reply.fraction);
  else {
    pending.delete(reply.id);
    if (reply.type === 'answer') entry.resolve(reply.answer);
    else entry.reject(Object.assign(new Error(reply.message), { code: reply.code }));
  }
});
worker.addEventListener('error', (event) => showMessage(`The worker failed: ${event.message}`, true));

function ask<T>(request: Request, progress?: (phase: string, fraction: number | null) => void): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject, ...(progress ? { progress } : {}) });
    worker.postMessage({ id, request });
  });
}

// ------------------------------------------------------------------ small DOM helpers

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function showMessage(text: string, error = false): void {
  const box = $('message');
  box.textContent = text;
  box.classList.toggle('error', error);
}

/** Shows a chosen id in its picker, unless the user is typing there (never overwrite their text). */
function showInInput(id: string, value: string): void {
  const input = $<HTMLInputElement>(id);
  if (document.activeElement !== input) input.value = value;
}

function ordinal(degree: number | null): string {
  if (degree === null) return 'out of network';
  if (degree === 0) return 'you';
  return degree === 1 ? '1st' : degree === 2 ? '2nd' : degree === 3 ? '3rd' : `${degree}th`;
}

// ------------------------------------------------------------------ state

let stats: NetworkStats | null = null;
let viewer: string | null = null;
let target: string | null = null;
const facetChoice: Record<string, string> = {};

async function load(source: Source): Promise<void> {
  const box = $('progress-box');
  const bar = $<HTMLProgressElement>('progress');
  const label = $('progress-label');
  box.hidden = false;
  document.documentElement.dataset.loaded = 'false';
  // The canvas names its viewer only once every panel shows that viewer of this network.
  delete $('ego-canvas').dataset.viewer;
  $<HTMLButtonElement>('save-button').disabled = true;
  showMessage('');
  try {
    stats = await ask<NetworkStats>({ kind: 'load', source }, (phase, fraction) => {
      if (fraction === null) bar.removeAttribute('value');
      else bar.value = fraction;
      label.textContent = fraction === null ? `${phase}…` : `${phase} ${Math.round(fraction * 100)}%`;
    });
  } catch (error) {
    box.hidden = true;
    showMessage(`Could not load the network: ${(error as Error).message}`, true);
    return;
  }
  box.hidden = true;
  renderStats(stats);
  $<HTMLButtonElement>('save-button').disabled = false;
  showMessage(`Loaded ${stats.name} in ${(stats.loadMs / 1000).toFixed(2)} s.`);
  document.documentElement.dataset.loadedAt = String(Math.round(performance.now()));
  document.documentElement.dataset.loaded = 'true';
  target = null;
  $<HTMLInputElement>('target-input').value = '';
  $('target-body').replaceChildren(el('p', { class: 'hint' }, 'Pick a member to see how the viewer relates to them.'));
  const wanted = new URLSearchParams(location.search).get('viewer');
  const first = wanted ?? stats.firstViewer;
  if (first !== null) await chooseViewer(first);
}

function renderStats(s: NetworkStats): void {
  const rows: [string, string][] = [
    ['source', s.name],
    ['members', fmt(s.memberCount)],
    ['connections', fmt(s.connectionCount)],
    ['mean degree', s.meanDegree.toFixed(1)],
    ['median degree', fmt(s.medianDegree)],
    ['max degree', s.maxDegreeMember === null ? '0' : `${fmt(s.maxDegree)} (${s.maxDegreeMember})`],
    ['isolated', fmt(s.isolatedCount)],
    ['profiles', s.attributes.length > 0 ? s.attributes.join(', ') : 'none'],
  ];
  $('stats').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

/** Answers arrive in order, but a newer question makes an older answer stale: each panel keeps its latest ticket. */
const tickets = { viewer: 0, target: 0, search: 0 };

async function chooseViewer(id: string): Promise<void> {
  const ticket = ++tickets.viewer;
  let answer: ViewerAnswer;
  try {
    answer = await ask<ViewerAnswer>({ kind: 'viewer', viewer: id });
  } catch (error) {
    showMessage((error as Error).message, true);
    return;
  }
  if (ticket !== tickets.viewer) return;
  viewer = id;
  showInInput('viewer-input', id);
  $('viewer-panel').dataset.viewer = id;
  for (const [key, value] of [['first', answer.reach.first], ['second', answer.reach.second], ['third', answer.reach.third]] as const) {
    const cell = document.querySelector<HTMLElement>(`[data-testid="reach-${key}"]`)!;
    cell.textContent = fmt(value);
    cell.dataset.value = String(value);
  }
  const firstDrawn = answer.nodes.filter((n) => n.ring === 1).length;
  const secondDrawn = answer.nodes.filter((n) => n.ring === 2).length;
  $('ego-caption').textContent = `of ${id}: ${fmt(firstDrawn)}${answer.reach.first > EGO_FIRST_CAP ? ` of ${fmt(answer.reach.first)}` : ''} at 1st degree, ${fmt(secondDrawn)}${answer.reach.second > EGO_SECOND_CAP ? ` of ${fmt(answer.reach.second)}` : ''} at 2nd (most mutual first)`;
  drawEgo($('ego-canvas') as unknown as SVGSVGElement, answer, (picked) => void chooseTarget(picked));
  if (target !== null) await chooseTarget(target);
  await runSearch();
  if (ticket !== tickets.viewer) return;
  const canvas = $('ego-canvas');
  canvas.dataset.nodes = String(answer.nodes.length);
  canvas.dataset.viewer = id;
}

async function chooseTarget(id: string): Promise<void> {
  if (viewer === null) return;
  const ticket = ++tickets.target;
  let answer: TargetAnswer;
  try {
    answer = await ask<TargetAnswer>({ kind: 'target', viewer, target: id });
  } catch (error) {
    showMessage((error as Error).message, true);
    return;
  }
  if (ticket !== tickets.target) return;
  target = id;
  showInInput('target-input', id);
  const badge = el('span', { class: 'badge', 'data-testid': 'badge', 'data-degree': String(answer.degree), 'data-target': id }, ordinal(answer.degree));
  const mutual = el('span', { 'data-testid': 'mutual-count', 'data-value': String(answer.mutualCount) }, fmt(answer.mutualCount));
  const body: Node[] = [
    el('div', { class: 'target-head' }, badge, el('strong', {}, id)),
    el('p', {}, mutual, ` mutual connection${answer.mutualCount === 1 ? '' : 's'}`, answer.mutualSample.length > 0 ? el('span', { class: 'muted' }, `: ${answer.mutualSample.join(', ')}${answer.mutualCount > answer.mutualSample.length ? ', …' : ''}`) : ''),
  ];
  if (answer.introductions.length > 0) {
    body.push(el('h2', {}, 'Introduction paths'));
    for (const intro of answer.introductions) {
      const steps = [answer.viewer, ...intro.via, answer.target];
      const path = el('p', { class: 'path', 'data-testid': 'intro-path' });
      steps.forEach((step, i) => path.append(...(i > 0 ? [' → '] : []), el('span', {}, step)));
      path.append(el('span', { class: 'muted' }, ` ${intro.paths.reduce((a, b) => a * b, 1) > 1 ? `${intro.paths.join('×')} paths` : ''}`));
      body.push(path);
    }
  }
  body.push(el('h2', {}, `What ${answer.viewer} may do`));
  const table = el('table', { 'data-testid': 'decisions' });
  for (const d of answer.decisions) {
    table.append(el('tr', { 'data-action': d.action, 'data-allowed': String(d.allowed) }, el('td', {}, d.action), el('td', { class: d.allowed ? 'yes' : 'no' }, d.allowed ? `allowed${d.level ? ` (${d.level})` : ''}` : 'denied'), el('td', { class: 'reason' }, d.reason)));
  }
  body.push(table);
  $('target-body').replaceChildren(...body);
}

async function runSearch(): Promise<void> {
  if (viewer === null) return;
  const text = $<HTMLInputElement>('search-text').value;
  const ticket = ++tickets.search;
  let answer: SearchAnswer;
  try {
    answer = await ask<SearchAnswer>({ kind: 'search', viewer, text, where: { ...facetChoice } });
  } catch (error) {
    showMessage((error as Error).message, true);
    return;
  }
  if (ticket !== tickets.search) return;
  $('search-total').textContent = `${fmt(answer.total)} member${answer.total === 1 ? '' : 's'} at 2nd degree match${answer.total > answer.hits.length ? ` (the ${answer.hits.length} with the most mutual connections shown)` : ''}.`;
  $('facets').replaceChildren(
    ...answer.facets.map((facet) => {
      const set = el('fieldset', {}, el('legend', {}, facet.by));
      const choices = [{ value: '', count: -1 }, ...facet.values];
      for (const v of choices) {
        const radio = el('input', { type: 'radio', name: `facet-${facet.by}`, value: v.value });
        (radio as HTMLInputElement).checked = (facetChoice[facet.by] ?? '') === v.value;
        radio.addEventListener('change', () => {
          facetChoice[facet.by] = v.value;
          void runSearch();
        });
        set.append(el('label', {}, radio, v.count < 0 ? 'any' : `${v.value} (${fmt(v.count)})`));
      }
      return set;
    }),
  );
  $('search-hits').replaceChildren(
    ...answer.hits.map((hit) => {
      const link = el('a', { href: '#' }, hit.id);
      link.addEventListener('click', (event) => {
        event.preventDefault();
        void chooseTarget(hit.id);
      });
      const profile = hit.profile ? Object.entries(hit.profile).map(([k, v]) => `${k}: ${String(v)}`).join(', ') : '';
      return el('li', {}, link, el('span', { class: 'muted' }, ` · ${hit.mutualCount} mutual${profile ? ` · ${profile}` : ''}`));
    }),
  );
}

// ------------------------------------------------------------------ pickers with suggestions

function picker(inputId: string, listId: string, choose: (id: string) => Promise<void>): void {
  const input = $<HTMLInputElement>(inputId);
  const list = $(listId);
  let timer = 0;
  input.addEventListener('input', (event) => {
    clearTimeout(timer);
    const prefix = input.value.trim();
    // A pick from the suggestion list replaces the whole text: choose it at once.
    const kind = (event as InputEvent).inputType;
    if ((kind === undefined || kind === 'insertReplacementText') && Array.from(list.children).some((o) => (o as HTMLOptionElement).value === prefix)) {
      void choose(prefix);
      return;
    }
    timer = window.setTimeout(async () => {
      if (prefix === '' || stats === null) return;
      const ids = await ask<string[]>({ kind: 'find', prefix, limit: 20 });
      list.replaceChildren(...ids.map((id) => el('option', { value: id })));
    }, 120);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      const id = input.value.trim();
      if (id !== '' && stats !== null) void choose(id);
    }
  });
}

picker('viewer-input', 'viewer-options', chooseViewer);
picker('target-input', 'target-options', chooseTarget);
$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void runSearch();
});

// ------------------------------------------------------------------ sources: served file, generator, file picker, drop, IndexedDB

$('generate-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void load({
    type: 'generate',
    members: Number($<HTMLSelectElement>('generate-members').value),
    avgDegree: Number($<HTMLSelectElement>('generate-degree').value),
    seed: 1,
    profiles: $<HTMLInputElement>('generate-profiles').checked,
  });
});
$<HTMLInputElement>('file-input').addEventListener('change', (event) => {
  const file = (event.target as HTMLInputElement).files?.[0];
  if (file) void load({ type: 'file', file });
});
const overlay = $('drop-overlay');
window.addEventListener('dragover', (event) => {
  event.preventDefault();
  overlay.hidden = false;
});
overlay.addEventListener('dragleave', () => (overlay.hidden = true));
window.addEventListener('drop', (event) => {
  event.preventDefault();
  overlay.hidden = true;
  const file = event.dataTransfer?.files[0];
  if (file) void load({ type: 'file', file });
});
$('save-button').addEventListener('click', async () => {
  try {
    const saved = await ask<{ bytes: number; memberCount: number; connectionCount: number }>({ kind: 'save', key: STORAGE_KEY });
    showMessage(`Saved in this browser: ${fmt(saved.memberCount)} members, ${fmt(saved.connectionCount)} connections, ${fmt(saved.bytes)} bytes.`);
    document.documentElement.dataset.saved = String(saved.bytes);
  } catch (error) {
    showMessage(`Could not save: ${(error as Error).message}`, true);
  }
});
$('restore-button').addEventListener('click', () => void load({ type: 'stored', key: STORAGE_KEY }));

/** First network: `?members=N&degree=D` generates one; else the server's FILE; else a 10k generated network. */
async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const members = Number(params.get('members'));
  if (members > 0) {
    await load({ type: 'generate', members, avgDegree: Number(params.get('degree') ?? 20), seed: Number(params.get('seed') ?? 1), profiles: params.get('profiles') === '1' });
    return;
  }
  type Served = { url: string; name: string; size: number } | null;
  let served: Served = null;
  try {
    const response = await fetch('api/source');
    if (response.ok) served = (await response.json()) as Served;
  } catch {
    served = null;
  }
  if (served !== null) await load({ type: 'url', url: served.url, name: served.name, size: served.size });
  else await load({ type: 'generate', members: 10_000, avgDegree: 20, seed: 1, profiles: true });
}
void start();
