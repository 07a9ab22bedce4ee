import type { Messages } from './en.js';

export default {
  title: 'Ihre Cookie-Auswahl',
  intro:
    'Wir verwenden notwendige Cookies, damit diese Website funktioniert. Mit Ihrer Einwilligung verwenden wir außerdem Cookies, um Ihre Einstellungen zu speichern, die Nutzung der Website zu messen und personalisierte Werbung zu zeigen. Nichts Optionales läuft, bevor Sie wählen.',
  introOptOut:
    'Wir und unsere Partner verwenden Cookies, um die Nutzung der Website zu messen und personalisierte Werbung zu zeigen. Sie können dem Verkauf oder der Weitergabe Ihrer personenbezogenen Daten und gezielter Werbung jederzeit widersprechen.',
  refusalConsequence:
    'Sie können optionale Cookies ablehnen. Die Website funktioniert weiter, aber Chat, Videos und personalisierte Inhalte sind dann eventuell nicht verfügbar.',
  howToDisable: 'Sie können Cookies auch in Ihren Browser-Einstellungen blockieren oder löschen und Ihre Auswahl hier jederzeit ändern.',
  recipients: 'Analyse- und Werbedaten gehen an die unter Anpassen aufgeführten Anbieter.',
  privacyPolicy: 'Datenschutzerklärung',
  acceptAll: 'Alle akzeptieren',
  rejectAll: 'Alle ablehnen',
  customize: 'Anpassen',
  saveChoices: 'Auswahl speichern',
  acknowledge: 'OK',
  close: 'Schließen',
  preferencesTitle: 'Cookie-Einstellungen',
  preferencesIntro: 'Wählen Sie, welche Cookies wir verwenden dürfen. Notwendige Cookies sind immer aktiv. Sie können Ihre Auswahl jederzeit ändern.',
  necessary: 'Notwendig',
  necessaryPurpose: 'Sicherheit, Netzwerkverwaltung und Barrierefreiheit. Ohne sie funktioniert die Website nicht.',
  functional: 'Funktional',
  functionalPurpose: 'Speichern Ihre Sprache und Einstellungen und ermöglichen Chat und Videos.',
  analytics: 'Analyse',
  analyticsPurpose:
    'Messen, wie die Website genutzt wird und wie Kampagnen wirken. Wenn Sie das Portal nutzen, wird Ihre Aktivität auf der Website und im Portal zusammengeführt.',
  advertising: 'Werbung',
  advertisingPurpose: 'Zeigen personalisierte Werbung mit unseren Werbepartnern und messen deren Erfolg.',
  alwaysOn: 'Immer aktiv',
  notForMinors: 'Für Minderjährige nicht verfügbar',
  services: 'Dienste ({count})',
  provider: 'Anbieter',
  cookie: 'Cookie',
  duration: 'Dauer',
  purpose: 'Zweck',
  noCookies: 'Setzt keine eigenen Cookies.',
  privacyChoices: 'Ihre Datenschutzoptionen',
  privacyChoicesIntro:
    'Sie können dem Verkauf oder der Weitergabe Ihrer personenbezogenen Daten und gezielter Werbung widersprechen. Dann schalten wir Werbe-Cookies und Werbepartner ab.',
  optOut: 'Meine personenbezogenen Daten nicht verkaufen oder weitergeben / gezielte Werbung',
  gpcHonored: 'Widerspruch berücksichtigt: Ihr Browser hat ein Global-Privacy-Control-Signal gesendet.',
} satisfies Messages;
