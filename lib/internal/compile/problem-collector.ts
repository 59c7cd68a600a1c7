import { CorsConfigurationProblem } from '../../errors/cors-configuration.error.js';
import { FieldProblem } from '../policy/validate-policy-options.js';

/**
 * Collects problems with their location. A problem found in one place is reported there, once
 * per place. A problem of a route's merged policy that was already reported where it was set
 * (module options, a named policy) is not repeated; one that first appears on several routes is
 * reported once, listing the routes.
 */
export class ProblemCollector {
  readonly problems: CorsConfigurationProblem[] = [];
  private readonly reported = new Set<string>();
  private readonly byRouteLocation = new Map<string, { problem: CorsConfigurationProblem; routes: string[] }>();

  /** Problems of one configuration source (module options, a policy, a decorator). */
  add(location: string, found: readonly FieldProblem[]): void {
    for (const problem of found) {
      this.reported.add(ProblemCollector.key(problem));
      this.problems.push({ ...problem, location });
    }
  }

  /** Problems of a route's merged policy; `location` is the closest level that configured CORS. */
  addForRoute(location: string, route: string, found: readonly FieldProblem[]): void {
    for (const problem of found) {
      const key = ProblemCollector.key(problem);
      if (this.reported.has(key)) continue;
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
