/**
 * Types of the travel, clearance and who-is-where API, inferred from the server's schemas
 * (src/modules/travel/travel.schema.ts, who.schema.ts) with type-only imports, as in types.ts.
 */

import type { z } from 'zod';
import type * as t from '../../modules/travel/travel.schema';
import type * as who from '../../modules/travel/who.schema';
import type { EveryOf } from './every';

export type TravelType = (typeof t.TRAVEL_TYPES)[number];
const travelTypes = ['official', 'personal'] as const;
export const TRAVEL_TYPES: EveryOf<TravelType, typeof travelTypes> = travelTypes;
export type TravelStatus = (typeof t.TRAVEL_STATUSES)[number];

export type SegmentInput = z.input<typeof t.segmentInput>;
export type CreateTravelRequest = z.input<typeof t.createTravelRequest>;
export type Segment = z.infer<typeof t.segment>;
export type TravelRequest = z.infer<typeof t.travelRequest>;
export type TravelPage = z.infer<typeof t.travelPage>;
export type Decision = z.input<typeof t.decisionInput>;
export type ClearanceRule = z.infer<typeof t.clearanceRule>;
export type PutClearanceRule = z.input<typeof t.putClearanceRule>;
export type ClearanceMode = ClearanceRule['mode'];
export type Briefing = z.infer<typeof t.briefing>;
export type BriefingContact = Briefing['areas'][number]['contacts'][number];

/** Who-is-where. */
export type WhoItem = z.infer<typeof who.whoItem>;
export type WhoAnswer = z.infer<typeof who.whoResult>;
export type WhoTotals = WhoAnswer['totals'];
/** The query as sent (strings; `near` is "LAT,LON,KM"). */
export type WhoQuery = Partial<
  Record<'area' | 'country' | 'near' | 'at' | 'organization' | 'recruitment' | 'kind' | 'include', string>
>;
