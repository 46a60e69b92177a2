/**
 * From a 3rd-degree target to a connection: Ada wants to reach Zoe, three hops away. She asks
 * for the best introduction path (`from → x → y → to`), requests the introduction, invites the
 * second intermediary through the first, then Zoe through the second, and each invitation is
 * accepted: the degree goes 3 → 2 → 1.
 *
 * Run: npx tsx examples/introduction-path.ts
 * It checks its own outcome with node:assert and exits non-zero on failure.
 */
import assert from 'node:assert/strict';
import { InvitationDeniedError, SocialGraph } from 'social-graph';

// A fake clock, so that the invitation times below are exact.
let now = Date.parse('2026-11-27T09:00:00Z');
const graph = new SocialGraph({ clock: () => now });
const minutes = (n: number): void => {
  now += n * 60_000;
};

for (const [a, b] of [
  ['ada', 'bob'],
  ['ada', 'eve'],
  ['bob', 'cy'],
  ['eve', 'cy'],
  ['eve', 'fay'],
  ['cy', 'zoe'],
  ['fay', 'zoe'],
  ['cy', 'gus'],
] as const) {
  graph.mergeMember(a);
  graph.mergeMember(b);
  graph.connect(a, b);
}
const log: string[] = [];
graph.on('invitationSent', (e) => log.push(`  event: ${e.from} invited ${e.to} (${e.id})`));
graph.on('invitationAccepted', (e) => log.push(`  event: ${e.to} accepted ${e.from}'s invitation (${e.id})`));
const flush = (): void => {
  for (const line of log.splice(0)) console.log(line);
};

const start = graph.degree('ada', 'zoe');
console.log(`ada → zoe: degree ${start}`);
assert.equal(start, 3);

// 1. Who can introduce Ada to Zoe? Chains ada → x → y → zoe, best first.
const paths = graph.introductions('ada', 'zoe', { limit: 3 });
for (const p of paths) console.log(`  via ${['ada', ...p.via, 'zoe'].join(' → ')}   score ${p.score} (paths through each: ${p.paths.join(', ')})`);
assert.ok(paths.length > 0);
const [x, y] = paths[0]!.via as [string, string];
assert.deepEqual([x, y], ['eve', 'cy']); // eve sits on 2 shortest paths, cy on 2: score 4

// 2. Request the introduction (the policy allows it at 3rd degree; it counts against a quota if one is set).
const request = graph.attempt('ada', 'requestIntroduction', 'zoe');
console.log(`request an introduction through ${x}: ${request.allowed ? 'allowed' : 'denied'} (${request.reason})`);
assert.equal(request.allowed, true);

// 3. Through x, Ada invites y (2nd degree), and y accepts.
minutes(5);
const toY = graph.invite('ada', y, { note: `Hi ${y}, ${x} suggested I get in touch about Zoe's project.` });
flush();
minutes(60);
graph.accept(toY.id);
flush();
const middle = graph.degree('ada', 'zoe');
console.log(`ada → zoe: degree ${middle}`);
assert.equal(middle, 2);

// Now Zoe is 2nd degree: the introducers are mutual connections.
const mutuals = graph.introductions('ada', 'zoe');
console.log(`  introducers now: ${mutuals.map((p) => p.via[0]).join(', ')}`);
assert.deepEqual(mutuals.map((p) => p.via[0]), [y]);

// Inviting twice is refused with a reason, and nothing changes.
minutes(1);
const toZoe = graph.invite('ada', 'zoe', { note: `Hi Zoe, ${y} introduced us.` });
flush();
try {
  graph.invite('ada', 'zoe');
  assert.fail('a second invitation must be refused');
} catch (error) {
  assert.ok(error instanceof InvitationDeniedError);
  console.log(`  a second invitation is refused: ${error.code} (${error.reason})`);
}
assert.deepEqual(graph.receivedInvitations('zoe').map((i) => i.id), [toZoe.id]);

// 4. Zoe accepts.
minutes(30);
const accepted = graph.accept(toZoe.id);
flush();
const end = graph.degree('ada', 'zoe');
console.log(`ada → zoe: degree ${end} (invitation ${accepted.id} ${accepted.status} at ${new Date(accepted.closedAt!).toISOString()})`);
assert.equal(end, 1);
assert.equal(accepted.status, 'accepted');
assert.deepEqual(graph.sentInvitations('ada'), []);
console.log('ok: degree 3 → 2 → 1');
