/** Visual encoding of roles: a fill, a border style and a word, never colour alone. */
import type { RoleWord } from '../../store/selectors';

export interface RoleLook {
  fill: string;
  stroke: string;
  /** SVG stroke-dasharray of the node's border ('' = solid). */
  dash: string;
  strokeWidth: number;
  text: string;
}

export const ROLE_LOOK: Record<RoleWord, RoleLook> = {
  follower: { fill: '#ffffff', stroke: '#475569', dash: '', strokeWidth: 2, text: '#1e293b' },
  precandidate: { fill: '#fef9c3', stroke: '#a16207', dash: '2 3', strokeWidth: 2.5, text: '#422006' },
  candidate: { fill: '#fde68a', stroke: '#b45309', dash: '6 3', strokeWidth: 3, text: '#422006' },
  leader: { fill: '#15803d', stroke: '#14532d', dash: '', strokeWidth: 4, text: '#ffffff' },
  crashed: { fill: '#e2e8f0', stroke: '#94a3b8', dash: '3 3', strokeWidth: 2, text: '#475569' },
};
