/** `Fork`: a new cluster at the moment shown, opened in this tab; the original stays as it is. */
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import { clusterPath } from '../../api/route';
import { selectShownAt } from '../../store/selectors';
import { raftStore, useRaft } from '../../store/store';

async function fork(): Promise<void> {
  const s = raftStore.getState();
  if (!s.clusterId) return;
  const at = selectShownAt(s);
  try {
    const created = await api.fork(s.clusterId, at);
    window.location.assign(clusterPath(created.id));
  } catch (err) {
    s.setNotice(
      `Could not fork at event ${at}: ${err instanceof ApiError ? err.message || err.code : 'request failed'}`,
    );
  }
}

export function ForkButton() {
  const ready = useRaft((s) => s.connection === 'live' && s.clusterId !== null);
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="small"
      disabled={!ready || busy}
      title="A new cluster from the moment shown; this one stays as it is"
      onClick={() => {
        setBusy(true);
        void fork().finally(() => setBusy(false));
      }}
    >
      Fork
    </button>
  );
}
