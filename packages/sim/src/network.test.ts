import { expect, test } from 'vitest';
import { Network } from './network';

test('partition cuts links between groups, both ways; ungrouped nodes are isolated', () => {
  const net = new Network([1, 2, 3, 4, 5]);
  const changes = net.partition([
    [1, 2],
    [3, 4],
  ]);
  expect(net.isUp(1, 2) && net.isUp(2, 1) && net.isUp(3, 4)).toBe(true);
  expect(net.isUp(1, 3) || net.isUp(3, 1)).toBe(false);
  expect([1, 2, 3, 4].some((id) => net.isUp(5, id) || net.isUp(id, 5))).toBe(false);
  expect(changes.length).toBe(net.linksDown().length);
  expect(
    net.partition([
      [1, 2],
      [3, 4],
    ]),
  ).toEqual([]); // nothing changes the second time
  expect(net.heal().every((c) => c.up)).toBe(true);
  expect(net.linksDown()).toEqual([]);
});

test('single directed link', () => {
  const net = new Network([1, 2]);
  expect(net.setLink(1, 2, false)).toEqual({ from: 1, to: 2, up: false });
  expect(net.setLink(1, 2, false)).toBeNull();
  expect(net.isUp(2, 1)).toBe(true);
  expect(net.linksDown()).toEqual([[1, 2]]);
});
