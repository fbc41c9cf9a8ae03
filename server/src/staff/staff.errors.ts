export enum StaffErrorCode {
  StaffNotFound = 'STAFF_NOT_FOUND',
  EmailTaken = 'EMAIL_TAKEN',
  SelfRoleChange = 'SELF_ROLE_CHANGE',
  SelfAction = 'SELF_ACTION',
  PasswordTooShort = 'PASSWORD_TOO_SHORT',
  PasswordTooLong = 'PASSWORD_TOO_LONG',
  PasswordTooCommon = 'PASSWORD_TOO_COMMON',
  PasswordSameAsEmail = 'PASSWORD_SAME_AS_EMAIL',
}
