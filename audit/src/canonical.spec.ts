import {
  AuditEvent,
  canonicalize,
  CanonicalizationError,
  decodeEvent,
  encodeEvent,
  InvalidAuditEventError,
  readEventSeq,
} from './canonical';

const text = (value: unknown) => canonicalize(value).toString('utf8');

function sampleEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    seq: 42,
    time: '2026-11-22T03:00:05.123Z',
    actorId: 'staff-7',
    actorRole: 'support',
    sessionId: 'sess-1',
    ip: '203.0.113.9',
    userAgent: 'Mozilla/5.0',
    subjectId: 'subject-99',
    action: 'reveal',
    resource: 'subject',
    fields: ['email', 'phone'],
    purpose: 'identity check for ticket 881',
    outcome: 'success',
    requestId: 'req-abc',
    detail: { ticket: 881, seq: 7, nested: { seq: 8 } },
    ...overrides,
  };
}

describe('canonicalize (RFC 8785)', () => {
  it('reproduces the RFC 8785 section 3.2.2 example', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        '"string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        '"literals": [null, true, false]}',
    );
    expect(text(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units, as in the RFC 8785 section 3.2.3 example', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Checked on the text: JSON.parse would move the integer-like key "1" first again.
    expect(text(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis",' +
        '"€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('writes UTF-8 without whitespace', () => {
    expect(canonicalize({ b: [1, { d: 'é', c: null }], a: true })).toEqual(
      Buffer.from('{"a":true,"b":[1,{"c":null,"d":"\xc3\xa9"}]}', 'latin1'),
    );
  });

  it.each([
    [0, '0'],
    [-0, '0'],
    [0.1, '0.1'],
    [1e21, '1e+21'],
    [1e20, '100000000000000000000'],
    [1e-7, '1e-7'],
    [0.000001, '0.000001'],
    [5e-324, '5e-324'],
    [-1.5, '-1.5'],
    [9007199254740992, '9007199254740992'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
  ])('serialises the number %p as %s', (value, expected) => {
    expect(text(value)).toBe(expected);
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['undefined', undefined],
    ['an undefined property', { a: undefined }],
    ['an undefined array item', [undefined]],
    ['a function', () => 1],
    ['a symbol', Symbol('x')],
    ['a BigInt', BigInt(1)],
    ['a lone high surrogate', 'a\ud800'],
    ['a lone low surrogate in a key', { '\udc00': 1 }],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['a Buffer', Buffer.from('x')],
  ])('rejects %s', (_name, value) => {
    expect(() => canonicalize(value)).toThrow(CanonicalizationError);
  });

  it('rejects cycles and absurd nesting but accepts shared references', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalize(cyclic)).toThrow(/cycle at \$\.self/);
    let deep: unknown = 1;
    for (let i = 0; i < 70; i++) deep = [deep];
    expect(() => canonicalize(deep)).toThrow(CanonicalizationError);
    const shared = { x: 1 };
    expect(text({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });

  it('accepts objects without a prototype and well-formed surrogate pairs', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.z = '\ud83d\ude00';
    expect(text(bare)).toBe('{"z":"😀"}');
  });
});

describe('audit events', () => {
  it('encodes an event with every field in key order', () => {
    const bytes = encodeEvent(sampleEvent());
    expect(bytes.toString('utf8')).toBe(
      '{"action":"reveal","actorId":"staff-7","actorRole":"support","detail":{"nested":{"seq":8},"seq":7,"ticket":881},' +
        '"fields":["email","phone"],"ip":"203.0.113.9","outcome":"success","purpose":"identity check for ticket 881",' +
        '"requestId":"req-abc","resource":"subject","seq":42,"sessionId":"sess-1","subjectId":"subject-99",' +
        '"time":"2026-11-22T03:00:05.123Z","userAgent":"Mozilla/5.0"}',
    );
    expect(decodeEvent(bytes)).toEqual(sampleEvent());
  });

  it('gives the same bytes whatever the property order', () => {
    const event = sampleEvent();
    const reversed = Object.fromEntries(Object.entries(event).reverse()) as unknown as AuditEvent;
    expect(encodeEvent(reversed)).toEqual(encodeEvent(event));
  });

  it.each<[string, Partial<AuditEvent> | Record<string, unknown>]>([
    ['seq', { seq: 0 }],
    ['seq', { seq: 1.5 }],
    ['time', { time: '2026-11-22 03:00:05' }],
    ['time', { time: '2026-11-22T03:00:05+09:00' }],
    ['action', { action: 'read' }],
    ['outcome', { outcome: 'ok' }],
    ['resource', { resource: '' }],
    ['fields', { fields: ['a', 1] }],
    ['detail', { detail: null }],
    ['detail', { detail: [] }],
    ['actorId', { actorId: 5 }],
    ['extra', { extra: 1 }],
  ])('rejects a bad %s', (field, overrides) => {
    expect(() => encodeEvent(sampleEvent(overrides as Partial<AuditEvent>))).toThrow(new InvalidAuditEventError(field));
  });

  it('rejects a missing field', () => {
    const event = sampleEvent() as unknown as Record<string, unknown>;
    delete event.purpose;
    expect(() => encodeEvent(event as unknown as AuditEvent)).toThrow(new InvalidAuditEventError('purpose'));
  });

  it('reads the top-level seq without being fooled by detail or string values', () => {
    const tricky = sampleEvent({
      seq: 1234567,
      purpose: 'x,"seq":99',
      userAgent: ',"seq":5}',
      detail: { seq: 3, list: [{ seq: 4 }] },
    });
    expect(readEventSeq(encodeEvent(tricky))).toBe(1234567);
    expect(readEventSeq(Buffer.from('{"a":1}'))).toBeNull();
    expect(readEventSeq(Buffer.from('{"a":1,"seq":"7"}'))).toBeNull();
  });
});
