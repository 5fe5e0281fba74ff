/** Entry point: find or create the cluster, open its stream, render the app (or the glossary). */
// The tokens and the global base first: every feature's stylesheet comes after them.
import './theme/tokens.css';
import './app/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError } from './api/client';
import { isGlossaryPath, resolveClusterId } from './api/route';
import { connectStream } from './api/stream';
import { App } from './app/App';
import { raftStore } from './store/store';
import { applyTheme, initialTheme } from './app/theme';
import { openRequestedMoment } from './app/openMoment';
import { GlossaryPage } from './features/glossary/GlossaryPage';

applyTheme(initialTheme());

async function start(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) return;
  // The glossary is a page of its own: no cluster is made or opened for it.
  if (isGlossaryPath(window.location.pathname)) {
    createRoot(root).render(
      <StrictMode>
        <GlossaryPage />
      </StrictMode>,
    );
    return;
  }
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  const { setClusterId, setConnection, setNotice } = raftStore.getState();
  setConnection('connecting');
  try {
    const id = await resolveClusterId();
    setClusterId(id);
    openRequestedMoment();
    connectStream(raftStore, id);
  } catch (err) {
    setConnection('closed');
    setNotice(`Could not create a cluster: ${err instanceof ApiError ? err.message : 'server unreachable'}`);
  }
}

void start();
