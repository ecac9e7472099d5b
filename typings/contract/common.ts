import { z } from 'zod';
import { MAX_LINE_QUANTITY } from './limits';

/** Shared input building blocks: every string is bounded, every number is typed. */
export const id = () => z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be an id');
export const text = (max: number, min = 0) => z.string().min(min).max(max);
export const fen = () => z.number().int().min(0).max(100_000_000);
export const quantity = () => z.number().int().min(1).max(MAX_LINE_QUANTITY);
export const epochMs = () => z.number().int().min(0).max(4_102_444_800_000);
export const page = () => z.number().int().min(1).max(10_000);
export const pageSize = (max = 50) => z.number().int().min(1).max(max);
export const empty = () => z.object({}).strict();

/** A contract entry: the input schema plus a phantom output type. */
export interface Def<I extends z.ZodType, O> {
  input: I;
  /** never set at run time: carries the output type */
  readonly __output?: O;
}
export function def<O>() {
  return <I extends z.ZodType>(input: I): Def<I, O> => ({ input });
}

export type InputOf<D> = D extends Def<infer I, unknown> ? z.input<I> : never;
export type OutputOf<D> = D extends Def<z.ZodType, infer O> ? O : never;
