/** Installs the keyboard shortcuts and the hidden-tab auto-pause for the whole app. */
import { useEffect } from 'react';
import { actions } from '../api/actions';
import { selectMayControl } from '../store/selectors';
import { raftStore } from '../store/store';
import { stepBy } from '../features/timeline/moves';
import { togglePresenter } from './presenter';
import { commandFor, onVisibility, type Command } from './shortcuts';

function run(cmd: Command, openHelp: (open: boolean) => void, helpOpen: () => boolean): void {
  const s = raftStore.getState();
  const node = s.selected === null ? null : s.nodes[s.selected];
  switch (cmd.kind) {
    case 'toggle-play':
      void actions.setPaused(!s.clock.paused);
      break;
    case 'step':
      stepBy(1);
      break;
    case 'step-back':
      stepBy(-1);
      break;
    case 'crash':
      if (node?.up) void actions.crash(node.id);
      break;
    case 'restart':
      if (node && !node.up) void actions.restart(node.id);
      break;
    case 'timeout':
      if (node?.up) void actions.timeout(node.id);
      break;
    case 'heal':
      void actions.heal();
      break;
    case 'select':
      if (s.nodes[cmd.node]) s.select(cmd.node);
      break;
    case 'presenter':
      togglePresenter();
      break;
    case 'help':
      openHelp(true);
      break;
    case 'escape':
      if (helpOpen()) openHelp(false);
      else s.select(null);
      break;
  }
}

export function useShortcuts(openHelp: (open: boolean) => void, helpOpen: () => boolean): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target instanceof HTMLElement ? e.target : null;
      const cmd = commandFor({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        targetTag: target?.tagName,
        targetIsControl: !!target?.closest('button, [role=button], a, [contenteditable=true]'),
      });
      if (!cmd) return;
      if (helpOpen() && cmd.kind !== 'escape' && cmd.kind !== 'help') return;
      e.preventDefault();
      run(cmd, openHelp, helpOpen);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openHelp, helpOpen]);

  useEffect(() => {
    let pausedByUs = false;
    const onChange = () => {
      const s = raftStore.getState();
      // The past stands still already, and resuming from it would rewrite the future. A
      // viewer's hidden tab leaves the owner's clock alone (the class watching goes on).
      if (s.connection !== 'live' || s.moment !== null || !selectMayControl(s)) return;
      const next = onVisibility(document.hidden, s.clock.paused, pausedByUs);
      pausedByUs = next.pausedByUs;
      if (next.setPaused !== null) void actions.setPaused(next.setPaused);
    };
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
}
