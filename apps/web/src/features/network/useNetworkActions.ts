/** Network commands for components: toggle one link, or apply a preset. */
import { useCallback } from 'react';
import { actions } from '../../api/actions';
import { linkDirectionBody, linkPairBody } from './presets';

/** A stable callback: cut (cut=true) or restore both directions of a–b. */
export function useLinkToggle(): (a: number, b: number, cut: boolean) => void {
  return useCallback((a: number, b: number, cut: boolean) => {
    void actions.setNetwork(linkPairBody(a, b, !cut), `${cut ? 'cut' : 'restore'} link ${a}–${b}`);
  }, []);
}

/** A stable callback: cut (cut=true) or restore only the direction from → to. */
export function useDirectionToggle(): (from: number, to: number, cut: boolean) => void {
  return useCallback((from: number, to: number, cut: boolean) => {
    void actions.setNetwork(
      linkDirectionBody(from, to, !cut),
      `${cut ? 'cut' : 'restore'} the direction ${from}→${to}`,
    );
  }, []);
}
