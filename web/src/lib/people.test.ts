import { devicePrefix } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { deviceChoices, deviceName, personName, sellerChoices } from './people.ts';

const names = new Map([
  ['user-sam', 'Sam'],
  ['user-tess', 'Tess'],
  ['user-blank', '  '],
]);

describe('people and devices in words', () => {
  it('names a person, or says "Another seller", never the id', () => {
    expect(personName('user-sam', names)).toBe('Sam');
    expect(personName('user-zed', names)).toBe('Another seller');
    expect(personName('user-blank', names)).toBe('Another seller');
  });

  it('names a device after this device or its seller', () => {
    expect(deviceName('dev-1', 'dev-1', 'user-sam', names)).toBe('This device');
    expect(deviceName('dev-2', 'dev-1', 'user-sam', names)).toBe("Sam's device");
    expect(deviceName('dev-3', 'dev-1', 'user-zed', names)).toBe('Another device');
    expect(deviceName('dev-4', 'dev-1', undefined, names)).toBe('Another device');
  });

  it('names what the shop page wrote as the shop page, person and device', () => {
    expect(personName('storefront', names)).toBe('Shop page');
    expect(deviceName('storefront', 'dev-1', 'storefront', names)).toBe('Shop page');
    expect(sellerChoices(['storefront', 'user-sam'], names)).toEqual([
      { id: 'user-sam', name: 'Sam' },
      { id: 'storefront', name: 'Shop page' },
    ]);
  });

  it('offers sellers by name, numbering the unknown ones', () => {
    expect(sellerChoices(['user-tess', 'user-x', 'user-sam', 'user-y'], names)).toEqual([
      { id: 'user-x', name: 'Another seller (1)' },
      { id: 'user-y', name: 'Another seller (2)' },
      { id: 'user-sam', name: 'Sam' },
      { id: 'user-tess', name: 'Tess' },
    ]);
  });

  it('offers this device first, and tells same-named devices apart by their numbers', () => {
    const sellers = new Map([
      ['dev-a', 'user-sam'],
      ['dev-b', 'user-sam'],
      ['dev-c', 'user-tess'],
    ]);
    const choices = deviceChoices(['dev-c', 'dev-a', 'dev-me', 'dev-b'], 'dev-me', sellers, names);
    expect(choices.map((c) => c.id)).toEqual(['dev-me', 'dev-a', 'dev-b', 'dev-c']);
    expect(choices.map((c) => c.name)).toEqual([
      'This device',
      `Sam's device (numbers ${devicePrefix('dev-a')}-…)`,
      `Sam's device (numbers ${devicePrefix('dev-b')}-…)`,
      "Tess's device",
    ]);
    expect(JSON.stringify(choices.map((c) => c.name))).not.toMatch(/dev-/);
  });
});
