/**
 * Pause / Play, Step back and Step, the logarithmic Speed slider, and whether the clock
 * pauses itself on trouble. While the page shows the past the clock stands still there:
 * `Play` rewrites the future from that moment, the steps move through the past.
 */
import { useEffect, useRef, useState } from 'react';
import { actions } from '../../api/actions';
import { selectMayControl } from '../../store/selectors';
import { useRaft } from '../../store/store';
import { canStep, stepBy } from '../timeline/moves';
import { formatSpeed, sliderToSpeed, SLIDER_STEPS, speedToSlider } from './speedScale';
import './clock.css';

/** Wall ms between speed updates sent while the slider is dragged. */
const SEND_EVERY_MS = 120;

export function ClockControls() {
  const paused = useRaft((s) => s.clock.paused);
  const serverSpeed = useRaft((s) => s.clock.speed);
  const live = useRaft((s) => s.connection === 'live');
  // Playing, the speed and pausing on trouble are the cluster's: a viewer watches them.
  const control = useRaft(selectMayControl);
  const canStepBack = useRaft((s) => canStep(s, -1));
  const canStepOn = useRaft((s) => canStep(s, 1));
  // The server pauses on trouble unless told not to. The box shows the person's choice
  // until the server's clock changes (its echo may wait for the next frame, which a
  // paused cluster does not send).
  const serverPauseOnTrouble = useRaft((s) => s.clock.pauseOnTrouble ?? true);
  const [troubleDraft, setTroubleDraft] = useState<{ value: boolean; over: boolean } | null>(null);
  // Once it has changed, the draft is spent (adjusted while rendering, as React advises).
  if (troubleDraft && troubleDraft.over !== serverPauseOnTrouble) setTroubleDraft(null);
  const pauseOnTrouble =
    troubleDraft && troubleDraft.over === serverPauseOnTrouble ? troubleDraft.value : serverPauseOnTrouble;
  const onTrouble = async (value: boolean) => {
    setTroubleDraft({ value, over: serverPauseOnTrouble });
    if (!(await actions.setPauseOnTrouble(value))) setTroubleDraft(null);
  };
  // While the person drags, the slider shows their value, not the server's echo.
  const [draft, setDraft] = useState<number | null>(null);
  const pending = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const speed = draft ?? serverSpeed;
  const onSpeed = (position: number) => {
    const next = sliderToSpeed(position);
    setDraft(next);
    pending.current = next;
    if (timer.current !== undefined) return;
    timer.current = setTimeout(async () => {
      timer.current = undefined;
      const value = pending.current;
      if (value === null) return;
      await actions.setSpeed(value);
      if (pending.current === value) {
        pending.current = null;
        setDraft(null);
      }
    }, SEND_EVERY_MS);
  };

  return (
    <section className="panel" aria-labelledby="clock-heading">
      <h2 id="clock-heading">Clock</h2>
      <div className="button-row">
        <button
          type="button"
          className="primary"
          disabled={!live || !control}
          onClick={() => void actions.setPaused(!paused)}
        >
          {paused ? 'Play' : 'Pause'}
        </button>
        <button type="button" disabled={!canStepBack} onClick={() => stepBy(-1)}>
          Step back
        </button>
        <button type="button" disabled={!canStepOn} onClick={() => stepBy(1)}>
          Step
        </button>
      </div>
      <div className="speed">
        <label htmlFor="speed-slider">Speed</label>
        <input
          id="speed-slider"
          type="range"
          aria-label="Speed"
          aria-valuetext={speed > 0 ? formatSpeed(speed) : undefined}
          min={0}
          max={SLIDER_STEPS}
          step={1}
          value={speedToSlider(speed > 0 ? speed : 0.02)}
          disabled={!control}
          onChange={(e) => onSpeed(Number(e.target.value))}
        />
        <output htmlFor="speed-slider">{speed > 0 ? formatSpeed(speed) : '—'}</output>
      </div>
      <label
        className="checkbox clock__trouble"
        title="The clock pauses itself on a safety violation or a failed linearizability check"
      >
        <input
          type="checkbox"
          checked={pauseOnTrouble}
          disabled={!live || !control}
          onChange={(e) => void onTrouble(e.target.checked)}
        />
        Pause on trouble
      </label>
    </section>
  );
}
