/**
 * The schema of a lesson file (model.ts explains each field; docs/lessons.md is the
 * guide). The server validates every lesson it serves or is sent with it, and the lesson
 * tests validate the library's files, so a file that loads is a file that plays. Objects
 * admit no other fields: a misspelt field is an error, not silently ignored.
 */
import { Type, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { BUG_NAMES } from '@raftlab/sim/catalogue';

const MAX_NODES = 9;
const closed = <T extends Record<string, TSchema>>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });
const text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

const nodeRef = Type.Union([
  Type.Integer({ minimum: 1, maximum: MAX_NODES }),
  Type.String({ pattern: '^\\$[a-zA-Z][\\w-]*$' }),
]);
const count = Type.Integer({ minimum: 0 });
const numberMatch = Type.Union([
  count,
  closed({ atLeast: Type.Optional(count), atMost: Type.Optional(count) }),
]);
const role = Type.Union(['follower', 'precandidate', 'candidate', 'leader'].map((r) => Type.Literal(r)));
const messageType = Type.Union(
  [
    'RequestVote',
    'RequestVoteResponse',
    'PreVote',
    'PreVoteResponse',
    'AppendEntries',
    'AppendEntriesResponse',
    'InstallSnapshot',
    'InstallSnapshotResponse',
    'TimeoutNow',
    'ReadIndex',
    'ReadIndexResponse',
  ].map((t) => Type.Literal(t)),
);
const consistency = Type.Union(['linearizable', 'lease', 'stale'].map((c) => Type.Literal(c)));
const key = Type.String({ minLength: 1, maxLength: 64 });

const nodeMatch = closed({
  id: Type.Optional(nodeRef),
  role: Type.Optional(Type.Union([role, Type.Array(role, { minItems: 1 })])),
  term: Type.Optional(numberMatch),
  up: Type.Optional(Type.Boolean()),
  voter: Type.Optional(Type.Boolean()),
  vote: Type.Optional(Type.Union([nodeRef, Type.Literal(0)])),
  leader: Type.Optional(Type.Union([nodeRef, Type.Literal(0)])),
  commit: Type.Optional(numberMatch),
  applied: Type.Optional(numberMatch),
  lastIndex: Type.Optional(numberMatch),
  snapshotIndex: Type.Optional(numberMatch),
  kv: Type.Optional(closed({ key, value: Type.Union([Type.String({ maxLength: 256 }), Type.Null()]) })),
  progress: Type.Optional(
    closed({
      of: nodeRef,
      match: Type.Optional(numberMatch),
      next: Type.Optional(numberMatch),
      state: Type.Optional(Type.Union(['probe', 'replicate', 'snapshot'].map((s) => Type.Literal(s)))),
    }),
  ),
});
const messageMatch = closed({
  type: Type.Optional(Type.Union([messageType, Type.Array(messageType, { minItems: 1 })])),
  from: Type.Optional(nodeRef),
  to: Type.Optional(nodeRef),
  ok: Type.Optional(Type.Boolean()),
  withEntries: Type.Optional(Type.Boolean()),
});
const opMatch = closed({
  type: Type.Optional(Type.Union(['put', 'get', 'delete', 'cas'].map((t) => Type.Literal(t)))),
  key: Type.Optional(key),
  status: Type.Optional(
    Type.Union(['ok', 'fail', 'unknown', 'pending', 'completed'].map((s) => Type.Literal(s))),
  ),
  value: Type.Optional(Type.Union([Type.String({ maxLength: 256 }), Type.Null()])),
  consistency: Type.Optional(consistency),
  swapped: Type.Optional(Type.Boolean()),
});

/** A condition, naming conditions inside it by reference (one definition per schema: Ajv needs it). */
const conditionDefinition = Type.Union([
  closed({ nodes: nodeMatch, count: Type.Optional(Type.Union([numberMatch, Type.Literal('all')])) }),
  closed({
    leader: Type.Union([nodeRef, Type.Literal('any'), Type.Literal('none'), closed({ not: nodeRef })]),
    term: Type.Optional(numberMatch),
  }),
  closed({ messages: messageMatch, count: Type.Optional(numberMatch) }),
  closed({ ops: opMatch, count: Type.Optional(numberMatch) }),
  closed({ violation: Type.String({ minLength: 1, maxLength: 64 }) }),
  closed({ linearizable: Type.Boolean() }),
  closed({ link: Type.Tuple([nodeRef, nodeRef]), down: Type.Boolean() }),
  closed({ nodeCount: numberMatch }),
  closed({ all: Type.Array(Type.Ref('Condition'), { minItems: 1, maxItems: 16 }) }),
  closed({ any: Type.Array(Type.Ref('Condition'), { minItems: 1, maxItems: 16 }) }),
  closed({ not: Type.Ref('Condition') }),
]);
const condition = Type.Ref('Condition');

export const ConditionSchema = Type.Cyclic({ Condition: conditionDefinition }, 'Condition');

const onNode = (...names: string[]) =>
  Type.Union(names.map((name) => closed({ do: Type.Literal(name), node: nodeRef })));
export const ActionSchema = Type.Union([
  onNode('crash', 'restart', 'timeout', 'compact', 'remove-node'),
  closed({
    do: Type.Literal('partition'),
    groups: Type.Array(Type.Array(nodeRef, { maxItems: MAX_NODES }), { minItems: 1, maxItems: MAX_NODES }),
  }),
  closed({ do: Type.Literal('heal') }),
  closed({ do: Type.Literal('link'), from: nodeRef, to: nodeRef, up: Type.Boolean() }),
  closed({ do: Type.Literal('put'), key, value: Type.String({ maxLength: 256 }) }),
  closed({ do: Type.Literal('get'), key, consistency, node: Type.Optional(nodeRef) }),
  closed({
    do: Type.Literal('cas'),
    key,
    expected: Type.Union([Type.String({ maxLength: 256 }), Type.Null()]),
    value: Type.String({ maxLength: 256 }),
  }),
  closed({ do: Type.Literal('transfer'), from: nodeRef, to: nodeRef }),
  closed({ do: Type.Literal('add-node') }),
  closed({ do: Type.Literal('drop'), messages: messageMatch }),
]);

export const BindingSchema = Type.Union([Type.Literal('leader'), closed({ nodes: nodeMatch })]);

const section = closed({
  label: text(40),
  href: Type.String({ pattern: '^https://', maxLength: 300 }),
});
const actions = Type.Array(ActionSchema, { maxItems: 32 });
const choice = closed({
  text: text(160),
  correct: Type.Optional(Type.Boolean()),
  rightIf: Type.Optional(condition),
  why: text(400),
});

const StepSchema = closed({
  title: text(80),
  // About 60 words; the library's own lessons are held to it by their test.
  text: text(600),
  section: Type.Optional(section),
  highlight: Type.Optional(
    closed({
      nodes: Type.Optional(Type.Array(nodeRef, { maxItems: MAX_NODES })),
      messages: Type.Optional(messageMatch),
      log: Type.Optional(closed({ node: nodeRef, index: Type.Integer({ minimum: 1 }) })),
    }),
  ),
  bind: Type.Optional(Type.Record(Type.String({ pattern: '^[a-zA-Z][\\w-]*$' }), BindingSchema)),
  do: Type.Optional(actions),
  question: Type.Optional(
    closed({ prompt: text(200), choices: Type.Array(choice, { minItems: 2, maxItems: 6 }) }),
  ),
  task: Type.Optional(
    closed({ prompt: text(300), check: condition, hint: Type.Optional(text(300)), solution: actions }),
  ),
  afterAnswer: Type.Optional(actions),
  until: Type.Optional(condition),
  speed: Type.Optional(Type.Number({ minimum: 0.001, maximum: 20 })),
  then: Type.Optional(text(600)),
  claims: Type.Optional(Type.Array(condition, { maxItems: 16 })),
});

const lessonDefinition = closed({
  id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }),
  title: text(80),
  summary: text(240),
  section,
  minutes: Type.Integer({ minimum: 1, maximum: 60 }),
  cluster: closed({
    seed: Type.Integer({ minimum: 0, maximum: 2 ** 32 - 1 }),
    nodes: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_NODES })),
    electionTick: Type.Optional(Type.Integer({ minimum: 2, maximum: 100 })),
    heartbeatTick: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    preVote: Type.Optional(Type.Boolean()),
    checkQuorum: Type.Optional(Type.Boolean()),
    latency: Type.Optional(
      closed({
        minUs: Type.Integer({ minimum: 0, maximum: 5_000_000 }),
        maxUs: Type.Integer({ minimum: 0, maximum: 5_000_000 }),
      }),
    ),
    bugs: Type.Optional(
      Type.Array(Type.Union(BUG_NAMES.map((b) => Type.Literal(b))), { maxItems: BUG_NAMES.length }),
    ),
    maxEntriesPerMessage: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    snapshotEvery: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    tickUs: Type.Optional(Type.Integer({ minimum: 1000, maximum: 1_000_000 })),
    clientAttemptTimeoutUs: Type.Optional(Type.Integer({ minimum: 1000, maximum: 60_000_000 })),
    clientTimeoutUs: Type.Optional(Type.Integer({ minimum: 1000, maximum: 600_000_000 })),
  }),
  // The inputs are a trace's (the server replays them and refuses one it cannot replay).
  start: Type.Optional(
    closed({
      inputs: Type.Array(Type.Object({ kind: Type.String(), at: count, afterEvents: count }), {
        maxItems: 20_000,
      }),
      events: Type.Integer({ minimum: 0, maximum: 2_000_000 }),
    }),
  ),
  speed: Type.Optional(Type.Number({ minimum: 0.001, maximum: 20 })),
  steps: Type.Array(StepSchema, { minItems: 1, maxItems: 40 }),
});

export const LessonSchema = Type.Cyclic(
  { Condition: conditionDefinition, Lesson: lessonDefinition },
  'Lesson',
);

const lessonCheck = Compile(LessonSchema);
const conditionCheck = Compile(ConditionSchema);

/** What is wrong with `value` as a lesson file (a path and a message each); empty if nothing. */
export function lessonErrors(value: unknown): string[] {
  if (lessonCheck.Check(value)) return [];
  return [...lessonCheck.Errors(value)].slice(0, 10).map((e) => `${e.instancePath || '/'}: ${e.message}`);
}

export const isCondition = (value: unknown): boolean => conditionCheck.Check(value);
