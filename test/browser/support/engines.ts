import { CHROMIUM } from './chromium.js';
import { Engine } from './engine.js';
import { FIREFOX } from './firefox.js';

/** The engines every browser scenario runs in. */
export const ENGINES: readonly Engine[] = [CHROMIUM, FIREFOX];
