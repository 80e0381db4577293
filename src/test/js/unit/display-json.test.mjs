import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { displayJson } from '../../../main/webapp/js/console/display-json.js';

describe('displayJson', () => {
  test('puts a space after each comma and colon between values', () => {
    assert.equal(displayJson({ room: 'lobby', ids: [1, 2], nested: { ok: true, none: null } }),
      '{"room": "lobby", "ids": [1, 2], "nested": {"ok": true, "none": null}}');
  });

  test('leaves strings as JSON writes them, commas, colons and escapes included', () => {
    assert.equal(displayJson({ text: 'a,b:c "q"\n' }), '{"text": "a,b:c \\"q\\"\\n"}');
  });

  test('reads the same as JSON.parse would', () => {
    const value = { a: [{ b: 'x, y' }, [], {}], c: -1.5e-7, d: 'ü' };
    assert.deepEqual(JSON.parse(displayJson(value)), value);
  });

  test('drops what JSON drops and follows toJSON', () => {
    assert.equal(displayJson({ f: () => 1, u: undefined, at: new Date(0) }), '{"at": "1970-01-01T00:00:00.000Z"}');
    assert.equal(displayJson(undefined), 'undefined');
    assert.equal(displayJson('plain'), '"plain"');
  });
});
