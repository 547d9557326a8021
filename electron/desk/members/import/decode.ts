/**
 * The bytes of an import file → text. Excel saves CSV as UTF-8 with a BOM ("CSV UTF-8"),
 * as the ANSI code page (GBK/GB18030 on Chinese Windows), or as UTF-16 ("Unicode text").
 * Rule: a BOM says it; else zero bytes on one side of the byte pairs say UTF-16 (see below); else bytes that are valid UTF-8 are UTF-8; anything else is GB18030,
 * which decodes every GBK file and every byte sequence Chinese Excel writes.
 */
import type { ImportPreview } from '../../../contract/desk-types';
import { AppError } from '../../../../shared/errors';

export type Encoding = ImportPreview['encoding'];

export function decodeFile(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return utf16;
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

/**
 * UTF-16 saved without a BOM. Text files in UTF-8 or GB18030 never hold a zero byte, while UTF-16
 * writes one in every ASCII character (the delimiters, line breaks and digits of any CSV): in the
 * high byte, the odd offsets for little-endian, the even ones for big-endian. Most zeros on one
 * side and none on the other, and the pairs decode strictly, is UTF-16.
 */
function utf16WithoutBom(bytes: Uint8Array): { text: string; encoding: Encoding } | null {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2) odd++;
    else even++;
  }
  // A stray NUL or two in a UTF-8 file is not UTF-16: every tenth pair at least.
  const enough = bytes.length / 20;
  const encoding = odd >= enough && even === 0 ? 'utf-16le' : even >= enough && odd === 0 ? 'utf-16be' : null;
  if (!encoding) return null;
  try {
    return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
  } catch {
    return null;
  }
}
