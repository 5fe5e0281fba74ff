/** Pending operations' stages (`Simulation.opStages`), for a viewer that joins late. */
import { describe, expect, test } from 'vitest';
import { Simulation } from './simulation';
import { waitForLeader, VERIFY_REPORTS } from './testing';

describe('operation stages for a viewer that joins late', () => {
  test('opStages says what client-attempt and client-proposed said, and forgets completed operations', () => {
    const sim = new Simulation({ seed: 5 }, VERIFY_REPORTS);
    waitForLeader(sim);
    const said = new Map<number, { attempt: number; node: number; proposed: unknown }>();
    sim.onEvent((e) => {
      if (e.type === 'client-attempt') said.set(e.opId, { attempt: e.attempt, node: e.node, proposed: null });
      if (e.type === 'client-proposed') {
        const { node, index, term } = e;
        said.set(e.opId, { ...said.get(e.opId)!, proposed: { node, index, term } });
      }
    });
    const opId = sim.invoke(1, { type: 'put', key: 'x', value: '1' });
    let sawProposal = false;
    const pending = () => sim.history().find((h) => h.opId === opId)!.status === 'pending';
    while (pending()) {
      sim.step();
      const stages = sim.opStages();
      if (!said.has(opId) || !pending()) continue;
      expect(stages).toEqual([{ opId, ...said.get(opId)! }]);
      if (said.get(opId)!.proposed !== null) sawProposal = true;
    }
    expect(sawProposal).toBe(true);
    expect(sim.opStages()).toEqual([]);
  });
});
