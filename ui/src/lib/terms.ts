import type { Terms } from './bindings/Terms';

/** Terms as numbers: number inputs may hand back text. */
export function numericTerms(terms: Terms): Terms {
  return {
    ...terms,
    audit_notice_days: Number(terms.audit_notice_days),
    objection_window_days: Number(terms.objection_window_days),
    liability_cap_eur: Number(terms.liability_cap_eur),
    first_notice_target_hours: Number(terms.first_notice_target_hours),
  };
}
