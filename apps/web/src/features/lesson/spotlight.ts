/**
 * What the lesson's current step speaks of, for the dashboard to pick out (its
 * `highlight`): nodes, ringed on the ring; messages, which the ring's canvas halos while
 * it dims the rest; and one log cell. The step's bound names are resolved; nothing is
 * picked out outside a lesson, after its end, or before a name the step binds is bound.
 */
import {
  messageMatches,
  resolveNode,
  wireMessage,
  type Bindings,
  type MessageMatch,
  type Step,
} from '@raftlab/lessons';
import type { MessageInFlight } from '@raftlab/protocol';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLesson, type LessonState } from './lessonStore';

const NONE: number[] = [];

function highlightOf(s: LessonState): Step['highlight'] {
  if (!s.lesson || s.finished) return undefined;
  return s.lesson.steps[s.step]?.highlight;
}

export function spotlitNodes(s: LessonState): number[] {
  const nodes = highlightOf(s)?.nodes;
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

/** The log cell the step speaks of: node and index, or null. */
export function spotlitLogCell(s: LessonState): { node: number; index: number } | null {
  const log = highlightOf(s)?.log;
  if (!log) return null;
  try {
    return { node: resolveNode(log.node, s.bindings), index: log.index };
  } catch {
    return null;
  }
}

export function useSpotlitLogCell(): { node: number; index: number } | null {
  return useLesson(useShallow(spotlitLogCell));
}

/** Which messages in flight the step speaks of: a test of a message, or null for none. */
export type MessageSpotlight = ((message: MessageInFlight) => boolean) | null;

export function messageSpotlight(match: MessageMatch | undefined, bindings: Bindings): MessageSpotlight {
  if (!match) return null;
  return (message) => {
    try {
      return messageMatches(wireMessage(message.msg), match, bindings);
    } catch {
      return false; // a name the step binds, before it is bound
    }
  };
}

/** The test changes only when the step or its bindings do. */
export function useMessageSpotlight(): MessageSpotlight {
  const { match, bindings } = useLesson(
    useShallow((s: LessonState) => ({ match: highlightOf(s)?.messages, bindings: s.bindings })),
  );
  return useMemo(() => messageSpotlight(match, bindings), [match, bindings]);
}
