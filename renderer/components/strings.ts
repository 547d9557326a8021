/** Strings of the shared UI kit (merged under `ui` in app/i18n.ts). */
export const en = {
  dialog: { close: 'Close dialog' },
  table: {
    empty: 'Nothing here yet',
    sortAscending: 'Sorted ascending',
    sortDescending: 'Sorted descending',
  },
  date: { placeholder: 'YYYY-MM-DD', pick: 'Pick a date' },
  confirm: { title: 'Are you sure?' },
  toast: { dismiss: 'Dismiss' },
};

export const zh: typeof en = {
  dialog: { close: '关闭对话框' },
  table: {
    empty: '暂无内容',
    sortAscending: '升序排列',
    sortDescending: '降序排列',
  },
  date: { placeholder: '年-月-日', pick: '选择日期' },
  confirm: { title: '确定要继续吗？' },
  toast: { dismiss: '关闭提示' },
};
