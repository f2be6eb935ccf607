// HSDS writes NaN, Infinity and -Infinity as bare tokens in /value answers (not JSON, but what Python
// and h5pyd expect). h5web's HsdsProvider then quotes them and parses again, so they arrive as
// strings, and h5web refuses a float dataset whose first value is a string ("Expected number"): every
// dataset that starts with a not-yet-filled NaN row. This makes JSON.parse read such a text with the
// tokens as real numbers instead. Valid JSON never gets here: only a text the built-in parser has
// already rejected is parsed a second time.

// a string literal (left alone) or a bare non-finite token; true, false and null hold no N or I
const STRING_OR_NON_FINITE = /"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g;
// a string no HSDS value holds: written escaped into the text, read back with a raw U+0000
const MARK = '\u0000non-finite:';
const VALUES = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

function markNonFinite(text) {
  return text.replace(STRING_OR_NON_FINITE, (match) => (match[0] === '"' ? match : `"\\u0000non-finite:${match}"`));
}

function restore(value) {
  return typeof value === 'string' && value.startsWith(MARK) ? VALUES[value.slice(MARK.length)] : value;
}

// in place, skipping numbers: several times faster than a JSON.parse reviver on large value arrays
function restoreAll(value) {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] !== 'number') {
        value[i] = restoreAll(value[i]);
      }
    }
    return value;
  }
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      value[key] = restoreAll(value[key]);
    }
    return value;
  }
  return restore(value);
}

export function acceptNonFiniteNumbersInJson() {
  const strictParse = JSON.parse;
  JSON.parse = function parseWithNonFiniteNumbers(text, reviver) {
    try {
      return strictParse(text, reviver);
    } catch (error) {
      if (typeof text !== 'string' || !/NaN|Infinity/.test(text)) {
        throw error;
      }
      if (!reviver) {
        return restoreAll(strictParse(markNonFinite(text)));
      }
      return strictParse(markNonFinite(text), function restoreThenRevive(key, value) {
        return reviver.call(this, key, restore(value));
      });
    }
  };
}
