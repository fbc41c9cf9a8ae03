/** Codes the outbox and its templates answer with. */
export enum OutboxErrorCode {
  TemplateNotFound = 'TEMPLATE_NOT_FOUND',
  MessageNotFound = 'MESSAGE_NOT_FOUND',
  VersionConflict = 'VERSION_CONFLICT',
  WrongTemplateKind = 'WRONG_TEMPLATE_KIND',
  NoTestSend = 'NO_TEST_SEND',
}

/** Codes of the field errors inside a 422 (or 409) problem. */
export enum OutboxFieldCode {
  StaleVersion = 'STALE_VERSION',
  TemplateSyntax = 'TEMPLATE_SYNTAX',
}
