/**
 * The ARIA live region: elections, crashes, restarts and commits, read out as they happen
 * (commits coalesced in the reducer, so a busy cluster does not flood a screen reader).
 */
import { useRaft } from '../store/store';
import './alerts.css';

export function Announcer() {
  const announcements = useRaft((s) => s.announcements);
  const latest = announcements[announcements.length - 1];
  return (
    // A log: sentences added in order, the old ones fading (a role is what lets it take a
    // name; aria-label on a bare div is not announced, and axe rejects it).
    <div className="announcer" role="log" aria-live="polite" aria-atomic="false" aria-label="Announcements">
      {announcements.map((a) => (
        <p key={a.id} className={a === latest ? 'announcer__latest' : 'announcer__old'}>
          {a.text}
        </p>
      ))}
    </div>
  );
}
