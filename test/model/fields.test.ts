import { describe, expect, it } from 'vitest';
import { containerVariableField, fieldPartsOf, located } from '../../src/model/fields.js';
import type { Evidence } from '../../src/model/index.js';

describe('located evidence', () => {
  const field = containerVariableField('web', 'env', 'DATABASE_URL');
  const evidence = located({ matchType: 'env', matchedValue: 'db.internal:5432' }, field);

  it('is the three fields of the model in JSON, in spreads and to equality', () => {
    const expected = { matchType: 'env', matchedValue: 'db.internal:5432', field: 'container web env DATABASE_URL' };
    expect(JSON.parse(JSON.stringify(evidence))).toEqual(expected);
    expect(Object.keys(evidence)).toEqual(['matchType', 'matchedValue', 'field']);
    expect(evidence).toEqual(expected);
    expect({ ...evidence }).toEqual(expected);
  });

  it('keeps the parts its field was spelled from, which a copy or a plain literal does not have', () => {
    expect(fieldPartsOf(evidence)).toBe(field.parts);
    expect(fieldPartsOf({ ...evidence })).toBeUndefined();
    const written: Evidence = { matchType: 'env', matchedValue: 'x', field: 'container web env X' };
    expect(fieldPartsOf(written)).toBeUndefined();
  });
});
