import { CorsConfigurationProblem } from '../../errors/cors-configuration.error.js';
import { FieldProblem } from '../policy/validate-policy-options.js';

/**
 * Collects problems with their location. A problem found in one place is reported there, once
 * per place; one of a merged policy that appears on several routes at the same place is reported
 * once, listing the routes. (Which merged problems were already reported where they were written
 * is decided before: `combination-problems.ts`.)
 */
export class ProblemCollector {
  readonly problems: CorsConfigurationProblem[] = [];
  private readonly byRouteLocation = new Map<string, { problem: CorsConfigurationProblem; routes: string[] }>();

  /** Problems of one configuration source (module options, a policy, a decorator). */
  add(location: string, found: readonly FieldProblem[]): void {
    for (const problem of found) this.problems.push({ ...problem, location });
  }

  /** Problems of an endpoint's merged policy; `location` is the level they are reported at, `route` the endpoint. */
  addForRoute(location: string, route: string, found: readonly FieldProblem[]): void {
    for (const problem of found) {
      const key = ProblemCollector.key(problem);
      const earlier = this.byRouteLocation.get(`${key}|${location}`);
      if (earlier) {
        if (earlier.routes.push(route) <= 4) earlier.problem.route = earlier.routes.join(', ');
        else earlier.problem.route = `${earlier.routes.slice(0, 4).join(', ')} and ${earlier.routes.length - 4} more`;
        continue;
      }
      const placed: CorsConfigurationProblem = { ...problem, location, route };
      this.byRouteLocation.set(`${key}|${location}`, { problem: placed, routes: [route] });
      this.problems.push(placed);
    }
  }

  private static key(problem: FieldProblem): string {
    return `${problem.code}|${problem.field}|${String(problem.value)}`;
  }
}
