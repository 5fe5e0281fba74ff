/**
 * What a route declares it answers: its success body under its status, and for every
 * 4xx and 5xx the catalogue's error body (`plugins/errors.ts` sends nothing else).
 */
import { ErrorSchema } from '@raftlab/protocol';
import type { TSchema } from 'typebox';

const errors = { '4xx': ErrorSchema, '5xx': ErrorSchema };

export const replies = <Ok extends TSchema>(ok: Ok) => ({ 200: ok, ...errors });
export const created = <Ok extends TSchema>(ok: Ok) => ({ 201: ok, ...errors });
