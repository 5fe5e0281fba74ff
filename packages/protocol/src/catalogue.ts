/**
 * The simulator's catalogue (bug switches, checked safety properties, read consistency
 * levels, cluster size bounds), re-exported as part of the contract: a client shows a
 * violation's name and section, or offers the switches, from the same data the
 * simulator runs on. Defined once in `@raftlab/sim/catalogue`.
 */
import { Type, type TLiteral, type TUnion } from 'typebox';

export {
  BUGS,
  BUG_LAYERS,
  BUG_NAMES,
  FAIL_REASONS,
  INVARIANTS,
  INVARIANT_NAMES,
  invariantInfo,
  isBugName,
  MAX_NODES,
  READ_CONSISTENCIES,
  type BugLayer,
  type InvariantInfo,
  type InvariantName,
} from '@raftlab/sim/catalogue';

type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };

/**
 * A schema accepting exactly the strings of the tuple `values`: a union of one literal
 * each, as hand-written unions were, so its static type is the union of the values.
 */
export function literalUnion<const T extends readonly string[]>(values: T): TUnion<Literals<T>> {
  return Type.Union(values.map((value) => Type.Literal(value))) as unknown as TUnion<Literals<T>>;
}
