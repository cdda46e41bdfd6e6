import { nl } from './nl';
import { en } from './en';
import type { Messages } from './nl';
import type { Language } from '../lib/bindings/Language';

const catalogues: Record<Language, Messages> = { nl, en };

const current = $state({ language: 'nl' as Language });

/** The messages of the current interface language. */
export function t(): Messages {
  return catalogues[current.language];
}

export function language(): Language {
  return current.language;
}

export function setLanguage(language: Language): void {
  current.language = language;
  document.documentElement.lang = language;
}

/** Fills `{name}` placeholders. */
export function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

/** A date as the interface shows it (24-11-2026 in Dutch), in Europe/Amsterdam time. */
export function formatDate(value: string): string {
  const locale = current.language === 'nl' ? 'nl-NL' : 'en-GB';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Europe/Amsterdam',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  })
    .format(date)
    .replace(/\//g, '-');
}

/** A moment as the interface shows it: 24-11-2026 14:30, in Europe/Amsterdam time. */
export function formatDateTime(value: string): string {
  const locale = current.language === 'nl' ? 'nl-NL' : 'en-GB';
  const parts = new Intl.DateTimeFormat(locale, {
    timeZone: 'Europe/Amsterdam',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(value));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}-${part('month')}-${part('year')} ${part('hour')}:${part('minute')}`;
}

/** A whole number as the interface shows it: 10.000 in Dutch, 10,000 in English. */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(current.language === 'nl' ? 'nl-NL' : 'en-GB').format(value);
}

/** Hundredths (cents, hundredths of an hour) as the interface shows them: `1.250,50`. */
export function formatHundredths(value: number): string {
  const locale = current.language === 'nl' ? 'nl-NL' : 'en-GB';
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value / 100);
}

/** Hundredths as a form field holds them, without grouping so they read back as typed. */
export function typedHundredths(value: number | null): string {
  if (value === null) return '';
  const separator = current.language === 'nl' ? ',' : '.';
  return `${Math.floor(value / 100)}${separator}${String(value % 100).padStart(2, '0')}`;
}

/** An elapsed time as `2 d 3 u 05 min` (Dutch) or `2 d 3 h 05 min`. */
export function formatDuration(milliseconds: number): string {
  const sign = milliseconds < 0 ? '−' : '';
  const minutes = Math.floor(Math.abs(milliseconds) / 60000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = String(minutes % 60).padStart(2, '0');
  const h = current.language === 'nl' ? 'u' : 'h';
  return `${sign}${days > 0 ? `${days} d ` : ''}${hours} ${h} ${rest} min`;
}
