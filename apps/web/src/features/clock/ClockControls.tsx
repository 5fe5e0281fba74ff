/** Pause / Play, Step, and the logarithmic Speed slider. */
import { useEffect, useRef, useState } from 'react';
import { actions } from '../../api/actions';
import { useRaft } from '../../store/store';
import { formatSpeed, sliderToSpeed, SLIDER_STEPS, speedToSlider } from './speedScale';
import './clock.css';

/** Wall ms between speed updates sent while the slider is dragged. */
const SEND_EVERY_MS = 120;

export function ClockControls() {
  const paused = useRaft((s) => s.clock.paused);
  const serverSpeed = useRaft((s) => s.clock.speed);
  const live = useRaft((s) => s.connection === 'live');
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
          disabled={!live}
          onClick={() => void actions.setPaused(!paused)}
        >
          {paused ? 'Play' : 'Pause'}
        </button>
        <button type="button" disabled={!live || !paused} onClick={() => void actions.step()}>
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
          onChange={(e) => onSpeed(Number(e.target.value))}
        />
        <output htmlFor="speed-slider">{speed > 0 ? formatSpeed(speed) : '—'}</output>
      </div>
    </section>
  );
}
