/**
 * `Share`, in the header: the cluster's links and, for its owner, who may act (issue 16,
 * "Owners and viewers"). The view link (of the moment shown) lets anyone watch; the owner
 * link carries the owner's token, for the owner's other devices, and is copied, never
 * shown, so it is not read off a projector; the owner opens control to everyone with the
 * link (a classroom playground) and closes it again.
 */
import { useState } from 'react';
import { setControlOpen } from '../../api/access';
import { ownerToken } from '../../api/owners';
import { momentPath } from '../../api/route';
import { ownerLink } from '@raftlab/protocol';
import { useRaft } from '../../store/store';
import './access.css';

/** Copies text to the clipboard; `copied` says so for a moment. */
function useCopy(): [copied: string | null, copy: (what: string, text: string) => Promise<void>] {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (what: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
      setTimeout(() => setCopied(null), 1500);
    } catch {
      setCopied(null);
    }
  };
  return [copied, copy];
}

export function SharePanel({ clusterId }: { clusterId: string }) {
  const at = useRaft((s) => s.moment?.at ?? null);
  const isOwner = useRaft((s) => s.isOwner);
  const open = useRaft((s) => s.controlOpen);
  // The box follows the click at once; the server's answer (or a failure) settles it.
  const [asked, setAsked] = useState<boolean | null>(null);
  const [copied, copy] = useCopy();
  // The moment shown is part of the view link ("look at event 1,234").
  const viewUrl = `${window.location.origin}${momentPath(clusterId, at)}`;
  const token = isOwner ? ownerToken(clusterId) : undefined;

  const who = isOwner
    ? open
      ? 'Everyone with the link can watch and act. Deleting the cluster stays yours.'
      : 'Everyone with the link can watch; only you can act.'
    : open
      ? 'The owner has opened control: you can act on this cluster, as everyone with the link can.'
      : 'You are watching: only the owner can change this cluster.';

  return (
    <details className="share">
      <summary>Share</summary>
      <div className="share__panel" role="group" aria-label="Share">
        <p className="share__who">{who}</p>
        <div className="share__row">
          <input
            className="share__url"
            readOnly
            value={viewUrl}
            aria-label="View link"
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" className="small" onClick={() => void copy('view', viewUrl)}>
            {copied === 'view' ? 'Copied' : 'Copy link'}
          </button>
        </div>
        {token !== undefined && (
          <>
            <div className="share__row">
              <button
                type="button"
                className="small"
                onClick={() => void copy('owner', `${window.location.origin}${ownerLink(clusterId, token)}`)}
              >
                {copied === 'owner' ? 'Copied' : 'Copy owner link'}
              </button>
              <span className="hint">Full control, for your other devices: keep it to yourself.</span>
            </div>
            <label className="checkbox share__open">
              <input
                type="checkbox"
                checked={asked ?? open}
                disabled={asked !== null}
                onChange={(e) => {
                  setAsked(e.target.checked);
                  void setControlOpen(e.target.checked).finally(() => setAsked(null));
                }}
              />
              Open control to everyone with the link
            </label>
            <p className="hint">
              A classroom playground: whoever watches may pause, crash nodes, cut links and write keys.
            </p>
          </>
        )}
      </div>
    </details>
  );
}
