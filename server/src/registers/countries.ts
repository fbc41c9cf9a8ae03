import countries from 'i18n-iso-countries';
import type { LocalizedText } from './register-types';

// The library's English names are the official long forms; policies use the common ones.
const SHORT_NAMES: Record<string, Partial<LocalizedText>> = {
  US: { en: 'United States' },
  CN: { en: 'China' },
  TW: { en: 'Taiwan', ko: '대만' },
  RU: { en: 'Russia', ko: '러시아' },
  IR: { en: 'Iran' },
};

/** An ISO 3166-1 alpha-2 code, upper case, that the standard assigns. */
export function isCountryCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{2}$/.test(value) && countries.isValid(value);
}

/** The country's name as a policy shows it, in both languages. */
export function countryName(code: string): LocalizedText {
  return {
    ko: SHORT_NAMES[code]?.ko ?? countries.getName(code, 'ko') ?? code,
    en: SHORT_NAMES[code]?.en ?? countries.getName(code, 'en') ?? code,
  };
}
