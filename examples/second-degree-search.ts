/**
 * "2nd-degree connections at company X in location Y, sorted by mutual connections" on a generated
 * network of 20,000 members with profiles (company, industry, location, school, title).
 *
 * The viewer first looks at the facets of its 2nd-degree network (which companies, then which
 * locations at that company), then searches, and pages through the answer with the cursor.
 * It asserts its own output against a brute force over the public API: `npx tsx
 * examples/second-degree-search.ts` exits non-zero on any mismatch.
 * In a project that installed the package, import from 'social-graph' and
 * 'social-graph/generators' instead of '../src/...'.
 */
import assert from 'node:assert/strict';
import { SocialGraph } from 'social-graph';
import { barabasiAlbert, SeededRandom } from 'social-graph/generators';

type Profile = { name: string; company: string; industry: string; location: string; school: string; title: string };

const MEMBERS = 20_000;
const random = new SeededRandom(2026);
/** A Zipf-distributed pick among `n` values (rank r with weight 1 / (r + 1)). */
function zipf(n: number, prefix: string): () => string {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < n; r++) cdf[r] = sum += 1 / (r + 1);
  return () => {
    const x = random.nextFloat() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return `${prefix} ${lo + 1}`;
  };
}
const pick = { company: zipf(300, 'Company'), industry: zipf(40, 'Industry'), location: zipf(60, 'City'), school: zipf(200, 'School'), title: zipf(80, 'Title') };

const edges = barabasiAlbert({ members: MEMBERS, avgDegree: 16, seed: 7 });
const id = (i: number): string => `member-${i}`;
const graph = SocialGraph.fromIndexedEdges(
  { ids: id, memberCount: edges.memberCount, sources: edges.sources, targets: edges.targets },
  { indexedAttributes: ['company', 'industry', 'location', 'school', 'title'], limitedProfileFields: ['name', 'title'] },
) as unknown as SocialGraph<Profile>;
for (let i = 0; i < MEMBERS; i++) {
  graph.setProfile(id(i), {
    name: `Member ${i}`,
    company: pick.company(),
    industry: pick.industry(),
    location: pick.location(),
    school: pick.school(),
    title: pick.title(),
  });
}

const viewer = id(4321);
const me = graph.viewAs(viewer);

// 1. Organize the 2nd-degree network by company, then by location at the top company.
const byCompany = me.facets({ degree: 2, by: 'company', top: 3 });
const company = byCompany.values[0]!.value;
const byLocation = me.facets({ degree: 2, by: 'location', where: { company }, top: 3 });
const location = byLocation.values[0]!.value;
console.log(`${viewer}: ${byCompany.total} members at 2nd degree; top companies`, byCompany.values);
console.log(`at ${company}, top locations`, byLocation.values);

// 2. The question: 2nd-degree connections at company X in location Y, by mutual connections.
const query = { degree: 2, where: { company, location }, sort: 'mutual', limit: 5 } as const;
const first = me.search(query);
console.log(`2nd-degree connections at ${company} in ${location} (${first.total}), most mutual connections first:`);
for (const hit of first.hits) console.log(`  ${hit.id}  ${hit.mutualCount} mutual  ${hit.profile?.title}`);

// 3. Page through the rest with the cursor.
const all = [...first.hits];
let cursor = first.nextCursor;
while (cursor !== null) {
  const page = me.search({ ...query, cursor });
  all.push(...page.hits);
  cursor = page.nextCursor;
}

// Brute force over the public API: every member, its degree, mutual count and profile.
const expected: { id: string; mutualCount: number }[] = [];
for (let i = 0; i < MEMBERS; i++) {
  const other = id(i);
  const p = graph.profile(other)!;
  if (p.company !== company || p.location !== location) continue;
  if (graph.degree(viewer, other, { maxDepth: 2 }) !== 2) continue;
  expected.push({ id: other, mutualCount: graph.mutualCount(viewer, other) });
}
expected.sort((a, b) => b.mutualCount - a.mutualCount || (a.id < b.id ? -1 : 1));
assert.equal(first.total, expected.length);
assert.deepEqual(
  all.map((hit) => [hit.id, hit.mutualCount]),
  expected.map((e) => [e.id, e.mutualCount]),
);
for (const hit of all) {
  assert.equal(hit.degree, 2);
  assert.equal(hit.level, 'full');
  assert.equal(hit.profile?.company, company);
}
assert.ok(expected.length > first.hits.length, 'the example should need more than one page');
console.log(`checked: ${all.length} hits over ${Math.ceil(all.length / query.limit)} pages match the brute force`);
