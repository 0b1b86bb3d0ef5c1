import { z } from 'zod';

/** Request bodies of the sync server's /api, shared with the app's forms. */
export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('Enter a valid email address.').max(254));
const deviceName = z.string().trim().max(120).optional();

export const registerInput = z
  .object({
    name: z.string().trim().min(1, 'Enter your name.').max(120),
    email: emailField,
    password: z.string().min(1, 'Choose a password.').max(200),
    passwordConfirm: z.string().max(200),
    shopName: z.string().trim().min(1, 'Name your shop.').max(120),
    deviceName,
  })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ['passwordConfirm'],
    message: 'The two passwords do not match.',
  });
export type RegisterInput = z.infer<typeof registerInput>;

export const loginInput = z.object({
  email: emailField,
  password: z.string().min(1, 'Enter your password.').max(200),
  deviceName,
});
export type LoginInput = z.infer<typeof loginInput>;

export const shopSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['owner', 'seller']),
});
export const sessionResponse = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  shops: z.array(shopSummarySchema),
});
export type SessionResponse = z.infer<typeof sessionResponse>;

export const apiError = z.object({ error: z.string(), reason: z.string() });
export type ApiError = z.infer<typeof apiError>;

export const updateAccountInput = z
  .object({
    name: z.string().trim().min(1, 'Enter your name.').max(120).optional(),
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

export const roleInput = z.enum(['owner', 'seller']);
export const createInviteInput = z.object({ role: roleInput.default('seller') });
export const acceptInviteInput = z.object({ code: z.string().trim().min(4).max(40) });
export const changeRoleInput = z.object({ role: roleInput });
export const createShopInput = z.object({
  name: z.string().trim().min(1, 'Name your shop.').max(120),
});
