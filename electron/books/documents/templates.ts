/**
 * The document templates: one self-contained HTML page each (inline styles, the logo as a data
 * URL, no scripts), so the app prints them through Electron and the tests render the very same
 * page in Chromium. Pure: they take plain data and a formatter, never the database.
 */
import { addDays } from '../../../shared/dates';
import { namesLines } from '../../../shared/household';
import { handBackText } from '../../../shared/hand-back';
import type { BalanceAfter, CloseoutData, InvoiceData, ReceiptData, RefundData } from './data';
import { esc, type DocFormat } from './format';
import { fill } from './strings';

const FONTS = `"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif`;

export function page(f: DocFormat, title: string, css: string, body: string): string {
  return `<!doctype html>
<html lang="${f.locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${esc(title)}</title>
<style>
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${FONTS}; color: #111; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
table { border-collapse: collapse; width: 100%; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.muted { color: #555; }
${css}
</style>
</head>
<body>
${body}
</body>
</html>`;
}

export function businessBlock(d: { business: ReceiptData['business'] }, f: DocFormat): string {
  const b = d.business;
  return [
    b.logo ? `<img class="logo" src="${esc(b.logo)}" alt="">` : '',
    `<div class="biz-name">${esc(b.name)}</div>`,
    b.address ? `<div class="biz-line">${esc(b.address)}</div>` : '',
    b.phone ? `<div class="biz-line">${esc(f.s.phone)}: ${esc(b.phone)}</div>` : '',
    b.taxId ? `<div class="biz-line">${esc(f.s.taxId)}: ${esc(b.taxId)}</div>` : '',
  ].join('\n');
}

export const row = (label: string, value: string, cls = '') => `<tr class="${cls}"><td>${esc(label)}</td><td class="num">${esc(value)}</td></tr>`;

// ---------------------------------------------------------------------------------------- thermal

function thermalCss(widthMm: 58 | 80): string {
  // The printable width of a roll is a few millimetres narrower than the paper.
  const content = widthMm === 58 ? 48 : 72;
  const size = widthMm === 58 ? 10 : 11.5;
  return `
@page { size: ${widthMm}mm auto; margin: 0; }
body { width: ${widthMm}mm; padding: 3mm ${(widthMm - content) / 2}mm 6mm; font-size: ${size}px; line-height: 1.45; }
.logo { display: block; max-width: 60%; max-height: 18mm; margin: 0 auto 2mm; }
.head { text-align: center; }
.biz-name { font-size: 1.35em; font-weight: 700; }
.biz-line { font-size: 0.92em; }
h1 { font-size: 1.2em; text-align: center; margin: 2.5mm 0 1.5mm; letter-spacing: 0.08em; }
hr { border: 0; border-top: 1px dashed #000; margin: 2mm 0; }
td { padding: 0.3mm 0; vertical-align: top; }
td:first-child { padding-right: 2mm; }
.big td { font-size: 1.25em; font-weight: 700; }
.hand-back { font-size: 1.5em; font-weight: 700; text-align: center; margin: 1.5mm 0; }
.section { font-weight: 700; margin-top: 1mm; }
.for td { padding: 0 0 0.8mm 2mm; font-size: 0.92em; color: #333; }
.foot { text-align: center; margin-top: 3mm; }`;
}

export function receiptHtml(d: ReceiptData, f: DocFormat, widthMm: 58 | 80): string {
  const s = f.s;
  const body = `
<div class="head">${businessBlock(d, f)}</div>
<h1>${esc(s.receipt)}</h1>
<table>
${row(s.number, d.number)}
${row(s.date, f.instant(d.at))}
${row(s.payer, d.payerName)}
${d.staffName ? row(s.staff, d.staffName) : ''}
${row(s.method, f.method(d.method))}
${d.reference ? row(s.reference, d.reference) : ''}
</table>
<hr>
<table>
${row(s.amountPaid, f.money(d.amount), 'big')}
${d.tendered !== null ? row(s.tendered, f.money(d.tendered)) : ''}
${d.change !== null ? row(s.change, f.money(d.change), 'big') : ''}
</table>
<hr>
${d.applied.length ? `<div class="section">${esc(s.appliedTo)}</div>` : ''}
<table>
${d.applied.map((a) => row(a.number, f.money(a.amount)) + (a.members.length ? `\n<tr class="for"><td colspan="2">${esc(a.members.join(' · '))}</td></tr>` : '')).join('\n')}
${d.toCredit > 0 ? row(s.toCredit, f.money(d.toCredit)) : ''}
${d.bonus > 0 ? row(s.bonus, f.money(d.bonus)) : ''}
</table>
<hr>
${afterBlock(d.after, f)}
<div class="foot">${esc(d.footer || s.thanks)}</div>`;
  return page(f, `${s.receipt} ${d.number}`, thermalCss(widthMm), body);
}

/** The account after the payment or refund: what is owed and what can be spent (its bonus part), never a signed balance. */
function afterBlock(after: BalanceAfter, f: DocFormat): string {
  const s = f.s;
  return `<div class="muted">${esc(fill(s.balanceAsOf, { date: f.date(after.asOf) }))}</div>
<table>
${row(s.amountDue, f.money(after.owes))}
${row(s.accountCredit, f.money(after.credit))}
${after.bonusCredit > 0 ? row(s.bonusCredit, f.money(after.bonusCredit)) : ''}
</table>`;
}

export function refundHtml(d: RefundData, f: DocFormat, widthMm: 58 | 80): string {
  const s = f.s;
  const body = `
<div class="head">${businessBlock(d, f)}</div>
<h1>${esc(s.refundSlip)}</h1>
<table>
${row(s.number, d.number)}
${row(s.date, f.instant(d.at))}
${row(s.refundedTo, d.payerName)}
${d.staffName ? row(s.staff, d.staffName) : ''}
${row(s.refundMethod, f.method(d.method))}
${d.against ? row(d.against.label, d.against.number) : ''}
</table>
<hr>
<div class="hand-back">${esc(handBackText(f.locale, d.method, f.money(d.amount), f.method(d.method)))}</div>
<table>${row(s.amountRefunded, f.money(d.amount))}</table>
<div>${esc(s.reason)}: ${esc(d.reason)}</div>
<hr>
${afterBlock(d.after, f)}`;
  return page(f, `${s.refundSlip} ${d.number}`, thermalCss(widthMm), body);
}

// ---------------------------------------------------------------------------------------- A4

export const A4_CSS = `
@page { size: A4; margin: 16mm 15mm 18mm; }
body { font-size: 10.5pt; line-height: 1.45; }
.top { display: flex; justify-content: space-between; align-items: flex-start; gap: 10mm; }
.logo { display: block; max-height: 22mm; max-width: 60mm; margin-bottom: 3mm; }
.biz-name { font-size: 15pt; font-weight: 700; }
.biz-line { color: #333; }
.doc { text-align: right; }
.doc h1 { font-size: 22pt; margin: 0 0 2mm; letter-spacing: 0.04em; }
.doc table td { padding: 0.5mm 0 0.5mm 5mm; }
.doc table td:first-child { color: #555; text-align: left; }
.stamp { display: inline-block; border: 2px solid currentColor; border-radius: 2mm; padding: 0.5mm 3mm; margin-top: 2mm; font-weight: 700; text-transform: uppercase; }
.stamp--paid { color: #157347; } .stamp--void { color: #b42318; } .stamp--partly_paid { color: #b54708; } .stamp--open { color: #175cd3; }
.billto { margin: 8mm 0 6mm; }
.label { color: #555; font-size: 9pt; text-transform: uppercase; letter-spacing: 0.05em; }
.lines th { text-align: left; font-size: 9pt; color: #555; border-bottom: 1.5px solid #111; padding: 1.5mm 2mm; }
.lines th.num { text-align: right; }
.lines td { border-bottom: 1px solid #ddd; padding: 1.8mm 2mm; vertical-align: top; }
.totals { width: 48%; margin-left: auto; margin-top: 4mm; }
.totals td { padding: 1mm 2mm; }
.totals .grand td { border-top: 1.5px solid #111; font-weight: 700; font-size: 12pt; }
h2 { font-size: 11pt; margin: 8mm 0 2mm; }
.small td { padding: 1mm 2mm; border-bottom: 1px solid #eee; }
.void { color: #b42318; font-weight: 700; margin-top: 3mm; }
.foot { margin-top: 10mm; color: #555; font-size: 9pt; }`;

export function invoiceHtml(d: InvoiceData, f: DocFormat): string {
  const s = f.s;
  const inv = d.invoice;
  // Periods are [start, end): the document shows the last day of service.
  const period = (a: string | null, b: string | null) => (a && b ? `${f.date(a)} – ${f.date(addDays(b, -1))}` : '');
  // Whom each line is for, when that is not plain: several members, or someone the payer pays for.
  const perMember = namesLines(inv.payerId, inv.lines.map((l) => l.memberId));
  const lines = inv.lines
    .map(
      (l) => `<tr>
  ${perMember ? `<td>${esc(l.memberName ?? '')}</td>` : ''}
  <td>${esc(l.description)}</td>
  <td>${esc(period(l.periodStart, l.periodEnd))}</td>
  <td class="num">${esc(f.money(l.net))}</td>
  <td class="num">${esc(f.percent(l.taxRateBp))}</td>
  <td class="num">${esc(f.money(l.tax))}</td>
  <td class="num">${esc(f.money(l.gross))}</td>
</tr>`,
    )
    .join('\n');
  const applied = d.applied
    .map((a) => `<tr><td>${esc(f.date(a.date))}</td><td>${esc(a.label)}</td><td class="num">${esc(f.money(a.amount))}</td></tr>`)
    .join('\n');
  const notes = inv.creditNotes
    .map((c) => `<tr><td>${esc(c.number)}</td><td>${esc(f.date(c.issueDate))}</td><td>${esc(c.reason)}</td><td class="num">${esc(f.money(c.total))}</td></tr>`)
    .join('\n');
  const body = `
<div class="top">
  <div>${businessBlock(d, f)}</div>
  <div class="doc">
    <h1>${esc(s.invoice)}</h1>
    <table>
      ${row(s.number, inv.number)}
      ${row(s.issueDate, f.date(inv.issueDate))}
      ${row(s.dueDate, f.date(inv.dueDate))}
    </table>
    <div class="stamp stamp--${inv.status}">${esc(s.status[inv.status])}</div>
  </div>
</div>
<div class="billto">
  <div class="label">${esc(s.billTo)}</div>
  <div><strong>${esc(inv.payerName)}</strong></div>
  ${d.payerPhone ? `<div>${esc(d.payerPhone)}</div>` : ''}
</div>
<table class="lines">
  <thead><tr>
    ${perMember ? `<th>${esc(s.member)}</th>` : ''}<th>${esc(s.description)}</th><th>${esc(s.period)}</th><th class="num">${esc(s.net)}</th>
    <th class="num">${esc(s.taxRate)}</th><th class="num">${esc(s.tax)}</th><th class="num">${esc(s.amount)}</th>
  </tr></thead>
  <tbody>${lines}</tbody>
</table>
<table class="totals">
  ${row(s.subtotal, f.money(inv.subtotal))}
  ${row(s.tax, f.money(inv.taxTotal))}
  ${row(s.total, f.money(inv.total), 'grand')}
  ${row(s.paid, f.money(inv.settled))}
  ${row(s.balanceDue, f.money(inv.balance), 'grand')}
</table>
${inv.status === 'void' && inv.voidReason ? `<div class="void">${esc(fill(s.voidReason, { reason: inv.voidReason }))}</div>` : ''}
${applied ? `<h2>${esc(s.payments)}</h2><table class="small">${applied}</table>` : ''}
${notes ? `<h2>${esc(s.creditNotes)}</h2><table class="small">${notes}</table>` : ''}
<div class="foot">${esc(d.pricesIncludeTax ? s.pricesInclusive : s.pricesExclusive)}</div>`;
  return page(f, `${s.invoice} ${inv.number}`, A4_CSS, body);
}

export function closeoutHtml(d: CloseoutData, f: DocFormat): string {
  const s = f.s;
  const c = d.closeout;
  const rows = c.totals
    .map(
      (t) =>
        `<tr><td>${esc(f.method(t.method))}</td><td class="num">${esc(f.money(t.received))}</td><td class="num">${esc(f.money(t.refunded))}</td><td class="num">${esc(f.money(t.net))}</td></tr>`,
    )
    .join('\n');
  const body = `
<div class="top">
  <div>${businessBlock(d, f)}</div>
  <div class="doc"><h1>${esc(s.closeout)}</h1><table>${row(s.date, f.date(c.date))}</table></div>
</div>
<table class="lines" style="margin-top: 8mm">
  <thead><tr><th>${esc(s.method)}</th><th class="num">${esc(s.received)}</th><th class="num">${esc(s.refunded)}</th><th class="num">${esc(s.netTotal)}</th></tr></thead>
  <tbody>${rows}</tbody>
</table>
<table class="totals">
  ${row(s.received, f.money(c.receivedTotal))}
  ${row(s.refunded, f.money(c.refundedTotal))}
  ${c.openingFloat ? row(s.openingFloat, f.money(c.openingFloat)) : ''}
  ${row(s.expectedCash, f.money(c.expectedCash))}
  ${row(s.countedCash, f.money(c.countedCash))}
  ${row(s.difference, f.money(c.difference), 'grand')}
</table>
${c.note ? `<p>${esc(s.note)}: ${esc(c.note)}</p>` : ''}
<div class="foot">${esc(s.closedBy)}: ${esc(c.closedByName || '—')} · ${esc(f.instant(c.closedAt))}</div>`;
  return page(f, `${s.closeout} ${c.date}`, A4_CSS, body);
}
