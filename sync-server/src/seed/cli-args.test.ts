import { describe, expect, it } from 'vitest';
import { parseSeedArgs } from './cli-args.ts';
import { DEFAULT_DEMO_SIZE, LARGE_DEMO_SIZE } from './demo-data.ts';

const options = (argv: string[]) => {
  const r = parseSeedArgs(argv);
  if (!r.ok) throw new Error(r.error);
  return r.options;
};
const error = (argv: string[]) => {
  const r = parseSeedArgs(argv);
  return r.ok ? null : r.error;
};

describe('pnpm seed options', () => {
  it('re-creates the demo shop by default', () => {
    expect(options([])).toEqual({
      help: false,
      remove: false,
      size: DEFAULT_DEMO_SIZE,
      seed: 4,
      activity: true,
      exportDir: null,
      bom: false,
      store: true,
    });
  });

  it('makes the benchmarks’ large shop, or any numbers changed on top of a size', () => {
    expect(options(['--size', 'large']).size).toEqual(LARGE_DEMO_SIZE);
    expect(options(['--size=large', '--orders', '5000', '--days=30']).size).toEqual({
      ...LARGE_DEMO_SIZE,
      orders: 5000,
      days: 30,
    });
    // the numbers hold whichever side of --size they are
    expect(options(['--orders', '5000', '--size', 'large']).size.orders).toBe(5000);
    expect(options(['--products', '20', '--customers', '0']).size).toEqual({
      ...DEFAULT_DEMO_SIZE,
      products: 20,
      customers: 0,
    });
  });

  it('exports, with a byte-order mark, and with or without storing', () => {
    expect(options(['--export', './out', '--bom'])).toMatchObject({
      exportDir: './out',
      bom: true,
      store: true,
    });
    expect(
      options(['--', '--no-store', '--export=out', '--no-activity', '--seed', '9']),
    ).toMatchObject({
      exportDir: 'out',
      store: false,
      activity: false,
      seed: 9,
    });
  });

  it('says what is wrong in one sentence', () => {
    expect(error(['--size', 'huge'])).toBe('--size is small or large');
    expect(error(['--orders', '-3'])).toMatch(/^--orders is a whole number from 0 to/);
    expect(error(['--products', '0'])).toMatch(/^--products is a whole number from 1 to/);
    expect(error(['--products', '1000000'])).toMatch(/^--products is a whole number/);
    expect(error(['--days', '2.5'])).toMatch(/^--days is a whole number/);
    expect(error(['--export'])).toBe('--export needs a value');
    expect(error(['--export', '--bom'])).toBe('--export needs a value');
    expect(error(['--no-store'])).toBe('--no-store needs --export DIR');
    expect(error(['--remove', '--export', 'x'])).toMatch(/^--remove deletes the demo/);
    expect(error(['--colour'])).toBe('unknown option --colour (see --help)');
  });
});
