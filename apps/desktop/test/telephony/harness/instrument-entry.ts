// Classic-script entry loaded before the engine bundle (see page-counters.ts).
import { instrument } from './page-counters.js';

instrument();
