/** Size of one built JavaScript file, in bytes. */
export interface BuiltSize {
  minified: number;
  gzipped: number;
}
/** See build-explorer.mjs. */
export function buildExplorer(options?: { outdir?: string; extraEntries?: Record<string, string> }): Promise<Record<string, BuiltSize>>;
