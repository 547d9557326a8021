/**
 * The text a member is found by (members.search_text), written by the members service on every
 * create and update. The front desk's version: name, full pinyin and initials, phone digits and
 * card number, with the suffixes that make "any part of" searches index lookups — see
 * search-text.ts for the format and finder.ts for the search itself.
 */
import { searchText, type Searchable } from './search-text';

export function searchTextFor(m: Searchable): string {
  return searchText(m);
}
