/**
 * The English catalogue: the reference every other language translates, and the fallback for any
 * key a catalogue or override lacks. Plain data only; `{count}` in `services` is the one placeholder.
 */
export const en = {
  title: 'Your cookie choices',
  intro:
    'We use necessary cookies to run this site. With your consent we also use cookies to remember your settings, measure how the site is used and show personalised ads. Nothing optional runs until you choose.',
  introOptOut:
    'We and our partners use cookies to measure how the site is used and to show personalised ads. You can opt out of the sale or sharing of your personal information and of targeted advertising at any time.',
  refusalConsequence:
    'You may refuse optional cookies. The site still works, but chat, videos and personalised content may be unavailable.',
  howToDisable: 'You can also block or delete cookies in your browser settings, and change your choices here at any time.',
  recipients: 'Analytics and advertising data goes to the providers listed under Customize.',
  privacyPolicy: 'Privacy statement',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  customize: 'Customize',
  saveChoices: 'Save choices',
  acknowledge: 'OK',
  close: 'Close',
  preferencesTitle: 'Cookie preferences',
  preferencesIntro: 'Choose which cookies we may use. Necessary cookies are always on. You can change your choices at any time.',
  necessary: 'Necessary',
  necessaryPurpose: 'Security, network management and accessibility. The site cannot work without them.',
  functional: 'Functional',
  functionalPurpose: 'Remember your language and settings, and run features such as chat and videos.',
  analytics: 'Analytics',
  analyticsPurpose:
    'Measure how the site is used and how campaigns perform. If you use the Portal, your website and Portal activity are combined.',
  advertising: 'Advertising',
  advertisingPurpose: 'Show personalised ads with our advertising partners and measure their results.',
  alwaysOn: 'Always on',
  notForMinors: 'Not offered to minors',
  services: 'Services ({count})',
  provider: 'Provider',
  cookie: 'Cookie',
  duration: 'Duration',
  purpose: 'Purpose',
  noCookies: 'Sets no cookies of its own.',
  privacyChoices: 'Your Privacy Choices',
  privacyChoicesIntro:
    'You can opt out of the sale or sharing of your personal information and of targeted advertising. We then switch off advertising cookies and partners.',
  optOut: 'Do not sell or share my personal information / targeted advertising',
  gpcHonored: 'Opt-out request honored: your browser sent a Global Privacy Control signal.',
};

/** Every UI string, by key. A site overrides any of them through `config.texts[lang][key]`. */
export type Messages = typeof en;
export type MessageKey = keyof Messages;

/**
 * The strings the first layer shows (and the widget's name): what `assent.js` carries for its own
 * language, so a first visit draws the banner without waiting for a language file.
 */
export const FIRST_LAYER_KEYS = [
  'title', 'intro', 'introOptOut', 'refusalConsequence', 'howToDisable', 'recipients',
  'privacyPolicy', 'acceptAll', 'rejectAll', 'customize', 'acknowledge', 'privacyChoices',
] as const satisfies readonly MessageKey[];
export type FirstLayerTexts = Pick<Messages, (typeof FIRST_LAYER_KEYS)[number]>;
