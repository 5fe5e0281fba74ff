/**
 * The event feed: every event in plain words with the rule it follows, newest first;
 * bursts (a heal's restored links, a cut link's lost messages) folded into one line
 * that opens onto them (feedFold.ts).
 */
import { useState } from 'react';
import { useRaft } from '../../store/store';
import { useThrottledRaft } from '../../store/useThrottled';
import type { FeedItem } from '../../store/narration/feedItem';
import { visibleFeed } from './feedFilter';
import { foldBursts } from './feedFold';
import type { RaftStore } from '../../store/store';
import './feed.css';

/** Items drawn at once; older ones stay in the ring until they fall off. */
const SHOWN = 120;
const selectFeed = (s: RaftStore) => s.feed;
const selectHeartbeats = (s: RaftStore) => s.heartbeats;

const seconds = (t: number) => `${(t / 1e6).toFixed(3)} s`;

/** One narrated line: when, what, and the rule it follows. */
function Line({ item }: { /** The line. */ item: FeedItem }) {
  return (
    <>
      <time className="feed__time">{seconds(item.t)}</time>
      <span className="feed__text">
        {item.text} <span className="feed__rule">({item.rule})</span>
      </span>
    </>
  );
}

export function EventFeed() {
  const feed = useThrottledRaft(selectFeed, 200);
  const heartbeats = useThrottledRaft(selectHeartbeats, 200);
  const selected = useRaft((s) => s.selected);
  const [hideHeartbeats, setHideHeartbeats] = useState(true);
  const [onlySelected, setOnlySelected] = useState(false);
  const lines = foldBursts(
    visibleFeed(feed, heartbeats, { hideHeartbeats, node: onlySelected ? selected : null }, SHOWN),
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
      {/* It scrolls: a tab stop, so the arrows can scroll it (WCAG 2.1.1). */}
      <ol className="feed__list" aria-label="Event feed" tabIndex={0}>
        {lines.length === 0 && <li className="hint">Nothing yet.</li>}
        {lines.map((line) =>
          line.kind === 'item' ? (
            <li key={line.item.id} className={`feed__item feed__item--${line.item.category}`}>
              <Line item={line.item} />
            </li>
          ) : (
            <li
              key={`burst-${line.id}`}
              className={`feed__item feed__item--burst feed__item--${line.items[0].category}`}
            >
              {/* Folded: the summary opens onto the lines it stands for. */}
              <details className="feed__burst">
                <summary>
                  <time className="feed__time">{seconds(line.items[0].t)}</time>
                  <span className="feed__text">
                    {line.text} <span className="feed__rule">({line.items[0].rule})</span>
                  </span>
                </summary>
                <ol className="feed__burst-items">
                  {line.items.map((item) => (
                    <li key={item.id} className="feed__item">
                      <Line item={item} />
                    </li>
                  ))}
                </ol>
              </details>
            </li>
          ),
        )}
      </ol>
    </section>
  );
}
