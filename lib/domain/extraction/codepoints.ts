/**
 * Helpers for converting between UTF-16 code-unit offsets (what JavaScript
 * strings index by) and Unicode code-point offsets (what the public API uses).
 */

/**
 * Returns a table `map` of length `text.length + 1` where `map[i]` is the
 * number of code points in `text.slice(0, i)`. For an index that falls inside
 * a surrogate pair, the value of the pair's start is used.
 */
export function utf16ToCodePointTable(text: string): Int32Array {
  const map = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        map[i + 1] = cp;
        i++;
      }
    }
    cp++;
  }
  map[text.length] = cp;
  return map;
}

/** True when the string contains no surrogate code units (code points == code units). */
export function isBmpOnly(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[\uD800-\uDFFF]/.test(text);
}

/** Number of code points in a string. */
export function codePointLength(text: string): number {
  if (isBmpOnly(text)) return text.length;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * Converts code-point offsets to UTF-16 offsets. Returns a function mapping a
 * code-point index (0..codePointLength) to the UTF-16 index.
 */
export function codePointToUtf16(text: string): (cp: number) => number {
  if (isBmpOnly(text)) return (cp) => Math.max(0, Math.min(cp, text.length));
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    starts.push(i);
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  starts.push(text.length);
  return (cp) => {
    if (cp <= 0) return 0;
    if (cp >= starts.length - 1) return text.length;
    return starts[cp] ?? text.length;
  };
}

/** Code-point slice `[...text].slice(start, end).join("")`, without materialising the array for BMP text. */
export function cpSlice(text: string, start: number, end: number): string {
  if (isBmpOnly(text)) return text.slice(start, end);
  const toU = codePointToUtf16(text);
  return text.slice(toU(start), toU(end));
}
