/**
 * The moment the address bar asks for (`?at=SEQ`, or `?at=violation` for an uploaded
 * trace's first trouble) is shown once the live cluster is in; from then on the address
 * bar follows the moment shown, so it is always a link to what the page shows.
 */
import { momentFromSearch, searchWithMoment } from '../api/route';
import { raftStore } from '../store/store';
import { nextTrouble } from '../features/timeline/timelineModel';
import { seekTo } from '../features/timeline/moves';

/**
 * The address bar follows once the moment shown has stood still this long: not during
 * a drag (browsers limit history updates, and each costs the page a few ms).
 */
const URL_SETTLE_MS = 400;

export function openRequestedMoment(store = raftStore): void {
  const asked = momentFromSearch(window.location.search);
  let opened = asked === null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let written = asked === 'violation' ? null : asked;
  const writeUrl = () => {
    const at = store.getState().moment?.at ?? null;
    if (at === written) return;
    written = at;
    const { pathname, search, hash } = window.location;
    window.history.replaceState(null, '', pathname + searchWithMoment(search, at) + hash);
  };
  store.subscribe((s) => {
    if (!opened) {
      // The first live snapshot: the cluster's end and markers are known.
      if (s.connection !== 'live' || s.moment !== null) return;
      opened = true;
      const at = asked === 'violation' ? (nextTrouble(s.markers, null)?.at ?? null) : asked;
      if (at !== null) seekTo(at);
      else written = -1; // nothing to show: the address bar loses its `?at=`
      return;
    }
    if (s.seeking !== null || (s.moment?.at ?? null) === written) return;
    clearTimeout(timer);
    timer = setTimeout(writeUrl, URL_SETTLE_MS);
  });
}
