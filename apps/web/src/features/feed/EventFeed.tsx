/** The event feed: every event in plain words with the rule it follows, newest first. */
import { useState } from 'react';
import { useRaft } from '../../store/store';
import { useThrottledRaft } from '../../store/useThrottled';
import { visibleFeed } from './feedFilter';
import type { RaftStore } from '../../store/store';
import './feed.css';

/** Items drawn at once; older ones stay in the ring until they fall off. */
const SHOWN = 120;
const selectFeed = (s: RaftStore) => s.feed;
const selectHeartbeats = (s: RaftStore) => s.heartbeats;

export function EventFeed() {
  const feed = useThrottledRaft(selectFeed, 200);
  const heartbeats = useThrottledRaft(selectHeartbeats, 200);
  const selected = useRaft((s) => s.selected);
  const [hideHeartbeats, setHideHeartbeats] = useState(true);
  const [onlySelected, setOnlySelected] = useState(false);
  const items = visibleFeed(
    feed,
    heartbeats,
    { hideHeartbeats, node: onlySelected ? selected : null },
    SHOWN,
  );
  return (
    <section className="panel feed" aria-labelledby="feed-heading">
      <div className="panel__head">
        <h2 id="feed-heading">Event feed</h2>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={hideHeartbeats}
            onChange={(e) => setHideHeartbeats(e.target.checked)}
          />
          <span>Hide heartbeats</span>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={onlySelected}
            disabled={selected === null && !onlySelected}
            onChange={(e) => setOnlySelected(e.target.checked)}
          />
          <span>Only the selected node</span>
        </label>
      </div>
      <ol className="feed__list" aria-label="Event feed">
        {items.length === 0 && <li className="hint">Nothing yet.</li>}
        {items.map((item) => (
          <li key={item.id} className={`feed__item feed__item--${item.category}`}>
            <time className="feed__time">{(item.t / 1e6).toFixed(3)} s</time>
            <span className="feed__text">
              {item.text} <span className="feed__rule">({item.rule})</span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
