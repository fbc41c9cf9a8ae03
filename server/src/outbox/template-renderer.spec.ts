import { maskAddress } from './recipient-mask';
import { TemplateRenderer } from './template-renderer';

const content = (body: string, subject = '{{name}}님께') => ({
  subjectKo: subject,
  subjectEn: subject,
  bodyKo: body,
  bodyEn: body,
});

describe('TemplateRenderer', () => {
  const renderer = new TemplateRenderer();

  it('renders merge fields and lists into the text as given, and escapes them in the HTML', () => {
    const out = renderer.render(content('안녕하세요 {{name}}님.\n\n{{#items}}- {{.}}\n{{/items}}'), 'ko', {
      name: '<b>홍</b> & "길동"',
      items: ['이름', '전화번호'],
    });
    expect(out.subject).toBe('<b>홍</b> & "길동"님께');
    expect(out.text).toBe('안녕하세요 <b>홍</b> & "길동"님.\n\n- 이름\n- 전화번호\n');
    expect(out.html).toContain('<p>안녕하세요 &lt;b&gt;홍&lt;/b&gt; &amp; &quot;길동&quot;님.</p>');
    expect(out.html).toContain('<title>&lt;b&gt;홍&lt;/b&gt; &amp; &quot;길동&quot;님께</title>');
    expect(out.html).not.toMatch(/<b>/);
  });

  it('keeps triple-brace values escaped in the HTML too', () => {
    const out = renderer.render(content('{{{raw}}}'), 'en', { raw: '<img src=x onerror=alert(1)>' });
    expect(out.html).not.toContain('<img');
    expect(out.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('refuses partials, delimiter changes and unclosed sections', () => {
    expect(renderer.check(content('{{> other}}'))).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'bodyKo' })]),
    );
    expect(renderer.check(content('{{=<% %>=}}'))).toHaveLength(2);
    expect(renderer.check(content('{{#open}} never closed'))).toHaveLength(2);
    expect(renderer.check(content('{{name}} {{#items}}{{.}}{{/items}}'))).toEqual([]);
  });

  it('lists the merge fields a template uses', () => {
    expect(renderer.fields(content('{{b}} {{#items}}{{.}} {{x.y}}{{/items}} {{^none}}{{/none}}'))).toEqual([
      'b',
      'items',
      'name',
      'none',
      'x',
    ]);
  });
});

describe('maskAddress', () => {
  it.each([
    ['email', 'parent@example.com', 'p***@example.com'],
    ['email', 'not-an-address', '***'],
    ['sms', '010-1234-5678', '***-5678'],
    ['letter', '홍길동 서울특별시 강남구', '홍길***'],
  ] as const)('masks a %s address', (channel, address, masked) => {
    expect(maskAddress(channel, address)).toBe(masked);
  });
});
