import type { FreezeReason, RefundReason, VerificationMethod } from '../../api/enums.js';

/** What each code means, in the words an agent picks from. */
export const FREEZE_REASON_LABELS: Record<FreezeReason, string> = {
  suspected_takeover: 'Suspected account takeover',
  customer_request: 'The customer asked for it',
  fraud_review: 'Under fraud review',
  compliance: 'Compliance hold',
};

export const REFUND_REASON_LABELS: Record<RefundReason, string> = {
  duplicate: 'Duplicate charge',
  failed_delivery: 'Goods or service not delivered',
  fraudulent: 'Fraudulent payment',
  requested_by_customer: 'Requested by the customer',
  service_issue: 'Service issue on our side',
};

export const VERIFICATION_LABELS: Record<VerificationMethod, string> = {
  id_document: 'ID document checked',
  video_call: 'Video call',
  security_questions: 'Security questions',
  in_app_biometric: 'In-app biometric check',
};
