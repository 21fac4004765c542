/**
 * Types and queries of the locally cost-shared budget screens, inferred from the server's schemas
 * (src/modules/costshare/local/local.schema.ts) with type-only imports.
 */
import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as s from '../../../modules/costshare/local/local.schema';
import { api, apiUrl } from '../../api/client';

export type BudgetSummary = z.infer<typeof s.budgetSummary>;
export type BudgetDetail = z.infer<typeof s.budgetDetail>;
export type Category = z.infer<typeof s.category>;
export type JointlyFundedCost = z.infer<typeof s.jointlyFundedCost>;
export type OrganizationBill = z.infer<typeof s.organizationBill>;
export type OverdueRow = z.infer<typeof s.overdueRow>;
export type BudgetVersion = z.infer<typeof s.budgetVersion>;
export type LineInput = z.input<typeof s.lineInput>;
export type TransitionInput = z.input<typeof s.transitionInput>;
export type PaymentInput = z.input<typeof s.paymentInput>;
export type CreateBudget = z.input<typeof s.createBudget>;

const B = '/costshare/local';

export const localKeys = {
  all: ['costshare-local'] as const,
  budgets: (year: string) => ['costshare-local', 'budgets', year] as const,
  budget: (id: string) => ['costshare-local', 'budget', id] as const,
  history: (id: string) => ['costshare-local', 'history', id] as const,
  categories: ['costshare-local', 'categories'] as const,
  register: (country: string) => ['costshare-local', 'register', country] as const,
  bill: (org: string, year: string) => ['costshare-local', 'bill', org, year] as const,
  overdue: (on: string) => ['costshare-local', 'overdue', on] as const,
};

export const refreshLocal = (client: QueryClient) => client.invalidateQueries({ queryKey: localKeys.all });

export const useBudgets = (year: string) =>
  useQuery({
    queryKey: localKeys.budgets(year),
    queryFn: ({ signal }) => api.get<BudgetSummary[]>(`${B}/budgets`, { year }, signal),
  });

export const useBudget = (id: string) =>
  useQuery({
    queryKey: localKeys.budget(id),
    queryFn: ({ signal }) => api.get<BudgetDetail>(`${B}/budgets/${id}`, undefined, signal),
  });

export const useHistory = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: localKeys.history(id),
    queryFn: ({ signal }) => api.get<BudgetVersion[]>(`${B}/budgets/${id}/history`, undefined, signal),
    enabled,
  });

export const useCategories = () =>
  useQuery({
    queryKey: localKeys.categories,
    queryFn: ({ signal }) => api.get<Category[]>(`${B}/categories`, undefined, signal),
    staleTime: 60_000,
  });

export const useRegister = (country: string) =>
  useQuery({
    queryKey: localKeys.register(country),
    queryFn: ({ signal }) => api.get<JointlyFundedCost[]>(`${B}/jointly-funded`, { country }, signal),
  });

export const useBill = (org: string, year: string) =>
  useQuery({
    queryKey: localKeys.bill(org, year),
    queryFn: ({ signal }) => api.get<OrganizationBill>(`${B}/organizations/${org}/bill`, { year }, signal),
    enabled: org !== '',
  });

export const useOverdue = (on: string) =>
  useQuery({
    queryKey: localKeys.overdue(on),
    queryFn: ({ signal }) => api.get<OverdueRow[]>(`${B}/overdue`, { on }, signal),
  });

/** Where an export downloads from (a plain link: the session cookie goes with it). */
export const exportUrl = (ext: 'csv' | 'xlsx' | 'pdf', q: { year?: string; organization?: string }) =>
  apiUrl(`${B}/export.${ext}`, q);

export const budgetsPath = B;

/** Cents as "1,234.56" (integers only: no float touches the amount). */
export function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** "1234.5" or "1,234.50" → 123450 cents; NaN when it is not an amount with up to two decimals. */
export function parseCents(text: string): number {
  const t = text.replace(/[,\s]/g, '');
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return Number.NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export const STATUS_TEXT: Record<BudgetSummary['status'], string> = {
  draft: 'Draft',
  circulated: 'Circulated in country',
  approved: 'Approved by the SMT',
  billed: 'Billed',
  closed: 'Closed',
};
