import { useTranslate } from 'react-admin';

/**
 * The reasons the console itself writes into a history (migrations and the holiday seeding job),
 * stored in English in append-only tables, each with the message that says it in the screen's
 * language. A reason a person wrote is shown as written.
 */
const SYSTEM_REASONS: readonly { pattern: RegExp; key: string }[] = [
  { pattern: /^Seeded by migration (\d{14})$/, key: 'seeded_by_migration' },
  { pattern: /^Redress as its own item \(migration (\d{14})\)$/, key: 'redress_item' },
  { pattern: /^Korean description added \(migration (\d{14})\)$/, key: 'description_ko' },
  { pattern: /^Seeded from (date-holidays@[\w.-]+)$/, key: 'holiday_library' },
  { pattern: /^Temporary holiday or election day announced by the Korean government$/, key: 'holiday_announced' },
  { pattern: /^Seeded from REQUIREMENTS\.md D and the two privacy policies$/, key: 'retention_seed' },
];

/** The name the server gives the author of what the system wrote (no staff member). */
const SYSTEM_AUTHOR = 'system';

/**
 * A history entry's author and reason in the screen's language when the system wrote it
 * (`bySystem`: no staff member is its author); a person's name and words otherwise.
 */
export const useSystemHistory = () => {
  const translate = useTranslate();
  return {
    author: (name: string, bySystem: boolean): string =>
      bySystem && name === SYSTEM_AUTHOR ? translate('app.history.system') : name,
    reason: (reason: string, bySystem: boolean): string => {
      if (!bySystem) return reason;
      for (const { pattern, key } of SYSTEM_REASONS) {
        const match = pattern.exec(reason);
        if (match) return translate(`app.history.system_reasons.${key}`, { value: match[1] ?? '' });
      }
      return reason;
    },
  };
};
