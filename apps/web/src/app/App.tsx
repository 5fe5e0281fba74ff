/** Page layout: header and timeline; ring and logs on the left; controls on the right. */
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
import { Notice } from './Notice';
import { SafetyAlert } from './SafetyAlert';
import './layout.css';

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
  return (
    <div className="app">
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
            <ClusterView />
            <div className="ring-side">
              <Announcer />
              <Legend />
            </div>
          </section>
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
        <aside className="controls" aria-label="Controls">
          {lesson && <LessonPanel />}
          <SafetyAlert />
          <Notice />
          <NodeActions />
          <ClockControls />
          <ManualDelivery />
          <NetworkPresets />
          <KvForm />
          <Branches />
        </aside>
      </main>
    </div>
  );
}
