// What the app validates with: the shared zod schemas. Imported only through
// `schemas()` (./schemas.ts), so zod stays out of the first screen's JavaScript.
export {
  changePasswordInput,
  customerFields,
  describeIssues,
  emailField,
  lineText,
  mailSchema,
  notificationPrefs,
  parseShopDoc,
  productFields,
  sessionResponse,
  settingsFields,
  tokenInfo,
} from '@stallkeeper/shared';
export { storefront } from '@stallkeeper/shared/rest';
