import { describe, expect, it } from 'vitest';
import { presenterFromAddress, searchWithPresenter } from './presenter';

describe('presenter mode in the address', () => {
  it('the address decides, then what was remembered', () => {
    expect(presenterFromAddress('?present=1', '0')).toBe(true);
    expect(presenterFromAddress('?step=3&present=on', null)).toBe(true);
    expect(presenterFromAddress('?present=0', '1')).toBe(false);
    expect(presenterFromAddress('', '1')).toBe(true);
    expect(presenterFromAddress('?at=12', null)).toBe(false);
    expect(presenterFromAddress('?present=maybe', '0')).toBe(false);
  });
  it('switching keeps the other parameters', () => {
    expect(searchWithPresenter('?step=3', true)).toBe('?step=3&present=1');
    expect(searchWithPresenter('?step=3&present=1', false)).toBe('?step=3');
    expect(searchWithPresenter('?present=1', false)).toBe('');
    expect(searchWithPresenter('', true)).toBe('?present=1');
  });
});
