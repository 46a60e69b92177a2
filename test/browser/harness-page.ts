// Test harness page (bundled by test/browser/explorer.test.ts next to the explorer page): exposes
// the library and `social-graph/browser` to page.evaluate as `window.harness`.
import { bytesFromWorker, deleteFromIndexedDB, graphFromWorker, loadFromIndexedDB, saveToIndexedDB } from '../../src/browser/index.js';
import { SocialGraph, SocialGraphError } from '../../src/index.js';

const harness = {
  SocialGraph,
  SocialGraphError,
  saveToIndexedDB,
  loadFromIndexedDB,
  deleteFromIndexedDB,
  graphFromWorker,
  bytesFromWorker,
  worker: () => new Worker(new URL('./harness-worker.js', import.meta.url), { type: 'module' }),
};
(globalThis as unknown as { harness: typeof harness }).harness = harness;
document.documentElement.dataset.ready = 'true';
