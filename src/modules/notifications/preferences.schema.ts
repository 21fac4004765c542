import { z } from 'zod';

/** E.164: a plus, a country code not starting with 0, 8 to 15 digits in all. */
export const E164 = /^\+[1-9][0-9]{7,14}$/;
/** A language tag as the message templates are keyed: "en", "fr", "pt-BR". */
const LANGUAGE = /^[a-z]{2,3}(-[A-Z]{2})?$/;

export const preferences = z.object({
  emailEnabled: z.boolean(),
  smsEnabled: z.boolean(),
  phone: z.string().nullable(),
  language: z.string(),
  /** 0 until the person first saves their preferences (the defaults apply). */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type Preferences = z.infer<typeof preferences>;

export const updatePreferences = z
  .strictObject({
    emailEnabled: z.boolean(),
    smsEnabled: z.boolean(),
    phone: z.string().trim().regex(E164, 'a phone number in E.164 form, e.g. +41227917000').nullable(),
    language: z.string().trim().regex(LANGUAGE, 'a language tag such as en, fr or pt-BR'),
    /** The version read (0 when none was saved yet). */
    version: z.number().int().nonnegative(),
  })
  .refine((p) => !p.smsEnabled || p.phone !== null, {
    path: ['phone'],
    message: 'SMS needs a phone number',
  });
export type UpdatePreferences = z.infer<typeof updatePreferences>;
