/**
 * Key / Value inputs with Put, Get, Delete and CAS (with Expected); every client's
 * operations with their stage below, and this tab's answers in the Results list.
 */
import { useState, type FormEvent } from 'react';
import { READ_CONSISTENCIES, type KvReply, type ReadConsistency } from '@raftlab/protocol';
import { rewindIfPast } from '../../api/actions';
import { api, ApiError, describeKvError } from '../../api/client';
import { useShallow } from 'zustand/react/shallow';
import { raftStore, useRaft } from '../../store/store';
import { Acting } from '../access/Acting';
import { NodeSelect } from '../network/NodeSelect';
import type { KvResultRow } from '../../store/types';
import { Operations } from './Operations';
import { Results } from './Results';
import './form.css';

type Op = KvResultRow['op'];

/** The read levels, with what each promises (thesis §6.4). */
const CONSISTENCY_LABELS: Record<ReadConsistency, string> = {
  linearizable: 'Linearizable (ReadIndex, §6.4)',
  lease: 'Lease (leader lease, needs check-quorum, §6.4.1)',
  stale: 'Stale (one node’s copy, may be old)',
};

/** What the form sends: the operation and its fields as typed. */
interface Request {
  op: Op;
  key: string;
  value: string;
  consistency: ReadConsistency;
  expected: string;
  /** A stale read's node, or null for any running node. */
  readFrom: number | null;
}

/** What a success answers: the value, where the operation was served, and which one it was. */
const answer = ({ value, index, term, node, opId }: KvReply) => ({ value, index, term, node, opId });

async function submit({ op, key, value, consistency, expected, readFrom }: Request): Promise<void> {
  const { clusterId, addResult } = raftStore.getState();
  // A write (or a read: it is an operation of the history too) from the past rewrites the future.
  if (!clusterId || !(await rewindIfPast(clusterId))) return;
  // The node a stale read asks (none: the server picks a running one).
  const from = op === 'get' && consistency === 'stale' && readFrom !== null ? readFrom : undefined;
  const read = op === 'get' ? { consistency, ...(from !== undefined ? { readFrom: from } : {}) } : {};
  try {
    if (op === 'cas') {
      // An empty Expected means "the key is absent" (the API's null).
      const reply = await api.cas(clusterId, key, expected === '' ? null : expected, value);
      addResult({ op, key, ok: true, ...answer(reply), swapped: reply.swapped });
      return;
    }
    const reply =
      op === 'put'
        ? await api.put(clusterId, key, value)
        : op === 'get'
          ? await api.get(clusterId, key, consistency, from)
          : await api.del(clusterId, key);
    addResult({ op, key, ok: true, ...answer(reply), ...read });
  } catch (err) {
    addResult({
      op,
      key,
      value: op === 'put' ? value : null,
      ok: false,
      error: describeKvError(err),
      ...(err instanceof ApiError && err.opId !== undefined ? { opId: err.opId } : {}),
      ...(err instanceof ApiError && err.status === 504 ? { timedOut: true } : {}),
      ...read,
    });
  }
}

export function KvForm() {
  const [key, setKey] = useState('x');
  const [value, setValue] = useState('1');
  const [consistency, setConsistency] = useState<ReadConsistency>('linearizable');
  const [expected, setExpected] = useState('');
  const [readFrom, setReadFrom] = useState<number | null>(null);
  const nodeIds = useRaft(useShallow((s) => s.nodeIds));
  const [busy, setBusy] = useState(0);
  const ready = useRaft((s) => s.clusterId !== null && s.connection !== 'closed');

  const send = (op: Op) => {
    if (!key) return;
    setBusy((n) => n + 1);
    void submit({ op, key, value, consistency, expected, readFrom }).finally(() => setBusy((n) => n - 1));
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    send('put');
  };

  return (
    <section className="panel" aria-labelledby="kv-heading">
      <h2 id="kv-heading">Client requests</h2>
      <form className="kv-form" onSubmit={onSubmit}>
        <Acting>
          <label>
            <span>Key</span>
            <input value={key} onChange={(e) => setKey(e.target.value)} maxLength={256} required />
          </label>
          <label>
            <span>Value</span>
            <input value={value} onChange={(e) => setValue(e.target.value)} maxLength={4096} />
          </label>
          <label>
            <span>Expected</span>
            <input
              value={expected}
              onChange={(e) => setExpected(e.target.value)}
              maxLength={4096}
              placeholder="empty = absent"
            />
          </label>
          <div className="button-row">
            <button type="submit" className="primary" disabled={!ready || !key}>
              Put
            </button>
            <button type="button" disabled={!ready || !key} onClick={() => send('get')}>
              Get
            </button>
            <button type="button" disabled={!ready || !key} onClick={() => send('delete')}>
              Delete
            </button>
            <button
              type="button"
              disabled={!ready || !key}
              onClick={() => send('cas')}
              title="Compare and swap: set Value only if the key holds Expected"
            >
              CAS
            </button>
            {busy > 0 && (
              <span className="spinner" role="status">
                waiting…
              </span>
            )}
          </div>
          <label className="kv-form__wide">
            <span>Read consistency</span>
            <select value={consistency} onChange={(e) => setConsistency(e.target.value as ReadConsistency)}>
              {READ_CONSISTENCIES.map((level) => (
                <option key={level} value={level}>
                  {CONSISTENCY_LABELS[level]}
                </option>
              ))}
            </select>
          </label>
          {consistency === 'stale' && (
            <NodeSelect
              className="kv-form__wide"
              label="Read from"
              nodeIds={nodeIds}
              value={readFrom}
              onChange={setReadFrom}
              anyLabel="Any running node"
            />
          )}
        </Acting>
      </form>
      <Operations />
      <Results />
    </section>
  );
}
