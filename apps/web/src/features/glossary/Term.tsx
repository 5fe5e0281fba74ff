/**
 * A Raft word with its definition: hovering or focusing the word shows the glossary's
 * entry (definition and a link to its section) as a tooltip. The word is a button that
 * names the tooltip as its description (`aria-describedby`), so a screen reader reads the
 * definition with the word; Escape closes the tooltip, and it stays open while the
 * pointer or the focus is on it, so its link can be reached (WCAG 1.4.13).
 *
 * The tooltip is a manual popover: it is drawn in the top layer, so a panel's overflow
 * or containment never clips it, yet it stays in the DOM right after the word, so Tab
 * goes from the word into the link.
 */
import {
  memo,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useReducer,
  useRef,
  type ReactNode,
} from 'react';
import { glossaryEntry, type GlossaryId } from './glossary';
import { CLOSED, isOpen, placeTooltip, tooltipReducer } from './tooltip';
import './term.css';

/** How long the tooltip waits after the pointer leaves, so the pointer can cross onto it. */
const LEAVE_DELAY_MS = 200;

export interface TermProps {
  /** The glossary entry to show. */
  id: GlossaryId;
  /** The words as the sentence has them (`commit`, `voted`); the entry's own word if absent. */
  children?: ReactNode;
}

/**
 * Memoised: a Term's words are plain text, so a panel that re-renders with every frame
 * (the selected node's facts) does not render its definitions again.
 */
export const Term = memo(function Term({ id, children }: TermProps) {
  const entry = glossaryEntry(id);
  const tipId = useId();
  const word = useRef<HTMLButtonElement>(null);
  const tip = useRef<HTMLSpanElement>(null);
  const leaveTimer = useRef<number | undefined>(undefined);
  const [state, dispatch] = useReducer(tooltipReducer, CLOSED);
  const open = isOpen(state);

  const enter = useCallback(() => {
    window.clearTimeout(leaveTimer.current);
    dispatch('pointer-enter');
  }, []);
  const leave = useCallback(() => {
    window.clearTimeout(leaveTimer.current);
    leaveTimer.current = window.setTimeout(() => dispatch('pointer-leave'), LEAVE_DELAY_MS);
  }, []);
  useEffect(() => () => window.clearTimeout(leaveTimer.current), []);

  useLayoutEffect(() => {
    const el = tip.current;
    const anchor = word.current;
    if (!el || !anchor) return;
    if (!open) {
      if (el.matches(':popover-open')) el.hidePopover();
      return;
    }
    if (!el.matches(':popover-open')) el.showPopover();
    const at = placeTooltip(anchor.getBoundingClientRect(), el.getBoundingClientRect(), {
      width: document.documentElement.clientWidth,
      height: document.documentElement.clientHeight,
    });
    el.style.left = `${at.left}px`;
    el.style.top = `${at.top}px`;
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      dispatch('dismiss');
      // This Escape closed the tooltip; it should not also clear the selected node (the
      // app's shortcut listens on the window, after the document).
      e.stopPropagation();
    };
    // Placed once, the tooltip would not follow the word when what holds it scrolls: it
    // closes instead. Other scrollers (the log following its newest entry) leave it be.
    const onScroll = (e: Event) => {
      if (e.target instanceof Node && word.current && e.target.contains(word.current)) dispatch('dismiss');
    };
    document.addEventListener('keydown', onKey);
    window.addEventListener('scroll', onScroll, { capture: true, passive: true });
    return () => {
      document.removeEventListener('keydown', onKey);
      window.removeEventListener('scroll', onScroll, { capture: true });
    };
  }, [open]);

  return (
    <span
      className="term"
      onFocus={() => dispatch('focus')}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) dispatch('blur');
      }}
    >
      <button
        type="button"
        ref={word}
        className="term__word"
        aria-describedby={tipId}
        onPointerEnter={enter}
        onPointerLeave={leave}
        onClick={() => dispatch('click')}
      >
        {children ?? entry.term}
      </button>
      <span
        ref={tip}
        id={tipId}
        role="tooltip"
        popover="manual"
        className="term__tip"
        onPointerEnter={enter}
        onPointerLeave={leave}
      >
        <strong>{entry.term}.</strong> {entry.definition}{' '}
        <a href={entry.link} target="_blank" rel="noreferrer">
          {entry.cite}
        </a>
      </span>
    </span>
  );
});
