import type { z } from 'zod';

/**
 * A fast yes for the common case, built from the same zod schema: `accept(value)` is
 * true only when `schema.safeParse(value)` succeeds with an output equal to its input
 * — every check passes, no unknown key would be stripped, no string would be rewritten
 * (trimmed). False means "not proven": ask zod, whose answer (and message) stands.
 *
 * It runs zod's own check functions (lengths, formats, ranges, refinements) in zod's
 * order and only replaces zod's per-field bookkeeping, which is most of the cost of
 * validating a replicated batch on the server.
 */
export type Acceptor = (value: unknown) => boolean;

type Schema = z.core.$ZodType;
type Check = z.core.$ZodCheck;
type Payload = z.core.ParsePayload;

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** The checks zod runs after parsing: the schema itself first when it is a check (string formats). */
function checksOf(schema: Schema): Check[] {
  const own = schema._zod.def.checks ?? [];
  return schema._zod.traits.has('$ZodCheck') ? [schema as unknown as Check, ...own] : [...own];
}

function withChecks(base: Acceptor, checks: Check[]): Acceptor {
  if (!checks.length) return base;
  // Resolved once: the loop below runs for every field of every replicated document.
  const steps = checks.map((check) => {
    const { def } = check._zod;
    const overwrite = def.check === 'overwrite' ? (def as z.core.$ZodCheckOverwriteDef) : null;
    const payload: Payload = { value: undefined, issues: [] };
    return {
      // zod's checks are closures that never use `this`; a wrapper per call costs ~20 % here
      /* eslint-disable @typescript-eslint/unbound-method */
      rewrite: overwrite?.tx ?? null,
      when: def.when ?? null,
      // zod types a check by the value it was declared for; here it is handed what it checks
      run: check._zod.check as (p: Payload) => unknown,
      /* eslint-enable @typescript-eslint/unbound-method */
      // one payload per step, reused: a step never runs inside itself (no lazy schemas here)
      payload,
    };
  });
  return (value) => {
    if (!base(value)) return false;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      if (!step) continue;
      // zod would replace the value (e.g. trim it): only a value that stays the same is "as is"
      if (step.rewrite) {
        if (step.rewrite(value) !== value) return false;
        continue;
      }
      const { payload } = step;
      payload.value = value;
      if (payload.issues.length) payload.issues = [];
      if (step.when && !step.when(payload)) continue;
      const result = step.run(payload);
      if (result instanceof Promise || payload.issues.length || payload.value !== value) {
        return false;
      }
    }
    return true;
  };
}

/** What an object does with keys its shape lacks: strip them (or refuse: strict), or judge them. */
function extraAcceptor(def: z.core.$ZodObjectDef): Acceptor | null | 'none' {
  // no catchall: zod strips unknown keys; `never` (strict): zod fails on them. Neither is "as is".
  if (!def.catchall || def.catchall._zod.def.type === 'never') return 'none';
  return compileAcceptor(def.catchall);
}

function objectAcceptor(def: z.core.$ZodObjectDef): Acceptor | null {
  const extra = extraAcceptor(def);
  if (extra === null) return null;
  const fields: [string, Acceptor][] = [];
  for (const [key, field] of Object.entries(def.shape)) {
    const accept = compileAcceptor(field);
    if (!accept) return null;
    fields.push([key, accept]);
  }
  const keys = fields.map(([key]) => key);
  const accepts = fields.map(([, accept]) => accept);
  const known = new Set(keys);
  return (value) => {
    if (!isPlainObject(value)) return false;
    for (let i = 0; i < keys.length; i++) {
      if (!(accepts[i] as Acceptor)(value[keys[i] as string])) return false;
    }
    for (const key in value) {
      if (known.has(key)) continue;
      // zod would strip it, refuse it, or (`__proto__`) set the copy's prototype with it
      if (extra === 'none' || key === '__proto__' || !extra(value[key])) return false;
    }
    return true;
  };
}

function recordAcceptor(def: z.core.$ZodRecordDef): Acceptor | null {
  // A key type with a fixed set of keys parses differently; leave it to zod.
  if (def.keyType._zod.values) return null;
  const key = compileAcceptor(def.keyType);
  const item = compileAcceptor(def.valueType);
  if (!key || !item) return null;
  return (value) => {
    if (!isPlainObject(value)) return false;
    for (const k in value) {
      if (k === '__proto__' || !key(k) || !item(value[k])) return false;
    }
    return true;
  };
}

/**
 * zod's union answers with its first option that parses. An option accepted as is
 * decides only if every option before it certainly fails in zod too: options whose
 * "no" is zod's "no" (a primitive with no rewriting check, see `exact`).
 */
function unionAcceptor(def: z.core.$ZodUnionDef): Acceptor | null {
  if ('discriminator' in def) return discriminatedAcceptor(def as z.core.$ZodDiscriminatedUnionDef);
  // an exclusive union (z.xor) fails when two options match: leave it to zod
  if ((def as { inclusive?: boolean }).inclusive === false) return null;
  const options: { accept: Acceptor; exact: boolean }[] = [];
  for (const option of def.options) {
    const accept = compileAcceptor(option);
    if (!accept) return null;
    options.push({ accept, exact: exact(option) });
  }
  return (v) => {
    for (const { accept, exact } of options) {
      if (accept(v)) return true;
      if (!exact) return false;
    }
    return false;
  };
}

/** A discriminated union parses only the option its discriminator names (zod's map). */
function discriminatedAcceptor(def: z.core.$ZodDiscriminatedUnionDef): Acceptor | null {
  if (def.unionFallback) return null;
  const byValue = new Map<unknown, Acceptor>();
  for (const option of def.options) {
    const odef = option._zod.def;
    if (odef.type !== 'object') return null;
    const tag = (odef as z.core.$ZodObjectDef).shape[def.discriminator]?._zod.def;
    if (tag?.type !== 'literal') return null;
    const accept = compileAcceptor(option);
    if (!accept) return null;
    for (const value of (tag as z.core.$ZodLiteralDef<z.core.util.Literal>).values) {
      if (byValue.has(value)) return null;
      byValue.set(value, accept);
    }
  }
  return (v) => isPlainObject(v) && (byValue.get(v[def.discriminator])?.(v) ?? false);
}

const EXACT_TYPES = new Set(['string', 'number', 'boolean', 'null', 'literal', 'enum']);

/** Whether this schema's acceptor says no only where zod fails too. */
function exact(schema: Schema): boolean {
  const def = schema._zod.def;
  if (def.type === 'nullable' || def.type === 'optional') {
    return exact((def as z.core.$ZodOptionalDef).innerType);
  }
  return (
    EXACT_TYPES.has(def.type) && !checksOf(schema).some((c) => c._zod.def.check === 'overwrite')
  );
}

function baseAcceptor(schema: Schema): Acceptor | null {
  const def = schema._zod.def;
  switch (def.type) {
    case 'string':
      return (v) => typeof v === 'string';
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'null':
      return (v) => v === null;
    case 'unknown':
    case 'any':
      return () => true;
    case 'literal': {
      const values = new Set<unknown>((def as z.core.$ZodLiteralDef<z.core.util.Literal>).values);
      return (v) => values.has(v);
    }
    case 'enum': {
      const values = new Set<unknown>(
        Object.values((def as z.core.$ZodEnumDef<z.core.util.EnumLike>).entries),
      );
      return (v) => values.has(v);
    }
    case 'nullable': {
      const inner = compileAcceptor((def as z.core.$ZodNullableDef).innerType);
      return inner && ((v) => v === null || inner(v));
    }
    case 'optional': {
      const inner = compileAcceptor((def as z.core.$ZodOptionalDef).innerType);
      return inner && ((v) => v === undefined || inner(v));
    }
    case 'array': {
      const element = compileAcceptor((def as z.core.$ZodArrayDef).element);
      return (
        element &&
        ((v) => {
          if (!Array.isArray(v)) return false;
          for (const item of v) if (!element(item)) return false;
          return true;
        })
      );
    }
    case 'union':
      return unionAcceptor(def as z.core.$ZodUnionDef);
    case 'object':
      return objectAcceptor(def as z.core.$ZodObjectDef);
    case 'record':
      return recordAcceptor(def as z.core.$ZodRecordDef);
    default:
      return null; // transforms, pipes, defaults…: zod decides
  }
}

const compiled = new WeakMap<Schema, Acceptor | null>();

/** The acceptor for `schema`, or null if it uses something this does not model. */
export function compileAcceptor(schema: Schema): Acceptor | null {
  const known = compiled.get(schema); // undefined: not compiled yet; null: not modelled
  if (known !== undefined) return known;
  const base = baseAcceptor(schema);
  const accept = base && withChecks(base, checksOf(schema));
  compiled.set(schema, accept);
  return accept;
}

/**
 * `schema.safeParse(value)`, without zod's copy when the value is proven valid as it is
 * (the input is then what zod would have returned). For request bodies on hot paths.
 */
export function safeParseAsIs<S extends z.ZodType>(
  schema: S,
  value: unknown,
): z.ZodSafeParseResult<z.output<S>> {
  if (compileAcceptor(schema)?.(value)) return { success: true, data: value as z.output<S> };
  return schema.safeParse(value);
}
