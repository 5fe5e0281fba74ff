/** The dashboard's tour (Tour.tsx): what each part shows, in the order a newcomer looks. */
export interface TourStep {
  /** The part of the page the step speaks of (a CSS selector), picked out while it shows. */
  target: string;
  title: string;
  text: string;
}

export const TOUR_STEPS: readonly TourStep[] = [
  {
    target: '.ring-panel',
    title: 'The cluster',
    text: 'Each circle is a server. Its colour and word give its role: follower, candidate or leader (with the crown). Under it: its term and whom it voted for. Click one to crash, restart or time it out.',
  },
  {
    target: '.ring-panel',
    title: 'Timers and messages',
    text: 'The arc around a follower is its election timer: when it fills, the follower stands for election. Shapes travelling between servers are messages — votes, log entries, heartbeats — and the legend names each one.',
  },
  {
    target: '.timeline',
    title: 'The timeline',
    text: 'Every moment of the run can be seen again. Drag the slider back to any event; act there and the future is rewritten, the old one kept as a branch.',
  },
  {
    target: '.logs',
    title: 'The logs',
    text: "Each row is one server's log, one cell per entry, coloured by term. A striped cell is not committed yet; the bars mark each server's commit and applied index.",
  },
  {
    target: '.feed',
    title: 'What happened',
    text: 'The feed tells the run in sentences — elections, crashes, commits — newest first.',
  },
  {
    target: '.safety',
    title: 'Is it right?',
    text: "The simulator checks Raft's safety properties after every event, and the client history for linearizability. Switch on a bug in the Bug lab to watch them catch it.",
  },
  {
    target: '.controls',
    title: 'Your hands',
    text: 'Pause and step the clock, cut the network, write and read keys. New to Raft? The lessons (Learn, in the header) walk through it step by step on this same kind of cluster.',
  },
];
