import { Injectable } from '@nestjs/common';
import { generateSecret, generateURI, verify } from 'otplib';
import { Clock } from '../common/clock';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_SECRET_BYTES = 20;
// One step either side (RFC 6238 s5.2, ASVS v5 6.5.5): a code two steps old is refused.
const EPOCH_TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;

export type TotpCheck =
  { outcome: 'valid'; step: number } | { outcome: 'invalid' } | { outcome: 'replayed'; step: number };

/**
 * RFC 6238 TOTP with otplib 13 (SHA-1, 6 digits, 30 s). A code is valid for the current
 * step ±1; a code whose step is not after the last accepted step is a replay.
 */
@Injectable()
export class TotpVerifier {
  constructor(private readonly clock: Clock) {}

  newSecret(): string {
    return generateSecret({ length: TOTP_SECRET_BYTES });
  }

  uri(secret: string, issuer: string, label: string): string {
    return generateURI({ issuer, label, secret, period: TOTP_PERIOD_SECONDS, digits: 6, algorithm: 'sha1' });
  }

  async check(secret: string, code: string, lastStep: number | null): Promise<TotpCheck> {
    if (!/^\d{6}$/.test(code)) return { outcome: 'invalid' };
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(this.clock.now().getTime() / 1000),
      period: TOTP_PERIOD_SECONDS,
      epochTolerance: EPOCH_TOLERANCE_SECONDS,
    });
    if (!result.valid) return { outcome: 'invalid' };
    if (!('timeStep' in result)) return { outcome: 'invalid' };
    const step = result.timeStep;
    if (lastStep !== null && step <= lastStep) return { outcome: 'replayed', step };
    return { outcome: 'valid', step };
  }
}
