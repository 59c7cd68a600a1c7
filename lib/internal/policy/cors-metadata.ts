/**
 * What `@Cors(...)` stores on a controller or handler. Arguments are kept as given and
 * validated when the app initializes, so that every mistake is reported at once.
 */
export type CorsMetadata =
  | { readonly disabled: true }
  | { readonly disabled: false; readonly policyName?: unknown; readonly options?: unknown };
