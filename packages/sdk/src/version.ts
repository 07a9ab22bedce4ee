declare const __ASSENT_VERSION__: string;

/** The SDK version (set by the build): recorded in receipts, and how the script tag's files recognise each other. */
export const SDK_VERSION = typeof __ASSENT_VERSION__ === 'string' ? __ASSENT_VERSION__ : '0.0.0-dev';
