/**
 * Member photos: taken with the PC's camera (Chromium's fake camera stream) on the member page, stored small,
 * shown in the check-in result to stop card sharing; replaced from a file; removed. Both languages.
 */
import fs from 'node:fs';
import type { Host } from '../../electron/host/host';
import { PHOTO_MAX_BYTES } from '../../shared/lists';
import { CHROMIUM_ARGS, TEST_CHROMIUM } from '../support/chromium';
import { expect, test } from './harness';

// The configured Chromium, with a fake camera (a moving test pattern) and the permission prompt answered yes.
test.use({
  launchOptions: {
    executablePath: TEST_CHROMIUM,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});

const SHOTS = '/work/shots/members';

async function seed(host: Host) {
  const plan = await host.invoke('plans.create', { kind: 'recurring', name: 'Monthly 月卡', price: 30000, interval: 'month', taxRateBp: 0 });
  const zhang = await host.invoke('members.create', { name: '张三', phone: '13800138000', cardNo: 'A1001' });
  const sale = await host.invoke('subscriptions.create', { memberId: zhang.id, planId: plan.id });
  await host.invoke('payments.record', { payerId: zhang.id, method: 'cash', amount: sale.invoices[0]!.total });
  return zhang;
}

/** A JPEG's width and height, read from its SOF marker. */
function jpegSize(b64: string): { width: number; height: number } {
  const b = Buffer.from(b64, 'base64');
  for (let i = 2; i < b.length; ) {
    const marker = b[i + 1]!;
    const len = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc2) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    i += 2 + len;
  }
  throw new Error('no SOF');
}

for (const lang of ['en', 'zh-CN'] as const) {
  const w =
    lang === 'en'
      ? { take: 'Take photo', camera: 'Photo of 张三', capture: 'Capture', saved: 'Photo saved', alt: 'Photo of 张三', result: 'Check-in result', ok: 'Checked in', file: 'From a file…', remove: 'Remove photo', none: 'No photo yet', box: 'Card, name, pinyin or phone' }
      : { take: '拍照', camera: '为 张三 拍照', capture: '拍摄', saved: '照片已保存', alt: '张三 的照片', result: '签到结果', ok: '签到成功', file: '从文件选择…', remove: '删除照片', none: '还没有照片', box: '卡号、姓名、拼音或电话' };

  test(`a photo from the camera is stored small and shown at check-in (${lang})`, async ({ app }) => {
    await app.setup(lang);
    const zhang = await seed(app.host);
    const { page } = app;
    await page.goto(`${app.url}#/members?member=${zhang.id}`);
    await expect(page.getByTestId('member-photo-empty')).toHaveText(w.none);
    await page.getByRole('button', { name: w.take }).click();
    const camera = page.getByRole('dialog', { name: w.camera });
    const capture = camera.getByRole('button', { name: w.capture });
    await expect(capture).toBeEnabled();
    await capture.click();
    await expect(camera).toBeHidden();
    await expect(page.getByText(w.saved)).toBeVisible();
    await expect(page.getByRole('img', { name: w.alt })).toBeVisible();

    // Stored small: a JPEG of at most 320 px and 60 KB, and the change is in the audit log without the image.
    const stored = await app.host.invoke('members.photo', { memberId: zhang.id });
    expect(stored).not.toBeNull();
    const size = jpegSize(stored!.jpeg);
    expect(Math.max(size.width, size.height)).toBe(320);
    expect(Buffer.from(stored!.jpeg, 'base64').length).toBeLessThanOrEqual(PHOTO_MAX_BYTES);
    const audit = app.host.db.prepare("SELECT before, after FROM audit_log WHERE entity = 'member_photo'").all() as { before: string | null; after: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before).toBeNull();
    expect(audit[0]!.after).not.toContain(stored!.jpeg.slice(0, 40));

    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/member-photo-${lang}.png` });

    // At the door: the card is scanned and the face is there to compare.
    await page.goto(`${app.url}#/checkin`);
    const box = page.getByRole('textbox', { name: w.box });
    await box.fill('A1001');
    await box.press('Enter');
    const result = page.getByRole('status', { name: w.result });
    await expect(result).toContainText(w.ok);
    await expect(result.getByRole('img', { name: w.alt })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/checkin-photo-${lang}-1280.png` });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: `${SHOTS}/checkin-photo-${lang}-1366.png` });
  });
}

test('a photo is replaced from a file and removed; a member without one shows no photo at check-in', async ({ app }) => {
  await app.setup('en');
  const zhang = await seed(app.host);
  const { page } = app;
  await page.goto(`${app.url}#/members?member=${zhang.id}`);
  // A large picture file (1200 × 900 PNG drawn in the page) is shrunk before it is sent.
  const png = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 1200;
    c.height = 900;
    const g = c.getContext('2d')!;
    g.fillStyle = '#2e90fa';
    g.fillRect(0, 0, 1200, 900);
    g.fillStyle = '#fff';
    g.fillRect(300, 200, 600, 500);
    return c.toDataURL('image/png').split(',')[1]!;
  });
  await page.getByTestId('photo-file').setInputFiles({ name: 'face.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
  await expect(page.getByRole('img', { name: 'Photo of 张三' })).toBeVisible();
  const stored = await app.host.invoke('members.photo', { memberId: zhang.id });
  expect(jpegSize(stored!.jpeg)).toEqual({ width: 320, height: 240 });

  // Not a picture: refused with a message, the photo kept.
  await page.getByTestId('photo-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(page.getByText('That file is not a picture this PC can read.')).toBeVisible();
  expect((await app.host.invoke('members.photo', { memberId: zhang.id }))!.jpeg).toBe(stored!.jpeg);

  await page.getByRole('button', { name: 'Remove photo' }).click();
  await page.getByRole('dialog', { name: 'Remove photo' }).getByRole('button', { name: 'Remove photo' }).click();
  await expect(page.getByTestId('member-photo-empty')).toBeVisible();
  expect(await app.host.invoke('members.photo', { memberId: zhang.id })).toBeNull();

  await page.goto(`${app.url}#/checkin`);
  const box = page.getByRole('textbox', { name: 'Card, name, pinyin or phone' });
  await box.fill('A1001');
  await box.press('Enter');
  const result = page.getByRole('status', { name: 'Check-in result' });
  await expect(result).toContainText('Checked in');
  await expect(result.getByRole('img')).toHaveCount(0);
});
