import type { RouteFacts } from '../table/cors-table.js';
import type { EndpointSource } from './endpoint-source.js';
import { validateHeaderDecorators } from './validate-decorator.js';

/**
 * Controller routes as the pipeline reads them: `@Cors()` on the controller, then on the
 * handler. A policy without `methods` allows the method of the route a preflight resolves to.
 */
export const ROUTE_ENDPOINTS: EndpointSource<RouteFacts> = {
  defaultMethods: undefined,
  check(facts, { checkDecorator }) {
    const { controller, controllerMetadata, handlerMetadata } = facts;
    const handlerLabel = `${controller.name}.${facts.handlerName}`;
    if (controllerMetadata) checkDecorator(controllerMetadata, controller.name);
    if (handlerMetadata) checkDecorator(handlerMetadata, handlerLabel);
    return [
      { level: 'controller', metadata: controllerMetadata, location: controller.name, writtenAs: 'decorator' },
      { level: 'handler', metadata: handlerMetadata, location: handlerLabel, writtenAs: 'decorator' },
    ];
  },
  name: (facts) => `${facts.method} ${facts.path}`,
  checkMerged(facts, _effective, collector) {
    collector.addForRoute(`${facts.controller.name}.${facts.handlerName}`, `${facts.method} ${facts.path}`, validateHeaderDecorators(facts.headerDecorators));
  },
};
