/**
 * Whether a panel is on screen, for hooks that can afford to refresh it less often
 * when it is not (`useThrottledRaft`). `OnScreen` wraps one panel without a box of its
 * own (`display: contents`, so grids and flex rows lay the panel out as before) and
 * watches the panel's element with an IntersectionObserver. A panel holding the focus
 * counts as on screen, so keyboard and screen-reader users never read a stale one.
 */
import { createContext, useEffect, useRef, useState, type ReactNode } from 'react';

/** True outside any `OnScreen`: by default everything refreshes at full rate. */
export const OnScreenContext = createContext(true);

export function OnScreen({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [intersecting, setIntersecting] = useState(true);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    const panel = ref.current?.firstElementChild;
    if (!panel || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      const last = entries[entries.length - 1];
      if (last) setIntersecting(last.isIntersecting);
    });
    observer.observe(panel);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className="on-screen"
      onFocus={() => setFocused(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      <OnScreenContext.Provider value={intersecting || focused}>{children}</OnScreenContext.Provider>
    </div>
  );
}
