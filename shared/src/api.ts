import { z } from 'zod';
import { isSafeLine } from './text.ts';

/**
 * A name a person gives (theirs, their shop's, a device's). What the server stores is
 * zod's output, so surrounding spaces are trimmed; what no name may hold is refused.
 */
const nameField = (empty: string) =>
  z
    .string()
    .trim()
    .min(1, empty)
    .max(120)
    .refine(isSafeLine, 'A name may not contain control characters or direction overrides.');

/** Request bodies of the sync server's /api, shared with the app's forms. */
export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('Enter a valid email address.').max(254));
const deviceName = z
  .string()
  .trim()
  .max(120)
  .refine(isSafeLine, 'A device name may not contain control characters.')
  .optional();

/** A solved ALTCHA challenge (base64 JSON), when the server asks for one (`GET /api/auth/options`). */
const altcha = z.string().max(4000).optional();
/** An invite code (`/join?code=…`). */
export const inviteCode = z.string().trim().min(4).max(40);

export const registerInput = z
  .object({
    name: nameField('Enter your name.'),
    email: emailField,
    password: z.string().min(1, 'Choose a password.').max(200),
    passwordConfirm: z.string().max(200),
    /** the new shop's name; not asked when joining a shop by `invite` */
    shopName: nameField('Name your shop.').optional(),
    /** join this invite's shop instead of creating one */
    invite: inviteCode.optional(),
    deviceName,
    altcha,
  })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ['passwordConfirm'],
    message: 'The two passwords do not match.',
  })
  .refine((v) => v.invite !== undefined || v.shopName !== undefined, {
    path: ['shopName'],
    message: 'Name your shop.',
  });
export type RegisterInput = z.input<typeof registerInput>;

export const loginInput = z.object({
  email: emailField,
  password: z.string().min(1, 'Enter your password.').max(200),
  deviceName,
  /** needed after repeated failures (the server answers 400 `captcha_required`) */
  altcha,
});
export type LoginInput = z.infer<typeof loginInput>;

/** `POST /api/auth/forgot` → 202 whether or not the email has an account. */
export const forgotInput = z.object({ email: emailField, altcha });
export type ForgotInput = z.infer<typeof forgotInput>;

/** `POST /api/auth/reset` → 204; the token is the link's fragment (`/reset#<token>`). */
export const resetInput = z
  .object({
    token: z.string().trim().min(10).max(200),
    password: z.string().min(1, 'Choose a password.').max(200),
    passwordConfirm: z.string().max(200),
  })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ['passwordConfirm'],
    message: 'The two passwords do not match.',
  });
export type ResetInput = z.infer<typeof resetInput>;

/** `POST /api/auth/verify` → 204; the token is the link's fragment (`/verify#<token>`). */
export const verifyInput = z.object({ token: z.string().trim().min(10).max(200) });

/** `GET /api/auth/options`: what the forms need to know before they are sent. */
export const authOptions = z.object({
  /** forms must send a solved `altcha` (registration, reset requests, login after failures) */
  captcha: z.boolean(),
  /** false: no SMTP server is configured, messages are kept as files on the server */
  mail: z.boolean(),
});
export type AuthOptions = z.infer<typeof authOptions>;

/** `GET /api/invites/:code` (no session): what the join page shows. */
export const invitePreview = z.object({ shopName: z.string(), role: z.enum(['owner', 'seller']) });
export type InvitePreview = z.infer<typeof invitePreview>;

export const shopSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['owner', 'seller']),
});
export const sessionResponse = z.object({
  user: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    /** the email's link was followed; until then the shop's mail to customers is held */
    emailVerified: z.boolean().default(false),
  }),
  shops: z.array(shopSummarySchema),
});
export type SessionResponse = z.infer<typeof sessionResponse>;

export const apiError = z.object({ error: z.string(), reason: z.string() });
export type ApiError = z.infer<typeof apiError>;

export const updateAccountInput = z
  .object({
    name: nameField('Enter your name.').optional(),
    email: emailField.optional(),
    /** needed to change the email (the login); checked by the server */
    currentPassword: z.string().max(200).optional(),
  })
  .refine((v) => v.name !== undefined || v.email !== undefined, 'Nothing to change.');

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password.').max(200),
    newPassword: z.string().min(1, 'Choose a new password.').max(200),
    newPasswordConfirm: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.newPasswordConfirm, {
    path: ['newPasswordConfirm'],
    message: 'The two passwords do not match.',
  });

export const deleteAccountInput = z.object({ password: z.string().min(1).max(200) });
/** `DELETE /api/v1/me` */
export const deleteMeInput = z.object({
  currentPassword: z.string().min(1, 'Enter your password.').max(200),
});

export const roleInput = z.enum(['owner', 'seller']);
export const createInviteInput = z.object({
  role: roleInput.default('seller'),
  /** also send the link to this address */
  email: emailField.optional(),
});
export const acceptInviteInput = z.object({ code: inviteCode });
export const changeRoleInput = z.object({ role: roleInput });
export const createShopInput = z.object({ name: nameField('Name your shop.') });

/** What an API token may do in its shop: `read` is refused every write. */
export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** `POST /api/tokens`: a token for one of the user's shops. */
export const createTokenInput = z.object({
  name: nameField('Name the token (what it is for).').pipe(z.string().max(80)),
  shopId: z.string().regex(/^[0-9a-z]{26}$/, 'No such shop.'),
  scope: z.enum(TOKEN_SCOPES),
});
export type CreateTokenInput = z.infer<typeof createTokenInput>;

/** An API token as `/api/tokens` lists it: never its value (that is answered once, at creation). */
export const tokenInfo = z.object({
  id: z.string(),
  name: z.string(),
  shopId: z.string(),
  scope: z.enum(TOKEN_SCOPES),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type TokenInfo = z.infer<typeof tokenInfo>;

/** `GET`/`PUT /api/shops/:shopId/notifications`: which of an owner's own emails they want. */
export const notificationPrefs = z.object({
  /** yesterday's sales, low and out of stock, oversells and overdue invoices, each morning */
  digest: z.boolean(),
  /** an email the moment the server finds two devices sold the same last units */
  oversell: z.boolean(),
});
export type NotificationPrefs = z.infer<typeof notificationPrefs>;
