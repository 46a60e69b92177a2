// Prints the mutation score per folder and per file from Stryker's JSON report
// (`npm run mutation` writes reports/mutation/mutation.json): `node test/mutation/summary.mjs`.
// Score = (killed + timeout) / (killed + timeout + survived + no coverage); ignored mutants
// (static initialisers, and mutants disabled in src by a `Stryker disable` comment with its
// reason) are not counted.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2] ?? 'reports/mutation/mutation.json', 'utf8'));
const tally = new Map();
const add = (key, status) => {
  const counts = tally.get(key) ?? { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, other: 0 };
  if (status in counts) counts[status]++;
  else counts.other++;
  tally.set(key, counts);
};
for (const [file, { mutants }] of Object.entries(report.files)) {
  const path = file.slice(file.indexOf('src/'));
  const folder = path.split('/').slice(0, 2).join('/');
  for (const { status } of mutants) {
    add(path, status);
    add(folder, status);
    add('total', status);
  }
}
const row = (name, c) => {
  const detected = c.Killed + c.Timeout;
  const valid = detected + c.Survived + c.NoCoverage;
  const score = valid === 0 ? 100 : (100 * detected) / valid;
  return `| ${name} | ${valid} | ${c.Killed} | ${c.Timeout} | ${c.Survived} | ${c.NoCoverage} | ${c.Ignored} | ${score.toFixed(2)}% |`;
};
console.log('| scope | mutants | killed | timeout | survived | no coverage | ignored | score |');
console.log('|---|---|---|---|---|---|---|---|');
const keys = [...tally.keys()];
for (const key of ['src/algorithms', 'src/store', 'total']) if (tally.has(key)) console.log(row(key, tally.get(key)));
for (const key of keys.filter((k) => k.endsWith('.ts')).sort()) console.log(row(key, tally.get(key)));
