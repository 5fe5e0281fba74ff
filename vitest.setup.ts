/**
 * Runs before every test file. The simulator's node-state reporter takes shortcuts on
 * the hot path (node_report.ts); under test each shortcut is checked against the full
 * comparison, so a change the core forgot to count fails the run that shows it.
 */
import { NodeStateReporter } from './packages/sim/src/node_report';

NodeStateReporter.verify = true;
