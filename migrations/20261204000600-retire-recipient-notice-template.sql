-- F7: a processor's or recipient's notice is now the letters' `rights-request.processor-notice.*`
-- (e-mail, or a PDF letter where the register has no address). The first template, seeded by
-- 20261204000120, is no longer used. Its row stays (its history and any message sent with it refer
-- to it); the description says so, so the DPO does not edit a template nothing sends.
UPDATE message_templates
   SET description = 'Retired: replaced by rights-request.processor-notice.email / .letter (nothing sends this template)',
       updated_at = now()
 WHERE template_key = 'rights-request.recipient-notice';
