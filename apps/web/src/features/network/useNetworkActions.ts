/** Network commands for components: toggle one link, or apply a preset. */
import { useCallback } from 'react';
import { actions } from '../../api/actions';
import { linkPairBody } from './presets';

/** A stable callback: cut (cut=true) or restore both directions of a–b. */
export function useLinkToggle(): (a: number, b: number, cut: boolean) => void {
  return useCallback((a: number, b: number, cut: boolean) => {
    void actions.setNetwork(linkPairBody(a, b, !cut), `${cut ? 'cut' : 'restore'} link ${a}–${b}`);
  }, []);
}
