/**
 * The bytes of an import file → text. Excel saves CSV as UTF-8 with a BOM ("CSV UTF-8"),
 * as the ANSI code page (GBK/GB18030 on Chinese Windows), or as UTF-16 ("Unicode text").
 * Rule: a BOM says it; else bytes that are valid UTF-8 are UTF-8; anything else is GB18030,
 * which decodes every GBK file and every byte sequence Chinese Excel writes.
 */
import type { ImportPreview } from '../../contract/desk-types';
import { AppError } from '../../contract/errors';

export type Encoding = ImportPreview['encoding'];

export function decodeFile(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
    } catch {
      throw new AppError('IMPORT_ENCODING', 'The file is neither UTF-8 nor GB18030/GBK text. Save it from Excel as "CSV UTF-8".');
    }
  }
}
