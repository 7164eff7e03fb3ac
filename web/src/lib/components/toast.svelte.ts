export interface ToastItem {
  id: number;
  tone: 'success' | 'error' | 'info';
  text: string;
}

let next = 1;
export const toasts = $state<ToastItem[]>([]);

export function toast(text: string, tone: ToastItem['tone'] = 'success', ms = 5000) {
  const id = next++;
  toasts.push({ id, tone, text });
  setTimeout(() => dismiss(id), ms);
}

export function dismiss(id: number) {
  const i = toasts.findIndex((x) => x.id === id);
  if (i >= 0) toasts.splice(i, 1);
}
