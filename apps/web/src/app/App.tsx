/**
 * Page layout: header and timeline; ring and logs on the left; controls on the right.
 * In presenter mode (presenter.ts) the ring takes the stage and the expert panels fold
 * under `More panels`; they stay mounted, so they are current when opened. On a phone
 * (layout.css) one column, the controls right under the ring.
 */
import { ClusterView } from '../features/cluster/ClusterView';
import { NodeActions } from '../features/cluster/NodeActions';
import { ClockControls } from '../features/clock/ClockControls';
import { KvForm } from '../features/kv/KvForm';
import { Charts } from '../features/charts/Charts';
import { EventFeed } from '../features/feed/EventFeed';
import { HistoryLanes } from '../features/history/HistoryLanes';
import { KvTables } from '../features/kv/KvTables';
import { LogView } from '../features/log/LogView';
import { SafetyPanel } from '../features/safety/SafetyPanel';
import { Legend } from '../features/network/Legend';
import { NetworkPresets } from '../features/network/NetworkPresets';
import { TimelineBar } from '../features/timeline/TimelineBar';
import { Branches } from '../features/timeline/Branches';
import { ManualDelivery } from '../features/manual/ManualDelivery';
import { LessonPanel } from '../features/lesson/LessonPanel';
import { Tour, tourSeen } from '../features/tour/Tour';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Announcer } from './Announcer';
import { OnScreen } from './onScreen';
import { HelpDialog } from './HelpDialog';
import { useShortcuts } from './useShortcuts';
import { Header } from './Header';
import { MorePanels } from './MorePanels';
import { usePresenter } from './presenter';
import { usePhone } from './phone';
import { Notice } from './Notice';
import { ViewOnlyNote } from '../features/access/ViewOnlyNote';
import { SafetyAlert } from './SafetyAlert';
import './layout.css';
import './presenter.css';
import './phone.css';

export interface AppProps {
  /** The dashboard of a lesson's cluster: the lesson's panel leads the controls. */
  lesson?: boolean;
}

export function App({ lesson = false }: AppProps) {
  const [helpOpen, setHelpOpen] = useState(false);
  // A first visit to the dashboard is offered the tour; a lesson explains itself.
  const [touring, setTouring] = useState(() => !lesson && !tourSeen());
  const helpRef = useRef(false);
  useEffect(() => {
    helpRef.current = helpOpen;
  }, [helpOpen]);
  const isHelpOpen = useCallback(() => helpRef.current, []);
  useShortcuts(setHelpOpen, isHelpOpen);
  const presenter = usePresenter();
  const phone = usePhone();
  const [more, setMore] = useState(false);
  // What presenter mode folds away: shown on the dashboard, and in presenter mode once opened.
  const folded = presenter && !more;
  return (
    <div className={presenter ? 'app app--present' : 'app'}>
      <Header onHelp={() => setHelpOpen(true)} />
      <TimelineBar />
      {helpOpen && (
        <HelpDialog
          onClose={() => setHelpOpen(false)}
          onTour={() => {
            setHelpOpen(false);
            setTouring(true);
          }}
        />
      )}
      {touring && <Tour onClose={() => setTouring(false)} />}
      <main className="main">
        <div className="stage">
          <section className="panel ring-panel" aria-label="Cluster view">
            <ClusterView mode={phone ? 'phone' : presenter ? 'presenter' : 'dashboard'} />
            {presenter ? (
              <MorePanels
                open={more}
                onToggle={() => setMore(!more)}
                controls="more-panels more-controls more-branches"
              />
            ) : (
              <div className="ring-side">
                <Announcer />
                <Legend />
              </div>
            )}
          </section>
          {/* No box of its own (display: contents): its panels are the stage's, unless folded. */}
          <div id="more-panels" className="stage__more" hidden={folded}>
            {presenter && (
              <div className="panel">
                <Legend />
              </div>
            )}
            <LogView />
            <div className="stage__row stage__row--feed">
              <OnScreen>
                <EventFeed />
              </OnScreen>
              <OnScreen>
                <SafetyPanel />
              </OnScreen>
            </div>
            <div className="stage__row">
              <OnScreen>
                <HistoryLanes />
              </OnScreen>
              <OnScreen>
                <KvTables />
              </OnScreen>
            </div>
            <OnScreen>
              <Charts />
            </OnScreen>
          </div>
        </div>
        <aside className="controls" aria-label="Controls">
          {lesson && <LessonPanel />}
          {presenter && <Announcer />}
          <ViewOnlyNote />
          <SafetyAlert />
          <Notice />
          <NodeActions />
          <ClockControls />
          <div id="more-controls" className="controls__more" hidden={folded}>
            <ManualDelivery />
          </div>
          {/* After the KV form on a phone, which keeps the form near the ring (phone.css). */}
          <div className="controls__later">
            <NetworkPresets />
          </div>
          <KvForm />
          <div id="more-branches" className="controls__more" hidden={folded}>
            <Branches />
          </div>
        </aside>
      </main>
    </div>
  );
}
