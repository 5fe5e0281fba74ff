/** Entry point: the page the address asks for — the library, a lesson, the glossary, or a cluster's dashboard. */
// The tokens and the global base first: every feature's stylesheet comes after them.
import './theme/tokens.css';
import './app/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { learnAccess } from './api/access';
import { ApiError } from './api/client';
import { resolveClusterId } from './api/route';
import { connectStream } from './api/stream';
import { App } from './app/App';
import { raftStore } from './store/store';
import { applyTheme, initialTheme } from './app/theme';
import { openRequestedMoment } from './app/openMoment';
import { LESSON_FILE_KEY, pageOf } from './app/pages';
import { LearnPage } from './features/learn/LearnPage';
import { openLesson } from './features/lesson/engine';
import type { Lesson } from '@raftlab/lessons';
import { GlossaryPage } from './features/glossary/GlossaryPage';

applyTheme(initialTheme());

/** A lesson's page: the dashboard with the lesson beside it, on a new cluster of the lesson's. */
async function startLesson(root: HTMLElement, id: string, step: number, speed: number | null): Promise<void> {
  createRoot(root).render(
    <StrictMode>
      <App lesson />
    </StrictMode>,
  );
  const { setClusterId, setConnection, setNotice } = raftStore.getState();
  setConnection('connecting');
  try {
    const file = id === 'file' ? sessionStorage.getItem(LESSON_FILE_KEY) : null;
    const clusterId = await openLesson(file ? (JSON.parse(file) as Lesson) : id, step, speed);
    setClusterId(clusterId);
    void learnAccess(clusterId);
    connectStream(raftStore, clusterId);
  } catch (err) {
    setConnection('closed');
    setNotice(`Could not open the lesson: ${err instanceof ApiError ? err.message : 'server unreachable'}`);
  }
}

async function start(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) return;
  const page = pageOf(window.location.pathname, window.location.search);
  // The library and the glossary are pages of their own: no cluster is made or opened for them.
  if (page.kind === 'learn' || page.kind === 'glossary') {
    createRoot(root).render(
      <StrictMode>{page.kind === 'learn' ? <LearnPage /> : <GlossaryPage />}</StrictMode>,
    );
    return;
  }
  if (page.kind === 'lesson') return startLesson(root, page.id, page.step, page.speed);
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
    void learnAccess(id);
    openRequestedMoment();
    connectStream(raftStore, id);
  } catch (err) {
    setConnection('closed');
    setNotice(`Could not create a cluster: ${err instanceof ApiError ? err.message : 'server unreachable'}`);
  }
}

void start();
