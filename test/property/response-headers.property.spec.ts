import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { applyActualCors } from '../../lib/internal/response/apply-actual-cors.js';
import { ResponseWriter } from '../../lib/internal/http/response-writer.js';
import { CompiledPolicy } from '../../lib/internal/policy/compiled-policy.js';
import { checkOrigin } from '../../lib/internal/policy/check-origin.js';
import { validatePolicyFields } from '../../lib/internal/policy/validate-policy-options.js';
import { validateCombination } from '../../lib/internal/policy/validate-combination.js';
import { RouteTarget } from '../../lib/internal/table/cors-table.js';
import { createEntryHook } from '../../lib/internal/request/entry-hook.js';
import {
  MAX_EMPTY_ITEMS,
  MAX_REQUEST_HEADERS_LENGTH,
  MAX_REQUEST_HEADER_NAMES,
} from '../../lib/internal/http/request-header-names.js';
import { RouterEntry } from '../../lib/internal/routing/preflight-router.js';
import { fakeRequestPath } from '../unit/support/fake-request-path.js';
import {
  OriginRule,
  PolicySpec,
  anyStringArb,
  compileSpec,
  originHeaderArb,
  originRuleArb,
  policySpecArb,
  referenceRequestHeaderNames,
  referenceVerdict,
  seedsOfRule,
  serialize,
  toOptions,
  urlCanonical,
  validMethodArb,
  validRequestHeaderArb,
} from './arbitraries.js';
import { isModelExtensionOrigin } from './extension-arbitraries.js';
import { PROPERTY_TIMEOUT_MS, fcParams } from './fast-check-settings.js';

const ACAO = 'access-control-allow-origin';
const ACAC = 'access-control-allow-credentials';
const ACAM = 'access-control-allow-methods';
const ACAH = 'access-control-allow-headers';
const ACEH = 'access-control-expose-headers';
const ACMA = 'access-control-max-age';
const ACAPN = 'access-control-allow-private-network';

const CAPS = { maxLength: MAX_REQUEST_HEADERS_LENGTH, maxNames: MAX_REQUEST_HEADER_NAMES, maxEmpty: MAX_EMPTY_ITEMS };

/** A response whose header names are case-insensitive (as on Node), recording every call. */
class FakeResponse {
  readonly headers = new Map<string, string>();
  readonly calls: string[] = [];
  sent: { status: number; headers: Record<string, string> } | undefined;
}

const writer: ResponseWriter = {
  getHeader: (res, name) => (res as FakeResponse).headers.get(name.toLowerCase()),
  setHeader: (res, name, value) => {
    (res as FakeResponse).calls.push(`set ${name.toLowerCase()}`);
    (res as FakeResponse).headers.set(name.toLowerCase(), value);
  },
  removeHeader: (res, name) => {
    (res as FakeResponse).calls.push(`remove ${name.toLowerCase()}`);
    (res as FakeResponse).headers.delete(name.toLowerCase());
  },
  seal: () => undefined,
  nodeResponse: () => undefined,
  sendEmpty: (res, status, headers) => {
    const response = res as FakeResponse;
    if (response.sent !== undefined) throw new Error('sendEmpty called twice');
    response.sent = { status, headers };
  },
};

/** Tokens of a header list value (`Vary`, ACAH), split on commas and trimmed. */
function listTokens(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(',').map((t) => t.trim()).filter((t) => t !== '');
}

function countOrigin(vary: string | undefined): number {
  return listTokens(vary).filter((t) => t.toLowerCase() === 'origin').length;
}

function isValid(spec: PolicySpec): boolean {
  const options = toOptions(spec);
  return validatePolicyFields(options).length === 0 && validateCombination(options).length === 0;
}

const noop = () => undefined;

describe('actual responses: CORS header invariants (property)', () => {
  const actualCase = policySpecArb().chain((spec) => fc.tuple(fc.constant(spec), originHeaderArb(spec.origin), fc.boolean()));

  it(
    'applyActualCors writes at most one ACAO, never * with credentials, never another origin, never for a refused origin, and Vary: Origin when the answer depends on it',
    async () => {
      await fc.assert(
        fc.asyncProperty(actualCase, async ([spec, origin, scrub]) => {
          fc.pre(isValid(spec));
          const policy = compileSpec(spec);
          const allowed = origin === undefined ? false : await checkOrigin(policy, origin, {}, 1000, noop);
          const response = new FakeResponse();
          applyActualCors(policy, origin, allowed, response, writer, scrub);
          const h = response.headers;
          const acao = h.get(ACAO);
          const reference = origin === undefined ? false : referenceVerdict(spec, origin);

          // Decision agrees with the reference model (both ways).
          if (reference !== 'ambiguous' && origin !== undefined) expect({ origin, allowed }).toEqual({ origin, allowed: reference });

          // M1: at most one ACAO, exactly '*' or exactly the request's Origin.
          expect(response.calls.filter((c) => c === `set ${ACAO}`).length).toBeLessThanOrEqual(1);
          if (acao !== undefined) {
            // Canonical: as the URL parser serializes it, or an extension origin (opaque to that parser).
            expect(acao === '*' || (acao === origin && (urlCanonical(acao) !== undefined || isModelExtensionOrigin(acao)))).toBe(true);
          }
          // M3: ACAC only 'true', only with a concrete ACAO, only when credentials are configured.
          const acac = h.get(ACAC);
          if (acac !== undefined) {
            expect(acac).toBe('true');
            expect(acao).toBeDefined();
            expect(acao).not.toBe('*');
            expect(spec.credentials).toBe(true);
          }
          // M14: ACEH only with a permission, never Set-Cookie, never '*' with credentials.
          const aceh = h.get(ACEH);
          if (aceh !== undefined) {
            expect(acao).toBeDefined();
            expect(listTokens(aceh).some((t) => /^set-cookie2?$/i.test(t))).toBe(false);
            if (acac !== undefined) expect(listTokens(aceh)).not.toContain('*');
          }
          // Preflight-only headers never appear on an actual response (M13, N5).
          for (const name of [ACAM, ACAH, ACMA, ACAPN]) expect(h.has(name)).toBe(false);

          if (policy.anyOrigin) {
            // M12: '*' on every response, with or without Origin.
            expect(acao).toBe('*');
          } else {
            // N1/N2: a refused origin (or no origin) gets no permission at all.
            if (!allowed) {
              expect({ acao, acac, aceh }).toEqual({ acao: undefined, acac: undefined, aceh: undefined });
            } else {
              expect(acao).toBe(origin);
            }
            // M11: Vary: Origin on every response whose answer depends on the origin, exactly once.
            expect({ vary: h.get('vary'), origins: countOrigin(h.get('vary')) }).toEqual({ vary: h.get('vary'), origins: 1 });
          }
        }),
        fcParams(),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('preflights: CORS header invariants (property)', () => {
  /** 1..3 candidate policies (as for routes differing only by version), usually sharing their origin rule. */
  const candidatesArb = originRuleArb.chain((rule) =>
    fc.array(policySpecArb(fc.oneof({ weight: 6, arbitrary: fc.constant<OriginRule>(rule) }, { weight: 1, arbitrary: originRuleArb })), {
      minLength: 1,
      maxLength: 3,
    }),
  );

  const preflightCase = candidatesArb.chain((specs) => {
    // Biased towards what every candidate allows, so that both answers are frequent.
    const lists = specs.map((s) => s.methods).filter((m) => m !== undefined);
    const methods = lists.length === 0 ? [] : lists[0]!.filter((m) => lists.every((l) => l.includes(m)));
    const headerLists = specs.map((s) => s.allowedHeaders).filter((h) => Array.isArray(h));
    const headerNames = headerLists.length === 0 ? [] : headerLists[0]!.filter((h) => headerLists.every((l) => l.map((n) => n.toLowerCase()).includes(h.toLowerCase())));
    const nameArb =
      headerNames.length > 0
        ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...headerNames) }, { weight: 1, arbitrary: validRequestHeaderArb })
        : headerLists.length > 0
          ? fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: validRequestHeaderArb })
          : validRequestHeaderArb;
    const acrhArb = fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .tuple(fc.array(nameArb, { maxLength: 4 }), fc.constantFrom(',', ', ', ' , ', ',,', '\t,'))
          .map(([names, sep]) => names.filter((n) => n !== null).join(sep)),
      },
      { weight: 1, arbitrary: fc.constantFrom('*', 'authorization', 'x-a, x-b', 'x a', 'x-a;', ',,,,,,,,,,,,,,,,,,,,', 'X-UPPER') },
      { weight: 1, arbitrary: anyStringArb(30) },
    );
    return fc.record({
      specs: fc.constant(specs),
      origin: fc.oneof(
        { weight: 2, arbitrary: seedsOfRule(specs[0]!.origin).map(serialize) },
        { weight: 1, arbitrary: originHeaderArb(specs[0]!.origin).map((o) => o ?? 'null') },
      ),
      method: fc.oneof(
        { weight: 8, arbitrary: methods.length > 0 ? fc.constantFrom(...methods) : fc.constantFrom('GET', 'POST', 'PUT', 'PATCH') },
        { weight: 1, arbitrary: validMethodArb },
        { weight: 1, arbitrary: fc.constantFrom('*', 'get', 'GET POST', 'PUT,', '', 'X'.repeat(33), 'DÉLETE') },
      ),
      acrh: fc.option(acrhArb, { nil: undefined }),
      privateNetwork: fc.boolean(),
    });
  });

  async function runPreflight(policies: CompiledPolicy[], headers: Record<string, string>): Promise<FakeResponse> {
    const entry: RouterEntry<RouteTarget> = {
      method: headers['access-control-request-method']!,
      path: '/r',
      regexp: /^\/r$/,
      candidates: policies.map((policy, i) => ({ policy, label: `Candidate${i}.get`, strategy: 'entry-hook' as const })),
    };
    const response = new FakeResponse();
    let passed = false;
    await new Promise<void>((resolve) => {
      const finishing: ResponseWriter = {
        ...writer,
        sendEmpty: (res, status, h) => {
          writer.sendEmpty(res, status, h);
          resolve();
        },
      };
      const hook = createEntryHook(fakeRequestPath({ writer: finishing, entry }));
      hook.call(undefined, { method: 'OPTIONS', url: '/r', headers }, response, () => {
        passed = true;
        resolve();
      });
    });
    expect(passed).toBe(false);
    return response;
  }

  it(
    'a preflight gets one ACAO (* or the Origin), no ACAC with *, only what every candidate allows, and no permission at all when refused',
    async () => {
      await fc.assert(
        fc.asyncProperty(preflightCase, async ({ specs, origin, method, acrh, privateNetwork }) => {
          fc.pre(specs.every(isValid));
          const policies = specs.map((s) => compileSpec(s));
          const request: Record<string, string> = { origin, 'access-control-request-method': method };
          if (acrh !== undefined) request['access-control-request-headers'] = acrh;
          if (privateNetwork) request['access-control-request-private-network'] = 'true';
          const response = await runPreflight(policies, request);
          expect(response.sent).toBeDefined();
          const { status, headers } = response.sent!;
          const h = new Map<string, string>();
          for (const [name, value] of Object.entries(headers)) {
            // Two spellings of one name would be two header lines.
            expect(h.has(name.toLowerCase())).toBe(false);
            h.set(name.toLowerCase(), value);
          }

          // Reference decision.
          const names = acrh === undefined ? [] : referenceRequestHeaderNames(acrh, CAPS);
          const methodOk = method.length <= 32 && /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(method);
          const verdicts = specs.map((s) => referenceVerdict(s, origin));
          const fieldsOk = specs.every(
            (s) =>
              (s.methods === undefined || s.methods.includes(method)) &&
              (s.allowedHeaders === undefined ||
                s.allowedHeaders === '*' ||
                (names ?? []).every((n) => (s.allowedHeaders as string[]).map((a) => a.toLowerCase()).includes(n))),
          );
          const expected = methodOk && names !== undefined && fieldsOk ? (verdicts.includes('ambiguous') ? 'ambiguous' : verdicts.every((v) => v === true)) : false;
          const granted = h.has(ACAO);
          if (expected !== 'ambiguous') expect({ granted, status }).toEqual({ granted: expected, status: expected ? (specs[0]!.optionsSuccessStatus ?? 204) : 403 });

          // M11: Vary: Origin on every preflight answer.
          expect(countOrigin(h.get('vary'))).toBe(1);

          if (!granted) {
            // M8: a refused preflight omits every CORS response header.
            expect(status).toBe(403);
            expect([...h.keys()].filter((n) => n.startsWith('access-control-'))).toEqual([]);
            return;
          }
          // M7: ok status.
          expect(status >= 200 && status <= 299).toBe(true);
          // M1: '*' only if every candidate allows any origin; else exactly the request's Origin.
          const acao = h.get(ACAO)!;
          if (policies.every((p) => p.anyOrigin)) expect(acao).toBe('*');
          else expect(acao).toBe(origin);
          expect(verdicts.every((v) => v !== false)).toBe(true);
          // M3/N2: ACAC only 'true', never with '*', only when every candidate has credentials.
          const acac = h.get(ACAC);
          if (acac !== undefined) {
            expect(acac).toBe('true');
            expect(acao).not.toBe('*');
            expect(specs.every((s) => s.credentials === true)).toBe(true);
          } else {
            expect(specs.every((s) => s.credentials === true) && acao !== '*').toBe(false);
          }
          // M10: ACAM echoes the (allowed) method; ACAH echoes only allowed names.
          expect(h.get(ACAM)).toBe(method);
          const acah = h.get(ACAH);
          expect(listTokens(acah)).toEqual(names);
          // M13: ACMA is the smallest max-age, only when every candidate sets one.
          const maxAges = specs.map((s) => s.maxAge);
          expect(h.get(ACMA)).toBe(maxAges.every((m) => m !== undefined) ? String(Math.min(...(maxAges as number[]))) : undefined);
          // M14: no ACEH on a preflight.
          expect(h.has(ACEH)).toBe(false);
          // N13: ACAPN only when asked for and every candidate allows it.
          expect(h.get(ACAPN)).toBe(privateNetwork && specs.every((s) => s.allowPrivateNetwork === true) ? 'true' : undefined);
        }),
        fcParams(),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
