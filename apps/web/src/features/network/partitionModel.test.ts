import { describe, expect, it } from 'vitest';
import { majorityGroup, partitionGroups, splits } from './partitionModel';

describe('partitionGroups', () => {
  it('keeps non-empty groups in order, unassigned nodes in A', () => {
    const groups = partitionGroups({ 3: 'B', 5: 'C', 4: 'B' }, [5, 4, 3, 2, 1]);
    expect(groups).toEqual([
      { group: 'A', nodes: [1, 2] },
      { group: 'B', nodes: [3, 4] },
      { group: 'C', nodes: [5] },
    ]);
    expect(splits(groups)).toBe(true);
    expect(partitionGroups({ 1: 'B', 2: 'B' }, [1, 2])).toEqual([{ group: 'B', nodes: [1, 2] }]);
    expect(splits(partitionGroups({}, [1, 2, 3]))).toBe(false);
  });
  it('names the group with a majority, if one has it', () => {
    expect(majorityGroup(partitionGroups({ 1: 'B', 2: 'B', 3: 'B' }, [1, 2, 3, 4, 5]), 5)).toBe('B');
    expect(majorityGroup(partitionGroups({ 1: 'B', 2: 'B', 3: 'C' }, [1, 2, 3, 4, 5]), 5)).toBeNull();
    expect(majorityGroup(partitionGroups({ 3: 'B', 4: 'B' }, [1, 2, 3, 4]), 4)).toBeNull();
  });
});
