/**
 * The conformance suite against the in-memory SocialGraph (always runs).
 */
import { createLocalBackend } from './backend.js';
import { conformanceSuite } from './conformance-suite.js';

conformanceSuite('SocialGraph', createLocalBackend, { runs: 500 });
