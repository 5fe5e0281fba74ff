/**
 * Lessons (issue 15): the library, a cluster for a lesson (from the library or a file a
 * teacher wrote), and what a lesson's steps ask of their cluster — scripted actions, and
 * a clock that runs until a condition holds. The page drives the steps
 * (apps/web/src/features/lesson); the conditions and actions are packages/lessons', the
 * same the lesson tests play on a bare simulation.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  applyAction,
  bindNames,
  DEFAULT_LESSON_SPEED,
  lessonById,
  LESSONS,
  lessonProblems,
  UnboundName,
  type Action,
  type Binding,
  type Condition,
  type Lesson,
} from '@raftlab/lessons';
import { worldOf } from '@raftlab/lessons/runner';
import { ActionSchema, BindingSchema, ConditionSchema, LessonSchema } from '@raftlab/lessons/schema';
import { ClockSchema, ClusterIdParams, InputSchema, LIMITS, OwnershipSchema } from '@raftlab/protocol';
import { Compile } from 'typebox/compile';
import { DEFAULT_SIM_CONFIG } from '@raftlab/sim';
import { Type } from 'typebox';
import { BadLesson, LessonNotFound } from '../errors';
import { ClusterAccess } from '../live/access';
import { clockUntil } from '../live/clock_until';
import { lessonTarget } from '../live/lesson_target';
import { ownershipOf } from '../plugins/access';
import { created, replies } from './replies';

const lessonId = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' });
const bindings = Type.Record(
  Type.String({ pattern: '^[a-zA-Z][\\w-]*$' }),
  Type.Integer({ minimum: 0, maximum: LIMITS.maxNodes }),
  {
    maxProperties: 32,
  },
);
const LessonListSchema = Type.Object({
  lessons: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      summary: Type.String(),
      section: Type.Object({ label: Type.String(), href: Type.String() }),
      minutes: Type.Integer(),
      steps: Type.Integer(),
    }),
  ),
});
const untilFields = { condition: ConditionSchema, bindings: Type.Optional(bindings) };
const UntilBody = Type.Object(
  { ...untilFields, speed: Type.Number({ minimum: LIMITS.minSpeed, maximum: LIMITS.maxSpeed }) },
  { additionalProperties: false },
);
const AdvanceUntilBody = Type.Object(
  { ...untilFields, ms: Type.Number({ exclusiveMinimum: 0, maximum: LIMITS.maxAdvanceMs }) },
  { additionalProperties: false },
);
// The schemas have checked these bodies; model.ts types them (a `$name` is a template
// literal there, a pattern here), so the routes read them through these.
const startInputs = Compile(Type.Array(InputSchema));
const asCondition = (value: unknown) => value as Condition;
const asActions = (value: unknown) => value as Action[];
const asLesson = (value: unknown) => value as Lesson;
const asBindings = (value: unknown) => value as Record<string, Binding>;
const UntilReply = Type.Object({ clock: ClockSchema, reached: Type.Boolean() });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/lessons', { schema: { response: replies(LessonListSchema) } }, async () => ({
    lessons: LESSONS.map(({ id, title, summary, section, minutes, steps }) => ({
      id,
      title,
      summary,
      section,
      minutes,
      steps: steps.length,
    })),
  }));

  app.get(
    '/api/lessons/:lesson',
    // Answered as it is (the lesson tests validate the library's files): a cyclic schema
    // cannot be serialised by Fastify, so the reply is not described by one.
    { schema: { params: Type.Object({ lesson: lessonId }) } },
    async (request) => {
      const lesson = lessonById(request.params.lesson);
      if (!lesson) throw new LessonNotFound(request.params.lesson);
      return lesson;
    },
  );

  // A cluster for a lesson, paused at its start: by id from the library, or a lesson file.
  app.post(
    '/api/lesson-runs',
    {
      schema: {
        body: Type.Object({ lesson: Type.Union([lessonId, LessonSchema]) }, { additionalProperties: false }),
        response: created(
          Type.Object({ id: Type.String(), lesson: Type.Unknown(), ...OwnershipSchema.properties }),
        ),
      },
    },
    async (request, reply) => {
      const asked = request.body.lesson;
      const lesson = typeof asked === 'string' ? lessonById(asked) : asLesson(asked);
      if (!lesson) throw new LessonNotFound(asked as string);
      const problems = lessonProblems(lesson);
      if (problems.length > 0) throw new BadLesson(problems.join('; '));
      const config = { ...DEFAULT_SIM_CONFIG, ...lesson.cluster };
      const speed = lesson.speed ?? DEFAULT_LESSON_SPEED;
      const { access, token } = ClusterAccess.issue();
      let cluster;
      if (lesson.start) {
        // A lesson saved from a cluster starts where that cluster was: its trace, replayed.
        if (!startInputs.Check(lesson.start.inputs))
          throw new BadLesson("start.inputs are not a trace's inputs");
        const trace = { version: 1 as const, config, ...lesson.start };
        cluster = app.clusters.create({ trace, options: { speed } }, access);
      } else cluster = app.clusters.createPaused(config, speed, access);
      reply.code(201);
      return { id: cluster.id, lesson, ...ownershipOf(cluster.id, token) };
    },
  );

  app.post(
    '/api/clusters/:id/actions',
    {
      schema: {
        params: ClusterIdParams,
        body: Type.Object(
          {
            actions: Type.Array(ActionSchema, { maxItems: 32 }),
            bindings: Type.Optional(bindings),
            /** Names to bind first, from the cluster as it is (a step's `bind`). */
            bind: Type.Optional(
              Type.Record(Type.String({ pattern: '^[a-zA-Z][\\w-]*$' }), BindingSchema, {
                maxProperties: 16,
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: replies(
          Type.Object({
            clock: ClockSchema,
            bindings,
            /** The moment before the actions, to go back to (POST /rewind with `at` and `inputs`). */
            mark: Type.Object({ at: Type.Integer(), inputs: Type.Integer() }),
          }),
        ),
      },
    },
    async (request) => {
      const cluster = app.clusters.get(request.params.id);
      const mark = { at: cluster.end, inputs: cluster.sim.recordedInputs().length };
      const target = lessonTarget(cluster);
      let names: Record<string, number> = { ...request.body.bindings };
      try {
        names = bindNames(asBindings(request.body.bind ?? {}), worldOf(cluster.sim), names);
        for (const action of asActions(request.body.actions)) applyAction(action, target, names);
      } catch (error) {
        if (error instanceof UnboundName) throw new BadLesson(error.message);
        throw error;
      }
      cluster.flush();
      return { clock: cluster.clock(), bindings: names, mark };
    },
  );

  // Whether a condition holds now: the page asks when its clock stopped during a step's
  // wait (it reached it, or a person paused), reading the simulation, not the stream.
  app.post(
    '/api/clusters/:id/holds',
    {
      schema: {
        params: ClusterIdParams,
        body: Type.Object(untilFields, { additionalProperties: false }),
        response: replies(Type.Object({ holds: Type.Boolean() })),
      },
    },
    async (request) => {
      const cluster = app.clusters.get(request.params.id);
      const { condition, bindings: names = {} } = request.body;
      return { holds: clockUntil(asCondition(condition), names, cluster.sim).holds(cluster.sim) };
    },
  );

  app.put(
    '/api/clusters/:id/clock/until',
    {
      schema: {
        params: ClusterIdParams,
        body: UntilBody,
        response: replies(UntilReply),
      },
    },
    async (request) => {
      const cluster = app.clusters.get(request.params.id);
      const { condition, bindings: names = {}, speed } = request.body;
      cluster.setClock({ speed });
      cluster.runUntilHolds(clockUntil(asCondition(condition), names, cluster.sim));
      cluster.flush();
      return { clock: cluster.clock(), reached: !cluster.waitingUntil };
    },
  );

  app.post(
    '/api/clusters/:id/clock/advance-until',
    {
      schema: {
        params: ClusterIdParams,
        body: AdvanceUntilBody,
        response: replies(UntilReply),
      },
    },
    async (request) => {
      const cluster = app.clusters.get(request.params.id);
      const { condition, bindings: names = {}, ms } = request.body;
      const reached = cluster.advanceUntil(clockUntil(asCondition(condition), names, cluster.sim), ms);
      cluster.flush();
      return { clock: cluster.clock(), reached };
    },
  );
};

export default routes;
