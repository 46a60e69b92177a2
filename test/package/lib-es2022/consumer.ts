// A consumer compiled with lib ["es2022"] only: no DOM, no Node types (see tsconfig.json here).
// The package's public types must not name DOM or Node globals (ReadableStream, Buffer, ...).
import { SocialGraph, importEdgeList, type EdgeListSource } from 'social-graph';
import { barabasiAlbert } from 'social-graph/generators';

const source: EdgeListSource = 'ada bob\nbob cy\n';
const { graph } = await importEdgeList(source);
const copy: SocialGraph = SocialGraph.fromBytes(graph.toBytes());
export const answer: number | null = copy.degree('ada', 'cy');
export const generated = barabasiAlbert;
