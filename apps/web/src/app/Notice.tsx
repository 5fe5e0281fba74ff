/** The last failed control action, with a button to dismiss it. */
import { useRaft } from '../store/store';
import './alerts.css';

export function Notice() {
  const notice = useRaft((s) => s.notice);
  const setNotice = useRaft((s) => s.setNotice);
  if (!notice) return null;
  return (
    <div className="notice" role="alert">
      <span>{notice}</span>
      <button type="button" className="small" onClick={() => setNotice(null)} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
