/** Page layout: header; ring and logs on the left; controls on the right. */
import { ClusterView } from '../features/cluster/ClusterView';
import { NodeActions } from '../features/cluster/NodeActions';
import { ClockControls } from '../features/clock/ClockControls';
import { KvForm } from '../features/kv/KvForm';
import { LogView } from '../features/log/LogView';
import { Legend } from '../features/network/Legend';
import { NetworkPresets } from '../features/network/NetworkPresets';
import { Announcer } from './Announcer';
import { Header } from './Header';
import { Notice } from './Notice';
import { SafetyAlert } from './SafetyAlert';

export function App() {
  return (
    <div className="app">
      <Header />
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
        </div>
        <aside className="controls" aria-label="Controls">
          <SafetyAlert />
          <Notice />
          <NodeActions />
          <ClockControls />
          <NetworkPresets />
          <KvForm />
        </aside>
      </main>
    </div>
  );
}
