export enum NoticeErrorCode {
  NoticeNotFound = 'NOTICE_NOT_FOUND',
  /** A required item of the regime's notice is empty (PIPA Art. 34(1), GDPR Art. 33(3)/34(2), 45 CFR 164.404(c)). */
  ItemMissing = 'NOTICE_ITEM_MISSING',
  /** A field the kind does not have, or a value of the wrong type or size. */
  ContentInvalid = 'NOTICE_CONTENT_INVALID',
  /** The template the kind uses is missing (deleted by hand). */
  TemplateMissing = 'NOTICE_TEMPLATE_MISSING',
}
