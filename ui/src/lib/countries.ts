// Country names in the interface language, from the list the core knows.
import type { Country } from './bindings/Country';
import { language } from '../i18n/index.svelte';

export function countryName(countries: Country[], code: string): string {
  const country = countries.find((c) => c.code === code);
  if (!country) return code;
  return language() === 'nl' ? country.name_nl : country.name_en;
}
