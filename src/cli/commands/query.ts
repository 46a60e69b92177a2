/**
 * `social-graph query FILE.sg degree|mutual|reach ...`: loads a snapshot and answers one query.
 */
import { isDurableDirectory, loadSync, readDurable } from '../../node/index.js';
import { SocialGraphError, type SocialGraph } from '../../index.js';
import { CliError, UsageError, type CliCommand, type CliIo } from '../io.js';
import { cliErrorOf, parseCommandLine } from './snapshot-cli.js';

export const QUERY_USAGE = `Usage: social-graph query FILE.sg|DIR <query> [options]

FILE.sg is a snapshot; DIR a durable directory (snapshot + journal, read without writing).

Queries:
  degree A B         connection degree from A to B (0, 1, 2, 3 or "none")
  mutual A B         the connections A and B share (one id per line)
  reach A            members at distance exactly 1, 2 and 3 of A

Options:
  --max-depth N      furthest degree for 'degree' (0 to 250, default 3)
  --count            'mutual': print only how many
  --json             print the answer as JSON
  -h, --help         this help
`;

export const QUERY_SUMMARY = 'load a snapshot file and answer degree, mutual or reach';

/** Runs `social-graph query`. Resolves to 0, 1 (unknown member, damaged file) or 2 (usage). */
export async function runQueryCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine('query', args, {
    'max-depth': { type: 'string' },
    count: { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    io.stdout.write(QUERY_USAGE);
    return 0;
  }
  const [file, query, ...ids] = positionals;
  if (file === undefined || query === undefined) throw new UsageError('query: expected FILE.sg and a query (degree, mutual or reach)');
  const arity = query === 'reach' ? 1 : query === 'degree' || query === 'mutual' ? 2 : -1;
  if (arity < 0) throw new UsageError(`query: unknown query ${JSON.stringify(query)} (allowed: degree, mutual, reach)`);
  if (ids.length !== arity) throw new UsageError(`query ${query}: expected ${arity} member id${arity > 1 ? 's' : ''}, got ${ids.length}`);
  let maxDepth = 3;
  if (values['max-depth'] !== undefined) {
    maxDepth = Number(values['max-depth']);
    if (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > 250) throw new UsageError(`query: --max-depth must be an integer from 0 to 250, got ${JSON.stringify(values['max-depth'])}`);
  }
  let graph: SocialGraph;
  try {
    graph = isDurableDirectory(file) ? readDurable(file).graph : loadSync(file);
  } catch (error) {
    throw cliErrorOf(error, file);
  }
  const json = values.json === true;
  const [a, b] = ids as [string, string];
  try {
    if (query === 'degree') {
      const degree = graph.degree(a, b, { maxDepth });
      io.stdout.write(json ? `${JSON.stringify({ a, b, degree })}\n` : `${degree ?? 'none'}\n`);
    } else if (query === 'mutual') {
      if (values.count === true) {
        const mutualCount = graph.mutualCount(a, b);
        io.stdout.write(json ? `${JSON.stringify({ a, b, mutualCount })}\n` : `${mutualCount}\n`);
      } else {
        const mutualConnections = graph.mutualConnections(a, b);
        io.stdout.write(json ? `${JSON.stringify({ a, b, mutualConnections })}\n` : mutualConnections.map((id) => `${id}\n`).join(''));
      }
    } else {
      const reach = graph.reach(a);
      io.stdout.write(json ? `${JSON.stringify({ id: a, ...reach })}\n` : `1st ${reach.first}\n2nd ${reach.second}\n3rd ${reach.third}\n`);
    }
  } catch (error) {
    if (error instanceof SocialGraphError) throw new CliError(`query ${query}: ${error.code}: ${error.message}`);
    throw error;
  }
  return 0;
}

/** The `query` subcommand, for the command table of src/cli/cli.ts. */
export const queryCommand: CliCommand = { summary: QUERY_SUMMARY, run: runQueryCommand };
