/**
 * GB18030 (GBK) bytes for text, as Chinese Excel saves "CSV (comma delimited)": built from the
 * platform's own GB18030 decoder (every two-byte GBK code decoded once, then reversed), since
 * TextEncoder writes UTF-8 only.
 */
let table: Map<string, number[]> | null = null;

function codes(): Map<string, number[]> {
  if (table) return table;
  const decoder = new TextDecoder('gb18030');
  table = new Map();
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([a, b]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  return table;
}

export function gb18030(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const code = codes().get(ch);
      if (!code) throw new Error(`No GBK code for ${ch}`);
      out.push(...code);
    }
  }
  return new Uint8Array(out);
}
