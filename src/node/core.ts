/**
 * The core, as the modules under src/node/ see it: one place that imports the package's main
 * entry through '../index.js', the one specifier the build keeps external and rewrites to
 * 'social-graph' (see tsup.config.ts), so nested folders (src/node/durable/) share the very
 * classes and errors users import instead of bundling a second copy.
 *
 * @packageDocumentation
 */
export {
  DEFAULT_POLICY,
  MAX_CONNECT_ALL,
  OPERATION_NAMES,
  STRICT_POLICY,
  SocialGraph,
  SocialGraphError,
  crc32,
  logOperations,
  replayOperation,
  type OperationName,
  type OperationRecord,
  type Policy,
  type SocialGraphErrorCode,
  type SocialGraphOptions,
} from '../index.js';
