/**
 * The run as a file: `Download trace` saves this cluster's trace (seed, config, inputs),
 * `Upload trace` replays one as a new cluster, computed to its end, which opens at its
 * first violation if it has one (`?at=violation`); `Save as lesson` writes a lesson file
 * that starts where the cluster is now.
 */
import { useState } from 'react';
import type { Trace } from '@raftlab/protocol';
import { api, ApiError } from '../../api/client';
import { clusterPath } from '../../api/route';
import { useRaft } from '../../store/store';
import { downloadLesson, lessonFromTrace } from '../lesson/saveLesson';

async function upload(file: File): Promise<string | null> {
  let trace: Trace;
  try {
    trace = JSON.parse(await file.text()) as Trace;
  } catch {
    return `${file.name} is not JSON`;
  }
  try {
    const created = await api.createCluster({ trace });
    window.location.assign(`${clusterPath(created.id)}?at=violation`);
    return null;
  } catch (err) {
    return err instanceof ApiError ? err.message || err.code : 'request failed';
  }
}

/** The cluster as a lesson file that starts where it is now (features/lesson/saveLesson.ts). */
async function saveAsLesson(id: string, setError: (e: string | null) => void): Promise<void> {
  try {
    downloadLesson(lessonFromTrace(await api.trace(id), id));
  } catch (err) {
    setError(err instanceof ApiError ? err.message : 'the server could not be reached');
  }
}

export function TraceFiles() {
  const id = useRaft((s) => s.clusterId);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="trace-files">
      <h3>Trace</h3>
      <div className="button-row">
        {id && (
          <a className="button-link" href={`/api/clusters/${id}/trace`} download={`raftlab-${id}.trace.json`}>
            Download trace
          </a>
        )}
        {id && (
          <button type="button" className="small" onClick={() => void saveAsLesson(id, setError)}>
            Save as lesson
          </button>
        )}
        <label className="button-link">
          Upload trace
          <input
            type="file"
            accept=".json,application/json"
            className="sr-only"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              setBusy(true);
              setError(null);
              void upload(file).then((problem) => {
                setBusy(false);
                setError(problem);
              });
            }}
          />
        </label>
        {busy && <span className="spinner">computing the run…</span>}
      </div>
      {error && (
        <p className="trace-files__error" role="alert">
          Could not open the trace: {error}
        </p>
      )}
    </div>
  );
}
