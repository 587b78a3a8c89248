// Phone numbers for the dial pad: parsing (E.164, SIP URIs, emergency and short codes) and as-you-type formatting.
export * from './dial-input-result.js';
export { parseDialInput } from './parse-dial-input.js';
export { dialableCharacters, MAX_DIAL_INPUT_LENGTH } from './characters.js';
export {
  formatDialInput,
  deleteDialableBefore,
  isPlainDialText,
  type DialInputEdit,
} from './format-dial-input.js';
export { isEmergencyNumber, isShortCode } from './short-numbers.js';
export { dialRegions, type DialRegion } from './regions.js';
