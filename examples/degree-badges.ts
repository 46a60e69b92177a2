/**
 * A degree-badge service: an HTTP handler that answers, for one viewer, the badges (1st, 2nd, 3rd,
 * out of network) of a page of people and the mutual connections with one of them.
 *
 * Run: npx tsx examples/degree-badges.ts
 * It starts the server on a free loopback port, asks it once, checks the answer and stops.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { SocialGraph } from 'social-graph';

const graph = SocialGraph.fromEdges([
  ['ada', 'bob'],
  ['bob', 'cy'],
  ['cy', 'dee'],
  ['ada', 'eve'],
  ['eve', 'cy'],
]);
graph.addMember('zed'); // nobody knows zed

const BADGE = ['you', '1st', '2nd', '3rd'] as const;

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const viewer = url.searchParams.get('viewer') ?? '';
  const people = (url.searchParams.get('people') ?? '').split(',').filter(Boolean);
  try {
    const degrees = graph.degrees(viewer, people);
    const badges = Object.fromEntries(people.map((p, i) => [p, degrees[i] == null ? 'out of network' : BADGE[degrees[i]!]]));
    const mutual = people[0] === undefined ? [] : graph.mutualConnections(viewer, people[0]).sort();
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ viewer, badges, mutualWithFirst: mutual }));
  } catch (error) {
    // Typed errors carry a stable code: map them to HTTP statuses.
    const code = (error as { code?: string }).code;
    response.writeHead(code === 'MEMBER_NOT_FOUND' ? 404 : 400, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: code }));
  }
});

server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address() as { port: number };
  try {
    const ok = await (await fetch(`http://127.0.0.1:${port}/badges?viewer=ada&people=cy,bob,dee,zed`)).json();
    console.log(JSON.stringify(ok));
    assert.deepEqual(ok, {
      viewer: 'ada',
      badges: { cy: '2nd', bob: '1st', dee: '3rd', zed: 'out of network' },
      mutualWithFirst: ['bob', 'eve'],
    });
    const missing = await fetch(`http://127.0.0.1:${port}/badges?viewer=nobody&people=cy`);
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { error: 'MEMBER_NOT_FOUND' });
    console.log('degree-badges example: ok');
  } finally {
    server.close();
  }
});
