/**
 * Controls that change the cluster, disabled all at once on a page without control (a
 * viewer's, while the owner keeps control closed: issue 16). A fieldset, because its
 * `disabled` reaches every button, input and select inside it, and the browser then
 * neither focuses nor sends them; it adds no box (access.css), so the panels' layout is
 * the same with or without it.
 */
import type { ReactNode } from 'react';
import { selectMayControl } from '../../store/selectors';
import { useRaft } from '../../store/store';
import './access.css';

export function Acting({ children }: { children: ReactNode }) {
  const control = useRaft(selectMayControl);
  return (
    <fieldset className="acting" disabled={!control}>
      {children}
    </fieldset>
  );
}
