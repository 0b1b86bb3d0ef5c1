import { describe, expect, it } from 'vitest';
import { productDoc } from '../fixtures/catalog.ts';
import { DOC_SCHEMAS } from './index.ts';
import { productFields } from './product.ts';
import { DOC_KINDS, kindOfId, productFieldsOf } from './vocabulary.ts';

describe('the documents vocabulary', () => {
  it('names exactly the kinds that have a schema', () => {
    expect([...DOC_KINDS].sort()).toEqual(Object.keys(DOC_SCHEMAS).sort());
  });

  it('reads the kind from an id prefix, and refuses unknown or disguised ones', () => {
    expect(kindOfId('product:01HZX3K9Q8W7V6T5S4R3P2N1M0')).toBe('product');
    expect(kindOfId('orderevent:x')).toBe('orderevent');
    expect(kindOfId('settings')).toBe('settings');
    expect(kindOfId('settings:x')).toBeNull();
    expect(kindOfId('_local/x')).toBeNull();
    expect(kindOfId('toString:x')).toBeNull();
    expect(kindOfId('')).toBeNull();
  });

  it("takes a stored product's editable fields as the form schema would", () => {
    const stored = productDoc({ name: 'Bramley apples', category: 'Fruit' });
    const { category: _, online: _o, onlineAllowance: _a, ...older } = stored;
    for (const p of [stored, older]) {
      expect(productFieldsOf(p)).toEqual(
        productFields.parse({ category: '', online: false, onlineAllowance: null, ...p }),
      );
    }
    expect(productFieldsOf(older)).toMatchObject({
      category: '',
      online: false,
      onlineAllowance: null,
    });
  });
});
