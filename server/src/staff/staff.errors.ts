export enum StaffErrorCode {
  StaffNotFound = 'STAFF_NOT_FOUND',
  EmailTaken = 'EMAIL_TAKEN',
  SelfRoleChange = 'SELF_ROLE_CHANGE',
  SelfAction = 'SELF_ACTION',
}
