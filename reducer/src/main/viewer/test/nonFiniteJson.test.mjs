// node --test: the JSON.parse extension for HSDS's bare NaN/Infinity tokens (build.sh runs it)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acceptNonFiniteNumbersInJson } from '../src/nonFiniteJson.js';

acceptNonFiniteNumbersInJson();

test('bare tokens in a value answer become numbers', () => {
  assert.deepEqual(JSON.parse('{"value":[NaN, 1.5,-Infinity,Infinity ,NaN]}').value,
    [Number.NaN, 1.5, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, Number.NaN]);
  assert.deepEqual(JSON.parse('{"value":[[NaN,NaN],[1,NaN]]}').value, [[Number.NaN, Number.NaN], [1, Number.NaN]]);
  assert.ok(Number.isNaN(JSON.parse('NaN')));
});

test('the same words inside strings stay text', () => {
  assert.deepEqual(JSON.parse('{"name":"[NaN] \\" Infinity","v":NaN}'), { name: '[NaN] " Infinity', v: Number.NaN });
});

test('valid JSON and revivers work as before', () => {
  assert.deepEqual(JSON.parse('{"a":[1,"NaN",null]}'), { a: [1, 'NaN', null] });
  assert.deepEqual(JSON.parse('[NaN,2]', (key, v) => (typeof v === 'number' ? v * 2 : v)), [Number.NaN, 4]);
});

test('broken JSON still throws', () => {
  assert.throws(() => JSON.parse('{bad'), SyntaxError);
  assert.throws(() => JSON.parse('[NaN'), SyntaxError);
});
