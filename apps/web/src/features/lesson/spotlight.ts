/**
 * What the lesson's current step speaks of, for the dashboard to pick out: the nodes its
 * `highlight` names, with the step's bound names resolved. Nothing outside a lesson.
 */
import { resolveNode } from '@raftlab/lessons';
import { useShallow } from 'zustand/react/shallow';
import { useLesson, type LessonState } from './lessonStore';

const NONE: number[] = [];

export function spotlitNodes(s: LessonState): number[] {
  if (!s.lesson || s.finished) return NONE;
  const nodes = s.lesson.steps[s.step]?.highlight?.nodes;
  if (!nodes) return NONE;
  try {
    return nodes.map((ref) => resolveNode(ref, s.bindings));
  } catch {
    return NONE; // a name the step binds, before it is bound
  }
}

export function useSpotlitNodes(): number[] {
  return useLesson(useShallow(spotlitNodes));
}
