/**
 * Finds the top-level string members of a JSON object in its bytes without JSON.parse, for the
 * column checks of a large log (a parse per event is most of their cost). It reads a strict
 * subset of JSON: printable ASCII only, no whitespace, no escapes, integers and decimals as JSON
 * writes them, nesting up to {@link MAX_DEPTH}. Every text in that subset is valid JSON, and its
 * string members are exactly the bytes between their quotes, so what it finds is what JSON.parse
 * would give (the last of repeated names, as JSON.parse keeps). Anything else is refused, never
 * guessed at: the caller then parses the text.
 */
export class MemberScan {
  /** Start and end of the value of each wanted name, when it is a string; -1 when not. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  private readonly names: Uint8Array[];

  /** `names`: the member names wanted, ASCII. */
  constructor(names: readonly string[]) {
    this.names = names.map((n) => Buffer.from(n, 'latin1'));
    this.starts = new Int32Array(names.length);
    this.ends = new Int32Array(names.length);
  }

  /**
   * Reads `b[start..end)` as one JSON object; true when it is in the subset, with {@link starts}
   * and {@link ends} set for each wanted name (-1 where the member is absent or not a string).
   */
  scan(b: Uint8Array, start: number, end: number): boolean {
    this.starts.fill(-1);
    this.ends.fill(-1);
    let i = start;
    if (i >= end || b[i] !== OPEN_OBJECT) return false;
    i++;
    if (i < end && b[i] === CLOSE_OBJECT) return i + 1 === end;
    for (;;) {
      const keyEnd = stringEnd(b, i, end);
      if (keyEnd < 0) return false;
      const wanted = this.wanted(b, i + 1, keyEnd);
      i = keyEnd + 1;
      if (i >= end || b[i] !== COLON) return false;
      i++;
      if (i < end && b[i] === QUOTE) {
        const valueEnd = stringEnd(b, i, end);
        if (valueEnd < 0) return false;
        if (wanted >= 0) {
          this.starts[wanted] = i + 1;
          this.ends[wanted] = valueEnd;
        }
        i = valueEnd + 1;
      } else {
        i = valueEnd(b, i, end, 1);
        if (i < 0) return false;
        if (wanted >= 0) this.starts[wanted] = this.ends[wanted] = -1;
      }
      if (i >= end) return false;
      if (b[i] === CLOSE_OBJECT) return i + 1 === end;
      if (b[i] !== COMMA) return false;
      i++;
    }
  }

  // The index of the wanted name b[start..end), or -1.
  private wanted(b: Uint8Array, start: number, end: number): number {
    const length = end - start;
    for (let k = 0; k < this.names.length; k++) {
      const name = this.names[k]!;
      if (name.length !== length) continue;
      let same = true;
      for (let j = 0; j < length && same; j++) same = b[start + j] === name[j];
      if (same) return k;
    }
    return -1;
  }
}

/** Deeper values are refused (left to JSON.parse). */
const MAX_DEPTH = 32;

const QUOTE = 0x22;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const NULL = Buffer.from('null');

// The index of the closing quote of the string opening at b[i], or -1 (not a string of the subset).
function stringEnd(b: Uint8Array, i: number, end: number): number {
  if (i >= end || b[i] !== QUOTE) return -1;
  let j = i + 1;
  while (j < end && PLAIN[b[j]!] === 1) j++;
  return j < end && b[j] === QUOTE ? j : -1;
}

// 1 for the bytes a string of the subset holds: printable ASCII but the quote and the backslash.
const PLAIN = new Uint8Array(256);
for (let c = 0x20; c <= 0x7e; c++) PLAIN[c] = c === QUOTE || c === BACKSLASH ? 0 : 1;

const isDigit = (c: number | undefined) => c !== undefined && c >= ZERO && c <= NINE;

// The end of the value (not a top-level string member) starting at b[i], or -1.
function valueEnd(b: Uint8Array, i: number, end: number, depth: number): number {
  if (i >= end) return -1;
  const c = b[i]!;
  if (c === QUOTE) {
    const close = stringEnd(b, i, end);
    return close < 0 ? -1 : close + 1;
  }
  if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
    if (depth >= MAX_DEPTH) return -1;
    const close = c === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY;
    i++;
    if (i < end && b[i] === close) return i + 1;
    for (;;) {
      if (c === OPEN_OBJECT) {
        const keyEnd = stringEnd(b, i, end);
        if (keyEnd < 0 || keyEnd + 1 >= end || b[keyEnd + 1] !== COLON) return -1;
        i = keyEnd + 2;
      }
      i = valueEnd(b, i, end, depth + 1);
      if (i < 0 || i >= end) return -1;
      if (b[i] === close) return i + 1;
      if (b[i] !== COMMA) return -1;
      i++;
    }
  }
  if (c === MINUS || isDigit(c)) return numberEnd(b, i, end);
  for (const literal of [TRUE, FALSE, NULL]) {
    if (c === literal[0] && i + literal.length <= end) {
      let same = true;
      for (let j = 1; j < literal.length && same; j++) same = b[i + j] === literal[j];
      return same ? i + literal.length : -1;
    }
  }
  return -1;
}

// JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
function numberEnd(b: Uint8Array, i: number, end: number): number {
  const at = (k: number) => (k < end ? b[k] : undefined);
  if (at(i) === MINUS) i++;
  if (at(i) === ZERO) i++;
  else if (isDigit(at(i))) while (isDigit(at(i))) i++;
  else return -1;
  if (at(i) === DOT) {
    i++;
    if (!isDigit(at(i))) return -1;
    while (isDigit(at(i))) i++;
  }
  if (at(i) === 0x65 || at(i) === 0x45) {
    i++;
    if (at(i) === 0x2b || at(i) === MINUS) i++;
    if (!isDigit(at(i))) return -1;
    while (isDigit(at(i))) i++;
  }
  return i;
}
