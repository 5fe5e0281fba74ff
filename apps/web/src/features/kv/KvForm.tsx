/**
 * Key / Value inputs with Put, Get, Delete and CAS (with Expected); every client's
 * operations with their stage below, and this tab's answers in the Results list.
 */
import { useState, type FormEvent } from 'react';
import { READ_CONSISTENCIES, type ReadConsistency } from '@raftlab/protocol';
import { rewindIfPast } from '../../api/actions';
import { api, describeKvError } from '../../api/client';
import { raftStore, useRaft } from '../../store/store';
import type { KvResultRow } from '../../store/types';
import { Operations } from './Operations';
import { Results } from './Results';
import './form.css';

type Op = KvResultRow['op'];

/** The read levels, with what each promises (thesis §6.4). */
const CONSISTENCY_LABELS: Record<ReadConsistency, string> = {
  linearizable: 'Linearizable (ReadIndex, §6.4)',
  lease: 'Lease (leader lease, needs check-quorum, §6.4.1)',
  stale: 'Stale (any node, may be out of date)',
};

async function submit(
  op: Op,
  key: string,
  value: string,
  consistency: ReadConsistency,
  expected: string,
): Promise<void> {
  const { clusterId, addResult } = raftStore.getState();
  // A write (or a read: it is an operation of the history too) from the past rewrites the future.
  if (!clusterId || !(await rewindIfPast(clusterId))) return;
  try {
    if (op === 'cas') {
      // An empty Expected means "the key is absent" (the API's null).
      const reply = await api.cas(clusterId, key, expected === '' ? null : expected, value);
      addResult({
        op,
        key,
        value: reply.value,
        ok: true,
        swapped: reply.swapped,
        index: reply.index,
        term: reply.term,
        node: reply.node,
      });
      return;
    }
    const reply =
      op === 'put'
        ? await api.put(clusterId, key, value)
        : op === 'get'
          ? await api.get(clusterId, key, consistency)
          : await api.del(clusterId, key);
    addResult({
      op,
      key,
      value: reply.value,
      ok: true,
      index: reply.index,
      term: reply.term,
      node: reply.node,
      ...(op === 'get' ? { consistency } : {}),
    });
  } catch (err) {
    addResult({
      op,
      key,
      value: op === 'put' ? value : null,
      ok: false,
      error: describeKvError(err),
      ...(op === 'get' ? { consistency } : {}),
    });
  }
}

export function KvForm() {
  const [key, setKey] = useState('x');
  const [value, setValue] = useState('1');
  const [consistency, setConsistency] = useState<ReadConsistency>('linearizable');
  const [expected, setExpected] = useState('');
  const [busy, setBusy] = useState(0);
  const ready = useRaft((s) => s.clusterId !== null && s.connection !== 'closed');

  const send = (op: Op) => {
    if (!key) return;
    setBusy((n) => n + 1);
    void submit(op, key, value, consistency, expected).finally(() => setBusy((n) => n - 1));
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    send('put');
  };

  return (
    <section className="panel" aria-labelledby="kv-heading">
      <h2 id="kv-heading">Client requests</h2>
      <form className="kv-form" onSubmit={onSubmit}>
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
      </form>
      <Operations />
      <Results />
    </section>
  );
}
