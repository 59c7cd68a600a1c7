import { describe, expect, it } from '@jest/globals';
import { validateAsyncOptions } from '../../../lib/internal/compile/validate-module-options.js';
import { CorsConfigurationError } from '../../../lib/errors/cors-configuration.error.js';
import type { CorsModuleAsyncOptions } from '../../../lib/interfaces/cors-module-options.interface.js';

class Factory {
  createCorsOptions() {
    return {};
  }
}
const useFactory = () => ({});

describe('validateAsyncOptions: exactly one way of creating the options', () => {
  it.each<[string, object]>([
    ['useFactory', { useFactory }],
    ['useClass', { useClass: Factory }],
    ['useExisting', { useExisting: Factory }],
  ])('%s alone is accepted', (_name, options) => {
    expect(() => validateAsyncOptions(options as CorsModuleAsyncOptions)).not.toThrow();
  });

  it.each<[string, object, string]>([
    ['none', {}, 'needs one of useFactory, useClass or useExisting'],
    ['useFactory and useClass', { useFactory, useClass: Factory }, 'takes exactly one of useFactory, useClass or useExisting; 2 were given'],
    ['all three', { useFactory, useClass: Factory, useExisting: Factory }, 'takes exactly one of useFactory, useClass or useExisting; 3 were given'],
  ])('%s is refused with a CorsConfigurationError', (_name, options, message) => {
    let thrown: unknown;
    try {
      validateAsyncOptions(options as CorsModuleAsyncOptions);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CorsConfigurationError);
    const problems = (thrown as CorsConfigurationError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]!.location).toBe('CorsModule.forRootAsync()');
    expect(problems[0]!.message).toContain(message);
  });
});
