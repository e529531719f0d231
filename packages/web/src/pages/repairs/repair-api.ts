import type { Repair } from '@kintsugi/core';
import { request } from '../../api/client';

export const repairPath = (repairId: string, rest = '') =>
  `/api/v1/repairs/${encodeURIComponent(repairId)}${rest}`;

export function putRepair<T = Repair>(path: string, body: unknown): Promise<T> {
  return request<T>('PUT', path, { body });
}

/** The day `days` from today, as YYYY-MM-DD in local time. */
export function dayFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}
