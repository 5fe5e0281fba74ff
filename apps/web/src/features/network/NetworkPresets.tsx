/**
 * The Network panel: presets (isolate the leader, leader in a minority, bridge, ring),
 * Heal, a partition into hand-picked groups, a one-way cut, and per-link quality.
 */
import { useShallow } from 'zustand/react/shallow';
import { actions } from '../../api/actions';
import { useRaft } from '../../store/store';
import { Acting } from '../access/Acting';
import { selectLeaderId } from '../../store/selectors';
import { bridgeLinks, isolateLeader, ringLinks, splitLeaderMinority } from './presets';
import { LinkQualityForm } from './LinkQualityForm';
import { OneWayCut } from './OneWayCut';
import { PartitionEditor } from './PartitionEditor';
import './network.css';

export function NetworkPresets() {
  const nodeIds = useRaft(useShallow((s) => s.nodeIds));
  const leader = useRaft(selectLeaderId);
  const noLeader = leader === null || nodeIds.length < 2;
  return (
    <section className="panel" aria-labelledby="network-heading">
      <h2 id="network-heading">Network</h2>
      <p className="hint">
        Click a line between two nodes to cut or restore it; Shift+click near one node to cut only its
        messages to the other.
      </p>
      <Acting>
        <div className="button-row">
          <button
            type="button"
            disabled={noLeader}
            onClick={() =>
              leader !== null &&
              void actions.setNetwork({ partitions: isolateLeader(nodeIds, leader) }, 'isolate the leader')
            }
          >
            Isolate leader
          </button>
          <button
            type="button"
            disabled={noLeader}
            onClick={() =>
              leader !== null &&
              void actions.setNetwork(
                { partitions: splitLeaderMinority(nodeIds, leader) },
                'split the cluster',
              )
            }
          >
            Split majority/minority
          </button>
          <button
            type="button"
            disabled={nodeIds.length < 3}
            title="Two halves that cannot hear each other, joined by the middle node"
            onClick={() => void actions.setNetwork(bridgeLinks(nodeIds), 'bridge the cluster')}
          >
            Bridge
          </button>
          <button
            type="button"
            disabled={nodeIds.length < 4}
            title="Each node hears only its two neighbours"
            onClick={() => void actions.setNetwork(ringLinks(nodeIds), 'arrange the cluster in a ring')}
          >
            Ring
          </button>
          <button type="button" onClick={() => void actions.heal()}>
            Heal
          </button>
        </div>
        <PartitionEditor />
        <OneWayCut />
        <details className="link-quality__details">
          <summary>Loss, duplication and latency per link</summary>
          <LinkQualityForm />
        </details>
      </Acting>
    </section>
  );
}
