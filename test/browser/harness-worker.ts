// Test harness worker: serves graphs to graphFromWorker / bytesFromWorker. Requests:
// { fetch: URL } an edge list, { generate: members, degree } a Barabási–Albert graph,
// { fail: CODE } throws a SocialGraphError, { badLine: true } an EdgeListFormatError.
import { serveGraphWorker } from '../../src/browser/index.js';
import { barabasiAlbert } from '../../src/generators/index.js';
import { importEdgeList, SocialGraph, SocialGraphError, type SocialGraphErrorCode } from '../../src/index.js';

interface HarnessRequest {
  fetch?: string;
  generate?: number;
  degree?: number;
  fail?: SocialGraphErrorCode;
  badLine?: boolean;
}

serveGraphWorker(async (raw, progress) => {
  const request = raw as HarnessRequest;
  if (request.fail !== undefined) throw new SocialGraphError(request.fail, `harness: asked to fail with ${request.fail}`);
  if (request.badLine === true) return (await importEdgeList('a b\nc\n')).graph;
  if (request.generate !== undefined) {
    const g = barabasiAlbert({ members: request.generate, avgDegree: request.degree ?? 20, seed: 1 });
    progress('generated');
    return SocialGraph.fromIndexedEdges({ ids: (i) => `m${i}`, memberCount: g.memberCount, sources: g.sources, targets: g.targets, edges: g.edges });
  }
  const response = await fetch(request.fetch!);
  return (await importEdgeList(response.body!, { onProgress: (p) => progress(p.phase) })).graph;
});
