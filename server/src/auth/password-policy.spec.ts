import { checkPassword } from './password-policy';

describe('password policy (ASVS v5 6.2)', () => {
  const codes = (password: string, email = 'minji@example.com') => checkPassword(password, email).map((p) => p.code);

  it('accepts any 12 characters that are not common: no composition rules', () => {
    expect(codes('aaaaaaaaaaab')).toEqual([]);
    expect(codes('correct horse battery staple')).toEqual([]);
    expect(codes('봄날의 상담실 창가에서')).toEqual([]);
  });

  it('counts characters, not bytes', () => {
    expect(codes('상담실비밀번호입니다열둘')).toEqual([]); // 12 Hangul syllables
    expect(codes('상담실비밀번호입니다열')).toEqual(['PASSWORD_TOO_SHORT']);
  });

  it('refuses passwords shorter than 12 or longer than 256', () => {
    expect(codes('elevenchars')).toEqual(['PASSWORD_TOO_SHORT']);
    expect(codes('x'.repeat(257))).toEqual(['PASSWORD_TOO_LONG']);
  });

  it('refuses common passwords, whatever the case or a trailing number', () => {
    expect(codes('password1234')).toEqual(['PASSWORD_TOO_COMMON']);
    expect(codes('Qwertyuiop123')).toEqual(['PASSWORD_TOO_COMMON']);
    expect(codes('iloveyou2026!')).toEqual(['PASSWORD_TOO_COMMON']);
  });

  it('refuses a password made of the email address', () => {
    expect(codes('minji@example.com')).toEqual(['PASSWORD_SAME_AS_EMAIL']);
    expect(codes('minji-is-the-best')).toEqual(['PASSWORD_SAME_AS_EMAIL']);
  });
});
