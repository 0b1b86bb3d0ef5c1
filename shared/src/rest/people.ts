import { z } from 'zod';
import { roleInput } from '../api.ts';

/** `GET /me`: who the caller is, and the shops it may reach (a token: its one shop). */
export const restMe = z
  .object({
    user: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      /** the emailed confirmation link was followed (needed to email customers) */
      emailVerified: z.boolean(),
    }),
    shops: z.array(z.object({ id: z.string(), name: z.string(), role: roleInput })),
  })
  .meta({ id: 'Me' });

/** A member of a shop; the email only for an owner's eyes. */
export const restMember = z
  .object({
    id: z.string(),
    name: z.string(),
    role: roleInput,
    joinedAt: z.string(),
    email: z.string().optional(),
  })
  .meta({ id: 'Member' });

export const memberParam = z.object({ shopId: z.string().max(80), userId: z.string().max(80) });
