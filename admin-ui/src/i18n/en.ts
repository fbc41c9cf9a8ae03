import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';

/** The console's own messages. ko.ts must have the same shape (checked by the type below). */
export const appEn = {
  app: {
    name: 'Privacy Operations Console',
    short_name: 'Privacy Ops',
    language: 'Language',
    copy: 'Copy',
    copied: 'Copied',
    never: 'Never',
    none: '—',
    loading: 'Loading…',
    retry: 'Try again',
    menu: {
      home: 'Home',
    },
    auth: {
      sign_in_title: 'Sign in',
      sign_in_intro: 'For staff of the counseling platform. Every sign-in is recorded in the access log.',
      email: 'Email',
      password: 'Password',
      sign_in: 'Sign in',
      session_expired: 'Your session has expired; please sign in again.',
      start_over: 'Cancel and sign in as someone else',
      demo: {
        title: 'Demo accounts (embedded database only)',
        intro:
          'This server runs on its embedded demo database, so these accounts exist. Click one to fill the form. They never exist on a real deployment.',
        role: 'Role',
        password: 'Password',
      },
    },
    password: {
      title: 'Choose a new password',
      intro: 'You must set your own password before you continue.',
      rules:
        'Use at least 12 characters. There are no rules about digits, capitals or symbols: a passphrase of several unrelated words is easy to remember and hard to guess. Common passwords and your email address are refused.',
      new_password: 'New password',
      confirm_password: 'Repeat the new password',
      too_short: 'Use at least 12 characters',
      mismatch: 'The two passwords differ',
      length: '%{count} / 12 characters',
      submit: 'Set password',
    },
    mfa: {
      code: 'Verification code',
      code_help: 'The 6 digits your authenticator app shows',
      code_format: 'Enter the 6 digits',
      enroll: {
        title: 'Set up two-step verification',
        intro:
          'Scan the QR code with an authenticator app (for example Google Authenticator, Microsoft Authenticator or 1Password), then enter the 6-digit code it shows.',
        qr_alt: 'QR code that adds your console account to an authenticator app',
        manual: 'Cannot scan the code? Enter this key in the app instead:',
        preparing: 'Preparing your secret key…',
        submit: 'Activate',
      },
      recovery: {
        title: 'Save your recovery codes',
        intro:
          'If you lose your phone, each of these codes lets you sign in once. They are shown only now: keep them in a password manager or on paper in a safe place.',
        copy: 'Copy all codes',
        saved: 'I have saved them',
      },
      verify: {
        title: 'Two-step verification',
        intro: 'Enter the 6-digit code from your authenticator app.',
        submit: 'Verify',
        use_recovery: 'Use a recovery code instead',
        use_totp: 'Use the authenticator app instead',
        recovery_intro:
          'Enter one of the recovery codes you saved when you set up two-step verification. Each code works once.',
        recovery_code: 'Recovery code',
        recovery_submit: 'Sign in with recovery code',
        remaining:
          'Signed in with a recovery code. %{smart_count} recovery code is left. |||| Signed in with a recovery code. %{smart_count} recovery codes are left.',
      },
    },
    step_up: {
      title: 'Confirm it is you',
      intro: 'This action needs a recent verification. Enter the current 6-digit code from your authenticator app.',
      submit: 'Confirm and continue',
      start: 'Verify now',
      active_until: 'Active until %{time}',
      inactive: 'Not active',
      done: 'Verified. Sensitive actions are allowed until %{time}.',
      explain:
        'Sensitive actions (revealing health data, exports, approving an erasure, resetting MFA, downloading the access log) need a code entered in the last 5 minutes.',
    },
    roles: {
      dpo: 'Data protection officer',
      support: 'Support',
      security: 'Security',
      sysadmin: 'System administrator',
      auditor: 'Auditor',
    },
    role_may: {
      dpo: 'Everything on rights requests (approve, reject, extend, close), complaints, registers, retention and legal holds; read the access log, verify it and sign off its monthly review; read subjects and reveal contact data and health data with a stated purpose.',
      support:
        'Look subjects up (masked), reveal contact data with a purpose, run account actions (reactivate dormant accounts, unlock, unlink a social login, record identity checks), create requests and complaints, work on requests assigned to you; read the registers.',
      security:
        'Manage incidents, checklists and notifications; read and verify the access log; see which subjects an incident touches (ids and masked contact data).',
      sysadmin:
        'Create, disable and change the role of staff accounts; reset two-step verification with a reason; end sessions.',
      auditor:
        'Read the access log, the registers, and request and incident records (without subject contact data or health data).',
    },
    role_may_not: {
      dpo: 'Manage staff accounts.',
      support: 'Read health data or counseling notes; approve an erasure or an export; read the access log.',
      security: 'Read health data; change registers; decide rights requests.',
      sysadmin: "Read any subject's personal data.",
      auditor: 'Change anything.',
    },
    status: {
      active: 'Active',
      disabled: 'Disabled',
    },
    stage: {
      password_change: 'Password change pending',
      mfa_enroll: 'Two-step setup pending',
      mfa_verify: 'Code check pending',
      full: 'Signed in',
    },
    home: {
      title: 'Home',
      welcome: 'Welcome, %{name}',
      your_role: 'Your role',
      may: 'Your role may',
      may_not: 'Your role may not',
      security: 'Your sign-in',
      mfa: 'Two-step verification',
      mfa_on: 'Enrolled',
      mfa_off: 'Not enrolled',
      step_up: 'Step-up verification',
      sections: 'Your sections',
      no_sections: 'This version of the console has no screens for your role yet.',
      open: 'Open',
      staff_section:
        'Invite staff, change roles, disable and enable accounts, unlock, reset two-step verification and end sessions.',
      hiding_note: 'The console hides what your role cannot do; the server still checks every request on its own.',
    },
    staff: {
      invite: 'Invite staff',
      filters: {
        q: 'Search name or email',
      },
      locked: 'Locked',
      locked_until: 'Locked until %{time}',
      actions: {
        change_role: 'Change role',
        disable: 'Disable',
        enable: 'Enable',
        reset_mfa: 'Reset two-step',
        unlock: 'Unlock',
      },
      reason: 'Reason',
      reason_help: 'Recorded in the access log with this change.',
      reason_required: 'State a reason (at least 3 characters)',
      new_role: 'New role',
      dialogs: {
        change_role: {
          title: 'Change the role of %{name}',
          intro: 'All of their sessions end when the role changes. Nobody can change their own role.',
        },
        disable: {
          title: 'Disable %{name}',
          intro: 'They can no longer sign in, and all of their sessions end now.',
        },
        enable: {
          title: 'Enable %{name}',
          intro: 'They can sign in again.',
        },
        unlock: {
          title: 'Unlock %{name}',
          intro: 'The lock after repeated failed sign-ins is lifted now.',
        },
        reset_mfa: {
          title: 'Reset two-step verification of %{name}',
          intro:
            'Their authenticator and recovery codes stop working; they must set up two-step verification again at their next sign-in. This needs step-up verification.',
        },
      },
      done: {
        change_role: 'Role changed',
        disable: 'Account disabled',
        enable: 'Account enabled',
        unlock: 'Account unlocked',
        reset_mfa: 'Two-step verification reset',
        end_session: 'Session ended',
        end_all_sessions: 'All sessions ended',
      },
      sessions: {
        title: 'Open sessions',
        empty: 'No open sessions.',
        end: 'End',
        end_all: 'End all sessions',
        end_all_title: 'End all sessions of %{name}?',
        end_all_intro: 'They will be signed out everywhere.',
        created: 'Started',
        last_seen: 'Last activity',
        expires: 'Expires',
        ip: 'IP address',
        user_agent: 'Browser',
        stage: 'Stage',
      },
      invited: {
        title: 'Staff member invited',
        password: 'Temporary password',
        warning:
          'This password is shown only once and cannot be shown again. Give it to %{name} over a secure channel; they must replace it at their first sign-in.',
        open: 'Open the staff record',
        another: 'Invite someone else',
      },
      create_intro: 'The new staff member gets a one-time temporary password, shown on the next screen.',
    },
    problem: {
      INVALID_CREDENTIALS: 'The email or password is wrong.',
      ACCOUNT_LOCKED:
        'This account is locked after too many failed attempts. Try again later or ask a system administrator to unlock it.',
      ACCOUNT_DISABLED: 'This account is disabled. Ask a system administrator.',
      UNAUTHENTICATED: 'Please sign in.',
      SESSION_EXPIRED: 'Your session has expired; please sign in again.',
      PASSWORD_TOO_SHORT: 'Use at least 12 characters.',
      PASSWORD_TOO_COMMON: 'This password is too common. Choose a less predictable one.',
      PASSWORD_SAME_AS_EMAIL: 'The password must not be your email address.',
      MFA_CODE_INVALID: 'That code is not valid. Check the time on your phone and try the current code.',
      MFA_CODE_REPLAYED: 'That code was already used. Wait for the next code.',
      RECOVERY_CODE_INVALID: 'That recovery code is not valid or was already used.',
      STEP_UP_REQUIRED: 'This action needs a recent verification code.',
      EMAIL_TAKEN: 'A staff member with this email already exists.',
      SELF_ROLE_CHANGE: 'You cannot change your own role.',
      STAFF_NOT_FOUND: 'This staff member does not exist.',
      VALIDATION_FAILED: 'Some values are not valid. Check the highlighted fields.',
      MALFORMED_JSON: 'The request could not be read.',
      PAYLOAD_TOO_LARGE: 'The request is too large.',
      CSRF_HEADER_MISSING: 'The request was refused as a possible cross-site request. Reload the page.',
      FORBIDDEN: 'Your role does not allow this.',
      NOT_FOUND: 'Not found.',
      WRONG_STAGE: 'Finish the sign-in steps first.',
      INTERNAL: 'Something went wrong on the server. Try again; if it persists, report the time to the security team.',
      NETWORK: 'The server cannot be reached. Check your connection.',
      SELF_ACTION: 'You cannot do this to your own account.',
      PASSWORD_TOO_LONG: 'The password is too long.',
      MFA_ENROLLMENT_NOT_STARTED: 'Start the two-step setup again: reload this page.',
      CURRENT_PASSWORD_REQUIRED: 'Enter your current password.',
      SESSION_NOT_FOUND: 'This session has already ended.',
      UNSUPPORTED_MEDIA_TYPE: 'The request was not sent as JSON.',
      METHOD_NOT_ALLOWED: 'This action is not available.',
      CONFLICT: 'Someone changed this record at the same time. Reload and try again.',
      TOO_MANY_REQUESTS: 'Too many attempts. Wait a moment and try again.',
      REQUEST_REFUSED: 'The server refused this request.',
      FIELD_INVALID: 'This value is not valid.',
    },
  },
  resources: {
    staff: {
      name: 'Staff member |||| Staff',
      fields: {
        id: 'ID',
        email: 'Email',
        displayName: 'Name',
        role: 'Role',
        status: 'Status',
        mfaEnrolled: 'Two-step',
        mustChangePassword: 'Must change password',
        lockedUntil: 'Locked until',
        lastSignInAt: 'Last sign-in',
        createdAt: 'Created',
        activeSessions: 'Open sessions',
        q: 'Search',
      },
    },
  },
};

export type AppMessages = typeof appEn;

export const en: TranslationMessages = {
  ...englishMessages,
  ra: {
    ...englishMessages.ra,
    auth: { ...englishMessages.ra.auth, logout: 'Sign out', user_menu: 'Account' },
  },
  ...appEn,
};
