import { describe, expect, it } from 'vitest';
import { commandFor, onVisibility } from './shortcuts';

describe('commandFor', () => {
  it('maps the documented keys', () => {
    expect(commandFor({ key: ' ' })).toEqual({ kind: 'toggle-play' });
    expect(commandFor({ key: 's' })).toEqual({ kind: 'step' });
    expect(commandFor({ key: 'b' })).toEqual({ kind: 'step-back' });
    expect(commandFor({ key: 'c' })).toEqual({ kind: 'crash' });
    expect(commandFor({ key: 'r' })).toEqual({ kind: 'restart' });
    expect(commandFor({ key: 't' })).toEqual({ kind: 'timeout' });
    expect(commandFor({ key: 'h' })).toEqual({ kind: 'heal' });
    expect(commandFor({ key: '7' })).toEqual({ kind: 'select', node: 7 });
    expect(commandFor({ key: 'p' })).toEqual({ kind: 'presenter' });
    expect(commandFor({ key: '?' })).toEqual({ kind: 'help' });
    expect(commandFor({ key: 'Escape' })).toEqual({ kind: 'escape' });
    expect(commandFor({ key: '0' })).toBeNull();
  });
  it('leaves typing, modified keys and a focused button’s Space alone', () => {
    expect(commandFor({ key: 'c', targetTag: 'INPUT' })).toBeNull();
    expect(commandFor({ key: 's', ctrlKey: true })).toBeNull();
    expect(commandFor({ key: ' ', targetIsControl: true })).toBeNull();
    expect(commandFor({ key: 'Escape', targetTag: 'INPUT' })).toEqual({ kind: 'escape' });
  });
});

describe('onVisibility', () => {
  it('pauses a running clock when hidden and resumes it on return', () => {
    const hidden = onVisibility(true, false, false);
    expect(hidden).toEqual({ pausedByUs: true, setPaused: true });
    expect(onVisibility(false, true, hidden.pausedByUs)).toEqual({ pausedByUs: false, setPaused: false });
  });
  it('leaves a clock the person paused alone', () => {
    expect(onVisibility(true, true, false)).toEqual({ pausedByUs: false, setPaused: null });
    expect(onVisibility(false, true, false)).toEqual({ pausedByUs: false, setPaused: null });
  });
});
