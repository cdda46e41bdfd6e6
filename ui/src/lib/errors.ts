import type { UiError } from './api';
import type { FieldError } from './bindings/FieldError';
import { fill, t } from '../i18n/index.svelte';

/** Field path → translated message, for the fields a validation error names. */
export function fieldMessages(error: UiError | null): Record<string, string> {
  if (!error || error.code !== 'validation') return {};
  return messagesFor(error.fields as FieldError[]);
}

/** Field path → translated message; the first error of a field is the one shown. */
export function messagesFor(fields: FieldError[]): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const field of fields) {
    messages[field.field] ??= t().errors[field.code];
  }
  return messages;
}

/** The message for an error as a whole, in the interface language. */
export function errorMessage(error: UiError | null): string {
  if (!error) return '';
  if (error.code === 'wrong_passphrase' || error.code === 'unlock_throttled') {
    return fill(t().errors[error.code], { seconds: error.retry_after_secs });
  }
  if (error.code === 'no_program') {
    return fill(t().errors.no_program, { what: error.mime === 'message/rfc822' ? t().errors.programMail : t().errors.programPdf });
  }
  if (error.code === 'no_recipients') {
    return fill(t().errors.no_recipients, { customers: error.customers.join(', ') });
  }
  if (error.code === 'mail_server') {
    return fill(t().errors.mail_server, { problem: t().errors.mailProblem[error.problem], detail: error.detail });
  }
  if (error.code === 'unprintable') {
    return fill(t().errors.unprintable, {
      characters: error.characters.join(', '),
      place: error.place ? `«${error.place}»` : t().errors.unprintableNoPlace,
      text: error.text,
      document: error.document,
    });
  }
  return t().errors[error.code];
}

/** The names of the customers a refused batch (a sending of many notices) names in its fields
 * `customer.<id>.<what>`, looked up among `customers`; an unknown one by its id. */
export function namedCustomers(
  error: UiError | null,
  what: string,
  customers: readonly { customer_id: number; customer_name: string }[],
): string[] {
  if (error?.code !== 'validation') return [];
  const pattern = new RegExp(`^customer\\.(\\d+)\\.${what}$`);
  return error.fields
    .map((f) => pattern.exec(f.field))
    .filter((m) => m !== null)
    .map((m) => customers.find((c) => c.customer_id === Number(m[1]))?.customer_name ?? m[1]);
}
