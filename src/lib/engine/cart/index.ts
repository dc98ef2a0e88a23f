/** Sequential CART synthesizer (synthpop's "cart"), see docs/cart.md. */
export { fitCart } from './fit';
export { sampleCart } from './sample';
export { privacyKnobs, DEFAULT_PRIVACY, type PrivacyKnobs } from './privacy';
export { visitOrder } from './order';
export { CART_MODEL_FORMAT, type CartModel, type CartColumn, type CartFitOptions, type CartSampleOptions, type CartSettings } from './types';
