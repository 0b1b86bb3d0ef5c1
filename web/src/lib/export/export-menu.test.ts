import type { ExportTable } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import type { CsvOptions } from './csv.ts';
import { ExportMenu, type ExportChoice } from './export-menu.svelte.ts';

const table = (name: string): ExportTable => ({ name, columns: ['a'], rows: [['1']] });

function menuWith(choices: ExportChoice[]) {
  const saved: { name: string; options: CsvOptions }[] = [];
  const menu = new ExportMenu(
    () => choices,
    (t, options) => {
      saved.push({ name: t.name, options });
      return Promise.resolve();
    },
  );
  return { menu, saved };
}

describe('the export menu', () => {
  it('makes the chosen file with the Excel choice, closes, and remembers the choice on the device', async () => {
    const choices = [
      { label: 'Orders', note: '', make: () => Promise.resolve(table('orders')) },
      { label: 'Lines', note: '', make: () => Promise.resolve(table('order-lines')) },
    ];
    const { menu, saved } = menuWith(choices);
    await menu.show();
    expect(menu.open).toBe(true);
    menu.chosen = 1;
    menu.bom = true;
    await menu.run();
    expect(saved).toEqual([{ name: 'order-lines', options: { bom: true } }]);
    expect(menu.open).toBe(false);
    expect(menu.busy).toBe(false);

    // another list's menu on this device opens with "for Excel" still ticked
    const other = menuWith(choices);
    await other.menu.show();
    expect(other.menu.bom).toBe(true);
    other.menu.bom = false;
    await other.menu.run();
    expect(other.saved[0]?.options).toEqual({ bom: false });
    const third = menuWith(choices);
    await third.menu.show();
    expect(third.menu.bom).toBe(false);
  });

  it('stays open and says so when the file cannot be made, busy only while it is made', async () => {
    let fail = true;
    let busyWhileMaking = false;
    const { menu, saved } = menuWith([
      {
        label: 'Orders',
        note: '',
        make: () => {
          busyWhileMaking = menu.busy;
          return fail
            ? Promise.reject(new Error('the device ran out of space'))
            : Promise.resolve(table('orders'));
        },
      },
    ]);
    await menu.show();
    await menu.run();
    expect(busyWhileMaking).toBe(true);
    expect(menu.open).toBe(true);
    expect(menu.busy).toBe(false);
    expect(menu.error).toBe('The file could not be made: the device ran out of space. Try again.');
    fail = false;
    await menu.run();
    expect(menu.error).toBeNull();
    expect(saved.map((s) => s.name)).toEqual(['orders']);
  });
});
