import { generate } from 'otplib';
import { FakeClock } from '../../../test/support/fake-clock';
import { TotpVerifier } from './totp-verifier';

describe('TotpVerifier', () => {
  const clock = new FakeClock(Date.UTC(2026, 10, 22, 3, 0, 1));
  const totp = new TotpVerifier(clock);
  const secret = totp.newSecret();
  const codeAt = (stepOffset: number) => generate({ secret, epoch: clock.epochSeconds() + stepOffset * 30 });
  const currentStep = Math.floor(clock.epochSeconds() / 30);

  it('makes 20-byte secrets (32 base32 characters), different each time', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(totp.newSecret()).not.toBe(secret);
  });

  it('accepts the current step and one step either side', async () => {
    for (const offset of [-1, 0, 1]) {
      expect(await totp.check(secret, await codeAt(offset), null)).toEqual({
        outcome: 'valid',
        step: currentStep + offset,
      });
    }
  });

  it('refuses a code two steps old or two steps ahead', async () => {
    expect(await totp.check(secret, await codeAt(-2), null)).toEqual({ outcome: 'invalid' });
    expect(await totp.check(secret, await codeAt(2), null)).toEqual({ outcome: 'invalid' });
  });

  it('calls a code for the last accepted step, or an earlier one, a replay', async () => {
    const code = await codeAt(0);
    expect(await totp.check(secret, code, currentStep)).toEqual({ outcome: 'replayed', step: currentStep });
    expect(await totp.check(secret, await codeAt(-1), currentStep)).toEqual({
      outcome: 'replayed',
      step: currentStep - 1,
    });
    expect(await totp.check(secret, await codeAt(1), currentStep)).toEqual({ outcome: 'valid', step: currentStep + 1 });
  });

  it('refuses codes of the wrong length or with non-digits without calling otplib', async () => {
    for (const code of ['', '12345', '1234567', '12345a', ' 123456']) {
      expect(await totp.check(secret, code, null)).toEqual({ outcome: 'invalid' });
    }
  });

  it('writes an otpauth URI an authenticator app understands', () => {
    const uri = totp.uri(secret, 'Privacy Console', 'dpo@example.com');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Privacy%20Console:dpo%40example\.com\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('issuer=Privacy%20Console');
    // SHA-1, 6 digits and 30 s are the defaults authenticator apps assume when the URI omits them.
    expect(uri).not.toMatch(/period=(?!30)|digits=(?!6)|algorithm=(?!SHA1)/);
  });
});
