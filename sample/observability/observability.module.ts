import { Global, Module } from '@nestjs/common';
import { DecisionLog } from './decision-log.service.js';

/** The sample's log of CorsModule's decisions, for the CorsModule factory and the admin API. */
@Global()
@Module({ providers: [DecisionLog], exports: [DecisionLog] })
export class ObservabilityModule {}
