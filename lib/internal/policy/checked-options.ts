import type { CorsModuleOptions } from '../../interfaces/cors-module-options.interface.js';
import type { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';
import type { MISSPELLINGS, UNSUPPORTED_OPTIONS } from './foreign-options.js';

// The compile-time checks of options written as literals. Not exported from the package: users
// write options and read the compiler's message, never these types (their names still show in
// the message, e.g. `CorsTypeError<"origin '*' cannot be combined ...">`).

/**
 * What a configuration that browsers would refuse turns into at the type level: the offending
 * field's type becomes this, so the compiler error names the field and quotes `message`. The same
 * configurations are also refused when the app starts (for JavaScript, and for values whose type
 * is not a literal, such as `credentials: boolean`).
 */
interface CorsTypeError<Message extends string> {
  readonly __corsTypeError: Message;
}

// Literal aliases (not object aliases), so that error messages print the text itself.
type WildcardWithCredentials = "origin '*' cannot be combined with credentials: true (browsers refuse it): list the origins, or drop credentials";
type WildcardExposedWithCredentials = "exposedHeaders '*' cannot be combined with credentials: true (it would mean a header named '*'): list the headers";
type NullOrigin = "origin 'null' would allow sandboxed iframes, data: and file: pages: list real origins";
type UnknownOption = 'not a nestjs-cors option: check the spelling';
type UnknownPolicyName = 'no policy of that name in policies';
type ModuleOnlyOption = 'a CorsModule option: it can only be set in CorsModule.forRoot()';

/** Options of `cors` and `@fastify/cors` this library does not take: the words of startup's `unsupported-option`. */
type UnsupportedOptions = typeof UNSUPPORTED_OPTIONS;

/** Other libraries' names for an option, lowercased, as at startup. */
type Misspellings = typeof MISSPELLINGS;

/** Whether `A` becomes `B` by at most one edit (a letter added, removed, replaced, or two swapped). */
type WithinOneEdit<A extends string, B extends string> = A extends B
  ? true
  : A extends `${infer A0}${infer ARest}`
    ? B extends `${infer B0}${infer BRest}`
      ? A0 extends B0
        ? WithinOneEdit<ARest, BRest>
        : ARest extends BRest | B
          ? true
          : A extends BRest
            ? true
            : ARest extends `${B0}${infer Tail}`
              ? BRest extends `${A0}${Tail}`
                ? true
                : false
              : false
      : ARest extends ''
        ? true
        : false
    : B extends `${string}${infer BRest}`
      ? BRest extends ''
        ? true
        : false
      : false;

/** The options of `Known` that `K` is likely a typo of: another library's name, a case slip, one edit. */
type Suggestion<K extends string, Known> =
  Lowercase<K> extends keyof Misspellings
    ? Misspellings[Lowercase<K>]
    : { [F in keyof Known & string]: WithinOneEdit<Lowercase<K>, Lowercase<F>> extends true ? F : never }[keyof Known & string];

/** What the compiler says about a key that is not an option of `Known`. */
type UnknownOptionMessage<K, Known> = K extends keyof UnsupportedOptions
  ? UnsupportedOptions[K]
  : K extends string
    ? [Suggestion<K, Known>] extends [never]
      ? K extends Exclude<keyof CorsModuleOptions, keyof Known>
        ? ModuleOnlyOption
        : UnknownOption
      : `not a nestjs-cors option: did you mean '${Suggestion<K, Known>}'?`
    : UnknownOption;

/** Inferring the literal's own type skips excess-property checks: this puts them back. */
type CheckKnownFields<P, Known> = { [K in Exclude<keyof P, keyof Known>]: CorsTypeError<UnknownOptionMessage<K, Known>> };

/** Whether `P` sets `K` to exactly `V` (a literal, not a wider type such as `boolean`). */
type SetsTo<P, K extends PropertyKey, V> = P extends { readonly [key in K]: V } ? true : false;
/** Whether `P` has its own `K`; otherwise the value comes from `Defaults`. */
type Sets<P, K extends PropertyKey> = K extends keyof P ? true : false;
/** Whether the effective `K` (own, else from `Defaults`) is exactly `V`. */
type EffectivelyIs<P, Defaults, K extends PropertyKey, V> = Sets<P, K> extends true ? SetsTo<P, K, V> : SetsTo<Defaults, K, V>;

/** `Field: '*'` with `credentials: true`, either written here or inherited from `Defaults`. */
type CheckWildcardWithCredentials<P, Defaults, Field extends PropertyKey, Message extends string> =
  EffectivelyIs<P, Defaults, 'credentials', true> extends true
    ? SetsTo<P, Field, '*'> extends true
      ? { [K in Field]: CorsTypeError<Message> }
      : EffectivelyIs<P, Defaults, Field, '*'> extends true
        ? { credentials: CorsTypeError<Message> }
        : unknown
    : unknown;

type CheckOrigin<P, Defaults> =
  SetsTo<P, 'origin', 'null'> extends true ? { origin: CorsTypeError<NullOrigin> } : CheckWildcardWithCredentials<P, Defaults, 'origin', WildcardWithCredentials>;

/**
 * Type-level checks of one policy written as a literal, intersected with its own type by
 * `@Cors()` and `CorsModule.forRoot()`: `credentials: true` with `origin: '*'` or with
 * `exposedHeaders: '*'`, `origin: 'null'`, and fields that are not options (typos), are compile
 * errors on the offending field.
 * `Defaults` are the fields a named policy inherits from the module options.
 */
export type CheckedCorsPolicy<P, Defaults = unknown, Known = CorsPolicyOptions> = CheckKnownFields<P, Known> &
  CheckOrigin<P, Defaults> &
  CheckWildcardWithCredentials<P, Defaults, 'exposedHeaders', WildcardExposedWithCredentials>;

/** A `paths` value: a name must be one of `policies`; inline options are checked over the defaults. */
type CheckPathValue<V, O> = V extends boolean
  ? unknown
  : V extends string
    ? O extends { policies: infer Policies }
      ? V extends keyof Policies
        ? unknown
        : CorsTypeError<UnknownPolicyName>
      : CorsTypeError<UnknownPolicyName>
    : CheckedCorsPolicy<V, O>;

/**
 * `CheckedCorsPolicy` for module options: the defaults, each named policy together with the
 * defaults it inherits, and each `paths` entry.
 */
export type CheckedCorsModuleOptions<O extends CorsModuleOptions> = CheckedCorsPolicy<O, unknown, CorsModuleOptions> &
  (O extends { policies: infer Policies } ? { policies: { [Name in keyof Policies]: CheckedCorsPolicy<Policies[Name], O> } } : unknown) &
  (O extends { paths: infer Paths } ? { paths: { [Pattern in keyof Paths]: CheckPathValue<Paths[Pattern], O> } } : unknown);
