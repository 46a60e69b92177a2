/**
 * Seeded random graph generators that emit typed-array edge lists, and statistics over them.
 *
 * Every generator returns a {@link GeneratedGraph}: an undirected simple graph over member indices
 * `0 … members − 1`, as two `Int32Array`s. The same options and seed always give byte-identical
 * arrays. Nothing here depends on Node built-ins: it runs in browsers too.
 *
 * @packageDocumentation
 */

export { SeededRandom } from './random.js';
export {
  clusteringEstimate,
  degreeStats,
  describe,
  type ClusteringOptions,
  type DegreeStats,
  type GeneratedGraph,
  type GraphDescription,
} from './edge-list.js';
export { barabasiAlbert, type BarabasiAlbertOptions } from './barabasi-albert.js';
export { wattsStrogatz, type WattsStrogatzOptions } from './watts-strogatz.js';
export {
  stochasticBlock,
  stochasticBlockCommunity,
  type StochasticBlockOptions,
} from './stochastic-block.js';
export { erdosRenyi, type ErdosRenyiOptions } from './erdos-renyi.js';
