/**
 * JSON for people: what JSON.stringify gives, with a space after every comma and colon between values, so a
 * narrow column wraps between values instead of in the middle of one. Strings are left exactly as JSON writes
 * them.
 *
 * @param {unknown} value anything JSON.stringify accepts
 * @returns {string}
 */
export function displayJson(value) {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : spaced(JSON.parse(text));
}

function spaced(value) {
  if (Array.isArray(value)) return `[${value.map(spaced).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([key, inner]) => `${JSON.stringify(key)}: ${spaced(inner)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}
